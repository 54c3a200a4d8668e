//! Status codes of the legacy courier API and the WMS: [`LocalStatus`] (the `status.id` of local
//! orders and the `status_id` of history events), [`InternationalStatus`] (the `status.code` of
//! international tracking) and [`FulfillmentStatus`] (a WMS order's `fulfillment_status`). The
//! current courier API's codes 100–1400 are [`StatusCode`](crate::model::current::StatusCode).
//!
//! Codes the documentation does not list are kept as `Unknown(code)`, never an error, and are
//! written back as the same integer.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Declares a status enum with its code, Uzbek label and English name per variant, plus
/// `Unknown(i64)`, the lookups and integer (de)serialisation.
macro_rules! status_codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $code:literal, $uz:literal, $en:literal;
            )*
        }
        final = [$($final:ident),*];
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )*
            /// A code the documentation does not list, kept as received. (`from_code` and
            /// decoding never give `Unknown` for a listed code.)
            Unknown(i64),
        }

        impl $name {
            /// The numeric code, as sent on the wire.
            pub fn code(self) -> i64 {
                match self {
                    $($name::$variant => $code,)*
                    $name::Unknown(code) => code,
                }
            }

            /// The status for a numeric code; a code the documentation does not list gives
            /// `Unknown(code)`.
            pub fn from_code(code: i64) -> Self {
                match code {
                    $($code => $name::$variant,)*
                    other => $name::Unknown(other),
                }
            }

            /// The documentation's Uzbek label (server wording); `None` for `Unknown`.
            pub fn label_uz(self) -> Option<&'static str> {
                match self {
                    $($name::$variant => Some($uz),)*
                    $name::Unknown(_) => None,
                }
            }

            /// An English name for the status; `None` for `Unknown`.
            pub fn name_en(self) -> Option<&'static str> {
                match self {
                    $($name::$variant => Some($en),)*
                    $name::Unknown(_) => None,
                }
            }

            /// `true` when nothing more will happen to the shipment (see the type's docs for
            /// which statuses count). `Unknown` codes are not final.
            pub fn is_final(self) -> bool {
                matches!(self, $($name::$final)|*)
            }
        }

        impl From<i64> for $name {
            /// Same as [`Self::from_code`].
            fn from(code: i64) -> Self {
                $name::from_code(code)
            }
        }

        impl From<$name> for i64 {
            /// Same as the status's `code()`.
            fn from(status: $name) -> i64 {
                status.code()
            }
        }

        impl fmt::Display for $name {
            /// The code followed by the English name, e.g. `6 (Delivered)`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.name_en() {
                    Some(name) => write!(f, "{} ({})", self.code(), name),
                    None => write!(f, "{} (unknown status)", self.code()),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(CodeVisitor).map($name::from_code)
            }
        }
    };
}

/// Reads a status code: a JSON integer, an integral float (`4.0`) or a numeric string (`"4"`,
/// which PHP back ends sometimes send). Strings and floats are written back as plain integers.
pub(crate) struct CodeVisitor;

impl Visitor<'_> for CodeVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer status code")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(format!("status code {v} is out of range")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Ok(v as i64)
        } else {
            Err(E::custom(format!("status code {v} is not an integer")))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.trim()
            .parse::<i64>()
            .map_err(|_| E::custom(format!("status code {v:?} is not an integer")))
    }
}

status_codes! {
    /// Status of a local (domestic) order on the legacy courier API: `status.id` in order, cancel
    /// and track
    /// responses, `status_id` in history events.
    ///
    /// The server's own label for a status varies (`"Mijozda"`, `"new"` and the table's
    /// `"Yuboruvchida"` all mean 1), so the label travels separately in
    /// [`StatusRef`](super::StatusRef) and this type holds only the code.
    ///
    /// [`is_final`](Self::is_final) is `true` for [`Delivered`](Self::Delivered) (6) and
    /// [`Rejected`](Self::Rejected) (0, which `/order/cancel` reports as "Bekor qilingan
    /// buyurtma", cancelled). [`Returning`](Self::Returning) (7) is still moving, so not final.
    ///
    /// ```
    /// # use bts::model::LocalStatus;
    /// let s = LocalStatus::from_code(6);
    /// assert_eq!(s, LocalStatus::Delivered);
    /// assert_eq!(s.label_uz(), Some("Yetkazib berilgan"));
    /// assert!(s.is_final());
    /// assert_eq!(LocalStatus::from_code(99), LocalStatus::Unknown(99));
    /// ```
    pub enum LocalStatus {
        /// 0 — "Rad etilgan": rejected or refused; also what a cancelled order shows.
        Rejected = 0, "Rad etilgan", "Rejected";
        /// 1 — "Yuboruvchida": at the sender (examples also label it "Mijozda" or "new").
        AtSender = 1, "Yuboruvchida", "At the sender";
        /// 2 — "Kuryer buyurtmani qabul qildi": a courier has picked the order up.
        CourierAccepted = 2, "Kuryer buyurtmani qabul qildi", "Courier has accepted the order";
        /// 3 — "Jo'natuvchining ofisida": at the sender's (origin) office.
        AtOriginOffice = 3, "Jo'natuvchining ofisida", "At the origin office";
        /// 4 — "Yetkazish ofisida": at the delivery (destination) office.
        AtDeliveryOffice = 4, "Yetkazish ofisida", "At the delivery office";
        /// 5 — "Kuryer yetkazmoqda": out for delivery with a courier.
        OutForDelivery = 5, "Kuryer yetkazmoqda", "Courier is delivering";
        /// 6 — "Yetkazib berilgan": delivered.
        Delivered = 6, "Yetkazib berilgan", "Delivered";
        /// 7 — "Qaytarish": being returned.
        Returning = 7, "Qaytarish", "Returning";
        /// 8 — "Tranzit ofisda": at a transit office.
        AtTransitOffice = 8, "Tranzit ofisda", "At a transit office";
        /// 10 — "Saralash markazida": at the sorting centre.
        AtSortingCentre = 10, "Saralash markazida", "At the sorting centre";
        /// 31 — "Omborda": in the warehouse.
        InWarehouse = 31, "Omborda", "In the warehouse";
        /// 32 — "Qopda": in a bag (sack).
        InBag = 32, "Qopda", "In a bag";
        /// 33 — "Transportda": in transport.
        InTransport = 33, "Transportda", "In transport";
        /// 34 — "RC kuryerka": with an "RC" courier (the documentation does not explain "RC").
        RcCourier = 34, "RC kuryerka", "RC courier";
    }
    final = [Rejected, Delivered];
}

status_codes! {
    /// Status of an international parcel: `status.code` in
    /// `/international/track-by-barcode` (not an HTTP status).
    ///
    /// [`is_final`](Self::is_final) is `true` for [`Delivered`](Self::Delivered) (500) and
    /// [`CancelledByCustoms`](Self::CancelledByCustoms) (130).
    ///
    /// ```
    /// # use bts::model::InternationalStatus;
    /// let s = InternationalStatus::from_code(200);
    /// assert_eq!(s, InternationalStatus::AtSortingCentre);
    /// assert_eq!(s.code(), 200);
    /// assert!(!s.is_final());
    /// ```
    pub enum InternationalStatus {
        /// 100 — "Yuboruvchida": at the sender.
        AtSender = 100, "Yuboruvchida", "At the sender";
        /// 110 — "Bojxonaga kirdi": entered customs.
        EnteredCustoms = 110, "Bojxonaga kirdi", "Entered customs";
        /// 120 — "Bojxonadan chiqdi": released from customs.
        ReleasedFromCustoms = 120, "Bojxonadan chiqdi", "Released from customs";
        /// 130 — "Bojxona tomonidan bekor qilindi": cancelled by customs.
        CancelledByCustoms = 130, "Bojxona tomonidan bekor qilindi", "Cancelled by customs";
        /// 200 — "Saralash markazida": at the sorting centre ("In the sorting center").
        AtSortingCentre = 200, "Saralash markazida", "At the sorting centre";
        /// 300 — "Qabul qiluvchi ofisida": at the receiver's office.
        AtReceiverOffice = 300, "Qabul qiluvchi ofisida", "At the receiver's office";
        /// 400 — "Kuryer yetkazmoqda": out for delivery with a courier.
        OutForDelivery = 400, "Kuryer yetkazmoqda", "Courier is delivering";
        /// 500 — "Yetkazib berildi": delivered.
        Delivered = 500, "Yetkazib berildi", "Delivered";
    }
    final = [CancelledByCustoms, Delivered];
}

status_codes! {
    /// State of a WMS fulfilment order (`fulfillment_status` of `wms/order/create`).
    ///
    /// [`is_final`](Self::is_final) is `true` for [`Cancelled`](Self::Cancelled) only: a
    /// [`Closed`](Self::Closed) order can be [`Reopened`](Self::Reopened).
    ///
    /// ```
    /// # use bts::model::FulfillmentStatus;
    /// assert_eq!(FulfillmentStatus::from_code(5), FulfillmentStatus::Scheduled);
    /// assert_eq!(FulfillmentStatus::Scheduled.label_uz(), Some("Rejalashtirildi"));
    /// ```
    pub enum FulfillmentStatus {
        /// 1 — "Yangi": new.
        New = 1, "Yangi", "New";
        /// 2 — "Yig‘ilmoqda": being picked.
        Picking = 2, "Yig‘ilmoqda", "Being picked";
        /// 3 — "Yopildi": closed.
        Closed = 3, "Yopildi", "Closed";
        /// 4 — "Yuklandi": loaded (dispatched).
        Loaded = 4, "Yuklandi", "Loaded";
        /// 5 — "Rejalashtirildi": scheduled (`scheduled_at` is then required).
        Scheduled = 5, "Rejalashtirildi", "Scheduled";
        /// 6 — "Bekor qilindi": cancelled.
        Cancelled = 6, "Bekor qilindi", "Cancelled";
        /// 7 — "Ochildi": opened again.
        Reopened = 7, "Ochildi", "Reopened";
    }
    final = [Cancelled];
}
