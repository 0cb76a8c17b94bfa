//! What a person types as an item's quantity, read the same way by the CLI and the app.
//!
//! - a count for fixed-price items: `3` (a whole number from 1 to 10 000);
//! - a measured quantity for tiered items, in the item's measure or a related unit:
//!   `250`, `250GB`, `1.5 TB` (1 TB = 1000 GB, 1 GB = 1000 MB, as drive makers count);
//! - a duration for hourly items: hours `2.5`, `2h30m`, `2 ч 30 мин`, `90m`, `2:30`.
//!
//! A comma may stand for the decimal point (`2,5`), as ru and bg write it, in every
//! language (so `2,5` is never twenty-five); a space (or a no-break space) may group the
//! digits by thousands (`1 000`). A minus sign is read, and refused as not above zero.

use std::fmt;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::price_list::Pricing;

/// The most units of one item a quote takes (a count, hours): beyond that it is a typo.
pub const MAX_UNITS: u32 = 10_000;

/// A quantity in an item's own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Quantity {
    /// How many units of a fixed-price item.
    Count(u32),
    /// A measured quantity in the item's measure (GB).
    Measured(Decimal),
    /// A duration in minutes, for hourly items.
    Minutes(Decimal),
    /// A per-order surcharge, which has no quantity.
    Once,
}

/// What kind of quantity an item takes: what a person is asked to type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Form {
    /// A whole number of units.
    Count,
    /// A size in one of `units` (the item's measure first).
    Size { units: Vec<String> },
    /// A duration: hours, or hours and minutes.
    Duration,
    /// Nothing: a per-order surcharge.
    Once,
}

impl Form {
    /// The form `pricing` takes.
    pub fn of(pricing: &Pricing) -> Form {
        match pricing {
            Pricing::Fixed { .. } | Pricing::Free | Pricing::OnRequest => Form::Count,
            Pricing::Tiered { measure, .. } => Form::Size {
                units: units_of(measure)
                    .into_iter()
                    .map(|(u, _)| u.to_owned())
                    .collect(),
            },
            Pricing::Hourly { .. } => Form::Duration,
            Pricing::Surcharge { .. } => Form::Once,
        }
    }
}

/// Why a typed quantity was not taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum QuantityError {
    /// Not a number in the accepted forms; `expected` describes them in English, `form`
    /// says which kind of quantity was asked for (for a message in another language).
    Unreadable {
        given: String,
        expected: String,
        form: Form,
    },
    /// Minutes of 60 or more after hours (`1 h 75 min`): a typo for more hours.
    MinutesOverHour { given: String },
    /// A count with a fraction.
    NotWhole { given: String },
    /// Zero or less.
    NotPositive { given: String },
    /// More than [`MAX_UNITS`].
    TooLarge { given: String, max: u32 },
    /// A quantity for something charged once per order.
    OncePerOrder,
    /// A tiered item with no size given.
    Required { measure: String },
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuantityError::Unreadable {
                given, expected, ..
            } => {
                write!(f, "`{given}` is not {expected}")
            }
            QuantityError::NotWhole { given } => {
                write!(f, "`{given}` is not a whole number of units")
            }
            QuantityError::MinutesOverHour { given } => {
                write!(f, "`{given}`: minutes after hours go up to 59")
            }
            QuantityError::NotPositive { given } => write!(f, "`{given}` must be more than zero"),
            QuantityError::TooLarge { given, max } => {
                write!(f, "`{given}` is more than the {max} a quote takes")
            }
            QuantityError::OncePerOrder => {
                f.write_str("is charged once per order and takes no quantity")
            }
            QuantityError::Required { measure } => {
                write!(f, "needs a size in {measure}, such as =250")
            }
        }
    }
}

/// Reads `text` as a quantity of an item priced by `pricing`.
///
/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::price_list::Pricing;
/// use tarif_engine::quantity::{parse, Quantity};
/// let hourly = Pricing::Hourly { first_hour: price(), next_hour: price() };
/// assert_eq!(parse(&hourly, "2h30m"), Ok(Quantity::Minutes(Decimal::from(150))));
/// assert_eq!(parse(&hourly, "2,5"), Ok(Quantity::Minutes(Decimal::from(150))));
/// # fn price() -> tarif_engine::price_list::Price {
/// #     tarif_engine::price_list::Price { written: Decimal::ONE, shown: Default::default() }
/// # }
/// ```
pub fn parse(pricing: &Pricing, text: &str) -> Result<Quantity, QuantityError> {
    let text = text.trim();
    match pricing {
        Pricing::Fixed { .. } | Pricing::Free | Pricing::OnRequest => count(text),
        Pricing::Tiered { measure, .. } => measured(text, measure),
        Pricing::Hourly { .. } => duration(text),
        Pricing::Surcharge { .. } if text.is_empty() || text == "1" => Ok(Quantity::Once),
        Pricing::Surcharge { .. } => Err(QuantityError::OncePerOrder),
    }
}

/// What a calculator's field says, as the quantity text [`parse`] reads: the text as
/// typed, except that a size typed as a bare number takes the unit chosen beside the
/// field (`unit`). A size typed with its unit (`250 GB`) keeps its own. The app composes
/// every line's quantity with this, so a field reads exactly as the CLI reads `=…`.
///
/// ```
/// use tarif_engine::quantity::field_text;
/// assert_eq!(field_text("1,5", Some("TB")), "1,5TB");
/// assert_eq!(field_text("250 GB", Some("TB")), "250 GB");
/// assert_eq!(field_text(" 2 ч 30 мин ", None), "2 ч 30 мин");
/// assert_eq!(field_text("", Some("GB")), "");
/// ```
pub fn field_text(typed: &str, unit: Option<&str>) -> String {
    let typed = typed.trim();
    match unit {
        Some(unit) if !typed.is_empty() && !typed.ends_with(char::is_alphabetic) => {
            format!("{typed}{unit}")
        }
        _ => typed.to_owned(),
    }
}

/// The quantity an item takes when none is given: one unit, one hour, once; tiered items
/// have no default (the size decides the price).
pub fn default_for(pricing: &Pricing) -> Result<Quantity, QuantityError> {
    match pricing {
        Pricing::Fixed { .. } | Pricing::Free | Pricing::OnRequest => Ok(Quantity::Count(1)),
        Pricing::Tiered { measure, .. } => Err(QuantityError::Required {
            measure: measure.clone(),
        }),
        Pricing::Hourly { .. } => Ok(Quantity::Minutes(Decimal::from(60))),
        Pricing::Surcharge { .. } => Ok(Quantity::Once),
    }
}

/// A number as a person types it: digits with one decimal point or comma, the whole part
/// optionally grouped by thousands with spaces (`1 000`, `12 500,5`). No sign, no
/// exponent.
fn number(text: &str) -> Option<Decimal> {
    let normal = text.trim().replace(',', ".");
    let (whole, fraction) = match normal.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (normal.as_str(), None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let groups: Vec<&str> = whole.split([' ', '\u{a0}', '\u{202f}']).collect();
    let grouped = match groups.as_slice() {
        [] => false,
        [only] => only.is_empty() || digits(only),
        [first, rest @ ..] => {
            digits(first) && first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g))
        }
    };
    let fraction_ok = fraction.is_none_or(digits);
    let something = !whole.is_empty() || fraction.is_some_and(|f| !f.is_empty());
    if !(grouped && fraction_ok && something) {
        return None;
    }
    let joined: String = groups.concat();
    let plain = match fraction {
        Some(f) => format!("{joined}.{f}"),
        None => joined,
    };
    // Exact: digits and a point only (never rounded, never scientific notation).
    Decimal::from_str_exact(&plain).ok()
}

/// `-2`, `−2`, `-2GB`: a negative number, refused as not above zero rather than as
/// unreadable.
fn negative(text: &str) -> bool {
    text.trim()
        .strip_prefix(['-', '\u{2212}'])
        .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

fn unreadable(given: &str, expected: &str, form: Form) -> QuantityError {
    if negative(given) {
        return QuantityError::NotPositive {
            given: given.to_owned(),
        };
    }
    QuantityError::Unreadable {
        given: given.to_owned(),
        expected: expected.to_owned(),
        form,
    }
}

fn bounded(value: Decimal, given: &str) -> Result<Decimal, QuantityError> {
    if value <= Decimal::ZERO {
        Err(QuantityError::NotPositive {
            given: given.to_owned(),
        })
    } else if value > Decimal::from(MAX_UNITS) {
        Err(QuantityError::TooLarge {
            given: given.to_owned(),
            max: MAX_UNITS,
        })
    } else {
        Ok(value)
    }
}

fn count(text: &str) -> Result<Quantity, QuantityError> {
    let n =
        number(text).ok_or_else(|| unreadable(text, "a whole number, such as 2", Form::Count))?;
    if !n.fract().is_zero() {
        return Err(QuantityError::NotWhole {
            given: text.to_owned(),
        });
    }
    let n = bounded(n, text)?;
    n.to_u32()
        .map(Quantity::Count)
        .ok_or_else(|| QuantityError::TooLarge {
            given: text.to_owned(),
            max: MAX_UNITS,
        })
}

/// Units related to a measure, with how many of the measure one of them is.
fn units_of(measure: &str) -> Vec<(&str, Decimal)> {
    match measure.to_ascii_uppercase().as_str() {
        "GB" => vec![
            ("GB", Decimal::ONE),
            ("TB", Decimal::from(1000)),
            ("MB", Decimal::new(1, 3)),
        ],
        _ => vec![(measure, Decimal::ONE)],
    }
}

fn measured(text: &str, measure: &str) -> Result<Quantity, QuantityError> {
    let units = units_of(measure);
    let names: Vec<&str> = units.iter().map(|(u, _)| *u).collect();
    let expected = format!(
        "a size such as 250 or 250{measure} (units: {})",
        names.join(", ")
    );
    let form = Form::Size {
        units: names.iter().map(|u| (*u).to_owned()).collect(),
    };
    let unreadable = |text: &str, expected: &str| unreadable(text, expected, form.clone());
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || is_group_space(c)))
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let unit = unit.trim();
    let factor = if unit.is_empty() {
        Decimal::ONE
    } else {
        let found = units.iter().find(|(u, _)| u.eq_ignore_ascii_case(unit));
        found
            .map(|(_, f)| *f)
            .ok_or_else(|| unreadable(text, &expected))?
    };
    let n = number(digits).ok_or_else(|| unreadable(text, &expected))?;
    let value = n
        .checked_mul(factor)
        .ok_or_else(|| unreadable(text, &expected))?;
    if value <= Decimal::ZERO {
        return Err(QuantityError::NotPositive {
            given: text.to_owned(),
        });
    }
    Ok(Quantity::Measured(value.normalize()))
}

const DURATION: &str = "a duration, such as 2.5 (hours), 2h30m or 90m";

fn duration(text: &str) -> Result<Quantity, QuantityError> {
    let minutes = if let Some(hours) = number(text) {
        Ok(hours.checked_mul(Decimal::from(60)))
    } else if let Some((h, m)) = text.split_once(':') {
        Ok(clock(h, m))
    } else {
        hours_and_minutes(text)
    };
    let minutes = minutes?.ok_or_else(|| unreadable(text, DURATION, Form::Duration))?;
    let hours = bounded(minutes / Decimal::from(60), text)?;
    Ok(Quantity::Minutes((hours * Decimal::from(60)).normalize()))
}

fn clock(h: &str, m: &str) -> Option<Decimal> {
    let (h, m) = (number(h)?, number(m)?);
    if !(h.fract().is_zero()
        && m.fract().is_zero()
        && m < Decimal::from(60)
        && m.to_string().len() <= 2)
    {
        return None;
    }
    // Hours too many to count in minutes are no duration (as with `number` above).
    h.checked_mul(Decimal::from(60))?.checked_add(m)
}

/// `2h30m`, `2 h 30 min`, `2ч 30м`, `90m`, `3h`. Ok(None) for text that is no duration;
/// minutes of 60 or more after hours are an error of their own.
fn hours_and_minutes(text: &str) -> Result<Option<Decimal>, QuantityError> {
    let Some((hours, minutes)) = hours_and_minutes_parts(text) else {
        return Ok(None);
    };
    if hours.is_some() && minutes.is_some_and(|m| m >= Decimal::from(60)) {
        return Err(QuantityError::MinutesOverHour {
            given: text.to_owned(),
        });
    }
    let total = hours
        .unwrap_or_default()
        .checked_mul(Decimal::from(60))
        .and_then(|m| m.checked_add(minutes.unwrap_or_default()));
    Ok(total)
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// The hours and the minutes of `2h30m`, each if given.
fn hours_and_minutes_parts(text: &str) -> Option<(Option<Decimal>, Option<Decimal>)> {
    let lower = text.to_lowercase();
    let mut rest = lower.as_str();
    let mut hours = None;
    let mut minutes = None;
    while !rest.trim().is_empty() {
        rest = rest.trim_start();
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        let value = number(&rest[..end])?;
        rest = rest[end..].trim_start();
        let unit_end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_end];
        rest = &rest[unit_end..];
        match unit {
            "h" | "hr" | "hrs" | "hour" | "hours" | "ч" | "час" | "часа" | "часов" | "часове"
                if hours.is_none() && minutes.is_none() =>
            {
                hours = Some(value);
            }
            "m" | "min" | "mins" | "minute" | "minutes" | "м" | "мин" | "минут" | "минута"
            | "минуты" | "минути"
                if minutes.is_none() =>
            {
                minutes = Some(value);
            }
            _ => return None,
        }
    }
    (hours.is_some() || minutes.is_some()).then_some((hours, minutes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::price_list::Price;

    fn price() -> Price {
        Price {
            written: Decimal::ONE,
            shown: Default::default(),
        }
    }
    fn fixed() -> Pricing {
        Pricing::Fixed { price: price() }
    }
    fn hourly() -> Pricing {
        Pricing::Hourly {
            first_hour: price(),
            next_hour: price(),
        }
    }
    fn gb() -> Pricing {
        Pricing::Tiered {
            measure: "GB".into(),
            from: None,
            tiers: vec![],
        }
    }
    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn hours_too_many_to_count_in_minutes_are_unreadable_not_a_panic() {
        // Found by the `quantity` fuzz target: `h * 60` overflowed Decimal and panicked.
        for text in [
            "744444444444444424444444444444:1",
            "79228162514264337593543950335:00",
            "79228162514264337593543950335h",
            "79228162514264337593543950335 ч 30 мин",
        ] {
            assert!(
                matches!(
                    parse(&hourly(), text),
                    Err(QuantityError::Unreadable { .. })
                ),
                "{text}: {:?}",
                parse(&hourly(), text)
            );
        }
    }

    #[test]
    fn counts_are_whole_positive_and_bounded() {
        assert_eq!(parse(&fixed(), "3"), Ok(Quantity::Count(3)));
        assert_eq!(parse(&fixed(), " 1 "), Ok(Quantity::Count(1)));
        assert_eq!(parse(&fixed(), "2.0"), Ok(Quantity::Count(2)));
        assert!(matches!(
            parse(&fixed(), "1.5"),
            Err(QuantityError::NotWhole { .. })
        ));
        assert!(matches!(
            parse(&fixed(), "0"),
            Err(QuantityError::NotPositive { .. })
        ));
        assert!(matches!(
            parse(&fixed(), "-1"),
            Err(QuantityError::NotPositive { .. })
        ));
        assert!(matches!(
            parse(&fixed(), "10001"),
            Err(QuantityError::TooLarge { .. })
        ));
        assert!(matches!(
            parse(&fixed(), "two"),
            Err(QuantityError::Unreadable { .. })
        ));
        assert!(matches!(
            parse(&fixed(), "1e3"),
            Err(QuantityError::Unreadable { .. })
        ));
    }

    #[test]
    fn sizes_take_the_measure_and_related_units() {
        assert_eq!(parse(&gb(), "250"), Ok(Quantity::Measured(d("250"))));
        assert_eq!(parse(&gb(), "250GB"), Ok(Quantity::Measured(d("250"))));
        assert_eq!(parse(&gb(), "250 gb"), Ok(Quantity::Measured(d("250"))));
        assert_eq!(parse(&gb(), "1.5TB"), Ok(Quantity::Measured(d("1500"))));
        assert_eq!(parse(&gb(), "0,5"), Ok(Quantity::Measured(d("0.5"))));
        assert_eq!(parse(&gb(), "500MB"), Ok(Quantity::Measured(d("0.5"))));
        assert!(matches!(
            parse(&gb(), "2PB"),
            Err(QuantityError::Unreadable { .. })
        ));
        assert!(matches!(
            parse(&gb(), "0"),
            Err(QuantityError::NotPositive { .. })
        ));
        assert!(matches!(
            parse(&gb(), "GB"),
            Err(QuantityError::Unreadable { .. })
        ));
    }

    #[test]
    fn durations_in_several_spellings() {
        for (text, minutes) in [
            ("2.5", "150"),
            ("2,5", "150"),
            ("2h30m", "150"),
            ("2 h 30 min", "150"),
            ("2ч 30мин", "150"),
            ("90m", "90"),
            ("3h", "180"),
            ("2:30", "150"),
            ("1", "60"),
        ] {
            assert_eq!(
                parse(&hourly(), text),
                Ok(Quantity::Minutes(d(minutes))),
                "{text}"
            );
        }
        for bad in ["", "h", "2x", "2:75", "30m2h", "2h2h", "-1", "2:3.5"] {
            assert!(parse(&hourly(), bad).is_err(), "{bad}");
        }
        assert!(matches!(
            parse(&hourly(), "0h"),
            Err(QuantityError::NotPositive { .. })
        ));
        assert!(matches!(
            parse(&hourly(), "20000"),
            Err(QuantityError::TooLarge { .. })
        ));
    }

    #[test]
    fn digits_grouped_by_spaces_a_comma_for_the_point_and_a_minus_refused_as_not_positive() {
        assert_eq!(parse(&gb(), "1 000"), Ok(Quantity::Measured(d("1000"))));
        assert_eq!(
            parse(&gb(), "1\u{a0}000 GB"),
            Ok(Quantity::Measured(d("1000")))
        );
        assert_eq!(parse(&gb(), "250 GB"), Ok(Quantity::Measured(d("250"))));
        assert_eq!(
            parse(&fixed(), "12 000"),
            Err(QuantityError::TooLarge {
                given: "12 000".into(),
                max: MAX_UNITS
            })
        );
        assert_eq!(parse(&hourly(), "2,5"), Ok(Quantity::Minutes(d("150"))));
        assert_eq!(
            parse(&hourly(), "2 ч 30 мин"),
            Ok(Quantity::Minutes(d("150")))
        );
        for bad in [
            "1 00", "10 0000", " 000", "1  000", "1 000,", "1,000.5", "1.2.3",
        ] {
            assert!(parse(&gb(), bad).is_err(), "{bad}");
        }
        for negative in ["-1", "−1", "-2,5", "- 3"] {
            assert!(
                matches!(
                    parse(&gb(), negative),
                    Err(QuantityError::NotPositive { .. })
                ),
                "{negative}"
            );
            assert!(
                matches!(
                    parse(&hourly(), negative),
                    Err(QuantityError::NotPositive { .. })
                ),
                "{negative}"
            );
        }
        assert!(matches!(
            parse(&gb(), "abc"),
            Err(QuantityError::Unreadable {
                form: Form::Size { .. },
                ..
            })
        ));
        assert!(matches!(
            parse(&hourly(), "abc"),
            Err(QuantityError::Unreadable {
                form: Form::Duration,
                ..
            })
        ));
        assert!(matches!(
            parse(&fixed(), "abc"),
            Err(QuantityError::Unreadable {
                form: Form::Count,
                ..
            })
        ));
    }

    #[test]
    fn minutes_after_hours_stop_at_59_and_minutes_alone_do_not() {
        assert_eq!(
            parse(&hourly(), "1 h 75 min"),
            Err(QuantityError::MinutesOverHour {
                given: "1 h 75 min".into()
            })
        );
        assert_eq!(parse(&hourly(), "75 мин"), Ok(Quantity::Minutes(d("75"))));
        assert_eq!(parse(&hourly(), "1ч 59м"), Ok(Quantity::Minutes(d("119"))));
        assert!(parse(&hourly(), "1:75").is_err());
    }

    #[test]
    fn surcharges_are_once_per_order() {
        let s = Pricing::Surcharge { price: price() };
        assert_eq!(parse(&s, ""), Ok(Quantity::Once));
        assert_eq!(parse(&s, "1"), Ok(Quantity::Once));
        assert_eq!(parse(&s, "2"), Err(QuantityError::OncePerOrder));
    }
}
