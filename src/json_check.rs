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

/// Checks `text` (already known to be UTF-8) as one JSON value.
pub fn check(text: &str) -> Result<Findings, Invalid> {
    Scanner {
        b: text.as_bytes(),
        i: 0,
    }
    .run()
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

/// The top-level key whose value is being scanned.
#[derive(Clone, Copy, PartialEq)]
enum Watch {
    None,
    Errors,
    Type,
}

impl Scanner<'_> {
    fn fail<T>(&self, what: &'static str) -> Result<T, Invalid> {
        Err(Invalid {
            offset: self.i,
            what,
        })
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            if matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn run(mut self) -> Result<Findings, Invalid> {
        let mut found = Findings::default();
        // Bit d of `objects` is set when the container at depth d (1-based) is an object.
        let mut objects: u128 = 0;
        let mut depth = 0usize;
        let mut watch = Watch::None;
        self.ws();
        'value: loop {
            // Expect a value.
            let start = self.i;
            match self.peek() {
                Some(b'{') | Some(b'[') => {
                    let is_object = self.b[self.i] == b'{';
                    if depth == MAX_DEPTH {
                        return self.fail("nested too deep");
                    }
                    if watch == Watch::Errors && is_object {
                        found.errors = true;
                    }
                    watch = Watch::None;
                    self.i += 1;
                    depth += 1;
                    if is_object {
                        objects |= 1 << (depth - 1);
                    } else {
                        objects &= !(1 << (depth - 1));
                    }
                    self.ws();
                    let close = if is_object { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.i += 1;
                        depth -= 1;
                    } else if is_object {
                        watch = self.key(depth)?;
                        continue 'value;
                    } else {
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                    if watch == Watch::Type && self.b[start + 1..self.i - 1] == *UNAUTHORIZED_TYPE {
                        found.unauthorized = true;
                    }
                }
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(_) => return self.fail("expected a value"),
                None => return self.fail("unexpected end"),
            }
            watch = Watch::None;
            // After a value: a separator, a closer, or the end.
            loop {
                self.ws();
                if depth == 0 {
                    if self.i == self.b.len() {
                        return Ok(found);
                    }
                    return self.fail("trailing characters");
                }
                let in_object = objects & (1 << (depth - 1)) != 0;
                match self.peek() {
                    Some(b',') => {
                        self.i += 1;
                        self.ws();
                        if in_object {
                            watch = self.key(depth)?;
                        }
                        continue 'value;
                    }
                    Some(b'}') if in_object => {
                        self.i += 1;
                        depth -= 1;
                    }
                    Some(b']') if !in_object => {
                        self.i += 1;
                        depth -= 1;
                    }
                    Some(_) => return self.fail("expected , or a closing bracket"),
                    None => return self.fail("unexpected end"),
                }
            }
        }
    }

    /// A member name, its colon and the whitespace before the value. Returns which top-level
    /// key it is.
    fn key(&mut self, depth: usize) -> Result<Watch, Invalid> {
        if self.peek() != Some(b'"') {
            return self.fail("expected a member name");
        }
        let start = self.i + 1;
        self.string()?;
        let name = &self.b[start..self.i - 1];
        self.ws();
        if self.peek() != Some(b':') {
            return self.fail("expected :");
        }
        self.i += 1;
        self.ws();
        Ok(match (depth, name) {
            (1, b"errors") => Watch::Errors,
            (1, b"type") => Watch::Type,
            _ => Watch::None,
        })
    }

    /// A string, from its opening quote to just past its closing one.
    fn string(&mut self) -> Result<(), Invalid> {
        let b = self.b;
        let mut i = self.i + 1;
        loop {
            // Skip eight plain bytes at a time: none is '"', '\\' or a control character.
            while i + 8 <= b.len() {
                let mut chunk = [0u8; 8];
                chunk.copy_from_slice(&b[i..i + 8]);
                let x = u64::from_le_bytes(chunk);
                if has_special(x) {
                    break;
                }
                i += 8;
            }
            let Some(&c) = b.get(i) else {
                self.i = i;
                return self.fail("unterminated string");
            };
            match c {
                b'"' => {
                    self.i = i + 1;
                    return Ok(());
                }
                b'\\' => match b.get(i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(b'u') => {
                        let hex = b.get(i + 2..i + 6);
                        if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                            self.i = i;
                            return self.fail("bad \\u escape");
                        }
                        i += 6;
                    }
                    _ => {
                        self.i = i;
                        return self.fail("bad escape");
                    }
                },
                0..=0x1f => {
                    self.i = i;
                    return self.fail("control character in a string");
                }
                _ => i += 1,
            }
        }
    }

    fn number(&mut self) -> Result<(), Invalid> {
        let b = self.b;
        let mut i = self.i;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            _ => {
                self.i = i;
                return self.fail("bad number");
            }
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                self.i = i;
                return self.fail("bad number");
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                self.i = i;
                return self.fail("bad number");
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        self.i = i;
        Ok(())
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Invalid> {
        if self.b.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Ok(())
        } else {
            self.fail("bad literal")
        }
    }
}

/// Whether any byte of `x` is '"', '\\' or below 0x20 (SWAR: "has zero byte" and "has byte
/// less than n" tricks).
#[inline]
fn has_special(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let quote = zero(x ^ (ONES * b'"' as u64));
    let backslash = zero(x ^ (ONES * b'\\' as u64));
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    (quote | backslash | control) != 0
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
                    has_special(u64::from_le_bytes(bytes)),
                    "{special} at {lane}"
                );
            }
            let mut bytes = [b'a'; 8];
            bytes[lane] = 0x20;
            assert!(!has_special(u64::from_le_bytes(bytes)));
            bytes[lane] = 0xff;
            assert!(!has_special(u64::from_le_bytes(bytes)));
        }
    }
}
