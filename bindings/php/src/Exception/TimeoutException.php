<?php

declare(strict_types=1);

namespace Bts\Exception;

/** The call did not finish within timeout_ms. A write may have reached the server. */
class TimeoutException extends BtsException
{
    public const KIND = 'timeout';
}
