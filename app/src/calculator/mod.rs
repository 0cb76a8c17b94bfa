//! The quote calculator: find items by name, add them with their quantity, tick per-order
//! options, and read the live quote (lines, total, VAT part, what is not priced). The
//! order lives in the URL (`?q=…`), so a link reopens it; it prints as a one-page quote and
//! copies as plain text.

mod lines;
pub mod state;

use leptos::prelude::*;
use tarif_engine::locale::{Word, word};
use tarif_engine::markup::Markup;
use tarif_engine::price_list::{Item, PriceList, Pricing};
use tarif_engine::quote::text::{amounts, quote_text, vat_label};
use tarif_engine::quote::{LeftOutReason, Quote};
use tarif_engine::text::Lang;

use crate::dom::closest_with;
use crate::page::{Link, query_param, set_query_param};
use crate::words::{Words, words};
use lines::Lines;
use state::Order;

/// The URL query parameter that holds the order.
pub const QUERY: &str = "q";

/// What every part of the calculator shares.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub list: StoredValue<PriceList>,
    pub lang: StoredValue<Lang>,
    pub order: RwSignal<Order>,
    pub evaluation: Memo<(Vec<state::LineStatus>, Option<Quote>)>,
    pub announce: RwSignal<String>,
    pub words: &'static Words,
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

    pub fn money(&self, a: &tarif_engine::money::Amounts) -> String {
        amounts(&self.lang.get_value(), a)
    }

    pub fn word(&self, w: Word) -> &'static str {
        word(&self.lang.get_value(), w)
    }
}

#[component]
pub fn Calculator(list: PriceList, lang: Lang, company: String, terms: Vec<Link>) -> impl IntoView {
    let (initial, unknown) = Order::from_url(&list, &query_param(QUERY).unwrap_or_default());
    let w = words(&lang);
    let list = StoredValue::new(list);
    let lang = StoredValue::new(lang);
    let order = RwSignal::new(initial);
    let evaluation =
        Memo::new(move |_| order.with(|o| list.with_value(|l| o.evaluate(l, &lang.get_value()))));
    Effect::new(move |_| set_query_param(QUERY, &order.with(Order::to_url)));
    let ctx = Ctx {
        list,
        lang,
        order,
        evaluation,
        announce: RwSignal::new(String::new()),
        words: w,
    };
    let notice = (!unknown.is_empty()).then(|| {
        let text = format!("{} {}", w.unknown_in_link, unknown.join(", "));
        view! { <p class="calc-notice" role="alert">{text}</p> }
    });
    view! {
        <section class="calc" aria-labelledby="calc-title">
            <h2 id="calc-title">{w.calculator}</h2>
            {notice}
            <PrintHead company=company.clone() ctx />
            <Finder ctx />
            <Lines ctx />
            <Options ctx />
            <Totals ctx />
            <Terms terms=terms.clone() ctx />
            <Actions ctx company terms />
            <p class="calc-status visually-hidden" role="status" aria-live="polite">{move || ctx.announce.get()}</p>
        </section>
    }
}

/// Moves keyboard focus to the element with `id` once the view has updated.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        let el = document().get_element_by_id(&id);
        if let Some(el) =
            el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}

/// A short price for a search result: the price, "from" the lowest tier, or the first hour.
fn price_hint(ctx: Ctx, item: &Item) -> String {
    match &item.pricing {
        Pricing::Fixed { price } | Pricing::Surcharge { price } => ctx.money(&price.shown),
        Pricing::Free => ctx.word(Word::Free).to_owned(),
        Pricing::OnRequest => ctx.word(Word::OnRequest).to_owned(),
        Pricing::Tiered { tiers, .. } => tiers.first().map_or_else(String::new, |t| {
            format!("{} {}", ctx.words.from, ctx.money(&t.price.shown))
        }),
        Pricing::Hourly { first_hour, .. } => format!(
            "{} {}",
            ctx.money(&first_hour.shown),
            ctx.word(Word::FirstHour)
        ),
    }
}

#[component]
fn Finder(ctx: Ctx) -> impl IntoView {
    let w = ctx.words;
    let query = RwSignal::new(String::new());
    // Once per keystroke, for the list and for "no match" both.
    let matches = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let lang = ctx.lang.get_value();
        ctx.list.with_value(|l| {
            l.items()
                .filter(|i| !matches!(i.pricing, Pricing::Surcharge { .. }))
                .filter(|i| {
                    i.name.best(&lang, &l.languages).to_lowercase().contains(&q)
                        || i.id.contains(&q)
                })
                .take(10)
                .map(|i| (i.id.clone(), ctx.name(i), price_hint(ctx, i)))
                .collect::<Vec<_>>()
        })
    });
    let add = move |ev: leptos::ev::MouseEvent| {
        let Some((_, id)) = closest_with(&ev, "data-add") else {
            return;
        };
        let name = ctx.name_of(&id).unwrap_or_default();
        if let Some(key) = ctx.order.try_update(|o| o.add(&id)) {
            ctx.announce.set(format!("{}: {name}", w.added));
            focus_later(format!("calc-q-{key}"));
        }
    };
    // Rebuilt as one types (the focus stays in the field), as markup: one button per
    // match, each naming the item it adds (`data-add`).
    let list = move || {
        let mut m = Markup::new();
        for (id, name, price) in matches.get() {
            m.open("li")
                .start("button")
                .attr("type", "button")
                .attr("aria-label", &format!("{} {name}", w.add))
                .attr("data-add", &id)
                .end()
                .element(
                    "span",
                    &[("class", "calc-add"), ("aria-hidden", "true")],
                    "+",
                )
                .element("span", &[], &name)
                .element("span", &[("class", "calc-price")], &price)
                .close("button")
                .close("li");
        }
        m.finish()
    };
    view! {
        <div class="calc-find">
            <label for="calc-search">{w.find}</label>
            <p id="calc-search-hint" class="hint">{w.find_hint}</p>
            <input id="calc-search" type="search" autocomplete="off" aria-describedby="calc-search-hint"
                aria-controls="calc-matches" prop:value=move || query.get()
                on:input:target=move |ev| query.set(ev.target().value()) />
            <ul id="calc-matches" class="calc-matches" inner_html=list on:click=add></ul>
            {move || (!query.get().trim().is_empty() && matches.with(Vec::is_empty)).then(|| view! { <p class="hint">{w.no_match}</p> })}
        </div>
    }
}

#[component]
fn Options(ctx: Ctx) -> impl IntoView {
    let surcharges: Vec<(String, String, String)> = ctx.list.with_value(|l| {
        l.items()
            .filter_map(|i| match &i.pricing {
                Pricing::Surcharge { price } => {
                    Some((i.id.clone(), ctx.name(i), ctx.money(&price.shown)))
                }
                _ => None,
            })
            .collect()
    });
    (!surcharges.is_empty()).then(|| {
        let boxes = surcharges
            .into_iter()
            .map(|(id, name, price)| {
                let dom_id = format!("calc-opt-{id}");
                let checked_id = id.clone();
                view! {
                    <div class="calc-option">
                        <input type="checkbox" id=dom_id.clone()
                            prop:checked=move || ctx.order.with(|o| o.options.contains(&checked_id))
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                ctx.list.with_value(|l| ctx.order.update(|o| o.set_option(l, &id, on)));
                            } />
                        <label for=dom_id>{name} " " <span class="calc-price">{price}</span></label>
                    </div>
                }
            })
            .collect_view();
        view! { <fieldset class="calc-options"><legend>{ctx.words.options}</legend>{boxes}</fieldset> }
    })
}

/// The totals: per-order surcharges, the total, the VAT part, and what is not priced.
/// Written as markup and replaced whole whenever the quote changes (it holds no field).
#[component]
fn Totals(ctx: Ctx) -> impl IntoView {
    let markup = move || {
        let mut m = Markup::new();
        ctx.evaluation.with(|(_, q)| {
            if let Some(quote) = q {
                totals(&mut m, ctx, quote);
            }
        });
        m.finish()
    };
    view! { <div class="calc-totals" aria-live="polite" inner_html=markup></div> }
}

fn totals(m: &mut Markup, ctx: Ctx, quote: &Quote) {
    let lang = ctx.lang.get_value();
    let name = |id: &str| ctx.name_of(id).unwrap_or_default();
    m.open("dl");
    for l in &quote.surcharges {
        m.element("dt", &[], &name(&l.item))
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
            m.element("li", &[], &format!("{} — {on_request}", name(&l.item)));
        }
        m.close("ul");
    }
}

#[component]
fn PrintHead(company: String, ctx: Ctx) -> impl IntoView {
    let date = today(&ctx.lang.get_value());
    view! {
        <p class="print-only calc-print-head">
            <strong>{company}</strong> " · " {ctx.word(Word::Quote)} " · " {ctx.words.date} ": " {date}
        </p>
    }
}

#[component]
fn Terms(terms: Vec<Link>, ctx: Ctx) -> impl IntoView {
    (!terms.is_empty()).then(|| {
        let items = terms
            .into_iter()
            .map(|t| view! { <li><a href=t.href>{t.title}</a></li> })
            .collect_view();
        view! { <div class="calc-terms"><h3>{ctx.words.terms}</h3><ul>{items}</ul></div> }
    })
}

#[component]
fn Actions(ctx: Ctx, company: String, terms: Vec<Link>) -> impl IntoView {
    let w = ctx.words;
    let company = StoredValue::new(company);
    let terms = StoredValue::new(terms);
    // The page's print style shows the quote alone while this class is on <html>;
    // printing from the browser's menu still prints the whole page with its price table.
    let print = move |_| {
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
    };
    let copy = move |_| {
        let Some(quote) = ctx.evaluation.with(|(_, q)| q.clone()) else {
            return;
        };
        let lang = ctx.lang.get_value();
        let mut text = format!("{}\n{}: {}\n\n", company.get_value(), w.date, today(&lang));
        text.push_str(&ctx.list.with_value(|l| quote_text(l, &quote, &lang)));
        for t in terms.get_value() {
            text.push_str(&format!("{}: {}\n", t.title, absolute(&t.href)));
        }
        leptos::task::spawn_local(async move {
            let done = match web_sys::window().map(|w| w.navigator().clipboard()) {
                Some(clipboard) => {
                    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
                        .await
                        .is_ok()
                }
                None => false,
            };
            ctx.announce
                .set(if done { w.copied } else { w.copy_failed }.to_owned());
        });
    };
    view! {
        <div class="calc-actions">
            <button type="button" on:click=print>{w.print}</button>
            <button type="button" on:click=copy>{w.copy}</button>
            <span class="calc-copied" aria-hidden="true">{move || ctx.announce.get()}</span>
        </div>
    }
}

/// Today's date as the visitor's browser knows it, written for `lang`.
fn today(lang: &Lang) -> String {
    js_sys::Date::new_0()
        .to_locale_date_string(lang.as_str(), &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// A link relative to the page, made absolute for a message.
fn absolute(href: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base(href, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| href.to_owned())
}
