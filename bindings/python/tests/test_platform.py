"""The library choice per platform: OS, CPU and C library (glibc or musl, detected at run time).

These platforms cannot run here (Windows, Alpine, arm64), so the detection is fed what each of
them reports, and the wheel's PLATFORM check is run against a library file made for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bts import _native, _platform

GLIBC_MAPS = "7f00-7f01 r-xp 0 08:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
MUSL_MAPS = "7f00-7f01 r-xp 0 08:01 1 /lib/ld-musl-x86_64.so.1\n"
ALPINE_LIBC = "7f00-7f01 r-xp 0 08:01 1 /usr/lib/libc.musl-aarch64.so.1\n"


@pytest.mark.parametrize(
    "system, machine, bits, libc, expected",
    [
        ("linux", "x86_64", 64, "glibc", "linux-x86_64"),
        ("linux", "x86_64", 64, "musl", "linux-x86_64-musl"),
        ("linux", "aarch64", 64, "glibc", "linux-aarch64"),
        ("linux", "aarch64", 64, "musl", "linux-aarch64-musl"),
        ("win32", "AMD64", 64, None, "windows-x86_64"),
        # A 32-bit Python on 64-bit Windows reports AMD64 but loads 32-bit DLLs only.
        ("win32", "AMD64", 32, None, "windows-i686"),
        ("win32", "x86", 32, None, "windows-i686"),
        ("win32", "ARM64", 64, None, "windows-aarch64"),
        ("darwin", "arm64", 64, None, "macos-aarch64"),
        ("darwin", "x86_64", 64, None, "macos-x86_64"),
    ],
)
def test_platform_name_from_os_cpu_and_libc(system, machine, bits, libc, expected):
    assert _platform.platform_name(system, machine, bits, libc) == expected


def test_libc_is_detected_at_run_time():
    assert _platform.detect_libc(lambda: "glibc 2.36", lambda: GLIBC_MAPS) == "glibc"
    # musl has no _CS_GNU_LIBC_VERSION: confstr fails or answers nothing.
    assert _platform.detect_libc(lambda: None, lambda: MUSL_MAPS) == "musl"
    assert _platform.detect_libc(lambda: None, lambda: ALPINE_LIBC) == "musl"
    # No /proc (a sandboxed process): glibc, the common case.
    assert _platform.detect_libc(lambda: None, lambda: None) == "glibc"


def test_this_process_is_linux_glibc_x86_64_here():
    # The machine the tests run on: Debian x86_64 with glibc.
    assert _platform.platform_name() == "linux-x86_64"
    assert _platform.detect_libc() == "glibc"


def test_candidates_include_the_platform_directory():
    paths = _native.candidate_paths("linux-aarch64-musl")
    package = Path(_native.__file__).resolve().parent
    assert paths[0] == package / _native.library_file_name()
    assert paths[1] == package / "lib" / "linux-aarch64-musl" / _native.library_file_name()


def test_describe_names_the_platform_for_people():
    assert _platform.describe("linux-x86_64-musl") == "Linux x86_64 with musl (Alpine)"
    assert _platform.describe("linux-aarch64") == "Linux aarch64 with glibc"
    assert _platform.describe("windows-i686") == "Windows i686"


def _library_with_marker(tmp_path: Path, built_for: str) -> Path:
    library = tmp_path / "libbts.so"
    library.write_bytes(b"\x7fELF")
    (tmp_path / _native.PLATFORM_FILE).write_text(built_for + "\n", encoding="utf-8")
    return library


def test_a_glibc_wheel_on_alpine_is_refused_naming_both_platforms(tmp_path):
    library = _library_with_marker(tmp_path, "linux-x86_64")
    with pytest.raises(_native.BtsLibraryError) as e:
        _native.check_platform(library, "linux-x86_64-musl")
    message = str(e.value)
    assert "Linux x86_64 with glibc (linux-x86_64)" in message
    assert "Linux x86_64 with musl (Alpine) (linux-x86_64-musl)" in message
    assert "musllinux_1_2_x86_64" in message


def test_a_platform_without_a_release_wheel_says_so(tmp_path):
    library = _library_with_marker(tmp_path, "linux-x86_64")
    with pytest.raises(_native.BtsLibraryError, match="the release has none for macos-aarch64"):
        _native.check_platform(library, "macos-aarch64")


def test_the_matching_platform_and_an_unmarked_library_pass(tmp_path):
    library = _library_with_marker(tmp_path, "linux-aarch64")
    _native.check_platform(library, "linux-aarch64")
    unmarked = tmp_path / "plain" / "libbts.so"
    unmarked.parent.mkdir()
    unmarked.write_bytes(b"")
    _native.check_platform(unmarked, "windows-x86_64")
