//! `bts webhook listen --port N [--key K] [--count N]`: a small blocking HTTP/1.1 listener on
//! 127.0.0.1 that reads each POST with the library's `webhook/parse` and prints the
//! notification, one JSON line each.
//!
//! One connection at a time, one request per connection (`Connection: close`), bodies by
//! `Content-Length` or chunked, at most 10 MiB; a connection that stays silent for 10 s is
//! dropped. Answers: 200 for a notification read, 401 when `--key` is set and the notification
//! does not carry it, 400 for a body that is no notification, 405 for anything but POST.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use bts::{Client, Error, ErrorKind};
use serde_json::{json, Map, Value};

use crate::{error_line, output::one_line, output::print_line, Args, Failure, Outcome};

/// The largest body read.
const MAX_BODY: usize = 10 << 20;
/// The largest request head read.
const MAX_HEAD: usize = 64 << 10;

/// Runs `webhook listen`.
pub(crate) fn run(args: &Args, rest: &[String]) -> Outcome {
    match rest {
        [sub] if sub == "listen" => {}
        [] => return Err(Failure::Usage("webhook needs a subcommand: listen".into())),
        _ => {
            return Err(Failure::Usage(
                "webhook has one subcommand: listen --port N".into(),
            ))
        }
    }
    args.only("webhook listen", &["port", "key", "count"])?;
    let port = args
        .port
        .ok_or_else(|| Failure::Usage("webhook listen needs --port N".into()))?;
    let client = crate::client(args)?;
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        Error::new(
            ErrorKind::Network,
            format!("could not listen on 127.0.0.1:{port}: {e}"),
        )
    })?;
    let addr = listener.local_addr()?;
    eprintln!("bts: listening on http://{addr}/");
    let mut handled = 0usize;
    while args.count.is_none_or(|n| handled < n) {
        let Ok((stream, _)) = listener.accept() else {
            continue;
        };
        if serve(&client, args.key.as_deref(), stream)? {
            handled += 1;
        }
    }
    Ok(())
}

/// A request as read off the connection.
struct Request {
    method: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// Answers one connection; true when it carried a POST (counted for `--count`).
fn serve(client: &Client, key: Option<&str>, stream: TcpStream) -> Result<bool, Failure> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let Ok(mut reader) = stream.try_clone().map(BufReader::new) else {
        return Ok(false);
    };
    let mut stream = stream;
    let request = match read_request(&mut reader) {
        Ok(request) => request,
        Err(status) => {
            respond(&mut stream, status);
            return Ok(false);
        }
    };
    if request.method != "POST" {
        respond(&mut stream, 405);
        return Ok(false);
    }
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut headers = Map::new();
    for (name, value) in &request.headers {
        headers
            .entry(name.clone())
            .or_insert_with(|| Value::from(value.as_str()));
    }
    let params = json!({
        "body": String::from_utf8_lossy(&request.body),
        "content_type": header("content-type"),
        "headers": headers,
        "key": key,
    });
    match client.call_json("webhook/parse", &params.to_string()) {
        Ok(event) => {
            respond(&mut stream, 200);
            print_line(&one_line(&event))?;
        }
        Err(e) => {
            respond(
                &mut stream,
                if e.kind() == ErrorKind::Auth {
                    401
                } else {
                    400
                },
            );
            eprintln!("bts: {}", error_line(&e));
        }
    }
    Ok(true)
}

/// Reads the request line, the headers and the body; an error is the status to answer.
fn read_request(reader: &mut impl BufRead) -> Result<Request, u16> {
    let mut head_bytes = 0usize;
    let mut line = |reader: &mut dyn BufRead| -> Result<String, u16> {
        let mut text = String::new();
        let n = reader
            .take((MAX_HEAD - head_bytes.min(MAX_HEAD)) as u64)
            .read_line(&mut text)
            .map_err(|_| 400u16)?;
        head_bytes += n;
        if n == 0 || !text.ends_with('\n') {
            return Err(if head_bytes >= MAX_HEAD { 431 } else { 400 });
        }
        Ok(text.trim_end_matches(['\r', '\n']).to_owned())
    };
    let request_line = line(reader)?;
    let method = request_line
        .split(' ')
        .next()
        .filter(|m| !m.is_empty())
        .ok_or(400u16)?
        .to_owned();
    let mut headers = Vec::new();
    loop {
        let text = line(reader)?;
        if text.is_empty() {
            break;
        }
        let (name, value) = text.split_once(':').ok_or(400u16)?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let find = |name: &str| {
        headers
            .iter()
            .find(|(k, _): &&(String, String)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    let body = if find("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        read_chunked(reader)?
    } else {
        let length: usize = match find("content-length") {
            Some(v) => v.parse().map_err(|_| 400u16)?,
            None => 0,
        };
        if length > MAX_BODY {
            return Err(413);
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).map_err(|_| 400u16)?;
        body
    };
    Ok(Request {
        method,
        headers,
        body,
    })
}

/// A chunked body (trailers are read and dropped).
fn read_chunked(reader: &mut impl BufRead) -> Result<Vec<u8>, u16> {
    let mut body = Vec::new();
    loop {
        let mut size_line = String::new();
        reader.read_line(&mut size_line).map_err(|_| 400u16)?;
        let size = size_line.trim().split(';').next().unwrap_or("");
        let size = usize::from_str_radix(size, 16).map_err(|_| 400u16)?;
        if body.len() + size > MAX_BODY {
            return Err(413);
        }
        if size == 0 {
            loop {
                let mut trailer = String::new();
                let n = reader.read_line(&mut trailer).map_err(|_| 400u16)?;
                if n == 0 || trailer.trim().is_empty() {
                    return Ok(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..]).map_err(|_| 400u16)?;
        let mut crlf = [0u8; 2];
        reader.read_exact(&mut crlf).map_err(|_| 400u16)?;
    }
}

/// Writes a small JSON answer and closes (errors are the sender's problem: it hung up).
fn respond(stream: &mut TcpStream, status: u16) {
    let reason = match status {
        200 => "OK",
        401 => "Unauthorized",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        _ => "Bad Request",
    };
    let body = format!("{{\"ok\":{}}}", status == 200);
    let allow = if status == 405 { "Allow: POST\r\n" } else { "" };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{allow}Connection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_length_and_chunked_bodies() {
        let raw = b"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
        let r = read_request(&mut &raw[..]).ok().unwrap();
        assert_eq!(
            (r.method.as_str(), r.body.as_slice()),
            ("POST", &b"hello"[..])
        );
        let raw = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n";
        let r = read_request(&mut &raw[..]).ok().unwrap();
        assert_eq!(r.body, b"abcde");
        assert_eq!(
            read_request(&mut &b"POST / HTTP/1.1\r\nbroken\r\n\r\n"[..]).err(),
            Some(400)
        );
        let huge = format!(
            "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            MAX_BODY + 1
        );
        assert_eq!(read_request(&mut huge.as_bytes()).err(), Some(413));
    }
}
