<?php

/**
 * opcache.preload script for php-fpm: preloads the Bts\ classes (so that, under
 * ffi.enable=preload, they may use FFI) and registers the library as the FFI scope "BTS",
 * unless ffi.preload already did. See README.md, "php-fpm".
 *
 * php-fpm's master as root (with a Composer install at /srv/shop):
 *
 *   ffi.enable = preload
 *   ffi.preload = /etc/php/8.2/fpm/bts.h     ; php /srv/shop/vendor/bts/bts/preload-header.php > it
 *   opcache.enable = 1
 *   opcache.preload = /srv/shop/vendor/bts/bts/preload.php
 *   opcache.preload_user = www-data
 *
 * A master that is not root needs only the first, third and fourth lines: this script then
 * loads the library itself, found as at run time (env BTS_LIBRARY / BTS_HEADER of the php-fpm
 * master, else lib/ and include/ of the package, else the repository's target/ and include/).
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
