//! The reference date and Dutch date formatting.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use thiserror::Error;

/// Why the reference date could not be determined.
#[derive(Debug, Error)]
pub enum DateError {
    #[error("{}", crate::content::fields::date_problem("--date", .0))]
    BadFlag(String),
    #[error("SOURCE_DATE_EPOCH must be a number of seconds since 1970, found `{0}`")]
    BadEpoch(String),
}

/// The date against which "te laat", "gepland" and "today" are derived:
/// `--date`, else `SOURCE_DATE_EPOCH` (reproducible-builds.org) converted to
/// a date in the site's time zone, else today in the site's time zone.
pub fn reference_date(flag: Option<&str>, tz: &TimeZone) -> Result<Date, DateError> {
    if let Some(s) = flag {
        return crate::content::fields::parse_date(s).ok_or_else(|| DateError::BadFlag(s.into()));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| DateError::BadEpoch(epoch.clone()))?;
        let ts = Timestamp::from_second(secs).map_err(|_| DateError::BadEpoch(epoch.clone()))?;
        return Ok(ts.to_zoned(tz.clone()).date());
    }
    Ok(Timestamp::now().to_zoned(tz.clone()).date())
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];

/// "3 maart 2025": day without leading zero, month in lower case, as the
/// Dutch government style guide writes dates.
pub fn format_nl(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month() as usize - 1],
        date.year()
    )
}

/// "maandag 29 juni 2015".
pub fn format_nl_long(date: Date) -> String {
    let wd = date.weekday().to_monday_zero_offset() as usize;
    format!("{} {}", WEEKDAYS[wd], format_nl(date))
}

/// Name of the month, for archive headings.
pub fn month_nl(month: i8) -> &'static str {
    MONTHS[(month as usize).saturating_sub(1).min(11)]
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    (to - from).get_days() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dutch_dates() {
        assert_eq!(format_nl(date(2025, 3, 3)), "3 maart 2025");
        assert_eq!(format_nl_long(date(2015, 6, 29)), "maandag 29 juni 2015");
    }

    #[test]
    fn days_between_counts_calendar_days() {
        assert_eq!(days_between(date(2026, 1, 30), date(2026, 3, 1)), 30);
        assert_eq!(days_between(date(2026, 3, 1), date(2026, 1, 30)), -30);
    }
}
