//! The quote calculator: find items by name, add them with their quantity, tick per-order
//! options, and read the live quote (lines, total, VAT part, what is not priced). The
//! order lives in the URL (`?q=…`), so a link reopens it; it prints as a one-page quote,
//! copies as plain text and, where the browser can, shares to another app.
//!
//! A line that cannot be priced is never left out in silence: the total says the quote
//! is incomplete and names the lines, and copy, share and print refuse with an error
//! summary that leads to each field. A field's problem shows once the person has left
//! the field (or asked for the quote), not while a fresh line is still empty.

mod lines;
pub mod state;

use leptos::prelude::*;
use tarif_engine::date::Date;
use tarif_engine::locale::{Word, word};
use tarif_engine::markup::Markup;
use tarif_engine::page::Publisher;
use tarif_engine::price_list::{Item, PriceHistory, PriceList, Pricing};
use tarif_engine::quote::text::{amounts, priced_on, quote_text, rate_note, vat_label};
use tarif_engine::quote::{LeftOutReason, Quote, changed_lines};
use tarif_engine::text::Lang;
use wasm_bindgen::JsCast as _;

use crate::dom::{absolute, closest_with, focus_later, today};
use crate::url::{query_param, set_query_param};
use crate::words::{Words, words};
use lines::Lines;
use state::{LineStatus, Order};
use tarif_engine::page::Link;

/// The URL query parameter that holds the order.
pub const QUERY: &str = "q";

/// The URL query parameter that holds the day the quote was made (`2026-11-29`): opened
/// later, the quote is priced as of that day.
pub const MADE: &str = "d";

/// The id of the printed quote's link (kept equal to the page's URL as the order changes).
const LINK: &str = "calc-link";

/// The id of the error summary that copy, share and print show for lines in error.
const SUMMARY: &str = "calc-errors";

/// What every part of the calculator shares.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The list as of the day the quote is priced on (`on`).
    pub list: StoredValue<PriceList>,
    /// The list with its dated changes.
    pub history: StoredValue<PriceHistory>,
    /// The day the quote is priced as of: the day a link says it was made, until its
    /// prices lapse or the order is changed; else the visitor's today.
    pub on: RwSignal<Date>,
    /// The visitor's today.
    pub today: Date,
    /// A link's quote whose prices lapsed on opening: the day it was made.
    pub lapsed: Option<Date>,
    pub lang: StoredValue<Lang>,
    pub order: RwSignal<Order>,
    pub evaluation: Memo<(Vec<state::LineStatus>, Option<Quote>)>,
    pub announce: RwSignal<String>,
    /// Set when the person asked for the quote (copy, share, print) with a line in error:
    /// every problem shows, and the error summary with it.
    pub show_all: RwSignal<bool>,
    pub words: Words,
}

impl Ctx {
    pub fn name(&self, item: &Item) -> String {
        let lang = self.lang.get_value();
        self.list
            .with_value(|l| item.name.best(&lang, &l.languages).to_owned())
    }

    /// The name of the list's item `id`, if the list has it.
    pub fn name_of(&self, id: &str) -> Option<String> {
        self.list.with_value(|l| l.item(id).map(|i| self.name(i)))
    }

    /// The name of the section that holds item `id`: same-named items differ by it.
    pub fn section_of(&self, id: &str) -> Option<String> {
        let lang = self.lang.get_value();
        self.list.with_value(|l| {
            l.section_of(id)
                .map(|s| s.name.best(&lang, &l.languages).to_owned())
        })
    }

    /// "Name (Section)", for messages about a line.
    pub fn full_name(&self, id: &str) -> String {
        let lang = self.lang.get_value();
        self.list
            .with_value(|l| l.name_with_section(id, &lang))
            .unwrap_or_default()
    }

    pub fn money(&self, a: &tarif_engine::money::Amounts) -> String {
        amounts(&self.lang.get_value(), a)
    }

    pub fn word(&self, w: Word) -> &'static str {
        word(&self.lang.get_value(), w)
    }

    /// The problem a line shows now: once its field was left, or the quote asked for.
    pub fn shown_error<'a>(&self, s: &'a LineStatus) -> Option<&'a str> {
        let shown = self.show_all.get()
            || self
                .order
                .with(|o| o.lines.iter().any(|l| l.key == s.key && l.touched));
        s.error.as_deref().filter(|_| shown)
    }
}

#[component]
pub fn Calculator(
    history: PriceHistory,
    lang: Lang,
    publisher: Publisher,
    terms: Vec<Link>,
) -> impl IntoView {
    // A link's quote is priced as of the day it was made, until its prices lapse.
    let today = today();
    let made = query_param(MADE)
        .and_then(|d| d.parse::<Date>().ok())
        .filter(|d| *d <= today);
    let lapsed = made.filter(|m| history.lapsed(*m, today));
    let on = made.filter(|_| lapsed.is_none()).unwrap_or(today);
    let list = history.as_of(on);
    let (initial, unknown) = Order::from_url(&list, &query_param(QUERY).unwrap_or_default());
    let w = words(&lang);
    let list = StoredValue::new(list);
    let history = StoredValue::new(history);
    let lang = StoredValue::new(lang);
    let order = RwSignal::new(initial);
    let on = RwSignal::new(on);
    let evaluation = Memo::new(move |_| {
        let day = on.get();
        order.with(|o| {
            history.with_value(|h| list.with_value(|l| o.evaluate(h, l, day, &lang.get_value())))
        })
    });
    // The order lives in the URL with its day; the printed quote's link follows it. A
    // changed order is a quote of today, at today's prices.
    Effect::new(move |before: Option<()>| {
        let url = order.with(Order::to_url);
        if before.is_some() && on.get_untracked() != today {
            list.set_value(history.with_value(|h| h.as_of(today)));
            on.set(today);
        }
        let day = if url.is_empty() {
            String::new()
        } else {
            on.get_untracked().to_string()
        };
        set_query_param(QUERY, &url);
        set_query_param(MADE, &day);
        let link = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(LINK));
        if let Some(link) = link {
            link.set_text_content(Some(&quote_link()));
        }
    });
    let ctx = Ctx {
        list,
        history,
        on,
        today,
        lapsed,
        lang,
        order,
        evaluation,
        announce: RwSignal::new(String::new()),
        show_all: RwSignal::new(false),
        words: w,
    };
    let mut notice = Markup::new();
    if !unknown.is_empty() {
        notice.element(
            "p",
            &[("class", "calc-notice"), ("role", "alert")],
            &format!("{} {}", w.get(Word::UnknownInLink), unknown.join(", ")),
        );
    }
    let notice = notice.finish();
    // Links to a line's field (the error summary, the incomplete total) move the focus
    // there without touching the URL.
    let to_field = move |ev: leptos::ev::MouseEvent| {
        if let Some((_, id)) = closest_with(&ev, "data-focus") {
            ev.prevent_default();
            focus_later(id);
        }
    };
    let publisher = StoredValue::new(publisher);
    let terms = StoredValue::new(terms);
    view! {
        <section class="calc" aria-labelledby="calc-title" on:click=to_field>
            <h2 id="calc-title">{w.get(Word::QuoteCalculator)}</h2>
            <div inner_html=notice></div>
            <div inner_html=move || error_summary(ctx)></div>
            <div class="print-only calc-print-head" inner_html=publisher.with_value(|p| print_head(ctx, p))></div>
            <Finder ctx />
            <Lines ctx />
            <Options ctx />
            <Totals ctx />
            <div class="calc-terms" inner_html=terms.with_value(|t| terms_markup(ctx, t))></div>
            <Actions ctx publisher terms />
            <p class="calc-status visually-hidden" role="status" aria-live="polite">{move || ctx.announce.get()}</p>
        </section>
    }
}

/// A short price for a search result: the price, "from" the lowest tier, or the first hour.
fn price_hint(ctx: Ctx, item: &Item) -> String {
    match &item.pricing {
        Pricing::Fixed { price } | Pricing::Surcharge { price } => ctx.money(&price.shown),
        Pricing::Free => ctx.word(Word::Free).to_owned(),
        Pricing::OnRequest => ctx.word(Word::OnRequest).to_owned(),
        Pricing::Tiered { tiers, .. } => tiers.first().map_or_else(String::new, |t| {
            format!(
                "{} {}",
                ctx.words.get(Word::From),
                ctx.money(&t.price.shown)
            )
        }),
        Pricing::Hourly { first_hour, .. } => format!(
            "{} {}",
            ctx.money(&first_hour.shown),
            ctx.word(Word::FirstHour)
        ),
    }
}

/// The items whose name (or id) holds what was typed, at most ten: (id, name, section,
/// price), per-order options left out (they are ticked below).
fn matches(ctx: Ctx, typed: &str) -> Vec<(String, String, String, String)> {
    let q = typed.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let lang = ctx.lang.get_value();
    ctx.list.with_value(|l| {
        l.items()
            .filter(|i| !matches!(i.pricing, Pricing::Surcharge { .. }))
            .filter(|i| {
                i.name.best(&lang, &l.languages).to_lowercase().contains(&q) || i.id.contains(&q)
            })
            .take(10)
            .map(|i| {
                let section = ctx.section_of(&i.id).unwrap_or_default();
                (i.id.clone(), ctx.name(i), section, price_hint(ctx, i))
            })
            .collect()
    })
}

/// Adds item `id` as a new line, says so, and moves the focus to its field.
fn add_item(ctx: Ctx, id: &str) {
    let name = ctx.full_name(id);
    if let Some(key) = ctx.order.try_update(|o| o.add(id)) {
        ctx.announce
            .set(format!("{}: {name}", ctx.words.get(Word::Added)));
        focus_later(format!("calc-q-{key}"));
    }
}

#[component]
fn Finder(ctx: Ctx) -> impl IntoView {
    let w = ctx.words;
    let query = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::MouseEvent| {
        if let Some((_, id)) = closest_with(&ev, "data-add") {
            add_item(ctx, &id);
        }
    };
    let typed = move |ev: leptos::ev::Event| {
        if let Some(field) = search_field(&ev) {
            query.set(field.value());
        }
    };
    // Enter with one match adds it (with more, the person picks one).
    let enter = move |ev: leptos::ev::KeyboardEvent| {
        let Some(field) = search_field(&ev).filter(|_| ev.key() == "Enter") else {
            return;
        };
        ev.prevent_default();
        let only = match matches(ctx, &field.value()).as_slice() {
            [(id, ..)] => Some(id.clone()),
            _ => None,
        };
        if let Some(id) = only {
            field.set_value("");
            query.set(String::new());
            add_item(ctx, &id);
        }
    };
    // Rebuilt as one types (the focus stays in the field), as markup: one button per
    // match, each naming the item it adds (`data-add`) and its section.
    let list = move || {
        let mut m = Markup::new();
        let found = query.with(|q| matches(ctx, q));
        if !query.with(|q| q.trim().is_empty()) && found.is_empty() {
            m.element("li", &[("class", "hint")], w.get(Word::NoMatch));
        }
        for (id, name, section, price) in found {
            m.open("li")
                .start("button")
                .attr("type", "button")
                .attr(
                    "aria-label",
                    &format!("{} {name} ({section})", w.get(Word::Add)),
                )
                .attr("data-add", &id)
                .end()
                .element(
                    "span",
                    &[("class", "calc-add"), ("aria-hidden", "true")],
                    "+",
                )
                .open("span")
                .text(&name)
                .element("span", &[("class", "calc-section")], &section)
                .close("span")
                .element("span", &[("class", "calc-price")], &price)
                .close("button")
                .close("li");
        }
        m.finish()
    };
    // The field is written once (markup) and never again: it keeps what is typed and
    // the focus; its events reach the listeners on the finder.
    let mut field = Markup::new();
    field
        .element("label", &[("for", "calc-search")], w.get(Word::Find))
        .element(
            "p",
            &[("id", "calc-search-hint"), ("class", "hint")],
            w.get(Word::FindHint),
        )
        .start("input")
        .attr("id", "calc-search")
        .attr("type", "search")
        .attr("autocomplete", "off")
        .attr("aria-describedby", "calc-search-hint")
        .attr("aria-controls", "calc-matches")
        .end();
    view! {
        <div class="calc-find" on:input=typed on:keydown=enter>
            <div inner_html=field.finish()></div>
            <ul id="calc-matches" class="calc-matches" aria-live="polite" inner_html=list on:click=add></ul>
        </div>
    }
}

/// The finder's search field, when an event happened in it.
fn search_field(ev: &web_sys::Event) -> Option<web_sys::HtmlInputElement> {
    ev.target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
        .filter(|i| i.id() == "calc-search")
}

/// The per-order options (markup, written once): a fieldset with a box for each, the
/// boxes as the order has them; a tick updates the order.
#[component]
fn Options(ctx: Ctx) -> impl IntoView {
    let mut m = Markup::new();
    m.start("fieldset")
        .attr("class", "calc-options")
        .end()
        .element("legend", &[], ctx.words.get(Word::Options));
    let mut any = false;
    ctx.list.with_value(|l| {
        ctx.order.with_untracked(|o| {
            for i in l.items() {
                let Pricing::Surcharge { price } = &i.pricing else {
                    continue;
                };
                any = true;
                let id = format!("calc-opt-{}", i.id);
                m.start("div").attr("class", "calc-option").end();
                m.start("input")
                    .attr("type", "checkbox")
                    .attr("id", &id)
                    .attr("data-option", &i.id);
                if o.options.contains(&i.id) {
                    m.attr("checked", "");
                }
                m.end()
                    .start("label")
                    .attr("for", &id)
                    .end()
                    .text(&ctx.name(i))
                    .text(" ")
                    .element("span", &[("class", "calc-price")], &ctx.money(&price.shown))
                    .close("label")
                    .close("div");
            }
        })
    });
    let changed = move |ev: leptos::ev::Event| {
        let Some((el, id)) = closest_with(&ev, "data-option") else {
            return;
        };
        let on = el
            .dyn_into::<web_sys::HtmlInputElement>()
            .is_ok_and(|i| i.checked());
        ctx.list
            .with_value(|l| ctx.order.update(|o| o.set_option(l, &id, on)));
    };
    m.close("fieldset");
    let options = m.finish();
    any.then(|| view! { <div on:change=changed inner_html=options></div> })
}

/// The lines in error, as (key, "Name (Section)", the problem).
fn lines_in_error(ctx: Ctx) -> Vec<(u32, String, String)> {
    ctx.evaluation.with(|(statuses, _)| {
        ctx.order.with(|o| {
            statuses
                .iter()
                .filter_map(|s| {
                    let error = s.error.clone()?;
                    let line = o.lines.iter().find(|l| l.key == s.key)?;
                    Some((s.key, ctx.full_name(&line.item), error))
                })
                .collect()
        })
    })
}

/// A link to a line's field, which the calculator's click handler focuses.
fn field_link(m: &mut Markup, key: u32, text: &str) {
    let id = format!("calc-q-{key}");
    m.element(
        "a",
        &[("href", &format!("#{id}")), ("data-focus", &id)],
        text,
    );
}

/// GOV.UK's error summary (markup): shown when copy, share or print was refused, one
/// link per line in error, each leading to its field.
fn error_summary(ctx: Ctx) -> String {
    let mut m = Markup::new();
    let errors = lines_in_error(ctx);
    if ctx.show_all.get() && !errors.is_empty() {
        m.start("div")
            .attr("id", SUMMARY)
            .attr("class", "error-summary")
            .attr("role", "alert")
            .attr("tabindex", "-1")
            .end()
            .element("h3", &[], ctx.words.get(Word::Problem))
            .open("ul");
        for (key, name, error) in errors {
            m.open("li");
            field_link(&mut m, key, &format!("{name}: {error}"));
            m.close("li");
        }
        m.close("ul").close("div");
    }
    m.finish()
}

/// True, with the error summary shown and focused, when a line is in error: what the
/// person asked for (copy, share, print) would leave it out.
fn refused(ctx: Ctx) -> bool {
    if ctx
        .evaluation
        .with(|(s, _)| s.iter().all(|s| s.error.is_none()))
    {
        return false;
    }
    ctx.show_all.set(true);
    focus_later(SUMMARY.into());
    true
}

/// The totals: per-order surcharges, the total, the VAT part, the currencies' basis, and
/// what is not priced; or, while a line is in error, that the quote is incomplete and
/// which lines to correct. Written as markup and replaced whole whenever the quote
/// changes (it holds no field).
#[component]
fn Totals(ctx: Ctx) -> impl IntoView {
    let markup = move || {
        let mut m = Markup::new();
        let errors = lines_in_error(ctx);
        if !errors.is_empty() {
            m.start("div").attr("class", "calc-incomplete").end();
            m.element("p", &[], ctx.words.get(Word::Incomplete))
                .open("ul");
            for (key, name, _) in errors {
                m.open("li");
                field_link(&mut m, key, &name);
                m.close("li");
            }
            m.close("ul").close("div");
            return m.finish();
        }
        ctx.evaluation.with(|(_, q)| {
            if let Some(quote) = q {
                totals(&mut m, ctx, quote);
                dated(&mut m, ctx, quote);
            }
        });
        m.finish()
    };
    view! { <div class="calc-totals" aria-live="polite" inner_html=markup></div> }
}

fn totals(m: &mut Markup, ctx: Ctx, quote: &Quote) {
    let lang = ctx.lang.get_value();
    m.open("dl");
    for l in &quote.surcharges {
        m.element("dt", &[], &ctx.name_of(&l.item).unwrap_or_default())
            .element("dd", &[], &ctx.money(&l.amount));
    }
    m.element("dt", &[], ctx.word(Word::Total)).element(
        "dd",
        &[("class", "calc-total")],
        &ctx.money(&quote.total),
    );
    if let Some(v) = &quote.vat {
        m.element("dt", &[], &vat_label(&lang, v))
            .element("dd", &[], &ctx.money(&v.amount));
    }
    m.close("dl");
    if let Some(note) = ctx.list.with_value(|l| rate_note(l, &lang)) {
        m.element("p", &[("class", "calc-rate")], &note);
    }
    let on_request = ctx.word(Word::OnRequest);
    let mut not_priced = quote
        .left_out
        .iter()
        .filter(|l| l.reason == LeftOutReason::OnRequest)
        .peekable();
    if not_priced.peek().is_some() {
        m.element("h3", &[], ctx.word(Word::NotPriced));
        m.start("ul").attr("class", "calc-not-priced").end();
        for l in not_priced {
            m.element(
                "li",
                &[],
                &format!("{} — {on_request}", ctx.full_name(&l.item)),
            );
        }
        m.close("ul");
    }
}

/// What the quote's day says: a link's quote whose prices lapsed; the day the prices are
/// as of and until when they hold; and for a quote made before today whose prices have
/// changed since, today's total and the lines that changed.
fn dated(m: &mut Markup, ctx: Ctx, quote: &Quote) {
    let lang = ctx.lang.get_value();
    let date = |d: Date| d.format(&lang);
    if let Some(made) = ctx.lapsed {
        let until = ctx
            .history
            .with_value(|h| h.valid_until(made))
            .unwrap_or(made);
        let text = ctx
            .word(Word::QuoteLapsed)
            .replace("{date}", &date(made))
            .replace("{until}", &date(until));
        m.element("p", &[("class", "calc-notice")], &text);
    }
    if let Some(line) = priced_on(quote, &lang) {
        m.element("p", &[("class", "calc-rate")], &line);
    }
    let Some(made) = quote.date.filter(|d| *d < ctx.today) else {
        return;
    };
    let now = ctx.order.with(|o| {
        ctx.history
            .with_value(|h| o.evaluate(h, &h.as_of(ctx.today), ctx.today, &lang).1)
    });
    let Some(now) = now else { return };
    let changed = changed_lines(quote, &now);
    if changed.is_empty() {
        return;
    }
    let total = ctx.money(&now.total);
    m.element(
        "p",
        &[],
        &ctx.word(Word::AtTodaysPrices).replace("{total}", &total),
    )
    .open("ul");
    for c in changed {
        let Some(then) = c.then else { continue };
        let text = match &c.now {
            Some(n) => ctx
                .word(Word::ChangedThenNow)
                .replace("{now}", &ctx.money(n)),
            None => ctx.word(Word::ChangedNotToday).to_owned(),
        };
        let text = text
            .replace("{item}", &ctx.full_name(&c.item))
            .replace("{then}", &ctx.money(&then))
            .replace("{date}", &date(made));
        m.element("li", &[], &text);
    }
    m.close("ul");
}

/// The quote's link: this page with the order in its query.
fn quote_link() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The head of a printed quote (markup): who publishes these prices (the trader), the
/// date, and the link that reopens the quote.
fn print_head(ctx: Ctx, publisher: &Publisher) -> String {
    let lang = ctx.lang.get_value();
    let mut m = Markup::new();
    m.open("p")
        .element("strong", &[], &publisher.name)
        .close("p")
        .element("p", &[], &publisher.details.join(" · "))
        .element(
            "p",
            &[],
            &format!(
                "{} · {}: {}",
                ctx.word(Word::Quote),
                ctx.words.get(Word::Date),
                today().format(&lang)
            ),
        )
        .element(
            "p",
            &[],
            &format!("{}: {}", ctx.words.get(Word::Link), quote_link()),
        );
    m.finish()
}

/// The terms a quote rests on (markup): links, and in print their addresses.
fn terms_markup(ctx: Ctx, terms: &[Link]) -> String {
    let mut m = Markup::new();
    if terms.is_empty() {
        return m.finish();
    }
    m.element("h3", &[], ctx.words.get(Word::Terms)).open("ul");
    for t in terms {
        m.open("li")
            .element("a", &[("href", &t.href)], &t.title)
            .element(
                "span",
                &[("class", "print-only calc-url")],
                &absolute(&t.href),
            )
            .close("li");
    }
    m.close("ul");
    m.finish()
}

/// The quote as text for a message: the publisher, the date, the link, the engine's
/// quote text (lines with their sections, totals, the currencies' basis), the terms.
fn message(ctx: Ctx, publisher: &Publisher, terms: &[Link], quote: &Quote) -> String {
    let lang = ctx.lang.get_value();
    let w = ctx.words;
    let mut text = publisher.name.clone();
    for d in &publisher.details {
        text.push('\n');
        text.push_str(d);
    }
    text.push_str(&format!(
        "\n{}: {}\n{}: {}\n\n",
        w.get(Word::Date),
        today().format(&lang),
        w.get(Word::Link),
        quote_link()
    ));
    text.push_str(&ctx.list.with_value(|l| quote_text(l, quote, &lang)));
    for t in terms {
        text.push_str(&format!("{}: {}\n", t.title, absolute(&t.href)));
    }
    text
}

/// True where the browser offers the Web Share API (phones, mostly).
fn can_share() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w.navigator(), &wasm_bindgen::JsValue::from_str("share"))
            .unwrap_or(false)
    })
}

/// Prints the quote alone: "Print the quote" marks <html> so the print style shows the
/// quote alone (on a quote page the print style does so for the browser's own print
/// command too).
fn print(ctx: Ctx) {
    if refused(ctx) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let root = window.document().and_then(|d| d.document_element());
    if let Some(r) = &root {
        let _ = r.class_list().add_1("print-quote");
    }
    let _ = window.print();
    if let Some(r) = &root {
        let _ = r.class_list().remove_1("print-quote");
    }
}

/// Copies the quote as text, or opens the share sheet with it and its link.
fn send(ctx: Ctx, publisher: &Publisher, terms: &[Link], share: bool) {
    if refused(ctx) {
        return;
    }
    let Some(quote) = ctx.evaluation.with(|(_, q)| q.clone()) else {
        return;
    };
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return;
    };
    let text = message(ctx, publisher, terms, &quote);
    let w = ctx.words;
    let promise = if share {
        let data = web_sys::ShareData::new();
        data.set_title(&publisher.name);
        data.set_text(&text);
        data.set_url(&quote_link());
        navigator.share_with_data(&data)
    } else {
        navigator.clipboard().write_text(&text)
    };
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) if !share => ctx.announce.set(w.get(Word::Copied).to_owned()),
            Ok(_) => {}
            // Sharing cancelled by the person (AbortError): nothing to say.
            Err(e) if share => {
                let aborted = e
                    .dyn_ref::<web_sys::DomException>()
                    .is_some_and(|d| d.name() == "AbortError");
                if !aborted {
                    ctx.announce.set(w.get(Word::ShareFailed).to_owned());
                }
            }
            Err(_) => ctx.announce.set(w.get(Word::CopyFailed).to_owned()),
        }
    });
}

/// The buttons (markup, one listener): print, share where the browser can, copy.
fn actions_markup(ctx: Ctx) -> String {
    let w = ctx.words;
    let mut m = Markup::new();
    let button = |m: &mut Markup, action: &str, label: &str| {
        m.element(
            "button",
            &[("type", "button"), ("data-action", action)],
            label,
        );
    };
    button(&mut m, "print", w.get(Word::Print));
    if can_share() {
        button(&mut m, "share", w.get(Word::Share));
    }
    button(&mut m, "copy", w.get(Word::Copy));
    m.finish()
}

#[component]
fn Actions(
    ctx: Ctx,
    publisher: StoredValue<Publisher>,
    terms: StoredValue<Vec<Link>>,
) -> impl IntoView {
    let act = move |ev: leptos::ev::MouseEvent| {
        let Some((_, action)) = closest_with(&ev, "data-action") else {
            return;
        };
        match action.as_str() {
            "print" => print(ctx),
            share => {
                publisher.with_value(|p| terms.with_value(|t| send(ctx, p, t, share == "share")))
            }
        }
    };
    view! {
        <div class="calc-actions">
            <span class="calc-buttons" inner_html=actions_markup(ctx) on:click=act></span>
            <span class="calc-copied" aria-hidden="true">{move || ctx.announce.get()}</span>
        </div>
    }
}
