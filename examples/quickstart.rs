//! The whole lifecycle of a courier order, and a WMS product, from Rust.
//!
//! `cargo run --example quickstart` runs it against the embedded sandbox (an offline emulator
//! of the BTS API). With `BTS_USERNAME`, `BTS_PASSWORD` and `BTS_INN` set it runs against the
//! real courier API instead (orders are sent with `is_test: 1`); `BTS_BASE_URL` overrides the
//! URL, and `BTS_WMS_LOGIN` / `BTS_WMS_PASSWORD` (and `BTS_WMS_BASE_URL`) enable the WMS part.

use std::env;

use bts::model::{OrderRequest, PriceRequest, ProductRequest};
use bts::{Client, Config};
use bts_sandbox::Sandbox;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {} ({})", e, e.kind());
        if !e.fields().is_empty() {
            eprintln!("fields: {:?}", e.fields());
        }
        std::process::exit(1);
    }
}

fn run() -> Result<(), bts::Error> {
    let (config, _sandbox) = config();
    let wms = config.has_wms_credentials();
    // README: rust
    let client = Client::new(config)?;

    let price = client.order_calculate(&PriceRequest {
        sender_city_id: Some(3),
        receiver_city_id: Some(198),
        weight: Some(2.into()),
        sender_delivery: Some(1),
        receiver_delivery: Some(1),
        ..Default::default()
    })?;
    step(
        "price",
        format!(
            "{} so'm from Asaka (3) to Toshkent (198), 2 kg",
            show(&price.summary_price)
        ),
    );

    let order = client.order_add(&OrderRequest {
        sender_city_id: Some(3),
        sender_address: Some("Toshkent sh., Bobur ko‘chasi, 5-A".into()),
        sender_real: Some("Jurabek Turdiyev".into()),
        sender_phone: Some("+998 99 1234567".into()),
        sender_delivery: Some(1),
        weight: Some(2.into()),
        package_id: Some(8),
        post_type_id: Some(4),
        receiver: Some("Odil Ahkmedov".into()),
        receiver_address: Some("Gozovo qish. 41 uy".into()),
        receiver_city_id: Some(198),
        receiver_phone: Some("+998 99 1234568".into()),
        receiver_delivery: Some(1),
        client_id: Some(format!("quickstart-{}", std::process::id())),
        is_test: Some(1),
        ..Default::default()
    })?;
    let id = order
        .order_id
        .as_ref()
        .and_then(|v| v.as_i64())
        .ok_or_else(|| bts::Error::internal("the created order has no orderId"))?;
    step(
        "create",
        format!(
            "order {id}, barcode {}, cost {}",
            order.barcode.as_deref().unwrap_or("?"),
            show(&order.cost)
        ),
    );

    let detail = client.order_detail(id)?;
    let status = detail.status.as_ref().and_then(|s| s.id);
    step(
        "detail",
        format!(
            "status {} ({})",
            status.map(|s| s.code()).unwrap_or(-1),
            status.and_then(|s| s.label_uz()).unwrap_or("?")
        ),
    );

    let track = client.order_track(id)?;
    step(
        "track",
        format!(
            "status {}",
            track.status.and_then(|s| s.name).unwrap_or_default()
        ),
    );
    // README: end

    let history = client.order_history(id)?;
    step("history", format!("{} event(s)", history.len()));

    let cancelled = client.order_cancel(id)?;
    step(
        "cancel",
        format!(
            "status {}",
            cancelled.status.and_then(|s| s.name).unwrap_or_default()
        ),
    );

    if !wms {
        step(
            "wms",
            "skipped: set BTS_WMS_LOGIN and BTS_WMS_PASSWORD".into(),
        );
        return Ok(());
    }
    let created = client.wms_product_create(&ProductRequest {
        group: Some("Продукты питания".into()),
        code: Some(format!("PRD-{}", std::process::id())),
        name: Some("Молоко пастеризованное 3.2%".into()),
        full_name: Some("Молоко пастеризованное 3.2%, 1 литр".into()),
        gtin: Some("1234567890123".into()),
        article: Some("MLK3201".into()),
        nomenclature_type: Some("Продукты".into()),
        unit: Some("литр".into()),
        shelf_life_stock: Some(90.into()),
        kis_code: Some("KIS-001".into()),
        is_set: Some(false.into()),
        weight: Some(1.05.into()),
        net_weight: Some(1.0.into()),
        volume: Some(1.1.into()),
        net_volume: Some(1.0.into()),
        specification: Some("Молочные продукты, пастеризованные".into()),
        temperature_mode: Some("+2°C до +6°C".into()),
        base_packaging: Some("Тетра Пак".into()),
        ..Default::default()
    })?;
    let product = created.data.unwrap_or_default();
    step(
        "wms product",
        format!("created id {}", product.id.unwrap_or_default()),
    );
    let all = client.wms_product_clients_all()?;
    step(
        "wms list",
        format!("{} product(s) waiting to be acknowledged", all.len()),
    );
    Ok(())
}

/// The real API when credentials are in the environment, else a sandbox started here.
fn config() -> (Config, Option<Sandbox>) {
    let var = |k: &str| env::var(k).ok().filter(|v| !v.is_empty());
    if let (Some(username), Some(password), Some(inn)) =
        (var("BTS_USERNAME"), var("BTS_PASSWORD"), var("BTS_INN"))
    {
        let mut config = Config {
            username,
            password: password.into(),
            inn,
            ..Default::default()
        };
        if let Some(url) = var("BTS_BASE_URL") {
            config.base_url = url;
        }
        if let (Some(login), Some(pw)) = (var("BTS_WMS_LOGIN"), var("BTS_WMS_PASSWORD")) {
            config.wms_login = login;
            config.wms_password = pw.into();
        }
        if let Some(url) = var("BTS_WMS_BASE_URL") {
            config.wms_base_url = url;
        }
        println!(
            "bts {}: the real BTS API at {}",
            bts::VERSION,
            config.base_url
        );
        return (config, None);
    }
    let sandbox = Sandbox::start();
    let config = Config::from_json(&sandbox.config_json()).expect("the sandbox config parses");
    println!(
        "bts {}: the embedded sandbox at {} (set BTS_USERNAME, BTS_PASSWORD and BTS_INN for the real API)",
        bts::VERSION,
        sandbox.base_url()
    );
    (config, Some(sandbox))
}

fn step(name: &str, text: String) {
    println!("{name:>12}  {text}");
}

fn show(v: &Option<bts::model::Scalar>) -> String {
    v.as_ref()
        .map(|s| s.to_string())
        .unwrap_or_else(|| "?".into())
}
