#!/usr/bin/env bash
# Builds the release packages of bts into dist/ (`make dist`): everything a user installs without
# a Rust toolchain, for x86_64 Linux with glibc 2.17 or later (CentOS 7, Ubuntu 14.04 and newer)
# and, built in a cross chroot (scripts/cross/, docs/platforms.md), for Windows x86_64 and x86,
# Linux arm64 (glibc 2.17) and Linux x86_64 and arm64 with musl (Alpine).
#
#   scripts/dist.sh            → dist/ (see the list below); DIST_DIR=... to write elsewhere
#   BTS_DIST_CROSS="..."       the cross targets (default: scripts/cross/targets.txt, every one
#                              of them); empty: none
#
#   dist/bts-VERSION-x86_64-linux.tar.gz              C: lib/libbts.so.VERSION (+ SONAME links),
#                                                     lib/libbts.a, include/bts/bts.h, bts_ffi.h,
#                                                     lib/pkgconfig/bts.pc (relocatable),
#                                                     bin/bts, bin/bts-sandbox,
#                                                     share/bts/examples/c/quickstart.c
#   dist/bts-VERSION-aarch64-linux.tar.gz             the same for arm64 (glibc 2.17)
#   dist/bts-VERSION-x86_64-linux-musl.tar.gz         the same for musl (Alpine)
#   dist/bts-VERSION-aarch64-linux-musl.tar.gz        the same for arm64 musl
#   dist/bts-VERSION-windows-x86_64.zip               C on Windows: bin/bts.dll, bin/bts.exe,
#                                                     bin/bts-sandbox.exe, lib/bts.lib (MSVC import
#                                                     library), lib/libbts.dll.a (MinGW's),
#                                                     lib/libbts.a, lib/bts.def, include/bts/,
#                                                     the C example
#   dist/bts-VERSION-windows-i686.zip                 the same for 32-bit Windows
#   dist/python/bts-VERSION-py3-none-PLATFORM.whl     Python: the library and bts-sandbox inside
#                                                     (`python -m bts sandbox`); PLATFORM is
#                                                     manylinux2014_x86_64, manylinux2014_aarch64,
#                                                     musllinux_1_2_x86_64, musllinux_1_2_aarch64,
#                                                     win_amd64, win32
#   dist/python/bts-VERSION.tar.gz                    Python sdist: builds the library from source
#                                                     (needs cargo) when installed
#   dist/php/bts-bts-VERSION.zip                      PHP: one Composer package with every
#                                                     platform's library, lib/PLATFORM/libbts.so or
#                                                     bts.dll (a Composer "artifact" repository)
#   dist/bts-1c-VERSION.zip                           1C: the Native API add-in, MANIFEST.XML
#                                                     listing Linux x86_64, Linux ARM64, Windows
#                                                     x86_64 and Windows x86 (i386)
#   dist/SHA256SUMS
#
# How: cargo-zigbuild release builds for the target x86_64-unknown-linux-gnu.2.17 (the C
# library, the add-in, then the sandbox and CLI; each of its own) — zig links
# against glibc 2.17's symbol versions, so the files run on any glibc from 2.17 on. No OpenSSL
# (rustls). ziglang and cargo-zigbuild come from PyPI (pip) when missing. The build has a Cargo
# target directory of its own ($CARGO_TARGET_DIR/zig, or target/zig), so it never disturbs the
# host builds. The cross targets: scripts/cross/build.sh in the chroot of scripts/cross/chroot.sh
# (needs root; cached in ~/.cache/bts-cross), in the background beside the host build. A failure names its step ("dist: FAILED at step
# ..."). scripts/dist-test.sh installs and runs every package without a Rust toolchain.
set -euo pipefail

# The programs: the `bts` command line (crate bts-cli) and the sandbox, in one invocation.
PROGRAMS_BUILD=(-p bts-cli --bin bts -p bts-sandbox --bin bts-sandbox)
# The 1C add-in (libbts_1c.so of crate bts-1c) as a cdylib alone: beside its rlib it would come
# out larger. It and the programs use bts without its C ABI (feature `c-abi`) and with the same
# features of every dependency, so the two share one compilation of bts.
ADDIN_BUILD=(-p bts-1c --lib --crate-type cdylib)
# The C library (libbts.so, libbts.a) from a compilation of its own, as a cdylib and a staticlib
# without the Rust rlib: compiled beside the rlib it comes out larger and slower (measured with
# bench/run: 2.77 against 2.41 MiB stripped, 59,586 against 54,943 instructions per bts_call).
C_LIB_BUILD=(-p bts --lib --crate-type cdylib,staticlib)
# The target: x86_64 Linux, glibc symbol versions up to 2.17 (manylinux2014).
TARGET=x86_64-unknown-linux-gnu
GLIBC=2.17
WHEEL_PLATFORM=manylinux2014_x86_64
# Used when they are missing (the versions this script was tested with).
ZIGLANG_PIN="ziglang==0.17.1"
CARGO_ZIGBUILD_PIN="cargo-zigbuild==0.24.1"

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# The cross targets (scripts/cross/build.sh), built in a Debian sid chroot cached under
# ~/.cache/bts-cross (needs root): scripts/cross/targets.txt lists them. BTS_DIST_CROSS
# overrides the list; empty builds none. A target whose inputs have the same contents as at its
# last build reuses that build's files (cross_inputs, scripts/cross/common.sh).
. scripts/cross/common.sh
CROSS_TARGETS="$(cross_targets)"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
soversion="${version%%.*}"
description="$(sed -n 's/^description = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
url="$(sed -n 's/^repository = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
out="${DIST_DIR:-$root/dist}"
case "$out" in /*) ;; *) out="$root/$out" ;; esac
build_dir="${CARGO_TARGET_DIR:-$root/target}/zig"
case "$build_dir" in /*) ;; *) build_dir="$root/$build_dir" ;; esac
release="$build_dir/$TARGET/release"

say() { printf 'dist: %s\n' "$*"; }
die() { printf 'dist: %s\n' "$*" >&2; exit 1; }
started=$SECONDS

[ -n "$version" ] || die "no version in Cargo.toml"
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || die "builds on Linux x86_64 only (found $(uname -s) $(uname -m))"

# One version for every package: the crates' and the Python package's must agree with Cargo.toml.
for manifest in sandbox/Cargo.toml bindings/1c/Cargo.toml; do
    v="$(sed -n 's/^version = "\(.*\)"/\1/p' "$manifest" | head -n 1)"
    [ "$v" = "$version" ] || die "$manifest has version $v, Cargo.toml $version: give every crate the same version"
done
pv="$(sed -n 's/^version = "\(.*\)"/\1/p' bindings/python/pyproject.toml | head -n 1)"
[ "$pv" = "$version" ] || die "bindings/python/pyproject.toml has version $pv, Cargo.toml $version"
grep -q "^## $version\b" CHANGELOG.md || die "CHANGELOG.md has no section '## $version': write the release's entry first"

# ---- tools -------------------------------------------------------------------------------------
if ! command -v cargo-zigbuild >/dev/null 2>&1 || ! { command -v zig >/dev/null 2>&1 || python3 -m ziglang version >/dev/null 2>&1; }; then
    say "installing $ZIGLANG_PIN $CARGO_ZIGBUILD_PIN with pip"
    python3 -m pip install -q --disable-pip-version-check "$ZIGLANG_PIN" "$CARGO_ZIGBUILD_PIN"
fi
say "bts $version; $(cargo-zigbuild --version); zig $(zig version 2>/dev/null || python3 -m ziglang version)"

# ---- build -------------------------------------------------------------------------------------
zigcargo() {
    local command="$1"
    shift
    CARGO_TARGET_DIR="$build_dir" cargo-zigbuild "$command" --release --target "$TARGET.$GLIBC" "$@"
}
stage="$(mktemp -d)"
# Every failure names its step; the cross chroot's mounts are undone by scripts/cross/chroot.sh's
# own trap (it is a child process: it also gets an interrupt).
declare -A cross_pid=() # target → the process (group) building it in the background
step_name="start"
step() { step_name="$*"; say "== $*"; }
finish() {
    local rc=$? target
    for target in "${!cross_pid[@]}"; do kill -TERM -- "-${cross_pid[$target]}" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$stage"
    [ "$rc" = 0 ] || printf 'dist: FAILED at step "%s" (exit status %s)\n' "$step_name" "$rc" >&2
}
trap finish EXIT
built="$stage/built"
mkdir -p "$built"
# The cross targets (scripts/cross/): Debian sid's rustc, MinGW-w64, musl-gcc and the arm64 cross
# toolchain in a chroot. They build in the background, each into a log of its own, while the
# host build runs: most of every build is one single-threaded whole-program link after another,
# so side by side they keep both cores busy (measured: docs/platforms.md). BTS_DIST_CROSS lists
# them (default: all; empty: none).
cross_built="$stage/cross"
start_cross() {
    local target="$1"
    [ "$(id -u)" = 0 ] || die "the cross targets need root (a chroot); BTS_DIST_CROSS= builds x86_64 Linux only"
    # A session of its own, so a failure elsewhere stops the whole build (kill -- -PID).
    setsid bash -c 't=$SECONDS; bash scripts/cross/chroot.sh run bash /src/scripts/cross/build.sh "$1" "$2"; rc=$?; echo "cross build $1: exit status $rc after $((SECONDS - t)) s"; exit $rc' \
        _ "$target" "$inputs" >"$stage/cross-$target.log" 2>&1 </dev/null &
    cross_pid[$target]=$!
}
wait_cross() {
    local target="$1"
    step "cross build $target (scripts/cross/build.sh in the chroot)"
    if ! wait "${cross_pid[$target]}"; then
        unset "cross_pid[$target]"
        tail -n 60 "$stage/cross-$target.log" >&2
        die "cross build $target failed (the end of its log is above)"
    fi
    unset "cross_pid[$target]"
    grep -E '^cross build |^ *Finished ' "$stage/cross-$target.log" | sed 's/^/  /'
    mkdir -p "$cross_built/$target"
    cp -R "$(bash scripts/cross/chroot.sh path)/var/cache/bts/out/$target/." "$cross_built/$target/"
}
if [ -n "$CROSS_TARGETS" ]; then
    # Made (or found) once before the builds start side by side.
    step "the cross chroot (scripts/cross/chroot.sh)"
    [ "$(id -u)" = 0 ] || die "the cross targets need root (a chroot); BTS_DIST_CROSS= builds x86_64 Linux only"
    bash scripts/cross/chroot.sh path >/dev/null
    inputs="$(cross_inputs)"
    say "the cross builds' inputs: ${inputs:-(not a git checkout: every target builds)}"
fi
for target in $CROSS_TARGETS; do start_cross "$target"; done

t=$SECONDS
host_build() { # files, cargo-zigbuild command and arguments...
    local files="$1" f
    shift
    zigcargo "$@"
    for f in $files; do
        [ -f "$release/$f" ] || die "$release/$f was not built"
        cp "$release/$f" "$built/"
    done
}
step "build x86_64 Linux (glibc $GLIBC): libbts.so, libbts.a"
# The SONAME (libbts.so.0), as `make install` gives it: a link argument of this compilation only.
host_build "libbts.so libbts.a" rustc "${C_LIB_BUILD[@]}" -- -C "link-arg=-Wl,-soname,libbts.so.$soversion"
step "build x86_64 Linux (glibc $GLIBC): libbts_1c.so"
host_build libbts_1c.so rustc "${ADDIN_BUILD[@]}"
step "build x86_64 Linux (glibc $GLIBC): bts, bts-sandbox"
host_build "bts bts-sandbox" zigbuild "${PROGRAMS_BUILD[@]}"
say "built in $((SECONDS - t)) s"
for target in $CROSS_TARGETS; do wait_cross "$target"; done
[ -z "$CROSS_TARGETS" ] || say "the cross targets were ready $((SECONDS - t)) s after the builds started"
has_cross() { case " $CROSS_TARGETS " in *" $1 "*) return 0 ;; esac; return 1; }

step "packages"
rm -rf "$out"
mkdir -p "$out/python" "$out/php"

# ---- C (and the two programs): a tarball per Linux target ---------------------------------------
tar_c() { tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='@0' -C "$1" -czf "$2" "$3"; }
# Relocatable: pkg-config sets ${pcfiledir} to the directory of the .pc file.
pc_file() {
    sed -e 's|@PREFIX@|${pcfiledir}/../..|' \
        -e 's|@LIBDIR@|${prefix}/lib|' \
        -e 's|@INCLUDEDIR@|${prefix}/include|' \
        -e "s|@VERSION@|$version|" \
        -e "s|@DESCRIPTION@|$description|" \
        -e "s|@URL@|$url|" \
        bts.pc.in
}
linux_tarball() { # directory of the built files, platform suffix of the name
    local from="$1" name="bts-$version-$2"
    local c="$stage/$name"
    install -d "$c/bin" "$c/lib/pkgconfig" "$c/include/bts" "$c/share/bts/examples/c"
    install -m 755 "$from/bts" "$from/bts-sandbox" "$c/bin/"
    install -m 755 "$from/libbts.so" "$c/lib/libbts.so.$version"
    ln -s "libbts.so.$version" "$c/lib/libbts.so.$soversion"
    ln -s "libbts.so.$soversion" "$c/lib/libbts.so"
    install -m 644 "$from/libbts.a" "$c/lib/"
    install -m 644 include/bts.h include/bts_ffi.h "$c/include/bts/"
    install -m 644 examples/c/quickstart.c "$c/share/bts/examples/c/"
    install -m 644 README.md CHANGELOG.md "$c/"
    pc_file >"$c/lib/pkgconfig/bts.pc"
    tar_c "$stage" "$out/$name.tar.gz" "$name"
    say "wrote $out/$name.tar.gz"
}
linux_tarball "$built" x86_64-linux
has_cross linux-aarch64 && linux_tarball "$cross_built/linux-aarch64" aarch64-linux
has_cross linux-x86_64-musl && linux_tarball "$cross_built/linux-x86_64-musl" x86_64-linux-musl
has_cross linux-aarch64-musl && linux_tarball "$cross_built/linux-aarch64-musl" aarch64-linux-musl

zip_dir() { (cd "$1" && find . -type f -o -type l | LC_ALL=C sort | TZ=UTC zip -q -X -@ "$2"); }
# ---- C on Windows: one ZIP per target ------------------------------------------------------------
windows_zip() { # directory of the built files, platform suffix
    local from="$1" name="bts-$version-$2"
    local w="$stage/$name"
    install -d "$w/$name/bin" "$w/$name/lib" "$w/$name/include/bts" "$w/$name/share/bts/examples/c"
    install -m 755 "$from/bts.dll" "$from/bts.exe" "$from/bts-sandbox.exe" "$w/$name/bin/"
    install -m 644 "$from/bts.lib" "$from/libbts.dll.a" "$from/libbts.a" "$from/bts.def" "$w/$name/lib/"
    install -m 644 include/bts.h include/bts_ffi.h "$w/$name/include/bts/"
    install -m 644 examples/c/quickstart.c "$w/$name/share/bts/examples/c/"
    install -m 644 README.md CHANGELOG.md docs/platforms.md "$w/$name/"
    find "$w" -exec touch -h -d '1980-01-02 00:00:00' {} +
    zip_dir "$w" "$out/$name.zip"
    say "wrote $out/$name.zip"
}
has_cross windows-x86_64 && windows_zip "$cross_built/windows-x86_64" windows-x86_64
has_cross windows-i686 && windows_zip "$cross_built/windows-i686" windows-i686

# ---- Python: a wheel per platform (and the sdist) ---------------------------------------------
wheel() { # platform tag, library, sandbox
    python3 scripts/dist-python.py --version "$version" --platform "$1" --library "$2" --sandbox "$3" --out "$out/python"
}
wheel "$WHEEL_PLATFORM" "$built/libbts.so" "$built/bts-sandbox"
has_cross linux-aarch64 && wheel manylinux2014_aarch64 "$cross_built/linux-aarch64/libbts.so" "$cross_built/linux-aarch64/bts-sandbox"
has_cross linux-x86_64-musl && wheel musllinux_1_2_x86_64 "$cross_built/linux-x86_64-musl/libbts.so" "$cross_built/linux-x86_64-musl/bts-sandbox"
has_cross linux-aarch64-musl && wheel musllinux_1_2_aarch64 "$cross_built/linux-aarch64-musl/libbts.so" "$cross_built/linux-aarch64-musl/bts-sandbox"
has_cross windows-x86_64 && wheel win_amd64 "$cross_built/windows-x86_64/bts.dll" "$cross_built/windows-x86_64/bts-sandbox.exe"
has_cross windows-i686 && wheel win32 "$cross_built/windows-i686/bts.dll" "$cross_built/windows-i686/bts-sandbox.exe"

# ---- PHP: one Composer package, every platform's library under lib/PLATFORM/ --------------------
p="$stage/php"
bash scripts/php-package.sh "$p" "$built/libbts.so" "$version"
for target in linux-aarch64 linux-x86_64-musl linux-aarch64-musl; do
    has_cross "$target" || continue
    install -D -m 755 "$cross_built/$target/libbts.so" "$p/lib/$target/libbts.so"
done
for target in windows-x86_64 windows-i686; do
    has_cross "$target" || continue
    install -D -m 755 "$cross_built/$target/bts.dll" "$p/lib/$target/bts.dll"
done
find "$p" -exec touch -h -d '1980-01-02 00:00:00' {} +
zip_dir "$p" "$out/php/bts-bts-$version.zip"
say "wrote $out/php/bts-bts-$version.zip"

# ---- 1C: one ZIP, a component per platform 1C runs on -----------------------------------------
components="Linux:x86_64:$built/libbts_1c.so"
has_cross linux-aarch64 && components="$components Linux:ARM64:$cross_built/linux-aarch64/libbts_1c.so"
has_cross windows-x86_64 && components="$components Windows:x86_64:$cross_built/windows-x86_64/bts_1c.dll"
has_cross windows-i686 && components="$components Windows:i386:$cross_built/windows-i686/bts_1c.dll"
BTS_1C_COMPONENTS="$components" BTS_1C_VERSION="$version" BTS_1C_OUT="$out/bts-1c-$version.zip" \
    bash bindings/1c/package.sh >/dev/null
say "wrote $out/bts-1c-$version.zip"

step "SHA256SUMS"
(cd "$out" && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | sed 's|^\./||' | xargs sha256sum > SHA256SUMS)
say "done in $((SECONDS - started)) s:"
(cd "$out" && ls -l --time-style=+ ./*.tar.gz ./*.zip python php | sed 's/^/  /')
