<?php

declare(strict_types=1);

namespace Bts\Exception;

/** Credentials were refused (after one fresh login), or the login itself was refused. */
class AuthException extends BtsException
{
    public const KIND = 'auth';
}
