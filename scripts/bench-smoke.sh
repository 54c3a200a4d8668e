#!/usr/bin/env bash
# Smoke test of the benchmark: `bench/run --quick` (tiny counts of everything, after a release
# build) must print its one markdown table with the rows every later run relies on. The numbers
# of a quick run mean nothing; only that the whole pipeline runs is checked.
#
#   scripts/bench-smoke.sh            (installs wrk, valgrind, strace, php-cli, php-curl, Guzzle with apt-get and
#                                      requests with pip when missing and allowed; set
#                                      BENCH_NO_INSTALL=1 to skip: the rows that need them then
#                                      say "not measured" or FAILED, and the check still passes)
#
# Exits non-zero when bench/run fails or its table lacks a required row. Prints
# "bench-smoke: N passed, 0 failed" at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "${BENCH_NO_INSTALL:-0}" != "1" ]; then
  missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v valgrind >/dev/null || missing+=(valgrind)
  command -v strace >/dev/null || missing+=(strace)
  command -v php >/dev/null || missing+=(php-cli)
  if command -v php >/dev/null && ! grep -qi '^curl$' <<<"$(php -m)"; then missing+=(php-curl); fi
  [ -f /usr/share/php/GuzzleHttp/autoload.php ] || missing+=(php-guzzlehttp-guzzle)
  if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bench-smoke: installing ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || \
      echo "bench-smoke: could not install ${missing[*]}; continuing without"
  fi
  if ! python3 -c 'import requests' 2>/dev/null; then
    python3 -m pip install -q requests 2>/dev/null || echo "bench-smoke: could not install requests; continuing without"
  fi
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
if ! BENCH_QUICK=1 bench/run --quick >"$out"; then
  echo "bench-smoke: bench/run --quick failed"
  cat "$out"
  exit 1
fi
cat "$out"

passed=0
failed=0
expect() { # expect "what" "regex"
  if grep -Eq -- "$2" "$out"; then
    passed=$((passed + 1))
  else
    echo "bench-smoke: missing: $1"
    failed=$((failed + 1))
  fi
}
expect "the table header"            '^\| measurement \| contender \| result \(median\) \| ratio \| target \| met \|$'
expect "the machine line"            '^\*\*bts benchmark\*\* — [0-9]+ × .*rustc .*ureq .*Python .*PHP'
expect "the raw ureq floor"          '^\| order/detail.*\| raw ureq .*µs'
expect "bts_call from C"             '^\|  \| `bts_call` from C \(libbts.so\) \| [0-9.,]+ µs'
expect "the Rust API"                'Client::call_json'
expect "the Python contenders"       'requests.Session'
expect "throughput of a 10 MiB page" '^\| list page of 10.00 MiB'
expect "the stripped library size"   '^\| libbts.so stripped'
expect "the OpenSSL check"           'OpenSSL: (none|linked)'
expect "the dependency count"        '^\| crates in the default dependency tree'
expect "RSS growth"                  '^\| RSS growth over'
expect "system calls per call"       '^\| system calls per kept-alive .*\| (raw ureq \(Rust\) \| [0-9.]+: |\(strace (not installed|failed: .*)\) .*not measured)'
expect "the server headroom"         'shared server headroom'
expect "the concurrency table"       '^\| contender \| calls \| at once \| time \| floor \| × floor \|'
expect "bts batch from C"            '^\| bts batch from C, concurrency 16 \| [0-9]+ \| 16 \| [0-9.]+ s'
expect "concurrent pages"            '^\| bts all_pages of [0-9]+ pages, page_concurrency 8'
echo "bench-smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
