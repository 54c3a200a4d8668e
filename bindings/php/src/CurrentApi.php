<?php

declare(strict_types=1);

namespace Bts;

/**
 * The current courier API's methods on a client ($client->current()): the same calls as the
 * client's, with the current API's request and reply shapes.
 */
final class CurrentApi
{
    use CurrentOperations;
    use Paging;

    public function __construct(private readonly Client $client)
    {
    }

    /**
     * Client::call().
     *
     * @param array<mixed> $params
     */
    public function call(string $operation, array $params = []): mixed
    {
        return $this->client->call($operation, $params);
    }
}
