//! The WMS models beyond the seeds (fulfilment orders, partial returns, the receiving-goods
//! document, the corrections to the seeds' types) against every JSON example of their
//! reference, in `tests/fixtures/wms_more/`.

use super::*;

fixtures! {
    rt_not_found: "wms_more/2.5_not_found.yii.response.json" => YiiError;
    rt_update_failure: "wms_more/2.5_update_failure.yii.response.json" => YiiError;
    rt_validation_error: "wms_more/2.5_validation_error.response.json" => WmsError;
    rt_login_wrong_credentials: "wms_more/3.1_auth_login.wrong_credentials.response.json" => WmsError;
    rt_refresh_error: "wms_more/3.2_auth_refresh.error.response.json" => WmsError;
    rt_refresh_reply: "wms_more/3.2_auth_refresh.response.json" => WmsTokens;
    rt_about_me: "wms_more/3.3_auth_about_me.response.json" => AboutMe;
    rt_purveyor_index: "wms_more/3.4.1_purveyor_index.response.json" => ListResponse<Purveyor>;
    rt_purveyor_status_request: "wms_more/3.4.3_purveyor_status.request.json" => ClientStatusRequest;
    rt_purveyor_status_reply: "wms_more/3.4.3_purveyor_status.response.json" => Message;
    rt_status_error: "wms_more/3.4.3_status.error.response.json" => WmsError;
    rt_receiving_document_request: "wms_more/3.6.1_receiving_goods_create.request.json" => ReceivingGoodsRequest;
    rt_receiving_document_reply: "wms_more/3.6.1_receiving_goods_create.response.json" => Created<ReceivingGoods>;
    rt_order_create_request: "wms_more/3.7.1_order_create.request.json" => WmsOrderRequest;
    rt_order_create_reply: "wms_more/3.7.1_order_create.response.json" => Created<WmsOrder>;
    rt_partial_return_request: "wms_more/3.7.6_partial_return.request.json" => PartialReturnRequest;
    rt_partial_return_reply: "wms_more/3.7.6_partial_return.response.json" => Created<PartialReturn>;
}

#[test]
fn every_wms_more_fixture_has_a_model() {
    assert_every_file_listed(&fixtures_root().join("wms_more"), "wms_more/", FIXTURES);
}

#[test]
fn fulfilment_order_members_are_typed() {
    let order: WmsOrderRequest = load("wms_more/3.7.1_order_create.request.json");
    assert!(order.extra.is_empty(), "untyped {:?}", order.extra.keys());
    assert_eq!(order.order_id, Some(Scalar::from(880_145)));
    assert_eq!(order.fulfillment_status, Some(FulfillmentStatus::New));
    assert_eq!(order.zip, Some(Scalar::from("100093")));
    let item = &order.order_items.as_ref().expect("order_items")[0];
    assert!(item.extra.is_empty());
    assert_eq!(
        (item.client_product_id, item.client_product_variation_id),
        (Some(5012), Some(1))
    );
    assert_eq!(
        item.final_price.as_ref().and_then(Scalar::as_i64),
        Some(160_000)
    );

    let created = load::<Created<WmsOrder>>("wms_more/3.7.1_order_create.response.json");
    let stored = created.data.expect("data");
    assert!(stored.extra.is_empty(), "untyped {:?}", stored.extra.keys());
    assert_eq!((stored.id, stored.order_status), (Some(311), Some(1)));
    let address = stored.order_address.expect("orderAddress");
    assert!(address.extra.is_empty());
    assert_eq!(address.order_id, Some(311), "the WMS id, not the shop's");
    let lines = stored.order_items.expect("orderItems");
    assert!(lines[0].extra.is_empty());
    assert_eq!(lines[0].product_id, Some(96));
    assert!(stored.links.and_then(|l| l.self_link).is_some());

    // The older item shape (the WMS product id) is read too, and sent as given.
    let old: WmsOrderItem =
        serde_json::from_str(r#"{"product_id": 96, "quantity": 2, "price": 85000}"#).unwrap();
    assert_eq!((old.product_id, old.client_product_id), (Some(96), None));
    assert_eq!(
        serde_json::to_value(&old).unwrap(),
        json!({"product_id": 96, "quantity": 2, "price": 85000})
    );

    let unknown: FulfillmentStatus = serde_json::from_str("9").unwrap();
    assert_eq!(unknown, FulfillmentStatus::Unknown(9));
    assert!(FulfillmentStatus::Cancelled.is_final() && !FulfillmentStatus::Closed.is_final());
}

#[test]
fn partial_return_members_are_typed() {
    let request: PartialReturnRequest = load("wms_more/3.7.6_partial_return.request.json");
    assert!(request.extra.is_empty());
    let item = &request.order_items.as_ref().unwrap()[0];
    assert_eq!(
        (item.client_product_id, item.quantity),
        (Some(5012), Some(1))
    );
    let reply = load::<Created<PartialReturn>>("wms_more/3.7.6_partial_return.response.json");
    let done = reply.data.expect("data");
    assert!(done.extra.is_empty());
    let lines = done.order_return_items.expect("orderReturnItems");
    assert_eq!(lines[0].order_return_id, done.id);
    assert!(lines[0].extra.is_empty());
}

#[test]
fn receiving_goods_document_shape_is_typed() {
    let request: ReceivingGoodsRequest = load("wms_more/3.6.1_receiving_goods_create.request.json");
    assert!(
        request.extra.is_empty(),
        "untyped {:?}",
        request.extra.keys()
    );
    assert!(request.number.is_none() && request.client_receiving_good_code.is_some());
    let line = &request.receiving_goods.as_ref().expect("receiving_goods")[0];
    assert!(line.extra.is_empty(), "untyped {:?}", line.extra.keys());
    assert_eq!(line.quantity, Some(40));
    assert_eq!(line.size, Some(Scalar::from("M")));
    assert_eq!(
        line.price_includes_vat.as_ref().and_then(Flag::as_bool),
        Some(true)
    );
    let reply =
        load::<Created<ReceivingGoods>>("wms_more/3.6.1_receiving_goods_create.response.json");
    let data = reply.data.expect("data");
    assert!(data.extra.is_empty());
    assert_eq!(data.receiving_goods.as_ref().map(Vec::len), Some(1));
}

#[test]
fn purveyor_corrections_read_both_spellings() {
    let list = load::<ListResponse<Purveyor>>("wms_more/3.4.1_purveyor_index.response.json");
    let page = list.data.expect("data");
    assert_eq!(
        page.links.as_ref().and_then(|l| l.next.as_deref()),
        Some("/v1/purveyor/index?page=2&per-page=1")
    );
    let tax = page.items[0].tax_info.as_ref().expect("taxInfo");
    assert_eq!(tax.inn, Some(Scalar::from("301234567")));
    assert!(page.items[0].extra.is_empty());

    // `okpo` is the key the server reads; the seeds' `okpp` still decodes. Each is sent as
    // given, and numbers are read where strings are expected.
    let new: PurveyorRequest =
        serde_json::from_str(r#"{"okpo": "12345", "inn": 301234567, "kpp": "0"}"#).unwrap();
    assert_eq!(new.okpo, Some(Scalar::from("12345")));
    assert_eq!(new.inn, Some(Scalar::from(301_234_567)));
    assert!(new.extra.is_empty());
    let old: PurveyorRequest = serde_json::from_str(r#"{"okpp": "12345"}"#).unwrap();
    assert_eq!((old.okpp.is_some(), old.okpo.is_none()), (true, true));
    assert_eq!(
        serde_json::to_value(&old).unwrap(),
        json!({"okpp": "12345"})
    );
    let product: ProductRequest =
        serde_json::from_str(r#"{"gtin": 4780000000017, "unit": "dona"}"#).unwrap();
    assert_eq!(product.gtin, Some(Scalar::from(4_780_000_000_017)));

    let error: WmsError = load("wms_more/3.1_auth_login.wrong_credentials.response.json");
    assert!(error.errors.expect("errors").is_string());
}
