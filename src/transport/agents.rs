//! The `ureq` agents a client sends through, and fork safety: a forked child builds agents of
//! its own on its first call (see the module docs of [`transport`](super), "Fork").

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use rustls::pki_types::CertificateDer;
use ureq::unversioned::transport::{
    ConnectProxyConnector, Connector, SocksConnector, TcpConnector,
};
use ureq::{Agent, Proxy};

use super::resolver::CachingResolver;
use super::timeouts::SteadyTimeouts;
use super::tls::RootedTls;
use crate::error::Error;

/// One agent for `http://` URLs and one for `https://` URLs: one and the same agent (one pool)
/// unless the environment names a different proxy for each scheme.
#[derive(Debug)]
pub(super) struct Agents {
    http: Agent,
    https: Agent,
}

impl Agents {
    pub(super) fn pick(&self, url: &str) -> &Agent {
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
pub(super) enum Held<'a> {
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
pub(super) struct Plan {
    pub(super) user_agent: String,
    pub(super) timeout: Duration,
    pub(super) connect_timeout: Duration,
    pub(super) http_proxy: Option<Proxy>,
    pub(super) https_proxy: Option<Proxy>,
    pub(super) extra_roots: Arc<Vec<CertificateDer<'static>>>,
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
    pub(super) fn build(&self) -> Result<Agents, Error> {
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

/// The agents of the process that built the client, and those of a forked child, built on its
/// first call there (see the module docs of [`transport`](super), "Fork").
#[derive(Debug)]
pub(super) struct Pool {
    home: Agents,
    home_pid: u32,
    forked: Mutex<Option<(u32, Arc<Agents>)>>,
    plan: Plan,
}

impl Pool {
    /// The agents of `plan`, built now for this process.
    pub(super) fn new(plan: Plan) -> Result<Pool, Error> {
        Ok(Pool {
            home: plan.build()?,
            home_pid: std::process::id(),
            forked: Mutex::new(None),
            plan,
        })
    }

    /// The agents of this process. In the process that built the client: its own, with no
    /// lock. In a forked child: a pool of the child's own, built on its first call, so that
    /// no socket the parent opened is ever used here.
    pub(super) fn agents(&self) -> Result<Held<'_>, Error> {
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
}
