<?php

declare(strict_types=1);

namespace Bts;

use Bts\Exception\InternalException;
use Bts\Exception\LibraryException;
use FFI;
use FFI\CData;

/**
 * Loading the bts C library through FFI, and the one place that turns its strings into PHP
 * strings.
 *
 * The declarations come from include/bts_ffi.h (the C ABI without preprocessor lines). Every
 * owned result is declared `char *` there, never `const char *`: PHP FFI turns a `const char *`
 * return into a PHP string at once and drops the pointer, which could then never be given back
 * to bts_string_free. Native::take() copies the text with FFI::string() and frees the pointer
 * in `finally`.
 *
 * Where it looks:
 *  1. FFI::scope("BTS"), when the library was loaded at server start (php-fpm: ffi.preload
 *     and/or preload.php; see README.md);
 *  2. else FFI::cdef(<header>, <library>): the library from env BTS_LIBRARY, else
 *     lib/PLATFORM/ of this package (the release archive bts-bts-VERSION.zip ships every
 *     platform's library, e.g. lib/linux-x86_64-musl/libbts.so, lib/windows-x86_64/bts.dll),
 *     else the repository's target/release then target/debug (walking up from this package);
 *     the header from env BTS_HEADER, else include/bts_ffi.h of this package (release
 *     archive), else ../../include/bts_ffi.h relative to this package (repository).
 *
 * Before loading, ffiProblem() checks that ext-ffi is loaded and FFI may be used in this SAPI,
 * and the exception names the php.ini lines that fix it.
 *
 * The result is kept for the life of the process (one load per php-fpm worker, not per
 * request) and bts_abi_version() is checked once: anything but 1 is refused.
 */
final class Native
{
    /** The C ABI version these bindings are written for. */
    public const ABI_VERSION = 1;

    /** The FFI scope name preload.php registers. */
    public const SCOPE = 'BTS';

    private static ?FFI $ffi = null;
    private static bool $fromScope = false;
    private static int $freed = 0;

    private function __construct()
    {
    }

    /** The loaded library (loads it on first use). */
    public static function ffi(): FFI
    {
        if (self::$ffi !== null) {
            return self::$ffi;
        }
        $problem = self::ffiProblem();
        if ($problem !== null) {
            throw new LibraryException($problem);
        }
        $ffi = self::fromScope();
        $fromScope = $ffi !== null;
        if ($ffi === null) {
            $library = self::libraryPath();
            $header = self::headerPath();
            $declarations = @file_get_contents($header);
            if ($declarations === false) {
                throw new LibraryException("cannot read the bts FFI header {$header}");
            }
            try {
                $ffi = FFI::cdef($declarations, $library);
            } catch (\FFI\Exception $e) {
                throw new LibraryException(
                    "cannot load the bts library {$library}: {$e->getMessage()}"
                    . ' (with ffi.enable=preload, load it from opcache.preload: see preload.php)',
                    0,
                    $e
                );
            }
        }
        $abi = $ffi->bts_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw new LibraryException(sprintf(
                'the bts library has C ABI version %d, but these bindings need version %d; '
                . 'install bindings and library from the same release',
                $abi,
                self::ABI_VERSION
            ));
        }
        self::$fromScope = $fromScope;
        return self::$ffi = $ffi;
    }

    /** Whether the library came from the preloaded FFI scope "BTS". */
    public static function isPreloaded(): bool
    {
        self::ffi();
        return self::$fromScope;
    }

    /**
     * Why FFI cannot be used here, with the php.ini lines that fix it; null when it can.
     *
     * ext-ffi must be loaded, and `ffi.enable` must allow this SAPI: `true` anywhere, `preload`
     * (PHP's default) only in the CLI and in code run by opcache.preload, so php-fpm and
     * mod_php need either `ffi.enable=true` or the library preloaded (preload.php).
     */
    public static function ffiProblem(): ?string
    {
        $preload = dirname(__DIR__) . '/preload.php';
        if (!extension_loaded('ffi')) {
            return 'bts needs the PHP FFI extension (ext-ffi), which is not loaded in this PHP '
                . '(' . PHP_VERSION . ', ' . PHP_SAPI . '). Install it (Debian/Ubuntu: part of '
                . 'php-common since PHP 7.4; RHEL/CentOS/Alma: the php-ffi package) and enable it '
                . 'in php.ini: `extension=ffi` and `ffi.enable=true` (or, for php-fpm, preload '
                . "it: `opcache.enable=1`, `opcache.preload={$preload}`, and with a root master "
                . '`ffi.preload` and `opcache.preload_user`, as the bts README says)';
        }
        $mode = strtolower(trim((string) ini_get('ffi.enable')));
        if (in_array($mode, ['1', 'true', 'on', 'yes'], true)) {
            return null;
        }
        if ($mode === 'preload') {
            if (PHP_SAPI === 'cli' || PHP_SAPI === 'phpdbg' || self::hasScope()) {
                return null;
            }
            $header = dirname(__DIR__) . '/preload-header.php';
            return 'PHP FFI is restricted to preloading here (ffi.enable=preload, SAPI '
                . PHP_SAPI . ') and the bts library was not preloaded. When php-fpm\'s master '
                . "runs as root, write the header once:\n  php {$header} > /etc/php/8.2/fpm/bts.h\n"
                . "and add to php.ini:\n"
                . "  ffi.preload=/etc/php/8.2/fpm/bts.h   (the master loads the library at start)\n"
                . "  opcache.enable=1\n"
                . "  opcache.preload={$preload}   (the Bts classes, which may then use FFI)\n"
                . "  opcache.preload_user=www-data   (the pool's user; required with a root master)\n"
                . "When the master does not run as root, opcache.enable=1 and opcache.preload={$preload} "
                . 'are enough. Or allow FFI everywhere with `ffi.enable=true`. Then restart php-fpm';
        }
        return "PHP FFI is disabled (ffi.enable={$mode}). Set in php.ini: `ffi.enable=true`, or, "
            . "for php-fpm, `ffi.enable=preload` with `opcache.enable=1` and `opcache.preload={$preload}` "
            . '(with a root master also `ffi.preload` and `opcache.preload_user`, as the bts README says)';
    }

    private static function fromScope(): ?FFI
    {
        try {
            return FFI::scope(self::SCOPE);
        } catch (\Throwable $e) {
            return null; // not preloaded: fall back to FFI::cdef
        }
    }

    /** The platform's file name of the library: libbts.so, libbts.dylib or bts.dll. */
    public static function libraryFileName(): string
    {
        switch (PHP_OS_FAMILY) {
            case 'Windows':
                return 'bts.dll';
            case 'Darwin':
                return 'libbts.dylib';
            default:
                return 'libbts.so';
        }
    }

    /**
     * This process's platform in the release's names: OS-CPU, with "-musl" for a Linux whose C
     * library is musl (Alpine): linux-x86_64, linux-x86_64-musl, linux-aarch64, windows-x86_64,
     * windows-i686, macos-aarch64, ... Every argument defaults to what this process finds
     * (PHP_OS_FAMILY, php_uname('m'), PHP_INT_SIZE, self::detectLibc()); the tests pass them.
     * PHP_INT_SIZE decides 32 against 64 bits: a 32-bit PHP on 64-bit Windows reports AMD64.
     */
    public static function platform(
        ?string $osFamily = null,
        ?string $machine = null,
        ?int $intSize = null,
        ?string $libc = null
    ): string {
        $osFamily ??= PHP_OS_FAMILY;
        $machine = strtolower($machine ?? php_uname('m'));
        $intSize ??= PHP_INT_SIZE;
        $cpus = [
            'x86_64' => 'x86_64', 'amd64' => 'x86_64', 'x64' => 'x86_64',
            'i386' => 'i686', 'i486' => 'i686', 'i586' => 'i686', 'i686' => 'i686', 'x86' => 'i686',
            'aarch64' => 'aarch64', 'arm64' => 'aarch64', 'armv8l' => 'aarch64',
        ];
        $cpu = $cpus[$machine] ?? ($machine !== '' ? $machine : 'unknown');
        if ($intSize === 4 && $cpu === 'x86_64') {
            $cpu = 'i686';
        }
        switch ($osFamily) {
            case 'Windows':
                return "windows-{$cpu}";
            case 'Darwin':
                return "macos-{$cpu}";
            case 'Linux':
                $libc ??= self::detectLibc();
                return "linux-{$cpu}" . ($libc === 'musl' ? '-musl' : '');
            default:
                return strtolower($osFamily) . "-{$cpu}";
        }
    }

    /**
     * "musl" or "glibc", detected at run time: musl's loader shows in /proc/self/maps as
     * ld-musl-*.so.1 (libc.musl-*.so.1 on Alpine); without /proc, the presence of a musl loader
     * in /lib decides. $maps is for the tests (the text of a maps file).
     */
    public static function detectLibc(?string $maps = null): string
    {
        if ($maps === null) {
            $read = @file_get_contents('/proc/self/maps');
            $maps = is_string($read) ? $read : '';
            if ($maps === '' && glob('/lib/ld-musl-*.so.1') !== []) {
                return 'musl';
            }
        }
        return (strpos($maps, 'ld-musl-') !== false || strpos($maps, 'libc.musl-') !== false) ? 'musl' : 'glibc';
    }

    /**
     * The library's path: env BTS_LIBRARY (must exist), else lib/PLATFORM/ of this package (the
     * release archive carries every platform's library there, PLATFORM as self::platform()
     * names it), else lib/ of this package, else target/release then target/debug of this
     * package's directory or any directory above it. When lib/ has platform directories but
     * none for this platform, the exception names this platform and the ones shipped.
     */
    public static function libraryPath(?string $platform = null, ?string $packageDir = null): string
    {
        $name = self::libraryFileName();
        $explicit = getenv('BTS_LIBRARY');
        if (is_string($explicit) && $explicit !== '') {
            if (!is_file($explicit)) {
                throw new LibraryException("BTS_LIBRARY is '{$explicit}', which is not a file");
            }
            return $explicit;
        }
        $platform ??= self::platform();
        $package = $packageDir ?? dirname(__DIR__);
        $packaged = "{$package}/lib/{$platform}/{$name}";
        if (is_file($packaged)) {
            return $packaged;
        }
        $shipped = array_map('basename', glob("{$package}/lib/*", GLOB_ONLYDIR) ?: []);
        if ($shipped !== []) {
            sort($shipped);
            throw new LibraryException(
                "this bts package has no library for this platform, {$platform} (PHP_OS_FAMILY "
                . PHP_OS_FAMILY . ', ' . php_uname('m') . ', ' . (PHP_INT_SIZE * 8) . '-bit PHP'
                . "); it carries: " . implode(', ', $shipped) . '. Build the library for '
                . "{$platform} with `cargo clib` in the bts repository and set BTS_LIBRARY "
                . 'to its path'
            );
        }
        if (is_file("{$package}/lib/{$name}")) {
            return "{$package}/lib/{$name}";
        }
        $dir = $package;
        while (true) {
            foreach (['release', 'debug'] as $profile) {
                $candidate = "{$dir}/target/{$profile}/{$name}";
                if (is_file($candidate)) {
                    return $candidate;
                }
            }
            $parent = dirname($dir);
            if ($parent === $dir) {
                break;
            }
            $dir = $parent;
        }
        throw new LibraryException(
            "the bts shared library ({$name}) for {$platform} was not found: install the release "
            . "package (bts-bts-VERSION.zip, which carries lib/{$platform}/{$name}), or build it "
            . "with `cargo clib` in the bts repository (it makes target/release/{$name}) "
            . "and set BTS_LIBRARY to its path"
        );
    }

    /**
     * The FFI header's path: env BTS_HEADER, else include/bts_ffi.h of this package (the release
     * archive), else ../../include/bts_ffi.h from this package (the repository).
     */
    public static function headerPath(): string
    {
        $explicit = getenv('BTS_HEADER');
        if (is_string($explicit) && $explicit !== '') {
            return $explicit;
        }
        $packaged = dirname(__DIR__) . '/include/bts_ffi.h';
        if (is_file($packaged)) {
            return $packaged;
        }
        $path = dirname(__DIR__) . '/../../include/bts_ffi.h';
        return realpath($path) ?: $path;
    }

    /** Whether the FFI scope "BTS" exists (registered by ffi.preload or preload.php). */
    public static function hasScope(): bool
    {
        return self::fromScope() !== null;
    }

    /**
     * bts_ffi.h with the two lines FFI::load() and the ffi.preload ini setting read:
     * `#define FFI_SCOPE "BTS"` and `#define FFI_LIB "<absolute library path>"`. Write it to a
     * file for ffi.preload (preload-header.php does).
     */
    public static function preloadHeader(?string $library = null, ?string $header = null): string
    {
        $library = $library ?? self::libraryPath();
        $header = $header ?? self::headerPath();
        $declarations = @file_get_contents($header);
        if ($declarations === false) {
            throw new LibraryException("cannot read the bts FFI header {$header}");
        }
        $real = realpath($library) ?: $library;
        return '#define FFI_SCOPE "' . self::SCOPE . "\"\n"
            . '#define FFI_LIB "' . addcslashes($real, "\"\\") . "\"\n"
            . $declarations;
    }

    /**
     * Registers the library as the FFI scope "BTS", unless ffi.preload already did. Call it
     * from opcache.preload (preload.php) so that every php-fpm worker shares one loaded
     * library and FFI works with ffi.enable=preload.
     *
     * FFI::load() refuses to run when opcache.preload_user is set (php-fpm started as root);
     * then set ffi.preload to a header written by preload-header.php instead.
     */
    public static function preload(?string $library = null, ?string $header = null): void
    {
        if (self::hasScope()) {
            return;
        }
        $file = tempnam(sys_get_temp_dir(), 'bts_ffi_');
        if ($file === false || file_put_contents($file, self::preloadHeader($library, $header)) === false) {
            throw new LibraryException('cannot write a temporary FFI header for preloading');
        }
        try {
            if (FFI::load($file) === null) {
                throw new LibraryException('FFI::load could not preload the bts library');
            }
        } catch (\FFI\Exception $e) {
            throw new LibraryException(
                "cannot preload the bts library: {$e->getMessage()} (when php-fpm's master runs as "
                . 'root, set ffi.preload to a header written by `php ' . dirname(__DIR__)
                . '/preload-header.php > /etc/php/8.2/fpm/bts.h`, and keep opcache.preload_user)',
                0,
                $e
            );
        } finally {
            @unlink($file);
        }
    }

    /**
     * Copies an owned `char *` returned by the library into a PHP string and frees it with
     * bts_string_free, in `finally`, whatever happens while reading it.
     *
     * @param CData|null $pointer a `char *` from bts_call, bts_operations or error_out
     */
    public static function take(FFI $ffi, ?CData $pointer): string
    {
        if ($pointer === null || FFI::isNull($pointer)) {
            throw new InternalException('the bts library returned NULL (out of memory)');
        }
        try {
            return FFI::string($pointer);
        } finally {
            $ffi->bts_string_free($pointer);
            self::$freed++;
        }
    }

    /** How many library strings take() has freed in this process (for tests). */
    public static function stringsFreed(): int
    {
        return self::$freed;
    }

    /** bts_version(): the library's version (a static string, never freed). */
    public static function version(): string
    {
        return (string) self::ffi()->bts_version();
    }

    /** bts_operations() as JSON text. */
    public static function operationsJson(): string
    {
        $ffi = self::ffi();
        return self::take($ffi, $ffi->bts_operations());
    }

    /**
     * bts_status_catalogue() as JSON text: the current API's statuses, [{code, uz, ru, en, next}].
     */
    public static function statusCatalogueJson(): string
    {
        $ffi = self::ffi();
        return self::take($ffi, $ffi->bts_status_catalogue());
    }

    /**
     * An error envelope made by the library (bts_error_envelope), for an error found before a
     * call could be made, so that every envelope has the library's shape.
     */
    public static function errorEnvelope(string $kind, string $message): string
    {
        $ffi = self::ffi();
        return self::take($ffi, $ffi->bts_error_envelope($kind, str_replace("\0", '', $message)));
    }
}
