//! A tiny raw HTTP/1.1 client over std's TcpStream, for testing the sandbox on the wire.
#![allow(dead_code)]

use bts_sandbox::Sandbox;
use serde_json::Value;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A parsed response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One keep-alive connection.
pub struct Conn {
    pub stream: TcpStream,
    buf: Vec<u8>,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl Conn {
    pub fn open(addr: SocketAddr) -> Conn {
        let stream = TcpStream::connect(addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.set_nodelay(true).unwrap();
        Conn {
            stream,
            buf: Vec::new(),
        }
    }

    /// Sends a request (Content-Length body when given) and reads the response.
    pub fn request(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> io::Result<Resp> {
        self.send(method, target, headers, body)?;
        self.read_response(method == "HEAD")
    }

    pub fn send(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> io::Result<()> {
        let mut req = format!("{method} {target} HTTP/1.1\r\nHost: sandbox.test\r\n");
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        if let Some(b) = body {
            req.push_str(&format!("Content-Length: {}\r\n", b.len()));
        }
        req.push_str("\r\n");
        let mut bytes = req.into_bytes();
        if let Some(b) = body {
            bytes.extend_from_slice(b);
        }
        self.stream.write_all(&bytes)
    }

    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes)
    }

    fn fill(&mut self) -> io::Result<usize> {
        let mut tmp = [0u8; 65536];
        let n = self.stream.read(&mut tmp)?;
        self.buf.extend_from_slice(&tmp[..n]);
        Ok(n)
    }

    /// Reads one response (the body by Content-Length, or to EOF without one).
    pub fn read_response(&mut self, head_only: bool) -> io::Result<Resp> {
        let head_end = loop {
            if let Some(p) = find(&self.buf, b"\r\n\r\n") {
                break p + 4;
            }
            if self.fill()? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("EOF after {} bytes", self.buf.len()),
                ));
            }
        };
        let head = String::from_utf8_lossy(&self.buf[..head_end - 4]).into_owned();
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or("");
        let status: u16 = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, status_line.to_owned()))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        let cl = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.parse::<usize>().unwrap());
        self.buf.drain(..head_end);
        if status == 100 {
            return self.read_response(head_only);
        }
        let body = if head_only {
            Vec::new()
        } else if let Some(n) = cl {
            while self.buf.len() < n {
                if self.fill()? == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!("body cut at {} of {n} bytes", self.buf.len()),
                    ));
                }
            }
            self.buf.drain(..n).collect()
        } else {
            while self.fill()? > 0 {}
            std::mem::take(&mut self.buf)
        };
        Ok(Resp {
            status,
            headers,
            body,
        })
    }
}

/// `/index.php?r=v1/<route>&<query>`.
pub fn courier(route: &str, query: &str) -> String {
    if query.is_empty() {
        format!("/index.php?r=v1/{route}")
    } else {
        format!("/index.php?r=v1/{route}&{query}")
    }
}

pub fn get(sb: &Sandbox, target: &str, token: Option<&str>) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    Conn::open(sb.addr())
        .request("GET", target, &headers, None)
        .expect("request")
}

pub fn post(sb: &Sandbox, target: &str, token: Option<&str>, body: &Value) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    let b = body.to_string();
    Conn::open(sb.addr())
        .request("POST", target, &headers, Some(b.as_bytes()))
        .expect("request")
}

pub fn courier_token(sb: &Sandbox) -> String {
    let r = post(
        sb,
        &courier("auth/get-token", ""),
        None,
        &serde_json::json!({
            "username": bts_sandbox::COURIER_USERNAME,
            "password": bts_sandbox::COURIER_PASSWORD,
            "inn": bts_sandbox::COURIER_INN,
        }),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["data"]["token"].as_str().unwrap().to_owned()
}

pub fn wms_token(sb: &Sandbox) -> String {
    let r = post(
        sb,
        "/v1/auth/login",
        None,
        &serde_json::json!({"login": bts_sandbox::WMS_LOGIN, "password": bts_sandbox::WMS_PASSWORD}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["access_token"].as_str().unwrap().to_owned()
}

/// A complete valid order (API.md §2.2's illustrative request).
pub fn order_body() -> Value {
    serde_json::json!({
        "senderCityId": 3,
        "senderAddress": "Toshkent sh., Bobur ko‘chasi, 5-A",
        "senderDelivery": 1,
        "senderReal": "Jurabek Turdiyev",
        "senderPhone": "+998 99 1234567",
        "weight": 2,
        "packageId": 8,
        "postTypeId": 4,
        "receiver": "Odil Ahkmedov",
        "receiverAddress": "Gozovo qish. 41 uy",
        "receiverDelivery": 1,
        "receiverCityId": 3,
        "receiverPhone": "+998 99 1234567",
        "clientId": "abc123mn12",
        "piece": 1,
        "postTypes": [{"name": "Kitob", "code": "ZFD21AD", "count": 1, "cost": 10000}],
        "is_test": 1
    })
}
