//! What the current courier API remembers: its orders (with the validated input, status,
//! dates and cancellation reasons), the webhook registration and the clock; the account.

use crate::catalog::{self, Lang};
use crate::legacy::store::Reason;
use serde_json::Value;
use std::time::{Duration, Instant};

/// The current API's account.
pub(crate) const LOGIN: &str = "demo";
pub(crate) const PASSWORD: &str = "demo-current-secret";

/// The first order id and barcode number.
pub(crate) const FIRST_ORDER_ID: i64 = 5_000_001;
pub(crate) const FIRST_BARCODE: u64 = 15_000_001;

/// Stickers take at most this many orders.
pub(crate) const MAX_STICKERS: usize = 50;

/// List pages: default and largest `per-page`.
pub(crate) const PER_PAGE: i64 = 20;
pub(crate) const MAX_PER_PAGE: i64 = 50;

/// The webhook registration (no `Debug`: it carries the key).
#[derive(Clone)]
pub(crate) struct Hook {
    pub(crate) url: String,
    pub(crate) environment: String,
    pub(crate) has_token: bool,
    pub(crate) key: Option<String>,
    pub(crate) date: String,
    pub(crate) lang: Lang,
}

/// A party (sender or receiver) of an order.
#[derive(Clone, Debug)]
pub(crate) struct Party {
    pub(crate) name: String,
    pub(crate) phone: String,
    pub(crate) phone1: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) city: Option<&'static catalog::City>,
    pub(crate) branch: Option<&'static catalog::Branch>,
    pub(crate) latitude: Option<String>,
    pub(crate) longitude: Option<String>,
}

/// The validated fields of an order.
#[derive(Clone, Debug)]
pub(crate) struct OrderInput {
    pub(crate) client_id: Option<String>,
    pub(crate) wcs_code: Option<String>,
    pub(crate) pickup: String,
    pub(crate) dropoff: String,
    pub(crate) sender: Party,
    pub(crate) receiver: Party,
    pub(crate) weight: f64,
    pub(crate) volume: f64,
    pub(crate) piece: i64,
    pub(crate) package_id: i64,
    pub(crate) post_type_id: Option<i64>,
    pub(crate) post_types: Vec<Value>,
    pub(crate) take_photo: i64,
    pub(crate) bring_back_waybill: i64,
    pub(crate) bring_back_money: i64,
    pub(crate) back_money: f64,
}

/// An order of the current API.
#[derive(Clone, Debug)]
pub(crate) struct CurrentOrder {
    pub(crate) id: i64,
    pub(crate) barcode: String,
    pub(crate) status: i64,
    pub(crate) created_days: i64,
    pub(crate) inp: OrderInput,
    pub(crate) cost: i64,
    pub(crate) sender_date: String,
    pub(crate) receiver_date: String,
    pub(crate) reasons: Vec<Reason>,
}

/// The current API's state.
#[derive(Default)]
pub(crate) struct CurrentStore {
    pub(crate) orders: Vec<CurrentOrder>,
    pub(crate) next_barcode: u64,
    pub(crate) hook: Option<Hook>,
    /// Notifications queued but not yet delivered.
    pub hooks_pending: usize,
    pub(crate) clock: Option<(Duration, Instant)>,
}
