"""Python bindings of bts, the BTS Express (Uzbekistan) courier and WMS client.

A thin ctypes skin over the bts C library (``libbts.so`` / ``libbts.dylib`` / ``bts.dll``)::

    import bts

    with bts.Client(username="shop", password="...", inn="123456789") as client:
        quote = client.order_calculate(senderCityId=3, receiverCityId=3, weight=1)
        print(quote["summaryPrice"])

Every failure raises a subclass of :class:`BtsError`, one per envelope kind. The package is typed
(``py.typed``; ``mypy --strict`` clean): operation names are :data:`OperationName`, the main
requests and replies are TypedDicts of :mod:`bts.types`, the status codes are enums with
Uzbek, Russian and English labels (:class:`Status`, :class:`LegacyStatus`, …), and
``client.current`` has the current courier API's types. Each call logs one record to the ``bts``
logger. The library is
found through ``BTS_LIBRARY``, a copy inside this package, or the repository's
``target/release`` and ``target/debug`` (see :mod:`bts._native`); it is loaded on first use.
"""

from ._native import ABI_VERSION, BtsLibraryError, BtsLibraryNotFound, load as load_library
from . import types
from ._operations import OperationName
from .client import Client, CurrentApi, operations, version
from .errors import (
    AuthError,
    BtsError,
    DecodeError,
    HttpError,
    InternalError,
    InvalidInputError,
    NetworkError,
    TimeoutError,
    ValidationError,
    error_from_envelope,
)
from .statuses import FulfillmentStatus, InternationalStatus, LegacyStatus, Status

__version__ = "0.1.0"

__all__ = [
    "ABI_VERSION",
    "AuthError",
    "BtsError",
    "BtsLibraryError",
    "BtsLibraryNotFound",
    "Client",
    "CurrentApi",
    "FulfillmentStatus",
    "InternationalStatus",
    "LegacyStatus",
    "OperationName",
    "Status",
    "DecodeError",
    "HttpError",
    "InternalError",
    "InvalidInputError",
    "NetworkError",
    # bts.TimeoutError is left out on purpose: `from bts import *` would shadow the built-in
    # TimeoutError (of which it is a subclass) in the importing module.
    "ValidationError",
    "error_from_envelope",
    "load_library",
    "operations",
    "types",
    "version",
]
