<?php

declare(strict_types=1);

namespace Bts\Exception;

/** Any other non-success HTTP status (getStatus()); for a write, a 5xx may have come after the server did the work. */
class HttpException extends BtsException
{
    public const KIND = 'http';
}
