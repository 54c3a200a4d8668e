"""The label behaviour of the status enums of :mod:`bts.statuses` (generated).

:class:`CatalogueLabels` reads the current courier API's catalogue from the library
(``bts_status_catalogue()``) once, on first use, so the labels are the library's and are never
copied into Python. :class:`TableLabels` holds the legacy families' labels, which the generator
read from the library.
"""

from __future__ import annotations

import json
import threading
from typing import Any, Dict, List, Optional, Tuple

from . import _native

_lock = threading.Lock()
_catalogue: Optional[Dict[int, Dict[str, Any]]] = None


def catalogue() -> Dict[int, Dict[str, Any]]:
    """The current API's status catalogue from the library: code -> ``{"code", "uz", "ru", "en",
    "next"}`` (read once per process)."""
    global _catalogue
    with _lock:
        if _catalogue is None:
            entries = json.loads(_native.status_catalogue_json())
            _catalogue = {int(e["code"]): e for e in entries}
        return _catalogue


class CatalogueLabels:
    """Labels of a current-API status, from the library's catalogue."""

    def _entry(self) -> Dict[str, Any]:
        return catalogue()[int(getattr(self, "value"))]

    @property
    def uz(self) -> str:
        """The Uzbek label."""
        return str(self._entry()["uz"])

    @property
    def ru(self) -> str:
        """The Russian label."""
        return str(self._entry()["ru"])

    @property
    def en(self) -> str:
        """The English label."""
        return str(self._entry()["en"])

    def label(self, lang: str = "en") -> str:
        """The label in ``"uz"``, ``"ru"`` or ``"en"``."""
        if lang not in ("uz", "ru", "en"):
            raise ValueError(f"unknown language {lang!r}: expected uz, ru or en")
        return str(self._entry()[lang])

    @property
    def next(self) -> List[int]:
        """The codes an order can move to next (900 and 1000 have no member: they are defined
        nowhere)."""
        return [int(n) for n in self._entry()["next"]]

    @property
    def is_final(self) -> bool:
        """Whether no status follows."""
        return not self.next


class TableLabels:
    """Labels of a legacy status (Uzbek and English; the library has no Russian ones)."""

    _tables: Dict[str, Dict[int, Tuple[str, str]]] = {}

    @classmethod
    def register(cls, family: type, labels: Dict[int, Tuple[str, str]]) -> None:
        """Sets the labels of an enum class (called by the generated module)."""
        cls._tables[family.__qualname__] = labels

    def _pair(self) -> Tuple[str, str]:
        return TableLabels._tables[type(self).__qualname__][int(getattr(self, "value"))]

    @property
    def uz(self) -> str:
        """The Uzbek label."""
        return self._pair()[0]

    @property
    def ru(self) -> Optional[str]:
        """None: the library has no Russian labels for the legacy statuses."""
        return None

    @property
    def en(self) -> str:
        """The English label."""
        return self._pair()[1]

    def label(self, lang: str = "en") -> str:
        """The label in ``"uz"`` or ``"en"`` (``"ru"`` gives the English one)."""
        if lang not in ("uz", "ru", "en"):
            raise ValueError(f"unknown language {lang!r}: expected uz, ru or en")
        return self.uz if lang == "uz" else self.en
