//! Switchable readings: where the references disagree, the sandbox answers one way by default
//! and the other on request (the control API's `/__sandbox/quirks`, [`Sandbox::set_quirks`]).
//!
//! [`Sandbox::set_quirks`]: crate::Sandbox::set_quirks

use crate::json::{json_object, OrderedJson};
use serde_json::Value;

/// How the current API refuses a missing, bad or expired access token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AuthFailure {
    /// HTTP 401 with Yii2's Unauthorized body (the documented form).
    Yii,
    /// HTTP 200 with `{"status":false,"message":…,"status_code":401}` (what one integration
    /// guards against).
    Envelope200,
}

/// Which form `message` takes in current-API replies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Messages {
    /// Per call, the form its documentation page shows (a key such as `success.retrieved` or
    /// `error.not_found`, or a translated sentence).
    Docs,
    /// Always the i18n key.
    Keys,
    /// Always a sentence in the request's language (as live servers were seen answering).
    Text,
}

/// What `bringBackMoney` means in `order/add`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BringBackMoney {
    /// Both readings (the default): `0`/`1` is the flag, a larger whole number the amount.
    Either,
    /// A 0/1 flag; the amount goes in `back_money` (the docs' example).
    Flag,
    /// The amount itself; `1` is refused with "Mahsulotlarni kiriting" (one live report).
    Amount,
}

/// The body of `order-calculate` with `is_multiple_cost: 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CalculateSingle {
    /// `{"all_cost": N}`.
    AllCost,
    /// The four `*_to_*` keys, as with `is_multiple_cost: 1`.
    Four,
}

/// The body encoding of a webhook notification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WebhookBody {
    /// `multipart/form-data` with one field `text` holding the JSON.
    Multipart,
    /// `application/x-www-form-urlencoded`, `text=<JSON>`.
    Urlencoded,
    /// The JSON itself, `application/json`.
    Json,
}

/// Where a webhook notification puts the status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WebhookStatus {
    /// `"status": {"id": 800, "name": …}`.
    Id,
    /// `"status": {"code": 800, "name": …}`.
    Code,
    /// `"statusCode": 800, "statusName": …` at the top level.
    StatusCode,
}

/// Every switch, with its default.
#[derive(Clone, Debug)]
pub(crate) struct Quirks {
    pub auth_failure: AuthFailure,
    /// Envelope failures (404, 400, 422) answered with HTTP 200 (the body keeps its
    /// `status_code`).
    pub failures_http200: bool,
    pub messages: Messages,
    pub bring_back_money: BringBackMoney,
    pub calculate_single: CalculateSingle,
    /// `order/detail` shows `null` for `status.code`, `city.code`, `branch.code` and `cost`, as
    /// the docs' example does.
    pub detail_nulls: bool,
    /// Stickers carry the PDF as base64 in `labelEncode` (else `null`, as in the docs' example).
    pub label_encode: bool,
    /// A refresh revokes the refresh token it used (current API and WMS).
    pub rotate_refresh: bool,
    pub webhook_body: WebhookBody,
    pub webhook_status: WebhookStatus,
    /// The header that carries the registered key.
    pub webhook_key_header: String,
    /// WMS validation failures: `None` keeps each route's default (the seeds' routes 422
    /// `{"errors"}`, the newer routes 500 `{"message":"error.","errors"}`); `Some(s)` answers
    /// every WMS create with status `s` and the `{"message":"error.","errors"}` body.
    pub wms_validation_status: Option<u16>,
    /// The HTTP status of a successful WMS create (200 per the docs, 201 per the server source).
    pub wms_create_status: u16,
    /// The WMS server source's type rules: `inn`, `kpp`, `okpo`, `contract_number`, `gtin`,
    /// `unit`, receiving `number`/`vehicle_number` must be JSON strings, `stock_expiry` an
    /// integer, and `okpp` is ignored.
    pub wms_strict_types: bool,
    /// Every current-API call answers HTTP 200 `{"status":false,…,"status_code":403}`, as a
    /// production host refuses a server whose IP is not on its allow-list.
    pub ip_blocked: bool,
}

impl Default for Quirks {
    fn default() -> Quirks {
        Quirks {
            auth_failure: AuthFailure::Yii,
            failures_http200: false,
            messages: Messages::Docs,
            bring_back_money: BringBackMoney::Either,
            calculate_single: CalculateSingle::AllCost,
            detail_nulls: false,
            label_encode: true,
            rotate_refresh: true,
            webhook_body: WebhookBody::Multipart,
            webhook_status: WebhookStatus::Id,
            webhook_key_header: "itx-apiKey".to_owned(),
            wms_validation_status: None,
            wms_create_status: 200,
            wms_strict_types: false,
            ip_blocked: false,
        }
    }
}

fn choice<T: Copy>(v: &Value, name: &str, options: &[(&str, T)]) -> Result<T, String> {
    let s = v.as_str().unwrap_or("");
    options
        .iter()
        .find(|(n, _)| *n == s)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            format!("\"{name}\" must be one of {}", names.join(", "))
        })
}

fn name_of<T: PartialEq>(value: T, options: &[(&'static str, T)]) -> &'static str {
    options
        .iter()
        .find(|(_, t)| *t == value)
        .map(|(n, _)| *n)
        .unwrap_or("")
}

fn flag(v: &Value, name: &str) -> Result<bool, String> {
    v.as_bool()
        .ok_or_else(|| format!("\"{name}\" must be true or false"))
}

const AUTH: &[(&str, AuthFailure)] = &[
    ("yii401", AuthFailure::Yii),
    ("envelope200", AuthFailure::Envelope200),
];
const MESSAGES: &[(&str, Messages)] = &[
    ("docs", Messages::Docs),
    ("keys", Messages::Keys),
    ("text", Messages::Text),
];
const BBM: &[(&str, BringBackMoney)] = &[
    ("either", BringBackMoney::Either),
    ("flag", BringBackMoney::Flag),
    ("amount", BringBackMoney::Amount),
];
const CALC: &[(&str, CalculateSingle)] = &[
    ("all_cost", CalculateSingle::AllCost),
    ("four", CalculateSingle::Four),
];
const HOOK_BODY: &[(&str, WebhookBody)] = &[
    ("multipart", WebhookBody::Multipart),
    ("urlencoded", WebhookBody::Urlencoded),
    ("json", WebhookBody::Json),
];
const HOOK_STATUS: &[(&str, WebhookStatus)] = &[
    ("id", WebhookStatus::Id),
    ("code", WebhookStatus::Code),
    ("statusCode", WebhookStatus::StatusCode),
];

impl Quirks {
    /// Applies the members of a JSON object (any subset); an unknown member or value is an
    /// error and changes nothing.
    pub(crate) fn apply(&mut self, v: &Value) -> Result<(), String> {
        let obj = v.as_object().ok_or("quirks must be a JSON object")?;
        let mut q = self.clone();
        for (k, v) in obj {
            match k.as_str() {
                "auth_failure" => q.auth_failure = choice(v, k, AUTH)?,
                "failures_http200" => q.failures_http200 = flag(v, k)?,
                "messages" => q.messages = choice(v, k, MESSAGES)?,
                "bring_back_money" => q.bring_back_money = choice(v, k, BBM)?,
                "calculate_single" => q.calculate_single = choice(v, k, CALC)?,
                "detail_nulls" => q.detail_nulls = flag(v, k)?,
                "label_encode" => q.label_encode = flag(v, k)?,
                "rotate_refresh" => q.rotate_refresh = flag(v, k)?,
                "webhook_body" => q.webhook_body = choice(v, k, HOOK_BODY)?,
                "webhook_status" => q.webhook_status = choice(v, k, HOOK_STATUS)?,
                "webhook_key_header" => {
                    let s = v.as_str().unwrap_or("");
                    let token_char = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
                    if s.is_empty() || !s.chars().all(token_char) {
                        return Err("\"webhook_key_header\" must be a header name".into());
                    }
                    q.webhook_key_header = s.to_owned();
                }
                "wms_validation_status" => {
                    q.wms_validation_status = match v {
                        Value::Null => None,
                        v => match v.as_u64() {
                            Some(s @ (400 | 422 | 500)) => Some(s as u16),
                            _ => {
                                return Err(
                                    "\"wms_validation_status\" must be 400, 422, 500 or null"
                                        .into(),
                                )
                            }
                        },
                    }
                }
                "wms_create_status" => {
                    q.wms_create_status = match v.as_u64() {
                        Some(s @ (200 | 201)) => s as u16,
                        _ => return Err("\"wms_create_status\" must be 200 or 201".into()),
                    }
                }
                "wms_strict_types" => q.wms_strict_types = flag(v, k)?,
                "ip_blocked" => q.ip_blocked = flag(v, k)?,
                other => return Err(format!("unknown quirk {other:?}")),
            }
        }
        *self = q;
        Ok(())
    }

    /// Every switch and its value.
    pub(crate) fn to_json(&self) -> OrderedJson {
        json_object! {
            "auth_failure" => name_of(self.auth_failure, AUTH),
            "failures_http200" => self.failures_http200,
            "messages" => name_of(self.messages, MESSAGES),
            "bring_back_money" => name_of(self.bring_back_money, BBM),
            "calculate_single" => name_of(self.calculate_single, CALC),
            "detail_nulls" => self.detail_nulls,
            "label_encode" => self.label_encode,
            "rotate_refresh" => self.rotate_refresh,
            "webhook_body" => name_of(self.webhook_body, HOOK_BODY),
            "webhook_status" => name_of(self.webhook_status, HOOK_STATUS),
            "webhook_key_header" => self.webhook_key_header.as_str(),
            "wms_validation_status" => self.wms_validation_status.map(i64::from),
            "wms_create_status" => i64::from(self.wms_create_status),
            "wms_strict_types" => self.wms_strict_types,
            "ip_blocked" => self.ip_blocked,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn apply_is_all_or_nothing() {
        let mut q = Quirks::default();
        q.apply(&json!({"messages": "keys", "failures_http200": true}))
            .unwrap();
        assert_eq!(q.messages, Messages::Keys);
        assert!(q.failures_http200);
        assert!(q
            .apply(&json!({"label_encode": false, "messages": "nope"}))
            .is_err());
        assert!(q.label_encode);
        assert!(q.apply(&json!({"frobnicate": 1})).is_err());
        let back: Value = serde_json::from_slice(&q.to_json().to_vec()).unwrap();
        assert_eq!(back["messages"], "keys");
        assert_eq!(back["wms_validation_status"], Value::Null);
        let mut fresh = Quirks::default();
        fresh.apply(&back).unwrap();
        assert_eq!(fresh.messages, Messages::Keys);
    }
}
