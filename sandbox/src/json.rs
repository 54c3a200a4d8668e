//! An ordered JSON output tree (serde_json's `Map` sorts keys; BTS responses keep the documented
//! field order), the `{"errors": {...}}` collector, and loose readers for request values.

use serde_json::Value;
use std::borrow::Cow;
use std::io::Write;

/// A JSON value whose objects keep their insertion order.
#[derive(Debug, Clone)]
pub(crate) enum OrderedJson {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    /// Any serde_json value, written as serde_json writes it (objects in key order).
    Raw(Value),
    Arr(Vec<OrderedJson>),
    Obj(Vec<(Cow<'static, str>, OrderedJson)>),
}

/// Builds an ordered [`OrderedJson::Obj`]: `json_object! { "id" => 1, "name" => "x" }`.
macro_rules! json_object {
    ($($k:expr => $v:expr),* $(,)?) => {
        $crate::json::OrderedJson::Obj(vec![$((::std::borrow::Cow::from($k), $crate::json::OrderedJson::from($v))),*])
    };
}
pub(crate) use json_object;

impl From<i64> for OrderedJson {
    fn from(v: i64) -> OrderedJson {
        OrderedJson::Int(v)
    }
}
impl From<bool> for OrderedJson {
    fn from(v: bool) -> OrderedJson {
        OrderedJson::Bool(v)
    }
}
impl From<&str> for OrderedJson {
    fn from(v: &str) -> OrderedJson {
        OrderedJson::Str(v.to_owned())
    }
}
impl From<String> for OrderedJson {
    fn from(v: String) -> OrderedJson {
        OrderedJson::Str(v)
    }
}
impl From<&String> for OrderedJson {
    fn from(v: &String) -> OrderedJson {
        OrderedJson::Str(v.clone())
    }
}
impl From<Value> for OrderedJson {
    fn from(v: Value) -> OrderedJson {
        OrderedJson::Raw(v)
    }
}
impl From<&Value> for OrderedJson {
    fn from(v: &Value) -> OrderedJson {
        OrderedJson::Raw(v.clone())
    }
}
impl From<Vec<OrderedJson>> for OrderedJson {
    fn from(v: Vec<OrderedJson>) -> OrderedJson {
        OrderedJson::Arr(v)
    }
}
impl<T: Into<OrderedJson>> From<Option<T>> for OrderedJson {
    fn from(v: Option<T>) -> OrderedJson {
        match v {
            Some(v) => v.into(),
            None => OrderedJson::Null,
        }
    }
}

impl OrderedJson {
    /// Appends the JSON text to `out`.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        match self {
            OrderedJson::Null => out.extend_from_slice(b"null"),
            OrderedJson::Bool(true) => out.extend_from_slice(b"true"),
            OrderedJson::Bool(false) => out.extend_from_slice(b"false"),
            OrderedJson::Int(i) => {
                let _ = write!(out, "{i}");
            }
            OrderedJson::Str(s) => write_str(out, s),
            OrderedJson::Raw(v) => {
                let _ = serde_json::to_writer(&mut *out, v);
            }
            OrderedJson::Arr(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write(out);
                }
                out.push(b']');
            }
            OrderedJson::Obj(fields) => {
                out.push(b'{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_str(out, k);
                    out.push(b':');
                    v.write(out);
                }
                out.push(b'}');
            }
        }
    }

    /// The JSON text as bytes.
    pub(crate) fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        self.write(&mut out);
        out
    }

    /// The JSON text.
    #[cfg(test)]
    pub(crate) fn to_string_lossy(&self) -> String {
        String::from_utf8_lossy(&self.to_vec()).into_owned()
    }
}

/// Writes a JSON string literal (UTF-8 kept as is, like Yii2's `JSON_UNESCAPED_UNICODE`).
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Field errors in the order they were found: `{"errors": {field: [msg, ...], ...}}`.
#[derive(Debug, Default)]
pub(crate) struct Errors(Vec<(String, Vec<String>)>);

impl Errors {
    pub(crate) fn add(&mut self, field: impl Into<String>, msg: impl Into<String>) {
        let field = field.into();
        let msg = msg.into();
        if let Some((_, msgs)) = self.0.iter_mut().find(|(f, _)| *f == field) {
            msgs.push(msg);
        } else {
            self.0.push((field, vec![msg]));
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn has(&self, field: &str) -> bool {
        self.0.iter().any(|(f, _)| f == field)
    }

    /// `{"errors": {...}}`.
    pub(crate) fn into_json(self) -> OrderedJson {
        OrderedJson::Obj(vec![(Cow::Borrowed("errors"), self.map_json())])
    }

    /// The `{field: [msgs]}` map alone.
    pub(crate) fn map_json(self) -> OrderedJson {
        OrderedJson::Obj(
            self.0
                .into_iter()
                .map(|(f, msgs)| {
                    (
                        Cow::Owned(f),
                        OrderedJson::Arr(msgs.into_iter().map(OrderedJson::Str).collect()),
                    )
                })
                .collect(),
        )
    }
}

/// Absent, `null` or `""`: what the BTS servers (and the client) call missing.
pub(crate) fn is_missing(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        _ => false,
    }
}

/// The value unless it is missing (absent, `null` or `""`).
pub(crate) fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|x| !is_missing(Some(x)))
}

/// A whole number: a JSON integer, a float without fraction, or a string of digits.
pub(crate) fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A finite number: a JSON number or a numeric string.
pub(crate) fn num_of(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// Text: a string as is, a number as written; other types are not text.
pub(crate) fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Like `text_of`, but loose (WMS): booleans become "1"/"0", anything else its JSON text.
pub(crate) fn loose_text(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Bool(b)) => Some(if *b { "1" } else { "0" }.to_owned()),
        Some(other) => Some(other.to_string()),
    }
}

/// PHP's `(float)` of a value: the leading numeric prefix of a string ("90 дней" → 90), else 0.
pub(crate) fn php_float(v: Option<&Value>) -> f64 {
    match v {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        Some(Value::Bool(true)) => 1.0,
        Some(Value::String(s)) => numeric_prefix(s),
        _ => 0.0,
    }
}

/// PHP's `(int)` of a value.
pub(crate) fn php_int(v: Option<&Value>) -> i64 {
    let f = php_float(v);
    if f.is_finite() {
        f.trunc().clamp(-9.0e18, 9.0e18) as i64
    } else {
        0
    }
}

fn numeric_prefix(s: &str) -> f64 {
    let t = s.trim_start();
    let b = t.as_bytes();
    let mut end = 0;
    if end < b.len() && (b[end] == b'-' || b[end] == b'+') {
        end += 1;
    }
    let digits_start = end;
    while end < b.len() && b[end].is_ascii_digit() {
        end += 1;
    }
    if end < b.len() && (b[end] == b'.' || b[end] == b',') {
        let mut e = end + 1;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        if e > end + 1 {
            end = e;
        }
    }
    if end == digits_start {
        return 0.0;
    }
    t[..end].replace(',', ".").parse().unwrap_or(0.0)
}

/// A boolean read loosely: true/false, 1/0, "1"/"0", "true"/"false", "Да"/"Нет", "yes"/"no",
/// "ha"/"yo'q"; any other non-empty string is true (PHP truthiness); absent or null is false.
pub(crate) fn loose_bool(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().map(|f| f != 0.0).unwrap_or(false),
        Some(Value::String(s)) => {
            let t = s.trim().to_lowercase();
            !matches!(
                t.as_str(),
                "" | "0" | "false" | "нет" | "no" | "n" | "off" | "yo'q" | "yoq" | "net"
            )
        }
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(_)) => true,
    }
}

/// `f` with `places` decimals, as the WMS writes decimals ("90.00", "1.050").
pub(crate) fn decimal(f: f64, places: usize) -> String {
    let f = if f.is_finite() { f } else { 0.0 };
    let s = format!("{:.*}", places, f);
    if s.starts_with("-0") && s.trim_start_matches(['-', '0', '.']).is_empty() {
        s[1..].to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ordered_output() {
        let j = json_object! {"b" => 1, "a" => "x", "c" => OrderedJson::Null, "d" => vec![OrderedJson::Bool(true)]};
        assert_eq!(
            j.to_string_lossy(),
            r#"{"b":1,"a":"x","c":null,"d":[true]}"#
        );
        assert_eq!(
            OrderedJson::from("«Kg» \"q\"").to_string_lossy(),
            r#""«Kg» \"q\"""#
        );
    }

    #[test]
    fn loose_readers() {
        assert_eq!(php_float(Some(&json!("90 дней"))), 90.0);
        assert_eq!(php_float(Some(&json!("1.05"))), 1.05);
        assert_eq!(php_float(Some(&json!("abc"))), 0.0);
        assert_eq!(php_int(Some(&json!("30 дней"))), 30);
        assert_eq!(decimal(90.0, 2), "90.00");
        assert_eq!(decimal(1.05, 3), "1.050");
        assert!(loose_bool(Some(&json!("Да"))));
        assert!(!loose_bool(Some(&json!("Нет"))));
        assert!(loose_bool(Some(&json!("is_set"))));
        assert!(!loose_bool(Some(&json!(0))));
        assert_eq!(int_of(&json!("12")), Some(12));
        assert_eq!(int_of(&json!(2.0)), Some(2));
        assert_eq!(int_of(&json!(2.5)), None);
        assert!(is_missing(Some(&json!(""))));
        assert!(!is_missing(Some(&json!(0))));
    }
}
