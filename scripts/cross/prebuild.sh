#!/usr/bin/env bash
# Builds every cross target ahead of `make dist`, side by side, each into a log of its own, and
# waits for them: scripts/test.sh starts it in the background at the lowest priority
# (nice 19) when it begins, so the cross builds use the processor time the test suites leave
# idle (single-threaded tests, valgrind, waits on sockets) instead of adding their whole length
# after the host build. `make dist` later calls scripts/cross/build.sh for each target with the
# same inputs key: it reuses what this built, or waits for a build still running (build.sh
# holds a lock per target). When a build here fails, make dist builds that target again and
# reports the failure with its log: this script's own result only informs.
#
#   scripts/cross/prebuild.sh LOGDIR    needs root (the chroot); targets: cross_targets in
#                                       common.sh (scripts/cross/targets.txt, BTS_DIST_CROSS)
set -uo pipefail
cd "$(dirname "$0")/../.."
logs="${1:?usage: prebuild.sh LOGDIR}"
. scripts/cross/common.sh
targets="$(cross_targets)"
[ -n "$targets" ] || exit 0
t=$SECONDS
bash scripts/cross/chroot.sh path >/dev/null || { echo "prebuild: the cross chroot could not be made"; exit 1; }
inputs="$(cross_inputs)"
declare -A pid=()
for target in $targets; do
    bash scripts/cross/chroot.sh run bash /src/scripts/cross/build.sh "$target" "$inputs" >"$logs/$target.log" 2>&1 </dev/null &
    pid[$target]=$!
done
status=0
for target in $targets; do
    if wait "${pid[$target]}"; then
        echo "prebuild: $target ready after $((SECONDS - t)) s"
    else
        echo "prebuild: $target FAILED after $((SECONDS - t)) s (log: $logs/$target.log)"
        status=1
    fi
done
exit "$status"
