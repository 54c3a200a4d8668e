//! The one table of BTS operations.
//!
//! Every operation the library knows is one row of [`OPERATIONS`]: its name (the path of the BTS
//! docs, WMS ones prefixed with `wms/`), the service it lives on, its HTTP method and route, how
//! its parameters travel and whether it is safe to retry. [`Client::call`](crate::Client::call),
//! the typed methods, the C ABI's `bts_call`, `bts_operations()`, the CLI and the docs all read
//! this table: adding an endpoint is adding a row (plus its types), nowhere else.

use serde::Serialize;

/// Which BTS server an operation talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// The courier API (legacy Yii2 app): `{base_url}?r={route}&{query}`.
    Courier,
    /// The Fulfillment WMS: `{wms_base_url}/{route}?{query}`.
    Wms,
}

/// The HTTP method of an operation.
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

/// One query parameter of a `GET` operation.
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
    /// The parameters object is the JSON body.
    Body,
    /// The parameters are query parameters, as listed.
    Query(&'static [QueryParam]),
    /// A paginated WMS list: optional `page`, or `all_pages: true` for every page's items.
    List,
    /// An explicit login: returns `{"authenticated": true}`, never the token.
    Login,
    /// The escape hatch: `{"service","method","route","query","body"}`.
    Raw,
    /// Test-only: panics inside the library, to prove the C boundary catches it.
    #[cfg(feature = "test-panic")]
    Panic,
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

/// One BTS operation: a row of [`OPERATIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The operation name, e.g. `order/add` or `wms/product/clients`.
    pub name: &'static str,
    /// The server it lives on.
    pub service: Service,
    /// Its HTTP method.
    pub method: Method,
    /// Its route: the Yii2 `r` value for the courier API (`v1/order/add`), the path for the WMS
    /// (`v1/product/create`). Empty for `raw`, which carries its own.
    pub route: &'static str,
    /// How its parameters travel.
    pub shape: Shape,
    /// Whether it is safe to retry.
    pub retry: Retry,
    /// Body fields the docs mark required (checked locally before anything is sent). A field
    /// inside an array of objects is written `array[].field`.
    pub required: &'static [&'static str],
    /// One line saying what it does.
    pub summary: &'static str,
}

const ORDER_ID: &[QueryParam] = &[QueryParam {
    name: "orderId",
    wire: "id",
    ty: ParamType::Integer,
    required: true,
}];

/// The fields API.md §2.2 marks required for an order, after any given first (`order/edit`
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

// One argument per column of the table.
#[allow(clippy::too_many_arguments)]
const fn row(
    name: &'static str,
    service: Service,
    method: Method,
    route: &'static str,
    shape: Shape,
    retry: Retry,
    required: &'static [&'static str],
    summary: &'static str,
) -> Operation {
    Operation {
        name,
        service,
        method,
        route,
        shape,
        retry,
        required,
        summary,
    }
}

use Method::{Get, Post};
use Retry::{Safe, Unsafe};
use Service::{Courier, Wms};

/// Every operation, in the order of the BTS docs.
#[rustfmt::skip]
pub static OPERATIONS: &[Operation] = &[
    row("auth/get-token", Courier, Post, "v1/auth/get-token", Shape::Login, Safe, &["username", "password", "inn"],
        "Log in to the courier API now (normally implicit); returns {\"authenticated\": true}."),
    row("order/add", Courier, Post, "v1/order/add", Shape::Body, Unsafe, ORDER_FIELDS,
        "Create a local order; returns the order with its orderId, cost and barcode."),
    row("order/edit", Courier, Post, "v1/order/edit", Shape::Body, Unsafe, ORDER_EDIT_FIELDS,
        "Edit a local order (the whole order plus orderId)."),
    row("order/detail", Courier, Get, "v1/order/detail", Shape::Query(ORDER_ID), Safe, &[],
        "One order by orderId."),
    row("order/cancel", Courier, Get, "v1/order/cancel", Shape::Query(ORDER_ID), Unsafe, &[],
        "Cancel an order (a GET that changes state: never replayed)."),
    row("order/calculate", Courier, Post, "v1/order/calculate", Shape::Body, Safe,
        &["senderCityId", "weight", "receiverCityId"],
        "Quote the delivery price without creating an order."),
    row("order/track", Courier, Get, "v1/order/track", Shape::Query(ORDER_ID), Safe, &[],
        "The current status of an order."),
    row("order/history", Courier, Get, "v1/order/history", Shape::Query(ORDER_ID), Safe, &[],
        "Every status event of an order."),
    row("order/cancellation", Courier, Get, "v1/order/cancellation", Shape::Query(ORDER_ID), Safe, &[],
        "The reasons recorded for cancelling or refusing an order."),
    row("international/add", Courier, Post, "v1/international/add", Shape::Body, Unsafe, INTERNATIONAL_FIELDS,
        "Register an international parcel."),
    row("international/track-by-barcode", Courier, Get, "v1/international/track-by-barcode",
        Shape::Query(&[QueryParam { name: "barcode", wire: "barcode", ty: ParamType::String, required: true }]),
        Safe, &[], "The current status of an international parcel by barcode."),
    row("international/manifest", Courier, Post, "v1/international/manifest", Shape::Body, Unsafe,
        &["ManifestNumber", "Date", "ParcelNumber", "ParcelsCount"],
        "Submit a manifest of international parcels."),
    row("directory/branches", Courier, Get, "v1/directory/branches",
        Shape::Query(&[QueryParam { name: "regionId", wire: "regionId", ty: ParamType::Integer, required: false }]),
        Safe, &[], "BTS branches, optionally of one region."),
    row("directory/branches-with-city", Courier, Get, "v1/directory/branches-with-city",
        Shape::Query(&[QueryParam { name: "cityId", wire: "cityId", ty: ParamType::Integer, required: false }]),
        Safe, &[], "BTS branches of one city."),
    row("directory/regions", Courier, Get, "v1/directory/regions", Shape::Query(&[]), Safe, &[],
        "The regions (path from public integrations, not the seed)."),
    row("directory/cities", Courier, Get, "v1/directory/cities",
        Shape::Query(&[QueryParam { name: "regionId", wire: "regionId", ty: ParamType::Integer, required: false }]),
        Safe, &[], "The cities, optionally of one region (path from public integrations)."),
    row("wms/auth/login", Wms, Post, "v1/auth/login", Shape::Login, Safe, &["login", "password"],
        "Log in to the WMS now (normally implicit); returns {\"authenticated\": true}."),
    row("wms/purveyor/create", Wms, Post, "v1/purveyor/create", Shape::Body, Unsafe,
        &["group", "code", "name", "full_name"], "Create a supplier (purveyor)."),
    row("wms/purveyor/clients", Wms, Get, "v1/purveyor/clients", Shape::List, Safe, &[],
        "Suppliers waiting to be acknowledged, 20 a page (`page`, or `all_pages`)."),
    row("wms/purveyor/client-status", Wms, Post, "v1/purveyor/client-status", Shape::Body, Unsafe, ACK_FIELDS,
        "Acknowledge suppliers stored on your side."),
    row("wms/product/create", Wms, Post, "v1/product/create", Shape::Body, Unsafe, PRODUCT_FIELDS,
        "Create a product."),
    row("wms/product/clients", Wms, Get, "v1/product/clients", Shape::List, Safe, &[],
        "Products waiting to be acknowledged, 20 a page (`page`, or `all_pages`)."),
    row("wms/product/client-status", Wms, Post, "v1/product/client-status", Shape::Body, Unsafe, ACK_FIELDS,
        "Acknowledge products stored on your side."),
    row("wms/receiving-goods/create", Wms, Post, "v1/receiving-goods/create", Shape::Body, Unsafe, RECEIVING_FIELDS,
        "Register an inbound delivery of goods."),
    row("wms/receiving-goods/clients", Wms, Get, "v1/receiving-goods/clients", Shape::List, Safe, &[],
        "Goods receipts waiting to be acknowledged, 20 a page (`page`, or `all_pages`)."),
    row("wms/receiving-goods/client-status", Wms, Post, "v1/receiving-goods/client-status", Shape::Body, Unsafe,
        ACK_FIELDS, "Acknowledge goods receipts stored on your side."),
    row("raw", Courier, Get, "", Shape::Raw, Safe, &["service", "method", "route"],
        "Any route: {\"service\":\"courier\"|\"wms\",\"method\":\"GET\"|\"POST\",\"route\":\"v1/...\",\"query\":{},\"body\":{}}; POST is never replayed."),
    #[cfg(feature = "test-panic")]
    row("__panic", Courier, Get, "", Shape::Panic, Safe, &[], "Test only: panics inside the library."),
];

/// Looks an operation up by name.
///
/// ```
/// let op = bts::operation("order/detail").unwrap();
/// assert_eq!(op.route, "v1/order/detail");
/// assert!(bts::operation("order/teleport").is_none());
/// ```
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.name == name)
}

/// Every operation, as the JSON array `bts_operations()` returns: name, service, method, route,
/// retry, required body fields, query parameters and summary.
pub fn operations_json() -> String {
    #[derive(Serialize)]
    struct Row<'a> {
        name: &'a str,
        service: Service,
        method: Method,
        route: &'a str,
        retry: Retry,
        required: &'a [&'a str],
        query: &'a [QueryParam],
        paginated: bool,
        summary: &'a str,
    }
    let rows: Vec<Row> = OPERATIONS
        .iter()
        .map(|op| Row {
            name: op.name,
            service: op.service,
            method: op.method,
            route: op.route,
            retry: op.retry,
            required: op.required,
            query: match op.shape {
                Shape::Query(q) => q,
                _ => &[],
            },
            paginated: op.shape == Shape::List,
            summary: op.summary,
        })
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".to_owned())
}
