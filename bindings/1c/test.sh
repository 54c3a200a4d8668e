#!/usr/bin/env bash
# Builds the 1C add-in (bts-1c) and runs its Native API harness (tests/native_api.rs: loads
# libbts_1c.so the way 1C does, through addin1c-test, against an in-process sandbox), then runs
# the same harness again under valgrind. Exits non-zero on any test failure, any memory error
# and any definite leak (valgrind's exit code 99).
#
#   bindings/1c/test.sh            (from anywhere; needs cargo, a C++ compiler and valgrind)
#
# The harness is built with the `test-panic` feature so that it also proves a panic inside a
# method becomes LastError instead of a crash. valgrind is installed with apt-get when missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

features=(--features test-panic)

echo "== build and run the harness"
cargo test -p bts-1c "${features[@]}"

echo "== locate the harness binary"
exe="$(cargo test -p bts-1c "${features[@]}" --test native_api --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)"
if [ -z "$exe" ] || [ ! -x "$exe" ]; then
    echo "test.sh: could not find the native_api test binary" >&2
    exit 1
fi
echo "$exe"

if ! command -v valgrind >/dev/null 2>&1; then
    echo "== install valgrind"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq valgrind >/dev/null
    else
        sudo apt-get update -qq && sudo apt-get install -y -qq valgrind >/dev/null
    fi
fi

echo "== the harness under valgrind"
# One test thread keeps valgrind's output readable; RUST_BACKTRACE=0 keeps the expected panic
# of the test-panic test to one line.
RUST_BACKTRACE=0 valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    "$exe" --test-threads=1
echo "== bindings/1c/test.sh: all passed"
