//! Every operation of the table, typed and through `call`, against the sandbox: its success and
//! its documented failure.

mod common;

use bts::model::*;
use bts::{ErrorKind, Retry, Shape, OPERATIONS};
use bts_sandbox::Sandbox;
use common::{order, product, setup};
use serde_json::{json, Value};

fn order_request() -> OrderRequest {
    serde_json::from_value(order()).unwrap()
}

#[test]
fn table_names_are_unique_and_writes_are_never_safe() {
    let mut names: Vec<&str> = OPERATIONS.iter().map(|op| op.name).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "duplicate operation names");
    for op in OPERATIONS {
        let write = [
            "add",
            "edit",
            "create",
            "manifest",
            "client-status",
            "cancel",
            "partial-return",
            "test-update-status",
            "webhook/config",
        ]
        .iter()
        .any(|w| op.name.ends_with(w));
        if write {
            assert_eq!(op.retry, Retry::Unsafe, "{} is a write", op.name);
        } else if op.shape() != Shape::Raw {
            assert_eq!(op.retry, Retry::Safe, "{} is a read", op.name);
        }
        assert_eq!(
            op.name.starts_with("wms/"),
            op.service == bts::Service::Wms,
            "{}",
            op.name
        );
        assert!(!op.endpoints.is_empty(), "{} has an endpoint", op.name);
    }
    let add = bts::operation("order/add").unwrap().required();
    let edit = bts::operation("order/edit").unwrap().required();
    assert_eq!(edit[0], "orderId");
    assert_eq!(
        &edit[1..],
        add,
        "edit requires what add requires, plus orderId"
    );
    let json: Value = serde_json::from_str(&bts::operations_json()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), OPERATIONS.len());
}

/// Minimal valid parameters for each operation, built against a live sandbox.
/// The table carries behaviour: a row sent over HTTP has its method and route, a local row its
/// handler (a `Shape::Local` cannot be written without one) and no route, `raw` has neither
/// (the caller gives them); rows on no server are local ones.
#[test]
fn every_row_has_a_wire_or_a_handler_and_says_whether_it_is_public() {
    for op in OPERATIONS {
        for e in op.endpoints {
            match e.shape {
                Shape::Local(_) => {
                    assert!(e.wire.is_none(), "{}: a local row has no route", op.name);
                }
                Shape::Raw => assert!(e.wire.is_none(), "{}: raw takes the caller's", op.name),
                _ if op.public => {
                    let wire = e.wire.unwrap_or_else(|| panic!("{}: no route", op.name));
                    assert!(!wire.route.is_empty(), "{}: an empty route", op.name);
                }
                _ => {}
            }
            if e.api == bts::Api::Local {
                assert!(
                    matches!(e.shape, Shape::Local(_)),
                    "{}: a row of the local API must name its handler",
                    op.name
                );
            }
        }
        assert_eq!(
            op.service == bts::Service::Local,
            op.apis().all(|a| a == bts::Api::Local),
            "{}",
            op.name
        );
    }
    let hidden: Vec<&str> = OPERATIONS
        .iter()
        .filter(|op| !op.public)
        .map(|op| op.name)
        .collect();
    assert!(
        hidden.iter().all(|n| *n == "__panic"),
        "only test rows are hidden: {hidden:?}"
    );
    assert!(bts::operation("batch").unwrap().public);
}

fn params_for(name: &str, client: &bts::Client) -> Value {
    let order_id = || client.call("order/add", order()).unwrap()["orderId"].clone();
    match name {
        "auth/get-token"
        | "wms/auth/login"
        | "directory/regions"
        | "directory/branches"
        | "directory/cities"
        | "directory/branches-with-city" => json!({}),
        "order/add" => order(),
        "order/edit" => {
            let mut body = order();
            body["orderId"] = order_id();
            body
        }
        "order/calculate" => json!({"senderCityId": 3, "receiverCityId": 66, "weight": 1}),
        "order/detail" | "order/cancel" | "order/track" | "order/history"
        | "order/cancellation" => {
            json!({"orderId": order_id()})
        }
        "international/add" => international("P-table"),
        "international/track-by-barcode" => {
            let parcel = client
                .call("international/add", international("P-track"))
                .unwrap();
            json!({"barcode": parcel["barcode"]})
        }
        "international/manifest" => json!({
            "ManifestNumber": "M-1", "Date": "2024-11-11", "ParcelNumber": "P-1", "ParcelsCount": "1"
        }),
        "wms/purveyor/create" => json!({"group": "g", "code": "c", "name": "n", "full_name": "f"}),
        "wms/product/create" => product("PRD-table"),
        "wms/receiving-goods/create" => receiving(),
        "wms/order/create" => {
            json!({"order_id": 880145, "full_name": "Ali Valiyev", "phone": "+998900000000",
            "address": "Toshkent, 1", "region": "Toshkent", "country": "Uzbekistan",
            "order_items": [{"client_product_id": 5012, "client_product_variation_id": 1, "quantity": 1,
                             "price": 95000, "discount": 0, "final_price": 95000}]})
        }
        "wms/order/partial-return" => {
            client.call("wms/order/create", json!({"order_id": 880146, "full_name": "Ali Valiyev", "phone": "+998900000000",
                "address": "Toshkent, 1", "region": "Toshkent", "country": "Uzbekistan",
                "order_items": [{"client_product_id": 5012, "client_product_variation_id": 1, "quantity": 2,
                                 "price": 95000, "discount": 0, "final_price": 95000}]})).unwrap();
            json!({"order_id": 880146, "order_items": [{"client_product_id": 5012, "client_product_variation_id": 1, "quantity": 1}]})
        }
        n if n.ends_with("/clients") => json!({"page": 1}),
        n if n.ends_with("/client-status") => json!({"status": [{"id": 1, "status": "ok"}]}),
        "raw" => json!({"service": "courier", "method": "GET", "route": "v1/directory/post-types"}),
        "label/save" => {
            let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("bts-label-{}.pdf", std::process::id()));
            json!({"orderId": order_id(), "path": path})
        }
        other => panic!("no parameters for {other}: add them to this test"),
    }
}

fn international(parcel: &str) -> Value {
    let mut v: Value = serde_json::from_str(include_str!(
        "fixtures/api/2.12_international_add.complete.request.json"
    ))
    .unwrap();
    v["ParcelNumber"] = json!(parcel);
    v
}

fn receiving() -> Value {
    json!({"number": 7, "date": "2024-11-11", "counterparty": "OOO Sut", "nomenclature": "Sut",
           "quantity": 20, "price": 200, "total_amount": 4000})
}

#[test]
fn every_operation_reaches_its_sandbox_route_through_call() {
    let (sandbox, client) = setup();
    for op in OPERATIONS {
        // The legacy client's operations: the legacy API's, the WMS's; the current API's
        // are walked by tests/current.rs.
        if !op.public
            || !op
                .apis()
                .any(|a| matches!(a, bts::Api::Legacy | bts::Api::Wms))
        {
            continue;
        }
        let params = params_for(op.name, &client);
        sandbox.reset_counts();
        let data = client
            .call(op.name, params)
            .unwrap_or_else(|e| panic!("{}: {e:?}", op.name));
        assert!(!data.is_null(), "{}", op.name);
        let route = match op.name {
            "raw" => "directory/post-types",
            "label/save" => "order/detail",
            name => name,
        };
        assert_eq!(
            sandbox.requests(route),
            1,
            "{} reached the sandbox once",
            op.name
        );
    }
}

#[test]
fn local_order_lifecycle_typed() {
    let (sandbox, client) = setup();
    let quote = client
        .order_calculate(&PriceRequest {
            sender_city_id: Some(3),
            receiver_city_id: Some(3),
            weight: Some(1.into()),
            sender_delivery: Some(1),
            receiver_delivery: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(quote.summary_price.unwrap().as_f64(), Some(10000.0));

    let created = client.order_add(&order_request()).unwrap();
    let id = created
        .order_id
        .as_ref()
        .and_then(Scalar::as_i64)
        .expect("orderId");
    assert_eq!(
        created.cost.as_ref().unwrap().as_f64(),
        Some(12000.0),
        "tariff: weight 2, same city"
    );
    assert_eq!(
        created.status.as_ref().unwrap().id,
        Some(LocalStatus::from_code(1))
    );
    assert!(created.barcode.as_deref().is_some_and(|b| b.len() == 11));
    let pdf = bts::decode_label(created.label_encode.as_deref().unwrap()).unwrap();
    assert!(pdf.starts_with(b"%PDF"));

    let detail = client.order_detail(id).unwrap();
    assert_eq!(detail.barcode, created.barcode);

    let mut edit = OrderEditRequest {
        order_id: Some(id),
        order: order_request(),
    };
    edit.order.receiver_address = Some("Asaka, Navoiy ko'chasi 1".into());
    let edited = client.order_edit(&edit).unwrap();
    assert_eq!(
        edited.receiver_address.as_deref(),
        Some("Asaka, Navoiy ko'chasi 1")
    );

    let track = client.order_track(id).unwrap();
    assert_eq!(track.status.unwrap().id, Some(LocalStatus::from_code(1)));
    assert!(sandbox.set_order_status(id, 2));
    assert!(client.order_history(id).unwrap().len() >= 2);
    assert!(client.order_cancellation(id).unwrap().is_empty());

    let cancelled = client.order_cancel(id).unwrap();
    assert_eq!(
        cancelled.status.unwrap().id,
        Some(LocalStatus::from_code(0))
    );
    assert_eq!(client.order_cancellation(id).unwrap().len(), 1);
    // Cancelling twice is refused by BTS with a field error.
    let again = client.order_cancel(id).unwrap_err();
    assert_eq!(again.kind(), ErrorKind::Validation);
    assert!(again.fields().contains_key("orderId"));
}

#[test]
fn label_saves_to_a_file() {
    let (_sandbox, client) = setup();
    let created = client.order_add(&order_request()).unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("bts-label-{}.pdf", std::process::id()));
    let n = bts::save_label(created.label_encode.as_deref().unwrap(), &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap().len(), n);
    std::fs::remove_file(path).unwrap();
}

#[test]
fn server_validation_errors_keep_the_uzbek_messages() {
    let (_sandbox, client) = setup();
    let mut body = order();
    body["senderCityId"] = json!(999_999);
    let err = client.call("order/add", body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.status().is_some());
    assert!(
        err.fields()["senderCityId"][0].contains("noto'g'ri"),
        "{:?}",
        err.fields()
    );
    assert!(err.body().unwrap().contains("errors"));
}

#[test]
fn missing_required_fields_are_named_and_nothing_is_sent() {
    let (sandbox, client) = setup();
    let mut body = order();
    body.as_object_mut().unwrap().remove("senderPhone");
    body["weight"] = json!("");
    body["receiver"] = Value::Null;
    let err = client.call("order/add", body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let fields: Vec<&str> = err.fields().keys().map(String::as_str).collect();
    assert_eq!(fields, ["receiver", "senderPhone", "weight"]);
    assert!(!err.may_have_reached_server());
    assert_eq!(
        sandbox.requests("*"),
        0,
        "nothing was sent, not even a login"
    );
}

#[test]
fn wrong_parameter_types_and_unknown_operations_are_invalid_input() {
    let (sandbox, client) = setup();
    for (op, params) in [
        ("order/detail", json!({"orderId": "abc"})),
        ("order/detail", json!({"id": 5})),
        ("wms/product/clients", json!({"page": 0})),
        ("wms/product/clients", json!({"all_pages": "yes"})),
        ("order/teleport", json!({})),
        (
            "raw",
            json!({"service": "ftp", "method": "GET", "route": "v1/x"}),
        ),
    ] {
        let err = client.call(op, params).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{op}");
    }
    assert_eq!(
        client.call("order/add", json!([1, 2])).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        client.call_json("order/add", "{nope").unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(sandbox.requests("*"), 0);
}

#[test]
fn unknown_order_is_http_404() {
    let (_sandbox, client) = setup();
    let err = client.order_detail(1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status(), Some(404));
}

#[test]
fn international_parcel_track_and_manifest() {
    let (sandbox, client) = setup();
    let request: InternationalOrderRequest =
        serde_json::from_value(international("366489851")).unwrap();
    let parcel = client.international_add(&request).unwrap();
    let barcode = parcel.extra["barcode"]
        .as_str()
        .expect("sandbox barcode")
        .to_owned();
    assert!(sandbox.set_international_status(&barcode, 200));
    let track = client.international_track_by_barcode(&barcode).unwrap();
    let status = track.status.unwrap();
    assert_eq!(status.code, Some(InternationalStatus::from_code(200)));
    assert_eq!(status.message.as_deref(), Some("In the sorting center"));

    let err = client.international_add(&request).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "duplicate ParcelNumber");

    let manifest = client
        .international_manifest(&ManifestRequest {
            manifest_number: Some("M-77".into()),
            date: Some("2024-11-11".into()),
            parcel_number: Some(json!("366489851")),
            parcels_count: Some("1".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(manifest.success, Some(true));
    let err = client
        .call(
            "international/manifest",
            json!({"ManifestNumber": "M", "Date": "d", "ParcelNumber": "p", "ParcelsCount": 1}),
        )
        .map(|_| ())
        .err();
    assert!(err.is_none(), "a numeric ParcelsCount is accepted");
}

#[test]
fn directory_lists() {
    let (_sandbox, client) = setup();
    let all = client.directory_branches(None).unwrap();
    assert!(all.iter().any(|b| b.name.as_deref() == Some("KARSHI BTS")));
    let karshi = client.directory_branches(Some(14)).unwrap();
    assert!(!karshi.is_empty() && karshi.iter().all(|b| b.region_id == Some(14)));
    let tashkent = client.directory_branches_with_city(Some(198)).unwrap();
    assert_eq!(tashkent.len(), 2);
    assert!(tashkent[0]
        .working_hours
        .as_ref()
        .unwrap()
        .contains_key("1"));
    assert!(client
        .directory_regions()
        .unwrap()
        .iter()
        .any(|r| r.id == Some(14)));
    assert!(client
        .directory_cities(Some(2))
        .unwrap()
        .iter()
        .all(|c| c.region_id == Some(2)));
}

#[test]
fn wms_create_list_all_pages_and_acknowledge() {
    let (sandbox, client) = setup();
    let request: ProductRequest = serde_json::from_value(product("PRD-1")).unwrap();
    let created = client.wms_product_create(&request).unwrap();
    let product = created.data.unwrap();
    assert_eq!(product.code.as_deref(), Some("PRD-1"));
    assert!(
        product.product_packaging.is_some(),
        "productPackagin is decoded"
    );

    sandbox.seed_wms("product", 45);
    let first = client.wms_product_clients(None).unwrap();
    let page = first.data.unwrap();
    assert_eq!(page.items.len(), 20);
    let meta = page.meta.unwrap();
    let total = meta.total_count.unwrap() as usize;
    assert_eq!(meta.page_count, Some(total.div_ceil(20) as i64));

    sandbox.reset_counts();
    let all = client.wms_product_clients_all().unwrap();
    assert_eq!(all.len(), total);
    assert_eq!(sandbox.requests("wms/product/clients"), total.div_ceil(20));
    let ids: Vec<i64> = all.iter().map(|p| p.id.unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "no item twice");

    // `all_pages` through `call` is one bare array, in page order.
    let raw = client
        .call("wms/product/clients", json!({"all_pages": true}))
        .unwrap();
    let raw_ids: Vec<i64> = raw
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(raw_ids, ids);

    let ack = client
        .wms_product_client_status(&ClientStatusRequest::ok(ids[..5].iter().copied()))
        .unwrap();
    assert!(ack.message.unwrap().contains("delivered"));
    assert_eq!(client.wms_product_clients_all().unwrap().len(), total - 5);
}

#[test]
fn wms_purveyors_and_receiving_goods() {
    let (_sandbox, client) = setup();
    let purveyor = client
        .wms_purveyor_create(&PurveyorRequest {
            group: Some("group".into()),
            code: Some("code".into()),
            name: Some("name".into()),
            full_name: Some("full".into()),
            ..Default::default()
        })
        .unwrap();
    let id = purveyor.data.unwrap().id.unwrap();
    let listed = client.wms_purveyor_clients_all().unwrap();
    assert!(listed.iter().any(|p| p.id == Some(id)));
    client
        .wms_purveyor_client_status(&ClientStatusRequest::ok([id]))
        .unwrap();
    assert!(!client
        .wms_purveyor_clients_all()
        .unwrap()
        .iter()
        .any(|p| p.id == Some(id)));

    let receiving: ReceivingGoodsRequest = serde_json::from_value(receiving()).unwrap();
    let goods = client
        .wms_receiving_goods_create(&receiving)
        .unwrap()
        .data
        .unwrap();
    assert!(client
        .wms_receiving_goods_clients(Some(1))
        .unwrap()
        .data
        .unwrap()
        .items
        .iter()
        .any(|g| g.id == goods.id));
    client
        .wms_receiving_goods_client_status(&ClientStatusRequest::ok([goods.id.unwrap()]))
        .unwrap();

    let err = client
        .call("wms/product/create", json!({"group": "only"}))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.fields().contains_key("is_set") && err.fields().contains_key("unit"));
    // `false` is a value, not a missing field.
    let mut p = product("PRD-2");
    p["is_set"] = json!(false);
    client.call("wms/product/create", p).unwrap();
}

#[test]
fn raw_reaches_routes_the_docs_give_without_a_path() {
    let (sandbox, client) = setup();
    let created = client
        .raw("courier", "POST", "v1/mxik/create", None,
             Some(json!({"spic": "08517001001020045", "name": "Telefon", "units": "dona", "goodPrice": 100000})))
        .unwrap();
    assert!(created["id"].as_i64().is_some());
    let list = client
        .raw("courier", "GET", "v1/mxik/list", None, None)
        .unwrap();
    assert!(list.as_array().unwrap().len() >= 3);
    let types = client
        .raw(
            "courier",
            "GET",
            "v1/directory/package-types",
            Some(json!({"x": 1})),
            None,
        )
        .unwrap();
    assert_eq!(types[0]["id"], 8);
    assert_eq!(sandbox.requests("mxik/create"), 1);
}

#[test]
fn explicit_login_returns_no_token() {
    let (_sandbox, client) = setup();
    let data = client.call("auth/get-token", json!({})).unwrap();
    assert_eq!(data, json!({"authenticated": true}));
    assert_eq!(
        client.call("wms/auth/login", Value::Null).unwrap(),
        json!({"authenticated": true})
    );
    client.auth_get_token().unwrap();
    client.wms_auth_login().unwrap();
}

#[test]
fn sandbox_starts_standalone_urls() {
    let sandbox = Sandbox::start();
    assert!(sandbox.base_url().ends_with("/index.php"));
    assert!(sandbox.wms_base_url().starts_with("http://127.0.0.1:"));
}

/// BTS's documented validation errors, past the local checks (through `raw`), come back
/// as kind `validation` with BTS's own messages, verbatim.
#[test]
fn documented_validation_errors_come_back_verbatim() {
    let (sandbox, client) = setup();
    let post = |route: &str, body: Value| {
        client
            .raw("courier", "POST", route, None, Some(body))
            .unwrap_err()
    };
    let add = post("v1/order/add", json!({}));
    assert_eq!(add.kind(), ErrorKind::Validation);
    assert_eq!(
        add.fields()["senderPhone"],
        ["«Telefon» ni to'ldirishingiz kerak."]
    );
    assert_eq!(add.fields()["weight"], ["«Kg» to'ldirilishi kerak."]);

    let calc = post("v1/order/calculate", json!({}));
    assert_eq!(
        calc.fields()["senderCityId"],
        ["«Yuborish shahri» ni to'ldirishingiz kerak."]
    );

    let intl = post("v1/international/add", json!({}));
    assert_eq!(
        intl.fields()["ReceiverPhone"],
        ["«Telefon» ni to'ldirishingiz kerak."]
    );
    assert_eq!(intl.fields()["ParcelWeight"], ["«Kg» to'ldirilishi kerak."]);

    let manifest = post("v1/international/manifest", json!({}));
    assert_eq!(
        manifest.fields()["ManifestNumber"],
        ["ManifestNumber cannot be blank.."]
    );
    assert_eq!(
        manifest.fields()["ParcelsCount"],
        ["ParcelsCount bo'sh bo'lishi mumkin emas.."]
    );

    // order/edit: an unknown order is 404; an order past "at the sender" cannot be edited.
    let mut body = order();
    body["orderId"] = json!(1);
    assert_eq!(
        client.call("order/edit", body).unwrap_err().status(),
        Some(404)
    );
    let id = client.call("order/add", order()).unwrap()["orderId"].clone();
    sandbox.set_order_status(id.as_i64().unwrap(), 5);
    let mut body = order();
    body["orderId"] = id;
    let err = client.call("order/edit", body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.fields().contains_key("orderId"));

    // WMS: a field the server refuses after the local checks pass.
    let err = client
        .raw(
            "wms",
            "POST",
            "v1/product/create",
            None,
            Some(json!({"group": "g"})),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.fields().contains_key("unit"), "{:?}", err.fields());
}

#[test]
fn receiving_goods_takes_either_documented_body() {
    let (sandbox, client) = setup();
    // The current document shape: checked against its own required fields, sent as given.
    let document = json!({"client_receiving_good_code": "RG-1", "receiving_goods": [
        {"client_product_id": 5012, "client_product_variation_id": 1, "product_cart_sku": "SKU-1", "quantity": 3}
    ]});
    client.call("wms/receiving-goods/create", document).unwrap();
    let err = client
        .call(
            "wms/receiving-goods/create",
            json!({"client_receiving_good_code": "RG-2", "receiving_goods": [{"quantity": 1}]}),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.fields()
            .contains_key("receiving_goods[0].product_cart_sku"),
        "{:?}",
        err.fields()
    );
    assert!(
        !err.fields().contains_key("number"),
        "the flat shape's fields are not asked for"
    );
    // The flat shape still wants its own.
    let err = client
        .call("wms/receiving-goods/create", json!({"number": "7"}))
        .unwrap_err();
    assert!(err.fields().contains_key("counterparty"));
    assert_eq!(sandbox.requests("wms/receiving-goods/create"), 1);
}

#[test]
fn wms_fulfilment_orders_typed_and_through_the_c_abi() {
    use std::ffi::{CStr, CString};
    let (sandbox, client) = setup();
    let request: WmsOrderRequest = serde_json::from_value(json!({"order_id": 770001, "full_name": "Ali Valiyev",
        "phone": "+998900000000", "address": "Toshkent, 1", "region": "Toshkent", "country": "Uzbekistan",
        "order_items": [{"client_product_id": 5012, "client_product_variation_id": 1, "quantity": 2,
                         "price": 95000, "discount": 0, "final_price": 95000}]}))
    .unwrap();
    let created = client.wms_order_create(&request).unwrap();
    assert!(created.data.is_some(), "{created:?}");
    let back: PartialReturnRequest = serde_json::from_value(json!({"order_id": 770001,
        "order_items": [{"client_product_id": 5012, "client_product_variation_id": 1, "quantity": 1}]}))
    .unwrap();
    let returned = client.wms_order_partial_return(&back).unwrap();
    assert!(returned.data.is_some(), "{returned:?}");
    // The same through the C ABI, with a new order number.
    let config = CString::new(sandbox.config_json()).unwrap();
    // SAFETY (test): NUL-terminated strings; the handle and every string freed once.
    unsafe {
        let handle = bts::ffi::bts_client_new(config.as_ptr(), std::ptr::null_mut());
        assert!(!handle.is_null());
        for (op, params) in [
            (
                "wms/order/create",
                json!({"order_id": 770002, "full_name": "Ali Valiyev", "phone": "+998900000000",
                "address": "Toshkent, 1", "region": "Toshkent", "country": "Uzbekistan",
                "order_items": [{"client_product_id": 5012, "client_product_variation_id": 1, "quantity": 1,
                                 "price": 95000, "discount": 0, "final_price": 95000}]}),
            ),
            (
                "wms/order/partial-return",
                json!({"order_id": 770002,
                "order_items": [{"client_product_id": 5012, "client_product_variation_id": 1, "quantity": 1}]}),
            ),
        ] {
            let op = CString::new(op).unwrap();
            let params = CString::new(params.to_string()).unwrap();
            let out = bts::ffi::bts_call(handle, op.as_ptr(), params.as_ptr());
            let envelope: Value =
                serde_json::from_str(CStr::from_ptr(out).to_str().unwrap()).unwrap();
            bts::ffi::bts_string_free(out);
            assert_eq!(envelope["ok"], true, "{envelope}");
        }
        bts::ffi::bts_client_free(handle);
    }
    assert_eq!(sandbox.requests("wms/order/create"), 2);
}
