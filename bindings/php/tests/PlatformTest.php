<?php

declare(strict_types=1);

namespace Bts\Tests;

use Bts\Exception\LibraryException;
use Bts\Native;

/**
 * The library choice per platform (OS, CPU, glibc or musl detected at run time) in a package
 * carrying every platform's library under lib/PLATFORM/. Windows, Alpine and arm64 cannot run
 * here, so the detection is fed what each of them reports.
 */
final class PlatformTest extends \PHPUnit\Framework\TestCase
{
    private string $package = '';
    private string $savedLibrary = '';

    protected function setUp(): void
    {
        $saved = getenv('BTS_LIBRARY');
        $this->savedLibrary = is_string($saved) ? $saved : '';
        putenv('BTS_LIBRARY');
        $this->package = sys_get_temp_dir() . '/bts-platform-' . bin2hex(random_bytes(8));
        foreach (['linux-x86_64', 'linux-x86_64-musl', 'linux-aarch64', 'windows-x86_64'] as $platform) {
            mkdir("{$this->package}/lib/{$platform}", 0700, true);
        }
        $name = Native::libraryFileName();
        foreach (['linux-x86_64', 'linux-x86_64-musl', 'linux-aarch64'] as $platform) {
            file_put_contents("{$this->package}/lib/{$platform}/{$name}", 'x');
        }
    }

    protected function tearDown(): void
    {
        putenv($this->savedLibrary === '' ? 'BTS_LIBRARY' : "BTS_LIBRARY={$this->savedLibrary}");
        foreach (glob("{$this->package}/lib/*/*") ?: [] as $file) {
            unlink($file);
        }
        foreach (glob("{$this->package}/lib/*", GLOB_ONLYDIR) ?: [] as $dir) {
            rmdir($dir);
        }
        rmdir("{$this->package}/lib");
        rmdir($this->package);
    }

    /** @return array<string, array{string, string, int, ?string, string}> */
    public static function platforms(): array
    {
        return [
            'Debian x86_64' => ['Linux', 'x86_64', 8, 'glibc', 'linux-x86_64'],
            'Alpine x86_64' => ['Linux', 'x86_64', 8, 'musl', 'linux-x86_64-musl'],
            'Graviton' => ['Linux', 'aarch64', 8, 'glibc', 'linux-aarch64'],
            'Alpine arm64' => ['Linux', 'aarch64', 8, 'musl', 'linux-aarch64-musl'],
            'Windows x64' => ['Windows', 'AMD64', 8, null, 'windows-x86_64'],
            '32-bit PHP on 64-bit Windows' => ['Windows', 'AMD64', 4, null, 'windows-i686'],
            'Windows x86' => ['Windows', 'x86', 4, null, 'windows-i686'],
            'macOS arm64' => ['Darwin', 'arm64', 8, null, 'macos-aarch64'],
        ];
    }

    /** @dataProvider platforms */
    public function testPlatformFromOsCpuAndLibc(string $os, string $machine, int $intSize, ?string $libc, string $want): void
    {
        $this->assertSame($want, Native::platform($os, $machine, $intSize, $libc));
    }

    public function testLibcIsDetectedFromTheMappedLoader(): void
    {
        $this->assertSame('musl', Native::detectLibc("7f00-7f01 r-xp 0 08:01 1 /lib/ld-musl-x86_64.so.1\n"));
        $this->assertSame('musl', Native::detectLibc("7f00-7f01 r-xp 0 08:01 1 /usr/lib/libc.musl-aarch64.so.1\n"));
        $this->assertSame('glibc', Native::detectLibc("7f00-7f01 r-xp 0 08:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6\n"));
        // This machine: Debian with glibc.
        $this->assertSame('glibc', Native::detectLibc());
        $this->assertSame('linux-x86_64', Native::platform());
    }

    public function testEachPlatformGetsItsOwnLibrary(): void
    {
        $name = Native::libraryFileName();
        foreach (['linux-x86_64', 'linux-x86_64-musl', 'linux-aarch64'] as $platform) {
            $this->assertSame("{$this->package}/lib/{$platform}/{$name}", Native::libraryPath($platform, $this->package));
        }
    }

    public function testAPlatformTheArchiveLacksNamesItselfAndWhatIsShipped(): void
    {
        try {
            Native::libraryPath('linux-aarch64-musl', $this->package);
            $this->fail('no exception');
        } catch (LibraryException $e) {
            $this->assertStringContainsString('no library for this platform, linux-aarch64-musl', $e->getMessage());
            $this->assertStringContainsString('linux-aarch64, linux-x86_64, linux-x86_64-musl, windows-x86_64', $e->getMessage());
        }
    }

    public function testBtsLibraryStillWins(): void
    {
        $file = "{$this->package}/lib/linux-aarch64/" . Native::libraryFileName();
        putenv("BTS_LIBRARY={$file}");
        $this->assertSame($file, Native::libraryPath('windows-x86_64', $this->package));
    }
}
