//! Shipping labels: an order's `labelEncode` (base64, as BTS sends it) as bytes or a file.

use std::path::Path;

use crate::error::{Error, ErrorKind};

/// Decodes standard base64 (with or without `=` padding; whitespace and a `data:...;base64,`
/// prefix are ignored) into bytes. Anything else is kind `decode`.
///
/// ```
/// assert_eq!(bts::decode_label("JVBERi0=").unwrap(), b"%PDF-");
/// assert!(bts::decode_label("<encoded_file>").is_err());
/// ```
pub fn decode_label(label_encode: &str) -> Result<Vec<u8>, Error> {
    let text = match label_encode.find(";base64,") {
        Some(at) if label_encode.starts_with("data:") => &label_encode[at + 8..],
        _ => label_encode,
    };
    let bad = || {
        Error::new(
            ErrorKind::Decode,
            "labelEncode is not base64: the label cannot be decoded",
        )
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut padding = 0usize;
    let mut seen = 0usize;
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return Err(bad()),
        };
        if padding > 0 {
            return Err(bad());
        }
        seen += 1;
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if seen == 0 || seen % 4 == 1 || padding > 2 {
        return Err(bad());
    }
    Ok(out)
}

/// Decodes `label_encode` and writes it to `path` (created or replaced). Returns the number of
/// bytes written.
pub fn save_label(label_encode: &str, path: impl AsRef<Path>) -> Result<usize, Error> {
    let bytes = decode_label(label_encode)?;
    std::fs::write(path.as_ref(), &bytes).map_err(|e| {
        Error::invalid_input(format!(
            "could not write the label to {}: {e}",
            path.as_ref().display()
        ))
    })?;
    Ok(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_padded_unpadded_and_rejects_junk() {
        assert_eq!(decode_label("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_label("aGVsbG8").unwrap(), b"hello");
        assert_eq!(decode_label("aGVs\nbG8=").unwrap(), b"hello");
        assert_eq!(
            decode_label("data:application/pdf;base64,aGk=").unwrap(),
            b"hi"
        );
        assert!(decode_label("").is_err());
        assert!(decode_label("a").is_err());
        assert!(decode_label("aG=Vs").is_err());
        assert!(decode_label("<encoded_file>").is_err());
    }
}
