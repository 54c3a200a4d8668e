"""Finding, loading and declaring the bts shared library (ctypes, standard library only).

Every function of the C ABI (``include/bts.h``) gets its ``argtypes`` and ``restype`` here,
before any call. Owned strings (``bts_call``, ``bts_operations``, ``bts_status_catalogue``, ``bts_client_new``'s
``error_out``) come back as ``c_void_p``, never ``c_char_p``: ``c_char_p`` would turn the
pointer into ``bytes`` at once and lose the address that ``bts_string_free`` needs, leaking every
result. :func:`take_string` copies the text and frees the pointer in ``finally``.

The library is loaded with :class:`ctypes.CDLL`, which releases the GIL for the duration of each
foreign call (``PyDLL`` would keep it). A ``bts_call`` blocked on the network therefore does not
stop other Python threads; ``tests/test_threads.py`` proves it.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from pathlib import Path
from typing import List, Optional

from . import _platform

#: The C ABI version these bindings are written for (``bts_abi_version()``).
ABI_VERSION = 1

_BUILD_HINT = (
    "install the release wheel for {platform} (bts-*-py3-none-{tag}.whl), which carries it; or "
    "build it with `cargo clib` in the bts repository (it makes "
    "target/release/{name}), then either set BTS_LIBRARY to that file's path or copy it "
    "next to the bts package ({package})"
)


class BtsLibraryError(ImportError):
    """The bts shared library could not be used (not found, not loadable, wrong ABI)."""


class BtsLibraryNotFound(BtsLibraryError):
    """No bts shared library was found where the bindings look for it."""


def library_file_name() -> str:
    """The platform's file name of the library: ``libbts.so``, ``libbts.dylib`` or ``bts.dll``."""
    if sys.platform == "win32":
        return "bts.dll"
    if sys.platform == "darwin":
        return "libbts.dylib"
    return "libbts.so"


def _search(package_relative: str, name: str) -> List[Path]:
    """``package_relative`` inside the package directory, then ``target/release/<name>`` and
    ``target/debug/<name>`` of every directory from the package up to the file system root."""
    package = Path(__file__).resolve().parent
    found = [package / package_relative]
    for directory in [package, *package.parents]:
        for profile in ("release", "debug"):
            found.append(directory / "target" / profile / name)
    return found


#: The file a release wheel carries beside its library: the platform the library was built for.
PLATFORM_FILE = "PLATFORM"

#: The wheel tag of each platform the release builds (for messages).
WHEEL_TAGS = {
    "linux-x86_64": "manylinux2014_x86_64",
    "linux-aarch64": "manylinux2014_aarch64",
    "linux-x86_64-musl": "musllinux_1_2_x86_64",
    "linux-aarch64-musl": "musllinux_1_2_aarch64",
    "windows-x86_64": "win_amd64",
    "windows-i686": "win32",
}


def candidate_paths(platform_name: Optional[str] = None) -> List[Path]:
    """Where the library is looked for, in order (``BTS_LIBRARY`` is handled separately):
    the package directory (where the release wheel puts it), ``lib/<platform>/`` of the package
    (a directory carrying several platforms' libraries, ``platform_name`` defaulting to this
    process's, see :mod:`bts._platform`), then ``target/release`` and ``target/debug`` of every
    directory from the package up to the file system root (the repository checkout)."""
    name = library_file_name()
    platform_name = platform_name or _platform.platform_name()
    found = _search(name, name)
    found.insert(1, found[0].parent / "lib" / platform_name / name)
    return found


def check_platform(library: Path, platform_name: Optional[str] = None) -> None:
    """Raises :class:`BtsLibraryError` when ``library`` sits beside a ``PLATFORM`` file (a
    release wheel's) naming another platform than this process's: a glibc library on Alpine
    (musl), an x86_64 one on arm64, ... would otherwise fail with the loader's own riddle."""
    marker = library.parent / PLATFORM_FILE
    try:
        built_for = marker.read_text(encoding="utf-8").strip()
    except OSError:
        return
    here = platform_name or _platform.platform_name()
    if built_for and built_for != here:
        raise BtsLibraryError(
            f"{library} was built for {_platform.describe(built_for)} ({built_for}), but this "
            f"Python runs on {_platform.describe(here)} ({here}): install the bts wheel for "
            f"{here} (bts-*-py3-none-{WHEEL_TAGS.get(here, '<platform>')}.whl)"
            + ("" if here in WHEEL_TAGS else f"; the release has none for {here}, build from the sdist")
        )


def sandbox_candidate_paths() -> List[Path]:
    """Where ``python -m bts sandbox`` looks for the ``bts-sandbox`` program (``BTS_SANDBOX``
    is handled separately): ``bin/`` of the package (the release wheel ships it there), then
    ``target/release`` and ``target/debug`` as for the library."""
    name = "bts-sandbox.exe" if sys.platform == "win32" else "bts-sandbox"
    return _search(f"bin/{name}", name)


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    """Declares argtypes and restype of every C ABI function."""
    # const char *bts_version(void): a static string, never freed. Declared c_void_p like the
    # owned strings so that every char* of the ABI is read one way (string_at).
    lib.bts_version.argtypes = []
    lib.bts_version.restype = ctypes.c_void_p
    # uint32_t bts_abi_version(void)
    lib.bts_abi_version.argtypes = []
    lib.bts_abi_version.restype = ctypes.c_uint32
    # BtsClient *bts_client_new(const char *config_json, char **error_out)
    lib.bts_client_new.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    lib.bts_client_new.restype = ctypes.c_void_p
    # char *bts_call(BtsClient *client, const char *operation, const char *params_json)
    lib.bts_call.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
    lib.bts_call.restype = ctypes.c_void_p
    # char *bts_operations(void)
    lib.bts_operations.argtypes = []
    lib.bts_operations.restype = ctypes.c_void_p
    # char *bts_status_catalogue(void)
    lib.bts_status_catalogue.argtypes = []
    lib.bts_status_catalogue.restype = ctypes.c_void_p
    # char *bts_error_envelope(const char *kind, const char *message)
    lib.bts_error_envelope.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.bts_error_envelope.restype = ctypes.c_void_p
    # void bts_string_free(char *s)
    lib.bts_string_free.argtypes = [ctypes.c_void_p]
    lib.bts_string_free.restype = None
    # void bts_client_free(BtsClient *client)
    lib.bts_client_free.argtypes = [ctypes.c_void_p]
    lib.bts_client_free.restype = None
    return lib


def _open(path: Path) -> ctypes.CDLL:
    try:
        # CDLL, not PyDLL: the GIL is released during every call into the library.
        lib = ctypes.CDLL(str(path))
    except OSError as e:
        raise BtsLibraryError(f"cannot load the bts library {path}: {e}") from e
    # The ABI version first: a library of another release may lack functions declared below.
    try:
        lib.bts_abi_version.argtypes = []
        lib.bts_abi_version.restype = ctypes.c_uint32
    except AttributeError as e:
        raise BtsLibraryError(f"{path} is not the bts library (missing symbol: {e})") from e
    abi = lib.bts_abi_version()
    if abi != ABI_VERSION:
        raise BtsLibraryError(
            f"{path} has C ABI version {abi}, but these bindings need version {ABI_VERSION}; "
            "install bindings and library from the same release"
        )
    try:
        _declare(lib)
    except AttributeError as e:
        raise BtsLibraryError(f"{path} is not the bts library (missing symbol: {e})") from e
    return lib


_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None
_path: Optional[Path] = None


def load(path: Optional[str] = None) -> ctypes.CDLL:
    """Loads the library once per process and returns it.

    Order: ``path`` if given, else the environment variable ``BTS_LIBRARY`` (a file path; an
    unusable one is an error, not a reason to look elsewhere), else :func:`candidate_paths`.
    Raises :class:`BtsLibraryNotFound` with build instructions when nothing is found, and
    :class:`BtsLibraryError` when a file is found but unusable (including a wrong ABI version).
    """
    global _lib, _path
    with _lock:
        if _lib is not None and path is None:
            return _lib
        explicit = path or os.environ.get("BTS_LIBRARY")
        if explicit:
            chosen = Path(explicit)
            if not chosen.is_file():
                source = "the path given" if path else "BTS_LIBRARY"
                raise BtsLibraryNotFound(f"{source} is {explicit!r}, which is not a file")
        else:
            here = _platform.platform_name()
            found = next((p for p in candidate_paths(here) if p.is_file()), None)
            if found is None:
                name = library_file_name()
                raise BtsLibraryNotFound(
                    f"the bts shared library ({name}) for {_platform.describe(here)} ({here}) "
                    "was not found; "
                    + _BUILD_HINT.format(
                        name=name,
                        package=Path(__file__).resolve().parent,
                        platform=here,
                        tag=WHEEL_TAGS.get(here, "<platform>"),
                    )
                )
            check_platform(found, here)
            chosen = found
        lib = _open(chosen)
        _lib, _path = lib, chosen
        return lib


def loaded_path() -> Optional[Path]:
    """The file the library was loaded from, or None before the first load."""
    return _path


def take_string(lib: ctypes.CDLL, pointer: Optional[int]) -> str:
    """Copies an owned ``char *`` returned by the library into a ``str`` and frees it.

    The pointer is freed with ``bts_string_free`` in ``finally``, whatever happens while reading
    it. A NULL pointer (only on allocation failure) raises :class:`MemoryError`.
    """
    if not pointer:
        raise MemoryError("the bts library returned NULL (out of memory)")
    try:
        raw = ctypes.string_at(pointer)
    finally:
        lib.bts_string_free(pointer)
    return raw.decode("utf-8")


def version() -> str:
    """``bts_version()``: the library's version string (static, never freed)."""
    lib = load()
    return ctypes.string_at(lib.bts_version()).decode("utf-8")


def operations_json() -> str:
    """``bts_operations()``: the operation table as JSON text."""
    lib = load()
    return take_string(lib, lib.bts_operations())


def status_catalogue_json() -> str:
    """``bts_status_catalogue()``: the current API's status catalogue as JSON text."""
    lib = load()
    return take_string(lib, lib.bts_status_catalogue())


def error_envelope(kind: str, message: str) -> str:
    """``bts_error_envelope()``: an error envelope of the library's shape, for an error a binding
    found before it could call (NUL bytes in the message are dropped)."""
    lib = load()
    return take_string(
        lib,
        lib.bts_error_envelope(
            kind.encode("utf-8"), message.replace("\0", "").encode("utf-8", "replace")
        ),
    )
