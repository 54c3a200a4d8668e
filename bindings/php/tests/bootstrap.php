<?php

declare(strict_types=1);

// Test bootstrap: an autoloader for Bts\ (Composer's when installed, else PSR-4 by hand),
// BTS_LIBRARY pointing at the debug build when unset, and the sandbox helper. Builds nothing:
// run `cargo clib-dev --features test-panic` and `cargo build -p bts-sandbox` first
// (bindings/run-tests.sh does both).

require __DIR__ . '/autoload.php';

$package = dirname(__DIR__);
$repo = dirname($package, 2);
if (getenv('BTS_LIBRARY') === false || getenv('BTS_LIBRARY') === '') {
    putenv("BTS_LIBRARY={$repo}/target/debug/" . \Bts\Native::libraryFileName());
}
// A panic inside the test-only __panic operation prints Rust's panic message on stderr; keep
// it short.
putenv('RUST_BACKTRACE=0');
