#!/usr/bin/env bash
# Builds the 1C add-in in release mode and packs it the way 1C loads a Native API add-in from a
# template (ОбщийМакет) or a file: target/bts-1c.zip with MANIFEST.XML and the library at the
# root of the archive.
#
#   bindings/1c/package.sh          → target/bts-1c.zip (Linux x86_64)
#
# scripts/dist.sh packs its portable build (glibc 2.17) with the same script, through three
# variables: BTS_1C_LIBRARY (a libbts_1c.so already built: no cargo build), BTS_1C_OUT (the ZIP's
# path) and BTS_1C_VERSION (written into MANIFEST.XML as a comment; default: Cargo.toml's).
#
# When a Windows build is present (cargo build --release --target x86_64-pc-windows-msvc -p
# bts-1c, made on Windows or with a cross toolchain), bts_1c.dll is packed too and MANIFEST.XML
# lists both components, so one template serves Linux and Windows servers and clients.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac

arch="$(uname -m)"
if [ "$(uname -s)" != Linux ] || [ "$arch" != x86_64 ]; then
    echo "package.sh: this script packs the Linux x86_64 build; on $(uname -s) $arch adapt MANIFEST.XML" >&2
    exit 2
fi

version="${BTS_1C_VERSION:-$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)}"
if [ -n "${BTS_1C_LIBRARY:-}" ]; then
    so="$BTS_1C_LIBRARY"
else
    cargo build --release -p bts-1c
    so="$target_dir/release/libbts_1c.so"
fi
dll="$target_dir/x86_64-pc-windows-msvc/release/bts_1c.dll"
[ -f "$so" ] || { echo "package.sh: $so was not built" >&2; exit 1; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

cp "$so" "$stage/libbts_1c.so"
components='    <component os="Linux" path="libbts_1c.so" type="native" arch="x86_64"/>'
if [ -f "$dll" ]; then
    cp "$dll" "$stage/bts_1c.dll"
    components="$components
    <component os=\"Windows\" path=\"bts_1c.dll\" type=\"native\" arch=\"x86_64\"/>"
    echo "package.sh: including the Windows build $dll"
fi
cat > "$stage/MANIFEST.XML" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- bts $version: the 1C:Enterprise Native API add-in AddIn.BTS.BTS -->
<bundle xmlns="http://v8.1c.ru/8.2/addin/bundle">
$components
</bundle>
XML

# A fixed date in the archive, so the same build gives the same ZIP.
touch -d '1980-01-02 00:00:00' "$stage"/*
out="${BTS_1C_OUT:-$target_dir/bts-1c.zip}"
case "$out" in /*) ;; *) out="$root/$out" ;; esac
rm -f "$out"
if command -v zip >/dev/null 2>&1; then
    (cd "$stage" && zip -q -X "$out" MANIFEST.XML ./*.so $( [ -f bts_1c.dll ] && echo bts_1c.dll ))
else
    python3 - "$stage" "$out" <<'PY'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(stage)):
        z.write(os.path.join(stage, name), name)
PY
fi
echo "package.sh: wrote $out"
unzip -l "$out" 2>/dev/null || true
