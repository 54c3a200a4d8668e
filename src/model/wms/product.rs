//! WMS products: `wms/product/create` and `wms/product/clients`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::envelope::ItemLinks;
use crate::model::common::{Flag, Scalar};

model! {
    /// Body of `wms/product/create`, merging both pages of BTS's original product documentation.
    ///
    /// Required in the first product page ("tuldirish shart"): `group`, `code`, `name`, `full_name`, `gtin`,
    /// `article`, `nomenclature_type`, `shelf_life_stock`, `kis_code`, `is_set`, `weight`,
    /// `net_weight`, `volume`, `net_volume`, `specification`, `temperature_mode`,
    /// `base_packaging`, `unit`. the second product page marks none. Send real numbers and booleans rather than
    /// words like "90 дней" or "Нет" (the second product page's "Нет" came back `true`).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ProductRequest {
        /// `supplier_buyer_id`: the supplier's or buyer's id; the server's own validation requires
        /// it although the original tables mark it optional.
        pub supplier_buyer_id: Option<i64>,
        /// `client_product_variation_id` (the second product page): the client's product-variation id.
        pub client_product_variation_id: Option<i64>,
        /// `client_product_id` (the second product page): the client's own product id (echoed in the response).
        pub client_product_id: Option<i64>,
        /// `group` (required): product group or category.
        pub group: Option<String>,
        /// `code` (required): the product's unique code.
        pub code: Option<String>,
        /// `name` (required): product name.
        pub name: Option<String>,
        /// `full_name` (required): full product name.
        pub full_name: Option<String>,
        /// `gtin` (required): GTIN barcode. The server wants a JSON string; a number (as in seed
        /// 000's table) is still read when decoding.
        pub gtin: Option<Scalar>,
        /// `article` (required): article (SKU) number.
        pub article: Option<String>,
        /// `nomenclature_type` (required): nomenclature type (kind of product).
        pub nomenclature_type: Option<String>,
        /// `shelf_life_stock` (required): storage period in the warehouse, days (the second product page: "90
        /// дней").
        pub shelf_life_stock: Option<Scalar>,
        /// `abc_class`: ABC-analysis class, e.g. "A".
        pub abc_class: Option<String>,
        /// `kis_code` (required; the second product page's table says `kis_name`): the KIS system code.
        pub kis_code: Option<String>,
        /// `comment`: a note on the product.
        pub comment: Option<String>,
        /// `is_set` (required): whether the product is a kit; "1 or 0" (the first product page), "Нет" (seed
        /// 004).
        pub is_set: Option<Flag>,
        /// `weight` (required): gross weight (integer in the first product page, float in the second product page, sent as
        /// "1.05").
        pub weight: Option<Scalar>,
        /// `net_weight` (required): net weight in the packaging.
        pub net_weight: Option<Scalar>,
        /// `min_shelf_life_stock`: minimum shelf life left at acceptance, days (the second product page: "30
        /// дней").
        pub min_shelf_life_stock: Option<Scalar>,
        /// `name_eng`: the name in English.
        pub name_eng: Option<String>,
        /// `tsd_name`: the name shown on data-collection terminals (TSD).
        pub tsd_name: Option<String>,
        /// `volume` (required): volume (float; sent as "1.1").
        pub volume: Option<Scalar>,
        /// `net_volume` (required): net volume in the packaging.
        pub net_volume: Option<Scalar>,
        /// `shelf_life_deviation_days`: maximum shelf-life deviation, days (000: string, 004:
        /// integer).
        pub shelf_life_deviation_days: Option<Scalar>,
        /// `shelf_life_period` (the second product page): shelf-life (storage) period, days.
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
        /// `unit` (required): unit of measure, e.g. "литр"; a JSON string for the server (seed
        /// 000's table says integer, which is still read when decoding).
        pub unit: Option<Scalar>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A product record.
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
        /// `unit`: unit of measure (a string in responses, "integer" in the first product page's table).
        pub unit: Option<Scalar>,
        /// `client_product_id`: the client's own product id (the second product page only).
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
    /// A product's `productPackagin` object (the wire name is misspelt).
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
    /// A product's `productShelfLive` object (the wire name is misspelt).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ProductShelfLife {
        /// `id`: this sub-record's id.
        pub id: Option<i64>,
        /// `product_id`: the product's id.
        pub product_id: Option<i64>,
        /// `shelf_life_stock`: storage period, a decimal string such as "90.00".
        pub shelf_life_stock: Option<Scalar>,
        /// `min_shelf_life_stock`: minimum shelf life at acceptance, a decimal string such as
        /// "30.00".
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
    /// A product's `productTechnical` object.
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
