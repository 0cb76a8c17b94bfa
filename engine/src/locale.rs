//! What the site and the CLI say around the data, in each language tarif speaks (ru, bg,
//! en): the words of price tables and quotes, plural forms, and how money is written.
//!
//! Texts from a company's sources (item names, notes) come from its files; this module only
//! holds tarif's own vocabulary, so that a Bulgarian page never says "price on request".

use rust_decimal::Decimal;

use crate::money::Money;
use crate::rounding;
use crate::text::Lang;

/// The languages tarif's own words are written in.
pub const LANGUAGES: [&str; 3] = ["en", "bg", "ru"];

/// tarif's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Free,
    OnRequest,
    FirstHour,
    EachStartedHour,
    PerOrder,
    Total,
    Subtotal,
    VatIncluded,
    VatAdded,
    NotPriced,
    NotOffered,
    Quote,
    Item,
    Price,
    Quantity,
    PricesIn,
    ForReference,
    BySize,
    UpTo,
    VatExcluded,
    SkipToContent,
    Language,
    Home,
    Sections,
    InThisSection,
    OtherLanguages,
    YouAreHere,
    QuoteCalculator,
    AllAnswers,
    NeedsScript,
    SeePriceList,
    Search,
    SearchTheSite,
    NothingFound,
    SearchNeedsScript,
    AllPages,
    NothingPriced,
}

impl Word {
    /// Every word, for checks that each is translated.
    pub const ALL: [Word; 37] = [
        Word::Free,
        Word::OnRequest,
        Word::FirstHour,
        Word::EachStartedHour,
        Word::PerOrder,
        Word::Total,
        Word::Subtotal,
        Word::VatIncluded,
        Word::VatAdded,
        Word::NotPriced,
        Word::NotOffered,
        Word::Quote,
        Word::Item,
        Word::Price,
        Word::Quantity,
        Word::PricesIn,
        Word::ForReference,
        Word::BySize,
        Word::UpTo,
        Word::VatExcluded,
        Word::SkipToContent,
        Word::Language,
        Word::Home,
        Word::Sections,
        Word::InThisSection,
        Word::OtherLanguages,
        Word::YouAreHere,
        Word::QuoteCalculator,
        Word::AllAnswers,
        Word::NeedsScript,
        Word::SeePriceList,
        Word::Search,
        Word::SearchTheSite,
        Word::NothingFound,
        Word::SearchNeedsScript,
        Word::AllPages,
        Word::NothingPriced,
    ];
}

/// A word in `lang`; English where tarif does not speak `lang`.
///
/// ```
/// use tarif_engine::locale::{word, Word};
/// use tarif_engine::text::Lang;
/// assert_eq!(word(&Lang::new("bg").unwrap(), Word::OnRequest), "по договаряне");
/// ```
/// `w` in capitals, as a plain-text quote writes its total. tarif's words are ASCII or
/// Cyrillic, so this maps those two alphabets alone and the WASM app carries no Unicode
/// case table (12 KB) for one word; a test checks it against `str::to_uppercase` for every
/// word in every language.
pub fn word_caps(lang: &Lang, w: Word) -> String {
    word(lang, w)
        .chars()
        .map(|c| match c {
            'a'..='z' => c.to_ascii_uppercase(),
            'а'..='я' => char::from_u32(u32::from(c) - 0x20).unwrap_or(c),
            'ѐ'..='џ' => char::from_u32(u32::from(c) - 0x50).unwrap_or(c),
            c => c,
        })
        .collect()
}

pub fn word(lang: &Lang, w: Word) -> &'static str {
    use Word::*;
    let [en, bg, ru] = match w {
        QuoteCalculator => [
            "Quote calculator",
            "Калкулатор на цена",
            "Калькулятор стоимости",
        ],
        AllAnswers => [
            "Every answer and where it leads",
            "Всички отговори и до какво водят",
            "Все ответы и к чему они ведут",
        ],
        NeedsScript => [
            "The interactive version runs in your browser with JavaScript. Every answer and its outcome is in the table below.",
            "Интерактивната версия работи в браузъра Ви с JavaScript. Всеки отговор и резултатът от него са в таблицата по-долу.",
            "Интерактивная версия работает в вашем браузере с JavaScript. Каждый ответ и его результат есть в таблице ниже.",
        ],
        SeePriceList => [
            "See the price list",
            "Вижте ценоразписа",
            "Смотрите прайс-лист",
        ],
        Search => ["Search", "Търсене", "Поиск"],
        SearchTheSite => [
            "Search the terms and prices",
            "Търсене в условията и цените",
            "Поиск по условиям и ценам",
        ],
        NothingFound => [
            "Nothing found. Try another form of the word, or fewer words.",
            "Няма намерени резултати. Опитайте с друга форма на думата или с по-малко думи.",
            "Ничего не найдено. Попробуйте другую форму слова или меньше слов.",
        ],
        SearchNeedsScript => [
            "Search runs in your browser with JavaScript. Every page of the site is listed below.",
            "Търсенето работи в браузъра Ви с JavaScript. Всички страници на сайта са изброени по-долу.",
            "Поиск работает в вашем браузере с JavaScript. Все страницы сайта перечислены ниже.",
        ],
        AllPages => ["All pages", "Всички страници", "Все страницы"],
        NothingPriced => [
            "Nothing in this order has a price, so there is no total:",
            "Нищо в тази поръчка няма цена, затова няма обща сума:",
            "Ни у чего в этом заказе нет цены, поэтому итога нет:",
        ],
        Free => ["free", "безплатно", "бесплатно"],
        OnRequest => ["price on request", "по договаряне", "цена по запросу"],
        FirstHour => ["first hour", "първи час", "первый час"],
        EachStartedHour => [
            "each started hour after the first",
            "всеки започнат час след първия",
            "каждый начатый час после первого",
        ],
        PerOrder => ["per order", "на поръчка", "за заказ"],
        Total => ["Total", "Общо", "Итого"],
        Subtotal => ["Subtotal", "Междинна сума", "Промежуточный итог"],
        VatIncluded => ["incl. VAT", "вкл. ДДС", "в т. ч. НДС"],
        VatAdded => ["VAT", "ДДС", "НДС"],
        NotPriced => ["Not priced", "Без цена", "Без цены"],
        NotOffered => [
            "not offered at this size",
            "не се предлага за този обем",
            "не предоставляется для этого объёма",
        ],
        Quote => ["Quote", "Оферта", "Расчёт стоимости"],
        Item => ["Service", "Услуга", "Услуга"],
        Price => ["Price", "Цена", "Цена"],
        Quantity => ["Quantity", "Количество", "Количество"],
        PricesIn => ["Prices in", "Цени в", "Цены в"],
        ForReference => ["for reference", "за справка", "для справки"],
        BySize => ["by size", "според обема", "по объёму"],
        UpTo => ["up to", "до", "до"],
        VatExcluded => ["excl. VAT", "без ДДС", "без НДС"],
        SkipToContent => [
            "Skip to content",
            "Към съдържанието",
            "Перейти к содержанию",
        ],
        Language => ["Language", "Език", "Язык"],
        Home => ["Home", "Начало", "Главная"],
        Sections => ["Sections", "Раздели", "Разделы"],
        InThisSection => ["In this section", "В този раздел", "В этом разделе"],
        OtherLanguages => ["In other languages", "На други езици", "На других языках"],
        YouAreHere => ["You are here", "Вие сте тук", "Вы здесь"],
    };
    match lang.as_str() {
        "bg" => bg,
        "ru" => ru,
        _ => en,
    }
}

/// A language's name in that language, as a language switcher shows it: "Български".
///
/// ```
/// use tarif_engine::locale::language_name;
/// use tarif_engine::text::Lang;
/// assert_eq!(language_name(&Lang::new("ru").unwrap()), "Русский");
/// assert_eq!(language_name(&Lang::new("kk").unwrap()), "kk");
/// ```
pub fn language_name(lang: &Lang) -> &str {
    match lang.as_str() {
        "en" => "English",
        "bg" => "Български",
        "ru" => "Русский",
        other => other,
    }
}

/// The plural category of `n` in `lang` (CLDR rules for ru, bg and en).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::locale::{plural, Plural};
/// use tarif_engine::text::Lang;
/// let ru = Lang::new("ru").unwrap();
/// assert_eq!(plural(&ru, Decimal::from(21)), Plural::One);
/// assert_eq!(plural(&ru, Decimal::from(22)), Plural::Few);
/// assert_eq!(plural(&ru, Decimal::from(11)), Plural::Many);
/// ```
pub fn plural(lang: &Lang, n: Decimal) -> Plural {
    if !n.fract().is_zero() {
        return Plural::Other; // "2,5 часа", "2.5 hours"
    }
    let n = n.abs().trunc();
    // The last one and two digits of the whole number (read from its digits: the app
    // then needs no decimal remainder).
    let whole = n.normalize().to_string();
    let mod10 = &whole[whole.len() - 1..];
    let mod100 = whole[whole.len().saturating_sub(2)..].trim_start_matches('0');
    match lang.as_str() {
        "ru" => match (mod10, mod100) {
            ("1", m) if m != "11" => Plural::One,
            ("2" | "3" | "4", m) if !["12", "13", "14"].contains(&m) => Plural::Few,
            _ => Plural::Many,
        },
        _ if n == Decimal::ONE => Plural::One,
        _ => Plural::Other,
    }
}

/// A countable noun of tarif's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Hour,
    Minute,
    /// A search result.
    Result,
}

/// `n` with its noun in the right form: "1 час", "2 часа", "5 часов", "2,5 часа".
///
/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::locale::{counted, Noun};
/// use tarif_engine::text::Lang;
/// let ru = Lang::new("ru").unwrap();
/// assert_eq!(counted(&ru, Decimal::from(5), Noun::Hour), "5 часов");
/// ```
pub fn counted(lang: &Lang, n: Decimal, noun: Noun) -> String {
    let p = plural(lang, n);
    let form = match (lang.as_str(), noun) {
        ("ru", Noun::Hour) => pick(p, "час", "часа", "часов", "часа"),
        ("ru", Noun::Minute) => pick(p, "минута", "минуты", "минут", "минуты"),
        ("bg", Noun::Hour) => pick(p, "час", "часа", "часа", "часа"),
        ("bg", Noun::Minute) => pick(p, "минута", "минути", "минути", "минути"),
        ("ru", Noun::Result) => pick(p, "результат", "результата", "результатов", "результата"),
        // Bulgarian masculine nouns take their count form after a number: "5 резултата".
        ("bg", Noun::Result) => pick(p, "резултат", "резултата", "резултата", "резултата"),
        (_, Noun::Result) => pick(p, "result", "results", "results", "results"),
        (_, Noun::Hour) => pick(p, "hour", "hours", "hours", "hours"),
        (_, Noun::Minute) => pick(p, "minute", "minutes", "minutes", "minutes"),
    };
    format!("{} {form}", number(lang, n))
}

fn pick(
    p: Plural,
    one: &'static str,
    few: &'static str,
    many: &'static str,
    other: &'static str,
) -> &'static str {
    match p {
        Plural::One => one,
        Plural::Few => few,
        Plural::Many => many,
        Plural::Other => other,
    }
}

/// A duration of `minutes` in words: "2 часа 30 минути", "1 hour".
pub fn duration(lang: &Lang, minutes: Decimal) -> String {
    let hours = (minutes / Decimal::from(60)).trunc();
    let rest = (minutes - hours * Decimal::from(60)).normalize();
    match (hours.is_zero(), rest.is_zero()) {
        (false, true) => counted(lang, hours, Noun::Hour),
        (true, _) => counted(lang, rest, Noun::Minute),
        (false, false) => format!(
            "{} {}",
            counted(lang, hours, Noun::Hour),
            counted(lang, rest, Noun::Minute)
        ),
    }
}

/// A plain number with the language's decimal mark ("2,5" in ru and bg).
pub fn number(lang: &Lang, n: Decimal) -> String {
    let text = n.normalize().to_string();
    match lang.as_str() {
        "en" => text,
        _ => text.replace('.', ","),
    }
}

/// Money as people in `lang` write it: `25,56 €` and `50,00 лв.` in bg, `€25.56` in en,
/// `1 234,00 ₸` in ru (thousands grouped, two decimals, half-up).
///
/// ```
/// use tarif_engine::locale::money;
/// use tarif_engine::money::Money;
/// use tarif_engine::text::Lang;
/// let m = Money { amount: "1234.5".parse().unwrap(), currency: "EUR".parse().unwrap() };
/// assert_eq!(money(&Lang::new("bg").unwrap(), m), "1\u{a0}234,50\u{a0}€");
/// assert_eq!(money(&Lang::new("en").unwrap(), m), "€1,234.50");
/// ```
pub fn money(lang: &Lang, m: Money) -> String {
    let cents = rounding::to_cents_string(m.amount);
    let (sign, digits) = cents
        .strip_prefix('-')
        .map_or(("", cents.as_str()), |d| ("-", d));
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let (group, mark) = if lang.as_str() == "en" {
        (",", ".")
    } else {
        ("\u{a0}", ",")
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(c);
    }
    let amount = format!("{sign}{grouped}{mark}{frac}");
    let code = m.currency.code();
    match (lang.as_str(), code) {
        ("en", "EUR") => format!("{sign}€{grouped}{mark}{frac}"),
        ("en", _) => format!("{amount} {code}"),
        (_, "EUR") => format!("{amount}\u{a0}€"),
        ("bg", "BGN") => format!("{amount}\u{a0}лв."),
        ("ru", "KZT") => format!("{amount}\u{a0}₸"),
        _ => format!("{amount}\u{a0}{code}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::new(tag).unwrap()
    }

    #[test]
    fn russian_hours_take_three_forms() {
        let ru = lang("ru");
        let cases = [
            (1, "1 час"),
            (2, "2 часа"),
            (4, "4 часа"),
            (5, "5 часов"),
            (11, "11 часов"),
            (12, "12 часов"),
            (21, "21 час"),
            (22, "22 часа"),
            (25, "25 часов"),
            (111, "111 часов"),
        ];
        for (n, text) in cases {
            assert_eq!(counted(&ru, Decimal::from(n), Noun::Hour), text);
        }
        assert_eq!(counted(&ru, "2.5".parse().unwrap(), Noun::Hour), "2,5 часа");
    }

    #[test]
    fn search_results_are_counted_in_each_language() {
        let n =
            |lang: &str, n: i64| counted(&self::tests::lang(lang), Decimal::from(n), Noun::Result);
        assert_eq!(n("ru", 1), "1 результат");
        assert_eq!(n("ru", 3), "3 результата");
        assert_eq!(n("ru", 11), "11 результатов");
        assert_eq!(n("ru", 21), "21 результат");
        assert_eq!(n("bg", 1), "1 резултат");
        assert_eq!(n("bg", 7), "7 резултата");
        assert_eq!(n("en", 1), "1 result");
        assert_eq!(n("en", 0), "0 results");
    }

    #[test]
    fn bulgarian_and_english_hours_take_two() {
        assert_eq!(counted(&lang("bg"), Decimal::ONE, Noun::Hour), "1 час");
        assert_eq!(counted(&lang("bg"), Decimal::from(2), Noun::Hour), "2 часа");
        assert_eq!(counted(&lang("bg"), Decimal::from(5), Noun::Hour), "5 часа");
        assert_eq!(counted(&lang("en"), Decimal::ONE, Noun::Hour), "1 hour");
        assert_eq!(
            counted(&lang("en"), Decimal::from(21), Noun::Hour),
            "21 hours"
        );
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(
            duration(&lang("bg"), Decimal::from(150)),
            "2 часа 30 минути"
        );
        assert_eq!(duration(&lang("ru"), Decimal::from(60)), "1 час");
        assert_eq!(duration(&lang("en"), Decimal::from(45)), "45 minutes");
        assert_eq!(duration(&lang("ru"), Decimal::from(61)), "1 час 1 минута");
    }

    #[test]
    fn money_per_language() {
        let m = |a: &str, c: &str| Money {
            amount: a.parse().unwrap(),
            currency: c.parse().unwrap(),
        };
        assert_eq!(money(&lang("bg"), m("25.56", "EUR")), "25,56\u{a0}€");
        assert_eq!(money(&lang("bg"), m("50", "BGN")), "50,00\u{a0}лв.");
        assert_eq!(money(&lang("en"), m("50", "BGN")), "50.00 BGN");
        assert_eq!(
            money(&lang("ru"), m("1234567", "KZT")),
            "1\u{a0}234\u{a0}567,00\u{a0}₸"
        );
        assert_eq!(money(&lang("en"), m("-5", "EUR")), "-€5.00");
        assert_eq!(money(&lang("en"), m("999.995", "EUR")), "€1,000.00");
    }

    #[test]
    fn words_in_capitals_are_the_unicode_capitals() {
        for w in Word::ALL {
            for l in ["en", "bg", "ru"] {
                let l = lang(l);
                assert_eq!(word_caps(&l, w), word(&l, w).to_uppercase(), "{w:?} in {l}");
            }
        }
        assert_eq!(word_caps(&lang("ru"), Word::Total), "ИТОГО");
    }

    #[test]
    fn every_word_is_translated() {
        let all = Word::ALL;
        for w in all {
            let en = word(&lang("en"), w);
            for l in ["bg", "ru"] {
                let t = word(&lang(l), w);
                assert_ne!(t, en, "{w:?} in {l}");
                assert!(
                    t.chars()
                        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap())),
                    "{w:?} in {l} is not Cyrillic: {t}"
                );
            }
        }
    }
}
