//! Status webhooks of the current courier API: the registration (`webhook/config`), the
//! notification BTS posts, and what `webhook/parse` makes of it.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::order::OrderStatusRef;
use super::status::StatusCode;
use crate::model::common::{Flag, Scalar};

model! {
    /// Body and reply of `webhook/config`: register (or replace) the account's status webhook.
    ///
    /// The request sets `webhook_url` and `environment` (required), `has_token` and
    /// `itx-apiKey`; the reply echoes them and adds `method` (always `"POST"`) and `date`.
    /// `Debug` prints the key as `***`.
    ///
    /// ```
    /// # use bts::model::current::WebhookConfig;
    /// let config = WebhookConfig {
    ///     webhook_url: Some("https://shop.example/bts".into()),
    ///     environment: Some("test".into()),
    ///     api_key: Some("k3y".into()),
    ///     ..Default::default()
    /// };
    /// assert!(!format!("{config:?}").contains("k3y"));
    /// assert_eq!(serde_json::to_value(&config).unwrap()["itx-apiKey"], "k3y");
    /// ```
    #[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct WebhookConfig {
        /// `webhook_url` (required): the public URL BTS posts notifications to.
        pub webhook_url: Option<String>,
        /// `environment` (required): `"production"` or `"test"`.
        pub environment: Option<String>,
        /// `has_token`: whether each notification carries the key.
        pub has_token: Option<Flag>,
        /// `itx-apiKey`: the shared key BTS presents with each notification (our reading: in an
        /// `itx-apiKey` header).
        #[serde(rename = "itx-apiKey")]
        pub api_key: Option<String>,
        /// `method` (reply): how BTS calls the URL, `"POST"`.
        pub method: Option<String>,
        /// `date` (reply): the day the setting was stored, `YYYY-MM-DD`.
        pub date: Option<String>,
        /// Members the documentation does not describe, kept as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("webhook_url", &self.webhook_url)
            .field("environment", &self.environment)
            .field("has_token", &self.has_token)
            .field("api_key", &self.api_key.as_ref().map(|_| "***"))
            .field("method", &self.method)
            .field("date", &self.date)
            .field("extra", &self.extra)
            .finish()
    }
}

model! {
    /// The JSON of a status notification, as BTS posts it (inside the form field `text`, or as
    /// the body).
    ///
    /// The sources disagree on the keys: the status comes as `status: {id, name}`, `status:
    /// {code, name}`, or flat `statusCode` and `statusName`. All are read;
    /// [`status_code`](Self::status_code) picks whichever came.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct StatusNotification {
        /// `clientId`: your reference of the order.
        pub client_id: Option<Scalar>,
        /// `orderId`: the BTS order id (match on this first).
        pub order_id: Option<Scalar>,
        /// `barcode`: the shipment's barcode.
        pub barcode: Option<Scalar>,
        /// `status`: `{id | code, name}`.
        pub status: Option<OrderStatusRef>,
        /// `statusCode`: the status, flat (one integration's reading).
        pub status_code: Option<StatusCode>,
        /// `statusName`: the label, flat.
        pub status_name: Option<String>,
        /// `date`: when, `YYYY-MM-DD HH:MM:SS`.
        pub date: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl StatusNotification {
    /// The new status: `status.id`, `status.code` or `statusCode`, whichever came.
    pub fn status_code(&self) -> Option<StatusCode> {
        self.status
            .as_ref()
            .and_then(OrderStatusRef::code)
            .or(self.status_code)
    }

    /// The server's label: `status.name`, else `statusName`.
    pub fn status_name(&self) -> Option<&str> {
        self.status
            .as_ref()
            .and_then(OrderStatusRef::label)
            .or(self.status_name.as_deref())
    }
}

model! {
    /// The `data` of `webhook/parse`: a notification in one shape whichever form BTS used,
    /// with BTS's JSON in `payload` as it was sent.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct WebhookEvent {
        /// `orderId`: the BTS order id.
        pub order_id: Option<Scalar>,
        /// `clientId`: your reference.
        pub client_id: Option<Scalar>,
        /// `barcode`: the barcode.
        pub barcode: Option<Scalar>,
        /// `status`: `{code, name}`.
        pub status: Option<OrderStatusRef>,
        /// `date`: when.
        pub date: Option<String>,
        /// `payload`: the notification's JSON as BTS sent it.
        pub payload: Option<Value>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}
