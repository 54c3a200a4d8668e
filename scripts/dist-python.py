#!/usr/bin/env python3
"""Writes the Python packages of bts: a platform wheel with the prebuilt library and sandbox, and
an sdist that builds them from the Rust sources (called by scripts/dist.sh).

    scripts/dist-python.py --version 0.1.0 --platform manylinux2014_x86_64 \\
        --library libbts.so --sandbox bts-sandbox --out dist/python

The wheel (``bts-VERSION-py3-none-PLATFORM.whl``) is written here directly, with the standard
library only (no setuptools or wheel package, no download): the files of bindings/python/bts,
the library as ``bts/<its file name>`` and the sandbox as ``bts/bin/<its file name>`` (so the same
script packs ``bts.dll`` and ``bts-sandbox.exe`` for ``win_amd64``), and the ``.dist-info`` with the metadata of
bindings/python/pyproject.toml. ``py3-none``: the binding is ctypes, so one wheel serves every
Python 3 version; the platform tag says which systems the library runs on.

The sdist (``bts-VERSION.tar.gz``) carries the Python sources, ``setup.py`` and, under
``rust/``, the crates bts, bts-sandbox and bts-1c (the workspace as Cargo.toml declares it);
installing it runs ``cargo build --release`` (see bindings/python/setup.py).
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import io
import os
import sys
import tarfile
import zipfile
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python < 3.11
    sys.exit("dist-python.py needs Python 3.11 or later (tomllib)")

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / "bindings" / "python"
# The Rust sources the sdist needs to build libbts.so and bts-sandbox (every workspace member
# must be present for Cargo to read the workspace).
RUST_FILES = ["Cargo.toml", "Cargo.lock", "cbindgen.toml", "README.md"]
RUST_DIRS = ["src", "include", "sandbox/src", "bindings/1c/src"]
RUST_EXTRA = ["sandbox/Cargo.toml", "bindings/1c/Cargo.toml"]
SKIP = {"__pycache__", "target", "build"}
EPOCH = (1980, 1, 1, 0, 0, 0)
# The platform each wheel tag's library is built for, written into the wheel as bts/PLATFORM:
# bts._native refuses, with a message naming both, a library built for another platform (a
# glibc wheel copied onto Alpine, say). The names are bts._platform's.
PLATFORMS = {
    "manylinux2014_x86_64": "linux-x86_64",
    "manylinux2014_aarch64": "linux-aarch64",
    "musllinux_1_2_x86_64": "linux-x86_64-musl",
    "musllinux_1_2_aarch64": "linux-aarch64-musl",
    "win_amd64": "windows-x86_64",
    "win32": "windows-i686",
}


def package_files() -> list[Path]:
    """The files of the ``bts`` Python package (sources and py.typed), sorted."""
    out = []
    for path in sorted((PYTHON / "bts").rglob("*")):
        if path.is_file() and not SKIP.intersection(path.parts) and path.suffix in (".py", ".typed"):
            out.append(path)
    return out


def metadata(project: dict, version: str) -> str:
    """Core metadata (METADATA in the wheel, PKG-INFO in the sdist) from pyproject's [project]."""
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {version}",
        f"Summary: {project['description']}",
        f"License: {project['license']['text']}",
        f"Keywords: {','.join(project.get('keywords', []))}",
        f"Requires-Python: {project['requires-python']}",
    ]
    lines += [f"Classifier: {c}" for c in project.get("classifiers", [])]
    for extra, requirements in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {r}; extra == "{extra}"' for r in requirements]
    lines.append("Description-Content-Type: text/markdown")
    readme = (PYTHON / project["readme"]).read_text(encoding="utf-8")
    return "\n".join(lines) + "\n\n" + readme


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def write_wheel(project: dict, version: str, platform: str, library: Path, sandbox: Path, out: Path) -> Path:
    """The wheel: package files, the library, the sandbox, and the .dist-info (RECORD last)."""
    tag = f"py3-none-{platform}"
    info = f"bts-{version}.dist-info"
    entries: list[tuple[str, bytes, int]] = []
    for path in package_files():
        entries.append((path.relative_to(PYTHON).as_posix(), path.read_bytes(), 0o644))
    # Under their own names (libbts.so, libbts.dylib or bts.dll; bts-sandbox[.exe]): where
    # bts._native looks for them.
    entries.append((f"bts/{library.name}", library.read_bytes(), 0o755))
    entries.append((f"bts/bin/{sandbox.name}", sandbox.read_bytes(), 0o755))
    if platform not in PLATFORMS:
        sys.exit(f"dist-python.py: no platform name for the wheel tag {platform} (see PLATFORMS)")
    entries.append(("bts/PLATFORM", (PLATFORMS[platform] + "\n").encode(), 0o644))
    entries.append((f"{info}/METADATA", metadata(project, version).encode(), 0o644))
    wheel = f"Wheel-Version: 1.0\nGenerator: bts scripts/dist-python.py\nRoot-Is-Purelib: false\nTag: {tag}\n"
    entries.append((f"{info}/WHEEL", wheel.encode(), 0o644))
    entries.append((f"{info}/top_level.txt", b"bts\n", 0o644))
    record = [record_line(name, data) for name, data, _ in entries] + [f"{info}/RECORD,,"]
    entries.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode(), 0o644))

    path = out / f"bts-{version}-{tag}.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data, mode in entries:
            item = zipfile.ZipInfo(name, EPOCH)
            item.external_attr = (0o100000 | mode) << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(item, data)
    return path


def sdist_members(version: str, project: dict) -> list[tuple[str, bytes, int]]:
    base = f"bts-{version}"
    members = [(f"{base}/PKG-INFO", metadata(project, version).encode(), 0o644)]
    for name in ("pyproject.toml", "setup.py", "README.md"):
        members.append((f"{base}/{name}", (PYTHON / name).read_bytes(), 0o644))
    for path in package_files():
        members.append((f"{base}/{path.relative_to(PYTHON).as_posix()}", path.read_bytes(), 0o644))
    rust = [ROOT / f for f in RUST_FILES + RUST_EXTRA]
    for directory in RUST_DIRS:
        rust += [p for p in sorted((ROOT / directory).rglob("*")) if p.is_file() and not SKIP.intersection(p.parts)]
    for path in sorted(set(rust)):
        members.append((f"{base}/rust/{path.relative_to(ROOT).as_posix()}", path.read_bytes(), 0o644))
    return members


def write_sdist(project: dict, version: str, out: Path) -> Path:
    """The sdist: Python sources + setup.py + the Rust workspace under rust/."""
    path = out / f"bts-{version}.tar.gz"
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data, mode in sdist_members(version, project):
            item = tarfile.TarInfo(name)
            item.size, item.mode, item.mtime = len(data), mode, 0
            tar.addfile(item, io.BytesIO(data))
    with open(path, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw.getvalue())
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", required=True, help="the version (Cargo.toml's)")
    parser.add_argument("--platform", required=True, help="the wheel's platform tag")
    parser.add_argument("--library", required=True, type=Path, help="libbts.so to ship")
    parser.add_argument("--sandbox", required=True, type=Path, help="bts-sandbox to ship")
    parser.add_argument("--out", required=True, type=Path, help="output directory")
    args = parser.parse_args()

    with open(PYTHON / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    if project["version"] != args.version:
        sys.exit(f"bindings/python/pyproject.toml has version {project['version']}, not {args.version}")
    args.out.mkdir(parents=True, exist_ok=True)
    for path in (
        write_wheel(project, args.version, args.platform, args.library, args.sandbox, args.out),
        write_sdist(project, args.version, args.out),
    ):
        print(f"dist: wrote {path}")


if __name__ == "__main__":
    os.umask(0o022)
    main()
