<?php

declare(strict_types=1);

namespace Bts\Exception;

/** A bug in bts, caught at the library boundary. Please report it. */
class InternalException extends BtsException
{
    public const KIND = 'internal';
}
