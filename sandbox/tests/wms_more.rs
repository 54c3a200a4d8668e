//! The WMS beyond the seeds on the wire: token refresh, fulfilment orders, partial returns, the
//! current receiving-goods body, and the server source's stricter rules (HTTP 500 validation,
//! string types, `okpo`).

mod common;

use bts_sandbox::Sandbox;
use common::*;
use serde_json::{json, Value};
use std::time::Duration;

fn wms_login(sb: &Sandbox) -> (String, String) {
    let r = post(
        sb,
        "/v1/auth/login",
        None,
        &json!({"login": bts_sandbox::WMS_LOGIN, "password": bts_sandbox::WMS_PASSWORD}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    (
        j["access_token"].as_str().unwrap().to_owned(),
        j["refresh_token"].as_str().unwrap().to_owned(),
    )
}

/// The example order of the WMS docs (values invented).
fn order(order_id: i64) -> Value {
    json!({
        "order_id": order_id,
        "scheduled_at": "2025-07-02T09:00:00Z",
        "fulfillment_status": 1,
        "full_name": "Dilnoza Karimova",
        "phone": "+998901112233",
        "address": "Yunusobod 4-kvartal, 12-uy",
        "region": "Toshkent",
        "country": "Uzbekistan",
        "city": "Toshkent shahar",
        "zip": "100093",
        "order_items": [
            {"client_product_id": 5012, "client_product_variation_id": 1, "quantity": 2,
             "price": 85000, "discount": 10000, "final_price": 160000},
            {"client_product_id": 5013, "client_product_variation_id": 0, "quantity": 1,
             "price": 1000, "discount": 0, "final_price": 1000}
        ]
    })
}

#[test]
fn refresh_tokens() {
    let sb = Sandbox::start();
    let (a, r) = wms_login(&sb);
    assert_eq!(a.split('.').count(), 3, "WMS tokens are JWTs");
    let refresh = |t: &Value| post(&sb, "/v1/auth/refresh", None, &json!({"refresh_token": t}));
    let res = refresh(&json!(r));
    assert_eq!(res.status, 200, "{}", res.text());
    let j = res.json();
    let keys: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["access_token", "refresh_token"]);
    let a2 = j["access_token"].as_str().unwrap();
    assert_ne!(a2, a);
    assert_eq!(get(&sb, "/v1/product/clients", Some(a2)).status, 200);
    // The used refresh token is revoked; a missing one is a field error.
    let res = refresh(&json!(r));
    assert_eq!(res.status, 422);
    assert_eq!(
        res.json(),
        json!({"message": "error", "errors": {"refresh_token": ["Refresh token noto‘g‘ri yoki muddati o‘tgan"]}})
    );
    let res = post(&sb, "/v1/auth/refresh", None, &json!({}));
    assert_eq!(res.status, 422);
    assert_eq!(
        res.json()["errors"],
        json!({"refresh_token": ["«refresh_token» tuldirish shart."]})
    );
    // Access tokens are not refresh tokens.
    assert_eq!(refresh(&json!(a2)).status, 422);
    // Expired access tokens: 401, then a refresh gives working ones.
    let r2 = j["refresh_token"].as_str().unwrap().to_owned();
    sb.expire_access_tokens();
    assert_eq!(get(&sb, "/v1/product/clients", Some(a2)).status, 401);
    let res = refresh(&json!(r2));
    assert_eq!(res.status, 200);
    let a3 = res.json()["access_token"].as_str().unwrap().to_owned();
    assert_eq!(get(&sb, "/v1/product/clients", Some(&a3)).status, 200);
    // Lifetimes apply to WMS tokens too.
    sb.set_token_lifetimes(Duration::from_millis(1500), Duration::from_secs(60));
    let (a4, _) = wms_login(&sb);
    assert_eq!(get(&sb, "/v1/product/clients", Some(&a4)).status, 200);
    std::thread::sleep(Duration::from_millis(1700));
    assert_eq!(get(&sb, "/v1/product/clients", Some(&a4)).status, 401);
    assert_eq!(sb.requests("wms/auth/refresh"), 5);
}

#[test]
fn fulfilment_orders() {
    let sb = Sandbox::start();
    let (t, _) = wms_login(&sb);
    let r = post(&sb, "/v1/order/create", Some(&t), &order(880_145));
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    assert_eq!(j["message"], "Record successfully created.");
    let d = &j["data"];
    assert_eq!(d["id"], 311);
    assert_eq!(d["order_id"], 880_145);
    assert_eq!(d["order_status"], 1);
    assert_eq!(d["fulfillment_status"], 1);
    assert_eq!(d["scheduled_at"], "2025-07-02T09:00:00Z");
    assert_eq!(d["orderAddress"]["order_id"], 311);
    assert_eq!(d["orderAddress"]["full_name"], "Dilnoza Karimova");
    assert_eq!(d["orderItems"].as_array().unwrap().len(), 2);
    assert_eq!(d["orderItems"][0]["client_product_id"], 5012);
    assert_eq!(d["orderItems"][0]["order_id"], 311);
    assert_eq!(d["orderItems"][0]["final_price"], 160_000);
    assert_eq!(
        d["_links"]["self"]["href"],
        "http://sandbox.test/v1/order/view?id=311"
    );
    assert_eq!(sb.requests("wms/order/create"), 1);

    // The order_id is the caller's key: a second create with it is refused, HTTP 500 as the
    // server source answers validation.
    let r = post(&sb, "/v1/order/create", Some(&t), &order(880_145));
    assert_eq!(r.status, 500);
    assert_eq!(
        r.json(),
        json!({"message": "error.", "errors": {"order_id": ["«order_id» \"880145\" qiymati allaqachon mavjud."]}})
    );
    // An empty body: "error." alone.
    let r = post(&sb, "/v1/order/create", Some(&t), &json!({}));
    assert_eq!(r.status, 500);
    assert_eq!(r.json(), json!({"message": "error."}));
    // Field errors, item errors as the server source writes them, scheduled_at for status 5.
    let mut bad = order(1);
    bad["phone"] = json!(998_901_112_233i64);
    bad["fulfillment_status"] = json!(5);
    bad.as_object_mut().unwrap().remove("scheduled_at");
    bad.as_object_mut().unwrap().remove("country");
    bad["order_items"][1]
        .as_object_mut()
        .unwrap()
        .remove("quantity");
    let r = post(&sb, "/v1/order/create", Some(&t), &bad);
    assert_eq!(r.status, 500);
    assert_eq!(
        r.json()["errors"],
        json!({
            "scheduled_at": ["«scheduled_at» tuldirish shart."],
            "phone": ["«phone» satr bo'lishi kerak."],
            "country": ["«country» tuldirish shart."],
            "order_items": ["Order items at index 1 is invalid: {\"quantity\":[\"«quantity» tuldirish shart.\"]}"]
        })
    );
    let mut bad = order(2);
    bad["order_items"] = json!([]);
    bad["scheduled_at"] = json!("next week");
    let r = post(&sb, "/v1/order/create", Some(&t), &bad);
    assert_eq!(
        r.json()["errors"],
        json!({"scheduled_at": ["«scheduled_at» noto'g'ri."], "order_items": ["«order_items» tuldirish shart."]})
    );
    // fulfillment_status may be left out (the docs' own example does).
    let mut plain = order(3);
    plain.as_object_mut().unwrap().remove("fulfillment_status");
    let r = post(&sb, "/v1/order/create", Some(&t), &plain);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["data"]["id"], 312);

    // The 500-vs-422 and 200-vs-201 choices are switchable.
    sb.set_quirks(&json!({"wms_validation_status": 422, "wms_create_status": 201}))
        .unwrap();
    let r = post(&sb, "/v1/order/create", Some(&t), &json!({"order_id": 4}));
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["message"], "error.");
    assert_eq!(
        post(&sb, "/v1/order/create", Some(&t), &order(4)).status,
        201
    );
    // Without a token: 401.
    assert_eq!(post(&sb, "/v1/order/create", None, &order(5)).status, 401);
}

#[test]
fn partial_returns() {
    let sb = Sandbox::start();
    let (t, _) = wms_login(&sb);
    assert_eq!(
        post(&sb, "/v1/order/create", Some(&t), &order(880_145)).status,
        200
    );
    let ret = |body: Value| post(&sb, "/v1/order/partial-order-return", Some(&t), &body);
    let r = ret(json!({"order_id": 880_145, "order_items": [
        {"client_product_id": 5012, "client_product_variation_id": 1, "quantity": 1}
    ]}));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"message": "Record successfully created.", "data": {
            "id": 9, "order_id": 880_145,
            "orderReturnItems": [{"order_return_id": 9, "product_id": 5012, "quantity": 1}]
        }})
    );
    assert_eq!(sb.requests("wms/order/partial-return"), 1);
    // One more of 5012 is left; two is too many. The variation id is optional.
    let r = ret(json!({"order_id": 880_145, "order_items": [
        {"client_product_id": 5012, "quantity": 2}
    ]}));
    assert_eq!(r.status, 500);
    assert_eq!(
        r.json()["errors"]["order_items"][0],
        "Order items at index 0 is invalid: {\"quantity\":[\"«quantity» 1 dan oshmasligi kerak.\"]}"
    );
    let r = ret(json!({"order_id": 880_145, "order_items": [
        {"client_product_id": 5012, "quantity": 1}, {"client_product_id": 5013, "quantity": 1}
    ]}));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["data"]["id"], 10);
    assert_eq!(
        r.json()["data"]["orderReturnItems"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Unknown order, unknown product, empty body.
    let r =
        ret(json!({"order_id": 1, "order_items": [{"client_product_id": 5012, "quantity": 1}]}));
    assert_eq!(r.status, 500);
    assert_eq!(
        r.json()["errors"]["order_id"],
        json!(["«order_id» noto'g'ri."])
    );
    let r =
        ret(json!({"order_id": 880_145, "order_items": [{"client_product_id": 1, "quantity": 1}]}));
    assert_eq!(r.status, 500);
    assert!(r.json()["errors"]["order_items"][0]
        .as_str()
        .unwrap()
        .contains("client_product_id"));
    let r = ret(json!({}));
    assert_eq!((r.status, r.json()), (500, json!({"message": "error."})));
}

#[test]
fn receiving_goods_both_bodies() {
    let sb = Sandbox::start();
    let (t, _) = wms_login(&sb);
    let current = json!({
        "client_receiving_good_code": "RCV-2025-0042",
        "receiving_goods": [{
            "client_product_id": 5012, "client_product_variation_id": 1,
            "product_cart_sku": "CARD-5012", "product_variation_sku": "5012-BLK-M",
            "product_sku": "5012", "size": "M", "color": "Black", "quantity": 40,
            "nomenclature": "Futbolka", "price": 85000, "total_amount": 3400000,
            "package_quantity": 4, "vat_rate": 12, "vat_amount": 408000, "discount_amount": 0,
            "under_delivery_percent": 2, "over_delivery_percent": 2,
            "nomenclature_package": "Box", "comment": "", "price_includes_vat": true
        }]
    });
    let r = post(&sb, "/v1/receiving-goods/create", Some(&t), &current);
    assert_eq!(r.status, 200, "{}", r.text());
    let d = r.json()["data"].clone();
    assert_eq!(d["id"], 11);
    assert_eq!(d["client_receiving_good_code"], "RCV-2025-0042");
    assert_eq!(d["receiving_goods"], current["receiving_goods"]);
    // It joins the pending list beside the seeds' flat records.
    let list = get(&sb, "/v1/receiving-goods/clients", Some(&t)).json();
    let items = list["data"]["items"].as_array().unwrap();
    assert!(items
        .iter()
        .any(|i| i["client_receiving_good_code"] == "RCV-2025-0042"));
    assert!(items.iter().any(|i| i["number"] == "string"));
    // Its own rules: lines required, line fields checked.
    let r = post(
        &sb,
        "/v1/receiving-goods/create",
        Some(&t),
        &json!({"client_receiving_good_code": "X", "receiving_goods": [{"client_product_id": "abc"}]}),
    );
    assert_eq!(r.status, 422);
    let msg = r.json()["errors"]["receiving_goods"][0]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        msg.starts_with("Receiving goods at index 0 is invalid: "),
        "{msg}"
    );
    assert!(msg.contains("client_product_id") && msg.contains("product_cart_sku"));
    // The seeds' flat body still works.
    let flat = json!({"number": "A-1", "date": "2024-11-11", "counterparty": "X",
                      "nomenclature": "Y", "quantity": 1, "price": 2, "total_amount": 2});
    assert_eq!(
        post(&sb, "/v1/receiving-goods/create", Some(&t), &flat).status,
        200
    );
}

#[test]
fn strict_types_and_okpo() {
    let sb = Sandbox::start();
    let (t, _) = wms_login(&sb);
    let purveyor = json!({"group": "G", "code": "C", "name": "N", "full_name": "F",
                          "inn": 301234567, "okpp": "111", "stock_expiry": "30"});
    // Loose by default (as before): numbers accepted, okpp read as okpo.
    let r = post(&sb, "/v1/purveyor/create", Some(&t), &purveyor);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["data"]["taxInfo"]["inn"], "301234567");
    assert_eq!(r.json()["data"]["taxInfo"]["okpo"], "111");
    // The server source's rules: strings must be strings, okpp is ignored.
    sb.set_quirks(&json!({"wms_strict_types": true})).unwrap();
    let r = post(&sb, "/v1/purveyor/create", Some(&t), &purveyor);
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {"inn": ["«inn» satr bo'lishi kerak."], "stock_expiry": ["«stock_expiry» butun son bo'lishi kerak."]}})
    );
    let mut ok = purveyor.clone();
    ok["inn"] = json!("301234567");
    ok["stock_expiry"] = json!(30);
    let r = post(&sb, "/v1/purveyor/create", Some(&t), &ok);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["data"]["taxInfo"]["okpo"], Value::Null);
    ok["okpo"] = json!("222");
    let r = post(&sb, "/v1/purveyor/create", Some(&t), &ok);
    assert_eq!(r.json()["data"]["taxInfo"]["okpo"], "222");
    // And the 500 answer for the seeds' routes too, when asked.
    sb.set_quirks(&json!({"wms_validation_status": 500}))
        .unwrap();
    let r = post(&sb, "/v1/product/create", Some(&t), &json!({"unit": 5}));
    assert_eq!(r.status, 500);
    assert_eq!(r.json()["message"], "error.");
    assert_eq!(
        r.json()["errors"]["unit"],
        json!(["«unit» satr bo'lishi kerak."])
    );
}
