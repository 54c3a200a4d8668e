<?php

declare(strict_types=1);

namespace Bts;

use Bts\Exception\InvalidInputException;

/**
 * iterPages() and iterItems() over any list with a `page` parameter: the WMS lists
 * (wms/product/clients, ...) and the current API's paged directory lists (directory/cities, ...
 * with 'per-page' in the parameters if you like). One call per page, as you iterate.
 */
trait Paging
{
    /** @param array<mixed> $params */
    abstract public function call(string $operation, array $params = []): mixed;

    /**
     * Every page of a list: yields the page arrays (['items', '_links', '_meta']) and stops after
     * the last page (by _meta, else by the absence of _links.next) or at an empty one.
     *
     * @param array<mixed> $params
     * @return \Generator<int, array<mixed>>
     */
    public function iterPages(string $operation, array $params = [], int $start = 1): \Generator
    {
        for ($number = $start;; $number++) {
            $reply = $this->call($operation, ['page' => $number] + $params);
            $page = is_array($reply) && is_array($reply['items'] ?? null) ? $reply
                : (is_array($reply) && is_array($reply['data'] ?? null) && is_array($reply['data']['items'] ?? null) ? $reply['data'] : null);
            if ($page === null) {
                throw new InvalidInputException("{$operation} did not answer a list page");
            }
            yield $page;
            if ($page['items'] === [] || self::lastPage($page, $number)) {
                return;
            }
        }
    }

    /**
     * Every item of every page of a list (see iterPages()).
     *
     * @param array<mixed> $params
     * @return \Generator<int, mixed>
     */
    public function iterItems(string $operation, array $params = []): \Generator
    {
        foreach ($this->iterPages($operation, $params) as $page) {
            yield from array_values((array) $page['items']);
        }
    }

    /** @param array<mixed> $page */
    private static function lastPage(array $page, int $number): bool
    {
        $meta = $page['_meta'] ?? null;
        if (is_array($meta) && is_int($meta['pageCount'] ?? null)) {
            $current = is_int($meta['currentPage'] ?? null) ? $meta['currentPage'] : $number;
            return $current >= $meta['pageCount'];
        }
        $links = $page['_links'] ?? null;
        if (is_array($links)) {
            return empty($links['next']);
        }
        return false;
    }
}
