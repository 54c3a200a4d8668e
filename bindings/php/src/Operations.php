<?php

// Generated from the operation table (src/operations.rs) by `cargo xtask gen` (xtask/): do not edit.

declare(strict_types=1);

namespace Bts;

/**
 * The named methods of Bts\Client, one per operation; each is call(name, parameters). Replies are typed for the legacy courier API where an operation is on both courier APIs: on a client configured with courier_api "current", use $client->current() for the current API's shapes.
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
trait Operations
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

    /** Log in to the courier API now (normally implicit; credentials come from the configuration); returns {"authenticated": true}. Operation auth/get-token (legacy, current API). */
    public function authGetToken(): mixed
    {
        return $this->call('auth/get-token');
    }

    /**
     * Create a local order; returns the order with its orderId, cost and barcode. Operation order/add (legacy, current API).
     *
     * @param OrderRequest|array{} $params
     * @return Order
     */
    public function orderAdd(array $params = []): mixed
    {
        return $this->call('order/add', $params);
    }

    /**
     * Edit a local order (the whole order plus orderId). Operation order/edit (legacy, current API).
     *
     * @param OrderRequest|array{} $params
     * @return Order
     */
    public function orderEdit(array $params = []): mixed
    {
        return $this->call('order/edit', $params);
    }

    /**
     * One order by orderId. Operation order/detail (legacy, current API).
     *
     * @return Order
     */
    public function orderDetail(int $orderId): mixed
    {
        return $this->call('order/detail', self::presentOnly(['orderId' => $orderId]));
    }

    /**
     * Cancel an order (never replayed once it may have reached BTS). Operation order/cancel (legacy, current API).
     *
     * @return CancelResult
     */
    public function orderCancel(int $orderId): mixed
    {
        return $this->call('order/cancel', self::presentOnly(['orderId' => $orderId]));
    }

    /**
     * Quote the delivery price without creating an order. Operation order/calculate (legacy, current API).
     *
     * @param PriceRequest|array{} $params
     * @return PriceQuote
     */
    public function orderCalculate(array $params = []): mixed
    {
        return $this->call('order/calculate', $params);
    }

    /**
     * The current status of an order. Operation order/track (legacy, current API).
     *
     * @return Track
     */
    public function orderTrack(int $orderId): mixed
    {
        return $this->call('order/track', self::presentOnly(['orderId' => $orderId]));
    }

    /**
     * Every status event of an order. Operation order/history (legacy API).
     *
     * @return list<HistoryEvent>
     */
    public function orderHistory(int $orderId): mixed
    {
        return $this->call('order/history', self::presentOnly(['orderId' => $orderId]));
    }

    /** The reasons recorded for cancelling or refusing an order. Operation order/cancellation (legacy, current API). */
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
     * Register an international parcel. Operation international/add (legacy API).
     *
     * @param array<mixed> $params
     */
    public function internationalAdd(array $params = []): mixed
    {
        return $this->call('international/add', $params);
    }

    /** The current status of an international parcel by barcode. Operation international/track-by-barcode (legacy API). */
    public function internationalTrackByBarcode(string $barcode): mixed
    {
        return $this->call('international/track-by-barcode', self::presentOnly(['barcode' => $barcode]));
    }

    /**
     * Submit a manifest of international parcels. Operation international/manifest (legacy API).
     *
     * @param array<mixed> $params
     */
    public function internationalManifest(array $params = []): mixed
    {
        return $this->call('international/manifest', $params);
    }

    /** BTS branches, optionally of one region. Operation directory/branches (legacy, current API). */
    public function directoryBranches(?int $regionId = null, ?string $regionCode = null, ?string $cityCode = null, ?int $page = null, ?int $perPage = null): mixed
    {
        return $this->call('directory/branches', self::presentOnly(['regionId' => $regionId, 'regionCode' => $regionCode, 'cityCode' => $cityCode, 'page' => $page, 'per-page' => $perPage]));
    }

    /** BTS branches of one city. Operation directory/branches-with-city (legacy API). */
    public function directoryBranchesWithCity(?int $cityId = null): mixed
    {
        return $this->call('directory/branches-with-city', self::presentOnly(['cityId' => $cityId]));
    }

    /** The regions. Operation directory/regions (legacy, current API). */
    public function directoryRegions(?int $page = null, ?int $perPage = null): mixed
    {
        return $this->call('directory/regions', self::presentOnly(['page' => $page, 'per-page' => $perPage]));
    }

    /** The cities, optionally of one region. Operation directory/cities (legacy, current API). */
    public function directoryCities(?int $regionId = null, ?string $regionCode = null, ?int $page = null, ?int $perPage = null): mixed
    {
        return $this->call('directory/cities', self::presentOnly(['regionId' => $regionId, 'regionCode' => $regionCode, 'page' => $page, 'per-page' => $perPage]));
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
     * Save an order's label as a PDF file (orderId, or up to 50 orderIds on the current API; path): labelEncode or the sticker's PDF link. Operation label/save (legacy, current API).
     *
     * @param array<mixed> $params
     * @return LabelFile
     */
    public function labelSave(array $params = []): mixed
    {
        return $this->call('label/save', self::wrapSole($params, 'path'));
    }

    /**
     * Settle a create whose outcome the journal does not know (key: the clientId or order_id), after looking the order up; sends nothing. Operation journal/forget (local API).
     *
     * @param array<mixed> $params
     */
    public function journalForget(array $params = []): mixed
    {
        return $this->call('journal/forget', self::wrapSole($params, 'key'));
    }

    /**
     * Read a status notification BTS sent (body, content_type, headers, key); sends nothing. Operation webhook/parse (local API).
     *
     * @param array<mixed> $params
     * @return WebhookEvent
     */
    public function webhookParse(array $params = []): mixed
    {
        return $this->call('webhook/parse', self::wrapSole($params, 'body'));
    }

    /** Log in to the WMS now (normally implicit; credentials come from the configuration); returns {"authenticated": true}. Operation wms/auth/login (wms API). */
    public function wmsAuthLogin(): mixed
    {
        return $this->call('wms/auth/login');
    }

    /**
     * Create a supplier (purveyor). Operation wms/purveyor/create (wms API).
     *
     * @param PurveyorRequest|array{} $params
     * @return PurveyorCreated
     */
    public function wmsPurveyorCreate(array $params = []): mixed
    {
        return $this->call('wms/purveyor/create', $params);
    }

    /**
     * Suppliers waiting to be acknowledged, 20 a page (page, or all_pages). Operation wms/purveyor/clients (wms API).
     *
     * @return PurveyorList
     */
    public function wmsPurveyorClients(?int $page = null): mixed
    {
        return $this->call('wms/purveyor/clients', self::presentOnly(['page' => $page]));
    }

    /**
     * Every page of wms/purveyor/clients, items joined into one list.
     *
     * @return list<Purveyor>
     */
    public function wmsPurveyorClientsAll(): array
    {
        return $this->call('wms/purveyor/clients', ['all_pages' => true]);
    }

    /**
     * Acknowledge suppliers stored on your side; they leave the list. Operation wms/purveyor/client-status (wms API).
     *
     * @param ClientStatusRequest|list<Ack>|array{} $params
     * @return Message
     */
    public function wmsPurveyorClientStatus(array $params = []): mixed
    {
        return $this->call('wms/purveyor/client-status', self::wrapSole($params, 'status'));
    }

    /**
     * Create a product. Operation wms/product/create (wms API).
     *
     * @param ProductRequest|array{} $params
     * @return ProductCreated
     */
    public function wmsProductCreate(array $params = []): mixed
    {
        return $this->call('wms/product/create', $params);
    }

    /**
     * Products waiting to be acknowledged, 20 a page (page, or all_pages). Operation wms/product/clients (wms API).
     *
     * @return ProductList
     */
    public function wmsProductClients(?int $page = null): mixed
    {
        return $this->call('wms/product/clients', self::presentOnly(['page' => $page]));
    }

    /**
     * Every page of wms/product/clients, items joined into one list.
     *
     * @return list<Product>
     */
    public function wmsProductClientsAll(): array
    {
        return $this->call('wms/product/clients', ['all_pages' => true]);
    }

    /**
     * Acknowledge products stored on your side; they leave the list. Operation wms/product/client-status (wms API).
     *
     * @param ClientStatusRequest|list<Ack>|array{} $params
     * @return Message
     */
    public function wmsProductClientStatus(array $params = []): mixed
    {
        return $this->call('wms/product/client-status', self::wrapSole($params, 'status'));
    }

    /**
     * Register an inbound delivery of goods. Operation wms/receiving-goods/create (wms API).
     *
     * @param ReceivingGoodsRequest|array{} $params
     * @return ReceivingGoodsCreated
     */
    public function wmsReceivingGoodsCreate(array $params = []): mixed
    {
        return $this->call('wms/receiving-goods/create', $params);
    }

    /**
     * Goods receipts waiting to be acknowledged, 20 a page (page, or all_pages). Operation wms/receiving-goods/clients (wms API).
     *
     * @return ReceivingGoodsList
     */
    public function wmsReceivingGoodsClients(?int $page = null): mixed
    {
        return $this->call('wms/receiving-goods/clients', self::presentOnly(['page' => $page]));
    }

    /**
     * Every page of wms/receiving-goods/clients, items joined into one list.
     *
     * @return list<ReceivingGoods>
     */
    public function wmsReceivingGoodsClientsAll(): array
    {
        return $this->call('wms/receiving-goods/clients', ['all_pages' => true]);
    }

    /**
     * Acknowledge goods receipts stored on your side; they leave the list. Operation wms/receiving-goods/client-status (wms API).
     *
     * @param ClientStatusRequest|list<Ack>|array{} $params
     * @return Message
     */
    public function wmsReceivingGoodsClientStatus(array $params = []): mixed
    {
        return $this->call('wms/receiving-goods/client-status', self::wrapSole($params, 'status'));
    }

    /**
     * Send the warehouse a fulfilment (outbound) order; order_id is your own number. Operation wms/order/create (wms API).
     *
     * @param WmsOrderRequest|array{} $params
     * @return WmsOrderCreated
     */
    public function wmsOrderCreate(array $params = []): mixed
    {
        return $this->call('wms/order/create', $params);
    }

    /**
     * Return some products of a fulfilment order without changing its status. Operation wms/order/partial-return (wms API).
     *
     * @param array<mixed> $params
     */
    public function wmsOrderPartialReturn(array $params = []): mixed
    {
        return $this->call('wms/order/partial-return', $params);
    }
}
