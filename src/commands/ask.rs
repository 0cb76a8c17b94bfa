//! `tarif ask [WIZARD [QID=ANSWER ...]] [--today YYYY-MM-DD] [--lang L] [--json]`: the
//! list of wizards, or the next question of one, or its outcome with the reasons.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use tarif_engine::date::Date;
use tarif_engine::locale::{Word, word};
use tarif_engine::quote::{Requested, quote};
use tarif_engine::text::Lang;
use tarif_engine::wizard::answer::accepts_in;
use tarif_engine::wizard::view::{self, OutcomeView, QuestionView, View};
use tarif_engine::wizard::{Answer, Answers, EvalError, evaluate};

use super::{date_arg, report, usage_error};
use crate::site::load::{CONTENT, WIZARD_SUFFIX};
use crate::site::load_site;
use crate::site::wizard::{LoadedWizard, NotOne};

/// What `tarif ask` was asked.
pub struct Args {
    pub root: PathBuf,
    pub wizard: Option<String>,
    pub answers: Vec<String>,
    pub today: Option<String>,
    pub lang: Option<String>,
    pub json: bool,
}

pub fn run(args: &Args) -> ExitCode {
    // The site as `tarif check` and `build` see it: a wizard is asked only when
    // everything it rests on (its section, memos, price list) reads without a problem.
    let site = match load_site(&args.root) {
        Ok(site) => site,
        Err(problems) => return report(&problems),
    };
    let Some(name) = &args.wizard else {
        for name in site.wizard_names() {
            println!("{name}");
        }
        return ExitCode::SUCCESS;
    };
    let mut loaded = match site.wizard(name) {
        Ok(w) => w,
        Err(NotOne::None(names)) => {
            return usage_error(
                &format!("there is no wizard `{name}`"),
                &if names.is_empty() {
                    format!(
                        "no *{WIZARD_SUFFIX} in {}",
                        args.root.join(CONTENT).display()
                    )
                } else {
                    format!("the wizards are: {}", names.join(", "))
                },
            );
        }
        Err(NotOne::Many(names)) => {
            return usage_error(
                &format!("`{name}` names more than one wizard"),
                &format!("say which: {}", names.join(", ")),
            );
        }
    };
    let today = match date_arg("--today", args.today.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    loaded.as_of(today);
    let lang = match &args.lang {
        None => loaded.languages[0].clone(),
        Some(tag) => match Lang::new(tag).filter(|l| loaded.languages.contains(l)) {
            Some(l) => l,
            None => {
                let tags: Vec<&str> = loaded.languages.iter().map(Lang::as_str).collect();
                return usage_error(
                    &format!(
                        "the wizard `{}` is not written in `{tag}`",
                        loaded.wizard.id
                    ),
                    &format!("use --lang {}", tags.join(" or --lang ")),
                );
            }
        },
    };
    let answers = match read_answers(&loaded, &args.answers, today) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let step = match evaluate(&loaded.wizard, &answers, today, loaded.price_list.as_ref()) {
        Ok(s) => s,
        Err(EvalError::Answer(e)) => return usage_error(&e.to_string(), ""),
        Err(e) => {
            return report(&[tarif_engine::diagnostic::Diagnostic::file(
                &loaded.file,
                e.to_string(),
            )]);
        }
    };
    let shown = view::view(&loaded.wizard, &step, &lang, loaded.price_list.as_ref());
    let out = if args.json {
        serde_json::to_string_pretty(&shown)
            .map(|s| s + "\n")
            .unwrap_or_default()
    } else {
        match &shown {
            View::Question(q) => question_text(&loaded, q, &args.answers, today, &lang),
            View::Outcome(o) => outcome_text(&loaded, o, &lang),
        }
    };
    print!("{out}");
    ExitCode::SUCCESS
}

/// `QID=ANSWER` arguments, each read by the kind of its question.
fn read_answers(loaded: &LoadedWizard, args: &[String], today: Date) -> Result<Answers, ExitCode> {
    let w = &loaded.wizard;
    let mut answers = Answers::new();
    for arg in args {
        let Some((id, text)) = arg.split_once('=') else {
            return Err(usage_error(
                &format!("`{arg}` is not an answer"),
                "write QUESTION=ANSWER, such as received=2026-11-01",
            ));
        };
        let Some(q) = w.question(id.trim()) else {
            let ids: Vec<&str> = w.questions.iter().map(|q| q.id.as_str()).collect();
            return Err(usage_error(
                &format!("the wizard `{}` has no question `{id}`", w.id),
                &format!("its questions are: {}", ids.join(", ")),
            ));
        };
        match Answer::parse(q, text, today) {
            Ok(a) => {
                answers.insert(q.id.clone(), a);
            }
            Err(e) => return Err(usage_error(&e.to_string(), "")),
        }
    }
    Ok(answers)
}

fn question_text(
    loaded: &LoadedWizard,
    q: &QuestionView,
    given: &[String],
    today: Date,
    lang: &Lang,
) -> String {
    let w = &loaded.wizard;
    let mut out = String::new();
    let _ = writeln!(out, "{}  [{}]\n", w.title.best(lang, &[]), w.id);
    let _ = writeln!(out, "{}", q.text);
    if let Some(hint) = &q.hint {
        let _ = writeln!(out, "  {hint}");
    }
    let width = q
        .options
        .iter()
        .map(|o| o.id.chars().count())
        .max()
        .unwrap_or(0);
    for o in &q.options {
        let _ = writeln!(out, "  {:<width$}  {}", o.id, o.label);
    }
    if let Some(question) = w.question(&q.id) {
        let _ = writeln!(
            out,
            "\n{}: {}",
            word(lang, Word::AnswerWith).replace("{id}", &q.id),
            accepts_in(question, today, lang)
        );
    }
    let mut command = format!("tarif ask {}", w.id);
    for g in given {
        let _ = write!(command, " {g}");
    }
    let _ = writeln!(out, "  {command} {}=…", q.id);
    out
}

fn outcome_text(loaded: &LoadedWizard, o: &OutcomeView, lang: &Lang) -> String {
    let w = &loaded.wizard;
    let mut out = String::new();
    let _ = writeln!(out, "{}  [{}: {}]", o.title, w.id, o.verdict);
    let list = |out: &mut String, heading: &str, items: &[String]| {
        if !items.is_empty() {
            let _ = writeln!(out, "\n{heading}");
            for i in items {
                let _ = writeln!(out, "  - {i}");
            }
        }
    };
    let heading = |w: Word| format!("{}:", word(lang, w));
    list(&mut out, &heading(Word::Reasons), &o.reasons);
    list(&mut out, &heading(Word::WhatToDo), &o.next_steps);
    if !o.dates.is_empty() {
        let _ = writeln!(out, "\n{}", heading(Word::Dates));
        for d in o.dates.values() {
            let _ = writeln!(out, "  {}: {}", d.label, d.date.format(lang));
            if let Some(note) = &d.note {
                let _ = writeln!(out, "    {note}");
            }
        }
    }
    if !o.services.is_empty() {
        let _ = writeln!(out, "\n{}", heading(Word::TableServices));
        for s in &o.services {
            let mark = if s.needed { "*" } else { " " };
            let _ = writeln!(out, " {mark}{}: {}", view::status(lang, s.status), s.name);
            for r in &s.reasons {
                let _ = writeln!(out, "      {r}");
            }
        }
    }
    if let (Some(price_list), false) = (&loaded.price_list, o.quote_items.is_empty()) {
        let requested: Vec<Requested> = o.quote_items.iter().map(Requested::from).collect();
        let args: Vec<String> = requested
            .iter()
            .map(|r| match &r.quantity {
                Some(n) => format!("{}={n}", r.item),
                None => r.item.clone(),
            })
            .collect();
        let _ = writeln!(
            out,
            "\n{} (tarif quote {} {}):",
            word(lang, Word::Costs),
            price_list.id,
            args.join(" ")
        );
        if let Ok(q) = quote(price_list, &requested) {
            for line in tarif_engine::quote::text::quote_text(price_list, &q, lang)
                .lines()
                .skip(1)
            {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    if !o.citations.is_empty() {
        let _ = writeln!(out, "\n{}", heading(Word::Sources));
        let titles = loaded.headings.get(lang);
        for c in &o.citations {
            let title = titles
                .and_then(|t| t.get(&c.reference))
                .map_or("", String::as_str);
            let _ = writeln!(
                out,
                "  {title} ({}/{}/{}.md#{})",
                CONTENT,
                w.section,
                format_args!("{lang}/{}", c.page),
                c.anchor
            );
        }
    }
    out
}
