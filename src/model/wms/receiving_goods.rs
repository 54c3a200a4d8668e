//! WMS goods receipts (inbound deliveries): `wms/receiving-goods/create` and
//! `wms/receiving-goods/clients`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::envelope::ItemLinks;
use crate::model::common::{Flag, Scalar};

model! {
    /// Body of `wms/receiving-goods/create`: an inbound delivery to the warehouse, in either of
    /// the two shapes BTS has documented.
    ///
    /// - **Flat (the seeds' shape)**: one delivery with one nomenclature; required ("tuldirish
    ///   shart") `number`, `date`, `counterparty`, `nomenclature`, `quantity`, `price`,
    ///   `total_amount`.
    /// - **Document with lines (BTS's current documentation)**: `client_receiving_good_code` and
    ///   `receiving_goods`, one [`ReceivingGoodsLine`] per product; the header fields of the flat
    ///   shape are absent from its example, and whether the server still reads them is unknown.
    ///
    /// Set the fields of the shape your account uses; only what is set is sent.
    ///
    /// ```
    /// # use bts::model::{ReceivingGoodsLine, ReceivingGoodsRequest};
    /// let body = ReceivingGoodsRequest {
    ///     client_receiving_good_code: Some("RCV-1".into()),
    ///     receiving_goods: Some(vec![ReceivingGoodsLine {
    ///         client_product_id: Some(5012),
    ///         quantity: Some(40),
    ///         ..Default::default()
    ///     }]),
    ///     ..Default::default()
    /// };
    /// assert_eq!(
    ///     serde_json::to_string(&body).unwrap(),
    ///     r#"{"client_receiving_good_code":"RCV-1","receiving_goods":[{"client_product_id":5012,"quantity":40}]}"#
    /// );
    /// ```
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ReceivingGoodsRequest {
        /// `client_receiving_good_code` (required in the document shape): your code for the
        /// receiving document.
        pub client_receiving_good_code: Option<Scalar>,
        /// `receiving_goods` (required in the document shape): the products received.
        pub receiving_goods: Option<Vec<ReceivingGoodsLine>>,
        /// `number` (required): the delivery's number (table: integer; response: string).
        pub number: Option<Scalar>,
        /// `date` (required): the delivery date, `YYYY-MM-DD`.
        pub date: Option<String>,
        /// `counterparty` (required): the organisation delivering the cargo.
        pub counterparty: Option<String>,
        /// `arrival_date`: the date the cargo was received.
        pub arrival_date: Option<String>,
        /// `comment`: a comment.
        pub comment: Option<String>,
        /// `vehicle_model`: the vehicle's model.
        pub vehicle_model: Option<String>,
        /// `vehicle_number`: the vehicle's plate number (table: integer; plates are alphanumeric).
        pub vehicle_number: Option<Scalar>,
        /// `driver_name`: the driver's full name.
        pub driver_name: Option<String>,
        /// `driver_document`: the driver's document (passport, licence, …).
        pub driver_document: Option<String>,
        /// `contract_number`: contract number (table: integer; response: string).
        pub contract_number: Option<Scalar>,
        /// `contract_date`: contract date.
        pub contract_date: Option<String>,
        /// `nomenclature` (required): the kind of cargo or list of products.
        pub nomenclature: Option<String>,
        /// `quantity` (required): quantity of product.
        pub quantity: Option<Scalar>,
        /// `price` (required): price per piece or unit (table: integer; response: "44.00").
        pub price: Option<Scalar>,
        /// `total_amount` (required): total amount (documented as price × quantity).
        pub total_amount: Option<Scalar>,
        /// `kis_number`: the order's number in the KIS system.
        pub kis_number: Option<Scalar>,
        /// `kis_date`: the date the order was entered in KIS.
        pub kis_date: Option<String>,
        /// `accept_by_places`: accept by cargo places ("true/false").
        pub accept_by_places: Option<Flag>,
        /// `vehicle_type`: the vehicle type (truck, bus, …).
        pub vehicle_type: Option<String>,
        /// `vat_rate`: VAT rate, percent (table: integer; response: decimal string).
        pub vat_rate: Option<Scalar>,
        /// `vat_amount`: VAT amount.
        pub vat_amount: Option<Scalar>,
        /// `price_includes_vat`: whether the price includes VAT ("true/false").
        pub price_includes_vat: Option<Flag>,
        /// `discount_amount`: discount amount.
        pub discount_amount: Option<Scalar>,
        /// `under_delivery_percent`: under-delivery tolerance, percent.
        pub under_delivery_percent: Option<Scalar>,
        /// `over_delivery_percent`: over-delivery tolerance, percent.
        pub over_delivery_percent: Option<Scalar>,
        /// `nomenclature_package`: the nomenclature's packaging type.
        pub nomenclature_package: Option<String>,
        /// `package_quantity`: number of packages.
        pub package_quantity: Option<Scalar>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A goods-receipt record.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ReceivingGoods {
        /// `client_receiving_good_code`: your code for the document (document shape; the reply
        /// of that shape is not documented, this and `receiving_goods` are the likely members).
        pub client_receiving_good_code: Option<Scalar>,
        /// `receiving_goods`: the document's lines (document shape).
        pub receiving_goods: Option<Vec<ReceivingGoodsLine>>,
        /// `id`: the receipt's id (the `supplier_id` of its sub-objects).
        pub id: Option<i64>,
        /// `number`: the delivery's number (a string in responses).
        pub number: Option<Scalar>,
        /// `date`: the delivery date, `YYYY-MM-DD`.
        pub date: Option<String>,
        /// `counterparty`: the organisation delivering the cargo.
        pub counterparty: Option<String>,
        /// `arrival_date`: the date the cargo was received, `YYYY-MM-DD`.
        pub arrival_date: Option<String>,
        /// `comment`: a comment.
        pub comment: Option<String>,
        /// `vehicle_model`: the vehicle's model.
        pub vehicle_model: Option<String>,
        /// `vehicle_number`: the vehicle's plate number (a string in responses).
        pub vehicle_number: Option<Scalar>,
        /// `driver_name`: the driver's full name.
        pub driver_name: Option<String>,
        /// `driver_document`: the driver's document.
        pub driver_document: Option<String>,
        /// `contract_number`: contract number (a string in responses).
        pub contract_number: Option<Scalar>,
        /// `contract_date`: contract date, `YYYY-MM-DD`.
        pub contract_date: Option<String>,
        /// `acceptance_gate`: undocumented (`null` in the examples), kept as raw JSON.
        pub acceptance_gate: Option<Value>,
        /// `nomenclature`: the kind of cargo or list of products.
        pub nomenclature: Option<String>,
        /// `quantity`: quantity of product (an integer in responses).
        pub quantity: Option<Scalar>,
        /// `price`: unit price, a decimal string such as "44.00".
        pub price: Option<Scalar>,
        /// `total_amount`: total amount, a decimal string (not always price × quantity).
        pub total_amount: Option<Scalar>,
        /// `supplierDetail`: KIS, VAT, discount and tolerance details.
        #[serde(rename = "supplierDetail")]
        pub supplier_detail: Option<SupplierDetail>,
        /// `supplierPackage`: packaging details.
        #[serde(rename = "supplierPackage")]
        pub supplier_package: Option<SupplierPackage>,
        /// `_links`: `{"self": {"href": …}}`.
        #[serde(rename = "_links")]
        pub links: Option<ItemLinks>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A goods receipt's `supplierDetail` object.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct SupplierDetail {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `supplier_id`: despite its name, the goods receipt's id.
        pub supplier_id: Option<i64>,
        /// `kis_number`: the order's number in KIS (`null` in the examples).
        pub kis_number: Option<Scalar>,
        /// `kis_date`: the date the order was entered in KIS.
        pub kis_date: Option<String>,
        /// `accept_by_places`: accept by cargo places.
        pub accept_by_places: Option<Flag>,
        /// `vehicle_type`: the vehicle type (`null` in the examples).
        pub vehicle_type: Option<String>,
        /// `vat_rate`: VAT rate, percent, a decimal string.
        pub vat_rate: Option<Scalar>,
        /// `vat_amount`: VAT amount, a decimal string.
        pub vat_amount: Option<Scalar>,
        /// `price_includes_vat`: whether the price includes VAT.
        pub price_includes_vat: Option<Flag>,
        /// `discount_amount`: discount amount, a decimal string.
        pub discount_amount: Option<Scalar>,
        /// `under_delivery_percent`: under-delivery tolerance, percent, a decimal string.
        pub under_delivery_percent: Option<Scalar>,
        /// `over_delivery_percent`: over-delivery tolerance, percent, a decimal string.
        pub over_delivery_percent: Option<Scalar>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A goods receipt's `supplierPackage` object.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct SupplierPackage {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `supplier_id`: despite its name, the goods receipt's id.
        pub supplier_id: Option<i64>,
        /// `nomenclature_package`: the nomenclature's packaging type.
        pub nomenclature_package: Option<String>,
        /// `package_quantity`: number of packages.
        pub package_quantity: Option<Scalar>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One product line of a receiving document ([`ReceivingGoodsRequest::receiving_goods`]).
    ///
    /// Required: `client_product_id`, `client_product_variation_id`, `product_cart_sku`; the
    /// documentation was cut off before it said which of the other members are.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ReceivingGoodsLine {
        /// `client_product_id` (required): your product id, as sent to `wms/product/create`.
        pub client_product_id: Option<i64>,
        /// `client_product_variation_id` (required): your product variation id.
        pub client_product_variation_id: Option<i64>,
        /// `product_cart_sku` (required): SKU of the product card.
        pub product_cart_sku: Option<Scalar>,
        /// `product_variation_sku`: SKU of the variation.
        pub product_variation_sku: Option<Scalar>,
        /// `product_sku`: SKU of the product.
        pub product_sku: Option<Scalar>,
        /// `size`: size, e.g. "XL".
        pub size: Option<Scalar>,
        /// `color`: colour, e.g. "Red".
        pub color: Option<String>,
        /// `quantity`: quantity received.
        pub quantity: Option<i64>,
        /// `nomenclature`: the product's description.
        pub nomenclature: Option<String>,
        /// `price`: unit price.
        pub price: Option<Scalar>,
        /// `total_amount`: line total.
        pub total_amount: Option<Scalar>,
        /// `package_quantity`: number of packages.
        pub package_quantity: Option<Scalar>,
        /// `vat_rate`: VAT rate, percent.
        pub vat_rate: Option<Scalar>,
        /// `vat_amount`: VAT amount.
        pub vat_amount: Option<Scalar>,
        /// `discount_amount`: discount amount.
        pub discount_amount: Option<Scalar>,
        /// `under_delivery_percent`: under-delivery tolerance, percent.
        pub under_delivery_percent: Option<Scalar>,
        /// `over_delivery_percent`: over-delivery tolerance, percent.
        pub over_delivery_percent: Option<Scalar>,
        /// `nomenclature_package`: packaging type, e.g. "Box".
        pub nomenclature_package: Option<String>,
        /// `comment`: a note.
        pub comment: Option<String>,
        /// `price_includes_vat`: whether `price` includes VAT.
        pub price_includes_vat: Option<Flag>,
        /// Members the documentation does not describe, kept as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}
