#!/usr/bin/env bash
# Runs the Python and PHP binding suites under valgrind memcheck and fails on any invalid
# access (read, write, free) anywhere, on any error whose stack passes through libbts, and on
# any block definitely lost by libbts. (The C suite runs under valgrind inside the test command:
# tests/ffi.rs → scripts/valgrind.sh.)
#
# The interpreters are run with their own allocators off (PYTHONMALLOC=malloc,
# USE_ZEND_ALLOC=0) so valgrind sees every allocation. CPython's long-integer code reports
# "uninitialised value" warnings of its own (maybe_small_long, int.from_bytes over
# os.urandom): those are outside bts and are counted and shown, not failed on. PHP runs with
# pcre.jit=0: PCRE2's JIT reads 16 bytes at a time past string ends, which valgrind reports.
#
#   scripts/valgrind-bindings.sh [python|php]     (default: both; installs valgrind if missing)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
want="${1:-all}"
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }

cargo clib-dev -q --features test-panic
cargo build -q -p bts-sandbox
export BTS_LIBRARY="$root/target/debug/libbts.so" RUST_BACKTRACE=0
vg=(valgrind --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=none
    --num-callers=40 --track-origins=no)

# Reads a valgrind log; prints a verdict; exits 1 when bts is implicated or memory is misused.
analyse() {
    python3 - "$1" "$2" <<'PY'
import re, sys
log, name = sys.argv[1], sys.argv[2]
text = open(log, encoding="utf-8", errors="replace").read()
blocks, cur = [], []
for line in text.splitlines():
    body = re.sub(r"^==\d+== ?", "", line)
    if not body.strip():
        if cur:
            blocks.append(cur)
        cur = []
    else:
        cur.append(body)
if cur:
    blocks.append(cur)
bad, foreign = [], 0
for b in blocks:
    head = b[0]
    is_error = re.match(r"(Invalid (read|write|free)|Mismatched free|Use of uninitialised|Conditional jump|Syscall param|Source and destination overlap)", head)
    is_leak = "definitely lost in loss record" in head
    in_bts = any("libbts" in l or "bts::" in l for l in b)
    if (is_error and (head.startswith(("Invalid", "Mismatched")) or in_bts)) or (is_leak and in_bts):
        bad.append(b)
    elif is_error:
        foreign += 1
summary = re.findall(r"ERROR SUMMARY: .*", text)
lost = re.findall(r"definitely lost: .*", text)
print(f"{name}: {summary[-1] if summary else 'no summary'}; {lost[-1] if lost else 'no leak summary'}")
print(f"{name}: {len(bad)} problem(s) involving bts or invalid access; {foreign} interpreter-internal warning(s) outside bts")
for b in bad[:5]:
    print("\n".join("    " + l for l in b[:14]))
sys.exit(1 if bad or not summary else 0)
PY
}

status=0
if [ "$want" = all ] || [ "$want" = python ]; then
    echo "== python suite under valgrind"
    py="$(python3 -c 'import sys; print(sys.executable)')"   # the real binary, not a pyenv shim
    python3 -c 'import pytest' 2>/dev/null || python3 -m pip install -q pytest
    log="$(mktemp)"
    (cd bindings/python && PYTHONMALLOC=malloc PYTHONDONTWRITEBYTECODE=1 \
        "${vg[@]}" --log-file="$log" "$py" -m pytest -q -p no:cacheprovider tests) | tail -n 3 || status=1
    analyse "$log" python || status=1
    rm -f "$log"
fi
if [ "$want" = all ] || [ "$want" = php ]; then
    echo "== php suite under valgrind"
    command -v php >/dev/null || { apt-get update -qq && apt-get install -y -qq php-cli >/dev/null; }
    command -v phpunit >/dev/null || { apt-get update -qq && apt-get install -y -qq phpunit >/dev/null; }
    log="$(mktemp)"
    (cd bindings/php && USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 \
        "${vg[@]}" --log-file="$log" php -d ffi.enable=1 -d pcre.jit=0 "$(command -v phpunit)" --colors=never) | tail -n 3 || status=1
    analyse "$log" php || status=1
    rm -f "$log"
fi
exit $status
