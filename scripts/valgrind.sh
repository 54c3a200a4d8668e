#!/usr/bin/env bash
# Runs examples/c/quickstart.c under valgrind against the offline sandbox: the C ABI must not
# leak (definitely lost), read uninitialised memory or touch freed memory, misuse included.
#
#   scripts/valgrind.sh              # CI: build, start target/debug/bts-sandbox, compile, run
#   scripts/valgrind.sh --no-build   # use what is already built (tests/ffi.rs does this)
#
# Environment:
#   BTS_CONFIG   a config JSON; when set, no sandbox process is started (tests/ffi.rs passes
#                the config of a sandbox running inside the test)
#   BTS_LIB_DIR  where libbts.so and bts-sandbox are (default: $CARGO_TARGET_DIR/debug or
#                target/debug)
#   BTS_PANIC    1 (default) also runs the test-only __panic operation (needs a library built
#                with --features test-panic, which the build step does); 0 skips it
#   CARGO, CC    the tools (default: cargo, cc)
#
# Exits non-zero when the build, the program or valgrind fails; prints valgrind's ERROR SUMMARY.
# No suppression file: none of the reports seen so far was a false positive. Add one only for a
# known false positive, with a comment naming it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CARGO=${CARGO:-cargo}
CC=${CC:-cc}
BUILD=1
case "${1:-}" in
    --no-build) BUILD=0 ;;
    "") ;;
    *) echo "usage: $0 [--no-build]" >&2; exit 2 ;;
esac
LIB_DIR=${BTS_LIB_DIR:-${CARGO_TARGET_DIR:-$ROOT/target}/debug}
PANIC=${BTS_PANIC:-1}

WORK=$(mktemp -d)
SANDBOX_PID=""
cleanup() {
    if [ -n "$SANDBOX_PID" ]; then
        kill "$SANDBOX_PID" 2>/dev/null || true
        wait "$SANDBOX_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v valgrind >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "valgrind.sh: installing valgrind" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
    else
        echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2
        exit 1
    fi
fi

if [ "$BUILD" = 1 ]; then
    (cd "$ROOT" && "$CARGO" build --workspace --features bts/test-panic && "$CARGO" clib-dev --features test-panic)
fi
[ -f "$LIB_DIR/libbts.so" ] || {
    echo "valgrind.sh: $LIB_DIR/libbts.so is missing; build first (cargo clib-dev --features test-panic)" >&2
    exit 1
}

CONFIG=${BTS_CONFIG:-}
if [ -z "$CONFIG" ]; then
    SANDBOX="$LIB_DIR/bts-sandbox"
    [ -x "$SANDBOX" ] || { echo "valgrind.sh: $SANDBOX is missing; build first (cargo build --workspace)" >&2; exit 1; }
    "$SANDBOX" --listen 127.0.0.1:0 >"$WORK/sandbox.out" 2>"$WORK/sandbox.err" &
    SANDBOX_PID=$!
    for _ in $(seq 1 300); do
        [ -s "$WORK/sandbox.out" ] && grep -q . "$WORK/sandbox.out" && break
        kill -0 "$SANDBOX_PID" 2>/dev/null || { echo "valgrind.sh: bts-sandbox exited:" >&2; cat "$WORK/sandbox.err" >&2; exit 1; }
        sleep 0.1
    done
    CONFIG=$(head -n 1 "$WORK/sandbox.out" |
        python3 -c 'import json, sys; print(json.dumps(json.loads(sys.stdin.readline())["config"]))') || {
        echo "valgrind.sh: no config line from bts-sandbox:" >&2
        cat "$WORK/sandbox.out" "$WORK/sandbox.err" >&2
        exit 1
    }
fi

"$CC" -std=c99 -Wall -Wextra -Werror -pedantic -g -O0 -I "$ROOT/include" \
    "$ROOT/examples/c/quickstart.c" -L "$LIB_DIR" -l:libbts.so -Wl,-rpath,"$LIB_DIR" \
    -o "$WORK/quickstart"

ARGS=("$CONFIG")
[ "$PANIC" = 1 ] && ARGS+=(--panic)
STATUS=0
# RUST_BACKTRACE=0: the __panic check prints the panic message only, not a symbolised trace.
RUST_BACKTRACE=0 valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --track-origins=yes --log-file="$WORK/valgrind.log" \
    "$WORK/quickstart" "${ARGS[@]}" || STATUS=$?

SUMMARY=$(grep "ERROR SUMMARY" "$WORK/valgrind.log" || true)
if [ "$STATUS" != 0 ] || [ -z "$SUMMARY" ]; then
    echo "valgrind.sh: quickstart under valgrind exited with $STATUS; valgrind's log:" >&2
    cat "$WORK/valgrind.log" >&2
    exit "$([ "$STATUS" = 0 ] && echo 1 || echo "$STATUS")"
fi
grep -A6 "LEAK SUMMARY" "$WORK/valgrind.log" | sed 's/^==[0-9]*== //' || true
echo "valgrind: ${SUMMARY#==*== }"
