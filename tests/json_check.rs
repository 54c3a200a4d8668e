//! The response scanner against serde_json's verdict: the same answer on every fixture, on
//! thousands of mutations of them, and on generated documents (string-, escape- and
//! Unicode-heavy, deep, pretty and compact). The oracle is serde_json's `IgnoredAny` pass
//! (RFC 8259 grammar) plus the depth limit both share; the findings (top-level `errors`, `type`
//! and the spans of `data`, `status`, `status_code`, `message`) are held to the fuzz target's
//! serde_json oracle.

use bts::json_check::{check, MAX_DEPTH};
use serde::de::IgnoredAny;

#[allow(dead_code)]
#[path = "../fuzz/src/targets.rs"]
mod targets;

fn depth_ok(text: &str) -> bool {
    let (mut depth, mut max, mut in_str, mut esc) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_str {
            match (esc, b) {
                (true, _) => esc = false,
                (false, b'\\') => esc = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max <= MAX_DEPTH
}

fn oracle(text: &str) -> bool {
    serde_json::from_str::<IgnoredAny>(text).is_ok() && depth_ok(text)
}

fn agree(text: &str) {
    let ours = check(text);
    assert_eq!(ours.is_ok(), oracle(text), "disagreement on {text:?}");
    match ours {
        Ok(found) => assert_eq!(
            found,
            targets::findings_oracle(text),
            "findings of {text:?}"
        ),
        Err(e) => assert!(e.offset <= text.len(), "{e:?} for {text:?}"),
    }
}

fn fixtures() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/api");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    out.sort();
    out
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const ALPHABET: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "0",
    "1",
    "-",
    ".",
    "e",
    "E",
    "+",
    "t",
    "n",
    "f",
    " ",
    "\n",
    "\u{1}",
    "a",
    "é",
    "«",
    "\\u",
    "\\ud800",
    "true",
    "null",
    "1e400",
    "\"errors\"",
    "\"type\"",
];

#[test]
fn agrees_on_every_fixture() {
    let all = fixtures();
    assert!(all.len() > 40);
    for text in &all {
        assert!(check(text).is_ok(), "{text}");
        agree(text);
    }
}

#[test]
fn agrees_on_mutations() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut rejected = 0;
    for text in fixtures() {
        let chars: Vec<char> = text.chars().collect();
        for _ in 0..300 {
            let mut m = chars.clone();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(m.len().max(1));
                match rng.below(3) {
                    0 if !m.is_empty() => {
                        m.remove(at);
                    }
                    1 => {
                        let piece: Vec<char> =
                            ALPHABET[rng.below(ALPHABET.len())].chars().collect();
                        for (k, c) in piece.into_iter().enumerate() {
                            m.insert((at + k).min(m.len()), c);
                        }
                    }
                    _ if !m.is_empty() => {
                        m[at] = ALPHABET[rng.below(ALPHABET.len())].chars().next().unwrap()
                    }
                    _ => {}
                }
            }
            let s: String = m.into_iter().collect();
            rejected += usize::from(check(&s).is_err());
            agree(&s);
        }
    }
    assert!(
        rejected > 1000,
        "the mutations exercise the error paths: {rejected}"
    );
}

#[test]
fn agrees_on_generated_documents() {
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let len = 1 + rng.below(24);
        let s: String = (0..len)
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect();
        agree(&s);
    }
    for depth in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1] {
        let s = format!("{}{}", "{\"a\":[".repeat(depth / 2), "]}".repeat(depth / 2));
        agree(&s);
    }
}

/// A random JSON document: strings with runs of every length, escapes (surrogate pairs
/// included) and multi-byte characters, numbers of every form, nesting, and whitespace
/// between tokens when `pretty`.
struct Gen {
    rng: Rng,
    pretty: bool,
}

const NAMES: &[&str] = &[
    "data",
    "status",
    "status_code",
    "message",
    "errors",
    "type",
    "d\\u0061ta",
    "items",
    "Маҳсулот",
    "a\\\"b",
];

const PIECES: &[&str] = &[
    "\\\"",
    "\\\\",
    "\\/",
    "\\b\\f\\n\\r\\t",
    "\\u0041",
    "\\u00e9",
    "\\ud83d\\ude00",
    "é",
    "«»",
    "Маҳсулот № 39, қадоқланган",
    "😀",
    "yii\\\\web\\\\UnauthorizedHttpException",
    "\u{7f}",
];

impl Gen {
    fn ws(&mut self, out: &mut String) {
        if self.pretty {
            for _ in 0..self.rng.below(4) {
                out.push([' ', '\n', '\t', '\r'][self.rng.below(4)]);
            }
        }
    }

    fn string(&mut self, out: &mut String) {
        out.push('"');
        for _ in 0..self.rng.below(6) {
            if self.rng.below(2) == 0 {
                let n = self.rng.below(40);
                out.extend((0..n).map(|k| (b'a' + (k % 26) as u8) as char));
            } else {
                out.push_str(PIECES[self.rng.below(PIECES.len())]);
            }
        }
        out.push('"');
    }

    fn value(&mut self, out: &mut String, depth: usize) {
        self.ws(out);
        match self.rng.below(if depth > 6 { 5 } else { 8 }) {
            0 | 1 => self.string(out),
            2 => out.push_str(
                [
                    "0",
                    "-0",
                    "12",
                    "-7.25",
                    "1e5",
                    "2.5E-3",
                    "10000000000000000000000",
                    "0.1e+2",
                ][self.rng.below(8)],
            ),
            3 => out.push_str(["true", "false", "null"][self.rng.below(3)]),
            4 => out.push_str(if self.rng.below(2) == 0 { "{}" } else { "[]" }),
            5 | 6 => self.object(out, depth + 1),
            _ => {
                out.push('[');
                for k in 0..self.rng.below(5) {
                    if k > 0 {
                        out.push(',');
                    }
                    self.value(out, depth + 1);
                }
                self.ws(out);
                out.push(']');
            }
        }
        self.ws(out);
    }

    fn object(&mut self, out: &mut String, depth: usize) {
        out.push('{');
        for k in 0..self.rng.below(7) {
            if k > 0 {
                out.push(',');
            }
            self.ws(out);
            if self.rng.below(3) == 0 {
                self.string(out);
            } else {
                out.push('"');
                out.push_str(NAMES[self.rng.below(NAMES.len())]);
                out.push('"');
            }
            self.ws(out);
            out.push(':');
            self.value(out, depth);
        }
        self.ws(out);
        out.push('}');
    }
}

#[test]
fn agrees_on_string_heavy_and_escape_heavy_documents() {
    let mut g = Gen {
        rng: Rng(7),
        pretty: false,
    };
    let mut accepted = 0;
    for round in 0..6000 {
        g.pretty = round % 2 == 1;
        let mut text = String::new();
        if round % 5 == 0 {
            g.value(&mut text, 0);
        } else {
            g.object(&mut text, 0);
        }
        assert!(oracle(&text), "the generator writes JSON: {text:?}");
        agree(&text);
        accepted += usize::from(check(&text).is_ok());
        // and one mutation of it: a byte removed, doubled or replaced
        let bytes = text.as_bytes();
        let at = g.rng.below(bytes.len());
        let mut m = bytes.to_vec();
        match g.rng.below(3) {
            0 => {
                m.remove(at);
            }
            1 => m.insert(at, bytes[at]),
            _ => m[at] = b"\"\\{}[],: 0a\x01"[g.rng.below(12)],
        }
        if let Ok(m) = String::from_utf8(m) {
            agree(&m);
        }
    }
    assert_eq!(accepted, 6000);
}

#[test]
fn finds_the_envelope_of_the_current_api() {
    let text = r#"{"status":true,"message":"Успешно","status_code":200,"data":{"orderId":229234,"items":[{"name":"a\"b"}]}}"#;
    let found = check(text).unwrap();
    assert_eq!(found, targets::findings_oracle(text));
    let data = found.data.unwrap().of(text);
    assert_eq!(data, r#"{"orderId":229234,"items":[{"name":"a\"b"}]}"#);
    assert_eq!(found.status.unwrap().as_bool(text), Some(true));
    assert_eq!(found.status_code.unwrap().as_i64(text), Some(200));
    assert_eq!(
        found.message.unwrap().as_string(text).as_deref(),
        Some("Успешно")
    );
    let text = r#"{"status":false,"message":"error.\u006eot_found","status_code":404}"#;
    let found = check(text).unwrap();
    assert_eq!(found.data, None);
    assert_eq!(found.status.unwrap().as_bool(text), Some(false));
    assert_eq!(
        found.message.unwrap().as_string(text).as_deref(),
        Some("error.not_found")
    );
}

#[test]
fn agrees_on_deep_documents() {
    for depth in [
        1,
        2,
        63,
        64,
        65,
        MAX_DEPTH - 1,
        MAX_DEPTH,
        MAX_DEPTH + 1,
        300,
    ] {
        for (open, close) in [
            ("[", "]"),
            ("{\"data\":", "}"),
            ("[{\"a\":\"\\\"\",\"b\":", "}]"),
        ] {
            let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            agree(&text);
            let text = format!("{}{}", open.repeat(depth), close.repeat(depth));
            agree(&text);
        }
    }
}
