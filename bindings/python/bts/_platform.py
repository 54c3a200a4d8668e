"""Which platform this Python runs on, in the names the release packages use.

A platform name is ``OS-CPU`` with ``-musl`` for a Linux with musl's C library (Alpine):
``linux-x86_64``, ``linux-x86_64-musl``, ``linux-aarch64``, ``linux-aarch64-musl``,
``windows-x86_64``, ``windows-i686``, ``macos-aarch64``, ... The C library is detected at run time:
a wheel for glibc does not load on musl (and the other way round), and pip's tags are not the only
way a package reaches a machine (a copied virtualenv, a vendored directory, a Docker layer).
"""

from __future__ import annotations

import os
import platform
import struct
import sys
from typing import Callable, Optional

# platform.machine() spellings of one CPU family, to the release's name.
_CPUS = {
    "x86_64": "x86_64",
    "amd64": "x86_64",
    "x64": "x86_64",
    "i386": "i686",
    "i486": "i686",
    "i586": "i686",
    "i686": "i686",
    "x86": "i686",
    "aarch64": "aarch64",
    "arm64": "aarch64",
    "armv8l": "aarch64",
}


def _read_maps() -> Optional[str]:
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def _glibc_version() -> Optional[str]:
    try:
        return os.confstr("CS_GNU_LIBC_VERSION")
    except (AttributeError, ValueError, OSError):
        return None


def detect_libc(
    glibc_version: Callable[[], Optional[str]] = _glibc_version,
    maps: Callable[[], Optional[str]] = _read_maps,
) -> str:
    """``"glibc"`` or ``"musl"`` for this process's C library (Linux only).

    glibc answers ``confstr(_CS_GNU_LIBC_VERSION)``; musl does not, and its loader shows up in
    ``/proc/self/maps`` as ``ld-musl-*.so.1`` (``libc.musl-*.so.1`` on Alpine). Anything else
    counts as glibc, the common case."""
    version = glibc_version()
    if version and version.lower().startswith("glibc"):
        return "glibc"
    text = maps() or ""
    if "ld-musl-" in text or "libc.musl-" in text:
        return "musl"
    return "glibc"


def platform_name(
    system: Optional[str] = None,
    machine: Optional[str] = None,
    pointer_bits: Optional[int] = None,
    libc: Optional[str] = None,
) -> str:
    """This process's platform name (see the module). Every argument defaults to what this
    process finds (``sys.platform``, ``platform.machine()``, the pointer size, :func:`detect_libc`);
    the tests pass them to cover the platforms they do not run on.

    The pointer size decides between 32 and 64 bits: a 32-bit Python on 64-bit Windows reports
    ``AMD64`` but can only load a 32-bit DLL."""
    system = sys.platform if system is None else system
    machine = platform.machine() if machine is None else machine
    bits = struct.calcsize("P") * 8 if pointer_bits is None else pointer_bits
    cpu = _CPUS.get(machine.lower(), machine.lower() or "unknown")
    if bits == 32 and cpu == "x86_64":
        cpu = "i686"
    if bits == 32 and cpu == "aarch64":
        cpu = "armv7"
    if system == "win32":
        return f"windows-{cpu}"
    if system == "darwin":
        return f"macos-{cpu}"
    if system.startswith("linux"):
        libc = detect_libc() if libc is None else libc
        return f"linux-{cpu}" + ("-musl" if libc == "musl" else "")
    return f"{system}-{cpu}"


def describe(name: str) -> str:
    """A platform name for people: ``linux-x86_64-musl`` → ``Linux x86_64 with musl (Alpine)``."""
    parts = name.split("-")
    system = {"linux": "Linux", "windows": "Windows", "macos": "macOS"}.get(parts[0], parts[0])
    text = f"{system} {parts[1] if len(parts) > 1 else ''}".strip()
    if parts[0] == "linux":
        text += " with musl (Alpine)" if name.endswith("-musl") else " with glibc"
    return text
