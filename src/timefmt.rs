//! Times for people (local time zone) and for machines (Unix seconds plus RFC 3339).

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::Serialize;

/// The service's own zone (China, UTC+8): naive times it sends, and birthdays, are in it.
pub fn service_zone() -> FixedOffset {
    SERVICE_ZONE
}

// Checked at compile time: +08:00 is always a valid offset.
const SERVICE_ZONE: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(zone) => zone,
    None => panic!("UTC+8 is a valid offset"),
};

/// `2025-11-20 23:12` in the user's local time; empty for 0 (the service's "never").
pub fn local_datetime(unix: i64) -> String {
    match Local.timestamp_opt(unix, 0).single() {
        Some(t) if unix > 0 => t.format("%Y-%m-%d %H:%M").to_string(),
        _ => String::new(),
    }
}

/// `2025-11-20` in the user's local time; empty for 0.
pub fn local_date(unix: i64) -> String {
    match Local.timestamp_opt(unix, 0).single() {
        Some(t) if unix > 0 => t.format("%Y-%m-%d").to_string(),
        _ => String::new(),
    }
}

/// A birthday is a calendar date, stored as midnight in the service's zone: read it there,
/// so it does not move a day for users west of China.
pub fn birthday_date(unix: i64) -> Option<NaiveDate> {
    (unix != 0)
        .then(|| service_zone().timestamp_opt(unix, 0).single())
        .flatten()
        .map(|t| t.date_naive())
}

/// The Unix seconds of a birthday date (midnight in the service's zone).
pub fn birthday_timestamp(date: NaiveDate) -> i64 {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    service_zone()
        .from_local_datetime(&midnight)
        .single()
        .map_or(0, |t| t.timestamp())
}

/// `register_time` comes as `YYYY-MM-DD hh:mm:ss` in the service's zone.
pub fn parse_service_time(text: &str) -> Option<i64> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
    service_zone()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.timestamp())
}

/// A timestamp for `--json`: both forms, RFC 3339 in UTC so output does not depend on the
/// machine's zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stamp {
    pub unix: i64,
    pub rfc3339: String,
}

/// `None` for 0, the service's "not set".
pub fn stamp(unix: i64) -> Option<Stamp> {
    if unix == 0 {
        return None;
    }
    let t: DateTime<Utc> = Utc.timestamp_opt(unix, 0).single()?;
    Some(Stamp {
        unix,
        rfc3339: t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthdays_are_dates_in_the_service_zone() {
        // 946656000 is 2000-01-01 00:00 in UTC+8 (the spec's get_user vector).
        let date = birthday_date(946_656_000).unwrap();
        assert_eq!(date.to_string(), "2000-01-01");
        assert_eq!(birthday_timestamp(date), 946_656_000);
        assert_eq!(birthday_date(0), None);
    }

    #[test]
    fn register_time_and_stamps() {
        assert_eq!(
            parse_service_time("2021-12-16 12:00:26"),
            Some(1_639_627_226)
        );
        assert_eq!(parse_service_time("yesterday"), None);
        let s = stamp(1_754_669_040).unwrap();
        assert_eq!(s.rfc3339, "2025-08-08T16:04:00Z");
        assert_eq!(stamp(0), None);
    }
}
