//! One fast pass over a response body: is it JSON (RFC 8259), no deeper than [`MAX_DEPTH`], and
//! does its top-level object carry `errors` (an object) or a Yii2 `UnauthorizedHttpException`
//! `type`? The body is then handed on as the server's own text, never re-encoded.
//!
//! Why not serde: the check runs on every response, and on a 10 MiB WMS page serde_json's
//! fastest path (`IgnoredAny`) costs as much as receiving the page (and has no depth limit);
//! this scanner skips string contents eight bytes at a time and allocates nothing.
//! `tests/json_check.rs` holds it to serde_json's verdict on thousands of inputs, and a fuzz
//! target does the same.

/// The deepest nesting accepted: the same as serde_json's default recursion limit (which
/// refuses a 128th level), so whatever passes here parses again in Rust (`Client::call`) and in
/// the bindings.
pub const MAX_DEPTH: usize = 127;

/// What the pass found in a valid body.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Findings {
    /// The top level is an object with an `errors` member that is an object.
    pub errors: bool,
    /// The top level is an object whose `type` is `yii\web\UnauthorizedHttpException`.
    pub unauthorized: bool,
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

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Mask of the bytes of `x` that are '"', '\\' or below 0x20 (SWAR: the "has zero byte" and
/// "has byte less than n" tricks); its lowest set bit is exact, so `trailing_zeros() / 8` is the
/// index of the first such byte.
#[inline(always)]
fn special_mask(x: u64) -> u64 {
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let quote = zero(x ^ (ONES * b'"' as u64));
    let backslash = zero(x ^ (ONES * b'\\' as u64));
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    quote | backslash | control
}

#[inline(always)]
fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t')
}

fn fail<T>(offset: usize, what: &'static str) -> Result<T, Invalid> {
    Err(Invalid { offset, what })
}

/// Index just past the closing quote of the string whose opening quote is at `i - 1`.
#[inline(always)]
fn string_end(b: &[u8], mut i: usize) -> Result<usize, Invalid> {
    loop {
        // eight bytes at a time while they fit
        while let Some(chunk) = b.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap());
            let m = special_mask(x);
            if m != 0 {
                i += (m.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        let Some(&c) = b.get(i) else {
            return fail(i, "unterminated string");
        };
        match c {
            b'"' => return Ok(i + 1),
            b'\\' => match b.get(i + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                Some(b'u') => match b.get(i + 2..i + 6) {
                    Some(h) if h.iter().all(u8::is_ascii_hexdigit) => i += 6,
                    _ => return fail(i, "bad \\u escape"),
                },
                _ => return fail(i, "bad escape"),
            },
            0..=0x1f => return fail(i, "control character in a string"),
            _ => i += 1, // only reached in the last < 8 bytes of the text
        }
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
    let mut objects: u128 = 0; // bit d-1: container at depth d is an object
    let mut depth = 0usize;
    let mut i = skip_ws(b, 0);
    // top-level key being watched: 0 none, 1 errors, 2 type
    let mut watch = 0u8;
    'value: loop {
        let Some(&c) = b.get(i) else {
            return fail(i, "unexpected end");
        };
        match c {
            b'"' => {
                let end = string_end(b, i + 1)?;
                if watch == 2 && &b[i + 1..end - 1] == UNAUTHORIZED_TYPE {
                    found.unauthorized = true;
                }
                i = end;
            }
            b'{' | b'[' => {
                if depth == MAX_DEPTH {
                    return fail(i, "nested too deep");
                }
                let is_object = c == b'{';
                if watch == 1 && is_object {
                    found.errors = true;
                }
                depth += 1;
                let bit = 1u128 << (depth - 1);
                i = skip_ws(b, i + 1);
                if is_object {
                    objects |= bit;
                    if b.get(i) == Some(&b'}') {
                        i += 1;
                        depth -= 1;
                    } else {
                        // a member: "key" ws : ws
                        let (next, w) = key(b, i, depth)?;
                        i = next;
                        watch = w;
                        continue 'value;
                    }
                } else {
                    objects &= !bit;
                    if b.get(i) == Some(&b']') {
                        i += 1;
                        depth -= 1;
                    } else {
                        watch = 0;
                        continue 'value;
                    }
                }
            }
            b'-' | b'0'..=b'9' => i = number_end(b, i)?,
            b't' => i = literal(b, i, b"true")?,
            b'f' => i = literal(b, i, b"false")?,
            b'n' => i = literal(b, i, b"null")?,
            _ => return fail(i, "expected a value"),
        }
        watch = 0;
        // after a value
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
            let in_object = objects & (1u128 << (depth - 1)) != 0;
            match c {
                Some(b',') => {
                    i += 1;
                    if b.get(i).is_some_and(|&c| is_ws(c)) {
                        i = skip_ws(b, i);
                    }
                    if in_object {
                        let (next, w) = key(b, i, depth)?;
                        i = next;
                        watch = w;
                    }
                    continue 'value;
                }
                Some(b'}') if in_object => {
                    i += 1;
                    depth -= 1;
                }
                Some(b']') if !in_object => {
                    i += 1;
                    depth -= 1;
                }
                Some(_) => return fail(i, "expected , or a closing bracket"),
                None => return fail(i, "unexpected end"),
            }
        }
    }
}

/// A member name at `i`, its colon and the whitespace after: index of the value, and which
/// top-level key it is.
#[inline(always)]
fn key(b: &[u8], i: usize, depth: usize) -> Result<(usize, u8), Invalid> {
    if b.get(i) != Some(&b'"') {
        return fail(i, "expected a member name");
    }
    let end = string_end(b, i + 1)?;
    let watch = if depth == 1 {
        match &b[i + 1..end - 1] {
            b"errors" => 1,
            b"type" => 2,
            _ => 0,
        }
    } else {
        0
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
            "\"\\x\"",
            "\"a\u{1}\"",
            "\"abc",
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
        ] {
            assert!(check(bad).is_err(), "{bad:?} must be rejected");
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
            let mut bytes = [b'a'; 8];
            bytes[lane] = 0x20;
            assert_eq!(special_mask(u64::from_le_bytes(bytes)), 0);
            bytes[lane] = 0xff;
            assert_eq!(special_mask(u64::from_le_bytes(bytes)), 0);
        }
    }
}
