<?php

declare(strict_types=1);

namespace Bts\Tests;

/** The bts-sandbox binary as a subprocess (started once per test run) and its control API. */
final class Sandbox
{
    private static ?Sandbox $instance = null;

    /** @var resource */
    private $process;
    /** @var resource */
    private $stdout;
    public string $baseUrl;
    public string $wmsBaseUrl;
    /** @var array<string, mixed> */
    public array $accounts;
    /** @var array<string, mixed> */
    private array $config;
    /** @var array<string, mixed> the current courier API's configuration */
    public array $currentConfig;
    private string $root;

    public static function repo(): string
    {
        return dirname(__DIR__, 3);
    }

    public static function get(): self
    {
        return self::$instance ??= new self();
    }

    private function __construct()
    {
        $binary = self::repo() . '/target/debug/bts-sandbox';
        if (!is_file($binary)) {
            throw new \RuntimeException("{$binary} is missing: run `cargo build -p bts-sandbox`");
        }
        $process = proc_open(
            [$binary, '--listen', '127.0.0.1:0'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']],
            $pipes
        );
        if (!is_resource($process)) {
            throw new \RuntimeException('cannot start bts-sandbox');
        }
        $this->process = $process;
        $this->stdout = $pipes[1];
        $read = [$this->stdout];
        $none = [];
        $line = stream_select($read, $none, $none, 20) ? fgets($this->stdout) : false;
        if ($line === false) {
            $this->stop();
            throw new \RuntimeException('bts-sandbox printed no JSON line within 20 s');
        }
        $info = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
        $this->baseUrl = $info['base_url'];
        $this->wmsBaseUrl = $info['wms_base_url'];
        $this->accounts = $info['accounts'] ?? [];
        $this->config = $info['config'];
        $this->currentConfig = $info['current_config'];
        $this->root = rtrim($this->wmsBaseUrl, '/');
        register_shutdown_function([$this, 'stop']);
    }

    public function stop(): void
    {
        if (is_resource($this->process)) {
            proc_terminate($this->process, 9);
            if (is_resource($this->stdout)) {
                fclose($this->stdout);
            }
            proc_close($this->process);
        }
    }

    /** A copy of the sandbox's complete configuration, with overrides. */
    public function config(array $overrides = []): array
    {
        return array_replace($this->config, $overrides);
    }

    public function control(string $method, string $path, mixed $body = null): mixed
    {
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => "Content-Type: application/json\r\n",
            'content' => $body === null ? '' : json_encode($body, JSON_THROW_ON_ERROR),
            'timeout' => 10,
            'ignore_errors' => true,
        ]]);
        $text = file_get_contents("{$this->root}/__sandbox/{$path}", false, $context);
        if ($text === false) {
            throw new \RuntimeException("sandbox control {$path} failed");
        }
        $status = (int) explode(' ', $http_response_header[0] ?? 'HTTP/1.1 0')[1];
        if ($status >= 300) {
            throw new \RuntimeException("sandbox control {$path}: HTTP {$status}: {$text}");
        }
        return trim($text) === '' ? null : json_decode($text, true, 512, JSON_THROW_ON_ERROR);
    }

    public function fault(string $route, array $fault, int $times = 1): void
    {
        $this->control('POST', 'fault', ['route' => $route, 'fault' => $fault, 'times' => $times]);
    }

    public function clearFaults(): void
    {
        $this->control('POST', 'clear-faults', new \stdClass());
    }

    /** @return array<string, int> */
    public function counts(): array
    {
        return $this->control('GET', 'counts');
    }

    public function count(string $route): int
    {
        return (int) ($this->counts()[$route] ?? 0);
    }

    public function resetCounts(): void
    {
        $this->control('POST', 'reset-counts', new \stdClass());
    }

    public function expireTokens(): void
    {
        $this->control('POST', 'expire-tokens', new \stdClass());
    }

    public function orderStatus(int $orderId, int $status): void
    {
        $this->control('POST', 'order-status', ['orderId' => $orderId, 'status' => $status]);
    }

    public function seedWms(string $kind, int $n): mixed
    {
        return $this->control('POST', 'seed-wms', ['kind' => $kind, 'n' => $n]);
    }
}
