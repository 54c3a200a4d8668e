//! WMS purveyors (suppliers and buyers): `wms/purveyor/create` and `wms/purveyor/clients`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::envelope::ItemLinks;
use crate::model::common::{Flag, Scalar};

model! {
    /// Body of `wms/purveyor/create`: a supplier/buyer ("purveyor").
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
        /// `inn`: taxpayer number. The server wants a JSON string (at most 20 characters) and
        /// refuses a number; a number is still read when decoding.
        pub inn: Option<Scalar>,
        /// `kpp`: company registration code; a JSON string, like `inn`.
        pub kpp: Option<Scalar>,
        /// `okpo`: classifier code; a JSON string, like `inn`. This is the key the server reads.
        pub okpo: Option<Scalar>,
        /// `okpp`: the key the original examples send for `okpo`. The server ignores it; it is kept
        /// so an old body decodes and is sent as given. Set [`okpo`](Self::okpo) instead.
        pub okpp: Option<Scalar>,
        /// `is_buyer`: whether the purveyor is a buyer, "Да/Нет".
        pub is_buyer: Option<Flag>,
        /// `main_delivery_address`: main delivery address.
        pub main_delivery_address: Option<String>,
        /// `depositor`: whether the purveyor is a depositor (storekeeper), "Да/Нет".
        pub depositor: Option<Flag>,
        /// `contract_number`: contract number; the server wants a JSON string (at most 100
        /// characters), a number is still read when decoding.
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
    /// A purveyor (supplier/buyer) record.
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
    /// A purveyor's `contractBankDetail`.
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
    /// A purveyor's `entityType`.
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
    /// A purveyor's `supplierBuyerStatus`: its roles.
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
    /// A purveyor's `taxInfo`.
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
        /// `okpo`: classifier code (the original request examples call it `okpp`).
        pub okpo: Option<Scalar>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}
