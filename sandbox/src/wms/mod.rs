//! The Fulfillment WMS (a Yii2 app, `/v1/<path>`): its route table, and the checks every route
//! shares in Yii2's order (method, token, JSON body) before the handler.

mod orders;
pub(crate) mod records;
pub(crate) mod store;

use crate::reply::Reply;
use crate::request::{bearer, body_map, Incoming, Request};
use crate::route::{route, yii_method_check, Route, GET, POST};
use crate::state::State;
use crate::sync::lock;
use serde_json::Map;
use std::sync::Mutex;
use store::RecordKind;

/// What a WMS route does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WmsOp {
    Login,
    Refresh,
    OrderCreate,
    PartialReturn,
    Create(RecordKind),
    Clients(RecordKind),
    ClientStatus(RecordKind),
}

use WmsOp as Op;

/// Every WMS route, reached as `/<path>`.
pub(crate) static ROUTES: &[Route<WmsOp>] = &[
    route("wms/auth/login", POST, "v1/auth/login", Op::Login),
    route("wms/auth/refresh", POST, "v1/auth/refresh", Op::Refresh),
    route("wms/order/create", POST, "v1/order/create", Op::OrderCreate),
    route(
        "wms/order/partial-return",
        POST,
        "v1/order/partial-order-return",
        Op::PartialReturn,
    ),
    route(
        "wms/purveyor/create",
        POST,
        "v1/purveyor/create",
        Op::Create(RecordKind::Purveyor),
    ),
    route(
        "wms/purveyor/clients",
        GET,
        "v1/purveyor/clients",
        Op::Clients(RecordKind::Purveyor),
    ),
    route(
        "wms/purveyor/client-status",
        POST,
        "v1/purveyor/client-status",
        Op::ClientStatus(RecordKind::Purveyor),
    ),
    route(
        "wms/product/create",
        POST,
        "v1/product/create",
        Op::Create(RecordKind::Product),
    ),
    route(
        "wms/product/clients",
        GET,
        "v1/product/clients",
        Op::Clients(RecordKind::Product),
    ),
    route(
        "wms/product/client-status",
        POST,
        "v1/product/client-status",
        Op::ClientStatus(RecordKind::Product),
    ),
    route(
        "wms/receiving-goods/create",
        POST,
        "v1/receiving-goods/create",
        Op::Create(RecordKind::Receiving),
    ),
    route(
        "wms/receiving-goods/clients",
        GET,
        "v1/receiving-goods/clients",
        Op::Clients(RecordKind::Receiving),
    ),
    route(
        "wms/receiving-goods/client-status",
        POST,
        "v1/receiving-goods/client-status",
        Op::ClientStatus(RecordKind::Receiving),
    ),
];

/// The route of a path (`/v1/product/create`, with or without a trailing `/`).
pub(crate) fn resolve(path: &str) -> Option<&'static Route<WmsOp>> {
    let path = path.trim_start_matches('/').trim_end_matches('/');
    ROUTES.iter().find(|route| route.path == path)
}

/// Handles a request for a WMS route: method (405), token (401), body (400), then the
/// handler.
pub(crate) fn dispatch(state: &Mutex<State>, route: &Route<WmsOp>, inc: &Incoming) -> Reply {
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
    let open = matches!(route.op, Op::Login | Op::Refresh);
    if !open && !token.is_some_and(|t| st.wms_token_ok(t)) {
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
        Op::Login => st.wms_login(&req),
        Op::Refresh => st.wms_refresh(&req),
        Op::OrderCreate => st.wms_order_create(&req),
        Op::PartialReturn => st.wms_partial_return(&req),
        Op::Create(kind) => st.wms_create(kind, &req),
        Op::Clients(kind) => st.wms_list(kind, &req),
        Op::ClientStatus(kind) => st.wms_ack(kind, &req),
    }
}
