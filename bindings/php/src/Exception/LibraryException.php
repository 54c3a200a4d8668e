<?php

declare(strict_types=1);

namespace Bts\Exception;

/**
 * The bts shared library or its header could not be used: not found, FFI disabled, or a
 * library of another ABI version. Not a call failure, so not a BtsException.
 */
class LibraryException extends \RuntimeException
{
}
