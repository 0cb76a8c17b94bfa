//! Sentences about a person's input, in ru, bg and en: what the calculator shows beside a
//! line it cannot price. (The CLI's English messages are the `Display` of the same values.)

use rust_decimal::Decimal;

use crate::locale::number;
use crate::price_list::OutOfRange;
use crate::quantity::{Form, QuantityError};
use crate::text::Lang;

pub(crate) fn pick<'a>(lang: &Lang, en: &'a str, bg: &'a str, ru: &'a str) -> &'a str {
    match lang.as_str() {
        "bg" => bg,
        "ru" => ru,
        _ => en,
    }
}

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
            let t = pick(
                lang,
                "is not offered: the smallest size is",
                "не се предлага: най-малкият обем е",
                "не предоставляется: наименьший объём —",
            );
            format!("{given} {t} {from}.")
        }
        _ if r.given <= Decimal::ZERO => pick(
            lang,
            "Enter a size above zero.",
            "Въведете обем над нула.",
            "Введите объём больше нуля.",
        )
        .to_owned(),
        _ => {
            let up_to = size(lang, r.up_to, &r.measure);
            let t = pick(
                lang,
                "is not offered: the largest size is",
                "не се предлага: най-големият обем е",
                "не предоставляется: наибольший объём —",
            );
            format!("{given} {t} {up_to}.")
        }
    }
}

/// What to type, for the form a field takes: only the units that field takes, numbers as
/// the language writes them.
fn unreadable(lang: &Lang, form: &Form) -> String {
    match form {
        Form::Count => pick(
            lang,
            "Enter a whole number, such as 2.",
            "Въведете цяло число, например 2.",
            "Введите целое число, например 2.",
        )
        .to_owned(),
        Form::Size { units } => {
            let or = pick(lang, " or ", " или ", " или ");
            let units = match units.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{}{or}{last}", rest.join(", ")),
                None => String::new(),
            };
            let t = pick(
                lang,
                "Enter the size as a number, such as 250, in",
                "Въведете обема като число, например 250, в",
                "Введите объём числом, например 250, в",
            );
            format!("{t} {units}.")
        }
        Form::Duration => pick(
            lang,
            "Enter the time in hours, such as 2.5, or as 2 h 30 min.",
            "Въведете времето в часове, например 2,5, или като 2 ч 30 мин.",
            "Введите время в часах, например 2,5, или как 2 ч 30 мин.",
        )
        .to_owned(),
        Form::Once => pick(
            lang,
            "This is charged once per order.",
            "Това се начислява веднъж на поръчка.",
            "Это начисляется один раз за заказ.",
        )
        .to_owned(),
    }
}

/// What is wrong with a typed quantity, and what to type instead.
pub fn quantity_error(lang: &Lang, e: &QuantityError) -> String {
    match e {
        QuantityError::Unreadable { form, .. } => unreadable(lang, form),
        QuantityError::MinutesOverHour { .. } => pick(
            lang,
            "Enter minutes from 0 to 59 after the hours, or the whole time in minutes, such as 75 min.",
            "Въведете минути от 0 до 59 след часовете или цялото време в минути, например 75 мин.",
            "Введите минуты от 0 до 59 после часов или всё время в минутах, например 75 мин.",
        )
        .to_owned(),
        QuantityError::NotWhole { .. } => pick(
            lang,
            "Enter a whole number.",
            "Въведете цяло число.",
            "Введите целое число.",
        )
        .to_owned(),
        QuantityError::NotPositive { .. } => pick(
            lang,
            "Enter a number above zero.",
            "Въведете число над нула.",
            "Введите число больше нуля.",
        )
        .to_owned(),
        QuantityError::TooLarge { max, .. } => {
            let t = pick(
                lang,
                "Enter at most",
                "Въведете най-много",
                "Введите не больше",
            );
            format!("{t} {max}.")
        }
        QuantityError::OncePerOrder => pick(
            lang,
            "This is charged once per order.",
            "Това се начислява веднъж на поръчка.",
            "Это начисляется один раз за заказ.",
        )
        .to_owned(),
        QuantityError::Required { measure } => {
            let t = pick(
                lang,
                "Enter the size in",
                "Въведете обема в",
                "Введите объём в",
            );
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
