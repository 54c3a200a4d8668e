<?php

/**
 * Prints bts_ffi.h with the FFI_SCOPE and FFI_LIB lines that the ffi.preload ini setting needs:
 *
 *   php vendor/bts/bts/preload-header.php [library path] > /etc/php/8.2/fpm/bts.h
 *
 * (bindings/php/preload-header.php in a checkout of the bts repository)
 *
 * then, in php.ini: ffi.enable=preload, ffi.preload=/etc/php/8.2/fpm/bts.h. Without an
 * argument the library is found as at run time (BTS_LIBRARY, else the repository's
 * target/release or target/debug); BTS_HEADER picks another bts_ffi.h.
 */

declare(strict_types=1);

require_once __DIR__ . '/src/Exception/LibraryException.php';
require_once __DIR__ . '/src/Exception/BtsException.php';
require_once __DIR__ . '/src/Exception/InternalException.php';
require_once __DIR__ . '/src/Native.php';

echo \Bts\Native::preloadHeader($argv[1] ?? null);
