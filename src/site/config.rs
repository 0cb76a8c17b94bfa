//! The site's config (`content/site.toml`) and each section's (`section.toml`): their
//! fields are documented in README.md ("site.toml" and "Sections").

use serde::Deserialize;
use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::text::{Lang, Text};
use toml::Spanned;

use super::colour::{self, Colour};
use super::load::{StaticFile, TextFile};
use super::toml_file::{RawText, TomlSource, tags};

/// `content/site.toml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub company: String,
    pub default_language: Lang,
    /// The public address of the site, ending in `/`, for canonical and `hreflang` links.
    pub base_url: Option<String>,
    /// A file of `static/`.
    pub logo: Option<String>,
    pub title: Text,
    pub description: Text,
    pub colours: Colours,
    /// `[offline] precache_budget`: a site whose files weigh at most this many bytes is
    /// kept whole for offline reading on the first visit; a larger one keeps its core,
    /// then what the visitor opens or saves.
    pub precache_budget: u64,
}

/// The default [`SiteConfig::precache_budget`]: 5 MB.
pub const PRECACHE_BUDGET: u64 = 5_000_000;

/// The brand colours: links and the header bar, for light and for dark mode.
#[derive(Debug, Clone, Copy)]
pub struct Colours {
    pub accent: Colour,
    pub accent_dark: Colour,
}

/// `content/<section>/section.toml`.
#[derive(Debug, Clone)]
pub struct SectionConfig {
    /// The first is the original language.
    pub languages: Vec<Lang>,
    pub title: Text,
    pub description: Text,
    /// Sections are listed by weight, then id.
    pub weight: i64,
    /// Who publishes the section's terms and prices; without it, the site's `company`.
    pub publisher: Option<PublisherConfig>,
}

/// `[publisher]` of a `section.toml`: the trader whose legal statements the section's
/// terms and prices are. Consumer law asks that a trader be identifiable: its legal name,
/// and the company-level contacts and address the documents give (never a person's).
#[derive(Debug, Clone)]
pub struct PublisherConfig {
    /// The legal name ("Laptop BG EAD").
    pub name: Text,
    /// The organisation that provides the services, where it is another one (schema.org
    /// `provider`; the publisher is the `seller`).
    pub provider: Option<Text>,
    /// Lines shown under the name: address, e-mail, who provides the services.
    pub details: Vec<Text>,
}

impl PublisherConfig {
    /// The publisher as a page in `lang` shows it (the section's original language where
    /// a text lacks `lang`, which `tarif check` refuses anyway).
    pub fn in_lang(&self, lang: &Lang, langs: &[Lang]) -> tarif_engine::page::Publisher {
        tarif_engine::page::Publisher {
            name: self.name.best(lang, langs).to_owned(),
            details: self
                .details
                .iter()
                .map(|d| d.best(lang, langs).to_owned())
                .collect(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    company: Spanned<String>,
    default_language: Spanned<String>,
    base_url: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
    title: Spanned<RawText>,
    description: Spanned<RawText>,
    #[serde(default)]
    colours: RawColours,
    #[serde(default)]
    offline: RawOffline,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOffline {
    precache_budget: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawColours {
    accent: Option<Spanned<String>>,
    accent_dark: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    languages: Spanned<Vec<Spanned<String>>>,
    title: Spanned<RawText>,
    description: Spanned<RawText>,
    #[serde(default)]
    weight: i64,
    publisher: Option<RawPublisher>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublisher {
    name: Spanned<RawText>,
    provider: Option<Spanned<RawText>>,
    #[serde(default)]
    details: Vec<Spanned<RawText>>,
}

/// Reads `site.toml`; `langs` are the languages the sections are written in.
pub fn site(
    file: &TextFile,
    langs: &[Lang],
    statics: &[StaticFile],
    problems: &mut Vec<Diagnostic>,
) -> Option<SiteConfig> {
    let src = TomlSource::whole(file);
    let raw: RawSite = src.parse("site.toml").map_err(|d| problems.push(d)).ok()?;
    let default_language = match Lang::new(raw.default_language.get_ref()) {
        Some(l) if langs.contains(&l) || langs.is_empty() => l,
        _ => {
            problems.push(
                src.at(
                    raw.default_language.span(),
                    format!(
                        "`{}` is not a language of the site",
                        raw.default_language.get_ref()
                    ),
                )
                .help(format!("the sections are written in {}", tags(langs))),
            );
            return None;
        }
    };
    let base_url = raw
        .base_url
        .as_ref()
        .and_then(|u| base_url(&src, u, problems));
    let logo = raw.logo.as_ref().and_then(|l| {
        let found = statics.iter().any(|f| &f.rel == l.get_ref());
        if !found {
            problems.push(
                src.at(l.span(), format!("there is no `static/{}`", l.get_ref()))
                    .help("put the logo in the site's static/ folder and give its path inside it"),
            );
        }
        found.then(|| l.get_ref().clone())
    });
    Some(SiteConfig {
        company: non_empty(&src, &raw.company, "company", problems),
        title: src.text(&raw.title, langs, "the site's title", problems),
        description: src.text(&raw.description, langs, "the site's description", problems),
        colours: Colours {
            accent: pick(
                &src,
                raw.colours.accent.as_ref(),
                colour::DEFAULT_ACCENT,
                colour::LIGHT_BACKGROUND,
                problems,
            ),
            accent_dark: pick(
                &src,
                raw.colours.accent_dark.as_ref(),
                colour::DEFAULT_ACCENT_DARK,
                colour::DARK_BACKGROUND,
                problems,
            ),
        },
        precache_budget: raw
            .offline
            .precache_budget
            .as_ref()
            .and_then(|b| {
                let bytes = bytes(b.get_ref());
                if bytes.is_none() {
                    problems.push(
                        src.at(b.span(), format!("`{}` is not a size", b.get_ref()))
                            .help("write a whole number of kilobytes or megabytes: \"5 MB\", \"800 KB\""),
                    );
                }
                bytes
            })
            .unwrap_or(PRECACHE_BUDGET),
        default_language,
        base_url,
        logo,
    })
}

/// A size as `site.toml` writes it: "5 MB", "800 KB" (decimal units, as browsers and
/// hosts count), "0 MB".
fn bytes(text: &str) -> Option<u64> {
    let (number, unit) = text.trim().split_once(' ')?;
    let unit = match unit.trim() {
        "KB" | "kB" => 1_000,
        "MB" => 1_000_000,
        _ => return None,
    };
    number.parse::<u64>().ok()?.checked_mul(unit)
}

/// Reads a section's `section.toml`.
pub fn section(file: &TextFile, problems: &mut Vec<Diagnostic>) -> Option<SectionConfig> {
    let src = TomlSource::whole(file);
    let raw: RawSection = src
        .parse("section.toml")
        .map_err(|d| problems.push(d))
        .ok()?;
    let mut languages = Vec::new();
    for tag in raw.languages.get_ref() {
        match Lang::new(tag.get_ref()) {
            Some(l) if languages.contains(&l) => problems.push(
                src.at(tag.span(), format!("`{l}` is listed twice"))
                    .help("list each language once"),
            ),
            Some(l) => languages.push(l),
            None => problems.push(
                src.at(
                    tag.span(),
                    format!("`{}` is not a language tag", tag.get_ref()),
                )
                .help("write two or three lowercase letters, such as \"bg\" or \"en\""),
            ),
        }
    }
    if raw.languages.get_ref().is_empty() {
        problems.push(
            src.at(raw.languages.span(), "the section has no languages")
                .help("list them, the original first: languages = [\"bg\", \"en\"]"),
        );
        return None;
    }
    Some(SectionConfig {
        title: src.text(&raw.title, &languages, "the section's title", problems),
        description: src.text(
            &raw.description,
            &languages,
            "the section's description",
            problems,
        ),
        weight: raw.weight,
        publisher: raw.publisher.as_ref().map(|p| PublisherConfig {
            name: src.text(&p.name, &languages, "the publisher's name", problems),
            provider: p
                .provider
                .as_ref()
                .map(|t| src.text(t, &languages, "the service provider", problems)),
            details: p
                .details
                .iter()
                .map(|t| src.text(t, &languages, "a line of the publisher's details", problems))
                .collect(),
        }),
        languages,
    })
}

fn non_empty(
    src: &TomlSource,
    value: &Spanned<String>,
    what: &str,
    problems: &mut Vec<Diagnostic>,
) -> String {
    if value.get_ref().trim().is_empty() {
        problems.push(
            src.at(value.span(), format!("`{what}` is empty"))
                .help("write it"),
        );
    }
    value.get_ref().clone()
}

fn base_url(
    src: &TomlSource,
    url: &Spanned<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let text = url.get_ref();
    let ok = (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\'' | '`'));
    if !ok {
        problems.push(
            src.at(url.span(), format!("`{text}` is not a web address"))
                .help("write the address the site is published at, such as \"https://service.example.com/\""),
        );
        return None;
    }
    Some(if text.ends_with('/') {
        text.clone()
    } else {
        format!("{text}/")
    })
}

/// A colour from the config, checked for contrast against the background it is used on.
fn pick(
    src: &TomlSource,
    raw: Option<&Spanned<String>>,
    default: Colour,
    background: Colour,
    problems: &mut Vec<Diagnostic>,
) -> Colour {
    let Some(raw) = raw else { return default };
    let Some(c) = Colour::parse(raw.get_ref()) else {
        problems.push(
            src.at(raw.span(), format!("`{}` is not a colour", raw.get_ref()))
                .help("write it as \"#rrggbb\", such as \"#0b5394\""),
        );
        return default;
    };
    let ratio = c.contrast(background);
    if ratio < colour::MIN_CONTRAST {
        problems.push(
            src.at(raw.span(), format!(
                "{c} on the theme's background {background} has a contrast of {ratio:.2}:1, below the 4.5:1 that WCAG AA asks of text"
            ))
            .help(if background == colour::LIGHT_BACKGROUND {
                "choose a darker colour for `accent`"
            } else {
                "choose a lighter colour for `accent_dark`"
            }),
        );
    }
    c
}

#[cfg(test)]
mod tests {
    use super::bytes;

    #[test]
    fn sizes_read_in_decimal_kilobytes_and_megabytes() {
        assert_eq!(bytes("5 MB"), Some(5_000_000));
        assert_eq!(bytes(" 800 KB "), Some(800_000));
        assert_eq!(bytes("0 MB"), Some(0));
        for bad in [
            "5MB",
            "5 mb",
            "1.5 MB",
            "-1 MB",
            "5 GB",
            "",
            "MB",
            "99999999999999999 MB",
        ] {
            assert_eq!(bytes(bad), None, "{bad:?}");
        }
    }
}
