//! Bad price lists: each problem is reported where it is, with what to do about it.

use tarif_engine::price_list::parse_price_list;

const HEAD: &str = r#"languages = ["bg", "en"]
currency = "BGN"
show = ["EUR", "BGN"]
rates = { EUR = "1.95583" }
title = { bg = "Цени", en = "Prices" }
[[sections]]
id = "all"
name = { bg = "Всички", en = "All" }
"#;

/// Every problem of `items` (appended to a valid head) as `line:col: message`.
fn problems(items: &str) -> Vec<String> {
    let text = format!("{HEAD}{items}");
    match parse_price_list("price-lists/shop.toml", &text) {
        Ok(_) => vec![],
        Err(ps) => ps
            .iter()
            .map(|p| {
                assert!(p.help.is_some(), "no hint for {p}");
                assert!(p.location().starts_with("price-lists/shop.toml:"), "{p}");
                format!("{}:{}: {}", p.line, p.column, p.message)
            })
            .collect(),
    }
}

fn item(fields: &str) -> String {
    format!("[[sections.items]]\nid = \"x\"\nname = {{ bg = \"Х\", en = \"X\" }}\n{fields}\n")
}

#[test]
fn a_valid_item_has_no_problems() {
    assert_eq!(problems(&item("price = \"60\"")), Vec::<String>::new());
}

#[test]
fn a_float_price_is_refused_because_it_cannot_hold_cents() {
    let p = problems(&item("price = 12.5"));
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("12:9: 12.5 is a TOML float"), "{p:?}");
}

#[test]
fn a_word_that_is_not_a_price() {
    let p = problems(&item("price = \"sixty\""));
    assert_eq!(p, ["12:9: `sixty` is not a number (the price of item `x`)"]);
}

#[test]
fn an_unknown_field_names_the_allowed_ones() {
    let p = problems(&item("prise = \"60\""));
    assert!(
        p[0].starts_with("12:1: unknown field `prise`, expected one of"),
        "{p:?}"
    );
}

#[test]
fn a_missing_translation_is_located_at_the_text() {
    let text = "[[sections.items]]\nid = \"x\"\nname = { bg = \"Х\" }\nprice = \"1\"\n";
    assert_eq!(
        problems(text),
        ["11:8: the name of item `x` has no en text"]
    );
}

#[test]
fn a_duplicate_id_names_the_first_one() {
    let p = problems(&format!(
        "{}{}",
        item("price = \"1\""),
        item("price = \"2\"")
    ));
    assert_eq!(p, ["14:6: the id `x` is already used on line 10"]);
}

#[test]
fn a_duplicate_key_is_a_toml_error() {
    let p = problems(&item("price = \"1\"\nprice = \"2\""));
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("13:1: duplicate key"), "{p:?}");
}

#[test]
fn tiers_out_of_order_are_refused() {
    let p = problems(&item(
        "measure = \"GB\"\ntiers = [{ up_to = \"10\", price = \"1\" }, { up_to = \"5\", price = \"2\" }]",
    ));
    assert_eq!(
        p,
        ["13:51: tier 2 of item `x` ends at 5, not above the previous bound 10"]
    );
}

#[test]
fn an_item_needs_exactly_one_way_of_pricing() {
    assert_eq!(
        problems(&item("")),
        ["10:6: item `x` needs exactly one of `price`, `tiers`, `hourly` or `surcharge`"]
    );
    let both = problems(&item("price = \"1\"\nsurcharge = \"2\""));
    assert_eq!(
        both,
        ["10:6: item `x` needs exactly one of `price`, `tiers`, `hourly` or `surcharge`"]
    );
}

#[test]
fn a_shown_currency_needs_a_rate() {
    let text = HEAD.replace("rates = { EUR = \"1.95583\" }\n", "") + &item("price = \"1\"");
    let ps = parse_price_list("shop.toml", &text).unwrap_err();
    assert_eq!(ps.len(), 1);
    assert_eq!((ps[0].line, ps[0].column), (3, 9));
    assert!(ps[0].message.contains("has no EUR rate"), "{}", ps[0]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = format!(
        "{}{}{}",
        item("price = \"sixty\""),
        item("price = \"-1\""),
        "[[sections.items]]\nid = \"Bad Id\"\nname = { bg = \"Х\", en = \"X\" }\nprice = \"1\"\n"
    );
    let p = problems(&text);
    assert_eq!(p.len(), 4, "{p:#?}"); // sixty; duplicate x; negative; bad id
}

#[test]
fn a_negative_price_is_refused() {
    assert_eq!(
        problems(&item("price = \"-1\"")),
        ["12:9: the price of item `x` is negative"]
    );
}

#[test]
fn the_file_name_is_the_list_id_and_must_be_url_safe() {
    let text = format!("{HEAD}{}", item("price = \"1\""));
    let ps = parse_price_list("price-lists/My Prices.toml", &text).unwrap_err();
    assert!(
        ps[0]
            .message
            .contains("`My Prices` is not a valid price-list id"),
        "{}",
        ps[0]
    );
}
