//! Loopback middlemen for the proxy and TLS tests: an HTTP CONNECT proxy that records who asks
//! it for what, and a TLS front (an "intercepting" middlebox) with a certificate made by the
//! test, both forwarding to a real server (the sandbox). Included with `#[path]` by the tests
//! that use it.
#![allow(dead_code)]

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// A loopback HTTP CONNECT proxy: records each `CONNECT host:port` (and the
/// `Proxy-Authorization` header, if any), then tunnels the bytes to that address.
pub struct ConnectProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Connect>>>,
    stop: Arc<AtomicBool>,
}

/// One CONNECT the proxy received.
#[derive(Clone, Debug)]
pub struct Connect {
    /// `host:port` asked for.
    pub target: String,
    /// The `Proxy-Authorization` header's value.
    pub authorization: Option<String>,
}

impl ConnectProxy {
    /// Starts the proxy on a free loopback port.
    pub fn start() -> ConnectProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen2, stop2) = (seen.clone(), stop.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let seen = seen2.clone();
                thread::spawn(move || {
                    let _ = serve_connect(conn, &seen);
                });
            }
        });
        ConnectProxy { addr, seen, stop }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The proxy's port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Every CONNECT so far.
    pub fn connects(&self) -> Vec<Connect> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for ConnectProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve_connect(conn: TcpStream, seen: &Mutex<Vec<Connect>>) -> io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut authorization = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("proxy-authorization") {
                authorization = Some(value.trim().to_owned());
            }
        }
    }
    seen.lock().unwrap().push(Connect {
        target: target.to_owned(),
        authorization,
    });
    let mut client = conn;
    if method != "CONNECT" {
        client.write_all(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")?;
        return Ok(());
    }
    let upstream = match TcpStream::connect(target) {
        Ok(s) => s,
        Err(_) => {
            client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")?;
            return Ok(());
        }
    };
    client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
    // Whatever the client sent after the CONNECT head is already in the reader's buffer.
    let early = reader.buffer().to_vec();
    let mut up = upstream.try_clone()?;
    up.write_all(&early)?;
    pipe_both(client, upstream);
    Ok(())
}

/// A loopback SOCKS5 proxy (no authentication, CONNECT only): records each target, then
/// tunnels to it.
pub struct Socks5 {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Socks5 {
    /// Starts the proxy on a free loopback port.
    pub fn start() -> Socks5 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorded = seen.clone();
        thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let recorded = recorded.clone();
                thread::spawn(move || {
                    let _ = serve_socks5(conn, &recorded);
                });
            }
        });
        Socks5 { addr, seen }
    }

    /// `socks5://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("socks5://{}", self.addr)
    }

    /// Every target asked for so far, `host:port`.
    pub fn targets(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve_socks5(mut conn: TcpStream, seen: &Mutex<Vec<String>>) -> io::Result<()> {
    let mut head = [0u8; 2];
    conn.read_exact(&mut head)?;
    let mut methods = vec![0u8; head[1] as usize];
    conn.read_exact(&mut methods)?;
    conn.write_all(&[5, 0])?; // version 5, no authentication
    let mut request = [0u8; 4];
    conn.read_exact(&mut request)?;
    let host = match request[3] {
        1 => {
            let mut ip = [0u8; 4];
            conn.read_exact(&mut ip)?;
            Ipv4Addr::from(ip).to_string()
        }
        3 => {
            let mut len = [0u8; 1];
            conn.read_exact(&mut len)?;
            let mut name = vec![0u8; len[0] as usize];
            conn.read_exact(&mut name)?;
            String::from_utf8_lossy(&name).into_owned()
        }
        _ => return Ok(()),
    };
    let mut port = [0u8; 2];
    conn.read_exact(&mut port)?;
    let target = format!("{host}:{}", u16::from_be_bytes(port));
    seen.lock().unwrap().push(target.clone());
    let upstream = TcpStream::connect(&target)?;
    conn.write_all(&[5, 0, 0, 1, 0, 0, 0, 0, 0, 0])?;
    pipe_both(conn, upstream);
    Ok(())
}

/// Copies bytes both ways until either side closes.
fn pipe_both(a: TcpStream, b: TcpStream) {
    let (mut a_read, mut b_write) = (a.try_clone().unwrap(), b.try_clone().unwrap());
    let forward = thread::spawn(move || {
        let _ = io::copy(&mut a_read, &mut b_write);
        let _ = b_write.shutdown(Shutdown::Write);
    });
    let (mut b_read, mut a_write) = (b, a);
    let _ = io::copy(&mut b_read, &mut a_write);
    let _ = a_write.shutdown(Shutdown::Write);
    let _ = forward.join();
}

/// A TLS front on `127.0.0.1` with a certificate signed by a CA the test makes (as a network
/// that intercepts TLS has), forwarding the decrypted bytes to `upstream`.
pub struct TlsFront {
    addr: SocketAddr,
    ca_pem: String,
    /// How many TLS handshakes completed.
    handshakes: Arc<Mutex<usize>>,
}

impl TlsFront {
    /// Starts the front for `upstream` (e.g. the sandbox's address).
    pub fn start(upstream: SocketAddr) -> TlsFront {
        let (ca_pem, server_config) = certificates();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let handshakes = Arc::new(Mutex::new(0));
        let counted = handshakes.clone();
        let config = Arc::new(server_config);
        thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let config = config.clone();
                let counted = counted.clone();
                thread::spawn(move || {
                    let _ = serve_tls(conn, config, upstream, &counted);
                });
            }
        });
        TlsFront {
            addr,
            ca_pem,
            handshakes,
        }
    }

    /// `https://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// The CA certificate, PEM.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// Writes the CA certificate to a file of its own and returns its path.
    pub fn ca_file(&self, dir: &std::path::Path) -> PathBuf {
        std::fs::create_dir_all(dir).unwrap();
        let path = dir.join(format!("ca-{}.pem", self.addr.port()));
        std::fs::write(&path, &self.ca_pem).unwrap();
        path
    }

    /// Completed handshakes so far.
    pub fn handshakes(&self) -> usize {
        *self.handshakes.lock().unwrap()
    }
}

/// A CA (PEM) and a server configuration whose certificate (for 127.0.0.1 and localhost) it
/// signed.
fn certificates() -> (String, rustls::ServerConfig) {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
        SanType,
    };
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "bts test interception CA");
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_key = KeyPair::generate().unwrap();
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);

    let mut leaf_params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
    leaf_params
        .subject_alt_names
        .push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
    leaf_params
        .distinguished_name
        .push(DnType::CommonName, "127.0.0.1");
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = leaf_params.signed_by(&leaf_key, &issuer).unwrap();

    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(rustls::pki_types::PrivatePkcs8KeyDer::from(
        leaf_key.serialize_der(),
    ));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone(), ca_cert.der().clone()], key)
        .unwrap();
    (ca_cert.pem(), config)
}

fn serve_tls(
    mut tcp: TcpStream,
    config: Arc<rustls::ServerConfig>,
    upstream: SocketAddr,
    handshakes: &Mutex<usize>,
) -> io::Result<()> {
    let mut tls = rustls::ServerConnection::new(config).map_err(io::Error::other)?;
    while tls.is_handshaking() {
        tls.complete_io(&mut tcp)?;
    }
    *handshakes.lock().unwrap() += 1;
    let mut up = TcpStream::connect(upstream)?;
    // One thread, two directions: short read timeouts on both sockets, turn by turn.
    let tick = Some(Duration::from_millis(2));
    tcp.set_read_timeout(tick)?;
    up.set_read_timeout(tick)?;
    let mut stream = rustls::StreamOwned::new(tls, tcp);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => up.write_all(&buf[..n])?,
            Err(e) if would_block(&e) => {}
            Err(_) => break,
        }
        match up.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                stream.write_all(&buf[..n])?;
                stream.flush()?;
            }
            Err(e) if would_block(&e) => {}
            Err(_) => break,
        }
    }
    stream.conn.send_close_notify();
    let _ = stream.flush();
    Ok(())
}

fn would_block(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// The environment variables that steer proxies: removed from every child, then set as a
/// case says.
pub const PROXY_VARS: &[&str] = &[
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
    "REQUEST_METHOD",
];

const CHILD_CALL: &str = "BTS_TEST_CHILD_CALL";

/// Makes one call in a child process (this test binary again, running only its `env_child`
/// test, which calls [`child_entry`]) with `vars` in its environment: a client reads the
/// environment when it is made. Returns `ok` or the error's kind.
pub fn call_in_child(
    config_json: &str,
    route: &str,
    params: &serde_json::Value,
    vars: &[(&str, String)],
) -> String {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = std::process::Command::new(exe);
    cmd.args(["env_child", "--exact", "--nocapture", "--test-threads=1"]);
    for name in PROXY_VARS {
        cmd.env_remove(name);
    }
    let call = serde_json::json!({"config": config_json, "route": route, "params": params});
    cmd.env(CHILD_CALL, call.to_string());
    for (name, value) in vars {
        cmd.env(name, value);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "child failed: {stdout}");
    stdout
        .lines()
        .find_map(|l| l.split_once("CALL ").map(|(_, rest)| rest))
        .unwrap_or_else(|| panic!("the child printed no CALL line: {stdout}"))
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The child's side of [`call_in_child`]: does nothing unless the call is in the environment.
pub fn child_entry() {
    let Ok(call) = std::env::var(CHILD_CALL) else {
        return;
    };
    let call: serde_json::Value = serde_json::from_str(&call).unwrap();
    let outcome = bts::Client::from_json(call["config"].as_str().unwrap())
        .and_then(|client| client.call(call["route"].as_str().unwrap(), call["params"].clone()));
    match outcome {
        Ok(_) => println!("\nCALL ok"),
        Err(e) => println!("\nCALL {} {}", e.kind().as_str(), e.message()),
    }
}

/// What one process of the fork probe saw.
#[derive(Debug, Default)]
pub struct ForkSide {
    /// Calls made.
    pub calls: u64,
    /// Replies that were not for the call's own order (at most 10 shown).
    pub wrong: Vec<String>,
    /// Calls that failed, by kind.
    pub errors: Vec<String>,
}

/// Runs bindings/python/tests/fork_probe.py: a client makes a pooled call, the process forks,
/// then parent and child make `calls` calls each at the same time (`order/detail` of their own
/// order of `orders` for a read, `order/add` with their own `clientId` for a write), checking
/// every reply. Asserts that each side made every call, none failed and none got another's
/// reply.
pub fn fork_probe(sandbox: &bts_sandbox::Sandbox, write: bool, calls: u64, orders: [i64; 2]) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let library = crate::common::cdylib::lib_dir().join("libbts.so");
    let out = std::process::Command::new("python3")
        .arg(root.join("bindings/python/tests/fork_probe.py"))
        .env("BTS_LIBRARY", library)
        .env("BTS_CONFIG", sandbox.config_json())
        .env("BTS_FORK_MODE", if write { "write" } else { "read" })
        .env("BTS_FORK_CALLS", calls.to_string())
        .env("BTS_FORK_ORDERS", format!("[{}, {}]", orders[0], orders[1]))
        .env("BTS_FORK_BODY", crate::common::order().to_string())
        .output()
        .unwrap_or_else(|e| panic!("python3 could not start ({e}): the test command installs it"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "fork_probe.py failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_str(stdout.lines().last().unwrap_or_default()).unwrap();
    for who in ["parent", "child"] {
        let v = &report[who];
        let side = ForkSide {
            calls: v["calls"].as_u64().unwrap_or(0),
            wrong: strings(&v["wrong"]),
            errors: strings(&v["errors"]),
        };
        assert_eq!(side.calls, calls, "{who}: {side:?}");
        assert!(
            side.wrong.is_empty(),
            "{who} read another's replies: {side:?}"
        );
        assert!(side.errors.is_empty(), "{who}: {side:?}");
    }
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or("?").to_owned())
                .collect()
        })
        .unwrap_or_default()
}
