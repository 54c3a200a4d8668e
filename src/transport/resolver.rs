//! The caching resolver: ureq resolves the host on every request, and its default resolver
//! spawns a thread per request whenever a timeout covers the resolve phase.
//! [`CachingResolver`] answers from a short-lived cache (IP literals without any lookup), and
//! only a cache miss pays for a lookup thread.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

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
