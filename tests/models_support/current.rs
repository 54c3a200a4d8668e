//! The current courier API's models (`bts::model::current`) against every JSON example of its
//! reference, in `tests/fixtures/current/`, with the round trip of the parent module.

use super::*;
use bts::model::current::{
    self, Branch, City, Lang, Order, OrderRequest, OrderState, PriceQuote, PriceRequest, Region,
    StatusCode, StatusInfo, StatusNotification, Sticker, StickersRequest, TestStatusRequest,
    WebhookConfig,
};

fixtures! {
    rt_envelope: "current/2.2_envelope.response.json" => Reply<Value>;
    rt_validation_error: "current/2.4_validation_error.response.json" => Reply<Value>;
    rt_already_cancelled: "current/2.4_already_cancelled.response.json" => Reply<Value>;
    rt_missing_parameter: "current/2.4_missing_parameter.yii.response.json" => YiiError;
    rt_unauthorized: "current/2.4_unauthorized.yii.response.json" => YiiError;
    rt_not_found: "current/2.4_not_found.response.json" => Reply<Value>;
    rt_login_reply: "current/3.1_auth_login.response.json" => Reply<WmsTokens>;
    rt_refresh_request: "current/3.2_auth_refresh.request.json" => RefreshRequest;
    rt_refresh_reply: "current/3.2_auth_refresh.response.json" => Reply<WmsTokens>;
    rt_regions: "current/4.1_directory_regions.response.json" => Reply<Page<Region>>;
    rt_cities: "current/4.2_directory_cities.response.json" => Reply<Page<City>>;
    rt_branch: "current/4.3_directory_branches.item.json" => Branch;
    rt_statuses: "current/4.6_directory_statuses.response.json" => Reply<Page<StatusInfo>>;
    rt_calculate_request: "current/5.2_order_calculate.request.json" => PriceRequest;
    rt_calculate_reply: "current/5.3_order_calculate.response.json" => Reply<PriceQuote>;
    rt_order_add_request: "current/6.1_order_add.request.json" => OrderRequest;
    rt_order_add_reply: "current/6.1_order_add.response.json" => Reply<Order>;
    rt_order_detail: "current/6.3_order_detail.response.json" => Reply<Order>;
    rt_order_track: "current/6.5_order_track.response.json" => Reply<OrderState>;
    rt_stickers_request: "current/6.6_order_stickers.request.json" => StickersRequest;
    rt_sticker_reply: "current/6.6_order_sticker.response.json" => Reply<Sticker>;
    rt_order_cancel: "current/6.7_order_cancel.response.json" => Reply<OrderState>;
    rt_test_update_status: "current/6.9_order_test_update_status.request.json" => TestStatusRequest;
    rt_webhook_config_request: "current/8.1_webhook_config.request.json" => WebhookConfig;
    rt_webhook_config_reply: "current/8.1_webhook_config.response.json" => Reply<WebhookConfig>;
    rt_webhook_notification: "current/8.2_webhook_notification.json" => StatusNotification;
}

#[test]
fn every_current_fixture_has_a_model() {
    assert_every_file_listed(&fixtures_root().join("current"), "current/", FIXTURES);
}

/// Loads a reply fixture and returns its `data`, which must be there.
fn data<T: DeserializeOwned>(name: &str) -> T {
    load::<Reply<T>>(&format!("current/{name}"))
        .data
        .unwrap_or_else(|| panic!("{name}: no data"))
}

#[test]
fn order_request_members_are_typed() {
    let order: OrderRequest = load("current/6.1_order_add.request.json");
    assert!(order.extra.is_empty(), "untyped {:?}", order.extra.keys());
    assert_eq!(order.client_id, Some(Scalar::from("SHOP-1042")));
    assert_eq!(order.pickup_type.as_deref(), Some("self"));
    assert_eq!(
        order.is_sender_location.as_ref().and_then(Flag::as_bool),
        Some(false)
    );
    let sender = order.sender.as_ref().expect("sender");
    assert!(sender.extra.is_empty());
    assert_eq!(sender.city_code, Some(Scalar::from("0109")));
    assert_eq!(sender.branch_code, Some(Scalar::from("0154")));
    let receiver = order.receiver.as_ref().expect("receiver");
    assert_eq!(receiver.phone1.as_deref(), Some("+998900000003"));
    assert_eq!(order.bring_back_money, Some(Scalar::from(0)));
    assert_eq!(order.take_photo, Some(1));
    let cargo = order.cargo.as_ref().expect("cargo");
    assert!(cargo.extra.is_empty());
    assert_eq!(
        (cargo.piece, cargo.package_id, cargo.post_type_id),
        (Some(1), Some(8), Some(11))
    );
    let lines = cargo.post_types.as_ref().expect("postTypes");
    assert_eq!(lines[0].count, Some(2));
    assert!(lines[0].extra.is_empty());
    assert_eq!(
        order.ready_to_take.as_ref().and_then(Flag::as_bool),
        Some(true)
    );
}

#[test]
fn order_replies_are_typed() {
    let added: Order = data("6.1_order_add.response.json");
    assert!(added.extra.is_empty(), "untyped {:?}", added.extra.keys());
    assert_eq!(added.order_id, Some(Scalar::from(5_000_001)));
    assert_eq!(added.barcode.as_deref(), Some("019915000001"));
    let status = added.status.expect("status");
    assert_eq!(status.code(), Some(StatusCode::AT_SENDER));
    assert_eq!(status.label(), Some("У отправителя"));

    let detail: Order = data("6.3_order_detail.response.json");
    assert!(detail.extra.is_empty(), "untyped {:?}", detail.extra.keys());
    let status = detail.status.as_ref().expect("status");
    assert_eq!(status.code(), None, "status.code is null in detail");
    assert!(status.info.is_some());
    assert_eq!(detail.cost, None);
    let sender = detail.sender.as_ref().expect("sender");
    assert!(sender.extra.is_empty());
    let region = sender.region.as_ref().expect("region");
    assert_eq!(
        (region.id, region.code.as_ref()),
        (Some(6), Some(&Scalar::from("01")))
    );
    assert_eq!(sender.city.as_ref().unwrap().code, None);
    assert_eq!(sender.latitude, Some(Scalar::from("41.31")));
    let sticker = detail
        .receiver
        .as_ref()
        .and_then(|r| r.sticker_data.as_ref())
        .expect("stickerData");
    assert_eq!(sticker.zona_id, Some(26));
    assert!(sticker.extra.is_empty());
    let cargo = detail.cargo.as_ref().expect("cargo");
    assert!(cargo.extra.is_empty());
    assert_eq!(cargo.weight.as_ref().and_then(Scalar::as_f64), Some(1.2));
    assert_eq!(
        cargo.package.as_ref().and_then(|p| p.name.as_deref()),
        Some("BTS ПАКЕТ")
    );
    let options = cargo.options.as_ref().expect("options");
    assert!(options.extra.is_empty());
    assert_eq!(options.back_money, Some(Scalar::from("0")));
    assert_eq!(detail.declarations.as_deref(), Some(&[][..]));

    let track: OrderState = data("6.5_order_track.response.json");
    assert!(track.extra.is_empty());
    assert_eq!(
        track.status.as_ref().and_then(|s| s.code()),
        Some(StatusCode::AT_DELIVERY_OFFICE)
    );

    // The cancel reply spells the status `{id, name}`: it is read through the same accessor.
    let cancel: OrderState = data("6.7_order_cancel.response.json");
    let status = cancel.status.expect("status");
    assert_eq!((status.code, status.id), (None, Some(StatusCode(0))));
    assert_eq!(status.code(), Some(StatusCode(0)));
    assert_eq!(status.label(), Some("Cancelled Order"));

    let sticker: Sticker = data("6.6_order_sticker.response.json");
    assert!(sticker.extra.is_empty() && sticker.label_encode.is_none());
    assert!(sticker.label_sticker.unwrap().ends_with(".pdf"));
}

#[test]
fn small_requests_are_typed() {
    let stickers: StickersRequest = load("current/6.6_order_stickers.request.json");
    assert_eq!(stickers.order_ids, [5_000_001, 5_000_002, 5_000_003]);
    let test: TestStatusRequest = load("current/6.9_order_test_update_status.request.json");
    assert_eq!(
        (test.order_id, test.status_code),
        (Some(5_000_001), Some(StatusCode(800)))
    );

    let price: PriceRequest = load("current/5.2_order_calculate.request.json");
    assert!(price.extra.is_empty());
    assert_eq!(price.sender_city_code, Some(Scalar::from("0109")));
    let volume = price.volume.expect("volume");
    assert_eq!(volume.z, Some(Scalar::from(15)));
    assert!(volume.extra.is_empty());
}

#[test]
fn price_quote_picks_the_combination() {
    let quote: PriceQuote = data("5.3_order_calculate.response.json");
    assert!(quote.extra.is_empty());
    let price = |p: &str, d: &str| {
        quote
            .option(p, d)
            .and_then(|o| o.price.as_ref())
            .and_then(Scalar::as_i64)
    };
    assert_eq!(price("self", "branch"), Some(45_000));
    assert_eq!(price("branch", "self"), Some(45_000));
    assert_eq!(price("self", "courier"), Some(52_000));
    assert_eq!(price("courier", "branch"), Some(61_000));
    assert_eq!(price("Courier", "courier"), Some(0));
    let c2c = quote.option("courier", "courier").unwrap();
    assert_eq!(c2c.available, Some(false));
    assert!(c2c.reason.is_some());
    // The other reading of a single-price reply.
    let single: PriceQuote = serde_json::from_str(r#"{"all_cost": 45000}"#).unwrap();
    assert_eq!(single.all_cost, Some(Scalar::from(45_000)));
    assert!(single.option("self", "courier").is_none());
}

#[test]
fn directory_items_are_typed() {
    let regions: Page<Region> = data("4.1_directory_regions.response.json");
    assert_eq!(regions.items.len(), 2);
    assert_eq!(regions.items[0].code, Some(Scalar::from("01")));
    assert!(regions.items.iter().all(|r| r.extra.is_empty()));

    let cities: Page<City> = data("4.2_directory_cities.response.json");
    assert_eq!(
        cities.items[1]
            .office_exists
            .as_ref()
            .and_then(Flag::as_bool),
        Some(true)
    );
    assert!(cities.items.iter().all(|c| c.extra.is_empty()));

    let branch: Branch = load("current/4.3_directory_branches.item.json");
    assert!(branch.extra.is_empty());
    assert_eq!(branch.lat_long(), Some((39.06, 66.83)));
    let hours = branch.working_hours.as_ref().expect("working_hours");
    assert_eq!(hours.len(), 7);
    assert_eq!(hours["1"].as_deref(), Some("09:00-18:00"));
    assert_eq!(hours["7"], None, "a closed day is null");

    let statuses: Page<StatusInfo> = data("4.6_directory_statuses.response.json");
    let first = &statuses.items[0];
    assert!(first.extra.is_empty());
    assert_eq!(first.code, Some(StatusCode::AT_SENDER));
    assert_eq!(
        first.next_possible_statuses.as_deref(),
        Some(&[StatusCode(200)][..])
    );
    // The server's label and the built-in catalogue agree on the documented example.
    assert_eq!(first.name.as_deref(), StatusCode::AT_SENDER.label(Lang::Ru));
}

#[test]
fn webhook_shapes_are_typed() {
    let request: WebhookConfig = load("current/8.1_webhook_config.request.json");
    assert!(request.extra.is_empty());
    assert_eq!(request.api_key.as_deref(), Some("<your shared secret>"));
    assert_eq!(
        request.has_token.as_ref().and_then(Flag::as_bool),
        Some(true)
    );
    let reply: WebhookConfig = data("8.1_webhook_config.response.json");
    assert!(reply.extra.is_empty());
    assert_eq!(reply.method.as_deref(), Some("POST"));

    let note: StatusNotification = load("current/8.2_webhook_notification.json");
    assert!(note.extra.is_empty());
    assert_eq!(note.status_code(), Some(StatusCode::AT_DELIVERY_OFFICE));
    assert_eq!(note.status_name(), Some("В офисе доставки"));
    // The other two readings of the status.
    for body in [
        r#"{"orderId": 1, "status": {"code": 1200, "name": "Доставлен"}}"#,
        r#"{"orderId": 1, "statusCode": 1200, "statusName": "Доставлен"}"#,
        r#"{"orderId": "1", "statusCode": "1200"}"#,
    ] {
        let note: StatusNotification = serde_json::from_str(body).unwrap();
        assert_eq!(note.status_code(), Some(StatusCode::DELIVERED), "{body}");
        let back = serde_json::to_value(&note).unwrap();
        let original: Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            back["orderId"], original["orderId"],
            "orderId is sent as received"
        );
    }
    let event: current::WebhookEvent = serde_json::from_str(
        r#"{"orderId": 1, "status": {"code": 800, "name": "x"}, "payload": {"a": [1]}}"#,
    )
    .unwrap();
    assert_eq!(event.payload, Some(json!({"a": [1]})));
}

#[test]
fn error_bodies_keep_their_members() {
    let invalid: Reply<Value> = load("current/2.4_validation_error.response.json");
    assert_eq!(invalid.status, Some(false));
    assert_eq!(invalid.status_code, Some(422));
    assert!(invalid
        .errors
        .expect("errors")
        .contains_key("senderCityCode"));
    let yii: YiiError = load("current/2.4_unauthorized.yii.response.json");
    assert_eq!(yii.status, Some(401));
    assert_eq!(
        yii.exception.as_deref(),
        Some("yii\\web\\UnauthorizedHttpException")
    );
    assert!(yii.extra.is_empty());
}

#[test]
fn list_replies_of_unknown_shape_read_both_forms() {
    let bare: current::Items<Order> =
        serde_json::from_str(r#"[{"orderId": 1}, {"orderId": 2}]"#).unwrap();
    let page: current::Items<Order> = serde_json::from_str(
        r#"{"items": [{"orderId": 1}, {"orderId": 2}], "_meta": {"totalCount": 2}}"#,
    )
    .unwrap();
    assert_eq!(bare.items(), page.items());
    assert_eq!(page.items().len(), 2);
    let reasons: current::Items<CancellationReason> =
        serde_json::from_str(r#"[{"employee": "A", "description": "B", "date": "2026-01-01"}]"#)
            .unwrap();
    assert_eq!(reasons.items()[0].employee.as_deref(), Some("A"));
    let other = json!({"reason": "unexpected"});
    let odd: current::Items<Order> = serde_json::from_value(other.clone()).unwrap();
    assert!(odd.items().is_empty());
    // Nothing is lost; encoding adds the empty `items` every page has.
    assert_eq!(
        serde_json::to_value(&odd).unwrap(),
        json!({"reason": "unexpected", "items": []})
    );
}

// ---------------------------------------------------------------------------------------------
// Statuses 100–1400.
// ---------------------------------------------------------------------------------------------

#[test]
fn status_catalogue_lists_the_documented_codes_with_three_labels() {
    let codes: Vec<u16> = StatusCode::catalogue().iter().map(|e| e.code.0).collect();
    assert_eq!(
        codes,
        [100, 200, 300, 400, 500, 600, 700, 800, 1100, 1200, 1300, 1400]
    );
    for entry in StatusCode::catalogue() {
        for lang in [Lang::Uz, Lang::Ru, Lang::En] {
            let label = entry.code.label(lang).expect("labelled");
            assert!(!label.trim().is_empty(), "{} {lang:?}", entry.code.0);
        }
        // Every next status is later in the chain.
        assert!(entry.next.iter().all(|n| n.0 > entry.code.0), "{entry:?}");
    }
    assert_eq!(StatusCode(100).label(Lang::Uz), Some("Yuboruvchida"));
    assert_eq!(StatusCode(500).label(Lang::Ru), Some("В РЦ"));
    assert_eq!(StatusCode(1400).label(Lang::En), Some("Expired"));
    assert_eq!(StatusCode(600).next(), Some(&[StatusCode(700)][..]));
    let finals: Vec<u16> = StatusCode::catalogue()
        .iter()
        .filter(|e| e.code.is_final())
        .map(|e| e.code.0)
        .collect();
    assert_eq!(finals, [1200, 1300, 1400]);
    assert_eq!(StatusCode::DELIVERED.to_string(), "1200 (Delivered)");
}

#[test]
fn unknown_status_codes_are_kept() {
    for code in [0u16, 900, 1000, 1500, 65535] {
        let status: StatusCode = serde_json::from_value(json!(code)).unwrap();
        assert_eq!(status, StatusCode(code));
        assert!(!status.known(), "{code}");
        assert_eq!(
            (status.label(Lang::Uz), status.next(), status.is_final()),
            (None, None, false)
        );
        assert_eq!(serde_json::to_value(status).unwrap(), json!(code));
        assert_eq!(status.to_string(), format!("{code} (unknown status)"));
    }
    assert_eq!(
        serde_json::from_str::<StatusCode>("\"800\"").unwrap(),
        StatusCode(800)
    );
    assert_eq!(
        serde_json::from_str::<StatusCode>("800.0").unwrap(),
        StatusCode(800)
    );
    for bad in ["-1", "70000", "\"done\"", "8.5"] {
        assert!(serde_json::from_str::<StatusCode>(bad).is_err(), "{bad}");
    }
    assert_eq!("RU".parse::<Lang>(), Ok(Lang::Ru));
    assert!("de".parse::<Lang>().is_err());
    assert_eq!(Lang::Uz.code(), "uz");
}

#[test]
fn status_catalogue_json_matches_the_typed_catalogue() {
    let parsed: Value = serde_json::from_str(&status_catalogue_json()).unwrap();
    let items = parsed.as_array().expect("an array");
    assert_eq!(items.len(), StatusCode::catalogue().len());
    for (item, entry) in items.iter().zip(StatusCode::catalogue()) {
        let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 5, "{item}");
        assert_eq!(item["code"], json!(entry.code.0));
        assert_eq!(item["uz"], entry.uz);
        assert_eq!(item["ru"], entry.ru);
        assert_eq!(item["en"], entry.en);
        let next: Vec<u16> = entry.next.iter().map(|c| c.0).collect();
        assert_eq!(item["next"], json!(next));
    }
    assert_eq!(items[7]["next"], json!([900, 1000, 1100]));
}

#[test]
fn current_requests_send_only_what_was_set_and_read_lenient_integers() {
    assert_eq!(
        serde_json::to_value(OrderRequest::default()).unwrap(),
        json!({})
    );
    let cargo = current::Cargo {
        piece: Some(2),
        post_types: Some(vec![ItemLine {
            name: Some("T-shirt".into()),
            ..Default::default()
        }]),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&cargo).unwrap(),
        json!({"piece": 2, "postTypes": [{"name": "T-shirt"}]})
    );
    // Integers arrive as numbers or numeric strings; both read the same.
    let read: current::Cargo =
        serde_json::from_str(r#"{"piece": "2", "packageId": 8.0, "postTypeId": null}"#).unwrap();
    assert_eq!(
        (read.piece, read.package_id, read.post_type_id),
        (Some(2), Some(8), None)
    );
    assert!(serde_json::from_str::<current::Cargo>(r#"{"piece": "two"}"#).is_err());
    // `bringBackMoney` is sent as given: a flag or an amount.
    for value in [json!(1), json!(150000), json!("150000")] {
        let order: OrderRequest =
            serde_json::from_value(json!({"bringBackMoney": value.clone()})).unwrap();
        assert_eq!(
            serde_json::to_value(&order).unwrap()["bringBackMoney"],
            value
        );
    }
}
