"""Test fixtures: the bts-sandbox binary as a subprocess, and clients pointed at it.

Builds nothing: run `cargo clib-dev --features test-panic` and
`cargo build -p bts-sandbox` first (bindings/run-tests.sh does both).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

REPO = Path(__file__).resolve().parents[3]
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
DEBUG = REPO / "target" / "debug"
LIBRARY = DEBUG / ("bts.dll" if sys.platform == "win32" else
                   "libbts.dylib" if sys.platform == "darwin" else "libbts.so")
SANDBOX_BIN = DEBUG / ("bts-sandbox.exe" if sys.platform == "win32" else "bts-sandbox")

# The bindings under test are the ones in this checkout, whatever is installed.
sys.path.insert(0, str(PACKAGE_ROOT))
os.environ.setdefault("BTS_LIBRARY", str(LIBRARY))

import bts  # noqa: E402


class Sandbox:
    """A running bts-sandbox and its control API."""

    def __init__(self, process: subprocess.Popen, info: Dict[str, Any]) -> None:
        self.process = process
        self.info = info
        self.base_url: str = info["base_url"]
        self.wms_base_url: str = info["wms_base_url"]
        self.accounts: Dict[str, Any] = info.get("accounts", {})
        self._config: Dict[str, Any] = info["config"]
        self.root = self.wms_base_url.rstrip("/")

    def config(self, **overrides: Any) -> Dict[str, Any]:
        """A fresh copy of the sandbox's complete configuration, with overrides."""
        config = dict(self._config)
        config.update(overrides)
        return config

    def control(self, method: str, path: str, body: Optional[Any] = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            f"{self.root}/__sandbox/{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode("utf-8")
        return json.loads(text) if text.strip() else None

    def fault(self, route: str, fault: Dict[str, Any], times: int = 1) -> None:
        self.control("POST", "fault", {"route": route, "fault": fault, "times": times})

    def clear_faults(self) -> None:
        self.control("POST", "clear-faults", {})

    def counts(self) -> Dict[str, int]:
        return self.control("GET", "counts")

    def reset_counts(self) -> None:
        self.control("POST", "reset-counts", {})

    def expire_tokens(self) -> None:
        self.control("POST", "expire-tokens", {})

    def order_status(self, order_id: int, status: int) -> None:
        self.control("POST", "order-status", {"orderId": order_id, "status": status})

    def seed_wms(self, kind: str, n: int) -> Any:
        return self.control("POST", "seed-wms", {"kind": kind, "n": n})


def _read_line(stream, seconds: float) -> str:
    """Reads one line from `stream`, giving up after `seconds`."""
    result: Dict[str, str] = {}

    def reader() -> None:
        result["line"] = stream.readline()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    thread.join(seconds)
    return result.get("line", "")


@pytest.fixture(scope="session")
def sandbox_server():
    if not SANDBOX_BIN.is_file():
        pytest.fail(f"{SANDBOX_BIN} is missing: run `cargo build -p bts-sandbox` in {REPO}")
    process = subprocess.Popen(
        [str(SANDBOX_BIN), "--listen", "127.0.0.1:0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = _read_line(process.stdout, 20)
        if not line:
            pytest.fail("bts-sandbox printed no JSON line within 20 s")
        server = Sandbox(process, json.loads(line))
        yield server
    finally:
        process.kill()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


@pytest.fixture
def sandbox(sandbox_server: Sandbox) -> Sandbox:
    """The shared sandbox, with no faults left over and request counts at zero."""
    sandbox_server.clear_faults()
    sandbox_server.reset_counts()
    yield sandbox_server
    sandbox_server.clear_faults()


@pytest.fixture
def client(sandbox: Sandbox):
    """A fresh client (so a fresh login) on the sandbox."""
    with bts.Client(sandbox.config()) as c:
        yield c


@pytest.fixture
def closed_port() -> int:
    """A local TCP port with nothing listening on it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ORDER: Dict[str, Any] = {
    "senderCityId": 3,
    "senderAddress": "Toshkent sh., Bobur ko\u2018chasi, 5-A",
    "senderReal": "Jurabek Turdiyev",
    "senderPhone": "+998 99 1234567",
    "weight": 2,
    "packageId": 8,
    "postTypeId": 4,
    "receiver": "Odil Ahkmedov",
    "receiverAddress": "Gozovo qish. 41 uy",
    "receiverCityId": 3,
    "receiverPhone": "+998 99 1234567",
}


@pytest.fixture
def order() -> Dict[str, Any]:
    """A valid order/add body."""
    return dict(ORDER)
