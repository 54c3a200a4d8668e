<?php

declare(strict_types=1);

namespace Bts\Exception;

/** DNS, connect, reset or TLS failure. */
class NetworkException extends BtsException
{
    public const KIND = 'network';
}
