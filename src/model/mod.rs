//! Typed request and response bodies of the BTS courier APIs (legacy and current) and the
//! Fulfillment WMS.
//!
//! Every type here mirrors one JSON shape of BTS's documentation, with the server's exact member
//! names (`productPackagin`, `ReceiverPassposrtSerial`, `receiver_branch_id`, `_links`, …) and
//! snake_case Rust fields. The operations themselves travel as JSON (`Client::call`); these types
//! are for Rust code that wants to build a body or read a response with types. The legacy
//! courier API's types are at the top of this module, the current API's in [`current`], the
//! WMS's at the top too (`Purveyor`, `WmsOrder`, …).
//!
//! Three rules hold for every type:
//!
//! - **Nothing is lost.** Each struct keeps members it does not know in `extra`, every member is
//!   optional (the server omits some), and the value types [`Scalar`] and [`Flag`] keep a number
//!   or a yes/no in the JSON form it came in. Decoding a response and encoding it again gives the
//!   same JSON, except that `null` members are written as absent and a JSON number's spelling
//!   may change (`12000.00` is written `12000.0`; numbers sent as strings keep every character).
//! - **Requests are built with `Default`**: `OrderRequest { sender_city_id: Some(3),
//!   ..Default::default() }`. Required members are checked on the JSON before sending, so a
//!   request type does not enforce them.
//! - **Status codes never fail**: [`LocalStatus`], [`InternationalStatus`] and
//!   [`FulfillmentStatus`] keep an undocumented code as `Unknown(code)`, and
//!   [`current::StatusCode`] keeps any code.
//!
//! Legacy courier API:
//!
//! | operations | types |
//! |---|---|
//! | order add/edit | [`OrderRequest`], [`OrderEditRequest`], [`ReceiptOption`], [`ReceiptGood`], [`ItemLine`], [`Order`], [`NamedRef`], [`StatusRef`] |
//! | detail, cancel, calculate, track, history, cancellation | [`Order`], [`CancelResult`], [`PriceRequest`], [`PriceQuote`], [`Track`], [`HistoryEvent`], [`CancellationReason`] |
//! | international | [`InternationalOrderRequest`], [`InternationalProduct`], [`InternationalOrder`], [`InternationalBranchRef`], [`InternationalCityRef`], [`InternationalTrack`], [`InternationalStatusRef`], [`ManifestRequest`], [`ManifestResult`] |
//! | directory | [`Branch`], [`Region`], [`City`] |
//! | statuses | [`LocalStatus`], [`InternationalStatus`] |
//!
//! Fulfillment WMS:
//!
//! | operations | types |
//! |---|---|
//! | envelopes | [`Created`], [`ListResponse`], [`Page`], [`PageLinks`], [`PageMeta`], [`ItemLinks`], [`Link`], [`Message`] |
//! | purveyors | [`PurveyorRequest`], [`Purveyor`], [`ContractBankDetail`], [`EntityType`], [`SupplierBuyerStatus`], [`TaxInfo`] |
//! | products | [`ProductRequest`], [`Product`], [`ProductPackaging`], [`ProductShelfLife`], [`ProductTechnical`] |
//! | receiving goods | [`ReceivingGoodsRequest`], [`ReceivingGoodsLine`], [`ReceivingGoods`], [`SupplierDetail`], [`SupplierPackage`] |
//! | fulfilment orders | [`WmsOrderRequest`], [`WmsOrderItem`], [`WmsOrder`], [`WmsOrderAddress`], [`WmsOrderLine`], [`FulfillmentStatus`], [`PartialReturnRequest`], [`PartialReturnItem`], [`PartialReturn`], [`PartialReturnLine`] |
//! | acknowledgements | [`ClientStatusRequest`], [`Ack`], [`Message`] |
//!
//! Logins and token refreshes have no public types: the client makes them from the
//! configuration and its tokens never leave the library.

#[macro_use]
mod macros;

pub mod binding;
mod common;
mod courier;
pub mod current;
mod directory;
mod international;
mod label;
mod status;
mod wms;

pub use common::{Flag, Scalar};
pub use courier::{
    CancelResult, CancellationReason, HistoryEvent, ItemLine, NamedRef, Order, OrderEditRequest,
    OrderRequest, PriceQuote, PriceRequest, ReceiptGood, ReceiptOption, StatusRef, Track,
};
pub use current::status_catalogue_json;
pub use directory::{Branch, City, Region};
pub use international::{
    InternationalBranchRef, InternationalCityRef, InternationalOrder, InternationalOrderRequest,
    InternationalProduct, InternationalStatusRef, InternationalTrack, ManifestRequest,
    ManifestResult,
};
pub use label::SavedLabel;
pub use status::{FulfillmentStatus, InternationalStatus, LocalStatus};
pub use wms::{
    Ack, ClientStatusRequest, ContractBankDetail, Created, EntityType, ItemLinks, Link,
    ListResponse, Message, Page, PageLinks, PageMeta, PartialReturn, PartialReturnItem,
    PartialReturnLine, PartialReturnRequest, Product, ProductPackaging, ProductRequest,
    ProductShelfLife, ProductTechnical, Purveyor, PurveyorRequest, ReceivingGoods,
    ReceivingGoodsLine, ReceivingGoodsRequest, SupplierBuyerStatus, SupplierDetail,
    SupplierPackage, TaxInfo, WmsOrder, WmsOrderAddress, WmsOrderItem, WmsOrderLine,
    WmsOrderRequest,
};
