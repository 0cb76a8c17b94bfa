//! The one place `tarif` reads the time. The engine never does: it is given the day.

use tarif_engine::date::Date;

/// Today, in UTC: `SOURCE_DATE_EPOCH` (seconds) when set, for reproducible builds and
/// tests, else the system clock. The day a build shows prices for, and the default of
/// `--today` and `--on`.
pub fn today() -> Date {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            now.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        });
    Date::from_unix_days(seconds.div_euclid(86_400))
}
