//! The current courier API under `/current/`: its routes, the `{status, message, status_code,
//! data}` envelope and its quirks, JWT login and refresh, stateful orders with statuses
//! 100–1400, stickers (real PDFs), the directory, and webhook registration and notifications.

use crate::catalog::{self, Lang, Msg, Rule};
use crate::courier::Reason;
use crate::json::{int_of, jobj, num_of, present, text_of, Errors, J};
use crate::quirks::{AuthFailure, BringBackMoney, CalculateSingle, WebhookBody, WebhookStatus};
use crate::router::{body_map, lock, Incoming};
use crate::state::{Reply, State, Svc};
use crate::util;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The current API's account.
pub(crate) const LOGIN: &str = "demo";
pub(crate) const PASSWORD: &str = "demo-current-secret";

/// The first order id and barcode number.
const FIRST_ORDER_ID: i64 = 5_000_001;
const FIRST_BARCODE: u64 = 15_000_001;
/// Stickers take at most this many orders.
pub(crate) const MAX_STICKERS: usize = 50;
/// List pages: default and largest `per-page`.
const PER_PAGE: i64 = 20;
const MAX_PER_PAGE: i64 = 50;

/// What a route does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum COp {
    Login,
    Refresh,
    Add,
    Edit,
    Detail,
    List,
    Track,
    Cancel,
    Calculate,
    Cancellation,
    Sticker,
    Stickers,
    TestStatus,
    Regions,
    Cities,
    Branches,
    Statuses,
    Packages,
    PostTypes,
    Webhook,
    Label,
}

/// One route of the current API: key, path under `/current/`, methods, operation.
#[derive(Debug)]
pub(crate) struct CRoute {
    pub key: &'static str,
    path: &'static str,
    methods: &'static [&'static str],
    op: COp,
}

const GET: &[&str] = &["GET"];
const POST: &[&str] = &["POST"];
const GET_POST: &[&str] = &["GET", "POST"];

const fn c(
    key: &'static str,
    path: &'static str,
    methods: &'static [&'static str],
    op: COp,
) -> CRoute {
    CRoute {
        key,
        path,
        methods,
        op,
    }
}

/// Every route. Some paths serve two keys (by method or query); the calculator has two paths.
pub(crate) static ROUTES: &[CRoute] = &[
    c("current/auth/login", "auth/login", POST, COp::Login),
    c("current/auth/refresh", "auth/refresh", POST, COp::Refresh),
    c("current/order/add", "v1/order/add", POST, COp::Add),
    c("current/order/edit", "v1/order/edit", POST, COp::Edit),
    c("current/order/detail", "v1/order/detail", GET, COp::Detail),
    c("current/order/list", "v1/order/detail", GET, COp::List),
    c("current/order/track", "v1/order/track", GET, COp::Track),
    c(
        "current/order/cancel",
        "v1/order-cancel/index",
        GET_POST,
        COp::Cancel,
    ),
    c(
        "current/order/calculate",
        "v1/order-calculate/index",
        POST,
        COp::Calculate,
    ),
    c(
        "current/order/calculate",
        "v1/order-calculator",
        POST,
        COp::Calculate,
    ),
    c(
        "current/order/cancellation",
        "v1/order/cancellation",
        GET,
        COp::Cancellation,
    ),
    c(
        "current/order/sticker",
        "v1/order/sticker",
        GET,
        COp::Sticker,
    ),
    c(
        "current/order/stickers",
        "v1/order/sticker",
        POST,
        COp::Stickers,
    ),
    c(
        "current/order/test-update-status",
        "v1/order/test-update-status",
        POST,
        COp::TestStatus,
    ),
    c(
        "current/directory/regions",
        "v1/directory/regions",
        GET,
        COp::Regions,
    ),
    c(
        "current/directory/cities",
        "v1/directory/cities",
        GET,
        COp::Cities,
    ),
    c(
        "current/directory/branches",
        "v1/directory/branches",
        GET,
        COp::Branches,
    ),
    c(
        "current/directory/statuses",
        "v1/status/index",
        GET,
        COp::Statuses,
    ),
    c(
        "current/directory/packages",
        "v1/package/index",
        GET,
        COp::Packages,
    ),
    c(
        "current/directory/post-types",
        "v1/inside/index",
        GET,
        COp::PostTypes,
    ),
    c(
        "current/webhook/config",
        "v1/webhook/webhook-config",
        GET_POST,
        COp::Webhook,
    ),
    c("current/label", "labels/", GET, COp::Label),
];

fn accepts(r: &CRoute, method: &str) -> bool {
    r.methods
        .iter()
        .any(|m| *m == method || (*m == "GET" && method == "HEAD"))
}

/// The route of `method` on `rest` (the path after `/current/`): the one accepting the method
/// (order/detail without `orderId` but with a date is order/list), else the path's first route
/// (a 405), else `None` (a 404).
pub(crate) fn resolve(
    method: &str,
    rest: &str,
    query: &[(String, String)],
) -> Option<&'static CRoute> {
    let rest = rest.trim_end_matches('/');
    if let Some(name) = rest.strip_prefix("labels/") {
        return (!name.is_empty())
            .then(|| ROUTES.iter().find(|r| r.op == COp::Label))
            .flatten();
    }
    let same: Vec<&'static CRoute> = ROUTES.iter().filter(|r| r.path == rest).collect();
    let first = *same.first()?;
    let has = |k: &str| query.iter().any(|(n, v)| n == k && !v.is_empty());
    let wants_list = !has("orderId") && (has("beginDate") || has("endDate"));
    same.iter()
        .copied()
        .filter(|r| accepts(r, method))
        .find(|r| match r.op {
            COp::Detail => !wants_list,
            COp::List => wants_list,
            _ => true,
        })
        .or(Some(first))
}

/// The webhook registration (no `Debug`: it carries the key).
#[derive(Clone)]
pub(crate) struct Hook {
    url: String,
    environment: String,
    has_token: bool,
    key: Option<String>,
    date: String,
    lang: Lang,
}

/// A party (sender or receiver) of an order.
#[derive(Clone, Debug)]
struct Party {
    name: String,
    phone: String,
    phone1: Option<String>,
    address: Option<String>,
    city: Option<&'static catalog::City>,
    branch: Option<&'static catalog::Branch>,
    latitude: Option<String>,
    longitude: Option<String>,
}

/// The validated fields of an order.
#[derive(Clone, Debug)]
struct Input {
    client_id: Option<String>,
    wcs_code: Option<String>,
    pickup: String,
    dropoff: String,
    sender: Party,
    receiver: Party,
    weight: f64,
    volume: f64,
    piece: i64,
    package_id: i64,
    post_type_id: Option<i64>,
    post_types: Vec<Value>,
    take_photo: i64,
    bring_back_waybill: i64,
    bring_back_money: i64,
    back_money: f64,
}

/// An order of the current API.
#[derive(Clone, Debug)]
pub(crate) struct COrder {
    id: i64,
    barcode: String,
    status: i64,
    created_days: i64,
    inp: Input,
    cost: i64,
    sender_date: String,
    receiver_date: String,
    reasons: Vec<Reason>,
}

/// The current API's state.
#[derive(Default)]
pub(crate) struct Store {
    orders: Vec<COrder>,
    next_barcode: u64,
    hook: Option<Hook>,
    /// Notifications queued but not yet delivered.
    pub hooks_pending: usize,
    clock: Option<(Duration, Instant)>,
}

/// What a handler sees of a request.
struct CCtx<'a> {
    query: &'a [(String, String)],
    body: &'a Map<String, Value>,
    lang: Lang,
    host: String,
    path: &'a str,
}

impl CCtx<'_> {
    fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// Collects field errors in the request's language.
struct Check {
    errs: Errors,
    lang: Lang,
}

fn is_phone(s: &str) -> bool {
    s.len() == 13 && s.starts_with("+998") && s[4..].bytes().all(|b| b.is_ascii_digit())
}

impl Check {
    fn new(lang: Lang) -> Check {
        Check {
            errs: Errors::default(),
            lang,
        }
    }

    fn add(&mut self, key: &str, rule: Rule) {
        self.errs
            .add(key, catalog::rule_message(key, rule, self.lang));
    }

    /// A string (JSON strings only, as Yii2's string rule), at most `max` characters.
    fn text(&mut self, key: &str, v: Option<&Value>, required: bool, max: usize) -> Option<String> {
        match present(v) {
            None => {
                if required {
                    self.add(key, Rule::Required);
                }
                None
            }
            Some(Value::String(s)) if s.chars().count() > max => {
                self.add(key, Rule::MaxLen(max));
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.add(key, Rule::Text);
                None
            }
        }
    }

    /// Text or a number written as text (ids, coordinates).
    fn loose_text(&mut self, key: &str, v: Option<&Value>, required: bool) -> Option<String> {
        match present(v) {
            None => {
                if required {
                    self.add(key, Rule::Required);
                }
                None
            }
            Some(v) => match text_of(v) {
                Some(s) => Some(s),
                None => {
                    self.add(key, Rule::Text);
                    None
                }
            },
        }
    }

    fn phone(&mut self, key: &str, v: Option<&Value>, required: bool) -> Option<String> {
        let p = self.text(key, v, required, 255)?;
        if is_phone(&p) {
            Some(p)
        } else {
            self.add(key, Rule::Invalid);
            None
        }
    }

    fn number(
        &mut self,
        key: &str,
        v: Option<&Value>,
        required: bool,
        min: f64,
        max: f64,
    ) -> Option<f64> {
        match present(v) {
            None => {
                if required {
                    self.add(key, Rule::Required);
                }
                None
            }
            Some(v) => match num_of(v) {
                None => {
                    self.add(key, Rule::Number);
                    None
                }
                Some(x) if x < min => {
                    self.add(key, Rule::Min(&trim_num(min)));
                    None
                }
                Some(x) if x > max => {
                    self.add(key, Rule::Max(&trim_num(max)));
                    None
                }
                Some(x) => Some(x),
            },
        }
    }

    fn integer(&mut self, key: &str, v: Option<&Value>, required: bool, min: i64) -> Option<i64> {
        match present(v) {
            None => {
                if required {
                    self.add(key, Rule::Required);
                }
                None
            }
            Some(v) => match int_of(v) {
                None => {
                    self.add(key, Rule::Integer);
                    None
                }
                Some(x) if x < min => {
                    self.add(key, Rule::Min(&min.to_string()));
                    None
                }
                Some(x) => Some(x),
            },
        }
    }

    /// A 0/1 flag (`true`/`false`, `"0"`/`"1"` too); 0 when missing.
    fn flag(&mut self, key: &str, v: Option<&Value>) -> i64 {
        match present(v) {
            None => 0,
            Some(Value::Bool(b)) => i64::from(*b),
            Some(v) => match int_of(v) {
                Some(x @ (0 | 1)) => x,
                _ => {
                    self.add(key, Rule::Invalid);
                    0
                }
            },
        }
    }

    fn one_of(&mut self, key: &str, v: Option<&Value>, allowed: &[&str]) -> Option<String> {
        let s = self.text(key, v, true, 255)?;
        if allowed.contains(&s.as_str()) {
            Some(s)
        } else {
            self.add(key, Rule::Invalid);
            None
        }
    }
}

fn trim_num(x: f64) -> String {
    let s = format!("{x}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

fn loose_bool(v: Option<&Value>) -> bool {
    crate::json::loose_bool(v)
}

/// The price of one leg combination (see the crate docs' tariff).
fn leg_price(
    sender: Option<&catalog::City>,
    receiver: Option<&catalog::City>,
    weight: f64,
    volumetric: f64,
    courier_pickup: bool,
    courier_dropoff: bool,
) -> i64 {
    let base = match (sender, receiver) {
        (Some(s), Some(r)) if s.code == r.code => 6000,
        (Some(s), Some(r)) if s.region == r.region => 10_000,
        _ => 14_000,
    };
    let units = weight.max(volumetric).ceil().clamp(0.0, 1.0e9) as i64;
    base + 2000 * units
        + if courier_pickup { 4000 } else { 0 }
        + if courier_dropoff { 3000 } else { 0 }
}

fn is_courier(t: &str) -> bool {
    t == "courier"
}

impl State {
    // ---- envelope ----

    fn msg(&self, m: &Msg, lang: Lang) -> &'static str {
        catalog::message(m, self.quirks.messages, lang)
    }

    fn env_ok(&self, c: &CCtx, m: &Msg, data: J) -> Reply {
        Reply::ok(jobj! {
            "status" => true,
            "message" => self.msg(m, c.lang),
            "status_code" => 200,
            "data" => data,
        })
    }

    /// An envelope failure: `{"status":false,"message":…,"status_code":N}` (+ `errors`), HTTP N
    /// (200 under the `failures_http200` quirk).
    fn env_fail(&self, c: &CCtx, status: u16, m: &Msg, errors: Option<Errors>) -> Reply {
        let mut j = jobj! {
            "status" => false,
            "message" => self.msg(m, c.lang),
            "status_code" => i64::from(status),
        };
        if let (Some(e), J::Obj(f)) = (errors, &mut j) {
            f.push((Cow::Borrowed("errors"), e.map_j()));
        }
        let http = if self.quirks.failures_http200 {
            200
        } else {
            status
        };
        Reply::json(http, &j)
    }

    fn invalid(&self, c: &CCtx, errs: Errors) -> Reply {
        self.env_fail(c, 422, &catalog::VALIDATION, Some(errs))
    }

    fn not_found(&self, c: &CCtx) -> Reply {
        self.env_fail(c, 404, &catalog::NOT_FOUND, None)
    }

    /// The refusal of a missing, bad or expired access token.
    fn unauthorized(&self) -> Reply {
        match self.quirks.auth_failure {
            AuthFailure::Yii => Reply::yii(401, None),
            AuthFailure::Envelope200 => Reply::ok(jobj! {
                "status" => false,
                "message" => catalog::UNAUTHORIZED.en,
                "status_code" => 401,
            }),
        }
    }

    /// The order id of a query parameter: 400 (Yii2) when missing or not a whole number.
    fn order_param(&self, c: &CCtx, name: &str) -> Result<usize, Reply> {
        let Some(v) = c.param(name) else {
            return Err(Reply::yii(
                400,
                Some(&catalog::missing_params(name, c.lang)),
            ));
        };
        let id: i64 = v
            .trim()
            .parse()
            .map_err(|_| Reply::yii(400, Some(&catalog::invalid_param(name, c.lang))))?;
        self.cur_index(id).ok_or_else(|| self.not_found(c))
    }

    fn cur_index(&self, id: i64) -> Option<usize> {
        let idx = usize::try_from(id.checked_sub(FIRST_ORDER_ID)?).ok()?;
        (idx < self.cur.orders.len()).then_some(idx)
    }

    // ---- auth ----

    fn cur_login(&mut self, c: &CCtx) -> Reply {
        let mut ck = Check::new(c.lang);
        let login = ck.loose_text("login", c.body.get("login"), true);
        let password = ck.loose_text("password", c.body.get("password"), true);
        if !ck.errs.is_empty() {
            return self.invalid(c, ck.errs);
        }
        if login.as_deref() != Some(LOGIN) || password.as_deref() != Some(PASSWORD) {
            return Reply::yii(401, Some("Incorrect login or password."));
        }
        let (a, r) = self.issue_jwts(Svc::Current);
        self.env_ok(
            c,
            &catalog::LOGIN_OK,
            jobj! {"access_token" => a, "refresh_token" => r},
        )
    }

    fn cur_refresh(&mut self, c: &CCtx) -> Reply {
        let mut ck = Check::new(c.lang);
        let Some(t) = ck.loose_text("refresh_token", c.body.get("refresh_token"), true) else {
            return self.invalid(c, ck.errs);
        };
        if !self.jwt_ok(&t, Svc::Current, true) {
            ck.add(
                "refresh_token",
                Rule::Raw(
                    "Refresh token noto‘g‘ri yoki muddati o‘tgan",
                    "Refresh token неверен или истёк",
                    "The refresh token is invalid or expired.",
                ),
            );
            return self.invalid(c, ck.errs);
        }
        if self.quirks.rotate_refresh {
            self.revoke_jwt(&t);
        }
        let (a, r) = self.issue_jwts(Svc::Current);
        self.env_ok(
            c,
            &catalog::REFRESH_OK,
            jobj! {"access_token" => a, "refresh_token" => r},
        )
    }

    // ---- orders ----

    fn party(
        &self,
        ck: &mut Check,
        side: &str,
        v: Option<&Value>,
        located: bool,
        needs_branch: bool,
        needs_address: bool,
    ) -> Option<Party> {
        let empty = Map::new();
        let p = match v {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(m)) => m,
            Some(_) => {
                ck.add(side, Rule::Invalid);
                return None;
            }
        };
        let k = |f: &str| format!("{side}.{f}");
        let receiver = side == "receiver";
        let name = ck.text(&k("name"), p.get("name"), true, 255);
        let phone = ck.phone(&k("phone"), p.get("phone"), true);
        let phone1 = if receiver {
            ck.phone(&k("phone1"), p.get("phone1"), false)
        } else {
            None
        };
        let address = ck.text(&k("address"), p.get("address"), needs_address, 255);
        let latitude = ck.loose_text(&k("latitude"), p.get("latitude"), located);
        let longitude = ck.loose_text(&k("longitude"), p.get("longitude"), located);
        let city_key = k("city_code");
        let city = match present(p.get("city_code")) {
            None => {
                if !located {
                    if receiver {
                        ck.add(
                            &city_key,
                            Rule::Raw(
                                "Receiver city_code kiritilishi shart",
                                "Необходимо указать city_code получателя",
                                "Receiver city_code is required",
                            ),
                        );
                    } else {
                        ck.add(&city_key, Rule::Required);
                    }
                }
                None
            }
            Some(Value::String(code)) => match catalog::city(code) {
                Some(c) => Some(c),
                None => {
                    ck.add(&city_key, Rule::Invalid);
                    None
                }
            },
            Some(_) => {
                ck.add(&city_key, Rule::Text);
                None
            }
        };
        let branch_key = k("branch_code");
        let branch = match present(p.get("branch_code")) {
            None => {
                if needs_branch {
                    ck.add(&branch_key, Rule::Required);
                }
                None
            }
            Some(Value::String(code)) => {
                match catalog::branch(code).filter(|b| city.is_none_or(|c| c.code == b.city)) {
                    Some(b) => Some(b),
                    None => {
                        ck.add(&branch_key, Rule::Invalid);
                        None
                    }
                }
            }
            Some(_) => {
                ck.add(&branch_key, Rule::Text);
                None
            }
        };
        let city = city.or_else(|| branch.and_then(|b| catalog::city(b.city)));
        Some(Party {
            name: name?,
            phone: phone?,
            phone1,
            address,
            city,
            branch,
            latitude,
            longitude,
        })
    }

    fn validate_cur_order(&self, b: &Map<String, Value>, lang: Lang) -> Result<Input, Errors> {
        let mut ck = Check::new(lang);
        let client_id = ck.loose_text("clientId", b.get("clientId"), false);
        let wcs_code = ck.loose_text("wcs_code", b.get("wcs_code"), false);
        let pickup = ck.one_of(
            "pickup_type",
            b.get("pickup_type"),
            &["self", "courier", "branch"],
        );
        let dropoff = ck.one_of(
            "dropoff_type",
            b.get("dropoff_type"),
            &["courier", "branch"],
        );
        let s_loc = loose_bool(b.get("is_sender_location"));
        let r_loc = loose_bool(b.get("is_receiver_location"));
        let self_pickup = matches!(pickup.as_deref(), Some("self" | "branch"));
        let branch_drop = dropoff.as_deref() == Some("branch");
        let sender = self.party(&mut ck, "sender", b.get("sender"), s_loc, self_pickup, true);
        let receiver = self.party(
            &mut ck,
            "receiver",
            b.get("receiver"),
            r_loc,
            branch_drop,
            dropoff.as_deref() == Some("courier"),
        );
        let (bring_back_money, back_money) = match self.quirks.bring_back_money {
            BringBackMoney::Flag => {
                let f = ck.flag("bringBackMoney", b.get("bringBackMoney"));
                let amount = ck.number("back_money", b.get("back_money"), f == 1, 0.0, 1.0e12);
                if f == 1 && amount == Some(0.0) {
                    ck.add("back_money", Rule::Min("1"));
                }
                (f, amount.unwrap_or(0.0))
            }
            BringBackMoney::Amount => {
                let a = ck.integer("bringBackMoney", b.get("bringBackMoney"), false, 0);
                if a == Some(1) {
                    ck.add(
                        "bringBackMoney",
                        Rule::Raw(
                            "Mahsulotlarni kiriting",
                            "Введите товары",
                            "Enter the goods",
                        ),
                    );
                }
                let a = a.unwrap_or(0);
                (a, a as f64)
            }
        };
        let take_photo = ck.flag("takePhoto", b.get("takePhoto"));
        let bring_back_waybill = ck.flag("bringBackWaybill", b.get("bringBackWaybill"));
        let empty = Map::new();
        let cargo = match b.get("cargo") {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(m)) => m,
            Some(_) => {
                ck.add("cargo", Rule::Invalid);
                &empty
            }
        };
        let weight = ck.number("cargo.weight", cargo.get("weight"), true, 0.001, 10_000.0);
        let volume = ck.number("cargo.volume", cargo.get("volume"), false, 0.0, 1.0e9);
        let piece = ck.integer("cargo.piece", cargo.get("piece"), true, 1);
        let package_id = ck.integer("cargo.packageId", cargo.get("packageId"), true, 1);
        if let Some(id) = package_id {
            if catalog::package_name(id, lang).is_none() {
                ck.add("cargo.packageId", Rule::Invalid);
            }
        }
        let post_type_id = ck.integer("cargo.postTypeId", cargo.get("postTypeId"), false, 1);
        if let Some(id) = post_type_id {
            if catalog::post_type_name(id, lang).is_none() {
                ck.add("cargo.postTypeId", Rule::Invalid);
            }
        }
        let post_types = match cargo.get("postTypes") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let k = |f: &str| format!("cargo.postTypes[{i}].{f}");
                    match item.as_object() {
                        None => ck.add(&format!("cargo.postTypes[{i}]"), Rule::Invalid),
                        Some(it) => {
                            ck.text(&k("name"), it.get("name"), true, 20);
                            ck.loose_text(&k("code"), it.get("code"), false);
                            ck.integer(&k("count"), it.get("count"), false, 1);
                            ck.integer(&k("cost"), it.get("cost"), false, 0);
                        }
                    }
                }
                items.clone()
            }
            Some(_) => {
                ck.add("cargo.postTypes", Rule::Invalid);
                Vec::new()
            }
        };
        match cargo.get("options") {
            None | Some(Value::Null | Value::Array(_)) => {}
            Some(_) => ck.add("cargo.options", Rule::Invalid),
        }
        if !ck.errs.is_empty() {
            return Err(ck.errs);
        }
        let missing = || {
            let mut e = Errors::default();
            e.add("body", "incomplete");
            e
        };
        Ok(Input {
            client_id,
            wcs_code,
            pickup: pickup.ok_or_else(missing)?,
            dropoff: dropoff.ok_or_else(missing)?,
            sender: sender.ok_or_else(missing)?,
            receiver: receiver.ok_or_else(missing)?,
            weight: weight.ok_or_else(missing)?,
            volume: volume.unwrap_or(0.0),
            piece: piece.ok_or_else(missing)?,
            package_id: package_id.ok_or_else(missing)?,
            post_type_id,
            post_types,
            take_photo,
            bring_back_waybill,
            bring_back_money,
            back_money,
        })
    }

    fn cur_order_cost(inp: &Input) -> i64 {
        leg_price(
            inp.sender.city,
            inp.receiver.city,
            inp.weight,
            0.0,
            is_courier(&inp.pickup),
            is_courier(&inp.dropoff),
        )
    }

    fn cur_order_dates(inp: &Input) -> (String, String) {
        let today = util::today_days();
        let same_region = matches!(
            (inp.sender.city, inp.receiver.city),
            (Some(s), Some(r)) if s.region == r.region
        );
        let days = if same_region { 1 } else { 2 };
        (util::date_of_days(today), util::date_of_days(today + days))
    }

    fn status_name(code: i64, lang: Lang) -> &'static str {
        catalog::status(code).map_or("", |s| s.name(lang))
    }

    /// The reply of `order/add` and `order/edit`.
    fn order_short_j(o: &COrder, lang: Lang) -> J {
        jobj! {
            "orderId" => o.id,
            "clientId" => o.inp.client_id.clone(),
            "barcode" => o.barcode.as_str(),
            "cost" => o.cost,
            "senderDate" => o.sender_date.as_str(),
            "receiverDate" => o.receiver_date.as_str(),
            "tracking" => format!("https://bts.uz/uz/waybill-tracking?term={}", o.barcode),
            "status" => jobj! {"code" => o.status, "info" => Self::status_name(o.status, lang)},
        }
    }

    fn cur_add(&mut self, c: &CCtx) -> Reply {
        let inp = match self.validate_cur_order(c.body, c.lang) {
            Ok(inp) => inp,
            Err(e) => return self.invalid(c, e),
        };
        let id = FIRST_ORDER_ID + self.cur.orders.len() as i64;
        let barcode = format!("0199{:08}", FIRST_BARCODE + self.cur.next_barcode);
        self.cur.next_barcode += 1;
        let cost = Self::cur_order_cost(&inp);
        let (sender_date, receiver_date) = Self::cur_order_dates(&inp);
        let o = COrder {
            id,
            barcode,
            status: 100,
            created_days: util::today_days(),
            inp,
            cost,
            sender_date,
            receiver_date,
            reasons: Vec::new(),
        };
        let data = Self::order_short_j(&o, c.lang);
        self.cur.orders.push(o);
        self.env_ok(c, &catalog::CREATED, data)
    }

    fn cur_edit(&mut self, c: &CCtx) -> Reply {
        let idx = match self.order_param(c, "orderId") {
            Ok(i) => i,
            Err(r) => return r,
        };
        if self.cur.orders[idx].status != 100 {
            return self.env_fail(c, 400, &catalog::CANNOT_EDIT, None);
        }
        let inp = match self.validate_cur_order(c.body, c.lang) {
            Ok(inp) => inp,
            Err(e) => return self.invalid(c, e),
        };
        let cost = Self::cur_order_cost(&inp);
        let o = &mut self.cur.orders[idx];
        o.receiver_date = Self::cur_order_dates(&inp).1;
        o.inp = inp;
        o.cost = cost;
        let data = Self::order_short_j(o, c.lang);
        self.env_ok(c, &catalog::UPDATED, data)
    }

    fn party_j(&self, p: &Party, lang: Lang, receiver: bool) -> J {
        let nulls = self.quirks.detail_nulls;
        let region = p.city.and_then(|c| catalog::region(c.region));
        let branch = p.branch.or_else(|| {
            p.city
                .and_then(|c| catalog::BRANCHES.iter().find(|b| b.city == c.code))
        });
        let mut f: Vec<(Cow<'static, str>, J)> = Vec::with_capacity(12);
        let mut put = |k: &'static str, v: J| f.push((Cow::Borrowed(k), v));
        put("name", J::from(&p.name));
        put("phone", J::from(&p.phone));
        if receiver {
            put("phone1", J::from(p.phone1.clone()));
        }
        put("address", J::from(p.address.clone()));
        put(
            "region",
            match region {
                Some(r) => jobj! {"id" => r.id, "name" => r.name(lang), "code" => r.code},
                None => J::Null,
            },
        );
        put(
            "city",
            match p.city {
                Some(ct) => jobj! {
                    "id" => ct.id,
                    "name" => ct.name,
                    "code" => if nulls { J::Null } else { J::from(ct.code) },
                },
                None => J::Null,
            },
        );
        put("village", J::Null);
        put(
            "branch",
            match branch {
                Some(b) => jobj! {
                    "id" => b.id,
                    "name" => b.name,
                    "code" => if nulls { J::Null } else { J::from(b.code) },
                },
                None => J::Null,
            },
        );
        put("latitude", J::from(p.latitude.clone()));
        put("longitude", J::from(p.longitude.clone()));
        if receiver {
            put(
                "stickerData",
                jobj! {
                    "hubName" => region.map(|r| r.name(lang)),
                    "cityName" => p.city.map(|c| c.name),
                    "branchName" => branch.map(|b| b.name),
                    "zonaId" => region.map(|r| r.id + 20),
                },
            );
        }
        J::Obj(f)
    }

    /// The `order/detail` object.
    fn order_detail_j(&self, o: &COrder, lang: Lang) -> J {
        let i = &o.inp;
        let nulls = self.quirks.detail_nulls;
        jobj! {
            "orderId" => o.id,
            "clientId" => i.client_id.clone(),
            "wcs_code" => i.wcs_code.clone(),
            "barcode" => o.barcode.as_str(),
            "customer" => jobj! {"id" => 1234, "name" => "Sandbox LLC"},
            "status" => jobj! {
                "code" => if nulls { J::Null } else { J::Int(o.status) },
                "info" => Self::status_name(o.status, lang),
            },
            "pickup_type" => i.pickup.as_str(),
            "dropoff_type" => i.dropoff.as_str(),
            "sender" => self.party_j(&i.sender, lang, false),
            "receiver" => self.party_j(&i.receiver, lang, true),
            "cargo" => jobj! {
                "weight" => format!("{:.3}", i.weight),
                "volume" => format!("{:.3}", i.volume),
                "piece" => i.piece,
                "package" => jobj! {
                    "id" => i.package_id,
                    "name" => catalog::package_name(i.package_id, lang),
                },
                "postType" => match i.post_type_id {
                    Some(id) => jobj! {"id" => id, "name" => catalog::post_type_name(id, lang)},
                    None => J::Null,
                },
                "postTypes" => J::Arr(i.post_types.iter().map(J::from).collect()),
                "options" => jobj! {
                    "with_unired" => J::Null,
                    "urgent" => 0,
                    "takePhoto" => i.take_photo,
                    "bringBackWaybill" => i.bring_back_waybill,
                    "bringBackMoney" => i.bring_back_money,
                    "back_money" => trim_num(i.back_money),
                },
            },
            "cost" => if nulls { J::Null } else { J::Int(o.cost) },
            "senderDate" => o.sender_date.as_str(),
            "receiverDate" => o.receiver_date.as_str(),
            "declarations" => J::Arr(Vec::new()),
        }
    }

    fn cur_detail(&self, c: &CCtx) -> Reply {
        match self.order_param(c, "orderId") {
            Ok(idx) => self.env_ok(
                c,
                &catalog::RETRIEVED,
                self.order_detail_j(&self.cur.orders[idx], c.lang),
            ),
            Err(r) => r,
        }
    }

    fn cur_list(&self, c: &CCtx) -> Reply {
        let mut missing = Vec::new();
        for n in ["beginDate", "endDate"] {
            if c.param(n).is_none() {
                missing.push(n);
            }
        }
        if !missing.is_empty() {
            return Reply::yii(
                400,
                Some(&catalog::missing_params(&missing.join(", "), c.lang)),
            );
        }
        let mut ck = Check::new(c.lang);
        let mut day = |n: &str| {
            let d = c.param(n).and_then(util::parse_date);
            if d.is_none() {
                ck.add(n, Rule::Invalid);
            }
            d
        };
        let (begin, end) = (day("beginDate"), day("endDate"));
        let (Some(begin), Some(end)) = (begin, end) else {
            return self.invalid(c, ck.errs);
        };
        let items: Vec<J> = self
            .cur
            .orders
            .iter()
            .filter(|o| (begin..=end).contains(&o.created_days))
            .map(|o| self.order_detail_j(o, c.lang))
            .collect();
        self.env_ok(c, &catalog::RETRIEVED, paged(c, items))
    }

    fn cur_track(&self, c: &CCtx) -> Reply {
        match self.order_param(c, "orderId") {
            Ok(idx) => {
                let o = &self.cur.orders[idx];
                self.env_ok(
                    c,
                    &catalog::RETRIEVED,
                    jobj! {
                        "orderId" => o.id,
                        "status" => jobj! {"code" => o.status, "name" => Self::status_name(o.status, c.lang)},
                    },
                )
            }
            Err(r) => r,
        }
    }

    fn cur_cancel(&mut self, c: &CCtx) -> Reply {
        let idx = match self.order_param(c, "orderId") {
            Ok(i) => i,
            Err(r) => return r,
        };
        match self.cur.orders[idx].status {
            1300 => return self.env_fail(c, 400, &catalog::ALREADY_CANCELLED, None),
            100 => {}
            _ => return self.env_fail(c, 400, &catalog::CANNOT_CANCEL, None),
        }
        let id = self.cur.orders[idx].id;
        self.cur.orders[idx].reasons.push(Reason {
            employee: "API".into(),
            description: "Mijoz tomonidan bekor qilindi".into(),
            date: util::datetime_local(util::now_unix()),
        });
        self.set_current_status(id, 1300);
        let name = c.lang.pick(
            "Bekor qilingan buyurtma",
            "Отменённый заказ",
            "Cancelled Order",
        );
        self.env_ok(
            c,
            &catalog::UPDATED,
            jobj! {"orderId" => id, "status" => jobj! {"id" => 0, "name" => name}},
        )
    }

    fn cur_cancellation(&self, c: &CCtx) -> Reply {
        let name = if c.param("id").is_some() {
            "id"
        } else if c.param("orderId").is_some() {
            "orderId"
        } else {
            "id"
        };
        match self.order_param(c, name) {
            Ok(idx) => {
                let items = self.cur.orders[idx]
                    .reasons
                    .iter()
                    .map(Reason::to_j)
                    .collect();
                self.env_ok(c, &catalog::RETRIEVED, jobj! {"items" => J::Arr(items)})
            }
            Err(r) => r,
        }
    }

    // ---- tariff ----

    fn cur_calculate(&self, c: &CCtx) -> Reply {
        let b = c.body;
        let mut ck = Check::new(c.lang);
        let city = |ck: &mut Check, key: &str| match ck.text(key, b.get(key), true, 16) {
            Some(code) => match catalog::city(&code) {
                Some(ct) => Some(ct),
                None => {
                    ck.add(key, Rule::Invalid);
                    None
                }
            },
            None => None,
        };
        let sender = city(&mut ck, "senderCityCode");
        let receiver = city(&mut ck, "receiverCityCode");
        let legs = ["courier", "branch", "self"];
        let pickup = ck.one_of("pickup_type", b.get("pickup_type"), &legs);
        let dropoff = ck.one_of("dropoff_type", b.get("dropoff_type"), &legs);
        let multiple = match present(b.get("is_multiple_cost")) {
            None => 0,
            Some(Value::Bool(x)) => i64::from(*x),
            Some(v) => match int_of(v) {
                Some(x @ (0 | 1)) => x,
                _ => {
                    ck.add("is_multiple_cost", Rule::Invalid);
                    0
                }
            },
        };
        let weight = ck.number("weight", b.get("weight"), true, 0.001, 10_000.0);
        let mut volumetric = 0.0;
        match present(b.get("volume")) {
            None => {}
            Some(Value::Object(m)) => {
                let mut dims = [0.0; 3];
                for (i, d) in ["x", "y", "z"].iter().enumerate() {
                    dims[i] = ck
                        .number(&format!("volume.{d}"), m.get(*d), false, 0.0, 100_000.0)
                        .unwrap_or(0.0);
                }
                volumetric = dims[0] * dims[1] * dims[2] / 5000.0;
            }
            Some(_) => ck.add("volume", Rule::Invalid),
        }
        if !ck.errs.is_empty() {
            return self.invalid(c, ck.errs);
        }
        let (Some(s), Some(r), Some(w), Some(pickup), Some(dropoff)) =
            (sender, receiver, weight, pickup, dropoff)
        else {
            return Reply::yii(500, None);
        };
        let leg = |cp: bool, cd: bool| {
            let price = leg_price(Some(s), Some(r), w, volumetric, cp, cd);
            if !cd && !r.office {
                jobj! {
                    "available" => false,
                    "price" => 0,
                    "reason" => c.lang.pick(
                        "Qabul qiluvchi hududida BTS filiali yo'q",
                        "В районе получателя нет филиала BTS",
                        "There is no BTS branch in the receiver's district",
                    ),
                }
            } else {
                jobj! {"available" => true, "price" => price, "reason" => J::Null}
            }
        };
        let four = || {
            jobj! {
                "branch_to_branch" => leg(false, false),
                "branch_to_courier" => leg(false, true),
                "courier_to_branch" => leg(true, false),
                "courier_to_courier" => leg(true, true),
            }
        };
        let data = if multiple == 1 || self.quirks.calculate_single == CalculateSingle::Four {
            four()
        } else {
            let (cp, cd) = (is_courier(&pickup), is_courier(&dropoff));
            let price = if !cd && !r.office {
                0
            } else {
                leg_price(Some(s), Some(r), w, volumetric, cp, cd)
            };
            jobj! {"all_cost" => price}
        };
        self.env_ok(c, &catalog::RETRIEVED, data)
    }

    // ---- stickers ----

    fn label_url(c: &CCtx, ids: &[i64]) -> String {
        let names: Vec<String> = ids.iter().map(i64::to_string).collect();
        format!("http://{}/current/labels/{}.pdf", c.host, names.join("-"))
    }

    fn label_pdf(&self, idxs: &[usize]) -> Vec<u8> {
        let pages: Vec<Vec<String>> = idxs
            .iter()
            .map(|&i| {
                let o = &self.cur.orders[i];
                let r = &o.inp.receiver;
                vec![
                    "BTS Express".to_owned(),
                    format!("Order {}", o.id),
                    format!("Barcode {}", o.barcode),
                    format!("To {} {}", r.name, r.phone),
                    format!("City {}", r.city.map_or("-", |c| c.code)),
                    "Sandbox label".to_owned(),
                ]
            })
            .collect();
        util::pdf(&pages)
    }

    fn sticker_reply(&self, c: &CCtx, idxs: &[usize]) -> Reply {
        let ids: Vec<i64> = idxs.iter().map(|&i| self.cur.orders[i].id).collect();
        let encode = if self.quirks.label_encode {
            J::Str(util::base64(&self.label_pdf(idxs)))
        } else {
            J::Null
        };
        self.env_ok(
            c,
            &catalog::STICKER_OK,
            jobj! {"labelEncode" => encode, "labelSticker" => Self::label_url(c, &ids)},
        )
    }

    fn cur_sticker(&self, c: &CCtx) -> Reply {
        match self.order_param(c, "orderId") {
            Ok(idx) => self.sticker_reply(c, &[idx]),
            Err(r) => r,
        }
    }

    fn cur_stickers(&self, c: &CCtx) -> Reply {
        let mut ck = Check::new(c.lang);
        let ids = match present(c.body.get("orderIds")) {
            None => {
                ck.add("orderIds", Rule::Required);
                None
            }
            Some(Value::Array(a)) if a.is_empty() => {
                ck.add("orderIds", Rule::Required);
                None
            }
            Some(Value::Array(a)) if a.len() > MAX_STICKERS => {
                ck.add("orderIds", Rule::MaxItems(MAX_STICKERS));
                None
            }
            Some(Value::Array(a)) => {
                let ids: Vec<Option<i64>> = a.iter().map(int_of).collect();
                for (i, id) in ids.iter().enumerate() {
                    if id.is_none() {
                        ck.add(&format!("orderIds[{i}]"), Rule::Integer);
                    }
                }
                Some(ids.into_iter().flatten().collect::<Vec<i64>>())
            }
            Some(_) => {
                ck.add("orderIds", Rule::Invalid);
                None
            }
        };
        let Some(ids) = ids.filter(|_| ck.errs.is_empty()) else {
            return self.invalid(c, ck.errs);
        };
        let mut idxs = Vec::with_capacity(ids.len());
        for id in ids {
            match self.cur_index(id) {
                Some(i) => idxs.push(i),
                None => return self.not_found(c),
            }
        }
        self.sticker_reply(c, &idxs)
    }

    /// `GET /current/labels/<id>[-<id>…].pdf`: the PDF itself (no token needed: the link is
    /// what the sticker calls hand out).
    fn cur_label(&self, c: &CCtx) -> Reply {
        let name = c
            .path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        let Some(stem) = name.strip_suffix(".pdf") else {
            return Reply::yii(404, None);
        };
        let mut idxs = Vec::new();
        for part in stem.split('-') {
            match part.parse::<i64>().ok().and_then(|id| self.cur_index(id)) {
                Some(i) if idxs.len() < MAX_STICKERS => idxs.push(i),
                _ => return Reply::yii(404, None),
            }
        }
        let mut r = Reply::bytes(200, self.label_pdf(&idxs));
        r.content_type = "application/pdf";
        r.headers.push((
            "Content-Disposition",
            format!("inline; filename=\"{name}\""),
        ));
        r
    }

    // ---- statuses ----

    /// Moves an order to a status code (100–1400, 900 and 1000 included), notifying the
    /// registered webhook when it changes. False for an unknown order or code.
    pub(crate) fn set_current_status(&mut self, id: i64, code: i64) -> bool {
        if catalog::status(code).is_none() {
            return false;
        }
        let Some(idx) = self.cur_index(id) else {
            return false;
        };
        if self.cur.orders[idx].status == code {
            return true;
        }
        self.cur.orders[idx].status = code;
        if code == 1000 {
            self.cur.orders[idx].reasons.push(Reason {
                employee: "BTS".into(),
                description: "Qabul qiluvchi rad etdi".into(),
                date: util::datetime_local(util::now_unix()),
            });
        }
        self.notify(idx);
        true
    }

    /// Sets the day an order counts as created (what `order/list` filters on).
    pub(crate) fn set_current_order_date(&mut self, id: i64, date: &str) -> bool {
        let (Some(idx), Some(days)) = (self.cur_index(id), util::parse_date(date)) else {
            return false;
        };
        self.cur.orders[idx].created_days = days;
        true
    }

    fn cur_test_status(&mut self, c: &CCtx) -> Reply {
        let mut ck = Check::new(c.lang);
        let id = ck.integer("orderId", c.body.get("orderId"), true, 1);
        let code = ck.integer("statusCode", c.body.get("statusCode"), true, 0);
        if let Some(code) = code {
            if catalog::status(code).is_none() {
                ck.add("statusCode", Rule::Invalid);
            }
        }
        let (Some(id), Some(code)) = (id, code) else {
            return self.invalid(c, ck.errs);
        };
        if !ck.errs.is_empty() {
            return self.invalid(c, ck.errs);
        }
        if self.cur_index(id).is_none() {
            return self.not_found(c);
        }
        self.set_current_status(id, code);
        self.env_ok(
            c,
            &catalog::UPDATED,
            jobj! {
                "orderId" => id,
                "status" => jobj! {"code" => code, "name" => Self::status_name(code, c.lang)},
            },
        )
    }

    /// Sets (or, with `None`, stops) the clock: every `step`, each order not in a final status
    /// moves to the next status of the main path (100 → 200 → … → 800 → 1100 → 1200).
    pub(crate) fn set_clock(&mut self, step: Option<Duration>) {
        self.cur.clock = step.map(|s| (s, Instant::now()));
    }

    /// Runs the clock when a step is due (called by the background thread).
    pub(crate) fn clock_tick(&mut self) {
        let Some((step, last)) = self.cur.clock else {
            return;
        };
        if last.elapsed() < step {
            return;
        }
        self.cur.clock = Some((step, Instant::now()));
        let moves: Vec<(i64, i64)> = self
            .cur
            .orders
            .iter()
            .filter_map(|o| catalog::main_next(o.status).map(|n| (o.id, n)))
            .collect();
        for (id, next) in moves {
            self.set_current_status(id, next);
        }
    }

    // ---- webhooks ----

    fn cur_webhook(&mut self, c: &CCtx) -> Reply {
        // The documented form is a GET with a JSON body; a POST with the same body, or a GET
        // with the fields in the query string, work too.
        let mut fields = c.body.clone();
        if fields.is_empty() {
            for (k, v) in c.query {
                fields.insert(k.clone(), Value::String(v.clone()));
            }
        }
        let mut ck = Check::new(c.lang);
        let url = ck.text("webhook_url", fields.get("webhook_url"), true, 2048);
        if let Some(u) = &url {
            let rest = u
                .strip_prefix("http://")
                .or_else(|| u.strip_prefix("https://"))
                .unwrap_or("");
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            if host.is_empty() || u.contains(char::is_whitespace) {
                ck.add(
                    "webhook_url",
                    Rule::Raw("URL notog‘ri", "Неверный URL", "Invalid URL"),
                );
            }
        }
        let env = ck.text("environment", fields.get("environment"), true, 32);
        if let Some(e) = &env {
            if e != "production" && e != "test" {
                ck.add(
                    "environment",
                    Rule::Raw(
                        "Notog‘ri environment",
                        "Неверный environment",
                        "Invalid environment",
                    ),
                );
            }
        }
        let has_token = loose_bool(fields.get("has_token"));
        let key = ck.loose_text("itx-apiKey", fields.get("itx-apiKey"), false);
        if !ck.errs.is_empty() {
            return self.invalid(c, ck.errs);
        }
        let (Some(url), Some(environment)) = (url, env) else {
            return Reply::yii(500, None);
        };
        let hook = Hook {
            url,
            environment,
            has_token,
            key,
            date: util::date_of_days(util::today_days()),
            lang: c.lang,
        };
        let data = hook_j(&hook);
        self.cur.hook = Some(hook);
        self.env_ok(c, &catalog::CREATED, data)
    }

    /// Queues the notification of an order's new status, when a webhook is registered.
    fn notify(&mut self, idx: usize) {
        let (Some(hook), Some(tx)) = (self.cur.hook.clone(), self.hook_tx.clone()) else {
            return;
        };
        let o = &self.cur.orders[idx];
        let name = Self::status_name(o.status, hook.lang);
        let date = util::datetime_local(util::now_unix());
        let q = &self.quirks;
        let payload = match q.webhook_status {
            WebhookStatus::StatusCode => jobj! {
                "clientId" => o.inp.client_id.clone(),
                "orderId" => o.id,
                "barcode" => o.barcode.as_str(),
                "statusCode" => o.status,
                "statusName" => name,
                "date" => date,
            },
            st => {
                let key = if st == WebhookStatus::Id {
                    "id"
                } else {
                    "code"
                };
                jobj! {
                    "clientId" => o.inp.client_id.clone(),
                    "orderId" => o.id,
                    "barcode" => o.barcode.as_str(),
                    "status" => J::Obj(vec![
                        (Cow::Borrowed(key), J::Int(o.status)),
                        (Cow::Borrowed("name"), J::from(name)),
                    ]),
                    "date" => date,
                }
            }
        };
        let payload = String::from_utf8(payload.to_vec()).unwrap_or_default();
        let (content_type, body) = match q.webhook_body {
            WebhookBody::Multipart => (
                format!("multipart/form-data; boundary={}", crate::webhook::BOUNDARY),
                crate::webhook::multipart(&payload),
            ),
            WebhookBody::Urlencoded => (
                "application/x-www-form-urlencoded".to_owned(),
                format!("text={}", util::form_encode(&payload)).into_bytes(),
            ),
            WebhookBody::Json => ("application/json".to_owned(), payload.clone().into_bytes()),
        };
        let key = match (&hook.key, hook.has_token) {
            (Some(k), true) if !k.is_empty() => Some((q.webhook_key_header.clone(), k.clone())),
            _ => None,
        };
        let job = crate::webhook::Job {
            order_id: o.id,
            status_code: o.status,
            url: hook.url,
            content_type,
            body,
            payload,
            key,
        };
        if tx.send(job).is_ok() {
            self.cur.hooks_pending += 1;
        }
    }

    /// The registration as the control API shows it (the key masked).
    pub(crate) fn webhook_j(&self) -> J {
        match &self.cur.hook {
            Some(h) => {
                let mut j = hook_j(h);
                if let J::Obj(f) = &mut j {
                    for (k, v) in f.iter_mut() {
                        if k == "itx-apiKey" && !matches!(v, J::Null) {
                            *v = J::from("***");
                        }
                    }
                }
                j
            }
            None => J::Null,
        }
    }

    // ---- directory ----

    fn cur_regions(&self, c: &CCtx) -> Reply {
        let items = catalog::REGIONS
            .iter()
            .map(|r| jobj! {"code" => r.code, "name" => r.name(c.lang)})
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    fn cur_cities(&self, c: &CCtx) -> Reply {
        let Some(region) = c.param("regionCode") else {
            return Reply::yii(400, Some(&catalog::missing_params("regionCode", c.lang)));
        };
        let items = catalog::CITIES
            .iter()
            .filter(|ct| ct.region == region)
            .map(|ct| jobj! {"code" => ct.code, "name" => ct.name, "office_exists" => ct.office})
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    fn cur_branches(&self, c: &CCtx) -> Reply {
        let (region, city) = (c.param("regionCode"), c.param("cityCode"));
        let missing: Vec<&str> = [("regionCode", region), ("cityCode", city)]
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(n, _)| *n)
            .collect();
        if !missing.is_empty() {
            return Reply::yii(
                400,
                Some(&catalog::missing_params(&missing.join(", "), c.lang)),
            );
        }
        let (region, city) = (region.unwrap_or(""), city.unwrap_or(""));
        let items = catalog::BRANCHES
            .iter()
            .filter(|b| {
                b.city == city && catalog::city(b.city).is_some_and(|ct| ct.region == region)
            })
            .map(|b| {
                let hours = J::Obj(
                    b.hours
                        .iter()
                        .enumerate()
                        .map(|(i, h)| (Cow::Owned((i + 1).to_string()), J::from(*h)))
                        .collect(),
                );
                jobj! {
                    "code" => b.code,
                    "name" => b.name,
                    "regionCode" => region,
                    "cityCode" => b.city,
                    "address" => b.address,
                    "lat_long" => b.lat_long,
                    "phone" => "1230",
                    "working_hours" => hours,
                }
            })
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    fn cur_statuses(&self, c: &CCtx) -> Reply {
        let items = catalog::STATUSES
            .iter()
            .filter(|s| s.listed)
            .map(|s| {
                jobj! {
                    "code" => s.code,
                    "name" => s.name(c.lang),
                    "description" => s.description(c.lang),
                    "next_possible_statuses" => J::Arr(s.next.iter().map(|n| J::Int(*n)).collect()),
                }
            })
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    fn cur_packages(&self, c: &CCtx) -> Reply {
        let items = catalog::PACKAGES
            .iter()
            .map(|p| jobj! {"id" => p.0, "name" => c.lang.pick(p.1, p.2, p.3)})
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    fn cur_post_types(&self, c: &CCtx) -> Reply {
        let items = catalog::POST_TYPES
            .iter()
            .map(|p| jobj! {"id" => p.0, "name" => c.lang.pick(p.1, p.1, p.2)})
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    /// The current API's orders as the control API shows them.
    pub(crate) fn current_orders_j(&self) -> J {
        J::Arr(
            self.cur
                .orders
                .iter()
                .map(|o| self.order_detail_j(o, Lang::En))
                .collect(),
        )
    }
}

fn hook_j(h: &Hook) -> J {
    jobj! {
        "webhook_url" => h.url.as_str(),
        "method" => "POST",
        "date" => h.date.as_str(),
        "has_token" => h.has_token,
        "environment" => h.environment.as_str(),
        "itx-apiKey" => h.key.clone(),
    }
}

/// A Yii2 REST page of `items`: `{"items", "_links", "_meta"}` (`page`, `per-page` from the
/// query; 20 a page by default, 50 at most; absolute links keep the other query parameters).
fn paged(c: &CCtx, items: Vec<J>) -> J {
    let parse = |n: &str| c.param(n).and_then(|v| v.trim().parse::<i64>().ok());
    let per = parse("per-page").unwrap_or(PER_PAGE).clamp(1, MAX_PER_PAGE);
    let total = items.len() as i64;
    let pages = (total + per - 1) / per;
    let page = parse("page").unwrap_or(1).clamp(1, pages.max(1));
    let others: String = c
        .query
        .iter()
        .filter(|(k, _)| k != "page" && k != "per-page")
        .map(|(k, v)| format!("{}={}&", util::form_encode(k), util::form_encode(v)))
        .collect();
    let link = |n: i64| {
        jobj! {"href" => format!("http://{}/current/{}?{others}page={n}&per-page={per}", c.host, c.path.trim_end_matches('/'))}
    };
    let mut links = vec![(Cow::Borrowed("self"), link(page))];
    if pages > 0 {
        links.push((Cow::Borrowed("first"), link(1)));
        links.push((Cow::Borrowed("last"), link(pages)));
        if page > 1 {
            links.push((Cow::Borrowed("prev"), link(page - 1)));
        }
        if page < pages {
            links.push((Cow::Borrowed("next"), link(page + 1)));
        }
    }
    let start = ((page - 1) * per) as usize;
    let items: Vec<J> = items.into_iter().skip(start).take(per as usize).collect();
    jobj! {
        "items" => J::Arr(items),
        "_links" => J::Obj(links),
        "_meta" => jobj! {
            "totalCount" => total,
            "pageCount" => pages,
            "currentPage" => page,
            "perPage" => per,
        },
    }
}

/// Handles a request for a current-API route (or answers 404 for none), in Yii2's order of
/// checks: route, method, token, body, action.
pub(crate) fn dispatch(
    state: &Mutex<State>,
    route: Option<&'static CRoute>,
    rest: &str,
    inc: &Incoming,
) -> Reply {
    let Some(route) = route else {
        return Reply::yii(404, None);
    };
    if !accepts(route, inc.method) {
        let mut allow: Vec<&str> = ROUTES
            .iter()
            .filter(|r| r.path == route.path)
            .flat_map(|r| r.methods.iter().copied())
            .collect();
        allow.dedup();
        let allow = allow.join(", ");
        let mut reply = Reply::yii(
            405,
            Some(&format!(
                "Method Not Allowed. This URL can only handle the following request methods: {allow}."
            )),
        );
        reply.headers.push(("Allow", allow));
        return reply;
    }
    let mut st = lock(state);
    if st.quirks.ip_blocked && route.op != COp::Label {
        let lang = Lang::from_header(inc.language);
        return Reply::ok(jobj! {
            "status" => false,
            "message" => lang.pick(
                "Sizning IP manzilingizga ruxsat berilmagan",
                "Доступ с вашего IP-адреса запрещён",
                "Access from your IP address is not allowed",
            ),
            "status_code" => 403,
        });
    }
    let open = matches!(route.op, COp::Login | COp::Refresh | COp::Label);
    if !open {
        let ok = crate::router::bearer(inc.authorization)
            .is_some_and(|t| st.jwt_ok(t, Svc::Current, false));
        if !ok {
            return st.unauthorized();
        }
    }
    let Ok(body) = body_map(inc.content_type, inc.body) else {
        return Reply::bad_json();
    };
    let c = CCtx {
        query: inc.query,
        body: &body,
        lang: Lang::from_header(inc.language),
        host: inc.host.unwrap_or(&st.default_host).to_owned(),
        path: rest,
    };
    match route.op {
        COp::Login => st.cur_login(&c),
        COp::Refresh => st.cur_refresh(&c),
        COp::Add => st.cur_add(&c),
        COp::Edit => st.cur_edit(&c),
        COp::Detail => st.cur_detail(&c),
        COp::List => st.cur_list(&c),
        COp::Track => st.cur_track(&c),
        COp::Cancel => st.cur_cancel(&c),
        COp::Calculate => st.cur_calculate(&c),
        COp::Cancellation => st.cur_cancellation(&c),
        COp::Sticker => st.cur_sticker(&c),
        COp::Stickers => st.cur_stickers(&c),
        COp::TestStatus => st.cur_test_status(&c),
        COp::Regions => st.cur_regions(&c),
        COp::Cities => st.cur_cities(&c),
        COp::Branches => st.cur_branches(&c),
        COp::Statuses => st.cur_statuses(&c),
        COp::Packages => st.cur_packages(&c),
        COp::PostTypes => st.cur_post_types(&c),
        COp::Webhook => st.cur_webhook(&c),
        COp::Label => st.cur_label(&c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn resolves_by_method_and_query() {
        let key =
            |m: &str, p: &str, query: &[(&str, &str)]| resolve(m, p, &q(query)).map(|r| r.key);
        assert_eq!(
            key("GET", "v1/order/detail", &[("orderId", "1")]),
            Some("current/order/detail")
        );
        assert_eq!(
            key(
                "GET",
                "v1/order/detail",
                &[("beginDate", "2026-01-01"), ("endDate", "2026-01-02")]
            ),
            Some("current/order/list")
        );
        assert_eq!(
            key("GET", "v1/order/sticker", &[]),
            Some("current/order/sticker")
        );
        assert_eq!(
            key("POST", "v1/order/sticker", &[]),
            Some("current/order/stickers")
        );
        assert_eq!(
            key("POST", "v1/order-calculator", &[]),
            Some("current/order/calculate")
        );
        assert_eq!(key("PUT", "v1/order/add", &[]), Some("current/order/add"));
        assert_eq!(key("GET", "labels/5000001.pdf", &[]), Some("current/label"));
        assert_eq!(key("GET", "v1/nothing", &[]), None);
    }

    #[test]
    fn tariff() {
        let tash = catalog::city("0109");
        let tash2 = catalog::city("0111");
        let sam = catalog::city("3001");
        assert_eq!(leg_price(tash, tash, 1.0, 0.0, false, false), 8000);
        assert_eq!(leg_price(tash, tash2, 1.0, 0.0, false, false), 12_000);
        assert_eq!(
            leg_price(tash, sam, 2.5, 0.0, true, true),
            14_000 + 6000 + 7000
        );
        assert_eq!(leg_price(tash, sam, 1.0, 1.8, false, false), 18_000);
        assert!(is_phone("+998900000001"));
        assert!(!is_phone("+998 90 000 00 01"));
    }
}
