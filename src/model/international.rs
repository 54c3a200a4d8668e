//! Legacy courier API, international orders.
//!
//! | operation | request | response |
//! |---|---|---|
//! | `international/add` | [`InternationalOrderRequest`] (+ [`InternationalProduct`]) | [`InternationalOrder`] (+ [`InternationalBranchRef`], [`InternationalCityRef`]) |
//! | `international/track-by-barcode` | `barcode` | [`InternationalTrack`] (+ [`InternationalStatusRef`]) |
//! | `international/manifest` | [`ManifestRequest`] | [`ManifestResult`] |
//!
//! Field names are PascalCase on the wire and keep the server's spelling
//! (`ReceiverPassposrtSerial`, `HsCodeIs`). Where the table says "string" but the example sends a
//! number (`ReceiverPinfl`, `ReceiverPatronymic`, `ReceiverDelivery`), the field is a [`Scalar`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{Flag, Scalar};
use super::status::InternationalStatus;

model! {
    /// Body of `international/add`: an inbound international parcel, the receiver's
    /// identity documents for customs, and the declared products.
    ///
    /// Required (marked `*`): `ParcelNumber`, `ReceiverPhone`, `ReceiverSurname`,
    /// `ReceiverFirstName`, `ReceiverPassposrtSerial`, `ReceiverPassposrtNumber`, `ReceiverPinfl`,
    /// `ParcelWeight`, `ParcelDeclareCurrency`, `ReceiverDelivery`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "PascalCase")]
    pub struct InternationalOrderRequest {
        /// `ParcelNumber` (required): the parcel's number.
        pub parcel_number: Option<String>,
        /// `ReceiverPhone` (required): contact phone number.
        pub receiver_phone: Option<String>,
        /// `ReceiverPhone1`: local phone number.
        pub receiver_phone1: Option<String>,
        /// `ReceiverPatronymic`: patronymic (table: string; the example sends the number `2`).
        pub receiver_patronymic: Option<Scalar>,
        /// `ReceiverSurname` (required): surname.
        pub receiver_surname: Option<String>,
        /// `ReceiverFirstName` (required): first name.
        pub receiver_first_name: Option<String>,
        /// `ReceiverPassposrtSerial` (required; the server's spelling): passport series, e.g. "AC".
        #[serde(rename = "ReceiverPassposrtSerial")]
        pub receiver_passport_serial: Option<String>,
        /// `ReceiverPassposrtNumber` (required; server's spelling): passport number, as a string.
        #[serde(rename = "ReceiverPassposrtNumber")]
        pub receiver_passport_number: Option<Scalar>,
        /// `ReceiverPinfl` (required): 14-digit personal number (table: string; example: a number).
        pub receiver_pinfl: Option<Scalar>,
        /// `ReceiverAddress`: the receiver's address.
        pub receiver_address: Option<String>,
        /// `ReceiverCustomsAgree`: the receiver's customs consent (table: string; example: `1`).
        pub receiver_customs_agree: Option<Flag>,
        /// `ParcelWeight` (required): parcel weight in kg, a numeric string such as "4".
        pub parcel_weight: Option<Scalar>,
        /// `ParcelValue`: parcel value, a numeric string (the example has a trailing space).
        pub parcel_value: Option<Scalar>,
        /// `ParcelDeclareCurrency` (required): declaration currency, e.g. "RUB".
        pub parcel_declare_currency: Option<String>,
        /// `ReceiverCityId`: the receiver's city id.
        pub receiver_city_id: Option<i64>,
        /// `ReceiverBranchId`: the pickup branch id when `ReceiverDelivery` is 0.
        pub receiver_branch_id: Option<i64>,
        /// `ReceiverDelivery` (required): 1 = courier, 0 = office pickup (table: string; example:
        /// `0`).
        pub receiver_delivery: Option<Scalar>,
        /// `products`: the declared products.
        #[serde(rename = "products")]
        pub products: Option<Vec<InternationalProduct>>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One element of `products` in an international order.
    ///
    /// Required (marked `*`): every member except `ProductModel` and `ProductImei`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "PascalCase")]
    pub struct InternationalProduct {
        /// `ProductDescription` (required): the product's description, e.g. "Футболка1".
        pub product_description: Option<String>,
        /// `ProductDescriptionRu` (required): the description in Russian.
        pub product_description_ru: Option<String>,
        /// `ProductQuantity` (required): quantity, a numeric string such as "2".
        pub product_quantity: Option<Scalar>,
        /// `ProductWeight` (required): net weight in kg, a numeric string.
        pub product_weight: Option<Scalar>,
        /// `ProductDeclareValue` (required): declared value of one unit, a numeric string.
        pub product_declare_value: Option<Scalar>,
        /// `ProductUrl` (required): link to the product.
        pub product_url: Option<String>,
        /// `ProductUnit` (required): unit: kg, g, t, dona, L, mL or m³.
        pub product_unit: Option<String>,
        /// `HsCodeIs` (required): the HS (customs tariff) code, e.g. "6211390000".
        #[serde(rename = "HsCodeIs")]
        pub hs_code: Option<String>,
        /// `ProductModel`: the product's model.
        pub product_model: Option<String>,
        /// `ProductImei`: the product's IMEI number.
        pub product_imei: Option<String>,
        /// Members the documentation does not describe, kept as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// An international order as the server returns it (the "second example block"):
    /// the request's fields, with the branch and city as objects that carry names.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "PascalCase")]
    pub struct InternationalOrder {
        /// `ParcelNumber`: the parcel's number.
        pub parcel_number: Option<String>,
        /// `ReceiverPhone`: contact phone number.
        pub receiver_phone: Option<String>,
        /// `ReceiverPhone1`: local phone number.
        pub receiver_phone1: Option<String>,
        /// `ReceiverPatronymic`: patronymic (the number `2` in the example).
        pub receiver_patronymic: Option<Scalar>,
        /// `ReceiverSurname`: surname.
        pub receiver_surname: Option<String>,
        /// `ReceiverFirstName`: first name.
        pub receiver_first_name: Option<String>,
        /// `ReceiverPassposrtSerial` (server's spelling): passport series.
        #[serde(rename = "ReceiverPassposrtSerial")]
        pub receiver_passport_serial: Option<String>,
        /// `ReceiverPassposrtNumber` (server's spelling): passport number, e.g. "0579415".
        #[serde(rename = "ReceiverPassposrtNumber")]
        pub receiver_passport_number: Option<Scalar>,
        /// `ReceiverPinfl`: 14-digit personal number (a number in the example).
        pub receiver_pinfl: Option<Scalar>,
        /// `ReceiverAddress`: the receiver's address.
        pub receiver_address: Option<String>,
        /// `ReceiverCustomsAgree`: the receiver's customs consent (`1` in the example).
        pub receiver_customs_agree: Option<Flag>,
        /// `ParcelWeight`: parcel weight in kg, a numeric string.
        pub parcel_weight: Option<Scalar>,
        /// `ParcelValue`: parcel value, a numeric string ("312412 ", trailing space kept).
        pub parcel_value: Option<Scalar>,
        /// `ParcelDeclareCurrency`: declaration currency, e.g. "RUB".
        pub parcel_declare_currency: Option<String>,
        /// `ReceiverDelivery`: 1 = courier delivers, 0 = collected at an office (`0` in the
        /// example).
        pub receiver_delivery: Option<Scalar>,
        /// `ReceiverCityId`: city id, if sent flat as in the request (not in the example).
        pub receiver_city_id: Option<i64>,
        /// `ReceiverBranchId`: the branch id, if sent flat as in the request (not in the example).
        pub receiver_branch_id: Option<i64>,
        /// `branch`: the pickup branch `{ReceiverBranchId, name}`.
        #[serde(rename = "branch")]
        pub branch: Option<InternationalBranchRef>,
        /// `city`: the receiver's city `{ReceiverCityId, name}`.
        #[serde(rename = "city")]
        pub city: Option<InternationalCityRef>,
        /// `products`: the declared products.
        #[serde(rename = "products")]
        pub products: Option<Vec<InternationalProduct>>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `branch` object of an [`InternationalOrder`]:
    /// `{"ReceiverBranchId": 62, "name": "ASAKA BTS"}`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct InternationalBranchRef {
        /// `ReceiverBranchId`: the branch's id.
        #[serde(rename = "ReceiverBranchId")]
        pub receiver_branch_id: Option<i64>,
        /// `name`: the branch's name.
        pub name: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `city` object of an [`InternationalOrder`]: `{"ReceiverCityId": 3, "name": "Asaka
    /// tumani"}`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct InternationalCityRef {
        /// `ReceiverCityId`: the city's id.
        #[serde(rename = "ReceiverCityId")]
        pub receiver_city_id: Option<i64>,
        /// `name`: the city's name.
        pub name: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Response of `international/track-by-barcode`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct InternationalTrack {
        /// `barcode`: the parcel's barcode; a string (keep leading zeros), unquoted in the original example.
        pub barcode: Option<Scalar>,
        /// `status`: the current status `{code, message}`.
        pub status: Option<InternationalStatusRef>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `status` object of an [`InternationalTrack`].
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct InternationalStatusRef {
        /// `code`: the international status code (not an HTTP status).
        pub code: Option<InternationalStatus>,
        /// `message`: the server's label, e.g. "In the sorting center".
        pub message: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Body of `international/manifest`. The original documentation lost the example; every member is
    /// required and typed "string".
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "PascalCase")]
    pub struct ManifestRequest {
        /// `ManifestNumber` (required): the manifest's number.
        pub manifest_number: Option<String>,
        /// `Date` (required): the manifest's date (format not documented).
        pub date: Option<String>,
        /// `ParcelNumber` (required): order number(s); typed "string", but one-or-many is not
        /// documented, so any JSON value (a string, or an array) is accepted.
        pub parcel_number: Option<Value>,
        /// `ParcelsCount` (required): number of orders, a numeric string per the table.
        pub parcels_count: Option<Scalar>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Response of `international/manifest`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ManifestResult {
        /// `success`: whether the manifest was processed.
        pub success: Option<bool>,
        /// `message`: the server's message, e.g. "Manifest processed successfully..".
        pub message: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}
