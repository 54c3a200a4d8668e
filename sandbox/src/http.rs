//! The HTTP/1.1 server: a thread per connection, keep-alive, `Content-Length` and chunked
//! request bodies, `Expect: 100-continue`, and the faults applied on the wire.

use crate::fault::Fault;
use crate::router::{self, lock, Incoming, Target};
use crate::state::{Reply, State, JSON_CT};
use std::collections::{HashMap, VecDeque};
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Keep-alive connections with no data for this long are closed.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 256 * 1024 * 1024;
/// The request log keeps this many entries.
pub(crate) const LOG_CAP: usize = 500;

/// One logged request (control requests are not logged).
#[derive(Clone, Debug)]
pub(crate) struct Logged {
    pub method: String,
    pub path: String,
    pub query: String,
    pub key: Option<&'static str>,
    pub language: Option<String>,
    pub content_type: Option<String>,
    /// When it arrived: milliseconds since the Unix epoch.
    pub at_ms: u64,
}

/// One injected fault rule.
struct Rule {
    route: String,
    fault: Fault,
    remaining: usize,
}

/// Faults and request counts.
#[derive(Default)]
struct Control {
    faults: Vec<Rule>,
    counts: HashMap<&'static str, usize>,
    total: usize,
}

/// What the server threads share with the [`Sandbox`](crate::Sandbox) handle.
pub(crate) struct Shared {
    pub stop: AtomicBool,
    pub state: Mutex<State>,
    ctl: Mutex<Control>,
    /// How many Reset/ResetMidBody fault uses are pending: while any are, requests are read so
    /// that their last byte stays unread in the kernel (closing then sends a TCP RST).
    reset_pending: AtomicUsize,
    conns: Mutex<HashMap<u64, TcpStream>>,
    next_conn: AtomicU64,
    /// The last [`LOG_CAP`] requests.
    pub log: Mutex<VecDeque<Logged>>,
}

fn is_reset(f: &Fault) -> bool {
    matches!(f, Fault::Reset | Fault::ResetMidBody)
}

impl Shared {
    pub(crate) fn new(state: State) -> Shared {
        Shared {
            stop: AtomicBool::new(false),
            state: Mutex::new(state),
            ctl: Mutex::new(Control::default()),
            reset_pending: AtomicUsize::new(0),
            conns: Mutex::new(HashMap::new()),
            next_conn: AtomicU64::new(0),
            log: Mutex::new(VecDeque::new()),
        }
    }

    pub(crate) fn inject(&self, route: &str, fault: Fault, times: usize) {
        if times == 0 {
            return;
        }
        let mut c = lock(&self.ctl);
        if is_reset(&fault) {
            self.reset_pending.fetch_add(times, Ordering::SeqCst);
        }
        c.faults.push(Rule {
            route: route.to_owned(),
            fault,
            remaining: times,
        });
    }

    pub(crate) fn clear_faults(&self) {
        let mut c = lock(&self.ctl);
        c.faults.clear();
        self.reset_pending.store(0, Ordering::SeqCst);
    }

    pub(crate) fn requests(&self, route: &str) -> usize {
        let c = lock(&self.ctl);
        if route == "*" {
            c.total
        } else {
            c.counts.get(route).copied().unwrap_or(0)
        }
    }

    pub(crate) fn counts(&self) -> (Vec<(&'static str, usize)>, usize) {
        let c = lock(&self.ctl);
        let mut v: Vec<_> = c.counts.iter().map(|(k, n)| (*k, *n)).collect();
        v.sort_unstable();
        (v, c.total)
    }

    pub(crate) fn reset_counts(&self) {
        let mut c = lock(&self.ctl);
        c.counts.clear();
        c.total = 0;
    }

    /// Counts a request and takes the first fault that matches its route key.
    fn count_and_take(&self, key: Option<&'static str>) -> Option<Fault> {
        let mut c = lock(&self.ctl);
        c.total += 1;
        if let Some(k) = key {
            *c.counts.entry(k).or_insert(0) += 1;
        }
        let pos = c
            .faults
            .iter()
            .position(|r| r.route == "*" || Some(r.route.as_str()) == key)?;
        let rule = &mut c.faults[pos];
        rule.remaining -= 1;
        let fault = if rule.remaining == 0 {
            c.faults.remove(pos).fault
        } else {
            rule.fault.clone()
        };
        if is_reset(&fault) {
            let _ = self
                .reset_pending
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        }
        Some(fault)
    }

    /// Shuts every open connection down (on drop of the sandbox).
    pub(crate) fn close_all(&self) {
        for (_, s) in lock(&self.conns).drain() {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

/// Accepts connections until the stop flag is set (the sandbox wakes it with a connection).
pub(crate) fn accept_loop(shared: Arc<Shared>, listener: TcpListener) {
    for conn in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
        let stream = match conn {
            Ok(s) => s,
            Err(_) => {
                thread::sleep(Duration::from_millis(5));
                continue;
            }
        };
        let id = shared.next_conn.fetch_add(1, Ordering::Relaxed);
        if let Ok(clone) = stream.try_clone() {
            lock(&shared.conns).insert(id, clone);
        }
        let sh = Arc::clone(&shared);
        let spawned = thread::Builder::new()
            .name("bts-sandbox-conn".into())
            .spawn(move || {
                serve(&sh, stream);
                lock(&sh.conns).remove(&id);
            });
        if spawned.is_err() {
            lock(&shared.conns).remove(&id);
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Head {
    len: usize,
    method: (usize, usize),
    target: (usize, usize),
    http10: bool,
    content_length: Option<usize>,
    chunked: bool,
    expect_continue: bool,
    close: bool,
    keep_alive: bool,
    content_type: Option<(usize, usize)>,
    authorization: Option<(usize, usize)>,
    host: Option<(usize, usize)>,
    language: Option<(usize, usize)>,
}

enum Body {
    Range(usize, usize),
    Owned(Vec<u8>),
}

struct Req {
    head: Head,
    body: Body,
    /// Bytes of `buf` this request spans.
    total: usize,
    /// Bytes at the end of the request still unread in the kernel (0 or 1).
    unread: usize,
}

fn trim_bytes(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if !first.is_ascii_whitespace() {
            break;
        }
        s = rest;
    }
    while let [rest @ .., last] = s {
        if !last.is_ascii_whitespace() {
            break;
        }
        s = rest;
    }
    s
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_range(buf: &[u8], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && (buf[a] == b' ' || buf[a] == b'\t') {
        a += 1;
    }
    while b > a && (buf[b - 1] == b' ' || buf[b - 1] == b'\t') {
        b -= 1;
    }
    (a, b)
}

fn parse_head(buf: &[u8], len: usize) -> Result<Head, &'static str> {
    let mut h = Head {
        len,
        ..Head::default()
    };
    let end = len - 4;
    let first_end = find(&buf[..end + 2], b"\r\n").unwrap_or(end);
    let line = &buf[..first_end];
    let sp1 = line
        .iter()
        .position(|&c| c == b' ')
        .ok_or("malformed request line")?;
    let sp2 = line
        .iter()
        .rposition(|&c| c == b' ')
        .filter(|&p| p > sp1)
        .ok_or("malformed request line")?;
    h.method = (0, sp1);
    h.target = trim_range(buf, sp1 + 1, sp2);
    let version = &line[sp2 + 1..];
    if !version.starts_with(b"HTTP/1.") {
        return Err("unsupported HTTP version");
    }
    h.http10 = version == b"HTTP/1.0";
    if h.target.0 == h.target.1 || sp1 == 0 {
        return Err("malformed request line");
    }
    let mut pos = first_end + 2;
    while pos < end + 2 {
        let le = pos + find(&buf[pos..end + 2], b"\r\n").unwrap_or(end - pos);
        let colon = buf[pos..le]
            .iter()
            .position(|&c| c == b':')
            .ok_or("malformed header line")?;
        let name = &buf[pos..pos + colon];
        let value = trim_range(buf, pos + colon + 1, le);
        let v = &buf[value.0..value.1];
        if name.eq_ignore_ascii_case(b"content-length") {
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
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            if v.to_ascii_lowercase().windows(7).any(|w| w == b"chunked") {
                h.chunked = true;
            }
        } else if name.eq_ignore_ascii_case(b"connection") {
            let v = v.to_ascii_lowercase();
            for token in v.split(|&c| c == b',') {
                let t = trim_bytes(token);
                if t == b"close" {
                    h.close = true;
                } else if t == b"keep-alive" {
                    h.keep_alive = true;
                }
            }
        } else if name.eq_ignore_ascii_case(b"expect") {
            h.expect_continue = v.eq_ignore_ascii_case(b"100-continue");
        } else if name.eq_ignore_ascii_case(b"content-type") {
            h.content_type = Some(value);
        } else if name.eq_ignore_ascii_case(b"authorization") {
            h.authorization = Some(value);
        } else if name.eq_ignore_ascii_case(b"host") {
            h.host = Some(value);
        } else if name.eq_ignore_ascii_case(b"language") {
            h.language = Some(value);
        }
        pos = le + 2;
    }
    Ok(h)
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
fn complete(buf: &[u8], head: &mut Option<Head>) -> Result<Option<Req>, &'static str> {
    if head.is_none() {
        match find(buf, b"\r\n\r\n") {
            None if buf.len() > MAX_HEAD => return Err("request head too large"),
            None => return Ok(None),
            Some(p) => *head = Some(parse_head(buf, p + 4)?),
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

enum ReadErr {
    /// EOF, timeout, reset or stop: close quietly.
    Closed,
    /// A malformed request: answer 400 and close.
    Bad(&'static str),
}

impl From<io::Error> for ReadErr {
    fn from(_: io::Error) -> ReadErr {
        ReadErr::Closed
    }
}

fn retry<T>(mut f: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    loop {
        match f() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Reads the next request into `buf` (which may already hold the start of it).
fn read_request(
    shared: &Shared,
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    tmp: &mut [u8],
) -> Result<Req, ReadErr> {
    // Stray CRLFs between requests are allowed (RFC 9112 §2.2).
    while buf.starts_with(b"\r\n") {
        buf.drain(..2);
    }
    if buf.is_empty() {
        // Wait for data without consuming it, so the read mode can be chosen once it arrives.
        if retry(|| stream.peek(&mut tmp[..1]))? == 0 {
            return Err(ReadErr::Closed);
        }
    }
    let peek_mode = shared.reset_pending.load(Ordering::SeqCst) > 0;
    let mut head = None;
    let mut continued = false;
    loop {
        if let Some(req) = complete(buf, &mut head).map_err(ReadErr::Bad)? {
            return Ok(req);
        }
        if shared.stop.load(Ordering::SeqCst) {
            return Err(ReadErr::Closed);
        }
        if let Some(h) = head {
            if h.expect_continue && !continued && !h.http10 {
                continued = true;
                stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
            }
        }
        if peek_mode {
            let n = retry(|| stream.peek(tmp))?;
            if n == 0 {
                return Err(ReadErr::Closed);
            }
            let start = buf.len();
            buf.extend_from_slice(&tmp[..n]);
            match complete(buf, &mut head).map_err(ReadErr::Bad)? {
                Some(mut req) if req.total > start => {
                    // Consume all but the request's last byte: it stays in the kernel.
                    let consume = req.total - start - 1;
                    stream.read_exact(&mut tmp[..consume])?;
                    buf.truncate(req.total);
                    req.unread = 1;
                    return Ok(req);
                }
                Some(req) => {
                    buf.truncate(start);
                    return Ok(req);
                }
                None => stream.read_exact(&mut tmp[..n])?,
            }
        } else {
            let n = retry(|| stream.read(tmp))?;
            if n == 0 {
                return Err(ReadErr::Closed);
            }
            buf.extend_from_slice(&tmp[..n]);
        }
    }
}

fn serve(shared: &Shared, mut stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    let mut tmp = vec![0u8; 64 * 1024];
    let mut out: Vec<u8> = Vec::with_capacity(8192);
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let req = match read_request(shared, &mut stream, &mut buf, &mut tmp) {
            Ok(r) => r,
            Err(ReadErr::Closed) => return,
            Err(ReadErr::Bad(msg)) => {
                let body = crate::yii_error_body(400, Some(msg));
                let _ = write_response(
                    &mut stream,
                    &mut out,
                    400,
                    Some(JSON_CT),
                    &[],
                    body.as_bytes(),
                    false,
                    false,
                    None,
                );
                let _ = stream.shutdown(Shutdown::Write);
                return;
            }
        };
        if !handle(shared, &mut stream, &buf, &req, &mut out) {
            return;
        }
        buf.drain(..req.total);
    }
}

fn range_str(buf: &[u8], r: (usize, usize)) -> &str {
    std::str::from_utf8(&buf[r.0..r.1]).unwrap_or("")
}

/// Answers one request; false when the connection must close.
fn handle(
    shared: &Shared,
    stream: &mut TcpStream,
    buf: &[u8],
    req: &Req,
    out: &mut Vec<u8>,
) -> bool {
    let h = &req.head;
    let method = range_str(buf, h.method);
    let mut target = range_str(buf, h.target);
    // Absolute form (`http://host/path`), as sent through proxies.
    if let Some(rest) = target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))
    {
        target = rest.find('/').map_or("/", |p| &rest[p..]);
    }
    let keep = !h.close && (!h.http10 || h.keep_alive);
    let head_only = method == "HEAD";
    let body: &[u8] = match &req.body {
        Body::Range(a, b) => &buf[*a..*b],
        Body::Owned(v) => v,
    };
    let (path, qs) = target.split_once('?').unwrap_or((target, ""));
    let query = crate::util::parse_query(qs);
    let inc = Incoming {
        method,
        query: &query,
        body,
        content_type: h.content_type.map(|r| range_str(buf, r)),
        authorization: h.authorization.map(|r| range_str(buf, r)),
        host: h.host.map(|r| range_str(buf, r)).filter(|s| !s.is_empty()),
        language: h.language.map(|r| range_str(buf, r)),
    };
    let resolved = router::resolve(method, path, &query);
    let key = match &resolved {
        Target::Control(name) => {
            if req.unread > 0 && consume(stream, req.unread).is_err() {
                return false;
            }
            let reply = crate::control::handle(shared, method, name, body);
            return send(stream, out, &reply, keep, head_only);
        }
        Target::Route(r) => Some(r.key),
        Target::Current(r, _) => r.map(|r| r.key),
        Target::Unknown => None,
    };
    shared.log_request(&inc, path, qs, key);
    let process = || match &resolved {
        Target::Route(r) => router::dispatch(&shared.state, Some(r), &inc),
        Target::Current(r, rest) => crate::current::dispatch(&shared.state, *r, rest, &inc),
        _ => router::dispatch(&shared.state, None, &inc),
    };
    run(
        shared, stream, key, &process, req.unread, keep, head_only, out,
    )
}

/// A query string with the values of secret-looking parameters (`…key…`, `…token…`,
/// `…password…`, `…secret…`) replaced by `***`.
fn masked_query(qs: &str) -> String {
    let secret = |name: &str| {
        let n = name.to_ascii_lowercase();
        ["key", "token", "password", "secret"]
            .iter()
            .any(|w| n.contains(w))
    };
    qs.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if secret(&crate::util::pct_decode(k)) => format!("{k}=***"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

impl Shared {
    fn log_request(&self, inc: &Incoming, path: &str, qs: &str, key: Option<&'static str>) {
        let mut log = lock(&self.log);
        if log.len() >= LOG_CAP {
            log.pop_front();
        }
        log.push_back(Logged {
            method: inc.method.to_owned(),
            path: path.to_owned(),
            query: masked_query(qs),
            key,
            language: inc.language.map(str::to_owned),
            content_type: inc.content_type.map(str::to_owned),
            at_ms: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
        });
    }
}

fn consume(stream: &mut TcpStream, n: usize) -> io::Result<()> {
    let mut b = [0u8; 8];
    stream.read_exact(&mut b[..n.min(8)])
}

/// Sleeps, waking early when the sandbox stops.
fn sleep_unless_stopped(shared: &Shared, d: Duration) {
    let end = Instant::now() + d;
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let now = Instant::now();
        if now >= end {
            return;
        }
        thread::sleep((end - now).min(Duration::from_millis(20)));
    }
}

#[allow(clippy::too_many_arguments)]
fn run(
    shared: &Shared,
    stream: &mut TcpStream,
    key: Option<&'static str>,
    process: &dyn Fn() -> Reply,
    unread: usize,
    keep: bool,
    head_only: bool,
    out: &mut Vec<u8>,
) -> bool {
    let fault = shared.count_and_take(key);
    let resets = fault.as_ref().is_some_and(is_reset);
    if !resets && unread > 0 && consume(stream, unread).is_err() {
        return false;
    }
    match fault {
        None => send(stream, out, &process(), keep, head_only),
        Some(Fault::Status {
            status,
            body,
            headers,
        }) => {
            let hs: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            write_response(
                stream,
                out,
                status,
                Some(JSON_CT),
                &hs,
                body.as_bytes(),
                keep,
                head_only,
                None,
            )
            .is_ok()
                && keep
        }
        Some(Fault::Body {
            status,
            content_type,
            body,
        }) => {
            let ct = (!content_type.is_empty()).then_some(content_type.as_str());
            write_response(stream, out, status, ct, &[], &body, keep, head_only, None).is_ok()
                && keep
        }
        Some(Fault::Delay(d)) => {
            sleep_unless_stopped(shared, d);
            send(stream, out, &process(), keep, head_only)
        }
        Some(Fault::Stall(d)) => {
            let _ = process();
            sleep_unless_stopped(shared, d);
            let _ = stream.shutdown(Shutdown::Both);
            false
        }
        Some(Fault::Reset) => {
            let _ = process();
            // Returning drops the socket with a request byte unread: the kernel sends RST.
            false
        }
        Some(Fault::ResetMidBody) => {
            let reply = process();
            let _ = write_reply(stream, out, &reply, false, Some(reply.body.len() / 2));
            false
        }
        Some(Fault::Truncated) => {
            let reply = process();
            let _ = write_reply(stream, out, &reply, false, Some(reply.body.len() / 2));
            let _ = stream.flush();
            let _ = stream.shutdown(Shutdown::Write);
            false
        }
        Some(Fault::Oversize(n)) => {
            const PRE: &[u8] = b"{\"sandbox\":\"oversize\",\"padding\":\"";
            let pad = n.saturating_sub(PRE.len() + 2);
            let mut body = Vec::with_capacity(PRE.len() + pad + 2);
            body.extend_from_slice(PRE);
            body.resize(PRE.len() + pad, b'x');
            body.extend_from_slice(b"\"}");
            send(stream, out, &Reply::bytes(200, body), keep, head_only)
        }
        Some(Fault::Unauthorized) => send(stream, out, &Reply::yii(401, None), keep, head_only),
    }
}

/// Writes a reply; false when the connection must close.
fn send(
    stream: &mut TcpStream,
    out: &mut Vec<u8>,
    reply: &Reply,
    keep: bool,
    head_only: bool,
) -> bool {
    let hs: Vec<(&str, &str)> = reply
        .headers
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    write_response(
        stream,
        out,
        reply.status,
        Some(reply.content_type),
        &hs,
        &reply.body,
        keep,
        head_only,
        None,
    )
    .is_ok()
        && keep
}

fn write_reply(
    stream: &mut TcpStream,
    out: &mut Vec<u8>,
    reply: &Reply,
    keep: bool,
    cut_body_at: Option<usize>,
) -> io::Result<()> {
    let hs: Vec<(&str, &str)> = reply
        .headers
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    write_response(
        stream,
        out,
        reply.status,
        Some(reply.content_type),
        &hs,
        &reply.body,
        keep,
        false,
        cut_body_at,
    )
}

/// Writes a whole response in one call: status line, headers (always `Content-Length`), body
/// (none for HEAD; only its first `cut_body_at` bytes when given).
#[allow(clippy::too_many_arguments)]
fn write_response(
    stream: &mut TcpStream,
    out: &mut Vec<u8>,
    status: u16,
    content_type: Option<&str>,
    headers: &[(&str, &str)],
    body: &[u8],
    keep: bool,
    head_only: bool,
    cut_body_at: Option<usize>,
) -> io::Result<()> {
    out.clear();
    let _ = write!(out, "HTTP/1.1 {status} {}\r\n", crate::util::reason(status));
    if let Some(ct) = content_type {
        let _ = write!(out, "Content-Type: {ct}\r\n");
    }
    let _ = write!(out, "Content-Length: {}\r\n", body.len());
    for (k, v) in headers {
        let _ = write!(out, "{k}: {v}\r\n");
    }
    if !keep {
        out.extend_from_slice(b"Connection: close\r\n");
    }
    out.extend_from_slice(b"\r\n");
    if !head_only {
        let n = cut_body_at.unwrap_or(body.len()).min(body.len());
        out.extend_from_slice(&body[..n]);
    }
    let r = stream.write_all(out);
    if out.capacity() > 1 << 20 {
        *out = Vec::with_capacity(8192);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_masks_secrets() {
        assert_eq!(
            masked_query("webhook_url=x&itx-apiKey=s3cret&refresh_token=t&a=1"),
            "webhook_url=x&itx-apiKey=***&refresh_token=***&a=1"
        );
        assert_eq!(masked_query(""), "");
    }

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
