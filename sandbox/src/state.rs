//! The sandbox's in-memory state: accounts and tokens, reference data, orders, international
//! parcels and WMS records; plus the request context and reply types the handlers share.

use crate::courier::{Intl, Mxik, Order};
use crate::json::{jobj, Errors, J};
use crate::wms::WmsStore;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What a handler sees of a request.
pub(crate) struct Ctx<'a> {
    /// Decoded query parameters, in order (the courier's `r` included).
    pub query: &'a [(String, String)],
    /// The JSON body object (empty when there is none, it is not JSON, or not an object).
    pub body: &'a Map<String, Value>,
    /// The `Host` header, for `_links` URLs.
    pub host: Option<&'a str>,
}

impl Ctx<'_> {
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A response: status, body, its content type and extra headers.
pub(crate) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
}

/// The content type of every JSON reply.
pub(crate) const JSON_CT: &str = "application/json; charset=UTF-8";

impl Reply {
    pub(crate) fn json(status: u16, j: &J) -> Reply {
        Reply::bytes(status, j.to_vec())
    }

    pub(crate) fn ok(j: J) -> Reply {
        Reply::json(200, &j)
    }

    pub(crate) fn bytes(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            body,
            content_type: JSON_CT,
            headers: Vec::new(),
        }
    }

    /// 422 `{"errors": {...}}`.
    pub(crate) fn errors(errs: Errors) -> Reply {
        Reply::json(422, &errs.into_j())
    }

    /// 422 with one field error.
    pub(crate) fn error(field: &str, msg: &str) -> Reply {
        let mut e = Errors::default();
        e.add(field, msg);
        Reply::errors(e)
    }

    /// A Yii2 error body.
    pub(crate) fn yii(status: u16, message: Option<&str>) -> Reply {
        let mut r = Reply::bytes(status, crate::yii_error_body(status, message).into_bytes());
        if status == 401 {
            r.headers
                .push(("WWW-Authenticate", "Bearer realm=\"api\"".to_owned()));
        }
        r
    }

    /// 400 for a malformed JSON body, as Yii2's JSON parser says it.
    pub(crate) fn bad_json() -> Reply {
        Reply::yii(
            400,
            Some("Invalid JSON data in request body: Syntax error."),
        )
    }

    /// 400 for a missing or malformed query parameter, as Yii2's action binding says it.
    pub(crate) fn bad_param(name: &str, missing: bool) -> Reply {
        let msg = if missing {
            format!("Missing required parameters: {name}")
        } else {
            format!("Invalid data received for parameter \"{name}\".")
        };
        Reply::yii(400, Some(&msg))
    }
}

/// A region.
pub(crate) struct Region {
    pub id: i64,
    pub name: &'static str,
}

/// A city (district) of a region.
pub(crate) struct City {
    pub id: i64,
    pub name: &'static str,
    pub region: i64,
}

/// A BTS branch (office).
pub(crate) struct Branch {
    pub id: i64,
    pub name: String,
    pub region: i64,
    pub city: i64,
    pub address: &'static str,
    pub lat_long: &'static str,
    pub hours: [&'static str; 7],
}

impl Branch {
    pub(crate) fn to_j(&self) -> J {
        let hours = J::Obj(
            self.hours
                .iter()
                .enumerate()
                .map(|(i, h)| (((i + 1).to_string()).into(), J::from(*h)))
                .collect(),
        );
        jobj! {
            "id" => self.id,
            "name" => self.name.as_str(),
            "regionId" => self.region,
            "cityId" => self.city,
            "address" => self.address,
            "lat_long" => self.lat_long,
            "phone" => "1230",
            "video_link" => "",
            "working_hours" => hours,
        }
    }
}

/// A token and when it was issued.
struct Issued {
    at: Instant,
}

/// Which service a JWT belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Svc {
    Current,
    Wms,
}

/// A JWT the sandbox issued: its service, whether it is a refresh token, and its life.
struct Jwt {
    svc: Svc,
    refresh: bool,
    at: Instant,
    until: Instant,
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

    courier_tokens: HashMap<String, Issued>,
    jwts: HashMap<String, Jwt>,
    token_ttl: Option<Duration>,
    access_life: Duration,
    refresh_life: Duration,
    token_seed: u64,
    token_counter: u64,

    pub orders: Vec<Order>,
    pub first_order_id: i64,
    pub next_barcode: u64,
    pub intl: Vec<Intl>,
    pub next_intl_barcode: u64,
    pub manifests: Vec<Map<String, Value>>,
    pub mxik: Vec<Mxik>,
    pub next_mxik_id: i64,

    pub wms: WmsStore,
    /// The current courier API's orders, webhook and clock.
    pub cur: crate::current::Store,
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
        let mut st = State {
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
            mxik: crate::courier::seed_mxik(),
            next_mxik_id: 73,
            wms: WmsStore::default(),
            cur: crate::current::Store::default(),
            quirks: crate::quirks::Quirks::default(),
            hook_tx: None,
            deliveries: Vec::new(),
            default_host,
        };
        crate::wms::seed_examples(&mut st);
        st
    }

    pub(crate) fn region(&self, id: i64) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub(crate) fn city(&self, id: i64) -> Option<&City> {
        self.cities.iter().find(|c| c.id == id)
    }

    pub(crate) fn branch(&self, id: i64) -> Option<&Branch> {
        self.branches.iter().find(|b| b.id == id)
    }

    /// The first branch of a city: `(id, name, regionId)`; a generated "<CITY> BTS" (id 9000 +
    /// city id) when the city has none.
    pub(crate) fn city_branch(&self, city: i64) -> (i64, String, i64) {
        if let Some(b) = self.branches.iter().find(|b| b.city == city) {
            return (b.id, b.name.clone(), b.region);
        }
        let (name, region) = self
            .city(city)
            .map(|c| (c.name.to_uppercase(), c.region))
            .unwrap_or_else(|| ("BTS".to_owned(), 0));
        (9000 + city, format!("{name} BTS"), region)
    }

    fn new_token(&mut self) -> String {
        self.token_counter += 1;
        crate::util::token(self.token_seed, self.token_counter)
    }

    pub(crate) fn issue_courier_token(&mut self) -> String {
        let t = self.new_token();
        self.courier_tokens
            .insert(t.clone(), Issued { at: Instant::now() });
        t
    }

    /// A new `(access_token, refresh_token)` pair of JWTs for a service.
    pub(crate) fn issue_jwts(&mut self, svc: Svc) -> (String, String) {
        let now = Instant::now();
        let mut pair = [String::new(), String::new()];
        for (i, refresh) in [false, true].into_iter().enumerate() {
            self.token_counter += 1;
            let life = if refresh {
                self.refresh_life
            } else {
                self.access_life
            };
            let t = crate::util::jwt(self.token_seed, self.token_counter, life);
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
        self.issue_jwts(Svc::Wms)
    }

    fn live(&self, issued: Option<&Issued>) -> bool {
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
    pub(crate) fn jwt_ok(&self, token: &str, svc: Svc, refresh: bool) -> bool {
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
        self.jwt_ok(token, Svc::Wms, false)
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

    // ---- directory ----

    pub(crate) fn branches(&self, ctx: &Ctx, filter: &str) -> Reply {
        let wanted = match ctx.param(filter) {
            None | Some("") => None,
            Some(v) => match v.trim().parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => return Reply::bad_param(filter, false),
            },
        };
        let items: Vec<J> = self
            .branches
            .iter()
            .filter(|b| match wanted {
                None => true,
                Some(id) if filter == "regionId" => b.region == id,
                Some(id) => b.city == id,
            })
            .map(Branch::to_j)
            .collect();
        Reply::ok(J::Arr(items))
    }

    pub(crate) fn regions_list(&self) -> Reply {
        Reply::ok(J::Arr(
            self.regions
                .iter()
                .map(|r| jobj! {"id" => r.id, "name" => r.name})
                .collect(),
        ))
    }

    pub(crate) fn cities_list(&self, ctx: &Ctx) -> Reply {
        let wanted = match ctx.param("regionId") {
            None | Some("") => None,
            Some(v) => match v.trim().parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => return Reply::bad_param("regionId", false),
            },
        };
        Reply::ok(J::Arr(
            self.cities
                .iter()
                .filter(|c| wanted.is_none_or(|r| c.region == r))
                .map(|c| jobj! {"id" => c.id, "name" => c.name, "regionId" => c.region})
                .collect(),
        ))
    }

    pub(crate) fn id_name_list(items: &[(i64, &'static str)]) -> Reply {
        Reply::ok(J::Arr(
            items
                .iter()
                .map(|(id, name)| jobj! {"id" => *id, "name" => *name})
                .collect(),
        ))
    }
}
