//! Request framing: the head parsed by `httparse`, the body by `Content-Length` or chunked
//! transfer coding, with the sandbox's size limits.

const MAX_HEAD: usize = 64 * 1024;

const MAX_BODY: usize = 256 * 1024 * 1024;

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Head {
    pub(crate) len: usize,
    pub(crate) method: (usize, usize),
    pub(crate) target: (usize, usize),
    pub(crate) http10: bool,
    pub(crate) content_length: Option<usize>,
    pub(crate) chunked: bool,
    pub(crate) expect_continue: bool,
    pub(crate) close: bool,
    pub(crate) keep_alive: bool,
    pub(crate) content_type: Option<(usize, usize)>,
    pub(crate) authorization: Option<(usize, usize)>,
    pub(crate) host: Option<(usize, usize)>,
    pub(crate) language: Option<(usize, usize)>,
}

pub(crate) enum Body {
    Range(usize, usize),
    Owned(Vec<u8>),
}

pub(crate) struct Req {
    pub(crate) head: Head,
    pub(crate) body: Body,
    /// Bytes of `buf` this request spans.
    pub(crate) total: usize,
    /// Bytes at the end of the request still unread in the kernel (0 or 1).
    pub(crate) unread: usize,
}

/// How many header lines a request may have.
const MAX_HEADERS: usize = 128;

/// The byte range of `part` (a slice of `buf`) inside `buf`.
fn range_in(buf: &[u8], part: &[u8]) -> (usize, usize) {
    let start = (part.as_ptr() as usize).saturating_sub(buf.as_ptr() as usize);
    (start, start + part.len())
}

/// `range` without the spaces and tabs at either end.
fn trim_range(buf: &[u8], (mut a, mut b): (usize, usize)) -> (usize, usize) {
    while a < b && (buf[a] == b' ' || buf[a] == b'\t') {
        a += 1;
    }
    while b > a && (buf[b - 1] == b' ' || buf[b - 1] == b'\t') {
        b -= 1;
    }
    (a, b)
}

/// Parses a request head with `httparse`: `Ok(None)` while it is incomplete.
fn parse_head(buf: &[u8]) -> Result<Option<Head>, &'static str> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    let len = match req.parse(buf) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) if buf.len() > MAX_HEAD => {
            return Err("request head too large")
        }
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::Version) => return Err("unsupported HTTP version"),
        Err(httparse::Error::TooManyHeaders) => return Err("too many headers"),
        Err(httparse::Error::HeaderName | httparse::Error::HeaderValue) => {
            return Err("malformed header line")
        }
        Err(_) => return Err("malformed request line"),
    };
    let (Some(method), Some(target)) = (req.method, req.path) else {
        return Err("malformed request line");
    };
    if len > MAX_HEAD {
        return Err("request head too large");
    }
    let mut h = Head {
        len,
        method: range_in(buf, method.as_bytes()),
        target: trim_range(buf, range_in(buf, target.as_bytes())),
        http10: req.version == Some(0),
        ..Head::default()
    };
    if h.target.0 == h.target.1 {
        return Err("malformed request line");
    }
    for header in req.headers.iter() {
        let value = trim_range(buf, range_in(buf, header.value));
        let v = &buf[value.0..value.1];
        let name = header.name;
        if name.eq_ignore_ascii_case("content-length") {
            let n = std::str::from_utf8(v)
                .ok()
                .and_then(|s| s.parse::<usize>().ok())
                .ok_or("invalid Content-Length")?;
            if h.content_length.is_some_and(|old| old != n) {
                return Err("conflicting Content-Length headers");
            }
            if n > MAX_BODY {
                return Err("request body too large");
            }
            h.content_length = Some(n);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            if v.to_ascii_lowercase().windows(7).any(|w| w == b"chunked") {
                h.chunked = true;
            }
        } else if name.eq_ignore_ascii_case("connection") {
            for token in v.split(|&c| c == b',') {
                let token = token.trim_ascii();
                if token.eq_ignore_ascii_case(b"close") {
                    h.close = true;
                } else if token.eq_ignore_ascii_case(b"keep-alive") {
                    h.keep_alive = true;
                }
            }
        } else if name.eq_ignore_ascii_case("expect") {
            h.expect_continue = v.eq_ignore_ascii_case(b"100-continue");
        } else if name.eq_ignore_ascii_case("content-type") {
            h.content_type = Some(value);
        } else if name.eq_ignore_ascii_case("authorization") {
            h.authorization = Some(value);
        } else if name.eq_ignore_ascii_case("host") {
            h.host = Some(value);
        } else if name.eq_ignore_ascii_case("language") {
            h.language = Some(value);
        }
    }
    Ok(Some(h))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes a chunked body: `Ok(None)` while incomplete, else the body and the bytes it spans.
fn decode_chunked(data: &[u8]) -> Result<Option<(Vec<u8>, usize)>, &'static str> {
    let mut pos = 0;
    let mut out = Vec::new();
    loop {
        let Some(rel) = find(&data[pos..], b"\r\n") else {
            return if data.len() - pos > 1024 {
                Err("malformed chunk size")
            } else {
                Ok(None)
            };
        };
        let line = &data[pos..pos + rel];
        let size_part = line.split(|&c| c == b';').next().unwrap_or(b"");
        let size = std::str::from_utf8(size_part)
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
            .ok_or("malformed chunk size")?;
        pos += rel + 2;
        if size == 0 {
            loop {
                let Some(rel) = find(&data[pos..], b"\r\n") else {
                    return Ok(None);
                };
                pos += rel + 2;
                if rel == 0 {
                    return Ok(Some((out, pos)));
                }
            }
        }
        if out.len() + size > MAX_BODY {
            return Err("request body too large");
        }
        if data.len() < pos + size + 2 {
            return Ok(None);
        }
        out.extend_from_slice(&data[pos..pos + size]);
        if &data[pos + size..pos + size + 2] != b"\r\n" {
            return Err("malformed chunk");
        }
        pos += size + 2;
    }
}

/// Whether `buf` holds a whole request: parses the head once (kept in `head`).
pub(crate) fn complete(buf: &[u8], head: &mut Option<Head>) -> Result<Option<Req>, &'static str> {
    if head.is_none() {
        match parse_head(buf)? {
            None => return Ok(None),
            Some(h) => *head = Some(h),
        }
    }
    let Some(h) = *head else { return Ok(None) };
    if h.chunked {
        return Ok(decode_chunked(&buf[h.len..])?.map(|(body, used)| Req {
            head: h,
            body: Body::Owned(body),
            total: h.len + used,
            unread: 0,
        }));
    }
    let total = h.len + h.content_length.unwrap_or(0);
    Ok((buf.len() >= total).then_some(Req {
        head: h,
        body: Body::Range(h.len, total),
        total,
        unread: 0,
    }))
}

pub(crate) fn range_str(buf: &[u8], r: (usize, usize)) -> &str {
    std::str::from_utf8(&buf[r.0..r.1]).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            decode_chunked(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\nNEXT").unwrap(),
            Some((b"abcde".to_vec(), 24))
        );
        assert_eq!(decode_chunked(b"3\r\nabc\r\n").unwrap(), None);
        assert_eq!(
            decode_chunked(b"0\r\nX-T: 1\r\n\r\n").unwrap(),
            Some((vec![], 13))
        );
        assert!(decode_chunked(b"zz\r\n").is_err());
    }

    #[test]
    fn heads() {
        let raw = b"POST /index.php?r=v1/order/add HTTP/1.1\r\nHost: x\r\ncontent-TYPE:  application/json \r\nContent-Length: 2\r\nConnection: keep-alive, Close\r\n\r\n{}";
        let mut head = None;
        let req = complete(raw, &mut head).unwrap().unwrap();
        let h = req.head;
        assert_eq!(range_str(raw, h.method), "POST");
        assert_eq!(range_str(raw, h.target), "/index.php?r=v1/order/add");
        assert_eq!(range_str(raw, h.content_type.unwrap()), "application/json");
        assert!(h.close && h.keep_alive && !h.http10);
        assert_eq!(req.total, raw.len());
        let mut head = None;
        assert!(complete(&raw[..raw.len() - 1], &mut head)
            .unwrap()
            .is_none());
        assert!(complete(b"GARBAGE\r\n\r\n", &mut None).is_err());
    }
}
