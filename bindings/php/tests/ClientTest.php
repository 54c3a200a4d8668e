<?php

declare(strict_types=1);

namespace Bts\Tests;

use Bts\Client;
use Bts\Exception\BtsException;
use Bts\Exception\InvalidInputException;
use Bts\Native;

/** The binding itself: string ownership, lifetime, the method table, loading, preloading. */
final class ClientTest extends TestCase
{
    private static function camel(string $operation): string
    {
        $parts = preg_split('~[/-]~', $operation);
        return $parts[0] . implode('', array_map('ucfirst', array_slice($parts, 1)));
    }

    /** @return list<array<string, mixed>> */
    private static function publicOperations(): array
    {
        return array_values(array_filter(Client::operations(), fn ($op) => $op['public']));
    }

    public function testVersionAndAbi(): void
    {
        $this->assertSame(1, Native::ffi()->bts_abi_version());
        $this->assertMatchesRegularExpression('/^\d+\.\d+\.\d+/', Client::version());
    }

    public function testEveryOperationHasItsMethod(): void
    {
        $names = array_column(self::publicOperations(), 'name');
        $this->assertContains('order/add', $names);
        $this->assertContains('wms/product/clients', $names);
        $missing = array_values(array_filter($names, fn ($n) => !method_exists(Client::class, self::camel($n))));
        $this->assertSame([], $missing);
        $paginated = array_column(array_filter(self::publicOperations(), fn ($op) => $op['paginated']), 'name');
        $this->assertNotEmpty($paginated);
        $missingAll = array_values(array_filter($paginated, fn ($n) => !method_exists(Client::class, self::camel($n) . 'All')));
        $this->assertSame([], $missingAll);
    }

    public function testEveryMethodCallsItsOperation(): void
    {
        foreach (self::publicOperations() as $op) {
            $name = $op['name'];
            if ($name === 'raw') {
                continue; // counted under the route it reaches; see testRawReachesARoute
            }
            $method = new \ReflectionMethod(Client::class, self::camel($name));
            $args = [];
            foreach ($method->getParameters() as $p) {
                if ($p->isOptional()) {
                    break;
                }
                $type = (string) $p->getType();
                $args[] = $type === 'int' ? 1 : ($type === 'string' ? 'x' : []);
            }
            $before = $this->sandbox->count($name);
            $message = '';
            try {
                $method->invokeArgs($this->client, $args);
            } catch (BtsException $e) {
                $message = $e->getMessage();
            }
            $this->assertTrue(
                str_starts_with($message, "{$name}:") || str_starts_with($message, "{$name} is an operation of")
                    || $this->sandbox->count($name) > $before,
                "{$method->getName()} did not call {$name} ({$message})"
            );
        }
    }

    public function testRawReachesARoute(): void
    {
        $regions = $this->client->raw('courier', 'GET', 'v1/directory/regions');
        $this->assertSame($this->client->directoryRegions(), $regions);
        $this->assertSame(2, $this->sandbox->count('directory/regions'));
    }

    public function testEmptyParamsAreAnObject(): void
    {
        $this->assertTrue($this->client->callEnvelope('directory/regions')['ok']);
        $this->assertTrue($this->client->callEnvelope('directory/regions', [])['ok']);
        $this->assertNotNull($this->client->raw('courier', 'GET', 'v1/directory/regions', [], null));
        // A JSON array is not parameters: the {} above is what makes those calls work.
        $envelope = json_decode($this->client->callEnvelopeText('directory/regions', '[]'), true);
        $this->assertSame('invalid_input', $envelope['error']['kind']);
    }

    public function testEveryReturnedStringIsFreed(): void
    {
        $before = Native::stringsFreed();
        $this->client->orderCalculate(self::CALC);
        try {
            $this->client->call('order/teleport');
        } catch (InvalidInputException $e) {
        }
        $this->client->callEnvelope('__panic');
        $this->client->callEnvelopeText('order/detail', '{bad');
        Client::operations();
        try {
            new Client(['nonsense' => true]); // error_out
        } catch (InvalidInputException $e) {
        }
        $this->assertSame($before + 6, Native::stringsFreed());
    }

    public function testManyCallsDoNotGrowMemory(): void
    {
        $rss = static function (): int {
            $status = @file_get_contents('/proc/self/status');
            if ($status === false || !preg_match('/^VmRSS:\s+(\d+) kB/m', $status, $m)) {
                return -1;
            }
            return (int) $m[1] * 1024;
        };
        if ($rss() < 0) {
            $this->markTestSkipped('no /proc/self/status');
        }
        $call = function (): void {
            // ~1 KiB envelopes, made and freed by the library without any network.
            $this->client->callEnvelope('order/add', ['weight' => 1]);
        };
        for ($i = 0; $i < 2000; $i++) {
            $call();
        }
        $start = $rss();
        for ($i = 0; $i < 20000; $i++) {
            $call();
        }
        $grown = $rss() - $start;
        // Leaking every envelope would add about 20 MiB.
        $this->assertLessThan(4 * 1024 * 1024, $grown, "RSS grew by {$grown} bytes");
    }

    public function testTwoHundredSequentialCallsLogInOnce(): void
    {
        $client = new Client($this->sandbox->config());
        $total = 0;
        for ($i = 0; $i < 200; $i++) {
            $total += $client->orderCalculate(self::CALC)['summaryPrice'];
        }
        $this->assertSame(200 * 10000, $total);
        $this->assertSame(1, $this->sandbox->count('auth/get-token'));
        $this->assertSame(200, $this->sandbox->count('order/calculate'));
    }

    public function testCloseTwiceIsSafe(): void
    {
        $client = new Client($this->sandbox->config());
        $client->close();
        $client->close();
        $this->assertTrue($client->isClosed());
        $envelope = $client->callEnvelope('order/detail', ['orderId' => 1]);
        $this->assertSame('invalid_input', $envelope['error']['kind']);
        $this->assertStringContainsString('closed', $envelope['error']['message']);
        unset($client); // the destructor runs close() a third time
        $this->addToAssertionCount(1);
    }

    public function testCloneIsRefused(): void
    {
        $this->expectException(\Error::class);
        $copy = clone $this->client;
    }

    public function testDumpsHoldNoCredentials(): void
    {
        $client = new Client($this->sandbox->config(['password' => 'Sup3r-Secret-Pw']));
        $this->assertStringNotContainsString('Sup3r', print_r($client, true));
        ob_start();
        var_dump($client);
        $this->assertStringNotContainsString('Sup3r', (string) ob_get_clean());
    }

    public function testLibraryPathFallsBackToTheRepository(): void
    {
        $out = $this->php('echo Bts\Native::libraryPath(), "\n", Bts\Client::version();', ['BTS_LIBRARY' => '']);
        $this->assertStringContainsString(Sandbox::repo() . '/target/', $out);
    }

    public function testMissingLibraryIsAClearError(): void
    {
        $out = $this->php(
            'try { new Bts\Client(); } catch (Bts\Exception\LibraryException $e) { echo "LIBRARY: ", $e->getMessage(); }',
            ['BTS_LIBRARY' => '/nonexistent/libbts.so']
        );
        $this->assertStringContainsString('LIBRARY: BTS_LIBRARY is \'/nonexistent/libbts.so\'', $out);
        $out = $this->php(
            'try { new Bts\Client(); } catch (Bts\Exception\LibraryException $e) { echo "HEADER: ", $e->getMessage(); }',
            ['BTS_HEADER' => '/nonexistent/bts_ffi.h']
        );
        $this->assertStringContainsString('HEADER: cannot read the bts FFI header', $out);
    }

    private const PRELOADED_CALL = 'echo Bts\\Native::isPreloaded() ? "SCOPE " : "CDEF ";'
        . '$c = new Bts\\Client(json_decode(getenv("BTS_TEST_CONFIG"), true));'
        . 'echo $c->orderCalculate(["senderCityId" => 3, "receiverCityId" => 3, "weight" => 1])["summaryPrice"];';

    private function opcachePreloadIni(): array
    {
        if (!extension_loaded('Zend OPcache')) {
            $this->markTestSkipped('opcache is not available');
        }
        return [
            '-d', 'opcache.enable=1', '-d', 'opcache.enable_cli=1', '-d', 'ffi.enable=preload',
            '-d', 'opcache.preload=' . dirname(__DIR__) . '/preload.php',
        ];
    }

    /** php-fpm started as root: opcache.preload_user plus ffi.preload with the generated header. */
    public function testPreloadWithFfiPreloadHeader(): void
    {
        $ini = $this->opcachePreloadIni();
        $header = tempnam(sys_get_temp_dir(), 'bts_test_h_');
        file_put_contents($header, $this->php('require "preload-header.php";', [], [], false, dirname(__DIR__)));
        try {
            $this->assertStringStartsWith("#define FFI_SCOPE \"BTS\"\n#define FFI_LIB \"", file_get_contents($header));
            $out = $this->php(self::PRELOADED_CALL, ['BTS_TEST_CONFIG' => json_encode($this->sandbox->config())], array_merge($ini, [
                '-d', 'opcache.preload_user=' . self::user(), '-d', "ffi.preload={$header}",
            ]), false);
        } finally {
            unlink($header);
        }
        $this->assertStringContainsString('SCOPE 10000', $out);
    }

    /** php-fpm started as its own user: preload.php loads the library with FFI::load(). */
    public function testPreloadWithFfiLoad(): void
    {
        $ini = $this->opcachePreloadIni();
        $prefix = [];
        if (function_exists('posix_geteuid') && posix_geteuid() === 0) {
            // As root PHP demands opcache.preload_user, with which FFI::load() refuses to run:
            // drop to an unprivileged user, as a php-fpm master started by that user would be.
            if (!is_executable('/usr/bin/setpriv')) {
                $this->markTestSkipped('running as root without setpriv');
            }
            $prefix = ['/usr/bin/setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
        }
        $out = $this->php(self::PRELOADED_CALL, ['BTS_TEST_CONFIG' => json_encode($this->sandbox->config())], $ini, false, null, $prefix);
        $this->assertStringContainsString('SCOPE 10000', $out);
    }

    private static function user(): string
    {
        if (function_exists('posix_geteuid') && function_exists('posix_getpwuid')) {
            return posix_getpwuid(posix_geteuid())['name'] ?? 'root';
        }
        return getenv('USER') ?: get_current_user();
    }

    /** Runs PHP code in a fresh process (a library is loaded once per process) and returns its output. */
    private function php(string $code, array $env, array $ini = [], bool $autoload = true, ?string $cwd = null, array $prefix = []): string
    {
        $prelude = $autoload ? 'require ' . var_export(__DIR__ . '/autoload.php', true) . ';' : '';
        $command = array_merge($prefix, [PHP_BINARY, '-d', 'ffi.enable=1'], $ini, ['-r', $prelude . $code]);
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $cwd, array_merge(getenv(), $env));
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        proc_close($process);
        return $out . $err;
    }
}
