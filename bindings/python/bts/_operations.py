"""The named methods of :class:`bts.Client`, one per operation.

Generated from the operation table (src/operations.rs) by tests/generated.rs: do not edit. Regenerate with `BTS_BLESS=1 cargo test --test generated`.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

Params = Optional[Union[Mapping[str, Any], Sequence[Any]]]
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


def _present(**params: Any) -> Dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


class Operations:
    """One method per operation of the table; each is ``call(name, parameters)``."""

    def call(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> JSON:
        raise NotImplementedError

    def auth_get_token(self) -> JSON:
        """Log in to the courier API now (normally implicit; credentials come from the configuration); returns {"authenticated": true}.

        Operation ``auth/get-token`` (legacy API).
        """
        return self.call("auth/get-token")

    def order_add(self, params: Params = None, **fields: Any) -> JSON:
        """Create a local order; returns the order with its orderId, cost and barcode.

        Operation ``order/add`` (legacy API).
        """
        return self.call("order/add", _body(params, fields))

    def order_edit(self, params: Params = None, **fields: Any) -> JSON:
        """Edit a local order (the whole order plus orderId).

        Operation ``order/edit`` (legacy API).
        """
        return self.call("order/edit", _body(params, fields))

    def order_detail(self, order_id: int) -> JSON:
        """One order by orderId.

        Operation ``order/detail`` (legacy API).
        """
        return self.call("order/detail", _present(orderId=order_id))

    def order_cancel(self, order_id: int) -> JSON:
        """Cancel an order (never replayed once it may have reached BTS).

        Operation ``order/cancel`` (legacy API).
        """
        return self.call("order/cancel", _present(orderId=order_id))

    def order_calculate(self, params: Params = None, **fields: Any) -> JSON:
        """Quote the delivery price without creating an order.

        Operation ``order/calculate`` (legacy API).
        """
        return self.call("order/calculate", _body(params, fields))

    def order_track(self, order_id: int) -> JSON:
        """The current status of an order.

        Operation ``order/track`` (legacy API).
        """
        return self.call("order/track", _present(orderId=order_id))

    def order_history(self, order_id: int) -> JSON:
        """Every status event of an order.

        Operation ``order/history`` (legacy API).
        """
        return self.call("order/history", _present(orderId=order_id))

    def order_cancellation(self, order_id: int) -> JSON:
        """The reasons recorded for cancelling or refusing an order.

        Operation ``order/cancellation`` (legacy API).
        """
        return self.call("order/cancellation", _present(orderId=order_id))

    def international_add(self, params: Params = None, **fields: Any) -> JSON:
        """Register an international parcel.

        Operation ``international/add`` (legacy API).
        """
        return self.call("international/add", _body(params, fields))

    def international_track_by_barcode(self, barcode: str) -> JSON:
        """The current status of an international parcel by barcode.

        Operation ``international/track-by-barcode`` (legacy API).
        """
        return self.call("international/track-by-barcode", _present(barcode=barcode))

    def international_manifest(self, params: Params = None, **fields: Any) -> JSON:
        """Submit a manifest of international parcels.

        Operation ``international/manifest`` (legacy API).
        """
        return self.call("international/manifest", _body(params, fields))

    def directory_branches(self, region_id: Optional[int] = None) -> JSON:
        """BTS branches, optionally of one region.

        Operation ``directory/branches`` (legacy API).
        """
        return self.call("directory/branches", _present(regionId=region_id))

    def directory_branches_with_city(self, city_id: Optional[int] = None) -> JSON:
        """BTS branches of one city.

        Operation ``directory/branches-with-city`` (legacy API).
        """
        return self.call("directory/branches-with-city", _present(cityId=city_id))

    def directory_regions(self) -> JSON:
        """The regions.

        Operation ``directory/regions`` (legacy API).
        """
        return self.call("directory/regions", _present())

    def directory_cities(self, region_id: Optional[int] = None) -> JSON:
        """The cities, optionally of one region.

        Operation ``directory/cities`` (legacy API).
        """
        return self.call("directory/cities", _present(regionId=region_id))

    def wms_auth_login(self) -> JSON:
        """Log in to the WMS now (normally implicit; credentials come from the configuration); returns {"authenticated": true}.

        Operation ``wms/auth/login`` (wms API).
        """
        return self.call("wms/auth/login")

    def wms_purveyor_create(self, params: Params = None, **fields: Any) -> JSON:
        """Create a supplier (purveyor).

        Operation ``wms/purveyor/create`` (wms API).
        """
        return self.call("wms/purveyor/create", _body(params, fields))

    def wms_purveyor_clients(self, page: Optional[int] = None) -> JSON:
        """Suppliers waiting to be acknowledged, 20 a page (page, or all_pages).

        Operation ``wms/purveyor/clients`` (wms API).
        """
        return self.call("wms/purveyor/clients", _present(page=page))

    def wms_purveyor_clients_all(self) -> List[JSON]:
        """Every page of ``wms/purveyor/clients``, items joined into one list."""
        return self.call("wms/purveyor/clients", {"all_pages": True})

    def wms_purveyor_client_status(self, params: Params = None, **fields: Any) -> JSON:
        """Acknowledge suppliers stored on your side; they leave the list.

        Operation ``wms/purveyor/client-status`` (wms API).
        """
        return self.call("wms/purveyor/client-status", _body(params, fields, "status"))

    def wms_product_create(self, params: Params = None, **fields: Any) -> JSON:
        """Create a product.

        Operation ``wms/product/create`` (wms API).
        """
        return self.call("wms/product/create", _body(params, fields))

    def wms_product_clients(self, page: Optional[int] = None) -> JSON:
        """Products waiting to be acknowledged, 20 a page (page, or all_pages).

        Operation ``wms/product/clients`` (wms API).
        """
        return self.call("wms/product/clients", _present(page=page))

    def wms_product_clients_all(self) -> List[JSON]:
        """Every page of ``wms/product/clients``, items joined into one list."""
        return self.call("wms/product/clients", {"all_pages": True})

    def wms_product_client_status(self, params: Params = None, **fields: Any) -> JSON:
        """Acknowledge products stored on your side; they leave the list.

        Operation ``wms/product/client-status`` (wms API).
        """
        return self.call("wms/product/client-status", _body(params, fields, "status"))

    def wms_receiving_goods_create(self, params: Params = None, **fields: Any) -> JSON:
        """Register an inbound delivery of goods.

        Operation ``wms/receiving-goods/create`` (wms API).
        """
        return self.call("wms/receiving-goods/create", _body(params, fields))

    def wms_receiving_goods_clients(self, page: Optional[int] = None) -> JSON:
        """Goods receipts waiting to be acknowledged, 20 a page (page, or all_pages).

        Operation ``wms/receiving-goods/clients`` (wms API).
        """
        return self.call("wms/receiving-goods/clients", _present(page=page))

    def wms_receiving_goods_clients_all(self) -> List[JSON]:
        """Every page of ``wms/receiving-goods/clients``, items joined into one list."""
        return self.call("wms/receiving-goods/clients", {"all_pages": True})

    def wms_receiving_goods_client_status(self, params: Params = None, **fields: Any) -> JSON:
        """Acknowledge goods receipts stored on your side; they leave the list.

        Operation ``wms/receiving-goods/client-status`` (wms API).
        """
        return self.call("wms/receiving-goods/client-status", _body(params, fields, "status"))
