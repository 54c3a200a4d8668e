//! The HTTP/1.1 server: a thread per connection, keep-alive, `Expect: 100-continue`, each
//! request routed to its API, and the injected faults applied on the wire (the reset faults
//! leave a request's last byte unread so that closing sends a TCP RST).

mod head;
mod write;

use crate::fault::Fault;
use crate::reply::{Reply, JSON_CT};
use crate::request::Incoming;
use crate::router::{self, Target};
use crate::shared::{is_reset, Shared};
use crate::sync::lock;
use head::{complete, range_str, Body, Req};
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};
use write::{send, write_reply, write_response};

/// Keep-alive connections with no data for this long are closed.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

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
                let body = crate::yii::yii_error_body(400, Some(msg));
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
    let query = crate::query::parse_query(qs);
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
    if let Target::Control(name) = resolved {
        if req.unread > 0 && consume(stream, req.unread).is_err() {
            return false;
        }
        let reply = crate::control::handle(shared, method, name, body);
        return send(stream, out, &reply, keep, head_only);
    }
    let key = resolved.key();
    shared.log_request(&inc, path, qs, key);
    let process = || match &resolved {
        Target::Legacy(route) => crate::legacy::dispatch(&shared.state, route, &inc),
        Target::Wms(route) => crate::wms::dispatch(&shared.state, route, &inc),
        Target::Current(route, rest) => crate::current::dispatch(&shared.state, *route, rest, &inc),
        Target::Control(_) | Target::Unknown => Reply::yii(404, None),
    };
    run(
        shared, stream, key, &process, req.unread, keep, head_only, out,
    )
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
