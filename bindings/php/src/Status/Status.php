<?php

// Generated from the bts library's status enums and catalogue by `cargo xtask gen` (xtask/src/statuses.rs): do not edit.

declare(strict_types=1);

namespace Bts\Status;

/**
 * Status of an order on the current courier API (status.code, 100-1400).
 *
 * Labels in Uzbek, Russian and English as the bts library has them (generated from it).
 */
enum Status: int
{
    case AT_THE_SENDER = 100;
    case COURIER_PICKED_UP = 200;
    case AT_THE_DISPATCH_OFFICE = 300;
    case INTERNAL_TRANSPORT = 400;
    case AT_THE_SORTING_CENTRE = 500;
    case IN_A_BAG = 600;
    case IN_TRANSIT = 700;
    case AT_THE_DELIVERY_OFFICE = 800;
    case COURIER_DELIVERING = 1100;
    case DELIVERED = 1200;
    case DELETED_CANCELLED = 1300;
    case EXPIRED = 1400;

    /** The Uzbek label. */
    public function uz(): string
    {
        return match ($this) {
            self::AT_THE_SENDER => 'Yuboruvchida',
            self::COURIER_PICKED_UP => 'Kuryer qabul qildi',
            self::AT_THE_DISPATCH_OFFICE => 'Joʻnatish ofisi',
            self::INTERNAL_TRANSPORT => 'Ichki tashish',
            self::AT_THE_SORTING_CENTRE => 'Saralash markazida',
            self::IN_A_BAG => 'Xaltada',
            self::IN_TRANSIT => 'Tashishda',
            self::AT_THE_DELIVERY_OFFICE => 'Yetkazish ofisi',
            self::COURIER_DELIVERING => 'Kuryer yetkazmoqda',
            self::DELIVERED => 'Yetkazildi',
            self::DELETED_CANCELLED => 'Oʻchirildi',
            self::EXPIRED => 'Muddati tugadi',
        };
    }

    /** The Russian label (null where the library has none). */
    public function ru(): ?string
    {
        return match ($this) {
            self::AT_THE_SENDER => 'У отправителя',
            self::COURIER_PICKED_UP => 'Курьер принял',
            self::AT_THE_DISPATCH_OFFICE => 'В офисе отправления',
            self::INTERNAL_TRANSPORT => 'Во внутренней перевозке',
            self::AT_THE_SORTING_CENTRE => 'В РЦ',
            self::IN_A_BAG => 'В мешке',
            self::IN_TRANSIT => 'В перевозке',
            self::AT_THE_DELIVERY_OFFICE => 'В офисе доставки',
            self::COURIER_DELIVERING => 'Курьер доставляет',
            self::DELIVERED => 'Доставлен',
            self::DELETED_CANCELLED => 'Удалён',
            self::EXPIRED => 'Срок истек',
        };
    }

    /** The English label. */
    public function en(): string
    {
        return match ($this) {
            self::AT_THE_SENDER => 'At the sender',
            self::COURIER_PICKED_UP => 'Courier picked up',
            self::AT_THE_DISPATCH_OFFICE => 'At the dispatch office',
            self::INTERNAL_TRANSPORT => 'Internal transport',
            self::AT_THE_SORTING_CENTRE => 'At the sorting centre',
            self::IN_A_BAG => 'In a bag',
            self::IN_TRANSIT => 'In transit',
            self::AT_THE_DELIVERY_OFFICE => 'At the delivery office',
            self::COURIER_DELIVERING => 'Courier delivering',
            self::DELIVERED => 'Delivered',
            self::DELETED_CANCELLED => 'Deleted (cancelled)',
            self::EXPIRED => 'Expired',
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

    /**
     * The codes an order can move to next (some, like 900 and 1000, have no case).
     *
     * @return list<int>
     */
    public function next(): array
    {
        return match ($this) {
            self::AT_THE_SENDER => [200],
            self::COURIER_PICKED_UP => [300],
            self::AT_THE_DISPATCH_OFFICE => [400],
            self::INTERNAL_TRANSPORT => [500],
            self::AT_THE_SORTING_CENTRE => [600],
            self::IN_A_BAG => [700],
            self::IN_TRANSIT => [800],
            self::AT_THE_DELIVERY_OFFICE => [900, 1000, 1100],
            self::COURIER_DELIVERING => [1200],
            self::DELIVERED => [],
            self::DELETED_CANCELLED => [],
            self::EXPIRED => [],
        };
    }

    /** Whether no status follows. */
    public function isFinal(): bool
    {
        return $this->next() === [];
    }
}
