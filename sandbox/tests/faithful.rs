//! The sandbox accepts what real integrations send: legacy orders with the package and post-type
//! ids of BTS's own examples, and the current API's `bringBackMoney` in both readings.

mod common;

use bts_sandbox::Sandbox;
use common::*;
use serde_json::{json, Value};

#[test]
fn legacy_orders_take_every_catalogue_id() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    for (package, post_type, package_name, post_type_name) in [
        (4, 16, "SUMKA", "XIMIKATLAR"),
        (9, 1, "QADOQLANMAGAN", "BOSHQA"),
        (8, 4, "BTS PAKETLAR", "HUJJATLAR"),
    ] {
        let mut b = order_body();
        b["packageId"] = json!(package);
        b["postTypeId"] = json!(post_type);
        let r = post(&sb, &courier("order/add", ""), Some(&t), &b);
        assert_eq!(r.status, 200, "{package}/{post_type}: {}", r.text());
        let id = r.json()["orderId"].as_i64().unwrap();
        let d = get(&sb, &courier("order/detail", &format!("id={id}")), Some(&t)).json();
        assert_eq!(d["package"], json!({"id": package, "name": package_name}));
        assert_eq!(
            d["postType"],
            json!({"id": post_type, "name": post_type_name})
        );
    }
    // Ids outside the catalogue are still refused.
    let mut b = order_body();
    b["packageId"] = json!(3);
    b["postTypeId"] = json!(99);
    let e = post(&sb, &courier("order/add", ""), Some(&t), &b).json();
    assert_eq!(
        e["errors"]["packageId"],
        json!(["«Qadoqlash turi» noto'g'ri."])
    );
    assert_eq!(
        e["errors"]["postTypeId"],
        json!(["«Yuborish turi» noto'g'ri."])
    );
}

fn current_token(sb: &Sandbox) -> String {
    let r = post(
        sb,
        "/current/auth/login",
        None,
        &json!({"login": bts_sandbox::CURRENT_LOGIN, "password": bts_sandbox::CURRENT_PASSWORD}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["data"]["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn current_order(bring_back_money: Value) -> Value {
    json!({
        "pickup_type": "self", "dropoff_type": "courier",
        "sender": {"name": "Shop", "phone": "+998900000001", "address": "Toshkent 1",
                   "city_code": "0109", "branch_code": "0154"},
        "receiver": {"name": "Customer", "phone": "+998900000002", "address": "Samarqand 2",
                     "city_code": "3001"},
        "bringBackMoney": bring_back_money,
        "cargo": {"weight": 1, "piece": 1, "packageId": 8}
    })
}

#[test]
fn current_bring_back_money_reads_both_ways_by_default() {
    let sb = Sandbox::start();
    let t = current_token(&sb);
    let add = |body: &Value| post(&sb, "/current/v1/order/add", Some(&t), body);
    let detail = |id: i64| {
        get(
            &sb,
            &format!("/current/v1/order/detail?orderId={id}"),
            Some(&t),
        )
        .json()["data"]["cargo"]["options"]
            .clone()
    };
    assert_eq!(sb.quirks()["bring_back_money"], "either");

    // The amount itself, as one integration found live.
    let r = add(&current_order(json!(150000)));
    assert_eq!(r.status, 200, "{}", r.text());
    let options = detail(r.json()["data"]["orderId"].as_i64().unwrap());
    assert_eq!(options["bringBackMoney"], 150000);
    assert_eq!(options["back_money"], "150000");

    // The documented flag with the amount in back_money.
    let mut body = current_order(json!(1));
    body["back_money"] = json!(90000);
    let r = add(&body);
    assert_eq!(r.status, 200, "{}", r.text());
    let options = detail(r.json()["data"]["orderId"].as_i64().unwrap());
    assert_eq!(options["bringBackMoney"], 1);
    assert_eq!(options["back_money"], "90000");

    // The flag without its amount is still an error.
    let r = add(&current_order(json!(1)));
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json()["errors"],
        json!({"back_money": ["«Back Money» to`ldirish shart."]})
    );

    // The strict flag reading refuses the amount.
    sb.set_quirks(&json!({"bring_back_money": "flag"})).unwrap();
    let r = add(&current_order(json!(150000)));
    assert_eq!(r.status, 422);
    assert!(
        r.json()["errors"]["bringBackMoney"].is_array(),
        "{}",
        r.text()
    );

    // The strict amount reading refuses the flag.
    sb.set_quirks(&json!({"bring_back_money": "amount"}))
        .unwrap();
    let r = add(&body);
    assert_eq!(
        r.json()["errors"],
        json!({"bringBackMoney": ["Mahsulotlarni kiriting"]})
    );
}
