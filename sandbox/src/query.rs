//! Query strings and form values: percent-decoding (on `percent-encoding`) as PHP reads `$_GET`,
//! and form encoding as PHP writes it.

/// The bytes a form value keeps as they are: ASCII letters, digits and `-_.*`, as PHP's
/// `urlencode` does (a space becomes `+`, everything else `%XX`).
const FORM_KEPT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'*');

/// Percent-encodes a form value (`application/x-www-form-urlencoded`: space is `+`).
pub(crate) fn form_encode(s: &str) -> String {
    s.split(' ')
        .map(|part| percent_encoding::utf8_percent_encode(part, FORM_KEPT).to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// Percent-decodes a query component (`+` is a space, as PHP's `$_GET` reads it; a `%` not
/// followed by two hex digits stays as it is; invalid UTF-8 becomes U+FFFD).
pub(crate) fn pct_decode(s: &str) -> String {
    if !s.contains(['%', '+']) {
        return s.to_owned();
    }
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

/// The decoded `key=value` pairs of a query string, in order.
pub(crate) fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (pct_decode(k), pct_decode(v)),
            None => (pct_decode(p), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries() {
        assert_eq!(form_encode("a b&{\"x\":1}"), "a+b%26%7B%22x%22%3A1%7D");
        assert_eq!(pct_decode("a%20b+c%2Fd%zz%"), "a b c/d%zz%");
        assert_eq!(
            parse_query("r=v1/order/detail&id=229234&x"),
            vec![
                ("r".to_owned(), "v1/order/detail".to_owned()),
                ("id".to_owned(), "229234".to_owned()),
                ("x".to_owned(), String::new())
            ]
        );
    }
}
