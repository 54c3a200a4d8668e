"""Exceptions: one class per envelope ``kind``, all under :class:`BtsError`.

=================  ====================  =============================================
kind               class                 also a subclass of
=================  ====================  =============================================
``invalid_input``  InvalidInputError     ``ValueError``
``validation``     ValidationError
``auth``           AuthError
``http``           HttpError
``timeout``        TimeoutError          ``builtins.TimeoutError``
``network``        NetworkError          ``ConnectionError``
``decode``         DecodeError
``internal``       InternalError
=================  ====================  =============================================

Every error carries ``kind``, ``message`` (one English sentence, never a credential),
``status`` (the HTTP status or None), ``fields`` (field name -> list of messages), ``body`` (the
server's body as text, or None) and ``envelope`` (the whole envelope dict).
"""

from __future__ import annotations

import builtins
from typing import Any, Dict, List, Mapping, Optional, Tuple, Type

__all__ = [
    "BtsError",
    "InvalidInputError",
    "ValidationError",
    "AuthError",
    "HttpError",
    "TimeoutError",
    "NetworkError",
    "DecodeError",
    "InternalError",
    "error_from_envelope",
]


class BtsError(Exception):
    """A failed bts call. ``str(err)`` is the message."""

    #: The envelope kind this class stands for (the base class is used for unknown kinds).
    KIND: Optional[str] = None

    def __init__(
        self,
        message: str,
        *,
        kind: Optional[str] = None,
        status: Optional[int] = None,
        fields: Optional[Mapping[str, List[str]]] = None,
        body: Optional[str] = None,
        envelope: Optional[Dict[str, Any]] = None,
    ) -> None:
        super().__init__(message)
        self.kind: str = kind or self.KIND or "internal"
        self.message: str = message
        self.status: Optional[int] = status
        self.fields: Dict[str, List[str]] = dict(fields or {})
        self.body: Optional[str] = body
        if envelope is None:
            envelope = {
                "ok": False,
                "error": {
                    "kind": self.kind,
                    "message": message,
                    "status": status,
                    "fields": self.fields,
                    "body": body,
                },
            }
        self.envelope: Dict[str, Any] = envelope
        error = envelope.get("error") if isinstance(envelope, dict) else None
        #: True when the request may have reached BTS: after a failed write, look the record
        #: up before creating it again (bts never sends a write twice by itself).
        self.sent: bool = bool(error.get("sent", False)) if isinstance(error, dict) else False

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        # The message never holds a credential (the library scrubs it); the body is left out
        # because it can be long.
        parts = [f"kind={self.kind!r}", f"message={self.message!r}"]
        if self.status is not None:
            parts.append(f"status={self.status}")
        if self.fields:
            parts.append(f"fields={self.fields!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __reduce__(self) -> Tuple[Any, Tuple[Type["BtsError"], Dict[str, Any]]]:  # picklable despite keyword-only arguments (e.g. multiprocessing)
        return (_rebuild, (type(self), self.envelope))


class InvalidInputError(BtsError, ValueError):
    """The operation name, parameters, configuration or JSON are wrong; nothing was sent.
    ``fields`` names every offending parameter."""

    KIND = "invalid_input"


class ValidationError(BtsError):
    """BTS rejected fields; ``fields`` maps each field to the server's messages."""

    KIND = "validation"


class AuthError(BtsError):
    """Credentials were refused (after one fresh login), or the login itself was refused."""

    KIND = "auth"


class HttpError(BtsError):
    """Any other non-success HTTP status (``status``); for a write, a 5xx may have come after
    the server did the work."""

    KIND = "http"


class TimeoutError(BtsError, builtins.TimeoutError):  # noqa: A001 - deliberate, see module doc
    """The call did not finish within ``timeout_ms``. A write may have reached the server."""

    KIND = "timeout"


class NetworkError(BtsError, ConnectionError):
    """DNS, connect, reset or TLS failure."""

    KIND = "network"


class DecodeError(BtsError):
    """The server sent something that is not the JSON expected (``body`` holds it)."""

    KIND = "decode"


class InternalError(BtsError):
    """A bug in bts, caught at the library boundary. Please report it."""

    KIND = "internal"


_BY_KIND: Dict[str, Type[BtsError]] = {
    str(cls.KIND): cls
    for cls in (
        InvalidInputError,
        ValidationError,
        AuthError,
        HttpError,
        TimeoutError,
        NetworkError,
        DecodeError,
        InternalError,
    )
}


def error_from_envelope(envelope: Mapping[str, Any]) -> BtsError:
    """The exception for a failed envelope ``{"ok": false, "error": {...}}``."""
    error = envelope.get("error") if isinstance(envelope, Mapping) else None
    if not isinstance(error, Mapping):
        return InternalError(
            "bts returned an envelope without an error object", envelope=dict(envelope or {})
        )
    kind = str(error.get("kind") or "internal")
    cls = _BY_KIND.get(kind, BtsError)
    return cls(
        str(error.get("message") or kind),
        kind=kind,
        status=error.get("status"),
        fields=error.get("fields") or {},
        body=error.get("body"),
        envelope=dict(envelope),
    )


def _rebuild(cls: Type[BtsError], envelope: Dict[str, Any]) -> BtsError:
    err = error_from_envelope(envelope)
    if type(err) is cls or not issubclass(cls, BtsError):
        return err
    # A subclass defined by the caller: keep its class, whatever its __init__ takes.
    copy = cls.__new__(cls, err.message)
    copy.args = err.args
    copy.__dict__.update(err.__dict__)
    return copy
