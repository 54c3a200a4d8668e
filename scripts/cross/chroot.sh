#!/usr/bin/env bash
# The cross-build chroot: a Debian sid root file system with rustc, cargo and rust-src of one
# version, MinGW-w64, wine, the arm64 cross toolchain, qemu-user, musl-gcc and zig (see
# packages.txt), cached between runs. Needs root (debootstrap, chroot, mount).
#
#   scripts/cross/chroot.sh path            builds the chroot when missing, prints its directory
#   scripts/cross/chroot.sh run CMD...      runs CMD inside it, the checkout mounted at /src
#   scripts/cross/chroot.sh test CMD...     the same with no Rust toolchain reachable: cargo,
#                                           rustc, rustdoc and cargo-zigbuild are covered by a
#                                           stub that fails (the installed-package tests)
#
#   BTS_CROSS_DIST=DIR   also mounts DIR (the release packages) read-only at /dist
#
# Cache: $BTS_CROSS_CACHE (default ~/.cache/bts-cross)/chroot-KEY, KEY being a hash of
# packages.txt, the suite, the pip pins and RECIPE below: change any of them and the next run
# builds a new chroot (and removes the older ones). The chroot also holds the Cargo home and the cross
# target directories (/var/cache/bts), so they live and die with it, outside the checkout.
#
# Every mount (/proc, /dev, /dev/pts, /dev/shm, the checkout) is made in a private mount
# namespace (unshare) and undone by an EXIT trap, also when the command fails or the script is
# interrupted; the host never sees them.
set -euo pipefail

SUITE=sid
MIRROR="${BTS_CROSS_MIRROR:-http://deb.debian.org/debian}"
# The zig toolchain and cargo-zigbuild, as scripts/dist.sh pins them for the host build.
PIP_PINS="ziglang==0.17.1 cargo-zigbuild==0.24.1"
# Bump when build_chroot below changes what it puts into the chroot (part of the cache key).
RECIPE=1

here="$(cd "$(dirname "$0")" && pwd)"
checkout="$(cd "$here/../.." && pwd)"
cache="${BTS_CROSS_CACHE:-$HOME/.cache/bts-cross}"
say() { printf 'cross: %s\n' "$*" >&2; }
die() { printf 'cross: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mount)"
key="$(cat "$here/packages.txt" <(echo "$SUITE $PIP_PINS $RECIPE") | sha256sum | cut -c1-16)"
root="$cache/chroot-$key"

mounted=()
unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" 2>/dev/null || true
    done
    mounted=()
}
trap unmount_all EXIT
trap 'exit 130' INT TERM
bind() { # source, target (inside the chroot; a file or a directory), [ro]
    [ -e "$2" ] || mkdir -p "$2"
    mount --bind "$1" "$2"
    mounted+=("$2")
    if [ "${3:-}" = ro ]; then mount -o remount,bind,ro "$2"; fi
}
mount_system() { # root
    mount -t proc proc "$1/proc"
    mounted+=("$1/proc")
    bind /dev "$1/dev"
    bind /dev/pts "$1/dev/pts"
    if mountpoint -q /dev/shm; then bind /dev/shm "$1/dev/shm"; fi
}
in_root() { # root, command...
    local r="$1"
    shift
    chroot "$r" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

build_chroot() {
    local tmp="$root.tmp" t=$SECONDS
    command -v debootstrap >/dev/null 2>&1 || {
        say "installing debootstrap"
        apt-get install -y -qq debootstrap >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
    }
    # A base system left by an earlier attempt that failed later on is reused (its marker says
    # debootstrap finished); anything else half made is started again.
    if [ ! -f "$tmp/.bts-base" ]; then
        rm -rf "$tmp"
        say "debootstrap $SUITE into $tmp (mostly download)"
        debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$tmp" "$MIRROR" >"$cache/debootstrap.log" 2>&1 \
            || die "debootstrap failed (log: $cache/debootstrap.log)"
        touch "$tmp/.bts-base"
    fi
    # sid's Release file is often past its Valid-Until date by the time a mirror serves it.
    echo 'Acquire::Check-Valid-Until "false";' >"$tmp/etc/apt/apt.conf.d/99novalid"
    echo 'APT::Install-Recommends "false";' >"$tmp/etc/apt/apt.conf.d/99norecommends"
    # Name resolution and the extra CA certificates the host trusts (a proxy in front of
    # crates.io and PyPI signs with one): without them cargo and pip fail inside.
    cp -L /etc/resolv.conf "$tmp/etc/resolv.conf"
    if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
        mkdir -p "$tmp/usr/local/share/ca-certificates"
        cp /usr/local/share/ca-certificates/*.crt "$tmp/usr/local/share/ca-certificates/"
    fi
    mount_system "$tmp"
    in_root "$tmp" update-ca-certificates >/dev/null
    local pkgs archs
    pkgs="$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/packages.txt" | tr '\n' ' ')"
    archs="$(printf '%s\n' $pkgs | sed -n 's/.*:\([a-z0-9]*\)$/\1/p' | sort -u)"
    for a in $archs; do in_root "$tmp" dpkg --add-architecture "$a"; done
    say "apt-get install (in the chroot): $pkgs"
    in_root "$tmp" apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    in_root "$tmp" apt-get install -y -qq $pkgs >"$cache/apt.log" 2>&1 || die "apt-get install failed (log: $cache/apt.log)"
    in_root "$tmp" apt-get clean
    say "pip install $PIP_PINS (in the chroot)"
    # shellcheck disable=SC2086
    in_root "$tmp" python3 -m pip install -q --break-system-packages --disable-pip-version-check $PIP_PINS \
        || die "pip install $PIP_PINS failed"
    in_root "$tmp" sh -c 'command -v zig >/dev/null || ln -s "$(python3 -c "import ziglang, os; print(os.path.dirname(ziglang.__file__))")/zig" /usr/local/bin/zig'
    mkdir -p "$tmp/var/cache/bts" "$tmp/src"
    # The stub that stands for cargo, rustc, ... in `test`.
    printf '#!/bin/sh\necho "$0: no Rust toolchain here (installed-package test)" >&2\nexit 127\n' >"$tmp/usr/local/lib/no-rust"
    chmod 755 "$tmp/usr/local/lib/no-rust"
    in_root "$tmp" sh -c 'echo "rustc: $(rustc --version); cargo: $(cargo --version); wine: $(wine --version 2>/dev/null || wine64 --version); zig: $(zig version)"' >"$tmp/etc/bts-cross-versions"
    unmount_all
    local old
    for old in "$cache"/chroot-*; do
        [ "$old" = "$tmp" ] || [ ! -d "$old" ] && continue
        if grep -qs " $old" /proc/mounts; then say "not removing $old: something is mounted there"; continue; fi
        say "removing the older chroot $old"
        rm -rf "$old"
    done
    mv "$tmp" "$root"
    say "chroot ready in $((SECONDS - t)) s: $root ($(cat "$root/etc/bts-cross-versions"))"
}

# The lock covers the making of the chroot only: once it is there, several commands (two
# targets' builds) may run in it at once.
ensure() {
    [ -f "$root/etc/bts-cross-versions" ] && return 0
    mkdir -p "$cache"
    exec 9>"$cache/lock"
    flock 9
    [ -f "$root/etc/bts-cross-versions" ] || build_chroot
    exec 9>&-
}

cmd="${1:-}"
shift || true
case "$cmd" in
path)
    ensure
    echo "$root"
    ;;
run | test)
    [ $# -gt 0 ] || die "usage: $0 $cmd COMMAND..."
    ensure
    # The mounts go into a mount namespace of this command's own: two commands at once (two
    # targets' builds) each see their own /proc, /dev and /src, and whatever happens to this
    # process, the kernel drops the namespace's mounts when its last process ends.
    if [ -z "${BTS_CROSS_NAMESPACE:-}" ]; then
        exec unshare --mount --propagation private env BTS_CROSS_NAMESPACE=1 bash "$here/chroot.sh" "$cmd" "$@"
    fi
    mount_system "$root"
    bind "$checkout" "$root/src"
    if [ -n "${BTS_CROSS_DIST:-}" ]; then bind "$BTS_CROSS_DIST" "$root/dist" ro; fi
    if [ "$cmd" = test ]; then
        for tool in /usr/bin/cargo /usr/bin/rustc /usr/bin/rustdoc /usr/local/bin/cargo-zigbuild; do
            [ -e "$root$tool" ] && bind "$root/usr/local/lib/no-rust" "$root$tool" ro
        done
    fi
    status=0
    in_root "$root" BTS_CROSS_CHROOT=1 "$@" || status=$?
    unmount_all
    exit "$status"
    ;;
*)
    die "usage: $0 path | run COMMAND... | test COMMAND..."
    ;;
esac
