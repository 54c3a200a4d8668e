//! The typed methods. Each is generated from its operation's declaration in
//! `operations.rs` (handed over by `operation_table!`) by [`typed_method!`], and names its operation by constant (`ops::ORDER_ADD`),
//! never by string: a misspelt operation does not compile. Legacy-API and WMS methods live on
//! [`Client`]; current-API methods on [`CurrentApi`] (`client.current()`), since the two courier
//! APIs take and return different bodies for the same operation.

use serde_json::{json, Value};

use crate::client::Client;
use crate::error::Error;
use crate::operations::ops;

/// The typed methods of BTS's current courier API: `client.current().order_add(&request)`.
///
/// A view of a [`Client`] (borrowed, free to make). Its methods refuse with `invalid_input`,
/// sending nothing, when the client is configured for the legacy API (`courier_api`).
#[derive(Debug, Clone, Copy)]
pub struct CurrentApi<'a> {
    client: &'a Client,
}

impl Client {
    /// The typed methods of the current courier API (see [`CurrentApi`]).
    pub fn current(&self) -> CurrentApi<'_> {
        CurrentApi { client: self }
    }

    pub(crate) fn client(&self) -> &Client {
        self
    }
}

impl CurrentApi<'_> {
    pub(crate) fn client(&self) -> &Client {
        self.client
    }
}

/// The typed methods of every `typed` line of the operation table (see
/// [`operation_table!`](crate::operations::operation_table)).
macro_rules! typed_methods {
    ($(
        $(#[$attr:meta])*
        $konst:ident $name:literal, $method_name:ident, $service:ident, $retry:ident $(, $hidden:ident)?, $summary:literal {
            $($endpoints:tt)*
        } typed {
            $( $tapi:ident: $form:ident $( ( $($targs:tt)* ) )? $( -> $resp:ty )?; )*
        }
    )*) => {
        $(
            typed_methods!(@row [$(#[$attr])*] $name $method_name $konst $summary {
                $( $tapi: $form $( ( $($targs)* ) )? $( -> $resp )?; )*
            });
        )*
    };
    (@row $attrs:tt $name:literal $method_name:ident $konst:ident $summary:literal {
        $( $tapi:ident: $form:ident $( ( $($targs:tt)* ) )? $( -> $resp:ty )?; )*
    }) => {
        $(
            $crate::methods::typed_method!($attrs $tapi $name $method_name $konst $summary $form $( ( $($targs)* ) )? $( -> $resp )?);
        )*
    };
}

/// One typed method, from one `typed` line of an operation's declaration.
macro_rules! typed_method {
    ([$($attr:tt)*] Legacy $($rest:tt)*) => {
        $crate::methods::typed_method!(@in [$($attr)*] [$crate::client::Client] Legacy $($rest)*);
    };
    ([$($attr:tt)*] Wms $($rest:tt)*) => {
        $crate::methods::typed_method!(@in [$($attr)*] [$crate::client::Client] Wms $($rest)*);
    };
    ([$($attr:tt)*] Local $($rest:tt)*) => {
        $crate::methods::typed_method!(@in [$($attr)*] [$crate::client::Client] Local $($rest)*);
    };
    ([$($attr:tt)*] Current $($rest:tt)*) => {
        $crate::methods::typed_method!(@in [$($attr)*] [$crate::methods::CurrentApi<'_>] Current $($rest)*);
    };
    (@in [$(#[$attr:meta])*] [$($target:tt)*] $api:ident $name:literal $m:ident $k:ident $summary:literal
        body($request:ty) -> $response:ty) => {
        $(#[$attr])*
        impl $($target)* {
            #[doc = $summary]
            #[doc = ""]
            #[doc = concat!("Operation `", $name, "` (", stringify!($api), " API).")]
            pub fn $m(&self, request: &$request) -> Result<$response, $crate::Error> {
                self.client().call_typed_op(&$crate::ops::$k, $crate::Api::$api, request)
            }
        }
    };
    (@in [$(#[$attr:meta])*] [$($target:tt)*] $api:ident $name:literal $m:ident $k:ident $summary:literal
        args($($arg:ident: $ty:ty),*) -> $response:ty) => {
        $(#[$attr])*
        impl $($target)* {
            #[doc = $summary]
            #[doc = ""]
            #[doc = concat!("Operation `", $name, "` (", stringify!($api), " API); the arguments are its query parameters, in order.")]
            pub fn $m(&self, $($arg: $ty),*) -> Result<$response, $crate::Error> {
                self.client().call_args(
                    &$crate::ops::$k,
                    $crate::Api::$api,
                    &[$(::serde_json::json!($arg)),*],
                )
            }
        }
    };
    (@in [$(#[$attr:meta])*] [$($target:tt)*] $api:ident $name:literal $m:ident $k:ident $summary:literal
        list($item:ty, $all:ident)) => {
        $(#[$attr])*
        impl $($target)* {
            #[doc = concat!("One page (20 items; `None` for the first) of `", $name, "`: ", $summary)]
            pub fn $m(&self, page: Option<u64>) -> Result<$crate::model::ListResponse<$item>, $crate::Error> {
                self.client().call_typed_op(&$crate::ops::$k, $crate::Api::$api, &::serde_json::json!({ "page": page }))
            }

            #[doc = concat!("Every page of `", $name, "`, items in page order (all inside `timeout_ms`).")]
            pub fn $all(&self) -> Result<Vec<$item>, $crate::Error> {
                self.client().call_typed_op(&$crate::ops::$k, $crate::Api::$api, &::serde_json::json!({ "all_pages": true }))
            }
        }
    };
    (@in [$(#[$attr:meta])*] [$($target:tt)*] $api:ident $name:literal $m:ident $k:ident $summary:literal
        login) => {
        $(#[$attr])*
        impl $($target)* {
            #[doc = $summary]
            #[doc = ""]
            #[doc = concat!("Operation `", $name, "`. The token stays inside the client.")]
            pub fn $m(&self) -> Result<(), $crate::Error> {
                self.client()
                    .call_typed_op::<_, ::serde_json::Value>(&$crate::ops::$k, $crate::Api::$api, &::serde_json::json!({}))
                    .map(drop)
            }
        }
    };
    (@in [$($attr:tt)*] [$($target:tt)*] $api:ident $name:literal $m:ident $k:ident $summary:literal
        custom $(-> $response:ty)?) => {};
}
pub(crate) use typed_method;

crate::operations::operation_table!(typed_methods);

impl Client {
    /// Reads a status notification BTS sent to your webhook: the request's `body`, its
    /// `Content-Type`, its headers (name → value) and the key you registered (`None` to skip
    /// the check). Nothing is sent; a wrong or missing key is kind `auth`.
    ///
    /// Operation `webhook/parse`.
    pub fn webhook_parse(
        &self,
        body: &str,
        content_type: &str,
        headers: &[(&str, &str)],
        key: Option<&str>,
    ) -> Result<crate::model::current::WebhookEvent, Error> {
        let headers: serde_json::Map<String, Value> = headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
            .collect();
        self.call_typed_op(
            &ops::WEBHOOK_PARSE,
            crate::Api::Local,
            &json!({"body": body, "content_type": content_type, "headers": headers, "key": key}),
        )
    }

    /// Settles `key` in the journal (operation `journal/forget`): every entry of that key, for
    /// each guarded create of this client's accounts, is forgotten, so the next create with
    /// it is sent. Answers the operations whose entry was forgotten. Sends nothing.
    ///
    /// Forget a key only after looking the order up: if the earlier attempt did create it, a
    /// new create makes a second one.
    pub fn journal_forget(&self, key: &str) -> Result<Vec<String>, Error> {
        let deadline = std::time::Instant::now() + self.config().timeout();
        self.journal().forget_key(key, deadline)
    }

    /// Any route the docs reference without a path (e-receipt goods, post and package types):
    /// `service` is `"courier"` or `"wms"`, `method` `"GET"` or `"POST"`, `route` like
    /// `"v1/..."`. A POST is never replayed.
    ///
    /// Operation `raw`.
    pub fn raw(
        &self,
        service: &str,
        method: &str,
        route: &str,
        query: Option<Value>,
        body: Option<Value>,
    ) -> Result<Value, Error> {
        self.call_op(
            &ops::RAW,
            json!({"service": service, "method": method, "route": route, "query": query, "body": body}),
        )
    }
}
