//! The HTTP layer: `ureq` agents with keep-alive, a caching resolver, deadlines, the body
//! limit, proxies, TLS roots, fork safety, and the mapping of every transport failure onto an
//! [`ErrorKind`](crate::ErrorKind).
//!
//! One concern per file:
//!
//! * [`http`]: [`Http`], one request in and its [`Reply`] out (headers, deadline, body limit);
//! * [`agents`]: the `ureq` agents, and building them again in a forked child ("Fork" below);
//! * [`resolver`]: the caching DNS resolver;
//! * [`proxy`]: the proxy rules of the configuration and the environment ("Proxies" below);
//! * [`tls`]: the root store and the TLS connector ("TLS roots" below);
//! * [`timeouts`]: socket timeouts that hold still between kept-alive calls;
//! * [`errors`]: every transport failure as an [`Error`](crate::Error) of one kind;
//! * [`retry_after`]: the `Retry-After` header.
//!
//! Two measurements of ureq 3.5 shape this layer: ureq resolves the host on every request, and
//! its default resolver spawns a thread per request whenever a timeout covers the resolve
//! phase. [`resolver`] answers from a short-lived cache (IP literals without any
//! lookup), and only a cache miss pays for a lookup thread, so `timeout_global` can bound the
//! whole call at no extra cost.
//!
//! # Living inside other processes
//!
//! bts runs inside PHP-FPM and 1C workers, gunicorn and Celery workers, CGI scripts. Three rules
//! follow.
//!
//! * **Fork.** A process that forks after a call hands its kept-alive sockets to the child;
//!   two processes reading one socket read each other's replies. The pool of agents
//!   ([`agents`]) remembers the process id that built it and compares it with
//!   [`std::process::id`] on every call: no lock, one `getpid` system call (measured: 5 user-space instructions; 0.5-0.7 µs
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

mod agents;
mod errors;
mod http;
pub(crate) mod proxy;
mod resolver;
mod retry_after;
mod timeouts;
mod tls;

pub(crate) use http::{Http, Reply, Request};
pub(crate) use resolver::LOOKUP_THREADS;
