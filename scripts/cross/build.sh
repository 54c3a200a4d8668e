#!/usr/bin/env bash
# Builds bts for one cross target, inside the cross chroot (scripts/cross/chroot.sh run ...),
# from the checkout mounted at /src, into /var/cache/bts/out/TARGET/ (the Cargo target
# directory, /var/cache/bts/target-TARGET, stays there between runs; one per target, so two
# targets can build at once).
#
#   build.sh windows-x86_64   bts.dll, libbts.dll.a (MinGW import library), bts.lib (MSVC import
#                             library, from bts.def with dlltool), bts.def, libbts.a, bts_1c.dll
#                             (exports the five Native API functions only), bts.exe,
#                             bts-sandbox.exe, and test-panic/bts.dll (the `fixture` profile):
#                             the library with the test-only `__panic` operation, for the tests
#   build.sh windows-i686     the same for 32-bit Windows (32-bit 1C clients)
#   build.sh linux-aarch64    libbts.so (SONAME libbts.so.0), libbts.a, libbts_1c.so, bts,
#                             bts-sandbox: glibc 2.17 symbol versions (cargo-zigbuild), Debian's
#                             arm64 std; test-panic/libbts.so
#   build.sh linux-x86_64-musl  libbts.so, libbts.a, bts, bts-sandbox (no 1C add-in: 1C does not
#                             run on musl) for musl (Alpine): std built from rust-src, linked by
#                             musl-gcc; dynamic executables needing only musl's libc.so
#   build.sh linux-aarch64-musl the same for arm64 musl (aarch64-linux-musl-gcc)
#
#   build.sh TARGET INPUTS     as above, unless the last build of TARGET had the same INPUTS key
#                             (cross_inputs in common.sh: a hash of the contents it reads): then
#                             its files in /var/cache/bts/out/TARGET/ are kept as they are
#
# Two builds of one target never run at once: the second waits for the first (a lock file).
#
# How, and why each flag: docs/platforms.md.
set -euo pipefail

[ -n "${BTS_CROSS_CHROOT:-}" ] || { echo "build.sh: run me through scripts/cross/chroot.sh run" >&2; exit 2; }
target_name="${1:?usage: build.sh windows-x86_64|windows-i686|linux-aarch64|linux-x86_64-musl|linux-aarch64-musl [INPUTS]}"
# INPUTS: a key of the contents of what the build reads (cross_inputs in common.sh). When the last build of
# this target had the same key, its files are reused: Cargo would rebuild after a fresh clone,
# whose files are all newer than its last build.
inputs="${2:-}"
cd /src
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
soversion="${version%%.*}"
export CARGO_TARGET_DIR="/var/cache/bts/target-$target_name"
export CARGO_HOME=/var/cache/bts/cargo
out="/var/cache/bts/out/$target_name"
say() { printf 'cross build %s [%4d s]: %s\n' "$target_name" "$SECONDS" "$*"; }
# One build of a target at a time: a second one (make dist while scripts/cross/prebuild.sh
# still builds that target) waits here, then finds the first one's files and reuses them.
mkdir -p "$(dirname "$out")"
exec 8>"$out.lock"
if ! flock -n 8; then
    say "waiting for the build of $target_name already running"
    flock 8
fi
if [ -n "$inputs" ] && [ -d "$out" ] && [ "$(cat "$out.inputs" 2>/dev/null)" = "$inputs" ]; then
    say "done: the inputs are those of the last build ($inputs); its files: $(cd "$out" && ls | tr '\n' ' ')"
    exit 0
fi
rm -rf "$out" "$out.inputs"
mkdir -p "$out"
die() { printf 'cross build %s: %s\n' "$target_name" "$*" >&2; exit 1; }
# The same split as scripts/dist.sh: the C library from a compilation of its own.
C_LIB=(-p bts --lib --crate-type cdylib,staticlib)
# On Linux, libbts.so gets its SONAME (libbts.so.0, as `make install` gives it): a link argument
# of that compilation only.
SONAME=(-- -C "link-arg=-Wl,-soname,libbts.so.$soversion")
PROGRAMS=(-p bts-cli --bin bts -p bts-sandbox --bin bts-sandbox)
# The 1C add-in as a cdylib alone: built beside its rlib, the whole-program optimisation does
# not apply and the library comes out twice the size. It and the programs use bts without its C
# ABI (the `c-abi` feature), so they share one compilation of bts, and the add-in exports its
# Native API entry points only.
ADDIN=(-p bts-1c --lib --crate-type cdylib)
# The test-panic library is a test fixture, never shipped: built in the `fixture` profile
# (Cargo.toml: release without LTO, so a source change costs a short compilation, not a second
# whole-program link) into target/TRIPLE/fixture/, beside the release files and not over them.
FIXTURE=(-p bts --lib --crate-type cdylib --features test-panic --profile fixture)
# -Zbuild-std on a release compiler: rustc, cargo and rust-src are one version (Debian sid).
BUILD_STD=(-Zbuild-std=std,panic_unwind)

# cargo for the target being built, as each target's function sets it: $tool (cargo, or
# cargo-zigbuild for glibc 2.17 symbol versions), $triple (cargo's --target) and $std (the
# -Zbuild-std flags where the sysroot has no std for the target).
tcargo() {
    local c="$1"
    shift
    [ "$tool" = cargo-zigbuild ] && [ "$c" = build ] && c=zigbuild
    "$tool" "$c" --target "$triple" "${std[@]}" "$@"
}
# The test-panic library into $out/test-panic/.
fixture() { # the library's file name
    say "the test-panic library (tests only)"
    tcargo rustc "${FIXTURE[@]}"
    mkdir -p "$out/test-panic"
    cp "$CARGO_TARGET_DIR/${triple%.2.17}/fixture/$1" "$out/test-panic/"
}

# Windows: a DLL for C, its import libraries, a static library, the 1C add-in, the programs.
windows() { # rust target, mingw triplet
    local rt="$1" mingw="$2"
    local tool=cargo triple="$1" std=("${BUILD_STD[@]}") rel="$CARGO_TARGET_DIR/$1/release"
    export RUSTC_BOOTSTRAP=1
    export "CARGO_TARGET_$(echo "$rt" | tr 'a-z-' 'A-Z_')_LINKER=$mingw-gcc"
    export "CC_${rt//-/_}=$mingw-gcc" "AR_${rt//-/_}=$mingw-ar"

    fixture bts.dll
    say "bts.dll, libbts.dll.a, libbts.a"
    tcargo rustc --release "${C_LIB[@]}"
    cp "$rel/bts.dll" "$rel/libbts.dll.a" "$rel/libbts.a" "$out/"

    # bts.def from the DLL's own export table, then the MSVC import library from it.
    {
        echo "LIBRARY bts.dll"
        echo "EXPORTS"
        "$mingw-objdump" -p "$out/bts.dll" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' |
            awk '$NF ~ /^bts_[A-Za-z0-9_]*$/ { print "    " $NF }'
    } >"$out/bts.def"
    [ "$(grep -c '^    bts_' "$out/bts.def")" -ge 5 ] || die "bts.def lists too few exports: $(cat "$out/bts.def")"
    local machine=i386:x86-64
    [ "$rt" = i686-pc-windows-gnu ] && machine=i386
    "$mingw-dlltool" -m "$machine" -d "$out/bts.def" -D bts.dll -l "$out/bts.lib"

    say "bts_1c.dll"
    tcargo rustc --release "${ADDIN[@]}"
    cp "$rel/bts_1c.dll" "$out/"
    "$mingw-strip" "$out/bts_1c.dll"
    say "bts.exe, bts-sandbox.exe"
    tcargo build --release "${PROGRAMS[@]}"
    cp "$rel/bts.exe" "$rel/bts-sandbox.exe" "$out/"
}

# Every Linux target, once its function has set tool, triple, std and the environment.
linux() { # what the files are linked for, for the log; "no-1c" to skip the 1C add-in
    local rel="$CARGO_TARGET_DIR/${triple%.2.17}/release"
    fixture libbts.so
    say "libbts.so, libbts.a ($1)"
    tcargo rustc --release "${C_LIB[@]}" "${SONAME[@]}"
    cp "$rel/libbts.so" "$rel/libbts.a" "$out/"
    if [ "${2:-}" != no-1c ]; then
        say "libbts_1c.so ($1)"
        tcargo rustc --release "${ADDIN[@]}"
        cp "$rel/libbts_1c.so" "$out/"
    fi
    say "bts, bts-sandbox ($1)"
    tcargo build --release "${PROGRAMS[@]}"
    cp "$rel/bts" "$rel/bts-sandbox" "$out/"
}

# Linux arm64 with glibc: Debian's arm64 std, glibc 2.17 symbol versions from cargo-zigbuild.
glibc_arm64() {
    local tool=cargo-zigbuild triple=aarch64-unknown-linux-gnu.2.17 std=()
    linux "glibc 2.17"
}

# musl (Alpine), x86_64 or arm64: std built from rust-src, linked by Debian's musl-gcc wrapper.
musl() { # rust target, musl C compiler, the gcc whose libgcc_eh.a it links
    local rt="$1" cc="$2" gcc="$3"
    local tool=cargo triple="$1" std=("${BUILD_STD[@]}")
    export RUSTC_BOOTSTRAP=1
    export "CARGO_TARGET_$(echo "$rt" | tr 'a-z-' 'A-Z_')_LINKER=$cc" "CC_${rt//-/_}=$cc"
    # Dynamic linking against musl's libc.so (a cdylib needs it; the programs follow), with
    # musl-gcc's own start files instead of rustup's self-contained ones (Debian has none), and
    # the unwinder from libgcc_eh.a linked in: -lgcc_s would pull a glibc libgcc_s.so.1. That
    # libgcc_eh.a calls glibc's _dl_find_object, which musl lacks: musl-dl-find-object.c gives
    # it, from dl_iterate_phdr, in the same archive.
    local shim="$CARGO_TARGET_DIR/musl-shim"
    mkdir -p "$shim"
    cp "$("$gcc" -print-file-name=libgcc_eh.a)" "$shim/libgcc_s.a.tmp"
    "$cc" -O2 -fPIC -c /src/scripts/cross/musl-dl-find-object.c -o "$shim/dl-find-object.o"
    "${gcc%gcc}ar" rcs "$shim/libgcc_s.a.tmp" "$shim/dl-find-object.o"
    if ! cmp -s "$shim/libgcc_s.a.tmp" "$shim/libgcc_s.a"; then mv "$shim/libgcc_s.a.tmp" "$shim/libgcc_s.a"; else rm "$shim/libgcc_s.a.tmp"; fi
    export RUSTFLAGS="-C target-feature=-crt-static -C link-self-contained=no -L native=$shim"
    # No 1C add-in: 1C:Enterprise does not run on musl, and the 1C ZIP lists no such component.
    linux musl no-1c
}

case "$target_name" in
windows-x86_64) windows x86_64-pc-windows-gnu x86_64-w64-mingw32 ;;
windows-i686)
    # rustc links i686-pc-windows-gnu programs and DLLs with rsbegin.o and rsend.o (frame
    # registration for DWARF unwinding), which a rustup sysroot ships and Debian's has not for
    # this target: compile them from rust-src into the sysroot once.
    sysroot_lib="$(rustc --print sysroot)/lib/rustlib/i686-pc-windows-gnu/lib"
    for o in rsbegin rsend; do
        if [ ! -f "$sysroot_lib/$o.o" ]; then
            mkdir -p "$sysroot_lib"
            RUSTC_BOOTSTRAP=1 rustc --target i686-pc-windows-gnu --emit=obj -C panic=abort -C opt-level=3 \
                -o "$sysroot_lib/$o.o" "$(rustc --print sysroot)/lib/rustlib/src/rust/library/rtstartup/$o.rs"
        fi
    done
    windows i686-pc-windows-gnu i686-w64-mingw32
    ;;
linux-aarch64) glibc_arm64 ;;
linux-x86_64-musl) musl x86_64-unknown-linux-musl musl-gcc gcc ;;
linux-aarch64-musl) musl aarch64-unknown-linux-musl aarch64-linux-musl-gcc aarch64-linux-gnu-gcc ;;
*) die "unknown target $target_name" ;;
esac
chmod -R a+rX "$out"
[ -z "$inputs" ] || echo "$inputs" >"$out.inputs"
say "done: $(cd "$out" && ls | tr '\n' ' ')"
