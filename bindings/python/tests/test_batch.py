"""client.batch: many calls side by side inside the library, one result per call in order."""

from __future__ import annotations

import time

import pytest

import bts

CALC = {"senderCityId": 3, "receiverCityId": 3, "weight": 1}


def test_results_and_errors_come_back_in_order(client, sandbox):
    results = client.batch(
        [
            ("order/calculate", CALC),
            ("order/detail", {"orderId": 999999999}),
            {"operation": "order/calculate", "params": {"senderCityId": 3}},
            ("directory/regions", None),
        ],
        concurrency=3,
    )
    assert len(results) == 4
    assert results[0]["summaryPrice"] == client.order_calculate(CALC)["summaryPrice"]
    assert isinstance(results[1], bts.HttpError) and results[1].status == 404
    assert isinstance(results[2], bts.InvalidInputError)
    assert isinstance(results[3], list) and results[3]


def test_a_bad_batch_raises_naming_the_index_and_sends_nothing(client, sandbox):
    sandbox.reset_counts()
    with pytest.raises(bts.InvalidInputError) as caught:
        client.batch([("order/calculate", CALC), ("order/teleport", {})])
    assert "calls[1].operation" in caught.value.fields
    assert "calls[1].operation" in str(caught.value)
    with pytest.raises(bts.InvalidInputError):
        client.batch([])
    assert sandbox.counts().get("*", 0) == 0


def test_calls_run_side_by_side(client, sandbox):
    client.auth_get_token()
    sandbox.fault("order/calculate", {"kind": "delay", "ms": 200}, times=8)
    started = time.monotonic()
    results = client.batch([("order/calculate", CALC)] * 8, concurrency=8)
    elapsed = time.monotonic() - started
    assert [r["summaryPrice"] for r in results] == [10000] * 8
    assert elapsed < 0.2 * 8 / 2, f"8 delayed calls at concurrency 8 took {elapsed:.3f} s"
