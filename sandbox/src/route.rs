//! One row of an API's route table, the same for the three APIs: the operation's name (the
//! route key for counts and faults), its methods, its path as the library's operation table
//! writes it, and what it does.

use crate::reply::Reply;

/// Methods of a GET route (which also answers HEAD).
pub(crate) const GET: &[&str] = &["GET"];
/// Methods of a POST route.
pub(crate) const POST: &[&str] = &["POST"];
/// Methods of a route answering both.
pub(crate) const GET_POST: &[&str] = &["GET", "POST"];

/// One route of an API.
#[derive(Debug)]
pub(crate) struct Route<Op: 'static> {
    /// The route key: the operation's name (`order/add`, `wms/product/create`,
    /// `current/order/add`), used by counts, faults and the request log.
    pub key: &'static str,
    /// The methods it answers (a GET route answers HEAD too).
    pub methods: &'static [&'static str],
    /// Its path: the Yii2 `r` value on the legacy API (`v1/order/add`), the path after the
    /// base URL on the WMS (`v1/product/create`) and the current API (`v1/order/add`).
    pub path: &'static str,
    /// What it does.
    pub op: Op,
}

/// A table row: `route(key, methods, path, op)`.
pub(crate) const fn route<Op>(
    key: &'static str,
    methods: &'static [&'static str],
    path: &'static str,
    op: Op,
) -> Route<Op> {
    Route {
        key,
        methods,
        path,
        op,
    }
}

impl<Op> Route<Op> {
    /// Whether it answers `method` (HEAD where GET is).
    pub(crate) fn accepts(&self, method: &str) -> bool {
        self.methods
            .iter()
            .any(|m| *m == method || (*m == "GET" && method == "HEAD"))
    }
}

/// Yii2's 405 for a route answering only `allow` (`"POST"`, `"GET, HEAD"`), with `Allow`.
pub(crate) fn method_not_allowed(allow: String) -> Reply {
    let mut reply = Reply::yii(
        405,
        Some(&format!(
            "Method Not Allowed. This URL can only handle the following request methods: {allow}."
        )),
    );
    reply.headers.push(("Allow", allow));
    reply
}

/// The legacy and WMS APIs' 405: `POST`, or `GET, HEAD` for a GET route.
pub(crate) fn yii_method_check<Op>(route: &Route<Op>, method: &str) -> Result<(), Reply> {
    if route.accepts(method) {
        return Ok(());
    }
    let allow = if route.methods.contains(&"GET") {
        "GET, HEAD"
    } else {
        "POST"
    };
    Err(method_not_allowed(allow.to_owned()))
}
