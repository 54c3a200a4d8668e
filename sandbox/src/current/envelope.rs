//! The current API's reply forms: the `{status, message, status_code, data}` envelope and its
//! failures (with the `messages`, `failures_http200` and `auth_failure` quirks), Yii2 REST
//! pages, and the `orderId` parameter every order route reads.

use super::request::CurrentRequest;
use super::store::*;
use crate::catalog::{self, Lang, Msg};
use crate::json::{json_object, Errors, OrderedJson};
use crate::quirks::AuthFailure;
use crate::reply::Reply;
use crate::state::State;
use std::borrow::Cow;

impl State {
    // ---- envelope ----

    pub(crate) fn msg(&self, m: &Msg, lang: Lang) -> &'static str {
        catalog::message(m, self.quirks.messages, lang)
    }

    pub(crate) fn env_ok(&self, c: &CurrentRequest, m: &Msg, data: OrderedJson) -> Reply {
        Reply::ok(json_object! {
            "status" => true,
            "message" => self.msg(m, c.lang),
            "status_code" => 200,
            "data" => data,
        })
    }

    /// An envelope failure: `{"status":false,"message":…,"status_code":N}` (+ `errors`), HTTP N
    /// (200 under the `failures_http200` quirk).
    pub(crate) fn env_fail(
        &self,
        c: &CurrentRequest,
        status: u16,
        m: &Msg,
        errors: Option<Errors>,
    ) -> Reply {
        let mut j = json_object! {
            "status" => false,
            "message" => self.msg(m, c.lang),
            "status_code" => i64::from(status),
        };
        if let (Some(e), OrderedJson::Obj(f)) = (errors, &mut j) {
            f.push((Cow::Borrowed("errors"), e.map_json()));
        }
        let http = if self.quirks.failures_http200 {
            200
        } else {
            status
        };
        Reply::json(http, &j)
    }

    pub(crate) fn invalid(&self, c: &CurrentRequest, errs: Errors) -> Reply {
        self.env_fail(c, 422, &catalog::VALIDATION, Some(errs))
    }

    pub(crate) fn not_found(&self, c: &CurrentRequest) -> Reply {
        self.env_fail(c, 404, &catalog::NOT_FOUND, None)
    }

    /// The refusal of a missing, bad or expired access token.
    pub(crate) fn unauthorized(&self) -> Reply {
        match self.quirks.auth_failure {
            AuthFailure::Yii => Reply::yii(401, None),
            AuthFailure::Envelope200 => Reply::ok(json_object! {
                "status" => false,
                "message" => catalog::UNAUTHORIZED.en,
                "status_code" => 401,
            }),
        }
    }

    /// The order id of a query parameter: 400 (Yii2) when missing or not a whole number.
    pub(crate) fn order_param(&self, c: &CurrentRequest, name: &str) -> Result<usize, Reply> {
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

    pub(crate) fn cur_index(&self, id: i64) -> Option<usize> {
        let idx = usize::try_from(id.checked_sub(FIRST_ORDER_ID)?).ok()?;
        (idx < self.current.orders.len()).then_some(idx)
    }
}

/// A Yii2 REST page of `items`: `{"items", "_links", "_meta"}` (`page`, `per-page` from the
/// query; 20 a page by default, 50 at most; absolute links keep the other query parameters).
pub(crate) fn paged(c: &CurrentRequest, items: Vec<OrderedJson>) -> OrderedJson {
    let parse = |n: &str| c.param(n).and_then(|v| v.trim().parse::<i64>().ok());
    let per = parse("per-page").unwrap_or(PER_PAGE).clamp(1, MAX_PER_PAGE);
    let total = items.len() as i64;
    let pages = (total + per - 1) / per;
    let page = parse("page").unwrap_or(1).clamp(1, pages.max(1));
    let others: String = c
        .query
        .iter()
        .filter(|(k, _)| k != "page" && k != "per-page")
        .map(|(k, v)| {
            format!(
                "{}={}&",
                crate::query::form_encode(k),
                crate::query::form_encode(v)
            )
        })
        .collect();
    let link = |n: i64| {
        json_object! {"href" => format!("http://{}/current/{}?{others}page={n}&per-page={per}", c.host, c.path.trim_end_matches('/'))}
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
    let items: Vec<OrderedJson> = items.into_iter().skip(start).take(per as usize).collect();
    json_object! {
        "items" => OrderedJson::Arr(items),
        "_links" => OrderedJson::Obj(links),
        "_meta" => json_object! {
            "totalCount" => total,
            "pageCount" => pages,
            "currentPage" => page,
            "perPage" => per,
        },
    }
}
