//! Status codes 100–1400 of the current courier API, with their labels in Uzbek, Russian and
//! English and the statuses an order can move to next.
//!
//! The catalogue is built in so that every language and binding reads the same labels:
//! [`StatusCode::label`] in Rust, [`status_catalogue_json`] for the C ABI. Where it and the
//! server's `directory/statuses` disagree, the server is right.
//!
//! What the sources say, and how sure they are:
//!
//! - Codes 100–800 and 1100–1400 are confirmed by several integrations; the Russian labels of
//!   100–700 and the next statuses of 100–600 come from BTS's documentation, the rest from one
//!   integration's catalogue. The English labels are ours where the sources gave none.
//! - 800 can move to 900, 1000 or 1100, but 900 and 1000 are defined nowhere. They, and every
//!   other code outside the catalogue, are kept as they are ([`StatusCode::known`] is `false`),
//!   never an error.
//! - 1300 is "deleted" in some sources and "cancelled" in others: final either way.
//! - The cancel reply reports `{"id": 0, "name": "Cancelled Order"}`; 0 is not in the catalogue.

use std::fmt;
use std::str::FromStr;

use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

use crate::model::status::CodeVisitor;

/// A status code of the current courier API (`status.code` of orders and tracking, the
/// `statusCode` of `order/test-update-status`, `next_possible_statuses`).
///
/// Any code is accepted and written back as the same integer; the catalogue gives labels and
/// next statuses for the codes it knows.
///
/// ```
/// # use bts::model::current::{Lang, StatusCode};
/// let delivered = StatusCode(1200);
/// assert_eq!(delivered, StatusCode::DELIVERED);
/// assert_eq!(delivered.label(Lang::Ru), Some("Доставлен"));
/// assert!(delivered.is_final());
/// assert_eq!(StatusCode::AT_DELIVERY_OFFICE.next().unwrap(),
///            &[StatusCode(900), StatusCode(1000), StatusCode(1100)]);
/// let unknown: StatusCode = serde_json::from_str("900").unwrap();
/// assert!(!unknown.known());
/// assert_eq!(unknown.label(Lang::En), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatusCode(pub u16);

/// A language of the status labels (and of the current API's `language` header).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Uzbek (`uz`), the server's default.
    Uz,
    /// Russian (`ru`).
    Ru,
    /// English (`en`).
    En,
}

impl Lang {
    /// The language's code: `"uz"`, `"ru"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Uz => "uz",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = String;

    /// `"uz"`, `"ru"` or `"en"`, in any case; anything else is an error naming the three.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "uz" => Ok(Lang::Uz),
            "ru" => Ok(Lang::Ru),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language {s:?}: expected uz, ru or en")),
        }
    }
}

/// One entry of the built-in status catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusEntry {
    /// The code.
    pub code: StatusCode,
    /// The Uzbek label.
    pub uz: &'static str,
    /// The Russian label.
    pub ru: &'static str,
    /// The English label.
    pub en: &'static str,
    /// The codes an order can move to from this one; empty for a final status.
    pub next: &'static [StatusCode],
}

/// Declares the catalogue and one associated constant per status.
macro_rules! catalogue {
    ($($konst:ident = $code:literal, $uz:literal, $ru:literal, $en:literal, [$($next:literal),*];)*) => {
        impl StatusCode {
            $(
                #[doc = concat!($code, " — ", $en, " (\"", $uz, "\", \"", $ru, "\").")]
                pub const $konst: StatusCode = StatusCode($code);
            )*
        }

        /// The catalogue, in code order.
        static CATALOGUE: &[StatusEntry] = &[
            $(StatusEntry {
                code: StatusCode($code),
                uz: $uz,
                ru: $ru,
                en: $en,
                next: &[$(StatusCode($next)),*],
            },)*
        ];
    };
}

catalogue! {
    AT_SENDER = 100, "Yuboruvchida", "У отправителя", "At the sender", [200];
    COURIER_RECEIVED = 200, "Kuryer qabul qildi", "Курьер принял", "Courier picked up", [300];
    AT_DISPATCH_OFFICE = 300, "Joʻnatish ofisi", "В офисе отправления", "At the dispatch office", [400];
    INTERNAL_TRANSPORT = 400, "Ichki tashish", "Во внутренней перевозке", "Internal transport", [500];
    AT_SORTING_CENTRE = 500, "Saralash markazida", "В РЦ", "At the sorting centre", [600];
    IN_BAG = 600, "Xaltada", "В мешке", "In a bag", [700];
    IN_TRANSIT = 700, "Tashishda", "В перевозке", "In transit", [800];
    AT_DELIVERY_OFFICE = 800, "Yetkazish ofisi", "В офисе доставки", "At the delivery office", [900, 1000, 1100];
    COURIER_DELIVERING = 1100, "Kuryer yetkazmoqda", "Курьер доставляет", "Courier delivering", [1200];
    DELIVERED = 1200, "Yetkazildi", "Доставлен", "Delivered", [];
    DELETED = 1300, "Oʻchirildi", "Удалён", "Deleted (cancelled)", [];
    EXPIRED = 1400, "Muddati tugadi", "Срок истек", "Expired", [];
}

impl StatusCode {
    /// The numeric code.
    pub fn code(self) -> u16 {
        self.0
    }

    /// The catalogue's entry for this code; `None` for a code it does not list.
    pub fn entry(self) -> Option<&'static StatusEntry> {
        CATALOGUE.iter().find(|e| e.code == self)
    }

    /// `true` when the catalogue lists the code.
    pub fn known(self) -> bool {
        self.entry().is_some()
    }

    /// The label in `lang`; `None` for a code the catalogue does not list.
    pub fn label(self, lang: Lang) -> Option<&'static str> {
        self.entry().map(|e| match lang {
            Lang::Uz => e.uz,
            Lang::Ru => e.ru,
            Lang::En => e.en,
        })
    }

    /// The statuses an order can move to from this one (empty for a final status); `None` for
    /// a code the catalogue does not list.
    pub fn next(self) -> Option<&'static [StatusCode]> {
        self.entry().map(|e| e.next)
    }

    /// `true` for a listed status with no next status (delivered, deleted, expired). Unknown
    /// codes are not final: treat them as "in progress".
    pub fn is_final(self) -> bool {
        self.next().is_some_and(<[StatusCode]>::is_empty)
    }

    /// Every status the catalogue lists, in code order.
    pub fn catalogue() -> &'static [StatusEntry] {
        CATALOGUE
    }
}

/// The built-in status catalogue as a JSON array, in code order:
/// `[{"code": 100, "uz": "…", "ru": "…", "en": "…", "next": [200]}, …]`.
///
/// This is how the C ABI and the bindings read the labels, so none of them keeps a copy.
///
/// ```
/// let catalogue: serde_json::Value =
///     serde_json::from_str(&bts::model::status_catalogue_json()).unwrap();
/// assert_eq!(catalogue[0]["code"], 100);
/// assert_eq!(catalogue[0]["next"], serde_json::json!([200]));
/// ```
pub fn status_catalogue_json() -> String {
    let entries: Vec<serde_json::Value> = CATALOGUE
        .iter()
        .map(|e| {
            serde_json::json!({
                "code": e.code,
                "uz": e.uz,
                "ru": e.ru,
                "en": e.en,
                "next": e.next,
            })
        })
        .collect();
    serde_json::Value::Array(entries).to_string()
}

impl From<u16> for StatusCode {
    fn from(code: u16) -> Self {
        StatusCode(code)
    }
}

impl From<StatusCode> for u16 {
    fn from(code: StatusCode) -> u16 {
        code.0
    }
}

impl fmt::Display for StatusCode {
    /// The code and its English label, e.g. `1200 (Delivered)`, or `900 (unknown status)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.label(Lang::En) {
            Some(label) => write!(f, "{} ({label})", self.0),
            None => write!(f, "{} (unknown status)", self.0),
        }
    }
}

impl Serialize for StatusCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.0)
    }
}

impl<'de> Deserialize<'de> for StatusCode {
    /// An integer, an integral float or a numeric string; outside 0–65535 is an error.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let code = deserializer.deserialize_any(CodeVisitor)?;
        u16::try_from(code)
            .map(StatusCode)
            .map_err(|_| D::Error::custom(format!("status code {code} is out of range")))
    }
}
