"""The courier API through the bindings: a whole order lifecycle, directory, raw."""

from __future__ import annotations

import bts


def test_calculate_same_city(client):
    quote = client.order_calculate(
        senderCityId=3, receiverCityId=3, weight=1, senderDelivery=1, receiverDelivery=1
    )
    assert quote["summaryPrice"] == 10000


def test_order_lifecycle(client, sandbox, order):
    quote = client.order_calculate({"senderCityId": 3, "receiverCityId": 3, "weight": 2})
    assert quote["summaryPrice"] > 0

    created = client.order_add(order)
    order_id = int(created["orderId"])
    assert created["barcode"]
    assert created["senderAddress"] == order["senderAddress"]  # UTF-8 round trip

    detail = client.order_detail(order_id)
    assert int(detail["orderId"]) == order_id
    assert detail["barcode"] == created["barcode"]

    track = client.order_track(order_id)
    assert int(track["orderId"]) == order_id
    assert track["status"]["id"] == 1

    history = client.order_history(order_id)
    assert isinstance(history, list) and len(history) >= 1

    assert client.order_cancellation(order_id) == []

    cancelled = client.order_cancel(order_id)
    assert cancelled["status"]["id"] == 0
    assert client.order_track(order_id)["status"]["id"] == 0
    reasons = client.order_cancellation(order_id)
    assert len(reasons) == 1 and reasons[0]["description"]
    assert len(client.order_history(order_id)) == len(history) + 1

    counts = sandbox.counts()
    assert counts.get("auth/get-token") == 1
    assert counts.get("order/add") == 1
    assert counts.get("order/cancel") == 1


def test_cancel_after_pickup_is_refused(client, sandbox, order):
    order_id = int(client.order_add(order)["orderId"])
    sandbox.order_status(order_id, 3)
    assert client.order_track(order_id)["status"]["id"] == 3
    try:
        client.order_cancel(order_id)
    except bts.ValidationError as err:
        assert "orderId" in err.fields
    else:
        raise AssertionError("cancelling an order in transit must fail")


def test_expired_token_is_renewed_once(client, sandbox, order):
    client.order_calculate(senderCityId=3, receiverCityId=3, weight=1)
    sandbox.expire_tokens()
    client.order_calculate(senderCityId=3, receiverCityId=3, weight=1)
    counts = sandbox.counts()
    assert counts.get("auth/get-token") == 2
    assert counts.get("order/calculate") == 3  # one refused, replayed once


def test_explicit_login_returns_no_token(client):
    assert client.auth_get_token() == {"authenticated": True}


def test_directory(client):
    branches = client.directory_branches()
    assert branches is not None
    assert client.directory_branches(region_id=2) is not None
    assert client.directory_regions() is not None
    assert client.directory_cities(region_id=14) is not None
    assert client.directory_branches_with_city(city_id=198) is not None


def test_raw_reaches_a_route(client, sandbox, order):
    assert client.raw("courier", "GET", "v1/directory/regions") == client.directory_regions()
    assert sandbox.counts().get("directory/regions") == 2
    order_id = int(client.order_add(order)["orderId"])
    detail = client.raw("courier", "GET", "v1/order/detail", query={"id": order_id})
    assert int(detail["orderId"]) == order_id


def test_raw_rejects_a_bad_service(client):
    try:
        client.raw("ftp", "GET", "v1/x")
    except bts.InvalidInputError as err:
        assert "service" in err.fields
    else:
        raise AssertionError("expected InvalidInputError")


def test_call_envelope_success_shape(client):
    envelope = client.call_envelope("order/calculate",
                                    {"senderCityId": 3, "receiverCityId": 3, "weight": 1})
    assert envelope["ok"] is True and "summaryPrice" in envelope["data"]
