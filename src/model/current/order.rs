//! Orders of the current courier API: create, edit, detail, list, track, cancel, stickers,
//! test status changes and the price calculator.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::status::StatusCode;
use crate::model::common::{Flag, Scalar};
use crate::model::courier::{ItemLine, ReceiptOption};
use crate::model::wms::Page;

model! {
    /// Body of `order/add`, and of `order/edit` with [`order_id`](Self::order_id) set.
    ///
    /// Required: `pickup_type`, `dropoff_type`, `sender` (`name`, `phone`, `address`, and
    /// `city_code` unless `is_sender_location`), `receiver` (`name`, `phone`, `city_code`), and
    /// `cargo` (`weight`, `piece`). `clientId` is recommended: BTS echoes it in replies and
    /// webhooks, and it is the key of the create-once journal.
    ///
    /// ```
    /// # use bts::model::current::{Cargo, OrderRequest, Party};
    /// let order = OrderRequest {
    ///     client_id: Some("SHOP-1042".into()),
    ///     pickup_type: Some("self".into()),
    ///     dropoff_type: Some("courier".into()),
    ///     receiver: Some(Party {
    ///         name: Some("Example Customer".into()),
    ///         city_code: Some("3001".into()),
    ///         ..Default::default()
    ///     }),
    ///     cargo: Some(Cargo { weight: Some(1.2.into()), piece: Some(1), ..Default::default() }),
    ///     ..Default::default()
    /// };
    /// let json = serde_json::to_value(&order).unwrap();
    /// assert_eq!(json["receiver"]["city_code"], "3001");
    /// assert_eq!(json["cargo"]["piece"], 1);
    /// ```
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct OrderRequest {
        /// `orderId`: the BTS order id; `order/edit` only (the client also puts it in the query).
        #[serde(rename = "orderId")]
        pub order_id: Option<i64>,
        /// `clientId` (recommended): your own order number or code.
        #[serde(rename = "clientId")]
        pub client_id: Option<Scalar>,
        /// `wcs_code`: "900001" in every example; its meaning is not documented.
        pub wcs_code: Option<Scalar>,
        /// `pickup_type` (required): `"self"` (you bring the parcel to a branch) or `"courier"`
        /// (a courier collects it). Some integrations send `"branch"`; any string is sent as given.
        pub pickup_type: Option<String>,
        /// `dropoff_type` (required): `"courier"` (to the receiver's address) or `"branch"` (the
        /// receiver collects it).
        pub dropoff_type: Option<String>,
        /// `is_sender_location`: `true` when the sender is given by coordinates (no city code).
        pub is_sender_location: Option<Flag>,
        /// `is_receiver_location`: the same for the receiver.
        pub is_receiver_location: Option<Flag>,
        /// `sender` (required): who sends, and from where.
        pub sender: Option<Party>,
        /// `receiver` (required): who receives, and where.
        pub receiver: Option<Party>,
        /// `bringBackMoney`: cash on delivery. The documentation's example sends the flag `1`
        /// with the amount in `back_money`; one live integration found the server wants the
        /// amount here. Sent exactly as given (a number or a string).
        #[serde(rename = "bringBackMoney")]
        pub bring_back_money: Option<Scalar>,
        /// `back_money`: the amount to collect from the receiver, so'm.
        pub back_money: Option<Scalar>,
        /// `takePhoto`: 1 = photo proof at delivery.
        #[serde(rename = "takePhoto")]
        pub take_photo: Option<i64>,
        /// `bringBackWaybill`: 1 = bring the signed waybill back to the sender.
        #[serde(rename = "bringBackWaybill")]
        pub bring_back_waybill: Option<i64>,
        /// `cargo` (required): what is sent.
        pub cargo: Option<Cargo>,
        /// `ready_to_take`: `true` in every example (probably "ready for pickup now").
        pub ready_to_take: Option<Flag>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `sender` or `receiver` of an order: what a request sends (`city_code`,
    /// `branch_code`, coordinates) and what `order/detail` answers (`region`, `city`, `branch`
    /// objects, `stickerData`).
    ///
    /// Codes are strings with leading zeros (`"0109"`); a number is read and sent as given.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Party {
        /// `name` (required): full name or shop name.
        pub name: Option<String>,
        /// `phone` (required): `+998XXXXXXXXX`, no spaces.
        pub phone: Option<String>,
        /// `phone1`: a second phone (receiver).
        pub phone1: Option<String>,
        /// `address`: free-text address.
        pub address: Option<String>,
        /// `latitude`: decimal degrees, a string (with `is_*_location`).
        pub latitude: Option<Scalar>,
        /// `longitude`: decimal degrees, a string.
        pub longitude: Option<Scalar>,
        /// `city_code`: the city's code from `directory/cities` (the receiver's is always
        /// required, even for branch drop-off).
        pub city_code: Option<Scalar>,
        /// `branch_code`: the branch's code, for `pickup_type: self` (sender) or
        /// `dropoff_type: branch` (receiver).
        pub branch_code: Option<Scalar>,
        /// `region` (replies): `{id, name, code}`.
        pub region: Option<CodedRef>,
        /// `city` (replies): `{id, name, code}`; `code` may be `null`.
        pub city: Option<CodedRef>,
        /// `village` (replies): `null` in the example, kept as raw JSON.
        pub village: Option<Value>,
        /// `branch` (replies): `{id, name, code}`.
        pub branch: Option<CodedRef>,
        /// `stickerData` (replies, receiver): what the label prints.
        #[serde(rename = "stickerData")]
        pub sticker_data: Option<StickerData>,
        /// Members the documentation does not describe, kept as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `cargo` of an order request.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct Cargo {
        /// `weight` (required): kg.
        pub weight: Option<Scalar>,
        /// `volume`: volume (unit not stated).
        pub volume: Option<Scalar>,
        /// `piece` (required): number of pieces.
        pub piece: Option<i64>,
        /// `packageId`: packaging type, from `directory/packages` (one live integration found it
        /// required: send it).
        pub package_id: Option<i64>,
        /// `postTypeId`: content type, from `directory/post-types`.
        pub post_type_id: Option<i64>,
        /// `postTypes`: the goods, `{name, code, count, cost}` (names at most 20 characters live).
        pub post_types: Option<Vec<ItemLine>>,
        /// `options`: fiscal-receipt goods, `[{optionId, goods: [{mxikGoodsId, amount,
        /// goodPrice}]}]`.
        pub options: Option<Vec<ReceiptOption>>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// An order as the server answers it: the `data` of `order/add`, `order/edit` and
    /// `order/detail` (add and edit answer a subset: `orderId`, `clientId`, `barcode`, `cost`,
    /// `tracking`, the dates and `status`).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Order {
        /// `orderId`: the BTS order id (an integer; a string is kept as sent).
        #[serde(rename = "orderId")]
        pub order_id: Option<Scalar>,
        /// `clientId`: your reference, echoed.
        #[serde(rename = "clientId")]
        pub client_id: Option<Scalar>,
        /// `wcs_code`: echoed (detail).
        pub wcs_code: Option<Scalar>,
        /// `barcode`: the shipment's barcode, a string of digits.
        pub barcode: Option<String>,
        /// `tracking`: a public tracking URL (sometimes empty).
        pub tracking: Option<String>,
        /// `customer` (detail): your account `{id, name}`.
        pub customer: Option<CodedRef>,
        /// `status`: `{code, info}`; `code` may be `null` in detail (read `order/track`).
        pub status: Option<OrderStatusRef>,
        /// `pickup_type` (detail).
        pub pickup_type: Option<String>,
        /// `dropoff_type` (detail).
        pub dropoff_type: Option<String>,
        /// `sender` (detail).
        pub sender: Option<Party>,
        /// `receiver` (detail).
        pub receiver: Option<Party>,
        /// `cargo` (detail).
        pub cargo: Option<CargoDetail>,
        /// `cost`: the delivery price; a number, a string, or `null` (detail).
        pub cost: Option<Scalar>,
        /// `senderDate`: `YYYY-MM-DD`.
        #[serde(rename = "senderDate")]
        pub sender_date: Option<String>,
        /// `receiverDate`: `YYYY-MM-DD`.
        #[serde(rename = "receiverDate")]
        pub receiver_date: Option<String>,
        /// `declarations` (detail): an empty list in the example, kept as raw JSON.
        pub declarations: Option<Vec<Value>>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A reference with an id, a name and maybe a code: `customer`, a party's `region`, `city`
    /// and `branch`, the cargo's `package` and `postType`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct CodedRef {
        /// `id`: the record's numeric id.
        pub id: Option<i64>,
        /// `name`: its name.
        pub name: Option<String>,
        /// `code`: its string code (`"01"`), or `null`.
        pub code: Option<Scalar>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The receiver's `stickerData` in `order/detail`: what the label prints (undocumented).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct StickerData {
        /// `hubName`: the hub.
        pub hub_name: Option<String>,
        /// `cityName`: the city.
        pub city_name: Option<String>,
        /// `branchName`: the branch.
        pub branch_name: Option<String>,
        /// `zonaId`: the delivery zone.
        pub zona_id: Option<i64>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `cargo` of `order/detail`: decimals as strings, package and type as objects, and
    /// `options` as one object of flags (unlike the request's list of receipt options).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct CargoDetail {
        /// `weight`: kg, e.g. "1.200".
        pub weight: Option<Scalar>,
        /// `volume`: e.g. "0.000".
        pub volume: Option<Scalar>,
        /// `piece`: number of pieces.
        pub piece: Option<i64>,
        /// `package`: `{id, name}`.
        pub package: Option<CodedRef>,
        /// `postType`: `{id, name}`.
        pub post_type: Option<CodedRef>,
        /// `postTypes`: the goods.
        pub post_types: Option<Vec<ItemLine>>,
        /// `options`: the order's flags and cash on delivery.
        pub options: Option<CargoOptions>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// `cargo.options` of `order/detail`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct CargoOptions {
        /// `with_unired`: undocumented (`null`), kept as raw JSON.
        pub with_unired: Option<Value>,
        /// `urgent`: undocumented integer (`0`).
        pub urgent: Option<i64>,
        /// `takePhoto`: 1 = photo proof at delivery.
        #[serde(rename = "takePhoto")]
        pub take_photo: Option<i64>,
        /// `bringBackWaybill`: 1 = bring the waybill back.
        #[serde(rename = "bringBackWaybill")]
        pub bring_back_waybill: Option<i64>,
        /// `bringBackMoney`: cash on delivery, as the server stores it.
        #[serde(rename = "bringBackMoney")]
        pub bring_back_money: Option<Scalar>,
        /// `back_money`: the amount to collect, e.g. "0".
        pub back_money: Option<Scalar>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// An order's `status` object, in every spelling the sources show: `{code, info}` (add,
    /// detail), `{code, name}` (track, webhooks), `{id, name}` (cancel, some webhooks).
    ///
    /// [`code`](Self::code) reads `code`, else `id`. Encoding writes back the members received.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct OrderStatusRef {
        /// `code`: the status code (100–1400), or `null`.
        pub code: Option<StatusCode>,
        /// `id`: the status code under the cancel reply's key (`0` after a cancel).
        pub id: Option<StatusCode>,
        /// `name`: the server's label.
        pub name: Option<String>,
        /// `info`: the server's label in add and detail replies.
        pub info: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl OrderStatusRef {
    /// The status code: `code`, else `id`; `None` when the server sent neither (or `null`).
    pub fn code(&self) -> Option<StatusCode> {
        self.code.or(self.id)
    }

    /// The server's label: `name`, else `info`.
    pub fn label(&self) -> Option<&str> {
        self.name.as_deref().or(self.info.as_deref())
    }
}

model! {
    /// The `data` of `order/track` and `order/cancel`: an order id and its status.
    ///
    /// Track answers `{orderId, status: {code, name}}`; cancel answers `{orderId, status: {id:
    /// 0, name: "Cancelled Order"}}` (what track reports after a cancel is not documented).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct OrderState {
        /// `orderId`: the order's id.
        #[serde(rename = "orderId")]
        pub order_id: Option<Scalar>,
        /// `status`: see [`OrderStatusRef::code`].
        pub status: Option<OrderStatusRef>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Parameters of `order/list`: the orders created in a date range.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct OrderListRequest {
        /// `beginDate`: first day, `YYYY-MM-DD`.
        pub begin_date: Option<String>,
        /// `endDate`: last day, `YYYY-MM-DD`.
        pub end_date: Option<String>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

/// A list reply whose shape is not documented: a bare JSON array, or a Yii2 page object
/// (`{"items": […], "_meta": …}`). Used by `order/list` and `order/cancellation`.
///
/// An object without `items` decodes as a page with no items and its members in
/// [`Page::extra`], so nothing is lost (encoding it again adds `"items": []`).
///
/// ```
/// # use bts::model::current::Items;
/// let bare: Items<i64> = serde_json::from_str("[1, 2]").unwrap();
/// let page: Items<i64> = serde_json::from_str(r#"{"items": [1, 2]}"#).unwrap();
/// assert_eq!(bare.items(), page.items());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub enum Items<T> {
    /// A JSON array.
    List(Vec<T>),
    /// An object with `items` (boxed: a page is much larger than a list).
    Page(Box<Page<T>>),
}

impl<T> Items<T> {
    /// The records, whichever shape they came in.
    pub fn items(&self) -> &[T] {
        match self {
            Items::List(items) => items,
            Items::Page(page) => &page.items,
        }
    }
}

model! {
    /// Body of `order/stickers`: several labels in one PDF (at most 50 orders).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct StickersRequest {
        /// `orderIds`: the orders, at most 50.
        pub order_ids: Vec<i64>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `data` of `order/sticker` and `order/stickers`: where the label PDF is.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct Sticker {
        /// `labelSticker`: URL of the PDF (possibly temporary: download it and keep the file).
        pub label_sticker: Option<String>,
        /// `labelEncode`: the label as encoded data where the server sends it (`null` in the
        /// example); the fallback when `labelSticker` is empty.
        pub label_encode: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Body of `order/test-update-status` (test server only): move a test order to a status,
    /// which also fires the status webhook. The reply's shape is not documented.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct TestStatusRequest {
        /// `orderId`: the test order.
        pub order_id: Option<i64>,
        /// `statusCode`: the status to move it to.
        pub status_code: Option<StatusCode>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Body of `order/calculate` on the current API: the price of a route.
    ///
    /// Required: `senderCityCode`, `receiverCityCode`, `pickup_type`, `dropoff_type`, `weight`.
    /// With `is_multiple_cost: 1` the reply prices all four pickup/drop-off combinations; send
    /// it and pick the one you need with [`PriceQuote::option`].
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PriceRequest {
        /// `senderCityCode` (required): the sender's city code (the page says "branch code";
        /// its examples and every integration pass city codes).
        #[serde(rename = "senderCityCode")]
        pub sender_city_code: Option<Scalar>,
        /// `receiverCityCode` (required): the receiver's city code.
        #[serde(rename = "receiverCityCode")]
        pub receiver_city_code: Option<Scalar>,
        /// `pickup_type` (required): `"courier"`, `"branch"` or `"self"`.
        pub pickup_type: Option<String>,
        /// `dropoff_type` (required): `"courier"`, `"branch"` or `"self"`.
        pub dropoff_type: Option<String>,
        /// `is_multiple_cost`: 1 = all four combinations, 0 = the requested one only.
        pub is_multiple_cost: Option<i64>,
        /// `weight` (required): kg.
        pub weight: Option<Scalar>,
        /// `volume`: the parcel's dimensions.
        pub volume: Option<Dimensions>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A parcel's dimensions, `{x, y, z}` (centimetres, by one integration's reading).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Dimensions {
        /// `x`: length.
        pub x: Option<Scalar>,
        /// `y`: width.
        pub y: Option<Scalar>,
        /// `z`: height.
        pub z: Option<Scalar>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `data` of `order/calculate` on the current API: one price per pickup/drop-off
    /// combination, and `all_cost`, the single price one integration reads when
    /// `is_multiple_cost` is 0.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PriceQuote {
        /// `branch_to_branch`: you bring it to a branch, the receiver collects it at a branch.
        pub branch_to_branch: Option<PriceOption>,
        /// `branch_to_courier`: you bring it to a branch, a courier delivers.
        pub branch_to_courier: Option<PriceOption>,
        /// `courier_to_branch`: a courier collects it, the receiver collects at a branch.
        pub courier_to_branch: Option<PriceOption>,
        /// `courier_to_courier`: courier both ways.
        pub courier_to_courier: Option<PriceOption>,
        /// `all_cost`: a single price (the other reading of an `is_multiple_cost: 0` reply).
        pub all_cost: Option<Scalar>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl PriceQuote {
    /// The price for an order's `pickup_type` and `dropoff_type`: pickup `"self"` or
    /// `"branch"` reads the `branch_…` keys and `"courier"` the `courier_…` ones; drop-off
    /// `"courier"` reads `…_to_courier` and anything else `…_to_branch`.
    ///
    /// ```
    /// # use bts::model::current::PriceQuote;
    /// let quote: PriceQuote = serde_json::from_str(
    ///     r#"{"branch_to_courier": {"available": true, "price": 52000}}"#,
    /// ).unwrap();
    /// let option = quote.option("self", "courier").unwrap();
    /// assert_eq!(option.price.as_ref().and_then(|p| p.as_i64()), Some(52000));
    /// assert!(quote.option("courier", "branch").is_none());
    /// ```
    pub fn option(&self, pickup_type: &str, dropoff_type: &str) -> Option<&PriceOption> {
        let by_courier = |t: &str| t.trim().eq_ignore_ascii_case("courier");
        match (by_courier(pickup_type), by_courier(dropoff_type)) {
            (false, false) => self.branch_to_branch.as_ref(),
            (false, true) => self.branch_to_courier.as_ref(),
            (true, false) => self.courier_to_branch.as_ref(),
            (true, true) => self.courier_to_courier.as_ref(),
        }
    }
}

model! {
    /// One combination of a [`PriceQuote`].
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PriceOption {
        /// `available`: whether BTS serves this combination.
        pub available: Option<bool>,
        /// `price`: the price (an integer; so'm, presumably).
        pub price: Option<Scalar>,
        /// `reason`: why it is unavailable, or `null`.
        pub reason: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}
