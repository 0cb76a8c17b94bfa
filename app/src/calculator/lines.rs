//! The table of added items: each with the input its pricing takes (a count, a size with
//! its unit, a duration), its live amount, its problem, and a remove button.

use leptos::prelude::*;
use tarif_engine::locale::Word;
use tarif_engine::markup::Markup;
use tarif_engine::price_list::{Item, Pricing};

use tarif_engine::quantity::field_text;

use super::Ctx;
use super::state::{Line, LineStatus};
use crate::dom::{closest_with, focus_later, value_at};

/// The table of lines, as markup, written again only when a line comes or goes (the
/// focus then moves on purpose: to the new line's field, or to the finder); as one
/// types, each line's amount, problem and validity are updated in place, and the fields
/// keep the focus. Its container listens for edits (each row says which line it is,
/// `data-key`) and for the remove buttons (`data-remove`).
#[component]
pub fn Lines(ctx: Ctx) -> impl IntoView {
    let w = ctx.words;
    let rows = Memo::new(move |_| {
        ctx.order
            .with(|o| o.lines.iter().map(|l| l.key).collect::<Vec<_>>())
    });
    let markup = move || {
        let mut m = Markup::new();
        head(&mut m, ctx);
        rows.with(|keys| {
            if keys.is_empty() {
                m.open("tr")
                    .element(
                        "td",
                        &[("colspan", "4"), ("class", "hint")],
                        w.get(Word::Empty),
                    )
                    .close("tr");
            }
            // Only a line coming or going writes the rows again: what they show as one
            // types (amounts, problems) is updated in place by the effect below.
            untrack(|| {
                ctx.order.with(|o| {
                    ctx.evaluation.with(|(statuses, _)| {
                        for line in &o.lines {
                            let status = statuses.iter().find(|s| s.key == line.key);
                            row(&mut m, ctx, line, status);
                        }
                    })
                })
            })
        });
        m.close("tbody").close("table");
        m.finish()
    };
    Effect::new(move |_| {
        ctx.evaluation.with(|(statuses, _)| {
            for s in statuses {
                show_status(ctx, s);
            }
        })
    });
    let edited = move |ev: leptos::ev::Event| edited(ctx, &ev);
    // Leaving a line's field shows its problem, if it has one.
    let left = move |ev: leptos::ev::FocusEvent| {
        if let Some(key) = closest_with(&ev, "data-key").and_then(|(_, k)| k.parse::<u32>().ok())
            && ctx
                .order
                .with_untracked(|o| o.lines.iter().any(|l| l.key == key && !l.touched))
        {
            ctx.order.update(|o| o.touch(key));
        }
    };
    let clicked = move |ev: leptos::ev::MouseEvent| removed(ctx, &ev);
    view! {
        <div inner_html=markup on:input=edited on:change=edited on:focusout=left on:click=clicked></div>
    }
}

/// The table's start: its caption, the column heads, and the body's opening tag.
fn head(m: &mut Markup, ctx: Ctx) {
    let w = ctx.words;
    let col = [("scope", "col")];
    m.start("table")
        .attr("class", "calc-lines")
        .end()
        .element(
            "caption",
            &[("class", "visually-hidden")],
            w.get(Word::QuoteCalculator),
        )
        .open("thead")
        .open("tr")
        .element("th", &col, ctx.word(Word::Item))
        .element("th", &col, w.get(Word::Quantity))
        .element(
            "th",
            &[("scope", "col"), ("class", "num")],
            w.get(Word::Amount),
        )
        .start("th")
        .attr("scope", "col")
        .end()
        .element("span", &[("class", "visually-hidden")], w.get(Word::Remove))
        .close("th")
        .close("tr")
        .close("thead")
        .open("tbody");
}

/// What a line shows for its status: its amount, or "on request".
fn amount(ctx: Ctx, status: Option<&LineStatus>) -> String {
    match status {
        Some(s) if s.on_request => ctx.word(Word::OnRequest).to_owned(),
        Some(s) => s.amount.as_ref().map(|a| ctx.money(a)).unwrap_or_default(),
        None => String::new(),
    }
}

/// A line's amount, problem and validity, updated in place.
fn show_status(ctx: Ctx, s: &LineStatus) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let key = s.key;
    if let Some(cell) = document.get_element_by_id(&format!("calc-amt-{key}")) {
        cell.set_text_content(Some(&amount(ctx, Some(s))));
    }
    let error = ctx.shown_error(s);
    if let Some(reading) = document.get_element_by_id(&format!("calc-r-{key}")) {
        let text = s.reading.as_deref().unwrap_or_default();
        if reading.text_content().unwrap_or_default() != text {
            reading.set_text_content(Some(text));
        }
    }
    if let Some(problem) = document.get_element_by_id(&format!("calc-err-{key}")) {
        let text = error.unwrap_or_default();
        // Only when it changes: the problem is a live region.
        if problem.text_content().unwrap_or_default() != text {
            problem.set_text_content(Some(text));
        }
    }
    if let Some(field) = document.get_element_by_id(&format!("calc-q-{key}")) {
        let _ = field.set_attribute("aria-invalid", &error.is_some().to_string());
    }
}

/// One line: the item (and its note), its field, its problem, its amount, remove.
fn row(m: &mut Markup, ctx: Ctx, line: &Line, status: Option<&LineStatus>) {
    let Some(item) = ctx.list.with_value(|l| l.item(&line.item).cloned()) else {
        return;
    };
    let key = line.key.to_string();
    let name = ctx.name(&item);
    m.start("tr").attr("data-key", &key).end().open("th");
    m.text(&name);
    if let Some(section) = ctx.section_of(&item.id) {
        m.element("span", &[("class", "calc-section")], &section);
    }
    if let Some(note) = &item.note {
        let lang = ctx.lang.get_value();
        let text = ctx
            .list
            .with_value(|l| note.best(&lang, &l.languages).to_owned());
        m.element("span", &[("class", "calc-note")], &text);
    }
    m.close("th").open("td");
    let error = status.and_then(|s| ctx.shown_error(s));
    quantity_input(m, ctx, &item, line, error.is_some());
    m.element(
        "span",
        &[("id", &format!("calc-r-{key}")), ("class", "calc-reading")],
        status
            .and_then(|s| s.reading.as_deref())
            .unwrap_or_default(),
    );
    m.element(
        "p",
        &[
            ("id", &format!("calc-err-{key}")),
            ("class", "calc-error"),
            ("aria-live", "polite"),
        ],
        error.unwrap_or_default(),
    )
    .close("td")
    .element(
        "td",
        &[("class", "num"), ("id", &format!("calc-amt-{key}"))],
        &amount(ctx, status),
    )
    .open("td")
    .element(
        "button",
        &[
            ("type", "button"),
            ("class", "calc-remove"),
            (
                "aria-label",
                &format!(
                    "{} {}",
                    ctx.words.get(Word::Remove),
                    ctx.full_name(&item.id)
                ),
            ),
            ("data-remove", &key),
        ],
        "×",
    )
    .close("td")
    .close("tr");
}

/// An `<input>` of a line: `attrs`, then its value, its validity and what describes it
/// (its hint, if it has one, and its problem).
fn field(m: &mut Markup, attrs: &[(&str, &str)], value: &str, invalid: bool, described: &str) {
    m.start("input");
    for (name, v) in attrs {
        m.attr(name, v);
    }
    m.attr("value", value)
        .attr("aria-invalid", if invalid { "true" } else { "false" })
        .attr("aria-describedby", described)
        .end();
}

/// The field an item's pricing takes, with its label: a size and its unit, a duration,
/// or a count. Every field is text, read by the engine's quantity reader exactly as the
/// CLI reads `=…` (a browser's number field would drop the comma of `2,5`). Its
/// `data-part` says what it holds (see [`edited`]).
fn quantity_input(m: &mut Markup, ctx: Ctx, item: &Item, line: &Line, invalid: bool) {
    let key = line.key.to_string();
    let w = ctx.words;
    let id = format!("calc-q-{key}");
    let error = format!("calc-err-{key}");
    let hidden = [("for", id.as_str()), ("class", "visually-hidden")];
    match &item.pricing {
        Pricing::Tiered { measure, .. } => {
            let units = units_of(measure);
            let (size, unit) = split_size(&line.quantity, &units);
            let unit_id = format!("calc-u-{key}");
            m.start("span").attr("class", "calc-size").end();
            m.element("label", &hidden, w.get(Word::Size));
            field(
                m,
                &[
                    ("id", &id),
                    ("type", "text"),
                    ("inputmode", "decimal"),
                    ("autocomplete", "off"),
                    ("size", "6"),
                    ("data-part", "size"),
                ],
                &size,
                invalid,
                &error,
            );
            m.element(
                "label",
                &[("for", &unit_id), ("class", "visually-hidden")],
                w.get(Word::Unit),
            );
            m.start("select")
                .attr("id", &unit_id)
                .attr("data-part", "unit")
                .end();
            for u in &units {
                m.start("option").attr("value", u);
                if *u == unit {
                    m.attr("selected", "");
                }
                m.end().text(u).close("option");
            }
            m.close("select").close("span");
        }
        Pricing::Hourly { .. } => {
            let hint = format!("calc-h-{key}");
            let value = if line.quantity.trim().is_empty() {
                "1"
            } else {
                line.quantity.as_str()
            };
            m.start("span").attr("class", "calc-duration").end();
            m.element("label", &[("for", &id)], w.get(Word::Duration));
            field(
                m,
                &[
                    ("id", &id),
                    ("type", "text"),
                    ("autocomplete", "off"),
                    ("size", "10"),
                    ("data-part", "duration"),
                ],
                value,
                invalid,
                &format!("{hint} {error}"),
            );
            m.element(
                "span",
                &[("id", &hint), ("class", "hint")],
                w.get(Word::DurationHint),
            );
            m.close("span");
        }
        _ => {
            let value = if line.quantity.is_empty() {
                "1"
            } else {
                line.quantity.as_str()
            };
            m.element("label", &hidden, w.get(Word::Quantity));
            field(
                m,
                &[
                    ("id", &id),
                    ("type", "text"),
                    ("inputmode", "numeric"),
                    ("autocomplete", "off"),
                    ("size", "4"),
                    ("data-part", "count"),
                ],
                value,
                invalid,
                &error,
            );
        }
    }
}

/// An edit in a line: its quantity is composed again from its fields (a size and its
/// unit, a duration, or a count) and set in the order.
fn edited(ctx: Ctx, ev: &leptos::ev::Event) {
    let Some((row, key)) = closest_with(ev, "data-key") else {
        return;
    };
    let Ok(key) = key.parse::<u32>() else {
        return;
    };
    let part = |name: &str| value_at(&row, &format!("[data-part={name}]"));
    let quantity = match part("size") {
        Some(size) => field_text(&size, part("unit").as_deref()),
        None => field_text(
            &part("duration")
                .or_else(|| part("count"))
                .unwrap_or_default(),
            None,
        ),
    };
    ctx.order.update(|o| o.set_quantity(key, quantity));
}

/// A click in the table: a remove button takes its line out, says so, and gives the
/// focus back to the finder.
fn removed(ctx: Ctx, ev: &leptos::ev::MouseEvent) {
    let Some(key) = closest_with(ev, "data-remove").and_then(|(_, k)| k.parse::<u32>().ok()) else {
        return;
    };
    let name = ctx.order.with_untracked(|o| {
        o.lines
            .iter()
            .find(|l| l.key == key)
            .map(|l| ctx.full_name(&l.item))
    });
    ctx.order.update(|o| o.remove(key));
    ctx.announce.set(format!(
        "{}: {}",
        ctx.words.get(Word::Removed),
        name.unwrap_or_default()
    ));
    focus_later("calc-search".into());
}

/// The units a size may be typed in, the measure first.
fn units_of(measure: &str) -> Vec<String> {
    if measure.eq_ignore_ascii_case("GB") {
        vec!["GB".into(), "TB".into()]
    } else {
        vec![measure.to_owned()]
    }
}

/// `1.5 TB` → ("1.5", "TB"): a line's quantity back into its field and unit; a unit not
/// offered keeps the text whole with the first unit.
pub fn split_size(typed: &str, units: &[String]) -> (String, String) {
    let first = units.first().cloned().unwrap_or_default();
    let trimmed = typed.trim();
    for u in units {
        let lower = trimmed.to_lowercase();
        if let Some(n) = lower.strip_suffix(&u.to_lowercase()) {
            return (trimmed[..n.len()].trim().to_owned(), u.clone());
        }
    }
    (trimmed.to_owned(), first)
}
