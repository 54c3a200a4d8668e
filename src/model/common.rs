//! Value types shared by every model: [`Scalar`] (a number the server may send as a string)
//! and [`Flag`] (a yes/no the API spells in five ways).
//!
//! Both value types keep exactly what was received, so decoding a response and encoding it again
//! gives the server's JSON back; the accessors interpret the value without changing it.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Number, Value};

/// A JSON number or string, kept exactly as received.
///
/// BTS sends many numbers as strings (`"cost": "12000.00"`, `"weight": "2.000"`, `"gtin": "1234"`),
/// and its tables and examples often disagree on the type (`orderId` is `229234` in one response
/// and `"229234"` in another). A `Scalar` accepts either form and writes back the same form, so
/// nothing is lost; [`Scalar::as_f64`] and [`Scalar::as_i64`] read the value whichever form it
/// came in.
///
/// ```
/// # use bts::model::Scalar;
/// let cost: Scalar = serde_json::from_str("\"12000.00\"").unwrap();
/// assert_eq!(cost.as_f64(), Some(12000.0));
/// assert_eq!(serde_json::to_string(&cost).unwrap(), "\"12000.00\"");
/// assert_eq!(Scalar::from(2).as_f64(), Some(2.0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// The value came (or goes) as a JSON number.
    Number(Number),
    /// The value came (or goes) as a JSON string, unmodified (spaces and all).
    String(String),
}

impl Scalar {
    /// The value as a float: a number as it is, a string parsed after trimming spaces
    /// (`"312412 "` gives `312412.0`). `None` for a string that is not a decimal number
    /// (`"90 дней"`, `"<orderId>"`).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Number(n) => n.as_f64(),
            Scalar::String(s) => parse_f64(s),
        }
    }

    /// The value as an integer, when it is one exactly: `229234`, `"229234"`, `2.0` and
    /// `"12000.00"` all qualify; `"2.5"`, values outside `i64` and non-numeric strings give `None`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Scalar::Number(n) => n.as_i64().or_else(|| n.as_f64().and_then(f64_to_i64)),
            Scalar::String(s) => {
                let t = s.trim();
                t.parse::<i64>()
                    .ok()
                    .or_else(|| parse_f64(t).and_then(f64_to_i64))
            }
        }
    }

    /// The string, when the value came as a JSON string; `None` for a JSON number.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Number(_) => None,
            Scalar::String(s) => Some(s),
        }
    }

    /// `true` when the value came as a JSON string.
    pub fn is_string(&self) -> bool {
        matches!(self, Scalar::String(_))
    }
}

/// Parses a decimal number after trimming spaces; rejects the words `inf`/`NaN` that Rust's
/// parser would accept but that are not numbers on the wire.
fn parse_f64(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// An `f64` that holds an integer within `i64`'s range, as that integer.
fn f64_to_i64(v: f64) -> Option<i64> {
    // 2^63 as f64; `i64::MAX as f64` rounds up to it, so compare with `<`.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v) {
        Some(v as i64)
    } else {
        None
    }
}

impl fmt::Display for Scalar {
    /// Writes the number as JSON writes it, or the string as it is (no quotes).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Number(n) => fmt::Display::fmt(n, f),
            Scalar::String(s) => f.write_str(s),
        }
    }
}

impl From<i64> for Scalar {
    /// A JSON integer.
    fn from(v: i64) -> Self {
        Scalar::Number(v.into())
    }
}

impl From<f64> for Scalar {
    /// A JSON number. JSON has no NaN or infinity: such a value becomes its string form
    /// (`"NaN"`, `"inf"`) rather than being silently changed into another number.
    fn from(v: f64) -> Self {
        match Number::from_f64(v) {
            Some(n) => Scalar::Number(n),
            None => Scalar::String(v.to_string()),
        }
    }
}

impl From<&str> for Scalar {
    /// A JSON string.
    fn from(v: &str) -> Self {
        Scalar::String(v.to_owned())
    }
}

impl From<String> for Scalar {
    /// A JSON string.
    fn from(v: String) -> Self {
        Scalar::String(v)
    }
}

impl From<Number> for Scalar {
    /// A JSON number, as it is.
    fn from(v: Number) -> Self {
        Scalar::Number(v)
    }
}

impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Number(n) => n.serialize(serializer),
            Scalar::String(s) => serializer.serialize_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;

        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a string")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.into()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.into()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Number::from_f64(v)
                    .map(Scalar::Number)
                    .ok_or_else(|| E::custom("a non-finite number"))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::String(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::String(v))
            }
        }

        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// A yes/no value, kept exactly as received.
///
/// The API spells booleans in several ways: JSON `true`/`false` (WMS responses),
/// `1`/`0` (`ReceiverCustomsAgree`), `"1"`/`"0"`, and words such as `"Да"`/`"Нет"` (Russian,
/// WMS tables) or `"Ha"`/`"Yo'q"` (Uzbek). A `Flag` accepts any of them and writes back the
/// same form; [`Flag::as_bool`] interprets it. (The courier API's own 0/1 flags, such as
/// `takePhoto`, are documented and sent as integers, so they are plain `i64` fields.)
///
/// `Flag::from(true)` sends a JSON boolean; `Flag::from(1)` sends the number `1`.
///
/// ```
/// # use bts::model::Flag;
/// let f: Flag = serde_json::from_str("\"Нет\"").unwrap();
/// assert_eq!(f.as_bool(), Some(false));
/// assert_eq!(serde_json::to_string(&f).unwrap(), "\"Нет\"");
/// assert_eq!(Flag::from(1).as_bool(), Some(true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Flag {
    /// A JSON boolean.
    Bool(bool),
    /// A JSON number (normally `1` or `0`).
    Number(Number),
    /// A JSON string (`"1"`, `"true"`, `"Да"`, `"Нет"`, `"Ha"`, `"Yo'q"`, or anything else).
    Text(String),
}

/// Words read as "yes", compared after trimming and lower-casing.
const YES_WORDS: &[&str] = &["1", "true", "yes", "y", "on", "да", "ha", "ҳа"];
/// Words read as "no", compared after trimming, lower-casing and unifying apostrophes.
const NO_WORDS: &[&str] = &["0", "false", "no", "n", "off", "нет", "yo'q", "yoq", "йўқ"];

impl Flag {
    /// The value as a boolean: `true`/`false`; `1`/`0`; the strings `"1"`/`"0"`,
    /// `"true"`/`"false"`, `"yes"`/`"no"`, `"Да"`/`"Нет"`, `"Ha"`/`"Yo'q"` (any case, any
    /// apostrophe). `None` for anything else (`2`, `""`, `"is_set"`).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Flag::Bool(b) => Some(*b),
            Flag::Number(n) => {
                let v = n.as_f64()?;
                if v == 1.0 {
                    Some(true)
                } else if v == 0.0 {
                    Some(false)
                } else {
                    None
                }
            }
            Flag::Text(s) => {
                let word: String = s
                    .trim()
                    .to_lowercase()
                    .chars()
                    .map(|c| match c {
                        '`' | '‘' | '’' | 'ʻ' | 'ʼ' | '´' => '\'',
                        c => c,
                    })
                    .collect();
                if YES_WORDS.contains(&word.as_str()) {
                    Some(true)
                } else if NO_WORDS.contains(&word.as_str()) {
                    Some(false)
                } else {
                    None
                }
            }
        }
    }
}

impl fmt::Display for Flag {
    /// Writes the value as received: `true`, `1`, or the string without quotes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flag::Bool(b) => fmt::Display::fmt(b, f),
            Flag::Number(n) => fmt::Display::fmt(n, f),
            Flag::Text(s) => f.write_str(s),
        }
    }
}

impl From<bool> for Flag {
    /// A JSON boolean (`true`/`false`).
    fn from(v: bool) -> Self {
        Flag::Bool(v)
    }
}

impl From<i64> for Flag {
    /// A JSON number, for fields documented as `1`/`0`.
    fn from(v: i64) -> Self {
        Flag::Number(v.into())
    }
}

impl From<&str> for Flag {
    /// A JSON string, sent as it is.
    fn from(v: &str) -> Self {
        Flag::Text(v.to_owned())
    }
}

impl From<String> for Flag {
    /// A JSON string, sent as it is.
    fn from(v: String) -> Self {
        Flag::Text(v)
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Flag::Bool(b) => serializer.serialize_bool(*b),
            Flag::Number(n) => n.serialize(serializer),
            Flag::Text(s) => serializer.serialize_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagVisitor;

        impl Visitor<'_> for FlagVisitor {
            type Value = Flag;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean, a number or a string")
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag::Bool(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                Ok(Flag::Number(v.into()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                Ok(Flag::Number(v.into()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Flag, E> {
                Number::from_f64(v)
                    .map(Flag::Number)
                    .ok_or_else(|| E::custom("a non-finite number"))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                Ok(Flag::Text(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Flag, E> {
                Ok(Flag::Text(v))
            }
        }

        deserializer.deserialize_any(FlagVisitor)
    }
}

/// Reads `"lat,long"` (spaces allowed) as two finite decimal numbers.
pub(crate) fn parse_lat_long(text: &str) -> Option<(f64, f64)> {
    let (lat, long) = text.split_once(',')?;
    let lat = lat.trim().parse::<f64>().ok().filter(|v| v.is_finite())?;
    let long = long.trim().parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some((lat, long))
}

/// Reads a JSON array into a `Vec`, treating `null` like an absent member (an empty list).
pub(crate) fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// Deserializes an optional integer the server may send as a number (`1`, `1.0`) or as a
/// numeric string (`"1"`): BTS does both for the same field (`orderId`, `volume`), so every
/// integer field of the models accepts either. It serialises back as a number.
pub(crate) fn lenient_i64<'de, D>(deserializer: D) -> Result<Option<i64>, D::Error>
where
    D: Deserializer<'de>,
{
    use de::Error as _;
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                    .map(|f| f as i64)
            })
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("expected an integer, found {n}"))),
        Some(Value::String(s)) => s
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| D::Error::custom(format!("expected an integer, found {s:?}"))),
        Some(other) => Err(D::Error::custom(format!(
            "expected an integer, found {other}"
        ))),
    }
}
