#!/usr/bin/env bash
# Builds the bts library (with the test-only __panic operation) and the sandbox, then runs the
# Python and PHP binding suites against them. Exits non-zero when either suite fails.
#
#   bindings/run-tests.sh            # both
#   bindings/run-tests.sh python     # one
#   bindings/run-tests.sh php
#
# Installs what is missing: pytest and mypy with pip, php-cli and phpunit with apt-get (needs
# root), PHPStan with Composer (bindings/php/vendor). Runs `mypy --strict` on the Python package
# and examples/python, and PHPStan (level in bindings/php/phpstan.neon) on the PHP binding and
# examples/php; either failing fails its suite.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
want="${1:-all}"
python="${PYTHON:-python3}"

say() { printf '\n== %s\n' "$*"; }

say "building libbts (test-panic) and bts-sandbox"
(cd "$repo" && cargo clib-dev --features test-panic && cargo build -p bts-sandbox) || {
    echo "build failed" >&2
    exit 2
}
# The suites find the builds under the repository's target/ (link it to CARGO_TARGET_DIR).
target="${CARGO_TARGET_DIR:-$repo/target}"
if [ "$target" != "$repo/target" ] && [ ! -e "$repo/target" ]; then
    ln -s "$target" "$repo/target"
fi
export BTS_LIBRARY="$repo/target/debug/libbts.so"
case "$(uname -s)" in
    Darwin) BTS_LIBRARY="$repo/target/debug/libbts.dylib" ;;
esac
export RUST_BACKTRACE=0   # the __panic test prints Rust's panic message; keep it to one line

apt_install() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        echo "missing $*; install it (apt-get install $*)" >&2
        return 1
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

python_status=skipped
python_summary=""
if [ "$want" = all ] || [ "$want" = python ]; then
    say "Python bindings (bindings/python)"
    if ! "$python" -c 'import pytest' 2>/dev/null; then
        "$python" -m pip install -q pytest || true
    fi
    if ! "$python" -c 'import mypy' 2>/dev/null; then
        "$python" -m pip install -q mypy || true
    fi
    say "mypy --strict bindings/python/bts examples/python"
    (cd "$here/python" && MYPYPATH=. "$python" -m mypy --strict --no-incremental --cache-dir=/dev/null \
        bts "$repo/examples/python")
    mypy_code=$?
    log="$(mktemp)"
    (cd "$here/python" && PYTHONDONTWRITEBYTECODE=1 "$python" -m pytest -q -p no:cacheprovider tests) 2>&1 | tee "$log"
    code=${PIPESTATUS[0]}
    # pytest: 0 all passed, 1 some failed, 2 interrupted, 3 internal error, 4 usage, 5 no tests.
    if [ "$code" != 0 ]; then python_status="failed (pytest exit $code)"
    elif [ "$mypy_code" != 0 ]; then python_status="failed (mypy --strict exit $mypy_code)"
    else python_status=passed; fi
    python_summary="$(grep -E '(passed|failed|error|no tests ran)' "$log" | tail -n 1); mypy exit $mypy_code"
    rm -f "$log"
fi

php_status=skipped
php_summary=""
if [ "$want" = all ] || [ "$want" = php ]; then
    say "PHP bindings (bindings/php)"
    command -v php >/dev/null || apt_install php-cli
    phpunit="$(command -v phpunit || true)"
    if [ -z "$phpunit" ]; then
        apt_install phpunit
        phpunit="$(command -v phpunit || true)"
    fi
    if ! command -v php >/dev/null || [ -z "$phpunit" ]; then
        php_status="failed (php-cli or phpunit unavailable)"
    elif ! php -r 'exit(extension_loaded("ffi") ? 0 : 1);'; then
        php_status="failed (the PHP FFI extension is not available)"
    else
        # Static checks first: PHPStan (level in bindings/php/phpstan.neon) when it can be had
        # (PHPSTAN=path, bindings/php/vendor/bin/phpstan, phpstan on PATH, or Composer from
        # Packagist); PHPStan's PHPDoc parser check (tools/phpdoc-check.php, apt's
        # php-phpstan-phpdoc-parser) always. Either failing fails the PHP suite.
        phpstan="${PHPSTAN:-}"
        [ -z "$phpstan" ] && [ -x "$here/php/vendor/bin/phpstan" ] && phpstan="$here/php/vendor/bin/phpstan"
        [ -z "$phpstan" ] && phpstan="$(command -v phpstan || true)"
        if [ -z "$phpstan" ] && command -v composer >/dev/null; then
            (cd "$here/php" && COMPOSER_NO_INTERACTION=1 timeout 300 composer install -q --no-progress >/dev/null 2>&1) || true
            [ -x "$here/php/vendor/bin/phpstan" ] && phpstan="$here/php/vendor/bin/phpstan"
        fi
        static_status=""
        if [ -n "$phpstan" ]; then
            say "PHPStan ($(grep -E '^ +level:' "$here/php/phpstan.neon" | tr -d ' ')) on bindings/php/src and examples/php"
            (cd "$here/php" && php -d memory_limit=1G "$phpstan" analyse -c phpstan.neon --no-progress) \
                || static_status="failed (PHPStan)"
            phpstan_note="PHPStan ran"
        else
            phpstan_note="PHPStan UNAVAILABLE (not run: Packagist unreachable and no PHPSTAN given)"
            echo "$phpstan_note" >&2
        fi
        [ -f /usr/share/php/PHPStan/PhpDocParser/autoload.php ] || apt_install php-phpstan-phpdoc-parser || true
        say "PHPDoc types (phpstan/phpdoc-parser) of bindings/php/src and examples/php"
        (cd "$here/php" && php tools/phpdoc-check.php src/*.php src/*/*.php "$repo"/examples/php/*.php) \
            || static_status="${static_status:+$static_status, }failed (phpdoc-check)"
        for f in "$here"/php/src/*.php "$here"/php/src/*/*.php "$repo"/examples/php/*.php; do
            php -l "$f" >/dev/null || static_status="${static_status:+$static_status, }failed (php -l $f)"
        done
        log="$(mktemp)"
        (cd "$here/php" && php -d ffi.enable=1 "$phpunit" --do-not-cache-result) 2>&1 | tee "$log"
        code=${PIPESTATUS[0]}
        if [ "$code" != 0 ]; then php_status="failed (phpunit exit $code)"
        elif [ -n "$static_status" ]; then php_status="$static_status"
        else php_status=passed; fi
        php_summary="$(grep -E '^(OK \(|Tests: |No tests executed)' "$log" | tail -n 1); $phpstan_note"
        rm -f "$log"
    fi
fi

say "summary"
printf 'python: %s%s\n' "$python_status" "${python_summary:+ — $python_summary}"
printf 'php:    %s%s\n' "$php_status" "${php_summary:+ — $php_summary}"
case "$python_status$php_status" in
    *failed*) exit 1 ;;
esac
exit 0
