//! The current courier API (path-style routes, nested order bodies, JWT tokens): its request
//! bodies and the `data` of its replies.
//!
//! Every reply of this API is an envelope, `{"status", "message", "status_code", "data"}`; the
//! client hands over `data`, so the response types below are what `data` holds.
//!
//! | operation | request | response (`data`) |
//! |---|---|---|
//! | `order/add` | [`OrderRequest`] (+ [`Party`], [`Cargo`]) | [`Order`] |
//! | `order/edit` | [`OrderRequest`] with `orderId` | [`Order`] |
//! | `order/detail` | `orderId` | [`Order`] (+ [`CargoDetail`], [`CargoOptions`], [`CodedRef`], [`StickerData`]) |
//! | `order/list` | [`OrderListRequest`] | [`Items`]`<`[`Order`]`>` (shape not documented) |
//! | `order/track` | `orderId` | [`OrderState`] |
//! | `order/cancel` | `orderId` | [`OrderState`] |
//! | `order/cancellation` | `orderId` | [`Items`]`<`[`CancellationReason`]`>` (shape not documented) |
//! | `order/calculate` | [`PriceRequest`] (+ [`Dimensions`]) | [`PriceQuote`] (+ [`PriceOption`]) |
//! | `order/sticker` | `orderId` | [`Sticker`] |
//! | `order/stickers` | [`StickersRequest`] | [`Sticker`] |
//! | `order/test-update-status` | [`TestStatusRequest`] | not documented (raw JSON) |
//! | `directory/regions` | [`DirectoryQuery`] | [`Page`]`<`[`Region`]`>` |
//! | `directory/cities` | [`DirectoryQuery`] (`regionCode`) | [`Page`]`<`[`City`]`>` |
//! | `directory/branches` | [`DirectoryQuery`] (`regionCode`, `cityCode`) | [`Page`]`<`[`Branch`]`>` |
//! | `directory/statuses` | [`DirectoryQuery`] | [`Page`]`<`[`StatusInfo`]`>` |
//! | `directory/packages` | [`DirectoryQuery`] | [`Page`]`<`[`NamedRef`]`>` |
//! | `directory/post-types` | [`DirectoryQuery`] | [`Page`]`<`[`NamedRef`]`>` |
//! | `webhook/config` | [`WebhookConfig`] | [`WebhookConfig`] |
//! | the notification BTS posts | — | [`StatusNotification`] |
//! | `webhook/parse` | — | [`WebhookEvent`] |
//!
//! Status codes are [`StatusCode`]s, with labels from the built-in catalogue
//! ([`status_catalogue_json`]).
//!
//! The login and refresh (`{login, password}`, `{refresh_token}`, answered with
//! `data: {access_token, refresh_token}`) are made by the client from the configuration; the
//! tokens never leave the library, so they have no public types.
//!
//! Where the sources disagree, the models read every shape and send what the caller gave:
//! `bringBackMoney` is a [`Scalar`] (a flag or an amount), an order's `status` reads `code` or
//! `id`, a notification's status `status.id`, `status.code` or `statusCode`, and the
//! calculator's reply the four `*_to_*` prices or a single `all_cost`.
//!
//! [`CancellationReason`]: crate::model::CancellationReason
//! [`NamedRef`]: crate::model::NamedRef
//! [`Page`]: crate::model::Page
//! [`Scalar`]: crate::model::Scalar

mod directory;
mod order;
mod status;
mod webhook;

pub use directory::{Branch, City, DirectoryQuery, Region, StatusInfo};
pub use order::{
    Cargo, CargoDetail, CargoOptions, CodedRef, Dimensions, Items, Order, OrderListRequest,
    OrderRequest, OrderState, OrderStatusRef, Party, PriceOption, PriceQuote, PriceRequest,
    Sticker, StickerData, StickersRequest, TestStatusRequest,
};
pub use status::{status_catalogue_json, Lang, StatusCode, StatusEntry};
pub use webhook::{StatusNotification, WebhookConfig, WebhookEvent};
