//! Fulfillment WMS: one module per resource.
//!
//! | operation | request | response |
//! |---|---|---|
//! | `wms/purveyor/create` | [`PurveyorRequest`] | [`Created`]`<`[`Purveyor`]`>` |
//! | `wms/purveyor/clients` | (`page`) | [`ListResponse`]`<`[`Purveyor`]`>` |
//! | `wms/purveyor/client-status` | [`ClientStatusRequest`] | [`Message`] |
//! | `wms/product/create` | [`ProductRequest`] | [`Created`]`<`[`Product`]`>` |
//! | `wms/product/clients` | (`page`) | [`ListResponse`]`<`[`Product`]`>` |
//! | `wms/product/client-status` | [`ClientStatusRequest`] | [`Message`] |
//! | `wms/receiving-goods/create` | [`ReceivingGoodsRequest`] (flat, or document + [`ReceivingGoodsLine`]s) | [`Created`]`<`[`ReceivingGoods`]`>` |
//! | `wms/receiving-goods/clients` | (`page`) | [`ListResponse`]`<`[`ReceivingGoods`]`>` |
//! | `wms/receiving-goods/client-status` | [`ClientStatusRequest`] | [`Message`] |
//! | `wms/order/create` | [`WmsOrderRequest`] (+ [`WmsOrderItem`]) | [`Created`]`<`[`WmsOrder`]`>` |
//! | `wms/order/partial-return` | [`PartialReturnRequest`] (+ [`PartialReturnItem`]) | [`Created`]`<`[`PartialReturn`]`>` |
//!
//! The login and the token refresh (`{login, password}` and `{refresh_token}`, both answered
//! with a bare `{access_token, refresh_token}`) are made by the client itself from the
//! configuration; the tokens never leave the library, so they have no public types.
//!
//! The WMS tables and examples disagree on types almost everywhere: tables say "integer" where
//! responses send decimal strings, and the published request examples send every value as a
//! placeholder string. The server itself wants JSON strings for `inn`, `kpp`, `okpo`, `gtin`,
//! `unit` and `contract_number`. Such fields are [`Scalar`]s, which read either form and send
//! what the caller gave; booleans, described as "Да/Нет", "1 or 0" or "true/false", are
//! [`Flag`]s.
//!
//! [`Scalar`]: crate::model::Scalar
//! [`Flag`]: crate::model::Flag

mod envelope;
mod order;
mod product;
mod purveyor;
mod receiving_goods;

pub use envelope::{
    Ack, ClientStatusRequest, Created, ItemLinks, Link, ListResponse, Message, Page, PageLinks,
    PageMeta,
};
pub use order::{
    PartialReturn, PartialReturnItem, PartialReturnLine, PartialReturnRequest, WmsOrder,
    WmsOrderAddress, WmsOrderItem, WmsOrderLine, WmsOrderRequest,
};
pub use product::{Product, ProductPackaging, ProductRequest, ProductShelfLife, ProductTechnical};
pub use purveyor::{
    ContractBankDetail, EntityType, Purveyor, PurveyorRequest, SupplierBuyerStatus, TaxInfo,
};
pub use receiving_goods::{
    ReceivingGoods, ReceivingGoodsLine, ReceivingGoodsRequest, SupplierDetail, SupplierPackage,
};
