"""The Fulfillment WMS through the bindings: create, paginated lists, all_pages, acknowledgement."""

from __future__ import annotations

import pytest

import bts

PRODUCT = {
    "group": "Bindings", "code": "PY-1", "name": "Python product", "full_name": "Python product 1",
    "gtin": "4780000000999", "article": "PY1", "nomenclature_type": "Tovar",
    "shelf_life_stock": 90, "kis_code": "KIS-PY-1", "is_set": False, "weight": 1.05,
    "net_weight": 1.0, "volume": 1.1, "net_volume": 1.0, "specification": "Sandbox",
    "temperature_mode": "+2°C до +6°C", "base_packaging": "dona", "unit": "dona",
}


def drain_products(client) -> None:
    """Acknowledges every pending product, so the list starts empty."""
    pending = client.wms_product_clients_all()
    if pending:
        client.wms_product_client_status([{"id": p["id"], "status": "ok"} for p in pending])


def test_product_create_list_all_pages_and_ack(client, sandbox):
    drain_products(client)
    assert client.wms_product_clients_all() == []

    created = client.wms_product_create(PRODUCT)
    product_id = created["data"]["id"]
    assert created["data"]["name"] == "Python product"
    sandbox.seed_wms("product", 30)

    page1 = client.wms_product_clients()
    page2 = client.wms_product_clients(page=2)
    assert len(page1["data"]["items"]) == 20 and len(page2["data"]["items"]) == 11
    assert page1["data"]["_meta"]["totalCount"] == 31

    everything = client.wms_product_clients_all()
    assert isinstance(everything, list) and len(everything) == 31
    assert everything == page1["data"]["items"] + page2["data"]["items"]
    assert everything[0]["id"] == product_id

    ack = client.wms_product_client_status([{"id": product_id, "status": "ok"}])
    assert "message" in ack
    remaining = client.wms_product_clients_all()
    assert len(remaining) == 30 and product_id not in {p["id"] for p in remaining}

    drain_products(client)
    assert client.wms_product_clients_all() == []
    counts = sandbox.counts()
    assert counts.get("wms/auth/login") == 1
    assert counts.get("wms/product/create") == 1


def test_purveyor_and_receiving_lists(client, sandbox):
    sandbox.seed_wms("purveyor", 3)
    sandbox.seed_wms("receiving-goods", 3)
    assert len(client.wms_purveyor_clients_all()) >= 3
    assert len(client.wms_receiving_goods_clients_all()) >= 3
    created = client.wms_purveyor_create(group="Bindings", code="PY-S", name="Supplier",
                                         full_name="Python supplier")
    assert created["data"]["id"] in {p["id"] for p in client.wms_purveyor_clients_all()}


def test_wms_missing_fields_are_invalid_input(client, sandbox):
    with pytest.raises(bts.InvalidInputError) as info:
        client.wms_product_create({"name": "only a name"})
    assert "gtin" in info.value.fields and "name" not in info.value.fields
    assert sandbox.counts().get("wms/product/create", 0) == 0


def test_wms_rejected_field_is_validation(client):
    product = dict(PRODUCT, code=["not", "a", "string"])
    with pytest.raises(bts.ValidationError) as info:
        client.wms_product_create(product)
    assert "code" in info.value.fields


def test_wms_wrong_password_is_auth(sandbox):
    with bts.Client(sandbox.config(wms_password="wrong")) as client:
        with pytest.raises(bts.AuthError) as info:
            client.wms_product_clients()
    assert info.value.status == 401
