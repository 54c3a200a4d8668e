//! An offline emulator of the BTS Express servers (the legacy courier API, the current courier
//! API and the Fulfillment WMS), with state, the documented validation messages, status
//! webhooks and fault injection, for testing the `bts` client and for integrators who develop
//! offline.
//!
//! It is std-only (plus `serde_json` and `base64`): a blocking HTTP/1.1 server on one TCP port, a thread per
//! connection, keep-alive, `Content-Length` and chunked request bodies, `Expect: 100-continue`.
//! Idle keep-alive connections are closed after 30 s; dropping the [`Sandbox`] stops the server
//! and closes its connections. Two background threads deliver webhook notifications and run
//! the optional clock.
//!
//! ```
//! let sb = bts_sandbox::Sandbox::start();
//! assert!(sb.base_url().ends_with("/index.php"));
//! assert!(sb.current_base_url().ends_with("/current"));
//! sb.inject("current/order/add", bts_sandbox::Fault::yii(503), 1);
//! sb.inject("order/detail", bts_sandbox::Fault::yii(503), 1);
//! assert_eq!(sb.requests("order/detail"), 0);
//! ```
//!
//! # URLs
//!
//! One port serves the three APIs:
//!
//! * **Legacy courier API** (a Yii2 app): `{base_url}?r=<route>&<query>`, base URL
//!   `http://127.0.0.1:PORT/index.php` (see [`Sandbox::base_url`]); the route is accepted with or
//!   without its `v1/` prefix (`r=v1/order/detail&id=229234` or `r=order/detail&id=229234`).
//! * **WMS**: `{wms_base_url}/v1/<path>?<query>`, base URL `http://127.0.0.1:PORT`.
//! * **Current courier API**: base URL `http://127.0.0.1:PORT/current` (see
//!   [`Sandbox::current_base_url`]), routes as BTS's test server has them below that prefix
//!   (`/current/auth/login`, `/current/v1/order/add`, …); see [the current courier
//!   API](#the-current-courier-api).
//!
//! Query values are percent-decoded (`+` is a space). Request bodies are read as JSON only when
//! `Content-Type` contains `application/json`, as Yii2 does: any other body counts as empty, so
//! the required-field errors come back. Malformed JSON is a 400 `BadRequestHttpException`.
//!
//! # Routes
//!
//! Every route has a **key**: the operation name (legacy courier routes without `v1/`, WMS routes
//! prefixed `wms/`, current-API routes prefixed `current/`). Keys name routes in
//! [`Sandbox::inject`] and [`Sandbox::requests`]. The legacy and WMS routes:
//!
//! | key | method | parameters | answer |
//! |---|---|---|---|
//! | `auth/get-token` | POST | `{username,password,inn}` | `{"success":true,"data":{"token":"<40 hex>"}}` |
//! | `order/add` | POST | order (the documented create body) | the order (the documented create reply) |
//! | `order/edit` | POST | order + `orderId` | the updated order |
//! | `order/detail` | GET | `id` | the order (the documented detail shape: with `"urgent":0`, `volume` a string, no `senderReal`/`clientId`) |
//! | `order/cancel` | GET | `id` | `{"orderId":"229234","status":{"id":0,"name":"Bekor qilingan buyurtma"}}` |
//! | `order/calculate` | POST | `{senderCityId,weight,receiverCityId,…}` | `{"summaryPrice":10000,"requestData":{…}}` |
//! | `order/track` | GET | `id` | `{"orderId":229234,"status":{"id":1,"name":"new"}}` |
//! | `order/history` | GET | `id` | `[{"message","timestamp","status_id","location"}]` |
//! | `order/cancellation` | GET | `id` | `[{"employee","description","date"}]` |
//! | `international/add` | POST | parcel (the documented body) | the documented reply ("second block") + `"barcode"` |
//! | `international/track-by-barcode` | GET | `barcode` | `{"barcode":…,"status":{"code":100,"message":"At the sender"}}` |
//! | `international/manifest` | POST | `{ManifestNumber,Date,ParcelNumber,ParcelsCount}` | `{"success":true,"message":"Manifest processed successfully.."}` |
//! | `directory/branches` | GET | `regionId` (optional) | bare array of branches |
//! | `directory/branches-with-city` | GET | `cityId` (optional) | bare array of branches |
//! | `directory/regions` | GET | — | `[{"id","name"}]` |
//! | `directory/cities` | GET | `regionId` (optional) | `[{"id","name","regionId"}]` |
//! | `mxik/create` | POST | `{spic,name,units,goodPrice}` | the documented shape with a new id (73, 74, …) |
//! | `mxik/list` | GET | — | the documented bare array (seeded with ids 71 and 72) |
//! | `directory/post-types` | GET | — | `[{"id":4,"name":"HUJJATLAR"}]` |
//! | `directory/package-types` | GET | — | `[{"id":8,"name":"BTS PAKETLAR"}]` |
//! | `wms/auth/login` | POST | `{login,password}` | `{"access_token","refresh_token"}` (JWTs) |
//! | `wms/auth/refresh` (`/v1/auth/refresh`) | POST | `{refresh_token}` | `{"access_token","refresh_token"}` (a new pair) |
//! | `wms/purveyor/create`, `wms/product/create`, `wms/receiving-goods/create` | POST | the documented records (receiving goods: the seeds' flat body or the current one) | `{"message":"Record successfully created.","data":{…}}` |
//! | `wms/order/create` (`/v1/order/create`) | POST | fulfilment order `{order_id, full_name, phone, address, region, country, order_items:[…], …}` | `{"message":"Record successfully created.","data":{"id":311,"order_id",…,"orderAddress","orderItems","_links"}}` |
//! | `wms/order/partial-return` (`/v1/order/partial-order-return`) | POST | `{order_id, order_items:[{client_product_id, quantity, …}]}` | `{"message":"Record successfully created.","data":{"id":9,"order_id","orderReturnItems":[…]}}` |
//! | `wms/purveyor/clients`, `wms/product/clients`, `wms/receiving-goods/clients` | GET | `page` | pending records, 20 a page |
//! | `wms/purveyor/client-status`, `wms/product/client-status`, `wms/receiving-goods/client-status` | POST | `{"status":[{"id":1,"status":"ok"}]}` | `{"message":"… successfully updated to delivered status"}` |
//!
//! The e-receipt goods routes (`v1/mxik/create`, `v1/mxik/list`) and the post and package type
//! lists (`v1/directory/post-types`, `v1/directory/package-types`) are **sandbox routes**: the
//! legacy documentation names these operations without a path; the real server's paths are
//! unknown.
//!
//! An unknown route is a 404 and a wrong method a 405 (with `Allow`), both with Yii2 error
//! bodies (see [`yii_error_body`]): `{"name":"Not Found","message":"Page not found.","code":0,
//! "status":404,"type":"yii\\web\\NotFoundHttpException"}`. GET routes also answer HEAD.
//!
//! # Accounts and tokens
//!
//! * Legacy courier API: username [`COURIER_USERNAME`], password [`COURIER_PASSWORD`], INN [`COURIER_INN`].
//!   A missing field is `422 {"errors":{"username":["«Login» ni to'ldirishingiz kerak."]}}`
//!   («Parol», «INN»); a wrong INN `422 {"errors":{"inn":["Invalid INN"]},"text":"Invalid INN"}`;
//!   a wrong username or password `422 {"errors":{"password":["Login yoki parol noto'g'ri."]}}`.
//! * Current courier API: login [`CURRENT_LOGIN`], password [`CURRENT_PASSWORD`] (see [the
//!   current courier API](#the-current-courier-api)).
//! * WMS: login [`WMS_LOGIN`], password [`WMS_PASSWORD`]. A missing field is
//!   `422 {"errors":{"login":["«Login» tuldirish shart."]}}` («Parol» for the password); wrong
//!   credentials are a 401 Yii2 Unauthorized body with the message "Login yoki parol noto'g'ri.".
//!
//! Every other route needs `Authorization: Bearer <token>` with a token the same service issued
//! (legacy courier tokens for legacy routes, WMS access tokens for WMS routes, current-API
//! access tokens for current-API routes), else 401 with the Yii2
//! Unauthorized body and `WWW-Authenticate: Bearer realm="api"`. Each legacy login issues a new
//! 40-character lowercase hex token, which never expires unless [`Sandbox::set_token_ttl`] sets
//! a lifetime. WMS logins issue JWTs (header `{"typ":"JWT","alg":"RS256"}`, payload
//! `{"iss":"bts-sandbox","uid":1,"iat","exp","jti"}`; the signature is random bytes, not RS256:
//! the sandbox knows its tokens by lookup) living 24 h (access) and 30 days (refresh), or what
//! [`Sandbox::set_token_lifetimes`] sets; `exp` says the same. [`Sandbox::expire_tokens`]
//! invalidates every token issued so far, [`Sandbox::expire_access_tokens`] only the access
//! tokens. Checks run in Yii2's order: route (404), method (405), token (401), body (400), then
//! the action.
//!
//! `wms/auth/refresh` needs no bearer. A live refresh token gives a new pair (bare, like the
//! login's) and, under the `rotate_refresh` quirk (on by default), is revoked; a used, expired,
//! unknown or access token is `422 {"message":"error","errors":{"refresh_token":["Refresh token
//! noto‘g‘ri yoki muddati o‘tgan"]}}`, a missing one `«refresh_token» tuldirish shart.` in the
//! same body.
//!
//! # Reference data
//!
//! From the legacy documentation's examples: regions 2 "Andijon viloyati", 6 "Toshkent shahri", 14 "Qashqadaryo
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
//! them), the status table's label otherwise. `order/detail` gives `orderId` as an integer
//! (**interpretation**: the documented detail example shows the placeholder string `"<orderId>"`).
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
//! 10000 and weight 2 costs 12000, as in the documented examples.
//!
//! # International parcels
//!
//! `international/add` requires the documented fields (nested errors are keyed `products.0.ProductUrl`)
//! with messages such as `«Telefon» ni to'ldirishingiz kerak.` and `«Kg» to'ldirilishi kerak.`
//! (`ParcelWeight`); a `ParcelNumber` already registered is a 422 on `ParcelNumber`. It answers
//! the documented reply's "second block" (the documented fields echoed as sent, `branch`
//! `{ReceiverBranchId,name}` and `city` `{ReceiverCityId,name}` objects, or `null` when neither
//! `ReceiverBranchId` nor `ReceiverCityId` was sent) plus `"barcode"`: 11 digits starting with
//! `010` (`01000865704`, …). **The `barcode` field is a sandbox interpretation**: the docs show no
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
//! `create` requires the fields the documentation marks "tuldirish shart", each missing one giving
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
//! the documented list example (purveyor 12, product 39, receiving 10); new ids continue above.
//! `client-status` marks the acknowledged ids delivered (they leave the list); a missing or empty
//! `status` is `«status» tuldirish shart.`, a malformed one `«status» noto'g'ri.`.
//!
//! ## The wider WMS
//!
//! * **Receiving goods, the current body**: a `receiving-goods/create` body with
//!   `client_receiving_good_code` or `receiving_goods` is read as the current docs' header +
//!   lines shape (the seeds' flat body still works beside it): `client_receiving_good_code`
//!   (string) and `receiving_goods` (a non-empty array) are required, and in each line
//!   `client_product_id`, `client_product_variation_id` (integers) and `product_cart_sku`
//!   (string); the other documented line fields are type-checked. The record answers (and joins
//!   the `clients` list) as `{"id","client_receiving_good_code","receiving_goods":[the lines as
//!   sent],"_links"}` (**interpretation**: the docs' reply is cut off).
//! * **Fulfilment orders** (`/v1/order/create`): `order_id` (integer, the caller's key: a second
//!   create with the same one is refused, `«order_id» "880145" qiymati allaqachon mavjud.`,
//!   **interpretation**), `full_name`, `phone`, `address`, `region`, `country` (strings ≤ 255)
//!   and `order_items` (non-empty; each with integer `client_product_id`,
//!   `client_product_variation_id`, `quantity` ≥ 1, `price`, `discount`, `final_price`) are
//!   required; `city`, `zip` optional strings; `fulfillment_status` optional, 1–7 (the docs star
//!   it, but their own example leaves it out); `scheduled_at` (ISO 8601 date-time) required when
//!   `fulfillment_status` is 5. An item's errors come back as the server source writes them, one
//!   string under `order_items`: `"Order items at index 1 is invalid: {\"quantity\":[\"«quantity»
//!   tuldirish shart.\"]}"`. The reply (constructed from the server source, **interpretation**)
//!   carries the WMS id (311, 312, …) as `id` and in `orderAddress.order_id` /
//!   `orderItems[].order_id`, the caller's `order_id`, `supplier_buyer_id` 5, `order_status` 1,
//!   `fulfillment_status` (1 when not sent), `scheduled_at`, `created_at` (Tashkent time).
//! * **Partial returns** (`/v1/order/partial-order-return`): `order_id` is the caller's order
//!   number (**interpretation**) of an order created here, else `«order_id» noto'g'ri.`; each
//!   line needs `client_product_id` (one of the order's) and `quantity` (at most what is left
//!   after earlier returns); `client_product_variation_id` is optional. Reply ids start at 9;
//!   `orderReturnItems[].product_id` is the caller's product id (**interpretation**).
//! * **Validation status**: the newer routes answer a failed validation with HTTP **500**
//!   `{"message":"error.","errors":{…}}` (an empty body: `{"message":"error."}`), as the server
//!   source does; the seeds' routes keep `422 {"errors":{…}}`. The `wms_validation_status`
//!   quirk sets one status (400, 422 or 500) for every WMS create, with the `message`. A
//!   successful create answers 200 (the docs) or, under `wms_create_status: 201`, 201 (the
//!   source).
//! * **Types and `okpo`**: by default values are coerced loosely as before (a JSON number is
//!   accepted where the server source wants a string; `okpp` is read when `okpo` is absent).
//!   Under the `wms_strict_types` quirk the source's rules apply: `inn`, `kpp`, `okpo`,
//!   `contract_number` (purveyor), `gtin`, `unit` (product), `number`, `vehicle_number`,
//!   `contract_number` (receiving) must be JSON strings (`«inn» satr bo'lishi kerak.`),
//!   `stock_expiry` a JSON integer (`«stock_expiry» butun son bo'lishi kerak.`), and `okpp` is
//!   ignored.
//!
//! # The current courier API
//!
//! Base URL `http://127.0.0.1:PORT/current`. Every reply that is not a framework error is the
//! envelope `{"status":true,"message":…,"status_code":200,"data":…}`; failures are
//! `{"status":false,"message":…,"status_code":N}` with HTTP N, plus `"errors":{field:[…]}` for
//! validation (422). Framework errors keep Yii2's body (see [`yii_error_body`]): 400 for a
//! missing or malformed query parameter, 401 for a missing, bad or expired token (or wrong
//! login), 404 for an unknown route, 405 for a wrong method. The `language` header (`uz`, the
//! default, `ru`, `en`) picks the language of messages and of names (statuses, regions,
//! packages).
//!
//! | key | method and path under `/current/` | parameters | `data` |
//! |---|---|---|---|
//! | `current/auth/login` | POST `auth/login` | `{login,password}` | `{"access_token","refresh_token"}` |
//! | `current/auth/refresh` | POST `auth/refresh` | `{refresh_token}` | a new `{"access_token","refresh_token"}` |
//! | `current/order/add` | POST `v1/order/add` | the nested order body | `{"orderId","clientId","barcode","cost","senderDate","receiverDate","tracking","status":{"code":100,"info"}}` |
//! | `current/order/edit` | POST `v1/order/edit?orderId=` | the order body (an `orderId` in it is ignored) | as `order/add` |
//! | `current/order/detail` | GET `v1/order/detail?orderId=` | — | the full order (sender, receiver, cargo, options, …) |
//! | `current/order/list` | GET `v1/order/detail?beginDate=&endDate=` | `page`, `per-page` | `{"items":[full orders],"_links","_meta"}` |
//! | `current/order/track` | GET `v1/order/track?orderId=` | — | `{"orderId","status":{"code","name"}}` |
//! | `current/order/cancel` | GET or POST `v1/order-cancel/index?orderId=` | — | `{"orderId","status":{"id":0,"name"}}` |
//! | `current/order/calculate` | POST `v1/order-calculate/index` or `v1/order-calculator` | `{senderCityCode,receiverCityCode,pickup_type,dropoff_type,is_multiple_cost,weight,volume:{x,y,z}}` | four `*_to_*` prices, or `{"all_cost"}` |
//! | `current/order/cancellation` | GET `v1/order/cancellation?id=` (or `?orderId=`) | — | `{"items":[{"employee","description","date"}]}` |
//! | `current/order/sticker` | GET `v1/order/sticker?orderId=` | — | `{"labelEncode":<base64 PDF>,"labelSticker":<PDF link>}` |
//! | `current/order/stickers` | POST `v1/order/sticker` | `{orderIds:[…]}` (1–50) | the same, one PDF with a page per order |
//! | `current/order/test-update-status` | POST `v1/order/test-update-status` | `{orderId,statusCode}` | `{"orderId","status":{"code","name"}}` |
//! | `current/directory/regions` | GET `v1/directory/regions` | `page`, `per-page` | `{"items":[{"code","name"}],"_links","_meta"}` |
//! | `current/directory/cities` | GET `v1/directory/cities?regionCode=` | `page`, `per-page` | items `{"code","name","office_exists"}` |
//! | `current/directory/branches` | GET `v1/directory/branches?regionCode=&cityCode=` | `page`, `per-page` | items `{"code","name","regionCode","cityCode","address","lat_long","phone","working_hours"}` |
//! | `current/directory/statuses` | GET `v1/status/index` | `page`, `per-page` | items `{"code","name","description","next_possible_statuses"}` |
//! | `current/directory/packages` | GET `v1/package/index` | `page`, `per-page` | items `{"id","name"}` |
//! | `current/directory/post-types` | GET `v1/inside/index` | `page`, `per-page` | items `{"id","name"}` (31: two pages) |
//! | `current/webhook/config` | GET with a JSON body (documented), POST with a JSON body, or GET with a query string: `v1/webhook/webhook-config` | `{webhook_url,environment,has_token,itx-apiKey}` | `{"webhook_url","method":"POST","date","has_token","environment","itx-apiKey"}` |
//! | `current/label` | GET `labels/<id>[-<id>…].pdf` | — (no token) | the PDF itself, `Content-Type: application/pdf` |
//!
//! ## Tokens
//!
//! Login with [`CURRENT_LOGIN`] / [`CURRENT_PASSWORD`]; a missing field is a 422 envelope
//! (`` «Login» to`ldirish shart. ``), a wrong one Yii2's 401 with the message `Incorrect login or
//! password.`. Tokens are JWTs as the WMS's (see above) living 1 day and 30 days by default
//! ([`Sandbox::set_token_lifetimes`], control `token-lifetime`); their `exp` claims say the
//! same (whole seconds, rounded down). Every other route but the label links needs `Authorization:
//! Bearer <current access token>`. A refresh with a live refresh token gives a new pair and
//! revokes the old refresh token (**interpretation**, switchable: `rotate_refresh`); a used,
//! expired or unknown one is `422 {"status":false,"message":"error.validation","status_code":422,
//! "errors":{"refresh_token":["Refresh token noto‘g‘ri yoki muddati o‘tgan"]}}`. A bad or expired
//! access token is Yii2's 401 body
//! `{"name":"Unauthorized","message":"Your request was made with invalid credentials.","code":0,"status":401,"type":"yii\\web\\UnauthorizedHttpException"}`,
//! or, under the `auth_failure: "envelope200"` quirk, HTTP 200 with
//! `{"status":false,"message":"Your request was made with invalid credentials.","status_code":401}`.
//!
//! ## Messages
//!
//! `message` follows the docs per call by default (`messages: "docs"`): a key for order detail,
//! list, track, calculate (`success.retrieved`), cancel, edit and test-update-status
//! (`success.updated`), validation (`error.validation`), unknown orders (`error.not_found`,
//! 404), a second cancel (`error.already_cancelled`, 400); a sentence for login, refresh, the
//! directory lists, stickers, order creation (`Muvaffaqiyatli yaratildi.` / `Успешно создано`)
//! and the webhook registration. `messages: "keys"` always sends the key, `"text"` always the
//! sentence (`Buyurtma topilmadi.`, `Buyurtma allaqachon bekor qilingan`, …). Two keys are
//! **sandbox inventions**: `error.cannot_cancel` (cancel after status 100) and
//! `error.cannot_edit` (edit after status 100), both 400. Under `failures_http200` every
//! envelope failure comes with HTTP 200 (the body keeps its `status_code`).
//!
//! Field messages follow Yii2's patterns with Yii2's generated labels (`senderCityCode` →
//! «Sender City Code»): required `` «Sender City Code» to`ldirish shart. `` (as the docs show it) /
//! `Необходимо заполнить «Sender City Code».` / `Sender City Code cannot be blank.`; invalid
//! `` «X» qiymati noto`g`ri. `` / `Значение «X» неверно.` / `X is invalid.`; not a number, not an
//! integer, not a string, too long (`Значение «Name» должно содержать максимум 20 символов.`),
//! too small or large, too many items, likewise. The live texts one integration saw are used
//! where they apply: `Receiver city_code kiritilishi shart` for a missing `receiver.city_code`,
//! `Mahsulotlarni kiriting` for `bringBackMoney: 1` under the `amount` reading, `URL notog‘ri`
//! and `Notog‘ri environment` for the webhook. The Russian and English versions of those, and
//! every Uzbek message the docs do not show, are the sandbox's. Nested fields are named with
//! dots and array items with brackets: `receiver.city_code`, `cargo.postTypes[0].name`
//! (**interpretation**: no source shows the server's keys).
//!
//! ## Orders
//!
//! `order/add` checks: `pickup_type` (`self`, `courier`, or `branch`, which one integration
//! sends and is treated as `self`), `dropoff_type` (`courier`, `branch`), `sender.name`,
//! `sender.phone` and `receiver.phone` (`+998` and 9 digits, no spaces; `receiver.phone1`
//! optional, same format), `sender.address`, `receiver.name`, `receiver.address` (required for
//! courier drop-off), `sender.city_code` and `receiver.city_code` (required unless
//! `is_*_location` is true, then `latitude`/`longitude` are; **interpretation**: live, the
//! receiver's city code was required even for branch drop-off; the sandbox requires it unless
//! coordinates are given), `sender.branch_code` (required for `self` pickup) and
//! `receiver.branch_code` (required for branch drop-off), each a branch of that city;
//! `cargo.weight` (0.001–10000), `cargo.piece` (≥ 1), `cargo.packageId` (required, as seen live),
//! `cargo.postTypeId` (optional), `cargo.postTypes[]` (`name` required, ≤ 20 characters as seen
//! live; `count` ≥ 1 and `cost` ≥ 0 optional, echoed in detail), `cargo.options` (an array;
//! accepted, not echoed),
//! `takePhoto` and `bringBackWaybill` (0/1). `bringBackMoney` is a 0/1 flag with the amount in
//! `back_money` (required with 1) by default; under `bring_back_money: "amount"` it is the
//! amount itself and `1` is refused. `clientId` and `wcs_code` are kept and echoed.
//!
//! A new order gets `orderId` 5000001, 5000002, …, barcode `019915000001`, …, status 100,
//! `senderDate` today (Tashkent) and `receiverDate` a day later within a region, two across
//! regions, `tracking` `https://bts.uz/uz/waybill-tracking?term=<barcode>`, and `cost` from the
//! tariff. There is no idempotency: the same `clientId` twice is two orders (as on the real
//! server, as far as anyone knows). `order/detail` answers the documented shape (`customer`,
//! `sender`/`receiver` with `region`/`city`/`branch` objects `{id,name,code}`, the receiver's
//! `stickerData`, `cargo` with decimals as strings `"1.200"`, `options`, `declarations: []`);
//! under the `detail_nulls` quirk `status.code`, `city.code`, `branch.code` and `cost` are `null`
//! as in the docs' example. `order/list` lists the orders created between `beginDate` and
//! `endDate` (inclusive, `YYYY-MM-DD`; a missing one is a Yii2 400, a malformed one a 422), as
//! full orders with their `clientId`, 20 a page (**interpretation**: one integration shows the
//! call, nobody its reply). [`Sandbox::set_current_order_date`] moves an order to another day.
//!
//! `order/edit` works at status 100 only; `order/cancel` works at status 100 only (else
//! `error.cannot_cancel`; at 1300 `error.already_cancelled`), records a reason by employee
//! `API`, and moves the order to **1300** (**interpretation**: the cancel reply says `{"id":0,
//! "name":"Cancelled Order"}` (translated), what track says afterwards is unknown; one
//! integration stores 1300). `order/cancellation` lists the reasons (a move to 1000 adds one by
//! `BTS`).
//!
//! ## Tariff
//!
//! ```text
//! price = base + 2000 × ceil(max(weight, x·y·z / 5000)) + 4000 (courier pickup) + 3000 (courier drop-off)
//! base: 6000 same city, 10000 same region (first two digits of the city code), 14000 otherwise
//! ```
//!
//! The calculator answers all four combinations with `is_multiple_cost: 1`, each
//! `{"available","price","reason"}`; the `*_to_branch` ones are unavailable (price 0, with a
//! reason) when the receiver's district has no office (`office_exists: false`, city 9520). With
//! `is_multiple_cost: 0` it answers `{"all_cost": N}` for the requested pickup/drop-off (one
//! integration's reading) or, under `calculate_single: "four"`, the four keys (another's). An
//! order's `cost` is the price of its own combination; `cargo.volume` (unit unknown) is not
//! priced.
//!
//! ## Statuses
//!
//! | code | Uzbek | Russian | English | next |
//! |---|---|---|---|---|
//! | 100 | Yuboruvchida | У отправителя | At sender | 200 |
//! | 200 | Kuryer qabul qildi | Курьер принял | Courier received | 300 |
//! | 300 | Joʻnatish ofisi | В офисе отправления | Dispatch office | 400 |
//! | 400 | Ichki tashish | Во внутренней перевозке | Internal transport | 500 |
//! | 500 | Saralash markazida | В РЦ | At the distribution centre | 600 |
//! | 600 | Xaltada | В мешке | In bag | 700 |
//! | 700 | Tashishda | В перевозке | In transit | 800 |
//! | 800 | Yetkazish ofisi | В офисе доставки | Delivery office | 900, 1000, 1100 |
//! | 900 | Yuboruvchiga qaytarilmoqda | Возврат отправителю | Returning to sender | — |
//! | 1000 | Qabul qiluvchi rad etdi | Отказ получателя | Refused by receiver | — |
//! | 1100 | Kuryer yetkazmoqda | Курьер доставляет | Courier delivering | 1200 |
//! | 1200 | Yetkazildi | Доставлен | Delivered | — |
//! | 1300 | Oʻchirildi | Удалён | Deleted | — |
//! | 1400 | Muddati tugadi | Срок истек | Expired | — |
//!
//! **900 and 1000 are sandbox inventions**: the docs name them only as possible successors of
//! 800. They are not in `/v1/status/index` (which lists the other 12, as one integration counts
//! them), but orders can be moved there, so a client meets codes its catalogue lacks. The
//! descriptions are the sandbox's. Statuses move by `order/test-update-status` (any known code,
//! no transition rule: **interpretation**), by [`Sandbox::set_current_status`] (control
//! `current-status`), by cancel, and by the clock ([`Sandbox::set_clock`], control `clock`):
//! every step each order not in a final status moves along 100 → 200 → … → 800 → 1100 → 1200.
//!
//! ## Stickers
//!
//! `labelSticker` is `http://<Host>/current/labels/<ids joined by ->.pdf`, served by the sandbox
//! without a token; `labelEncode` is the same PDF in standard base64 (`null` under
//! `label_encode: false`, as in the docs' example). The PDF is real and minimal: PDF 1.4, one
//! 100 × 60 mm page per order naming the order id, barcode, receiver and city (Helvetica; other
//! characters than ASCII print as `?`), starting `%PDF-` and ending `%%EOF`. `orderIds` takes
//! 1–50 ids (`` «Order Ids» 50 tadan ko`p bo`lmasligi kerak. ``); an unknown id is `error.not_found`.
//!
//! ## Directory
//!
//! The 14 regions with their codes (`01` … `95`) and Uzbek, Russian and English names; sandbox
//! cities `0101`, `0109`, `0111` (Tashkent), `1008`, `3001`, `5001`, `6000`–`6002`, `7001`,
//! `9001`, `9501`, `9520` (no office) and one item with an empty code (region 95), as live lists
//! have; branches `0154` (city 0109), `0160`, `0102`, `1012`, `3017` (3001), `5010`, `6010`–`6012`,
//! `7017` (7001, the docs' example item), `9010`, `9510`, with `working_hours` keyed `"1"`…`"7"`
//! (`null`: closed). Names other than the docs' examples are the sandbox's. Packaging types
//! (ids 4–10, 90, 91) and content types (31 ids) as one integration lists them. Lists page as
//! Yii2's REST serializer does (**interpretation**): `page` (1-based, clamped), `per-page`
//! (default 20, at most 50), `_meta` `{totalCount,pageCount,currentPage,perPage}` and absolute
//! `_links` `{self,first,last,prev?,next?}` of `{"href"}`.
//!
//! ## Webhooks (our reading of the docs)
//!
//! `webhook/config` stores one registration (each call replaces it): `webhook_url` (an
//! `http://` or `https://` URL, else `URL notog‘ri`), `environment` (`production` or `test`,
//! else `Notog‘ri environment`), `has_token`, `itx-apiKey`. It is accepted as a GET with a JSON
//! body (the documented form), a POST with a JSON body, or a GET with the fields in the query
//! string. Whenever an order's status changes (test-update-status, cancel, the control API, the
//! clock; not on creation), the background thread POSTs to the URL, without blocking the request
//! that caused it:
//!
//! * body `multipart/form-data` with one field `text` holding the JSON (the docs say form-data,
//!   one integration names the field); `webhook_body: "urlencoded"` sends `text=<JSON>`, `"json"`
//!   the JSON itself;
//! * JSON `{"clientId","orderId","barcode","status":{"id":800,"name":…},"date":"YYYY-MM-DD
//!   HH:MM:SS"}` with the name in the registration's language; `webhook_status: "code"` writes
//!   `status.code`, `"statusCode"` top-level `statusCode`/`statusName`;
//! * with `has_token` true and a key, the key in an `itx-apiKey` header (**interpretation**;
//!   `webhook_key_header` renames it, e.g. `x-api-key`).
//!
//! Only `http://` URLs are delivered (an `https://` registration is stored, and its deliveries
//! fail). Connecting times out after 2 s, writing and reading the status line after 5 s each;
//! there are no retries. [`Sandbox::webhook_deliveries`] (control `webhooks`) lists every
//! attempt: order, status, URL, content type, payload, body, the key header's name (never the
//! key), the receiver's HTTP status or the error.
//!
//! # Quirks
//!
//! Where the references disagree, one reading is the default and the other is a switch
//! ([`Sandbox::set_quirks`], control `POST /__sandbox/quirks` with any subset; `GET` shows
//! them):
//!
//! | quirk | default | other values |
//! |---|---|---|
//! | `auth_failure` | `"yii401"` | `"envelope200"`: HTTP 200, `status_code: 401` in the body |
//! | `failures_http200` | `false` | `true`: envelope failures with HTTP 200 |
//! | `messages` | `"docs"` | `"keys"`, `"text"` |
//! | `bring_back_money` | `"flag"` | `"amount"` |
//! | `calculate_single` | `"all_cost"` | `"four"` |
//! | `detail_nulls` | `false` | `true`: the docs' `null` codes and cost in order detail |
//! | `label_encode` | `true` | `false`: `labelEncode: null` |
//! | `rotate_refresh` | `true` | `false`: a refresh token stays valid after use (current API and WMS) |
//! | `webhook_body` | `"multipart"` | `"urlencoded"`, `"json"` |
//! | `webhook_status` | `"id"` | `"code"`, `"statusCode"` |
//! | `webhook_key_header` | `"itx-apiKey"` | any header name |
//! | `wms_validation_status` | `null` (per route: 500 newer, 422 seeds') | `400`, `422`, `500` |
//! | `wms_create_status` | `200` | `201` |
//! | `wms_strict_types` | `false` | `true` |
//! | `ip_blocked` | `false` | `true`: every current-API call (but the label links) answers HTTP 200 `{"status":false,"message":"Sizning IP manzilingizga ruxsat berilmagan","status_code":403}` (translated), as one integration saw a production host refuse an IP not on its allow-list; the message and the 403 are the sandbox's |
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
//! | `POST /__sandbox/expire-access-tokens` | [`Sandbox::expire_access_tokens`] |
//! | `POST /__sandbox/token-lifetime` `{"access_ms":2000,"refresh_ms":60000}` (either may be left out) | [`Sandbox::set_token_lifetimes`]; answers both |
//! | `POST /__sandbox/current-status` `{"orderId":5000001,"statusCode":800}` | [`Sandbox::set_current_status`] |
//! | `POST /__sandbox/current-order-date` `{"orderId":5000001,"date":"2026-01-05"}` | [`Sandbox::set_current_order_date`] |
//! | `GET /__sandbox/current-orders` | `{"ok":true,"orders":[full orders, English names]}` |
//! | `POST /__sandbox/clock` `{"ms":500}` (`null`: stop) | [`Sandbox::set_clock`] |
//! | `GET` or `POST /__sandbox/quirks` `{…}` | [`Sandbox::quirks`], [`Sandbox::set_quirks`]; answers `{"ok":true,"quirks":{…}}` |
//! | `GET /__sandbox/webhooks` | `{"ok":true,"config":<registration, key as "***">,"pending":N,"deliveries":[{"orderId","statusCode","url","content_type","payload","body","key_header","ok","http_status","error"}]}` |
//! | `POST /__sandbox/clear-webhooks` | forgets the deliveries |
//! | `GET /__sandbox/log` | `{"ok":true,"requests":[…]}` ([`Sandbox::request_log`]) |

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
        std::thread::Builder::new()
            .name("bts-sandbox-clock".into())
            .spawn(move || webhook::clock(sh))?;
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

    /// Invalidates every token issued so far (legacy courier, current API and WMS, refresh
    /// tokens included): the next call with one gets a 401.
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
    /// array of `{"method","path","query","key","language","content_type","at_ms"}` (`at_ms`:
    /// when it arrived, milliseconds since the Unix epoch). Query values whose
    /// names look secret (`…key…`, `…token…`, `…password…`, `…secret…`) show as `***`.
    pub fn request_log(&self) -> serde_json::Value {
        let j = control::log_j(&self.shared);
        serde_json::from_slice(&j.to_vec()).unwrap_or_default()
    }

    /// Moves a local order to a documented legacy status (0–8, 10, 31–34), appending a history event
    /// at the sender's branch (statuses 4–7: the receiver's) and, for 0 (refused) and 7
    /// (returning), a cancellation reason. False for an unknown order or status.
    pub fn set_order_status(&self, order_id: i64, status: i64) -> bool {
        router::lock(&self.shared.state).set_order_status(order_id, status)
    }

    /// Moves an international parcel (by barcode or `ParcelNumber`) to a documented
    /// international status code (100, 110, 120, 130, 200, 300, 400, 500). False for an unknown
    /// parcel or code.
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
