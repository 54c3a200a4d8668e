//! WMS outbound (fulfilment) orders: `wms/order/create` and `wms/order/partial-return`.
//!
//! A shop whose warehouse BTS runs sends each customer order here; the warehouse picks, packs and
//! ships it. `order_id` is the shop's own order number (and the key of the create-once journal);
//! the reply's `id` is the WMS's id for the same order.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::envelope::ItemLinks;
use crate::model::common::Scalar;
use crate::model::status::FulfillmentStatus;

model! {
    /// Body of `wms/order/create`: one customer order to fulfil.
    ///
    /// Required: `order_id`, `full_name`, `phone`, `address`, `region`, `country`, `order_items`;
    /// `scheduled_at` when the order is [`Scheduled`](FulfillmentStatus::Scheduled).
    /// `fulfillment_status` is marked required although BTS's own example leaves it out.
    ///
    /// ```
    /// # use bts::model::{WmsOrderItem, WmsOrderRequest};
    /// let order = WmsOrderRequest {
    ///     order_id: Some(880145.into()),
    ///     full_name: Some("Dilnoza Karimova".into()),
    ///     order_items: Some(vec![WmsOrderItem {
    ///         client_product_id: Some(5012),
    ///         quantity: Some(2),
    ///         ..Default::default()
    ///     }]),
    ///     ..Default::default()
    /// };
    /// let json = serde_json::to_value(&order).unwrap();
    /// assert_eq!(json["order_items"][0]["quantity"], 2);
    /// ```
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct WmsOrderRequest {
        /// `order_id` (required): your order number, unique per order (an integer in the
        /// documentation; a string is read and sent as given).
        pub order_id: Option<Scalar>,
        /// `scheduled_at`: planned delivery date and time, ISO 8601 (`2024-10-03T14:00:00Z`);
        /// required with status 5 (scheduled).
        pub scheduled_at: Option<String>,
        /// `fulfillment_status`: the order's state, see [`FulfillmentStatus`].
        pub fulfillment_status: Option<FulfillmentStatus>,
        /// `full_name` (required): the customer's full name.
        pub full_name: Option<String>,
        /// `phone` (required): the customer's phone, e.g. "+998900000000".
        pub phone: Option<String>,
        /// `address` (required): the customer's address.
        pub address: Option<String>,
        /// `region` (required): region (viloyat), free text, e.g. "Toshkent".
        pub region: Option<String>,
        /// `country` (required): country name, e.g. "Uzbekistan".
        pub country: Option<String>,
        /// `city`: city name.
        pub city: Option<String>,
        /// `zip`: postal code, e.g. "100200" (a number is read and sent as given).
        pub zip: Option<Scalar>,
        /// `order_items` (required): the products ordered.
        pub order_items: Option<Vec<WmsOrderItem>>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One product of a [`WmsOrderRequest`].
    ///
    /// BTS's documentation identifies the product by your ids (`client_product_id`,
    /// `client_product_variation_id`, both required, with `discount` and `final_price`); an
    /// older server took the WMS product id as `product_id`. Both are read; send the one your
    /// server expects.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct WmsOrderItem {
        /// `client_product_id` (required): your product id, as sent to `wms/product/create`.
        pub client_product_id: Option<i64>,
        /// `client_product_variation_id` (required): your variation id.
        pub client_product_variation_id: Option<i64>,
        /// `product_id`: the WMS product id (older servers' key instead of the two above).
        pub product_id: Option<i64>,
        /// `quantity` (required): quantity ordered.
        pub quantity: Option<i64>,
        /// `price` (required): unit price (so'm, presumably).
        pub price: Option<Scalar>,
        /// `discount` (required): discount amount.
        pub discount: Option<Scalar>,
        /// `final_price` (required): price after the discount.
        pub final_price: Option<Scalar>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A WMS order as the server returns it (`data` of `wms/order/create`).
    ///
    /// BTS's page is cut off before the reply; this is the shape of the WMS server's order
    /// resource, and the members of the newer request (`scheduled_at`, `fulfillment_status`)
    /// are read too in case the live server echoes them. Everything else lands in `extra`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct WmsOrder {
        /// `id`: the WMS's id of the order (not your `order_id`).
        pub id: Option<i64>,
        /// `order_id`: your order number.
        pub order_id: Option<Scalar>,
        /// `supplier_buyer_id`: your purveyor record, stamped by the server.
        pub supplier_buyer_id: Option<i64>,
        /// `order_status`: the server's own status column (1 on creation).
        pub order_status: Option<i64>,
        /// `fulfillment_status`: the state, if the server echoes it.
        pub fulfillment_status: Option<FulfillmentStatus>,
        /// `scheduled_at`: the planned delivery time, if echoed.
        pub scheduled_at: Option<String>,
        /// `created_at`: creation time, `YYYY-MM-DD HH:MM:SS`, Tashkent time.
        pub created_at: Option<String>,
        /// `orderAddress`: the customer's name and address.
        #[serde(rename = "orderAddress")]
        pub order_address: Option<WmsOrderAddress>,
        /// `orderItems`: the order's lines as stored.
        #[serde(rename = "orderItems")]
        pub order_items: Option<Vec<WmsOrderLine>>,
        /// `_links`: `{"self": {"href": …}}`.
        #[serde(rename = "_links")]
        pub links: Option<ItemLinks>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `orderAddress` of a [`WmsOrder`].
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct WmsOrderAddress {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `order_id`: the WMS order id ([`WmsOrder::id`]), not your order number.
        pub order_id: Option<i64>,
        /// `full_name`: the customer's full name.
        pub full_name: Option<String>,
        /// `phone`: the customer's phone.
        pub phone: Option<String>,
        /// `address`: the address.
        pub address: Option<String>,
        /// `city`: the city.
        pub city: Option<String>,
        /// `region`: the region.
        pub region: Option<String>,
        /// `zip`: the postal code.
        pub zip: Option<Scalar>,
        /// `country`: the country.
        pub country: Option<String>,
        /// `status`: the record's status column.
        pub status: Option<i64>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One stored line (`orderItems[]`) of a [`WmsOrder`].
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct WmsOrderLine {
        /// `id`: the line's id.
        pub id: Option<i64>,
        /// `order_id`: the WMS order id ([`WmsOrder::id`]).
        pub order_id: Option<i64>,
        /// `product_id`: the WMS product id.
        pub product_id: Option<i64>,
        /// `client_product_id`: your product id, if echoed.
        pub client_product_id: Option<i64>,
        /// `client_product_variation_id`: your variation id, if echoed.
        pub client_product_variation_id: Option<i64>,
        /// `quantity`: quantity.
        pub quantity: Option<i64>,
        /// `price`: unit price.
        pub price: Option<Scalar>,
        /// `discount`: discount, if echoed.
        pub discount: Option<Scalar>,
        /// `final_price`: price after discount, if echoed.
        pub final_price: Option<Scalar>,
        /// `status`: the line's status column.
        pub status: Option<i64>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Body of `wms/order/partial-return`: return or cancel some products of an order without
    /// changing the order's own status.
    ///
    /// Required: `order_id` (your order number, as sent to `wms/order/create`) and
    /// `order_items`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PartialReturnRequest {
        /// `order_id` (required): the order's number (yours, by our reading of the docs).
        pub order_id: Option<Scalar>,
        /// `order_items` (required): what comes back.
        pub order_items: Option<Vec<PartialReturnItem>>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One product of a [`PartialReturnRequest`].
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PartialReturnItem {
        /// `client_product_id` (required): your product id.
        pub client_product_id: Option<i64>,
        /// `client_product_variation_id`: your variation id (optional here).
        pub client_product_variation_id: Option<i64>,
        /// `quantity` (required): how many come back.
        pub quantity: Option<i64>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `data` of a `wms/order/partial-return` reply: the return operation.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PartialReturn {
        /// `id`: the return operation's id.
        pub id: Option<i64>,
        /// `order_id`: the original order's number.
        pub order_id: Option<Scalar>,
        /// `orderReturnItems`: what was returned.
        #[serde(rename = "orderReturnItems")]
        pub order_return_items: Option<Vec<PartialReturnLine>>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One element of [`PartialReturn::order_return_items`].
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PartialReturnLine {
        /// `order_return_id`: the return operation's id ([`PartialReturn::id`]).
        pub order_return_id: Option<i64>,
        /// `product_id`: the returned product (whether your id or the WMS's is not documented).
        pub product_id: Option<i64>,
        /// `quantity`: how many.
        pub quantity: Option<i64>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}
