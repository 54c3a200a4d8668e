<?php

// Generated from the bts library's status enums and catalogue by `cargo xtask gen` (xtask/src/statuses.rs): do not edit.

declare(strict_types=1);

namespace Bts\Status;

/**
 * State of a WMS fulfilment order (fulfillment_status).
 *
 * Labels in Uzbek, Russian and English as the bts library has them (generated from it).
 */
enum FulfillmentStatus: int
{
    case NEW = 1;
    case PICKING = 2;
    case CLOSED = 3;
    case LOADED = 4;
    case SCHEDULED = 5;
    case CANCELLED = 6;
    case REOPENED = 7;

    /** The Uzbek label. */
    public function uz(): string
    {
        return match ($this) {
            self::NEW => 'Yangi',
            self::PICKING => 'Yig‘ilmoqda',
            self::CLOSED => 'Yopildi',
            self::LOADED => 'Yuklandi',
            self::SCHEDULED => 'Rejalashtirildi',
            self::CANCELLED => 'Bekor qilindi',
            self::REOPENED => 'Ochildi',
        };
    }

    /** The Russian label (null where the library has none). */
    public function ru(): ?string
    {
        return match ($this) {
            self::NEW => null,
            self::PICKING => null,
            self::CLOSED => null,
            self::LOADED => null,
            self::SCHEDULED => null,
            self::CANCELLED => null,
            self::REOPENED => null,
        };
    }

    /** The English label. */
    public function en(): string
    {
        return match ($this) {
            self::NEW => 'New',
            self::PICKING => 'Being picked',
            self::CLOSED => 'Closed',
            self::LOADED => 'Loaded',
            self::SCHEDULED => 'Scheduled',
            self::CANCELLED => 'Cancelled',
            self::REOPENED => 'Reopened',
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
