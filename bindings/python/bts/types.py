"""Typed shapes (``TypedDict``) of the main requests and replies, for ``mypy --strict`` users.

They describe the JSON the library sends and returns, member names as BTS writes them
(``senderCityId``, ``pickup_type``, ``_meta``). At run time they are plain ``dict``\\ s: nothing
is checked or converted here (the library checks required members before sending).

- Requests list the members BTS requires as required keys, everything else as optional.
- Replies are ``total=False``: BTS omits members, and a member it adds that is not listed here
  is still in the dict (read it with ``reply.get("name")`` after a ``cast`` if you need it).
- ``Scalar`` members are numbers BTS sometimes sends as strings (``"12000.00"``); convert them
  with ``int()`` or ``float()`` where you need a number. ``Flag`` is a yes/no as ``true``, ``1``
  or ``"1"``.

Legacy courier API: :class:`OrderRequest`, :class:`Order`, :class:`PriceRequest`,
:class:`PriceQuote`, :class:`Track`, :class:`CancelResult`. Current courier API (names prefixed
``Current``): :class:`CurrentOrderRequest`, :class:`CurrentOrder`, :class:`CurrentPriceRequest`,
:class:`CurrentPriceQuote`, :class:`CurrentOrderState`, :class:`Sticker`, :class:`CurrentPage`.
WMS: :class:`ProductRequest`, :class:`Product`, :class:`PurveyorRequest`, :class:`Purveyor`,
:class:`ReceivingGoodsRequest`, :class:`ReceivingGoods`, :class:`WmsOrderRequest`,
:class:`WmsOrder`, and per record ``…Created`` (a create reply), ``…Page`` and ``…List`` (a
list page and its reply), e.g. :class:`ProductCreated`, :class:`ProductList`. The error envelope:
:class:`ErrorEnvelope`.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, TypedDict, Union

#: A number BTS may send as a string.
Scalar = Union[int, float, str]
#: A yes/no: ``true``/``false``, ``1``/``0`` or ``"1"``/``"0"``.
Flag = Union[bool, int, str]

# -- shared ---------------------------------------------------------------------------------


class NamedRef(TypedDict, total=False):
    """``{"id", "name"}`` (a city, region, branch, package or content type)."""

    id: int
    name: str
    regionId: int


class ItemLine(TypedDict, total=False):
    """One line of contents: ``{"name", "code", "count", "cost"}``."""

    name: str
    code: str
    count: int
    cost: Scalar


class PageLinks(TypedDict, total=False):
    """``_links`` of a list page: paths (or hrefs) of this, the first, last, next and previous
    page."""

    first: str
    last: str
    next: str
    prev: str


class PageMeta(TypedDict, total=False):
    """``_meta`` of a list page."""

    totalCount: int
    pageCount: int
    currentPage: int
    perPage: int


class ErrorBody(TypedDict):
    """``error`` of a failed envelope."""

    kind: str
    message: str
    status: Optional[int]
    fields: Dict[str, List[str]]
    body: Optional[str]
    sent: bool
    code: Optional[str]
    request_id: Optional[str]


class ErrorEnvelope(TypedDict):
    """A failed call: ``{"ok": false, "error": {...}}``."""

    ok: bool
    error: ErrorBody


# -- legacy courier API ---------------------------------------------------------------------


class _OrderRequestRequired(TypedDict):
    senderCityId: int
    senderAddress: str
    senderReal: str
    senderPhone: str
    weight: Scalar
    packageId: int
    postTypeId: int
    receiver: str
    receiverAddress: str
    receiverCityId: int
    receiverPhone: str


class OrderRequest(_OrderRequestRequired, total=False):
    """``order/add`` on the legacy API (and ``order/edit`` with ``orderId`` on top)."""

    orderId: int
    senderDelivery: int
    receiverDelivery: int
    receiver_branch_id: int
    clientId: str
    volume: Scalar
    takePhoto: int
    is_test: int
    senderSign: str
    receiverSign: str
    piece: int
    senderDate: str
    receiverDate: str
    receiverPhone1: str
    bringBackMoney: int
    back_money: Scalar
    bringBackWaybill: int
    additionalInfo: str
    labelEncode: str
    options: List[Dict[str, Any]]
    postTypes: List[ItemLine]


class StatusRef(TypedDict, total=False):
    """A legacy order's ``status``: ``{"id", "name", "info"}`` (``id`` is a
    :class:`bts.LegacyStatus` code)."""

    id: int
    name: str
    info: str


class Order(TypedDict, total=False):
    """A legacy order (``order/add``, ``order/edit``, ``order/detail``)."""

    orderId: Scalar
    barcode: str
    status: StatusRef
    cost: Scalar
    weight: Scalar
    piece: int
    clientId: str
    customer: NamedRef
    senderRegion: NamedRef
    senderCity: NamedRef
    senderBranch: NamedRef
    senderAddress: str
    senderReal: str
    senderPhone: str
    receiver: str
    receiverRegion: NamedRef
    receiverCity: NamedRef
    receiverBranch: NamedRef
    receiverAddress: str
    receiverPhone: str
    package: NamedRef
    postType: NamedRef
    senderDate: str
    receiverDate: str
    labelEncode: str


class _PriceRequestRequired(TypedDict):
    senderCityId: int
    receiverCityId: int
    weight: Scalar


class PriceRequest(_PriceRequestRequired, total=False):
    """``order/calculate`` on the legacy API."""

    volume: Scalar
    senderDate: str
    senderDelivery: int
    receiverDelivery: int


class PriceQuote(TypedDict, total=False):
    """The legacy price quote."""

    summaryPrice: Scalar
    requestData: Dict[str, Any]


class Track(TypedDict, total=False):
    """``order/track`` on the legacy API."""

    orderId: Scalar
    status: StatusRef


class CancelResult(TypedDict, total=False):
    """``order/cancel`` on the legacy API."""

    orderId: Scalar
    status: StatusRef


class HistoryEvent(TypedDict, total=False):
    """One event of ``order/history``."""

    message: str
    timestamp: int
    status_id: int
    location: str


# -- current courier API --------------------------------------------------------------------


class CodedRef(TypedDict, total=False):
    """``{"id", "name", "code"}`` of the current API."""

    id: int
    name: str
    code: Scalar


class _PartyRequired(TypedDict):
    name: str
    phone: str


class Party(_PartyRequired, total=False):
    """A sender or receiver of the current API."""

    phone1: str
    address: str
    latitude: Scalar
    longitude: Scalar
    city_code: Scalar
    branch_code: Scalar
    region: CodedRef
    city: CodedRef
    branch: CodedRef


class _CargoRequired(TypedDict):
    weight: Scalar
    piece: int


class Cargo(_CargoRequired, total=False):
    """``cargo`` of a current-API order."""

    volume: Scalar
    packageId: int
    postTypeId: int
    postTypes: List[ItemLine]
    options: List[Dict[str, Any]]


class _CurrentOrderRequestRequired(TypedDict):
    pickup_type: str
    dropoff_type: str
    sender: Party
    receiver: Party
    cargo: Cargo


class CurrentOrderRequest(_CurrentOrderRequestRequired, total=False):
    """``order/add`` on the current API (and ``order/edit`` with ``orderId``)."""

    orderId: int
    clientId: Scalar
    wcs_code: Scalar
    is_sender_location: Flag
    is_receiver_location: Flag
    bringBackMoney: Scalar
    back_money: Scalar
    takePhoto: int
    bringBackWaybill: int
    ready_to_take: Flag


class CurrentStatusRef(TypedDict, total=False):
    """A current-API ``status``: ``code`` (or ``id``) is a :class:`bts.Status` code."""

    code: int
    id: int
    name: str
    info: str


class CurrentOrder(TypedDict, total=False):
    """A current-API order (``order/add``, ``order/detail``)."""

    orderId: Scalar
    clientId: Scalar
    wcs_code: Scalar
    barcode: str
    tracking: str
    customer: CodedRef
    status: CurrentStatusRef
    pickup_type: str
    dropoff_type: str
    sender: Party
    receiver: Party
    cargo: Dict[str, Any]
    cost: Scalar
    senderDate: str
    receiverDate: str


class CurrentOrderState(TypedDict, total=False):
    """``order/track`` and ``order/cancel`` on the current API."""

    orderId: Scalar
    status: CurrentStatusRef


class Dimensions(TypedDict, total=False):
    """``volume`` of a current-API quote request, in centimetres."""

    x: Scalar
    y: Scalar
    z: Scalar


class _CurrentPriceRequestRequired(TypedDict):
    senderCityCode: Scalar
    receiverCityCode: Scalar
    pickup_type: str
    dropoff_type: str
    weight: Scalar


class CurrentPriceRequest(_CurrentPriceRequestRequired, total=False):
    """``order/calculate`` on the current API."""

    is_multiple_cost: int
    volume: Dimensions


class PriceOption(TypedDict, total=False):
    """One way of delivering in a current-API quote."""

    available: bool
    price: Scalar
    reason: str


class CurrentPriceQuote(TypedDict, total=False):
    """The current-API price quote, one option per pickup and drop-off pair."""

    branch_to_branch: PriceOption
    branch_to_courier: PriceOption
    courier_to_branch: PriceOption
    courier_to_courier: PriceOption


class Sticker(TypedDict, total=False):
    """``order/sticker`` / ``order/stickers``: a PDF link and, where sent, the PDF in base64."""

    labelSticker: str
    labelEncode: str


class CurrentPage(TypedDict, total=False):
    """A page of a current-API list (``directory/*``): items, ``_links``, ``_meta``."""

    items: List[Dict[str, Any]]
    _links: PageLinks
    _meta: PageMeta


class WebhookEvent(TypedDict, total=False):
    """What ``webhook/parse`` returns for a status notification."""

    orderId: Scalar
    clientId: Scalar
    barcode: Scalar
    status: CurrentStatusRef
    date: str
    payload: Any


class LabelFile(TypedDict):
    """What ``label/save`` answers: the file written, its size and where the PDF came from."""

    path: str
    bytes: int
    source: str


# -- WMS --------------------------------------------------------------------------------------


class _ProductRequestRequired(TypedDict):
    group: str
    code: str
    name: str
    full_name: str
    gtin: Scalar
    article: str
    nomenclature_type: str
    shelf_life_stock: Scalar
    kis_code: str
    is_set: Flag
    weight: Scalar
    net_weight: Scalar
    volume: Scalar
    net_volume: Scalar
    specification: str
    temperature_mode: str
    base_packaging: str
    unit: Scalar


class ProductRequest(_ProductRequestRequired, total=False):
    """``wms/product/create``."""

    supplier_buyer_id: int
    client_product_variation_id: int
    client_product_id: int
    abc_class: str
    comment: str
    min_shelf_life_stock: Scalar
    name_eng: str
    tsd_name: str
    depositor: str
    default_status: str
    billing_packaging: str
    report_packaging: str


class Product(TypedDict, total=False):
    """A WMS product."""

    id: int
    supplier_buyer_id: int
    group: str
    code: str
    name: str
    full_name: str
    gtin: Scalar
    article: str
    nomenclature_type: str
    unit: Scalar
    client_product_id: int
    comment: str
    productPackagin: Dict[str, Any]
    productShelfLive: Dict[str, Any]
    productTechnical: Dict[str, Any]


class _PurveyorRequestRequired(TypedDict):
    group: str
    code: str
    name: str
    full_name: str


class PurveyorRequest(_PurveyorRequestRequired, total=False):
    """``wms/purveyor/create``."""

    name_eng: str
    stock_percentage: Scalar
    stock_expiry: Scalar
    legal_entity: Flag
    inn: Scalar
    kpp: Scalar
    okpo: Scalar
    okpp: Scalar
    is_buyer: Flag
    main_delivery_address: str
    depositor: Flag
    contract_number: Scalar
    contract_date: str
    bank_details: str
    contact_info: str
    additional_details: str
    is_supplier: Flag


class Purveyor(TypedDict, total=False):
    """A WMS supplier."""

    id: int
    group: str
    code: str
    name: str
    full_name: str
    name_eng: str
    contractBankDetail: Dict[str, Any]
    entityType: Dict[str, Any]
    supplierBuyerStatus: Dict[str, Any]
    taxInfo: Dict[str, Any]


class _ReceivingGoodsRequestRequired(TypedDict):
    number: Scalar
    date: str
    counterparty: str
    nomenclature: str
    quantity: Scalar
    price: Scalar
    total_amount: Scalar


class ReceivingGoodsRequest(_ReceivingGoodsRequestRequired, total=False):
    """``wms/receiving-goods/create``."""

    client_receiving_good_code: Scalar
    receiving_goods: List[Dict[str, Any]]
    arrival_date: str
    comment: str
    vehicle_model: str
    vehicle_number: Scalar
    driver_name: str
    driver_document: str
    contract_number: Scalar
    contract_date: str
    kis_number: Scalar
    kis_date: str
    vat_rate: Scalar
    vat_amount: Scalar


class ReceivingGoods(TypedDict, total=False):
    """A WMS goods receipt."""

    id: int
    client_receiving_good_code: Scalar
    number: Scalar
    date: str
    counterparty: str
    arrival_date: str
    comment: str
    receiving_goods: List[Dict[str, Any]]


class _WmsOrderItemRequired(TypedDict):
    quantity: int
    price: Scalar


class WmsOrderItem(_WmsOrderItemRequired, total=False):
    """One line of a fulfilment order."""

    client_product_id: int
    client_product_variation_id: int
    product_id: int
    discount: Scalar
    final_price: Scalar


class _WmsOrderRequestRequired(TypedDict):
    order_id: Scalar
    full_name: str
    phone: str
    address: str
    region: str
    country: str
    order_items: List[WmsOrderItem]


class WmsOrderRequest(_WmsOrderRequestRequired, total=False):
    """``wms/order/create``: a fulfilment order; ``order_id`` is your own number."""

    scheduled_at: str
    fulfillment_status: int
    city: str
    zip: Scalar


class WmsOrder(TypedDict, total=False):
    """A WMS fulfilment order (``fulfillment_status`` is a :class:`bts.FulfillmentStatus`
    code)."""

    id: int
    order_id: Scalar
    supplier_buyer_id: int
    order_status: int
    fulfillment_status: int
    scheduled_at: str
    created_at: str
    orderAddress: Dict[str, Any]
    orderItems: List[Dict[str, Any]]


class Ack(TypedDict):
    """One acknowledgement of ``*/client-status``: ``{"id": 1, "status": "ok"}``."""

    id: int
    status: str


class ClientStatusRequest(TypedDict):
    """``wms/*/client-status``."""

    status: List[Ack]


class Message(TypedDict, total=False):
    """``{"message": "..."}``."""

    message: str


class ProductCreated(TypedDict, total=False):
    """The reply of the WMS create of a Product: ``{"message", "data": <the record>}``."""

    message: str
    data: Product


class ProductPage(TypedDict, total=False):
    """One page of the WMS list of Product records: ``items``, ``_links``, ``_meta``."""

    items: List[Product]
    _links: PageLinks
    _meta: PageMeta


class ProductList(TypedDict, total=False):
    """A WMS list reply of Product records: ``{"message", "data": <page>}``."""

    message: str
    data: ProductPage


class PurveyorCreated(TypedDict, total=False):
    """The reply of the WMS create of a Purveyor: ``{"message", "data": <the record>}``."""

    message: str
    data: Purveyor


class PurveyorPage(TypedDict, total=False):
    """One page of the WMS list of Purveyor records: ``items``, ``_links``, ``_meta``."""

    items: List[Purveyor]
    _links: PageLinks
    _meta: PageMeta


class PurveyorList(TypedDict, total=False):
    """A WMS list reply of Purveyor records: ``{"message", "data": <page>}``."""

    message: str
    data: PurveyorPage


class ReceivingGoodsCreated(TypedDict, total=False):
    """The reply of the WMS create of a ReceivingGoods: ``{"message", "data": <the record>}``."""

    message: str
    data: ReceivingGoods


class ReceivingGoodsPage(TypedDict, total=False):
    """One page of the WMS list of ReceivingGoods records: ``items``, ``_links``, ``_meta``."""

    items: List[ReceivingGoods]
    _links: PageLinks
    _meta: PageMeta


class ReceivingGoodsList(TypedDict, total=False):
    """A WMS list reply of ReceivingGoods records: ``{"message", "data": <page>}``."""

    message: str
    data: ReceivingGoodsPage


class WmsOrderCreated(TypedDict, total=False):
    """The reply of the WMS create of a WmsOrder: ``{"message", "data": <the record>}``."""

    message: str
    data: WmsOrder


class WmsOrderPage(TypedDict, total=False):
    """One page of the WMS list of WmsOrder records: ``items``, ``_links``, ``_meta``."""

    items: List[WmsOrder]
    _links: PageLinks
    _meta: PageMeta


class WmsOrderList(TypedDict, total=False):
    """A WMS list reply of WmsOrder records: ``{"message", "data": <page>}``."""

    message: str
    data: WmsOrderPage
