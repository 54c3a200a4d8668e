"""The :class:`Client`: one ``BtsClient *`` of the C library, JSON in, Python objects out."""

from __future__ import annotations

import ctypes
import json
import threading
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _native
from ._operations import Operations
from .errors import BtsError, InvalidInputError, error_from_envelope

__all__ = ["Client", "operations", "version"]

Params = Optional[Mapping[str, Any]]
JSON = Any


def _invalid_input_envelope(message: str) -> str:
    """An ``invalid_input`` envelope (made by the library) for a call refused before it
    reached the library."""
    return _native.error_envelope("invalid_input", message)


def _encode_params(params: Params) -> bytes:
    """The parameters as UTF-8 JSON text; ``None`` and ``{}`` both encode as ``{}``."""
    text = json.dumps({} if params is None else params, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _merge(base: Optional[Mapping[str, Any]], extra: Mapping[str, Any]) -> Dict[str, Any]:
    merged: Dict[str, Any] = dict(base or {})
    merged.update(extra)
    return merged


def operations() -> List[Dict[str, Any]]:
    """Every operation the library knows (``bts_operations()``): ``name``, ``service``,
    ``method``, ``route``, ``retry``, ``required``, ``query``, ``paginated``, ``summary``."""
    return json.loads(_native.operations_json())


def version() -> str:
    """The C library's version, e.g. ``"0.1.0"``."""
    return _native.version()


class Client(Operations):
    """A BTS client: courier API and WMS, one connection pool, one login per service.

    ``config`` holds the keys of the bts configuration (``base_url``, ``username``,
    ``password``, ``inn``, ``token``, ``wms_base_url``, ``wms_login``, ``wms_password``,
    ``wms_token``, ``timeout_ms``, ``connect_timeout_ms``, ``max_retries``, ``user_agent``,
    ``max_response_bytes``); keyword arguments are added to it. Unknown keys raise
    :class:`~bts.InvalidInputError`. Nothing is sent until the first call.

    One client may be shared by any number of threads: calls run in parallel (the GIL is
    released while the library works) and the login happens once. Close it with
    :meth:`close` or a ``with`` block; closing twice is harmless, and a client closed while
    other threads are still inside a call is freed when the last of those calls returns.
    """

    def __init__(self, config: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> None:
        self._handle: Optional[int] = None
        self._lock = threading.Lock()
        self._inflight = 0
        self._closing = False
        lib = _native.load()
        self._lib = lib
        # Kept on the instance so that __del__ still works while the interpreter shuts down.
        self._free = lib.bts_client_free
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
        self._handle = handle

    # -- lifetime ---------------------------------------------------------------------------

    def close(self) -> None:
        """Frees the native client. Safe to call more than once and from any thread."""
        lock = getattr(self, "_lock", None)
        if lock is None:  # __init__ failed before the lock existed
            return
        with lock:
            if self._closing:
                return
            self._closing = True
            if self._inflight:
                return  # the last call in flight frees it (see _release)
            handle, self._handle = self._handle, None
        if handle:
            self._free(handle)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closing

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # never raise from a finalizer, e.g. at interpreter exit
            pass

    def __repr__(self) -> str:
        # Deliberately shows no configuration: it holds credentials.
        return f"<bts.Client {'closed' if self._closing else 'open'}>"

    def _acquire(self) -> Optional[int]:
        with self._lock:
            if self._closing or not self._handle:
                return None
            self._inflight += 1
            return self._handle

    def _release(self) -> None:
        handle = None
        with self._lock:
            self._inflight -= 1
            if self._closing and self._inflight == 0:
                handle, self._handle = self._handle, None
        if handle:
            self._free(handle)

    # -- the generic call ---------------------------------------------------------------------

    def call_envelope_text(self, operation: str, params_json: str = "{}") -> str:
        """Calls ``operation`` with parameters given as JSON text and returns the envelope text
        exactly as the library made it (for callers that forward or parse it themselves)."""
        try:
            params = params_json.encode("utf-8")
        except (AttributeError, UnicodeEncodeError):
            return _invalid_input_envelope("the parameters must be a str of valid Unicode")
        return self._call(operation, params)

    def call_envelope(self, operation: str, params: Params = None) -> Dict[str, Any]:
        """Calls ``operation`` and returns the envelope as a dict: ``{"ok": True, "data": ...}``
        or ``{"ok": False, "error": {"kind", "message", "status", "fields", "body"}}``.
        Never raises for a failed call."""
        try:
            encoded = _encode_params(params)
        except (TypeError, ValueError, UnicodeEncodeError) as e:
            text = _invalid_input_envelope(f"the parameters cannot be encoded as JSON: {e}")
        else:
            text = self._call(operation, encoded)
        return json.loads(text)

    def _call(self, operation: str, params: bytes) -> str:
        """bts_call: the envelope text for ``operation`` with UTF-8 JSON ``params``."""
        if not isinstance(operation, str):
            return _invalid_input_envelope(
                f"the operation must be a str, not {type(operation).__name__}"
            )
        # ctypes passes bytes as a NUL-terminated char*: an inner NUL would cut the text short.
        if "\x00" in operation or b"\x00" in params:
            return _invalid_input_envelope("the operation and parameters must not contain NUL")
        try:
            op = operation.encode("utf-8")
        except UnicodeEncodeError:
            return _invalid_input_envelope("the operation is not valid Unicode")
        handle = self._acquire()
        if handle is None:
            return _invalid_input_envelope("the client is closed")
        try:
            return _native.take_string(self._lib, self._lib.bts_call(handle, op, params))
        finally:
            self._release()

    def call(self, operation: str, params: Params = None) -> JSON:
        """Calls ``operation`` (see :func:`operations`) with ``params`` (a JSON-able mapping) and
        returns the server's JSON (``data``). Raises the :class:`~bts.BtsError` subclass of the
        error's kind."""
        envelope = self.call_envelope(operation, params)
        if envelope.get("ok") is True:
            return envelope.get("data")
        raise error_from_envelope(envelope)

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
