//! Routes: which URL is which operation, the checks every route shares (method, token, JSON
//! body), and the call into the state.

use crate::state::{Ctx, Reply, State};
use crate::wms::Kind;
use serde_json::{Map, Value};
use std::sync::Mutex;

/// What a route does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    GetToken,
    OrderAdd,
    OrderEdit,
    OrderDetail,
    OrderCancel,
    OrderCalculate,
    OrderTrack,
    OrderHistory,
    OrderCancellation,
    IntlAdd,
    IntlTrack,
    IntlManifest,
    Branches,
    BranchesWithCity,
    Regions,
    Cities,
    MxikCreate,
    MxikList,
    PostTypes,
    PackageTypes,
    WmsLogin,
    WmsRefresh,
    WmsOrderCreate,
    WmsPartialReturn,
    WmsCreate(Kind),
    WmsClients(Kind),
    WmsStatus(Kind),
}

/// One route: its key (the operation name, used for counts and faults), its WMS path when
/// that is not the key without `wms/`, method and operation.
#[derive(Debug)]
pub(crate) struct Route {
    pub key: &'static str,
    path: &'static str,
    pub post: bool,
    pub op: Op,
}

const fn r(key: &'static str, post: bool, op: Op) -> Route {
    Route {
        key,
        path: "",
        post,
        op,
    }
}

const fn rp(key: &'static str, path: &'static str, post: bool, op: Op) -> Route {
    Route {
        key,
        path,
        post,
        op,
    }
}

impl Route {
    /// The path after `/v1/` of a WMS route.
    fn wms_path(&self) -> &'static str {
        if self.path.is_empty() {
            self.key.get(4..).unwrap_or("")
        } else {
            self.path
        }
    }
}

/// Courier routes, reached as `/index.php?r=<key>` or `?r=v1/<key>`.
pub(crate) static COURIER: &[Route] = &[
    r("auth/get-token", true, Op::GetToken),
    r("order/add", true, Op::OrderAdd),
    r("order/edit", true, Op::OrderEdit),
    r("order/detail", false, Op::OrderDetail),
    r("order/cancel", false, Op::OrderCancel),
    r("order/calculate", true, Op::OrderCalculate),
    r("order/track", false, Op::OrderTrack),
    r("order/history", false, Op::OrderHistory),
    r("order/cancellation", false, Op::OrderCancellation),
    r("international/add", true, Op::IntlAdd),
    r("international/track-by-barcode", false, Op::IntlTrack),
    r("international/manifest", true, Op::IntlManifest),
    r("directory/branches", false, Op::Branches),
    r("directory/branches-with-city", false, Op::BranchesWithCity),
    r("directory/regions", false, Op::Regions),
    r("directory/cities", false, Op::Cities),
    r("mxik/create", true, Op::MxikCreate),
    r("mxik/list", false, Op::MxikList),
    r("directory/post-types", false, Op::PostTypes),
    r("directory/package-types", false, Op::PackageTypes),
];

/// WMS routes, reached as `/v1/<key without "wms/">`.
pub(crate) static WMS: &[Route] = &[
    r("wms/auth/login", true, Op::WmsLogin),
    r("wms/auth/refresh", true, Op::WmsRefresh),
    r("wms/order/create", true, Op::WmsOrderCreate),
    rp(
        "wms/order/partial-return",
        "order/partial-order-return",
        true,
        Op::WmsPartialReturn,
    ),
    r("wms/purveyor/create", true, Op::WmsCreate(Kind::Purveyor)),
    r(
        "wms/purveyor/clients",
        false,
        Op::WmsClients(Kind::Purveyor),
    ),
    r(
        "wms/purveyor/client-status",
        true,
        Op::WmsStatus(Kind::Purveyor),
    ),
    r("wms/product/create", true, Op::WmsCreate(Kind::Product)),
    r("wms/product/clients", false, Op::WmsClients(Kind::Product)),
    r(
        "wms/product/client-status",
        true,
        Op::WmsStatus(Kind::Product),
    ),
    r(
        "wms/receiving-goods/create",
        true,
        Op::WmsCreate(Kind::Receiving),
    ),
    r(
        "wms/receiving-goods/clients",
        false,
        Op::WmsClients(Kind::Receiving),
    ),
    r(
        "wms/receiving-goods/client-status",
        true,
        Op::WmsStatus(Kind::Receiving),
    ),
];

/// Where a request path goes.
pub(crate) enum Target<'a> {
    /// `/__sandbox/<name>`.
    Control(&'a str),
    /// A known route.
    Route(&'static Route),
    /// A current-API path (under `/current/`): its route, if any, and the path after the
    /// prefix.
    Current(Option<&'static crate::current::CRoute>, &'a str),
    /// Anything else (404).
    Unknown,
}

/// Finds the route of a request from its method, path and decoded query.
pub(crate) fn resolve<'a>(method: &str, path: &'a str, query: &[(String, String)]) -> Target<'a> {
    if let Some(name) = path.strip_prefix("/__sandbox/") {
        return Target::Control(name);
    }
    if let Some(rest) = path.strip_prefix("/current/") {
        return Target::Current(crate::current::resolve(method, rest, query), rest);
    }
    if path == "/index.php" || path == "/" {
        let Some((_, route)) = query.iter().find(|(k, _)| k == "r") else {
            return Target::Unknown;
        };
        let route = route.trim_matches('/');
        let route = route.strip_prefix("v1/").unwrap_or(route);
        return COURIER
            .iter()
            .find(|r| r.key == route)
            .map_or(Target::Unknown, Target::Route);
    }
    if let Some(rest) = path.strip_prefix("/v1/") {
        let rest = rest.trim_end_matches('/');
        return WMS
            .iter()
            .find(|r| r.wms_path() == rest)
            .map_or(Target::Unknown, Target::Route);
    }
    Target::Unknown
}

/// The parts of a request a route needs.
pub(crate) struct Incoming<'a> {
    pub method: &'a str,
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
    pub content_type: Option<&'a str>,
    pub authorization: Option<&'a str>,
    pub host: Option<&'a str>,
    /// The `language` header (current API).
    pub language: Option<&'a str>,
}

/// The JSON body as Yii2 reads it: only with a JSON content type (else empty); an empty body or
/// a JSON value that is not an object reads as empty; malformed JSON is an error.
pub(crate) fn body_map(content_type: Option<&str>, body: &[u8]) -> Result<Map<String, Value>, ()> {
    let is_json =
        content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("application/json"));
    if !is_json || body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Ok(Map::new()),
        Err(_) => Err(()),
    }
}

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer(header: Option<&str>) -> Option<&str> {
    let h = header?.trim();
    let (scheme, token) = h.split_once(char::is_whitespace)?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Handles a request for a known route (or answers 404 for none).
pub(crate) fn dispatch(
    state: &Mutex<State>,
    route: Option<&'static Route>,
    inc: &Incoming,
) -> Reply {
    let Some(route) = route else {
        return Reply::yii(404, None);
    };
    let method_ok = if route.post {
        inc.method == "POST"
    } else {
        inc.method == "GET" || inc.method == "HEAD"
    };
    if !method_ok {
        let allow = if route.post { "POST" } else { "GET, HEAD" };
        let mut reply = Reply::yii(
            405,
            Some(&format!(
                "Method Not Allowed. This URL can only handle the following request methods: {allow}."
            )),
        );
        reply.headers.push(("Allow", allow.to_owned()));
        return reply;
    }
    let body = if route.post {
        body_map(inc.content_type, inc.body)
    } else {
        Ok(Map::new())
    };
    let mut st = lock(state);
    let token = bearer(inc.authorization);
    let authorized = match route.op {
        Op::GetToken | Op::WmsLogin | Op::WmsRefresh => true,
        Op::WmsCreate(_)
        | Op::WmsClients(_)
        | Op::WmsStatus(_)
        | Op::WmsOrderCreate
        | Op::WmsPartialReturn => token.is_some_and(|t| st.wms_token_ok(t)),
        _ => token.is_some_and(|t| st.courier_token_ok(t)),
    };
    if !authorized {
        return Reply::yii(401, None);
    }
    let Ok(body) = body else {
        return Reply::bad_json();
    };
    let ctx = Ctx {
        query: inc.query,
        body: &body,
        host: inc.host,
    };
    match route.op {
        Op::GetToken => st.courier_login(&ctx),
        Op::OrderAdd => st.order_add(&ctx),
        Op::OrderEdit => st.order_edit(&ctx),
        Op::OrderDetail => st.order_detail(&ctx),
        Op::OrderCancel => st.order_cancel(&ctx),
        Op::OrderCalculate => st.order_calculate(&ctx),
        Op::OrderTrack => st.order_track(&ctx),
        Op::OrderHistory => st.order_history(&ctx),
        Op::OrderCancellation => st.order_cancellation(&ctx),
        Op::IntlAdd => st.intl_add(&ctx),
        Op::IntlTrack => st.intl_track(&ctx),
        Op::IntlManifest => st.intl_manifest(&ctx),
        Op::Branches => st.branches(&ctx, "regionId"),
        Op::BranchesWithCity => st.branches(&ctx, "cityId"),
        Op::Regions => st.regions_list(),
        Op::Cities => st.cities_list(&ctx),
        Op::MxikCreate => st.mxik_create(&ctx),
        Op::MxikList => st.mxik_list(),
        Op::PostTypes => State::id_name_list(&st.post_types),
        Op::PackageTypes => State::id_name_list(&st.packages),
        Op::WmsLogin => st.wms_login(&ctx),
        Op::WmsRefresh => st.wms_refresh(&ctx),
        Op::WmsOrderCreate => st.wms_order_create(&ctx),
        Op::WmsPartialReturn => st.wms_partial_return(&ctx),
        Op::WmsCreate(kind) => st.wms_create(kind, &ctx),
        Op::WmsClients(kind) => st.wms_list(kind, &ctx),
        Op::WmsStatus(kind) => st.wms_ack(kind, &ctx),
    }
}

/// Every route key: legacy courier, WMS, then the current API's.
pub(crate) fn route_keys() -> impl Iterator<Item = &'static str> {
    COURIER
        .iter()
        .chain(WMS.iter())
        .map(|r| r.key)
        .chain(crate::current::ROUTES.iter().map(|r| r.key))
}
