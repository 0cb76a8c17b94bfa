//! The table of added items: each with the input its pricing takes (a count, a size with
//! its unit, hours and minutes), its live amount, its problem, and a remove button.

use leptos::prelude::*;
use tarif_engine::locale::Word;
use tarif_engine::price_list::{Item, Pricing};

use super::state::Line;
use super::{Ctx, focus_later};

#[component]
pub fn Lines(ctx: Ctx) -> impl IntoView {
    let w = ctx.words;
    let empty = move || ctx.order.with(|o| o.lines.is_empty());
    view! {
        <table class="calc-lines">
            <caption class="visually-hidden">{w.calculator}</caption>
            <thead>
                <tr>
                    <th scope="col">{ctx.word(Word::Item)}</th>
                    <th scope="col">{w.quantity}</th>
                    <th scope="col" class="num">{w.amount}</th>
                    <th scope="col"><span class="visually-hidden">{w.remove}</span></th>
                </tr>
            </thead>
            <tbody>
                <For each=move || ctx.order.with(|o| o.lines.clone()) key=|l| l.key
                    children=move |line| view! { <LineRow ctx line /> } />
                <Show when=empty>
                    <tr><td colspan="4" class="hint">{w.empty}</td></tr>
                </Show>
            </tbody>
        </table>
    }
}

#[component]
fn LineRow(ctx: Ctx, line: Line) -> impl IntoView {
    let key = line.key;
    let Some(item) = ctx.list.with_value(|l| l.item(&line.item).cloned()) else {
        return ().into_any();
    };
    let name = ctx.name(&item);
    let status = move || {
        ctx.evaluation
            .with(|(s, _)| s.iter().find(|s| s.key == key).cloned())
    };
    let error = move || status().and_then(|s| s.error);
    let amount = move || match status() {
        Some(s) if s.on_request => ctx.word(Word::OnRequest).to_owned(),
        Some(s) => s.amount.map(|a| ctx.money(&a)).unwrap_or_default(),
        None => String::new(),
    };
    let note = item.note.as_ref().map(|n| {
        let lang = ctx.lang.get_value();
        let text = ctx
            .list
            .with_value(|l| n.best(&lang, &l.languages).to_owned());
        view! { <span class="calc-note">{text}</span> }
    });
    let remove_label = format!("{} {name}", ctx.words.remove);
    let removed = format!("{}: {name}", ctx.words.removed);
    let remove = move |_| {
        ctx.order.update(|o| o.remove(key));
        ctx.announce.set(removed.clone());
        focus_later("calc-search".into());
    };
    let error_id = format!("calc-err-{key}");
    view! {
        <tr>
            <th scope="row">{name} {note}</th>
            <td>
                {quantity_input(ctx, &item, &line)}
                <p id=error_id class="calc-error" aria-live="polite">{error}</p>
            </td>
            <td class="num">{amount}</td>
            <td><button type="button" class="calc-remove" aria-label=remove_label on:click=remove>"×"</button></td>
        </tr>
    }
    .into_any()
}

/// The input an item's pricing takes; every edit updates the order's typed quantity.
fn quantity_input(ctx: Ctx, item: &Item, line: &Line) -> AnyView {
    let key = line.key;
    let w = ctx.words;
    let id = format!("calc-q-{key}");
    let described = format!("calc-err-{key}");
    let invalid = move || {
        ctx.evaluation
            .with(|(s, _)| s.iter().any(|s| s.key == key && s.error.is_some()))
            .to_string()
    };
    let set = move |q: String| ctx.order.update(|o| o.set_quantity(key, q));
    match &item.pricing {
        Pricing::Tiered { measure, .. } => {
            let units = units_of(measure);
            let (size, unit) = split_size(&line.quantity, &units);
            let size = RwSignal::new(size);
            let unit = RwSignal::new(unit);
            let compose = move || {
                set(format!(
                    "{}{}",
                    size.get_untracked().trim(),
                    unit.get_untracked()
                ))
            };
            let unit_id = format!("calc-u-{key}");
            let options = units
                .iter()
                .map(|u| {
                    let selected = unit.get_untracked() == *u;
                    view! { <option value=u.to_string() selected=selected>{u.to_string()}</option> }
                })
                .collect_view();
            view! {
                <span class="calc-size">
                    <label for=id.clone() class="visually-hidden">{w.size}</label>
                    <input id=id type="text" inputmode="decimal" size="6" value=size.get_untracked()
                        aria-invalid=invalid aria-describedby=described
                        on:input:target=move |ev| { size.set(ev.target().value()); compose(); } />
                    <label for=unit_id.clone() class="visually-hidden">{w.unit}</label>
                    <select id=unit_id on:change:target=move |ev| { unit.set(ev.target().value()); compose(); }>{options}</select>
                </span>
            }
            .into_any()
        }
        Pricing::Hourly { .. } => {
            let (h, m) = split_duration(&line.quantity);
            let hours = RwSignal::new(h);
            let minutes = RwSignal::new(m);
            let compose = move || {
                set(duration_text(
                    &hours.get_untracked(),
                    &minutes.get_untracked(),
                ))
            };
            let minutes_id = format!("calc-m-{key}");
            view! {
                <span class="calc-duration">
                    <label for=id.clone()>{w.hours}</label>
                    <input id=id type="number" min="0" step="1" inputmode="numeric" size="3" value=hours.get_untracked()
                        aria-invalid=invalid aria-describedby=described.clone()
                        on:input:target=move |ev| { hours.set(ev.target().value()); compose(); } />
                    <label for=minutes_id.clone()>{w.minutes}</label>
                    <input id=minutes_id type="number" min="0" max="59" step="1" inputmode="numeric" size="3"
                        value=minutes.get_untracked() aria-describedby=described
                        on:input:target=move |ev| { minutes.set(ev.target().value()); compose(); } />
                </span>
            }
            .into_any()
        }
        _ => {
            let value = if line.quantity.is_empty() {
                "1".to_owned()
            } else {
                line.quantity.clone()
            };
            view! {
                <label for=id.clone() class="visually-hidden">{w.quantity}</label>
                <input id=id type="number" min="1" step="1" inputmode="numeric" size="4" value=value
                    aria-invalid=invalid aria-describedby=described
                    on:input:target=move |ev| set(ev.target().value()) />
            }
            .into_any()
        }
    }
}

/// The units a size may be typed in, the measure first.
fn units_of(measure: &str) -> Vec<String> {
    if measure.eq_ignore_ascii_case("GB") {
        vec!["GB".into(), "TB".into()]
    } else {
        vec![measure.to_owned()]
    }
}

/// `1.5TB` → ("1.5", "TB"); a unit not offered keeps the text whole with the first unit.
pub fn split_size(typed: &str, units: &[String]) -> (String, String) {
    let first = units.first().cloned().unwrap_or_default();
    for u in units {
        let lower = typed.trim().to_lowercase();
        if let Some(n) = lower.strip_suffix(&u.to_lowercase()) {
            return (n.trim().to_owned(), u.clone());
        }
    }
    (typed.trim().to_owned(), first)
}

/// `2h30m` → ("2", "30"); an empty quantity is the default one hour.
pub fn split_duration(typed: &str) -> (String, String) {
    let t = typed.trim();
    if t.is_empty() {
        return ("1".into(), "0".into());
    }
    if let Some((h, rest)) = t.split_once('h') {
        let m = rest.trim().trim_end_matches('m').trim();
        return (
            h.trim().to_owned(),
            if m.is_empty() {
                "0".into()
            } else {
                m.to_owned()
            },
        );
    }
    if let Some(m) = t.strip_suffix('m') {
        return ("0".into(), m.trim().to_owned());
    }
    (t.to_owned(), "0".into())
}

/// Hours and minutes as typed → the engine's duration text (`2h30m`).
pub fn duration_text(hours: &str, minutes: &str) -> String {
    let h = if hours.trim().is_empty() {
        "0"
    } else {
        hours.trim()
    };
    let m = if minutes.trim().is_empty() {
        "0"
    } else {
        minutes.trim()
    };
    format!("{h}h{m}m")
}
