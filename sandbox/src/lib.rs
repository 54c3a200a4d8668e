//! An offline emulator of the BTS Express servers (the courier API and the Fulfillment WMS), with
//! state, the documented validation messages and fault injection, for testing the `bts` client
//! and for integrators who develop offline.
//!
//! It is std-only (plus `serde_json`): a blocking HTTP/1.1 server on one TCP port, a thread per
//! connection, keep-alive, `Content-Length` and chunked request bodies, `Expect: 100-continue`.
//! Idle keep-alive connections are closed after 30 s; dropping the [`Sandbox`] stops the server
//! and closes its connections.
//!
//! ```
//! let sb = bts_sandbox::Sandbox::start();
//! assert!(sb.base_url().ends_with("/index.php"));
//! sb.inject("order/detail", bts_sandbox::Fault::yii(503), 1);
//! assert_eq!(sb.requests("order/detail"), 0);
//! ```
//!
//! # URLs
//!
//! One port serves both services:
//!
//! * **Courier API** (a Yii2 app): `{base_url}?r=<route>&<query>`, base URL
//!   `http://127.0.0.1:PORT/index.php` (see [`Sandbox::base_url`]); the route is accepted with or
//!   without its `v1/` prefix (`r=v1/order/detail&id=229234` or `r=order/detail&id=229234`).
//! * **WMS**: `{wms_base_url}/v1/<path>?<query>`, base URL `http://127.0.0.1:PORT`.
//!
//! Query values are percent-decoded (`+` is a space). Request bodies are read as JSON only when
//! `Content-Type` contains `application/json`, as Yii2 does: any other body counts as empty, so
//! the required-field errors come back. Malformed JSON is a 400 `BadRequestHttpException`.
//!
//! # Routes
//!
//! Every route has a **key**: the operation name (courier routes without `v1/`, WMS routes
//! prefixed `wms/`). Keys name routes in [`Sandbox::inject`] and [`Sandbox::requests`].
//!
//! | key | method | parameters | answer |
//! |---|---|---|---|
//! | `auth/get-token` | POST | `{username,password,inn}` | `{"success":true,"data":{"token":"<40 hex>"}}` |
//! | `order/add` | POST | order (§2.2) | the order (§2.2 shape) |
//! | `order/edit` | POST | order + `orderId` | the updated order |
//! | `order/detail` | GET | `id` | the order (§2.6 shape: with `"urgent":0`, `volume` a string, no `senderReal`/`clientId`) |
//! | `order/cancel` | GET | `id` | `{"orderId":"229234","status":{"id":0,"name":"Bekor qilingan buyurtma"}}` |
//! | `order/calculate` | POST | `{senderCityId,weight,receiverCityId,…}` | `{"summaryPrice":10000,"requestData":{…}}` |
//! | `order/track` | GET | `id` | `{"orderId":229234,"status":{"id":1,"name":"new"}}` |
//! | `order/history` | GET | `id` | `[{"message","timestamp","status_id","location"}]` |
//! | `order/cancellation` | GET | `id` | `[{"employee","description","date"}]` |
//! | `international/add` | POST | parcel (§2.12) | the §2.12 second block + `"barcode"` |
//! | `international/track-by-barcode` | GET | `barcode` | `{"barcode":…,"status":{"code":100,"message":"At the sender"}}` |
//! | `international/manifest` | POST | `{ManifestNumber,Date,ParcelNumber,ParcelsCount}` | `{"success":true,"message":"Manifest processed successfully.."}` |
//! | `directory/branches` | GET | `regionId` (optional) | bare array of branches |
//! | `directory/branches-with-city` | GET | `cityId` (optional) | bare array of branches |
//! | `directory/regions` | GET | — | `[{"id","name"}]` |
//! | `directory/cities` | GET | `regionId` (optional) | `[{"id","name","regionId"}]` |
//! | `mxik/create` | POST | `{spic,name,units,goodPrice}` | §2.4 shape with a new id (73, 74, …) |
//! | `mxik/list` | GET | — | §2.5 bare array (seeded with ids 71 and 72) |
//! | `directory/post-types` | GET | — | `[{"id":4,"name":"HUJJATLAR"}]` |
//! | `directory/package-types` | GET | — | `[{"id":8,"name":"BTS PAKETLAR"}]` |
//! | `wms/auth/login` | POST | `{login,password}` | `{"access_token","refresh_token"}` |
//! | `wms/purveyor/create`, `wms/product/create`, `wms/receiving-goods/create` | POST | record (§4.2, §4.5, §4.8) | `{"message":"Record successfully created.","data":{…}}` |
//! | `wms/purveyor/clients`, `wms/product/clients`, `wms/receiving-goods/clients` | GET | `page` | pending records, 20 a page |
//! | `wms/purveyor/client-status`, `wms/product/client-status`, `wms/receiving-goods/client-status` | POST | `{"status":[{"id":1,"status":"ok"}]}` | `{"message":"… successfully updated to delivered status"}` |
//!
//! The e-receipt goods routes (`v1/mxik/create`, `v1/mxik/list`) and the post and package type
//! lists (`v1/directory/post-types`, `v1/directory/package-types`) are **sandbox routes**: API.md
//! documents these operations without a path; the real server's paths are unknown.
//!
//! An unknown route is a 404 and a wrong method a 405 (with `Allow`), both with Yii2 error
//! bodies (see [`yii_error_body`]): `{"name":"Not Found","message":"Page not found.","code":0,
//! "status":404,"type":"yii\\web\\NotFoundHttpException"}`. GET routes also answer HEAD.
//!
//! # Accounts and tokens
//!
//! * Courier: username [`COURIER_USERNAME`], password [`COURIER_PASSWORD`], INN [`COURIER_INN`].
//!   A missing field is `422 {"errors":{"username":["«Login» ni to'ldirishingiz kerak."]}}`
//!   («Parol», «INN»); a wrong INN `422 {"errors":{"inn":["Invalid INN"]},"text":"Invalid INN"}`;
//!   a wrong username or password `422 {"errors":{"password":["Login yoki parol noto'g'ri."]}}`.
//! * WMS: login [`WMS_LOGIN`], password [`WMS_PASSWORD`]. A missing field is
//!   `422 {"errors":{"login":["«Login» tuldirish shart."]}}` («Parol» for the password); wrong
//!   credentials are a 401 Yii2 Unauthorized body with the message "Login yoki parol noto'g'ri.".
//!
//! Every other route needs `Authorization: Bearer <token>` with a token the same service issued
//! (courier tokens for courier routes, WMS access tokens for WMS routes), else 401 with the Yii2
//! Unauthorized body and `WWW-Authenticate: Bearer realm="api"`. Each login issues a new
//! 40-character lowercase hex token. Tokens never expire unless [`Sandbox::set_token_ttl`] sets a
//! lifetime; [`Sandbox::expire_tokens`] invalidates every token issued so far. Checks run in
//! Yii2's order: route (404), method (405), token (401), body (400), then the action.
//!
//! # Reference data
//!
//! From API.md's examples: regions 2 "Andijon viloyati", 6 "Toshkent shahri", 14 "Qashqadaryo
//! viloyati"; cities 3 "Asaka tumani" (region 2), 198 "Toshkent" (region 6), 66 "Qarshi"
//! (region 14); branches 10 "KARSHI BTS" (city 66), 79 "MALIKA BOZOR BTS" and 24 "SHAYXONTOHUR
//! BTS" (city 198) exactly as documented, plus 93 "ASAKA BTS" (city 3, sandbox address and
//! hours); customer `{"id":79,"name":"ООО JOHD "}`; package 8 "BTS PAKETLAR"; post type 4
//! "HUJJATLAR".
//!
//! # Local orders
//!
//! `order/add` requires `senderCityId`, `senderAddress`, `senderReal`, `senderPhone`, `weight`,
//! `packageId`, `postTypeId`, `receiver`, `receiverAddress`, `receiverCityId`, `receiverPhone` (a
//! field is missing when absent, `null` or `""`). Every error of a request comes back at once as
//! `422 {"errors":{field:[message,…],…}}`:
//!
//! * missing: `«Telefon» ni to'ldirishingiz kerak.` (`senderPhone`, `receiverPhone`), `«Kg»
//!   to'ldirilishi kerak.` (`weight`), `«Yuborish shahri» ni to'ldirishingiz kerak.`
//!   (`senderCityId`); the sandbox's labels for the others: «Yuboruvchi manzili», «Yuboruvchi»,
//!   «Qadoqlash turi», «Yuborish turi», «Qabul qiluvchi», «Qabul qiluvchi manzili», «Qabul qilish
//!   shahri»;
//! * an unknown city, package or post type id: `«Yuborish shahri» noto'g'ri.` (same pattern);
//! * a weight that is not a positive number: `«Kg» raqam bo'lishi kerak.`;
//! * `senderDelivery`/`receiverDelivery` not 0, 1 or 2, `takePhoto`/`is_test`/`bringBackMoney`
//!   not 0 or 1, `piece` not a positive integer: `«…» noto'g'ri.`;
//! * `bringBackMoney: 1` without `back_money`: `«Qaytariladigan pul» ni to'ldirishingiz kerak.`;
//! * `receiverDelivery: 0` with a `receiver_branch_id` that is not a branch of `receiverCityId`:
//!   `«Qabul qiluvchi filiali» noto'g'ri.`
//!
//! A new order gets `orderId` 229234, 229235, …, status 1 (`"info":"Mijozda"`), barcode
//! `60000006106`, `60000006107`, …, the first branch of each city as sender/receiver branch
//! (`receiver_branch_id` when `receiverDelivery` is 0), `senderDate` today and `receiverDate` the
//! day after `senderDate` when not given (Tashkent time, UTC+5), `piece` 1 by default, and
//! `labelEncode`: standard base64 of a small one-page PDF naming the order id and barcode. Extra
//! request fields (`postTypes`, `is_test`, `options`, …) are stored, not echoed. `cost` is a
//! string with 2 decimals and `weight` one with 3.
//!
//! `status.info` is "Mijozda" for 1 and "Bekor qilingan buyurtma" for 0 (as the examples show
//! them), the §3.1 label otherwise. `order/detail` gives `orderId` as an integer
//! (**interpretation**: API.md's detail example shows the placeholder string `"<orderId>"`).
//!
//! `order/edit` takes the same fields plus `orderId`: an unknown id is a 404, an order no longer
//! in status 1 is `422 {"errors":{"orderId":["Buyurtmani o'zgartirib bo'lmaydi."]}}`.
//! `order/cancel` works in status 1 or 2 (then status 0, a reason `{"employee":"API",
//! "description":"Mijoz tomonidan bekor qilindi","date":"YYYY-MM-DD HH:MM:SS"}` and a history
//! event), else `422` on `orderId` "Buyurtmani bekor qilib bo'lmaydi.". The GET order routes
//! answer 400 (Yii2 BadRequest) for a missing or non-numeric `id` and 404 ("Buyurtma topilmadi.")
//! for an unknown one. `order/track` names statuses in English: 0 cancelled, 1 new, 2 picked_up,
//! 3 at_sender_office, 4 at_delivery_office, 5 out_for_delivery, 6 delivered, 7 returning,
//! 8 at_transit_office, 10 at_sorting_center, 31 in_warehouse, 32 in_bag, 33 in_transport,
//! 34 rc_courier. `order/history` has one event per status change, creation included.
//!
//! # Tariff
//!
//! `cost` of an order and `summaryPrice` of `order/calculate`, in so'm:
//!
//! ```text
//! price = base + 2000 × ceil(max(weight, volume / 5000)) + surcharge(senderDelivery) + surcharge(receiverDelivery)
//! base: 6000 same city, 10000 same region (other city), 14000 other region
//! surcharge: delivery 0 → 0, 1 → 1000, 2 → 3000 (absent → 1)
//! ```
//!
//! `volume` counts only when given (not null). So weight 1 in one city with delivery 1/1 costs
//! 10000 and weight 2 costs 12000, as in API.md's examples.
//!
//! # International parcels
//!
//! `international/add` requires the §2.12 fields (nested errors are keyed `products.0.ProductUrl`)
//! with messages such as `«Telefon» ni to'ldirishingiz kerak.` and `«Kg» to'ldirilishi kerak.`
//! (`ParcelWeight`); a `ParcelNumber` already registered is a 422 on `ParcelNumber`. It answers
//! the §2.12 "second block" (the documented fields echoed as sent, `branch`
//! `{ReceiverBranchId,name}` and `city` `{ReceiverCityId,name}` objects, or `null` when neither
//! `ReceiverBranchId` nor `ReceiverCityId` was sent) plus `"barcode"`: 11 digits starting with
//! `010` (`01000865704`, …). **The `barcode` field is a sandbox interpretation**: API.md shows no
//! barcode in that response, yet `track-by-barcode` needs one. A parcel starts at status 100;
//! `track-by-barcode` accepts the barcode or the `ParcelNumber`, and names codes in English: 100
//! "At the sender", 110 "Entered customs", 120 "Released from customs", 130 "Cancelled by
//! customs", 200 "In the sorting center", 300 "At the receiver's office", 400 "Courier is
//! delivering", 500 "Delivered". `international/manifest` requires its four fields: "ManifestNumber
//! cannot be blank..", "Date cannot be blank..", "ParcelNumber bo'sh bo'lishi mumkin emas..",
//! "ParcelsCount bo'sh bo'lishi mumkin emas..".
//!
//! # WMS
//!
//! `create` requires the fields API.md marks "tuldirish shart", each missing one giving
//! `«field» tuldirish shart.`, and answers the documented nested shapes (`contractBankDetail`,
//! `entityType`, `supplierBuyerStatus`, `taxInfo`; `productPackagin`, `productShelfLive`,
//! `productTechnical`; `supplierDetail`, `supplierPackage`) with the documented JSON types. Values
//! are coerced loosely, like the real server: decimals keep their numeric prefix (`"90 дней"` →
//! `"90.00"`, weights with 3 decimals), integers likewise, booleans read `true`/`false`, `1`/`0`
//! and `"Да"`/`"Нет"` (**interpretation**: seed 004 shows `"Нет"` coming back `true`; the sandbox
//! reads it as `false`), other non-empty strings as `true`. `_links.self.href` is
//! `http://<Host>/v1/<kind>/view?id=N`. A product's `supplier_buyer_id` is the one sent, else 5
//! (**interpretation**); its `client_product_id` comes back (after `unit`) only when sent.
//!
//! `clients?page=N` lists the records not yet acknowledged, 20 a page, with `_links` (`self`,
//! and when there are records `first`, `last`, plus `prev`/`next` when they exist) and `_meta`
//! (`totalCount`, `pageCount`, `currentPage`, `perPage`). As Yii2's Pagination does, a page past
//! the end is the last page and a page below 1 is page 1; with no records `pageCount` is 0,
//! `currentPage` 1, `items` empty and `_links` only `self`. Each kind starts with the record of
//! API.md's list example (purveyor 12, product 39, receiving 10); new ids continue above.
//! `client-status` marks the acknowledged ids delivered (they leave the list); a missing or empty
//! `status` is `«status» tuldirish shart.`, a malformed one `«status» noto'g'ri.`.
//!
//! # Faults
//!
//! [`Sandbox::inject`] queues a [`Fault`] for the next `times` requests whose route key matches
//! (or every route, with `"*"`); the first matching rule is used. Each fault says whether the
//! request is *processed* (takes effect in the state) — the case a client's no-duplicate rule is
//! tested against. Requests are counted per route key, faulted ones included.
//!
//! # Control API (for tests in other languages, with the `bts-sandbox` binary)
//!
//! All answer `{"ok":true,…}` (`{"ok":false,"error":"…"}` with 4xx on a mistake); control requests
//! are neither counted nor faulted, and need no token.
//!
//! | request | effect |
//! |---|---|
//! | `POST /__sandbox/fault` `{"route":"order/detail","fault":{…},"times":1}` | [`Sandbox::inject`]; `fault` as [`Fault::from_json`] reads it |
//! | `POST /__sandbox/clear-faults` | [`Sandbox::clear_faults`] |
//! | `GET /__sandbox/counts` | `{"order/detail":3,…,"*":N}` ([`Sandbox::requests`]) |
//! | `POST /__sandbox/reset-counts` | [`Sandbox::reset_counts`] |
//! | `POST /__sandbox/expire-tokens` | [`Sandbox::expire_tokens`] |
//! | `POST /__sandbox/token-ttl` `{"ms":60000}` (`null`: no expiry) | [`Sandbox::set_token_ttl`] |
//! | `POST /__sandbox/order-status` `{"orderId":229234,"status":4}` | [`Sandbox::set_order_status`] |
//! | `POST /__sandbox/international-status` `{"barcode":"01000865704","code":200}` | [`Sandbox::set_international_status`] |
//! | `POST /__sandbox/seed-wms` `{"kind":"product","n":30}` | [`Sandbox::seed_wms`] |

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod catalog;
mod control;
mod courier;
mod current;
mod fault;
mod http;
mod json;
mod quirks;
mod router;
mod state;
mod util;
mod webhook;
mod wms;
mod wms_more;

pub use fault::Fault;
pub use util::yii_error_body;
pub use webhook::WebhookDelivery;

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// The courier account's username.
pub const COURIER_USERNAME: &str = courier::USERNAME;
/// The courier account's password.
pub const COURIER_PASSWORD: &str = courier::PASSWORD;
/// The courier account's company INN.
pub const COURIER_INN: &str = courier::INN;
/// The current courier API's account login.
pub const CURRENT_LOGIN: &str = current::LOGIN;
/// The current courier API's account password.
pub const CURRENT_PASSWORD: &str = current::PASSWORD;
/// The WMS account's login.
pub const WMS_LOGIN: &str = wms::LOGIN;
/// The WMS account's password.
pub const WMS_PASSWORD: &str = wms::PASSWORD;

/// The sandbox accounts as JSON:
/// `{"courier":{"username","password","inn"},"wms":{"login","password"},"current":{"login","password"}}`.
pub fn accounts_json() -> String {
    let j = json::jobj! {
        "courier" => json::jobj! {
            "username" => COURIER_USERNAME,
            "password" => COURIER_PASSWORD,
            "inn" => COURIER_INN,
        },
        "wms" => json::jobj! {"login" => WMS_LOGIN, "password" => WMS_PASSWORD},
        "current" => json::jobj! {"login" => CURRENT_LOGIN, "password" => CURRENT_PASSWORD},
    };
    String::from_utf8(j.to_vec()).unwrap_or_default()
}

/// A running sandbox server. Dropping it stops the server and closes its connections.
pub struct Sandbox {
    shared: Arc<http::Shared>,
    addr: SocketAddr,
    accept: Option<JoinHandle<()>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox").field("addr", &self.addr).finish()
    }
}

impl Sandbox {
    /// Starts a sandbox on `127.0.0.1` with a free port.
    ///
    /// # Panics
    ///
    /// When it cannot bind or start its thread.
    pub fn start() -> Sandbox {
        Sandbox::start_on("127.0.0.1:0")
            .unwrap_or_else(|e| panic!("bts-sandbox: cannot listen on 127.0.0.1:0: {e}"))
    }

    /// Starts a sandbox listening on `addr` (e.g. `"127.0.0.1:8080"`, `"0.0.0.0:0"`).
    pub fn start_on(addr: &str) -> io::Result<Sandbox> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let host = connect_addr(addr).to_string();
        let seed =
            util::now_nanos() ^ (u64::from(addr.port()) << 48) ^ u64::from(std::process::id());
        let mut st = state::State::new(host, seed);
        let (tx, rx) = std::sync::mpsc::channel();
        st.hook_tx = Some(tx);
        let shared = Arc::new(http::Shared::new(st));
        let sh = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("bts-sandbox-webhooks".into())
            .spawn(move || webhook::run(sh, rx))?;
        let sh = Arc::clone(&shared);
        let accept = std::thread::Builder::new()
            .name("bts-sandbox-accept".into())
            .spawn(move || http::accept_loop(sh, listener))?;
        Ok(Sandbox {
            shared,
            addr,
            accept: Some(accept),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The courier base URL, `http://127.0.0.1:PORT/index.php` (a wildcard listen address is
    /// written as loopback).
    pub fn base_url(&self) -> String {
        format!("http://{}/index.php", connect_addr(self.addr))
    }

    /// The WMS base URL, `http://127.0.0.1:PORT`.
    pub fn wms_base_url(&self) -> String {
        format!("http://{}", connect_addr(self.addr))
    }

    /// The current courier API's base URL, `http://127.0.0.1:PORT/current` (its routes are
    /// `/current/auth/login`, `/current/v1/order/add`, …).
    pub fn current_base_url(&self) -> String {
        format!("http://{}/current", connect_addr(self.addr))
    }

    /// A `bts` client configuration for the current courier API of this sandbox:
    /// `{"courier_api":"current","base_url","login","password","wms_base_url","wms_login",
    /// "wms_password"}`.
    pub fn current_config_json(&self) -> String {
        let j = json::jobj! {
            "courier_api" => "current",
            "base_url" => self.current_base_url(),
            "login" => CURRENT_LOGIN,
            "password" => CURRENT_PASSWORD,
            "wms_base_url" => self.wms_base_url(),
            "wms_login" => WMS_LOGIN,
            "wms_password" => WMS_PASSWORD,
        };
        String::from_utf8(j.to_vec()).unwrap_or_default()
    }

    /// The line the `bts-sandbox` binary prints on start, one JSON object:
    /// `{"base_url","wms_base_url","current_base_url","accounts","config","current_config"}`
    /// (`base_url` is the legacy courier API's).
    pub fn announcement_json(&self) -> String {
        let j = json::jobj! {
            "base_url" => self.base_url(),
            "wms_base_url" => self.wms_base_url(),
            "current_base_url" => self.current_base_url(),
        };
        let mut line = j.to_vec();
        line.pop();
        let mut line = String::from_utf8(line).unwrap_or_default();
        line.push_str(&format!(
            ",\"accounts\":{},\"config\":{},\"current_config\":{}}}",
            accounts_json(),
            self.config_json(),
            self.current_config_json()
        ));
        line
    }

    /// A `bts` client configuration for this sandbox: `{"base_url","wms_base_url","username",
    /// "password","inn","wms_login","wms_password"}`.
    pub fn config_json(&self) -> String {
        let j = json::jobj! {
            "base_url" => self.base_url(),
            "wms_base_url" => self.wms_base_url(),
            "username" => COURIER_USERNAME,
            "password" => COURIER_PASSWORD,
            "inn" => COURIER_INN,
            "wms_login" => WMS_LOGIN,
            "wms_password" => WMS_PASSWORD,
        };
        String::from_utf8(j.to_vec()).unwrap_or_default()
    }

    /// Applies `fault` to the next `times` requests whose route key is `route` (`"order/add"`,
    /// `"wms/product/clients"`, …) or to any request with `"*"`. Rules are used in the order they
    /// were injected.
    ///
    /// # Panics
    ///
    /// When `route` is neither a route key nor `"*"` (a typo would otherwise never fire).
    pub fn inject(&self, route: &str, fault: Fault, times: usize) {
        assert!(
            control::valid_route(route),
            "bts-sandbox: unknown route key {route:?} (use an operation name such as \"order/add\" or \"*\")"
        );
        self.shared.inject(route, fault, times);
    }

    /// Drops every fault not yet used.
    pub fn clear_faults(&self) {
        self.shared.clear_faults();
    }

    /// How many requests arrived for a route key since the start or the last
    /// [`reset_counts`](Sandbox::reset_counts), faulted ones included; `"*"` counts every
    /// request (unknown routes too), control requests excepted.
    pub fn requests(&self, route: &str) -> usize {
        self.shared.requests(route)
    }

    /// Sets every request count back to zero.
    pub fn reset_counts(&self) {
        self.shared.reset_counts();
    }

    /// Invalidates every token issued so far (courier and WMS): the next call with one gets a 401.
    pub fn expire_tokens(&self) {
        router::lock(&self.shared.state).expire_tokens();
    }

    /// Sets how long tokens stay valid after they are issued (`None`, the default: forever).
    /// For the JWTs of the current API and the WMS this caps their own lifetime.
    pub fn set_token_ttl(&self, ttl: Option<Duration>) {
        router::lock(&self.shared.state).set_token_ttl(ttl);
    }

    /// Invalidates every access token issued so far (legacy courier, current API, WMS), but not
    /// the refresh tokens: the next call gets a 401 and a refresh works.
    pub fn expire_access_tokens(&self) {
        router::lock(&self.shared.state).expire_access_tokens();
    }

    /// Sets the lifetimes of the JWTs issued from now on by the current API and the WMS (their
    /// `exp` claims say the same; defaults: 1 day and 30 days).
    pub fn set_token_lifetimes(&self, access: Duration, refresh: Duration) {
        router::lock(&self.shared.state).set_token_lifetimes(access, refresh);
    }

    /// Moves an order of the current API to a status code (100–1400; 900 and 1000 are sandbox
    /// inventions), notifying the registered webhook when the status changes. False for an
    /// unknown order or code.
    pub fn set_current_status(&self, order_id: i64, code: i64) -> bool {
        router::lock(&self.shared.state).set_current_status(order_id, code)
    }

    /// Sets the day (`YYYY-MM-DD`) an order of the current API counts as created, the date
    /// `order/list` filters on. False for an unknown order or a malformed date.
    pub fn set_current_order_date(&self, order_id: i64, date: &str) -> bool {
        router::lock(&self.shared.state).set_current_order_date(order_id, date)
    }

    /// Starts (or, with `None`, stops) the sandbox's clock: every `step`, each current-API
    /// order not in a final status moves one status along the main path (100 → 200 → … → 800
    /// → 1100 → 1200), notifying the webhook.
    pub fn set_clock(&self, step: Option<Duration>) {
        router::lock(&self.shared.state).set_clock(step);
    }

    /// Switches readings where the references disagree; `quirks` is a JSON object with any of
    /// the members listed in the crate docs ("Quirks"). An unknown member or value is an error
    /// and changes nothing.
    pub fn set_quirks(&self, quirks: &serde_json::Value) -> Result<(), String> {
        router::lock(&self.shared.state).quirks.apply(quirks)
    }

    /// Every quirk and its current value, as a JSON object.
    pub fn quirks(&self) -> serde_json::Value {
        let j = router::lock(&self.shared.state).quirks.to_j();
        serde_json::from_slice(&j.to_vec()).unwrap_or_default()
    }

    /// The webhook deliveries finished so far, oldest first.
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        router::lock(&self.shared.state).deliveries.clone()
    }

    /// Waits until at least `n` webhook deliveries have finished, or `timeout` has passed, and
    /// returns the deliveries finished by then.
    pub fn wait_webhook_deliveries(&self, n: usize, timeout: Duration) -> Vec<WebhookDelivery> {
        let end = std::time::Instant::now() + timeout;
        loop {
            let d = self.webhook_deliveries();
            if d.len() >= n || std::time::Instant::now() >= end {
                return d;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The last requests (at most 500, control requests excepted), oldest first, as a JSON
    /// array of `{"method","path","query","key","language","content_type"}`.
    pub fn request_log(&self) -> serde_json::Value {
        let j = control::log_j(&self.shared);
        serde_json::from_slice(&j.to_vec()).unwrap_or_default()
    }

    /// Moves a local order to a status of API.md §3.1 (0–8, 10, 31–34), appending a history event
    /// at the sender's branch (statuses 4–7: the receiver's) and, for 0 (refused) and 7
    /// (returning), a cancellation reason. False for an unknown order or status.
    pub fn set_order_status(&self, order_id: i64, status: i64) -> bool {
        router::lock(&self.shared.state).set_order_status(order_id, status)
    }

    /// Moves an international parcel (by barcode or `ParcelNumber`) to a status code of API.md
    /// §3.2 (100, 110, 120, 130, 200, 300, 400, 500). False for an unknown parcel or code.
    pub fn set_international_status(&self, barcode: &str, code: i64) -> bool {
        router::lock(&self.shared.state).set_international_status(barcode, code)
    }

    /// Adds `n` valid pending WMS records of a kind (`"purveyor"`, `"product"` or
    /// `"receiving-goods"`) with generated values.
    ///
    /// # Panics
    ///
    /// On any other kind.
    pub fn seed_wms(&self, kind: &str, n: usize) {
        let k = wms::Kind::from_name(kind).unwrap_or_else(|| {
            panic!("bts-sandbox: unknown WMS kind {kind:?} (purveyor, product, receiving-goods)")
        });
        router::lock(&self.shared.state).seed_wms(k, n);
    }
}

/// The address clients connect to: a wildcard listen address becomes loopback.
fn connect_addr(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept with a connection of our own.
        let _ = TcpStream::connect_timeout(&connect_addr(self.addr), Duration::from_secs(1));
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
        self.shared.close_all();
    }
}
