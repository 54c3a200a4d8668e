//! The response scanner against serde_json's verdict: the same answer on every fixture, on
//! thousands of mutations of them, and on generated documents. The oracle is serde_json's
//! `IgnoredAny` pass (RFC 8259 grammar) plus the depth limit both share.

use bts::json_check::{check, MAX_DEPTH};
use serde::de::IgnoredAny;

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
    assert_eq!(
        check(text).is_ok(),
        oracle(text),
        "disagreement on {text:?}"
    );
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
