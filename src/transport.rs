//! The HTTP layer: `ureq` agents with keep-alive, a caching resolver, deadlines, the body
//! limit, proxies, TLS roots, fork safety, and the mapping of every transport failure onto an
//! [`ErrorKind`].
//!
//! Two measurements of ureq 3.5 shape this file: ureq resolves the host on every request, and
//! its default resolver spawns a thread per request whenever a timeout covers the resolve
//! phase. [`CachingResolver`] answers from a short-lived cache (IP literals without any
//! lookup), and only a cache miss pays for a lookup thread, so `timeout_global` can bound the
//! whole call at no extra cost.
//!
//! # Living inside other processes
//!
//! bts runs inside PHP-FPM and 1C workers, gunicorn and Celery workers, CGI scripts. Three rules
//! follow.
//!
//! * **Fork.** A process that forks after a call hands its kept-alive sockets to the child;
//!   two processes reading one socket read each other's replies. [`Http`] remembers the process
//!   id that built its connection pool and compares it with [`std::process::id`] on every
//!   call: no lock, one `getpid` system call (measured: 5 user-space instructions; 0.5-0.7 µs
//!   on the project's virtualised 2-vCPU machine under load, against about 24 µs for a whole
//!   kept-alive `bts_call` on it when quiet). Without `pthread_atfork` (an FFI call, which the crate keeps to src/ffi.rs) there is
//!   no cheaper sign of a fork. In a forked child the first call builds a fresh pool; the
//!   parent's sockets are never written or read there (they are closed when the client is
//!   dropped, which does not disturb the parent: no `shutdown` is ever called). Tokens are
//!   kept. The parent's calls keep their pool. A process that forks while *other threads* are
//!   inside a call is not supported (their locks are copied held); forking between calls, as
//!   gunicorn `--preload`, Celery prefork and `multiprocessing` do, is.
//! * **Proxies.** `proxy` in the configuration wins: `"none"`, or a URL (`http://`,
//!   `https://`, `socks4://`, `socks4a://`, `socks5://`, `socks5h://`, credentials allowed as
//!   `http://user:pass@host:port`), with `no_proxy` (comma-separated hosts; `example.com` also
//!   covers its subdomains, `*` covers every host). Without `proxy` the environment decides, as
//!   curl does: `https_proxy`/`HTTPS_PROXY` for `https://` URLs, `http_proxy`/`HTTP_PROXY` for
//!   `http://` URLs, then `all_proxy`/`ALL_PROXY`, with `no_proxy`/`NO_PROXY` (the `no_proxy`
//!   key, when given, replaces it). `HTTP_PROXY` and `http_proxy` are ignored when
//!   `REQUEST_METHOD` is set: in a CGI request any visitor's `Proxy:` header becomes
//!   `HTTP_PROXY` ("httpoxy"), and would route the login through the visitor's proxy. A proxy
//!   URL is never printed (`Debug` of [`Config`] hides its credentials).
//! * **TLS roots.** By default, the Mozilla root certificates bundled in the library (the
//!   `webpki-roots` crate, the set ureq's `rustls` feature uses): the same roots on every host,
//!   no OpenSSL, and it works in 1C and PHP containers that have no `/etc/ssl`. `ca_file` (a
//!   PEM file) *adds* roots to them, for networks that intercept TLS; a missing, unreadable or
//!   empty file, or one with a certificate that does not parse, is an `invalid_input` error when
//!   the client is made. The host's own store is never read.

use std::collections::HashMap;
use std::io;
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock, RwLock};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};
use ureq::http::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{
    Buffers, ConnectProxyConnector, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout,
    SocksConnector, TcpConnector, Transport, TransportAdapter,
};
use ureq::{Agent, Proxy};

use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::operations::Method;

/// The current API's language header (see [`Config`]'s `language`).
const LANGUAGE: HeaderName = HeaderName::from_static("language");
/// The call's request id, sent to BTS (see `src/logging.rs`).
const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// The content type of every request body.
const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// How long a resolved address stays in the cache.
const DNS_TTL: Duration = Duration::from_secs(60);

/// How many lookup threads the resolver has started (a cache miss each). Tests and benchmarks
/// read it to prove kept-alive calls start no thread.
pub(crate) static LOOKUP_THREADS: AtomicUsize = AtomicUsize::new(0);

/// A resolver that caches addresses per `host:port` for [`DNS_TTL`] and answers IP literals
/// without a lookup. A miss is resolved on a helper thread bounded by the call's timeout.
#[derive(Debug, Default)]
pub(crate) struct CachingResolver {
    cache: RwLock<HashMap<String, (Instant, ResolvedSocketAddrs)>>,
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        _config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri
            .host()
            .ok_or_else(|| ureq::Error::BadUri("no host".into()))?;
        let port = uri
            .port_u16()
            .or_else(|| match uri.scheme_str() {
                Some("https") => Some(443),
                Some("http") => Some(80),
                _ => None,
            })
            .ok_or_else(|| ureq::Error::BadUri("unknown scheme".into()))?;
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let mut out = self.empty();
        if let Ok(ip) = bare.parse::<IpAddr>() {
            out.push(SocketAddr::new(ip, port));
            return Ok(out);
        }
        let key = format!("{bare}:{port}");
        if let Ok(cache) = self.cache.read() {
            if let Some((at, addrs)) = cache.get(&key) {
                if at.elapsed() < DNS_TTL {
                    return Ok(addrs.clone());
                }
            }
        }
        let found = lookup(key.clone(), timeout)?;
        for addr in found.into_iter().take(16) {
            out.push(addr);
        }
        if out.is_empty() {
            return Err(ureq::Error::HostNotFound);
        }
        if let Ok(mut cache) = self.cache.write() {
            cache.insert(key, (Instant::now(), out.clone()));
        }
        Ok(out)
    }
}

fn lookup(key: String, timeout: NextTimeout) -> Result<Vec<SocketAddr>, ureq::Error> {
    LOOKUP_THREADS.fetch_add(1, Ordering::Relaxed);
    let (tx, rx) = mpsc::sync_channel(1);
    thread::Builder::new()
        .name("bts-dns".into())
        .spawn(move || {
            let _ = tx.send(key.to_socket_addrs().map(|a| a.collect::<Vec<_>>()));
        })
        .map_err(ureq::Error::Io)?;
    match rx.recv_timeout(*timeout.after) {
        Ok(Ok(addrs)) => Ok(addrs),
        Ok(Err(_)) => Err(ureq::Error::HostNotFound),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(ureq::Error::Timeout(timeout.reason)),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(ureq::Error::HostNotFound),
    }
}

/// One HTTP request, as [`Http::send`] sends it. (No `Debug`: it holds the token.)
#[derive(Clone, Copy)]
pub(crate) struct Request<'a> {
    /// GET or POST.
    pub method: Method,
    /// The whole URL, query included.
    pub url: &'a str,
    /// The token for `Authorization: Bearer`, if any.
    pub bearer: Option<&'a str>,
    /// The JSON body, if any.
    pub body: Option<&'a [u8]>,
    /// Spaces to read the reply after (see [`Reply::room`]).
    pub room: usize,
}

/// What came back from one HTTP exchange.
#[derive(Debug)]
pub(crate) struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The whole body, after `room` spaces.
    pub body: Vec<u8>,
    /// How many spaces were put before the body (room asked of [`Http::send`] for the
    /// envelope around it: JSON may begin with spaces, so the text stays the server's JSON).
    pub room: usize,
    /// `Retry-After`, when the server sent one we understand.
    pub retry_after: Option<Duration>,
}

impl Reply {
    /// The body as the server sent it, without the room before it.
    pub fn server_body(&self) -> &[u8] {
        &self.body[self.room..]
    }

    /// Whether the body is a JSON object with field errors (`{"errors": {...}}`): an answer,
    /// not a hiccup, whatever the status.
    pub fn carries_field_errors(&self) -> bool {
        std::str::from_utf8(self.server_body())
            .ok()
            .and_then(|text| crate::json_check::check(text).ok())
            .is_some_and(|found| found.errors)
    }
}

/// The shared HTTP client: the agents of the process that built it, and those of a forked
/// child, built on its first call there (see the module docs, "Fork").
#[derive(Debug)]
pub(crate) struct Http {
    home: Agents,
    home_pid: u32,
    forked: Mutex<Option<(u32, Arc<Agents>)>>,
    plan: Plan,
    /// The current courier API's `language` header, when the client speaks it.
    language: Option<String>,
    max_body: u64,
    timeout: Duration,
}

/// One agent for `http://` URLs and one for `https://` URLs: one and the same agent (one pool)
/// unless the environment names a different proxy for each scheme.
#[derive(Debug)]
struct Agents {
    http: Agent,
    https: Agent,
}

impl Agents {
    fn pick(&self, url: &str) -> &Agent {
        if url
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("https:"))
        {
            &self.https
        } else {
            &self.http
        }
    }
}

/// The agents a call uses: borrowed in the process that built the client, shared in a child.
enum Held<'a> {
    Home(&'a Agents),
    Forked(Arc<Agents>),
}

impl std::ops::Deref for Held<'_> {
    type Target = Agents;
    fn deref(&self) -> &Agents {
        match self {
            Held::Home(agents) => agents,
            Held::Forked(agents) => agents,
        }
    }
}

/// Everything needed to build the agents, again in a forked child.
struct Plan {
    user_agent: String,
    timeout: Duration,
    connect_timeout: Duration,
    http_proxy: Option<Proxy>,
    https_proxy: Option<Proxy>,
    extra_roots: Arc<Vec<CertificateDer<'static>>>,
}

impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Proxy URLs may hold credentials: say only whether there is one.
        f.debug_struct("Plan")
            .field("http_proxy", &self.http_proxy.is_some())
            .field("https_proxy", &self.https_proxy.is_some())
            .field("extra_roots", &self.extra_roots.len())
            .finish_non_exhaustive()
    }
}

impl Plan {
    /// Fresh agents: keep-alive pools, no redirects (a POST must not be replayed by a
    /// redirect), 4xx/5xx returned as responses so their bodies can be read, the proxy chosen
    /// for each scheme, TLS with the bundled roots plus `ca_file`.
    fn build(&self) -> Result<Agents, Error> {
        let make = |proxy: &Option<Proxy>| {
            let agent_config = Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .user_agent(self.user_agent.as_str())
                .accept("application/json")
                .timeout_global(Some(self.timeout))
                .timeout_connect(Some(self.connect_timeout))
                .max_idle_connections_per_host(64)
                .max_idle_connections(128)
                // Always set: ureq's default reads the environment, HTTP_PROXY included.
                .proxy(proxy.clone())
                .build();
            // ureq's default chain, with bts's TLS in place of ureq's.
            let connector =
                ().chain(SocksConnector::default())
                    .chain(ConnectProxyConnector::default())
                    .chain(TcpConnector::default())
                    .chain(SteadyTimeouts)
                    .chain(RootedTls {
                        extra_roots: self.extra_roots.clone(),
                        config: OnceLock::new(),
                    });
            Agent::with_parts(agent_config, connector, CachingResolver::default())
        };
        let http = make(&self.http_proxy);
        let https = if self.https_proxy == self.http_proxy {
            http.clone()
        } else {
            make(&self.https_proxy)
        };
        Ok(Agents { http, https })
    }
}

/// The bundled Mozilla roots (the `webpki-roots` crate, as ureq's `rustls` feature uses them),
/// plus the certificates of `ca_file`.
fn root_store(extra_roots: &[CertificateDer<'static>]) -> RootCertStore {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    roots.add_parsable_certificates(extra_roots.iter().cloned());
    roots
}

/// The rustls client configuration: [`root_store`], ring, TLS 1.2 and 1.3.
fn tls_config(extra_roots: &[CertificateDer<'static>]) -> Result<ClientConfig, ureq::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)?
        .with_root_certificates(root_store(extra_roots))
        .with_no_client_auth())
}

impl Http {
    /// The client's HTTP layer: checks `ca_file` and the proxy settings (the configuration's,
    /// else the environment's) and builds the agents.
    pub fn new(config: &Config) -> Result<Http, Error> {
        let (http_proxy, https_proxy) = proxies(config, &|name| std::env::var(name).ok())?;
        let extra_roots = match &config.ca_file {
            Some(path) => load_roots(path)?,
            None => Vec::new(),
        };
        let plan = Plan {
            user_agent: config.user_agent.clone(),
            timeout: config.timeout(),
            connect_timeout: config.connect_timeout(),
            http_proxy,
            https_proxy,
            extra_roots: Arc::new(extra_roots),
        };
        Ok(Http {
            home: plan.build()?,
            home_pid: std::process::id(),
            forked: Mutex::new(None),
            plan,
            language: (config.courier_api == crate::operations::Api::Current)
                .then(|| config.language.clone()),
            max_body: config.max_response_bytes,
            timeout: config.timeout(),
        })
    }

    /// The agents of this process. In the process that built the client: its own, with no
    /// lock. In a forked child: a pool of the child's own, built on its first call, so that
    /// no socket the parent opened is ever used here.
    fn agents(&self) -> Result<Held<'_>, Error> {
        let pid = std::process::id();
        crate::logging::note_pid(pid);
        if pid == self.home_pid {
            return Ok(Held::Home(&self.home));
        }
        let mut slot = self
            .forked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((owner, agents)) = &*slot {
            if *owner == pid {
                return Ok(Held::Forked(agents.clone()));
            }
        }
        // First call in this process (a child, or a child's child: the agents it inherited
        // are dropped, which closes its copies of the sockets and nothing else).
        let agents = Arc::new(self.plan.build()?);
        *slot = Some((pid, agents.clone()));
        Ok(Held::Forked(agents))
    }

    /// The headers every request carries: the token, the language, the request id, and the
    /// time left of the call when it is shorter than the agent's timeout.
    fn headers<B>(
        &self,
        mut req: ureq::RequestBuilder<B>,
        bearer: Option<HeaderValue>,
        request_id: Option<HeaderValue>,
        timeout: Option<Duration>,
    ) -> ureq::RequestBuilder<B> {
        if let Some(value) = bearer {
            req = req.header(AUTHORIZATION, value);
        }
        if let Some(language) = &self.language {
            req = req.header(LANGUAGE, language.as_str());
        }
        if let Some(id) = request_id {
            req = req.header(X_REQUEST_ID, id);
        }
        if let Some(left) = timeout {
            req = req.config().timeout_global(Some(left)).build();
        }
        req
    }

    /// Sends one request and reads the whole response before `deadline`, into a buffer that
    /// starts with `request.room` spaces (room for an envelope's head; see [`Reply::room`]).
    pub fn send(&self, request: Request<'_>, deadline: Instant) -> Result<Reply, Error> {
        let Request {
            method,
            url,
            bearer,
            body,
            room,
        } = request;
        let now = Instant::now();
        let remaining = deadline.saturating_duration_since(now);
        if remaining.is_zero() {
            return Err(timeout_error(false));
        }
        let call = crate::logging::current();
        let agents = self.agents()?;
        let agent = agents.pick(url);
        // Header names are constants and values are built once, without copies: ureq would
        // parse a name given as text on every request.
        let bearer = match bearer {
            Some(token) => {
                let mut value = String::with_capacity(7 + token.len());
                value.push_str("Bearer ");
                value.push_str(token);
                Some(HeaderValue::try_from(value).map_err(|_| {
                    Error::invalid_input("the token holds a character an HTTP header cannot carry")
                })?)
            }
            None => None,
        };
        let request_id = call
            .as_ref()
            .and_then(|(_, id)| HeaderValue::from_str(id.as_str()).ok());
        // The agent's global timeout is the whole call's; later attempts (retries, re-logins)
        // get only what is left of it.
        let shorter = (remaining + Duration::from_millis(5) < self.timeout).then_some(remaining);
        let result = match method {
            // A GET with a JSON body: the current API's webhook registration, as its docs show it.
            Method::Get => {
                let req = self.headers(agent.get(url), bearer, request_id, shorter);
                match body {
                    Some(body) => req
                        .force_send_body()
                        .header(CONTENT_TYPE, APPLICATION_JSON)
                        .send(body),
                    None => req.call(),
                }
            }
            Method::Post => self
                .headers(agent.post(url), bearer, request_id, shorter)
                .header(CONTENT_TYPE, APPLICATION_JSON)
                .send(body.unwrap_or(b"{}")),
        };
        let mut response = result.map_err(|e| map_error(e, false))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        // Size the buffer once from Content-Length (a hint: never above the limit), with room
        // for the envelope around it, so neither the read nor the envelope moves or
        // reallocates the body.
        let hint = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
            .min(self.max_body) as usize;
        let mut body = Vec::with_capacity(room + hint + crate::error::ENVELOPE_SLACK);
        body.resize(room, b' ');
        std::io::Read::read_to_end(
            &mut response
                .body_mut()
                .with_config()
                .limit(self.max_body)
                .reader(),
            &mut body,
        )
        // ureq wraps its own errors (a timeout, the body limit) in io::Error: unwrap them.
        .map_err(|e| map_error(ureq::Error::from(e), true).with_status(status))?;
        Ok(Reply {
            status,
            body,
            room,
            retry_after,
        })
    }
}

/// The proxies for `http://` and `https://` URLs: the configuration's `proxy` when set, else
/// the environment's, read through `env` (see the module docs, "Proxies").
pub(crate) fn proxies(
    config: &Config,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(Option<Proxy>, Option<Proxy>), Error> {
    let first = |names: &[&'static str]| {
        names.iter().find_map(|name| {
            env(name)
                .filter(|v| !v.trim().is_empty())
                .map(|v| (*name, v))
        })
    };
    if let Some(url) = config.proxy.as_deref().map(str::trim) {
        if url.eq_ignore_ascii_case("none") {
            return Ok((None, None));
        }
        let proxy = proxy(url, config.no_proxy.as_deref()).ok_or_else(|| {
            Error::invalid_input(format!("bad configuration: proxy {PROXY_URL_RULE}"))
                .with_fields([("proxy".to_owned(), vec![PROXY_URL_RULE.to_owned()])])
        })?;
        return Ok((Some(proxy.clone()), Some(proxy)));
    }
    let no_proxy = match &config.no_proxy {
        Some(list) => Some(list.clone()),
        None => first(&["no_proxy", "NO_PROXY"]).map(|(_, v)| v),
    };
    // A CGI request: the visitor's `Proxy:` header is in HTTP_PROXY ("httpoxy").
    let cgi = env("REQUEST_METHOD").is_some();
    let all = first(&["all_proxy", "ALL_PROXY"]);
    let http = if cgi {
        None
    } else {
        first(&["http_proxy", "HTTP_PROXY"])
    }
    .or_else(|| all.clone());
    let https = first(&["https_proxy", "HTTPS_PROXY"]).or(all);
    let build = |found: Option<(&str, String)>| {
        found
            .map(|(name, url)| {
                // The value may hold credentials: name the variable, never its value.
                proxy(&url, no_proxy.as_deref()).ok_or_else(|| {
                    Error::invalid_input(format!(
                        "the environment variable {name} is not a proxy URL: {PROXY_URL_RULE}"
                    ))
                })
            })
            .transpose()
    };
    Ok((build(http)?, build(https)?))
}

/// What a proxy setting must look like (said in errors instead of the value).
pub(crate) const PROXY_URL_RULE: &str = "must be \"none\" or a proxy URL: http://, https://, socks4://, socks4a://, socks5:// or socks5h://, then [user:password@]host[:port]";

/// A proxy from its URL, bypassed for the hosts of `no_proxy` (comma-separated; `example.com`
/// and `.example.com` cover the host and its subdomains, `*` every host).
pub(crate) fn proxy(url: &str, no_proxy: Option<&str>) -> Option<Proxy> {
    let parsed = Proxy::new(url.trim()).ok()?;
    let mut builder = Proxy::builder(parsed.protocol())
        .host(parsed.host())
        .port(parsed.port())
        .resolve_target(parsed.resolve_target());
    if let Some(user) = parsed.username() {
        builder = builder.username(user);
    }
    if let Some(password) = parsed.password() {
        builder = builder.password(password);
    }
    for entry in no_proxy.unwrap_or_default().split(',') {
        let host = entry.trim().trim_start_matches('*').trim_start_matches('.');
        if entry.trim() == "*" {
            builder = builder.no_proxy("*");
        } else if !host.is_empty() {
            builder = builder.no_proxy(host).no_proxy(&format!(".{host}"));
        }
    }
    builder.build().ok()
}

/// The certificates of a PEM file, every one of them usable as a root.
fn load_roots(path: &Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    let bad = |why: String| {
        Error::invalid_input(format!("bad configuration: ca_file: {why}"))
            .with_fields([("ca_file".to_owned(), vec![why])])
    };
    let shown = path.display();
    let pem = std::fs::read(path).map_err(|e| bad(format!("cannot read {shown}: {e}")))?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(cert)) => {
                certs.push(CertificateDer::from(cert.der().to_vec()))
            }
            Ok(_) => {}
            Err(_) => return Err(bad(format!("{shown} is not a valid PEM file"))),
        }
    }
    if certs.is_empty() {
        return Err(bad(format!(
            "{shown} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
        )));
    }
    let (_, ignored) = RootCertStore::empty().add_parsable_certificates(certs.iter().cloned());
    if ignored > 0 {
        return Err(bad(format!(
            "{ignored} of the {} certificates in {shown} cannot be used as a root",
            certs.len()
        )));
    }
    Ok(certs)
}

/// TLS with bts's own root store: the bundled Mozilla roots plus `ca_file`.
///
/// ureq's own `RustlsConnector` takes either its bundled roots or a list of whole
/// certificates; webpki-roots holds the Mozilla roots as trust anchors (subject, key, name
/// constraints), not as certificates, so adding roots to them takes a rustls configuration of
/// our own. This connector does what ureq's does (same rustls version, ring, TLS 1.2 and 1.3,
/// SNI), and reports a failed handshake as one that sent nothing.
/// The rustls configuration is built on the first TLS connection (the default BTS URLs are
/// `http://`: then it never is).
#[derive(Debug)]
struct RootedTls {
    extra_roots: Arc<Vec<CertificateDer<'static>>>,
    config: OnceLock<Arc<ClientConfig>>,
}

impl<In: Transport> Connector<In> for RootedTls {
    type Out = Either<In, TlsTransport>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let Some(transport) = chained else {
            return Ok(None);
        };
        if !details.needs_tls() || transport.is_tls() {
            return Ok(Some(Either::A(transport)));
        }
        let host = details.uri.host().unwrap_or_default();
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let name = ServerName::try_from(bare)
            .map_err(|_| ureq::Error::Tls("the host name cannot be checked against a certificate"))?
            .to_owned();
        let config = match self.config.get() {
            Some(config) => config.clone(),
            None => {
                // Two first connections at once may both build one; one of them is kept.
                let built = Arc::new(tls_config(&self.extra_roots)?);
                self.config.get_or_init(|| built).clone()
            }
        };
        let mut conn = ClientConnection::new(config, name)?;
        let mut sock = TransportAdapter::new(transport.boxed(), details.current_time.clone());
        sock.set_timeout(details.timeout);
        conn.complete_io(&mut sock).map_err(handshake_error)?;
        let buffers = LazyBuffers::new(
            details.config.input_buffer_size(),
            details.config.output_buffer_size(),
        );
        Ok(Some(Either::B(TlsTransport {
            buffers,
            stream: StreamOwned::new(conn, sock),
        })))
    }
}

/// The step the socket timeouts of a connection move by: [`steady`].
const TIMEOUT_STEP: Duration = Duration::from_millis(10);

/// Socket timeouts that change only when the call's deadline has moved by [`TIMEOUT_STEP`].
///
/// ureq bounds every read and write of a connection by what is left of the call's deadline
/// and hands that to the socket (`SO_SNDTIMEO`, `SO_RCVTIMEO`) whenever it differs from the
/// value the socket already has. Exact to the nanosecond, it differs on every call: two
/// `setsockopt` system calls per kept-alive call that raw ureq, without a timeout, does not
/// make (measured: `strace -c`, 2,001 per 1,000 calls). Rounded down to the step, the value
/// stays the same from one call to the next while calls are shorter than the step, and ureq
/// makes no system call at all; a read or write that waits is ended at most one step before
/// the deadline, never after it.
#[derive(Debug)]
struct SteadyTimeouts;

impl<In: Transport> Connector<In> for SteadyTimeouts {
    type Out = Steady<In>;

    fn connect(
        &self,
        _details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        Ok(chained.map(Steady))
    }
}

/// A connection whose timeouts [`SteadyTimeouts`] rounds.
#[derive(Debug)]
struct Steady<T>(T);

impl<T: Transport> Transport for Steady<T> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.0.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.0.transmit_output(amount, steady(timeout))
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.0.await_input(steady(timeout))
    }

    fn is_open(&mut self) -> bool {
        self.0.is_open()
    }

    fn is_tls(&self) -> bool {
        self.0.is_tls()
    }
}

/// `timeout` rounded down to a whole number of [`TIMEOUT_STEP`]s when it is longer than two;
/// shorter ones (a call near its deadline) are kept exact.
fn steady(mut timeout: NextTimeout) -> NextTimeout {
    if let UreqDuration::Exact(left) = timeout.after {
        if left > TIMEOUT_STEP * 2 {
            // the remainder is below the step, so it fits in a u64 of nanoseconds
            let part = (left.as_nanos() % TIMEOUT_STEP.as_nanos()) as u64;
            timeout.after = UreqDuration::Exact(left - Duration::from_nanos(part));
        }
    }
    timeout
}

/// A connection wrapped in TLS by [`RootedTls`].
struct TlsTransport {
    buffers: LazyBuffers,
    stream: StreamOwned<ClientConnection, TransportAdapter>,
}

impl std::fmt::Debug for TlsTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsTransport")
            .field("chained", &self.stream.sock.inner())
            .finish()
    }
}

impl Transport for TlsTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let output = &self.buffers.output()[..amount];
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let input = self.buffers.input_append_buf();
        let amount = self.stream.read(input)?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        self.stream.get_mut().get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}

/// A TLS handshake that failed: nothing of the request was sent.
#[derive(Debug)]
struct Handshake(String);

impl std::fmt::Display for Handshake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Handshake {}

fn handshake_error(e: io::Error) -> ureq::Error {
    match ureq::Error::from(e) {
        ureq::Error::Io(io) => {
            let what = match io.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
                Some(tls) => tls.to_string(),
                None => io.to_string(),
            };
            ureq::Error::Io(io::Error::other(Handshake(what)))
        }
        other => other,
    }
}

fn timeout_error(sent: bool) -> Error {
    Error::new(
        ErrorKind::Timeout,
        "the call did not finish within timeout_ms",
    )
    .with_sent(sent)
}

/// Maps a ureq error onto an [`ErrorKind`], and says whether the request may have reached the
/// server. Only a failed lookup, a refused or failed connection, and a timeout while resolving
/// or connecting prove it was not sent.
fn map_error(e: ureq::Error, in_body: bool) -> Error {
    classify_error(&e, in_body).with_source(e)
}

fn classify_error(e: &ureq::Error, in_body: bool) -> Error {
    use ureq::Timeout as T;
    match e {
        ureq::Error::Timeout(phase) => {
            let before_send = !in_body && matches!(phase, T::Resolve | T::Connect);
            if matches!(phase, T::Connect) {
                Error::new(
                    ErrorKind::Timeout,
                    "could not connect to BTS within connect_timeout_ms",
                )
                .with_sent(false)
            } else {
                timeout_error(!before_send)
            }
        }
        ureq::Error::HostNotFound => Error::new(
            ErrorKind::Network,
            "the BTS host name could not be resolved",
        )
        .with_sent(false),
        ureq::Error::ConnectionFailed => {
            Error::new(ErrorKind::Network, "could not connect to BTS").with_sent(false)
        }
        ureq::Error::Io(io) => io_error(io, in_body),
        ureq::Error::BodyExceedsLimit(limit) => Error::new(
            ErrorKind::Decode,
            format!("the response body is larger than max_response_bytes ({limit} bytes)"),
        )
        .with_sent(true),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            Error::invalid_input("the request URL is not valid: check base_url and wms_base_url")
        }
        ureq::Error::Tls(what) => {
            Error::new(ErrorKind::Network, format!("TLS failure: {what}")).with_sent(false)
        }
        ureq::Error::Rustls(e) => {
            Error::new(ErrorKind::Network, format!("TLS failure: {e}")).with_sent(in_body)
        }
        ureq::Error::ConnectProxyFailed(why) => Error::new(
            ErrorKind::Network,
            format!("the proxy did not open a connection to BTS ({why})"),
        )
        .with_sent(false),
        ureq::Error::InvalidProxyUrl => Error::invalid_input(format!("proxy: {PROXY_URL_RULE}")),
        ureq::Error::Protocol(p) => Error::new(
            ErrorKind::Network,
            format!("the server broke the HTTP protocol: {p}"),
        )
        .with_sent(true),
        ureq::Error::Decompress(_, _) => Error::new(
            ErrorKind::Decode,
            "the response body could not be decompressed",
        )
        .with_sent(true),
        other => Error::new(ErrorKind::Network, format!("HTTP failure: {other}")).with_sent(true),
    }
}

fn io_error(io: &io::Error, in_body: bool) -> Error {
    if let Some(handshake) = io.get_ref().and_then(|e| e.downcast_ref::<Handshake>()) {
        let hint = if handshake.0.contains("certificate") {
            " (on a network that intercepts TLS, put its root certificate in ca_file)"
        } else {
            ""
        };
        return Error::new(
            ErrorKind::Network,
            format!("the TLS handshake failed: {handshake}{hint}"),
        )
        .with_sent(false);
    }
    match io.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => timeout_error(true),
        io::ErrorKind::ConnectionRefused if !in_body => {
            Error::new(ErrorKind::Network, "BTS refused the connection").with_sent(false)
        }
        io::ErrorKind::UnexpectedEof if in_body => Error::new(
            ErrorKind::Network,
            "the connection closed before the whole response arrived",
        )
        .with_sent(true),
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe
        | io::ErrorKind::UnexpectedEof => {
            Error::new(ErrorKind::Network, "the connection was reset by the server").with_sent(true)
        }
        _ => Error::new(ErrorKind::Network, format!("network failure: {io}")).with_sent(true),
    }
}

/// `Retry-After` as delay-seconds or an HTTP date (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`).
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(value)?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

fn parse_http_date(s: &str) -> Option<u64> {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    let rest = s.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: u64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':');
    let h: u64 = hms.next()?.parse().ok()?;
    let m: u64 = hms.next()?.parse().ok()?;
    let sec: u64 = hms.next()?.parse().ok()?;
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day as i64);
    u64::try_from(days)
        .ok()
        .map(|d| d * 86400 + h * 3600 + m * 60 + sec)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    #[test]
    fn socket_timeouts_hold_still_between_calls_and_never_outlast_the_deadline() {
        use ureq::Timeout;
        let next = |after: UreqDuration| NextTimeout {
            after,
            reason: Timeout::Global,
            per_read: None,
            per_write: None,
        };
        // a thousand calls of 7 µs each, each with a fresh 30 s deadline, read at 3 µs in
        let mut seen = std::collections::HashSet::new();
        for call in 0..1000u64 {
            let left = Duration::from_secs(30) - Duration::from_nanos(3_000 + call % 5);
            let got = steady(next(left.into()));
            assert!(*got.after <= left && left - *got.after < TIMEOUT_STEP);
            assert_eq!(got.reason, Timeout::Global);
            seen.insert(*got.after);
        }
        assert_eq!(
            seen.len(),
            1,
            "one socket timeout for all of them: {seen:?}"
        );
        // one call reading for a while: the value steps down in whole steps, at most behind
        let mut values = Vec::new();
        for us in (0..200_000u64).step_by(997) {
            let left = Duration::from_secs(1) - Duration::from_micros(us);
            let got = *steady(next(left.into())).after;
            assert!(
                got <= left && left - got < TIMEOUT_STEP,
                "{left:?} -> {got:?}"
            );
            assert_eq!(got.as_nanos() % TIMEOUT_STEP.as_nanos(), 0);
            values.push(got);
        }
        values.dedup();
        assert_eq!(
            values.len(),
            21,
            "1 s down to 0.8 s in 10 ms steps: {values:?}"
        );
        // near the deadline, exact; no timeout stays none
        for left in [
            Duration::ZERO,
            Duration::from_micros(1),
            Duration::from_millis(15),
            TIMEOUT_STEP * 2,
        ] {
            assert_eq!(*steady(next(left.into())).after, left);
        }
        assert_eq!(
            steady(next(UreqDuration::NotHappening)).after,
            UreqDuration::NotHappening
        );
    }

    use super::*;

    fn env_of(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    /// Which proxy URL (host:port) each scheme gets.
    fn chosen(
        config: &Config,
        vars: &'static [(&'static str, &'static str)],
    ) -> [Option<String>; 2] {
        let (http, https) = proxies(config, &env_of(vars)).unwrap();
        [http, https].map(|p| p.map(|p| format!("{}:{}", p.host(), p.port())))
    }

    #[test]
    fn the_environment_is_read_per_scheme_and_httpoxy_is_ignored() {
        let plain = Config::default();
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(chosen(&plain, &[]), [None, None]);
        assert_eq!(
            chosen(
                &plain,
                &[("HTTP_PROXY", "http://h:1"), ("HTTPS_PROXY", "http://s:2")]
            ),
            [some("h:1"), some("s:2")]
        );
        assert_eq!(
            chosen(
                &plain,
                &[("http_proxy", "http://l:1"), ("HTTP_PROXY", "http://u:2")]
            ),
            [some("l:1"), None],
            "lower case first, as curl"
        );
        assert_eq!(
            chosen(
                &plain,
                &[("ALL_PROXY", "socks5://a:3"), ("HTTPS_PROXY", "http://s:2")]
            ),
            [some("a:3"), some("s:2")]
        );
        // httpoxy: in a CGI request HTTP_PROXY is a visitor's header.
        for name in ["HTTP_PROXY", "http_proxy"] {
            let vars: &'static [(&str, &str)] = if name == "HTTP_PROXY" {
                &[
                    ("REQUEST_METHOD", "POST"),
                    ("HTTP_PROXY", "http://evil:8080"),
                ]
            } else {
                &[
                    ("REQUEST_METHOD", "GET"),
                    ("http_proxy", "http://evil:8080"),
                ]
            };
            assert_eq!(chosen(&plain, vars), [None, None], "{name}");
        }
        assert_eq!(
            chosen(
                &plain,
                &[
                    ("REQUEST_METHOD", "GET"),
                    ("HTTP_PROXY", "http://evil:8080"),
                    ("ALL_PROXY", "http://ok:1")
                ]
            ),
            [some("ok:1"), some("ok:1")]
        );
        // The key wins, in CGI too; "none" ignores the environment.
        let keyed = Config {
            proxy: some("http://k:9"),
            ..Config::default()
        };
        assert_eq!(
            chosen(
                &keyed,
                &[("REQUEST_METHOD", "GET"), ("HTTPS_PROXY", "http://s:2")]
            ),
            [some("k:9"), some("k:9")]
        );
        let none = Config {
            proxy: some("None"),
            ..Config::default()
        };
        assert_eq!(chosen(&none, &[("HTTP_PROXY", "http://h:1")]), [None, None]);
        // A bad variable names itself, never its value.
        let err =
            proxies(&plain, &env_of(&[("HTTPS_PROXY", "ftp://user:Secret-9@x")])).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(err.message().contains("HTTPS_PROXY"), "{err:?}");
        assert!(!format!("{err:?}").contains("Secret-9"), "{err:?}");
    }

    #[test]
    fn no_proxy_covers_hosts_and_their_subdomains() {
        let uri = |u: &str| u.parse::<Uri>().unwrap();
        let p = proxy("http://p:1", Some(" bts.uz, .example.com ,10.0.0.1")).unwrap();
        for bypassed in [
            "http://bts.uz/",
            "http://api.bts.uz:8080/",
            "https://a.example.com/",
            "http://example.com/",
            "http://10.0.0.1/",
        ] {
            assert!(p.is_no_proxy(&uri(bypassed)), "{bypassed}");
        }
        for proxied in [
            "http://notbts.uz/",
            "http://bts.uz.evil/",
            "http://10.0.0.10/",
        ] {
            assert!(!p.is_no_proxy(&uri(proxied)), "{proxied}");
        }
        let all = proxy("http://p:1", Some("*")).unwrap();
        assert!(all.is_no_proxy(&uri("http://anything/")));
        // Credentials survive the rebuild (they are sent to the proxy).
        let with_user = proxy("http://shop:p%40ss@p:1", None).unwrap();
        assert_eq!(
            (with_user.username(), with_user.password()),
            (Some("shop"), Some("p@ss"))
        );
    }

    #[test]
    fn debug_never_shows_proxy_credentials() {
        let config = Config {
            proxy: Some("http://shop:Pr0xy-S3cret@127.0.0.1:3128".into()),
            ..Config::default()
        };
        let http = Http::new(&config).unwrap();
        for text in [format!("{http:?}"), format!("{config:?}")] {
            assert!(!text.contains("Pr0xy-S3cret"), "{text}");
        }
        assert!(format!("{config:?}").contains("http://***@127.0.0.1:3128"));
    }

    #[test]
    fn ca_file_adds_to_the_bundled_roots() {
        let bundled = webpki_roots::TLS_SERVER_ROOTS.len();
        assert!(bundled > 100, "{bundled} bundled roots");
        assert_eq!(root_store(&[]).len(), bundled);
        // A self-signed root made with openssl for this test.
        let pem = include_str!("../tests/fixtures/test-root.pem");
        let certs: Vec<CertificateDer<'static>> = ureq::tls::parse_pem(pem.as_bytes())
            .filter_map(|item| match item {
                Ok(ureq::tls::PemItem::Certificate(c)) => {
                    Some(CertificateDer::from(c.der().to_vec()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(certs.len(), 1);
        assert_eq!(root_store(&certs).len(), bundled + 1);
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}
