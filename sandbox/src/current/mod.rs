//! The current courier API under `/current/`: its route table, route resolution (one path may
//! serve two routes, by method or query) and the checks before the handler in Yii2's order:
//! route, method, IP block quirk, token, JSON body.

mod auth;
mod calculate;
mod check;
mod directory;
mod envelope;
mod order_input;
mod order_json;
mod orders;
mod request;
mod statuses;
mod stickers;
pub(crate) mod store;
mod webhook;

use crate::catalog::Lang;
use crate::json::json_object;
use crate::reply::Reply;
use crate::request::{bearer, body_map, Incoming};
use crate::route::{method_not_allowed, route, Route, GET, GET_POST, POST};
use crate::state::{Service, State};
use crate::sync::lock;
use request::CurrentRequest;
use std::sync::Mutex;

/// What a route does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CurrentOp {
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

use CurrentOp as Op;

/// Every route. Some paths serve two keys (by method or query); the calculator has two paths.
pub(crate) static ROUTES: &[Route<CurrentOp>] = &[
    route("current/auth/login", POST, "auth/login", Op::Login),
    route("current/auth/refresh", POST, "auth/refresh", Op::Refresh),
    route("current/order/add", POST, "v1/order/add", Op::Add),
    route("current/order/edit", POST, "v1/order/edit", Op::Edit),
    route("current/order/detail", GET, "v1/order/detail", Op::Detail),
    route("current/order/list", GET, "v1/order/detail", Op::List),
    route("current/order/track", GET, "v1/order/track", Op::Track),
    route(
        "current/order/cancel",
        GET_POST,
        "v1/order-cancel/index",
        Op::Cancel,
    ),
    route(
        "current/order/calculate",
        POST,
        "v1/order-calculate/index",
        Op::Calculate,
    ),
    route(
        "current/order/calculate",
        POST,
        "v1/order-calculator",
        Op::Calculate,
    ),
    route(
        "current/order/cancellation",
        GET,
        "v1/order/cancellation",
        Op::Cancellation,
    ),
    route(
        "current/order/sticker",
        GET,
        "v1/order/sticker",
        Op::Sticker,
    ),
    route(
        "current/order/stickers",
        POST,
        "v1/order/sticker",
        Op::Stickers,
    ),
    route(
        "current/order/test-update-status",
        POST,
        "v1/order/test-update-status",
        Op::TestStatus,
    ),
    route(
        "current/directory/regions",
        GET,
        "v1/directory/regions",
        Op::Regions,
    ),
    route(
        "current/directory/cities",
        GET,
        "v1/directory/cities",
        Op::Cities,
    ),
    route(
        "current/directory/branches",
        GET,
        "v1/directory/branches",
        Op::Branches,
    ),
    route(
        "current/directory/statuses",
        GET,
        "v1/status/index",
        Op::Statuses,
    ),
    route(
        "current/directory/packages",
        GET,
        "v1/package/index",
        Op::Packages,
    ),
    route(
        "current/directory/post-types",
        GET,
        "v1/inside/index",
        Op::PostTypes,
    ),
    route(
        "current/webhook/config",
        GET_POST,
        "v1/webhook/webhook-config",
        Op::Webhook,
    ),
    route("current/label", GET, "labels/", Op::Label),
];

/// The route of `method` on `rest` (the path after `/current/`): the one accepting the method
/// (order/detail without `orderId` but with a date is order/list), else the path's first route
/// (a 405), else `None` (a 404).
pub(crate) fn resolve(
    method: &str,
    rest: &str,
    query: &[(String, String)],
) -> Option<&'static Route<CurrentOp>> {
    let rest = rest.trim_end_matches('/');
    if let Some(name) = rest.strip_prefix("labels/") {
        return (!name.is_empty())
            .then(|| ROUTES.iter().find(|r| r.op == Op::Label))
            .flatten();
    }
    let same: Vec<&'static Route<CurrentOp>> = ROUTES.iter().filter(|r| r.path == rest).collect();
    let first = *same.first()?;
    let has = |k: &str| query.iter().any(|(n, v)| n == k && !v.is_empty());
    let wants_list = !has("orderId") && (has("beginDate") || has("endDate"));
    same.iter()
        .copied()
        .filter(|r| r.accepts(method))
        .find(|r| match r.op {
            Op::Detail => !wants_list,
            Op::List => wants_list,
            _ => true,
        })
        .or(Some(first))
}

/// Handles a request for a current-API route (or answers 404 for none), in Yii2's order of
/// checks: route, method, token, body, action.
pub(crate) fn dispatch(
    state: &Mutex<State>,
    route: Option<&'static Route<CurrentOp>>,
    rest: &str,
    inc: &Incoming,
) -> Reply {
    let Some(route) = route else {
        return Reply::yii(404, None);
    };
    if !route.accepts(inc.method) {
        let mut allow: Vec<&str> = ROUTES
            .iter()
            .filter(|r| r.path == route.path)
            .flat_map(|r| r.methods.iter().copied())
            .collect();
        allow.dedup();
        return method_not_allowed(allow.join(", "));
    }
    let mut st = lock(state);
    if st.quirks.ip_blocked && route.op != Op::Label {
        let lang = Lang::from_header(inc.language);
        return Reply::ok(json_object! {
            "status" => false,
            "message" => lang.pick(
                "Sizning IP manzilingizga ruxsat berilmagan",
                "Доступ с вашего IP-адреса запрещён",
                "Access from your IP address is not allowed",
            ),
            "status_code" => 403,
        });
    }
    let open = matches!(route.op, Op::Login | Op::Refresh | Op::Label);
    if !open {
        let ok = bearer(inc.authorization).is_some_and(|t| st.jwt_ok(t, Service::Current, false));
        if !ok {
            return st.unauthorized();
        }
    }
    let Ok(body) = body_map(inc.content_type, inc.body) else {
        return Reply::bad_json();
    };
    let c = CurrentRequest {
        query: inc.query,
        body: &body,
        lang: Lang::from_header(inc.language),
        host: inc.host.unwrap_or(&st.default_host).to_owned(),
        path: rest,
    };
    match route.op {
        Op::Login => st.cur_login(&c),
        Op::Refresh => st.cur_refresh(&c),
        Op::Add => st.cur_add(&c),
        Op::Edit => st.cur_edit(&c),
        Op::Detail => st.cur_detail(&c),
        Op::List => st.cur_list(&c),
        Op::Track => st.cur_track(&c),
        Op::Cancel => st.cur_cancel(&c),
        Op::Calculate => st.cur_calculate(&c),
        Op::Cancellation => st.cur_cancellation(&c),
        Op::Sticker => st.cur_sticker(&c),
        Op::Stickers => st.cur_stickers(&c),
        Op::TestStatus => st.cur_test_status(&c),
        Op::Regions => st.cur_regions(&c),
        Op::Cities => st.cur_cities(&c),
        Op::Branches => st.cur_branches(&c),
        Op::Statuses => st.cur_statuses(&c),
        Op::Packages => st.cur_packages(&c),
        Op::PostTypes => st.cur_post_types(&c),
        Op::Webhook => st.cur_webhook(&c),
        Op::Label => st.cur_label(&c),
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
}
