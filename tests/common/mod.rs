//! Shared test helpers: a sandbox and a client configured for it.
#![allow(dead_code)]

pub mod cdylib;

use bts::{Client, Config};
use bts_sandbox::Sandbox;
use serde_json::{json, Value};

/// A fresh sandbox and a client with its credentials.
pub fn setup() -> (Sandbox, Client) {
    setup_with(|_| {})
}

/// Like [`setup`], with the config adjusted first.
pub fn setup_with(adjust: impl FnOnce(&mut Config)) -> (Sandbox, Client) {
    let sandbox = Sandbox::start();
    let mut config = Config::from_json(&sandbox.config_json()).expect("sandbox config parses");
    adjust(&mut config);
    let client = Client::new(config).expect("client");
    (sandbox, client)
}

/// A valid order body (values from BTS's documented examples).
pub fn order() -> Value {
    json!({
        "senderCityId": 3,
        "senderAddress": "Toshkent sh., Bobur ko‘chasi, 5-A",
        "senderDelivery": 1,
        "senderReal": "Jurabek Turdiyev",
        "senderPhone": "+998 99 1234567",
        "weight": 2,
        "packageId": 8,
        "postTypeId": 4,
        "receiver": "Odil Ahkmedov",
        "receiverAddress": "Gozovo qish. 41 uy",
        "receiverDelivery": 1,
        "receiverCityId": 3,
        "receiverPhone": "+998 99 1234567",
        "clientId": "abc123mn12",
        "is_test": 1
    })
}

/// A valid WMS product body (seed 004's example).
pub fn product(code: &str) -> Value {
    json!({
        "group": "Продукты питания", "code": code, "name": "Молоко 3.2%",
        "full_name": "Молоко пастеризованное 3.2%, 1 литр", "gtin": "1234567890123",
        "article": "MLK3201", "nomenclature_type": "Продукты", "unit": "литр",
        "shelf_life_stock": 90, "kis_code": "KIS-001", "is_set": false, "weight": 1.05,
        "net_weight": 1.0, "volume": 1.1, "net_volume": 1.0,
        "specification": "Молочные продукты", "temperature_mode": "+2°C до +6°C",
        "base_packaging": "Тетра Пак"
    })
}
