"""The typed surface: status enums and their labels, the current-API view, page iterators,
label helpers, log records and the webhook receiver example, against the sandbox."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict

import pytest

import bts
from bts import _native
from conftest import REPO, Sandbox, _read_line

CURRENT_ORDER: Dict[str, Any] = {
    "clientId": "T-typed",
    "pickup_type": "self",
    "dropoff_type": "courier",
    "sender": {"name": "Example Shop", "phone": "+998900000001",
               "address": "Toshkent, example street 1", "city_code": "0109", "branch_code": "0154"},
    "receiver": {"name": "Example Customer", "phone": "+998900000002",
                 "address": "Samarqand, example street 2", "city_code": "3001"},
    "bringBackMoney": 0,
    "cargo": {"weight": 1.2, "piece": 1, "packageId": 8, "postTypeId": 11},
}


@pytest.fixture
def current(sandbox: Sandbox):
    """A client of the sandbox's current courier API."""
    with bts.Client(dict(sandbox.info["current_config"])) as c:
        yield c


def test_current_statuses_are_the_library_catalogue():
    entries = json.loads(_native.status_catalogue_json())
    assert sorted(int(e["code"]) for e in entries) == sorted(s.value for s in bts.Status)
    for e in entries:
        status = bts.Status(e["code"])
        assert (status.uz, status.ru, status.en) == (e["uz"], e["ru"], e["en"])
        assert status.next == e["next"]
    assert bts.Status.DELIVERED.ru == "Доставлен" and bts.Status.DELIVERED.is_final
    assert bts.Status(800).next == [900, 1000, 1100] and not bts.Status(800).is_final
    assert bts.Status(100).label("uz") == "Yuboruvchida"
    with pytest.raises(ValueError):
        bts.Status(100).label("de")
    assert bts.Status.DELIVERED == 1200  # an int


def test_legacy_statuses_have_the_library_labels():
    assert bts.LegacyStatus(6).uz == "Yetkazib berilgan" and bts.LegacyStatus(6).en == "Delivered"
    assert bts.LegacyStatus.AT_SENDER.ru is None
    assert bts.FulfillmentStatus(5).uz == "Rejalashtirildi"
    assert bts.InternationalStatus(200).en == "At the sorting centre"
    with pytest.raises(ValueError):
        bts.LegacyStatus(99)


def test_operation_names_are_the_table():
    import typing

    names = set(typing.get_args(bts.OperationName))
    assert names == {op["name"] for op in bts.operations() if op["public"]}


def test_iter_pages_walks_a_wms_list(client, sandbox):
    for p in client.wms_product_clients_all():
        client.wms_product_client_status([{"id": p["id"], "status": "ok"}])
    sandbox.seed_wms("product", 31)
    pages = list(client.iter_pages("wms/product/clients"))
    assert [len(p["items"]) for p in pages] == [20, 11]
    items = list(client.iter_items("wms/product/clients"))
    assert items == pages[0]["items"] + pages[1]["items"] == client.wms_product_clients_all()


def test_iter_pages_walks_a_current_directory_list(current):
    whole = current.current.directory_regions(per_page=100)
    pages = list(current.current.iter_pages("directory/regions", {"per-page": 3}))
    assert len(pages) > 1 and all(len(p["items"]) <= 3 for p in pages)
    assert [r for p in pages for r in p["items"]] == whole["items"]


def test_the_current_view_is_typed_for_the_current_api(current):
    order = current.current.order_add(CURRENT_ORDER)
    state = current.current.order_track(int(order["orderId"]))
    assert bts.Status(state["status"]["code"]) is bts.Status.AT_THE_SENDER


def test_one_log_record_per_call_without_secrets(client, sandbox, caplog):
    with caplog.at_level(logging.DEBUG, logger="bts"):
        client.order_calculate(senderCityId=3, receiverCityId=3, weight=1)
        with pytest.raises(bts.InvalidInputError):
            client.call("order/detail", {})
    records = [r for r in caplog.records if r.name == "bts"]
    assert [(r.bts_operation, r.bts_ok, r.bts_kind) for r in records] == [  # type: ignore[attr-defined]
        ("order/calculate", True, None),
        ("order/detail", False, "invalid_input"),
    ]
    assert records[0].levelno == logging.DEBUG and records[1].levelno == logging.WARNING
    assert all(r.bts_duration_ms >= 0 for r in records)  # type: ignore[attr-defined]
    secret = sandbox.config()["password"]
    assert all(secret not in r.getMessage() and "senderCityId" not in r.getMessage() for r in records)


def test_label_helpers_save_pdf_files(current, tmp_path: Path):
    ids = [int(current.current.order_add(dict(CURRENT_ORDER, clientId=f"T-lbl{i}"))["orderId"])
           for i in range(2)]
    one = current.save_label(ids[0], tmp_path / "one.pdf")
    assert Path(one["path"]).read_bytes()[:5] == b"%PDF-" and one["bytes"] == (tmp_path / "one.pdf").stat().st_size
    both = current.save_stickers(ids, tmp_path / "both.pdf")
    assert (tmp_path / "both.pdf").read_bytes()[:5] == b"%PDF-" and both["bytes"] > 0


def test_the_webhook_receiver_example(current, sandbox):
    key = "hook-k3y-py"
    env = dict(os.environ, BTS_CONFIG=json.dumps(sandbox.info["current_config"]), BTS_WEBHOOK_KEY=key)
    receiver = subprocess.Popen(
        [sys.executable, str(REPO / "examples" / "python" / "webhook_receiver.py"), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    try:
        url = json.loads(_read_line(receiver.stdout, 20))["listening"]
        current.webhook_config({"webhook_url": url, "environment": "test", "has_token": True,
                                "itx-apiKey": key})
        order = current.current.order_add(dict(CURRENT_ORDER, clientId="T-hook-py"))
        current.order_test_update_status({"orderId": int(order["orderId"]), "statusCode": 200})
        event = json.loads(_read_line(receiver.stdout, 15) or "null")
        assert event == {"orderId": order["orderId"], "status": 200, "name": "Courier picked up"}
        # A notification with a wrong key, or none, is refused.
        body = json.dumps({"orderId": order["orderId"], "statusCode": 300}).encode()
        for headers in ({"itx-apiKey": "wrong"}, {}):
            request = urllib.request.Request(url, data=body, method="POST",
                                             headers={"Content-Type": "application/json", **headers})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)
            assert refused.value.code == 401
        # ... and printed nothing: the next line is the next good notification.
        current.order_test_update_status({"orderId": int(order["orderId"]), "statusCode": 300})
        assert json.loads(_read_line(receiver.stdout, 15) or "null")["status"] == 300
    finally:
        receiver.kill()
        receiver.wait(timeout=10)
        if receiver.stdout:
            receiver.stdout.close()


def _php_type(tp: Any) -> str:
    """A bts.types annotation as a PHPStan type."""
    import typing

    from bts import types as t

    if tp == t.Scalar:
        return "int|float|string"
    if tp == t.Flag:
        return "bool|int|string"
    simple = {int: "int", float: "float", str: "string", bool: "bool"}
    if tp in simple:
        return simple[tp]
    if tp is Any:
        return "mixed"
    origin = typing.get_origin(tp)
    if origin is list:
        return f"list<{_php_type(typing.get_args(tp)[0])}>"
    if origin is dict:
        return "array<string, mixed>"
    if origin is typing.Union:
        return "|".join("null" if a is type(None) else _php_type(a) for a in typing.get_args(tp))
    assert typing.is_typeddict(tp), tp
    return str(tp.__name__)


def test_php_shapes_are_the_python_typed_dicts():
    """bindings/php/src/Types.php declares, as @phpstan-type, exactly the TypedDicts of
    bts.types (same members, same required ones, same types)."""
    import typing

    from bts import types as t

    want = []
    for name, cls in vars(t).items():
        if isinstance(cls, type) and typing.is_typeddict(cls) and not name.startswith("_"):
            members = ", ".join(
                f"{key}{'' if key in cls.__required_keys__ else '?'}: {_php_type(hint)}"
                for key, hint in typing.get_type_hints(cls).items()
            )
            want.append(f" * @phpstan-type {name} array{{{members}}}")
    php = (REPO / "bindings" / "php" / "src" / "Types.php").read_text(encoding="utf-8")
    have = [line for line in php.splitlines() if line.startswith(" * @phpstan-type ")]
    assert have == want
