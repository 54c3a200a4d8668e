//! The courier API on the wire: login, orders, tariff, international parcels, directory.

mod common;

use bts_sandbox::Sandbox;
use common::*;
use serde_json::{json, Value};

#[test]
fn login_ok_and_refused() {
    let sb = Sandbox::start();
    let t1 = courier_token(&sb);
    let t2 = courier_token(&sb);
    assert_eq!(t1.len(), 40);
    assert!(t1.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')));
    assert_ne!(t1, t2);
    // Without the v1/ prefix too.
    let r = post(
        &sb,
        "/index.php?r=auth/get-token",
        None,
        &json!({"username":"demo","password":"demo-secret","inn":"123456789"}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["success"], true);
    assert_eq!(
        r.header("Content-Type"),
        Some("application/json; charset=UTF-8")
    );

    let r = post(&sb, &courier("auth/get-token", ""), None, &json!({}));
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {
            "username": ["«Login» ni to'ldirishingiz kerak."],
            "password": ["«Parol» ni to'ldirishingiz kerak."],
            "inn": ["«INN» ni to'ldirishingiz kerak."]
        }})
    );
    let r = post(
        &sb,
        &courier("auth/get-token", ""),
        None,
        &json!({"username":"demo","password":"demo-secret","inn":"999"}),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {"inn": ["Invalid INN"]}, "text": "Invalid INN"})
    );
    let r = post(
        &sb,
        &courier("auth/get-token", ""),
        None,
        &json!({"username":"demo","password":"nope","inn":"123456789"}),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {"password": ["Login yoki parol noto'g'ri."]}})
    );
}

#[test]
fn token_required_and_expiry() {
    let sb = Sandbox::start();
    let r = get(&sb, &courier("directory/regions", ""), None);
    assert_eq!(r.status, 401);
    assert_eq!(
        r.text(),
        r#"{"name":"Unauthorized","message":"Your request was made with invalid credentials.","code":0,"status":401,"type":"yii\\web\\UnauthorizedHttpException"}"#
    );
    assert_eq!(r.header("WWW-Authenticate"), Some("Bearer realm=\"api\""));
    let r = get(&sb, &courier("directory/regions", ""), Some("deadbeef"));
    assert_eq!(r.status, 401);
    let t = courier_token(&sb);
    assert_eq!(
        get(&sb, &courier("directory/regions", ""), Some(&t)).status,
        200
    );
    // A WMS token is not a courier token.
    let w = wms_token(&sb);
    assert_eq!(
        get(&sb, &courier("directory/regions", ""), Some(&w)).status,
        401
    );
    assert_eq!(get(&sb, "/v1/product/clients", Some(&t)).status, 401);

    sb.expire_tokens();
    assert_eq!(
        get(&sb, &courier("directory/regions", ""), Some(&t)).status,
        401
    );
    assert_eq!(get(&sb, "/v1/product/clients", Some(&w)).status, 401);
    let t = courier_token(&sb);
    assert_eq!(
        get(&sb, &courier("directory/regions", ""), Some(&t)).status,
        200
    );

    sb.set_token_ttl(Some(std::time::Duration::from_millis(50)));
    std::thread::sleep(std::time::Duration::from_millis(80));
    assert_eq!(
        get(&sb, &courier("directory/regions", ""), Some(&t)).status,
        401
    );
    sb.set_token_ttl(None);
    assert_eq!(
        get(&sb, &courier("directory/regions", ""), Some(&t)).status,
        200
    );
}

#[test]
fn order_lifecycle() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    let r = post(&sb, &courier("order/add", ""), Some(&t), &order_body());
    assert_eq!(r.status, 200, "{}", r.text());
    let o = r.json();
    assert_eq!(o["orderId"], 229234);
    assert_eq!(o["customer"], json!({"id": 79, "name": "ООО JOHD "}));
    assert_eq!(o["status"], json!({"id": 1, "info": "Mijozda"}));
    assert_eq!(
        o["senderRegion"],
        json!({"id": 2, "name": "Andijon viloyati"})
    );
    assert_eq!(
        o["senderCity"],
        json!({"id": 3, "name": "Asaka tumani", "regionId": 2})
    );
    assert_eq!(
        o["senderBranch"],
        json!({"id": 93, "name": "ASAKA BTS", "regionId": 2})
    );
    assert_eq!(o["receiverCity"], json!({"id": 3, "name": "Asaka tumani"}));
    assert_eq!(
        o["receiverBranch"],
        json!({"id": 93, "name": "ASAKA BTS", "regionId": 2})
    );
    assert_eq!(o["package"], json!({"id": 8, "name": "BTS PAKETLAR"}));
    assert_eq!(o["postType"], json!({"id": 4, "name": "HUJJATLAR"}));
    assert_eq!(o["cost"], "12000.00");
    assert_eq!(o["weight"], "2.000");
    assert_eq!(o["piece"], 1);
    assert_eq!(o["clientId"], "abc123mn12");
    assert_eq!(o["volume"], 0);
    assert_eq!(o["takePhoto"], 0);
    assert_eq!(o["receiverPhone1"], Value::Null);
    assert_eq!(o["senderSign"], Value::Null);
    assert_eq!(o["barcode"], "60000006106");
    assert!(o.get("postTypes").is_none() && o.get("is_test").is_none());
    // Field order as documented.
    let keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 32);
    assert!(r.text().starts_with("{\"orderId\":229234,\"customer\":"));
    // Dates default to today and tomorrow.
    let sd = o["senderDate"].as_str().unwrap();
    let rd = o["receiverDate"].as_str().unwrap();
    assert_eq!(sd.len(), 10);
    assert!(rd > sd);
    // The label is base64 of a PDF naming the order and barcode.
    let label = o["labelEncode"].as_str().unwrap();
    let pdf = b64decode(label);
    assert!(pdf.starts_with(b"%PDF-"));
    let pdf = String::from_utf8_lossy(&pdf);
    assert!(pdf.contains("229234") && pdf.contains("60000006106"));

    // detail: the §2.6 shape
    let r = get(&sb, &courier("order/detail", "id=229234"), Some(&t));
    assert_eq!(r.status, 200);
    let d = r.json();
    assert_eq!(d["orderId"], 229234);
    assert_eq!(d["urgent"], 0);
    assert_eq!(d["volume"], "0");
    assert_eq!(d["cost"], "12000.00");
    assert_eq!(d["labelEncode"], o["labelEncode"]);
    assert!(d.get("senderReal").is_none());

    let r = get(&sb, &courier("order/track", "id=229234"), Some(&t));
    assert_eq!(
        r.json(),
        json!({"orderId": 229234, "status": {"id": 1, "name": "new"}})
    );

    assert!(sb.set_order_status(229234, 2));
    let r = get(&sb, &courier("order/track", "id=229234"), Some(&t));
    assert_eq!(r.json()["status"], json!({"id": 2, "name": "picked_up"}));

    let r = get(&sb, &courier("order/cancellation", "id=229234"), Some(&t));
    assert_eq!(r.json(), json!([]));

    let r = get(&sb, &courier("order/cancel", "id=229234"), Some(&t));
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({"orderId": "229234", "status": {"id": 0, "name": "Bekor qilingan buyurtma"}})
    );
    let r = get(&sb, &courier("order/cancel", "id=229234"), Some(&t));
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {"orderId": ["Buyurtmani bekor qilib bo'lmaydi."]}})
    );
    let r = get(&sb, &courier("order/track", "id=229234"), Some(&t));
    assert_eq!(r.json()["status"], json!({"id": 0, "name": "cancelled"}));

    let r = get(&sb, &courier("order/history", "id=229234"), Some(&t));
    let h = r.json();
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 3);
    assert_eq!(h[0]["status_id"], 1);
    assert_eq!(h[1]["status_id"], 2);
    assert_eq!(h[2]["status_id"], 0);
    assert_eq!(h[0]["location"], "ASAKA BTS");
    assert!(h[0]["timestamp"].as_i64().unwrap() > 1_700_000_000);
    assert!(h[0]["message"].is_string());

    let r = get(&sb, &courier("order/cancellation", "id=229234"), Some(&t));
    let c = r.json();
    assert_eq!(c[0]["employee"], "API");
    assert_eq!(c[0]["description"], "Mijoz tomonidan bekor qilindi");
    assert_eq!(c[0]["date"].as_str().unwrap().len(), 19);

    // A second order gets the next id and barcode.
    let r = post(&sb, &courier("order/add", ""), Some(&t), &order_body());
    assert_eq!(r.json()["orderId"], 229235);
    assert_eq!(r.json()["barcode"], "60000006107");
    // Delivered orders cannot be cancelled.
    assert!(sb.set_order_status(229235, 6));
    assert_eq!(
        get(&sb, &courier("order/cancel", "id=229235"), Some(&t)).status,
        422
    );
    assert!(!sb.set_order_status(229235, 9));
    assert!(!sb.set_order_status(1, 1));
}

fn b64decode(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => continue,
            _ => panic!("not base64: {c}"),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
fn order_edit() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    post(&sb, &courier("order/add", ""), Some(&t), &order_body());
    let mut body = order_body();
    body["orderId"] = json!(229234);
    body["weight"] = json!(3.5);
    body["receiverCityId"] = json!(198);
    let r = post(&sb, &courier("order/edit", ""), Some(&t), &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let o = r.json();
    assert_eq!(o["orderId"], 229234);
    assert_eq!(o["weight"], "3.500");
    // other region: 14000 + 2000*4 + 1000 + 1000
    assert_eq!(o["cost"], "24000.00");
    assert_eq!(o["receiverBranch"]["id"], 79);
    assert_eq!(o["barcode"], "60000006106");
    let d = get(&sb, &courier("order/detail", "id=229234"), Some(&t)).json();
    assert_eq!(d["cost"], "24000.00");

    body["orderId"] = json!(1);
    let r = post(&sb, &courier("order/edit", ""), Some(&t), &body);
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["type"], "yii\\web\\NotFoundHttpException");

    let mut missing = body.clone();
    missing.as_object_mut().unwrap().remove("orderId");
    missing["senderPhone"] = json!("");
    let r = post(&sb, &courier("order/edit", ""), Some(&t), &missing);
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {
            "orderId": ["«Buyurtma ID si» ni to'ldirishingiz kerak."],
            "senderPhone": ["«Telefon» ni to'ldirishingiz kerak."]
        }})
    );

    sb.set_order_status(229234, 3);
    body["orderId"] = json!(229234);
    let r = post(&sb, &courier("order/edit", ""), Some(&t), &body);
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {"orderId": ["Buyurtmani o'zgartirib bo'lmaydi."]}})
    );
}

#[test]
fn order_validation_messages() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    let r = post(&sb, &courier("order/add", ""), Some(&t), &json!({}));
    assert_eq!(r.status, 422);
    let e = r.json();
    let errors = e["errors"].as_object().unwrap();
    let keys: Vec<&str> = errors.keys().map(String::as_str).collect();
    for f in [
        "senderCityId",
        "senderAddress",
        "senderReal",
        "senderPhone",
        "weight",
        "packageId",
        "postTypeId",
        "receiver",
        "receiverAddress",
        "receiverCityId",
        "receiverPhone",
    ] {
        assert!(keys.contains(&f), "{f} missing from {keys:?}");
    }
    assert_eq!(errors.len(), 11);
    assert_eq!(
        e["errors"]["senderPhone"],
        json!(["«Telefon» ni to'ldirishingiz kerak."])
    );
    assert_eq!(
        e["errors"]["receiverPhone"],
        json!(["«Telefon» ni to'ldirishingiz kerak."])
    );
    assert_eq!(e["errors"]["weight"], json!(["«Kg» to'ldirilishi kerak."]));
    assert_eq!(
        e["errors"]["senderCityId"],
        json!(["«Yuborish shahri» ni to'ldirishingiz kerak."])
    );
    assert_eq!(
        e["errors"]["senderAddress"],
        json!(["«Yuboruvchi manzili» ni to'ldirishingiz kerak."])
    );

    // The documented example: senderPhone and weight missing, in that order.
    let mut b = order_body();
    b["senderPhone"] = Value::Null;
    b.as_object_mut().unwrap().remove("weight");
    let r = post(&sb, &courier("order/add", ""), Some(&t), &b);
    assert_eq!(
        r.text(),
        r#"{"errors":{"senderPhone":["«Telefon» ni to'ldirishingiz kerak."],"weight":["«Kg» to'ldirilishi kerak."]}}"#
    );

    let mut b = order_body();
    b["senderCityId"] = json!(999);
    b["packageId"] = json!("x");
    b["postTypeId"] = json!(99);
    b["weight"] = json!(-1);
    b["receiverCityId"] = json!(12345);
    let r = post(&sb, &courier("order/add", ""), Some(&t), &b);
    let e = r.json();
    assert_eq!(
        e["errors"]["senderCityId"],
        json!(["«Yuborish shahri» noto'g'ri."])
    );
    assert_eq!(
        e["errors"]["packageId"],
        json!(["«Qadoqlash turi» noto'g'ri."])
    );
    assert_eq!(
        e["errors"]["postTypeId"],
        json!(["«Yuborish turi» noto'g'ri."])
    );
    assert_eq!(e["errors"]["weight"], json!(["«Kg» raqam bo'lishi kerak."]));
    assert_eq!(
        e["errors"]["receiverCityId"],
        json!(["«Qabul qilish shahri» noto'g'ri."])
    );
    b["weight"] = json!("abc");
    let e = post(&sb, &courier("order/add", ""), Some(&t), &b).json();
    assert_eq!(e["errors"]["weight"], json!(["«Kg» raqam bo'lishi kerak."]));

    let mut b = order_body();
    b["bringBackMoney"] = json!(1);
    b["receiverDelivery"] = json!(0);
    b["receiver_branch_id"] = json!(79); // a Toshkent branch, not in city 3
    let r = post(&sb, &courier("order/add", ""), Some(&t), &b);
    assert_eq!(r.status, 422);
    let e = r.json();
    assert_eq!(
        e["errors"]["back_money"],
        json!(["«Qaytariladigan pul» ni to'ldirishingiz kerak."])
    );
    assert_eq!(
        e["errors"]["receiver_branch_id"],
        json!(["«Qabul qiluvchi filiali» noto'g'ri."])
    );
    // Fixed, the order goes through with that branch.
    b["back_money"] = json!(150000);
    b["receiverCityId"] = json!(198);
    let r = post(&sb, &courier("order/add", ""), Some(&t), &b);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["receiverBranch"]["id"], 79);
    assert_eq!(r.json()["receiverDelivery"], 0);

    // No orders were created by the refused requests.
    assert_eq!(r.json()["orderId"], 229234);
}

#[test]
fn bodies_without_json_content_type_count_as_empty() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    let auth = format!("Bearer {t}");
    let body = order_body().to_string();
    let r = Conn::open(sb.addr())
        .request(
            "POST",
            &courier("order/add", ""),
            &[("Authorization", &auth), ("Content-Type", "text/plain")],
            Some(body.as_bytes()),
        )
        .unwrap();
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["errors"].as_object().unwrap().len(), 11);
    let r = Conn::open(sb.addr())
        .request(
            "POST",
            &courier("order/add", ""),
            &[("Authorization", &auth)],
            Some(body.as_bytes()),
        )
        .unwrap();
    assert_eq!(r.status, 422);
    // With a charset parameter it is JSON.
    let r = Conn::open(sb.addr())
        .request(
            "POST",
            &courier("order/add", ""),
            &[
                ("Authorization", &auth),
                ("Content-Type", "Application/JSON; charset=utf-8"),
            ],
            Some(body.as_bytes()),
        )
        .unwrap();
    assert_eq!(r.status, 200);
    // Malformed JSON: 400 Yii2 BadRequest.
    let r = Conn::open(sb.addr())
        .request(
            "POST",
            &courier("order/add", ""),
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            Some(b"{\"senderCityId\": 3,"),
        )
        .unwrap();
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["type"], "yii\\web\\BadRequestHttpException");
    assert_eq!(r.json()["status"], 400);
}

#[test]
fn calculate_uses_the_tariff() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    let calc = |body: Value| post(&sb, &courier("order/calculate", ""), Some(&t), &body);
    let r = calc(json!({
        "senderCityId": 3, "receiverCityId": 3, "weight": 1, "volume": null,
        "senderDate": "2018-02-06", "senderDelivery": 1, "receiverDelivery": 1
    }));
    assert_eq!(r.status, 200);
    assert_eq!(
        r.text(),
        r#"{"summaryPrice":10000,"requestData":{"weight":1,"volume":null,"senderCityId":3,"receiverCityId":3,"senderDate":"2018-02-06","senderDelivery":1,"receiverDelivery":1}}"#
    );
    let price = |b: Value| calc(b).json()["summaryPrice"].as_i64().unwrap();
    assert_eq!(
        price(json!({"senderCityId":3,"receiverCityId":3,"weight":2})),
        12000
    );
    // same region is not available among the seeded cities; other region:
    assert_eq!(
        price(json!({"senderCityId":3,"receiverCityId":198,"weight":0.4})),
        14000 + 2000 + 2000
    );
    assert_eq!(
        price(
            json!({"senderCityId":198,"receiverCityId":66,"weight":"2.5","senderDelivery":0,"receiverDelivery":2})
        ),
        14000 + 6000 + 3000
    );
    // volume/5000 dominates
    assert_eq!(
        price(
            json!({"senderCityId":198,"receiverCityId":198,"weight":1,"volume":30000,"senderDelivery":0,"receiverDelivery":0})
        ),
        6000 + 2000 * 6
    );
    let r = calc(json!({"weight": 1}));
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {
            "senderCityId": ["«Yuborish shahri» ni to'ldirishingiz kerak."],
            "receiverCityId": ["«Qabul qilish shahri» ni to'ldirishingiz kerak."]
        }})
    );
    let r = calc(json!({"senderCityId":3,"receiverCityId":3}));
    assert_eq!(
        r.json(),
        json!({"errors": {"weight": ["«Kg» to'ldirilishi kerak."]}})
    );
    let r = calc(json!({"senderCityId":3,"receiverCityId":3,"weight":1}));
    assert_eq!(r.json()["requestData"]["volume"], Value::Null);
    assert_eq!(r.json()["requestData"]["senderDate"], Value::Null);
}

#[test]
fn get_parameters_and_routing() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    let r = get(&sb, &courier("order/detail", ""), Some(&t));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["message"], "Missing required parameters: id");
    let r = get(&sb, &courier("order/detail", "id=abc"), Some(&t));
    assert_eq!(r.status, 400);
    let r = get(&sb, &courier("order/detail", "id=1"), Some(&t));
    assert_eq!(r.status, 404);
    assert_eq!(
        r.text(),
        r#"{"name":"Not Found","message":"Buyurtma topilmadi.","code":0,"status":404,"type":"yii\\web\\NotFoundHttpException"}"#
    );
    // Unknown routes and wrong methods.
    let r = get(&sb, "/index.php?r=v1/order/teleport", Some(&t));
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["message"], "Page not found.");
    let r = get(&sb, "/nowhere", None);
    assert_eq!(r.status, 404);
    let r = get(&sb, &courier("order/add", ""), Some(&t));
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["type"], "yii\\web\\MethodNotAllowedHttpException");
    assert_eq!(r.header("Allow"), Some("POST"));
    let r = post(&sb, &courier("order/detail", "id=1"), Some(&t), &json!({}));
    assert_eq!(r.status, 405);
    // Percent-encoded route and values, and the prefix-less route.
    post(&sb, &courier("order/add", ""), Some(&t), &order_body());
    let r = get(
        &sb,
        "/index.php?r=v1%2Forder%2Fdetail&id=%32%32%39%32%33%34",
        Some(&t),
    );
    assert_eq!(r.status, 200);
    let r = get(&sb, "/index.php?r=order/track&id=229234", Some(&t));
    assert_eq!(r.status, 200);
    assert_eq!(sb.requests("order/track"), 1);
    assert_eq!(sb.requests("order/detail"), 5);
}

#[test]
fn directory_and_sandbox_routes() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    let r = get(&sb, &courier("directory/branches", ""), Some(&t)).json();
    let ids: Vec<i64> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![10, 79, 24, 93, 62]);
    assert_eq!(
        r[0],
        json!({
            "id": 10, "name": "KARSHI BTS", "regionId": 14, "cityId": 66,
            "address": "KARSHI 5-Mikro rayon ul. Nasaf. or: Nikoh uyi orqa tomoni ",
            "lat_long": "38.837395,65.783467", "phone": "1230", "video_link": "",
            "working_hours": {"1": "08:00-20:00", "2": "08:00-20:00", "3": "08:00-20:00",
                "4": "08:00-20:00", "5": "08:00-20:00", "6": "08:00-16:00", "7": "08:00-16:00"}
        })
    );
    let r = get(&sb, &courier("directory/branches", "regionId=14"), Some(&t)).json();
    assert_eq!(r.as_array().unwrap().len(), 1);
    let r = get(
        &sb,
        &courier("directory/branches-with-city", "cityId=198"),
        Some(&t),
    )
    .json();
    let ids: Vec<i64> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![79, 24]);
    assert_eq!(r[1]["working_hours"]["7"], "27/7");
    let r = get(&sb, &courier("directory/regions", ""), Some(&t)).json();
    assert_eq!(
        r,
        json!([{"id":2,"name":"Andijon viloyati"},{"id":6,"name":"Toshkent shahri"},{"id":14,"name":"Qashqadaryo viloyati"}])
    );
    let r = get(&sb, "/index.php?r=directory/cities&regionId=6", Some(&t)).json();
    assert_eq!(r, json!([{"id":198,"name":"Toshkent","regionId":6}]));
    assert_eq!(
        get(&sb, &courier("directory/post-types", ""), Some(&t)).json(),
        json!([{"id":4,"name":"HUJJATLAR"}])
    );
    assert_eq!(
        get(&sb, &courier("directory/package-types", ""), Some(&t)).json(),
        json!([{"id":8,"name":"BTS PAKETLAR"}])
    );
    let r = post(
        &sb,
        &courier("mxik/create", ""),
        Some(&t),
        &json!({"spic":"08517001001020045","name":"Telefon","units":"dona","goodPrice":100000}),
    );
    assert_eq!(
        r.text(),
        r#"{"id":73,"spic":"08517001001020045","name":"Telefon","units":"dona","goodPrice":"100000"}"#
    );
    let r = get(&sb, &courier("mxik/list", ""), Some(&t)).json();
    assert_eq!(r.as_array().unwrap().len(), 3);
    assert_eq!(r[0]["id"], 71);
    assert_eq!(r[0]["goodPrice"], 700000);
    assert_eq!(r[2]["goodPrice"], 100000);
    let r = post(&sb, &courier("mxik/create", ""), Some(&t), &json!({}));
    assert_eq!(r.status, 422);
}

fn parcel() -> Value {
    json!({
        "ParcelNumber": "366489851",
        "ReceiverPhone": "+998 99 1234567",
        "ReceiverPhone1": "+998 88 1234567",
        "ReceiverPatronymic": 2,
        "ReceiverSurname": "Elizabeth",
        "ReceiverFirstName": "Emily",
        "ReceiverPassposrtSerial": "AC",
        "ReceiverPassposrtNumber": "0579415",
        "ReceiverPinfl": 12345678912345u64,
        "ReceiverAddress": "Toshkent sh., Bobur ko‘chasi, 5-A",
        "ReceiverCustomsAgree": 1,
        "ParcelWeight": "4",
        "ParcelValue": "312412 ",
        "ParcelDeclareCurrency": "RUB",
        "ReceiverCityId": 3,
        "ReceiverBranchId": 93,
        "ReceiverDelivery": 0,
        "products": [{
            "ProductDescription": "Футболка1", "ProductDescriptionRu": "ФутболкаRu1",
            "ProductQuantity": "2", "ProductWeight": "4", "ProductDeclareValue": "1",
            "ProductUrl": "url1", "ProductUnit": "kg", "HsCodeIs": "6211390000",
            "ProductModel": "2324345", "ProductImei": "2342342341245"
        }]
    })
}

#[test]
fn international_parcels() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    let r = post(&sb, &courier("international/add", ""), Some(&t), &parcel());
    assert_eq!(r.status, 200, "{}", r.text());
    let p = r.json();
    assert_eq!(p["ParcelNumber"], "366489851");
    assert_eq!(p["ReceiverPinfl"], 12345678912345u64);
    assert_eq!(p["ReceiverPassposrtNumber"], "0579415");
    assert_eq!(
        p["branch"],
        json!({"ReceiverBranchId": 93, "name": "ASAKA BTS"})
    );
    assert_eq!(
        p["city"],
        json!({"ReceiverCityId": 3, "name": "Asaka tumani"})
    );
    assert_eq!(p["products"][0]["HsCodeIs"], "6211390000");
    assert_eq!(p["barcode"], "01000865704");
    assert!(p.get("ReceiverCityId").is_none());

    let track = |key: &str| {
        get(
            &sb,
            &courier("international/track-by-barcode", &format!("barcode={key}")),
            Some(&t),
        )
    };
    assert_eq!(
        track("01000865704").json(),
        json!({"barcode": "01000865704", "status": {"code": 100, "message": "At the sender"}})
    );
    assert!(sb.set_international_status("01000865704", 200));
    assert_eq!(
        track("366489851").json()["status"],
        json!({"code": 200, "message": "In the sorting center"})
    );
    assert!(!sb.set_international_status("01000865704", 201));
    assert!(!sb.set_international_status("nope", 200));
    assert_eq!(track("nope").status, 404);
    assert_eq!(
        get(
            &sb,
            &courier("international/track-by-barcode", ""),
            Some(&t)
        )
        .status,
        400
    );

    let r = post(&sb, &courier("international/add", ""), Some(&t), &parcel());
    assert_eq!(r.status, 422);
    assert!(r.json()["errors"]["ParcelNumber"].is_array());

    let mut b = parcel();
    b["ParcelNumber"] = json!("1");
    b["ReceiverPhone"] = json!("");
    b.as_object_mut().unwrap().remove("ParcelWeight");
    b["products"][0]["ProductUrl"] = Value::Null;
    let r = post(&sb, &courier("international/add", ""), Some(&t), &b);
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {
            "ReceiverPhone": ["«Telefon» ni to'ldirishingiz kerak."],
            "ParcelWeight": ["«Kg» to'ldirilishi kerak."],
            "products.0.ProductUrl": ["«Mahsulot havolasi» ni to'ldirishingiz kerak."]
        }})
    );

    let r = post(
        &sb,
        &courier("international/manifest", ""),
        Some(&t),
        &json!({"Date": "2024-11-11", "ParcelNumber": "366489851"}),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {
            "ManifestNumber": ["ManifestNumber cannot be blank.."],
            "ParcelsCount": ["ParcelsCount bo'sh bo'lishi mumkin emas.."]
        }})
    );
    let r = post(
        &sb,
        &courier("international/manifest", ""),
        Some(&t),
        &json!({"ManifestNumber": "M1", "Date": "2024-11-11", "ParcelNumber": "366489851", "ParcelsCount": "1"}),
    );
    assert_eq!(
        r.json(),
        json!({"success": true, "message": "Manifest processed successfully.."})
    );
}
