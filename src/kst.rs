//! Times as the paper keeps them: Korea Standard Time (UTC+9). A leaf module: it imports
//! nothing of the crate, so the API's tolerant reading (`api::tolerant`) and the reader-facing
//! formatting (`format`) both build on it without depending on each other.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

/// Korea Standard Time, UTC+9, in which the paper shows every time.
#[allow(clippy::expect_used, reason = "a constant offset within ±24 h")]
pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}

/// Parses an RFC 3339 time from the API and moves it to KST.
pub fn parse_kst(rfc3339: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(rfc3339.trim())
        .ok()
        .map(|time| time.with_timezone(&offset()))
}

/// Today's date in Seoul for a Unix time in milliseconds (`Date.now()`).
pub fn kst_date_from_millis(millis: f64) -> Option<NaiveDate> {
    DateTime::from_timestamp_millis(millis as i64)
        .map(|time| time.with_timezone(&offset()).date_naive())
}

/// A local Korean time written without an offset, as RFC 3339 in KST. Parsed by hand, not
/// with chrono's format strings, which would bring their parser into the wasm.
pub fn kst_without_offset(text: &str) -> Option<String> {
    let (date, time) = match text.split_once([' ', 'T']) {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let separator = if date.contains('.') { '.' } else { '-' };
    let mut parts = date.split(separator).map(|part| part.parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() || date.split(separator).any(|part| part.is_empty()) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let (hour, minute, second) = match time {
        None => (0, 0, 0),
        Some(time) => {
            let mut parts = time.split(':').map(|part| part.parse::<u32>().ok());
            let (hour, minute) = (parts.next()??, parts.next()??);
            let second = parts.next().map_or(Some(0), |second| second)?;
            if parts.next().is_some() {
                return None;
            }
            (hour, minute, second)
        }
    };
    let local = date.and_hms_opt(hour, minute, second)?;
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+09:00",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute(),
        local.second()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_without_an_offset_are_kst() {
        let kst = |text| kst_without_offset(text).unwrap_or_default();
        assert_eq!(kst("2025-10-27 10:00:00"), "2025-10-27T10:00:00+09:00");
        assert_eq!(kst("2025-10-27 10:00"), "2025-10-27T10:00:00+09:00");
        assert_eq!(kst("2025-10-27T10:00:00"), "2025-10-27T10:00:00+09:00");
        assert_eq!(kst("2025.10.27 18:20"), "2025-10-27T18:20:00+09:00");
        assert_eq!(kst("2025-10-27"), "2025-10-27T00:00:00+09:00");
        assert_eq!(kst_without_offset("2025-13-40 10:00"), None);
        assert_eq!(kst_without_offset("2025-10-27 25:00"), None);
        assert_eq!(kst_without_offset("2025-10-27 10:00:00:00"), None);
        assert_eq!(kst_without_offset("2025-10-27-01"), None);
        assert_eq!(kst_without_offset("2025--27"), None);
        assert_eq!(kst_without_offset("10:00"), None);
        assert_eq!(kst_without_offset("어제"), None);
    }
}
