//! WMS records (suppliers, products, receiving goods): login, create with the documented nested
//! replies, the `clients` queue 20 a page, `client-status` acknowledgements, and the seeded
//! examples.

use super::store::*;
use crate::json::{
    decimal, int_of, is_missing, json_object, loose_bool, loose_text, php_float, php_int, Errors,
    OrderedJson,
};
use crate::reply::Reply;
use crate::request::Request;
use crate::state::State;
use serde_json::{json, Map, Value};
use std::io::Write;

/// Whether a receiving-goods body has the current docs' shape (header code + lines).
pub(crate) fn is_current_receiving(b: &Map<String, Value>) -> bool {
    b.contains_key("receiving_goods") || b.contains_key("client_receiving_good_code")
}

pub(crate) fn text(b: &Map<String, Value>, f: &str) -> OrderedJson {
    OrderedJson::from(loose_text(b.get(f)))
}

pub(crate) fn dec(b: &Map<String, Value>, f: &str, places: usize) -> OrderedJson {
    OrderedJson::Str(decimal(php_float(b.get(f)), places))
}

pub(crate) fn int(b: &Map<String, Value>, f: &str) -> OrderedJson {
    OrderedJson::Int(php_int(b.get(f)))
}

pub(crate) fn boolean(b: &Map<String, Value>, f: &str) -> OrderedJson {
    OrderedJson::Bool(loose_bool(b.get(f)))
}

pub(crate) fn links(href: &str) -> OrderedJson {
    json_object! {"self" => json_object! {"href" => href}}
}

pub(crate) fn build(
    kind: RecordKind,
    id: i64,
    sub: [i64; 3],
    b: &Map<String, Value>,
    href: &str,
) -> OrderedJson {
    match kind {
        RecordKind::Purveyor => {
            let okpo = if is_missing(b.get("okpo")) {
                text(b, "okpp")
            } else {
                text(b, "okpo")
            };
            json_object! {
                "id" => id,
                "group" => text(b, "group"),
                "code" => text(b, "code"),
                "name" => text(b, "name"),
                "full_name" => text(b, "full_name"),
                "name_eng" => text(b, "name_eng"),
                "contractBankDetail" => json_object! {
                    "id" => sub[0],
                    "supplier_buyer_id" => id,
                    "contract_number" => text(b, "contract_number"),
                    "contract_date" => text(b, "contract_date"),
                    "bank_details" => text(b, "bank_details"),
                    "contact_info" => text(b, "contact_info"),
                    "additional_details" => text(b, "additional_details"),
                    "main_delivery_address" => text(b, "main_delivery_address"),
                },
                "entityType" => json_object! {
                    "id" => sub[0],
                    "stock_percentage" => dec(b, "stock_percentage", 2),
                    "stock_expiry" => int(b, "stock_expiry"),
                    "supplier_buyer_id" => id,
                    "legal_entity" => boolean(b, "legal_entity"),
                },
                "supplierBuyerStatus" => json_object! {
                    "id" => sub[0],
                    "supplier_buyer_id" => id,
                    "is_supplier" => boolean(b, "is_supplier"),
                    "is_buyer" => boolean(b, "is_buyer"),
                    "depositor" => boolean(b, "depositor"),
                },
                "taxInfo" => json_object! {
                    "id" => sub[0],
                    "supplier_buyer_id" => id,
                    "inn" => text(b, "inn"),
                    "kpp" => text(b, "kpp"),
                    "okpo" => okpo,
                },
                "_links" => links(href),
            }
        }
        RecordKind::Product => {
            let kis = if is_missing(b.get("kis_code")) {
                text(b, "kis_name")
            } else {
                text(b, "kis_code")
            };
            let mut j = json_object! {
                "id" => id,
                "supplier_buyer_id" => b.get("supplier_buyer_id").and_then(int_of).unwrap_or(5),
                "group" => text(b, "group"),
                "code" => text(b, "code"),
                "name" => text(b, "name"),
                "full_name" => text(b, "full_name"),
                "gtin" => text(b, "gtin"),
                "article" => text(b, "article"),
                "nomenclature_type" => text(b, "nomenclature_type"),
                "unit" => text(b, "unit"),
                "comment" => text(b, "comment"),
                "productPackagin" => json_object! {
                    "id" => sub[0],
                    "product_id" => id,
                    "base_packaging" => text(b, "base_packaging"),
                    "billing_packaging" => text(b, "billing_packaging"),
                    "report_packaging" => text(b, "report_packaging"),
                },
                "productShelfLive" => json_object! {
                    "id" => sub[1],
                    "product_id" => id,
                    "shelf_life_stock" => dec(b, "shelf_life_stock", 2),
                    "min_shelf_life_stock" => dec(b, "min_shelf_life_stock", 2),
                    "shelf_life_deviation_days" => int(b, "shelf_life_deviation_days"),
                    "shelf_life_period" => int(b, "shelf_life_period"),
                    "min_shelf_life_period" => int(b, "min_shelf_life_period"),
                    "shelf_life_deviation_period" => int(b, "shelf_life_deviation_period"),
                    "storage_period_days" => int(b, "storage_period_days"),
                    "specification" => text(b, "specification"),
                    "temperature_mode" => text(b, "temperature_mode"),
                },
                "productTechnical" => json_object! {
                    "id" => sub[2],
                    "product_id" => id,
                    "weight" => dec(b, "weight", 3),
                    "net_weight" => dec(b, "net_weight", 3),
                    "volume" => dec(b, "volume", 3),
                    "net_volume" => dec(b, "net_volume", 3),
                    "is_set" => boolean(b, "is_set"),
                    "kis_code" => kis,
                    "default_status" => text(b, "default_status"),
                },
                "_links" => links(href),
            };
            // `client_product_id` (seed 004) comes back after `unit` when it was sent.
            if let (OrderedJson::Obj(fields), Some(cpi)) =
                (&mut j, b.get("client_product_id").and_then(int_of))
            {
                let at = fields
                    .iter()
                    .position(|(k, _)| k == "unit")
                    .map_or(fields.len(), |p| p + 1);
                fields.insert(at, ("client_product_id".into(), OrderedJson::Int(cpi)));
            }
            j
        }
        RecordKind::Receiving if is_current_receiving(b) => json_object! {
            "id" => id,
            "client_receiving_good_code" => text(b, "client_receiving_good_code"),
            "receiving_goods" => OrderedJson::from(b.get("receiving_goods").cloned().unwrap_or(Value::Array(Vec::new()))),
            "_links" => links(href),
        },
        RecordKind::Receiving => json_object! {
            "id" => id,
            "number" => text(b, "number"),
            "date" => text(b, "date"),
            "counterparty" => text(b, "counterparty"),
            "arrival_date" => text(b, "arrival_date"),
            "comment" => text(b, "comment"),
            "vehicle_model" => text(b, "vehicle_model"),
            "vehicle_number" => text(b, "vehicle_number"),
            "driver_name" => text(b, "driver_name"),
            "driver_document" => text(b, "driver_document"),
            "contract_number" => text(b, "contract_number"),
            "contract_date" => text(b, "contract_date"),
            "acceptance_gate" => text(b, "acceptance_gate"),
            "nomenclature" => text(b, "nomenclature"),
            "quantity" => int(b, "quantity"),
            "price" => dec(b, "price", 2),
            "total_amount" => dec(b, "total_amount", 2),
            "supplierDetail" => json_object! {
                "id" => sub[0],
                "supplier_id" => id,
                "kis_number" => b.get("kis_number").and_then(int_of),
                "kis_date" => text(b, "kis_date"),
                "accept_by_places" => boolean(b, "accept_by_places"),
                "vehicle_type" => text(b, "vehicle_type"),
                "vat_rate" => dec(b, "vat_rate", 2),
                "vat_amount" => dec(b, "vat_amount", 2),
                "price_includes_vat" => boolean(b, "price_includes_vat"),
                "discount_amount" => dec(b, "discount_amount", 2),
                "under_delivery_percent" => dec(b, "under_delivery_percent", 2),
                "over_delivery_percent" => dec(b, "over_delivery_percent", 2),
            },
            "supplierPackage" => json_object! {
                "id" => sub[1],
                "supplier_id" => id,
                "nomenclature_package" => text(b, "nomenclature_package"),
                "package_quantity" => int(b, "package_quantity"),
            },
            "_links" => links(href),
        },
    }
}

pub(crate) fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// Seeds each kind with the record of the documented list example (ids 12, 39, 10).
pub(crate) fn seed_examples(st: &mut State) {
    let purveyor = obj(json!({
        "group": "string", "code": "string", "name": "string", "full_name": "string",
        "name_eng": "string", "contract_number": "string", "contract_date": "2024-10-10",
        "bank_details": "string", "contact_info": "string", "additional_details": "string",
        "main_delivery_address": "string", "stock_percentage": "20", "stock_expiry": 0,
        "legal_entity": true, "is_supplier": true, "is_buyer": true, "depositor": true,
        "inn": "string", "kpp": "string", "okpp": "string"
    }));
    let product = obj(json!({
        "supplier_buyer_id": 5, "group": "stringcceee", "code": "stringcccee",
        "name": "stringcceee", "full_name": "string", "gtin": "112", "article": "string",
        "nomenclature_type": "11", "unit": "22", "comment": "string",
        "base_packaging": "string", "billing_packaging": "string", "report_packaging": "string",
        "shelf_life_stock": 22, "min_shelf_life_stock": 0, "shelf_life_deviation_days": 2,
        "shelf_life_period": 2, "min_shelf_life_period": 2, "shelf_life_deviation_period": 2,
        "storage_period_days": 2, "specification": "string", "temperature_mode": "string",
        "weight": 88, "net_weight": 55, "volume": 77, "net_volume": 44, "is_set": true,
        "kis_code": "99", "default_status": "string"
    }));
    let receiving = obj(json!({
        "number": "string", "date": "2024-11-11", "counterparty": "string",
        "arrival_date": "2024-11-11", "comment": "string", "vehicle_model": "string",
        "vehicle_number": "string", "driver_name": "string", "driver_document": "string",
        "contract_number": "string", "contract_date": "2024-11-11", "nomenclature": "string",
        "quantity": 20, "price": 200, "total_amount": 2000, "kis_date": "2024-11-11",
        "accept_by_places": true, "vat_rate": 20, "vat_amount": 30, "price_includes_vat": true,
        "discount_amount": 40, "under_delivery_percent": 25, "over_delivery_percent": 50,
        "nomenclature_package": "string11", "package_quantity": 0
    }));
    let seeds = [
        (RecordKind::Purveyor, 12, [9, 0, 0], purveyor),
        (RecordKind::Product, 39, [7, 10, 18], product),
        (RecordKind::Receiving, 10, [7, 1, 0], receiving),
    ];
    for (kind, id, sub, body) in seeds {
        let t = &mut st.wms.tables[kind.idx()];
        t.next_id = id;
        t.sub = sub;
        st.wms_insert(kind, &body, None);
    }
}

impl State {
    pub(crate) fn wms_login(&mut self, ctx: &Request) -> Reply {
        let b = ctx.body;
        let mut errs = Errors::default();
        for (f, lbl) in [("login", "Login"), ("password", "Parol")] {
            if is_missing(b.get(f)) {
                errs.add(f, format!("«{lbl}» tuldirish shart."));
            }
        }
        if !errs.is_empty() {
            return Reply::errors(errs);
        }
        let login = loose_text(b.get("login")).unwrap_or_default();
        let password = loose_text(b.get("password")).unwrap_or_default();
        if login != LOGIN || password != PASSWORD {
            return Reply::yii(401, Some("Login yoki parol noto'g'ri."));
        }
        let (access, refresh) = self.issue_wms_tokens();
        Reply::ok(json_object! {"access_token" => access, "refresh_token" => refresh})
    }

    /// Stores a record; `host` is `Some(host)` for the `_links` URL, `None` for the seeded
    /// example records (whose `href` is `""`, as documented).
    fn wms_insert(
        &mut self,
        kind: RecordKind,
        b: &Map<String, Value>,
        host: Option<&str>,
    ) -> OrderedJson {
        let t = &mut self.wms.tables[kind.idx()];
        let id = t.next_id;
        let sub = t.sub;
        t.next_id += 1;
        let bump = match kind {
            RecordKind::Purveyor => [1, 0, 0],
            RecordKind::Product => [1, 1, 1],
            RecordKind::Receiving => [1, 1, 0],
        };
        for (s, d) in t.sub.iter_mut().zip(bump) {
            *s += d;
        }
        let href = match host {
            Some(h) => format!("http://{h}/v1/{}/view?id={id}", kind.path()),
            None => String::new(),
        };
        let j = build(kind, id, sub, b, &href);
        t.records.push(Record {
            id,
            delivered: false,
            json: j.to_vec(),
        });
        j
    }

    pub(crate) fn wms_create(&mut self, kind: RecordKind, ctx: &Request) -> Reply {
        let b = ctx.body;
        let strict = self.quirks.wms_strict_types;
        if kind == RecordKind::Receiving && is_current_receiving(b) {
            if let Err(errs) = self.wms_receiving_current(b) {
                return self.wms_invalid(errs, false);
            }
        } else {
            let mut errs = Errors::default();
            for f in kind.required() {
                match b.get(*f) {
                    v if is_missing(v) => errs.add(*f, format!("«{f}» tuldirish shart.")),
                    Some(Value::Array(_) | Value::Object(_)) => {
                        errs.add(*f, format!("«{f}» noto'g'ri."))
                    }
                    _ => {}
                }
            }
            if strict {
                State::wms_strict_errors(kind, b, &mut errs);
            }
            if !errs.is_empty() {
                return self.wms_invalid(errs, false);
            }
        }
        let host = ctx.host.unwrap_or(&self.default_host).to_owned();
        let j = if strict && b.contains_key("okpp") {
            // The server source reads only `okpo`: `okpp` is ignored.
            let mut body = b.clone();
            body.remove("okpp");
            self.wms_insert(kind, &body, Some(&host))
        } else {
            self.wms_insert(kind, b, Some(&host))
        };
        self.wms_created(j)
    }

    /// Adds `n` valid pending records of a kind, with generated values.
    pub(crate) fn seed_wms(&mut self, kind: RecordKind, n: usize) {
        let host = self.default_host.clone();
        for _ in 0..n {
            let id = self.wms.tables[kind.idx()].next_id;
            let body = match kind {
                RecordKind::Purveyor => json!({
                    "group": "Sandbox", "code": format!("SUP-{id}"), "name": format!("Supplier {id}"),
                    "full_name": format!("Sandbox supplier {id} LLC"), "name_eng": format!("Supplier {id}"),
                    "stock_percentage": "10", "stock_expiry": 30, "legal_entity": true,
                    "inn": format!("{}", 300_000_000 + id), "kpp": "0", "okpp": "0",
                    "is_buyer": false, "is_supplier": true, "depositor": false,
                    "main_delivery_address": "Toshkent, Labzak ko'ch 2",
                    "contract_number": format!("C-{id}"), "contract_date": "2024-11-11",
                    "bank_details": "Sandbox bank", "contact_info": "+998 99 1234567",
                    "additional_details": ""
                }),
                RecordKind::Product => json!({
                    "supplier_buyer_id": 5, "client_product_id": 10_000 + id,
                    "group": "Sandbox", "code": format!("PRD-{id}"), "name": format!("Product {id}"),
                    "full_name": format!("Sandbox product {id}"), "gtin": format!("{}", 4_780_000_000_000i64 + id),
                    "article": format!("ART{id}"), "nomenclature_type": "Tovar", "unit": "dona",
                    "shelf_life_stock": 90, "kis_code": format!("KIS-{id}"), "is_set": false,
                    "weight": 1.05, "net_weight": 1.0, "volume": 1.1, "net_volume": 1.0,
                    "specification": "Sandbox", "temperature_mode": "+2°C до +6°C",
                    "base_packaging": "dona", "billing_packaging": "dona", "report_packaging": "dona",
                    "comment": "", "default_status": "Активный", "min_shelf_life_stock": 30,
                    "shelf_life_deviation_days": 5, "shelf_life_period": 90, "min_shelf_life_period": 30,
                    "shelf_life_deviation_period": 5, "storage_period_days": 90
                }),
                RecordKind::Receiving => json!({
                    "number": format!("RG-{id}"), "date": "2024-11-11", "counterparty": "Sandbox LLC",
                    "arrival_date": "2024-11-12", "comment": "", "vehicle_model": "Isuzu",
                    "vehicle_number": "01A123BC", "driver_name": "Driver", "driver_document": "AA1234567",
                    "contract_number": format!("C-{id}"), "contract_date": "2024-11-01",
                    "nomenclature": "Sandbox goods", "quantity": 10, "price": 44, "total_amount": 440,
                    "kis_date": "2024-11-11", "accept_by_places": true, "vat_rate": 12, "vat_amount": 52.8,
                    "price_includes_vat": true, "discount_amount": 0, "under_delivery_percent": 5,
                    "over_delivery_percent": 5, "nomenclature_package": "box", "package_quantity": 1
                }),
            };
            self.wms_insert(kind, &obj(body), Some(&host));
        }
    }

    pub(crate) fn wms_list(&self, kind: RecordKind, ctx: &Request) -> Reply {
        let t = &self.wms.tables[kind.idx()];
        let pending: Vec<&Record> = t.records.iter().filter(|r| !r.delivered).collect();
        let total = pending.len();
        let page_count = total.div_ceil(PER_PAGE);
        let requested = match ctx.param("page") {
            None => 1,
            Some(p) => php_int(Some(&Value::String(p.to_owned()))),
        };
        let page = requested.clamp(1, page_count.max(1) as i64) as usize;
        let items = pending.iter().skip((page - 1) * PER_PAGE).take(PER_PAGE);
        let mut out =
            Vec::with_capacity(256 + items.clone().map(|r| r.json.len() + 1).sum::<usize>());
        out.extend_from_slice(
            b"{\"message\":\"Data successfully retrieved.\",\"data\":{\"items\":[",
        );
        for (i, r) in items.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&r.json);
        }
        let url = |n: usize| format!("\"/v1/{}/clients?page={n}\"", kind.path());
        let _ = write!(out, "],\"_links\":{{\"self\":{}", url(page));
        if page_count > 0 {
            let _ = write!(out, ",\"first\":{},\"last\":{}", url(1), url(page_count));
            if page > 1 {
                let _ = write!(out, ",\"prev\":{}", url(page - 1));
            }
            if page < page_count {
                let _ = write!(out, ",\"next\":{}", url(page + 1));
            }
        }
        let _ = write!(
            out,
            "}},\"_meta\":{{\"totalCount\":{total},\"pageCount\":{page_count},\"currentPage\":{page},\"perPage\":{PER_PAGE}}}}}}}"
        );
        Reply::bytes(200, out)
    }

    pub(crate) fn wms_ack(&mut self, kind: RecordKind, ctx: &Request) -> Reply {
        let invalid = || Reply::error("status", "«status» noto'g'ri.");
        let items = match ctx.body.get("status") {
            v if is_missing(v) => return Reply::error("status", "«status» tuldirish shart."),
            Some(Value::Array(a)) if a.is_empty() => {
                return Reply::error("status", "«status» tuldirish shart.")
            }
            Some(Value::Array(a)) => a,
            _ => return invalid(),
        };
        let mut ids = std::collections::HashSet::with_capacity(items.len());
        for item in items {
            let Some(o) = item.as_object() else {
                return invalid();
            };
            let Some(id) = o.get("id").and_then(int_of) else {
                return invalid();
            };
            let ok = match o.get("status") {
                Some(Value::String(s)) => s.eq_ignore_ascii_case("ok"),
                None | Some(Value::Null) => true,
                _ => return invalid(),
            };
            if ok {
                ids.insert(id);
            }
        }
        let t = &mut self.wms.tables[kind.idx()];
        for r in t.records.iter_mut().filter(|r| ids.contains(&r.id)) {
            r.delivered = true;
        }
        Reply::ok(json_object! {"message" => kind.ack_message()})
    }
}
