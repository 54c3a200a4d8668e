#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) with cargo fuzz (libFuzzer), installing
# cargo-fuzz when it is missing. cargo fuzz wants nightly-only flags; this machine has one
# stable toolchain, so RUSTC_BOOTSTRAP=1 lets stable rustc accept them (fuzzing only — the
# library itself never needs it). A crash is copied to fuzz/regressions/<target>/, where the
# test command (tests/fuzz_replay.rs) replays it forever after.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(ffi responses); fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
command -v c++ >/dev/null || { apt-get update -qq && apt-get install -y -qq g++; }
export RUSTC_BOOTSTRAP=1
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "regressions/$t" "artifacts/$t"
  cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
  echo "== fuzzing $t for ${seconds}s"
  log=$(mktemp)
  if cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=65536 \
      -timeout=10 -rss_limit_mb=2048 2>&1 | tee "$log" | grep -E "^#[0-9]+.*(DONE|pulse)|Done|ERROR|panicked" ; then :; fi
  if grep -q "ERROR\|panicked\|crash-" "$log"; then
    status=1
    for f in artifacts/"$t"/crash-* artifacts/"$t"/oom-* artifacts/"$t"/timeout-*; do
      [ -e "$f" ] && cp "$f" "regressions/$t/" && echo "saved $f as a regression"
    done
  fi
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$log" | tail -2 || true
  rm -f "$log"
done
exit $status
