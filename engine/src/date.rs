//! Calendar dates and the little arithmetic the wizards need, without a clock.
//!
//! "Today" is always an argument: the engine never reads the system time. A [`Date`] is a
//! day of the proleptic Gregorian calendar, stored as the number of days since
//! 1970-01-01, so differences and additions are exact integer arithmetic. The conversion
//! to and from year-month-day is Howard Hinnant's `civil_from_days` / `days_from_civil`.
//!
//! ## The rules, stated once
//! - **Days between** two dates count calendar days: from 2026-11-01 to 2026-11-15 is 14.
//! - **A period of N days from an event** ends on `event + N days`: the 14-day withdrawal
//!   period for a device received on 2026-11-01 counts from the day of receipt and its last
//!   day is 2026-11-15; on 2026-11-16 it is over.
//! - **Adding months** keeps the day of the month; when the target month is shorter, the
//!   result is that month's last day: 31 January + 1 month is 28 February (29 in a leap
//!   year), 31 March + 1 month is 30 April. It never spills into the month after.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::Lang;

/// A calendar day, written `YYYY-MM-DD`. Years 1 to 9999.
///
/// ```
/// use tarif_engine::date::Date;
/// let received: Date = "2026-11-01".parse().unwrap();
/// assert_eq!(received.add_days(14).to_string(), "2026-11-15");
/// let jan31: Date = "2026-01-31".parse().unwrap();
/// assert_eq!(jan31.add_months(1).unwrap().to_string(), "2026-02-28");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

/// The first and last day a [`Date`] can hold: 0001-01-01 and 9999-12-31.
const MIN_DAYS: i64 = -719_162;
const MAX_DAYS: i64 = 2_932_896;

impl Date {
    /// The date of `year-month-day`, if it exists (2026-02-29 does not).
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then(|| Date(days_from_civil(year, month, day)))
    }

    /// The day `days` days after 1970-01-01 (the Unix epoch), clamped to the years 1 to
    /// 9999: how a caller that does read a clock turns it into a date.
    pub fn from_unix_days(days: i64) -> Date {
        Date(days.clamp(MIN_DAYS, MAX_DAYS))
    }

    /// `(year, month, day)`.
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.0)
    }

    /// The date `n` days later (earlier for negative `n`), clamped to the years 1 to 9999.
    pub fn add_days(self, n: i64) -> Date {
        Date(self.0.saturating_add(n).clamp(MIN_DAYS, MAX_DAYS))
    }

    /// The same day of the month `n` months later; the month's last day where the target
    /// month is shorter (see the module docs). `None` past the year 9999.
    ///
    /// ```
    /// use tarif_engine::date::Date;
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// assert_eq!(d("2028-01-31").add_months(1), Some(d("2028-02-29")));
    /// assert_eq!(d("2026-03-31").add_months(1), Some(d("2026-04-30")));
    /// assert_eq!(d("2026-11-30").add_months(3), Some(d("2027-02-28")));
    /// ```
    pub fn add_months(self, n: i64) -> Option<Date> {
        let (y, m, d) = self.ymd();
        let index = (y * 12 + i64::from(m) - 1).checked_add(n)?;
        let year = index.div_euclid(12);
        let month = u32::try_from(index.rem_euclid(12) + 1).ok()?;
        if !(1..=9999).contains(&year) {
            return None;
        }
        Date::from_ymd(year, month, d.min(days_in_month(year, month)))
    }

    /// Whole days from `self` to `later`: negative when `later` is earlier.
    ///
    /// ```
    /// use tarif_engine::date::Date;
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// assert_eq!(d("2026-11-01").days_until(d("2026-11-15")), 14);
    /// ```
    pub fn days_until(self, later: Date) -> i64 {
        later.0 - self.0
    }

    /// The day of the week.
    ///
    /// ```
    /// use tarif_engine::date::{Date, Weekday};
    /// assert_eq!("2026-11-15".parse::<Date>().unwrap().weekday(), Weekday::Sunday);
    /// ```
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.0 + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// The date as people in `lang` write it: `15.11.2026` (bg, ru), `15 November 2026`
    /// (en and others). Bulgarian often adds "г."; it is left out so that a sentence
    /// ending in a date does not end in "г..".
    pub fn format(self, lang: &Lang) -> String {
        let (y, m, d) = self.ymd();
        match lang.as_str() {
            "bg" | "ru" => format!("{d:02}.{m:02}.{y}"),
            _ => format!("{d} {} {y}", MONTHS[(m as usize).saturating_sub(1) % 12]),
        }
    }
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a valid civil date (Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADate(pub String);

impl fmt::Display for NotADate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a date: write it as YYYY-MM-DD, such as 2026-11-01",
            self.0
        )
    }
}

impl std::str::FromStr for Date {
    type Err = NotADate;

    fn from_str(s: &str) -> Result<Date, NotADate> {
        let err = || NotADate(s.to_owned());
        let t = s.trim();
        let b = t.as_bytes();
        let shaped = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shaped {
            return Err(err());
        }
        let year = t[0..4].parse().map_err(|_| err())?;
        let month = t[5..7].parse().map_err(|_| err())?;
        let day = t[8..10].parse().map_err(|_| err())?;
        Date::from_ymd(year, month, day).ok_or_else(err)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A date travels in a page as its day count (an out-of-range count is clamped, as
/// [`Date::from_unix_days`] does).
impl crate::pack::Pack for Date {
    fn pack(&self, w: &mut crate::pack::Writer) {
        crate::pack::Pack::pack(&self.0, w);
    }

    fn unpack(r: &mut crate::pack::Reader<'_>) -> Self {
        Date::from_unix_days(<i64 as crate::pack::Pack>::unpack(r))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_withdrawal_period_of_a_device_received_on_1_november_ends_on_15_november() {
        let received = d("2026-11-01");
        assert_eq!(received.add_days(14), d("2026-11-15"));
        assert_eq!(received.days_until(d("2026-11-15")), 14);
        assert_eq!(received.days_until(d("2026-11-16")), 15);
    }

    #[test]
    fn adding_a_month_to_a_month_end_lands_on_the_shorter_months_last_day() {
        assert_eq!(d("2026-01-31").add_months(1), Some(d("2026-02-28")));
        assert_eq!(d("2028-01-31").add_months(1), Some(d("2028-02-29")));
        assert_eq!(d("2026-01-30").add_months(1), Some(d("2026-02-28")));
        assert_eq!(d("2026-05-31").add_months(1), Some(d("2026-06-30")));
        assert_eq!(d("2026-12-31").add_months(1), Some(d("2027-01-31")));
        assert_eq!(d("2026-03-31").add_months(-1), Some(d("2026-02-28")));
        assert_eq!(d("2026-01-15").add_months(12), Some(d("2027-01-15")));
        assert_eq!(d("9999-12-01").add_months(1), None);
        assert_eq!(d("2026-01-01").add_months(i64::MAX), None);
    }

    #[test]
    fn dates_are_read_strictly() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-1",
            "26-11-01",
            "2026/11/01",
            "tomorrow",
            "",
            "0000-01-01",
            "2026-11-01x",
            "+026-11-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert_eq!(d(" 2028-02-29 ").to_string(), "2028-02-29");
    }

    #[test]
    fn dates_are_written_as_people_write_them() {
        let date = d("2026-11-05");
        assert_eq!(date.format(&Lang::new("bg").unwrap()), "05.11.2026");
        assert_eq!(date.format(&Lang::new("ru").unwrap()), "05.11.2026");
        assert_eq!(date.format(&Lang::new("en").unwrap()), "5 November 2026");
    }

    #[test]
    fn additions_saturate_at_the_calendars_ends() {
        assert_eq!(d("9999-12-31").add_days(1), d("9999-12-31"));
        assert_eq!(d("0001-01-01").add_days(i64::MIN), d("0001-01-01"));
    }

    proptest! {
        #[test]
        fn civil_conversion_round_trips(days in MIN_DAYS..=MAX_DAYS) {
            let date = Date(days);
            let (y, m, dd) = date.ymd();
            prop_assert_eq!(Date::from_ymd(y, m, dd), Some(date));
            prop_assert_eq!(date.to_string().parse::<Date>().ok(), Some(date));
            prop_assert_eq!(date.add_days(1).ymd() > date.ymd(), days < MAX_DAYS);
        }

        #[test]
        fn adding_months_never_panics_and_keeps_the_day_or_the_month_end(
            days in MIN_DAYS..=MAX_DAYS, n in -200_000i64..200_000
        ) {
            if let Some(later) = Date(days).add_months(n) {
                let (_, _, d0) = Date(days).ymd();
                let (y, m, d1) = later.ymd();
                prop_assert!(d1 == d0 || d1 == days_in_month(y, m));
            }
        }
    }
}
