//! The typed methods: one line per operation of the table, each a skin over
//! [`Client::call_typed`]. Their names are the operation names with `/` and `-` as `_`.

use serde_json::{json, Value};

use crate::client::Client;
use crate::error::Error;
use crate::model::*;

/// Methods whose parameters are one typed request body.
macro_rules! body_operations {
    ($( $(#[$doc:meta])* $method:ident($request:ty) -> $response:ty = $op:literal; )*) => {
        impl Client {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\nOperation `", $op, "`.")]
                pub fn $method(&self, request: &$request) -> Result<$response, Error> {
                    self.call_typed($op, request)
                }
            )*
        }
    };
}

/// Methods whose parameter is one order id (`{"orderId": n}`, sent as `&id=n`).
macro_rules! order_id_operations {
    ($( $(#[$doc:meta])* $method:ident -> $response:ty = $op:literal; )*) => {
        impl Client {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\nOperation `", $op, "`.")]
                pub fn $method(&self, order_id: i64) -> Result<$response, Error> {
                    self.call_typed($op, &json!({ "orderId": order_id }))
                }
            )*
        }
    };
}

/// Methods whose parameter is one optional filter.
macro_rules! filter_operations {
    ($( $(#[$doc:meta])* $method:ident($param:ident: $ty:ty = $name:literal) -> $response:ty = $op:literal; )*) => {
        impl Client {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\nOperation `", $op, "`.")]
                pub fn $method(&self, $param: $ty) -> Result<$response, Error> {
                    self.call_typed($op, &json!({ $name: $param }))
                }
            )*
        }
    };
}

/// WMS lists: one page, and every page.
macro_rules! list_operations {
    ($( $item:ty: $page:ident, $all:ident = $op:literal; )*) => {
        impl Client {
            $(
                #[doc = concat!("One page (20 items; `None` for the first) of `", $op, "`: records waiting to be acknowledged.")]
                pub fn $page(&self, page: Option<u64>) -> Result<ListResponse<$item>, Error> {
                    self.call_typed($op, &json!({ "page": page }))
                }

                #[doc = concat!("Every page of `", $op, "`, items in page order (all inside `timeout_ms`).")]
                pub fn $all(&self) -> Result<Vec<$item>, Error> {
                    self.call_typed($op, &json!({ "all_pages": true }))
                }
            )*
        }
    };
}

body_operations! {
    /// Creates a local order. Never sent twice: if it fails after it may have reached BTS
    /// ([`Error::may_have_reached_server`]), look the order up before creating it again.
    order_add(OrderRequest) -> Order = "order/add";
    /// Edits a local order (the whole order plus `orderId`).
    order_edit(OrderEditRequest) -> Order = "order/edit";
    /// Quotes the delivery price without creating an order.
    order_calculate(PriceRequest) -> PriceQuote = "order/calculate";
    /// Registers an international parcel.
    international_add(InternationalOrderRequest) -> InternationalOrder = "international/add";
    /// Submits a manifest of international parcels.
    international_manifest(ManifestRequest) -> ManifestResult = "international/manifest";
    /// Creates a WMS supplier (purveyor).
    wms_purveyor_create(PurveyorRequest) -> Created<Purveyor> = "wms/purveyor/create";
    /// Acknowledges suppliers you have stored; they leave the list.
    wms_purveyor_client_status(ClientStatusRequest) -> Message = "wms/purveyor/client-status";
    /// Creates a WMS product.
    wms_product_create(ProductRequest) -> Created<Product> = "wms/product/create";
    /// Acknowledges products you have stored; they leave the list.
    wms_product_client_status(ClientStatusRequest) -> Message = "wms/product/client-status";
    /// Registers an inbound delivery of goods.
    wms_receiving_goods_create(ReceivingGoodsRequest) -> Created<ReceivingGoods> = "wms/receiving-goods/create";
    /// Acknowledges goods receipts you have stored; they leave the list.
    wms_receiving_goods_client_status(ClientStatusRequest) -> Message = "wms/receiving-goods/client-status";
}

order_id_operations! {
    /// One order by id.
    order_detail -> Order = "order/detail";
    /// Cancels an order (a GET that changes state: never replayed).
    order_cancel -> CancelResult = "order/cancel";
    /// The current status of an order.
    order_track -> Track = "order/track";
    /// Every status event of an order.
    order_history -> Vec<HistoryEvent> = "order/history";
    /// The reasons recorded for cancelling or refusing an order.
    order_cancellation -> Vec<CancellationReason> = "order/cancellation";
}

filter_operations! {
    /// The status of an international parcel by its barcode.
    international_track_by_barcode(barcode: &str = "barcode") -> InternationalTrack = "international/track-by-barcode";
    /// BTS branches, of one region or all.
    directory_branches(region_id: Option<i64> = "regionId") -> Vec<Branch> = "directory/branches";
    /// BTS branches of one city.
    directory_branches_with_city(city_id: Option<i64> = "cityId") -> Vec<Branch> = "directory/branches-with-city";
    /// The cities, of one region or all.
    directory_cities(region_id: Option<i64> = "regionId") -> Vec<City> = "directory/cities";
}

list_operations! {
    Purveyor: wms_purveyor_clients, wms_purveyor_clients_all = "wms/purveyor/clients";
    Product: wms_product_clients, wms_product_clients_all = "wms/product/clients";
    ReceivingGoods: wms_receiving_goods_clients, wms_receiving_goods_clients_all = "wms/receiving-goods/clients";
}

impl Client {
    /// The regions.
    ///
    /// Operation `directory/regions`.
    pub fn directory_regions(&self) -> Result<Vec<Region>, Error> {
        self.call_typed("directory/regions", &json!({}))
    }

    /// Logs in to the courier API now (normally implicit). The token stays inside the client.
    ///
    /// Operation `auth/get-token`.
    pub fn auth_get_token(&self) -> Result<(), Error> {
        self.call_typed::<_, Value>("auth/get-token", &json!({}))
            .map(drop)
    }

    /// Logs in to the WMS now (normally implicit). The token stays inside the client.
    ///
    /// Operation `wms/auth/login`.
    pub fn wms_auth_login(&self) -> Result<(), Error> {
        self.call_typed::<_, Value>("wms/auth/login", &json!({}))
            .map(drop)
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
        self.call(
            "raw",
            json!({"service": service, "method": method, "route": route, "query": query, "body": body}),
        )
    }
}
