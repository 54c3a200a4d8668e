//! Webhook registration (`webhook/webhook-config`) and the notification of each status change,
//! handed to the delivery thread.

use super::check::*;
use super::request::CurrentRequest;
use super::store::*;
use crate::catalog::{self, Rule};
use crate::json::{json_object, OrderedJson};
use crate::quirks::{WebhookBody, WebhookStatus};
use crate::reply::Reply;
use crate::state::State;
use serde_json::Value;
use std::borrow::Cow;

impl State {
    // ---- webhooks ----

    pub(crate) fn cur_webhook(&mut self, c: &CurrentRequest) -> Reply {
        // The documented form is a GET with a JSON body; a POST with the same body, or a GET
        // with the fields in the query string, work too.
        let mut fields = c.body.clone();
        if fields.is_empty() {
            for (k, v) in c.query {
                fields.insert(k.clone(), Value::String(v.clone()));
            }
        }
        let mut ck = FieldCheck::new(c.lang);
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
            date: crate::dates::date_of_days(crate::dates::today_days()),
            lang: c.lang,
        };
        let data = hook_json(&hook);
        self.current.hook = Some(hook);
        self.env_ok(c, &catalog::CREATED, data)
    }

    /// Queues the notification of an order's new status, when a webhook is registered.
    pub(crate) fn notify(&mut self, idx: usize) {
        let (Some(hook), Some(tx)) = (self.current.hook.clone(), self.hook_tx.clone()) else {
            return;
        };
        let o = &self.current.orders[idx];
        let name = Self::status_name(o.status, hook.lang);
        let date = crate::dates::datetime_local(crate::dates::now_unix());
        let q = &self.quirks;
        let payload = match q.webhook_status {
            WebhookStatus::StatusCode => json_object! {
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
                json_object! {
                    "clientId" => o.inp.client_id.clone(),
                    "orderId" => o.id,
                    "barcode" => o.barcode.as_str(),
                    "status" => OrderedJson::Obj(vec![
                        (Cow::Borrowed(key), OrderedJson::Int(o.status)),
                        (Cow::Borrowed("name"), OrderedJson::from(name)),
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
                format!("text={}", crate::query::form_encode(&payload)).into_bytes(),
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
            self.current.hooks_pending += 1;
        }
    }

    /// The registration as the control API shows it (the key masked).
    pub(crate) fn webhook_json(&self) -> OrderedJson {
        match &self.current.hook {
            Some(h) => {
                let mut j = hook_json(h);
                if let OrderedJson::Obj(f) = &mut j {
                    for (k, v) in f.iter_mut() {
                        if k == "itx-apiKey" && !matches!(v, OrderedJson::Null) {
                            *v = OrderedJson::from("***");
                        }
                    }
                }
                j
            }
            None => OrderedJson::Null,
        }
    }
}

pub(crate) fn hook_json(h: &Hook) -> OrderedJson {
    json_object! {
        "webhook_url" => h.url.as_str(),
        "method" => "POST",
        "date" => h.date.as_str(),
        "has_token" => h.has_token,
        "environment" => h.environment.as_str(),
        "itx-apiKey" => h.key.clone(),
    }
}
