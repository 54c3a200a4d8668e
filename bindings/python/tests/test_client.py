"""The binding itself: declarations, string ownership, lifetime, the method table, loading."""

from __future__ import annotations

import ctypes
import gc
import inspect
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import bts
from bts import _native

from conftest import LIBRARY, PACKAGE_ROOT, REPO


def method_name(operation: str) -> str:
    return operation.replace("/", "_").replace("-", "_")


def public_operations():
    return [op for op in bts.operations() if op["public"]]


def test_abi_version_and_version():
    lib = bts.load_library()
    assert lib.bts_abi_version() == bts.ABI_VERSION == 1
    assert bts.version() == bts.Client.version()
    assert bts.version().count(".") == 2


def test_every_function_is_declared_and_owned_strings_are_void_pointers():
    lib = bts.load_library()
    for name in ["bts_version", "bts_abi_version", "bts_client_new", "bts_call",
                 "bts_operations", "bts_string_free", "bts_client_free"]:
        fn = getattr(lib, name)
        assert fn.argtypes is not None, name
    for name in ["bts_call", "bts_operations", "bts_client_new"]:
        assert getattr(lib, name).restype is ctypes.c_void_p, name
    assert lib.bts_client_new.argtypes[1] is ctypes.POINTER(ctypes.c_void_p)
    assert lib.bts_string_free.restype is None and lib.bts_client_free.restype is None


def test_every_returned_string_is_freed_once(client, monkeypatch):
    lib = bts.load_library()
    made, freed = [], []
    real_call, real_ops, real_free = lib.bts_call, lib.bts_operations, lib.bts_string_free

    def call(*args):
        p = real_call(*args)
        made.append(p)
        return p

    def ops():
        p = real_ops()
        made.append(p)
        return p

    def free(p):
        freed.append(p)
        real_free(p)

    monkeypatch.setattr(lib, "bts_call", call)
    monkeypatch.setattr(lib, "bts_operations", ops)
    monkeypatch.setattr(lib, "bts_string_free", free)
    client.order_calculate(senderCityId=3, receiverCityId=3, weight=1)
    with pytest.raises(bts.InvalidInputError):
        client.call("order/teleport")
    with pytest.raises(bts.InternalError):
        client.call("__panic")
    client.call_envelope("order/detail", {"orderId": 1})
    client.call_envelope_text("order/detail", "{bad")
    bts.operations()
    assert len(made) == 6 and all(isinstance(p, int) and p for p in made)
    assert freed == made


def test_client_new_error_string_is_freed(sandbox, monkeypatch):
    lib = bts.load_library()
    freed = []
    real_free = lib.bts_string_free
    monkeypatch.setattr(lib, "bts_string_free", lambda p: (freed.append(p), real_free(p)))
    with pytest.raises(bts.InvalidInputError):
        bts.Client(sandbox.config(nonsense=True))
    assert len(freed) == 1 and freed[0]


def test_every_operation_has_its_method():
    names = [op["name"] for op in public_operations()]
    assert "order/add" in names and "wms/product/clients" in names and "raw" in names
    missing = [n for n in names if not callable(getattr(bts.Client, method_name(n), None))]
    assert missing == []
    paginated = [op["name"] for op in public_operations() if op["paginated"]]
    assert paginated
    missing_all = [n for n in paginated if not hasattr(bts.Client, method_name(n) + "_all")]
    assert missing_all == []


def test_every_method_calls_its_operation(monkeypatch):
    client = bts.Client.__new__(bts.Client)
    seen = []
    # Answers [] (what batch reads its envelopes from; the other methods return it as it is).
    monkeypatch.setattr(client, "call", lambda op, params=None: seen.append((op, params)) or [],
                        raising=False)
    for op in public_operations():
        name = op["name"]
        method = getattr(client, method_name(name))
        args = []
        for p in inspect.signature(method).parameters.values():
            if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY,
                                                                   p.POSITIONAL_OR_KEYWORD):
                args.append({"status": []} if p.name == "statuses" else
                            [("order/track", {"orderId": 1})] if p.name == "calls" else
                            "x" if p.name in ("service", "method", "route", "barcode") else
                            {} if p.annotation in ("Params",) else 7)
        seen.clear()
        method(*args)
        assert seen and seen[0][0] == name, name
        for q in op["query"]:
            if q["required"]:
                assert q["name"] in seen[0][1], (name, q["name"])


def test_convenience_parameters(monkeypatch):
    client = bts.Client.__new__(bts.Client)
    seen = []
    monkeypatch.setattr(client, "call", lambda op, params=None: seen.append((op, params)),
                        raising=False)
    client.order_detail(229234)
    client.directory_branches()
    client.directory_branches(region_id=14)
    client.wms_product_clients()
    client.wms_product_clients(page=2)
    client.wms_product_clients_all()
    client.wms_product_client_status([{"id": 1, "status": "ok"}])
    client.order_calculate({"weight": 1}, senderCityId=3)
    client.raw("wms", "POST", "v1/x", body={"a": 1})
    assert seen == [
        ("order/detail", {"orderId": 229234}),
        ("directory/branches", {}),
        ("directory/branches", {"regionId": 14}),
        ("wms/product/clients", {}),
        ("wms/product/clients", {"page": 2}),
        ("wms/product/clients", {"all_pages": True}),
        ("wms/product/client-status", {"status": [{"id": 1, "status": "ok"}]}),
        ("order/calculate", {"weight": 1, "senderCityId": 3}),
        ("raw", {"service": "wms", "method": "POST", "route": "v1/x", "body": {"a": 1}}),
    ]


def test_close_twice_and_context_manager(sandbox):
    client = bts.Client(sandbox.config())
    client.close()
    client.close()
    assert client.closed and "closed" in repr(client)
    envelope = client.call_envelope("order/detail", {"orderId": 1})
    assert envelope["error"]["kind"] == "invalid_input"
    with bts.Client(sandbox.config()) as c:
        assert c.order_calculate(senderCityId=3, receiverCityId=3, weight=1)
    assert c.closed


def test_garbage_collected_client_is_freed(sandbox, monkeypatch):
    lib = bts.load_library()
    freed = []
    client = bts.Client(sandbox.config())
    native = client._handle
    handle, real = native.value, native.free
    native.free = lambda h: (freed.append(h), real(h))
    del client, native
    gc.collect()
    assert freed == [handle]


def test_failed_constructor_leaves_nothing_to_free(sandbox):
    with pytest.raises(bts.InvalidInputError):
        bts.Client(sandbox.config(timeout_ms="soon"))
    gc.collect()


def test_reprs_hold_no_credentials(sandbox):
    config = sandbox.config(password="Sup3r-Secret-Pw")
    client = bts.Client(config)
    assert "Sup3r" not in repr(client) and "Sup3r" not in str(client)
    client.close()


def test_kwargs_merge_into_config(sandbox):
    config = sandbox.config()
    base = config.pop("base_url")
    with bts.Client(config, base_url=base) as client:
        assert client.order_calculate(senderCityId=3, receiverCityId=3, weight=1)


def test_library_lookup_order():
    paths = _native.candidate_paths()
    assert paths[0] == PACKAGE_ROOT / "bts" / LIBRARY.name
    assert REPO / "target" / "release" / LIBRARY.name in paths
    assert paths.index(REPO / "target" / "release" / LIBRARY.name) < paths.index(LIBRARY)
    assert _native.loaded_path() == Path(os.environ["BTS_LIBRARY"])


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "BTS_LIBRARY"}
    full_env.update(env)
    full_env["PYTHONPATH"] = str(PACKAGE_ROOT)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=full_env,
                          capture_output=True, text=True, timeout=60)


def test_missing_library_is_a_clear_error():
    result = run_python(
        """
        import bts
        try:
            bts.Client()
        except bts.BtsLibraryNotFound as e:
            assert isinstance(e, ImportError)
            print("NOTFOUND", e)
        """,
        BTS_LIBRARY="/nonexistent/libbts.so",
    )
    assert result.returncode == 0, result.stderr
    assert "NOTFOUND" in result.stdout and "/nonexistent/libbts.so" in result.stdout


def test_repository_build_is_found_without_env():
    result = run_python("import bts; print(bts.version()); print(bts._native.loaded_path())")
    assert result.returncode == 0, result.stderr
    assert str(REPO / "target") in result.stdout


def test_wrong_abi_version_is_refused(tmp_path):
    cc = next((c for c in ("cc", "gcc", "clang") if subprocess.run(
        ["sh", "-c", f"command -v {c}"], capture_output=True).returncode == 0), None)
    if cc is None or sys.platform == "win32":
        pytest.skip("no C compiler to build a fake library")
    source = tmp_path / "fake.c"
    source.write_text(textwrap.dedent("""
        #include <stdint.h>
        const char *bts_version(void) { return "9.9.9"; }
        uint32_t bts_abi_version(void) { return 2; }
        void *bts_client_new(const char *c, char **e) { return 0; }
        char *bts_call(void *c, const char *o, const char *p) { return 0; }
        char *bts_operations(void) { return 0; }
        void bts_string_free(char *s) {}
        void bts_client_free(void *c) {}
    """))
    lib = tmp_path / "libfake.so"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(lib), str(source)], check=True)
    result = run_python(
        """
        import bts
        try:
            bts.version()
        except bts.BtsLibraryError as e:
            print("REFUSED", e)
        """,
        BTS_LIBRARY=str(lib),
    )
    assert result.returncode == 0, result.stderr
    assert "REFUSED" in result.stdout and "version 2" in result.stdout


def test_parameters_encode_as_the_json_encoder_does():
    """The direct path for one whole number under a plain name gives the encoder's own text;
    everything else goes through the encoder."""
    from bts.client import _encode_params

    cases = [
        None,
        {},
        {"orderId": 229234},
        {"orderId": -5},
        {"orderId": 10**30},
        {"page": 0},
        {"flag": True},
        {"orderId": 1.5},
        {"orderId": "229234"},
        {"order-id": 1},
        {"orderId_": 1},
        {"zakaz№": 1},
        {"ид": 1},
        {"a\"b": 1},
        {1: 2},
        {"orderId": 1, "page": 2},
        {"path": "é"},
    ]
    for params in cases:
        expected = json.dumps({} if params is None else params, ensure_ascii=False,
                              separators=(",", ":")).encode("utf-8")
        assert _encode_params(params) == expected, params

    class Number(int):
        def __repr__(self) -> str:
            return "not-a-number"

    # an int subclass may print itself differently: the encoder decides
    assert _encode_params({"orderId": Number(7)}) == b'{"orderId":7}'
