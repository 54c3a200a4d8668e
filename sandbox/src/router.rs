//! Which API a request path belongs to, and its route there: the control API
//! (`/__sandbox/…`), the current courier API (`/current/…`), the legacy courier API
//! (`/index.php?r=…`) or the WMS (`/v1/…`).

use crate::current::CurrentOp;
use crate::legacy::LegacyOp;
use crate::route::Route;
use crate::wms::WmsOp;

/// Where a request path goes.
pub(crate) enum Target<'a> {
    /// `/__sandbox/<name>`.
    Control(&'a str),
    /// A legacy courier route.
    Legacy(&'static Route<LegacyOp>),
    /// A WMS route.
    Wms(&'static Route<WmsOp>),
    /// A current-API path (under `/current/`): its route, if any, and the path after the
    /// prefix.
    Current(Option<&'static Route<CurrentOp>>, &'a str),
    /// Anything else (404).
    Unknown,
}

impl Target<'_> {
    /// The route key (`None` for control requests and unknown routes).
    pub(crate) fn key(&self) -> Option<&'static str> {
        match self {
            Target::Legacy(r) => Some(r.key),
            Target::Wms(r) => Some(r.key),
            Target::Current(r, _) => r.map(|r| r.key),
            Target::Control(_) | Target::Unknown => None,
        }
    }
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
        return query
            .iter()
            .find(|(k, _)| k == "r")
            .and_then(|(_, r)| crate::legacy::resolve(r))
            .map_or(Target::Unknown, Target::Legacy);
    }
    if path.starts_with("/v1/") {
        return crate::wms::resolve(path).map_or(Target::Unknown, Target::Wms);
    }
    Target::Unknown
}

/// Every route key: legacy courier, WMS, then the current API's.
pub(crate) fn route_keys() -> impl Iterator<Item = &'static str> {
    let legacy = crate::legacy::ROUTES.iter().map(|r| r.key);
    let wms = crate::wms::ROUTES.iter().map(|r| r.key);
    let current = crate::current::ROUTES.iter().map(|r| r.key);
    legacy.chain(wms).chain(current)
}
