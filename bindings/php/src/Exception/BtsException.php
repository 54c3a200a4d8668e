<?php

declare(strict_types=1);

namespace Bts\Exception;

/**
 * A failed bts call: one subclass per envelope kind.
 *
 * getMessage() is one English sentence that never holds a credential; getKind() is the
 * envelope's kind; getStatus() the HTTP status (or null); getFields() the field errors
 * (field name => list of messages); getBody() the server's body as text (or null);
 * getEnvelope() the whole decoded envelope.
 */
class BtsException extends \RuntimeException
{
    /** The envelope kind this class stands for (null on the base class). */
    public const KIND = null;

    private const CLASSES = [
        'invalid_input' => InvalidInputException::class,
        'validation' => ValidationException::class,
        'auth' => AuthException::class,
        'http' => HttpException::class,
        'timeout' => TimeoutException::class,
        'network' => NetworkException::class,
        'decode' => DecodeException::class,
        'internal' => InternalException::class,
    ];

    private string $kind;
    private ?int $status;
    /** @var array<string, list<string>> */
    private array $fields;
    private ?string $body;
    /** @var array<string, mixed> */
    private array $envelope;

    /**
     * @param array<string, list<string>> $fields
     * @param array<string, mixed>|null $envelope
     */
    public function __construct(
        string $message,
        ?string $kind = null,
        ?int $status = null,
        array $fields = [],
        ?string $body = null,
        ?array $envelope = null,
        ?\Throwable $previous = null
    ) {
        parent::__construct($message, 0, $previous);
        $this->kind = $kind ?? static::KIND ?? 'internal';
        $this->status = $status;
        $this->fields = $fields;
        $this->body = $body;
        $this->envelope = $envelope ?? [
            'ok' => false,
            'error' => [
                'kind' => $this->kind,
                'message' => $message,
                'status' => $status,
                'fields' => $fields,
                'body' => $body,
            ],
        ];
    }

    /** The exception for a failed envelope `['ok' => false, 'error' => [...]]`. */
    public static function fromEnvelope(array $envelope): self
    {
        $error = $envelope['error'] ?? null;
        if (!is_array($error)) {
            return new InternalException('bts returned an envelope without an error object', 'internal', null, [], null, $envelope);
        }
        $kind = is_string($error['kind'] ?? null) ? $error['kind'] : 'internal';
        $class = self::CLASSES[$kind] ?? self::class;
        $status = $error['status'] ?? null;
        return new $class(
            is_string($error['message'] ?? null) ? $error['message'] : $kind,
            $kind,
            is_int($status) ? $status : (is_numeric($status) ? (int) $status : null),
            is_array($error['fields'] ?? null) ? $error['fields'] : [],
            is_string($error['body'] ?? null) ? $error['body'] : null,
            $envelope
        );
    }

    /** The envelope kind: invalid_input, validation, auth, http, timeout, network, decode, internal. */
    public function getKind(): string
    {
        return $this->kind;
    }

    /** The HTTP status, where there was a response. */
    public function getStatus(): ?int
    {
        return $this->status;
    }

    /** @return array<string, list<string>> field name => messages (empty when none) */
    public function getFields(): array
    {
        return $this->fields;
    }

    /** The server's body as text (lossy UTF-8, at most 64 KiB), where there was one. */
    public function getBody(): ?string
    {
        return $this->body;
    }

    /**
     * Whether the request may have reached BTS: after a failed write, look the record up
     * before creating it again (bts never sends a write twice by itself).
     */
    public function wasSent(): bool
    {
        return (bool) ($this->envelope['error']['sent'] ?? false);
    }

    /** @return array<string, mixed> the whole envelope */
    public function getEnvelope(): array
    {
        return $this->envelope;
    }
}
