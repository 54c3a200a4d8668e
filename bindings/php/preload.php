<?php

/**
 * opcache.preload script for php-fpm: preloads the Bts\ classes (so that, under
 * ffi.enable=preload, they may use FFI) and registers the library as the FFI scope "BTS",
 * unless ffi.preload already did. See README.md, "php-fpm".
 *
 *   ffi.enable = preload
 *   opcache.enable = 1
 *   opcache.preload = /path/to/bindings/php/preload.php
 *   opcache.preload_user = www-data          ; needed when php-fpm starts as root...
 *   ffi.preload = /etc/php/8.2/fpm/bts.h     ; ...and then this too (preload-header.php)
 *
 * The library and header are found as at run time: env BTS_LIBRARY / BTS_HEADER of the
 * php-fpm master, else the repository's target/{release,debug} and include/bts_ffi.h.
 */

declare(strict_types=1);

// Preloaded code must not depend on an autoloader: require every class, base classes first.
$src = __DIR__ . '/src';
require_once "{$src}/Exception/BtsException.php";
foreach (glob("{$src}/Exception/*.php") as $file) {
    require_once $file;
}
foreach (glob("{$src}/Status/*.php") as $file) {
    require_once $file;
}
require_once "{$src}/Native.php";
require_once "{$src}/Types.php";
require_once "{$src}/Operations.php";
require_once "{$src}/CurrentOperations.php";
require_once "{$src}/Paging.php";
require_once "{$src}/Client.php";
require_once "{$src}/CurrentApi.php";

\Bts\Native::preload();
