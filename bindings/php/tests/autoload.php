<?php

declare(strict_types=1);

// The Bts\ autoloader for tests: Composer's when installed, else PSR-4 by hand.

$package = dirname(__DIR__);
if (is_file("{$package}/vendor/autoload.php")) {
    require "{$package}/vendor/autoload.php";
}
spl_autoload_register(static function (string $class) use ($package): void {
    foreach (['Bts\\Tests\\' => "{$package}/tests/", 'Bts\\' => "{$package}/src/"] as $prefix => $dir) {
        if (str_starts_with($class, $prefix)) {
            $file = $dir . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
            return;
        }
    }
});

