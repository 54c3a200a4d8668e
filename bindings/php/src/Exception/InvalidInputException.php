<?php

declare(strict_types=1);

namespace Bts\Exception;

/** The operation name, parameters, configuration or JSON are wrong; nothing was sent. getFields() names every offending parameter. */
class InvalidInputException extends BtsException
{
    public const KIND = 'invalid_input';
}
