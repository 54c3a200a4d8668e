//! Calendar and clock in Tashkent time (UTC+5, no daylight saving), the zone of every date in
//! BTS replies. (The library has its own date helpers; the sandbox does not depend on it.)

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
}
