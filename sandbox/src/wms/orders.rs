//! The WMS beyond the seeds: the token refresh, fulfilment (outbound) orders, partial returns,
//! the current receiving-goods body, and the server source's stricter types and HTTP 500
//! validation answers (switchable through the quirks).

use super::store::*;
use crate::json::{int_of, is_missing, json_object, present, Errors, OrderedJson};
use crate::reply::Reply;
use crate::request::Request;
use crate::state::{Service, State};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// WMS field messages (the sandbox's Uzbek patterns, as the seeds' WMS routes use).
fn required(f: &str) -> String {
    format!("«{f}» tuldirish shart.")
}

fn invalid(f: &str) -> String {
    format!("«{f}» noto'g'ri.")
}

fn integer(f: &str) -> String {
    format!("«{f}» butun son bo'lishi kerak.")
}

fn string(f: &str) -> String {
    format!("«{f}» satr bo'lishi kerak.")
}

/// Checks fields of one object into `errs`.
pub(crate) struct WmsCheck<'a> {
    pub(crate) b: &'a Map<String, Value>,
    pub(crate) errs: &'a mut Errors,
}

impl WmsCheck<'_> {
    pub(crate) fn int(&mut self, f: &str, req: bool, min: i64) -> Option<i64> {
        match present(self.b.get(f)) {
            None => {
                if req {
                    self.errs.add(f, required(f));
                }
                None
            }
            Some(v) => match int_of(v) {
                Some(x) if x >= min => Some(x),
                Some(_) => {
                    self.errs.add(f, invalid(f));
                    None
                }
                None => {
                    self.errs.add(f, integer(f));
                    None
                }
            },
        }
    }

    pub(crate) fn text(&mut self, f: &str, req: bool, max: usize) -> Option<String> {
        match present(self.b.get(f)) {
            None => {
                if req {
                    self.errs.add(f, required(f));
                }
                None
            }
            Some(Value::String(s)) if s.chars().count() > max => {
                self.errs
                    .add(f, format!("«{f}» {max} belgidan oshmasligi kerak."));
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.errs.add(f, string(f));
                None
            }
        }
    }

    pub(crate) fn number(&mut self, f: &str) {
        if let Some(v) = self.b.get(f).filter(|v| !is_missing(Some(v))) {
            if crate::json::num_of(v).is_none() {
                self.errs.add(f, format!("«{f}» raqam bo'lishi kerak."));
            }
        }
    }
}

/// Checks each item of an array field with `check`; item errors come back as the server
/// source writes them: one string per item under the array's name,
/// `"<Name> at index <n> is invalid: {<errors as JSON>}"`.
fn items(
    b: &Map<String, Value>,
    field: &str,
    name: &str,
    errs: &mut Errors,
    mut check: impl FnMut(&mut WmsCheck),
) -> Vec<Map<String, Value>> {
    let list = match present(b.get(field)) {
        None => {
            errs.add(field, required(field));
            return Vec::new();
        }
        Some(Value::Array(a)) if a.is_empty() => {
            errs.add(field, required(field));
            return Vec::new();
        }
        Some(Value::Array(a)) => a,
        Some(_) => {
            errs.add(field, invalid(field));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(list.len());
    for (n, item) in list.iter().enumerate() {
        let Some(m) = item.as_object() else {
            errs.add(field, format!("{name} at index {n} is invalid: {{}}"));
            continue;
        };
        let mut e = Errors::default();
        check(&mut WmsCheck { b: m, errs: &mut e });
        if e.is_empty() {
            out.push(m.clone());
        } else {
            let text = String::from_utf8(e.map_json().to_vec()).unwrap_or_default();
            errs.add(field, format!("{name} at index {n} is invalid: {text}"));
        }
    }
    out
}

/// An ISO 8601 date-time (`2024-10-03T14:00:00Z`, offsets, a space instead of `T`).
fn is_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    crate::dates::parse_date(s).is_some()
        && b.len() >= 16
        && (b[10] == b'T' || b[10] == b' ')
        && b[11..13].iter().all(u8::is_ascii_digit)
        && b[13] == b':'
        && b[14..16].iter().all(u8::is_ascii_digit)
}

impl State {
    /// The reply to a failed WMS validation: `newer` routes (order create, partial return)
    /// answer 500 `{"message":"error.","errors"}` as the server source does, the seeds' routes
    /// 422 `{"errors"}`; the `wms_validation_status` quirk sets one status for all (with the
    /// `message`).
    pub(crate) fn wms_invalid(&self, errs: Errors, newer: bool) -> Reply {
        let status = self
            .quirks
            .wms_validation_status
            .unwrap_or(if newer { 500 } else { 422 });
        if newer || self.quirks.wms_validation_status.is_some() {
            let mut j = json_object! {"message" => "error."};
            if !errs.is_empty() {
                if let OrderedJson::Obj(f) = &mut j {
                    f.push((Cow::Borrowed("errors"), errs.map_json()));
                }
            }
            Reply::json(status, &j)
        } else {
            Reply::json(status, &errs.into_json())
        }
    }

    /// A successful WMS create: `{"message":"Record successfully created.","data":…}` with the
    /// `wms_create_status` quirk's status (200 by default).
    pub(crate) fn wms_created(&self, data: OrderedJson) -> Reply {
        Reply::json(
            self.quirks.wms_create_status,
            &json_object! {"message" => "Record successfully created.", "data" => data},
        )
    }

    /// `POST /v1/auth/refresh`: a new pair for a live refresh token, bare like the login's.
    pub(crate) fn wms_refresh(&mut self, ctx: &Request) -> Reply {
        let fail = |msg: String| {
            Reply::json(
                422,
                &json_object! {
                    "message" => "error",
                    "errors" => json_object! {"refresh_token" => vec![OrderedJson::from(msg)]},
                },
            )
        };
        let t = match present(ctx.body.get("refresh_token")) {
            None => return fail(required("refresh_token")),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return fail("Refresh token noto‘g‘ri yoki muddati o‘tgan".into()),
        };
        if !self.jwt_ok(&t, Service::Wms, true) {
            return fail("Refresh token noto‘g‘ri yoki muddati o‘tgan".into());
        }
        if self.quirks.rotate_refresh {
            self.revoke_jwt(&t);
        }
        let (a, r) = self.issue_jwts(Service::Wms);
        Reply::ok(json_object! {"access_token" => a, "refresh_token" => r})
    }

    pub(crate) fn wms_href(&self, ctx: &Request, what: &str, id: i64) -> String {
        let host = ctx.host.unwrap_or(&self.default_host);
        format!("http://{host}/v1/{what}/view?id={id}")
    }

    /// `POST /v1/order/create`: a fulfilment order (the docs' body; `order_id` unique).
    pub(crate) fn wms_order_create(&mut self, ctx: &Request) -> Reply {
        let b = ctx.body;
        if b.is_empty() {
            return self.wms_invalid(Errors::default(), true);
        }
        let mut errs = Errors::default();
        let mut w = WmsCheck { b, errs: &mut errs };
        let order_id = w.int("order_id", true, 1);
        let status = w.int("fulfillment_status", false, 1);
        if status.is_some_and(|s| s > 7) {
            w.errs
                .add("fulfillment_status", invalid("fulfillment_status"));
        }
        let scheduled = w.text("scheduled_at", status == Some(5), 64);
        if scheduled.as_deref().is_some_and(|s| !is_datetime(s)) {
            w.errs.add("scheduled_at", invalid("scheduled_at"));
        }
        for f in ["full_name", "phone", "address", "region", "country"] {
            w.text(f, true, 255);
        }
        for f in ["city", "zip"] {
            w.text(f, false, 255);
        }
        let lines = items(b, "order_items", "Order items", &mut errs, |w| {
            w.int("client_product_id", true, 1);
            w.int("client_product_variation_id", true, 0);
            w.int("quantity", true, 1);
            for f in ["price", "discount", "final_price"] {
                w.int(f, true, 0);
            }
        });
        if let Some(id) = order_id {
            if self.wms.more.orders.iter().any(|o| o.order_id == id) {
                errs.add(
                    "order_id",
                    format!("«order_id» \"{id}\" qiymati allaqachon mavjud."),
                );
            }
        }
        let Some(order_id) = order_id.filter(|_| errs.is_empty()) else {
            return self.wms_invalid(errs, true);
        };
        let more = &mut self.wms.more;
        let id = FIRST_ORDER + more.orders.len() as i64;
        let t = |f: &str| OrderedJson::from(b.get(f).and_then(Value::as_str).map(str::to_owned));
        let mut out_lines = Vec::with_capacity(lines.len());
        let mut stored = Vec::with_capacity(lines.len());
        for l in &lines {
            let n = |f: &str| l.get(f).and_then(int_of).unwrap_or(0);
            let line_id = FIRST_LINE + more.next_line;
            more.next_line += 1;
            out_lines.push(json_object! {
                "id" => line_id,
                "order_id" => id,
                "client_product_id" => n("client_product_id"),
                "client_product_variation_id" => n("client_product_variation_id"),
                "quantity" => n("quantity"),
                "price" => n("price"),
                "discount" => n("discount"),
                "final_price" => n("final_price"),
                "status" => 0,
            });
            stored.push(Line {
                client_product_id: n("client_product_id"),
                quantity: n("quantity"),
                returned: 0,
            });
        }
        more.orders.push(FulfilmentOrder {
            order_id,
            lines: stored,
        });
        let href = self.wms_href(ctx, "order", id);
        let data = json_object! {
            "id" => id,
            "order_id" => order_id,
            "supplier_buyer_id" => 5,
            "order_status" => 1,
            "fulfillment_status" => status.unwrap_or(1),
            "scheduled_at" => t("scheduled_at"),
            "created_at" => crate::dates::datetime_local(crate::dates::now_unix()),
            "orderAddress" => json_object! {
                "id" => id,
                "order_id" => id,
                "full_name" => t("full_name"),
                "phone" => t("phone"),
                "address" => t("address"),
                "city" => t("city"),
                "region" => t("region"),
                "zip" => t("zip"),
                "country" => t("country"),
                "status" => 1,
            },
            "orderItems" => OrderedJson::Arr(out_lines),
            "_links" => json_object! {"self" => json_object! {"href" => href}},
        };
        self.wms_created(data)
    }

    /// `POST /v1/order/partial-order-return`: returns some quantities of an order's products
    /// (`order_id` is the client's order number).
    pub(crate) fn wms_partial_return(&mut self, ctx: &Request) -> Reply {
        let b = ctx.body;
        if b.is_empty() {
            return self.wms_invalid(Errors::default(), true);
        }
        let mut errs = Errors::default();
        let order_id = WmsCheck { b, errs: &mut errs }.int("order_id", true, 1);
        let idx =
            order_id.and_then(|id| self.wms.more.orders.iter().position(|o| o.order_id == id));
        if order_id.is_some() && idx.is_none() {
            errs.add("order_id", invalid("order_id"));
        }
        let lines = items(b, "order_items", "Order items", &mut errs, |w| {
            w.int("client_product_id", true, 1);
            w.int("client_product_variation_id", false, 0);
            w.int("quantity", true, 1);
        });
        // Quantities against what is left of each product.
        let mut wanted: Vec<(i64, i64)> = Vec::new();
        if let Some(i) = idx {
            let order = &self.wms.more.orders[i];
            for (n, l) in lines.iter().enumerate() {
                let cpi = l.get("client_product_id").and_then(int_of).unwrap_or(0);
                let q = l.get("quantity").and_then(int_of).unwrap_or(0);
                let before: i64 = wanted.iter().filter(|w| w.0 == cpi).map(|w| w.1).sum();
                let left: i64 = order
                    .lines
                    .iter()
                    .filter(|x| x.client_product_id == cpi)
                    .map(|x| x.quantity - x.returned)
                    .sum();
                if !order.lines.iter().any(|x| x.client_product_id == cpi) {
                    errs.add(
                        "order_items",
                        format!("Order items at index {n} is invalid: {{\"client_product_id\":[\"«client_product_id» noto'g'ri.\"]}}"),
                    );
                } else if before + q > left {
                    errs.add(
                        "order_items",
                        format!("Order items at index {n} is invalid: {{\"quantity\":[\"«quantity» {left} dan oshmasligi kerak.\"]}}"),
                    );
                }
                wanted.push((cpi, q));
            }
        }
        let (Some(order_id), Some(i)) = (order_id, idx) else {
            return self.wms_invalid(errs, true);
        };
        if !errs.is_empty() {
            return self.wms_invalid(errs, true);
        }
        let more = &mut self.wms.more;
        let rid = FIRST_RETURN + more.returns;
        more.returns += 1;
        for (cpi, mut q) in wanted.iter().copied() {
            for l in more.orders[i]
                .lines
                .iter_mut()
                .filter(|l| l.client_product_id == cpi)
            {
                let take = q.min(l.quantity - l.returned);
                l.returned += take;
                q -= take;
            }
        }
        let items: Vec<OrderedJson> = wanted
            .iter()
            .map(
                |(cpi, q)| json_object! {"order_return_id" => rid, "product_id" => *cpi, "quantity" => *q},
            )
            .collect();
        self.wms_created(
            json_object! {"id" => rid, "order_id" => order_id, "orderReturnItems" => OrderedJson::Arr(items)},
        )
    }

    /// Validates the current receiving-goods body (`client_receiving_good_code` and
    /// `receiving_goods` lines); `Err` carries the reply.
    pub(crate) fn wms_receiving_current(&self, b: &Map<String, Value>) -> Result<(), Errors> {
        let mut errs = Errors::default();
        WmsCheck { b, errs: &mut errs }.text("client_receiving_good_code", true, 255);
        items(b, "receiving_goods", "Receiving goods", &mut errs, |w| {
            w.int("client_product_id", true, 1);
            w.int("client_product_variation_id", true, 0);
            w.text("product_cart_sku", true, 255);
            for f in [
                "product_variation_sku",
                "product_sku",
                "size",
                "color",
                "nomenclature",
                "nomenclature_package",
                "comment",
            ] {
                w.text(f, false, 255);
            }
            for f in ["quantity", "package_quantity"] {
                w.int(f, false, 0);
            }
            for f in [
                "price",
                "total_amount",
                "vat_rate",
                "vat_amount",
                "discount_amount",
                "under_delivery_percent",
                "over_delivery_percent",
            ] {
                w.number(f);
            }
        });
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }

    /// The server source's type rules (the `wms_strict_types` quirk): fields that must be JSON
    /// strings, and `stock_expiry` an integer.
    pub(crate) fn wms_strict_errors(kind: RecordKind, b: &Map<String, Value>, errs: &mut Errors) {
        let strings: &[&str] = match kind {
            RecordKind::Purveyor => &["inn", "kpp", "okpo", "contract_number"],
            RecordKind::Product => &["gtin", "unit"],
            RecordKind::Receiving => &["number", "vehicle_number", "contract_number"],
        };
        for f in strings {
            if let Some(v) = b.get(*f).filter(|v| !is_missing(Some(v))) {
                if !v.is_string() && !errs.has(f) {
                    errs.add(*f, string(f));
                }
            }
        }
        if kind == RecordKind::Purveyor {
            if let Some(v) = b.get("stock_expiry").filter(|v| !is_missing(Some(v))) {
                if !matches!(v, Value::Number(n) if n.is_i64() || n.is_u64()) {
                    errs.add("stock_expiry", integer("stock_expiry"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(crate) fn datetimes() {
        assert!(is_datetime("2024-10-03T14:00:00Z"));
        assert!(is_datetime("2024-10-03 14:00"));
        assert!(!is_datetime("2024-10-03"));
        assert!(!is_datetime("tomorrow at noon"));
    }
}
