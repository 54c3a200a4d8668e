//! The one table of BTS operations.
//!
//! Every operation the library knows is declared once, in the [`operations!`] invocation at the
//! end of this file: its name (the path of the BTS docs, WMS ones prefixed with `wms/`), the
//! service it lives on, whether it is safe to retry, the name of its typed method, a one-line
//! summary, and for each API that has it: HTTP method, route, how the parameters travel and the
//! required fields; then the typed Rust method of each API (request and response types).
//!
//! From that one declaration come: [`OPERATIONS`] and `bts_operations()`, the constants of
//! [`ops`] (the typed methods name their operation by constant, so a misspelt operation does not
//! compile), the typed methods of [`Client`](crate::Client) and
//! [`CurrentApi`](crate::CurrentApi), the CLI's commands, the named methods of the Python, PHP
//! and 1C bindings and the operation tables of `README.md` and `docs/README.md` (generated files,
//! written by `cargo xtask gen` and checked for drift by `cargo xtask gen --check`). Adding an
//! endpoint is one declaration plus its types (and, where the bindings type them,
//! their [`BindingType`](crate::model::binding::BindingType)).
//!
//! Longer than 600 lines: it holds the table (about 290 lines): every operation is declared in
//! this one place, which is the point.

use serde::Serialize;

use crate::model::binding::{BindingForm, BindingName, BindingType};

/// Which server an operation talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// The courier API (legacy or current, as the client is configured).
    Courier,
    /// The Fulfillment WMS: `{wms_base_url}/{route}?{query}`.
    Wms,
    /// Nothing is sent: the library answers by itself (webhook parsing, the journal).
    Local,
}

/// One of the HTTP APIs BTS runs. A courier operation may exist on the legacy API, the current
/// one, or both; WMS operations live on [`Api::Wms`]; local ones on [`Api::Local`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Api {
    /// The 2018 Yii2 courier API: `{base_url}?r={route}&{query}`.
    Legacy,
    /// The current path-style courier API: `{base_url}/{route}?{query}`.
    Current,
    /// The Fulfillment WMS: `{wms_base_url}/{route}?{query}`.
    Wms,
    /// No server: answered inside the library.
    Local,
}

impl Api {
    /// The API's name as configured and listed: `"legacy"`, `"current"`, `"wms"`, `"local"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Api::Legacy => "legacy",
            Api::Current => "current",
            Api::Wms => "wms",
            Api::Local => "local",
        }
    }
}

/// The HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Method {
    /// `GET`: parameters travel in the query string.
    #[serde(rename = "GET")]
    Get,
    /// `POST`: parameters are the JSON body.
    #[serde(rename = "POST")]
    Post,
}

impl Method {
    /// The method as it goes on the wire (`"GET"` or `"POST"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// The type a query parameter must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamType {
    /// A whole number (a JSON integer, or a string of digits).
    Integer,
    /// A string (a JSON string; a number is accepted and sent as written).
    String,
}

/// One query parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct QueryParam {
    /// The name the caller uses in the parameters object (the docs' table name), e.g. `orderId`.
    pub name: &'static str,
    /// The name on the wire, e.g. `id` (`&id=229234`).
    pub wire: &'static str,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: ParamType,
    /// Whether the call is refused locally (`invalid_input`) without it.
    pub required: bool,
}

/// How an operation's parameters travel and what it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// The parameters object is the JSON body, sent as the caller wrote it.
    Body,
    /// The parameters object is the JSON body, sent as written, and the listed members are also
    /// copied into the query string (the current API's `order/edit?orderId=`).
    BodyAndQuery(&'static [QueryParam]),
    /// The parameters are query parameters, as listed.
    Query(&'static [QueryParam]),
    /// A paginated WMS list: optional `page`, or `all_pages: true` for every page's items.
    List,
    /// An explicit login: returns `{"authenticated": true}`, never the token. Credentials come
    /// from the configuration; the call takes no parameters.
    Login,
    /// The escape hatch: `{"service","method","route","query","body"}`.
    Raw,
    /// Answered inside the library by the handler the row names; nothing is sent by the row
    /// itself.
    Local(Handler),
    /// Test-only: panics inside the library, to prove the C boundary catches it.
    #[cfg(feature = "test-panic")]
    Panic,
}

/// Which function answers a local row (`local!(LabelSave)` in the table). The table names the
/// handler and never the client that runs it (so the two do not import each other): the client
/// runs it through `Client::run_local` in `src/local.rs`, whose `match` covers every variant, so
/// a handler added here without its function does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Handler {
    /// `label/save`: fetch an order's label and write it to a file.
    LabelSave,
    /// `journal/forget`: settle a create whose outcome the journal does not know.
    JournalForget,
    /// `webhook/parse`: read a status notification BTS sent.
    WebhookParse,
    /// `batch`: run many calls side by side (`src/batch.rs`).
    Batch,
}

/// A local row's shape: `local!(Variant)` names its [`Handler`].
macro_rules! local {
    ($handler:ident) => {
        Shape::Local(Handler::$handler)
    };
}

/// Where an HTTP endpoint is: its method and route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Wire {
    /// Its HTTP method.
    pub method: Method,
    /// Its route: the Yii2 `r` value on the legacy API (`v1/order/add`), the path on the
    /// current API and the WMS (`v1/order/add`, `auth/login`).
    pub route: &'static str,
}

/// Whether an operation may be sent again after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Retry {
    /// A read: retried on network errors, timeouts, 429, 500 (unless it carries field
    /// errors), 502, 503 and 504 (with backoff and `Retry-After`), at most `max_retries`
    /// times, inside `timeout_ms`.
    Safe,
    /// A write: retried only when the connection failed before the request was sent. Once it
    /// may have reached the server, the error goes back to the caller.
    Unsafe,
}

/// An operation on one API: how it goes on the wire there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Endpoint {
    /// The API.
    pub api: Api,
    /// Its HTTP method and route; `None` for rows that have none of their own: local rows
    /// (answered inside the library) and `raw` (the caller gives both).
    pub wire: Option<Wire>,
    /// How its parameters travel.
    pub shape: Shape,
    /// Body fields the docs mark required (checked locally before anything is sent). A field
    /// inside an array of objects is written `array[].field`, a nested one `object.field`.
    pub required: &'static [&'static str],
    /// Arrays with a documented maximum length: `(member, most items)`.
    pub limits: &'static [(&'static str, usize)],
    /// A second documented body shape, chosen when the body carries its first field: its
    /// required fields then replace [`Endpoint::required`] (the WMS's current receiving-goods
    /// document beside the older flat one). Empty when there is one shape.
    pub alternative: &'static [&'static str],
}

/// The bindings' names of an operation's request and reply types on one API (from the `typed`
/// column of the table, through [`BindingType`](crate::model::binding::BindingType)); `None`
/// where the bindings leave it untyped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Binding {
    /// The API.
    pub api: Api,
    /// The request body's type.
    pub request: Option<BindingName>,
    /// The reply's type.
    pub reply: Option<BindingName>,
}

impl Endpoint {
    /// Its HTTP method (`None` for local rows and `raw`).
    pub fn method(&self) -> Option<Method> {
        self.wire.map(|w| w.method)
    }

    /// Its route (`None` for local rows and `raw`).
    pub fn route(&self) -> Option<&'static str> {
        self.wire.map(|w| w.route)
    }
}

/// One BTS operation: a row of [`OPERATIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The operation name, e.g. `order/add` or `wms/product/clients`.
    pub name: &'static str,
    /// The server it lives on.
    pub service: Service,
    /// Whether it is safe to retry.
    pub retry: Retry,
    /// The name of its typed method (`order_add`): Rust and Python use it as it is, PHP and 1C
    /// in camel case (`orderAdd`, `OrderAdd`).
    pub method_name: &'static str,
    /// One line saying what it does.
    pub summary: &'static str,
    /// How it goes on the wire, per API that has it (the first is the primary one).
    pub endpoints: &'static [Endpoint],
    /// The bindings' request and reply types, per API that has a typed method.
    pub bindings: &'static [Binding],
    /// Whether it is part of the public surface: listed in the docs and given a named method
    /// in the bindings. Only test rows (`__panic`) are not.
    pub public: bool,
}

impl Operation {
    /// The endpoint on `api`, if this operation exists there.
    pub fn endpoint(&self, api: Api) -> Option<&'static Endpoint> {
        self.endpoints.iter().find(|e| e.api == api)
    }

    /// The APIs that have this operation.
    pub fn apis(&self) -> impl Iterator<Item = Api> + '_ {
        self.endpoints.iter().map(|e| e.api)
    }

    /// The primary endpoint (the legacy one for operations on both courier APIs).
    pub fn primary(&self) -> &'static Endpoint {
        &self.endpoints[0]
    }

    /// The primary endpoint's HTTP method (`None` for local rows and `raw`).
    pub fn method(&self) -> Option<Method> {
        self.primary().method()
    }

    /// The primary endpoint's route (`None` for local rows and `raw`).
    pub fn route(&self) -> Option<&'static str> {
        self.primary().route()
    }

    /// How the primary endpoint's parameters travel.
    pub fn shape(&self) -> Shape {
        self.primary().shape
    }

    /// The primary endpoint's required body fields.
    pub fn required(&self) -> &'static [&'static str] {
        self.primary().required
    }
}

const ORDER_ID: &[QueryParam] = &[QueryParam {
    name: "orderId",
    wire: "id",
    ty: ParamType::Integer,
    required: true,
}];

const fn optional_integer(name: &'static str) -> QueryParam {
    QueryParam {
        name,
        wire: name,
        ty: ParamType::Integer,
        required: false,
    }
}

const REGION_ID: &[QueryParam] = &[optional_integer("regionId")];

/// The current API's `?orderId=` (its name on the wire is the caller's).
const ORDER_ID_CURRENT: &[QueryParam] = &[QueryParam {
    name: "orderId",
    wire: "orderId",
    ty: ParamType::Integer,
    required: true,
}];

const fn optional_text(name: &'static str) -> QueryParam {
    QueryParam {
        name,
        wire: name,
        ty: ParamType::String,
        required: false,
    }
}

const fn required_text(name: &'static str) -> QueryParam {
    QueryParam {
        name,
        wire: name,
        ty: ParamType::String,
        required: true,
    }
}

/// Yii2's paging parameters, which the current API's lists take.
const PAGE: QueryParam = optional_integer("page");
const PER_PAGE: QueryParam = QueryParam {
    name: "per-page",
    wire: "per-page",
    ty: ParamType::Integer,
    required: false,
};
const PAGED: &[QueryParam] = &[PAGE, PER_PAGE];
const CITIES_CURRENT: &[QueryParam] = &[optional_text("regionCode"), PAGE, PER_PAGE];
const BRANCHES_CURRENT: &[QueryParam] = &[
    optional_text("regionCode"),
    optional_text("cityCode"),
    PAGE,
    PER_PAGE,
];
const DATE_RANGE: &[QueryParam] = &[
    required_text("beginDate"),
    required_text("endDate"),
    PAGE,
    PER_PAGE,
];
const CITY_ID: &[QueryParam] = &[optional_integer("cityId")];
const BARCODE: &[QueryParam] = &[QueryParam {
    name: "barcode",
    wire: "barcode",
    ty: ParamType::String,
    required: true,
}];

/// The fields the docs mark required for a legacy order, after any given first (`order/edit`
/// repeats the create table with `orderId` on top).
macro_rules! order_fields {
    ($($first:literal),*) => {
        &[
            $($first,)*
            "senderCityId",
            "senderAddress",
            "senderReal",
            "senderPhone",
            "weight",
            "packageId",
            "postTypeId",
            "receiver",
            "receiverAddress",
            "receiverCityId",
            "receiverPhone",
        ]
    };
}

const ORDER_FIELDS: &[&str] = order_fields!();
const ORDER_EDIT_FIELDS: &[&str] = order_fields!("orderId");

/// The fields the current API requires of an order (nested), after any given first.
macro_rules! current_order_fields {
    ($($first:literal),*) => {
        &[
            $($first,)*
            "pickup_type",
            "dropoff_type",
            "sender.name",
            "sender.phone",
            "sender.address",
            "receiver.name",
            "receiver.phone",
            "receiver.city_code",
            "cargo.weight",
            "cargo.piece",
        ]
    };
}

const CURRENT_ORDER_FIELDS: &[&str] = current_order_fields!();
const CURRENT_ORDER_EDIT_FIELDS: &[&str] = current_order_fields!("orderId");

/// The fulfilment order of the WMS.
const WMS_ORDER_FIELDS: &[&str] = &[
    "order_id",
    "full_name",
    "phone",
    "address",
    "region",
    "country",
    "order_items",
    "order_items[].quantity",
    "order_items[].price",
];

const INTERNATIONAL_FIELDS: &[&str] = &[
    "ParcelNumber",
    "ReceiverPhone",
    "ReceiverSurname",
    "ReceiverFirstName",
    "ReceiverPassposrtSerial",
    "ReceiverPassposrtNumber",
    "ReceiverPinfl",
    "ParcelWeight",
    "ParcelDeclareCurrency",
    "ReceiverDelivery",
    "products[].ProductDescription",
    "products[].ProductDescriptionRu",
    "products[].ProductQuantity",
    "products[].ProductWeight",
    "products[].ProductDeclareValue",
    "products[].ProductUrl",
    "products[].ProductUnit",
    "products[].HsCodeIs",
];

const PRODUCT_FIELDS: &[&str] = &[
    "group",
    "code",
    "name",
    "full_name",
    "gtin",
    "article",
    "nomenclature_type",
    "shelf_life_stock",
    "kis_code",
    "is_set",
    "weight",
    "net_weight",
    "volume",
    "net_volume",
    "specification",
    "temperature_mode",
    "base_packaging",
    "unit",
];

/// The WMS's current receiving-goods document: a code and its lines.
const RECEIVING_DOCUMENT_FIELDS: &[&str] = &[
    "client_receiving_good_code",
    "receiving_goods",
    "receiving_goods[].client_product_id",
    "receiving_goods[].client_product_variation_id",
    "receiving_goods[].product_cart_sku",
];

const RECEIVING_FIELDS: &[&str] = &[
    "number",
    "date",
    "counterparty",
    "nomenclature",
    "quantity",
    "price",
    "total_amount",
];

/// The `client-status` acknowledgement body: `{"status": [{"id": 1, "status": "ok"}]}`.
const ACK_FIELDS: &[&str] = &["status"];

/// Makes the constants of [`ops`] and [`OPERATIONS`] of the table (see [`operation_table!`]).
///
/// One entry:
///
/// ```text
/// CONST "name", method_name, Service, Retry, "summary" {
///     Api: Method "route", Shape, REQUIRED;        // one line per API that has it
///     Api => local!(Handler), REQUIRED;   // answered inside the library by that handler
///     Api => Shape::Raw, REQUIRED;                 // the caller gives method and route
/// } typed {
///     Api: form(...) -> Response;                  // one line per typed method
/// }
/// ```
///
/// A row marked `hidden` after its retry class (`__panic`) is not public (see
/// [`Operation::public`]).
///
/// Typed forms: `body(Request)` (the request type is the body), `args(name: Type, ...)` (the
/// endpoint's query parameters in order), `list(Item, all_method)` (a WMS list: one page and
/// every page), `login` (an explicit login), `custom` (written by hand in `methods.rs`).
macro_rules! operations {
    ($(
        $(#[$attr:meta])*
        $konst:ident $name:literal, $method_name:ident, $service:ident, $retry:ident $(, $hidden:ident)?, $summary:literal {
            $( $api:ident $(: $verb:ident $route:literal,)? $(=>)? $shape:expr, $required:expr $(, max $limits:expr)? $(, or $alternative:expr)?; )+
        } typed {
            $( $tapi:ident: $form:ident $( ( $($targs:tt)* ) )? $( -> $resp:ty )?; )*
        }
    )*) => {
        /// One constant per operation (its name in capitals), for code that names an operation
        /// without a string: `client.call_op(&bts::ops::ORDER_DETAIL, ...)`.
        pub mod ops {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[$attr])*
                #[doc = concat!("`", $name, "`: ", $summary)]
                pub const $konst: Operation = Operation {
                    name: $name,
                    service: Service::$service,
                    retry: Retry::$retry,
                    method_name: stringify!($method_name),
                    summary: $summary,
                    public: operations!(@public $($hidden)?),
                    endpoints: &[$(Endpoint {
                        api: Api::$api,
                        wire: operations!(@wire $($verb $route)?),
                        shape: $shape,
                        required: $required,
                        limits: operations!(@limits $($limits)?),
                        alternative: operations!(@limits $($alternative)?),
                    }),+],
                    bindings: &[$(
                        operations!(@binding $tapi $form $( ( $($targs)* ) )? $( -> $resp )?),
                    )*],
                };
            )*
        }

        /// Every operation, in the order of the BTS docs.
        pub static OPERATIONS: &[Operation] = &[$( $(#[$attr])* ops::$konst, )*];
    };
    (@binding $api:ident body($request:ty) -> $reply:ty) => {
        Binding { api: Api::$api, request: <$request as BindingType>::BINDING, reply: <$reply as BindingType>::BINDING }
    };
    (@binding $api:ident $form:ident $( ( $($args:tt)* ) )? -> $reply:ty) => {
        Binding { api: Api::$api, request: None, reply: <$reply as BindingType>::BINDING }
    };
    (@binding $api:ident list($item:ty, $all:ident)) => {
        Binding { api: Api::$api, request: None, reply: BindingName::wrap(<$item as BindingType>::BINDING, BindingForm::List) }
    };
    (@binding $api:ident $form:ident) => {
        Binding { api: Api::$api, request: None, reply: None }
    };
    (@wire) => { None };
    (@wire $verb:ident $route:literal) => { Some(Wire { method: Method::$verb, route: $route }) };
    (@public) => { true };
    (@public hidden) => { false };
    (@limits) => { &[] };
    (@limits $limits:expr) => { $limits };
}

use Shape::{Body, BodyAndQuery, List, Login, Query};

/// The table: every operation, declared once (syntax in [`operations!`]), handed to the macro
/// `$then`. Here `operations!` makes [`ops`] and [`OPERATIONS`] of it; `methods.rs` makes the
/// typed methods of its `typed` lines. So the table names nothing that calls it: the methods
/// depend on the table, never the other way round.
macro_rules! operation_table {
    ($then:ident) => {
        $then! {
    AUTH_GET_TOKEN "auth/get-token", auth_get_token, Courier, Safe,
        "Log in to the courier API now (normally implicit; credentials come from the configuration); returns {\"authenticated\": true}." {
        Legacy: Post "v1/auth/get-token", Login, &[];
        Current: Post "auth/login", Login, &[];
    } typed {
        Legacy: login;
        Current: login;
    }
    ORDER_ADD "order/add", order_add, Courier, Unsafe,
        "Create a local order; returns the order with its orderId, cost and barcode." {
        Legacy: Post "v1/order/add", Body, ORDER_FIELDS;
        Current: Post "v1/order/add", Body, CURRENT_ORDER_FIELDS;
    } typed {
        Legacy: body(crate::model::OrderRequest) -> crate::model::Order;
        Current: body(crate::model::current::OrderRequest) -> crate::model::current::Order;
    }
    ORDER_EDIT "order/edit", order_edit, Courier, Unsafe,
        "Edit a local order (the whole order plus orderId)." {
        Legacy: Post "v1/order/edit", Body, ORDER_EDIT_FIELDS;
        Current: Post "v1/order/edit", BodyAndQuery(ORDER_ID_CURRENT), CURRENT_ORDER_EDIT_FIELDS;
    } typed {
        Legacy: body(crate::model::OrderEditRequest) -> crate::model::Order;
        Current: body(crate::model::current::OrderRequest) -> crate::model::current::Order;
    }
    ORDER_DETAIL "order/detail", order_detail, Courier, Safe,
        "One order by orderId." {
        Legacy: Get "v1/order/detail", Query(ORDER_ID), &[];
        Current: Get "v1/order/detail", Query(ORDER_ID_CURRENT), &[];
    } typed {
        Legacy: args(order_id: i64) -> crate::model::Order;
        Current: args(order_id: i64) -> crate::model::current::Order;
    }
    ORDER_CANCEL "order/cancel", order_cancel, Courier, Unsafe,
        "Cancel an order (never replayed once it may have reached BTS)." {
        Legacy: Get "v1/order/cancel", Query(ORDER_ID), &[];
        Current: Get "v1/order-cancel/index", Query(ORDER_ID_CURRENT), &[];
    } typed {
        Legacy: args(order_id: i64) -> crate::model::CancelResult;
        Current: args(order_id: i64) -> crate::model::current::OrderState;
    }
    ORDER_CALCULATE "order/calculate", order_calculate, Courier, Safe,
        "Quote the delivery price without creating an order." {
        Legacy: Post "v1/order/calculate", Body, &["senderCityId", "weight", "receiverCityId"];
        Current: Post "v1/order-calculate/index", Body,
            &["senderCityCode", "receiverCityCode", "pickup_type", "dropoff_type", "weight"];
    } typed {
        Legacy: body(crate::model::PriceRequest) -> crate::model::PriceQuote;
        Current: body(crate::model::current::PriceRequest) -> crate::model::current::PriceQuote;
    }
    ORDER_TRACK "order/track", order_track, Courier, Safe,
        "The current status of an order." {
        Legacy: Get "v1/order/track", Query(ORDER_ID), &[];
        Current: Get "v1/order/track", Query(ORDER_ID_CURRENT), &[];
    } typed {
        Legacy: args(order_id: i64) -> crate::model::Track;
        Current: args(order_id: i64) -> crate::model::current::OrderState;
    }
    ORDER_HISTORY "order/history", order_history, Courier, Safe,
        "Every status event of an order." {
        Legacy: Get "v1/order/history", Query(ORDER_ID), &[];
    } typed {
        Legacy: args(order_id: i64) -> Vec<crate::model::HistoryEvent>;
    }
    ORDER_CANCELLATION "order/cancellation", order_cancellation, Courier, Safe,
        "The reasons recorded for cancelling or refusing an order." {
        Legacy: Get "v1/order/cancellation", Query(ORDER_ID), &[];
        Current: Get "v1/order/cancellation", Query(ORDER_ID), &[];
    } typed {
        Legacy: args(order_id: i64) -> Vec<crate::model::CancellationReason>;
        Current: args(order_id: i64) -> crate::model::current::Items<crate::model::CancellationReason>;
    }
    ORDER_LIST "order/list", order_list, Courier, Safe,
        "Orders created in a date range (beginDate, endDate: YYYY-MM-DD)." {
        Current: Get "v1/order/detail", Query(DATE_RANGE), &[];
    } typed {
        Current: body(crate::model::current::OrderListRequest) -> crate::model::current::Items<crate::model::current::Order>;
    }
    ORDER_STICKER "order/sticker", order_sticker, Courier, Safe,
        "The shipping label of one order: a PDF link (labelSticker) and, where sent, the PDF in base64 (labelEncode)." {
        Current: Get "v1/order/sticker", Query(ORDER_ID_CURRENT), &[];
    } typed {
        Current: args(order_id: i64) -> crate::model::current::Sticker;
    }
    ORDER_STICKERS "order/stickers", order_stickers, Courier, Safe,
        "The labels of up to 50 orders (orderIds) in one PDF." {
        Current: Post "v1/order/sticker", Body, &["orderIds"], max &[("orderIds", 50)];
    } typed {
        Current: body(crate::model::current::StickersRequest) -> crate::model::current::Sticker;
    }
    ORDER_TEST_UPDATE_STATUS "order/test-update-status", order_test_update_status, Courier, Unsafe,
        "Test server only: move a test order to a status (orderId, statusCode), which fires the webhook." {
        Current: Post "v1/order/test-update-status", Body, &["orderId", "statusCode"];
    } typed {
        Current: body(crate::model::current::TestStatusRequest) -> serde_json::Value;
    }
    INTERNATIONAL_ADD "international/add", international_add, Courier, Unsafe,
        "Register an international parcel." {
        Legacy: Post "v1/international/add", Body, INTERNATIONAL_FIELDS;
    } typed {
        Legacy: body(crate::model::InternationalOrderRequest) -> crate::model::InternationalOrder;
    }
    INTERNATIONAL_TRACK_BY_BARCODE "international/track-by-barcode", international_track_by_barcode, Courier, Safe,
        "The current status of an international parcel by barcode." {
        Legacy: Get "v1/international/track-by-barcode", Query(BARCODE), &[];
    } typed {
        Legacy: args(barcode: &str) -> crate::model::InternationalTrack;
    }
    INTERNATIONAL_MANIFEST "international/manifest", international_manifest, Courier, Unsafe,
        "Submit a manifest of international parcels." {
        Legacy: Post "v1/international/manifest", Body, &["ManifestNumber", "Date", "ParcelNumber", "ParcelsCount"];
    } typed {
        Legacy: body(crate::model::ManifestRequest) -> crate::model::ManifestResult;
    }
    DIRECTORY_BRANCHES "directory/branches", directory_branches, Courier, Safe,
        "BTS branches, optionally of one region." {
        Legacy: Get "v1/directory/branches", Query(REGION_ID), &[];
        Current: Get "v1/directory/branches", Query(BRANCHES_CURRENT), &[];
    } typed {
        Legacy: args(region_id: Option<i64>) -> Vec<crate::model::Branch>;
        Current: body(crate::model::current::DirectoryQuery) -> crate::model::Page<crate::model::current::Branch>;
    }
    DIRECTORY_BRANCHES_WITH_CITY "directory/branches-with-city", directory_branches_with_city, Courier, Safe,
        "BTS branches of one city." {
        Legacy: Get "v1/directory/branches-with-city", Query(CITY_ID), &[];
    } typed {
        Legacy: args(city_id: Option<i64>) -> Vec<crate::model::Branch>;
    }
    DIRECTORY_REGIONS "directory/regions", directory_regions, Courier, Safe,
        "The regions." {
        Legacy: Get "v1/directory/regions", Query(&[]), &[];
        Current: Get "v1/directory/regions", Query(PAGED), &[];
    } typed {
        Legacy: args() -> Vec<crate::model::Region>;
        Current: body(crate::model::current::DirectoryQuery) -> crate::model::Page<crate::model::current::Region>;
    }
    DIRECTORY_CITIES "directory/cities", directory_cities, Courier, Safe,
        "The cities, optionally of one region." {
        Legacy: Get "v1/directory/cities", Query(REGION_ID), &[];
        Current: Get "v1/directory/cities", Query(CITIES_CURRENT), &[];
    } typed {
        Legacy: args(region_id: Option<i64>) -> Vec<crate::model::City>;
        Current: body(crate::model::current::DirectoryQuery) -> crate::model::Page<crate::model::current::City>;
    }
    DIRECTORY_STATUSES "directory/statuses", directory_statuses, Courier, Safe,
        "The status catalogue (codes 100-1400, names, next possible statuses): the server's word wins over the built-in one." {
        Current: Get "v1/status/index", Query(PAGED), &[];
    } typed {
        Current: body(crate::model::current::DirectoryQuery) -> crate::model::Page<crate::model::current::StatusInfo>;
    }
    DIRECTORY_PACKAGES "directory/packages", directory_packages, Courier, Safe,
        "Packaging types (their id is cargo.packageId)." {
        Current: Get "v1/package/index", Query(PAGED), &[];
    } typed {
        Current: body(crate::model::current::DirectoryQuery) -> crate::model::Page<crate::model::NamedRef>;
    }
    DIRECTORY_POST_TYPES "directory/post-types", directory_post_types, Courier, Safe,
        "Shipment content types (their id is cargo.postTypeId)." {
        Current: Get "v1/inside/index", Query(PAGED), &[];
    } typed {
        Current: body(crate::model::current::DirectoryQuery) -> crate::model::Page<crate::model::NamedRef>;
    }
    WEBHOOK_CONFIG "webhook/config", webhook_config, Courier, Unsafe,
        "Register or replace the status webhook (webhook_url, environment, has_token, itx-apiKey)." {
        Current: Get "v1/webhook/webhook-config", Body, &["webhook_url", "environment"];
    } typed {
        Current: body(crate::model::current::WebhookConfig) -> crate::model::current::WebhookConfig;
    }
    LABEL_SAVE "label/save", label_save, Courier, Safe,
        "Save an order's label as a PDF file (orderId, or up to 50 orderIds on the current API; path): labelEncode or the sticker's PDF link." {
        Legacy => local!(LabelSave), &["path"];
        Current => local!(LabelSave), &["path"];
    } typed {
        Legacy: custom -> crate::model::SavedLabel;
        Current: custom -> crate::model::SavedLabel;
    }
    JOURNAL_FORGET "journal/forget", journal_forget, Local, Safe,
        "Settle a create whose outcome the journal does not know (key: the clientId or order_id), after looking the order up; sends nothing." {
        Local => local!(JournalForget), &["key"];
    } typed {
        Local: custom;
    }
    WEBHOOK_PARSE "webhook/parse", webhook_parse, Local, Safe,
        "Read a status notification BTS sent (body, content_type, headers, key); sends nothing." {
        Local => local!(WebhookParse), &["body"];
    } typed {
        Local: custom -> crate::model::current::WebhookEvent;
    }
    BATCH "batch", batch, Local, Safe,
        "Run many calls side by side (calls: [{operation, params}], up to 1000; concurrency: 1-16, default 4): data is one envelope per call, in order; sends nothing itself." {
        Local => local!(Batch), &["calls"];
    } typed {
        Local: custom;
    }
    WMS_AUTH_LOGIN "wms/auth/login", wms_auth_login, Wms, Safe,
        "Log in to the WMS now (normally implicit; credentials come from the configuration); returns {\"authenticated\": true}." {
        Wms: Post "v1/auth/login", Login, &[];
    } typed {
        Wms: login;
    }
    WMS_PURVEYOR_CREATE "wms/purveyor/create", wms_purveyor_create, Wms, Unsafe,
        "Create a supplier (purveyor)." {
        Wms: Post "v1/purveyor/create", Body, &["group", "code", "name", "full_name"];
    } typed {
        Wms: body(crate::model::PurveyorRequest) -> crate::model::Created<crate::model::Purveyor>;
    }
    WMS_PURVEYOR_CLIENTS "wms/purveyor/clients", wms_purveyor_clients, Wms, Safe,
        "Suppliers waiting to be acknowledged, 20 a page (page, or all_pages)." {
        Wms: Get "v1/purveyor/clients", List, &[];
    } typed {
        Wms: list(crate::model::Purveyor, wms_purveyor_clients_all);
    }
    WMS_PURVEYOR_CLIENT_STATUS "wms/purveyor/client-status", wms_purveyor_client_status, Wms, Unsafe,
        "Acknowledge suppliers stored on your side; they leave the list." {
        Wms: Post "v1/purveyor/client-status", Body, ACK_FIELDS;
    } typed {
        Wms: body(crate::model::ClientStatusRequest) -> crate::model::Message;
    }
    WMS_PRODUCT_CREATE "wms/product/create", wms_product_create, Wms, Unsafe,
        "Create a product." {
        Wms: Post "v1/product/create", Body, PRODUCT_FIELDS;
    } typed {
        Wms: body(crate::model::ProductRequest) -> crate::model::Created<crate::model::Product>;
    }
    WMS_PRODUCT_CLIENTS "wms/product/clients", wms_product_clients, Wms, Safe,
        "Products waiting to be acknowledged, 20 a page (page, or all_pages)." {
        Wms: Get "v1/product/clients", List, &[];
    } typed {
        Wms: list(crate::model::Product, wms_product_clients_all);
    }
    WMS_PRODUCT_CLIENT_STATUS "wms/product/client-status", wms_product_client_status, Wms, Unsafe,
        "Acknowledge products stored on your side; they leave the list." {
        Wms: Post "v1/product/client-status", Body, ACK_FIELDS;
    } typed {
        Wms: body(crate::model::ClientStatusRequest) -> crate::model::Message;
    }
    WMS_RECEIVING_GOODS_CREATE "wms/receiving-goods/create", wms_receiving_goods_create, Wms, Unsafe,
        "Register an inbound delivery of goods." {
        Wms: Post "v1/receiving-goods/create", Body, RECEIVING_FIELDS, or RECEIVING_DOCUMENT_FIELDS;
    } typed {
        Wms: body(crate::model::ReceivingGoodsRequest) -> crate::model::Created<crate::model::ReceivingGoods>;
    }
    WMS_RECEIVING_GOODS_CLIENTS "wms/receiving-goods/clients", wms_receiving_goods_clients, Wms, Safe,
        "Goods receipts waiting to be acknowledged, 20 a page (page, or all_pages)." {
        Wms: Get "v1/receiving-goods/clients", List, &[];
    } typed {
        Wms: list(crate::model::ReceivingGoods, wms_receiving_goods_clients_all);
    }
    WMS_RECEIVING_GOODS_CLIENT_STATUS "wms/receiving-goods/client-status", wms_receiving_goods_client_status, Wms, Unsafe,
        "Acknowledge goods receipts stored on your side; they leave the list." {
        Wms: Post "v1/receiving-goods/client-status", Body, ACK_FIELDS;
    } typed {
        Wms: body(crate::model::ClientStatusRequest) -> crate::model::Message;
    }
    WMS_ORDER_CREATE "wms/order/create", wms_order_create, Wms, Unsafe,
        "Send the warehouse a fulfilment (outbound) order; order_id is your own number." {
        Wms: Post "v1/order/create", Body, WMS_ORDER_FIELDS;
    } typed {
        Wms: body(crate::model::WmsOrderRequest) -> crate::model::Created<crate::model::WmsOrder>;
    }
    WMS_ORDER_PARTIAL_RETURN "wms/order/partial-return", wms_order_partial_return, Wms, Unsafe,
        "Return some products of a fulfilment order without changing its status." {
        Wms: Post "v1/order/partial-order-return", Body,
            &["order_id", "order_items", "order_items[].client_product_id", "order_items[].quantity"];
    } typed {
        Wms: body(crate::model::PartialReturnRequest) -> crate::model::Created<crate::model::PartialReturn>;
    }
    RAW "raw", raw, Courier, Safe,
        "Any route: {\"service\":\"courier\"|\"wms\",\"method\":\"GET\"|\"POST\",\"route\":\"v1/...\",\"query\":{},\"body\":{}}; POST is never replayed." {
        Legacy => Shape::Raw, &["service", "method", "route"];
        Current => Shape::Raw, &["service", "method", "route"];
        Wms => Shape::Raw, &["service", "method", "route"];
    } typed {
        Legacy: custom;
    }
    #[cfg(feature = "test-panic")]
    PANIC "__panic", __panic, Courier, Safe, hidden,
        "Test only: panics inside the library." {
        Legacy => Shape::Panic, &[];
    } typed {
        Legacy: custom;
    }
        }
    };
}
pub(crate) use operation_table;

operation_table!(operations);

/// The route that trades a refresh token for new tokens, on the APIs that have one: the current
/// courier API's `/auth/refresh` and the WMS's `/v1/auth/refresh`, both
/// `{"refresh_token": "..."}`.
pub(crate) fn refresh_route(api: Api) -> Option<&'static str> {
    match api {
        Api::Current => Some("auth/refresh"),
        Api::Wms => Some("v1/auth/refresh"),
        Api::Legacy | Api::Local => None,
    }
}

/// Looks an operation up by name.
///
/// ```
/// let op = bts::operation("order/detail").unwrap();
/// assert_eq!(op.route(), Some("v1/order/detail"));
/// assert_eq!(bts::operation("batch").unwrap().route(), None); // answered inside the library
/// assert!(bts::operation("order/teleport").is_none());
/// ```
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.name == name)
}

/// Every operation, as the JSON array `bts_operations()` returns. Each row has `name`,
/// `service`, `method`, `route`, `required` and `query` (of its primary endpoint), `retry`,
/// `paginated`, `public` (false for test rows), `summary`, `method_name` (the typed method), `apis` (the APIs that have it) and
/// `routes` (its route on each of them).
pub fn operations_json() -> String {
    #[derive(Serialize)]
    struct Row<'a> {
        /// The operation name (`order/add`), the one every binding's `call` takes.
        name: &'a str,
        /// `"courier"`, `"wms"` or `"local"` (answered inside the library).
        service: Service,
        /// The primary endpoint's HTTP method, `"GET"` or `"POST"` (null for local rows and `raw`).
        method: Option<Method>,
        /// The primary endpoint's route (null for local rows and `raw`).
        route: Option<&'a str>,
        /// `"safe"` (retried after a transient failure) or `"unsafe"` (never sent twice).
        retry: Retry,
        /// The primary endpoint's required body fields (`array[].field`, `object.field`).
        required: &'a [&'a str],
        /// The primary endpoint's query parameters: `name`, `wire`, `type`, `required`.
        query: &'a [QueryParam],
        /// Whether it is a paginated WMS list (`page`, or `all_pages`).
        paginated: bool,
        /// Whether it is part of the public surface (false only for test rows such as `__panic`).
        public: bool,
        /// One line saying what it does.
        summary: &'a str,
        /// The typed method's name (`order_add`; `orderAdd` in PHP, `OrderAdd` in 1C).
        method_name: &'a str,
        /// The APIs that have it: `"legacy"`, `"current"`, `"wms"`, `"local"`.
        apis: Vec<Api>,
        /// Its route on each of those APIs, by API name.
        routes: std::collections::BTreeMap<&'a str, &'a str>,
        /// How it goes on the wire on each API, the primary first.
        endpoints: Vec<EndpointRow<'a>>,
    }
    #[derive(Serialize)]
    struct EndpointRow<'a> {
        /// The API.
        api: Api,
        /// The HTTP method (null for local rows and `raw`).
        method: Option<Method>,
        /// The route (null for local rows and `raw`).
        route: Option<&'a str>,
        /// The required body fields.
        required: &'a [&'a str],
        /// The query parameters.
        query: &'a [QueryParam],
        /// What the parameters are: `body`, `body+query`, `query`, `list`, `none`, `raw` or
        /// `local`.
        takes: &'a str,
    }
    fn query(shape: Shape) -> &'static [QueryParam] {
        match shape {
            Shape::Query(q) | Shape::BodyAndQuery(q) => q,
            _ => &[],
        }
    }
    let rows: Vec<Row> = OPERATIONS
        .iter()
        .map(|op| Row {
            name: op.name,
            service: op.service,
            method: op.method(),
            route: op.route(),
            retry: op.retry,
            required: op.required(),
            query: query(op.shape()),
            paginated: op.shape() == Shape::List,
            public: op.public,
            summary: op.summary,
            method_name: op.method_name,
            apis: op.apis().collect(),
            routes: op
                .endpoints
                .iter()
                .filter_map(|e| Some((e.api.as_str(), e.route()?)))
                .collect(),
            endpoints: op
                .endpoints
                .iter()
                .map(|e| EndpointRow {
                    api: e.api,
                    method: e.method(),
                    route: e.route(),
                    required: e.required,
                    query: query(e.shape),
                    takes: shape_name(e.shape),
                })
                .collect(),
        })
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".to_owned())
}

/// What an endpoint's parameters are, in one word: `body`, `body+query`, `query`, `list`,
/// `none` (logins), `raw`, `local`.
pub fn shape_name(shape: Shape) -> &'static str {
    match shape {
        Shape::Body => "body",
        Shape::BodyAndQuery(_) => "body+query",
        Shape::Query(_) => "query",
        Shape::List => "list",
        Shape::Login => "none",
        Shape::Raw => "raw",
        Shape::Local(_) => "local",
        #[cfg(feature = "test-panic")]
        Shape::Panic => "none",
    }
}
