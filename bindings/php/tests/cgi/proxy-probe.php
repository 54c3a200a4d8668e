<?php
// One bts call from a PHP script as a web server runs it under php-cgi (run by tests/proxy.rs).
// The server puts a visitor's `Proxy:` request header into HTTP_PROXY ("httpoxy"); bts must
// not route its traffic, login included, through that proxy. Prints `CALL ok`, or `CALL` and
// the error.
//
//   BTS_CONFIG='{...}' BTS_LIBRARY=.../libbts.so HTTP_PROXY=http://evil:8080 REQUEST_METHOD=GET \
//       php-cgi -d ffi.enable=1 -d cgi.force_redirect=0 -q bindings/php/tests/cgi/proxy-probe.php

declare(strict_types=1);

require __DIR__ . '/../autoload.php';

$config = json_decode((string) getenv('BTS_CONFIG'), true, 512, JSON_THROW_ON_ERROR);
$config['timeout_ms'] = 3000;
$config['max_retries'] = 0;
try {
    $client = new Bts\Client($config);
    $client->call('directory/regions');
    echo "CALL ok\n";
} catch (Bts\Exception\BtsException $e) {
    echo 'CALL ' . get_class($e) . ': ' . $e->getMessage() . "\n";
}
