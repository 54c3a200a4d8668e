#!/usr/bin/env bash
# Installs bts like a native library into a staging directory and proves every consumer can use
# it from there:
#
#   1. make install DESTDIR=$tmp/stage PREFIX=/usr: the files, the SONAME links, bts.pc;
#   2. C, dynamic: examples/c/quickstart.c compiled with `pkg-config --cflags --libs bts`
#      (the staged .pc, relocated with --define-variable=prefix=$tmp/stage/usr), run against a
#      sandbox with LD_LIBRARY_PATH on the staged lib/;
#   3. C, static: the same program linked against libbts.a (pkg-config --static for its
#      dependencies), checked not to need libbts.so, run without LD_LIBRARY_PATH;
#   4. Python: bindings/python installed with pip into a fresh venv, with the staged library
#      copied into the package (the bindings look next to the package when BTS_LIBRARY is unset),
#      imported from outside the repository;
#   5. PHP: composer validate bindings/php/composer.json (composer from Debian's packages; without
#      it, a JSON validity check with php -r);
#   6. make uninstall removes every file it installed.
#
#   scripts/install-test.sh         (from anywhere; installs pkg-config, a C compiler, php-cli,
#                                    python3-venv and composer with apt-get when missing and root)
#
# Exits non-zero at the first failure. Prints "install-test: N passed, 0 failed" at the end.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"

tmp="$(mktemp -d)"
sandbox_pid=""
cleanup() {
    if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT

passed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; echo "install-test: $passed passed, 1 failed" >&2; exit 1; }

apt_updated=""
apt_install() {
    local run=()
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || return 1
        run=(sudo)
    fi
    if [ -z "$apt_updated" ]; then
        "${run[@]}" apt-get update -qq >/dev/null || return 1
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq "$@" >/dev/null
}
need() { # need COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 || apt_install "$2" || fail "$1 is missing and $2 could not be installed"
}
need cc gcc
need pkg-config pkg-config
need python3 python3

# ---------------------------------------------------------------------------------------------
echo "== 1. make install DESTDIR=$tmp/stage PREFIX=/usr"
stage="$tmp/stage"
make -s install DESTDIR="$stage" PREFIX=/usr
lib="$stage/usr/lib"
for f in "$lib/libbts.so.$version" "$lib/libbts.so.0" "$lib/libbts.so" "$lib/libbts.a" \
    "$stage/usr/include/bts/bts.h" "$stage/usr/include/bts/bts_ffi.h" "$lib/pkgconfig/bts.pc"; do
    [ -e "$f" ] || fail "make install did not install ${f#"$stage"}"
done
[ "$(readlink "$lib/libbts.so")" = libbts.so.0 ] || fail "libbts.so should link to libbts.so.0"
[ "$(readlink "$lib/libbts.so.0")" = "libbts.so.$version" ] || fail "libbts.so.0 should link to libbts.so.$version"
ok "make install staged lib/libbts.so.$version (+ .so.0, .so), lib/libbts.a, include/bts/, lib/pkgconfig/bts.pc"
if command -v readelf >/dev/null 2>&1; then
    grep -q 'SONAME.*\[libbts\.so\.0\]' <<<"$(readelf -d "$lib/libbts.so.$version")" ||
        fail "libbts.so.$version has no SONAME libbts.so.0"
    ok "SONAME is libbts.so.0"
fi

# pkg-config on the staged .pc: prefix redirected into the stage, as a packager would.
export PKG_CONFIG_PATH="$lib/pkgconfig"
unset PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR || true
pc() { pkg-config --define-variable=prefix="$stage/usr" "$@" bts; }
[ "$(pc --modversion)" = "$version" ] || fail "pkg-config --modversion bts is not $version"
grep -q -- "-I$stage/usr/include/bts" <<<"$(pc --cflags)" || fail "pkg-config --cflags: $(pc --cflags)"
grep -q -- "-L$lib" <<<"$(pc --libs)" || fail "pkg-config --libs: $(pc --libs)"
ok "pkg-config: bts $version, cflags $(pc --cflags), libs $(pc --libs)"

# ---------------------------------------------------------------------------------------------
echo "== a sandbox for the C program"
cargo build -q -p bts-sandbox
"$target_dir/debug/bts-sandbox" --listen 127.0.0.1:0 > "$tmp/sandbox.out" &
sandbox_pid=$!
for _ in $(seq 1 100); do
    [ -s "$tmp/sandbox.out" ] && break
    sleep 0.05
done
config="$(python3 -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.readline())["config"]))' < "$tmp/sandbox.out")" ||
    fail "the sandbox printed no JSON line"

src="$root/examples/c/quickstart.c"
if [ -f "$src" ]; then
    check_run() { # check_run OUTPUT_FILE
        grep -q "^bts_version: $version\$" "$1" || fail "no bts_version line in $(cat "$1")"
        grep -q '"summaryPrice":10000' "$1" || fail "no summaryPrice 10000 in $(cat "$1")"
        grep -q '^PASSED: 0 failure(s)$' "$1" || fail "quickstart did not pass: $(cat "$1")"
    }
    run_args=("$config")
else
    # examples/c/quickstart.c is not there: a tiny program of our own.
    src="$tmp/tiny.c"
    cat > "$src" <<'C'
#include <stdio.h>
#include <string.h>
#include <bts.h>
int main(void) {
    char *ops = bts_operations();
    int good = ops != NULL && strstr(ops, "\"order/add\"") != NULL;
    printf("bts_version: %s\n%s\n", bts_version(), good ? "PASSED: 0 failure(s)" : "FAILED");
    bts_string_free(ops);
    return good ? 0 : 1;
}
C
    check_run() {
        grep -q "^bts_version: $version\$" "$1" || fail "no bts_version line in $(cat "$1")"
        grep -q '^PASSED: 0 failure(s)$' "$1" || fail "tiny.c did not pass: $(cat "$1")"
    }
    run_args=()
fi

# ---------------------------------------------------------------------------------------------
echo "== 2. C, linked against the staged shared library"
# shellcheck disable=SC2046
cc -std=c99 -Wall -Wextra -Werror -o "$tmp/quickstart" "$src" $(pc --cflags --libs)
LD_LIBRARY_PATH="$lib" "$tmp/quickstart" "${run_args[@]}" > "$tmp/dynamic.out" 2>&1 ||
    fail "quickstart (dynamic) failed: $(cat "$tmp/dynamic.out")"
check_run "$tmp/dynamic.out"
# Here-strings, not pipes, into grep -q: grep stops reading at the first match, and with pipefail
# the producer's SIGPIPE would fail the check at random.
grep -q "libbts.so.0 => $lib/libbts.so.0" <<<"$(LD_LIBRARY_PATH="$lib" ldd "$tmp/quickstart")" ||
    fail "quickstart does not load libbts.so.0 from the stage"
ok "$(basename "$src") built with pkg-config, loads libbts.so.0 from the stage, passes"

# ---------------------------------------------------------------------------------------------
echo "== 3. C, linked statically against libbts.a"
static_libs="$(pc --static --libs | sed 's/-lbts\b/-l:libbts.a/')"
# shellcheck disable=SC2086
cc -std=c99 -Wall -Wextra -Werror -o "$tmp/quickstart_static" "$src" $(pc --cflags) $static_libs
if grep -q libbts <<<"$(ldd "$tmp/quickstart_static" 2>&1)"; then
    fail "the static build still needs libbts.so"
fi
env -u LD_LIBRARY_PATH "$tmp/quickstart_static" "${run_args[@]}" > "$tmp/static.out" 2>&1 ||
    fail "quickstart (static) failed: $(cat "$tmp/static.out")"
check_run "$tmp/static.out"
ok "static link with $static_libs: no libbts.so needed, passes"

kill "$sandbox_pid" 2>/dev/null || true
sandbox_pid=""

# ---------------------------------------------------------------------------------------------
echo "== 4. Python: pip install bindings/python into a fresh venv"
if [ ! -f bindings/python/pyproject.toml ]; then
    fail "bindings/python/pyproject.toml is missing (TODO: the Python package is not ready)"
fi
python3 -m venv "$tmp/venv" 2>/dev/null || {
    apt_install python3-venv || true
    python3 -m venv "$tmp/venv"
} || fail "python3 -m venv does not work"
# A copy of the package with the staged library inside it (bindings/python's lookup: BTS_LIBRARY,
# then next to the package, then target/), so the source tree is left untouched.
cp -R bindings/python "$tmp/python-src"
rm -rf "$tmp/python-src/build" "$tmp/python-src"/*.egg-info
cp "$lib/libbts.so.$version" "$tmp/python-src/bts/libbts.so"
pip=("$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check)
# The venv's own setuptools builds the wheel without a download when it is new enough (>= 61
# for pyproject metadata) and can make wheels (the wheel package, or setuptools >= 70.1);
# otherwise pip fetches a build backend from PyPI as usual.
if "$tmp/venv/bin/python" - 2>/dev/null <<'PY'
import sys
import setuptools
v = tuple(int(x) for x in setuptools.__version__.split(".")[:2])
try:
    import wheel  # noqa: F401
    has_wheel = True
except ImportError:
    has_wheel = v >= (70, 1)
sys.exit(0 if v >= (61, 0) and has_wheel else 1)
PY
then
    "${pip[@]}" --no-build-isolation "$tmp/python-src"
else
    "${pip[@]}" "$tmp/python-src"
fi
(
    cd "$tmp"
    env -u BTS_LIBRARY "$tmp/venv/bin/python" - "$version" <<'PY'
import sys
import bts
from bts import _native
want = sys.argv[1]
assert bts.version() == want, (bts.version(), want)
assert bts.Client.version() == want
path = str(_native.loaded_path())
assert "site-packages" in path and path.endswith("libbts.so"), path
ops = bts.operations()
assert any((op["name"] if isinstance(op, dict) else op) == "order/add" for op in ops), ops
print("python: bts", bts.version(), "from", path)
PY
) || fail "the installed Python package does not work"
ok "pip install bindings/python: import bts, version $version, library from site-packages"

# ---------------------------------------------------------------------------------------------
echo "== 5. PHP: composer.json"
[ -f bindings/php/composer.json ] || fail "bindings/php/composer.json is missing"
command -v php >/dev/null 2>&1 || apt_install php-cli || true
command -v composer >/dev/null 2>&1 || apt_install composer || true
if command -v composer >/dev/null 2>&1; then
    COMPOSER_ALLOW_SUPERUSER=1 composer validate --no-interaction --no-check-publish \
        bindings/php/composer.json || fail "composer validate bindings/php/composer.json"
    ok "composer validate bindings/php/composer.json ($(composer --version 2>/dev/null | head -n 1))"
elif command -v php >/dev/null 2>&1; then
    php -r 'json_decode(file_get_contents($argv[1]), false, 512, JSON_THROW_ON_ERROR); echo "valid JSON\n";' \
        bindings/php/composer.json || fail "bindings/php/composer.json is not valid JSON"
    ok "bindings/php/composer.json is valid JSON (composer unavailable: php -r check only)"
else
    fail "neither composer nor php is available"
fi

# ---------------------------------------------------------------------------------------------
echo "== 6. make uninstall"
make -s uninstall DESTDIR="$stage" PREFIX=/usr
left="$(find "$stage" \( -type f -o -type l \) | sed "s|^$stage||")"
[ -z "$left" ] || fail "make uninstall left: $left"
ok "make uninstall removed every installed file"

echo "install-test: $passed passed, 0 failed"
