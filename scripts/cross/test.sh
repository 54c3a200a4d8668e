#!/usr/bin/env bash
# Installs and runs the cross-built packages of dist/ on their platform's stand-in, inside the
# cross chroot with no Rust toolchain reachable (scripts/cross/chroot.sh test ...; dist/ mounted
# read-only at /dist):
#
#   test.sh windows-x86_64 | windows-i686   under wine: the C quickstart built with MinGW against
#       bts.dll (import library), against bts.lib (the MSVC one) and against libbts.a, run against
#       the Linux sandbox on 127.0.0.1; bts.exe version and one call; bts-sandbox.exe serving the
#       Linux bts CLI; the panic boundary (the test-panic bts.dll answers kind internal, the
#       program goes on); the 1C add-in from the 1C ZIP driven by a C host with MSVC's layout
#       (bindings/1c/tests/wine/host.c); the Windows wheel's files; every .exe and .dll
#       imports only DLLs that Windows ships (objdump -p).
#   test.sh linux-aarch64       under qemu-aarch64: the C quickstart (cross-compiled against
#       the tarball, shared and static) and bin/bts against the sandbox; glibc 2.17 at most; the
#       arm64 wheel's Python quickstart run by Debian's arm64 Python.
#   test.sh linux-x86_64-musl   the C quickstart built with musl-gcc and run by the musl loader
#       against the tarball's (musl) bts-sandbox; bin/bts; NEEDED lists no glibc library.
#   test.sh linux-aarch64-musl  the same for arm64 musl, under qemu-aarch64 (aarch64-linux-musl-gcc).
#
# The test-panic library is a test fixture, not a package: /var/cache/bts/out/TARGET/test-panic.
set -euo pipefail

[ -n "${BTS_CROSS_CHROOT:-}" ] || { echo "test.sh: run me through scripts/cross/chroot.sh test" >&2; exit 2; }
target="${1:?usage: test.sh windows-x86_64|windows-i686|linux-aarch64|linux-x86_64-musl|linux-aarch64-musl}"
dist=/dist
version="$(sed -n 's/^version = "\(.*\)"/\1/p' /src/Cargo.toml | head -n 1)"
say() { printf 'cross-test %s: %s\n' "$target" "$*"; }
fail() { printf 'cross-test %s: FAIL: %s\n' "$target" "$*" >&2; exit 1; }
passed=0
ok() { passed=$((passed + 1)); printf 'cross-test %s: ok   %s\n' "$target" "$*"; }
started=$SECONDS

# ---- no Rust toolchain -------------------------------------------------------------------------
for tool in cargo rustc cargo-zigbuild; do
    if "$tool" --version >/dev/null 2>&1; then fail "$tool runs: the test would prove nothing"; fi
done
ok "cargo, rustc, cargo-zigbuild do not run"

tmp="$(mktemp -d /tmp/bts-cross-test.XXXXXX)"
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    if [ -n "${WINEPREFIX:-}" ] && command -v wineserver >/dev/null; then wineserver -k 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
unpack() { # archive, directory
    mkdir -p "$2"
    case "$1" in
    *.zip | *.whl) python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2" ;;
    *.tar.gz) tar -xzf "$1" -C "$2" ;;
    esac
}
json_line() { # file, python expression on d (the first line's JSON)
    python3 -c "import json,sys; d=json.loads(open(sys.argv[1]).readline()); print($2)" "$1"
}
# Starts a sandbox (its first line on stdout: base_url and config); sets sandbox_config.
start_sandbox() { # name, command...
    local name="$1" out="$tmp/$1.out" i
    shift
    (cd "$tmp" && exec "$@" >"$out" 2>"$tmp/$name.err") &
    pids+=($!)
    for i in $(seq 1 600); do
        [ -s "$out" ] && break
        kill -0 "${pids[-1]}" 2>/dev/null || fail "$name exited: $(cat "$tmp/$name.err")"
        sleep 0.1
    done
    sandbox_config="$(json_line "$out" 'json.dumps(d["config"])')" || fail "$name printed no sandbox line: $(cat "$out" "$tmp/$name.err")"
    say "$name: $(json_line "$out" 'd["base_url"]')"
}
# The x86_64 Linux tarball's sandbox and CLI, for the Windows and musl tests' other side.
linux_prefix="$tmp/linux/bts-$version-x86_64-linux"
unpack "$dist/bts-$version-x86_64-linux.tar.gz" "$tmp/linux"
expect_passed() { # label, output
    grep -q '^PASSED' <<<"$2" || fail "$1: $2"
}
check_price() { # label, output of a bts call order/calculate
    grep -q 'summaryPrice' <<<"$2" || fail "$1: $2"
}
PRICE='{"senderCityId":3,"receiverCityId":198,"weight":2}'

windows() { # mingw triplet, zip suffix, wheel tag
    local mingw="$1" suffix="$2" wheel_tag="$3"
    local zip="$dist/bts-$version-$suffix.zip" pfx="$tmp/win/bts-$version-$suffix"
    local fixtures="/var/cache/bts/out/$suffix/test-panic"
    [ -f "$zip" ] || fail "$zip is missing (make dist)"
    unpack "$zip" "$tmp/win"
    local f
    for f in bin/bts.dll bin/bts.exe bin/bts-sandbox.exe lib/bts.lib lib/libbts.dll.a lib/libbts.a lib/bts.def \
        include/bts/bts.h include/bts/bts_ffi.h share/bts/examples/c/quickstart.c; do
        [ -f "$pfx/$f" ] || fail "the Windows ZIP has no $f"
    done
    unpack "$dist/bts-1c-$version.zip" "$tmp/1c"
    local addin="$tmp/1c/bts_1c.dll"
    [ "$suffix" = windows-i686 ] && addin="$tmp/1c/bts_1c_x86.dll"
    [ -f "$addin" ] || fail "the 1C ZIP has no ${addin##*/}"
    unpack "$dist/php/bts-bts-$version.zip" "$tmp/php"
    [ -f "$tmp/php/lib/$suffix/bts.dll" ] || fail "the Composer package has no lib/$suffix/bts.dll"
    cmp -s "$tmp/php/lib/$suffix/bts.dll" "$pfx/bin/bts.dll" || fail "the Composer package's bts.dll is not the ZIP's"
    local wheel="$dist/python/bts-$version-py3-none-$wheel_tag.whl"
    [ -f "$wheel" ] || fail "$wheel is missing"
    unpack "$wheel" "$tmp/wheel"
    [ -f "$tmp/wheel/bts/bts.dll" ] && [ -f "$tmp/wheel/bts/bin/bts-sandbox.exe" ] || fail "the wheel has no bts/bts.dll or bts/bin/bts-sandbox.exe"
    grep -qx "Tag: py3-none-$wheel_tag" "$tmp/wheel/bts-$version.dist-info/WHEEL" || fail "wheel tag is not $wheel_tag"
    [ "$(cat "$tmp/wheel/bts/PLATFORM")" = "$suffix" ] || fail "the wheel's bts/PLATFORM is $(cat "$tmp/wheel/bts/PLATFORM"), not $suffix"
    ok "packages: Windows ZIP, 1C ZIP, Composer lib/$suffix/, wheel ($wheel_tag) carry their files"

    # Only DLLs Windows ships: the Rust runtime needs no libgcc_s, libwinpthread or libstdc++.
    local system='^(kernel32|ntdll|msvcrt|ws2_32|bcrypt|bcryptprimitives|advapi32|userenv|ole32|oleaut32|shell32|user32|crypt32|secur32|ncrypt|iphlpapi|dbghelp|synchronization|api-ms-win-[a-z0-9-]+)\.dll$'
    local report="" n=0
    while IFS= read -r -d '' f; do
        local dlls
        dlls="$("$mingw-objdump" -p "$f" | sed -n 's/^[[:space:]]*DLL Name: //p' | sort -u)"
        [ -n "$dlls" ] || fail "$f imports nothing? (objdump -p)"
        while IFS= read -r d; do
            printf '%s\n' "$d" | tr 'A-Z' 'a-z' | grep -Eq "$system" || fail "${f#"$tmp"/} imports $d, which Windows does not ship"
        done <<<"$dlls"
        report="$report
  ${f#"$tmp"/}: $(echo $dlls)"
        n=$((n + 1))
    done < <(find "$tmp/win" "$addin" "$tmp/wheel" "$tmp/php/lib/$suffix" \( -name '*.dll' -o -name '*.exe' \) -print0)
    printf '%s\n' "$report"
    [ "$n" -ge 6 ] || fail "expected at least 6 Windows files, found $n"
    ok "$n Windows files import only system DLLs"

    # The add-in exports the Native API and nothing of bts's C ABI.
    local exports
    exports="$("$mingw-objdump" -p "$addin" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' | awk '/^[[:space:]]*\[ *[0-9]+\]/ { print $NF }' | sort | tr '\n' ' ')"
    [ "$exports" = "DestroyObject GetAttachType GetClassNames GetClassObject SetPlatformCapabilities " ] \
        || fail "bts_1c.dll exports: $exports"
    ok "bts_1c.dll exports exactly: $exports"

    export WINEPREFIX=/var/cache/bts/wine WINEDEBUG=-all XDG_RUNTIME_DIR=/tmp WINEDLLOVERRIDES="mscoree,mshtml="
    local t=$SECONDS
    wine cmd /c exit >/dev/null 2>&1 || true
    say "wine $(wine --version) prefix ready in $((SECONDS - t)) s"

    start_sandbox linux-sandbox "$linux_prefix/bin/bts-sandbox"
    local out app="$tmp/app"
    mkdir -p "$app"
    cp "$pfx/share/bts/examples/c/quickstart.c" "$app/"
    cp "$pfx/bin/bts.dll" "$app/"
    cd "$app"
    "$mingw-gcc" -std=c99 -Wall -Wextra -Werror -O2 quickstart.c -I"$pfx/include/bts" -L"$pfx/lib" -lbts -o quickstart.exe
    grep -q 'DLL Name: bts.dll' <<<"$("$mingw-objdump" -p quickstart.exe)" || fail "quickstart.exe does not import bts.dll"
    out="$(BTS_CONFIG="$sandbox_config" wine quickstart.exe 2>&1)" || fail "quickstart.exe (libbts.dll.a): $out"
    expect_passed "quickstart.exe" "$out"
    [ "$(printf '%s\n' "$out" | sed -n 's/^bts_version: //p' | tr -d '\r')" = "$version" ] || fail "bts_version() under wine: $out"
    "$mingw-gcc" -std=c99 -Wall -Wextra -Werror -O2 quickstart.c -I"$pfx/include/bts" "$pfx/lib/bts.lib" -o quickstart-msvclib.exe
    out="$(BTS_CONFIG="$sandbox_config" wine quickstart-msvclib.exe 2>&1)" || fail "quickstart linked with bts.lib: $out"
    expect_passed "quickstart (bts.lib)" "$out"
    "$mingw-gcc" -std=c99 -Wall -Wextra -Werror -O2 quickstart.c -I"$pfx/include/bts" "$pfx/lib/libbts.a" \
        -lws2_32 -lbcrypt -lntdll -luserenv -ladvapi32 -lkernel32 -o quickstart-static.exe
    if grep -qi 'DLL Name: bts.dll' <<<"$("$mingw-objdump" -p quickstart-static.exe)"; then fail "the static quickstart imports bts.dll"; fi
    out="$(BTS_CONFIG="$sandbox_config" wine quickstart-static.exe 2>&1)" || fail "quickstart (libbts.a): $out"
    expect_passed "quickstart (libbts.a)" "$out"
    ok "C quickstart under wine: bts.dll via libbts.dll.a and via bts.lib, and libbts.a, against the Linux sandbox"

    # The panic boundary: the test-panic library answers kind internal and the client goes on.
    mkdir -p "$app/panic"
    cp "$fixtures/bts.dll" "$app/panic/"
    cp quickstart.exe "$app/panic/"
    out="$(cd "$app/panic" && BTS_CONFIG="$sandbox_config" wine quickstart.exe --panic 2>&1)" || fail "quickstart --panic: $out"
    expect_passed "quickstart --panic" "$out"
    grep -q '"kind":"internal"' <<<"$out" || fail "no internal envelope from __panic: $out"
    ok "panic boundary under wine: __panic answers kind internal, the same client goes on"

    # The CLI and the Windows sandbox.
    printf '%s' "$sandbox_config" >"$app/config.json"
    out="$(wine "$pfx/bin/bts.exe" version 2>&1 | tr -d '\r')"
    [ "$out" = "bts $version" ] || fail "bts.exe version: $out"
    out="$(wine "$pfx/bin/bts.exe" --config config.json call order/calculate "$PRICE" 2>&1)" || fail "bts.exe call: $out"
    check_price "bts.exe call order/calculate" "$out"
    start_sandbox windows-sandbox wine "$pfx/bin/bts-sandbox.exe"
    printf '%s' "$sandbox_config" >"$app/win-config.json"
    out="$("$linux_prefix/bin/bts" --config "$app/win-config.json" call order/calculate "$PRICE" 2>&1)" \
        || fail "the Linux bts against bts-sandbox.exe: $out"
    check_price "Linux bts against bts-sandbox.exe" "$out"
    ok "bts.exe version and call; bts-sandbox.exe serves the Linux bts CLI"

    # 1C: the add-in from the 1C ZIP, driven as 1C on Windows drives it.
    "$mingw-gcc" -std=c11 -Wall -Wextra -Werror -O2 /src/bindings/1c/tests/wine/host.c -o "$app/host.exe"
    out="$(cd "$app" && BTS_CONFIG="$(json_line "$tmp/linux-sandbox.out" 'json.dumps(d["config"])')" wine host.exe "$(winepath -w "$addin" 2>/dev/null)" 2>&1 | tr -d '\r')" \
        || fail "1C host under wine: $out"
    printf '%s\n' "$out" | sed 's/^/  | /'
    expect_passed "1C host" "$out"
    ok "1C add-in under wine: a host with MSVC's layout, Russian and English names, a label as binary data"
    cd /
}

# ---- Linux: a tarball of another CPU or C library --------------------------------------------
# glibc versions a file needs, newest last (readelf reads any architecture's ELF).
glibc_needed() { { readelf -V -W "$1" | grep -o 'GLIBC_[0-9][0-9.]*' || true; } | sed 's/GLIBC_//' | sort -uV; }
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' '; }
elf_files() { # directory → every ELF file under it (no links)
    local f
    while IFS= read -r -d '' f; do
        [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] && printf '%s\n' "$f"
    done < <(find "$1" -type f -print0)
}
linux() { # suffix, platform, machine (readelf), run prefix (qemu or nothing), C compiler, wheel tag, 1C name
    local suffix="$1" platform="$2" machine="$3" runner="$4" cc="$5" wheel_tag="$6" addin="$7"
    # Debian's musl-gcc asks for glibc's libgcc_s.so.1 when it links dynamically (an Alpine gcc
    # would not): -static-libgcc takes libgcc.a instead.
    local ccflags="" musl=""
    case "$cc" in *musl-gcc) musl=1 ccflags="-static-libgcc" ;; esac
    local pfx="$tmp/lin/bts-$version-$suffix" f n=0 out
    [ -f "$dist/bts-$version-$suffix.tar.gz" ] || fail "bts-$version-$suffix.tar.gz is missing (make dist)"
    unpack "$dist/bts-$version-$suffix.tar.gz" "$tmp/lin"
    unpack "$dist/python/bts-$version-py3-none-$wheel_tag.whl" "$tmp/wheel"
    grep -qx "Tag: py3-none-$wheel_tag" "$tmp/wheel/bts-$version.dist-info/WHEEL" || fail "wheel tag is not $wheel_tag"
    [ -f "$tmp/wheel/bts/libbts.so" ] && [ -f "$tmp/wheel/bts/bin/bts-sandbox" ] || fail "the $wheel_tag wheel lacks bts/libbts.so or bts/bin/bts-sandbox"
    [ "$(cat "$tmp/wheel/bts/PLATFORM")" = "$platform" ] || fail "the wheel's bts/PLATFORM is $(cat "$tmp/wheel/bts/PLATFORM"), not $platform"
    unpack "$dist/php/bts-bts-$version.zip" "$tmp/php"
    unpack "$dist/bts-1c-$version.zip" "$tmp/1c"
    local files=("$pfx/lib/libbts.so.$version" "$pfx/lib/libbts.a" "$pfx/bin/bts" "$pfx/bin/bts-sandbox"
        "$tmp/wheel/bts/libbts.so" "$tmp/wheel/bts/bin/bts-sandbox" "$tmp/php/lib/$platform/libbts.so")
    [ -n "$addin" ] && files+=("$tmp/1c/$addin")
    printf '  %-64s %-8s %-8s %s\n' "shipped file" "machine" "glibc" "NEEDED"
    for f in "${files[@]}"; do
        [ -f "$f" ] || fail "missing: ${f#"$tmp"/}"
        if [ "${f%.a}" != "$f" ]; then continue; fi
        local m newest deps
        m="$(readelf -h "$f" | sed -n 's/.*Machine:[[:space:]]*//p')"
        newest="$(glibc_needed "$f" | tail -n 1)"
        deps="$(needed "$f")"
        printf '  %-64s %-8s %-8s %s\n' "${f#"$tmp"/}" "${m%% *}" "${newest:-none}" "$deps"
        case "$m" in *"$machine"*) ;; *) fail "${f#"$tmp"/} is for $m, not $machine" ;; esac
        if [ "${suffix%-musl}" != "$suffix" ]; then
            [ -z "$newest" ] || fail "${f#"$tmp"/} needs GLIBC_$newest: not a musl build"
            if printf '%s' "$deps" | grep -Eq 'libc\.so\.6|libm\.so\.6|libpthread|libdl\.so|librt\.so|ld-linux|libgcc_s'; then
                fail "${f#"$tmp"/} needs a glibc library: $deps"
            fi
        else
            [ -n "$newest" ] || fail "${f#"$tmp"/} has no GLIBC_ version: not a glibc build"
            [ "$(printf '%s\n2.17\n' "$newest" | sort -V | tail -n 1)" = 2.17 ] || fail "${f#"$tmp"/} needs GLIBC_$newest, newer than 2.17"
        fi
        if printf '%s' "$deps" | grep -Eq 'libssl|libcrypto'; then fail "${f#"$tmp"/} links OpenSSL"; fi
        n=$((n + 1))
    done
    if [ "${suffix%-musl}" != "$suffix" ]; then
        ok "$n ELF files are $machine, need no glibc library (NEEDED) and no GLIBC_ symbol"
    else
        ok "$n ELF files are $machine and need glibc 2.17 at most"
    fi

    # shellcheck disable=SC2086
    start_sandbox sandbox $runner "$pfx/bin/bts-sandbox"
    local app="$tmp/app" libs
    mkdir -p "$app"
    cp "$pfx/share/bts/examples/c/quickstart.c" "$app/"
    cd "$app"
    libs="$(sed -n 's/^Libs.private: *//p' "$pfx/lib/pkgconfig/bts.pc")"
    # Alpine has a musl libgcc_s (package libgcc); Debian's musl-gcc has only glibc's.
    # Its libgcc_eh.a (linked statically here) also calls glibc's _dl_find_object, which the
    # build gives from musl-dl-find-object.c; an Alpine gcc's libgcc_eh does not.
    if [ -n "$musl" ]; then
        libs="$(printf '%s' "$libs" | sed 's/-lgcc_s//g') /src/scripts/cross/musl-dl-find-object.c"
    fi
    # shellcheck disable=SC2086
    "$cc" $ccflags -std=c99 -Wall -Wextra -Werror -O2 quickstart.c -I"$pfx/include/bts" -L"$pfx/lib" -lbts -Wl,-rpath,"$pfx/lib" -o quickstart
    grep -q "NEEDED.*\[libbts.so.${version%%.*}\]" <<<"$(readelf -d quickstart)" || fail "quickstart does not need libbts.so.${version%%.*}"
    # shellcheck disable=SC2086
    out="$(BTS_CONFIG="$sandbox_config" $runner ./quickstart 2>&1)" || fail "C quickstart (shared): $out"
    expect_passed "C quickstart (shared)" "$out"
    [ "$(printf '%s\n' "$out" | sed -n 's/^bts_version: //p')" = "$version" ] || fail "bts_version(): $out"
    # shellcheck disable=SC2086
    "$cc" $ccflags -std=c99 -Wall -Wextra -Werror -O2 quickstart.c -I"$pfx/include/bts" "$pfx/lib/libbts.a" $libs -o quickstart-static
    # shellcheck disable=SC2086
    out="$(BTS_CONFIG="$sandbox_config" $runner ./quickstart-static 2>&1)" || fail "C quickstart (static): $out"
    expect_passed "C quickstart (static)" "$out"
    local fixture="/var/cache/bts/out/$target/test-panic/libbts.so"
    if [ -f "$fixture" ]; then
        # The panic boundary with this target's unwinder: the test-panic library in place of
        # the tarball's, the same program.
        mkdir -p panic
        cp "$fixture" "panic/libbts.so.${version%%.*}"
        # shellcheck disable=SC2086
        out="$(BTS_CONFIG="$sandbox_config" LD_LIBRARY_PATH="$app/panic" $runner ./quickstart --panic 2>&1)" || fail "quickstart --panic: $out"
        expect_passed "quickstart --panic" "$out"
        grep -q '"kind":"internal"' <<<"$out" || fail "no internal envelope from __panic: $out"
        ok "panic boundary: __panic answers kind internal, the same client goes on"
    fi
    printf '%s' "$sandbox_config" >config.json
    # shellcheck disable=SC2086
    out="$($runner "$pfx/bin/bts" version)"
    [ "$out" = "bts $version" ] || fail "bin/bts version: $out"
    # shellcheck disable=SC2086
    out="$($runner "$pfx/bin/bts" --config config.json call order/calculate "$PRICE" 2>&1)" || fail "bin/bts call: $out"
    check_price "bin/bts call" "$out"
    ok "C quickstart (${cc}, shared and static) and bin/bts against the tarball's bts-sandbox${runner:+ (under ${runner%% *})}"
    [ "$platform" = linux-aarch64 ] && arm64_python
    cd /
}

# The arm64 wheel's Python quickstart under qemu-aarch64, run by Debian's own arm64 Python.
# python3:arm64 cannot be installed beside the chroot's amd64 python3 (the two conflict), so its
# packages are downloaded and unpacked into a directory of their own once (kept in
# /var/cache/bts with the chroot), and qemu runs that Python with it as PYTHONHOME. The wheel is
# unpacked as pip would put it into site-packages; the sandbox is the tarball's, already running.
arm64_python() {
    local pyver root=/var/cache/bts/python-arm64 out where
    pyver="$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    local python="$root/usr/bin/python$pyver"
    if [ ! -x "$python" ]; then
        local pkgs=("python$pyver-minimal:arm64" "libpython$pyver-minimal:arm64" "libpython$pyver-stdlib:arm64"
            zlib1g:arm64 libexpat1:arm64 libffi8:arm64)
        rm -rf "$root.debs" "$root.tmp"
        mkdir -p "$root.debs" "$root.tmp"
        say "downloading Debian's arm64 Python ($(echo "${pkgs[@]}"))"
        if ! (cd "$root.debs" && apt-get download "${pkgs[@]}") >"$tmp/apt.log" 2>&1; then
            # The package lists are as old as the chroot: the archive may have moved on.
            apt-get update -qq >>"$tmp/apt.log" 2>&1 || true
            (cd "$root.debs" && apt-get download "${pkgs[@]}") >>"$tmp/apt.log" 2>&1 || fail "apt-get download: $(tail -n 5 "$tmp/apt.log")"
        fi
        local deb
        for deb in "$root.debs"/*.deb; do dpkg-deb -x "$deb" "$root.tmp"; done
        rm -rf "$root" "$root.debs"
        mv "$root.tmp" "$root"
    fi
    local py=(qemu-aarch64 -L /usr/aarch64-linux-gnu -E "LD_LIBRARY_PATH=$root/usr/lib/aarch64-linux-gnu" "$python")
    local app="$tmp/py"
    mkdir -p "$app"
    cp /src/examples/python/quickstart.py "$app/"
    out="$(cd "$app" && PYTHONHOME="$root/usr" PYTHONPATH="$tmp/wheel" PYTHONDONTWRITEBYTECODE=1 BTS_CONFIG="$sandbox_config" \
        "${py[@]}" quickstart.py 2>&1)" || fail "the arm64 Python quickstart: $out"
    printf '%s\n' "$out" | sed 's/^/  | /'
    grep -q '^created [0-9]' <<<"$out" || fail "the arm64 Python quickstart created no order"
    grep -q '^status ' <<<"$out" || fail "the arm64 Python quickstart tracked nothing"
    where="$(cd "$app" && PYTHONHOME="$root/usr" PYTHONPATH="$tmp/wheel" PYTHONDONTWRITEBYTECODE=1 "${py[@]}" -c \
        'import platform, bts, bts._native as n; n.load(); print(platform.machine(), bts.version(), n.loaded_path())')" \
        || fail "the arm64 Python could not load bts: $where"
    set -- $where
    [ "$1" = aarch64 ] || fail "the Python under qemu says its machine is $1, not aarch64"
    [ "$2" = "$version" ] || fail "bts.version() under arm64 Python: $2"
    [ "$3" = "$tmp/wheel/bts/libbts.so" ] || fail "the arm64 Python loaded $3, not the wheel's bts/libbts.so"
    ok "Python $pyver (Debian arm64, under qemu): the manylinux2014_aarch64 wheel's quickstart against the sandbox (library $3)"
}

case "$target" in
linux-aarch64) linux aarch64-linux linux-aarch64 AArch64 "qemu-aarch64 -L /usr/aarch64-linux-gnu" aarch64-linux-gnu-gcc manylinux2014_aarch64 libbts_1c_arm64.so ;;
linux-x86_64-musl) linux x86_64-linux-musl linux-x86_64-musl X86-64 "" musl-gcc musllinux_1_2_x86_64 "" ;;
# The arm64 musl loader is /lib/ld-musl-aarch64.so.1 of the chroot (musl:arm64): qemu needs no -L.
linux-aarch64-musl) linux aarch64-linux-musl linux-aarch64-musl AArch64 qemu-aarch64 aarch64-linux-musl-gcc musllinux_1_2_aarch64 "" ;;
windows-x86_64) windows x86_64-w64-mingw32 windows-x86_64 win_amd64 ;;
windows-i686) windows i686-w64-mingw32 windows-i686 win32 ;;
*) fail "unknown target $target" ;;
esac
say "$passed passed, 0 failed ($((SECONDS - started)) s)"
