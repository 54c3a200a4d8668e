<?php

declare(strict_types=1);

namespace Bts\Exception;

/** BTS rejected fields; getFields() maps each field to the server's messages. */
class ValidationException extends BtsException
{
    public const KIND = 'validation';
}
