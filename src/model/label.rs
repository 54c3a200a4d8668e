//! What `label/save` answers.

/// What `label/save` wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedLabel {
    /// The file written.
    pub path: String,
    /// How many bytes.
    pub bytes: usize,
    /// Where the PDF came from: `labelEncode` (base64 in the reply) or `labelSticker` (the
    /// PDF link, downloaded).
    pub source: String,
}
