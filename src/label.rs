//! Shipping labels: an order's `labelEncode` (base64, as BTS sends it) as bytes or a file.

use std::path::Path;

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine as _;

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
    // BTS has sent both alphabets and both paddings; line breaks come from mail-style encoders.
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\n' | '\r' | '\t'))
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let unpadded = compact.trim_end_matches('=');
    if unpadded.is_empty() || compact.len() - unpadded.len() > 2 {
        return Err(bad());
    }
    STANDARD_NO_PAD
        .decode(unpadded)
        .map_err(|e| bad().with_source(e))
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
