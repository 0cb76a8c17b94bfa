//! The data of the stemmers: suffix tables and stop words for Bulgarian, Russian and
//! English. Light stemmers: they strip inflections (case, number, gender, the Bulgarian
//! article) and a few derivational endings that join a noun and its adjective (`гаранция`
//! and `гаранционен`, `сервис` and `сервисный`), and leave verbs mostly alone (English
//! `-ed` and `-ing` and the Bulgarian `-ете` aside).
//!
//! Every stem keeps at least three letters. Tests in this module pin the word families of
//! tarif's own sources (memos, wizards and price lists in `content/` and `price-lists/`).

use super::stem::{Language, Rule, Stemmer};

const fn s(suffix: &'static str) -> Rule {
    Rule::strip(suffix)
}

const fn to(suffix: &'static str, replace: &'static str) -> Rule {
    Rule::to(suffix, replace)
}

const fn keep(suffix: &'static str) -> Rule {
    Rule::keep(suffix)
}

/// Bulgarian: the endings of nouns and adjectives with their articles.
const BG_INFLECTION: &[Rule] = &[
    // Singular endings, the article and both together (ремонт-ът, услуг-ата, врем-ето).
    s("а"),
    s("я"),
    s("о"),
    s("е"),
    s("й"),
    s("ът"),
    s("ят"),
    s("ата"),
    s("ята"),
    s("ото"),
    s("ето"),
    // The article of a feminine noun in a consonant (стойност-та, част-та). A lone -та is
    // not stripped: in `клиента` it is the stem's т and the article а.
    to("стта", "ст"),
    // Plurals with their article (ремонт-и, ремонт-ите, срок-ове, срок-овете, път-ища).
    s("и"),
    s("ите"),
    s("ове"),
    s("овете"),
    s("еве"),
    s("евете"),
    s("ища"),
    s("ищата"),
    s("ище"),
    s("ището"),
    // Nouns in -ия, -ие, -ий (гаранц-ия, гаранц-ията, гаранц-ии, гаранц-иите, издел-ие).
    s("ия"),
    s("ията"),
    s("ии"),
    s("иите"),
    s("ие"),
    s("ието"),
    s("ий"),
    // Verbs: the second person plural and the imperative (откаж-ете, опакова-йте).
    s("ате"),
    s("яте"),
    s("ете"),
    s("йте"),
    // Adjectives: the long masculine forms (гаранционн-ия, гаранционн-ият).
    s("ият"),
    // Adjectives and participles in -ен (сервиз-ен, включ-ен, включ-ени, включ-еният);
    // after и it is a й (сериен, серийна).
    s("ен"),
    to("иен", "ий"),
    s("ена"),
    s("ено"),
    s("ени"),
    s("ения"),
    s("еният"),
    s("ената"),
    s("еното"),
    s("ените"),
];

/// Bulgarian: the endings that make an adjective of a noun (сервиз-н-и, гаранц-ионн-а).
const BG_DERIVATION: &[Rule] = &[
    s("ионн"),
    s("ион"),
    // The adjectival -н- after a consonant; after a vowel it is part of the word (закон).
    s("н"),
    keep("ан"),
    keep("ен"),
    keep("ин"),
    keep("он"),
    keep("ун"),
    keep("ън"),
    keep("ян"),
    keep("юн"),
];

/// Bulgarian: the fleeting ъ (компютър, компютри; подарък, подаръка).
const BG_VOWEL: &[Rule] = &[to("ър", "р"), to("ъл", "л"), to("ък", "к")];

/// Bulgarian stop words.
const BG_STOP: &[&str] = &[
    "аз",
    "ако",
    "ала",
    "би",
    "бъде",
    "бъдат",
    "ви",
    "вие",
    "във",
    "го",
    "да",
    "до",
    "за",
    "из",
    "или",
    "им",
    "как",
    "какво",
    "като",
    "кой",
    "коя",
    "който",
    "която",
    "което",
    "които",
    "към",
    "ли",
    "ме",
    "ми",
    "му",
    "на",
    "над",
    "не",
    "ни",
    "но",
    "ние",
    "от",
    "по",
    "под",
    "при",
    "са",
    "се",
    "си",
    "със",
    "те",
    "то",
    "това",
    "този",
    "тази",
    "тези",
    "тя",
    "той",
    "че",
    "ще",
];

/// Bulgarian.
pub(super) static BG: Language = Language {
    stemmer: Stemmer {
        min: 3,
        steps: &[BG_INFLECTION, BG_DERIVATION, BG_VOWEL],
    },
    irregular: &[("дни", "ден")],
    stop: BG_STOP,
};

/// Russian: the endings of nouns and adjectives.
const RU_INFLECTION: &[Rule] = &[
    // Nouns (ремонт-а, ремонт-ом, ремонт-ов, ноутбук-ами).
    s("а"),
    s("я"),
    s("о"),
    s("е"),
    s("ы"),
    s("и"),
    s("у"),
    s("ю"),
    s("ь"),
    s("й"),
    s("ом"),
    s("ем"),
    s("ам"),
    s("ям"),
    s("ах"),
    s("ях"),
    s("ами"),
    s("ями"),
    s("ов"),
    s("ев"),
    s("ей"),
    s("ой"),
    s("ью"),
    s("ья"),
    s("ье"),
    s("ьи"),
    // Nouns in -ия, -ие, -ий (гарант-ия, гарант-ией, обслуживан-ие, обслуживан-ием).
    s("ия"),
    s("ии"),
    s("ию"),
    s("ией"),
    s("ие"),
    s("ием"),
    s("ий"),
    s("иям"),
    s("иями"),
    s("иях"),
    // Adjectives (сервисн-ый, сервисн-ого, сервисн-ыми).
    s("ый"),
    s("ая"),
    s("яя"),
    s("ое"),
    s("ее"),
    s("ые"),
    s("ого"),
    s("его"),
    s("ому"),
    s("ему"),
    s("ым"),
    s("им"),
    s("ую"),
    s("юю"),
    s("ых"),
    s("их"),
    s("ыми"),
    s("ими"),
];

/// Russian: the endings that make an adjective of a noun (сервис-н-ый, гарант-ийн-ый).
const RU_DERIVATION: &[Rule] = &[
    s("ийн"),
    // The adjectival -н- after a consonant; after a vowel it is part of the word.
    s("н"),
    keep("ан"),
    keep("ен"),
    keep("ин"),
    keep("он"),
    keep("ун"),
    keep("ын"),
    keep("эн"),
    keep("юн"),
    keep("ян"),
];

/// Russian: the fleeting е of -ец (продавец, продавца).
const RU_VOWEL: &[Rule] = &[to("ец", "ц")];

/// Russian stop words.
const RU_STOP: &[&str] = &[
    "бы",
    "был",
    "была",
    "были",
    "было",
    "быть",
    "вам",
    "вас",
    "ваш",
    "ваша",
    "ваше",
    "ваши",
    "во",
    "все",
    "вы",
    "да",
    "для",
    "до",
    "его",
    "ее",
    "если",
    "же",
    "за",
    "из",
    "или",
    "им",
    "их",
    "как",
    "ко",
    "которая",
    "которое",
    "которые",
    "который",
    "ли",
    "мы",
    "на",
    "над",
    "не",
    "ни",
    "но",
    "об",
    "он",
    "она",
    "они",
    "оно",
    "от",
    "по",
    "под",
    "при",
    "со",
    "так",
    "также",
    "то",
    "тот",
    "что",
    "чтобы",
    "эта",
    "эти",
    "это",
    "этот",
];

/// Russian.
pub(super) static RU: Language = Language {
    stemmer: Stemmer {
        min: 3,
        steps: &[RU_INFLECTION, RU_DERIVATION, RU_VOWEL],
    },
    irregular: &[
        ("дня", "ден"),
        ("дни", "ден"),
        ("дней", "ден"),
        ("днем", "ден"),
        ("дням", "ден"),
        ("днями", "ден"),
        ("днях", "ден"),
        ("лет", "год"),
    ],
    stop: RU_STOP,
};

/// English: plurals, the past and the -ing form (repair-s, repair-ed, repair-ing). The
/// `e` of `-es` goes with the silent `e` in the last step (servic-e, servic-es).
const EN_INFLECTION: &[Rule] = &[
    s("s"),
    keep("ss"),
    keep("us"),
    keep("is"),
    to("ies", "i"),
    s("ed"),
    to("ied", "i"),
    s("ing"),
];

/// English: a final -y after a consonant reads as -i (warranty, warranti-es), and a
/// doubled consonant left by -ed or -ing as one (stopp-ed).
const EN_Y_AND_DOUBLES: &[Rule] = &[
    to("y", "i"),
    keep("ay"),
    keep("ey"),
    keep("oy"),
    keep("uy"),
    to("bb", "b"),
    to("dd", "d"),
    to("ff", "f"),
    to("gg", "g"),
    to("mm", "m"),
    to("nn", "n"),
    to("pp", "p"),
    to("rr", "r"),
    to("tt", "t"),
];

/// English: a silent final -e (servic-e, servic-es, servic-ed).
const EN_E: &[Rule] = &[s("e"), keep("ee")];

/// English stop words.
const EN_STOP: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "if", "in", "into",
    "is", "it", "its", "not", "of", "on", "or", "our", "that", "the", "their", "them", "they",
    "this", "to", "was", "we", "were", "which", "will", "with", "you", "your",
];

/// English.
pub(super) static EN: Language = Language {
    stemmer: Stemmer {
        min: 3,
        steps: &[EN_INFLECTION, EN_Y_AND_DOUBLES, EN_E],
    },
    irregular: &[],
    stop: EN_STOP,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{normalise, stem};
    use crate::text::Lang;

    /// The one stem of `words` in `lang`; fails naming the words that stem otherwise.
    fn family(lang: &str, words: &[&str]) -> String {
        let lang = Lang::new(lang).unwrap();
        let stems: Vec<(String, &str)> = words.iter().map(|w| (stem(&lang, w), *w)).collect();
        let first = stems[0].0.clone();
        let odd: Vec<_> = stems.iter().filter(|(s, _)| *s != first).collect();
        assert!(odd.is_empty(), "{} is `{first}`, but {odd:?}", words[0]);
        first
    }

    fn apart(lang: &str, pairs: &[(&str, &str)]) {
        let lang = Lang::new(lang).unwrap();
        for (a, b) in pairs {
            assert_ne!(stem(&lang, a), stem(&lang, b), "{a} and {b} merged");
        }
    }

    #[test]
    fn bulgarian_garantsiya_is_one_family() {
        let words = [
            "гаранция",
            "гаранцията",
            "гаранции",
            "гаранциите",
            "гаранционно",
            "гаранционното",
            "гаранционен",
            "гаранционна",
            "гаранционната",
            "гаранционни",
            "гаранционните",
            "гаранционния",
            "гаранционният",
        ];
        assert_eq!(family("bg", &words), "гаранц");
    }

    #[test]
    fn bulgarian_nouns_with_articles_and_plurals() {
        assert_eq!(
            family(
                "bg",
                &["ремонт", "ремонта", "ремонтът", "ремонти", "ремонтите"]
            ),
            "ремонт"
        );
        assert_eq!(
            family(
                "bg",
                &[
                    "сервиз",
                    "сервиза",
                    "сервизът",
                    "сервизи",
                    "сервизен",
                    "сервизна",
                    "сервизни",
                    "сервизните",
                    "сервизно"
                ]
            ),
            "сервиз"
        );
        assert_eq!(
            family("bg", &["диагностика", "диагностиката"]),
            "диагностик"
        );
        assert_eq!(
            family("bg", &["лаптоп", "лаптопа", "лаптопи", "лаптопът"]),
            "лаптоп"
        );
        assert_eq!(
            family("bg", &["срок", "срока", "срокът", "срокове", "сроковете"]),
            "срок"
        );
        assert_eq!(
            family(
                "bg",
                &["клиент", "клиента", "клиентът", "клиенти", "клиентите"]
            ),
            "клиент"
        );
        assert_eq!(
            family("bg", &["услуга", "услугата", "услуги", "услугите"]),
            "услуг"
        );
        assert_eq!(family("bg", &["дисплей", "дисплея", "дисплеят"]), "диспле");
        assert_eq!(family("bg", &["повреда", "повредата", "повреди"]), "повред");
        assert_eq!(family("bg", &["ден", "деня", "дни"]), "ден");
    }

    #[test]
    fn bulgarian_families_of_the_sources() {
        // Word families from content/laptop-bg and price-lists/laptop-bg.toml.
        family(
            "bg",
            &["устройство", "устройството", "устройства", "устройствата"],
        );
        family(
            "bg",
            &[
                "дефект",
                "дефектът",
                "дефекти",
                "дефектите",
                "дефектен",
                "дефектно",
            ],
        );
        family("bg", &["цена", "цената", "цени", "цените"]);
        family("bg", &["компютър", "компютри", "компютърна"]);
        family("bg", &["център", "центрове"]);
        family("bg", &["подарък", "подаръка"]);
        family("bg", &["обслужване", "обслужването"]);
        family("bg", &["софтуер", "софтуера", "софтуерът", "софтуерни"]);
        family("bg", &["такса", "таксата", "такси"]);
        family("bg", &["изделие", "изделия"]);
        family("bg", &["информация", "информацията"]);
        family("bg", &["стойност", "стойността"]);
        family("bg", &["сериен", "серийни", "серийният"]);
        family("bg", &["лиценза", "лицензионни"]);
        family("bg", &["откаже", "откажете"]);
        family("bg", &["потребител", "потребители", "потребителите"]);
        family(
            "bg",
            &[
                "оторизиран",
                "оторизирани",
                "оторизираните",
                "оторизираният",
            ],
        );
        family("bg", &["включен", "включени"]);
    }

    #[test]
    fn bulgarian_keeps_different_words_apart() {
        apart(
            "bg",
            &[
                ("цена", "цент"),
                ("час", "част"),
                ("части", "часа"),
                ("карта", "кара"),
                ("данни", "дата"),
            ],
        );
    }

    #[test]
    fn russian_families() {
        let garantiya = [
            "гарантия",
            "гарантии",
            "гарантию",
            "гарантией",
            "гарантийный",
            "гарантийного",
            "гарантийное",
            "гарантийном",
            "гарантийная",
            "гарантийных",
        ];
        assert_eq!(family("ru", &garantiya), "гарант");
        assert_eq!(
            family(
                "ru",
                &[
                    "ремонт",
                    "ремонта",
                    "ремонтом",
                    "ремонту",
                    "ремонты",
                    "ремонтов"
                ]
            ),
            "ремонт"
        );
        assert_eq!(
            family(
                "ru",
                &["сервис", "сервиса", "сервисное", "сервисного", "сервисный"]
            ),
            "сервис"
        );
        assert_eq!(
            family(
                "ru",
                &[
                    "обслуживание",
                    "обслуживания",
                    "обслуживанию",
                    "обслуживанием"
                ]
            ),
            "обслуживан"
        );
        assert_eq!(
            family("ru", &["ноутбук", "ноутбука", "ноутбуков"]),
            "ноутбук"
        );
        assert_eq!(
            family(
                "ru",
                &["клиент", "клиента", "клиенту", "клиентом", "клиентов"]
            ),
            "клиент"
        );
        // From content/comportal and price-lists/comportal.toml.
        family(
            "ru",
            &[
                "устройство",
                "устройства",
                "устройств",
                "устройством",
                "устройствах",
            ],
        );
        family(
            "ru",
            &[
                "представительство",
                "представительства",
                "представительствах",
            ],
        );
        family("ru", &["бесплатно", "бесплатные", "бесплатных"]);
        family("ru", &["услуга", "услуги", "услуг", "услугами"]);
        family("ru", &["продавец", "продавца", "продавцу"]);
        family("ru", &["день", "дня", "дней"]);
        family("ru", &["год", "года", "лет"]);
        family("ru", &["ремонт", "ремонтный"]);
        apart("ru", &[("цена", "цент"), ("час", "часть")]);
    }

    #[test]
    fn english_families() {
        assert_eq!(family("en", &["warranty", "warranties"]), "warranti");
        assert_eq!(
            family("en", &["repair", "repairs", "repaired", "repairing"]),
            "repair"
        );
        assert_eq!(
            family("en", &["service", "services", "serviced", "servicing"]),
            "servic"
        );
        assert_eq!(family("en", &["laptop", "laptops"]), "laptop");
        assert_eq!(family("en", &["day", "days"]), "day");
        assert_eq!(family("en", &["battery", "batteries"]), "batteri");
        assert_eq!(
            family("en", &["return", "returned", "returns", "returning"]),
            "return"
        );
        family("en", &["address", "addresses"]);
        family("en", &["drop", "dropped", "dropping"]);
        family("en", &["copy", "copies"]);
        apart("en", &[("price", "prize"), ("class", "clas")]);
    }

    #[test]
    fn latin_words_on_a_cyrillic_site_stem_as_english() {
        family("bg", &["laptop", "laptops"]);
        family("ru", &["drivers", "driver"]);
    }

    #[test]
    fn tables_are_normalised_and_unambiguous() {
        for lang in [&BG, &RU, &EN] {
            for step in lang.stemmer.steps {
                for (i, rule) in step.iter().enumerate() {
                    assert!(!rule.suffix.is_empty());
                    assert_eq!(normalise(rule.suffix), rule.suffix);
                    assert_eq!(normalise(rule.replace), rule.replace);
                    assert!(
                        step[..i].iter().all(|r| r.suffix != rule.suffix),
                        "{} twice in a step",
                        rule.suffix
                    );
                }
            }
            for (i, word) in lang.stop.iter().enumerate() {
                assert_eq!(normalise(word), *word);
                assert!(
                    word.chars().count() > 1,
                    "{word}: single letters are stop words anyway"
                );
                assert!(!lang.stop[..i].contains(word), "{word} twice");
            }
            for (word, stem) in lang.irregular {
                assert_eq!(normalise(word), *word);
                assert!(stem.chars().count() >= lang.stemmer.min);
            }
        }
    }
}
