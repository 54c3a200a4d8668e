//! One fast pass over a response body: is it JSON (RFC 8259), no deeper than [`MAX_DEPTH`], and
//! what does its top level say? It reports whether the top-level object carries `errors` (an
//! object) or a Yii2 `UnauthorizedHttpException` `type`, and where the values of the top-level
//! members `data`, `status`, `status_code` and `message` lie in the text ([`Span`]), so that an
//! envelope's `data` can be sliced out without parsing or re-encoding it. The body is then handed
//! on as the server's own text.
//!
//! Why not serde: the check runs on every response, and on a 10 MiB WMS page serde_json's
//! fastest path (`IgnoredAny`) costs as much as receiving the page (and has no depth limit).
//!
//! How: one pass, byte by byte outside strings, allocating nothing. String contents are skipped
//! with word-sized operations: eight bytes at a time (SWAR masks of `"`, `\` and control
//! bytes), and in a string longer than 32 bytes, sixteen at a time with a test the compiler
//! turns into one vector compare (short strings never pay for it: on token-dense JSON the cost
//! is the branches per token, not the bytes). UTF-8 is not checked here: the caller has a
//! `&str`, validated once for the whole body by std.
//!
//! `tests/json_check.rs` holds the check to serde_json's verdict, and its findings to a
//! serde_json oracle, on thousands of inputs; the `responses` fuzz target does the same.

/// The deepest nesting accepted: the same as serde_json's default recursion limit (which
/// refuses a 128th level), so whatever passes here parses again in Rust (`Client::call`) and in
/// the bindings.
pub const MAX_DEPTH: usize = 127;

/// A byte range `start..end` of the checked text: one whole JSON value, exactly as written
/// (for a string, its quotes included).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Offset of the value's first byte.
    pub start: usize,
    /// Offset just past the value's last byte.
    pub end: usize,
}

impl Span {
    /// The value's text within `text`, the body this span was found in.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// The value as a boolean, if it is `true` or `false`.
    pub fn as_bool(self, text: &str) -> Option<bool> {
        match self.of(text) {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// The value as an integer, if it is one that fits in an `i64` (`401`, not `401.0`).
    pub fn as_i64(self, text: &str) -> Option<i64> {
        self.of(text).parse().ok()
    }

    /// The value as a string with its escapes decoded, if it is a string.
    pub fn as_string(self, text: &str) -> Option<String> {
        let raw = self.of(text);
        if !raw.starts_with('"') {
            return None;
        }
        let inner = &raw[1..raw.len() - 1];
        if !inner.contains('\\') {
            return Some(inner.to_owned());
        }
        serde_json::from_str(raw).ok()
    }
}

/// What the pass found in a valid body. Only the top level counts, and member names are
/// compared as written (`"d\u0061ta"` is not `data`). When a watched member appears more than
/// once, its span is the last one's (as a JSON map would keep).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Findings {
    /// The top level is an object with an `errors` member that is an object.
    pub errors: bool,
    /// The top level is an object whose `type` is `yii\web\UnauthorizedHttpException`.
    pub unauthorized: bool,
    /// The value of the top-level member `data`, whatever its type.
    pub data: Option<Span>,
    /// The value of the top-level member `status` (a boolean in the current courier API's
    /// envelope, an HTTP status number in Yii2 error bodies).
    pub status: Option<Span>,
    /// The value of the top-level member `status_code`.
    pub status_code: Option<Span>,
    /// The value of the top-level member `message`.
    pub message: Option<Span>,
}

/// Where and why a body is not acceptable JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What was wrong.
    pub what: &'static str,
}

const UNAUTHORIZED_TYPE: &[u8] = br"yii\\web\\UnauthorizedHttpException";

/// The top-level member whose value comes next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Watch {
    None,
    Errors,
    Type,
    Data,
    Status,
    StatusCode,
    Message,
}

impl Watch {
    fn of(name: &[u8]) -> Watch {
        match name {
            b"data" => Watch::Data,
            b"status" => Watch::Status,
            b"status_code" => Watch::StatusCode,
            b"message" => Watch::Message,
            b"errors" => Watch::Errors,
            b"type" => Watch::Type,
            _ => Watch::None,
        }
    }
}

impl Findings {
    /// Notes the value `start..end` of the watched top-level member `watch`.
    #[cold]
    fn record(&mut self, watch: Watch, b: &[u8], start: usize, end: usize) {
        let span = Some(Span { start, end });
        match watch {
            Watch::Data => self.data = span,
            Watch::Status => self.status = span,
            Watch::StatusCode => self.status_code = span,
            Watch::Message => self.message = span,
            Watch::Errors => self.errors |= b[start] == b'{',
            Watch::Type => {
                self.unauthorized |= b[start] == b'"' && &b[start + 1..end - 1] == UNAUTHORIZED_TYPE
            }
            Watch::None => {}
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Mask of the bytes of `x` that are '"', '\\' or below 0x20 (SWAR: the "has zero byte" and
/// "has byte less than n" tricks); its lowest set bit is exact, so `trailing_zeros() / 8` is the
/// index of the first such byte. The quote and the control bytes take one test: flipping bit 1
/// turns '"' (0x22) into 0x20 and keeps every byte below 0x20 below it, so they are the bytes
/// that end up below 0x21.
#[inline(always)]
fn special_mask(x: u64) -> u64 {
    let q = x ^ (ONES * 0x02);
    let s = x ^ (ONES * b'\\' as u64);
    (q.wrapping_sub(ONES * 0x21) & !q | s.wrapping_sub(ONES) & !s) & HIGH
}

#[inline(always)]
fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t')
}

fn fail<T>(offset: usize, what: &'static str) -> Result<T, Invalid> {
    Err(Invalid { offset, what })
}

/// Whether the 16 bytes hold a byte of [`special_mask`]; one vector compare when compiled.
#[inline(always)]
fn any_special(chunk: &[u8; 16]) -> bool {
    chunk
        .iter()
        .fold(false, |a, &c| a | (c == b'"') | (c == b'\\') | (c < 0x20))
}

/// Index just past the closing quote of the string whose opening quote is at `i - 1`.
#[inline(always)]
fn string_end(b: &[u8], mut i: usize) -> Result<usize, Invalid> {
    loop {
        // eight bytes at a time while they fit; past the first 32 (a long string), sixteen
        // at a time with one vector test until a step holds the end, which the eight-byte
        // steps then find. Short strings (most member names and values) never pay for it.
        let long = i + 32;
        while let Some(chunk) = b.get(i..i + 8) {
            let m = special_mask(u64::from_le_bytes(chunk.try_into().unwrap()));
            if m != 0 {
                i += (m.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
            if i == long {
                while let Some(chunk) = b.get(i..i + 16) {
                    if any_special(chunk.try_into().unwrap()) {
                        break;
                    }
                    i += 16;
                }
            }
        }
        match b.get(i) {
            Some(b'"') => return Ok(i + 1),
            Some(b'\\') => i = escape_end(b, i)?,
            Some(0..=0x1f) => return fail(i, "control character in a string"),
            Some(_) => i += 1, // only reached in the last < 8 bytes of the text
            None => return fail(i, "unterminated string"),
        }
    }
}

/// Index just past the escape sequence whose backslash is at `i`.
#[inline(never)]
fn escape_end(b: &[u8], i: usize) -> Result<usize, Invalid> {
    match b.get(i + 1) {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(i + 2),
        Some(b'u') => match b.get(i + 2..i + 6) {
            Some(h) if h.iter().all(u8::is_ascii_hexdigit) => Ok(i + 6),
            _ => fail(i, "bad \\u escape"),
        },
        _ => fail(i, "bad escape"),
    }
}

#[inline(always)]
fn digits(b: &[u8], mut i: usize) -> usize {
    while let Some(c) = b.get(i) {
        if c.is_ascii_digit() {
            i += 1;
        } else {
            break;
        }
    }
    i
}

#[inline(always)]
fn number_end(b: &[u8], mut i: usize) -> Result<usize, Invalid> {
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(b, i + 1),
        _ => return fail(i, "bad number"),
    }
    if b.get(i) == Some(&b'.') {
        if !b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            return fail(i, "bad number");
        }
        i = digits(b, i + 2);
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return fail(i, "bad number");
        }
        i = digits(b, i + 1);
    }
    Ok(i)
}

#[inline(always)]
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(&c) = b.get(i) {
        if is_ws(c) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Checks `text` (already known to be UTF-8) as one JSON value.
pub fn check(text: &str) -> Result<Findings, Invalid> {
    let b = text.as_bytes();
    let mut found = Findings::default();
    // bit 0: the innermost open container is an object, bit 1: the one around it, …
    let mut objects: u128 = 0;
    let mut in_object = false;
    let mut depth = 0usize;
    let mut i = skip_ws(b, 0);
    // the top-level member whose value is next, and the watched container value now open
    let mut watch = Watch::None;
    let mut open = (Watch::None, 0usize);
    'value: loop {
        let start = i;
        let Some(&c) = b.get(i) else {
            return fail(i, "unexpected end");
        };
        match c {
            b'"' => i = string_end(b, i + 1)?,
            b'{' | b'[' => {
                if depth == MAX_DEPTH {
                    return fail(i, "nested too deep");
                }
                let is_object = c == b'{';
                if watch != Watch::None {
                    open = (watch, start);
                    watch = Watch::None;
                }
                depth += 1;
                objects = (objects << 1) | u128::from(is_object);
                in_object = is_object;
                i += 1;
                if b.get(i).is_some_and(|&c| is_ws(c)) {
                    i = skip_ws(b, i);
                }
                let close = if is_object { b'}' } else { b']' };
                if b.get(i) != Some(&close) {
                    if is_object {
                        let (next, w) = key(b, i, depth)?;
                        i = next;
                        watch = w;
                    }
                    continue 'value;
                }
                // an empty container: closed below with the others
            }
            b'-' | b'0'..=b'9' => i = number_end(b, i)?,
            b't' => i = literal(b, i, b"true")?,
            b'f' => i = literal(b, i, b"false")?,
            b'n' => i = literal(b, i, b"null")?,
            _ => return fail(i, "expected a value"),
        }
        if watch != Watch::None {
            found.record(watch, b, start, i);
            watch = Watch::None;
        }
        // after a value (or at the closing bracket of an empty container)
        loop {
            let mut c = b.get(i).copied();
            if c.is_some_and(is_ws) {
                i = skip_ws(b, i);
                c = b.get(i).copied();
            }
            if depth == 0 {
                return if i == b.len() {
                    Ok(found)
                } else {
                    fail(i, "trailing characters")
                };
            }
            match c {
                Some(b',') => {
                    i += 1;
                    if in_object {
                        // the common case first: the next name right after the comma
                        if b.get(i) != Some(&b'"') {
                            i = skip_ws(b, i);
                        }
                        let (next, w) = key(b, i, depth)?;
                        i = next;
                        watch = w;
                    } else if b.get(i).is_some_and(|&c| is_ws(c)) {
                        i = skip_ws(b, i);
                    }
                    continue 'value;
                }
                Some(b'}') if in_object => {}
                Some(b']') if !in_object => {}
                Some(_) => return fail(i, "expected , or a closing bracket"),
                None => return fail(i, "unexpected end"),
            }
            i += 1;
            depth -= 1;
            objects >>= 1;
            in_object = objects & 1 != 0;
            if depth == 1 && open.0 != Watch::None {
                found.record(open.0, b, open.1, i);
                open.0 = Watch::None;
            }
        }
    }
}

/// A member name at `i`, its colon and the whitespace after: index of the value, and which
/// top-level member it names.
#[inline(always)]
fn key(b: &[u8], i: usize, depth: usize) -> Result<(usize, Watch), Invalid> {
    if b.get(i) != Some(&b'"') {
        return fail(i, "expected a member name");
    }
    let end = string_end(b, i + 1)?;
    // only names of a watched length are compared (most top-level names are not)
    let watch = if depth == 1 && matches!(end - i - 2, 4 | 6 | 7 | 11) {
        Watch::of(&b[i + 1..end - 1])
    } else {
        Watch::None
    };
    let mut j = end;
    if b.get(j) != Some(&b':') {
        j = skip_ws(b, j);
        if b.get(j) != Some(&b':') {
            return fail(j, "expected :");
        }
    }
    j += 1;
    if b.get(j).is_some_and(|&c| is_ws(c)) {
        j = skip_ws(b, j);
    }
    Ok((j, watch))
}

#[inline(always)]
fn literal(b: &[u8], i: usize, word: &[u8]) -> Result<usize, Invalid> {
    if b.get(i..i + word.len()) == Some(word) {
        Ok(i + word.len())
    } else {
        fail(i, "bad literal")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_json_and_finds_top_level_keys() {
        assert_eq!(
            check(" {\"a\": [1, -2.5e+3, true, null, \"x\\u00e9\\n\"]} "),
            Ok(Findings::default())
        );
        let f = check(r#"{"errors": {"senderPhone": ["«Telefon»"]}, "x": 1}"#).unwrap();
        assert!(f.errors && !f.unauthorized);
        let f = check(r#"{"name":"Unauthorized","type":"yii\\web\\UnauthorizedHttpException"}"#)
            .unwrap();
        assert!(f.unauthorized && !f.errors);
        assert!(
            !check(r#"{"data": {"errors": {}}}"#).unwrap().errors,
            "only the top level counts"
        );
        assert!(
            !check(r#"{"errors": ["a"]}"#).unwrap().errors,
            "errors must be an object"
        );
        assert!(!check(r#"[{"errors": {}}]"#).unwrap().errors);
    }

    #[test]
    fn finds_the_envelope_members() {
        let text = r#" {"status" : true, "message":"ok \"q\"", "status_code":200,
            "data": {"id": 7, "data": [1, {"status": false}]}, "x": null} "#;
        let f = check(text).unwrap();
        assert_eq!(f.status.unwrap().of(text), "true");
        assert_eq!(f.status.unwrap().as_bool(text), Some(true));
        assert_eq!(f.message.unwrap().of(text), r#""ok \"q\"""#);
        assert_eq!(f.message.unwrap().as_string(text).unwrap(), r#"ok "q""#);
        assert_eq!(f.status_code.unwrap().as_i64(text), Some(200));
        assert_eq!(
            f.data.unwrap().of(text),
            r#"{"id": 7, "data": [1, {"status": false}]}"#
        );
        let text = r#"{"data":[],"data":"last","status":401}"#;
        let f = check(text).unwrap();
        assert_eq!(f.data.unwrap().of(text), r#""last""#, "the last one wins");
        assert_eq!(f.status.unwrap().as_i64(text), Some(401));
        assert_eq!(f.status.unwrap().as_bool(text), None);
        let f = check(r#"[{"data": 1}]"#).unwrap();
        assert_eq!(f.data, None, "only a top-level object has members");
    }

    #[test]
    fn rejects_what_json_rejects() {
        for bad in [
            "",
            " ",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "1e",
            "tru",
            "nul",
            "truex",
            "1x",
            "[1\u{1}]",
            "\"\\x\"",
            "\"a\u{1}\"",
            "\"abc",
            "\"abc\\",
            "{\"a\" 1}",
            "{1:2}",
            "[1 2]",
            "1 2",
            "{\"a\":1}}",
            "]",
            "\"\\u12G4\"",
            "[\"a\",]",
            "NaN",
            "+1",
            ".5",
            "{,}",
            "[,1]",
            "\\\"a\"",
            "[1]\\",
            "{\"a\":1:2}",
            "[\"a\":1]",
            "{\"a\",1}",
        ] {
            assert!(check(bad).is_err(), "{bad:?} must be rejected");
        }
    }

    #[test]
    fn errors_have_offsets() {
        assert_eq!(
            check("[1, 2 3]"),
            Err(Invalid {
                offset: 6,
                what: "expected , or a closing bracket"
            })
        );
        let long = format!("[\"{}\u{1}\"]", "a".repeat(100));
        assert_eq!(
            check(&long),
            Err(Invalid {
                offset: 102,
                what: "control character in a string"
            })
        );
    }

    #[test]
    fn strings_of_every_length() {
        // a quote, an escape or a number at every offset of the eight-byte steps
        for pad in 0..140 {
            for piece in ["\\\"", "\\\\", "\\u00e9", "é", "\\/"] {
                let text = format!("[\"{}{piece}\",1]", "x".repeat(pad));
                assert!(check(&text).is_ok(), "{text:?}");
                let text = format!("{{\"{}{piece}\":[true]}}", "y".repeat(pad));
                assert!(check(&text).is_ok(), "{text:?}");
            }
            let text = format!("[\"{}\\\"]", "x".repeat(pad));
            assert!(check(&text).is_err(), "{text:?}: the quote is escaped");
            let text = format!("[\"{}\u{1}{}\"]", "x".repeat(pad), "y".repeat(pad % 17));
            assert_eq!(
                check(&text).map_err(|e| (e.offset, e.what)),
                Err((2 + pad, "control character in a string")),
                "{text:?}"
            );
            let text = format!("[{}1]", " ".repeat(pad));
            assert!(check(&text).is_ok(), "{text:?}");
            let text = format!("[{}12345678,1]", " ".repeat(pad));
            assert!(check(&text).is_ok(), "{text:?}");
            let text = format!("[{}12345 678]", " ".repeat(pad));
            assert!(check(&text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn depth_limit_matches_serde_json() {
        for depth in [1, 64, 127, 128, 129, 200] {
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let ours = check(&text).is_ok();
            let serde = serde_json::from_str::<serde_json::Value>(&text).is_ok();
            assert_eq!(ours, serde, "depth {depth}");
        }
    }

    #[test]
    fn swar_finds_every_special_byte_in_every_lane() {
        for lane in 0..8 {
            for special in [b'"', b'\\', 0u8, 0x1f] {
                let mut bytes = [b'a'; 8];
                bytes[lane] = special;
                assert!(
                    (special_mask(u64::from_le_bytes(bytes)) != 0),
                    "{special} at {lane}"
                );
            }
            // and no other byte, whatever its neighbours (0x00..0xff in every lane)
            for other in 0..=255u8 {
                let special = matches!(other, b'"' | b'\\' | 0..=0x1f);
                let mut bytes = [b'a'; 8];
                bytes[lane] = other;
                let mask = special_mask(u64::from_le_bytes(bytes));
                assert_eq!(mask != 0, special, "{other:#x} at {lane}");
                if special {
                    assert_eq!(mask.trailing_zeros() / 8, lane as u32);
                }
                let mut bytes = [other; 8];
                bytes[lane] = b'"';
                let first = if special { 0 } else { lane as u32 };
                assert_eq!(
                    special_mask(u64::from_le_bytes(bytes)).trailing_zeros() / 8,
                    first
                );
            }
        }
    }
}
