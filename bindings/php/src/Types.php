<?php

declare(strict_types=1);

namespace Bts;

/**
 * The array shapes of the main requests and replies, for PHPStan (and IDEs that read
 * `@phpstan-type`). Import one with `@phpstan-import-type Order from \Bts\Types`.
 *
 * Member names are BTS's own (senderCityId, pickup_type, _meta). Requests mark what BTS requires
 * as required keys; replies have every key optional (BTS omits members). Numbers BTS sometimes
 * sends as strings are int|float|string; yes/no flags are bool|int|string. At run time these are
 * plain arrays: nothing is checked or converted here (the library checks required members before
 * sending). The legacy courier API's shapes have plain names (Order, PriceQuote), the current
 * API's start with Current (CurrentOrder), the WMS's are named by record (Product,
 * ProductCreated, ProductList).
 *
 * @phpstan-type NamedRef array{id?: int, name?: string, regionId?: int}
 * @phpstan-type ItemLine array{name?: string, code?: string, count?: int, cost?: int|float|string}
 * @phpstan-type PageLinks array{first?: string, last?: string, next?: string, prev?: string}
 * @phpstan-type PageMeta array{totalCount?: int, pageCount?: int, currentPage?: int, perPage?: int}
 * @phpstan-type ErrorBody array{kind: string, message: string, status: int|null, fields: array<string, mixed>, body: string|null, sent: bool, code: string|null, request_id: string|null}
 * @phpstan-type ErrorEnvelope array{ok: bool, error: ErrorBody}
 * @phpstan-type OrderRequest array{senderCityId: int, senderAddress: string, senderReal: string, senderPhone: string, weight: int|float|string, packageId: int, postTypeId: int, receiver: string, receiverAddress: string, receiverCityId: int, receiverPhone: string, orderId?: int, senderDelivery?: int, receiverDelivery?: int, receiver_branch_id?: int, clientId?: string, volume?: int|float|string, takePhoto?: int, is_test?: int, senderSign?: string, receiverSign?: string, piece?: int, senderDate?: string, receiverDate?: string, receiverPhone1?: string, bringBackMoney?: int, back_money?: int|float|string, bringBackWaybill?: int, additionalInfo?: string, labelEncode?: string, options?: list<array<string, mixed>>, postTypes?: list<ItemLine>}
 * @phpstan-type StatusRef array{id?: int, name?: string, info?: string}
 * @phpstan-type Order array{orderId?: int|float|string, barcode?: string, status?: StatusRef, cost?: int|float|string, weight?: int|float|string, piece?: int, clientId?: string, customer?: NamedRef, senderRegion?: NamedRef, senderCity?: NamedRef, senderBranch?: NamedRef, senderAddress?: string, senderReal?: string, senderPhone?: string, receiver?: string, receiverRegion?: NamedRef, receiverCity?: NamedRef, receiverBranch?: NamedRef, receiverAddress?: string, receiverPhone?: string, package?: NamedRef, postType?: NamedRef, senderDate?: string, receiverDate?: string, labelEncode?: string}
 * @phpstan-type PriceRequest array{senderCityId: int, receiverCityId: int, weight: int|float|string, volume?: int|float|string, senderDate?: string, senderDelivery?: int, receiverDelivery?: int}
 * @phpstan-type PriceQuote array{summaryPrice?: int|float|string, requestData?: array<string, mixed>}
 * @phpstan-type Track array{orderId?: int|float|string, status?: StatusRef}
 * @phpstan-type CancelResult array{orderId?: int|float|string, status?: StatusRef}
 * @phpstan-type HistoryEvent array{message?: string, timestamp?: int, status_id?: int, location?: string}
 * @phpstan-type CodedRef array{id?: int, name?: string, code?: int|float|string}
 * @phpstan-type Party array{name: string, phone: string, phone1?: string, address?: string, latitude?: int|float|string, longitude?: int|float|string, city_code?: int|float|string, branch_code?: int|float|string, region?: CodedRef, city?: CodedRef, branch?: CodedRef}
 * @phpstan-type Cargo array{weight: int|float|string, piece: int, volume?: int|float|string, packageId?: int, postTypeId?: int, postTypes?: list<ItemLine>, options?: list<array<string, mixed>>}
 * @phpstan-type CurrentOrderRequest array{pickup_type: string, dropoff_type: string, sender: Party, receiver: Party, cargo: Cargo, orderId?: int, clientId?: int|float|string, wcs_code?: int|float|string, is_sender_location?: bool|int|string, is_receiver_location?: bool|int|string, bringBackMoney?: int|float|string, back_money?: int|float|string, takePhoto?: int, bringBackWaybill?: int, ready_to_take?: bool|int|string}
 * @phpstan-type CurrentStatusRef array{code?: int, id?: int, name?: string, info?: string}
 * @phpstan-type CurrentOrder array{orderId?: int|float|string, clientId?: int|float|string, wcs_code?: int|float|string, barcode?: string, tracking?: string, customer?: CodedRef, status?: CurrentStatusRef, pickup_type?: string, dropoff_type?: string, sender?: Party, receiver?: Party, cargo?: array<string, mixed>, cost?: int|float|string, senderDate?: string, receiverDate?: string}
 * @phpstan-type CurrentOrderState array{orderId?: int|float|string, status?: CurrentStatusRef}
 * @phpstan-type Dimensions array{x?: int|float|string, y?: int|float|string, z?: int|float|string}
 * @phpstan-type CurrentPriceRequest array{senderCityCode: int|float|string, receiverCityCode: int|float|string, pickup_type: string, dropoff_type: string, weight: int|float|string, is_multiple_cost?: int, volume?: Dimensions}
 * @phpstan-type PriceOption array{available?: bool, price?: int|float|string, reason?: string}
 * @phpstan-type CurrentPriceQuote array{branch_to_branch?: PriceOption, branch_to_courier?: PriceOption, courier_to_branch?: PriceOption, courier_to_courier?: PriceOption}
 * @phpstan-type Sticker array{labelSticker?: string, labelEncode?: string}
 * @phpstan-type CurrentPage array{items?: list<array<string, mixed>>, _links?: PageLinks, _meta?: PageMeta}
 * @phpstan-type WebhookEvent array{orderId?: int|float|string, clientId?: int|float|string, barcode?: int|float|string, status?: CurrentStatusRef, date?: string, payload?: mixed}
 * @phpstan-type LabelFile array{path: string, bytes: int, source: string}
 * @phpstan-type ProductRequest array{group: string, code: string, name: string, full_name: string, gtin: int|float|string, article: string, nomenclature_type: string, shelf_life_stock: int|float|string, kis_code: string, is_set: bool|int|string, weight: int|float|string, net_weight: int|float|string, volume: int|float|string, net_volume: int|float|string, specification: string, temperature_mode: string, base_packaging: string, unit: int|float|string, supplier_buyer_id?: int, client_product_variation_id?: int, client_product_id?: int, abc_class?: string, comment?: string, min_shelf_life_stock?: int|float|string, name_eng?: string, tsd_name?: string, depositor?: string, default_status?: string, billing_packaging?: string, report_packaging?: string}
 * @phpstan-type Product array{id?: int, supplier_buyer_id?: int, group?: string, code?: string, name?: string, full_name?: string, gtin?: int|float|string, article?: string, nomenclature_type?: string, unit?: int|float|string, client_product_id?: int, comment?: string, productPackagin?: array<string, mixed>, productShelfLive?: array<string, mixed>, productTechnical?: array<string, mixed>}
 * @phpstan-type PurveyorRequest array{group: string, code: string, name: string, full_name: string, name_eng?: string, stock_percentage?: int|float|string, stock_expiry?: int|float|string, legal_entity?: bool|int|string, inn?: int|float|string, kpp?: int|float|string, okpo?: int|float|string, okpp?: int|float|string, is_buyer?: bool|int|string, main_delivery_address?: string, depositor?: bool|int|string, contract_number?: int|float|string, contract_date?: string, bank_details?: string, contact_info?: string, additional_details?: string, is_supplier?: bool|int|string}
 * @phpstan-type Purveyor array{id?: int, group?: string, code?: string, name?: string, full_name?: string, name_eng?: string, contractBankDetail?: array<string, mixed>, entityType?: array<string, mixed>, supplierBuyerStatus?: array<string, mixed>, taxInfo?: array<string, mixed>}
 * @phpstan-type ReceivingGoodsRequest array{number: int|float|string, date: string, counterparty: string, nomenclature: string, quantity: int|float|string, price: int|float|string, total_amount: int|float|string, client_receiving_good_code?: int|float|string, receiving_goods?: list<array<string, mixed>>, arrival_date?: string, comment?: string, vehicle_model?: string, vehicle_number?: int|float|string, driver_name?: string, driver_document?: string, contract_number?: int|float|string, contract_date?: string, kis_number?: int|float|string, kis_date?: string, vat_rate?: int|float|string, vat_amount?: int|float|string}
 * @phpstan-type ReceivingGoods array{id?: int, client_receiving_good_code?: int|float|string, number?: int|float|string, date?: string, counterparty?: string, arrival_date?: string, comment?: string, receiving_goods?: list<array<string, mixed>>}
 * @phpstan-type WmsOrderItem array{quantity: int, price: int|float|string, client_product_id?: int, client_product_variation_id?: int, product_id?: int, discount?: int|float|string, final_price?: int|float|string}
 * @phpstan-type WmsOrderRequest array{order_id: int|float|string, full_name: string, phone: string, address: string, region: string, country: string, order_items: list<WmsOrderItem>, scheduled_at?: string, fulfillment_status?: int, city?: string, zip?: int|float|string}
 * @phpstan-type WmsOrder array{id?: int, order_id?: int|float|string, supplier_buyer_id?: int, order_status?: int, fulfillment_status?: int, scheduled_at?: string, created_at?: string, orderAddress?: array<string, mixed>, orderItems?: list<array<string, mixed>>}
 * @phpstan-type Ack array{id: int, status: string}
 * @phpstan-type ClientStatusRequest array{status: list<Ack>}
 * @phpstan-type Message array{message?: string}
 * @phpstan-type ProductCreated array{message?: string, data?: Product}
 * @phpstan-type ProductPage array{items?: list<Product>, _links?: PageLinks, _meta?: PageMeta}
 * @phpstan-type ProductList array{message?: string, data?: ProductPage}
 * @phpstan-type PurveyorCreated array{message?: string, data?: Purveyor}
 * @phpstan-type PurveyorPage array{items?: list<Purveyor>, _links?: PageLinks, _meta?: PageMeta}
 * @phpstan-type PurveyorList array{message?: string, data?: PurveyorPage}
 * @phpstan-type ReceivingGoodsCreated array{message?: string, data?: ReceivingGoods}
 * @phpstan-type ReceivingGoodsPage array{items?: list<ReceivingGoods>, _links?: PageLinks, _meta?: PageMeta}
 * @phpstan-type ReceivingGoodsList array{message?: string, data?: ReceivingGoodsPage}
 * @phpstan-type WmsOrderCreated array{message?: string, data?: WmsOrder}
 * @phpstan-type WmsOrderPage array{items?: list<WmsOrder>, _links?: PageLinks, _meta?: PageMeta}
 * @phpstan-type WmsOrderList array{message?: string, data?: WmsOrderPage}
 */
final class Types
{
    private function __construct()
    {
    }
}
