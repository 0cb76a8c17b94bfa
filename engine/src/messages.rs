//! Sentences about a person's input, in ru, bg and en: what the calculator shows beside a
//! line it cannot price. (The CLI's English messages are the `Display` of the same values.)

use rust_decimal::Decimal;

use crate::locale::{Word, number, word};
use crate::price_list::OutOfRange;
use crate::quantity::{Form, QuantityError};
use crate::text::Lang;

/// A size in the largest unit that writes it whole: 3000 GB → "3 TB", 0.5 GB → "0.5 GB".
fn size(lang: &Lang, value: Decimal, measure: &str) -> String {
    let thousand = Decimal::from(1000);
    if measure.eq_ignore_ascii_case("GB")
        && value >= thousand
        && (value / thousand).fract().is_zero()
    {
        format!("{} TB", number(lang, value / thousand))
    } else {
        format!("{} {measure}", number(lang, value))
    }
}

/// Why a size is not offered, with the range that is.
///
/// ```
/// use tarif_engine::messages::out_of_range;
/// use tarif_engine::price_list::OutOfRange;
/// use tarif_engine::text::Lang;
/// let r = OutOfRange { given: 4000.into(), measure: "GB".into(), from: None, up_to: 3000.into() };
/// assert_eq!(out_of_range(&Lang::new("en").unwrap(), &r), "4 TB is not offered: the largest size is 3 TB.");
/// ```
pub fn out_of_range(lang: &Lang, r: &OutOfRange) -> String {
    let given = size(lang, r.given, &r.measure);
    match r.from {
        Some(from) if r.given < from => {
            let from = size(lang, from, &r.measure);
            let t = word(lang, Word::MsgSmallestSize);
            format!("{given} {t} {from}.")
        }
        _ if r.given <= Decimal::ZERO => word(lang, Word::MsgSizeAboveZero).to_owned(),
        _ => {
            let up_to = size(lang, r.up_to, &r.measure);
            let t = word(lang, Word::MsgLargestSize);
            format!("{given} {t} {up_to}.")
        }
    }
}

/// What to type, for the form a field takes: only the units that field takes, numbers as
/// the language writes them.
fn unreadable(lang: &Lang, form: &Form) -> String {
    match form {
        Form::Count => word(lang, Word::MsgWholeLike2).to_owned(),
        Form::Size { units } => {
            let or = word(lang, Word::MsgOrSpaced);
            let units = match units.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{}{or}{last}", rest.join(", ")),
                None => String::new(),
            };
            let t = word(lang, Word::MsgSizeLike250In);
            format!("{t} {units}.")
        }
        Form::Duration => word(lang, Word::MsgTimeLike).to_owned(),
        Form::Once => word(lang, Word::MsgOncePerOrder).to_owned(),
    }
}

/// What is wrong with a typed quantity, and what to type instead.
pub fn quantity_error(lang: &Lang, e: &QuantityError) -> String {
    match e {
        QuantityError::Unreadable { form, .. } => unreadable(lang, form),
        QuantityError::MinutesOverHour { .. } => word(lang, Word::MsgMinutesOverHour).to_owned(),
        QuantityError::NotWhole { .. } => word(lang, Word::MsgWhole).to_owned(),
        QuantityError::NotPositive { .. } => word(lang, Word::MsgAboveZero).to_owned(),
        QuantityError::TooLarge { max, .. } => {
            let t = word(lang, Word::MsgAtMost);
            format!("{t} {max}.")
        }
        QuantityError::OncePerOrder => word(lang, Word::MsgOncePerOrder).to_owned(),
        QuantityError::Required { measure } => {
            let t = word(lang, Word::MsgSizeIn);
            format!("{t} {measure}.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(given: i64, from: Option<i64>, up_to: i64) -> OutOfRange {
        OutOfRange {
            given: given.into(),
            measure: "GB".into(),
            from: from.map(Decimal::from),
            up_to: up_to.into(),
        }
    }

    #[test]
    fn four_terabytes_is_refused_naming_the_largest_tier_in_each_language() {
        let bg = Lang::new("bg").unwrap();
        let ru = Lang::new("ru").unwrap();
        assert_eq!(
            out_of_range(&bg, &r(4000, None, 3000)),
            "4 TB не се предлага: най-големият обем е 3 TB."
        );
        assert_eq!(
            out_of_range(&ru, &r(4000, None, 3000)),
            "4 TB не предоставляется: наибольший объём — 3 TB."
        );
    }

    #[test]
    fn half_a_gigabyte_is_below_the_smallest_recovery() {
        let en = Lang::new("en").unwrap();
        let half = OutOfRange {
            given: Decimal::new(5, 1),
            ..r(0, Some(1), 1000)
        };
        assert_eq!(
            out_of_range(&en, &half),
            "0.5 GB is not offered: the smallest size is 1 GB."
        );
        let bg = Lang::new("bg").unwrap();
        assert_eq!(
            out_of_range(&bg, &half),
            "0,5 GB не се предлага: най-малкият обем е 1 GB."
        );
    }

    #[test]
    fn every_quantity_error_is_said_in_each_language() {
        let errors = [
            QuantityError::Unreadable {
                given: "x".into(),
                expected: String::new(),
                form: Form::Count,
            },
            QuantityError::Unreadable {
                given: "x".into(),
                expected: String::new(),
                form: Form::Size {
                    units: vec!["GB".into(), "TB".into()],
                },
            },
            QuantityError::Unreadable {
                given: "x".into(),
                expected: String::new(),
                form: Form::Duration,
            },
            QuantityError::MinutesOverHour {
                given: "1h75m".into(),
            },
            QuantityError::NotWhole {
                given: "1.5".into(),
            },
            QuantityError::NotPositive { given: "0".into() },
            QuantityError::TooLarge {
                given: "1e9".into(),
                max: 10_000,
            },
            QuantityError::OncePerOrder,
            QuantityError::Required {
                measure: "GB".into(),
            },
        ];
        for e in &errors {
            let en = quantity_error(&Lang::new("en").unwrap(), e);
            for l in ["bg", "ru"] {
                let t = quantity_error(&Lang::new(l).unwrap(), e);
                assert_ne!(t, en);
                assert!(t.chars().any(|c| ('а'..='я').contains(&c)), "{t}");
            }
        }
    }
}
