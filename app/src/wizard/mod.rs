//! A wizard as a one-question-per-page flow, after GOV.UK's question pages: a back link,
//! the question as the heading, a hint, one answer, "Continue"; then "Check your answers"
//! with Change links; then the outcome with its verdict, reasons, what to do next, the
//! memo clauses it rests on, and a prefilled quote where costs follow. Every screen is a
//! URL (answers in the query), so Back and Forward work and a link reopens the flow.
//!
//! Each screen is written as markup from the engine's view of it (`screen`), by one
//! function per kind of screen, and shown whole; the section listens for the few things a
//! person does on it (follow a link of the flow, tick a box, Continue). A screen keeps no
//! state of its own: what a person typed is read from the form when they press Continue.
//! (Written with `view!`, the screens cost the bundle about three times as much: one
//! generic view type per screen part. ARCHITECTURE.md has the figures.)

pub mod state;

use leptos::ev;
use leptos::prelude::*;
use tarif_engine::locale::Word;
use tarif_engine::markup::Markup;
use tarif_engine::quote::{Requested, state as quote_state};
use tarif_engine::text::Lang;
use tarif_engine::wizard::ServiceStatus;
use tarif_engine::wizard::view::{OutcomeView, QuestionView, status};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::dom::{closest_with, inputs, value_at};
use crate::dom::{focus_later, today};
use crate::url::{pairs_of, push_query, query_pairs, query_string};
use crate::words::{Words, words};
use state::{Flow, Mode, Screen, screen};
use tarif_engine::page::WizardData;
use tarif_engine::price_list::PriceList;

const HEADING: &str = "wiz-heading";
/// The attribute that makes a link or button a step of the flow: its value is the URL
/// query of the screen it leads to.
const GO: &str = "data-go";

/// An answer Continue did not take: what was typed (shown again) and why.
#[derive(Clone, PartialEq)]
struct Refused {
    typed: String,
    problem: String,
}

#[derive(Clone, Copy)]
struct Ctx {
    lang: StoredValue<Lang>,
    data: StoredValue<WizardData>,
    /// The wizard's price list as of its today (the visitor's).
    list: StoredValue<Option<PriceList>>,
    flow: RwSignal<Flow>,
    refused: RwSignal<Option<Refused>>,
    words: Words,
}

impl Ctx {
    /// Shows `next` as a new history entry and moves focus to its heading.
    fn go(self, next: Flow) {
        push_query(&next.to_query());
        self.show(next);
        focus_later(HEADING.into());
    }

    /// Shows `flow` (from the URL, or a step), with no answer refused on it yet.
    fn show(self, flow: Flow) {
        if self.flow.with_untracked(|f| *f != flow) {
            self.refused.set(None);
            self.flow.set(flow);
        }
    }
}

/// The URL query of `flow`, as a link's `href`: it works without the app too.
fn href(flow: &Flow) -> String {
    format!("?{}", query_string(&flow.to_query()))
}

#[component]
pub fn WizardFlow(data: WizardData, lang: Lang) -> impl IntoView {
    let today = today();
    let ctx = Ctx {
        words: words(&lang),
        lang: StoredValue::new(lang),
        list: StoredValue::new(data.list.as_ref().map(|h| h.as_of(today))),
        data: StoredValue::new(data),
        flow: RwSignal::new(Flow::from_query(&query_pairs())),
        refused: RwSignal::new(None),
    };
    let handle = window_event_listener(ev::popstate, move |_| {
        ctx.show(Flow::from_query(&query_pairs()))
    });
    on_cleanup(move || handle.remove());
    let current = Memo::new(move |_| {
        let lang = ctx.lang.get_value();
        ctx.flow.with(|f| {
            ctx.data.with_value(|d| {
                ctx.list
                    .with_value(|l| screen(&d.wizard, l.as_ref(), &lang, f, today))
            })
        })
    });
    let markup = move || {
        let mut m = Markup::new();
        current.with(|s| {
            ctx.refused
                .with(|r| write_screen(&mut m, ctx, s, r.as_ref()))
        });
        m.finish()
    };
    let root = NodeRef::<leptos::html::Section>::new();
    let on_click = move |ev: ev::MouseEvent| {
        if let Some(section) = root.get_untracked() {
            clicked(ctx, &section, &ev);
        }
    };
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(section) = root.get_untracked() {
            current.with_untracked(|s| {
                if let Screen::Question { view, .. } = s {
                    submitted(ctx, &section, view);
                }
            });
        }
    };
    let on_change = move |ev: ev::Event| {
        if let Some(section) = root.get_untracked() {
            ticked(&section, &ev);
        }
    };
    view! {
        <section class="wizard" aria-label=ctx.words.get(Word::Wizard) node_ref=root inner_html=markup
            on:click=on_click on:submit=on_submit on:change=on_change />
    }
}

/// A click in the flow: a link or button of the flow shows its screen; the error
/// summary's link moves the focus to the field it names. A click with a modifier key
/// (a new tab, a new window) is the browser's.
fn clicked(ctx: Ctx, section: &Element, ev: &ev::MouseEvent) {
    if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return;
    }
    if let Some((_, query)) = closest_with(ev, GO) {
        ev.prevent_default();
        ctx.go(Flow::from_query(&pairs_of(&query)));
    } else if let Some((link, href)) = closest_with(ev, "href")
        && link.tag_name() == "A"
        && href.starts_with('#')
    {
        ev.prevent_default();
        let field = section.query_selector(&href).ok().flatten();
        if let Some(field) = field.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = field.focus();
        }
    }
}

/// Continue on a question: the answer is read from the form and checked with the
/// engine's reader; taken, the flow moves on; refused, the question shows why.
fn submitted(ctx: Ctx, section: &Element, q: &QuestionView) {
    let typed = typed(section, &q.kind);
    let read = ctx.data.with_value(|d| {
        let question = d.wizard.question(&q.id)?;
        Some(tarif_engine::wizard::Answer::parse(
            question,
            &typed,
            today(),
        ))
    });
    let refused = match read {
        Some(Ok(_)) if !typed.trim().is_empty() => None,
        // A real date after today: said as such, not as a malformed date.
        Some(Err(e)) if e.after_today => Some(ctx.words.get(Word::DateInFuture).to_owned()),
        _ => Some(problem(ctx.words, &q.kind)),
    };
    if let Some(problem) = refused {
        ctx.refused.set(Some(Refused { problem, typed }));
        focus_later("wiz-errors".into());
    } else {
        let next = ctx.flow.with_untracked(|f| f.answer(&q.id, typed));
        ctx.go(next);
    }
}

/// The answer in the form, as the URL keeps it: a date `YYYY-MM-DD` (empty while a part
/// is), a number as typed, an option's id, a multi-choice's ids joined by commas.
fn typed(section: &Element, kind: &str) -> String {
    let value = |selector: &str| {
        value_at(section, selector)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    match kind {
        "date" => {
            let (y, m, d) = (value("#wiz-year"), value("#wiz-month"), value("#wiz-input"));
            if [&y, &m, &d].iter().any(|p| p.is_empty()) {
                String::new()
            } else {
                format!("{y}-{m:0>2}-{d:0>2}")
            }
        }
        "number" => value("#wiz-input"),
        _ => inputs(section, "input:checked")
            .iter()
            .map(HtmlInputElement::value)
            .collect::<Vec<_>>()
            .join(","),
    }
}

/// A box ticked in a multi-choice question: "none of these" and the others exclude each
/// other, as the engine reads them.
fn ticked(section: &Element, ev: &ev::Event) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    if input.type_() != "checkbox" || !input.checked() {
        return;
    }
    let others = if input.has_attribute("data-none") {
        "input[type=checkbox]:not([data-none])"
    } else {
        "input[data-none]"
    };
    for b in inputs(section, others) {
        b.set_checked(false);
    }
}

fn write_screen(m: &mut Markup, ctx: Ctx, screen: &Screen, refused: Option<&Refused>) {
    match screen {
        Screen::Question {
            view,
            current,
            rejected,
            back,
        } => {
            // Refused on Continue: what was typed, and why. From the link: its answer, and
            // why this question does not take it.
            let (value, problem) = match (refused, rejected) {
                (Some(r), _) => (r.typed.as_str(), Some(r.problem.clone())),
                (None, true) => (
                    current.as_deref().unwrap_or_default(),
                    Some(problem(ctx.words, &view.kind)),
                ),
                (None, false) => (current.as_deref().unwrap_or_default(), None),
            };
            question(m, ctx.words, view, value, problem, back.as_ref());
        }
        Screen::Review { rows, back } => review(m, ctx, rows, back),
        Screen::Outcome { view, back } => outcome(m, ctx, view, back),
        Screen::Broken(why) => {
            m.element("p", &[("class", "calc-notice"), ("role", "alert")], why);
        }
    }
}

/// A link or button that shows `flow`.
fn step(m: &mut Markup, tag: &str, attrs: &[(&str, &str)], flow: &Flow, text: &str) {
    let to = href(flow);
    m.start(tag);
    if tag == "a" {
        m.attr("href", &to);
    } else {
        m.attr("type", "button");
    }
    for (name, value) in attrs {
        m.attr(name, value);
    }
    m.attr(GO, &to).end().text(text).close(tag);
}

fn back_link(m: &mut Markup, w: Words, back: Option<&Flow>) {
    if let Some(flow) = back {
        step(m, "a", &[("class", "back-link")], flow, w.get(Word::Back));
    }
}

/// One question: the heading is its text; the answer is typed or chosen, prefilled with
/// `value` (the answer given before, or the one refused); `problem` says why Continue
/// did not take it, in the error summary and beside the field.
fn question(
    m: &mut Markup,
    w: Words,
    q: &QuestionView,
    value: &str,
    problem: Option<String>,
    back: Option<&Flow>,
) {
    back_link(m, w, back);
    if let Some(p) = &problem {
        m.start("div")
            .attr("id", "wiz-errors")
            .attr("class", "error-summary")
            .attr("role", "alert")
            .attr("tabindex", "-1")
            .end();
        m.element("h2", &[], w.get(Word::Problem))
            .open("ul")
            .open("li")
            .element("a", &[("href", "#wiz-input")], p)
            .close("li")
            .close("ul")
            .close("div");
    }
    let mut described: Vec<&str> = Vec::new();
    if q.hint.is_some() {
        described.push("wiz-hint");
    }
    if problem.is_some() {
        described.push("wiz-error");
    }
    let described = described.join(" ");
    m.start("form")
        .attr("class", "wiz-question")
        .attr("novalidate", "")
        .end();
    // A date is three fields (day, month, year), each with its label: the question is
    // their group's legend, not a second label of the first field.
    let fieldset = matches!(q.kind.as_str(), "choice" | "yes_no" | "multi" | "date");
    if fieldset {
        m.start("fieldset");
        if !described.is_empty() {
            m.attr("aria-describedby", &described);
        }
        m.end().open("legend");
        m.element("h2", &[("id", HEADING), ("tabindex", "-1")], &q.text)
            .close("legend");
    } else {
        m.start("h2")
            .attr("id", HEADING)
            .attr("tabindex", "-1")
            .end()
            .element("label", &[("for", "wiz-input")], &q.text)
            .close("h2");
    }
    if let Some(hint) = &q.hint {
        m.start("p")
            .attr("id", "wiz-hint")
            .attr("class", "hint")
            .end()
            .prose(hint)
            .close("p");
    }
    if let Some(p) = &problem {
        m.element("p", &[("id", "wiz-error"), ("class", "calc-error")], p);
    }
    answer_field(m, w, q, value, &described);
    if fieldset {
        m.close("fieldset");
    }
    m.element(
        "button",
        &[
            ("type", "submit"),
            ("id", "wiz-submit"),
            ("class", "button"),
        ],
        w.get(Word::Continue),
    )
    .close("form");
}

/// What to say when an answer is missing or not taken, by the kind of question.
fn problem(w: Words, kind: &str) -> String {
    match kind {
        "date" => w.get(Word::NeedDate),
        "number" => w.get(Word::NeedNumber),
        "multi" => w.get(Word::NeedSome),
        _ => w.get(Word::NeedChoice),
    }
    .to_owned()
}

/// The field of a question, prefilled with `value` (as the URL keeps an answer).
fn answer_field(m: &mut Markup, w: Words, q: &QuestionView, value: &str, described: &str) {
    match q.kind.as_str() {
        "date" => date_field(m, w, value),
        "number" => {
            m.start("input")
                .attr("id", "wiz-input")
                .attr("type", "text")
                .attr("inputmode", "decimal")
                .attr("size", "6")
                .attr("value", value);
            if !described.is_empty() {
                m.attr("aria-describedby", described);
            }
            m.end();
            if let Some(unit) = &q.unit {
                m.element("span", &[("class", "wiz-unit")], unit);
            }
        }
        kind => {
            let multi = kind == "multi";
            let none = q.options.last().map(|o| o.id.as_str());
            let chosen: Vec<&str> = value.split(',').collect();
            for (i, o) in q.options.iter().enumerate() {
                let dom = if i == 0 {
                    "wiz-input".to_owned()
                } else {
                    format!("wiz-opt-{i}")
                };
                let is_none = multi && Some(o.id.as_str()) == none;
                if is_none {
                    m.element("p", &[("class", "wiz-or")], w.get(Word::Or));
                }
                m.start("div").attr("class", "wiz-option").end();
                m.start("input")
                    .attr("type", if multi { "checkbox" } else { "radio" })
                    .attr("id", &dom)
                    .attr("value", &o.id);
                if !multi {
                    m.attr("name", "wiz-answer");
                }
                if is_none {
                    m.attr("data-none", "");
                }
                if chosen.contains(&o.id.as_str()) {
                    m.attr("checked", "");
                }
                m.end()
                    .element("label", &[("for", &dom)], &o.label)
                    .close("div");
            }
        }
    }
}

/// GOV.UK's date input: day, month and year as three numeric fields, composed into the
/// `YYYY-MM-DD` the engine reads. More predictable by keyboard and screen reader than a
/// native date picker. The question is their fieldset's legend; the hint and the error
/// describe the fieldset.
fn date_field(m: &mut Markup, w: Words, value: &str) {
    let mut parts = value.splitn(3, '-');
    let (year, month, day) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    m.start("div").attr("class", "wiz-date").end();
    for (id, label, part, size) in [
        ("wiz-input", w.get(Word::Day), day, "2"),
        ("wiz-month", w.get(Word::Month), month, "2"),
        ("wiz-year", w.get(Word::Year), year, "4"),
    ] {
        m.start("div").attr("class", "wiz-date-part").end();
        m.element("label", &[("for", id)], label);
        m.start("input")
            .attr("id", id)
            .attr("type", "text")
            .attr("inputmode", "numeric")
            .attr("size", size)
            .attr("maxlength", size)
            .attr("value", part)
            .end()
            .close("div");
    }
    m.close("div");
}

/// "Check your answers": each answer with a Change link, then Continue to the outcome.
fn review(m: &mut Markup, ctx: Ctx, rows: &[(String, String, String)], back: &Flow) {
    let w = ctx.words;
    let flow = ctx.flow.get_untracked();
    back_link(m, w, Some(back));
    m.element(
        "h2",
        &[("id", HEADING), ("tabindex", "-1")],
        w.get(Word::CheckAnswers),
    );
    m.start("dl").attr("class", "summary").end();
    for (id, question, answer) in rows {
        let label = format!("{} — {question}", w.get(Word::Change));
        m.start("div").attr("class", "summary-row").end();
        m.element("dt", &[], question)
            .element("dd", &[], answer)
            .open("dd");
        step(
            m,
            "a",
            &[("aria-label", &label)],
            &flow.with_mode(Mode::Edit(id.clone())),
            w.get(Word::Change),
        );
        m.close("dd").close("div");
    }
    m.close("dl");
    step(
        m,
        "button",
        &[("id", "wiz-continue"), ("class", "button")],
        &flow.with_mode(Mode::Outcome),
        w.get(Word::Continue),
    );
}

/// A heading and a list of texts, when there are any.
fn list(m: &mut Markup, heading: &str, items: &[String], class: Option<&str>) {
    if items.is_empty() {
        return;
    }
    m.element("h3", &[], heading).start("ul");
    if let Some(class) = class {
        m.attr("class", class);
    }
    m.end();
    for item in items {
        m.open("li").prose(item).close("li");
    }
    m.close("ul");
}

/// The outcome: verdict, reasons, dates, what to do next, services, sources, the quote.
fn outcome(m: &mut Markup, ctx: Ctx, o: &OutcomeView, back: &Flow) {
    let w = ctx.words;
    let lang = ctx.lang.get_value();
    back_link(m, w, Some(back));
    m.start("div")
        .attr("class", &format!("wiz-verdict verdict-{}", o.verdict))
        .end()
        .element("h2", &[("id", HEADING), ("tabindex", "-1")], &o.title)
        .close("div");
    list(m, w.get(Word::Reasons), &o.reasons, None);
    if !o.dates.is_empty() {
        m.start("dl").attr("class", "wiz-dates").end();
        for d in o.dates.values() {
            m.element("dt", &[], &d.label)
                .element("dd", &[], &d.date.format(&lang));
            if let Some(note) = &d.note {
                m.element("dd", &[("class", "wiz-date-note")], note);
            }
        }
        m.close("dl");
    }
    list(m, w.get(Word::NextSteps), &o.next_steps, None);
    if !o.services.is_empty() {
        m.start("table").attr("class", "wiz-services").end();
        m.element("caption", &[], w.get(Word::Services))
            .open("thead")
            .open("tr");
        for h in [w.get(Word::Item), w.get(Word::ForYou), w.get(Word::Reasons)] {
            m.element("th", &[("scope", "col")], h);
        }
        m.close("tr").close("thead").open("tbody");
        for s in &o.services {
            let class = match s.status {
                ServiceStatus::Free => "status-free",
                ServiceStatus::Confirm => "status-confirm",
                ServiceStatus::NotFree => "status-not-free",
                ServiceStatus::NotApplicable => "status-na",
            };
            m.start("tr").attr("class", class).end();
            m.element("th", &[("scope", "row")], &s.name)
                .element("td", &[], status(&lang, s.status))
                .open("td")
                .open("ul");
            for r in &s.reasons {
                m.open("li").prose(r).close("li");
            }
            m.close("ul").close("td").close("tr");
        }
        m.close("tbody").close("table");
    }
    if let Some(href) = quote_link(ctx, o) {
        m.open("p")
            .element(
                "a",
                &[("class", "button"), ("href", &href)],
                w.get(Word::SeeQuote),
            )
            .close("p");
    }
    if !o.citations.is_empty() {
        m.element("h3", &[], w.get(Word::Sources));
        m.start("ul").attr("class", "wiz-sources").end();
        ctx.data.with_value(|d| {
            for c in &o.citations {
                let href = format!("{}{}", d.root, c.url.trim_start_matches('/'));
                // The section's title as the memo heads it; its reference where none.
                let title = d
                    .titles
                    .iter()
                    .find(|(r, _)| *r == c.reference)
                    .map_or(c.reference.as_str(), |(_, t)| t.as_str());
                m.open("li")
                    .element("a", &[("href", &href)], title)
                    .close("li");
            }
        });
        m.close("ul");
    }
    m.open("p");
    step(m, "a", &[], &Flow::default(), w.get(Word::StartAgain));
    m.close("p");
}

/// The quote page of the wizard's price list, prefilled with the outcome's items.
fn quote_link(ctx: Ctx, o: &OutcomeView) -> Option<String> {
    ctx.data.with_value(|d| {
        let page = d.quote_page.clone()?;
        let list = d.list.as_ref().map(|h| &h.first)?;
        let requested: Vec<Requested> = o
            .quote_items
            .iter()
            .filter(|q| q.list == list.id)
            .map(Requested::from)
            .collect();
        (!requested.is_empty()).then(|| {
            let state = quote_state::write(&requested);
            format!("{page}?{}", query_string(&[("q".into(), state)]))
        })
    })
}
