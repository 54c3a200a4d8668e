#!/usr/bin/env bash
# Every test suite of bts, in one command (the README's test command; CI runs it too):
#
#   1. Rust: format, clippy (-D warnings), docs (-D warnings), and `cargo test` of the whole
#      workspace with every feature — unit tests, every operation against the sandbox, auth,
#      retries, the fault matrix, concurrency (64 threads × 500 calls), secrets, limits, the
#      fuzz seeds and past crashes, the C example (plain, ASan/UBSan, valgrind), the headers
#      (drift, C99, C++), the CLI, the 1C harness, and the doc examples;
#   2. every generated file matches its source (`cargo xtask gen --check`: bindings' methods,
#      doc tables, configuration docs, C headers), run before the tests;
#   3. the Python and PHP binding suites (bindings/run-tests.sh);
#   4. the 1C add-in harness under valgrind (bindings/1c/test.sh);
#   4b. PHP under Debian's php-fpm as deployed (scripts/php-fpm-test.sh): root master, www-data
#      pool, the README's preload recipe, requests through FastCGI, a graceful reload, one login;
#   5. make install + pkg-config + pip install + composer validate (scripts/install-test.sh);
#   6. the benchmark script with a tiny iteration count (scripts/bench-smoke.sh);
#   7. the release packages (scripts/dist-test.sh): make dist (portable, glibc 2.17, and the
#      cross targets Windows x86_64 and x86, Linux arm64 and musl built in a cached Debian sid
#      chroot, started in the background at the lowest priority when this script begins),
#      then every wheel, the Composer archive, the C tarballs and ZIP and the 1C ZIP installed
#      and run with no Rust toolchain reachable (the cross ones under wine, qemu-user and the
#      musl loader).
#
# Installs what it needs when missing (as root, through apt-get and pip): gcc, g++, valgrind,
# strace, binutils, pkg-config, php-cli, phpunit, composer, wrk, php-curl, pytest, requests
# (and php-fpm, libfcgi-bin: scripts/php-fpm-test.sh installs them).
# Exits non-zero at the first failing suite.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never RUST_BACKTRACE=0

step() { printf '\n==== %s\n' "$*"; }

step "system packages"
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have cc || need+=(gcc)
have c++ || need+=(g++)
have valgrind || need+=(valgrind)
have strace || need+=(strace)
have nm || need+=(binutils)
have pkg-config || need+=(pkg-config)
have php || need+=(php-cli)
have php-cgi || need+=(php-cgi)
have phpunit || need+=(phpunit)
have composer || need+=(composer)
have wrk || need+=(wrk)
if have php && ! grep -qi '^curl$' <<<"$(php -m 2>/dev/null)"; then need+=(php-curl); fi
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "missing: ${need[*]} — run as root, or apt-get install them" >&2
        exit 2
    fi
    echo "installing: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if have php && ! grep -qi '^curl$' <<<"$(php -m 2>/dev/null)"; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends php-curl >/dev/null
fi
python3 -c 'import pytest' 2>/dev/null || python3 -m pip install -q pytest
python3 -c 'import requests' 2>/dev/null || python3 -m pip install -q requests
echo "ok"

# The cross targets of `make dist` (step 7) start building now, in the background at the lowest
# priority: they take the processor time the suites leave idle, and make dist reuses what they
# built or waits for them (scripts/cross/prebuild.sh). Stopped with this script, however it ends.
. scripts/cross/common.sh
prebuild_pid=""
prebuild_logs=""
stop_prebuild() {
    local rc=$?
    if [ -n "$prebuild_pid" ]; then
        kill -TERM -- "-$prebuild_pid" 2>/dev/null || true
        wait "$prebuild_pid" 2>/dev/null || true
    fi
    [ -z "$prebuild_logs" ] || rm -rf "$prebuild_logs"
    exit "$rc"
}
if [ "$(id -u)" = 0 ] && [ -n "$(cross_targets)" ]; then
    step "cross targets: building in the background (scripts/cross/prebuild.sh, nice 19)"
    prebuild_logs="$(mktemp -d /tmp/bts-cross-prebuild.XXXXXX)"
    trap stop_prebuild EXIT
    setsid nice -n 19 bash scripts/cross/prebuild.sh "$prebuild_logs" >"$prebuild_logs/prebuild.log" 2>&1 </dev/null &
    prebuild_pid=$!
    echo "started: $(cross_targets | xargs)"
fi

step "rust: format"
cargo fmt --all -- --check

step "generated files match their sources (cargo xtask gen --check)"
# Bindings' methods and enums, the README's and docs/' tables, the configuration and
# bts_operations docs, the C headers: any drift fails here, naming the file.
cargo xtask gen --check

step "rust: clippy"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "rust: docs"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p bts -p bts-sandbox

step "rust: tests (every crate, every feature)"
# Build first: `cargo test` does not make target/debug/libbts.so, which the C, Python and PHP
# programs run by the tests load (without it they build a private copy, a minute more).
cargo build --workspace --all-features
cargo clib-dev --all-features
cargo test --workspace --all-features

step "python and php bindings"
bash bindings/run-tests.sh

step "1C add-in under valgrind"
bash bindings/1c/test.sh

step "PHP under php-fpm, as deployed"
bash scripts/php-fpm-test.sh

step "install: make install, pkg-config, pip, composer"
bash scripts/install-test.sh

step "benchmark smoke run"
bash scripts/bench-smoke.sh

step "release packages: make dist, then install and run them without a Rust toolchain"
bash scripts/dist-test.sh
[ -z "$prebuild_logs" ] || sed 's/^/  /' "$prebuild_logs/prebuild.log"

step "every suite passed"
