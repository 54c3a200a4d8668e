//! The public handle of a running sandbox: starting it, its URLs and ready client
//! configurations, fault injection, counts, and the test controls over its state.

use crate::fault::Fault;
use crate::sync::lock;
use crate::webhook::WebhookDelivery;
use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// The courier account's username.
pub const COURIER_USERNAME: &str = crate::legacy::store::USERNAME;
/// The courier account's password.
pub const COURIER_PASSWORD: &str = crate::legacy::store::PASSWORD;
/// The courier account's company INN.
pub const COURIER_INN: &str = crate::legacy::store::INN;
/// The current courier API's account login.
pub const CURRENT_LOGIN: &str = crate::current::store::LOGIN;
/// The current courier API's account password.
pub const CURRENT_PASSWORD: &str = crate::current::store::PASSWORD;
/// The WMS account's login.
pub const WMS_LOGIN: &str = crate::wms::store::LOGIN;
/// The WMS account's password.
pub const WMS_PASSWORD: &str = crate::wms::store::PASSWORD;

/// The sandbox accounts as JSON:
/// `{"courier":{"username","password","inn"},"wms":{"login","password"},"current":{"login","password"}}`.
pub fn accounts_json() -> String {
    let j = crate::json::json_object! {
        "courier" => crate::json::json_object! {
            "username" => COURIER_USERNAME,
            "password" => COURIER_PASSWORD,
            "inn" => COURIER_INN,
        },
        "wms" => crate::json::json_object! {"login" => WMS_LOGIN, "password" => WMS_PASSWORD},
        "current" => crate::json::json_object! {"login" => CURRENT_LOGIN, "password" => CURRENT_PASSWORD},
    };
    String::from_utf8(j.to_vec()).unwrap_or_default()
}

/// A running sandbox server. Dropping it stops the server and closes its connections.
pub struct Sandbox {
    shared: Arc<crate::shared::Shared>,
    addr: SocketAddr,
    accept: Option<JoinHandle<()>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox").field("addr", &self.addr).finish()
    }
}

impl Sandbox {
    /// Starts a sandbox on `127.0.0.1` with a free port.
    ///
    /// # Panics
    ///
    /// When it cannot bind or start its thread.
    pub fn start() -> Sandbox {
        Sandbox::start_on("127.0.0.1:0")
            .unwrap_or_else(|e| panic!("bts-sandbox: cannot listen on 127.0.0.1:0: {e}"))
    }

    /// Starts a sandbox listening on `addr` (e.g. `"127.0.0.1:8080"`, `"0.0.0.0:0"`).
    pub fn start_on(addr: &str) -> io::Result<Sandbox> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let host = connect_addr(addr).to_string();
        let seed = crate::dates::now_nanos()
            ^ (u64::from(addr.port()) << 48)
            ^ u64::from(std::process::id());
        let mut st = crate::state::State::new(host, seed);
        crate::wms::records::seed_examples(&mut st);
        let (tx, rx) = std::sync::mpsc::channel();
        st.hook_tx = Some(tx);
        let shared = Arc::new(crate::shared::Shared::new(st));
        let sh = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("bts-sandbox-webhooks".into())
            .spawn(move || crate::background::run(sh, rx))?;
        let sh = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("bts-sandbox-clock".into())
            .spawn(move || crate::background::clock(sh))?;
        let sh = Arc::clone(&shared);
        let accept = std::thread::Builder::new()
            .name("bts-sandbox-accept".into())
            .spawn(move || crate::server::accept_loop(sh, listener))?;
        Ok(Sandbox {
            shared,
            addr,
            accept: Some(accept),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The courier base URL, `http://127.0.0.1:PORT/index.php` (a wildcard listen address is
    /// written as loopback).
    pub fn base_url(&self) -> String {
        format!("http://{}/index.php", connect_addr(self.addr))
    }

    /// The WMS base URL, `http://127.0.0.1:PORT`.
    pub fn wms_base_url(&self) -> String {
        format!("http://{}", connect_addr(self.addr))
    }

    /// The current courier API's base URL, `http://127.0.0.1:PORT/current` (its routes are
    /// `/current/auth/login`, `/current/v1/order/add`, …).
    pub fn current_base_url(&self) -> String {
        format!("http://{}/current", connect_addr(self.addr))
    }

    /// A `bts` client configuration for the current courier API of this sandbox:
    /// `{"courier_api":"current","base_url","login","password","wms_base_url","wms_login",
    /// "wms_password"}`.
    pub fn current_config_json(&self) -> String {
        let j = crate::json::json_object! {
            "courier_api" => "current",
            "base_url" => self.current_base_url(),
            "login" => CURRENT_LOGIN,
            "password" => CURRENT_PASSWORD,
            "wms_base_url" => self.wms_base_url(),
            "wms_login" => WMS_LOGIN,
            "wms_password" => WMS_PASSWORD,
        };
        String::from_utf8(j.to_vec()).unwrap_or_default()
    }

    /// The line the `bts-sandbox` binary prints on start, one JSON object:
    /// `{"base_url","wms_base_url","current_base_url","accounts","config","current_config"}`
    /// (`base_url` is the legacy courier API's).
    pub fn announcement_json(&self) -> String {
        let j = crate::json::json_object! {
            "base_url" => self.base_url(),
            "wms_base_url" => self.wms_base_url(),
            "current_base_url" => self.current_base_url(),
        };
        let mut line = j.to_vec();
        line.pop();
        let mut line = String::from_utf8(line).unwrap_or_default();
        line.push_str(&format!(
            ",\"accounts\":{},\"config\":{},\"current_config\":{}}}",
            accounts_json(),
            self.config_json(),
            self.current_config_json()
        ));
        line
    }

    /// A `bts` client configuration for this sandbox: `{"base_url","wms_base_url","username",
    /// "password","inn","wms_login","wms_password"}`.
    pub fn config_json(&self) -> String {
        let j = crate::json::json_object! {
            "base_url" => self.base_url(),
            "wms_base_url" => self.wms_base_url(),
            "username" => COURIER_USERNAME,
            "password" => COURIER_PASSWORD,
            "inn" => COURIER_INN,
            "wms_login" => WMS_LOGIN,
            "wms_password" => WMS_PASSWORD,
        };
        String::from_utf8(j.to_vec()).unwrap_or_default()
    }

    /// Applies `fault` to the next `times` requests whose route key is `route` (`"order/add"`,
    /// `"wms/product/clients"`, …) or to any request with `"*"`. Rules are used in the order they
    /// were injected.
    ///
    /// # Panics
    ///
    /// When `route` is neither a route key nor `"*"` (a typo would otherwise never fire).
    pub fn inject(&self, route: &str, fault: Fault, times: usize) {
        assert!(
            crate::control::valid_route(route),
            "bts-sandbox: unknown route key {route:?} (use an operation name such as \"order/add\" or \"*\")"
        );
        self.shared.inject(route, fault, times);
    }

    /// Drops every fault not yet used.
    pub fn clear_faults(&self) {
        self.shared.clear_faults();
    }

    /// How many requests arrived for a route key since the start or the last
    /// [`reset_counts`](Sandbox::reset_counts), faulted ones included; `"*"` counts every
    /// request (unknown routes too), control requests excepted.
    pub fn requests(&self, route: &str) -> usize {
        self.shared.requests(route)
    }

    /// Sets every request count back to zero.
    pub fn reset_counts(&self) {
        self.shared.reset_counts();
    }

    /// Invalidates every token issued so far (legacy courier, current API and WMS, refresh
    /// tokens included): the next call with one gets a 401.
    pub fn expire_tokens(&self) {
        lock(&self.shared.state).expire_tokens();
    }

    /// Sets how long tokens stay valid after they are issued (`None`, the default: forever).
    /// For the JWTs of the current API and the WMS this caps their own lifetime.
    pub fn set_token_ttl(&self, ttl: Option<Duration>) {
        lock(&self.shared.state).set_token_ttl(ttl);
    }

    /// Invalidates every access token issued so far (legacy courier, current API, WMS), but not
    /// the refresh tokens: the next call gets a 401 and a refresh works.
    pub fn expire_access_tokens(&self) {
        lock(&self.shared.state).expire_access_tokens();
    }

    /// Sets the lifetimes of the JWTs issued from now on by the current API and the WMS (their
    /// `exp` claims say the same; defaults: 1 day and 30 days).
    pub fn set_token_lifetimes(&self, access: Duration, refresh: Duration) {
        lock(&self.shared.state).set_token_lifetimes(access, refresh);
    }

    /// Moves an order of the current API to a status code (100–1400; 900 and 1000 are sandbox
    /// inventions), notifying the registered webhook when the status changes. False for an
    /// unknown order or code.
    pub fn set_current_status(&self, order_id: i64, code: i64) -> bool {
        lock(&self.shared.state).set_current_status(order_id, code)
    }

    /// Sets the day (`YYYY-MM-DD`) an order of the current API counts as created, the date
    /// `order/list` filters on. False for an unknown order or a malformed date.
    pub fn set_current_order_date(&self, order_id: i64, date: &str) -> bool {
        lock(&self.shared.state).set_current_order_date(order_id, date)
    }

    /// Starts (or, with `None`, stops) the sandbox's clock: every `step`, each current-API
    /// order not in a final status moves one status along the main path (100 → 200 → … → 800
    /// → 1100 → 1200), notifying the webhook.
    pub fn set_clock(&self, step: Option<Duration>) {
        lock(&self.shared.state).set_clock(step);
    }

    /// Switches readings where the references disagree; `quirks` is a JSON object with any of
    /// the members listed in the crate docs ("Quirks"). An unknown member or value is an error
    /// and changes nothing.
    pub fn set_quirks(&self, quirks: &serde_json::Value) -> Result<(), String> {
        lock(&self.shared.state).quirks.apply(quirks)
    }

    /// Every quirk and its current value, as a JSON object.
    pub fn quirks(&self) -> serde_json::Value {
        let j = lock(&self.shared.state).quirks.to_json();
        serde_json::from_slice(&j.to_vec()).unwrap_or_default()
    }

    /// The webhook deliveries finished so far, oldest first.
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        lock(&self.shared.state).deliveries.clone()
    }

    /// Waits until at least `n` webhook deliveries have finished, or `timeout` has passed, and
    /// returns the deliveries finished by then.
    pub fn wait_webhook_deliveries(&self, n: usize, timeout: Duration) -> Vec<WebhookDelivery> {
        let end = std::time::Instant::now() + timeout;
        loop {
            let d = self.webhook_deliveries();
            if d.len() >= n || std::time::Instant::now() >= end {
                return d;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The last requests (at most 500, control requests excepted), oldest first, as a JSON
    /// array of `{"method","path","query","key","language","content_type","at_ms"}` (`at_ms`:
    /// when it arrived, milliseconds since the Unix epoch). Query values whose
    /// names look secret (`…key…`, `…token…`, `…password…`, `…secret…`) show as `***`.
    pub fn request_log(&self) -> serde_json::Value {
        let j = crate::control::log_json(&self.shared);
        serde_json::from_slice(&j.to_vec()).unwrap_or_default()
    }

    /// Moves a local order to a documented legacy status (0–8, 10, 31–34), appending a history event
    /// at the sender's branch (statuses 4–7: the receiver's) and, for 0 (refused) and 7
    /// (returning), a cancellation reason. False for an unknown order or status.
    pub fn set_order_status(&self, order_id: i64, status: i64) -> bool {
        lock(&self.shared.state).set_order_status(order_id, status)
    }

    /// Moves an international parcel (by barcode or `ParcelNumber`) to a documented
    /// international status code (100, 110, 120, 130, 200, 300, 400, 500). False for an unknown
    /// parcel or code.
    pub fn set_international_status(&self, barcode: &str, code: i64) -> bool {
        lock(&self.shared.state).set_international_status(barcode, code)
    }

    /// Adds `n` valid pending WMS records of a kind (`"purveyor"`, `"product"` or
    /// `"receiving-goods"`) with generated values.
    ///
    /// # Panics
    ///
    /// On any other kind.
    pub fn seed_wms(&self, kind: &str, n: usize) {
        let k = crate::wms::store::RecordKind::from_name(kind).unwrap_or_else(|| {
            panic!("bts-sandbox: unknown WMS kind {kind:?} (purveyor, product, receiving-goods)")
        });
        lock(&self.shared.state).seed_wms(k, n);
    }
}

/// The address clients connect to: a wildcard listen address becomes loopback.
fn connect_addr(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept with a connection of our own.
        let _ = TcpStream::connect_timeout(&connect_addr(self.addr), Duration::from_secs(1));
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
        self.shared.close_all();
    }
}
