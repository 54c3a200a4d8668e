//! The WMS on the wire: login, create, pagination, acknowledgement.

mod common;

use bts_sandbox::Sandbox;
use common::*;
use serde_json::{json, Value};

#[test]
fn login_ok_and_refused() {
    let sb = Sandbox::start();
    let r = post(
        &sb,
        "/v1/auth/login",
        None,
        &json!({"login":"demo","password":"demo-wms-secret"}),
    );
    assert_eq!(r.status, 200);
    let j = r.json();
    let keys: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, vec!["access_token", "refresh_token"]);
    assert_ne!(j["access_token"], j["refresh_token"]);

    let r = post(&sb, "/v1/auth/login", None, &json!({"password":"x"}));
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {"login": ["«Login» tuldirish shart."]}})
    );
    let r = post(
        &sb,
        "/v1/auth/login",
        None,
        &json!({"login":"demo","password":"wrong"}),
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["type"], "yii\\web\\UnauthorizedHttpException");
    assert_eq!(r.json()["message"], "Login yoki parol noto'g'ri.");
    assert_eq!(get(&sb, "/v1/purveyor/clients", None).status, 401);
    assert_eq!(get(&sb, "/v1/purveyor/clients", Some("nope")).status, 401);
}

#[test]
fn product_create_coerces_like_the_server() {
    let sb = Sandbox::start();
    let t = wms_token(&sb);
    // Seed 004's request, verbatim.
    let body = json!({
        "supplier_buyer_id": 1, "client_product_variation_id": 1, "group": "Продукты питания",
        "code": "PRD-001", "client_product_id": 12340, "name": "Молоко пастеризованное 3.2%",
        "full_name": "Молоко пастеризованное 3.2%, 1 литр", "gtin": "1234567890123",
        "article": "MLK3201", "nomenclature_type": "Продукты", "unit": "литр",
        "shelf_life_stock": "90 дней", "kis_code": "KIS-001", "is_set": "Да", "weight": "1.05",
        "net_weight": "1.00", "volume": "1.1", "net_volume": "1.0",
        "specification": "Молочные продукты, пастеризованные", "temperature_mode": "+2°C до +6°C",
        "base_packaging": "Тетра Пак", "abc_class": "A", "comment": "Хранить в прохладном месте",
        "name_eng": "Pasteurized Milk 3.2%", "tsd_name": "Milk TSD", "depositor": "ООО Молочная ферма",
        "default_status": "Активный", "billing_packaging": "1 литр", "report_packaging": "1 литр",
        "min_shelf_life_stock": "30 дней", "seasonal_abc_coefficient": "1.2",
        "shelf_life_deviation_days": 5, "shelf_life_period": 90, "min_shelf_life_period": 30,
        "shelf_life_deviation_period": 5, "storage_period_days": 90
    });
    let r = post(&sb, "/v1/product/create", Some(&t), &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    assert_eq!(j["message"], "Record successfully created.");
    let d = &j["data"];
    assert_eq!(d["id"], 40);
    assert_eq!(d["supplier_buyer_id"], 1);
    assert_eq!(d["client_product_id"], 12340);
    assert_eq!(d["gtin"], "1234567890123");
    assert_eq!(
        d["productPackagin"],
        json!({"id": 8, "product_id": 40, "base_packaging": "Тетра Пак",
               "billing_packaging": "1 литр", "report_packaging": "1 литр"})
    );
    let s = &d["productShelfLive"];
    assert_eq!(s["shelf_life_stock"], "90.00");
    assert_eq!(s["min_shelf_life_stock"], "30.00");
    assert_eq!(s["shelf_life_period"], 90);
    assert_eq!(s["temperature_mode"], "+2°C до +6°C");
    let tech = &d["productTechnical"];
    assert_eq!(tech["weight"], "1.050");
    assert_eq!(tech["net_weight"], "1.000");
    assert_eq!(tech["volume"], "1.100");
    assert_eq!(tech["is_set"], true);
    assert_eq!(tech["kis_code"], "KIS-001");
    assert_eq!(
        d["_links"]["self"]["href"],
        "http://sandbox.test/v1/product/view?id=40"
    );
    assert!(r.text().contains("\"productPackagin\":{"));
    assert!(r
        .text()
        .contains("\"unit\":\"литр\",\"client_product_id\":12340,\"comment\":"));

    let r = post(
        &sb,
        "/v1/product/create",
        Some(&t),
        &json!({"code": "x", "is_set": false}),
    );
    assert_eq!(r.status, 422);
    let e = r.json();
    assert_eq!(e["errors"]["group"], json!(["«group» tuldirish shart."]));
    assert_eq!(e["errors"]["unit"], json!(["«unit» tuldirish shart."]));
    assert!(e["errors"].get("code").is_none() && e["errors"].get("is_set").is_none());
    assert_eq!(e["errors"].as_object().unwrap().len(), 16);
}

#[test]
fn purveyor_and_receiving_create() {
    let sb = Sandbox::start();
    let t = wms_token(&sb);
    let r = post(
        &sb,
        "/v1/purveyor/create",
        Some(&t),
        &json!({"group":"g","code":"c","name":"n","full_name":"f","stock_percentage":"20",
                "legal_entity":"Нет","is_buyer":1,"inn":123456789,"okpp":"77","contract_date":"2024-11-11"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let d = r.json()["data"].clone();
    assert_eq!(d["id"], 13);
    assert_eq!(d["contractBankDetail"]["id"], 10);
    assert_eq!(d["contractBankDetail"]["supplier_buyer_id"], 13);
    assert_eq!(d["contractBankDetail"]["contract_date"], "2024-11-11");
    assert_eq!(d["entityType"]["stock_percentage"], "20.00");
    assert_eq!(d["entityType"]["stock_expiry"], 0);
    assert_eq!(d["entityType"]["legal_entity"], false);
    assert_eq!(d["supplierBuyerStatus"]["is_buyer"], true);
    assert_eq!(d["supplierBuyerStatus"]["is_supplier"], false);
    assert_eq!(d["taxInfo"]["inn"], "123456789");
    assert_eq!(d["taxInfo"]["okpo"], "77");
    let r = post(&sb, "/v1/purveyor/create", Some(&t), &json!({"group":"g"}));
    assert_eq!(
        r.json(),
        json!({"errors": {"code": ["«code» tuldirish shart."], "name": ["«name» tuldirish shart."],
                          "full_name": ["«full_name» tuldirish shart."]}})
    );

    let r = post(
        &sb,
        "/v1/receiving-goods/create",
        Some(&t),
        &json!({"number": 17, "date": "2024-11-11", "counterparty": "c", "nomenclature": "n",
                "quantity": "11", "price": 44, "total_amount": "55", "vat_rate": 444,
                "kis_number": "kis_number", "accept_by_places": "true", "price_includes_vat": false}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let d = r.json()["data"].clone();
    assert_eq!(d["id"], 11);
    assert_eq!(d["number"], "17");
    assert_eq!(d["quantity"], 11);
    assert_eq!(d["price"], "44.00");
    assert_eq!(d["total_amount"], "55.00");
    assert_eq!(d["acceptance_gate"], Value::Null);
    assert_eq!(d["supplierDetail"]["id"], 8);
    assert_eq!(d["supplierDetail"]["supplier_id"], 11);
    assert_eq!(d["supplierDetail"]["kis_number"], Value::Null);
    assert_eq!(d["supplierDetail"]["vat_rate"], "444.00");
    assert_eq!(d["supplierDetail"]["accept_by_places"], true);
    assert_eq!(d["supplierDetail"]["price_includes_vat"], false);
    assert_eq!(
        d["supplierPackage"],
        json!({"id": 2, "supplier_id": 11, "nomenclature_package": null, "package_quantity": 0})
    );
}

#[test]
fn lists_paginate_and_clamp() {
    let sb = Sandbox::start();
    let t = wms_token(&sb);
    // The seeded example record.
    let r = get(&sb, "/v1/purveyor/clients", Some(&t)).json();
    assert_eq!(r["message"], "Data successfully retrieved.");
    assert_eq!(r["data"]["items"][0]["id"], 12);
    assert_eq!(
        r["data"]["items"][0]["entityType"]["stock_percentage"],
        "20.00"
    );
    assert_eq!(
        r["data"]["items"][0]["_links"],
        json!({"self": {"href": ""}})
    );
    assert_eq!(
        r["data"]["_links"],
        json!({"self": "/v1/purveyor/clients?page=1", "first": "/v1/purveyor/clients?page=1",
               "last": "/v1/purveyor/clients?page=1"})
    );
    assert_eq!(
        r["data"]["_meta"],
        json!({"totalCount": 1, "pageCount": 1, "currentPage": 1, "perPage": 20})
    );
    let p = get(&sb, "/v1/product/clients", Some(&t)).json();
    assert_eq!(p["data"]["items"][0]["id"], 39);
    assert_eq!(
        p["data"]["items"][0]["productTechnical"]["weight"],
        "88.000"
    );
    assert_eq!(p["data"]["items"][0]["productShelfLive"]["id"], 10);
    assert!(p["data"]["items"][0].get("client_product_id").is_none());
    let g = get(&sb, "/v1/receiving-goods/clients", Some(&t)).json();
    assert_eq!(g["data"]["items"][0]["id"], 10);
    assert_eq!(g["data"]["items"][0]["price"], "200.00");
    assert_eq!(
        g["data"]["items"][0]["supplierPackage"]["nomenclature_package"],
        "string11"
    );

    sb.seed_wms("product", 44); // 45 pending: 3 pages
    let page = |q: &str| get(&sb, &format!("/v1/product/clients{q}"), Some(&t)).json();
    let p1 = page("");
    assert_eq!(p1["data"]["items"].as_array().unwrap().len(), 20);
    assert_eq!(
        p1["data"]["_meta"],
        json!({"totalCount": 45, "pageCount": 3, "currentPage": 1, "perPage": 20})
    );
    assert_eq!(
        p1["data"]["_links"],
        json!({"self": "/v1/product/clients?page=1", "first": "/v1/product/clients?page=1",
               "last": "/v1/product/clients?page=3", "next": "/v1/product/clients?page=2"})
    );
    let p2 = page("?page=2");
    assert_eq!(p2["data"]["_links"]["prev"], "/v1/product/clients?page=1");
    assert_eq!(p2["data"]["_links"]["next"], "/v1/product/clients?page=3");
    assert_eq!(p2["data"]["items"][0]["id"], 59);
    let p3 = page("?page=3");
    assert_eq!(p3["data"]["items"].as_array().unwrap().len(), 5);
    assert!(p3["data"]["_links"].get("next").is_none());
    // Past the end: the last page; below 1 or junk: the first.
    assert_eq!(page("?page=99")["data"], p3["data"]);
    assert_eq!(page("?page=0")["data"]["_meta"]["currentPage"], 1);
    assert_eq!(page("?page=-4")["data"]["_meta"]["currentPage"], 1);
    assert_eq!(page("?page=abc")["data"]["_meta"]["currentPage"], 1);
    // Ids across pages are unique and increasing.
    let ids: Vec<i64> = [p1, p2, p3]
        .iter()
        .flat_map(|p| p["data"]["items"].as_array().unwrap().clone())
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 45);
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn client_status_removes_records() {
    let sb = Sandbox::start();
    let t = wms_token(&sb);
    sb.seed_wms("receiving-goods", 3); // ids 11, 12, 13 + seeded 10
    let r = post(
        &sb,
        "/v1/receiving-goods/client-status",
        Some(&t),
        &json!({"status": [{"id": 10, "status": "ok"}, {"id": 12, "status": "ok"}, {"id": 999, "status": "ok"}]}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({"message": "supplier successfully updated to delivered status"})
    );
    let l = get(&sb, "/v1/receiving-goods/clients", Some(&t)).json();
    let ids: Vec<i64> = l["data"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![11, 13]);
    assert_eq!(l["data"]["_meta"]["totalCount"], 2);

    let r = post(
        &sb,
        "/v1/product/client-status",
        Some(&t),
        &json!({"status": [{"id": 39, "status": "ok"}]}),
    );
    assert_eq!(
        r.json()["message"],
        "products successfully updated to delivered status"
    );
    let r = post(
        &sb,
        "/v1/purveyor/client-status",
        Some(&t),
        &json!({"status": [{"id": 12, "status": "ok"}]}),
    );
    assert_eq!(
        r.json()["message"],
        "supplier-buyers successfully updated to delivered status"
    );

    // Empty lists: pageCount 0, currentPage 1, only a self link.
    let l = get(&sb, "/v1/purveyor/clients?page=3", Some(&t)).json();
    assert_eq!(l["data"]["items"], json!([]));
    assert_eq!(
        l["data"]["_meta"],
        json!({"totalCount": 0, "pageCount": 0, "currentPage": 1, "perPage": 20})
    );
    assert_eq!(
        l["data"]["_links"],
        json!({"self": "/v1/purveyor/clients?page=1"})
    );

    let r = post(&sb, "/v1/product/client-status", Some(&t), &json!({}));
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {"status": ["«status» tuldirish shart."]}})
    );
    let r = post(
        &sb,
        "/v1/product/client-status",
        Some(&t),
        &json!({"status": "ok"}),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {"status": ["«status» noto'g'ri."]}})
    );
    let r = post(
        &sb,
        "/v1/product/client-status",
        Some(&t),
        &json!({"status": [{"status": "ok"}]}),
    );
    assert_eq!(r.status, 422);
}
