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

/// The one rule for times, shared by the CLI and the dashboard:
///
/// - an instant (a coin record, a login, the registration, a ban's end) is shown in the
///   user's local time zone, followed by the zone (`UTC-5`, `UTC`, `UTC+5:30`) whenever that
///   is not the service's UTC+8, so a time is never read in the wrong zone;
/// - an instant shown only as a day (a group's creation) is the local day;
/// - a calendar date (a birthday, the last day of VIP) is the service's date in UTC+8, so it
///   never moves a day for users west of China.
///
/// `2025-11-20 23:12` (or `2025-11-20 10:12 UTC-5`); empty for 0 (the service's "never").
pub fn local_datetime(unix: i64) -> String {
    match Local.timestamp_opt(unix, 0).single() {
        Some(t) if unix > 0 => format!(
            "{}{}",
            t.format("%Y-%m-%d %H:%M"),
            zone_note(t.offset().local_minus_utc())
        ),
        _ => String::new(),
    }
}

/// ` UTC-5` for a local offset other than the service's UTC+8; empty for UTC+8.
pub fn zone_note(offset_secs: i32) -> String {
    if offset_secs == SERVICE_ZONE.local_minus_utc() {
        return String::new();
    }
    if offset_secs == 0 {
        return " UTC".into();
    }
    let sign = if offset_secs < 0 { '-' } else { '+' };
    let abs = offset_secs.unsigned_abs();
    let (hours, minutes) = (abs / 3600, abs % 3600 / 60);
    if minutes == 0 {
        format!(" UTC{sign}{hours}")
    } else {
        format!(" UTC{sign}{hours}:{minutes:02}")
    }
}

/// `2025-11-20` in the user's local time; empty for 0. For instants shown as a day only.
pub fn local_date(unix: i64) -> String {
    match Local.timestamp_opt(unix, 0).single() {
        Some(t) if unix > 0 => t.format("%Y-%m-%d").to_string(),
        _ => String::new(),
    }
}

/// A calendar date the service keeps as midnight (or any time of that day) in UTC+8, such
/// as the last day of VIP: `2026-12-31` whatever the user's zone; empty for 0.
pub fn service_date(unix: i64) -> String {
    match service_zone().timestamp_opt(unix, 0).single() {
        Some(t) if unix > 0 => t.format("%Y-%m-%d").to_string(),
        _ => String::new(),
    }
}

/// A time the service sends as text (`register_time`, `last_active_time`): converted to
/// local time when it is `YYYY-MM-DD hh:mm:ss` (UTC+8), else shown as it came ("刚刚").
pub fn service_text_time(text: &str) -> String {
    match parse_service_time(text) {
        Some(unix) => local_datetime(unix),
        None => text.trim().to_owned(),
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
    fn the_zone_is_said_unless_it_is_the_services() {
        assert_eq!(zone_note(8 * 3600), "");
        assert_eq!(zone_note(0), " UTC");
        assert_eq!(zone_note(-5 * 3600), " UTC-5");
        assert_eq!(zone_note(5 * 3600 + 1800), " UTC+5:30");
        assert_eq!(zone_note(-(9 * 3600 + 2700)), " UTC-9:45");
    }

    #[test]
    fn calendar_dates_are_the_services_whatever_the_zone() {
        // 2026-12-31 00:00 in UTC+8 is still 2026-12-30 in UTC and west of it.
        assert_eq!(service_date(1_798_646_400), "2026-12-31");
        assert_eq!(service_date(0), "");
        // Text times that are not dates stay as they came.
        assert_eq!(service_text_time(" 刚刚 "), "刚刚");
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
