"""Status codes as enums with their labels.

Generated from the bts library's status enums and catalogue by `cargo xtask gen` (xtask/src/statuses.rs): do not edit.

:class:`Status` (the current courier API, 100–1400) reads its Uzbek, Russian and English labels
and next statuses from the library (``bts_status_catalogue()``) on first use; the legacy
families' Uzbek and English labels were read from the library when this file was generated
(the library has no Russian ones for them: ``ru`` is None).
"""

from __future__ import annotations

from enum import Enum

from ._labels import CatalogueLabels, TableLabels

__all__ = ["Status", "LegacyStatus", "InternationalStatus", "FulfillmentStatus"]


class Status(CatalogueLabels, int, Enum):
    """Status of an order on the current courier API (`status.code`, 100–1400)."""

    AT_THE_SENDER = 100
    COURIER_PICKED_UP = 200
    AT_THE_DISPATCH_OFFICE = 300
    INTERNAL_TRANSPORT = 400
    AT_THE_SORTING_CENTRE = 500
    IN_A_BAG = 600
    IN_TRANSIT = 700
    AT_THE_DELIVERY_OFFICE = 800
    COURIER_DELIVERING = 1100
    DELIVERED = 1200
    DELETED_CANCELLED = 1300
    EXPIRED = 1400


class LegacyStatus(TableLabels, int, Enum):
    """Status of a local order on the legacy courier API (``status.id``)."""

    REJECTED = 0
    AT_SENDER = 1
    COURIER_ACCEPTED = 2
    AT_ORIGIN_OFFICE = 3
    AT_DELIVERY_OFFICE = 4
    OUT_FOR_DELIVERY = 5
    DELIVERED = 6
    RETURNING = 7
    AT_TRANSIT_OFFICE = 8
    AT_SORTING_CENTRE = 10
    IN_WAREHOUSE = 31
    IN_BAG = 32
    IN_TRANSPORT = 33
    RC_COURIER = 34


class InternationalStatus(TableLabels, int, Enum):
    """Status of an international parcel (``status.code`` of international/track-by-barcode)."""

    AT_SENDER = 100
    ENTERED_CUSTOMS = 110
    RELEASED_FROM_CUSTOMS = 120
    CANCELLED_BY_CUSTOMS = 130
    AT_SORTING_CENTRE = 200
    AT_RECEIVER_OFFICE = 300
    OUT_FOR_DELIVERY = 400
    DELIVERED = 500


class FulfillmentStatus(TableLabels, int, Enum):
    """State of a WMS fulfilment order (``fulfillment_status``)."""

    NEW = 1
    PICKING = 2
    CLOSED = 3
    LOADED = 4
    SCHEDULED = 5
    CANCELLED = 6
    REOPENED = 7


TableLabels.register(
    LegacyStatus,
    {
        0: ("Rad etilgan", "Rejected"),
        1: ("Yuboruvchida", "At the sender"),
        2: ("Kuryer buyurtmani qabul qildi", "Courier has accepted the order"),
        3: ("Jo'natuvchining ofisida", "At the origin office"),
        4: ("Yetkazish ofisida", "At the delivery office"),
        5: ("Kuryer yetkazmoqda", "Courier is delivering"),
        6: ("Yetkazib berilgan", "Delivered"),
        7: ("Qaytarish", "Returning"),
        8: ("Tranzit ofisda", "At a transit office"),
        10: ("Saralash markazida", "At the sorting centre"),
        31: ("Omborda", "In the warehouse"),
        32: ("Qopda", "In a bag"),
        33: ("Transportda", "In transport"),
        34: ("RC kuryerka", "RC courier"),
    },
)

TableLabels.register(
    InternationalStatus,
    {
        100: ("Yuboruvchida", "At the sender"),
        110: ("Bojxonaga kirdi", "Entered customs"),
        120: ("Bojxonadan chiqdi", "Released from customs"),
        130: ("Bojxona tomonidan bekor qilindi", "Cancelled by customs"),
        200: ("Saralash markazida", "At the sorting centre"),
        300: ("Qabul qiluvchi ofisida", "At the receiver's office"),
        400: ("Kuryer yetkazmoqda", "Courier is delivering"),
        500: ("Yetkazib berildi", "Delivered"),
    },
)

TableLabels.register(
    FulfillmentStatus,
    {
        1: ("Yangi", "New"),
        2: ("Yig‘ilmoqda", "Being picked"),
        3: ("Yopildi", "Closed"),
        4: ("Yuklandi", "Loaded"),
        5: ("Rejalashtirildi", "Scheduled"),
        6: ("Bekor qilindi", "Cancelled"),
        7: ("Ochildi", "Reopened"),
    },
)
