//! The typed models (`bts::model`) against every JSON example of BTS's documentation.
//!
//! Each file in `tests/fixtures/api/` is a JSON example of the legacy courier API and the WMS as
//! the seeds publish it (plus one full order example); `tests/fixtures/current/` holds the
//! examples of the current courier API and `tests/fixtures/wms_more/` those of the WMS beyond
//! the seeds (tested in `models_support/current.rs` and `models_support/wms_more.rs`). Each one
//! must decode into its model and encode back to the same JSON, with two normalisations only:
//!
//! 1. a member whose value is `null` equals an absent member (models write `None` as absent);
//! 2. numbers compare by value (`2` equals `2.0`).
//!
//! Nothing else may differ: unknown members must survive through `extra`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use bts::model::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

#[path = "models_support/test_only.rs"]
mod test_only;
use test_only::*;

fn fixtures_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture_dir() -> PathBuf {
    fixtures_root().join("api")
}

/// A fixture's text: `name` is a file of `tests/fixtures/api/`, or `dir/file` below
/// `tests/fixtures/`.
fn read_fixture(name: &str) -> String {
    let path = if name.contains('/') {
        fixtures_root().join(name)
    } else {
        fixture_dir().join(name)
    };
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Decodes a fixture into `T` (from the file's text, as a response would be read).
fn load<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&read_fixture(name)).unwrap_or_else(|e| {
        panic!(
            "{name}: does not decode as {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// Decodes `name` into `T`, encodes it again and compares with the file's JSON.
fn check_round_trip<T: DeserializeOwned + Serialize>(name: &str) {
    let original: Value = serde_json::from_str(&read_fixture(name))
        .unwrap_or_else(|e| panic!("{name}: not valid JSON: {e}"));
    let typed: T = load(name);
    let encoded = serde_json::to_value(&typed).unwrap_or_else(|e| {
        panic!(
            "{name}: {} does not encode: {e}",
            std::any::type_name::<T>()
        )
    });
    if let Err(diff) = same_json(&original, &encoded, "$") {
        panic!(
            "{name}: round trip through {} changed the JSON at {diff}\n\
             original: {original}\nencoded:  {encoded}",
            std::any::type_name::<T>()
        );
    }
}

/// Compares two JSON values under the two documented normalisations; on a difference, returns
/// the path where it is and what differs.
fn same_json(a: &Value, b: &Value, path: &str) -> Result<(), String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                let here = format!("{path}.{key}");
                let xa = x.get(key).filter(|v| !v.is_null());
                let yb = y.get(key).filter(|v| !v.is_null());
                match (xa, yb) {
                    (None, None) => {}
                    (Some(v), None) => return Err(format!("{here}: {v} was dropped")),
                    (None, Some(v)) => return Err(format!("{here}: {v} was added")),
                    (Some(v), Some(w)) => same_json(v, w, &here)?,
                }
            }
            Ok(())
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Err(format!("{path}: {} elements became {}", x.len(), y.len()));
            }
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                same_json(v, w, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(x), Value::Number(y)) => {
            let equal = match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(i), Some(j), _, _) => i == j,
                (_, _, Some(i), Some(j)) => i == j,
                _ => x.as_f64() == y.as_f64(),
            };
            if equal {
                Ok(())
            } else {
                Err(format!("{path}: {x} became {y}"))
            }
        }
        _ if a == b => Ok(()),
        _ => Err(format!("{path}: {a} became {b}")),
    }
}

/// One round-trip test per fixture, and `FIXTURES`, the list of files the tests cover.
macro_rules! fixtures {
    ($($test:ident: $file:literal => $model:ty;)*) => {
        const FIXTURES: &[&str] = &[$($file),*];
        $(
            #[test]
            fn $test() {
                check_round_trip::<$model>($file);
            }
        )*
    };
}

fixtures! {
    rt_1_5_validation_error: "1.5_validation_error.response.json" => ValidationErrors;
    rt_2_1_token_request: "2.1_get_token.request.json" => TokenRequest;
    rt_2_1_token_error: "2.1_get_token.error.response.json" => TokenError;
    rt_2_2_order_add_request: "2.2_order_add.request.json" => OrderRequest;
    rt_2_2_order_add_post_types: "2.2_order_add.post_types.request.json" => Vec<ItemLine>;
    rt_2_2_order_add_complete_request: "2.2_order_add.complete.request.json" => OrderRequest;
    rt_2_2_order_add_response: "2.2_order_add.response.json" => Order;
    rt_2_2_order_add_validation_error: "2.2_order_add.validation_error.response.json" => ValidationErrors;
    rt_2_3_order_edit_request: "2.3_order_edit.request.json" => OrderEditRequest;
    rt_2_3_order_edit_response: "2.3_order_edit.response.json" => Order;
    rt_2_4_mxik_good_register_request: "2.4_mxik_good_register.request.json" => MxikGoodRequest;
    rt_2_4_mxik_good_register_response: "2.4_mxik_good_register.response.json" => MxikGood;
    rt_2_5_mxik_goods_list: "2.5_mxik_goods_list.response.json" => Vec<MxikGood>;
    rt_2_6_order_detail: "2.6_order_detail.response.json" => Order;
    rt_2_7_order_cancel: "2.7_order_cancel.response.json" => CancelResult;
    rt_2_8_calculate_request: "2.8_order_calculate.request.json" => PriceRequest;
    rt_2_8_calculate_response: "2.8_order_calculate.response.json" => PriceQuote;
    rt_2_8_calculate_validation_error: "2.8_order_calculate.validation_error.response.json" => ValidationErrors;
    rt_2_9_order_track: "2.9_order_track.response.json" => Track;
    rt_2_10_order_history: "2.10_order_history.response.json" => Vec<HistoryEvent>;
    rt_2_11_order_cancellation: "2.11_order_cancellation.response.json" => Vec<CancellationReason>;
    rt_2_12_international_fragment_request: "2.12_international_add.fragment.request.json" => InternationalOrderRequest;
    rt_2_12_international_response: "2.12_international_add.response.json" => InternationalOrder;
    rt_2_12_international_complete_request: "2.12_international_add.complete.request.json" => InternationalOrderRequest;
    rt_2_12_international_validation_error: "2.12_international_add.validation_error.response.json" => ValidationErrors;
    rt_2_13_international_track: "2.13_international_track_by_barcode.response.json" => InternationalTrack;
    rt_2_14_manifest_request: "2.14_international_manifest.template.request.json" => ManifestRequest;
    rt_2_14_manifest_response: "2.14_international_manifest.response.json" => ManifestResult;
    rt_2_14_manifest_validation_error: "2.14_international_manifest.validation_error.response.json" => ValidationErrors;
    rt_2_15_branches: "2.15_directory_branches.response.json" => Vec<Branch>;
    rt_2_16_branches_with_city: "2.16_directory_branches_with_city.response.json" => Vec<Branch>;
    rt_4_1_wms_login_request: "4.1_wms_login.request.json" => WmsLoginRequest;
    rt_4_1_wms_login_response: "4.1_wms_login.response.json" => WmsTokens;
    rt_4_2_purveyor_create_request: "4.2_purveyor_create.request.json" => PurveyorRequest;
    rt_4_2_purveyor_create_response: "4.2_purveyor_create.response.json" => Created<Purveyor>;
    rt_4_3_purveyor_clients: "4.3_purveyor_clients.response.json" => ListResponse<Purveyor>;
    rt_4_4_purveyor_client_status_request: "4.4_purveyor_client_status.request.json" => ClientStatusRequest;
    rt_4_4_purveyor_client_status_response: "4.4_purveyor_client_status.response.json" => Message;
    rt_4_5_product_create_seed000_request: "4.5_product_create.seed000.request.json" => ProductRequest;
    rt_4_5_product_create_seed004_request: "4.5_product_create.seed004.request.json" => ProductRequest;
    rt_4_5_product_create_seed000_response: "4.5_product_create.seed000.response.json" => Created<Product>;
    rt_4_5_product_create_seed004_response: "4.5_product_create.seed004.response.json" => Created<Product>;
    rt_4_6_product_clients: "4.6_product_clients.response.json" => ListResponse<Product>;
    rt_4_7_product_client_status_request: "4.7_product_client_status.request.json" => ClientStatusRequest;
    rt_4_7_product_client_status_response: "4.7_product_client_status.response.json" => Message;
    rt_4_8_receiving_goods_create_request: "4.8_receiving_goods_create.request.json" => ReceivingGoodsRequest;
    rt_4_8_receiving_goods_create_response: "4.8_receiving_goods_create.response.json" => Created<ReceivingGoods>;
    rt_4_9_receiving_goods_clients: "4.9_receiving_goods_clients.response.json" => ListResponse<ReceivingGoods>;
    rt_4_10_receiving_goods_client_status_request: "4.10_receiving_goods_client_status.request.json" => ClientStatusRequest;
    rt_4_10_receiving_goods_client_status_response: "4.10_receiving_goods_client_status.response.json" => Message;
    rt_10_order_add_full_request: "10_order_add.full.request.json" => OrderRequest;
}

/// Fails unless the JSON files of `dir` are exactly `listed`, each once; `prefix` is what the
/// names in `listed` carry before the file name (`""` or `"current/"`).
fn assert_every_file_listed(dir: &std::path::Path, prefix: &str, listed: &[&str]) {
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let name = entry
                .expect("readable entry")
                .file_name()
                .into_string()
                .expect("UTF-8 name");
            format!("{prefix}{name}")
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
    listed.sort();
    let before = listed.len();
    listed.dedup();
    assert_eq!(before, listed.len(), "a fixture is listed twice");
    let unlisted: Vec<_> = on_disk.iter().filter(|f| !listed.contains(f)).collect();
    let missing: Vec<_> = listed.iter().filter(|f| !on_disk.contains(f)).collect();
    assert!(
        unlisted.is_empty(),
        "fixtures without a model in the fixtures! table: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "fixtures! lists files that do not exist: {missing:?}"
    );
    assert!(
        on_disk.iter().all(|f| f.ends_with(".json")),
        "non-JSON file in fixtures: {on_disk:?}"
    );
}

#[test]
fn every_fixture_file_has_a_model_and_every_model_a_file() {
    assert_every_file_listed(&fixture_dir(), "", FIXTURES);
}

#[test]
fn the_comparison_only_forgives_nulls_and_number_spelling() {
    assert!(same_json(&json!({"a": null, "b": 2}), &json!({"b": 2.0}), "$").is_ok());
    assert!(same_json(&json!({"a": 1}), &json!({}), "$").is_err());
    assert!(same_json(&json!({"a": "1"}), &json!({"a": 1}), "$").is_err());
    assert!(same_json(&json!([null]), &json!([]), "$").is_err());
    assert!(same_json(&json!({"a": []}), &json!({}), "$").is_err());
    assert!(same_json(&json!({"a": 1.5}), &json!({"a": 1}), "$").is_err());
}

// ---------------------------------------------------------------------------------------------
// Documented members land in typed fields, not in `extra`.
// ---------------------------------------------------------------------------------------------

#[test]
fn order_response_members_are_typed() {
    for name in [
        "2.2_order_add.response.json",
        "2.3_order_edit.response.json",
        "2.6_order_detail.response.json",
    ] {
        let order: Order = load(name);
        assert!(
            order.extra.is_empty(),
            "{name}: untyped members {:?}",
            order.extra.keys()
        );
        let status = order.status.as_ref().expect("status");
        assert_eq!(status.id, Some(LocalStatus::AtSender), "{name}");
        assert_eq!(status.label(), Some("Mijozda"), "{name}");
        assert!(status.extra.is_empty(), "{name}");
        for r in [
            &order.customer,
            &order.sender_region,
            &order.sender_city,
            &order.sender_branch,
            &order.receiver_region,
            &order.receiver_city,
            &order.receiver_branch,
            &order.package,
            &order.post_type,
        ] {
            let r = r.as_ref().expect("reference present");
            assert!(
                r.id.is_some() && r.name.is_some() && r.extra.is_empty(),
                "{name}: {r:?}"
            );
        }
        assert_eq!(order.sender_city.as_ref().unwrap().region_id, Some(2));
        assert_eq!(
            order.cost.as_ref().and_then(Scalar::as_f64),
            Some(12000.0),
            "{name}"
        );
        assert_eq!(
            order.weight.as_ref().and_then(Scalar::as_f64),
            Some(2.0),
            "{name}"
        );
        assert_eq!(
            order.volume.as_ref().and_then(Scalar::as_i64),
            Some(0),
            "{name}"
        );
        assert_eq!(order.barcode.as_deref(), Some("60000006106"), "{name}");
        assert_eq!(order.receiver_phone1, None, "{name}");
    }
    let add: Order = load("2.2_order_add.response.json");
    assert_eq!(add.order_id, Some(Scalar::from(229234)));
    assert_eq!(add.client_id.as_deref(), Some("abc123mn12"));
    let detail: Order = load("2.6_order_detail.response.json");
    assert_eq!(detail.order_id, Some(Scalar::from("<orderId>")));
    assert_eq!(detail.order_id.as_ref().and_then(Scalar::as_i64), None);
    assert_eq!(detail.volume, Some(Scalar::from("0")));
    assert_eq!(detail.urgent, Some(0));
    assert_eq!(detail.sender_real, None);
}

#[test]
fn order_request_members_are_typed() {
    let req: OrderRequest = load("2.2_order_add.complete.request.json");
    assert!(
        req.extra.is_empty(),
        "untyped members {:?}",
        req.extra.keys()
    );
    assert_eq!(req.sender_city_id, Some(3));
    assert_eq!(req.weight, Some(Scalar::from(2)));
    let options = req.options.as_ref().expect("options");
    assert_eq!(options[0].option_id, Some(2));
    assert!(options[0].extra.is_empty());
    let good = &options[0].goods[0];
    assert_eq!(good.mxik_goods_id, Some(71));
    assert_eq!(good.amount, Some(1));
    assert_eq!(
        good.good_price.as_ref().and_then(Scalar::as_i64),
        Some(700_000)
    );
    assert!(good.extra.is_empty());

    let full: OrderRequest = load("10_order_add.full.request.json");
    let keys: Vec<&String> = full.extra.keys().collect();
    assert_eq!(
        keys,
        ["orderId", "wcs_code"],
        "only the undocumented members go to extra"
    );
    assert_eq!(full.is_test, Some(1));
    assert_eq!(full.take_photo, Some(1));
    let lines = full.post_types.as_ref().expect("postTypes");
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].name.as_deref(), Some("Kitob"));
    assert_eq!(lines[0].code.as_deref(), Some("ZFD21AD"));
    assert_eq!(lines[1].count, Some(2));
    assert_eq!(
        lines[0].cost.as_ref().and_then(Scalar::as_f64),
        Some(10000.0)
    );
    assert!(lines.iter().all(|l| l.extra.is_empty()));

    let edit: OrderEditRequest = load("2.3_order_edit.request.json");
    assert_eq!(edit.order_id, Some(229234));
    assert!(
        edit.order.extra.is_empty(),
        "orderId must not also land in extra"
    );
}

#[test]
fn small_courier_responses_are_typed() {
    let cancel: CancelResult = load("2.7_order_cancel.response.json");
    assert!(cancel.extra.is_empty());
    assert_eq!(
        cancel.order_id.as_ref().and_then(Scalar::as_i64),
        Some(229234)
    );
    let status = cancel.status.expect("status");
    assert_eq!(status.id, Some(LocalStatus::Rejected));
    assert_eq!(status.label(), Some("Bekor qilingan buyurtma"));

    let track: Track = load("2.9_order_track.response.json");
    assert!(track.extra.is_empty());
    assert_eq!(
        track.status.as_ref().and_then(|s| s.name.as_deref()),
        Some("new")
    );

    let quote: PriceQuote = load("2.8_order_calculate.response.json");
    assert!(quote.extra.is_empty());
    assert_eq!(
        quote.summary_price.as_ref().and_then(Scalar::as_f64),
        Some(10000.0)
    );
    assert_eq!(quote.request_data.as_ref().unwrap()["senderCityId"], 3);

    let price: PriceRequest = load("2.8_order_calculate.request.json");
    assert!(price.extra.is_empty());
    assert_eq!(price.volume, None);
    assert_eq!(price.receiver_delivery, Some(1));

    let history: Vec<HistoryEvent> = load("2.10_order_history.response.json");
    assert_eq!(history[0].status_id, Some(LocalStatus::AtDeliveryOffice));
    assert_eq!(history[1].timestamp, Some(1_720_690_321));
    assert!(history.iter().all(|e| e.extra.is_empty()));

    let reasons: Vec<CancellationReason> = load("2.11_order_cancellation.response.json");
    assert_eq!(reasons[1].date.as_deref(), Some("2024-08-23 14:29:06"));
    assert!(reasons
        .iter()
        .all(|r| r.extra.is_empty() && r.employee.is_some()));

    let registered: MxikGood = load("2.4_mxik_good_register.response.json");
    assert!(registered.extra.is_empty());
    assert_eq!(registered.good_price, Some(Scalar::from("100000")));
    let listed: Vec<MxikGood> = load("2.5_mxik_goods_list.response.json");
    assert_eq!(listed[0].good_price, Some(Scalar::from(700_000)));
    let register: MxikGoodRequest = load("2.4_mxik_good_register.request.json");
    assert!(register.extra.is_empty());
    assert_eq!(register.spic.as_deref(), Some("08517001001020045"));

    let token: TokenRequest = load("2.1_get_token.request.json");
    assert!(token.extra.is_empty() && token.inn.is_some());
    let error: TokenError = load("2.1_get_token.error.response.json");
    assert_eq!(error.text.as_deref(), Some("Invalid INN"));
}

#[test]
fn international_members_are_typed() {
    let order: InternationalOrder = load("2.12_international_add.response.json");
    assert!(
        order.extra.is_empty(),
        "untyped members {:?}",
        order.extra.keys()
    );
    assert_eq!(order.receiver_passport_serial.as_deref(), Some("AC"));
    assert_eq!(
        order.receiver_passport_number,
        Some(Scalar::from("0579415"))
    );
    assert_eq!(
        order.receiver_pinfl.as_ref().and_then(Scalar::as_i64),
        Some(12_345_678_912_345)
    );
    assert_eq!(order.receiver_patronymic, Some(Scalar::from(2)));
    assert_eq!(
        order
            .receiver_customs_agree
            .as_ref()
            .and_then(Flag::as_bool),
        Some(true)
    );
    assert_eq!(
        order.parcel_value.as_ref().and_then(Scalar::as_f64),
        Some(312_412.0)
    );
    assert_eq!(
        order.parcel_value.as_ref().and_then(Scalar::as_str),
        Some("312412 ")
    );
    assert_eq!(
        order.receiver_delivery.as_ref().and_then(Scalar::as_i64),
        Some(0)
    );
    let branch = order.branch.as_ref().expect("branch");
    assert_eq!(
        (branch.receiver_branch_id, branch.extra.is_empty()),
        (Some(62), true)
    );
    let city = order.city.as_ref().expect("city");
    assert_eq!(
        (city.receiver_city_id, city.extra.is_empty()),
        (Some(3), true)
    );
    let products = order.products.as_ref().expect("products");
    assert_eq!(products.len(), 2);
    assert_eq!(products[0].hs_code.as_deref(), Some("6211390000"));
    assert_eq!(
        products[1]
            .product_quantity
            .as_ref()
            .and_then(Scalar::as_i64),
        Some(1)
    );
    assert!(products
        .iter()
        .all(|p| p.extra.is_empty() && p.product_imei.is_some()));

    let request: InternationalOrderRequest = load("2.12_international_add.complete.request.json");
    assert!(
        request.extra.is_empty(),
        "untyped members {:?}",
        request.extra.keys()
    );
    assert_eq!(
        (request.receiver_city_id, request.receiver_branch_id),
        (Some(3), Some(62))
    );

    let track: InternationalTrack = load("2.13_international_track_by_barcode.response.json");
    assert!(track.extra.is_empty());
    assert_eq!(
        track.barcode.as_ref().and_then(Scalar::as_str),
        Some("01000865704")
    );
    let status = track.status.expect("status");
    assert_eq!(status.code, Some(InternationalStatus::AtSortingCentre));
    assert_eq!(status.message.as_deref(), Some("In the sorting center"));

    let manifest: ManifestRequest = load("2.14_international_manifest.template.request.json");
    assert!(manifest.extra.is_empty() && manifest.parcel_number.is_some());
    let result: ManifestResult = load("2.14_international_manifest.response.json");
    assert_eq!(result.success, Some(true));
    assert!(result.extra.is_empty());
}

#[test]
fn branch_members_are_typed() {
    let branches: Vec<Branch> = load("2.16_directory_branches_with_city.response.json");
    assert_eq!(branches.len(), 2);
    for b in &branches {
        assert!(b.extra.is_empty(), "untyped members {:?}", b.extra.keys());
        assert_eq!((b.region_id, b.city_id), (Some(6), Some(198)));
        assert_eq!(b.working_hours.as_ref().map(|h| h.len()), Some(7));
    }
    assert_eq!(branches[0].lat_long(), Some((41.338727, 69.269875)));
    assert_eq!(branches[1].working_hours.as_ref().unwrap()["1"], "27/7");

    let karshi: Vec<Branch> = load("2.15_directory_branches.response.json");
    assert_eq!(karshi[0].lat_long(), Some((38.837395, 65.783467)));
    assert_eq!(karshi[0].phone.as_deref(), Some("1230"));
}

#[test]
fn wms_members_are_typed() {
    let created: Created<Purveyor> = load("4.2_purveyor_create.response.json");
    assert!(created.extra.is_empty());
    let p = created.data.expect("data");
    assert!(p.extra.is_empty(), "untyped members {:?}", p.extra.keys());
    let bank = p.contract_bank_detail.expect("contractBankDetail");
    assert!(bank.extra.is_empty() && bank.main_delivery_address.is_some());
    let entity = p.entity_type.expect("entityType");
    assert!(entity.extra.is_empty());
    assert_eq!(
        entity.stock_percentage.as_ref().and_then(Scalar::as_f64),
        Some(0.0)
    );
    assert_eq!(
        entity.legal_entity.as_ref().and_then(Flag::as_bool),
        Some(true)
    );
    let roles = p.supplier_buyer_status.expect("supplierBuyerStatus");
    assert!(roles.extra.is_empty() && roles.depositor == Some(Flag::from(true)));
    let tax = p.tax_info.expect("taxInfo");
    assert!(tax.extra.is_empty() && tax.okpo.is_some());
    assert_eq!(
        p.links.as_ref().and_then(ItemLinks::self_href),
        Some("http:/")
    );

    let list: ListResponse<Purveyor> = load("4.3_purveyor_clients.response.json");
    assert!(list.extra.is_empty());
    let page = list.data.expect("data");
    assert!(page.extra.is_empty());
    assert_eq!(page.items.len(), 1);
    assert!(page.items[0].extra.is_empty());
    let links = page.links.expect("_links");
    assert!(links.extra.is_empty());
    assert_eq!(
        links.self_link.as_deref(),
        Some("/v1/purveyor/clients?page=1")
    );
    assert_eq!(links.next, None);
    let meta = page.meta.expect("_meta");
    assert!(meta.extra.is_empty());
    assert_eq!(
        (
            meta.total_count,
            meta.page_count,
            meta.current_page,
            meta.per_page
        ),
        (Some(11), Some(1), Some(1), Some(20))
    );

    for name in [
        "4.5_product_create.seed000.response.json",
        "4.5_product_create.seed004.response.json",
    ] {
        let product = load::<Created<Product>>(name).data.expect("data");
        assert!(
            product.extra.is_empty(),
            "{name}: untyped {:?}",
            product.extra.keys()
        );
        let packaging = product.product_packaging.expect("productPackagin");
        assert!(
            packaging.extra.is_empty() && packaging.base_packaging.is_some(),
            "{name}"
        );
        let shelf = product.product_shelf_life.expect("productShelfLive");
        assert!(
            shelf.extra.is_empty() && shelf.temperature_mode.is_some(),
            "{name}"
        );
        let technical = product.product_technical.expect("productTechnical");
        assert!(technical.extra.is_empty(), "{name}");
        assert_eq!(
            technical.is_set.as_ref().and_then(Flag::as_bool),
            Some(true),
            "{name}"
        );
        assert!(
            technical.weight.as_ref().and_then(Scalar::as_f64).is_some(),
            "{name}"
        );
    }
    let seed004 = load::<Created<Product>>("4.5_product_create.seed004.response.json");
    let seed004 = seed004.data.unwrap();
    assert_eq!(seed004.client_product_id, Some(12340));
    assert_eq!(seed004.gtin, Some(Scalar::from("1234567890123")));

    for name in [
        "4.5_product_create.seed000.request.json",
        "4.5_product_create.seed004.request.json",
    ] {
        let request: ProductRequest = load(name);
        assert!(
            request.extra.is_empty(),
            "{name}: untyped {:?}",
            request.extra.keys()
        );
        assert!(request.unit.is_some() && request.is_set.is_some(), "{name}");
    }
    let seed004: ProductRequest = load("4.5_product_create.seed004.request.json");
    assert_eq!(seed004.is_set.as_ref().and_then(Flag::as_bool), Some(false));
    assert_eq!(
        seed004.shelf_life_stock.as_ref().and_then(Scalar::as_f64),
        None
    );
    assert_eq!(seed004.shelf_life_period, Some(Scalar::from(90)));
    assert_eq!(seed004.client_product_variation_id, Some(1));

    let purveyor: PurveyorRequest = load("4.2_purveyor_create.request.json");
    assert!(
        purveyor.extra.is_empty(),
        "untyped {:?}",
        purveyor.extra.keys()
    );
    assert_eq!(purveyor.is_buyer.as_ref().and_then(Flag::as_bool), None);

    let receipt: ReceivingGoodsRequest = load("4.8_receiving_goods_create.request.json");
    assert!(
        receipt.extra.is_empty(),
        "untyped {:?}",
        receipt.extra.keys()
    );

    let goods = load::<Created<ReceivingGoods>>("4.8_receiving_goods_create.response.json");
    let goods = goods.data.expect("data");
    assert!(goods.extra.is_empty(), "untyped {:?}", goods.extra.keys());
    assert_eq!(goods.acceptance_gate, None);
    assert_eq!(goods.price.as_ref().and_then(Scalar::as_f64), Some(44.0));
    let detail = goods.supplier_detail.expect("supplierDetail");
    assert!(detail.extra.is_empty());
    assert_eq!(detail.kis_number, None);
    assert_eq!(detail.price_includes_vat, Some(Flag::from(true)));
    let package = goods.supplier_package.expect("supplierPackage");
    assert!(package.extra.is_empty());
    assert_eq!(package.package_quantity, Some(Scalar::from(0)));

    let list = load::<ListResponse<ReceivingGoods>>("4.9_receiving_goods_clients.response.json");
    assert_eq!(
        list.data.expect("data").meta.expect("_meta").total_count,
        Some(2)
    );

    let ack: ClientStatusRequest = load("4.10_receiving_goods_client_status.request.json");
    assert_eq!(ack, ClientStatusRequest::ok([1, 2]));
    let message: Message = load("4.10_receiving_goods_client_status.response.json");
    assert_eq!(
        message.message.as_deref(),
        Some("supplier successfully updated to delivered status")
    );

    let tokens: WmsTokens = load("4.1_wms_login.response.json");
    assert!(tokens.extra.is_empty() && tokens.access_token.is_some());
    let login: WmsLoginRequest = load("4.1_wms_login.request.json");
    assert!(login.extra.is_empty() && login.login.is_some());
}

// ---------------------------------------------------------------------------------------------
// Unknown members survive, at every level.
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_members_survive_at_every_level() {
    let mut order: Value =
        serde_json::from_str(&read_fixture("2.2_order_add.response.json")).unwrap();
    order["newTopLevel"] = json!({"nested": [1, "two", null]});
    order["customer"]["inn"] = json!("123456789");
    order["status"]["color"] = json!("green");
    let typed: Order = serde_json::from_value(order.clone()).unwrap();
    assert_eq!(
        typed.extra["newTopLevel"],
        json!({"nested": [1, "two", null]})
    );
    assert_eq!(typed.customer.as_ref().unwrap().extra["inn"], "123456789");
    assert!(same_json(&order, &serde_json::to_value(&typed).unwrap(), "$").is_ok());

    let mut list: Value =
        serde_json::from_str(&read_fixture("4.6_product_clients.response.json")).unwrap();
    list["data"]["_links"]["next"] = json!("/v1/product/clients?page=2");
    list["data"]["_meta"]["extraCount"] = json!(1);
    list["data"]["items"][0]["productTechnical"]["barcode_type"] = json!("EAN-13");
    list["data"]["items"][0]["_links"]["self"]["title"] = json!("view");
    let typed: ListResponse<Product> = serde_json::from_value(list.clone()).unwrap();
    let page = typed.data.as_ref().unwrap();
    assert_eq!(
        page.links.as_ref().unwrap().next.as_deref(),
        Some("/v1/product/clients?page=2")
    );
    assert!(same_json(&list, &serde_json::to_value(&typed).unwrap(), "$").is_ok());
}

// ---------------------------------------------------------------------------------------------
// Value types.
// ---------------------------------------------------------------------------------------------

#[test]
fn scalar_keeps_a_number_or_a_string_as_received() {
    let s: Scalar = serde_json::from_str("\"12000.00\"").unwrap();
    assert_eq!(s, Scalar::String("12000.00".into()));
    assert_eq!(s.as_f64(), Some(12000.0));
    assert_eq!(s.as_i64(), Some(12000));
    assert_eq!(s.as_str(), Some("12000.00"));
    assert!(s.is_string());
    assert_eq!(serde_json::to_string(&s).unwrap(), "\"12000.00\"");
    assert_eq!(s.to_string(), "12000.00");

    let n: Scalar = serde_json::from_str("229234").unwrap();
    assert_eq!(n, Scalar::from(229234));
    assert_eq!(n.as_i64(), Some(229234));
    assert_eq!(n.as_f64(), Some(229234.0));
    assert_eq!(n.as_str(), None);
    assert_eq!(serde_json::to_string(&n).unwrap(), "229234");
    assert_eq!(n.to_string(), "229234");

    let f: Scalar = serde_json::from_str("2.5").unwrap();
    assert_eq!((f.as_f64(), f.as_i64()), (Some(2.5), None));
    assert_eq!(Scalar::from(2.0).as_i64(), Some(2));
    assert_eq!(serde_json::to_string(&Scalar::from(1.05)).unwrap(), "1.05");

    assert_eq!(Scalar::from("312412 ").as_f64(), Some(312_412.0));
    assert_eq!(Scalar::from(" 2.000 ").as_i64(), Some(2));
    assert_eq!(Scalar::from("<orderId>").as_f64(), None);
    assert_eq!(Scalar::from("90 дней").as_f64(), None);
    assert_eq!(Scalar::from("NaN").as_f64(), None);
    assert_eq!(Scalar::from("inf").as_f64(), None);
    assert_eq!(Scalar::from("").as_i64(), None);
    assert_eq!(
        Scalar::from(String::from("0579415")).as_str(),
        Some("0579415")
    );
    assert_eq!(Scalar::from(f64::NAN), Scalar::from("NaN"));

    // A number and the same digits as a string are different wire values.
    assert_ne!(Scalar::from(2), Scalar::from("2"));
    // Big integers stay exact.
    let big: Scalar = serde_json::from_str("12345678912345").unwrap();
    assert_eq!(big.as_i64(), Some(12_345_678_912_345));
    let huge: Scalar = serde_json::from_str("18446744073709551615").unwrap();
    assert_eq!(
        serde_json::to_string(&huge).unwrap(),
        "18446744073709551615"
    );
    assert_eq!(huge.as_i64(), None);

    // Only numbers and strings: anything else is a decode error, and null is an absent Option.
    assert!(serde_json::from_str::<Scalar>("true").is_err());
    assert!(serde_json::from_str::<Scalar>("{}").is_err());
    assert_eq!(
        serde_json::from_str::<Option<Scalar>>("null").unwrap(),
        None
    );
}

#[test]
fn flag_reads_every_spelling_and_keeps_it() {
    let cases: &[(&str, Option<bool>)] = &[
        ("true", Some(true)),
        ("false", Some(false)),
        ("1", Some(true)),
        ("0", Some(false)),
        ("1.0", Some(true)),
        ("2", None),
        ("\"1\"", Some(true)),
        ("\"0\"", Some(false)),
        ("\"true\"", Some(true)),
        ("\"FALSE\"", Some(false)),
        ("\"Да\"", Some(true)),
        ("\"Нет\"", Some(false)),
        ("\" нет \"", Some(false)),
        ("\"Ha\"", Some(true)),
        ("\"Yo'q\"", Some(false)),
        ("\"yo‘q\"", Some(false)),
        ("\"Yoʻq\"", Some(false)),
        ("\"is_set\"", None),
        ("\"\"", None),
    ];
    for (json, expected) in cases {
        let flag: Flag = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(flag.as_bool(), *expected, "{json}");
        let back: Value = serde_json::to_value(&flag).unwrap();
        let original: Value = serde_json::from_str(json).unwrap();
        assert!(
            same_json(&original, &back, "$").is_ok(),
            "{json} became {back}"
        );
    }
    assert_eq!(Flag::from(true), Flag::Bool(true));
    assert_eq!(serde_json::to_string(&Flag::from(true)).unwrap(), "true");
    assert_eq!(serde_json::to_string(&Flag::from(1)).unwrap(), "1");
    assert_eq!(
        serde_json::to_string(&Flag::from("Нет")).unwrap(),
        "\"Нет\""
    );
    assert_eq!(Flag::from("Да").to_string(), "Да");
    assert!(serde_json::from_str::<Flag>("[]").is_err());
}

#[test]
fn validation_error_fixtures_decode_into_field_message_maps() {
    let names: Vec<&str> = FIXTURES
        .iter()
        .copied()
        .filter(|f| f.contains("validation_error"))
        .collect();
    assert_eq!(names.len(), 5);
    for name in names {
        let body: Value = serde_json::from_str(&read_fixture(name)).unwrap();
        let map: BTreeMap<String, Vec<String>> = serde_json::from_value(body["errors"].clone())
            .unwrap_or_else(|e| panic!("{name}: errors is not a field → messages map: {e}"));
        assert!(!map.is_empty(), "{name}");
        assert!(map.values().all(|m| !m.is_empty()), "{name}");
        let typed: ValidationErrors = load(name);
        assert_eq!(typed.errors.as_ref(), Some(&map), "{name}");
        assert!(typed.extra.is_empty(), "{name}");
    }
    let order: ValidationErrors = load("2.2_order_add.validation_error.response.json");
    assert_eq!(
        order.errors.unwrap()["senderPhone"],
        ["«Telefon» ni to'ldirishingiz kerak."]
    );
}

// ---------------------------------------------------------------------------------------------
// Status codes.
// ---------------------------------------------------------------------------------------------

#[test]
fn local_status_codes_labels_and_unknowns() {
    let listed = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 31, 32, 33, 34];
    for code in listed {
        let status = LocalStatus::from_code(code);
        assert!(
            !matches!(status, LocalStatus::Unknown(_)),
            "{code} is documented"
        );
        assert_eq!(status.code(), code);
        assert!(status.label_uz().is_some() && status.name_en().is_some());
        assert_eq!(serde_json::to_value(status).unwrap(), json!(code));
        assert_eq!(
            serde_json::from_value::<LocalStatus>(json!(code)).unwrap(),
            status
        );
    }
    assert_eq!(
        LocalStatus::from_code(6).label_uz(),
        Some("Yetkazib berilgan")
    );
    assert_eq!(LocalStatus::Delivered.name_en(), Some("Delivered"));
    assert_eq!(LocalStatus::from_code(0).label_uz(), Some("Rad etilgan"));
    assert_eq!(LocalStatus::from_code(34).label_uz(), Some("RC kuryerka"));

    for code in [9, 11, 30, 99, -1] {
        assert_eq!(LocalStatus::from_code(code), LocalStatus::Unknown(code));
    }
    let unknown: LocalStatus = serde_json::from_str("99").unwrap();
    assert_eq!(unknown, LocalStatus::Unknown(99));
    assert_eq!((unknown.label_uz(), unknown.name_en()), (None, None));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), "99");
    assert_eq!(unknown.to_string(), "99 (unknown status)");
    assert_eq!(LocalStatus::Delivered.to_string(), "6 (Delivered)");

    let finals: Vec<i64> = listed
        .into_iter()
        .filter(|c| LocalStatus::from_code(*c).is_final())
        .collect();
    assert_eq!(finals, [0, 6]);
    assert!(!LocalStatus::Unknown(99).is_final());

    // PHP back ends may send the id as a string; it is read, and written back as a number.
    assert_eq!(
        serde_json::from_str::<LocalStatus>("\"4\"").unwrap(),
        LocalStatus::AtDeliveryOffice
    );
    assert!(serde_json::from_str::<LocalStatus>("\"new\"").is_err());
    assert!(serde_json::from_str::<LocalStatus>("1.5").is_err());
    assert_eq!(i64::from(LocalStatus::InBag), 32);
    assert_eq!(LocalStatus::from(33), LocalStatus::InTransport);
}

#[test]
fn international_status_codes_labels_and_unknowns() {
    let listed = [100, 110, 120, 130, 200, 300, 400, 500];
    for code in listed {
        let status = InternationalStatus::from_code(code);
        assert!(
            !matches!(status, InternationalStatus::Unknown(_)),
            "{code} is documented"
        );
        assert_eq!(status.code(), code);
        assert!(status.label_uz().is_some() && status.name_en().is_some());
        assert_eq!(serde_json::to_value(status).unwrap(), json!(code));
    }
    assert_eq!(
        InternationalStatus::from_code(200).label_uz(),
        Some("Saralash markazida")
    );
    assert_eq!(
        InternationalStatus::from_code(500).label_uz(),
        Some("Yetkazib berildi")
    );
    let finals: Vec<i64> = listed
        .into_iter()
        .filter(|c| InternationalStatus::from_code(*c).is_final())
        .collect();
    assert_eq!(finals, [130, 500]);
    let unknown: InternationalStatus = serde_json::from_str("250").unwrap();
    assert_eq!(unknown, InternationalStatus::Unknown(250));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), "250");
}

// ---------------------------------------------------------------------------------------------
// Building requests.
// ---------------------------------------------------------------------------------------------

#[test]
fn requests_send_only_what_was_set() {
    let order = OrderRequest {
        sender_city_id: Some(3),
        weight: Some(Scalar::from(2)),
        receiver_branch_id: Some(93),
        is_test: Some(1),
        post_types: Some(vec![ItemLine {
            name: Some("Kitob".into()),
            count: Some(1),
            ..Default::default()
        }]),
        options: Some(vec![ReceiptOption {
            option_id: Some(2),
            goods: vec![ReceiptGood {
                mxik_goods_id: Some(71),
                amount: Some(1),
                good_price: Some(700_000.into()),
                ..Default::default()
            }],
            ..Default::default()
        }]),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&order).unwrap(),
        json!({
            "senderCityId": 3,
            "weight": 2,
            "receiver_branch_id": 93,
            "is_test": 1,
            "postTypes": [{"name": "Kitob", "count": 1}],
            "options": [{"optionId": 2, "goods": [{"mxikGoodsId": 71, "amount": 1, "goodPrice": 700000}]}]
        })
    );
    assert_eq!(
        serde_json::to_value(OrderRequest::default()).unwrap(),
        json!({})
    );

    let mut edit = OrderEditRequest {
        order_id: Some(229234),
        ..Default::default()
    };
    edit.order.extra.insert("wcs_code".into(), json!("900001"));
    assert_eq!(
        serde_json::to_value(&edit).unwrap(),
        json!({"orderId": 229234, "wcs_code": "900001"})
    );

    assert_eq!(
        serde_json::to_value(ClientStatusRequest::ok(vec![5, 7])).unwrap(),
        json!({"status": [{"id": 5, "status": "ok"}, {"id": 7, "status": "ok"}]})
    );
    assert_eq!(
        Ack::ok(3),
        Ack {
            id: 3,
            status: "ok".into()
        }
    );

    let product = ProductRequest {
        is_set: Some(Flag::from(false)),
        weight: Some(Scalar::from(1.05)),
        unit: Some("литр".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&product).unwrap(),
        json!({"is_set": false, "weight": 1.05, "unit": "литр"})
    );

    let international = InternationalOrderRequest {
        receiver_passport_serial: Some("AC".into()),
        receiver_passport_number: Some("0579415".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&international).unwrap(),
        json!({"ReceiverPassposrtSerial": "AC", "ReceiverPassposrtNumber": "0579415"})
    );
}

#[test]
fn receipt_goods_and_page_items_read_null_as_empty() {
    let option: ReceiptOption = serde_json::from_str(r#"{"optionId": 2, "goods": null}"#).unwrap();
    assert!(option.goods.is_empty());
    let option: ReceiptOption = serde_json::from_str(r#"{"optionId": 2}"#).unwrap();
    assert!(option.goods.is_empty());
    let page: Page<Product> = serde_json::from_str(r#"{"items": null}"#).unwrap();
    assert!(page.items.is_empty());
}

#[test]
fn debug_output_hides_secrets() {
    let config = current::WebhookConfig {
        webhook_url: Some("https://shop.example/bts".into()),
        api_key: Some("s3cret-key".into()),
        ..Default::default()
    };
    let reply: current::WebhookConfig =
        serde_json::from_str(r#"{"webhook_url": "https://x.example", "itx-apiKey": "ref-K3Y"}"#)
            .unwrap();
    let printed = format!("{config:?} {reply:?}");
    for secret in ["s3cret-key", "ref-K3Y"] {
        assert!(!printed.contains(secret), "Debug shows {secret}: {printed}");
    }
    assert!(printed.contains("shop.example") && printed.contains("***"));
}

#[test]
fn directory_regions_and_cities_decode_the_inferred_shape() {
    let regions: Vec<Region> =
        serde_json::from_str(r#"[{"id": 2, "name": "Andijon viloyati", "code": "AN"}]"#).unwrap();
    assert_eq!(
        (regions[0].id, regions[0].name.as_deref()),
        (Some(2), Some("Andijon viloyati"))
    );
    assert_eq!(regions[0].extra["code"], "AN");
    let cities: Vec<City> =
        serde_json::from_str(r#"[{"id": 3, "name": "Asaka tumani", "regionId": 2}]"#).unwrap();
    assert_eq!(cities[0].region_id, Some(2));
    assert!(cities[0].extra.is_empty());

    let mut branch: Branch = serde_json::from_str("{}").unwrap();
    assert_eq!(branch.lat_long(), None);
    for text in ["41.3", "a,b", "41.3,", " 41.3 , 69.2 "] {
        branch.lat_long = Some(text.into());
        let expected = (text == " 41.3 , 69.2 ").then_some((41.3, 69.2));
        assert_eq!(branch.lat_long(), expected, "{text:?}");
    }
}

/// BTS sends the same integer field as a number in one reply and a string in another
/// (`orderId`, `volume`): every integer field of the models accepts both.
#[test]
fn integer_fields_accept_numeric_strings() {
    let order: Order = serde_json::from_str(
        r#"{"orderId":"229234","piece":"2","senderDelivery":"1","takePhoto":0,
            "customer":{"id":"79","name":"ООО JOHD "},"senderCity":{"id":3.0,"regionId":"2"}}"#,
    )
    .unwrap();
    assert_eq!(order.piece, Some(2));
    assert_eq!(order.sender_delivery, Some(1));
    assert_eq!(order.customer.unwrap().id, Some(79));
    let city = order.sender_city.unwrap();
    assert_eq!((city.id, city.region_id), (Some(3), Some(2)));
    let branches: Vec<Branch> =
        serde_json::from_str(r#"[{"id":"10","regionId":14,"cityId":" 66 "}]"#).unwrap();
    assert_eq!((branches[0].id, branches[0].city_id), (Some(10), Some(66)));
    assert!(serde_json::from_str::<Order>(r#"{"piece":"two"}"#).is_err());
    assert!(serde_json::from_str::<Order>(r#"{"piece":1.5}"#).is_err());
}

#[path = "models_support/current.rs"]
mod current_api;
#[path = "models_support/wms_more.rs"]
mod wms_more;
