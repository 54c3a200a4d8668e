"""Every error kind the library can produce comes back as its own exception class."""

from __future__ import annotations

import builtins
import json
import pickle
import time

import pytest

import bts


# -- invalid_input: nothing is sent --------------------------------------------------------


def test_unknown_operation_is_invalid_input(client, sandbox):
    with pytest.raises(bts.InvalidInputError) as info:
        client.call("order/teleport", {})
    err = info.value
    assert err.kind == "invalid_input"
    assert err.status is None
    assert "order/teleport" in str(err)
    assert str(err) == err.message
    assert isinstance(err, bts.BtsError) and isinstance(err, ValueError)
    assert sandbox.counts().get("*", 0) == 0


def test_bad_params_json_is_invalid_input(client):
    text = client.call_envelope_text("order/detail", "{not json")
    envelope = bts.error_from_envelope(__import__("json").loads(text))
    assert isinstance(envelope, bts.InvalidInputError)
    assert "not valid JSON" in envelope.message


def test_params_that_are_not_an_object_are_invalid_input(client):
    with pytest.raises(bts.InvalidInputError):
        client.call("order/detail", [1, 2])  # type: ignore[arg-type]


def test_unencodable_params_are_invalid_input(client):
    with pytest.raises(bts.InvalidInputError):
        client.call("order/detail", {"orderId": {1, 2}})


def test_missing_required_fields_are_named(client, sandbox):
    with pytest.raises(bts.InvalidInputError) as info:
        client.order_add({"weight": 2, "senderCityId": 3, "senderPhone": ""})
    fields = info.value.fields
    for name in ["senderAddress", "senderReal", "senderPhone", "packageId", "postTypeId",
                 "receiver", "receiverAddress", "receiverCityId", "receiverPhone"]:
        assert name in fields, name
    assert "weight" not in fields and "senderCityId" not in fields
    assert sandbox.counts().get("order/add", 0) == 0


def test_missing_query_parameter_is_named(client):
    with pytest.raises(bts.InvalidInputError) as info:
        client.call("order/detail")
    assert list(info.value.fields) == ["orderId"]


def test_unknown_config_key_is_invalid_input(sandbox):
    with pytest.raises(bts.InvalidInputError) as info:
        bts.Client(sandbox.config(pasword="typo"))
    assert "pasword" in info.value.fields


def test_bad_config_value_is_invalid_input(sandbox):
    with pytest.raises(bts.InvalidInputError):
        bts.Client(sandbox.config(base_url="ftp://example.com/"))


# -- validation: the server refused fields ------------------------------------------------


def test_unknown_city_is_validation(client, order):
    order["receiverCityId"] = 999999
    with pytest.raises(bts.ValidationError) as info:
        client.order_add(order)
    err = info.value
    assert err.kind == "validation"
    assert "receiverCityId" in err.fields
    assert all(isinstance(m, str) for m in err.fields["receiverCityId"])
    assert err.status is not None and err.body
    assert err.envelope["ok"] is False and err.envelope["error"]["kind"] == "validation"


# -- auth ----------------------------------------------------------------------------------


def test_wrong_password_is_auth_and_never_shown(sandbox):
    secret = "wrong-Pa55word-XYZ"
    with bts.Client(sandbox.config(password=secret)) as client:
        with pytest.raises(bts.AuthError) as info:
            client.order_detail(1)
    err = info.value
    assert err.kind == "auth"
    assert err.status is not None and 400 <= err.status < 500
    for text in (str(err), repr(err), err.body or "", str(err.envelope)):
        assert secret not in text
    assert sandbox.counts().get("auth/get-token") == 1
    assert sandbox.counts().get("order/detail", 0) == 0


def test_no_credentials_is_auth(sandbox):
    config = sandbox.config()
    for key in ("username", "password", "inn", "token"):
        config.pop(key, None)
    with bts.Client(config) as client:
        with pytest.raises(bts.AuthError):
            client.order_detail(1)


# -- http ----------------------------------------------------------------------------------


def test_server_error_is_http(client, sandbox):
    client.auth_get_token()
    # A read is retried on a 500 (max_retries, 2 by default): a 500 on every try is reported.
    sandbox.fault("order/detail", {"kind": "status", "status": 500}, times=10)
    with pytest.raises(bts.HttpError) as info:
        client.order_detail(1)
    assert info.value.status == 500
    assert info.value.body is not None
    assert sandbox.counts().get("order/detail") == 3


def test_retryable_status_is_retried_then_succeeds(client, sandbox):
    client.auth_get_token()
    sandbox.fault(
        "directory/regions",
        {"kind": "status", "status": 503, "body": "{}", "headers": {"Retry-After": "0"}},
        times=1,
    )
    assert client.directory_regions() is not None
    assert sandbox.counts().get("directory/regions") == 2


# -- timeout -------------------------------------------------------------------------------


def test_stall_is_timeout(sandbox):
    with bts.Client(sandbox.config(timeout_ms=300)) as client:
        client.auth_get_token()
        sandbox.fault("order/detail", {"kind": "stall", "ms": 3000}, times=3)
        started = time.monotonic()
        with pytest.raises(bts.TimeoutError) as info:
            client.order_detail(1)
        elapsed = time.monotonic() - started
    assert info.value.kind == "timeout"
    assert isinstance(info.value, builtins.TimeoutError)
    assert elapsed < 2.0
    assert info.value.sent is True, "a stalled request may have reached BTS"


# -- network -------------------------------------------------------------------------------


def test_closed_port_is_network(sandbox, closed_port):
    config = sandbox.config(
        base_url=f"http://127.0.0.1:{closed_port}/index.php", max_retries=0
    )
    with bts.Client(config) as client:
        with pytest.raises(bts.NetworkError) as info:
            client.order_detail(1)
    assert info.value.kind == "network"
    assert info.value.status is None
    assert isinstance(info.value, ConnectionError)
    assert info.value.sent is False, "a refused connection proves nothing was sent"


# -- decode --------------------------------------------------------------------------------


def test_html_body_is_decode(client, sandbox):
    client.auth_get_token()
    html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    sandbox.fault(
        "order/detail",
        {"kind": "body", "status": 200, "content_type": "text/html", "body": html},
        times=1,
    )
    with pytest.raises(bts.DecodeError) as info:
        client.order_detail(1)
    assert "502 Bad Gateway" in (info.value.body or "")


# -- internal ------------------------------------------------------------------------------


def test_panic_inside_the_library_is_internal(client):
    if "__panic" not in {op["name"] for op in bts.operations()}:
        pytest.fail("libbts was built without --features test-panic")
    with pytest.raises(bts.InternalError) as info:
        client.call("__panic")
    assert info.value.kind == "internal"
    # The process and the client survive the panic.
    assert client.call_envelope("order/teleport")["error"]["kind"] == "invalid_input"


# -- the exception classes -----------------------------------------------------------------


def test_every_kind_maps_to_its_class():
    expected = {
        "invalid_input": bts.InvalidInputError,
        "validation": bts.ValidationError,
        "auth": bts.AuthError,
        "http": bts.HttpError,
        "timeout": bts.TimeoutError,
        "network": bts.NetworkError,
        "decode": bts.DecodeError,
        "internal": bts.InternalError,
    }
    for kind, cls in expected.items():
        envelope = {"ok": False, "error": {"kind": kind, "message": f"{kind} happened",
                                           "status": 418, "fields": {"a": ["b"]}, "body": "x"}}
        err = bts.error_from_envelope(envelope)
        assert type(err) is cls and issubclass(cls, bts.BtsError)
        assert (err.kind, err.message, err.status, err.fields, err.body) == (
            kind, f"{kind} happened", 418, {"a": ["b"]}, "x")
        assert str(err) == f"{kind} happened"
        copy = pickle.loads(pickle.dumps(err))
        assert type(copy) is cls and copy.envelope == envelope
    unknown = bts.error_from_envelope({"ok": False, "error": {"kind": "future", "message": "m"}})
    assert type(unknown) is bts.BtsError and unknown.kind == "future"
    assert issubclass(bts.TimeoutError, builtins.TimeoutError)
    assert issubclass(bts.NetworkError, ConnectionError)


def test_text_that_cannot_cross_the_boundary_is_invalid_input(client, sandbox):
    for operation, params in [
        ("order/detail\x00x", {"orderId": 1}),   # ctypes would cut the name at the NUL
        ("order/\udcffdetail", {"orderId": 1}),  # a lone surrogate is not UTF-8
        ("order/detail", {"orderId": "\udcff"}),
        (42, {"orderId": 1}),
    ]:
        envelope = client.call_envelope(operation, params)  # type: ignore[arg-type]
        assert envelope["ok"] is False and envelope["error"]["kind"] == "invalid_input"
    refused = json.loads(client.call_envelope_text("order/detail", '{"orderId": 1}\x00'))
    # The library makes local envelopes too: the same keys as every error envelope.
    assert refused["ok"] is False and refused["error"]["kind"] == "invalid_input"
    assert sorted(refused["error"]) == ["body", "code", "fields", "kind", "message", "request_id", "sent", "status"]
    assert refused["error"]["sent"] is False
    assert sandbox.counts().get("*", 0) == 0
