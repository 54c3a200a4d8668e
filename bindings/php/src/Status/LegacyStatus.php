<?php

// Generated from the bts library's status enums and catalogue by `cargo xtask gen` (xtask/src/statuses.rs): do not edit.

declare(strict_types=1);

namespace Bts\Status;

/**
 * Status of a local order on the legacy courier API (status.id).
 *
 * Labels in Uzbek, Russian and English as the bts library has them (generated from it).
 */
enum LegacyStatus: int
{
    case REJECTED = 0;
    case AT_SENDER = 1;
    case COURIER_ACCEPTED = 2;
    case AT_ORIGIN_OFFICE = 3;
    case AT_DELIVERY_OFFICE = 4;
    case OUT_FOR_DELIVERY = 5;
    case DELIVERED = 6;
    case RETURNING = 7;
    case AT_TRANSIT_OFFICE = 8;
    case AT_SORTING_CENTRE = 10;
    case IN_WAREHOUSE = 31;
    case IN_BAG = 32;
    case IN_TRANSPORT = 33;
    case RC_COURIER = 34;

    /** The Uzbek label. */
    public function uz(): string
    {
        return match ($this) {
            self::REJECTED => 'Rad etilgan',
            self::AT_SENDER => 'Yuboruvchida',
            self::COURIER_ACCEPTED => 'Kuryer buyurtmani qabul qildi',
            self::AT_ORIGIN_OFFICE => 'Jo\'natuvchining ofisida',
            self::AT_DELIVERY_OFFICE => 'Yetkazish ofisida',
            self::OUT_FOR_DELIVERY => 'Kuryer yetkazmoqda',
            self::DELIVERED => 'Yetkazib berilgan',
            self::RETURNING => 'Qaytarish',
            self::AT_TRANSIT_OFFICE => 'Tranzit ofisda',
            self::AT_SORTING_CENTRE => 'Saralash markazida',
            self::IN_WAREHOUSE => 'Omborda',
            self::IN_BAG => 'Qopda',
            self::IN_TRANSPORT => 'Transportda',
            self::RC_COURIER => 'RC kuryerka',
        };
    }

    /** The Russian label (null where the library has none). */
    public function ru(): ?string
    {
        return match ($this) {
            self::REJECTED => null,
            self::AT_SENDER => null,
            self::COURIER_ACCEPTED => null,
            self::AT_ORIGIN_OFFICE => null,
            self::AT_DELIVERY_OFFICE => null,
            self::OUT_FOR_DELIVERY => null,
            self::DELIVERED => null,
            self::RETURNING => null,
            self::AT_TRANSIT_OFFICE => null,
            self::AT_SORTING_CENTRE => null,
            self::IN_WAREHOUSE => null,
            self::IN_BAG => null,
            self::IN_TRANSPORT => null,
            self::RC_COURIER => null,
        };
    }

    /** The English label. */
    public function en(): string
    {
        return match ($this) {
            self::REJECTED => 'Rejected',
            self::AT_SENDER => 'At the sender',
            self::COURIER_ACCEPTED => 'Courier has accepted the order',
            self::AT_ORIGIN_OFFICE => 'At the origin office',
            self::AT_DELIVERY_OFFICE => 'At the delivery office',
            self::OUT_FOR_DELIVERY => 'Courier is delivering',
            self::DELIVERED => 'Delivered',
            self::RETURNING => 'Returning',
            self::AT_TRANSIT_OFFICE => 'At a transit office',
            self::AT_SORTING_CENTRE => 'At the sorting centre',
            self::IN_WAREHOUSE => 'In the warehouse',
            self::IN_BAG => 'In a bag',
            self::IN_TRANSPORT => 'In transport',
            self::RC_COURIER => 'RC courier',
        };
    }

    /** The label in 'uz', 'ru' or 'en' (English when there is none in that language). */
    public function label(string $lang = 'en'): string
    {
        return match ($lang) {
            'uz' => $this->uz(),
            'ru' => $this->ru() ?? $this->en(),
            default => $this->en(),
        };
    }
}
