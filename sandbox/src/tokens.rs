//! Tokens the sandbox issues (40-hex legacy tokens and JWTs) and the base64 they are built with.

use std::time::{SystemTime, UNIX_EPOCH};

/// Standard base64 with padding.
pub(crate) fn base64(data: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// Unpadded URL-safe base64 (JWT segments).
pub(crate) fn base64url(data: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
}

/// Decodes base64 loosely: standard or URL-safe alphabet, padding optional, whitespace ignored.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT
        .decode(cleaned)
        .ok()
}

/// SplitMix64: a good 64-bit mixer.
pub(crate) fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A random-looking 40-character lowercase hex token from a seed and a counter.
pub(crate) fn token(seed: u64, counter: u64) -> String {
    let a = splitmix(seed ^ counter.wrapping_mul(0xA24B_AED4_963E_E407));
    let b = splitmix(a ^ seed.rotate_left(17));
    let c = splitmix(b ^ counter);
    let mut s = format!("{a:016x}{b:016x}{c:016x}");
    s.truncate(40);
    s
}

/// A JWT (`{"typ":"JWT","alg":"RS256"}` header, as BTS's tokens have) whose payload is
/// `{"iss":"bts-sandbox","uid":1,"iat":…,"exp":…,"jti":…}` with `exp` the issue time plus
/// `life` (in whole seconds, rounded down). The signature is random bytes, not RS256: the
/// sandbox knows its tokens by lookup.
pub(crate) fn jwt(seed: u64, counter: u64, life: std::time::Duration) -> String {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    let iat = now_ms / 1000;
    let exp = (now_ms + life.as_millis().min(u128::from(u64::MAX / 2)) as u64) / 1000;
    let jti = token(seed, counter);
    let header = base64url(br#"{"typ":"JWT","alg":"RS256"}"#);
    let payload = base64url(
        format!(r#"{{"iss":"bts-sandbox","uid":1,"iat":{iat},"exp":{exp},"jti":"{jti}"}}"#)
            .as_bytes(),
    );
    let mut sig = Vec::with_capacity(64);
    let mut x = seed ^ counter.rotate_left(29);
    for _ in 0..8 {
        x = splitmix(x);
        sig.extend_from_slice(&x.to_le_bytes());
    }
    format!("{header}.{payload}.{}", base64url(&sig))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_tokens() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_decode("Zm9v YmE").unwrap(), b"fooba");
        assert_eq!(base64_decode("-_8").unwrap(), vec![0xfb, 0xff]);
        assert!(base64_decode("%%").is_none());
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        let t = token(1, 2);
        assert_eq!(t.len(), 40);
        assert!(t
            .bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(t, token(1, 3));
    }

    #[test]
    fn jwts() {
        let t = jwt(7, 1, std::time::Duration::from_secs(60));
        let parts: Vec<&str> = t.split('.').collect();
        assert_eq!(parts.len(), 3);
        let payload = String::from_utf8(base64_decode(parts[1]).unwrap()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&payload).unwrap();
        let (iat, exp) = (v["iat"].as_i64().unwrap(), v["exp"].as_i64().unwrap());
        assert!((59..=60).contains(&(exp - iat)), "{payload}");
        assert_ne!(t, jwt(7, 2, std::time::Duration::from_secs(60)));
    }
}
