# What the scripts that drive the cross builds share (sourced by scripts/dist.sh,
# scripts/dist-test.sh and scripts/cross/prebuild.sh; run them from the checkout's root).

# The cross targets to build and test: scripts/cross/targets.txt, one per line, unless
# BTS_DIST_CROSS="..." lists others (empty: none, Linux x86_64 only).
cross_targets() {
    printf '%s\n' "${BTS_DIST_CROSS-$(sed 's/#.*//' scripts/cross/targets.txt | xargs)}"
}

# A key of what the cross builds read, by content: every file of the checkout (tracked, or new
# and not ignored) but those no build reads (documentation, the bindings of other languages, the
# test and benchmark programs). Cargo decides by modification times, which a fresh clone
# renews; with this key, scripts/cross/build.sh reuses a target's files when nothing it reads
# has changed since it made them. Outside a git checkout the key is empty: every target builds.
cross_inputs() {
    git rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 0
    { git ls-files -z --cached --others --exclude-standard -- . ':!docs' ':!bench' ':!.ci' \
        ':!bindings/python' ':!bindings/php' ':!examples' ':!*.md' ':!tests/*.rs' |
        sort -z | xargs -0 -r sha256sum 2>/dev/null || true; } | sha256sum | cut -c1-16
}
