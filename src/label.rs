//! Shipping labels: an order's `labelEncode` (base64, as BTS sends it) as bytes or a file.

use std::path::Path;

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine as _;

use crate::error::{Error, ErrorKind};
use crate::model::SavedLabel;

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

impl crate::Client {
    /// Saves the shipping label of one order as a PDF file: on the legacy API the order's
    /// `labelEncode`; on the current API its sticker (`labelEncode` when sent, else the PDF
    /// behind `labelSticker`, downloaded). The file is written whole or not at all.
    ///
    /// Operation `label/save` (`{"orderId": N, "path": "..."}`).
    pub fn save_order_label(
        &self,
        order_id: i64,
        path: impl AsRef<Path>,
    ) -> Result<SavedLabel, Error> {
        self.call_typed(
            "label/save",
            &serde_json::json!({"orderId": order_id, "path": path.as_ref().to_string_lossy()}),
        )
    }

    /// Saves the labels of up to 50 orders in one PDF file (current API).
    ///
    /// Operation `label/save` (`{"orderIds": [...], "path": "..."}`).
    pub fn save_stickers(
        &self,
        order_ids: &[i64],
        path: impl AsRef<Path>,
    ) -> Result<SavedLabel, Error> {
        self.call_typed(
            "label/save",
            &serde_json::json!({"orderIds": order_ids, "path": path.as_ref().to_string_lossy()}),
        )
    }

    /// The shipping label of one order, or of up to 50 in one PDF (current API), as the PDF's
    /// bytes in memory: what `label/save` writes, without a file. On the legacy API the order's
    /// `labelEncode`; on the current API its sticker (`labelEncode` when sent, else the PDF
    /// behind `labelSticker`, downloaded). Bounded by `timeout_ms`.
    pub fn label_pdf(&self, order_ids: &[i64]) -> Result<Vec<u8>, Error> {
        let deadline = std::time::Instant::now() + self.config().timeout();
        let orders = match order_ids {
            [] => {
                return Err(Error::invalid_input(
                    "label_pdf: give at least one order id",
                ))
            }
            [one] => Orders::One(serde_json::Value::from(*one)),
            many => Orders::Several(many.iter().map(|&id| id.into()).collect()),
        };
        self.fetch_label(orders, deadline).map(|(bytes, _)| bytes)
    }

    /// `label/save`: fetch, check it is a PDF, write it atomically.
    pub(crate) fn label_save(
        &self,
        params: &crate::request::Params<'_>,
        deadline: std::time::Instant,
    ) -> Result<String, Error> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Input {
            order_id: Option<serde_json::Value>,
            order_ids: Option<Vec<serde_json::Value>>,
            path: Option<String>,
        }
        let input: Input = serde_json::from_str(params.text).map_err(|e| {
            Error::invalid_input("label/save takes {\"orderId\" or \"orderIds\", \"path\"}")
                .with_source(e)
        })?;
        let path = match input.path {
            Some(p) if !p.is_empty() => p,
            _ => {
                return Err(crate::request::rejected(
                    "label/save",
                    [("path".to_owned(), vec!["is required".to_owned()])].into(),
                ))
            }
        };
        let orders = match (input.order_id, input.order_ids) {
            (Some(id), None) => Orders::One(id),
            (None, Some(ids)) => Orders::Several(ids),
            _ => {
                return Err(crate::request::rejected(
                    "label/save",
                    [(
                        "orderId".to_owned(),
                        vec!["give orderId or orderIds, not both".to_owned()],
                    )]
                    .into(),
                ))
            }
        };
        let (bytes, source) = self.fetch_label(orders, deadline)?;
        write_whole(Path::new(&path), &bytes)?;
        serde_json::to_string(&SavedLabel {
            path,
            bytes: bytes.len(),
            source: source.to_owned(),
        })
        .map_err(|_| Error::internal("label/save: could not encode the answer"))
    }

    /// The label PDF of `orders` and where it came from (`labelEncode` or `labelSticker`).
    fn fetch_label(
        &self,
        orders: Orders,
        deadline: std::time::Instant,
    ) -> Result<(Vec<u8>, &'static str), Error> {
        let current = self.config().courier_api == crate::Api::Current;
        let reply = match (orders, current) {
            (Orders::One(id), false) => self.call_json("order/detail", &serde_json::json!({"orderId": id}).to_string())?,
            (Orders::One(id), true) => self.call_json("order/sticker", &serde_json::json!({"orderId": id}).to_string())?,
            (Orders::Several(ids), true) => self.call_json("order/stickers", &serde_json::json!({"orderIds": ids}).to_string())?,
            (Orders::Several(_), false) => {
                return Err(Error::invalid_input(
                    "label/save: several labels in one PDF (orderIds) need the current API; give one orderId",
                ))
            }
        };
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Labels {
            label_encode: Option<String>,
            label_sticker: Option<String>,
        }
        let labels: Labels = serde_json::from_str(&reply).map_err(|e| {
            Error::new(ErrorKind::Decode, "label/save: the reply has no label").with_source(e)
        })?;
        let (bytes, source) = match (
            labels.label_encode.filter(|l| !l.trim().is_empty()),
            labels.label_sticker,
        ) {
            (Some(encoded), _) => (decode_label(&encoded)?, "labelEncode"),
            (None, Some(link)) if !link.is_empty() => {
                (self.download(&link, deadline)?, "labelSticker")
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::Decode,
                    "label/save: BTS sent neither labelEncode nor a labelSticker link",
                ))
            }
        };
        if !bytes.starts_with(b"%PDF-") {
            return Err(Error::new(
                ErrorKind::Decode,
                format!("label/save: the label ({source}) is not a PDF"),
            ));
        }
        Ok((bytes, source))
    }
}

/// The orders of one label: one id, or several in one PDF (current API).
enum Orders {
    One(serde_json::Value),
    Several(Vec<serde_json::Value>),
}

/// Writes `bytes` to a new temporary file beside `path`, then renames it over `path`: a reader
/// never sees half a label. The temporary name is unique per call and unpredictable (random
/// bits from the standard library's OS-seeded hasher), and the file is created only if no file
/// has that name (`create_new`), so two threads, two processes or a planted link never share
/// it.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write as _;
    let fail = |e: std::io::Error| {
        Error::invalid_input(format!(
            "could not write the label to {}: {e}",
            path.display()
        ))
        .with_source(e)
    };
    let (tmp, mut file) = loop {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".{:016x}.part", random()));
        let tmp = std::path::PathBuf::from(tmp);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(fail(e)),
        }
    };
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    written
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            fail(e)
        })
}

/// 64 unpredictable bits: `RandomState` is seeded from the operating system's random source,
/// and each one made differs.
fn random() -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish()
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

    #[test]
    fn temporary_names_differ_per_call_and_leave_nothing_behind() {
        let dir = std::env::temp_dir().join(format!("bts-label-unit-{:016x}", random()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("label.pdf");
        let names: std::collections::HashSet<u64> = (0..1000).map(|_| random()).collect();
        assert_eq!(names.len(), 1000, "random() repeated itself");
        std::thread::scope(|s| {
            for i in 0..8u8 {
                let path = &path;
                s.spawn(move || write_whole(path, &[i; 4096]).unwrap());
            }
        });
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.len() == 4096 && bytes.iter().all(|b| *b == bytes[0]));
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "a temporary file was left behind: {left:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
