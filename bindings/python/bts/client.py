"""The :class:`Client`: one ``BtsClient *`` of the C library, JSON in, Python objects out.

Every call writes one record to the ``bts`` logger (:mod:`logging`): the operation, how long it
took and whether it succeeded (or the error's kind), at ``DEBUG`` for a success and ``WARNING``
for a failure, with the same facts as ``extra`` attributes ``bts_operation``,
``bts_duration_ms``, ``bts_ok`` and ``bts_kind``. Parameters, replies and credentials are never
logged.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import time
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
    cast,
)

from . import _native
from ._operations import CurrentOperations, OperationName, Operations
from .errors import BtsError, InvalidInputError, error_from_envelope
from .types import LabelFile

__all__ = ["Client", "CurrentApi", "operations", "version"]

#: The logger every call writes to.
logger = logging.getLogger("bts")

PathLike = Union[str, "os.PathLike[str]"]

Params = Optional[Mapping[str, Any]]
JSON = Any


def _invalid_input_envelope(message: str) -> str:
    """An ``invalid_input`` envelope (made by the library) for a call refused before it
    reached the library."""
    return _native.error_envelope("invalid_input", message)


# One encoder for every call: ``json.dumps`` with arguments builds a new one each time, which
# costs more than encoding a small request (measured: 2.9 against 1.4 µs for ``{"orderId": 1}``).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _encode_params(params: Params) -> bytes:
    """The parameters as UTF-8 JSON text; ``None`` and ``{}`` both encode as ``{}``.

    The parameters most calls take, one whole number under a plain name (``{"orderId": 5}``),
    are written directly: the same text the encoder makes, in a third of its time (measured:
    0.3 against 1.0 µs)."""
    if params is None:
        return b"{}"
    if type(params) is dict and len(params) == 1:
        for name, value in params.items():
            # bool is a subclass of int: type() keeps True out; an ASCII alphanumeric name
            # needs no escaping
            if type(value) is int and type(name) is str and name.isascii() and name.isalnum():
                return f'{{"{name}":{value}}}'.encode("ascii")
    return _ENCODER.encode(params).encode("utf-8")


def _merge(base: Optional[Mapping[str, Any]], extra: Mapping[str, Any]) -> Dict[str, Any]:
    merged: Dict[str, Any] = dict(base or {})
    merged.update(extra)
    return merged


def operations() -> List[Dict[str, Any]]:
    """Every operation the library knows (``bts_operations()``): ``name``, ``service``,
    ``method``, ``route``, ``retry``, ``required``, ``query``, ``paginated``, ``summary``."""
    return cast(List[Dict[str, Any]], json.loads(_native.operations_json()))


def _log_call(operation: str, started: float, text: str) -> None:
    """One ``bts`` log record for a finished call (never its parameters or reply)."""
    ok = text.startswith('{"ok":true')
    level = logging.DEBUG if ok else logging.WARNING
    if not logger.isEnabledFor(level):
        return
    kind: Optional[str] = None
    if not ok:
        try:
            kind = str(json.loads(text)["error"]["kind"])
        except (ValueError, KeyError, TypeError):
            kind = "internal"
    ms = round((time.monotonic() - started) * 1000, 1)
    outcome = "ok" if ok else f"failed ({kind})"
    logger.log(
        level,
        "%s %s in %s ms",
        operation,
        outcome,
        ms,
        extra={"bts_operation": operation, "bts_duration_ms": ms, "bts_ok": ok, "bts_kind": kind},
    )


def _page_of(reply: Any) -> Optional[Dict[str, Any]]:
    """The page inside a list reply: the reply itself (current API: ``{items, _links, _meta}``)
    or its ``data`` (WMS: ``{message, data: {items, ...}}``)."""
    if isinstance(reply, dict):
        if isinstance(reply.get("items"), list):
            return reply
        data = reply.get("data")
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            return data
    return None


def _last_page(page: Dict[str, Any], number: int) -> bool:
    """Whether ``page`` (page ``number``) is the last one: by ``_meta`` when it counts pages,
    else by the absence of a ``_links.next``, else by an empty page."""
    meta = page.get("_meta")
    if isinstance(meta, dict) and isinstance(meta.get("pageCount"), int):
        count: int = meta["pageCount"]
        current = meta.get("currentPage")
        return (current if isinstance(current, int) else number) >= count
    links = page.get("_links")
    if isinstance(links, dict):
        return not links.get("next")
    return not page.get("items")


class _Paging:
    """``iter_pages`` and ``iter_items`` over any operation with a ``page`` parameter."""

    def call(self, operation: OperationName, params: Optional[Mapping[str, Any]] = None) -> Any:
        raise NotImplementedError

    def iter_pages(
        self, operation: OperationName, params: Optional[Mapping[str, Any]] = None, start: int = 1
    ) -> Iterator[Dict[str, Any]]:
        """Every page of a list, one call per page as you iterate: the WMS lists
        (``wms/product/clients``, …) and the current API's paged directory lists
        (``directory/cities``, … with ``per-page`` in ``params`` if you like). Yields the page
        objects (``{"items", "_links", "_meta"}``); stops after the last page (by ``_meta``, else
        ``_links.next``) or at an empty one."""
        number = start
        while True:
            query = dict(params or {})
            query["page"] = number
            page = _page_of(self.call(operation, query))
            if page is None:
                raise InvalidInputError(f"{operation} did not answer a list page")
            yield page
            if not page.get("items") or _last_page(page, number):
                return
            number += 1

    def iter_items(
        self, operation: OperationName, params: Optional[Mapping[str, Any]] = None
    ) -> Iterator[Dict[str, Any]]:
        """Every item of every page of a list (see :meth:`iter_pages`)."""
        for page in self.iter_pages(operation, params):
            for item in page.get("items", []):
                yield item


class CurrentApi(CurrentOperations, _Paging):
    """The current courier API's typed methods on a client (``client.current``): the same calls
    as the client's, with the current API's request and reply types."""

    def __init__(self, client: "Client") -> None:
        self._client = client

    def call(self, operation: OperationName, params: Optional[Mapping[str, Any]] = None) -> Any:
        """:meth:`Client.call`."""
        return self._client.call(operation, params)

    def __repr__(self) -> str:
        return f"<bts.CurrentApi of {self._client!r}>"


def version() -> str:
    """The C library's version, e.g. ``"0.1.0"``."""
    return _native.version()


class _Handle:
    """A native client (``BtsClient *``), freed with ``bts_client_free`` exactly once: when the
    last reference to it goes. The client holds one until :meth:`Client.close`; each call in
    flight holds its own. CPython's reference counting does the counting, so the call path
    takes no lock (a lock there cost 0.9 µs a call, measured with bench/run)."""

    __slots__ = ("value", "free")

    def __init__(self, value: int, free: Callable[[int], None]) -> None:
        self.value = value
        # kept here so that freeing still works while the interpreter shuts down
        self.free = free

    def __del__(self) -> None:
        try:
            self.free(self.value)
        except Exception:  # never raise from a finalizer, e.g. at interpreter exit
            pass


class Client(Operations, _Paging):
    """A BTS client: courier API and WMS, one connection pool, one login per service.

    ``config`` holds the keys of the bts configuration (``base_url``, ``username``,
    ``password``, ``inn``, ``token``, ``wms_base_url``, ``wms_login``, ``wms_password``,
    ``wms_token``, ``timeout_ms``, ``connect_timeout_ms``, ``max_retries``,
    ``page_concurrency``, ``user_agent``, ``max_response_bytes``); keyword arguments are added to it. Unknown keys raise
    :class:`~bts.InvalidInputError`. Nothing is sent until the first call.

    One client may be shared by any number of threads: calls run in parallel (the GIL is
    released while the library works) and the login happens once. Close it with
    :meth:`close` or a ``with`` block; closing twice is harmless, and a client closed while
    other threads are still inside a call is freed when the last of those calls returns.
    """

    def __init__(self, config: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> None:
        self._handle: Optional[_Handle] = None
        self._closing = False
        lib = _native.load()
        self._lib = lib
        merged = _merge(config, kwargs)
        try:
            config_json = json.dumps(merged, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError, UnicodeEncodeError) as e:
            raise InvalidInputError(f"the configuration cannot be encoded as JSON: {e}") from None
        error_out = ctypes.c_void_p()
        handle = lib.bts_client_new(config_json, ctypes.byref(error_out))
        if not handle:
            if error_out.value:
                raise error_from_envelope(json.loads(_native.take_string(lib, error_out.value)))
            raise BtsError("bts_client_new failed without an error envelope", kind="internal")
        self._handle = _Handle(handle, lib.bts_client_free)

    # -- lifetime ---------------------------------------------------------------------------

    def close(self) -> None:
        """Frees the native client (at once, or when the last call in flight returns). Safe to
        call more than once and from any thread."""
        self._closing = True
        # the client's reference: the calls in flight hold theirs (see _Handle)
        self._handle = None

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closing

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # never raise from a finalizer, e.g. at interpreter exit
            pass

    def __repr__(self) -> str:
        # Deliberately shows no configuration: it holds credentials.
        return f"<bts.Client {'closed' if self._closing else 'open'}>"

    # -- the generic call ---------------------------------------------------------------------

    def call_envelope_text(self, operation: str, params_json: str = "{}") -> str:
        """Calls ``operation`` with parameters given as JSON text and returns the envelope text
        exactly as the library made it (for callers that forward or parse it themselves)."""
        try:
            params = params_json.encode("utf-8")
        except (AttributeError, UnicodeEncodeError):
            return _invalid_input_envelope("the parameters must be a str of valid Unicode")
        return self._call(operation, params)

    def call_envelope(self, operation: OperationName, params: Params = None) -> Dict[str, Any]:
        """Calls ``operation`` and returns the envelope as a dict: ``{"ok": True, "data": ...}``
        or ``{"ok": False, "error": {"kind", "message", "status", "fields", "body"}}``.
        Never raises for a failed call."""
        try:
            encoded = _encode_params(params)
        except (TypeError, ValueError, UnicodeEncodeError) as e:
            text = _invalid_input_envelope(f"the parameters cannot be encoded as JSON: {e}")
        else:
            text = self._call(operation, encoded)
        return cast(Dict[str, Any], json.loads(text))

    def _call(self, operation: str, params: bytes) -> str:
        """bts_call: the envelope text for ``operation`` with UTF-8 JSON ``params``, logged.
        (One function on purpose: this is the path of every call.)"""
        started = time.monotonic()
        op = None
        if not isinstance(operation, str):
            text = _invalid_input_envelope(
                f"the operation must be a str, not {type(operation).__name__}"
            )
        # ctypes passes bytes as a NUL-terminated char*: an inner NUL would cut the text short.
        elif "\x00" in operation or b"\x00" in params:
            text = _invalid_input_envelope("the operation and parameters must not contain NUL")
        else:
            try:
                op = operation.encode("utf-8")
            except UnicodeEncodeError:
                text = _invalid_input_envelope("the operation is not valid Unicode")
        if op is not None:
            # this call's own reference keeps the native client alive until it returns
            handle = self._handle
            if handle is None:
                text = _invalid_input_envelope("the client is closed")
            else:
                lib = self._lib
                text = _native.take_string(lib, lib.bts_call(handle.value, op, params))
        _log_call(operation if isinstance(operation, str) else repr(operation), started, text)
        return text

    def call(self, operation: OperationName, params: Params = None) -> JSON:
        """Calls ``operation`` (see :func:`operations`) with ``params`` (a JSON-able mapping) and
        returns the server's JSON (``data``). Raises the :class:`~bts.BtsError` subclass of the
        error's kind."""
        envelope = self.call_envelope(operation, params)
        if envelope.get("ok") is True:
            return envelope.get("data")
        raise error_from_envelope(envelope)

    def batch(
        self,
        calls: Iterable[Union[Tuple[str, Params], Mapping[str, Any]]],
        concurrency: Optional[int] = None,
    ) -> List[Union[JSON, BtsError]]:
        """Runs many calls side by side inside the library (operation ``batch``), at most
        ``concurrency`` at once (default 4, at most 16; up to 1000 calls), and returns one
        result per call, in order: its data, or the :class:`~bts.BtsError` it failed with
        (returned, not raised: one failure does not hide the others). Each call is an
        ``(operation, params)`` pair or a ``{"operation": ..., "params": ...}`` mapping.

        Raises :class:`~bts.InvalidInputError` when the batch itself is refused (no calls, too
        many, an unknown operation: ``fields`` names the index, e.g. ``calls[3].operation``);
        then nothing was sent."""
        listed: List[Dict[str, Any]] = []
        for call in calls:
            if isinstance(call, Mapping):
                listed.append(dict(call))
            else:
                operation, call_params = call
                item: Dict[str, Any] = {"operation": operation}
                if call_params is not None:
                    item["params"] = call_params
                listed.append(item)
        request: Dict[str, Any] = {"calls": listed}
        if concurrency is not None:
            request["concurrency"] = concurrency
        envelopes = self.call("batch", request)
        return [
            envelope.get("data") if envelope.get("ok") is True else error_from_envelope(envelope)
            for envelope in envelopes
        ]

    # -- views and helpers ----------------------------------------------------------------------

    @property
    def current(self) -> CurrentApi:
        """The current courier API's typed methods (``client.current.order_add(...)``)."""
        return CurrentApi(self)

    def save_label(self, order_id: int, path: PathLike) -> LabelFile:
        """Saves the shipping label (PDF) of one order to ``path`` (operation ``label/save``) and
        returns ``{"path", "bytes", "source"}``."""
        return cast(
            LabelFile,
            self.call("label/save", {"orderId": order_id, "path": os.fspath(path)}),
        )

    def save_stickers(self, order_ids: Sequence[int], path: PathLike) -> LabelFile:
        """Saves the labels of several orders (up to 50) as one PDF at ``path`` (operation
        ``label/save`` with ``orderIds``) and returns ``{"path", "bytes", "source"}``."""
        return cast(
            LabelFile,
            self.call(
                "label/save",
                {"orderIds": list(order_ids), "path": os.fspath(path)},
            ),
        )

    # -- metadata ------------------------------------------------------------------------------

    operations = staticmethod(operations)
    version = staticmethod(version)

    # -- escape hatch -------------------------------------------------------------------------

    def raw(
        self,
        service: str,
        method: str,
        route: str,
        query: Optional[Mapping[str, Any]] = None,
        body: Optional[Any] = None,
    ) -> JSON:
        """Any route (``raw``): ``service`` is ``"courier"`` or ``"wms"``, ``method`` ``"GET"`` or
        ``"POST"``, ``route`` e.g. ``"v1/directory/post-types"``. A POST is never replayed."""
        params: Dict[str, Any] = {"service": service, "method": method, "route": route}
        if query is not None:
            params["query"] = dict(query)
        if body is not None:
            params["body"] = body
        return self.call("raw", params)
