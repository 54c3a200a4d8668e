<?php
// Checks the PHPDoc types of the given PHP files with PHPStan's own PHPDoc parser
// (phpstan/phpdoc-parser; Debian's php-phpstan-phpdoc-parser): every @param, @return, @var,
// @phpstan-type and @phpstan-import-type must parse, and every name used in a type must be a
// PHPStan built-in type, a type alias defined or imported in that file, or an existing class.
// Run by bindings/run-tests.sh where PHPStan itself cannot be installed; exits 1 on any problem.
//
//   php tools/phpdoc-check.php src/*.php ../../examples/php/*.php

declare(strict_types=1);

use PHPStan\PhpDocParser\Ast\PhpDoc\InvalidTagValueNode;
use PHPStan\PhpDocParser\Ast\PhpDoc\ParamTagValueNode;
use PHPStan\PhpDocParser\Ast\PhpDoc\ReturnTagValueNode;
use PHPStan\PhpDocParser\Ast\PhpDoc\TypeAliasImportTagValueNode;
use PHPStan\PhpDocParser\Ast\PhpDoc\TypeAliasTagValueNode;
use PHPStan\PhpDocParser\Ast\PhpDoc\VarTagValueNode;
use PHPStan\PhpDocParser\Ast\Type\ArrayShapeItemNode;
use PHPStan\PhpDocParser\Ast\Type\IdentifierTypeNode;
use PHPStan\PhpDocParser\Ast\Type\TypeNode;
use PHPStan\PhpDocParser\Lexer\Lexer;
use PHPStan\PhpDocParser\Parser\ConstExprParser;
use PHPStan\PhpDocParser\Parser\PhpDocParser;
use PHPStan\PhpDocParser\Parser\TokenIterator;
use PHPStan\PhpDocParser\Parser\TypeParser;

$parserAutoload = getenv('PHPDOC_PARSER_AUTOLOAD') ?: '/usr/share/php/PHPStan/PhpDocParser/autoload.php';
if (!is_file($parserAutoload)) {
    fwrite(STDERR, "phpstan/phpdoc-parser is missing (apt-get install php-phpstan-phpdoc-parser)\n");
    exit(2);
}
require $parserAutoload;
require __DIR__ . '/../tests/autoload.php';

const BUILTIN = ['int', 'float', 'string', 'bool', 'true', 'false', 'null', 'mixed', 'void', 'never',
    'array', 'list', 'iterable', 'callable', 'object', 'self', 'static', '$this', 'resource', 'scalar',
    'non-empty-string', 'non-empty-array', 'non-empty-list', 'positive-int', 'array-key', 'class-string'];

$lexer = new Lexer();
$constExpr = new ConstExprParser();
$parser = new PhpDocParser(new TypeParser($constExpr), $constExpr);

/** @return list<string> */
function names(TypeNode $type): array
{
    $found = [];
    $walk = static function (mixed $node) use (&$walk, &$found): void {
        if ($node instanceof IdentifierTypeNode) {
            $found[] = $node->name;
        }
        if ($node instanceof ArrayShapeItemNode) {
            $walk($node->valueType); // the key is a name, not a type
        } elseif (is_object($node)) {
            foreach (get_object_vars($node) as $child) {
                $walk($child);
            }
        } elseif (is_array($node)) {
            foreach ($node as $child) {
                $walk($child);
            }
        }
    };
    $walk($type);
    return $found;
}

$problems = [];
$checked = 0;
foreach (array_slice($argv, 1) as $file) {
    $code = (string) file_get_contents($file);
    $namespace = preg_match('/^namespace\s+([^;]+);/m', $code, $m) ? $m[1] . '\\' : '';
    $uses = [];
    preg_match_all('/^use\s+([A-Za-z0-9_\\\\]+)(?:\s+as\s+(\w+))?;/m', $code, $mm, PREG_SET_ORDER);
    foreach ($mm as $u) {
        $uses[$u[2] ?? substr((string) strrchr('\\' . $u[1], '\\'), 1)] = $u[1];
    }
    $docs = [];
    foreach (token_get_all($code) as $token) {
        if (is_array($token) && $token[0] === T_DOC_COMMENT) {
            $docs[] = [$token[1], $token[2]];
        }
    }
    $aliases = [];
    $types = [];
    foreach ($docs as [$doc, $line]) {
        $node = $parser->parse(new TokenIterator($lexer->tokenize($doc)));
        foreach ($node->getTags() as $tag) {
            $value = $tag->value;
            $checked++;
            if ($value instanceof InvalidTagValueNode) {
                $problems[] = "{$file}:{$line}: {$tag->name} does not parse: {$value->exception->getMessage()}";
            } elseif ($value instanceof TypeAliasTagValueNode) {
                $aliases[] = $value->alias;
                $types[] = [$value->type, $line];
            } elseif ($value instanceof TypeAliasImportTagValueNode) {
                $aliases[] = $value->importedAs ?? $value->importedAlias;
                $from = ltrim((string) $value->importedFrom, '\\');
                $class = $uses[$from] ?? $namespace . $from;
                $source = (new ReflectionClass($class))->getDocComment() ?: '';
                if (!preg_match('/@phpstan-type\s+' . preg_quote($value->importedAlias, '/') . '\s/', $source)) {
                    $problems[] = "{$file}:{$line}: {$class} has no type {$value->importedAlias}";
                }
            } elseif ($value instanceof ParamTagValueNode || $value instanceof ReturnTagValueNode
                || $value instanceof VarTagValueNode) {
                $types[] = [$value->type, $line];
            }
        }
    }
    foreach ($types as [$type, $line]) {
        foreach (names($type) as $name) {
            $bare = ltrim($name, '\\');
            if (in_array(strtolower($bare), BUILTIN, true) || in_array($bare, $aliases, true)) {
                continue;
            }
            $class = $uses[$bare] ?? (str_starts_with($name, '\\') ? $bare : $namespace . $bare);
            if (!class_exists($class) && !interface_exists($class) && !enum_exists($class) && !class_exists($bare)) {
                $problems[] = "{$file}:{$line}: unknown type {$name}";
            }
        }
    }
}
foreach ($problems as $p) {
    echo $p, "\n";
}
echo sprintf("phpdoc-check: %d tags in %d files, %d problems\n", $checked, count($argv) - 1, count($problems));
exit($problems === [] ? 0 : 1);
