#!/usr/bin/env bash
# PHP under php-fpm, as deployed: Debian's php-fpm, the bts Composer package installed in an app
# (vendor/bts/bts/, from a path repository of the package scripts/dist.sh ships), bts preloaded
# exactly as README.md says (its recipe is read from README.md, only the paths changed), and
# requests sent through FastCGI with cgi-fcgi against a sandbox this script starts:
#
#   1. master as root, a www-data pool (ffi.preload + opcache.preload + preload_user): 300
#      requests, 8 at a time, each creating an order and reading it back; a graceful reload
#      (SIGUSR2) in the middle; every reply correct, each order its own, and with token_cache
#      exactly one login for the whole run;
#   2. master as a user (www-data), the README's non-root recipe: 60 more requests, one login;
#   and, first, that the root recipe without its ffi.preload line (the old advice) makes php-fpm
#   exit 70 with a LibraryException that names the fix.
#
#   scripts/php-fpm-test.sh      (as root; installs php-fpm, libfcgi-bin, composer when missing)
#
# Prints "php-fpm-test: N passed, 0 failed" at the end; exits non-zero at the first failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac

passed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; echo "php-fpm-test: $passed passed, 1 failed" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: the test starts php-fpm's master as root, as systemd does"
need=()
have() { command -v "$1" >/dev/null 2>&1; }
ls /usr/sbin/php-fpm* >/dev/null 2>&1 || need+=(php-fpm)
have cgi-fcgi || need+=(libfcgi-bin)
have composer || need+=(composer)
have php || need+=(php-cli)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
fpm="$(ls /usr/sbin/php-fpm* | sort -V | tail -n 1)"
id www-data >/dev/null 2>&1 || fail "no www-data user"

cargo clib-dev -q
cargo build -q -p bts-sandbox
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"

tmp="$(mktemp -d)"
chmod 755 "$tmp"
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# ---- the sandbox ------------------------------------------------------------------------------
"$target_dir/debug/bts-sandbox" >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$tmp/sandbox.out" ] && break; sleep 0.1; done
sandbox="$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["base_url"].split("/index.php")[0])' "$tmp/sandbox.out")" \
    || fail "the sandbox printed no line: $(cat "$tmp/sandbox.err")"
logins() { python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/__sandbox/counts")).get("auth/get-token", 0))' "$sandbox"; }

# ---- the app: the Composer package in vendor/bts/bts/, as a Composer user has it ---------------
bash scripts/php-package.sh "$tmp/package" "$target_dir/debug/libbts.so" "$version"
app="$tmp/shop"
mkdir -p "$app/public"
cat >"$app/composer.json" <<JSON
{
    "name": "example/shop",
    "repositories": [
        {"type": "path", "url": "$tmp/package", "options": {"symlink": false}},
        {"packagist.org": false}
    ],
    "require": {"bts/bts": "$version"}
}
JSON
(cd "$app" && COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_HOME="$tmp/composer" \
    composer install --no-interaction --no-progress --quiet) || fail "composer install of the package"
[ -f "$app/vendor/bts/bts/lib/linux-x86_64/libbts.so" ] && [ -f "$app/vendor/bts/bts/preload-header.php" ] \
    || fail "composer installed no vendor/bts/bts/lib/linux-x86_64/libbts.so or preload-header.php"
ok "composer install: vendor/bts/bts/ holds the library, preload.php and preload-header.php"

# One request: a client made for it (PHP frees it at the end), an order of its own, read back.
cat >"$app/public/order.php" <<'PHP'
<?php
declare(strict_types=1);
require __DIR__ . '/../vendor/autoload.php';

header('Content-Type: application/json');
$n = (string) ($_GET['n'] ?? '');
try {
    $config = json_decode((string) file_get_contents(__DIR__ . '/../bts.json'), true, 512, JSON_THROW_ON_ERROR);
    $bts = new Bts\Client($config);
    $order = $bts->orderAdd([
        'senderCityId' => 3, 'senderAddress' => 'Toshkent sh., Bobur ko‘chasi, 5-A',
        'senderReal' => 'Jurabek Turdiyev', 'senderPhone' => '+998 99 1234567',
        'weight' => 2, 'packageId' => 8, 'postTypeId' => 4,
        'receiver' => "fpm-{$n}", 'receiverAddress' => 'Gozovo qish. 41 uy',
        'receiverCityId' => 198, 'receiverPhone' => '+998 99 1234568',
    ]);
    $detail = $bts->orderDetail((int) $order['orderId']);
    echo json_encode([
        'n' => $n, 'pid' => getmypid(), 'orderId' => $order['orderId'],
        'receiver' => $detail['receiver'] ?? null, 'preloaded' => Bts\Native::isPreloaded(),
        'user' => posix_getpwuid(posix_geteuid())['name'] ?? null,
    ]);
} catch (Throwable $e) {
    http_response_code(500);
    echo json_encode(['n' => $n, 'error' => get_class($e) . ': ' . $e->getMessage()]);
}
PHP

# ---- README's recipe, with this test's paths -----------------------------------------------------
# The blocks after the `php-fpm-test: NAME` markers in README.md, /srv/shop → the app,
# /etc/php/8.2/fpm → this test's folder, /var/lib/shop → this test's state folder.
etc="$tmp/etc"
mkdir -p "$etc/conf.d"
recipe() {
    python3 - "$root/README.md" "$1" "$app" "$etc" "$tmp/state" <<'PY'
import sys, textwrap
text, name, app, etc, state = open(sys.argv[1], encoding="utf-8").read(), *sys.argv[2:]
marker = f"<!-- php-fpm-test: {name} -->"
assert text.count(marker) == 1, f"README.md needs exactly one {marker}"
block = text.split(marker, 1)[1].split("```", 2)[1]
# bindings/php/README.md gives the same recipe, word for word.
php_readme = open(sys.argv[1].replace("README.md", "bindings/php/README.md"), encoding="utf-8").read()
assert "```" + block + "```" in php_readme, f"bindings/php/README.md lacks README.md's {name} block"
body = textwrap.dedent(block.split("\n", 1)[1])
print(body.replace("/srv/shop", app).replace("/etc/php/8.2/fpm", etc).replace("/var/lib/shop", state), end="")
PY
}

start_fpm() { # name, ini recipe, as-user (root or www-data), port → sets fpm_pid, fpm_master
    local name="$1" ini="$2" as="$3" port="$4" dir="$tmp/$1"
    mkdir -p "$dir/conf.d"
    recipe "$ini" >"$dir/conf.d/90-bts.ini"
    {
        echo "[global]"
        echo "pid = $dir/php-fpm.pid"
        echo "error_log = $dir/error.log"
        echo "[www]"
        if [ "$as" = root ]; then echo "user = www-data"; echo "group = www-data"; fi
        echo "listen = 127.0.0.1:$port"
        echo "pm = static"
        echo "pm.max_children = 4"
        echo "catch_workers_output = yes"
    } >"$dir/php-fpm.conf"
    chown -R www-data:www-data "$dir"
    # Debian's conf.d (the extensions: ffi, opcache, posix), then the recipe's file.
    local scan="/etc/php/${fpm##*php-fpm}/fpm/conf.d"
    [ -d "$scan" ] || fail "no $scan"
    if [ "$as" = root ]; then
        PHP_INI_SCAN_DIR="$scan:$dir/conf.d" "$fpm" -F -y "$dir/php-fpm.conf" >"$dir/stdout" 2>&1 &
    else
        runuser -u www-data -- env PHP_INI_SCAN_DIR="$scan:$dir/conf.d" "$fpm" -F -y "$dir/php-fpm.conf" >"$dir/stdout" 2>&1 &
    fi
    fpm_pid=$!
    pids+=("$fpm_pid")
    for _ in $(seq 1 100); do
        if request "$port" 0 >/dev/null 2>&1; then
            # The master itself (runuser does not pass signals on).
            fpm_master="$(cat "$dir/php-fpm.pid")"
            return 0
        fi
        kill -0 "$fpm_pid" 2>/dev/null || break
        sleep 0.1
    done
    fail "php-fpm ($name) did not start: $(cat "$dir/stdout" "$dir/error.log" 2>/dev/null | tail -n 20)"
}

# One FastCGI request; prints the body.
request() { # port, n
    env -i SCRIPT_FILENAME="$app/public/order.php" SCRIPT_NAME=/order.php REQUEST_METHOD=GET \
        QUERY_STRING="n=$2" SERVER_PROTOCOL=HTTP/1.1 \
        cgi-fcgi -bind -connect "127.0.0.1:$1" | python3 -c '
import sys
raw = sys.stdin.buffer.read()
head, _, body = raw.partition(b"\r\n\r\n")
if b"Status: 500" in head or not body.startswith(b"{"):
    sys.stderr.write(raw.decode("utf-8", "replace")); sys.exit(1)
sys.stdout.write(body.decode())'
}
export -f request
export app

batch() { # port, first, last → replies in $tmp/replies/N
    mkdir -p "$tmp/replies"
    seq "$2" "$3" | xargs -P 8 -I{} bash -c 'request '"$1"' {} > '"$tmp"'/replies/{} 2>&1 || true'
}

check_replies() { # first, last, expected user → checks every reply
    python3 - "$tmp/replies" "$1" "$2" "$3" <<'PY'
import json, os, sys
folder, first, last, user = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
orders, pids = {}, set()
for n in range(first, last + 1):
    text = open(os.path.join(folder, str(n)), encoding="utf-8").read()
    try:
        r = json.loads(text)
    except ValueError:
        sys.exit(f"request {n}: not JSON: {text[:400]}")
    if r.get("n") != str(n) or "error" in r:
        sys.exit(f"request {n}: {text[:400]}")
    if r["receiver"] != f"fpm-{n}":
        sys.exit(f"request {n} read back another order: {r}")
    if r["preloaded"] is not True or r["user"] != user:
        sys.exit(f"request {n}: preloaded {r['preloaded']}, user {r['user']}")
    if r["orderId"] in orders:
        sys.exit(f"requests {orders[r['orderId']]} and {n} got the same order {r['orderId']}")
    orders[r["orderId"]] = n
    pids.add(r["pid"])
print(" ".join(str(p) for p in sorted(pids)))
PY
}

# ---- 1. master as root, pool as www-data ---------------------------------------------------------
state="$tmp/state"
recipe setup >"$tmp/setup.sh"
grep -q 'preload-header.php' "$tmp/setup.sh" || fail "README's setup block has no preload-header.php line"
bash -eu "$tmp/setup.sh" || fail "README's setup commands failed: $(cat "$tmp/setup.sh")"
[ "$(stat -c '%U %a' "$state")" = "www-data 700" ] || fail "the state folder is $(stat -c '%U %a' "$state")"
grep -q "^#define FFI_LIB \"$app/vendor/bts/bts/lib/linux-x86_64/libbts.so\"" "$etc/bts.h" \
    || fail "bts.h does not name vendor/bts/bts/lib/linux-x86_64/libbts.so: $(grep FFI_ "$etc/bts.h")"
python3 -c 'import json,sys; c=json.loads(open(sys.argv[1]).readline())["config"]; c["token_cache"]=sys.argv[2]; open(sys.argv[3],"w").write(json.dumps(c))' \
    "$tmp/sandbox.out" "$state/bts-tokens.json" "$app/bts.json"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# The recipe without its ffi.preload line (what the README said before) must fail as PHP does:
# FFI::load() refuses to run in preloading with opcache.preload_user, php-fpm exits 70, and the
# LibraryException says what to do.
mkdir -p "$tmp/no-ffi-preload/conf.d"
recipe root-master | grep -v '^ffi.preload' >"$tmp/no-ffi-preload/conf.d/90-bts.ini"
printf '[global]\nerror_log = %s/error.log\n[www]\nuser = www-data\ngroup = www-data\nlisten = 127.0.0.1:%s\npm = static\npm.max_children = 1\n' \
    "$tmp/no-ffi-preload" "$port" >"$tmp/no-ffi-preload/php-fpm.conf"
code=0
PHP_INI_SCAN_DIR="/etc/php/${fpm##*php-fpm}/fpm/conf.d:$tmp/no-ffi-preload/conf.d" \
    timeout 30 "$fpm" -F -y "$tmp/no-ffi-preload/php-fpm.conf" >"$tmp/no-ffi-preload/out" 2>&1 || code=$?
[ "$code" = 70 ] || fail "without ffi.preload a root master should exit 70, got $code: $(tail -n 5 "$tmp/no-ffi-preload/out")"
grep -q 'preload-header.php' "$tmp/no-ffi-preload/out" \
    || fail "the LibraryException does not point at preload-header.php: $(tail -n 5 "$tmp/no-ffi-preload/out")"
ok "without ffi.preload a root master exits 70, and the LibraryException names the fix"
before="$(logins)"
start_fpm root-master root-master root "$port"
ok "php-fpm started with its master as root and a www-data pool, bts preloaded with ffi.preload"
batch "$port" 1 150
old_pids="$(check_replies 1 150 www-data)" || fail "before the reload: $old_pids"
ok "150 requests, 8 at a time: every reply correct, each order its own (workers $old_pids)"
kill -USR2 "$fpm_master"
sleep 1
for _ in $(seq 1 100); do request "$port" 0 >/dev/null 2>&1 && break; sleep 0.1; done
kill -0 "$fpm_master" 2>/dev/null || fail "php-fpm died on SIGUSR2: $(tail -n 20 "$tmp/root-master/error.log")"
batch "$port" 151 300
new_pids="$(check_replies 151 300 www-data)" || fail "after the reload: $new_pids"
for p in $new_pids; do
    case " $old_pids " in *" $p "*) fail "worker $p survived the reload: it was not graceful" ;; esac
done
ok "graceful reload (SIGUSR2): 150 more requests on new workers ($new_pids), all correct"
after="$(logins)"
[ $((after - before)) = 1 ] || fail "$((after - before)) logins for the run with token_cache (want 1)"
[ "$(stat -c '%U %a' "$state/bts-tokens.json")" = "www-data 600" ] \
    || fail "the token cache is $(stat -c '%U %a' "$state/bts-tokens.json")"
password="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["password"])' "$app/bts.json")"
! grep -qF "$password" "$state/bts-tokens.json" || fail "the password is in the token cache"
! grep -rqF "$password" "$tmp/root-master" || fail "the password is in php-fpm's logs"
ok "one login for the whole run (300 requests and the start-up probes, a reload between); the token file is www-data's, 0600, without the password"
kill -QUIT "$fpm_master"
wait "$fpm_pid" 2>/dev/null || true

# ---- 2. master as a user: the non-root recipe ------------------------------------------------------
rm -f "$state/bts-tokens.json"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
before="$(logins)"
start_fpm user-master user-master www-data "$port"
batch "$port" 301 360
check_replies 301 360 www-data >/dev/null || fail "non-root master: $(check_replies 301 360 www-data)"
after="$(logins)"
[ $((after - before)) = 1 ] || fail "non-root master: $((after - before)) logins (want 1)"
ok "master as www-data (the non-root recipe): 60 requests correct, one login"
kill -QUIT "$fpm_master"
wait "$fpm_pid" 2>/dev/null || true

echo "php-fpm-test: $passed passed, 0 failed"
