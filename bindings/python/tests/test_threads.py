"""One client shared by many threads: parallel calls (the GIL is released), one login."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import bts

CALC = {"senderCityId": 3, "receiverCityId": 3, "weight": 1}


def test_gil_is_released_during_calls(client, sandbox):
    client.auth_get_token()
    sandbox.fault("order/calculate", {"kind": "delay", "ms": 300}, times=2)
    results = []
    barrier = threading.Barrier(2)

    def worker() -> None:
        barrier.wait()
        results.append(client.order_calculate(CALC)["summaryPrice"])

    threads = [threading.Thread(target=worker) for _ in range(2)]
    started = time.monotonic()
    for t in threads:
        t.start()
    # While both threads sit in bts_call, this thread keeps running Python code.
    spins = 0
    while any(t.is_alive() for t in threads):
        spins += 1
        time.sleep(0)
    elapsed = time.monotonic() - started
    assert results == [10000, 10000]
    assert elapsed >= 0.3
    assert elapsed < 0.55, f"two delayed calls took {elapsed:.3f} s: the GIL was held"
    assert spins > 10


def test_many_threads_share_one_login(sandbox):
    with bts.Client(sandbox.config()) as client:
        def work(_: int) -> int:
            total = 0
            for _ in range(20):
                total += client.order_calculate(CALC)["summaryPrice"]
            return total

        with ThreadPoolExecutor(max_workers=16) as pool:
            totals = list(pool.map(work, range(16)))
    assert totals == [20 * 10000] * 16
    counts = sandbox.counts()
    assert counts.get("auth/get-token") == 1
    assert counts.get("order/calculate") == 16 * 20


def test_concurrent_wrong_password_logs_in_once(sandbox):
    # The login is slowed down so that every thread arrives while it is in flight: they must
    # all wait for it and share its refusal (repeated refusals can lock an account).
    sandbox.fault("auth/get-token", {"kind": "delay", "ms": 300}, times=1)
    barrier = threading.Barrier(8)
    with bts.Client(sandbox.config(password="not-the-password")) as client:
        def work(_: int) -> str:
            barrier.wait()
            try:
                client.order_calculate(CALC)
            except bts.AuthError as err:
                return err.kind
            return "ok"

        with ThreadPoolExecutor(max_workers=8) as pool:
            kinds = list(pool.map(work, range(8)))
    assert kinds == ["auth"] * 8
    assert sandbox.counts().get("auth/get-token") == 1


def test_close_while_a_call_is_in_flight(sandbox):
    client = bts.Client(sandbox.config())
    client.auth_get_token()
    frees = []
    native = client._handle
    real = native.free
    native.free = lambda h: (frees.append(h), real(h))
    del native
    sandbox.fault("order/calculate", {"kind": "delay", "ms": 300}, times=1)
    result = {}

    def worker() -> None:
        result["data"] = client.order_calculate(CALC)
        result["frees_when_returned"] = len(frees)

    t = threading.Thread(target=worker)
    t.start()
    time.sleep(0.1)
    client.close()  # returns at once; the handle is freed when the call returns
    assert client.closed
    assert frees == [], "freed while a call was still using it"
    t.join()
    assert result["data"]["summaryPrice"] == 10000
    assert len(frees) == 1, "freed once"
    assert result["frees_when_returned"] == 1, "freed as the call in flight returned"
    assert client._handle is None
    try:
        client.order_calculate(CALC)
    except bts.InvalidInputError as err:
        assert "closed" in str(err)
    else:
        raise AssertionError("a closed client must refuse calls")


def test_close_from_many_threads_frees_once(sandbox, monkeypatch):
    lib = bts.load_library()
    frees = []
    real_free = lib.bts_client_free
    for _ in range(20):
        client = bts.Client(sandbox.config())
        client._handle.free = lambda h, real=real_free: (frees.append(h), real(h))
        threads = [threading.Thread(target=client.close) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(frees) == 20 and len(set(frees)) <= 20
