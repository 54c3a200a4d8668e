//! Fulfillment WMS (API.md §4, envelope §1.6, shapes §5.3–§5.5).
//!
//! | API.md | operation | request | response |
//! |---|---|---|---|
//! | §4.1 | `wms/auth/login` | [`WmsLoginRequest`] | [`WmsTokens`] |
//! | §4.2 | `wms/purveyor/create` | [`PurveyorRequest`] | [`Created`]`<`[`Purveyor`]`>` |
//! | §4.3 | `wms/purveyor/clients` | (`page`) | [`ListResponse`]`<`[`Purveyor`]`>` |
//! | §4.4 | `wms/purveyor/client-status` | [`ClientStatusRequest`] | [`Message`] |
//! | §4.5 | `wms/product/create` | [`ProductRequest`] | [`Created`]`<`[`Product`]`>` |
//! | §4.6 | `wms/product/clients` | (`page`) | [`ListResponse`]`<`[`Product`]`>` |
//! | §4.7 | `wms/product/client-status` | [`ClientStatusRequest`] | [`Message`] |
//! | §4.8 | `wms/receiving-goods/create` | [`ReceivingGoodsRequest`] | [`Created`]`<`[`ReceivingGoods`]`>` |
//! | §4.9 | `wms/receiving-goods/clients` | (`page`) | [`ListResponse`]`<`[`ReceivingGoods`]`>` |
//! | §4.10 | `wms/receiving-goods/client-status` | [`ClientStatusRequest`] | [`Message`] |
//!
//! The WMS tables and examples disagree on types almost everywhere (API.md §7.1, §7.3): tables
//! say "integer" where responses send decimal strings, and the published request examples send
//! every value as a placeholder string. Such fields are [`Scalar`]s; booleans, described as
//! "Да/Нет", "1 or 0" or "true/false", are [`Flag`]s. Both keep what the server sent.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{null_as_empty, Flag, Scalar};

model! {
    /// Body of `wms/auth/login` (API.md §4.1). `Debug` prints the password as `***`.
    #[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct WmsLoginRequest {
        /// `login` (required): the user's INN or phone number.
        pub login: Option<String>,
        /// `password` (required): the password.
        pub password: Option<String>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl fmt::Debug for WmsLoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WmsLoginRequest")
            .field("login", &self.login)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("extra", &self.extra)
            .finish()
    }
}

model! {
    /// Response of `wms/auth/login` (API.md §4.1). No refresh endpoint or lifetime is documented.
    ///
    /// `Debug` prints both tokens as `***`.
    #[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct WmsTokens {
        /// `access_token`: the bearer token for the other WMS calls.
        pub access_token: Option<String>,
        /// `refresh_token`: a refresh token (no endpoint documented to use it).
        pub refresh_token: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl fmt::Debug for WmsTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WmsTokens")
            .field("access_token", &self.access_token.as_ref().map(|_| "***"))
            .field("refresh_token", &self.refresh_token.as_ref().map(|_| "***"))
            .field("extra", &self.extra)
            .finish()
    }
}

model! {
    /// A bare `{"message": …}` response: the answer to every `client-status` call (API.md §4.4,
    /// §4.7, §4.10), e.g. "products successfully updated to delivered status".
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Message {
        /// `message`: the server's message.
        pub message: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

// The generic envelopes keep `default` on each field: a struct-level `#[serde(default)]` would
// make decoding require `T: Default`.

model! {
    /// The envelope of a WMS `create` response (API.md §1.6):
    /// `{"message": "Record successfully created.", "data": {…record…}}`.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
    pub struct Created<T> {
        /// `message`: the server's message, e.g. "Record successfully created.".
        #[serde(default)]
        pub message: Option<String>,
        /// `data`: the created record.
        #[serde(default)]
        pub data: Option<T>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The envelope of a WMS `clients` (list) response (API.md §1.6):
    /// `{"message": "Data successfully retrieved.", "data": {"items": […], "_links": …,
    /// "_meta": …}}`.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
    pub struct ListResponse<T> {
        /// `message`: the server's message, e.g. "Data successfully retrieved.".
        #[serde(default)]
        pub message: Option<String>,
        /// `data`: one page of records.
        #[serde(default)]
        pub data: Option<Page<T>>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One page of a WMS list (API.md §1.6): the records, the page links and the counts.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
    pub struct Page<T> {
        /// `items`: the records on this page (always sent; an absent or `null` list reads as empty).
        #[serde(default, deserialize_with = "null_as_empty")]
        pub items: Vec<T>,
        /// `_links`: page links (`self`, `first`, `last`; `next`/`prev` where the server sends them).
        #[serde(rename = "_links", default)]
        pub links: Option<PageLinks>,
        /// `_meta`: total count, page count, current page and page size.
        #[serde(rename = "_meta", default)]
        pub meta: Option<PageMeta>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The page-level `_links` of a WMS list: plain strings such as
    /// `"/v1/purveyor/clients?page=1"` (unlike the `{href}` objects on each record).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PageLinks {
        /// `self`: this page's path.
        #[serde(rename = "self")]
        pub self_link: Option<String>,
        /// `first`: the first page's path.
        pub first: Option<String>,
        /// `last`: the last page's path.
        pub last: Option<String>,
        /// `next`: the next page's path (not in the single-page examples).
        pub next: Option<String>,
        /// `prev`: the previous page's path (not in the single-page examples).
        pub prev: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `_meta` of a WMS list: counts for pagination (20 records a page in the examples).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct PageMeta {
        /// `totalCount`: number of records over all pages.
        pub total_count: Option<i64>,
        /// `pageCount`: number of pages.
        pub page_count: Option<i64>,
        /// `currentPage`: this page's number, from 1.
        pub current_page: Option<i64>,
        /// `perPage`: records per page.
        pub per_page: Option<i64>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A record's `_links`: `{"self": {"href": "…"}}`. The seeds show the `href` truncated
    /// (`"http:/"`), empty, or on a development host, so do not rely on it.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ItemLinks {
        /// `self`: the link to the record.
        #[serde(rename = "self")]
        pub self_link: Option<Link>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl ItemLinks {
    /// The `self.href` string, if present.
    pub fn self_href(&self) -> Option<&str> {
        self.self_link.as_ref()?.href.as_deref()
    }
}

model! {
    /// A link object, `{"href": "…"}`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Link {
        /// `href`: the URL.
        pub href: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Body of every WMS `client-status` call (API.md §4.4, §4.7, §4.10): the ids the client has
    /// stored, each with status `"ok"`, so the server marks them delivered.
    ///
    /// ```
    /// # use bts::model::ClientStatusRequest;
    /// let body = ClientStatusRequest::ok([1, 2]);
    /// assert_eq!(
    ///     serde_json::to_string(&body).unwrap(),
    ///     r#"{"status":[{"id":1,"status":"ok"},{"id":2,"status":"ok"}]}"#
    /// );
    /// ```
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    pub struct ClientStatusRequest {
        /// `status`: one acknowledgement per stored record.
        pub status: Vec<Ack>,
    }
}

impl ClientStatusRequest {
    /// Acknowledges every id with status `"ok"`.
    pub fn ok(ids: impl IntoIterator<Item = i64>) -> Self {
        ClientStatusRequest {
            status: ids.into_iter().map(Ack::ok).collect(),
        }
    }
}

model! {
    /// One element of a `client-status` body: `{"id": 1, "status": "ok"}`.
    #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
    pub struct Ack {
        /// `id`: the record's `id` from the `clients` list.
        pub id: i64,
        /// `status`: `"ok"` (the only value the documentation shows).
        pub status: String,
    }
}

impl Ack {
    /// `{"id": id, "status": "ok"}`.
    pub fn ok(id: i64) -> Self {
        Ack {
            id,
            status: "ok".to_owned(),
        }
    }
}

model! {
    /// Body of `wms/purveyor/create` (API.md §4.2): a supplier/buyer ("purveyor").
    ///
    /// Required ("tuldirish shart"): `group`, `code`, `name`, `full_name`. The server returns the
    /// flat fields grouped into sub-objects (see [`Purveyor`]).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PurveyorRequest {
        /// `group` (required): the purveyor's group.
        pub group: Option<String>,
        /// `code` (required): the purveyor's code.
        pub code: Option<String>,
        /// `name` (required): the purveyor's name.
        pub name: Option<String>,
        /// `full_name` (required): the purveyor's full name.
        pub full_name: Option<String>,
        /// `name_eng`: the name in English.
        pub name_eng: Option<String>,
        /// `stock_percentage`: shelf-life reserve percentage (table: string; response: "0.00").
        pub stock_percentage: Option<Scalar>,
        /// `stock_expiry`: shelf life (table: string; response: integer `0`).
        pub stock_expiry: Option<Scalar>,
        /// `legal_entity`: legal entity (yes) or natural person (no), "Да/Нет".
        pub legal_entity: Option<Flag>,
        /// `inn`: taxpayer number (table: integer; response: string).
        pub inn: Option<Scalar>,
        /// `kpp`: company registration code (table: integer; response: string).
        pub kpp: Option<Scalar>,
        /// `okpp` (sic; the response calls it `okpo`): classifier code (table: integer).
        pub okpp: Option<Scalar>,
        /// `is_buyer`: whether the purveyor is a buyer, "Да/Нет".
        pub is_buyer: Option<Flag>,
        /// `main_delivery_address`: main delivery address.
        pub main_delivery_address: Option<String>,
        /// `depositor`: whether the purveyor is a depositor (storekeeper), "Да/Нет".
        pub depositor: Option<Flag>,
        /// `contract_number`: contract number (table: integer; response: string).
        pub contract_number: Option<Scalar>,
        /// `contract_date`: contract date, `YYYY-MM-DD`.
        pub contract_date: Option<String>,
        /// `bank_details`: bank details.
        pub bank_details: Option<String>,
        /// `contact_info`: contact information.
        pub contact_info: Option<String>,
        /// `additional_details`: additional details (requisites).
        pub additional_details: Option<String>,
        /// `is_supplier`: whether the purveyor is a supplier, "Да/Нет".
        pub is_supplier: Option<Flag>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A purveyor (supplier/buyer) record (API.md §4.2, §4.3, shape §5.3).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Purveyor {
        /// `id`: the record's id (the `supplier_buyer_id` of its sub-objects and of products).
        pub id: Option<i64>,
        /// `group`: the purveyor's group.
        pub group: Option<String>,
        /// `code`: the purveyor's code.
        pub code: Option<String>,
        /// `name`: the purveyor's name.
        pub name: Option<String>,
        /// `full_name`: the purveyor's full name.
        pub full_name: Option<String>,
        /// `name_eng`: the name in English.
        pub name_eng: Option<String>,
        /// `contractBankDetail`: contract, bank and address details.
        #[serde(rename = "contractBankDetail")]
        pub contract_bank_detail: Option<ContractBankDetail>,
        /// `entityType`: legal type and stock settings.
        #[serde(rename = "entityType")]
        pub entity_type: Option<EntityType>,
        /// `supplierBuyerStatus`: the supplier/buyer/depositor roles.
        #[serde(rename = "supplierBuyerStatus")]
        pub supplier_buyer_status: Option<SupplierBuyerStatus>,
        /// `taxInfo`: tax identifiers.
        #[serde(rename = "taxInfo")]
        pub tax_info: Option<TaxInfo>,
        /// `_links`: `{"self": {"href": …}}`.
        #[serde(rename = "_links")]
        pub links: Option<ItemLinks>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A purveyor's `contractBankDetail` (API.md §5.3).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ContractBankDetail {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `supplier_buyer_id`: the purveyor's id.
        pub supplier_buyer_id: Option<i64>,
        /// `contract_number`: contract number (a string in responses, "integer" in the table).
        pub contract_number: Option<Scalar>,
        /// `contract_date`: contract date, `YYYY-MM-DD`.
        pub contract_date: Option<String>,
        /// `bank_details`: bank details.
        pub bank_details: Option<String>,
        /// `contact_info`: contact information.
        pub contact_info: Option<String>,
        /// `additional_details`: additional details (requisites).
        pub additional_details: Option<String>,
        /// `main_delivery_address`: main delivery address.
        pub main_delivery_address: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A purveyor's `entityType` (API.md §5.3).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct EntityType {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `stock_percentage`: shelf-life reserve percentage, a decimal string such as "20.00".
        pub stock_percentage: Option<Scalar>,
        /// `stock_expiry`: shelf life (an integer in responses, "string" in the table).
        pub stock_expiry: Option<Scalar>,
        /// `supplier_buyer_id`: the purveyor's id.
        pub supplier_buyer_id: Option<i64>,
        /// `legal_entity`: legal entity (true) or natural person (false).
        pub legal_entity: Option<Flag>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A purveyor's `supplierBuyerStatus`: its roles (API.md §5.3).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct SupplierBuyerStatus {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `supplier_buyer_id`: the purveyor's id.
        pub supplier_buyer_id: Option<i64>,
        /// `is_supplier`: whether it is a supplier.
        pub is_supplier: Option<Flag>,
        /// `is_buyer`: whether it is a buyer.
        pub is_buyer: Option<Flag>,
        /// `depositor`: whether it is a depositor.
        pub depositor: Option<Flag>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A purveyor's `taxInfo` (API.md §5.3).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct TaxInfo {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `supplier_buyer_id`: the purveyor's id.
        pub supplier_buyer_id: Option<i64>,
        /// `inn`: taxpayer number (a string in responses).
        pub inn: Option<Scalar>,
        /// `kpp`: company registration code (a string in responses).
        pub kpp: Option<Scalar>,
        /// `okpo`: classifier code (sent as `okpp` in the request).
        pub okpo: Option<Scalar>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Body of `wms/product/create` (API.md §4.5), merging seed 000's and seed 004's fields.
    ///
    /// Required in seed 000 ("tuldirish shart"): `group`, `code`, `name`, `full_name`, `gtin`,
    /// `article`, `nomenclature_type`, `shelf_life_stock`, `kis_code`, `is_set`, `weight`,
    /// `net_weight`, `volume`, `net_volume`, `specification`, `temperature_mode`,
    /// `base_packaging`, `unit`. Seed 004 marks none. Send real numbers and booleans rather than
    /// words like "90 дней" or "Нет" (seed 004's "Нет" came back `true`).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ProductRequest {
        /// `supplier_buyer_id` (seed 004): the supplier's or buyer's id (the server may override it).
        pub supplier_buyer_id: Option<i64>,
        /// `client_product_variation_id` (seed 004): the client's product-variation id.
        pub client_product_variation_id: Option<i64>,
        /// `client_product_id` (seed 004): the client's own product id (echoed in the response).
        pub client_product_id: Option<i64>,
        /// `group` (required): product group or category.
        pub group: Option<String>,
        /// `code` (required): the product's unique code.
        pub code: Option<String>,
        /// `name` (required): product name.
        pub name: Option<String>,
        /// `full_name` (required): full product name.
        pub full_name: Option<String>,
        /// `gtin` (required): GTIN barcode (seed 000: integer; seed 004 and responses: string).
        pub gtin: Option<Scalar>,
        /// `article` (required): article (SKU) number.
        pub article: Option<String>,
        /// `nomenclature_type` (required): nomenclature type (kind of product).
        pub nomenclature_type: Option<String>,
        /// `shelf_life_stock` (required): storage period in the warehouse, days (seed 004: "90 дней").
        pub shelf_life_stock: Option<Scalar>,
        /// `abc_class`: ABC-analysis class, e.g. "A".
        pub abc_class: Option<String>,
        /// `kis_code` (required; seed 004's table says `kis_name`): the KIS system code.
        pub kis_code: Option<String>,
        /// `comment`: a note on the product.
        pub comment: Option<String>,
        /// `is_set` (required): whether the product is a kit; "1 or 0" (seed 000), "Нет" (seed 004).
        pub is_set: Option<Flag>,
        /// `weight` (required): gross weight (integer in seed 000, float in seed 004, sent as "1.05").
        pub weight: Option<Scalar>,
        /// `net_weight` (required): net weight in the packaging.
        pub net_weight: Option<Scalar>,
        /// `min_shelf_life_stock`: minimum shelf life left at acceptance, days (seed 004: "30 дней").
        pub min_shelf_life_stock: Option<Scalar>,
        /// `name_eng`: the name in English.
        pub name_eng: Option<String>,
        /// `tsd_name`: the name shown on data-collection terminals (TSD).
        pub tsd_name: Option<String>,
        /// `volume` (required): volume (float; sent as "1.1").
        pub volume: Option<Scalar>,
        /// `net_volume` (required): net volume in the packaging.
        pub net_volume: Option<Scalar>,
        /// `shelf_life_deviation_days`: maximum shelf-life deviation, days (000: string, 004: integer).
        pub shelf_life_deviation_days: Option<Scalar>,
        /// `shelf_life_period` (seed 004): shelf-life (storage) period, days.
        pub shelf_life_period: Option<Scalar>,
        /// `min_shelf_life_period`: minimum shelf-life period at acceptance, days.
        pub min_shelf_life_period: Option<Scalar>,
        /// `shelf_life_deviation_period`: maximum shelf-life deviation period.
        pub shelf_life_deviation_period: Option<Scalar>,
        /// `depositor`: the organisation depositing the product (a string here, unlike purveyors).
        pub depositor: Option<String>,
        /// `seasonal_abc_coefficient`: seasonal ABC coefficient (float; sent as "1.2").
        pub seasonal_abc_coefficient: Option<Scalar>,
        /// `specification` (required): description or technical requirements.
        pub specification: Option<String>,
        /// `storage_period_days`: total storage period, days.
        pub storage_period_days: Option<Scalar>,
        /// `default_status`: the product's initial status, e.g. "Активный" (active).
        pub default_status: Option<String>,
        /// `temperature_mode` (required): storage temperature, e.g. "+2°C до +6°C".
        pub temperature_mode: Option<String>,
        /// `base_packaging` (required): base (primary) packaging.
        pub base_packaging: Option<String>,
        /// `billing_packaging`: packaging used for billing.
        pub billing_packaging: Option<String>,
        /// `report_packaging`: packaging used for reports.
        pub report_packaging: Option<String>,
        /// `unit` (required): unit of measure, e.g. "литр" (seed 000's table says integer).
        pub unit: Option<Scalar>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A product record (API.md §4.5, §4.6, shape §5.4).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Product {
        /// `id`: the product's internal id.
        pub id: Option<i64>,
        /// `supplier_buyer_id`: the owning purveyor's id.
        pub supplier_buyer_id: Option<i64>,
        /// `group`: product group or category.
        pub group: Option<String>,
        /// `code`: the product's unique code.
        pub code: Option<String>,
        /// `name`: product name.
        pub name: Option<String>,
        /// `full_name`: full product name.
        pub full_name: Option<String>,
        /// `gtin`: GTIN barcode (a string in responses).
        pub gtin: Option<Scalar>,
        /// `article`: article (SKU) number.
        pub article: Option<String>,
        /// `nomenclature_type`: nomenclature type.
        pub nomenclature_type: Option<String>,
        /// `unit`: unit of measure (a string in responses, "integer" in seed 000's table).
        pub unit: Option<Scalar>,
        /// `client_product_id`: the client's own product id (seed 004 only).
        pub client_product_id: Option<i64>,
        /// `comment`: a note on the product.
        pub comment: Option<String>,
        /// `productPackagin` (the server's spelling): packaging data.
        #[serde(rename = "productPackagin")]
        pub product_packaging: Option<ProductPackaging>,
        /// `productShelfLive` (the server's spelling): shelf life and storage conditions.
        #[serde(rename = "productShelfLive")]
        pub product_shelf_life: Option<ProductShelfLife>,
        /// `productTechnical`: weights, volumes and flags.
        #[serde(rename = "productTechnical")]
        pub product_technical: Option<ProductTechnical>,
        /// `_links`: `{"self": {"href": …}}`.
        #[serde(rename = "_links")]
        pub links: Option<ItemLinks>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A product's `productPackagin` object (API.md §5.4; the wire name is misspelt).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ProductPackaging {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `product_id`: the product's id.
        pub product_id: Option<i64>,
        /// `base_packaging`: base (primary) packaging.
        pub base_packaging: Option<String>,
        /// `billing_packaging`: packaging used for billing.
        pub billing_packaging: Option<String>,
        /// `report_packaging`: packaging used for reports.
        pub report_packaging: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A product's `productShelfLive` object (API.md §5.4; the wire name is misspelt).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ProductShelfLife {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `product_id`: the product's id.
        pub product_id: Option<i64>,
        /// `shelf_life_stock`: storage period, a decimal string such as "90.00".
        pub shelf_life_stock: Option<Scalar>,
        /// `min_shelf_life_stock`: minimum shelf life at acceptance, a decimal string such as "30.00".
        pub min_shelf_life_stock: Option<Scalar>,
        /// `shelf_life_deviation_days`: maximum deviation, days (an integer in responses).
        pub shelf_life_deviation_days: Option<Scalar>,
        /// `shelf_life_period`: shelf-life period, days.
        pub shelf_life_period: Option<Scalar>,
        /// `min_shelf_life_period`: minimum shelf-life period, days.
        pub min_shelf_life_period: Option<Scalar>,
        /// `shelf_life_deviation_period`: maximum deviation period.
        pub shelf_life_deviation_period: Option<Scalar>,
        /// `storage_period_days`: total storage period, days.
        pub storage_period_days: Option<Scalar>,
        /// `specification`: description or technical requirements.
        pub specification: Option<String>,
        /// `temperature_mode`: storage temperature.
        pub temperature_mode: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A product's `productTechnical` object (API.md §5.4).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ProductTechnical {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `product_id`: the product's id.
        pub product_id: Option<i64>,
        /// `weight`: gross weight, a decimal string such as "1.050".
        pub weight: Option<Scalar>,
        /// `net_weight`: net weight, a decimal string.
        pub net_weight: Option<Scalar>,
        /// `volume`: volume, a decimal string.
        pub volume: Option<Scalar>,
        /// `net_volume`: net volume, a decimal string.
        pub net_volume: Option<Scalar>,
        /// `is_set`: whether the product is a set (kit); `true` in responses.
        pub is_set: Option<Flag>,
        /// `kis_code`: the KIS system code.
        pub kis_code: Option<String>,
        /// `default_status`: the product's initial status.
        pub default_status: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Body of `wms/receiving-goods/create` (API.md §4.8): an inbound delivery to the warehouse.
    ///
    /// Required ("tuldirish shart"): `number`, `date`, `counterparty`, `nomenclature`, `quantity`,
    /// `price`, `total_amount`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ReceivingGoodsRequest {
        /// `number` (required): the delivery's number (table: integer; response: string).
        pub number: Option<Scalar>,
        /// `date` (required): the delivery date, `YYYY-MM-DD`.
        pub date: Option<String>,
        /// `counterparty` (required): the organisation delivering the cargo.
        pub counterparty: Option<String>,
        /// `arrival_date`: the date the cargo was received.
        pub arrival_date: Option<String>,
        /// `comment`: a comment.
        pub comment: Option<String>,
        /// `vehicle_model`: the vehicle's model.
        pub vehicle_model: Option<String>,
        /// `vehicle_number`: the vehicle's plate number (table: integer; plates are alphanumeric).
        pub vehicle_number: Option<Scalar>,
        /// `driver_name`: the driver's full name.
        pub driver_name: Option<String>,
        /// `driver_document`: the driver's document (passport, licence, …).
        pub driver_document: Option<String>,
        /// `contract_number`: contract number (table: integer; response: string).
        pub contract_number: Option<Scalar>,
        /// `contract_date`: contract date.
        pub contract_date: Option<String>,
        /// `nomenclature` (required): the kind of cargo or list of products.
        pub nomenclature: Option<String>,
        /// `quantity` (required): quantity of product.
        pub quantity: Option<Scalar>,
        /// `price` (required): price per piece or unit (table: integer; response: "44.00").
        pub price: Option<Scalar>,
        /// `total_amount` (required): total amount (documented as price × quantity).
        pub total_amount: Option<Scalar>,
        /// `kis_number`: the order's number in the KIS system.
        pub kis_number: Option<Scalar>,
        /// `kis_date`: the date the order was entered in KIS.
        pub kis_date: Option<String>,
        /// `accept_by_places`: accept by cargo places ("true/false").
        pub accept_by_places: Option<Flag>,
        /// `vehicle_type`: the vehicle type (truck, bus, …).
        pub vehicle_type: Option<String>,
        /// `vat_rate`: VAT rate, percent (table: integer; response: decimal string).
        pub vat_rate: Option<Scalar>,
        /// `vat_amount`: VAT amount.
        pub vat_amount: Option<Scalar>,
        /// `price_includes_vat`: whether the price includes VAT ("true/false").
        pub price_includes_vat: Option<Flag>,
        /// `discount_amount`: discount amount.
        pub discount_amount: Option<Scalar>,
        /// `under_delivery_percent`: under-delivery tolerance, percent.
        pub under_delivery_percent: Option<Scalar>,
        /// `over_delivery_percent`: over-delivery tolerance, percent.
        pub over_delivery_percent: Option<Scalar>,
        /// `nomenclature_package`: the nomenclature's packaging type.
        pub nomenclature_package: Option<String>,
        /// `package_quantity`: number of packages.
        pub package_quantity: Option<Scalar>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A goods-receipt record (API.md §4.8, §4.9, shape §5.5).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ReceivingGoods {
        /// `id`: the receipt's id (the `supplier_id` of its sub-objects).
        pub id: Option<i64>,
        /// `number`: the delivery's number (a string in responses).
        pub number: Option<Scalar>,
        /// `date`: the delivery date, `YYYY-MM-DD`.
        pub date: Option<String>,
        /// `counterparty`: the organisation delivering the cargo.
        pub counterparty: Option<String>,
        /// `arrival_date`: the date the cargo was received, `YYYY-MM-DD`.
        pub arrival_date: Option<String>,
        /// `comment`: a comment.
        pub comment: Option<String>,
        /// `vehicle_model`: the vehicle's model.
        pub vehicle_model: Option<String>,
        /// `vehicle_number`: the vehicle's plate number (a string in responses).
        pub vehicle_number: Option<Scalar>,
        /// `driver_name`: the driver's full name.
        pub driver_name: Option<String>,
        /// `driver_document`: the driver's document.
        pub driver_document: Option<String>,
        /// `contract_number`: contract number (a string in responses).
        pub contract_number: Option<Scalar>,
        /// `contract_date`: contract date, `YYYY-MM-DD`.
        pub contract_date: Option<String>,
        /// `acceptance_gate`: undocumented (`null` in the examples), kept as raw JSON.
        pub acceptance_gate: Option<Value>,
        /// `nomenclature`: the kind of cargo or list of products.
        pub nomenclature: Option<String>,
        /// `quantity`: quantity of product (an integer in responses).
        pub quantity: Option<Scalar>,
        /// `price`: unit price, a decimal string such as "44.00".
        pub price: Option<Scalar>,
        /// `total_amount`: total amount, a decimal string (not always price × quantity).
        pub total_amount: Option<Scalar>,
        /// `supplierDetail`: KIS, VAT, discount and tolerance details.
        #[serde(rename = "supplierDetail")]
        pub supplier_detail: Option<SupplierDetail>,
        /// `supplierPackage`: packaging details.
        #[serde(rename = "supplierPackage")]
        pub supplier_package: Option<SupplierPackage>,
        /// `_links`: `{"self": {"href": …}}`.
        #[serde(rename = "_links")]
        pub links: Option<ItemLinks>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A goods receipt's `supplierDetail` object (API.md §5.5).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct SupplierDetail {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `supplier_id`: despite its name, the goods receipt's id.
        pub supplier_id: Option<i64>,
        /// `kis_number`: the order's number in KIS (`null` in the examples).
        pub kis_number: Option<Scalar>,
        /// `kis_date`: the date the order was entered in KIS.
        pub kis_date: Option<String>,
        /// `accept_by_places`: accept by cargo places.
        pub accept_by_places: Option<Flag>,
        /// `vehicle_type`: the vehicle type (`null` in the examples).
        pub vehicle_type: Option<String>,
        /// `vat_rate`: VAT rate, percent, a decimal string.
        pub vat_rate: Option<Scalar>,
        /// `vat_amount`: VAT amount, a decimal string.
        pub vat_amount: Option<Scalar>,
        /// `price_includes_vat`: whether the price includes VAT.
        pub price_includes_vat: Option<Flag>,
        /// `discount_amount`: discount amount, a decimal string.
        pub discount_amount: Option<Scalar>,
        /// `under_delivery_percent`: under-delivery tolerance, percent, a decimal string.
        pub under_delivery_percent: Option<Scalar>,
        /// `over_delivery_percent`: over-delivery tolerance, percent, a decimal string.
        pub over_delivery_percent: Option<Scalar>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A goods receipt's `supplierPackage` object (API.md §5.5).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct SupplierPackage {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `supplier_id`: despite its name, the goods receipt's id.
        pub supplier_id: Option<i64>,
        /// `nomenclature_package`: the nomenclature's packaging type.
        pub nomenclature_package: Option<String>,
        /// `package_quantity`: number of packages.
        pub package_quantity: Option<Scalar>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}
