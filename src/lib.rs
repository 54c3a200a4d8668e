//! # bts — the BTS Express client
//!
//! A blocking, minimal-dependency client for the whole BTS Express HTTP API (Uzbekistan):
//! courier auth, local orders, international parcels and manifests, the branch directory and
//! the Fulfillment WMS. One synchronous core on [`ureq`](https://docs.rs/ureq), exposed as this
//! Rust API and as a C ABI of JSON strings (`include/bts.h`) for PHP, Python and 1C.
//!
//! * Every operation is a row of [`OPERATIONS`]; call any of them with [`Client::call`] (JSON
//!   in, JSON out) or through its typed method (e.g. [`Client::order_add`]).
//! * Tokens are fetched, cached, shared between threads and renewed by themselves.
//! * Reads are retried on transient failures; writes are never replayed once they may have
//!   reached the server: no duplicate orders.
//! * Every failure is an [`Error`] of one [`ErrorKind`], with the HTTP status, the server's
//!   field errors and its raw body.
//!
//! ```no_run
//! use bts::{Client, Config, model::PriceRequest};
//! let client = Client::new(Config {
//!     username: "shop".into(),
//!     password: "s3cret".into(),
//!     inn: "123456789".into(),
//!     ..Default::default()
//! })?;
//! let quote = client.order_calculate(&PriceRequest {
//!     sender_city_id: Some(3),
//!     receiver_city_id: Some(3),
//!     weight: Some(1.into()),
//!     ..Default::default()
//! })?;
//! println!("{:?}", quote.summary_price);
//! # Ok::<(), bts::Error>(())
//! ```
#![deny(unsafe_code)]
#![deny(missing_docs)]

mod auth;
mod batch;
mod client;
mod config;
mod durable;
mod error;
mod journal;
#[doc(hidden)]
pub mod json_check;
mod label;
mod local;
mod logging;
mod methods;
pub mod model;
mod operations;
mod pause;
mod request;
mod response;
mod time;
mod token;
mod token_cache;
mod transport;
mod webhook;
mod workers;

#[cfg(feature = "c-abi")]
#[allow(unsafe_code)]
pub mod ffi;

pub use batch::{BatchCall, DEFAULT_CONCURRENCY, MAX_CALLS, MAX_CONCURRENCY};
pub use client::Client;
pub use config::{
    Config, Secret, CONFIG_KEYS, DEFAULT_BASE_URL, DEFAULT_CURRENT_BASE_URL, DEFAULT_WMS_BASE_URL,
};
pub use error::{ok_envelope, Error, ErrorKind, FieldErrors, Result, BODY_CAP};
pub use journal::Replied;
pub use label::{decode_label, save_label};
pub use methods::CurrentApi;
pub use model::SavedLabel;
pub use operations::{
    operation, operations_json, ops, shape_name, Api, Binding, Endpoint, Handler, Method,
    Operation, ParamType, QueryParam, Retry, Service, Shape, Wire, OPERATIONS,
};
pub use pause::MAX_PAUSE;

/// The library version, e.g. `"0.1.0"`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How many DNS lookup threads the client has started since the process began (one per cache
/// miss of a host name; none for IP addresses). Kept-alive calls must not raise it: a
/// regression test and the benchmark read it.
pub fn lookup_threads_started() -> usize {
    transport::LOOKUP_THREADS.load(std::sync::atomic::Ordering::Relaxed)
}
