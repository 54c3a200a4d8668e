//! Typed request and response bodies of the BTS courier API and the Fulfillment WMS.
//!
//! Every type here mirrors one JSON shape of `API.md`, with the server's exact member names
//! (`productPackagin`, `ReceiverPassposrtSerial`, `receiver_branch_id`, `_links`, …) and
//! snake_case Rust fields. The operations themselves travel as JSON (`Client::call`); these types
//! are for Rust code that wants to build a body or read a response with types.
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
//! - **Status codes are enums that never fail**: [`LocalStatus`] and [`InternationalStatus`] keep
//!   an undocumented code as `Unknown(code)`.
//!
//! | API.md | types |
//! |---|---|
//! | §1.5 validation errors | [`ValidationErrors`] |
//! | §2.1 token | [`TokenRequest`], [`TokenError`] |
//! | §2.2–§2.3 order add/edit | [`OrderRequest`], [`OrderEditRequest`], [`ReceiptOption`], [`ReceiptGood`], [`ItemLine`], [`Order`], [`NamedRef`], [`StatusRef`] |
//! | §2.4–§2.5 e-receipt goods | [`MxikGoodRequest`], [`MxikGood`] |
//! | §2.6–§2.11 detail, cancel, calculate, track, history, cancellation | [`Order`], [`CancelResult`], [`PriceRequest`], [`PriceQuote`], [`Track`], [`HistoryEvent`], [`CancellationReason`] |
//! | §2.12–§2.14 international | [`InternationalOrderRequest`], [`InternationalProduct`], [`InternationalOrder`], [`InternationalBranchRef`], [`InternationalCityRef`], [`InternationalTrack`], [`InternationalStatusRef`], [`ManifestRequest`], [`ManifestResult`] |
//! | §2.15–§2.16, §10 directory | [`Branch`], [`Region`], [`City`] |
//! | §3.1–§3.2 statuses | [`LocalStatus`], [`InternationalStatus`] |
//! | §4.1 WMS login | [`WmsLoginRequest`], [`WmsTokens`] |
//! | §1.6 WMS envelopes | [`Created`], [`ListResponse`], [`Page`], [`PageLinks`], [`PageMeta`], [`ItemLinks`], [`Link`], [`Message`] |
//! | §4.2–§4.4 purveyors | [`PurveyorRequest`], [`Purveyor`], [`ContractBankDetail`], [`EntityType`], [`SupplierBuyerStatus`], [`TaxInfo`] |
//! | §4.5–§4.7 products | [`ProductRequest`], [`Product`], [`ProductPackaging`], [`ProductShelfLife`], [`ProductTechnical`] |
//! | §4.8–§4.10 receiving goods | [`ReceivingGoodsRequest`], [`ReceivingGoods`], [`SupplierDetail`], [`SupplierPackage`] |
//! | §4.4, §4.7, §4.10 acknowledgements | [`ClientStatusRequest`], [`Ack`], [`Message`] |

#[macro_use]
mod macros;

mod common;
mod courier;
mod directory;
mod international;
mod status;
mod wms;

pub use common::{Flag, Scalar, ValidationErrors};
pub use courier::{
    CancelResult, CancellationReason, HistoryEvent, ItemLine, MxikGood, MxikGoodRequest, NamedRef,
    Order, OrderEditRequest, OrderRequest, PriceQuote, PriceRequest, ReceiptGood, ReceiptOption,
    StatusRef, TokenError, TokenRequest, Track,
};
pub use directory::{Branch, City, Region};
pub use international::{
    InternationalBranchRef, InternationalCityRef, InternationalOrder, InternationalOrderRequest,
    InternationalProduct, InternationalStatusRef, InternationalTrack, ManifestRequest,
    ManifestResult,
};
pub use status::{InternationalStatus, LocalStatus};
pub use wms::{
    Ack, ClientStatusRequest, ContractBankDetail, Created, EntityType, ItemLinks, Link,
    ListResponse, Message, Page, PageLinks, PageMeta, Product, ProductPackaging, ProductRequest,
    ProductShelfLife, ProductTechnical, Purveyor, PurveyorRequest, ReceivingGoods,
    ReceivingGoodsRequest, SupplierBuyerStatus, SupplierDetail, SupplierPackage, TaxInfo,
    WmsLoginRequest, WmsTokens,
};
