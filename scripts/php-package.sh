#!/usr/bin/env bash
# Stages the Composer package of the PHP binding, as `make dist` ships it (dist/php/bts-bts-*.zip)
# and as a Composer user finds it under vendor/bts/bts/:
#
#   scripts/php-package.sh DIR LIBRARY VERSION
#
# DIR gets src/, preload.php, preload-header.php, README.md, lib/linux-x86_64/libbts.so (a copy
# of LIBRARY, the host's library; make dist adds the other platforms' beside it under lib/),
# include/bts_ffi.h and a composer.json that carries VERSION (an artifact or path repository
# reads it from there) and leaves the package's own tests behind. Used by scripts/dist.sh and
# scripts/php-fpm-test.sh.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 DIR LIBRARY VERSION" >&2; exit 2; }
mkdir -p "$1"
p="$(cd "$1" && pwd)" library="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")" version="$3"
cd "$(dirname "$0")/.."
mkdir -p "$p/lib/linux-x86_64" "$p/include"
cp -R bindings/php/src "$p/src"
install -m 644 bindings/php/README.md bindings/php/preload.php bindings/php/preload-header.php "$p/"
install -m 755 "$library" "$p/lib/linux-x86_64/libbts.so"
install -m 644 include/bts_ffi.h "$p/include/"
php_json="$p/composer.json" python3 - bindings/php/composer.json "$version" <<'PY'
import json, os, sys
with open(sys.argv[1], encoding="utf-8") as f:
    meta = json.load(f)
meta["version"] = sys.argv[2]
for key in ("require-dev", "autoload-dev", "scripts"):   # the package's own tests stay behind
    meta.pop(key, None)
with open(os.environ["php_json"], "w", encoding="utf-8") as f:
    json.dump(meta, f, indent=4, ensure_ascii=False)
    f.write("\n")
PY
