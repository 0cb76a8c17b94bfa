//! Working days, per country: when a period's last day is not a working day, the period
//! ends on the next working day.
//!
//! The rule: Regulation (EEC, Euratom) No 1182/71, Art. 3(4), which the Consumer Rights
//! Directive's periods follow (a period "expressed otherwise than in hours" whose last day
//! is a public holiday, a Sunday or a Saturday ends with the last hour of the following
//! working day), and, in Bulgaria, Art. 72(2) of the Obligations and Contracts Act (ZZD):
//! a last day that is a non-working day moves to the first working day after it.
//!
//! Bulgaria's non-working days (`Country::Bg`):
//! - Saturdays and Sundays;
//! - the official holidays of Art. 154(1) of the Labour Code: 1 January, 3 March, 1 May,
//!   6 May, 24 May, 6 September, 22 September, 24, 25 and 26 December, and Good Friday,
//!   Holy Saturday, Easter Sunday and Easter Monday of the Orthodox Easter (computed:
//!   [`orthodox_easter`]). 1 November is a holiday only for schools and universities, so it
//!   is a working day here;
//! - Art. 154(2): when one of those holidays, other than Easter's, falls on a Saturday or a
//!   Sunday, the first working day after it (two days for two such holidays) is a
//!   non-working day;
//! - days the Council of Ministers moves by decision. They are data, listed per year in
//!   [`BG_DECISIONS`]; for a year whose list is not known to be complete a deadline says it
//!   may move ([`Deadline::unsure`]).
//!
//! The calendar is today's law applied to every year; no clock is read.

use serde::{Deserialize, Serialize};

use crate::date::{Date, Weekday};
use crate::locale::{Word, word};
use crate::pack::Pack;
use crate::text::Lang;

/// A country whose calendar of working days tarif knows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Pack,
)]
#[serde(rename_all = "snake_case")]
pub enum Country {
    /// Bulgaria.
    Bg,
}

impl Country {
    /// Every country tarif has a calendar of.
    pub const ALL: &'static [Country] = &[Country::Bg];

    /// The code a wizard writes: `bg`.
    pub fn code(self) -> &'static str {
        match self {
            Country::Bg => "bg",
        }
    }

    /// The country written as `code`.
    ///
    /// ```
    /// use tarif_engine::calendar::Country;
    /// assert_eq!(Country::from_code("bg"), Some(Country::Bg));
    /// assert_eq!(Country::from_code("kz"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Country> {
        Country::ALL.iter().copied().find(|c| c.code() == code)
    }
}

/// Why a day is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff {
    Saturday,
    Sunday,
    /// An official holiday (Bulgaria: Art. 154(1) of the Labour Code).
    Holiday,
    /// A working day made a day off because a holiday fell on a weekend (Art. 154(2)).
    InPlaceOfHoliday,
    /// A day off by a decision of the government.
    Decision,
}

/// Days the Bulgarian Council of Ministers moved for one year.
#[derive(Debug, Clone, Copy)]
pub struct Decisions {
    pub year: i64,
    /// Working days declared days off.
    pub days_off: &'static [(u32, u32)],
    /// Saturdays declared working days.
    pub working_saturdays: &'static [(u32, u32)],
    /// Whether every decision for the year is listed; when not, a deadline in that year
    /// may move ([`Deadline::unsure`]).
    pub complete: bool,
}

/// The Council of Ministers' decisions tarif knows of, by year.
///
/// Resolution No 808 of 19 November 2025 (for the change to the euro): 31 December 2025 and
/// 2 January 2026 are days off, with no Saturday worked in their place. Other decisions for
/// those years have not been checked, so neither year is marked complete.
pub const BG_DECISIONS: &[Decisions] = &[
    Decisions {
        year: 2025,
        days_off: &[(12, 31)],
        working_saturdays: &[],
        complete: false,
    },
    Decisions {
        year: 2026,
        days_off: &[(1, 2)],
        working_saturdays: &[],
        complete: false,
    },
];

/// The Orthodox Easter Sunday of `year`, in the Gregorian calendar: the Julian computus
/// (Meeus), then the Julian calendar's lag behind the Gregorian one in that century.
///
/// ```
/// use tarif_engine::calendar::orthodox_easter;
/// assert_eq!(orthodox_easter(2026).to_string(), "2026-04-12");
/// assert_eq!(orthodox_easter(2027).to_string(), "2027-05-02");
/// ```
pub fn orthodox_easter(year: i64) -> Date {
    let (a, b, c) = (year.rem_euclid(4), year.rem_euclid(7), year.rem_euclid(19));
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34).rem_euclid(7);
    let month = (d + e + 114) / 31; // 3 or 4
    let day = (d + e + 114) % 31 + 1;
    // Julian month and day read as a Gregorian date, then moved by the calendars' gap.
    let lag = year.div_euclid(100) - year.div_euclid(400) - 2;
    let year = year.clamp(1, 9999);
    let march_first = Date::from_ymd(year, 3, 1).unwrap_or(Date::from_unix_days(0));
    let day_of_spring = if month == 3 { day - 1 } else { 31 + day - 1 };
    march_first.add_days(day_of_spring + lag)
}

/// Why `date` is not a working day in `country`, or `None` when it is one.
///
/// ```
/// use tarif_engine::calendar::{Country, DayOff, day_off};
/// let d = |s: &str| s.parse().unwrap();
/// assert_eq!(day_off(Country::Bg, d("2026-03-03")), Some(DayOff::Holiday));
/// assert_eq!(day_off(Country::Bg, d("2026-11-15")), Some(DayOff::Sunday));
/// assert_eq!(day_off(Country::Bg, d("2026-11-16")), None);
/// ```
pub fn day_off(country: Country, date: Date) -> Option<DayOff> {
    match country {
        Country::Bg => bg_day_off(date),
    }
}

/// Whether `date` is a working day in `country`.
///
/// ```
/// use tarif_engine::calendar::{Country, is_working_day};
/// // Easter Monday 2027, then the day off in place of Labour Day (a Saturday that year).
/// assert!(!is_working_day(Country::Bg, "2027-05-03".parse().unwrap()));
/// assert!(!is_working_day(Country::Bg, "2027-05-04".parse().unwrap()));
/// assert!(is_working_day(Country::Bg, "2027-05-05".parse().unwrap()));
/// ```
pub fn is_working_day(country: Country, date: Date) -> bool {
    day_off(country, date).is_none()
}

/// `date` itself when it is a working day, else the first working day after it.
///
/// ```
/// use tarif_engine::calendar::{Country, next_working_day};
/// let d = |s: &str| s.parse().unwrap();
/// assert_eq!(next_working_day(Country::Bg, d("2026-04-10")), d("2026-04-14"));
/// assert_eq!(next_working_day(Country::Bg, d("2026-04-14")), d("2026-04-14"));
/// ```
pub fn next_working_day(country: Country, date: Date) -> Date {
    let mut d = date;
    // A run of days off is never longer than a few days; the bound keeps the loop finite
    // at the calendar's end, where `add_days` stops moving.
    for _ in 0..31 {
        if is_working_day(country, d) {
            return d;
        }
        d = d.add_days(1);
    }
    d
}

/// The last day of a period, counted and then moved past days off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The day the count lands on.
    pub counted: Date,
    /// The day the period ends: `counted`, or the first working day after it.
    pub last_day: Date,
    /// The government may move days in a year from `counted` to `last_day` that tarif has
    /// no complete list for: check the last day.
    pub unsure: bool,
}

impl Deadline {
    /// The period whose count lands on `counted`, in `country`.
    ///
    /// ```
    /// use tarif_engine::calendar::{Country, Deadline};
    /// let d = |s: &str| s.parse().unwrap();
    /// // Received on 1 November 2026: the 14th day is Sunday 15 November.
    /// let end = Deadline::new(Country::Bg, d("2026-11-15"));
    /// assert_eq!(end.last_day.to_string(), "2026-11-16");
    /// ```
    pub fn new(country: Country, counted: Date) -> Deadline {
        let last_day = next_working_day(country, counted);
        let (from, _, _) = counted.ymd();
        let (to, _, _) = last_day.ymd();
        let unsure = (from..=to).any(|year| !decisions_complete(country, year));
        Deadline {
            counted,
            last_day,
            unsure,
        }
    }

    /// Whether the last day moved.
    pub fn moved(&self) -> bool {
        self.last_day != self.counted
    }

    /// What a person is told about the last day in `lang`: why it moved, and whether it
    /// may move further. `None` when there is nothing to say.
    ///
    /// ```
    /// use tarif_engine::calendar::{Country, Deadline};
    /// use tarif_engine::text::Lang;
    /// let end = Deadline::new(Country::Bg, "2026-03-03".parse().unwrap());
    /// let said = end.explain(Country::Bg, &Lang::new("en").unwrap()).unwrap();
    /// assert!(said.starts_with("Counted on the calendar, the period ends on 3 March 2026, but that is an official holiday"));
    /// ```
    pub fn explain(&self, country: Country, lang: &Lang) -> Option<String> {
        let mut out = Vec::new();
        if let Some(why) = day_off(country, self.counted).filter(|_| self.moved()) {
            out.push(
                word(lang, Word::CalendarMoved)
                    .replace("{counted}", &self.counted.format(lang))
                    .replace("{why}", word(lang, day_off_word(why)))
                    .replace("{last}", &self.last_day.format(lang))
                    .replace("{law}", word(lang, law_word(country))),
            );
        }
        if self.unsure {
            out.push(
                word(lang, Word::CalendarUnsure)
                    .replace("{last}", &self.last_day.format(lang))
                    .replace("{government}", word(lang, government_word(country))),
            );
        }
        (!out.is_empty()).then(|| out.join(" "))
    }
}

fn decisions_complete(country: Country, year: i64) -> bool {
    match country {
        Country::Bg => BG_DECISIONS.iter().any(|d| d.year == year && d.complete),
    }
}

/// The fixed-date holidays of Art. 154(1) of the Labour Code, but 1 November (a holiday
/// for schools only).
const BG_FIXED_HOLIDAYS: [(u32, u32); 10] = [
    (1, 1),
    (3, 3),
    (5, 1),
    (5, 6),
    (5, 24),
    (9, 6),
    (9, 22),
    (12, 24),
    (12, 25),
    (12, 26),
];

fn bg_day_off(date: Date) -> Option<DayOff> {
    let (year, month, day) = date.ymd();
    let decisions = BG_DECISIONS.iter().find(|d| d.year == year);
    if decisions.is_some_and(|d| d.days_off.contains(&(month, day))) {
        return Some(DayOff::Decision);
    }
    if bg_holiday(date) {
        return Some(DayOff::Holiday);
    }
    if bg_in_place_of_holidays(year).contains(&date) {
        return Some(DayOff::InPlaceOfHoliday);
    }
    match date.weekday() {
        Weekday::Saturday
            if decisions.is_some_and(|d| d.working_saturdays.contains(&(month, day))) =>
        {
            None
        }
        Weekday::Saturday => Some(DayOff::Saturday),
        Weekday::Sunday => Some(DayOff::Sunday),
        _ => None,
    }
}

/// An official holiday of Art. 154(1), Easter's included.
fn bg_holiday(date: Date) -> bool {
    let (year, month, day) = date.ymd();
    let easter = orthodox_easter(year);
    BG_FIXED_HOLIDAYS.contains(&(month, day)) || (-2..=1).any(|n| easter.add_days(n) == date)
}

/// Art. 154(2): each fixed-date holiday on a Saturday or a Sunday gives the first working
/// day after it that is not already given, in order.
fn bg_in_place_of_holidays(year: i64) -> Vec<Date> {
    let mut given: Vec<Date> = Vec::new();
    for (month, day) in BG_FIXED_HOLIDAYS {
        let Some(holiday) = Date::from_ymd(year, month, day) else {
            continue;
        };
        if !matches!(holiday.weekday(), Weekday::Saturday | Weekday::Sunday) {
            continue;
        }
        let mut d = holiday.add_days(1);
        for _ in 0..14 {
            let weekend = matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
            if !weekend && !bg_holiday(d) && !given.contains(&d) {
                given.push(d);
                break;
            }
            d = d.add_days(1);
        }
    }
    given
}

/// The calendar's words, in the catalogue (`crate::locale`): why a day is off,
fn day_off_word(why: DayOff) -> Word {
    match why {
        DayOff::Saturday => Word::DayOffSaturday,
        DayOff::Sunday => Word::DayOffSunday,
        DayOff::Holiday => Word::DayOffHoliday,
        DayOff::InPlaceOfHoliday => Word::DayOffInPlaceOfHoliday,
        DayOff::Decision => Word::DayOffDecision,
    }
}

/// the law that moves a last day off a day off,
fn law_word(country: Country) -> Word {
    match country {
        Country::Bg => Word::LawBgLastDay,
    }
}

/// and who may move days by decision.
fn government_word(country: Country) -> Word {
    match country {
        Country::Bg => Word::GovernmentBg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn last_day(counted: &str) -> String {
        Deadline::new(Country::Bg, d(counted)).last_day.to_string()
    }

    #[test]
    fn orthodox_easter_falls_where_the_church_calendar_puts_it() {
        for (year, easter) in [
            (2024, "2024-05-05"),
            (2025, "2025-04-20"),
            (2026, "2026-04-12"),
            (2027, "2027-05-02"),
            (2028, "2028-04-16"),
        ] {
            assert_eq!(orthodox_easter(year), d(easter), "{year}");
        }
    }

    #[test]
    fn a_period_ending_on_a_saturday_ends_on_monday() {
        assert_eq!(last_day("2026-11-14"), "2026-11-16");
        let end = Deadline::new(Country::Bg, d("2026-11-14"));
        let en = Lang::new("en").unwrap();
        let said = end.explain(Country::Bg, &en).unwrap();
        assert!(
            said.contains("14 November 2026, but that is a Saturday"),
            "{said}"
        );
        assert!(said.contains("16 November 2026"), "{said}");
        assert!(said.contains("Art. 72(2)"), "{said}");
    }

    #[test]
    fn a_period_ending_on_a_sunday_ends_on_monday() {
        assert_eq!(last_day("2026-11-15"), "2026-11-16");
    }

    #[test]
    fn a_period_ending_on_3_march_ends_on_the_next_working_day() {
        // 2026: a Tuesday, so Wednesday 4 March.
        assert_eq!(last_day("2026-03-03"), "2026-03-04");
        // 2029: a Saturday, so Sunday, then Monday 5 March off in its place (Art. 154(2)):
        // Tuesday 6 March.
        assert_eq!(
            day_off(Country::Bg, d("2029-03-05")),
            Some(DayOff::InPlaceOfHoliday)
        );
        assert_eq!(last_day("2029-03-03"), "2029-03-06");
    }

    #[test]
    fn easter_moves_a_period_past_good_friday_to_easter_monday_2026() {
        // Good Friday 10 April, Holy Saturday 11, Easter 12, Easter Monday 13 April.
        for day in ["2026-04-10", "2026-04-11", "2026-04-12", "2026-04-13"] {
            assert_eq!(last_day(day), "2026-04-14", "{day}");
            assert_eq!(day_off(Country::Bg, d(day)), Some(DayOff::Holiday));
        }
        assert_eq!(last_day("2026-04-09"), "2026-04-09");
    }

    #[test]
    fn easter_2027_meets_labour_day_and_gives_tuesday_4_may_off() {
        // Good Friday 30 April; Holy Saturday is 1 May, Labour Day, on a Saturday: the
        // first working day after it, past Easter Monday 3 May, is off (Art. 154(2)).
        for day in ["2027-04-30", "2027-05-01", "2027-05-02", "2027-05-03"] {
            assert_eq!(day_off(Country::Bg, d(day)), Some(DayOff::Holiday), "{day}");
        }
        assert_eq!(
            day_off(Country::Bg, d("2027-05-04")),
            Some(DayOff::InPlaceOfHoliday)
        );
        assert_eq!(last_day("2027-04-30"), "2027-05-05");
        assert_eq!(last_day("2027-05-03"), "2027-05-05");
        assert_eq!(last_day("2027-04-29"), "2027-04-29");
    }

    #[test]
    fn christmas_on_a_weekend_gives_the_days_after_it_off() {
        // 2027: 24 Dec Friday, 25 Saturday, 26 Sunday: Monday 27 and Tuesday 28 off.
        assert_eq!(last_day("2027-12-24"), "2027-12-29");
        // 2026: 26 December is a Saturday: Monday 28 off.
        assert_eq!(last_day("2026-12-26"), "2026-12-29");
    }

    #[test]
    fn a_government_day_off_is_a_day_off() {
        assert_eq!(
            day_off(Country::Bg, d("2026-01-02")),
            Some(DayOff::Decision)
        );
        assert_eq!(
            day_off(Country::Bg, d("2025-12-31")),
            Some(DayOff::Decision)
        );
        // 31 December 2025, 1 and 2 January 2026, then the weekend: Monday 5 January.
        assert_eq!(last_day("2025-12-31"), "2026-01-05");
        assert_eq!(last_day("2026-01-01"), "2026-01-05");
    }

    #[test]
    fn a_year_without_a_complete_list_of_decisions_says_the_date_may_move() {
        let end = Deadline::new(Country::Bg, d("2026-11-16"));
        assert!(!end.moved());
        assert!(end.unsure);
        let bg = Lang::new("bg").unwrap();
        let said = end.explain(Country::Bg, &bg).unwrap();
        assert!(said.contains("16.11.2026 е работен ден"), "{said}");
    }

    #[test]
    fn november_the_first_is_a_working_day() {
        assert_eq!(day_off(Country::Bg, d("2027-11-01")), None);
    }

    proptest! {
        #[test]
        fn a_moved_deadline_is_never_earlier_and_always_a_working_day(
            days in -200_000i64..200_000
        ) {
            let counted = Date::from_unix_days(days);
            let end = Deadline::new(Country::Bg, counted);
            prop_assert!(end.last_day >= counted);
            prop_assert!(is_working_day(Country::Bg, end.last_day));
            prop_assert!(counted.days_until(end.last_day) <= 7);
            prop_assert_eq!(end.moved(), !is_working_day(Country::Bg, counted));
        }
    }
}
