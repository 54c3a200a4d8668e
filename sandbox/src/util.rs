//! Small helpers: clock and calendar (Tashkent time), base64, label PDFs, tokens, query
//! strings, HTTP reason phrases and Yii2 error bodies.

use std::time::{SystemTime, UNIX_EPOCH};

/// Tashkent is UTC+5 all year (no daylight saving): dates in responses use it.
pub(crate) const TZ_OFFSET_SECS: i64 = 5 * 3600;

pub(crate) fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub(crate) fn now_nanos() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// (year, month, day) of a day number counted from 1970-01-01 (H. Hinnant's algorithm).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u64;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i64 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The day number (from 1970-01-01) of a civil date.
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u64;
    let m = m as u64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as u64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i64 - 719_468
}

/// `YYYY-MM-DD` of a day number.
pub(crate) fn date_of_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Today's day number in Tashkent.
pub(crate) fn today_days() -> i64 {
    (now_unix() + TZ_OFFSET_SECS).div_euclid(86_400)
}

/// `YYYY-MM-DD HH:MM:SS` in Tashkent time.
pub(crate) fn datetime_local(unix: i64) -> String {
    let t = unix + TZ_OFFSET_SECS;
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02}:{:02}",
        date_of_days(days),
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The day number of a `YYYY-MM-DD` string (anything may follow the date).
pub(crate) fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > 31 {
        return None;
    }
    let days = days_from_civil(y, m, d);
    (civil_from_days(days) == (y, m, d)).then_some(days)
}

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

/// A small, valid one-page PDF: the shipping label naming the order id and barcode.
pub(crate) fn label_pdf(order_id: i64, barcode: &str) -> Vec<u8> {
    pdf(&[vec![
        "BTS Express".to_owned(),
        format!("Order {order_id}"),
        format!("Barcode {barcode}"),
        "Sandbox label".to_owned(),
    ]])
}

/// Escapes text for a PDF string literal (Helvetica's WinAnsi range; other characters become
/// `?`).
fn pdf_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

/// A valid PDF with one 100 × 60 mm page per entry of `pages`; each page shows its lines, the
/// first one larger (the title).
pub(crate) fn pdf(pages: &[Vec<String>]) -> Vec<u8> {
    // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream per page.
    let n = pages.len().max(1);
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let empty = Vec::new();
    for i in 0..n {
        let lines = pages.get(i).unwrap_or(&empty);
        let mut text = String::from("BT /F1 16 Tf 20 130 Td");
        for (j, line) in lines.iter().enumerate() {
            if j == 1 {
                text.push_str(" /F1 12 Tf 0 -28 Td");
            } else if j > 1 {
                text.push_str(" 0 -20 Td");
            }
            text.push_str(&format!(" ({}) Tj", pdf_text(line)));
        }
        text.push_str(" ET");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 283 170] /Contents {} 0 R \
             /Resources << /Font << /F1 3 0 R >> >> >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{text}\nendstream",
            text.len()
        ));
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
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

/// The standard reason phrase of a status code.
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

/// The Yii2 error body a BTS server sends for an HTTP error status, e.g. for 401:
/// `{"name":"Unauthorized","message":"Your request was made with invalid credentials.","code":0,"status":401,"type":"yii\\web\\UnauthorizedHttpException"}`.
///
/// `message` replaces the default message of that status when given.
pub fn yii_error_body(status: u16, message: Option<&str>) -> String {
    let (name, default_msg, ty) = match status {
        400 => (
            "Bad Request",
            "Bad Request",
            "yii\\web\\BadRequestHttpException",
        ),
        401 => (
            "Unauthorized",
            "Your request was made with invalid credentials.",
            "yii\\web\\UnauthorizedHttpException",
        ),
        403 => (
            "Forbidden",
            "You are not allowed to perform this action.",
            "yii\\web\\ForbiddenHttpException",
        ),
        404 => (
            "Not Found",
            "Page not found.",
            "yii\\web\\NotFoundHttpException",
        ),
        405 => (
            "Method Not Allowed",
            "Method Not Allowed.",
            "yii\\web\\MethodNotAllowedHttpException",
        ),
        406 => (
            "Not Acceptable",
            "Not Acceptable",
            "yii\\web\\NotAcceptableHttpException",
        ),
        409 => ("Conflict", "Conflict", "yii\\web\\ConflictHttpException"),
        410 => ("Gone", "Gone", "yii\\web\\GoneHttpException"),
        415 => (
            "Unsupported Media Type",
            "Unsupported Media Type",
            "yii\\web\\UnsupportedMediaTypeHttpException",
        ),
        422 => (
            "Unprocessable entity",
            "Data Validation Failed.",
            "yii\\web\\UnprocessableEntityHttpException",
        ),
        429 => (
            "Too Many Requests",
            "Rate limit exceeded.",
            "yii\\web\\TooManyRequestsHttpException",
        ),
        500 => (
            "Internal Server Error",
            "An internal server error occurred.",
            "yii\\web\\ServerErrorHttpException",
        ),
        503 => (
            "Service Unavailable",
            "Service Unavailable",
            "yii\\web\\ServiceUnavailableHttpException",
        ),
        _ => (reason(status), reason(status), "yii\\web\\HttpException"),
    };
    let mut out = Vec::with_capacity(160);
    out.extend_from_slice(b"{\"name\":");
    crate::json::write_str(&mut out, name);
    out.extend_from_slice(b",\"message\":");
    crate::json::write_str(&mut out, message.unwrap_or(default_msg));
    out.extend_from_slice(format!(",\"code\":0,\"status\":{status},\"type\":").as_bytes());
    crate::json::write_str(&mut out, ty);
    out.push(b'}');
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar() {
        assert_eq!(date_of_days(0), "1970-01-01");
        assert_eq!(
            parse_date("2018-02-06").map(date_of_days).unwrap(),
            "2018-02-06"
        );
        assert_eq!(
            date_of_days(parse_date("2024-02-28").unwrap() + 1),
            "2024-02-29"
        );
        assert_eq!(
            date_of_days(parse_date("2023-12-31").unwrap() + 1),
            "2024-01-01"
        );
        assert!(parse_date("2023-02-30").is_none());
        assert!(parse_date("x").is_none());
        assert_eq!(
            datetime_local(1_720_690_236 - TZ_OFFSET_SECS),
            "2024-07-11 09:30:36"
        );
    }

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
        assert_eq!(form_encode("a b&{\"x\":1}"), "a+b%26%7B%22x%22%3A1%7D");
    }

    #[test]
    fn queries() {
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

    #[test]
    fn pdf_is_well_formed() {
        let pdf = label_pdf(229_234, "60000006106");
        let s = String::from_utf8(pdf).unwrap();
        assert!(s.starts_with("%PDF-1.4"));
        assert!(s.contains("Order 229234"));
        assert!(s.ends_with("%%EOF\n"));
        let xref: usize = s.lines().rev().nth(1).unwrap().parse().unwrap();
        assert!(s[xref..].starts_with("xref"));
        // Every xref offset points at its object.
        let table: Vec<usize> = s[xref..]
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .map(|l| l[..10].parse().unwrap())
            .collect();
        assert_eq!(table.len(), 5);
        for (i, off) in table.iter().enumerate() {
            assert!(s[*off..].starts_with(&format!("{} 0 obj", i + 1)));
        }
        let many = super::pdf(&[vec!["A (1)".into()], vec!["B".into()], vec!["Ц".into()]]);
        let m = String::from_utf8(many).unwrap();
        assert!(m.contains("/Count 3") && m.contains("(A \\(1\\)) Tj") && m.contains("(?) Tj"));
    }
}
