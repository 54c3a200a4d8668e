//! Writing responses: a whole response in one write (status line, headers, body), or only
//! part of the body for the faults that cut it.

use crate::reply::Reply;
use std::io::{self, Write};
use std::net::TcpStream;

/// Writes a reply; false when the connection must close.
pub(crate) fn send(
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

pub(crate) fn write_reply(
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
pub(crate) fn write_response(
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
    let _ = write!(out, "HTTP/1.1 {status} {}\r\n", crate::yii::reason(status));
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
