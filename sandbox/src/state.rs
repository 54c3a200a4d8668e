//! Everything the sandbox remembers, behind one mutex: the tokens it issued (legacy, current
//! API, WMS), the legacy reference data and the stores of the three APIs, the quirks and the
//! webhook channel. Each API's handlers add their methods to [`State`] in their own files.

use crate::legacy::store::{Branch, City, Mxik, Order, Parcel, Region};
use crate::wms::store::WmsStore;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A token and when it was issued.
pub(crate) struct Issued {
    pub(crate) at: Instant,
}

/// Which service a JWT belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Service {
    Current,
    Wms,
}

/// A JWT the sandbox issued: its service, whether it is a refresh token, and its life.
pub(crate) struct Jwt {
    pub(crate) svc: Service,
    pub(crate) refresh: bool,
    pub(crate) at: Instant,
    pub(crate) until: Instant,
}

/// Default life of an access token (1 day) and a refresh token (30 days).
pub(crate) const ACCESS_LIFE: Duration = Duration::from_secs(86_400);

pub(crate) const REFRESH_LIFE: Duration = Duration::from_secs(30 * 86_400);

/// Everything the sandbox remembers.
pub(crate) struct State {
    pub regions: Vec<Region>,
    pub cities: Vec<City>,
    pub branches: Vec<Branch>,
    pub packages: Vec<(i64, &'static str)>,
    pub post_types: Vec<(i64, &'static str)>,

    pub(crate) courier_tokens: HashMap<String, Issued>,
    pub(crate) jwts: HashMap<String, Jwt>,
    pub(crate) token_ttl: Option<Duration>,
    pub(crate) access_life: Duration,
    pub(crate) refresh_life: Duration,
    pub(crate) token_seed: u64,
    pub(crate) token_counter: u64,

    pub orders: Vec<Order>,
    pub first_order_id: i64,
    pub next_barcode: u64,
    pub intl: Vec<Parcel>,
    pub next_intl_barcode: u64,
    pub manifests: Vec<Map<String, Value>>,
    pub mxik: Vec<Mxik>,
    pub next_mxik_id: i64,

    pub wms: WmsStore,
    /// The current courier API's orders, webhook and clock.
    pub current: crate::current::store::CurrentStore,
    /// The switchable readings.
    pub quirks: crate::quirks::Quirks,
    /// Webhook notifications go to the delivery thread through this.
    pub hook_tx: Option<std::sync::mpsc::Sender<crate::webhook::Job>>,
    /// Finished webhook deliveries, oldest first.
    pub deliveries: Vec<crate::webhook::WebhookDelivery>,
    /// `host:port` of the sandbox, for `_links` when a request has no `Host` header.
    pub default_host: String,
}

impl State {
    pub(crate) fn new(default_host: String, seed: u64) -> State {
        let hours_karshi = [
            "08:00-20:00",
            "08:00-20:00",
            "08:00-20:00",
            "08:00-20:00",
            "08:00-20:00",
            "08:00-16:00",
            "08:00-16:00",
        ];
        let branches = vec![
            Branch {
                id: 10,
                name: "KARSHI BTS".into(),
                region: 14,
                city: 66,
                address: "KARSHI 5-Mikro rayon ul. Nasaf. or: Nikoh uyi orqa tomoni ",
                lat_long: "38.837395,65.783467",
                hours: hours_karshi,
            },
            Branch {
                id: 79,
                name: "MALIKA BOZOR BTS".into(),
                region: 6,
                city: 198,
                address: "Toshkent, Labzak ko'ch 2/122. Mag 118 or: Tramvay aylanasi",
                lat_long: "41.338727,69.269875",
                hours: ["09:00-18:00"; 7],
            },
            Branch {
                id: 24,
                name: "SHAYXONTOHUR BTS".into(),
                region: 6,
                city: 198,
                address: "TASHKENT, ul. Furkat 6. Mo'ljal: Xadra,Asaka Bankni orqasi",
                lat_long: "41.319124,69.240262",
                hours: ["27/7"; 7],
            },
            Branch {
                id: 93,
                name: "ASAKA BTS".into(),
                region: 2,
                city: 3,
                address: "Asaka, Navoiy ko'ch 12. or: Dehqon bozori ",
                lat_long: "40.641605,72.238917",
                hours: [
                    "09:00-18:00",
                    "09:00-18:00",
                    "09:00-18:00",
                    "09:00-18:00",
                    "09:00-18:00",
                    "09:00-15:00",
                    "09:00-15:00",
                ],
            },
            // The documented international example names "ASAKA BTS" with id 62 (the local
            // examples say 93): both exist here, so both documented examples are accepted.
            Branch {
                id: 62,
                name: "ASAKA BTS".into(),
                region: 2,
                city: 3,
                address: "Asaka, Amir Temur ko'ch 5. or: Avtovokzal ",
                lat_long: "40.644310,72.235540",
                hours: ["09:00-18:00"; 7],
            },
        ];
        State {
            regions: vec![
                Region {
                    id: 2,
                    name: "Andijon viloyati",
                },
                Region {
                    id: 6,
                    name: "Toshkent shahri",
                },
                Region {
                    id: 14,
                    name: "Qashqadaryo viloyati",
                },
            ],
            cities: vec![
                City {
                    id: 3,
                    name: "Asaka tumani",
                    region: 2,
                },
                City {
                    id: 198,
                    name: "Toshkent",
                    region: 6,
                },
                City {
                    id: 66,
                    name: "Qarshi",
                    region: 14,
                },
            ],
            branches,
            packages: vec![(8, "BTS PAKETLAR")],
            post_types: vec![(4, "HUJJATLAR")],
            courier_tokens: HashMap::new(),
            jwts: HashMap::new(),
            token_ttl: None,
            access_life: ACCESS_LIFE,
            refresh_life: REFRESH_LIFE,
            token_seed: seed,
            token_counter: 0,
            orders: Vec::new(),
            first_order_id: 229_234,
            next_barcode: 60_000_006_106,
            intl: Vec::new(),
            next_intl_barcode: 1_000_865_704,
            manifests: Vec::new(),
            mxik: crate::legacy::store::seed_mxik(),
            next_mxik_id: 73,
            wms: WmsStore::default(),
            current: crate::current::store::CurrentStore::default(),
            quirks: crate::quirks::Quirks::default(),
            hook_tx: None,
            deliveries: Vec::new(),
            default_host,
        }
    }

    pub(crate) fn new_token(&mut self) -> String {
        self.token_counter += 1;
        crate::tokens::token(self.token_seed, self.token_counter)
    }

    pub(crate) fn issue_courier_token(&mut self) -> String {
        let t = self.new_token();
        self.courier_tokens
            .insert(t.clone(), Issued { at: Instant::now() });
        t
    }

    /// A new `(access_token, refresh_token)` pair of JWTs for a service.
    pub(crate) fn issue_jwts(&mut self, svc: Service) -> (String, String) {
        let now = Instant::now();
        let mut pair = [String::new(), String::new()];
        for (i, refresh) in [false, true].into_iter().enumerate() {
            self.token_counter += 1;
            let life = if refresh {
                self.refresh_life
            } else {
                self.access_life
            };
            let t = crate::tokens::jwt(self.token_seed, self.token_counter, life);
            self.jwts.insert(
                t.clone(),
                Jwt {
                    svc,
                    refresh,
                    at: now,
                    until: now + life,
                },
            );
            pair[i] = t;
        }
        let [a, r] = pair;
        (a, r)
    }

    /// `(access_token, refresh_token)` of the WMS.
    pub(crate) fn issue_wms_tokens(&mut self) -> (String, String) {
        self.issue_jwts(Service::Wms)
    }

    pub(crate) fn live(&self, issued: Option<&Issued>) -> bool {
        match (issued, self.token_ttl) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(i), Some(ttl)) => i.at.elapsed() < ttl,
        }
    }

    pub(crate) fn courier_token_ok(&self, token: &str) -> bool {
        self.live(self.courier_tokens.get(token))
    }

    /// Whether `token` is a live JWT of that service and kind (its own life, and the
    /// [`set_token_ttl`](State::set_token_ttl) cap when one is set).
    pub(crate) fn jwt_ok(&self, token: &str, svc: Service, refresh: bool) -> bool {
        self.jwts.get(token).is_some_and(|j| {
            j.svc == svc
                && j.refresh == refresh
                && Instant::now() < j.until
                && self.token_ttl.is_none_or(|ttl| j.at.elapsed() < ttl)
        })
    }

    /// Revokes one JWT.
    pub(crate) fn revoke_jwt(&mut self, token: &str) {
        self.jwts.remove(token);
    }

    pub(crate) fn wms_token_ok(&self, token: &str) -> bool {
        self.jwt_ok(token, Service::Wms, false)
    }

    pub(crate) fn expire_tokens(&mut self) {
        self.courier_tokens.clear();
        self.jwts.clear();
    }

    /// Invalidates every access token (legacy courier, current API, WMS); refresh tokens keep
    /// working.
    pub(crate) fn expire_access_tokens(&mut self) {
        self.courier_tokens.clear();
        self.jwts.retain(|_, j| j.refresh);
    }

    pub(crate) fn set_token_ttl(&mut self, ttl: Option<Duration>) {
        self.token_ttl = ttl;
    }

    /// The lives of JWTs issued from now on (current API and WMS), in their `exp` claims too.
    pub(crate) fn set_token_lifetimes(&mut self, access: Duration, refresh: Duration) {
        self.access_life = access;
        self.refresh_life = refresh;
    }

    pub(crate) fn token_lifetimes(&self) -> (Duration, Duration) {
        (self.access_life, self.refresh_life)
    }
}
