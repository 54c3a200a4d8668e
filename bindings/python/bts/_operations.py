"""The named methods of :class:`bts.Client`, one per operation, and of its current-API view
(:class:`bts.CurrentApi`, ``client.current``).

Generated from the operation table (src/operations.rs) by `cargo xtask gen` (xtask/): do not edit.
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Union, cast

from .types import (
    Ack,
    CancelResult,
    ClientStatusRequest,
    CurrentOrder,
    CurrentOrderRequest,
    CurrentOrderState,
    CurrentPage,
    CurrentPriceQuote,
    CurrentPriceRequest,
    HistoryEvent,
    LabelFile,
    Message,
    Order,
    OrderRequest,
    PriceQuote,
    PriceRequest,
    Product,
    ProductCreated,
    ProductList,
    ProductRequest,
    Purveyor,
    PurveyorCreated,
    PurveyorList,
    PurveyorRequest,
    ReceivingGoods,
    ReceivingGoodsCreated,
    ReceivingGoodsList,
    ReceivingGoodsRequest,
    Sticker,
    Track,
    WebhookEvent,
    WmsOrderCreated,
    WmsOrderRequest,
)

#: Every operation name ``call`` takes.
OperationName = Literal[
    "auth/get-token",
    "order/add",
    "order/edit",
    "order/detail",
    "order/cancel",
    "order/calculate",
    "order/track",
    "order/history",
    "order/cancellation",
    "order/list",
    "order/sticker",
    "order/stickers",
    "order/test-update-status",
    "international/add",
    "international/track-by-barcode",
    "international/manifest",
    "directory/branches",
    "directory/branches-with-city",
    "directory/regions",
    "directory/cities",
    "directory/statuses",
    "directory/packages",
    "directory/post-types",
    "webhook/config",
    "label/save",
    "journal/forget",
    "webhook/parse",
    "batch",
    "wms/auth/login",
    "wms/purveyor/create",
    "wms/purveyor/clients",
    "wms/purveyor/client-status",
    "wms/product/create",
    "wms/product/clients",
    "wms/product/client-status",
    "wms/receiving-goods/create",
    "wms/receiving-goods/clients",
    "wms/receiving-goods/client-status",
    "wms/order/create",
    "wms/order/partial-return",
    "raw",
]

#: Parameters: a mapping (or, where the operation has one required list, that list).
Params = Optional[Union[Mapping[str, object], Sequence[object]]]
#: What BTS answers (decoded JSON).
JSON = Any


def _body(params: Params, fields: Mapping[str, Any], sole: Optional[str] = None) -> Dict[str, Any]:
    """The parameters object: ``params`` with ``fields`` on top. A list is wrapped as the
    operation's sole required member (``{"status": [...]}``)."""
    if params is not None and not isinstance(params, Mapping):
        if sole is None:
            raise TypeError("the parameters must be a mapping")
        params = {sole: list(params)}
    merged: Dict[str, Any] = dict(params or {})
    merged.update(fields)
    return merged


def _present(params: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


class Operations:
    """One method per operation of the table; each is ``call(name, parameters)``. Replies are
    typed for the legacy courier API where an operation is on both courier APIs: on a client
    configured with ``courier_api="current"``, use ``client.current`` for the current API's
    types."""

    def call(self, operation: OperationName, params: Optional[Mapping[str, Any]] = None) -> JSON:
        raise NotImplementedError

    def auth_get_token(self) -> JSON:
        """Log in to the courier API now (normally implicit; credentials come from the configuration); returns {"authenticated": true}.

        Operation ``auth/get-token`` (legacy, current API).
        """
        return self.call("auth/get-token")

    def order_add(self, params: Optional[OrderRequest] = None, **fields: Any) -> Order:
        """Create a local order; returns the order with its orderId, cost and barcode.

        Operation ``order/add`` (legacy, current API).
        """
        return cast(Order, self.call("order/add", _body(params, fields)))

    def order_edit(self, params: Optional[OrderRequest] = None, **fields: Any) -> Order:
        """Edit a local order (the whole order plus orderId).

        Operation ``order/edit`` (legacy, current API).
        """
        return cast(Order, self.call("order/edit", _body(params, fields)))

    def order_detail(self, order_id: int) -> Order:
        """One order by orderId.

        Operation ``order/detail`` (legacy, current API).
        """
        return cast(Order, self.call("order/detail", _present({"orderId": order_id})))

    def order_cancel(self, order_id: int) -> CancelResult:
        """Cancel an order (never replayed once it may have reached BTS).

        Operation ``order/cancel`` (legacy, current API).
        """
        return cast(CancelResult, self.call("order/cancel", _present({"orderId": order_id})))

    def order_calculate(self, params: Optional[PriceRequest] = None, **fields: Any) -> PriceQuote:
        """Quote the delivery price without creating an order.

        Operation ``order/calculate`` (legacy, current API).
        """
        return cast(PriceQuote, self.call("order/calculate", _body(params, fields)))

    def order_track(self, order_id: int) -> Track:
        """The current status of an order.

        Operation ``order/track`` (legacy, current API).
        """
        return cast(Track, self.call("order/track", _present({"orderId": order_id})))

    def order_history(self, order_id: int) -> List[HistoryEvent]:
        """Every status event of an order.

        Operation ``order/history`` (legacy API).
        """
        return cast(List[HistoryEvent], self.call("order/history", _present({"orderId": order_id})))

    def order_cancellation(self, order_id: int) -> JSON:
        """The reasons recorded for cancelling or refusing an order.

        Operation ``order/cancellation`` (legacy, current API).
        """
        return self.call("order/cancellation", _present({"orderId": order_id}))

    def order_list(self, begin_date: str, end_date: str, page: Optional[int] = None, per_page: Optional[int] = None) -> JSON:
        """Orders created in a date range (beginDate, endDate: YYYY-MM-DD).

        Operation ``order/list`` (current API).
        """
        return self.call("order/list", _present({"beginDate": begin_date, "endDate": end_date, "page": page, "per-page": per_page}))

    def order_sticker(self, order_id: int) -> Sticker:
        """The shipping label of one order: a PDF link (labelSticker) and, where sent, the PDF in base64 (labelEncode).

        Operation ``order/sticker`` (current API).
        """
        return cast(Sticker, self.call("order/sticker", _present({"orderId": order_id})))

    def order_stickers(self, params: Params = None, **fields: Any) -> Sticker:
        """The labels of up to 50 orders (orderIds) in one PDF.

        Operation ``order/stickers`` (current API).
        """
        return cast(Sticker, self.call("order/stickers", _body(params, fields, "orderIds")))

    def order_test_update_status(self, params: Params = None, **fields: Any) -> JSON:
        """Test server only: move a test order to a status (orderId, statusCode), which fires the webhook.

        Operation ``order/test-update-status`` (current API).
        """
        return self.call("order/test-update-status", _body(params, fields))

    def international_add(self, params: Params = None, **fields: Any) -> JSON:
        """Register an international parcel.

        Operation ``international/add`` (legacy API).
        """
        return self.call("international/add", _body(params, fields))

    def international_track_by_barcode(self, barcode: str) -> JSON:
        """The current status of an international parcel by barcode.

        Operation ``international/track-by-barcode`` (legacy API).
        """
        return self.call("international/track-by-barcode", _present({"barcode": barcode}))

    def international_manifest(self, params: Params = None, **fields: Any) -> JSON:
        """Submit a manifest of international parcels.

        Operation ``international/manifest`` (legacy API).
        """
        return self.call("international/manifest", _body(params, fields))

    def directory_branches(self, region_id: Optional[int] = None, region_code: Optional[str] = None, city_code: Optional[str] = None, page: Optional[int] = None, per_page: Optional[int] = None) -> JSON:
        """BTS branches, optionally of one region.

        Operation ``directory/branches`` (legacy, current API).
        """
        return self.call("directory/branches", _present({"regionId": region_id, "regionCode": region_code, "cityCode": city_code, "page": page, "per-page": per_page}))

    def directory_branches_with_city(self, city_id: Optional[int] = None) -> JSON:
        """BTS branches of one city.

        Operation ``directory/branches-with-city`` (legacy API).
        """
        return self.call("directory/branches-with-city", _present({"cityId": city_id}))

    def directory_regions(self, page: Optional[int] = None, per_page: Optional[int] = None) -> JSON:
        """The regions.

        Operation ``directory/regions`` (legacy, current API).
        """
        return self.call("directory/regions", _present({"page": page, "per-page": per_page}))

    def directory_cities(self, region_id: Optional[int] = None, region_code: Optional[str] = None, page: Optional[int] = None, per_page: Optional[int] = None) -> JSON:
        """The cities, optionally of one region.

        Operation ``directory/cities`` (legacy, current API).
        """
        return self.call("directory/cities", _present({"regionId": region_id, "regionCode": region_code, "page": page, "per-page": per_page}))

    def directory_statuses(self, page: Optional[int] = None, per_page: Optional[int] = None) -> CurrentPage:
        """The status catalogue (codes 100-1400, names, next possible statuses): the server's word wins over the built-in one.

        Operation ``directory/statuses`` (current API).
        """
        return cast(CurrentPage, self.call("directory/statuses", _present({"page": page, "per-page": per_page})))

    def directory_packages(self, page: Optional[int] = None, per_page: Optional[int] = None) -> CurrentPage:
        """Packaging types (their id is cargo.packageId).

        Operation ``directory/packages`` (current API).
        """
        return cast(CurrentPage, self.call("directory/packages", _present({"page": page, "per-page": per_page})))

    def directory_post_types(self, page: Optional[int] = None, per_page: Optional[int] = None) -> CurrentPage:
        """Shipment content types (their id is cargo.postTypeId).

        Operation ``directory/post-types`` (current API).
        """
        return cast(CurrentPage, self.call("directory/post-types", _present({"page": page, "per-page": per_page})))

    def webhook_config(self, params: Params = None, **fields: Any) -> JSON:
        """Register or replace the status webhook (webhook_url, environment, has_token, itx-apiKey).

        Operation ``webhook/config`` (current API).
        """
        return self.call("webhook/config", _body(params, fields))

    def label_save(self, params: Params = None, **fields: Any) -> LabelFile:
        """Save an order's label as a PDF file (orderId, or up to 50 orderIds on the current API; path): labelEncode or the sticker's PDF link.

        Operation ``label/save`` (legacy, current API).
        """
        return cast(LabelFile, self.call("label/save", _body(params, fields, "path")))

    def journal_forget(self, params: Params = None, **fields: Any) -> JSON:
        """Settle a create whose outcome the journal does not know (key: the clientId or order_id), after looking the order up; sends nothing.

        Operation ``journal/forget`` (local API).
        """
        return self.call("journal/forget", _body(params, fields, "key"))

    def webhook_parse(self, params: Params = None, **fields: Any) -> WebhookEvent:
        """Read a status notification BTS sent (body, content_type, headers, key); sends nothing.

        Operation ``webhook/parse`` (local API).
        """
        return cast(WebhookEvent, self.call("webhook/parse", _body(params, fields, "body")))

    def wms_auth_login(self) -> JSON:
        """Log in to the WMS now (normally implicit; credentials come from the configuration); returns {"authenticated": true}.

        Operation ``wms/auth/login`` (wms API).
        """
        return self.call("wms/auth/login")

    def wms_purveyor_create(self, params: Optional[PurveyorRequest] = None, **fields: Any) -> PurveyorCreated:
        """Create a supplier (purveyor).

        Operation ``wms/purveyor/create`` (wms API).
        """
        return cast(PurveyorCreated, self.call("wms/purveyor/create", _body(params, fields)))

    def wms_purveyor_clients(self, page: Optional[int] = None) -> PurveyorList:
        """Suppliers waiting to be acknowledged, 20 a page (page, or all_pages).

        Operation ``wms/purveyor/clients`` (wms API).
        """
        return cast(PurveyorList, self.call("wms/purveyor/clients", _present({"page": page})))

    def wms_purveyor_clients_all(self) -> List[Purveyor]:
        """Every page of ``wms/purveyor/clients``, items joined into one list."""
        return cast(List[Purveyor], self.call("wms/purveyor/clients", {"all_pages": True}))

    def wms_purveyor_client_status(self, params: Optional[Union[ClientStatusRequest, Sequence[Ack]]] = None, **fields: Any) -> Message:
        """Acknowledge suppliers stored on your side; they leave the list.

        Operation ``wms/purveyor/client-status`` (wms API).
        """
        return cast(Message, self.call("wms/purveyor/client-status", _body(params, fields, "status")))

    def wms_product_create(self, params: Optional[ProductRequest] = None, **fields: Any) -> ProductCreated:
        """Create a product.

        Operation ``wms/product/create`` (wms API).
        """
        return cast(ProductCreated, self.call("wms/product/create", _body(params, fields)))

    def wms_product_clients(self, page: Optional[int] = None) -> ProductList:
        """Products waiting to be acknowledged, 20 a page (page, or all_pages).

        Operation ``wms/product/clients`` (wms API).
        """
        return cast(ProductList, self.call("wms/product/clients", _present({"page": page})))

    def wms_product_clients_all(self) -> List[Product]:
        """Every page of ``wms/product/clients``, items joined into one list."""
        return cast(List[Product], self.call("wms/product/clients", {"all_pages": True}))

    def wms_product_client_status(self, params: Optional[Union[ClientStatusRequest, Sequence[Ack]]] = None, **fields: Any) -> Message:
        """Acknowledge products stored on your side; they leave the list.

        Operation ``wms/product/client-status`` (wms API).
        """
        return cast(Message, self.call("wms/product/client-status", _body(params, fields, "status")))

    def wms_receiving_goods_create(self, params: Optional[ReceivingGoodsRequest] = None, **fields: Any) -> ReceivingGoodsCreated:
        """Register an inbound delivery of goods.

        Operation ``wms/receiving-goods/create`` (wms API).
        """
        return cast(ReceivingGoodsCreated, self.call("wms/receiving-goods/create", _body(params, fields)))

    def wms_receiving_goods_clients(self, page: Optional[int] = None) -> ReceivingGoodsList:
        """Goods receipts waiting to be acknowledged, 20 a page (page, or all_pages).

        Operation ``wms/receiving-goods/clients`` (wms API).
        """
        return cast(ReceivingGoodsList, self.call("wms/receiving-goods/clients", _present({"page": page})))

    def wms_receiving_goods_clients_all(self) -> List[ReceivingGoods]:
        """Every page of ``wms/receiving-goods/clients``, items joined into one list."""
        return cast(List[ReceivingGoods], self.call("wms/receiving-goods/clients", {"all_pages": True}))

    def wms_receiving_goods_client_status(self, params: Optional[Union[ClientStatusRequest, Sequence[Ack]]] = None, **fields: Any) -> Message:
        """Acknowledge goods receipts stored on your side; they leave the list.

        Operation ``wms/receiving-goods/client-status`` (wms API).
        """
        return cast(Message, self.call("wms/receiving-goods/client-status", _body(params, fields, "status")))

    def wms_order_create(self, params: Optional[WmsOrderRequest] = None, **fields: Any) -> WmsOrderCreated:
        """Send the warehouse a fulfilment (outbound) order; order_id is your own number.

        Operation ``wms/order/create`` (wms API).
        """
        return cast(WmsOrderCreated, self.call("wms/order/create", _body(params, fields)))

    def wms_order_partial_return(self, params: Params = None, **fields: Any) -> JSON:
        """Return some products of a fulfilment order without changing its status.

        Operation ``wms/order/partial-return`` (wms API).
        """
        return self.call("wms/order/partial-return", _body(params, fields))


class CurrentOperations:
    """The current courier API's operations, typed for it (``client.current``)."""

    def call(self, operation: OperationName, params: Optional[Mapping[str, Any]] = None) -> JSON:
        raise NotImplementedError

    def auth_get_token(self) -> JSON:
        """Log in to the courier API now (normally implicit; credentials come from the configuration); returns {"authenticated": true}.

        Operation ``auth/get-token`` (current API).
        """
        return self.call("auth/get-token")

    def order_add(self, params: Optional[CurrentOrderRequest] = None, **fields: Any) -> CurrentOrder:
        """Create a local order; returns the order with its orderId, cost and barcode.

        Operation ``order/add`` (current API).
        """
        return cast(CurrentOrder, self.call("order/add", _body(params, fields)))

    def order_edit(self, params: Optional[CurrentOrderRequest] = None, **fields: Any) -> CurrentOrder:
        """Edit a local order (the whole order plus orderId).

        Operation ``order/edit`` (current API).
        """
        return cast(CurrentOrder, self.call("order/edit", _body(params, fields)))

    def order_detail(self, order_id: int) -> CurrentOrder:
        """One order by orderId.

        Operation ``order/detail`` (current API).
        """
        return cast(CurrentOrder, self.call("order/detail", _present({"orderId": order_id})))

    def order_cancel(self, order_id: int) -> CurrentOrderState:
        """Cancel an order (never replayed once it may have reached BTS).

        Operation ``order/cancel`` (current API).
        """
        return cast(CurrentOrderState, self.call("order/cancel", _present({"orderId": order_id})))

    def order_calculate(self, params: Optional[CurrentPriceRequest] = None, **fields: Any) -> CurrentPriceQuote:
        """Quote the delivery price without creating an order.

        Operation ``order/calculate`` (current API).
        """
        return cast(CurrentPriceQuote, self.call("order/calculate", _body(params, fields)))

    def order_track(self, order_id: int) -> CurrentOrderState:
        """The current status of an order.

        Operation ``order/track`` (current API).
        """
        return cast(CurrentOrderState, self.call("order/track", _present({"orderId": order_id})))

    def order_cancellation(self, order_id: int) -> JSON:
        """The reasons recorded for cancelling or refusing an order.

        Operation ``order/cancellation`` (current API).
        """
        return self.call("order/cancellation", _present({"orderId": order_id}))

    def order_list(self, begin_date: str, end_date: str, page: Optional[int] = None, per_page: Optional[int] = None) -> JSON:
        """Orders created in a date range (beginDate, endDate: YYYY-MM-DD).

        Operation ``order/list`` (current API).
        """
        return self.call("order/list", _present({"beginDate": begin_date, "endDate": end_date, "page": page, "per-page": per_page}))

    def order_sticker(self, order_id: int) -> Sticker:
        """The shipping label of one order: a PDF link (labelSticker) and, where sent, the PDF in base64 (labelEncode).

        Operation ``order/sticker`` (current API).
        """
        return cast(Sticker, self.call("order/sticker", _present({"orderId": order_id})))

    def order_stickers(self, params: Params = None, **fields: Any) -> Sticker:
        """The labels of up to 50 orders (orderIds) in one PDF.

        Operation ``order/stickers`` (current API).
        """
        return cast(Sticker, self.call("order/stickers", _body(params, fields, "orderIds")))

    def order_test_update_status(self, params: Params = None, **fields: Any) -> JSON:
        """Test server only: move a test order to a status (orderId, statusCode), which fires the webhook.

        Operation ``order/test-update-status`` (current API).
        """
        return self.call("order/test-update-status", _body(params, fields))

    def directory_branches(self, region_code: Optional[str] = None, city_code: Optional[str] = None, page: Optional[int] = None, per_page: Optional[int] = None) -> CurrentPage:
        """BTS branches, optionally of one region.

        Operation ``directory/branches`` (current API).
        """
        return cast(CurrentPage, self.call("directory/branches", _present({"regionCode": region_code, "cityCode": city_code, "page": page, "per-page": per_page})))

    def directory_regions(self, page: Optional[int] = None, per_page: Optional[int] = None) -> CurrentPage:
        """The regions.

        Operation ``directory/regions`` (current API).
        """
        return cast(CurrentPage, self.call("directory/regions", _present({"page": page, "per-page": per_page})))

    def directory_cities(self, region_code: Optional[str] = None, page: Optional[int] = None, per_page: Optional[int] = None) -> CurrentPage:
        """The cities, optionally of one region.

        Operation ``directory/cities`` (current API).
        """
        return cast(CurrentPage, self.call("directory/cities", _present({"regionCode": region_code, "page": page, "per-page": per_page})))

    def directory_statuses(self, page: Optional[int] = None, per_page: Optional[int] = None) -> CurrentPage:
        """The status catalogue (codes 100-1400, names, next possible statuses): the server's word wins over the built-in one.

        Operation ``directory/statuses`` (current API).
        """
        return cast(CurrentPage, self.call("directory/statuses", _present({"page": page, "per-page": per_page})))

    def directory_packages(self, page: Optional[int] = None, per_page: Optional[int] = None) -> CurrentPage:
        """Packaging types (their id is cargo.packageId).

        Operation ``directory/packages`` (current API).
        """
        return cast(CurrentPage, self.call("directory/packages", _present({"page": page, "per-page": per_page})))

    def directory_post_types(self, page: Optional[int] = None, per_page: Optional[int] = None) -> CurrentPage:
        """Shipment content types (their id is cargo.postTypeId).

        Operation ``directory/post-types`` (current API).
        """
        return cast(CurrentPage, self.call("directory/post-types", _present({"page": page, "per-page": per_page})))

    def webhook_config(self, params: Params = None, **fields: Any) -> JSON:
        """Register or replace the status webhook (webhook_url, environment, has_token, itx-apiKey).

        Operation ``webhook/config`` (current API).
        """
        return self.call("webhook/config", _body(params, fields))

    def label_save(self, params: Params = None, **fields: Any) -> LabelFile:
        """Save an order's label as a PDF file (orderId, or up to 50 orderIds on the current API; path): labelEncode or the sticker's PDF link.

        Operation ``label/save`` (current API).
        """
        return cast(LabelFile, self.call("label/save", _body(params, fields, "path")))
