<?php

// Generated from the operation table (src/operations.rs) by `cargo xtask gen` (xtask/): do not edit.

declare(strict_types=1);

namespace Bts;

/**
 * The current courier API's operations, typed for it (Bts\CurrentApi, $client->current()).
 *
 * @phpstan-import-type Ack from Types
 * @phpstan-import-type CancelResult from Types
 * @phpstan-import-type ClientStatusRequest from Types
 * @phpstan-import-type CurrentOrder from Types
 * @phpstan-import-type CurrentOrderRequest from Types
 * @phpstan-import-type CurrentOrderState from Types
 * @phpstan-import-type CurrentPage from Types
 * @phpstan-import-type CurrentPriceQuote from Types
 * @phpstan-import-type CurrentPriceRequest from Types
 * @phpstan-import-type HistoryEvent from Types
 * @phpstan-import-type LabelFile from Types
 * @phpstan-import-type Message from Types
 * @phpstan-import-type Order from Types
 * @phpstan-import-type OrderRequest from Types
 * @phpstan-import-type PriceQuote from Types
 * @phpstan-import-type PriceRequest from Types
 * @phpstan-import-type Product from Types
 * @phpstan-import-type ProductCreated from Types
 * @phpstan-import-type ProductList from Types
 * @phpstan-import-type ProductRequest from Types
 * @phpstan-import-type Purveyor from Types
 * @phpstan-import-type PurveyorCreated from Types
 * @phpstan-import-type PurveyorList from Types
 * @phpstan-import-type PurveyorRequest from Types
 * @phpstan-import-type ReceivingGoods from Types
 * @phpstan-import-type ReceivingGoodsCreated from Types
 * @phpstan-import-type ReceivingGoodsList from Types
 * @phpstan-import-type ReceivingGoodsRequest from Types
 * @phpstan-import-type Sticker from Types
 * @phpstan-import-type Track from Types
 * @phpstan-import-type WebhookEvent from Types
 * @phpstan-import-type WmsOrderCreated from Types
 * @phpstan-import-type WmsOrderRequest from Types
 */
trait CurrentOperations
{
    /** @param array<mixed> $params */
    abstract public function call(string $operation, array $params = []): mixed;

    /**
     * A list given as parameters is wrapped as the operation's sole required member.
     *
     * @param array<mixed> $params
     * @return array<mixed>
     */
    private static function wrapSole(array $params, string $sole): array
    {
        return ($params !== [] && array_is_list($params)) ? [$sole => $params] : $params;
    }

    /**
     * Drops null parameters (optional ones left out).
     *
     * @param array<mixed> $params
     * @return array<mixed>
     */
    private static function presentOnly(array $params): array
    {
        return array_filter($params, static fn ($v) => $v !== null);
    }

    /** Log in to the courier API now (normally implicit; credentials come from the configuration); returns {"authenticated": true}. Operation auth/get-token (current API). */
    public function authGetToken(): mixed
    {
        return $this->call('auth/get-token');
    }

    /**
     * Create a local order; returns the order with its orderId, cost and barcode. Operation order/add (current API).
     *
     * @param CurrentOrderRequest|array{} $params
     * @return CurrentOrder
     */
    public function orderAdd(array $params = []): mixed
    {
        return $this->call('order/add', $params);
    }

    /**
     * Edit a local order (the whole order plus orderId). Operation order/edit (current API).
     *
     * @param CurrentOrderRequest|array{} $params
     * @return CurrentOrder
     */
    public function orderEdit(array $params = []): mixed
    {
        return $this->call('order/edit', $params);
    }

    /**
     * One order by orderId. Operation order/detail (current API).
     *
     * @return CurrentOrder
     */
    public function orderDetail(int $orderId): mixed
    {
        return $this->call('order/detail', self::presentOnly(['orderId' => $orderId]));
    }

    /**
     * Cancel an order (never replayed once it may have reached BTS). Operation order/cancel (current API).
     *
     * @return CurrentOrderState
     */
    public function orderCancel(int $orderId): mixed
    {
        return $this->call('order/cancel', self::presentOnly(['orderId' => $orderId]));
    }

    /**
     * Quote the delivery price without creating an order. Operation order/calculate (current API).
     *
     * @param CurrentPriceRequest|array{} $params
     * @return CurrentPriceQuote
     */
    public function orderCalculate(array $params = []): mixed
    {
        return $this->call('order/calculate', $params);
    }

    /**
     * The current status of an order. Operation order/track (current API).
     *
     * @return CurrentOrderState
     */
    public function orderTrack(int $orderId): mixed
    {
        return $this->call('order/track', self::presentOnly(['orderId' => $orderId]));
    }

    /** The reasons recorded for cancelling or refusing an order. Operation order/cancellation (current API). */
    public function orderCancellation(int $orderId): mixed
    {
        return $this->call('order/cancellation', self::presentOnly(['orderId' => $orderId]));
    }

    /** Orders created in a date range (beginDate, endDate: YYYY-MM-DD). Operation order/list (current API). */
    public function orderList(string $beginDate, string $endDate, ?int $page = null, ?int $perPage = null): mixed
    {
        return $this->call('order/list', self::presentOnly(['beginDate' => $beginDate, 'endDate' => $endDate, 'page' => $page, 'per-page' => $perPage]));
    }

    /**
     * The shipping label of one order: a PDF link (labelSticker) and, where sent, the PDF in base64 (labelEncode). Operation order/sticker (current API).
     *
     * @return Sticker
     */
    public function orderSticker(int $orderId): mixed
    {
        return $this->call('order/sticker', self::presentOnly(['orderId' => $orderId]));
    }

    /**
     * The labels of up to 50 orders (orderIds) in one PDF. Operation order/stickers (current API).
     *
     * @param array<mixed> $params
     * @return Sticker
     */
    public function orderStickers(array $params = []): mixed
    {
        return $this->call('order/stickers', self::wrapSole($params, 'orderIds'));
    }

    /**
     * Test server only: move a test order to a status (orderId, statusCode), which fires the webhook. Operation order/test-update-status (current API).
     *
     * @param array<mixed> $params
     */
    public function orderTestUpdateStatus(array $params = []): mixed
    {
        return $this->call('order/test-update-status', $params);
    }

    /**
     * BTS branches, optionally of one region. Operation directory/branches (current API).
     *
     * @return CurrentPage
     */
    public function directoryBranches(?string $regionCode = null, ?string $cityCode = null, ?int $page = null, ?int $perPage = null): mixed
    {
        return $this->call('directory/branches', self::presentOnly(['regionCode' => $regionCode, 'cityCode' => $cityCode, 'page' => $page, 'per-page' => $perPage]));
    }

    /**
     * The regions. Operation directory/regions (current API).
     *
     * @return CurrentPage
     */
    public function directoryRegions(?int $page = null, ?int $perPage = null): mixed
    {
        return $this->call('directory/regions', self::presentOnly(['page' => $page, 'per-page' => $perPage]));
    }

    /**
     * The cities, optionally of one region. Operation directory/cities (current API).
     *
     * @return CurrentPage
     */
    public function directoryCities(?string $regionCode = null, ?int $page = null, ?int $perPage = null): mixed
    {
        return $this->call('directory/cities', self::presentOnly(['regionCode' => $regionCode, 'page' => $page, 'per-page' => $perPage]));
    }

    /**
     * The status catalogue (codes 100-1400, names, next possible statuses): the server's word wins over the built-in one. Operation directory/statuses (current API).
     *
     * @return CurrentPage
     */
    public function directoryStatuses(?int $page = null, ?int $perPage = null): mixed
    {
        return $this->call('directory/statuses', self::presentOnly(['page' => $page, 'per-page' => $perPage]));
    }

    /**
     * Packaging types (their id is cargo.packageId). Operation directory/packages (current API).
     *
     * @return CurrentPage
     */
    public function directoryPackages(?int $page = null, ?int $perPage = null): mixed
    {
        return $this->call('directory/packages', self::presentOnly(['page' => $page, 'per-page' => $perPage]));
    }

    /**
     * Shipment content types (their id is cargo.postTypeId). Operation directory/post-types (current API).
     *
     * @return CurrentPage
     */
    public function directoryPostTypes(?int $page = null, ?int $perPage = null): mixed
    {
        return $this->call('directory/post-types', self::presentOnly(['page' => $page, 'per-page' => $perPage]));
    }

    /**
     * Register or replace the status webhook (webhook_url, environment, has_token, itx-apiKey). Operation webhook/config (current API).
     *
     * @param array<mixed> $params
     */
    public function webhookConfig(array $params = []): mixed
    {
        return $this->call('webhook/config', $params);
    }

    /**
     * Save an order's label as a PDF file (orderId, or up to 50 orderIds on the current API; path): labelEncode or the sticker's PDF link. Operation label/save (current API).
     *
     * @param array<mixed> $params
     * @return LabelFile
     */
    public function labelSave(array $params = []): mixed
    {
        return $this->call('label/save', self::wrapSole($params, 'path'));
    }
}
