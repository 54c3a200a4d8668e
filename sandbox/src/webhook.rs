//! Webhook notifications of the current API: what a delivery is, and sending one over plain
//! HTTP with timeouts.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// Connecting to a receiver gives up after this long (per address).
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// Writing the request and reading the status line each give up after this long.
pub(crate) const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// One notification to send (no `Debug`: it carries the registered key).
#[derive(Clone)]
pub(crate) struct Job {
    pub order_id: i64,
    pub status_code: i64,
    pub url: String,
    pub content_type: String,
    pub body: Vec<u8>,
    /// The JSON notification (inside the form field `text`, or the body itself).
    pub payload: String,
    /// `(header name, key)` when the registration asked for a token.
    pub key: Option<(String, String)>,
}

/// One webhook delivery attempt and its outcome (see [`Sandbox::webhook_deliveries`]).
///
/// [`Sandbox::webhook_deliveries`]: crate::Sandbox::webhook_deliveries
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    /// The order whose status changed.
    pub order_id: i64,
    /// Its new status code.
    pub status_code: i64,
    /// Where the notification was POSTed.
    pub url: String,
    /// The request's `Content-Type`.
    pub content_type: String,
    /// The JSON notification as sent (for form bodies, the value of the field `text`).
    pub payload: String,
    /// The request body as sent (lossy UTF-8).
    pub body: String,
    /// The header that carried the registered key, when one was sent (the key itself is not
    /// recorded).
    pub key_header: Option<String>,
    /// The receiver's HTTP status, when it answered.
    pub http_status: Option<u16>,
    /// Why the delivery failed (connection, timeout, unsupported URL), else `None`.
    pub error: Option<String>,
}

impl WebhookDelivery {
    /// Whether the receiver answered with a 2xx status.
    pub fn ok(&self) -> bool {
        self.http_status.is_some_and(|s| (200..300).contains(&s))
    }

    pub(crate) fn to_json(&self) -> crate::json::OrderedJson {
        crate::json::json_object! {
            "orderId" => self.order_id,
            "statusCode" => self.status_code,
            "url" => self.url.as_str(),
            "content_type" => self.content_type.as_str(),
            "payload" => self.payload.as_str(),
            "body" => self.body.as_str(),
            "key_header" => self.key_header.clone(),
            "ok" => self.ok(),
            "http_status" => self.http_status.map(i64::from),
            "error" => self.error.clone(),
        }
    }
}

/// The multipart boundary of form bodies.
pub(crate) const BOUNDARY: &str = "----btsSandboxBoundary7MA4YWxkTrZu0gW";

/// A `multipart/form-data` body with one field `text`.
pub(crate) fn multipart(text: &str) -> Vec<u8> {
    format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}\r\n--{BOUNDARY}--\r\n"
    )
    .into_bytes()
}

/// Splits `http://host[:port]/path?query` into the connect address, the `Host` value and the
/// request target.
fn split_url(url: &str) -> Result<(String, String, String), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| "the sandbox delivers webhooks over plain http:// only".to_owned())?;
    let cut = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(cut);
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    if authority.is_empty() {
        return Err("the webhook URL has no host".into());
    }
    let has_port = match authority.rfind(':') {
        Some(p) => !authority[p..].contains(']'),
        None => false,
    };
    let addr = if has_port {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let tail = tail.split('#').next().unwrap_or("");
    let target = if tail.is_empty() {
        "/".to_owned()
    } else if tail.starts_with('?') {
        format!("/{tail}")
    } else {
        tail.to_owned()
    };
    Ok((addr, authority.to_owned(), target))
}

/// POSTs a job; the receiver's status or why it failed.
pub(crate) fn post(job: &Job) -> Result<u16, String> {
    let (addr, host, target) = split_url(&job.url)?;
    let addrs: Vec<_> = addr
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {host}: {e}"))?
        .collect();
    let mut last = format!("cannot resolve {host}");
    let mut stream = None;
    for a in addrs {
        match TcpStream::connect_timeout(&a, CONNECT_TIMEOUT) {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last = format!("cannot connect to {a}: {e}"),
        }
    }
    let mut s = stream.ok_or(last)?;
    let _ = s.set_write_timeout(Some(IO_TIMEOUT));
    let _ = s.set_read_timeout(Some(IO_TIMEOUT));
    let mut req = format!(
        "POST {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bts-sandbox\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
        job.content_type,
        job.body.len()
    );
    if let Some((name, key)) = &job.key {
        req.push_str(&format!("{name}: {key}\r\n"));
    }
    req.push_str("Connection: close\r\n\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(&job.body);
    s.write_all(&bytes)
        .map_err(|e| format!("write failed: {e}"))?;
    let mut head = Vec::with_capacity(256);
    let mut buf = [0u8; 1024];
    while !head.windows(2).any(|w| w == b"\r\n") {
        let n = s.read(&mut buf).map_err(|e| match e.kind() {
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                format!("no answer within {} s", IO_TIMEOUT.as_secs())
            }
            _ => format!("read failed: {e}"),
        })?;
        if n == 0 {
            return Err("the receiver closed the connection without answering".into());
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() > 16 * 1024 {
            break;
        }
    }
    let line = String::from_utf8_lossy(&head);
    line.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok())
        .ok_or_else(|| {
            format!(
                "not an HTTP answer: {:?}",
                line.lines().next().unwrap_or("")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            split_url("http://127.0.0.1:8080/hook?x=1").unwrap(),
            (
                "127.0.0.1:8080".into(),
                "127.0.0.1:8080".into(),
                "/hook?x=1".into()
            )
        );
        assert_eq!(
            split_url("http://example.test").unwrap(),
            ("example.test:80".into(), "example.test".into(), "/".into())
        );
        assert_eq!(split_url("http://[::1]/a").unwrap().0, "[::1]:80");
        assert!(split_url("https://example.test/").is_err());
        assert!(split_url("http:///x").is_err());
        let body = String::from_utf8(multipart("{\"a\":1}")).unwrap();
        assert!(body.contains("name=\"text\"\r\n\r\n{\"a\":1}\r\n"));
        assert!(body.ends_with(&format!("--{BOUNDARY}--\r\n")));
    }
}
