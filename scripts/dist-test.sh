#!/usr/bin/env bash
# Installs and runs every package of dist/ the way a user would: no cargo, no rustc, no checkout.
#
#   scripts/dist-test.sh              builds dist/ (scripts/dist.sh), then tests it
#   scripts/dist-test.sh --no-build   tests the dist/ already there
#
# Every step below runs in a temporary directory outside the checkout, under
# `env -i PATH=/usr/bin:/bin HOME=<tmp>` (plus a venv's bin/ for Python): a PATH without cargo,
# rustc or rustup (checked first), and nothing pointing into the repository or its target/.
#
#   1. versions: Cargo.toml's version in every package's name and metadata (wheel, sdist,
#      composer.json, MANIFEST.XML, bts.pc, tarball), and reported at run time (Python, PHP, C,
#      the bts CLI);
#   2. ELF: every shipped ELF file (in the tarball, the wheel, the Composer and 1C archives)
#      needs glibc 2.17 at most (its newest GLIBC_ symbol version) and links no libssl or
#      libcrypto; `auditwheel show` accepts the wheel as manylinux_2_17;
#   3. Python: the wheel into a fresh venv (pip --no-index: offline), `python -m bts sandbox`
#      in the background (its base URL read from its first line), examples/python/quickstart.py;
#   4. PHP: the Composer archive into a fresh project (artifact repository, packagist off),
#      examples/php/quickstart.php against Composer's autoloader; the ext-ffi messages with FFI
#      not loaded (php -n) and disabled (ffi.enable=0);
#   5. C: the tarball unpacked, examples/c/quickstart.c compiled with `pkg-config --cflags
#      --libs bts` (shared, then static) and run against the tarball's bts-sandbox; bin/bts
#      calls the sandbox too;
#   6. 1C: the add-in ZIP's MANIFEST.XML names the library, which loads and exports the Native
#      API entry points (1C itself cannot run here);
#   8. the cross targets (scripts/cross/test.sh in the cross chroot, with cargo and rustc
#      covered by a failing stub): Windows under wine (C quickstart with MinGW against bts.dll,
#      bts.lib and libbts.a; bts.exe; bts-sandbox.exe serving a Linux client; the panic
#      boundary; the 1C add-in driven by a C host with MSVC's layout; imports only system
#      DLLs), Linux arm64 under qemu-user, musl through the musl loader;
#   7. only with BTS_DIST_OLD_ROOT=<dir> (a root file system of an older distribution with
#      python3 and its venv module, e.g. `debootstrap --variant=minbase
#      --include=python3,python3-venv bullseye <dir>`; needs root for chroot): the wheel
#      installed into a venv inside it and the Python quickstart run there against
#      `python -m bts sandbox` started inside it too. There is no container runtime here, so a
#      chroot stands in for an old distribution's image.
#
# Needs: python3 with venv, php-cli, composer, a C compiler, pkg-config, binutils, unzip
# (installed with apt-get when missing and root, like scripts/test.sh). Fails at the first error.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
dist="${DIST_DIR:-$root/dist}"
# The newest glibc symbol version a shipped file may need (manylinux2014, CentOS 7).
GLIBC_MAX=2.17
# The cross targets make dist built (the same list as scripts/dist.sh).
. scripts/cross/common.sh
cross_targets="$(cross_targets)"

say() { printf 'dist-test: %s\n' "$*"; }
fail() { printf 'dist-test: FAIL: %s\n' "$*" >&2; exit 1; }
passed=0
ok() { passed=$((passed + 1)); printf 'dist-test: ok   %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

if [ "${1:-}" != --no-build ]; then
    t=$SECONDS
    bash scripts/dist.sh
    say "make dist took $((SECONDS - t)) s"
fi
started=$SECONDS

# ---- tools a user would have -------------------------------------------------------------------
need=()
have cc || need+=(gcc)
have pkg-config || need+=(pkg-config)
have objdump || need+=(binutils)
have unzip || need+=(unzip)
have php || need+=(php-cli)
have composer || need+=(composer)
# Composer reads an artifact repository's archives with ext-zip.
if have php && ! grep -qi '^zip$' <<<"$(php -m 2>/dev/null)"; then need+=(php-zip); fi
/usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || fail "missing: ${need[*]} (run as root, or apt-get install them)"
    say "installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
python3 -c 'import auditwheel' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check auditwheel

tmp="$(mktemp -d /tmp/bts-dist-test.XXXXXX)"
case "$tmp/" in "$root"/*) fail "the temporary directory $tmp is inside the checkout" ;; esac
pids=()
declare -A cross_job=() # stand-in → the process (group) running its cross tests in the background
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${cross_job[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

# ---- 8 (started now). the cross targets: each on its stand-in, in the cross chroot ---------------
# They run in the background from the start, each into a log of its own, beside the host tests
# below (most of their time is waiting: wine's start, qemu, the sandbox's replies); step 8 waits
# for them. The Windows targets share one wine prefix, so they run one after the other.
start_cross_tests() { # job name, targets...
    local job="$1"
    shift
    [ $# -gt 0 ] || return 0
    setsid bash -c 'for p in "$@"; do t=$SECONDS
            BTS_CROSS_DIST="$0" bash scripts/cross/chroot.sh test bash /src/scripts/cross/test.sh "$p" || { echo "cross test $p: FAILED after $((SECONDS - t)) s"; exit 1; }
            echo "cross test $p: passed in $((SECONDS - t)) s"; done' "$dist" "$@" >"$tmp/cross-$job.log" 2>&1 </dev/null &
    cross_job[$job]=$!
}
windows_targets=() other_targets=()
for platform in $cross_targets; do
    case "$platform" in windows-*) windows_targets+=("$platform") ;; *) other_targets+=("$platform") ;; esac
done
cross_started=$SECONDS
start_cross_tests windows "${windows_targets[@]}"
for platform in "${other_targets[@]}"; do start_cross_tests "$platform" "$platform"; done
mkdir -p "$tmp/home"
# The user's environment: system PATH only, HOME in the temporary directory.
user() { env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 "$@"; }

# ---- 0. no Rust toolchain ----------------------------------------------------------------------
for tool in cargo rustc rustup cargo-zigbuild; do
    if user sh -c "command -v $tool" >/dev/null 2>&1; then
        fail "$tool is reachable on the user's PATH (/usr/bin:/bin): the test would prove nothing"
    fi
done
if (cd "$tmp" && user cargo --version) >/dev/null 2>&1; then fail "cargo runs"; fi
ok "cargo, rustc, rustup are not callable (PATH=/usr/bin:/bin)"

# ---- 1. the packages and their versions --------------------------------------------------------
tarball="$dist/bts-$version-x86_64-linux.tar.gz"
wheel="$dist/python/bts-$version-py3-none-manylinux2014_x86_64.whl"
sdist="$dist/python/bts-$version.tar.gz"
composer_zip="$dist/php/bts-bts-$version.zip"
addin="$dist/bts-1c-$version.zip"
for f in "$tarball" "$wheel" "$sdist" "$composer_zip" "$addin"; do
    [ -f "$f" ] || fail "$f is missing (make dist)"
done
(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match"
mkdir -p "$tmp/c" "$tmp/wheel" "$tmp/composer-zip" "$tmp/1c" "$tmp/artifacts"
tar -xzf "$tarball" -C "$tmp/c"
cprefix="$tmp/c/bts-$version-x86_64-linux"
unzip -q "$wheel" -d "$tmp/wheel"
unzip -q "$composer_zip" -d "$tmp/composer-zip"
unzip -q "$addin" -d "$tmp/1c"
cp "$composer_zip" "$tmp/artifacts/"

expect_version() { # label, found
    [ "$2" = "$version" ] || fail "$1 says version '$2', Cargo.toml $version"
}
expect_version "wheel METADATA" "$(sed -n 's/^Version: //p' "$tmp/wheel/bts-$version.dist-info/METADATA")"
grep -qx "Tag: py3-none-manylinux2014_x86_64" "$tmp/wheel/bts-$version.dist-info/WHEEL" || fail "wheel tag"
expect_version "sdist PKG-INFO" "$(tar -xzOf "$sdist" "bts-$version/PKG-INFO" | sed -n 's/^Version: //p')"
expect_version "sdist rust/Cargo.toml" "$(tar -xzOf "$sdist" "bts-$version/rust/Cargo.toml" | sed -n 's/^version = "\(.*\)"/\1/p' | head -n 1)"
expect_version "composer.json" "$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["version"];' "$tmp/composer-zip/composer.json")"
expect_version "MANIFEST.XML" "$(sed -n 's/.*<!-- bts \([^ :]*\): .*/\1/p' "$tmp/1c/MANIFEST.XML")"
expect_version "bts.pc" "$(sed -n 's/^Version: //p' "$cprefix/lib/pkgconfig/bts.pc")"
expect_version "bindings/python/pyproject.toml" "$(sed -n 's/^version = "\(.*\)"/\1/p' bindings/python/pyproject.toml)"
ok "version $version in every package name and metadata"

# ---- 2. ELF: glibc 2.17 at most, no OpenSSL ------------------------------------------------------
elves=()
while IFS= read -r -d '' f; do
    [ -L "$f" ] && continue
    if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then elves+=("$f"); fi
done < <(find "$tmp/c" "$tmp/wheel" "$tmp/composer-zip/lib/linux-x86_64" "$tmp/1c/libbts_1c.so" -type f -print0)
[ ${#elves[@]} -ge 6 ] || fail "expected 6 ELF files (bts, bts-sandbox, libbts.so ×3, libbts_1c.so), found ${#elves[@]}"
printf '  %-58s %-12s %s\n' "shipped ELF file" "newest glibc" "NEEDED"
for f in "${elves[@]}"; do
    newest="$(objdump -T "$f" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)"
    needed="$(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
    printf '  %-58s %-12s %s\n' "${f#"$tmp"/}" "${newest:-none}" "$needed"
    [ -n "$newest" ] || fail "$f has no GLIBC_ symbol version (not a glibc build?)"
    [ "$(printf '%s\n%s\n' "$newest" "$GLIBC_MAX" | sort -V | tail -n 1)" = "$GLIBC_MAX" ] \
        || fail "$f needs GLIBC_$newest, newer than $GLIBC_MAX"
    if printf '%s' "$needed" | grep -Eq 'libssl|libcrypto'; then fail "$f links OpenSSL: $needed"; fi
done
# The CLI's feature must not bring the sandbox into the library (its control routes are /__sandbox/).
for f in "$cprefix/lib/libbts.so.$version" "$tmp/wheel/bts/libbts.so" "$tmp/composer-zip/lib/linux-x86_64/libbts.so"; do
    if grep -q '/__sandbox/' "$f"; then fail "$f carries sandbox code"; fi
done
grep -q '/__sandbox/' "$cprefix/bin/bts-sandbox" || fail "the check above looks for a string bts-sandbox no longer has"
if nm -u "$cprefix/lib/libbts.a" 2>/dev/null | grep -Eq ' (SSL_|EVP_|OPENSSL_)'; then
    fail "libbts.a refers to OpenSSL symbols"
fi
ok "${#elves[@]} ELF files need glibc <= $GLIBC_MAX and no libssl/libcrypto"

aw="$(python3 -m auditwheel show "$wheel" 2>&1)" || fail "auditwheel show refused the wheel: $aw"
printf '%s\n' "$aw" | grep -q '"manylinux_2_17_x86_64"' || fail "auditwheel: not manylinux_2_17: $aw"
ok "auditwheel show: consistent with manylinux_2_17_x86_64"

# ---- the packaged sandbox (started from a package, base URL read from its first line) ----------
start_sandbox() { # name, command... → sets sandbox_config (the client config JSON)
    local name="$1" out="$tmp/$1.out" i
    shift
    (cd "$tmp" && exec "$@" >"$out" 2>"$tmp/$name.err") &
    pids+=($!)
    for i in $(seq 1 100); do
        [ -s "$out" ] && break
        kill -0 "${pids[-1]}" 2>/dev/null || fail "$name exited: $(cat "$tmp/$name.err")"
        sleep 0.1
    done
    sandbox_config="$(python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); assert d["base_url"].startswith("http://127.0.0.1:"), d; print(json.dumps(d["config"]))' "$out")" \
        || fail "$name printed no sandbox line: $(cat "$out" "$tmp/$name.err")"
    say "$name: $(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["base_url"])' "$out")"
}

# ---- 3. Python ---------------------------------------------------------------------------------
venv="$tmp/venv"
user /usr/bin/python3 -m venv "$venv"
(cd "$tmp" && user "$venv/bin/python" -m pip install -q --no-index --disable-pip-version-check "$wheel") \
    || fail "pip install of the wheel"
pyuser() { user PATH="$venv/bin:/usr/bin:/bin" "$@"; }
start_sandbox python-sandbox env -i PATH="$venv/bin:/usr/bin:/bin" HOME="$tmp/home" "$venv/bin/python" -m bts sandbox
mkdir -p "$tmp/py"
cp examples/python/quickstart.py "$tmp/py/"
out="$(cd "$tmp/py" && pyuser BTS_CONFIG="$sandbox_config" python quickstart.py 2>&1)" || fail "python quickstart: $out"
printf '%s\n' "$out" | sed 's/^/  | /'
printf '%s\n' "$out" | grep -q '^created [0-9]' || fail "python quickstart created no order"
printf '%s\n' "$out" | grep -q '^status ' || fail "python quickstart tracked nothing"
where="$(cd "$tmp/py" && pyuser python -c 'import bts, bts._native as n; n.load(); print(bts.version(), n.loaded_path())')"
set -- $where
expect_version "Python bts.version()" "$1"
case "$2" in "$venv"/*) ;; *) fail "Python loaded the library from $2, not from the venv" ;; esac
ok "Python: wheel in a fresh venv, python -m bts sandbox, quickstart (library $2)"

# ---- 4. PHP ------------------------------------------------------------------------------------
app="$tmp/php-app"
mkdir -p "$app"
cat >"$app/composer.json" <<JSON
{
    "name": "example/shop",
    "repositories": [
        {"type": "artifact", "url": "$tmp/artifacts"},
        {"packagist.org": false}
    ],
    "require": {"bts/bts": "$version"}
}
JSON
(cd "$app" && user COMPOSER_HOME="$tmp/composer" composer install --no-interaction --no-progress --quiet) \
    || fail "composer install of $composer_zip"
[ -f "$app/vendor/bts/bts/lib/linux-x86_64/libbts.so" ] || fail "composer installed no vendor/bts/bts/lib/linux-x86_64/libbts.so"
for platform in $cross_targets; do
    case "$platform" in windows-*) file=bts.dll ;; *) file=libbts.so ;; esac
    [ -f "$app/vendor/bts/bts/lib/$platform/$file" ] || fail "the Composer package has no lib/$platform/$file"
done
# The quickstart as a project has it: Composer's autoloader instead of the repository's.
sed 's|^require __DIR__ . .*autoload.php.;$|require __DIR__ . "/vendor/autoload.php";|' \
    examples/php/quickstart.php >"$app/quickstart.php"
grep -q 'vendor/autoload.php' "$app/quickstart.php" || fail "examples/php/quickstart.php: its require line changed"
out="$(cd "$app" && user BTS_CONFIG="$sandbox_config" php quickstart.php 2>&1)" || fail "php quickstart: $out"
printf '%s\n' "$out" | sed 's/^/  | /'
printf '%s\n' "$out" | grep -q '^created [0-9]' || fail "php quickstart created no order"
printf '%s\n' "$out" | grep -q '^status ' || fail "php quickstart tracked nothing"
where="$(cd "$app" && user php -r 'require "vendor/autoload.php"; echo Bts\Native::version(), " ", Bts\Native::libraryPath();')"
set -- $where
expect_version "PHP Native::version()" "$1"
case "$2" in "$app"/vendor/bts/bts/lib/linux-x86_64/*) ;; *) fail "PHP found the library at $2, not in vendor/bts/bts/lib/linux-x86_64/" ;; esac
ffi_message() { (cd "$app" && user php "$@" -r 'require "vendor/autoload.php"; try { Bts\Native::version(); echo "LOADED"; } catch (Bts\Exception\LibraryException $e) { echo $e->getMessage(); }'); }
msg="$(ffi_message -n)"
printf '  | php -n: %s\n' "$msg"
printf '%s' "$msg" | grep -q 'extension=ffi' || fail "php -n (no ext-ffi): unclear message: $msg"
msg="$(ffi_message -d ffi.enable=0)"
printf '  | php -d ffi.enable=0: %s\n' "$msg"
printf '%s' "$msg" | grep -q 'ffi.enable=true' || fail "ffi.enable=0: unclear message: $msg"
ok "PHP: composer install from an artifact repository, quickstart (library $2); ext-ffi messages"

# ---- 5. C and the bts CLI ----------------------------------------------------------------------
start_sandbox c-sandbox env -i PATH=/usr/bin:/bin HOME="$tmp/home" "$cprefix/bin/bts-sandbox"
cuser() { user PKG_CONFIG_PATH="$cprefix/lib/pkgconfig" "$@"; }
mkdir -p "$tmp/capp"
cp "$cprefix/share/bts/examples/c/quickstart.c" "$tmp/capp/"
cd "$tmp/capp"
flags="$(cuser pkg-config --cflags --libs bts)"
libdir="$(cuser pkg-config --variable=libdir bts)"
# shellcheck disable=SC2086
cuser cc -std=c99 -Wall -Wextra -Werror quickstart.c $flags -Wl,-rpath,"$libdir" -o quickstart
grep -q "NEEDED.*\[libbts.so.${version%%.*}\]" <<<"$(readelf -d quickstart)" || fail "quickstart does not need libbts.so.${version%%.*}"
out="$(cuser BTS_CONFIG="$sandbox_config" ./quickstart 2>&1)" || fail "C quickstart (shared): $out"
printf '%s\n' "$out" | grep -q '^PASSED' || fail "C quickstart: $out"
expect_version "C bts_version()" "$(printf '%s\n' "$out" | sed -n 's/^bts_version: //p')"
static_libs="$(cuser pkg-config --static --libs bts | sed 's/-lbts\b//')"
# shellcheck disable=SC2086
cuser cc -std=c99 -Wall -Wextra -Werror quickstart.c $(cuser pkg-config --cflags bts) "$libdir/libbts.a" $static_libs -o quickstart-static
if grep -q 'NEEDED.*libbts' <<<"$(readelf -d quickstart-static)"; then fail "the static quickstart needs libbts.so"; fi
out="$(cuser BTS_CONFIG="$sandbox_config" ./quickstart-static 2>&1)" || fail "C quickstart (static): $out"
printf '%s\n' "$out" | grep -q '^PASSED' || fail "C quickstart (static): $out"
cd "$root"
printf '%s' "$sandbox_config" >"$tmp/config.json"
expect_version "bts version" "$(user "$cprefix/bin/bts" version | sed 's/^bts //')"
out="$(user "$cprefix/bin/bts" --config "$tmp/config.json" call order/calculate '{"senderCityId":3,"receiverCityId":198,"weight":2}')" \
    || fail "bts call: $out"
printf '%s' "$out" | grep -q 'summaryPrice' || fail "bts call order/calculate: $out"
ok "C: quickstart via pkg-config, shared and static, against the tarball's bts-sandbox; bin/bts call"

# ---- 6. 1C -------------------------------------------------------------------------------------
grep -q '<component os="Linux" path="libbts_1c.so" type="native" arch="x86_64"/>' "$tmp/1c/MANIFEST.XML" \
    || fail "MANIFEST.XML does not list libbts_1c.so: $(cat "$tmp/1c/MANIFEST.XML")"
for platform in $cross_targets; do
    case "$platform" in
    windows-x86_64) line='<component os="Windows" path="bts_1c.dll" type="native" arch="x86_64"/>' ;;
    windows-i686) line='<component os="Windows" path="bts_1c_x86.dll" type="native" arch="i386"/>' ;;
    linux-aarch64) line='<component os="Linux" path="libbts_1c_arm64.so" type="native" arch="ARM64"/>' ;;
    *) continue ;; # 1C does not run on musl
    esac
    grep -qF "$line" "$tmp/1c/MANIFEST.XML" || fail "MANIFEST.XML lacks $line: $(cat "$tmp/1c/MANIFEST.XML")"
    n=$(sed -n 's/.*path="\([^"]*\)".*/\1/p' "$tmp/1c/MANIFEST.XML" | while read -r f; do [ -f "$tmp/1c/$f" ] && echo "$f"; done | wc -l)
    [ "$n" = "$(grep -c '<component ' "$tmp/1c/MANIFEST.XML")" ] || fail "a MANIFEST.XML component is missing from the ZIP"
done
names="$(user /usr/bin/python3 - "$tmp/1c/libbts_1c.so" <<'PY'
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
for symbol in ("GetClassObject", "DestroyObject", "GetClassNames", "SetPlatformCapabilities"):
    getattr(lib, symbol)
lib.GetClassNames.restype = ctypes.POINTER(ctypes.c_uint16)   # const WCHAR_T *: UTF-16
p, text = lib.GetClassNames(), []
while p[len(text)]:
    text.append(chr(p[len(text)]))
print("".join(text))
PY
)" || fail "libbts_1c.so does not load: $names"
[ "$names" = BTS ] || fail "libbts_1c.so's GetClassNames() is '$names', not BTS"
ok "1C: MANIFEST.XML lists libbts_1c.so$(for t in $cross_targets; do printf ' + %s' "$t"; done | sed 's/ + linux-x86_64-musl//; s/ + linux-aarch64-musl//'); it loads and exports the Native API (class BTS)"

# ---- 8. the cross targets: each on its stand-in, in the cross chroot (no Rust there either) -----
for job in $(printf '%s\n' "${!cross_job[@]}" | sort); do
    status=0
    wait "${cross_job[$job]}" || status=$?
    unset "cross_job[$job]"
    sed 's/^/  | /' "$tmp/cross-$job.log"
    [ "$status" = 0 ] || fail "cross tests $job: scripts/cross/test.sh failed (its log is above)"
    while IFS= read -r line; do ok "${line#cross test }: installed and run on its stand-in"; done \
        < <(grep '^cross test .*: passed in' "$tmp/cross-$job.log")
done
say "the cross tests ended $((SECONDS - cross_started)) s after they started (beside the host tests)"

# ---- 7. an older distribution (optional) -------------------------------------------------------
if [ -n "${BTS_DIST_OLD_ROOT:-}" ]; then
    old="$BTS_DIST_OLD_ROOT"
    [ -x "$old/usr/bin/python3" ] || fail "BTS_DIST_OLD_ROOT=$old has no usr/bin/python3"
    glibc_old="$(chroot "$old" /usr/bin/ldd --version 2>/dev/null | head -n 1 | grep -o '[0-9][0-9.]*$' || true)"
    work="$(chroot "$old" /bin/mktemp -d /tmp/bts-dist-test.XXXXXX)"
    trap 'rm -rf "${old:?}$work"; cleanup' EXIT
    cp "$wheel" examples/python/quickstart.py "$old$work/"
    cat >"$old$work/run.sh" <<'SH'
set -e
cd "$(dirname "$0")"
python3 -m venv venv
venv/bin/python -m pip install -q --no-index --disable-pip-version-check ./*.whl
venv/bin/python -m bts sandbox >sandbox.out &
sandbox=$!
trap 'kill $sandbox' EXIT
i=0
while [ ! -s sandbox.out ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
BTS_CONFIG="$(venv/bin/python -c 'import json; print(json.dumps(json.load(open("sandbox.out"))["config"]))')" \
    venv/bin/python quickstart.py
SH
    chroot "$old" /usr/bin/env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 /bin/sh "$work/run.sh" \
        >"$tmp/old.out" 2>&1 || fail "the wheel in $old: $(cat "$tmp/old.out")"
    sed 's/^/  | /' "$tmp/old.out"
    grep -q '^created [0-9]' "$tmp/old.out" || fail "the quickstart in $old created no order"
    ok "Python in $(. "$old/etc/os-release" && echo "$PRETTY_NAME") (glibc $glibc_old, $(chroot "$old" /usr/bin/python3 --version)): wheel, sandbox, quickstart"
fi

say "$passed passed, 0 failed ($((SECONDS - started)) s)"
