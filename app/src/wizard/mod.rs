//! A wizard as a one-question-per-page flow, after GOV.UK's question pages: a back link,
//! the question as the heading, a hint, one answer, "Continue"; then "Check your answers"
//! with Change links; then the outcome with its verdict, reasons, what to do next, the
//! memo clauses it rests on, and a prefilled quote where costs follow. Every screen is a
//! URL (answers in the query), so Back and Forward work and a link reopens the flow.

pub mod state;

use leptos::ev;
use leptos::prelude::*;
use tarif_engine::date::Date;
use tarif_engine::quote::{Requested, state as quote_state};
use tarif_engine::text::Lang;
use tarif_engine::wizard::ServiceStatus;
use tarif_engine::wizard::view::{OutcomeView, QuestionView, status};

use crate::calculator::focus_later;
use crate::page::{WizardData, push_query, query_pairs};
use crate::words::{Words, words};
use state::{Flow, Mode, Screen, screen};

const HEADING: &str = "wiz-heading";

#[derive(Clone, Copy)]
struct Ctx {
    lang: StoredValue<Lang>,
    data: StoredValue<WizardData>,
    flow: RwSignal<Flow>,
    words: &'static Words,
}

impl Ctx {
    /// Shows `next` as a new history entry and moves focus to its heading.
    fn go(self, next: Flow) {
        push_query(&next.to_query());
        self.flow.set(next);
        focus_later(HEADING.into());
    }

    /// A link to `flow` that works without the app too (it is a plain URL).
    fn href(self, flow: &Flow) -> String {
        let query: Vec<String> = flow
            .to_query()
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        if query.is_empty() {
            "?".into()
        } else {
            format!("?{}", query.join("&"))
        }
    }
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// Today as the visitor's browser knows it (the engine never reads a clock).
fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(
        now.get_full_year() as i64,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_else(|| Date::from_unix_days(0))
}

#[component]
pub fn WizardFlow(data: WizardData, lang: Lang) -> impl IntoView {
    let ctx = Ctx {
        words: words(&lang),
        lang: StoredValue::new(lang),
        data: StoredValue::new(data),
        flow: RwSignal::new(Flow::from_query(&query_pairs())),
    };
    let handle = window_event_listener(ev::popstate, move |_| {
        ctx.flow.set(Flow::from_query(&query_pairs()))
    });
    on_cleanup(move || handle.remove());
    let today = today();
    let current = Memo::new(move |_| {
        let lang = ctx.lang.get_value();
        ctx.flow.with(|f| {
            ctx.data
                .with_value(|d| screen(&d.wizard, d.list.as_ref(), &lang, f, today))
        })
    });
    view! {
        <section class="wizard" aria-label=ctx.words.wizard>
            {move || match current.get() {
                Screen::Question { view, current, rejected, back } => question(ctx, view, current, rejected, back).into_any(),
                Screen::Review { rows, back } => review(ctx, rows, back).into_any(),
                Screen::Outcome { view, back } => outcome(ctx, view, back).into_any(),
                Screen::Broken(why) => view! { <p class="calc-notice" role="alert">{why}</p> }.into_any(),
            }}
        </section>
    }
}

fn back_link(ctx: Ctx, back: Option<Flow>) -> impl IntoView {
    back.map(|flow| {
        let href = ctx.href(&flow);
        view! {
            <a class="back-link" href=href on:click=move |ev: ev::MouseEvent| { ev.prevent_default(); ctx.go(flow.clone()); }>
                {ctx.words.back}
            </a>
        }
    })
}

/// One question: the heading is its text; the answer is typed or chosen; Continue checks it
/// with the engine's reader and moves on.
fn question(
    ctx: Ctx,
    q: QuestionView,
    current: Option<String>,
    rejected: bool,
    back: Option<Flow>,
) -> impl IntoView {
    let w = ctx.words;
    let value = RwSignal::new(current.clone().unwrap_or_default());
    let error = RwSignal::new(rejected.then(|| problem(w, &q.kind)));
    let id = q.id.clone();
    let kind = q.kind.clone();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let typed = value.get_untracked();
        let flow = ctx.flow.get_untracked();
        let accepted = ctx.data.with_value(|d| {
            let q = d.wizard.question(&id)?;
            tarif_engine::wizard::Answer::parse(q, &typed, today()).ok()
        });
        if typed.trim().is_empty() || accepted.is_none() {
            error.set(Some(problem(w, &kind)));
            focus_later("wiz-errors".into());
        } else {
            ctx.go(flow.answer(&id, typed));
        }
    };
    let hint_id = q.hint.as_ref().map(|_| "wiz-hint");
    let described = move || {
        let mut ids: Vec<&str> = hint_id.into_iter().collect();
        if error.get().is_some() {
            ids.push("wiz-error");
        }
        ids.join(" ")
    };
    let hint = q
        .hint
        .clone()
        .map(|h| view! { <p id="wiz-hint" class="hint">{h}</p> });
    let errors = move || {
        error.get().map(|e| {
            view! {
                <div id="wiz-errors" class="error-summary" role="alert" tabindex="-1">
                    <h2>{w.problem}</h2>
                    <ul><li><a href="#wiz-input">{e}</a></li></ul>
                </div>
            }
        })
    };
    let inline = move || {
        error
            .get()
            .map(|e| view! { <p id="wiz-error" class="calc-error">{e}</p> })
    };
    let field = answer_field(ctx, &q, value, described);
    // A date is three fields (day, month, year), each with its label: the question is
    // their group's legend, not a second label of the first field.
    let fieldset = matches!(q.kind.as_str(), "choice" | "yes_no" | "multi" | "date");
    let heading = q.text.clone();
    view! {
        {back_link(ctx, back)}
        {errors}
        <form class="wiz-question" novalidate on:submit=submit>
            {if fieldset {
                view! {
                    <fieldset aria-describedby=described>
                        <legend><h2 id=HEADING tabindex="-1">{heading}</h2></legend>
                        {hint}
                        {inline}
                        {field}
                    </fieldset>
                }.into_any()
            } else {
                view! {
                    <h2 id=HEADING tabindex="-1"><label for="wiz-input">{heading}</label></h2>
                    {hint}
                    {inline}
                    {field}
                }.into_any()
            }}
            <button type="submit" id="wiz-submit" class="button">{w.continue_}</button>
        </form>
    }
}

/// What to say when an answer is missing or not taken, by the kind of question.
fn problem(w: &Words, kind: &str) -> String {
    match kind {
        "date" => w.need_date,
        "number" => w.need_number,
        "multi" => w.need_some,
        _ => w.need_choice,
    }
    .to_owned()
}

fn answer_field(
    ctx: Ctx,
    q: &QuestionView,
    value: RwSignal<String>,
    described: impl Fn() -> String + Send + Sync + Copy + 'static,
) -> AnyView {
    let w = ctx.words;
    match q.kind.as_str() {
        "date" => date_field(w, value),
        "number" => {
            let unit = q
                .unit
                .clone()
                .map(|u| view! { <span class="wiz-unit">{u}</span> });
            view! {
                <input id="wiz-input" type="text" inputmode="decimal" size="6" prop:value=move || value.get()
                    aria-describedby=described
                    on:input:target=move |ev| value.set(ev.target().value()) />
                {unit}
            }
            .into_any()
        }
        "multi" => {
            let none = q.options.last().map(|o| o.id.clone()).unwrap_or_default();
            let chosen = move || {
                value
                    .get()
                    .split(',')
                    .map(str::to_owned)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
            };
            let boxes = q.options.iter().enumerate().map(|(i, o)| {
                let dom = if i == 0 { "wiz-input".to_owned() } else { format!("wiz-opt-{i}") };
                let (id, id2, none) = (o.id.clone(), o.id.clone(), none.clone());
                let separator = (o.id == none).then(|| view! { <p class="wiz-or">{w.or}</p> });
                view! {
                    {separator}
                    <div class="wiz-option">
                        <input type="checkbox" id=dom.clone() value=id.clone() prop:checked=move || chosen().contains(&id)
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                let mut set: Vec<String> = chosen().into_iter().filter(|c| *c != id2 && *c != none).collect();
                                if on && id2 == none { set.clear(); }
                                if on { set.push(id2.clone()); }
                                value.set(set.join(","));
                            } />
                        <label for=dom>{o.label.clone()}</label>
                    </div>
                }
            }).collect_view();
            boxes.into_any()
        }
        _ => q
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let dom = if i == 0 {
                    "wiz-input".to_owned()
                } else {
                    format!("wiz-opt-{i}")
                };
                let (id, id2) = (o.id.clone(), o.id.clone());
                view! {
                    <div class="wiz-option">
                        <input type="radio" name="wiz-answer" id=dom.clone() value=id.clone()
                            prop:checked=move || value.get() == id
                            on:change=move |_| value.set(id2.clone()) />
                        <label for=dom>{o.label.clone()}</label>
                    </div>
                }
            })
            .collect_view()
            .into_any(),
    }
}

/// GOV.UK's date input: day, month and year as three numeric fields, composed into the
/// `YYYY-MM-DD` the engine reads. More predictable by keyboard and screen reader than a
/// native date picker. The question is their fieldset's legend; the hint and the error
/// describe the fieldset.
fn date_field(w: &'static Words, value: RwSignal<String>) -> AnyView {
    let mut parts = value
        .get_untracked()
        .splitn(3, '-')
        .map(str::to_owned)
        .collect::<Vec<_>>();
    parts.resize(3, String::new());
    let (year, month, day) = (
        RwSignal::new(parts[0].clone()),
        RwSignal::new(parts[1].clone()),
        RwSignal::new(parts[2].clone()),
    );
    let compose = move || {
        let (y, m, d) = (
            year.get_untracked(),
            month.get_untracked(),
            day.get_untracked(),
        );
        let filled = [&y, &m, &d].iter().all(|p| !p.trim().is_empty());
        value.set(if filled {
            format!("{}-{:0>2}-{:0>2}", y.trim(), m.trim(), d.trim())
        } else {
            String::new()
        });
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      part: RwSignal<String>,
                      size: &'static str| {
        view! {
            <div class="wiz-date-part">
                <label for=id>{label}</label>
                <input id=id type="text" inputmode="numeric" size=size maxlength=size value=part.get_untracked() prop:value=move || part.get()
                    on:input:target=move |ev| { part.set(ev.target().value()); compose(); } />
            </div>
        }
    };
    view! {
        <div class="wiz-date">
            {field("wiz-input", w.day, day, "2")}
            {field("wiz-month", w.month, month, "2")}
            {field("wiz-year", w.year, year, "4")}
        </div>
    }
    .into_any()
}

/// "Check your answers": each answer with a Change link, then Continue to the outcome.
fn review(ctx: Ctx, rows: Vec<(String, String, String)>, back: Flow) -> impl IntoView {
    let w = ctx.words;
    let flow = ctx.flow.get_untracked();
    let items = rows
        .into_iter()
        .map(|(id, question, answer)| {
            let target = flow.with_mode(Mode::Edit(id));
            let href = ctx.href(&target);
            let label = format!("{} — {question}", w.change);
            view! {
                <div class="summary-row">
                    <dt>{question}</dt>
                    <dd>{answer}</dd>
                    <dd><a href=href aria-label=label on:click=move |ev: ev::MouseEvent| { ev.prevent_default(); ctx.go(target.clone()); }>{w.change}</a></dd>
                </div>
            }
        })
        .collect_view();
    let done = flow.with_mode(Mode::Outcome);
    view! {
        {back_link(ctx, Some(back))}
        <h2 id=HEADING tabindex="-1">{w.check_answers}</h2>
        <dl class="summary">{items}</dl>
        <button type="button" id="wiz-continue" class="button" on:click=move |_| ctx.go(done.clone())>{w.continue_}</button>
    }
}

/// The outcome: verdict, reasons, dates, what to do next, services, sources, the quote.
fn outcome(ctx: Ctx, o: OutcomeView, back: Flow) -> impl IntoView {
    let w = ctx.words;
    let lang = ctx.lang.get_value();
    let root = ctx.data.with_value(|d| d.root.clone());
    let list_items = |items: Vec<String>| {
        items
            .into_iter()
            .map(|t| view! { <li>{t}</li> })
            .collect_view()
    };
    let reasons = (!o.reasons.is_empty())
        .then(|| view! { <h3>{w.reasons}</h3><ul>{list_items(o.reasons.clone())}</ul> });
    let dates = (!o.dates.is_empty()).then(|| {
        let rows = o
            .dates
            .values()
            .map(|d| view! { <dt>{d.label.clone()}</dt><dd>{d.date.format(&lang)}</dd> })
            .collect_view();
        view! { <dl class="wiz-dates">{rows}</dl> }
    });
    let next = (!o.next_steps.is_empty())
        .then(|| view! { <h3>{w.next_steps}</h3><ul>{list_items(o.next_steps.clone())}</ul> });
    let services = (!o.services.is_empty()).then(|| {
        let rows = o
            .services
            .iter()
            .map(|s| {
                let class = match s.status {
                    ServiceStatus::Free => "status-free",
                    ServiceStatus::NotFree => "status-not-free",
                    ServiceStatus::NotApplicable => "status-na",
                };
                let why = s.reasons.join(" ");
                view! { <tr class=class><th scope="row">{s.name.clone()}</th><td>{status(&lang, s.status)}</td><td>{why}</td></tr> }
            })
            .collect_view();
        view! {
            <table class="wiz-services">
                <caption>{w.services}</caption>
                <thead><tr><th scope="col">{w.service}</th><th scope="col">{w.for_you}</th><th scope="col">{w.why}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let citations = (!o.citations.is_empty()).then(|| {
        let links = o
            .citations
            .iter()
            .map(|c| {
                let href = format!("{root}{}", c.url.trim_start_matches('/'));
                view! { <li><a href=href>{c.reference.clone()}</a></li> }
            })
            .collect_view();
        view! { <h3>{w.sources}</h3><ul class="wiz-sources">{links}</ul> }
    });
    let quote = ctx.data.with_value(|d| {
        let page = d.quote_page.clone()?;
        let list = d.list.as_ref()?;
        let requested: Vec<Requested> = o
            .quote_items
            .iter()
            .filter(|q| q.list == list.id)
            .map(|q| Requested {
                item: q.item.clone(),
                quantity: (q.quantity != 1).then(|| q.quantity.to_string()),
            })
            .collect();
        (!requested.is_empty())
            .then(|| format!("{page}?q={}", encode(&quote_state::write(&requested))))
    });
    let quote = quote.map(|href| view! { <p><a class="button" href=href>{w.see_quote}</a></p> });
    let verdict_class = format!("wiz-verdict verdict-{}", o.verdict);
    view! {
        {back_link(ctx, Some(back))}
        <div class=verdict_class>
            <h2 id=HEADING tabindex="-1">{o.title.clone()}</h2>
        </div>
        {reasons}
        {dates}
        {next}
        {services}
        {quote}
        {citations}
        <p><a href="?" on:click=move |ev: ev::MouseEvent| { ev.prevent_default(); ctx.go(Flow::default()); }>{w.start_again}</a></p>
    }
}
