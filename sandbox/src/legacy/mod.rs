//! The legacy courier API (a Yii2 app, `index.php?r=v1/<route>`): its route table, and the
//! checks every route shares in Yii2's order (method, token, JSON body) before the handler.

mod check;
mod directory;
mod international;
mod orders;
pub(crate) mod store;

use crate::reply::Reply;
use crate::request::{bearer, body_map, Incoming, Request};
use crate::route::{route, yii_method_check, Route, GET, POST};
use crate::state::State;
use crate::sync::lock;
use serde_json::Map;
use std::sync::Mutex;

/// What a legacy route does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LegacyOp {
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
}

use LegacyOp as Op;

/// Every legacy route, reached as `/index.php?r=<path>` with or without its `v1/`. The last
/// four are sandbox routes: the documentation names these operations without a path.
pub(crate) static ROUTES: &[Route<LegacyOp>] = &[
    route("auth/get-token", POST, "v1/auth/get-token", Op::GetToken),
    route("order/add", POST, "v1/order/add", Op::OrderAdd),
    route("order/edit", POST, "v1/order/edit", Op::OrderEdit),
    route("order/detail", GET, "v1/order/detail", Op::OrderDetail),
    route("order/cancel", GET, "v1/order/cancel", Op::OrderCancel),
    route(
        "order/calculate",
        POST,
        "v1/order/calculate",
        Op::OrderCalculate,
    ),
    route("order/track", GET, "v1/order/track", Op::OrderTrack),
    route("order/history", GET, "v1/order/history", Op::OrderHistory),
    route(
        "order/cancellation",
        GET,
        "v1/order/cancellation",
        Op::OrderCancellation,
    ),
    route(
        "international/add",
        POST,
        "v1/international/add",
        Op::IntlAdd,
    ),
    route(
        "international/track-by-barcode",
        GET,
        "v1/international/track-by-barcode",
        Op::IntlTrack,
    ),
    route(
        "international/manifest",
        POST,
        "v1/international/manifest",
        Op::IntlManifest,
    ),
    route(
        "directory/branches",
        GET,
        "v1/directory/branches",
        Op::Branches,
    ),
    route(
        "directory/branches-with-city",
        GET,
        "v1/directory/branches-with-city",
        Op::BranchesWithCity,
    ),
    route(
        "directory/regions",
        GET,
        "v1/directory/regions",
        Op::Regions,
    ),
    route("directory/cities", GET, "v1/directory/cities", Op::Cities),
    route("mxik/create", POST, "v1/mxik/create", Op::MxikCreate),
    route("mxik/list", GET, "v1/mxik/list", Op::MxikList),
    route(
        "directory/post-types",
        GET,
        "v1/directory/post-types",
        Op::PostTypes,
    ),
    route(
        "directory/package-types",
        GET,
        "v1/directory/package-types",
        Op::PackageTypes,
    ),
];

/// The route of an `r` value (`v1/order/add`, `order/add`, `/v1/order/add/`).
pub(crate) fn resolve(r: &str) -> Option<&'static Route<LegacyOp>> {
    let r = r.trim_matches('/');
    let r = r.strip_prefix("v1/").unwrap_or(r);
    ROUTES
        .iter()
        .find(|route| route.path.strip_prefix("v1/").unwrap_or(route.path) == r)
}

/// Handles a request for a legacy route: method (405), token (401), body (400), then the
/// handler.
pub(crate) fn dispatch(state: &Mutex<State>, route: &Route<LegacyOp>, inc: &Incoming) -> Reply {
    if let Err(reply) = yii_method_check(route, inc.method) {
        return reply;
    }
    let post = route.methods == POST;
    let body = if post {
        body_map(inc.content_type, inc.body)
    } else {
        Ok(Map::new())
    };
    let mut st = lock(state);
    let token = bearer(inc.authorization);
    let authorized = route.op == Op::GetToken || token.is_some_and(|t| st.courier_token_ok(t));
    if !authorized {
        return Reply::yii(401, None);
    }
    let Ok(body) = body else {
        return Reply::bad_json();
    };
    let req = Request {
        query: inc.query,
        body: &body,
        host: inc.host,
    };
    match route.op {
        Op::GetToken => st.courier_login(&req),
        Op::OrderAdd => st.order_add(&req),
        Op::OrderEdit => st.order_edit(&req),
        Op::OrderDetail => st.order_detail(&req),
        Op::OrderCancel => st.order_cancel(&req),
        Op::OrderCalculate => st.order_calculate(&req),
        Op::OrderTrack => st.order_track(&req),
        Op::OrderHistory => st.order_history(&req),
        Op::OrderCancellation => st.order_cancellation(&req),
        Op::IntlAdd => st.intl_add(&req),
        Op::IntlTrack => st.intl_track(&req),
        Op::IntlManifest => st.intl_manifest(&req),
        Op::Branches => st.branches(&req, "regionId"),
        Op::BranchesWithCity => st.branches(&req, "cityId"),
        Op::Regions => st.regions_list(),
        Op::Cities => st.cities_list(&req),
        Op::MxikCreate => st.mxik_create(&req),
        Op::MxikList => st.mxik_list(),
        Op::PostTypes => State::id_name_list(&st.post_types),
        Op::PackageTypes => State::id_name_list(&st.packages),
    }
}
