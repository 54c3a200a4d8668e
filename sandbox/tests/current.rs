//! The current courier API (`/current/...`) on the wire: envelope and quirks, JWT login, expiry
//! and refresh, orders through statuses 100–1400, stickers, the calculator, the directory and
//! webhooks delivered to a loopback receiver.

mod common;

use base64::Engine as _;
use bts_sandbox::Sandbox;
use common::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

fn cur(path: &str) -> String {
    format!("/current/{path}")
}

/// A request with optional token, `language` header and JSON body.
fn req(
    sb: &Sandbox,
    method: &str,
    target: &str,
    token: Option<&str>,
    lang: Option<&str>,
    body: Option<&Value>,
) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Accept", "application/json")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    if let Some(l) = lang {
        headers.push(("language", l));
    }
    let text = body.map(Value::to_string);
    if text.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    Conn::open(sb.addr())
        .request(method, target, &headers, text.as_deref().map(str::as_bytes))
        .expect("request")
}

fn control(sb: &Sandbox, method: &str, name: &str, body: &Value) -> Value {
    let r = req(
        sb,
        method,
        &format!("/__sandbox/{name}"),
        None,
        None,
        Some(body),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn login(sb: &Sandbox) -> (String, String) {
    let r = req(
        sb,
        "POST",
        &cur("auth/login"),
        None,
        None,
        Some(
            &json!({"login": bts_sandbox::CURRENT_LOGIN, "password": bts_sandbox::CURRENT_PASSWORD}),
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    assert_eq!(j["status"], true);
    assert_eq!(j["status_code"], 200);
    (
        j["data"]["access_token"].as_str().unwrap().to_owned(),
        j["data"]["refresh_token"].as_str().unwrap().to_owned(),
    )
}

fn jwt_claims(t: &str) -> Value {
    let parts: Vec<&str> = t.split('.').collect();
    assert_eq!(parts.len(), 3, "{t}");
    let header = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts[0])
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&header).unwrap(),
        json!({"typ": "JWT", "alg": "RS256"})
    );
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts[1])
        .unwrap();
    serde_json::from_slice(&payload).unwrap()
}

/// The docs' example order (branch drop-off by the shop, courier delivery, no COD).
fn order(client_id: &str) -> Value {
    json!({
        "clientId": client_id,
        "pickup_type": "self",
        "dropoff_type": "courier",
        "is_sender_location": false,
        "is_receiver_location": false,
        "sender": {
            "name": "Example Shop", "phone": "+998900000001",
            "address": "Toshkent, example street 1", "city_code": "0109", "branch_code": "0154"
        },
        "receiver": {
            "name": "Example Customer", "phone": "+998900000002", "phone1": "+998900000003",
            "address": "Samarqand, example street 2", "city_code": "3001"
        },
        "bringBackMoney": 0,
        "takePhoto": 1,
        "bringBackWaybill": 0,
        "cargo": {
            "weight": 1.2, "volume": 0, "piece": 1, "packageId": 8, "postTypeId": 11,
            "postTypes": [{"name": "T-shirt", "code": "SKU-1", "count": 2, "cost": 90000}]
        },
        "ready_to_take": true
    })
}

fn add(sb: &Sandbox, t: &str, client_id: &str) -> Value {
    add_raw(sb, t, client_id).json()["data"].clone()
}

fn add_raw(sb: &Sandbox, t: &str, client_id: &str) -> Resp {
    let r = req(
        sb,
        "POST",
        &cur("v1/order/add"),
        Some(t),
        None,
        Some(&order(client_id)),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r
}

#[test]
fn login_errors_tokens_expiry_and_refresh() {
    let sb = Sandbox::start();
    assert!(sb.current_base_url().ends_with("/current"));
    // Missing fields: 422 envelope with Yii2-style field messages, Uzbek by default.
    let r = req(
        &sb,
        "POST",
        &cur("auth/login"),
        None,
        None,
        Some(&json!({})),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"status": false, "message": "error.validation", "status_code": 422,
               "errors": {"login": ["«Login» to`ldirish shart."],
                          "password": ["«Password» to`ldirish shart."]}})
    );
    let r = req(
        &sb,
        "POST",
        &cur("auth/login"),
        None,
        Some("ru"),
        Some(&json!({"login": "demo"})),
    );
    assert_eq!(
        r.json()["errors"],
        json!({"password": ["Необходимо заполнить «Password»."]})
    );
    // Wrong password: Yii2's 401 body.
    let r = req(
        &sb,
        "POST",
        &cur("auth/login"),
        None,
        None,
        Some(&json!({"login": "demo", "password": "nope"})),
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["message"], "Incorrect login or password.");
    assert_eq!(r.json()["type"], "yii\\web\\UnauthorizedHttpException");

    // Tokens are JWTs whose exp says one day.
    let (a, rt) = login(&sb);
    let c = jwt_claims(&a);
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        86_400
    );
    let c = jwt_claims(&rt);
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        30 * 86_400
    );
    // No token, a legacy token, a WMS token: all refused with the Yii2 body.
    let regions = cur("v1/directory/regions");
    for t in [None, Some(courier_token(&sb)), Some(wms_token(&sb))] {
        let r = req(&sb, "GET", &regions, t.as_deref(), None, None);
        assert_eq!(r.status, 401);
        assert_eq!(
            r.text(),
            r#"{"name":"Unauthorized","message":"Your request was made with invalid credentials.","code":0,"status":401,"type":"yii\\web\\UnauthorizedHttpException"}"#
        );
    }
    assert_eq!(req(&sb, "GET", &regions, Some(&a), None, None).status, 200);

    // Short lifetimes through the control API: the access token expires, a refresh renews it.
    let j = control(
        &sb,
        "POST",
        "token-lifetime",
        &json!({"access_ms": 1500, "refresh_ms": 60000}),
    );
    assert_eq!(j["access_ms"], 1500);
    let (a, rt) = login(&sb);
    let c = jwt_claims(&a);
    assert!((1..=2).contains(&(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap())));
    assert_eq!(req(&sb, "GET", &regions, Some(&a), None, None).status, 200);
    std::thread::sleep(Duration::from_millis(1700));
    assert_eq!(req(&sb, "GET", &regions, Some(&a), None, None).status, 401);
    let r = req(
        &sb,
        "POST",
        &cur("auth/refresh"),
        None,
        None,
        Some(&json!({"refresh_token": rt})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let a2 = r.json()["data"]["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let rt2 = r.json()["data"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(rt2, rt);
    assert_eq!(req(&sb, "GET", &regions, Some(&a2), None, None).status, 200);
    // The used refresh token is revoked (rotation), with the 422 refresh failure.
    let r = req(
        &sb,
        "POST",
        &cur("auth/refresh"),
        None,
        None,
        Some(&json!({"refresh_token": rt})),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"status": false, "message": "error.validation", "status_code": 422,
               "errors": {"refresh_token": ["Refresh token noto‘g‘ri yoki muddati o‘tgan"]}})
    );
    // An access token is not a refresh token.
    let r = req(
        &sb,
        "POST",
        &cur("auth/refresh"),
        None,
        None,
        Some(&json!({"refresh_token": a2})),
    );
    assert_eq!(r.status, 422);
    // Without rotation the old refresh token keeps working.
    sb.set_quirks(&json!({"rotate_refresh": false})).unwrap();
    for _ in 0..2 {
        let r = req(
            &sb,
            "POST",
            &cur("auth/refresh"),
            None,
            None,
            Some(&json!({"refresh_token": rt2})),
        );
        assert_eq!(r.status, 200);
    }

    // expire-access-tokens keeps refresh tokens; expire-tokens drops both.
    sb.set_token_lifetimes(Duration::from_secs(3600), Duration::from_secs(3600));
    let (a, rt) = login(&sb);
    control(&sb, "POST", "expire-access-tokens", &json!({}));
    assert_eq!(req(&sb, "GET", &regions, Some(&a), None, None).status, 401);
    let refresh = |t: &str| {
        req(
            &sb,
            "POST",
            &cur("auth/refresh"),
            None,
            None,
            Some(&json!({"refresh_token": t})),
        )
    };
    let r = refresh(&rt);
    assert_eq!(r.status, 200);
    sb.expire_tokens();
    assert_eq!(
        refresh(r.json()["data"]["refresh_token"].as_str().unwrap()).status,
        422
    );

    // The other reading: status_code 401 inside an HTTP 200.
    let (a, _) = login(&sb);
    sb.set_quirks(&json!({"auth_failure": "envelope200"}))
        .unwrap();
    let r = req(&sb, "GET", &regions, Some("nope"), None, None);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({"status": false, "message": "Your request was made with invalid credentials.", "status_code": 401})
    );
    assert_eq!(req(&sb, "GET", &regions, Some(&a), None, None).status, 200);
}

#[test]
fn order_add_validation_in_uzbek_and_russian() {
    let sb = Sandbox::start();
    let (t, _) = login(&sb);
    let add_url = cur("v1/order/add");
    let r = req(&sb, "POST", &add_url, Some(&t), None, Some(&json!({})));
    assert_eq!(r.status, 422);
    let j = r.json();
    assert_eq!(j["status"], false);
    assert_eq!(j["message"], "error.validation");
    assert_eq!(j["status_code"], 422);
    assert!(j.get("data").is_none());
    let e = &j["errors"];
    let keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "pickup_type",
        "dropoff_type",
        "sender.name",
        "sender.phone",
        "sender.address",
        "sender.city_code",
        "receiver.name",
        "receiver.phone",
        "receiver.city_code",
        "cargo.weight",
        "cargo.piece",
        "cargo.packageId",
    ] {
        assert!(keys.contains(&k), "{k} missing in {keys:?}");
    }
    assert_eq!(e["pickup_type"], json!(["«Pickup Type» to`ldirish shart."]));
    assert_eq!(
        e["receiver.city_code"],
        json!(["Receiver city_code kiritilishi shart"])
    );
    assert_eq!(
        e["cargo.packageId"],
        json!(["«Package Id» to`ldirish shart."])
    );

    // Russian under `language: ru`; nested array items named cargo.postTypes[0].name.
    let mut body = order("X-1");
    body["cargo"]["postTypes"][0]["name"] = json!("A name far longer than twenty");
    body["receiver"]["phone"] = json!("+998 90 000 00 02");
    body["sender"]["city_code"] = json!("9999");
    body["dropoff_type"] = json!("drone");
    body["cargo"]["weight"] = json!("heavy");
    let r = req(&sb, "POST", &add_url, Some(&t), Some("ru"), Some(&body));
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json()["errors"],
        json!({
            "dropoff_type": ["Значение «Dropoff Type» неверно."],
            "sender.city_code": ["Значение «City Code» неверно."],
            "receiver.phone": ["Значение «Phone» неверно."],
            "cargo.weight": ["Значение «Weight» должно быть числом."],
            "cargo.postTypes[0].name": ["Значение «Name» должно содержать максимум 20 символов."]
        })
    );
    // English too.
    let r = req(
        &sb,
        "POST",
        &add_url,
        Some(&t),
        Some("en"),
        Some(&json!({"pickup_type": "self"})),
    );
    assert_eq!(
        r.json()["errors"]["sender.branch_code"],
        json!(["Branch Code cannot be blank."])
    );
    // Branch drop-off needs the receiver's branch, in the receiver's city.
    let mut body = order("X-2");
    body["dropoff_type"] = json!("branch");
    let r = req(&sb, "POST", &add_url, Some(&t), None, Some(&body));
    assert_eq!(
        r.json()["errors"],
        json!({"receiver.branch_code": ["«Branch Code» to`ldirish shart."]})
    );
    body["receiver"]["branch_code"] = json!("0154");
    let r = req(&sb, "POST", &add_url, Some(&t), None, Some(&body));
    assert_eq!(
        r.json()["errors"],
        json!({"receiver.branch_code": ["«Branch Code» qiymati noto`g`ri."]})
    );
    body["receiver"]["branch_code"] = json!("3017");
    assert_eq!(
        req(&sb, "POST", &add_url, Some(&t), None, Some(&body)).status,
        200
    );

    // bringBackMoney: a flag with the amount in back_money by default …
    let mut body = order("COD-1");
    body["bringBackMoney"] = json!(1);
    let r = req(&sb, "POST", &add_url, Some(&t), None, Some(&body));
    assert_eq!(
        r.json()["errors"],
        json!({"back_money": ["«Back Money» to`ldirish shart."]})
    );
    body["back_money"] = json!(150000);
    assert_eq!(
        req(&sb, "POST", &add_url, Some(&t), None, Some(&body)).status,
        200
    );
    // … the amount itself under the other reading, where 1 is refused as seen live.
    sb.set_quirks(&json!({"bring_back_money": "amount"}))
        .unwrap();
    let r = req(&sb, "POST", &add_url, Some(&t), None, Some(&body));
    assert_eq!(
        r.json()["errors"],
        json!({"bringBackMoney": ["Mahsulotlarni kiriting"]})
    );
    body["bringBackMoney"] = json!(150000);
    let r = req(&sb, "POST", &add_url, Some(&t), None, Some(&body));
    assert_eq!(r.status, 200);
    let id = r.json()["data"]["orderId"].as_i64().unwrap();
    let d = req(
        &sb,
        "GET",
        &cur(&format!("v1/order/detail?orderId={id}")),
        Some(&t),
        None,
        None,
    )
    .json();
    assert_eq!(d["data"]["cargo"]["options"]["bringBackMoney"], 150000);

    // Malformed JSON: Yii2's 400.
    let r = Conn::open(sb.addr())
        .request(
            "POST",
            &add_url,
            &[
                ("Content-Type", "application/json"),
                ("Authorization", &format!("Bearer {t}")),
            ],
            Some(b"{nope"),
        )
        .unwrap();
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["type"], "yii\\web\\BadRequestHttpException");
    // Wrong method and unknown route.
    let r = req(&sb, "GET", &add_url, Some(&t), None, None);
    assert_eq!(r.status, 405);
    assert_eq!(r.header("Allow"), Some("POST"));
    assert_eq!(
        req(&sb, "GET", &cur("v1/nothing"), Some(&t), None, None).status,
        404
    );
}

#[test]
fn order_lifecycle_list_by_date_and_cancel() {
    let sb = Sandbox::start();
    let (t, _) = login(&sb);
    let raw = add_raw(&sb, &t, "SHOP-1042");
    // The envelope and the reply's fields in the documented order.
    let text = raw.text();
    assert!(
        text.starts_with(r#"{"status":true,"message":"Muvaffaqiyatli yaratildi.","status_code":200,"data":{"orderId":5000001,"#),
        "{text}"
    );
    let positions: Vec<usize> = [
        "orderId",
        "clientId",
        "barcode",
        "cost",
        "senderDate",
        "receiverDate",
        "tracking",
        "status",
    ]
    .iter()
    .map(|k| text.rfind(&format!("\"{k}\":")).unwrap())
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    let o = raw.json()["data"].clone();
    let id = o["orderId"].as_i64().unwrap();
    assert_eq!(id, 5_000_001);
    assert_eq!(o["clientId"], "SHOP-1042");
    assert_eq!(o["barcode"], "019915000001");
    assert_eq!(o["status"], json!({"code": 100, "info": "Yuboruvchida"}));
    // Tashkent (0109) to Samarkand (3001), 1.2 kg, self pickup, courier drop-off.
    assert_eq!(o["cost"], 14_000 + 2 * 2000 + 3000);
    assert_eq!(
        o["tracking"],
        "https://bts.uz/uz/waybill-tracking?term=019915000001"
    );
    assert_eq!(o.as_object().unwrap().len(), 8);
    // The envelope message: a sentence in the request's language.
    let r = req(
        &sb,
        "POST",
        &cur("v1/order/add"),
        Some(&t),
        Some("ru"),
        Some(&order("SHOP-1043")),
    );
    assert_eq!(r.json()["message"], "Успешно создано");
    assert_eq!(
        r.json()["data"]["status"],
        json!({"code": 100, "info": "У отправителя"})
    );

    let detail = |id: i64| {
        req(
            &sb,
            "GET",
            &cur(&format!("v1/order/detail?orderId={id}")),
            Some(&t),
            None,
            None,
        )
    };
    let d = detail(id).json();
    assert_eq!(d["message"], "success.retrieved");
    let d = &d["data"];
    assert_eq!(d["orderId"], id);
    assert_eq!(d["clientId"], "SHOP-1042");
    assert_eq!(d["status"]["code"], 100);
    assert_eq!(d["sender"]["region"]["code"], "01");
    assert_eq!(d["sender"]["branch"]["code"], "0154");
    assert_eq!(d["receiver"]["city"]["code"], "3001");
    assert_eq!(d["receiver"]["phone1"], "+998900000003");
    assert_eq!(d["cargo"]["weight"], "1.200");
    assert_eq!(d["cargo"]["package"], json!({"id": 8, "name": "BTS PAKET"}));
    assert_eq!(d["cargo"]["postTypes"], order("")["cargo"]["postTypes"]);
    assert_eq!(d["cargo"]["options"]["takePhoto"], 1);
    assert_eq!(d["declarations"], json!([]));
    // The docs' nulls, on request.
    sb.set_quirks(&json!({"detail_nulls": true})).unwrap();
    let d = detail(id).json();
    assert_eq!(d["data"]["status"]["code"], Value::Null);
    assert_eq!(d["data"]["sender"]["city"]["code"], Value::Null);
    assert_eq!(d["data"]["cost"], Value::Null);
    sb.set_quirks(&json!({"detail_nulls": false})).unwrap();

    // Errors: unknown id (404 envelope), missing or bad id (400 Yii2 body, translated).
    let r = detail(9);
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        json!({"status": false, "message": "error.not_found", "status_code": 404})
    );
    let r = req(&sb, "GET", &cur("v1/order/detail"), Some(&t), None, None);
    assert_eq!(r.status, 400);
    assert_eq!(
        r.text(),
        r#"{"name":"Bad Request","message":"Quyidagi zarur parametrlar mavjud emas: orderId","code":0,"status":400,"type":"yii\\web\\BadRequestHttpException"}"#
    );
    let r = req(
        &sb,
        "GET",
        &cur("v1/order/track"),
        Some(&t),
        Some("ru"),
        None,
    );
    assert_eq!(
        r.json()["message"],
        "Отсутствуют обязательные параметры: orderId"
    );
    // HTTP-200 failures, on request: the body keeps its status_code.
    sb.set_quirks(&json!({"failures_http200": true})).unwrap();
    let r = detail(9);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status_code"], 404);
    sb.set_quirks(&json!({"failures_http200": false, "messages": "text"}))
        .unwrap();
    assert_eq!(detail(9).json()["message"], "Buyurtma topilmadi.");
    sb.set_quirks(&json!({"messages": "keys"})).unwrap();
    let r = req(
        &sb,
        "POST",
        &cur("v1/order/add"),
        Some(&t),
        None,
        Some(&order("SHOP-K")),
    );
    assert_eq!(r.json()["message"], "success.created");
    sb.set_quirks(&json!({"messages": "docs"})).unwrap();

    // Edit: orderId in the query, the body as for add.
    let mut body = order("SHOP-1042");
    body["cargo"]["weight"] = json!(3.5);
    body["orderId"] = json!(id);
    let r = req(
        &sb,
        "POST",
        &cur(&format!("v1/order/edit?orderId={id}")),
        Some(&t),
        None,
        Some(&body),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["message"], "success.updated");
    assert_eq!(r.json()["data"]["cost"], 14_000 + 4 * 2000 + 3000);
    assert_eq!(detail(id).json()["data"]["cargo"]["weight"], "3.500");

    // List by date: finds the orders of the day, with their clientId (create-once
    // reconciliation looks for it there).
    let today = detail(id).json()["data"]["senderDate"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = |b: &str, e: &str| {
        req(
            &sb,
            "GET",
            &cur(&format!("v1/order/detail?beginDate={b}&endDate={e}")),
            Some(&t),
            None,
            None,
        )
    };
    let r = list(&today, &today);
    assert_eq!(r.status, 200, "{}", r.text());
    let items = r.json()["data"]["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 3);
    assert!(items
        .iter()
        .any(|o| o["clientId"] == "SHOP-1042" && o["orderId"] == id));
    assert_eq!(r.json()["data"]["_meta"]["totalCount"], 3);
    assert_eq!(sb.requests("current/order/list"), 1);
    // An order dated elsewhere drops out of the range.
    assert!(sb.set_current_order_date(id, "2020-01-15"));
    let items = list(&today, &today).json()["data"]["items"].clone();
    assert!(!items.as_array().unwrap().iter().any(|o| o["orderId"] == id));
    let items = list("2020-01-01", "2020-01-31").json()["data"]["items"].clone();
    assert_eq!(items.as_array().unwrap().len(), 1);
    assert_eq!(items[0]["clientId"], "SHOP-1042");
    let r = req(
        &sb,
        "GET",
        &cur("v1/order/detail?beginDate=2020-01-01"),
        Some(&t),
        None,
        None,
    );
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["message"],
        "Quyidagi zarur parametrlar mavjud emas: endDate"
    );
    let r = list("2020-13-01", "2020-01-31");
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json()["errors"],
        json!({"beginDate": ["«Begin Date» qiymati noto`g`ri."]})
    );

    // Track, cancel (GET), already cancelled (400), track shows 1300.
    let track = |id: i64| {
        req(
            &sb,
            "GET",
            &cur(&format!("v1/order/track?orderId={id}")),
            Some(&t),
            None,
            None,
        )
        .json()
    };
    assert_eq!(
        track(id)["data"],
        json!({"orderId": id, "status": {"code": 100, "name": "Yuboruvchida"}})
    );
    let cancel = |method: &str, id: i64| {
        req(
            &sb,
            method,
            &cur(&format!("v1/order-cancel/index?orderId={id}")),
            Some(&t),
            None,
            None,
        )
    };
    let r = cancel("GET", id);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({"status": true, "message": "success.updated", "status_code": 200,
               "data": {"orderId": id, "status": {"id": 0, "name": "Bekor qilingan buyurtma"}}})
    );
    let r = cancel("GET", id);
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"status": false, "message": "error.already_cancelled", "status_code": 400})
    );
    assert_eq!(track(id)["data"]["status"]["code"], 1300);
    // Cancellation reasons (`?id=`).
    let r = req(
        &sb,
        "GET",
        &cur(&format!("v1/order/cancellation?id={id}")),
        Some(&t),
        None,
        None,
    );
    let reasons = &r.json()["data"]["items"];
    assert_eq!(reasons[0]["employee"], "API");
    assert_eq!(reasons.as_array().unwrap().len(), 1);
    // POST works too (the other reading), and only at status 100.
    let second = id + 1;
    assert!(sb.set_current_status(second, 200));
    let r = cancel("POST", second);
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["message"], "error.cannot_cancel");
    let third = add(&sb, &t, "SHOP-3")["orderId"].as_i64().unwrap();
    assert_eq!(cancel("POST", third).status, 200);
    assert_eq!(cancel("GET", 99).status, 404);
    // An order past 100 cannot be edited.
    let r = req(
        &sb,
        "POST",
        &cur(&format!("v1/order/edit?orderId={second}")),
        Some(&t),
        None,
        Some(&order("SHOP-1043")),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["message"], "error.cannot_edit");
}

#[test]
fn test_update_status_and_the_clock() {
    let sb = Sandbox::start();
    let (t, _) = login(&sb);
    let id = add(&sb, &t, "S-1")["orderId"].as_i64().unwrap();
    let url = cur("v1/order/test-update-status");
    let r = req(
        &sb,
        "POST",
        &url,
        Some(&t),
        None,
        Some(&json!({"orderId": id, "statusCode": 800})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["data"],
        json!({"orderId": id, "status": {"code": 800, "name": "Yetkazish ofisi"}})
    );
    // 900 and 1000 are inventions, accepted and kept; unknown codes are refused.
    let r = req(
        &sb,
        "POST",
        &url,
        Some(&t),
        None,
        Some(&json!({"orderId": id, "statusCode": 900})),
    );
    assert_eq!(r.status, 200);
    let r = req(
        &sb,
        "POST",
        &url,
        Some(&t),
        None,
        Some(&json!({"orderId": id, "statusCode": 950})),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json()["errors"],
        json!({"statusCode": ["«Status Code» qiymati noto`g`ri."]})
    );
    let r = req(&sb, "POST", &url, Some(&t), None, Some(&json!({})));
    assert_eq!(
        r.json()["errors"],
        json!({"orderId": ["«Order Id» to`ldirish shart."], "statusCode": ["«Status Code» to`ldirish shart."]})
    );
    let r = req(
        &sb,
        "POST",
        &url,
        Some(&t),
        None,
        Some(&json!({"orderId": 1, "statusCode": 200})),
    );
    assert_eq!(r.status, 404);
    // The control API moves statuses too.
    let j = control(
        &sb,
        "POST",
        "current-status",
        &json!({"orderId": id, "statusCode": 1000}),
    );
    assert_eq!(j["statusCode"], 1000);
    let r = req(
        &sb,
        "GET",
        &cur(&format!("v1/order/track?orderId={id}")),
        Some(&t),
        Some("en"),
        None,
    );
    assert_eq!(r.json()["data"]["status"]["code"], 1000);

    // The clock walks a new order along the main path to 1200.
    let id2 = add(&sb, &t, "S-2")["orderId"].as_i64().unwrap();
    control(&sb, "POST", "clock", &json!({"ms": 30}));
    let end = std::time::Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    loop {
        let code = req(
            &sb,
            "GET",
            &cur(&format!("v1/order/track?orderId={id2}")),
            Some(&t),
            None,
            None,
        )
        .json()["data"]["status"]["code"]
            .as_i64()
            .unwrap();
        if seen.last() != Some(&code) {
            seen.push(code);
        }
        if code == 1200 || std::time::Instant::now() > end {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    sb.set_clock(None);
    assert_eq!(seen.last(), Some(&1200), "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    // The order in a final status stayed where it was.
    let r = req(
        &sb,
        "GET",
        &cur(&format!("v1/order/track?orderId={id}")),
        Some(&t),
        None,
        None,
    );
    assert_eq!(r.json()["data"]["status"]["code"], 1000);
}

#[test]
fn stickers_are_real_pdfs() {
    let sb = Sandbox::start();
    let (t, _) = login(&sb);
    let ids: Vec<i64> = (0..3)
        .map(|i| add(&sb, &t, &format!("L-{i}"))["orderId"].as_i64().unwrap())
        .collect();
    let r = req(
        &sb,
        "GET",
        &cur(&format!("v1/order/sticker?orderId={}", ids[0])),
        Some(&t),
        None,
        None,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let d = r.json()["data"].clone();
    assert_eq!(r.json()["message"], "Ma'lumot muvaffaqiyatli olindi");
    let link = d["labelSticker"].as_str().unwrap();
    let prefix = "http://sandbox.test/current/labels/";
    assert!(link.starts_with(prefix), "{link}");
    // The link is served (no token needed) and is the same PDF as labelEncode.
    let r = req(
        &sb,
        "GET",
        &format!("/current/labels/{}", &link[prefix.len()..]),
        None,
        None,
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("application/pdf"));
    assert!(r.body.starts_with(b"%PDF-"));
    assert!(r.body.ends_with(b"%%EOF\n"));
    let encoded = base64::engine::general_purpose::STANDARD
        .decode(d["labelEncode"].as_str().unwrap())
        .unwrap();
    assert_eq!(encoded, r.body);
    let text = String::from_utf8_lossy(&r.body);
    assert!(text.contains(&format!("Order {}", ids[0])) && text.contains("019915000001"));
    assert!(text.contains("/Count 1"));

    // Several labels in one PDF.
    let r = req(
        &sb,
        "POST",
        &cur("v1/order/sticker"),
        Some(&t),
        None,
        Some(&json!({"orderIds": ids})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(r.json()["data"]["labelEncode"].as_str().unwrap())
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.ends_with(b"%%EOF\n"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/Count 3"));
    for id in &ids {
        assert!(text.contains(&format!("Order {id}")));
    }
    assert_eq!(sb.requests("current/order/stickers"), 1);
    assert_eq!(sb.requests("current/order/sticker"), 1);
    // At most 50; unknown ids are 404; the body is required.
    let many: Vec<i64> = std::iter::repeat_n(ids[0], 51).collect();
    let r = req(
        &sb,
        "POST",
        &cur("v1/order/sticker"),
        Some(&t),
        None,
        Some(&json!({"orderIds": many})),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json()["errors"],
        json!({"orderIds": ["«Order Ids» 50 tadan ko`p bo`lmasligi kerak."]})
    );
    let fifty: Vec<i64> = std::iter::repeat_n(ids[1], 50).collect();
    let r = req(
        &sb,
        "POST",
        &cur("v1/order/sticker"),
        Some(&t),
        None,
        Some(&json!({"orderIds": fifty})),
    );
    assert_eq!(r.status, 200);
    let r = req(
        &sb,
        "POST",
        &cur("v1/order/sticker"),
        Some(&t),
        None,
        Some(&json!({"orderIds": [ids[0], 42]})),
    );
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["message"], "error.not_found");
    let r = req(&sb, "GET", &cur("v1/order/sticker"), Some(&t), None, None);
    assert_eq!(r.status, 400);
    assert_eq!(
        req(&sb, "GET", "/current/labels/42.pdf", None, None, None).status,
        404
    );
    // labelEncode null, as in the docs' example, on request.
    sb.set_quirks(&json!({"label_encode": false})).unwrap();
    let r = req(
        &sb,
        "GET",
        &cur(&format!("v1/order/sticker?orderId={}", ids[0])),
        Some(&t),
        None,
        None,
    );
    assert_eq!(r.json()["data"]["labelEncode"], Value::Null);
}

#[test]
fn calculator_on_both_paths() {
    let sb = Sandbox::start();
    let (t, _) = login(&sb);
    let body = json!({
        "senderCityCode": "0109", "receiverCityCode": "3001", "pickup_type": "branch",
        "dropoff_type": "courier", "is_multiple_cost": 1, "weight": 2.5,
        "volume": {"x": 30, "y": 20, "z": 15}
    });
    for path in ["v1/order-calculate/index", "v1/order-calculator"] {
        let r = req(&sb, "POST", &cur(path), Some(&t), None, Some(&body));
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["message"], "success.retrieved");
        let d = &r.json()["data"];
        let base = 14_000 + 3 * 2000;
        assert_eq!(
            d["branch_to_branch"],
            json!({"available": true, "price": base, "reason": null})
        );
        assert_eq!(d["branch_to_courier"]["price"], base + 3000);
        assert_eq!(d["courier_to_branch"]["price"], base + 4000);
        assert_eq!(d["courier_to_courier"]["price"], base + 7000);
    }
    assert_eq!(sb.requests("current/order/calculate"), 2);
    // is_multiple_cost 0: all_cost (A's reading) or the four keys (the quirk).
    let mut single = body.clone();
    single["is_multiple_cost"] = json!(0);
    let r = req(
        &sb,
        "POST",
        &cur("v1/order-calculate/index"),
        Some(&t),
        None,
        Some(&single),
    );
    assert_eq!(
        r.json()["data"],
        json!({"all_cost": 14_000 + 3 * 2000 + 3000})
    );
    sb.set_quirks(&json!({"calculate_single": "four"})).unwrap();
    let r = req(
        &sb,
        "POST",
        &cur("v1/order-calculate/index"),
        Some(&t),
        None,
        Some(&single),
    );
    assert!(r.json()["data"]["courier_to_courier"].is_object());
    // A district without an office: the branch legs are unavailable, with a reason.
    let mut far = body.clone();
    far["receiverCityCode"] = json!("9520");
    let r = req(
        &sb,
        "POST",
        &cur("v1/order-calculate/index"),
        Some(&t),
        None,
        Some(&far),
    );
    let d = &r.json()["data"];
    assert_eq!(d["branch_to_branch"]["available"], false);
    assert!(d["branch_to_branch"]["reason"].is_string());
    assert_eq!(d["branch_to_courier"]["available"], true);
    // The docs' 422.
    let r = req(
        &sb,
        "POST",
        &cur("v1/order-calculator"),
        Some(&t),
        None,
        Some(
            &json!({"receiverCityCode": "3001", "pickup_type": "branch", "dropoff_type": "courier", "weight": 1}),
        ),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"status": false, "message": "error.validation", "status_code": 422,
               "errors": {"senderCityCode": ["«Sender City Code» to`ldirish shart."]}})
    );
}

#[test]
fn directory_lists_page_and_translate() {
    let sb = Sandbox::start();
    let (t, _) = login(&sb);
    let get = |path: &str, lang: Option<&str>| {
        let r = req(&sb, "GET", &cur(path), Some(&t), lang, None);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        r.json()
    };
    let r = get("v1/directory/regions", None);
    assert_eq!(r["message"], "Ma'lumot muvaffaqiyatli olindi.");
    let items = r["data"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 14);
    assert_eq!(items[0], json!({"code": "01", "name": "Toshkent shahri"}));
    let r = get("v1/directory/regions", Some("ru"));
    assert_eq!(r["message"], "Данные успешно получены.");
    assert_eq!(r["data"]["items"][0]["name"], "город Ташкент");
    assert_eq!(
        r["data"]["_meta"],
        json!({"totalCount": 14, "pageCount": 1, "currentPage": 1, "perPage": 20})
    );

    let r = get("v1/directory/cities?regionCode=60", None);
    let codes: Vec<&str> = r["data"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["6000", "6001", "6002"]);
    assert_eq!(r["data"]["items"][0]["office_exists"], true);
    // An item with an empty code, as live lists have.
    let r = get("v1/directory/cities?regionCode=95", None);
    assert!(r["data"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["code"] == ""));
    let r = req(
        &sb,
        "GET",
        &cur("v1/directory/cities"),
        Some(&t),
        None,
        None,
    );
    assert_eq!(r.status, 400);
    let r = req(
        &sb,
        "GET",
        &cur("v1/directory/branches?regionCode=70"),
        Some(&t),
        Some("en"),
        None,
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["message"], "Missing required parameters: cityCode");
    let r = get("v1/directory/branches?regionCode=70&cityCode=7001", None);
    let b = &r["data"]["items"][0];
    assert_eq!(b["code"], "7017");
    assert_eq!(b["regionCode"], "70");
    assert_eq!(b["lat_long"], "39.06,66.83");
    assert_eq!(b["working_hours"]["7"], Value::Null);
    assert_eq!(b["working_hours"]["1"], "09:00-18:00");

    // Statuses: 12 listed (900/1000 are not), with their next statuses.
    let r = get("v1/status/index", Some("ru"));
    let items = r["data"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 12);
    assert_eq!(items[0]["code"], 100);
    assert_eq!(items[0]["name"], "У отправителя");
    assert_eq!(items[0]["next_possible_statuses"], json!([200]));
    let s800 = items.iter().find(|s| s["code"] == 800).unwrap();
    assert_eq!(s800["next_possible_statuses"], json!([900, 1000, 1100]));
    assert!(items.iter().all(|s| s["code"] != 900 && s["code"] != 1000));

    let r = get("v1/package/index", None);
    assert_eq!(r["data"]["items"].as_array().unwrap().len(), 9);
    // Content types: 31, two pages of 20.
    let p1 = get("v1/inside/index", None);
    assert_eq!(p1["data"]["items"].as_array().unwrap().len(), 20);
    assert_eq!(p1["data"]["_meta"]["pageCount"], 2);
    let next = p1["data"]["_links"]["next"]["href"].as_str().unwrap();
    assert_eq!(
        next,
        "http://sandbox.test/current/v1/inside/index?page=2&per-page=20"
    );
    let p2 = get("v1/inside/index?page=2", Some("en"));
    assert_eq!(p2["data"]["items"].as_array().unwrap().len(), 11);
    assert_eq!(
        p2["data"]["items"][10],
        json!({"id": 33, "name": "Building materials"})
    );
    assert!(p2["data"]["_links"].get("next").is_none());
    let big = get("v1/inside/index?per-page=100", None);
    assert_eq!(big["data"]["_meta"]["perPage"], 50);
    // The request log records the language header.
    let log = sb.request_log();
    let last = log.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["key"], "current/directory/post-types");
    assert_eq!(last["query"], "per-page=100");
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["language"] == "ru"));
}

/// A loopback webhook receiver: every request (head and body) goes to the channel; it answers
/// 200.
fn receiver() -> (String, mpsc::Receiver<(String, Vec<u8>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/bts/webhook?shop=1",
        listener.local_addr().unwrap()
    );
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut s) = conn else { return };
            let mut r = BufReader::new(s.try_clone().unwrap());
            let mut head = String::new();
            let mut len = 0;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
                head.push_str(&line);
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body).unwrap();
            let _ =
                s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            if tx.send((head, body)).is_err() {
                return;
            }
        }
    });
    (url, rx)
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// The `text` field of a multipart body.
fn form_text(content_type: &str, body: &[u8]) -> String {
    let boundary = content_type.split("boundary=").nth(1).unwrap();
    let body = String::from_utf8(body.to_vec()).unwrap();
    let part = body
        .split(&format!("--{boundary}"))
        .find(|p| p.contains("name=\"text\""))
        .unwrap();
    let (_, value) = part.split_once("\r\n\r\n").unwrap();
    value.strip_suffix("\r\n").unwrap().to_owned()
}

#[test]
fn webhook_delivered_end_to_end() {
    let sb = Sandbox::start();
    let (t, _) = login(&sb);
    let (url, rx) = receiver();
    // Registration, the documented form: a GET with a JSON body.
    let hook = cur("v1/webhook/webhook-config");
    let r = req(
        &sb,
        "GET",
        &hook,
        Some(&t),
        None,
        Some(&json!({"webhook_url": "ftp:/nope", "environment": "staging"})),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json()["errors"],
        json!({"webhook_url": ["URL notog‘ri"], "environment": ["Notog‘ri environment"]})
    );
    let r = req(
        &sb,
        "GET",
        &hook,
        Some(&t),
        None,
        Some(
            &json!({"webhook_url": url, "environment": "test", "has_token": true, "itx-apiKey": "s3cret-key"}),
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let d = r.json()["data"].clone();
    assert_eq!(r.json()["message"], "Muvaffaqiyatli yaratildi.");
    assert_eq!(d["webhook_url"], url.as_str());
    assert_eq!(d["method"], "POST");
    assert_eq!(d["has_token"], true);
    assert_eq!(d["itx-apiKey"], "s3cret-key");
    assert_eq!(d["date"].as_str().unwrap().len(), 10);

    // A status change through test-update-status is POSTed as form-data.
    let o = add(&sb, &t, "HOOK-1");
    let id = o["orderId"].as_i64().unwrap();
    assert!(rx.try_recv().is_err(), "creation is not a status change");
    let r = req(
        &sb,
        "POST",
        &cur("v1/order/test-update-status"),
        Some(&t),
        None,
        Some(&json!({"orderId": id, "statusCode": 200})),
    );
    assert_eq!(r.status, 200);
    let (head, body) = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(
        head.starts_with("POST /bts/webhook?shop=1 HTTP/1.1\r\n"),
        "{head}"
    );
    assert_eq!(header(&head, "itx-apiKey"), Some("s3cret-key"));
    let ct = header(&head, "Content-Type").unwrap();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let payload: Value = serde_json::from_str(&form_text(ct, &body)).unwrap();
    assert_eq!(payload["orderId"], id);
    assert_eq!(payload["clientId"], "HOOK-1");
    assert_eq!(payload["barcode"], o["barcode"]);
    assert_eq!(
        payload["status"],
        json!({"id": 200, "name": "Kuryer qabul qildi"})
    );
    assert_eq!(payload["date"].as_str().unwrap().len(), 19);
    // The delivery is recorded, without the key.
    let d = sb.wait_webhook_deliveries(1, Duration::from_secs(5));
    assert_eq!(d.len(), 1);
    assert!(d[0].ok());
    assert_eq!(d[0].status_code, 200);
    assert_eq!(d[0].key_header.as_deref(), Some("itx-apiKey"));
    assert!(!d[0].body.is_empty() && !format!("{:?}", d[0]).contains("s3cret-key"));
    let j = control(&sb, "GET", "webhooks", &json!({}));
    assert_eq!(j["config"]["itx-apiKey"], "***");
    assert_eq!(j["deliveries"][0]["http_status"], 200);
    assert_eq!(j["pending"], 0);

    // Registration by POST with the fields in Russian; a JSON body; `status.code`.
    sb.set_quirks(&json!({"webhook_body": "json", "webhook_status": "code"}))
        .unwrap();
    let r = req(
        &sb,
        "POST",
        &hook,
        Some(&t),
        Some("ru"),
        Some(&json!({"webhook_url": url, "environment": "test", "has_token": false})),
    );
    assert_eq!(r.status, 200);
    let id2 = add(&sb, &t, "HOOK-2")["orderId"].as_i64().unwrap();
    let r = req(
        &sb,
        "GET",
        &cur(&format!("v1/order-cancel/index?orderId={id2}")),
        Some(&t),
        None,
        None,
    );
    assert_eq!(r.status, 200);
    let (head, body) = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(header(&head, "Content-Type"), Some("application/json"));
    assert_eq!(
        header(&head, "itx-apiKey"),
        None,
        "has_token false sends no key"
    );
    let payload: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(payload["orderId"], id2);
    assert_eq!(payload["status"], json!({"code": 1300, "name": "Удалён"}));

    // The query-string form (GET), urlencoded bodies with `statusCode`, the clock's changes.
    sb.set_quirks(&json!({"webhook_body": "urlencoded", "webhook_status": "statusCode"}))
        .unwrap();
    let q = format!(
        "v1/webhook/webhook-config?webhook_url={}&environment=production&has_token=1&itx-apiKey=k2",
        url.replace('&', "%26").replace('?', "%3F")
    );
    let r = req(&sb, "GET", &cur(&q), Some(&t), None, None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["data"]["environment"], "production");
    let log = sb.request_log().to_string();
    assert!(
        log.contains("itx-apiKey=***") && !log.contains("k2"),
        "{log}"
    );
    assert!(sb.set_current_status(id, 300));
    let (head, body) = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(
        header(&head, "Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(header(&head, "itx-apiKey"), Some("k2"));
    let body = String::from_utf8(body).unwrap();
    let text = body.strip_prefix("text=").unwrap();
    let decoded = percent_decode(text);
    let payload: Value = serde_json::from_str(&decoded).unwrap();
    assert_eq!(payload["statusCode"], 300);
    assert_eq!(payload["statusName"], "Joʻnatish ofisi");
    drop(rx);
    // A receiver that never answers does not hold up the request that changed the status; the
    // delivery gives up after its timeout and is recorded as failed.
    let hang = TcpListener::bind("127.0.0.1:0").unwrap();
    let hang_url = format!("http://{}/slow", hang.local_addr().unwrap());
    let register = |u: &str| {
        let r = req(
            &sb,
            "GET",
            &hook,
            Some(&t),
            None,
            Some(&json!({"webhook_url": u, "environment": "test"})),
        );
        assert_eq!(r.status, 200);
    };
    register(&hang_url);
    let started = std::time::Instant::now();
    let r = req(
        &sb,
        "POST",
        &cur("v1/order/test-update-status"),
        Some(&t),
        None,
        Some(&json!({"orderId": id, "statusCode": 400})),
    );
    assert_eq!(r.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let d = sb.wait_webhook_deliveries(4, Duration::from_secs(15));
    assert_eq!(d.len(), 4);
    assert!(started.elapsed() >= Duration::from_secs(5));
    assert!(!d[3].ok() && d[3].http_status.is_none());
    assert!(
        d[3].error
            .as_deref()
            .unwrap()
            .contains("no answer within 5 s"),
        "{:?}",
        d[3]
    );
    drop(hang);
    // A receiver that is gone: a failed connection.
    let dead = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}/gone", dead.local_addr().unwrap());
    drop(dead);
    register(&dead_url);
    assert!(sb.set_current_status(id, 500));
    let d = sb.wait_webhook_deliveries(5, Duration::from_secs(10));
    assert_eq!(d.len(), 5);
    assert!(
        d[4].error.as_deref().unwrap().contains("cannot connect"),
        "{:?}",
        d[4]
    );
    control(&sb, "POST", "clear-webhooks", &json!({}));
    assert!(sb.webhook_deliveries().is_empty());
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn quirks_through_the_control_api() {
    let sb = Sandbox::start();
    let j = control(&sb, "GET", "quirks", &json!({}));
    assert_eq!(j["quirks"]["messages"], "docs");
    assert_eq!(j["quirks"]["webhook_key_header"], "itx-apiKey");
    let j = control(
        &sb,
        "POST",
        "quirks",
        &json!({"webhook_key_header": "x-api-key", "wms_create_status": 201}),
    );
    assert_eq!(j["quirks"]["webhook_key_header"], "x-api-key");
    assert_eq!(sb.quirks()["wms_create_status"], 201);
    let r = req(
        &sb,
        "POST",
        "/__sandbox/quirks",
        None,
        None,
        Some(&json!({"messages": "klingon"})),
    );
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("messages"));
    // Route keys of the current API work with faults and counts.
    let r = req(
        &sb,
        "POST",
        "/__sandbox/fault",
        None,
        None,
        Some(&json!({"route": "current/order/add", "fault": {"kind": "yii", "status": 503}})),
    );
    assert_eq!(r.status, 200);
    let (t, _) = login(&sb);
    let r = req(
        &sb,
        "POST",
        &cur("v1/order/add"),
        Some(&t),
        None,
        Some(&order("F-1")),
    );
    assert_eq!(r.status, 503);
    assert_eq!(sb.requests("current/order/add"), 1);
    assert_eq!(sb.requests("current/auth/login"), 1);
    assert_eq!(sb.requests("order/add"), 0);
    // An IP not on the allow-list: HTTP 200 with status false, even for login.
    sb.set_quirks(&json!({"ip_blocked": true})).unwrap();
    let r = req(
        &sb,
        "POST",
        &cur("auth/login"),
        None,
        Some("en"),
        Some(&json!({"login": "demo", "password": "demo-current-secret"})),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({"status": false, "message": "Access from your IP address is not allowed", "status_code": 403})
    );
    sb.set_quirks(&json!({"ip_blocked": false})).unwrap();
    login(&sb);
}

#[test]
fn binary_announces_every_base_url() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bts-sandbox"))
        .args(["--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn bts-sandbox");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let v: Value = serde_json::from_str(&line).unwrap();
    let root = v["wms_base_url"].as_str().unwrap().to_owned();
    assert_eq!(v["base_url"], format!("{root}/index.php"));
    assert_eq!(v["current_base_url"], format!("{root}/current"));
    assert_eq!(v["current_config"]["courier_api"], "current");
    assert_eq!(v["current_config"]["base_url"], v["current_base_url"]);
    assert_eq!(v["accounts"]["current"]["login"], "demo");
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..3 {
        let mut l = String::new();
        err.read_line(&mut l).unwrap();
        lines.push(l);
    }
    assert!(lines[0].contains("legacy") && lines[0].contains("/index.php"));
    assert!(lines[1].contains("current") && lines[1].trim_end().ends_with("/current"));
    assert!(lines[2].contains("WMS") && lines[2].trim_end().ends_with(&root));
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_lost_create_reply_is_found_by_client_id() {
    // The case create-once reconciliation handles: the order was made, its reply never came.
    let sb = Sandbox::start();
    let (t, _) = login(&sb);
    sb.inject("current/order/add", bts_sandbox::Fault::Reset, 1);
    let body = order("SHOP-LOST-1").to_string();
    let auth = format!("Bearer {t}");
    let r = Conn::open(sb.addr()).request(
        "POST",
        &cur("v1/order/add"),
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &auth),
        ],
        Some(body.as_bytes()),
    );
    assert!(r.is_err(), "the reply is lost: {r:?}");
    let orders = control(&sb, "GET", "current-orders", &json!({}));
    let today = orders["orders"][0]["senderDate"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = req(
        &sb,
        "GET",
        &cur(&format!(
            "v1/order/detail?beginDate={today}&endDate={today}"
        )),
        Some(&t),
        None,
        None,
    );
    let items = r.json()["data"]["items"].as_array().unwrap().clone();
    let found: Vec<&Value> = items
        .iter()
        .filter(|o| o["clientId"] == "SHOP-LOST-1")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["orderId"], 5_000_001);
    assert_eq!(found[0]["barcode"], "019915000001");
    let log = control(&sb, "GET", "log", &json!({}));
    let keys: Vec<&str> = log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "current/auth/login",
            "current/order/add",
            "current/order/list"
        ]
    );
}
