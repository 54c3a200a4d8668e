//! Legacy courier API, local orders.
//!
//! | operation | request | response |
//! |---|---|---|
//! | `order/add` | [`OrderRequest`] (+ [`ReceiptOption`], [`ReceiptGood`], [`ItemLine`]) | [`Order`] |
//! | `order/edit` | [`OrderEditRequest`] | [`Order`] |
//! | `order/detail` | `orderId` | [`Order`] |
//! | `order/cancel` | `orderId` | [`CancelResult`] |
//! | `order/calculate` | [`PriceRequest`] | [`PriceQuote`] |
//! | `order/track` | `orderId` | [`Track`] |
//! | `order/history` | `orderId` | `Vec<`[`HistoryEvent`]`>` |
//! | `order/cancellation` | `orderId` | `Vec<`[`CancellationReason`]`>` |
//!
//! The login (`auth/get-token`) is built from the configuration, and the e-receipt goods
//! registration has no documented route, so neither has a public type. A receipt good's
//! `mxikGoodsId` is the `id` that registration answers.
//!
//! Responses keep undocumented members in `extra`; requests send whatever is put in `extra`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{null_as_empty, Scalar};
use super::status::LocalStatus;

model! {
    /// Body of `order/add`; also the order part of [`OrderEditRequest`].
    ///
    /// Every field is optional here; the required ones (marked `*` in the documentation:
    /// `senderCityId`,
    /// `senderAddress`, `senderReal`, `senderPhone`, `weight`, `packageId`, `postTypeId`,
    /// `receiver`, `receiverAddress`, `receiverCityId`, `receiverPhone`) are checked before
    /// sending.
    ///
    /// ```
    /// # use bts::model::OrderRequest;
    /// let order = OrderRequest {
    ///     sender_city_id: Some(3),
    ///     weight: Some(2.into()),
    ///     ..Default::default()
    /// };
    /// assert_eq!(
    ///     serde_json::to_string(&order).unwrap(),
    ///     r#"{"senderCityId":3,"weight":2}"#
    /// );
    /// ```
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct OrderRequest {
        /// `senderCityId` (required): the sender's city id, from the city list.
        pub sender_city_id: Option<i64>,
        /// `senderAddress` (required): the sender's address.
        pub sender_address: Option<String>,
        /// `senderDelivery`: pickup mode, 1 = call a courier, 0 = the sender brings it to a BTS
        /// office.
        pub sender_delivery: Option<i64>,
        /// `senderReal` (required): the sender's full name.
        pub sender_real: Option<String>,
        /// `senderPhone` (required): the sender's phone number, e.g. "+998 99 1234567".
        pub sender_phone: Option<String>,
        /// `weight` (required): shipment weight, kg (a "double"; responses send it as "2.000").
        pub weight: Option<Scalar>,
        /// `packageId` (required): packaging type id.
        pub package_id: Option<i64>,
        /// `postTypeId` (required): shipment (post) type id.
        pub post_type_id: Option<i64>,
        /// `receiver` (required): the receiver's full name.
        pub receiver: Option<String>,
        /// `receiverAddress` (required): the receiver's address.
        pub receiver_address: Option<String>,
        /// `receiverDelivery`: 1 = a courier delivers, 0 = the receiver collects at a BTS office.
        pub receiver_delivery: Option<i64>,
        /// `receiverCityId` (required): the receiver's city id, from the city list.
        pub receiver_city_id: Option<i64>,
        /// `receiver_branch_id` (snake_case on the wire): pickup branch when `receiverDelivery` is
        /// 0.
        #[serde(rename = "receiver_branch_id")]
        pub receiver_branch_id: Option<i64>,
        /// `clientId`: the client's own barcode/reference for the shipment.
        pub client_id: Option<String>,
        /// `volume`: length × height × width (units not stated; responses send `0` or `"0"`).
        pub volume: Option<Scalar>,
        /// `takePhoto`: 1 = a photo of the receiver is required, 0 = not (default 0).
        pub take_photo: Option<i64>,
        /// `is_test` (snake_case on the wire): 1 = a test order, 0 = a real one (default 0).
        #[serde(rename = "is_test")]
        pub is_test: Option<i64>,
        /// `senderSign`: the sender's signature (encoding not documented).
        pub sender_sign: Option<String>,
        /// `receiverSign`: the receiver's signature (encoding not documented).
        pub receiver_sign: Option<String>,
        /// `piece`: number of pieces in the shipment (default 1).
        pub piece: Option<i64>,
        /// `senderDate`: hand-over date, `YYYY-MM-DD` (defaults to the order date).
        pub sender_date: Option<String>,
        /// `receiverDate`: date received, `YYYY-MM-DD` (defaults to the order date).
        pub receiver_date: Option<String>,
        /// `receiverPhone` (required): the receiver's phone number.
        pub receiver_phone: Option<String>,
        /// `receiverPhone1`: the receiver's additional phone number.
        pub receiver_phone1: Option<String>,
        /// `bringBackMoney`: 1 = cash on delivery (then fill `back_money` and `options`), 0 = no.
        pub bring_back_money: Option<i64>,
        /// `back_money` (snake_case on the wire): amount to collect; required if `bringBackMoney`
        /// is 1.
        #[serde(rename = "back_money")]
        pub back_money: Option<Scalar>,
        /// `bringBackWaybill`: 1 = a return document (waybill) is required.
        pub bring_back_waybill: Option<i64>,
        /// `additionalInfo`: comments.
        pub additional_info: Option<String>,
        /// `labelEncode`: barcode label file (encoding not documented).
        pub label_encode: Option<String>,
        /// `options`: electronic cash-register receipt data, mandatory for cash on delivery.
        pub options: Option<Vec<ReceiptOption>>,
        /// `postTypes`: the shipment's item lines (key lost in the seed, restored from the full
        /// order example).
        pub post_types: Option<Vec<ItemLine>>,
        /// Members the documentation does not describe (e.g. the shop's `orderId`, `wcs_code`,
        /// in the full order example), sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One element of an order's `options`: a receipt option and its goods.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct ReceiptOption {
        /// `optionId`: 2 = issue an electronic cash-register receipt (the only documented value).
        pub option_id: Option<i64>,
        /// `goods`: the goods on the receipt (always sent; an absent or `null` list reads as
        /// empty).
        #[serde(default, deserialize_with = "null_as_empty")]
        pub goods: Vec<ReceiptGood>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One element of `options[].goods`: a registered good, its quantity and price.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct ReceiptGood {
        /// `mxikGoodsId`: the good's `id` from e-receipt registration or list (the `id` the
        /// e-receipt registration answers).
        pub mxik_goods_id: Option<i64>,
        /// `amount`: quantity of this good.
        pub amount: Option<i64>,
        /// `goodPrice`: price of one unit in so'm (an integer here, a string in the registration's
        /// response).
        pub good_price: Option<Scalar>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One item line of an order (`postTypes[]`): `{name, code, count, cost}`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ItemLine {
        /// `name`: the item's name, e.g. "Kitob" (book).
        pub name: Option<String>,
        /// `code`: the item's code, e.g. "ZFD21AD".
        pub code: Option<String>,
        /// `count`: number of such items.
        pub count: Option<i64>,
        /// `cost`: the item's value in so'm (only in the full order example, as an integer).
        pub cost: Option<Scalar>,
        /// Members the documentation does not describe, kept as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Body of `order/edit`: the full order plus the `orderId` to change.
    ///
    /// ```
    /// # use bts::model::{OrderEditRequest, OrderRequest};
    /// let edit = OrderEditRequest {
    ///     order_id: Some(229234),
    ///     order: OrderRequest {
    ///         receiver_phone: Some("+998 99 1234568".into()),
    ///         ..Default::default()
    ///     },
    /// };
    /// let json = serde_json::to_value(&edit).unwrap();
    /// assert_eq!(json["orderId"], 229234);
    /// assert_eq!(json["receiverPhone"], "+998 99 1234568");
    /// ```
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct OrderEditRequest {
        /// `orderId` (required): the BTS order id returned by `order/add`.
        pub order_id: Option<i64>,
        /// Every field of [`OrderRequest`], at the same level as `orderId` on the wire.
        #[serde(flatten)]
        pub order: OrderRequest,
    }
}

model! {
    /// An `{id, name, regionId}` reference inside an order: `customer`, the
    /// sender's/receiver's region, city and branch, `package` and `postType`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct NamedRef {
        /// `id`: the referenced record's id.
        pub id: Option<i64>,
        /// `name`: its name as the server spells it (Latin or Cyrillic, trailing spaces kept).
        pub name: Option<String>,
        /// `regionId`: the region of a city or branch (absent on regions, packages and some
        /// cities).
        pub region_id: Option<i64>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// An order's `status` object: `{id, info}` in add/edit/detail,
    /// `{id, name}` in cancel and track.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct StatusRef {
        /// `id`: the status code.
        pub id: Option<LocalStatus>,
        /// `info`: the server's label in add/edit/detail responses, e.g. "Mijozda".
        pub info: Option<String>,
        /// `name`: the server's label in cancel/track responses, e.g. "new".
        pub name: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl StatusRef {
    /// The server's label, whichever key carried it (`info`, else `name`).
    pub fn label(&self) -> Option<&str> {
        self.info.as_deref().or(self.name.as_deref())
    }
}

model! {
    /// A local order as the server returns it from `order/add`, `order/edit` and `order/detail`
    ///.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct Order {
        /// `orderId`: the BTS order id (integer in add/edit, a string in detail).
        pub order_id: Option<Scalar>,
        /// `customer`: the account's company `{id, name}`.
        pub customer: Option<NamedRef>,
        /// `status`: the current status `{id, info}`.
        pub status: Option<StatusRef>,
        /// `senderRegion`: the sender's region `{id, name}`.
        pub sender_region: Option<NamedRef>,
        /// `senderCity`: the sender's city `{id, name, regionId}`.
        pub sender_city: Option<NamedRef>,
        /// `senderBranch`: the sender's BTS branch `{id, name, regionId}`.
        pub sender_branch: Option<NamedRef>,
        /// `senderDelivery`: pickup mode, 1 = courier, 0 = brought to an office.
        pub sender_delivery: Option<i64>,
        /// `senderAddress`: the sender's address.
        pub sender_address: Option<String>,
        /// `senderReal`: the sender's full name (absent from the detail example).
        pub sender_real: Option<String>,
        /// `senderPhone`: the sender's phone number.
        pub sender_phone: Option<String>,
        /// `receiver`: the receiver's full name.
        pub receiver: Option<String>,
        /// `receiverRegion`: the receiver's region `{id, name}`.
        pub receiver_region: Option<NamedRef>,
        /// `receiverCity`: the receiver's city `{id, name}`.
        pub receiver_city: Option<NamedRef>,
        /// `receiverBranch`: the receiver's BTS branch `{id, name, regionId}`.
        pub receiver_branch: Option<NamedRef>,
        /// `receiverDelivery`: 1 = courier delivers, 0 = collected at an office.
        pub receiver_delivery: Option<i64>,
        /// `receiverAddress`: the receiver's address.
        pub receiver_address: Option<String>,
        /// `receiverPhone`: the receiver's phone number.
        pub receiver_phone: Option<String>,
        /// `receiverPhone1`: the receiver's additional phone number (often `null`).
        pub receiver_phone1: Option<String>,
        /// `package`: packaging type `{id, name}`.
        pub package: Option<NamedRef>,
        /// `postType`: shipment type `{id, name}`.
        pub post_type: Option<NamedRef>,
        /// `cost`: delivery price in so'm, a decimal string such as "12000.00".
        pub cost: Option<Scalar>,
        /// `weight`: weight in kg, a decimal string such as "2.000".
        pub weight: Option<Scalar>,
        /// `piece`: number of pieces.
        pub piece: Option<i64>,
        /// `clientId`: the client's own reference (absent from the detail example).
        pub client_id: Option<String>,
        /// `volume`: volume, `0` in add/edit but `"0"` in detail.
        pub volume: Option<Scalar>,
        /// `urgent`: undocumented integer seen only in the detail example (`0`).
        pub urgent: Option<i64>,
        /// `takePhoto`: 1 = a photo of the receiver is required, 0 = not.
        pub take_photo: Option<i64>,
        /// `senderSign`: the sender's signature (`null` in the examples).
        pub sender_sign: Option<String>,
        /// `receiverSign`: the receiver's signature (`null` in the examples).
        pub receiver_sign: Option<String>,
        /// `senderDate`: hand-over date, `YYYY-MM-DD`.
        pub sender_date: Option<String>,
        /// `receiverDate`: date received, `YYYY-MM-DD`.
        pub receiver_date: Option<String>,
        /// `barcode`: the shipment's BTS barcode, e.g. "60000006106".
        pub barcode: Option<String>,
        /// `labelEncode`: the label file (encoding not documented; "<encoded_file>" in examples).
        pub label_encode: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Response of `order/cancel`: the order id and its new status
    /// (`{"id": 0, "name": "Bekor qilingan buyurtma"}`).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct CancelResult {
        /// `orderId`: the cancelled order's id (a string, "229234", in the example).
        pub order_id: Option<Scalar>,
        /// `status`: the new status `{id, name}`.
        pub status: Option<StatusRef>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Body of `order/calculate`: what the price depends on.
    ///
    /// Required: `senderCityId`, `receiverCityId`, `weight`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct PriceRequest {
        /// `senderCityId` (required): the sender's city id.
        pub sender_city_id: Option<i64>,
        /// `receiverCityId` (required): the receiver's city id.
        pub receiver_city_id: Option<i64>,
        /// `weight` (required): shipment weight, kg.
        pub weight: Option<Scalar>,
        /// `volume`: length × height × width; `null` in the example (`None` is simply not sent).
        pub volume: Option<Scalar>,
        /// `senderDate`: hand-over date, `YYYY-MM-DD`.
        pub sender_date: Option<String>,
        /// `senderDelivery`: 2 = courier from a remote village, 1 = courier in the city, 0 =
        /// office.
        pub sender_delivery: Option<i64>,
        /// `receiverDelivery`: 2 = courier to a remote village, 1 = courier in the city, 0 =
        /// office.
        pub receiver_delivery: Option<i64>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Response of `order/calculate`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct PriceQuote {
        /// `summaryPrice`: the delivery price in so'm (an integer in the example).
        pub summary_price: Option<Scalar>,
        /// `requestData`: the server's echo of the request, kept as raw JSON.
        pub request_data: Option<Value>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Response of `order/track`: the order's current status.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct Track {
        /// `orderId`: the order's id (an integer in the example).
        pub order_id: Option<Scalar>,
        /// `status`: the current status `{id, name}` (the example's name is English, "new").
        pub status: Option<StatusRef>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One element of `order/history`: a status change of the order.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct HistoryEvent {
        /// `message`: the event's text.
        pub message: Option<String>,
        /// `timestamp`: when it happened, apparently Unix seconds (1720690236 = 2024-07-11 UTC).
        pub timestamp: Option<i64>,
        /// `status_id`: the status reached.
        pub status_id: Option<LocalStatus>,
        /// `location`: the branch where it happened, e.g. "QUSHBEGI BTS (PVZ)".
        pub location: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One element of `order/cancellation`: a reason recorded for cancelling or
    /// refusing the order.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct CancellationReason {
        /// `employee`: the BTS employee who recorded it.
        pub employee: Option<String>,
        /// `description`: the reason, e.g. "Saqlash muddati tugagan" (storage period expired).
        pub description: Option<String>,
        /// `date`: when, `YYYY-MM-DD HH:MM:SS` (unquoted in the seed; a string here).
        pub date: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}
