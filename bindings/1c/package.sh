#!/usr/bin/env bash
# Builds the 1C add-in in release mode and packs it the way 1C loads a Native API add-in from a
# template (ОбщийМакет) or a file: target/bts-1c.zip with MANIFEST.XML and the library at the
# root of the archive.
#
#   bindings/1c/package.sh          → target/bts-1c.zip (Linux x86_64, built here)
#
# scripts/dist.sh packs its portable builds (glibc 2.17, and the cross builds of scripts/cross/)
# with the same script, through these variables:
#   BTS_1C_COMPONENTS  space-separated OS:ARCH:FILE entries, e.g. "Linux:x86_64:/b/libbts_1c.so
#                      Windows:x86_64:/w/bts_1c.dll Windows:i386:/w32/bts_1c.dll
#                      Linux:ARM64:/a/libbts_1c.so": every component goes into the ZIP (under the
#                      name below) and into MANIFEST.XML, so one template serves every 1C server
#                      and client; no cargo build
#   BTS_1C_LIBRARY     (without BTS_1C_COMPONENTS) a libbts_1c.so already built: no cargo build
#   BTS_1C_OUT         the ZIP's path
#   BTS_1C_VERSION     written into MANIFEST.XML as a comment; default: Cargo.toml's
#
# The names inside the ZIP: libbts_1c.so (Linux x86_64), libbts_1c_arm64.so (Linux ARM64),
# bts_1c.dll (Windows x86_64), bts_1c_x86.dll (Windows i386).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac

version="${BTS_1C_VERSION:-$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)}"
entries="${BTS_1C_COMPONENTS:-}"
if [ -z "$entries" ]; then
    arch="$(uname -m)"
    if [ "$(uname -s)" != Linux ] || [ "$arch" != x86_64 ]; then
        echo "package.sh: without BTS_1C_COMPONENTS this script packs the Linux x86_64 build; on $(uname -s) $arch list the components" >&2
        exit 2
    fi
    if [ -n "${BTS_1C_LIBRARY:-}" ]; then
        so="$BTS_1C_LIBRARY"
    else
        cargo build --release -p bts-1c
        so="$target_dir/release/libbts_1c.so"
    fi
    entries="Linux:x86_64:$so"
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

components=""
for entry in $entries; do
    os="${entry%%:*}"
    rest="${entry#*:}"
    arch="${rest%%:*}"
    file="${rest#*:}"
    case "$os:$arch" in
    Linux:x86_64) name=libbts_1c.so ;;
    Linux:ARM64) name=libbts_1c_arm64.so ;;
    Windows:x86_64) name=bts_1c.dll ;;
    Windows:i386) name=bts_1c_x86.dll ;;
    *) echo "package.sh: unknown component $os:$arch" >&2; exit 2 ;;
    esac
    [ -f "$file" ] || { echo "package.sh: $file was not built" >&2; exit 1; }
    cp "$file" "$stage/$name"
    components="$components    <component os=\"$os\" path=\"$name\" type=\"native\" arch=\"$arch\"/>
"
done
cat > "$stage/MANIFEST.XML" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- bts $version: the 1C:Enterprise Native API add-in AddIn.BTS.BTS -->
<bundle xmlns="http://v8.1c.ru/8.2/addin/bundle">
$components</bundle>
XML

# A fixed date in the archive, so the same build gives the same ZIP.
touch -d '1980-01-02 00:00:00' "$stage"/*
out="${BTS_1C_OUT:-$target_dir/bts-1c.zip}"
case "$out" in /*) ;; *) out="$root/$out" ;; esac
rm -f "$out"
if command -v zip >/dev/null 2>&1; then
    (cd "$stage" && find . -type f | LC_ALL=C sort | zip -q -X "$out" -@)
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
