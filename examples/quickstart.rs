//! The whole lifecycle of a courier order on both courier APIs, and a WMS product, from Rust.
//!
//! `cargo run --example quickstart` runs it against the embedded sandbox (an offline emulator
//! of the BTS API). With `BTS_USERNAME`, `BTS_PASSWORD` and `BTS_INN` set, the legacy part runs
//! against the real legacy API instead (orders are sent with `is_test: 1`); `BTS_BASE_URL`
//! overrides the URL, and `BTS_WMS_LOGIN` / `BTS_WMS_PASSWORD` (and `BTS_WMS_BASE_URL`) enable
//! the WMS part. With `BTS_LOGIN` and `BTS_PASSWORD` set, the current-API part runs against
//! BTS's test server (`https://apitest.bts.uz:28345`, or `BTS_CURRENT_BASE_URL`); its webhook
//! step needs a receiver BTS can reach, so it runs on the sandbox only.

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
    legacy()?;
    current()
}

fn legacy() -> Result<(), bts::Error> {
    println!("— the legacy courier API —");
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

/// The current courier API: price, create, sticker saved to a file, track, cancel, and the
/// status change received by webhook.
fn current() -> Result<(), bts::Error> {
    use bts::model::current as cur;
    use serde_json::json;
    println!("— the current courier API —");
    let var = |k: &str| env::var(k).ok().filter(|v| !v.is_empty());
    let mut sandbox = None;
    let config = if let (Some(login), Some(password)) = (var("BTS_LOGIN"), var("BTS_PASSWORD")) {
        let mut config = Config {
            courier_api: bts::Api::Current,
            login,
            password: password.into(),
            ..Default::default()
        };
        if let Some(url) = var("BTS_CURRENT_BASE_URL") {
            config.base_url = url;
        }
        config
    } else {
        let sb = Sandbox::start();
        let config =
            Config::from_json(&sb.current_config_json()).expect("the sandbox config parses");
        sandbox = Some(sb);
        config
    };
    let client = Client::new(config)?;
    println!("bts {}: {}", bts::VERSION, client.config().base_url);
    let api = client.current();

    let quote = api.order_calculate(
        &serde_json::from_value(json!({
            "senderCityCode": "0109", "receiverCityCode": "3001",
            "pickup_type": "branch", "dropoff_type": "courier", "is_multiple_cost": 1, "weight": 2.5
        }))
        .expect("a price request"),
    )?;
    let price = quote
        .option("branch", "courier")
        .and_then(|o| o.price.as_ref())
        .map(|p| p.to_string())
        .unwrap_or_else(|| "?".into());
    step(
        "price",
        format!("{price} so'm branch to courier, 0109 to 3001, 2.5 kg"),
    );

    // The sandbox posts status changes to this receiver.
    let receiver = sandbox.as_ref().map(|_| Receiver::start());
    if let Some(r) = &receiver {
        api.webhook_config(&serde_json::from_value(json!({
            "webhook_url": r.url, "environment": "test", "has_token": true, "itx-apiKey": "quickstart-key"
        })).expect("a webhook config"))?;
        step("webhook", format!("registered {}", r.url));
    }

    let request: cur::OrderRequest = serde_json::from_value(json!({
        "clientId": format!("quickstart-current-{}", std::process::id()),
        "pickup_type": "self", "dropoff_type": "courier",
        "sender": {"name": "Example Shop", "phone": "+998900000001",
                   "address": "Toshkent, example street 1", "city_code": "0109", "branch_code": "0154"},
        "receiver": {"name": "Example Customer", "phone": "+998900000002",
                     "address": "Samarqand, example street 2", "city_code": "3001"},
        "cargo": {"weight": 1.2, "piece": 1, "packageId": 8, "postTypeId": 11,
                  "postTypes": [{"name": "T-shirt", "code": "SKU-1", "count": 2, "cost": 90000}]}
    })).expect("an order");
    let order = api.order_add(&request)?;
    let id = order
        .order_id
        .as_ref()
        .and_then(|v| v.as_i64())
        .ok_or_else(|| bts::Error::internal("the created order has no orderId"))?;
    step(
        "create",
        format!(
            "order {id}, barcode {}",
            order.barcode.as_deref().unwrap_or("?")
        ),
    );

    let path = private_dir()?.join(format!("sticker-{id}.pdf"));
    let saved = client.save_order_label(id, &path)?;
    step(
        "sticker",
        format!(
            "{} bytes of PDF in {} ({})",
            saved.bytes, saved.path, saved.source
        ),
    );

    let track = api.order_track(id)?;
    let code = track.status.as_ref().and_then(|s| s.code());
    step(
        "track",
        format!(
            "status {} ({})",
            code.map(|c| c.code()).unwrap_or_default(),
            code.and_then(|c| c.label(cur::Lang::En)).unwrap_or("?")
        ),
    );

    api.order_cancel(id)?;
    step("cancel", format!("order {id} cancelled"));

    if let Some(r) = receiver {
        let (content_type, body) = r.wait();
        let event = client.webhook_parse(
            &body,
            &content_type,
            &[("itx-apiKey", "quickstart-key")],
            Some("quickstart-key"),
        )?;
        let code = event.status.as_ref().and_then(|s| s.code());
        step(
            "notified",
            format!(
                "order {} is now {} ({})",
                show(&event.order_id),
                code.map(|c| c.code()).unwrap_or_default(),
                code.and_then(|c| c.label(cur::Lang::En)).unwrap_or("?")
            ),
        );
    }
    Ok(())
}

/// A one-shot webhook receiver on loopback.
struct Receiver {
    url: String,
    got: std::sync::mpsc::Receiver<(String, String)>,
}

impl Receiver {
    fn start() -> Receiver {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!(
            "http://{}/bts-webhook",
            listener.local_addr().expect("an address")
        );
        let (tx, got) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            let Ok(clone) = stream.try_clone() else {
                return;
            };
            let mut reader = BufReader::new(clone);
            let (mut length, mut content_type) = (0usize, String::new());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                if let Some((k, v)) = line.trim_end().split_once(':') {
                    if k.eq_ignore_ascii_case("content-length") {
                        length = v.trim().parse().unwrap_or(0);
                    } else if k.eq_ignore_ascii_case("content-type") {
                        content_type = v.trim().to_owned();
                    }
                }
                line.clear();
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_ok() {
                let mut out = stream;
                let _ = out.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
                let _ = tx.send((content_type, String::from_utf8_lossy(&body).into_owned()));
            }
        });
        Receiver { url, got }
    }

    fn wait(self) -> (String, String) {
        self.got
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the sandbox's notification within 10 s")
    }
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

/// A new directory of this run's own under the system's temporary folder, named by 128 random
/// bits (no other user can guess it or plant a file or link in it first; `0700` on Unix).
fn private_dir() -> Result<std::path::PathBuf, bts::Error> {
    use ring::rand::SecureRandom as _;
    let mut bits = [0u8; 16];
    ring::rand::SystemRandom::new()
        .fill(&mut bits)
        .map_err(|_| bts::Error::internal("the system's random source failed"))?;
    let name: String = bits.iter().map(|b| format!("{b:02x}")).collect();
    let dir = env::temp_dir().join(format!("bts-quickstart-{name}"));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(&dir)
        .map_err(|e| bts::Error::internal(format!("cannot make {}: {e}", dir.display())))?;
    Ok(dir)
}
