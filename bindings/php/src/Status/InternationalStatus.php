<?php

// Generated from the bts library's status enums and catalogue by `cargo xtask gen` (xtask/src/statuses.rs): do not edit.

declare(strict_types=1);

namespace Bts\Status;

/**
 * Status of an international parcel (status.code of international/track-by-barcode).
 *
 * Labels in Uzbek, Russian and English as the bts library has them (generated from it).
 */
enum InternationalStatus: int
{
    case AT_SENDER = 100;
    case ENTERED_CUSTOMS = 110;
    case RELEASED_FROM_CUSTOMS = 120;
    case CANCELLED_BY_CUSTOMS = 130;
    case AT_SORTING_CENTRE = 200;
    case AT_RECEIVER_OFFICE = 300;
    case OUT_FOR_DELIVERY = 400;
    case DELIVERED = 500;

    /** The Uzbek label. */
    public function uz(): string
    {
        return match ($this) {
            self::AT_SENDER => 'Yuboruvchida',
            self::ENTERED_CUSTOMS => 'Bojxonaga kirdi',
            self::RELEASED_FROM_CUSTOMS => 'Bojxonadan chiqdi',
            self::CANCELLED_BY_CUSTOMS => 'Bojxona tomonidan bekor qilindi',
            self::AT_SORTING_CENTRE => 'Saralash markazida',
            self::AT_RECEIVER_OFFICE => 'Qabul qiluvchi ofisida',
            self::OUT_FOR_DELIVERY => 'Kuryer yetkazmoqda',
            self::DELIVERED => 'Yetkazib berildi',
        };
    }

    /** The Russian label (null where the library has none). */
    public function ru(): ?string
    {
        return match ($this) {
            self::AT_SENDER => null,
            self::ENTERED_CUSTOMS => null,
            self::RELEASED_FROM_CUSTOMS => null,
            self::CANCELLED_BY_CUSTOMS => null,
            self::AT_SORTING_CENTRE => null,
            self::AT_RECEIVER_OFFICE => null,
            self::OUT_FOR_DELIVERY => null,
            self::DELIVERED => null,
        };
    }

    /** The English label. */
    public function en(): string
    {
        return match ($this) {
            self::AT_SENDER => 'At the sender',
            self::ENTERED_CUSTOMS => 'Entered customs',
            self::RELEASED_FROM_CUSTOMS => 'Released from customs',
            self::CANCELLED_BY_CUSTOMS => 'Cancelled by customs',
            self::AT_SORTING_CENTRE => 'At the sorting centre',
            self::AT_RECEIVER_OFFICE => 'At the receiver\'s office',
            self::OUT_FOR_DELIVERY => 'Courier is delivering',
            self::DELIVERED => 'Delivered',
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
