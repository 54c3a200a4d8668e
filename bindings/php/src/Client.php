<?php

declare(strict_types=1);

namespace Bts;

use Bts\Exception\BtsException;
use Bts\Exception\DecodeException;
use Bts\Exception\InternalException;
use Bts\Exception\InvalidInputException;
use FFI;
use FFI\CData;

/**
 * A BTS client: courier API and WMS, one keep-alive connection pool, one login per service.
 *
 * ```php
 * $bts = new Bts\Client(['username' => 'shop', 'password' => '...', 'inn' => '123456789']);
 * $quote = $bts->orderCalculate(['senderCityId' => 3, 'receiverCityId' => 3, 'weight' => 1]);
 * echo $quote['summaryPrice'];
 * ```
 *
 * The configuration keys are those of every bts binding: base_url, username, password, inn,
 * token, wms_base_url, wms_login, wms_password, wms_token, timeout_ms, connect_timeout_ms,
 * max_retries, page_concurrency, user_agent, max_response_bytes. Unknown keys throw
 * InvalidInputException.
 * Nothing is sent until the first call, which logs in; the token is then reused by every
 * later call on this object. Under php-fpm keep one Client per worker (e.g. in a static) and
 * reuse it across requests: one login and one connection pool per worker.
 *
 * Every failure throws a Bts\Exception\BtsException subclass, one per envelope kind. The main
 * requests and replies have PHPStan array shapes (Bts\Types), the status codes are enums with
 * their labels (Bts\Status\Status, LegacyStatus, ...), $client->current() has the current
 * courier API's shapes, and setLogger() takes a PSR-3 logger for one record per call.
 *
 * @phpstan-import-type LabelFile from Types
 */
final class Client
{
    use Operations;
    use Paging;

    private const JSON_OUT = JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
        | JSON_PRESERVE_ZERO_FRACTION;
    private const JSON_IN = JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING;

    private FFI $ffi;
    private ?CData $handle = null;
    private ?object $logger = null;

    /** @param array<mixed> $config */
    public function __construct(array $config = [])
    {
        $this->ffi = Native::ffi();
        try {
            $json = json_encode(self::object($config), self::JSON_OUT);
        } catch (\JsonException $e) {
            throw new InvalidInputException("the configuration cannot be encoded as JSON: {$e->getMessage()}");
        }
        $error = $this->ffi->new('char *');
        $handle = $this->ffi->bts_client_new($json, FFI::addr($error));
        if ($handle === null || FFI::isNull($handle)) {
            if (!FFI::isNull($error)) {
                throw BtsException::fromEnvelope(self::decode(Native::take($this->ffi, $error)));
            }
            throw new InternalException('bts_client_new failed without an error envelope');
        }
        $this->handle = $handle;
    }

    /** Frees the native client. Safe to call more than once; the destructor calls it too. */
    public function close(): void
    {
        $handle = $this->handle;
        $this->handle = null;
        if ($handle !== null) {
            $this->ffi->bts_client_free($handle);
        }
    }

    public function isClosed(): bool
    {
        return $this->handle === null;
    }

    public function __destruct()
    {
        $this->close();
    }

    /** A copy would free the same native client twice. */
    private function __clone()
    {
    }

    /** @return array<mixed> */
    public function __serialize(): array
    {
        throw new \LogicException('a Bts\Client cannot be serialized');
    }

    /** @param array<mixed> $data */
    public function __unserialize(array $data): void
    {
        throw new \LogicException('a Bts\Client cannot be unserialized');
    }

    /**
     * Shows no configuration: it holds credentials.
     *
     * @return array<string, bool>
     */
    public function __debugInfo(): array
    {
        return ['closed' => $this->handle === null];
    }

    // -- the generic call ---------------------------------------------------------------------

    /**
     * Calls $operation with parameters given as JSON text and returns the envelope text exactly
     * as the library made it.
     */
    public function callEnvelopeText(string $operation, string $paramsJson = '{}'): string
    {
        $started = hrtime(true);
        if (str_contains($operation, "\0") || str_contains($paramsJson, "\0")) {
            $text = self::localError('the operation and parameters must not contain NUL bytes');
        } elseif ($this->handle === null) {
            $text = self::localError('the client is closed');
        } else {
            $text = Native::take($this->ffi, $this->ffi->bts_call($this->handle, $operation, $paramsJson));
        }
        $this->logCall($operation, $started, $text);
        return $text;
    }

    /**
     * Sets a PSR-3 logger (any object with log($level, $message, array $context), so psr/log is
     * not required): one record per call, 'debug' for a success and 'warning' for a failure,
     * with context operation, duration_ms, ok and kind. Parameters, replies and credentials
     * are never logged. null removes it.
     */
    public function setLogger(?object $logger): void
    {
        if ($logger !== null && !method_exists($logger, 'log')) {
            throw new InvalidInputException('the logger must have a log($level, $message, array $context) method (PSR-3)');
        }
        $this->logger = $logger;
    }

    private function logCall(string $operation, int|float $started, string $text): void
    {
        if ($this->logger === null) {
            return;
        }
        $ok = str_starts_with($text, '{"ok":true');
        $kind = null;
        if (!$ok) {
            $envelope = json_decode($text, true);
            $kind = is_array($envelope) && is_array($envelope['error'] ?? null) && is_string($envelope['error']['kind'] ?? null)
                ? $envelope['error']['kind'] : 'internal';
        }
        $ms = round((hrtime(true) - $started) / 1e6, 1);
        $message = $ok ? "{$operation} ok in {$ms} ms" : "{$operation} failed ({$kind}) in {$ms} ms";
        $context = ['operation' => $operation, 'duration_ms' => $ms, 'ok' => $ok, 'kind' => $kind];
        /** @var callable $log */
        $log = [$this->logger, 'log'];
        $log($ok ? 'debug' : 'warning', $message, $context);
    }

    /** The current courier API's methods, with its shapes: $client->current()->orderAdd([...]). */
    public function current(): CurrentApi
    {
        return new CurrentApi($this);
    }

    /**
     * Saves the shipping label (PDF) of one order to $path (operation label/save).
     *
     * @return LabelFile
     */
    public function saveLabel(int $orderId, string $path): array
    {
        return $this->call('label/save', ['orderId' => $orderId, 'path' => $path]);
    }

    /**
     * Saves the labels of several orders (up to 50) as one PDF at $path (operation label/save).
     *
     * @param list<int> $orderIds
     * @return LabelFile
     */
    public function saveStickers(array $orderIds, string $path): array
    {
        return $this->call('label/save', ['orderIds' => $orderIds, 'path' => $path]);
    }

    /**
     * Calls $operation and returns the envelope: ['ok' => true, 'data' => ...] or
     * ['ok' => false, 'error' => ['kind', 'message', 'status', 'fields', 'body']]. Never throws
     * for a failed call. An empty $params is sent as {}.
     *
     * @param array<mixed> $params
     * @return array<mixed>
     */
    public function callEnvelope(string $operation, array $params = []): array
    {
        try {
            $json = json_encode(self::object($params), self::JSON_OUT);
        } catch (\JsonException $e) {
            return self::decode(self::localError("the parameters cannot be encoded as JSON: {$e->getMessage()}"));
        }
        return self::decode($this->callEnvelopeText($operation, $json));
    }

    /**
     * Calls $operation (see operations()) and returns the server's JSON (`data`), decoded as
     * arrays (big integers as strings). Throws the BtsException subclass of the error's kind.
     *
     * @param array<mixed> $params
     */
    public function call(string $operation, array $params = []): mixed
    {
        $envelope = $this->callEnvelope($operation, $params);
        if (($envelope['ok'] ?? null) === true) {
            return $envelope['data'] ?? null;
        }
        throw BtsException::fromEnvelope($envelope);
    }

    /**
     * Runs many calls side by side inside the library (operation `batch`), at most $concurrency
     * at once (default 4, at most 16; up to 1000 calls), and returns one result per call, in
     * order: its data, or the BtsException it failed with (returned, not thrown: one failure
     * does not hide the others). Each call is [$operation, $params] or
     * ['operation' => ..., 'params' => [...]].
     *
     * Throws InvalidInputException when the batch itself is refused (no calls, too many, an
     * unknown operation: fields() names the index, e.g. calls[3].operation); then nothing was
     * sent.
     *
     * @param list<array<mixed>> $calls
     * @return list<mixed>
     */
    public function batch(array $calls, ?int $concurrency = null): array
    {
        $listed = [];
        foreach ($calls as $call) {
            $operation = $call['operation'] ?? $call[0] ?? null;
            $params = $call['params'] ?? $call[1] ?? [];
            $listed[] = [
                'operation' => $operation,
                'params' => is_array($params) ? self::object($params) : $params,
            ];
        }
        $params = ['calls' => $listed];
        if ($concurrency !== null) {
            $params['concurrency'] = $concurrency;
        }
        $results = [];
        foreach ($this->call('batch', $params) as $envelope) {
            $results[] = ($envelope['ok'] ?? null) === true
                ? ($envelope['data'] ?? null)
                : BtsException::fromEnvelope($envelope);
        }
        return $results;
    }

    /**
     * Every operation the library knows: name, service, method, route, retry, required, query,
     * paginated, summary.
     *
     * @return list<array<string, mixed>>
     */
    public static function operations(): array
    {
        return self::decode(Native::operationsJson());
    }

    /** The C library's version, e.g. "0.1.0". */
    public static function version(): string
    {
        return Native::version();
    }

    // -- escape hatch ---------------------------------------------------------------------------

    /**
     * Any route: $service "courier" or "wms", $method "GET" or "POST", $route e.g.
     * "v1/directory/post-types". A POST is never replayed.
     *
     * @param array<mixed>|null $query
     */
    public function raw(string $service, string $method, string $route, ?array $query = null, mixed $body = null): mixed
    {
        $params = ['service' => $service, 'method' => $method, 'route' => $route];
        if ($query !== null) {
            $params['query'] = self::object($query);
        }
        if ($body !== null) {
            $params['body'] = $body === [] ? new \stdClass() : $body;
        }
        return $this->call('raw', $params);
    }

    // -- helpers --------------------------------------------------------------------------------

    /**
     * An empty PHP array is a JSON object here ({}), not a list ([]).
     *
     * @param array<mixed> $value
     * @return array<mixed>|\stdClass
     */
    private static function object(array $value): array|\stdClass
    {
        return $value === [] ? new \stdClass() : $value;
    }

    /** @return array<mixed> */
    private static function decode(string $json): array
    {
        try {
            $value = json_decode($json, true, 512, self::JSON_IN);
        } catch (\JsonException $e) {
            // bts checked the server's JSON; what PHP still refuses (a lone UTF-16 surrogate,
            // say) is the server's doing: kind decode.
            throw new DecodeException("the server's JSON cannot be decoded by PHP: {$e->getMessage()}");
        }
        if (!is_array($value)) {
            throw new InternalException('bts returned JSON that is not an object or array');
        }
        return $value;
    }

    /** An invalid_input envelope (made by the library) for a call refused before it reached it. */
    private static function localError(string $message): string
    {
        return Native::errorEnvelope('invalid_input', $message);
    }
}
