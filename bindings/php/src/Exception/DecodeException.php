<?php

declare(strict_types=1);

namespace Bts\Exception;

/** The server sent something that is not the JSON expected (getBody() holds it). */
class DecodeException extends BtsException
{
    public const KIND = 'decode';
}
