//! What a link in a memo points at. Links between memos are written as the source path
//! of the other memo (`./withdrawal.md#conditions`, `../../other/en/x.md`), which an
//! editor can follow and a build can check; they become links to the output pages. A link
//! to a wizard is written the same way, as its file (`../comportal.wizard.toml`), and goes
//! to the wizard's page in the memo's language.

use tarif_engine::text::Lang;

/// Where a link in a memo goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A web or mail address, left as written.
    External,
    /// An anchor on the same page.
    SamePage { anchor: String },
    /// Another memo (or the same one, by its path), maybe at an anchor.
    Memo {
        section: String,
        lang: String,
        slug: String,
        anchor: Option<String>,
    },
    /// A wizard of a section, in the memo's language.
    Wizard {
        section: String,
        lang: String,
        id: String,
    },
}

/// Why a link cannot be followed, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLink {
    pub message: String,
    pub help: &'static str,
}

const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Resolves `dest`, written in the memo `content/<section>/<lang>/…`.
///
/// ```
/// # use tarif::site::links::{resolve, Target};
/// # use tarif_engine::text::Lang;
/// let en = Lang::new("en").unwrap();
/// let t = resolve("../../b/en/x.md#y", "a", &en).unwrap();
/// assert_eq!(t, Target::Memo { section: "b".into(), lang: "en".into(), slug: "x".into(), anchor: Some("y".into()) });
/// assert!(resolve("javascript:alert(1)", "a", &en).is_err());
/// assert!(resolve("../../../x.md", "a", &en).is_err());
/// ```
pub fn resolve(dest: &str, section: &str, lang: &Lang) -> Result<Target, BadLink> {
    // Browsers ignore tabs, newlines and leading spaces in a URL: so must the check.
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    if let Some(scheme) = scheme(&cleaned) {
        return if SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
            Ok(Target::External)
        } else {
            Err(bad(
                format!("links may not use `{scheme}:`"),
                "link to web pages (https://…), e-mail (mailto:…), phones (tel:…) or other memos (./memo.md)",
            ))
        };
    }
    if cleaned.is_empty() {
        return Err(bad(
            "the link goes nowhere".into(),
            "write where it goes, such as ./memo.md#clause",
        ));
    }
    if cleaned.starts_with('/') {
        return Err(bad(
            format!(
                "`{dest}` is an absolute path, which breaks when the site is opened from a folder"
            ),
            "link to the memo's source file, relative to this one: ./memo.md or ../../section/en/memo.md",
        ));
    }
    let (path, anchor) = match cleaned.split_once('#') {
        Some((p, a)) => (p, Some(a.to_owned())),
        None => (cleaned.as_str(), None),
    };
    if path.is_empty() {
        return Ok(Target::SamePage {
            anchor: anchor.unwrap_or_default(),
        });
    }
    if let Some(target) = wizard_path(path, section, lang) {
        return Ok(target);
    }
    memo_path(path, section, lang).map(|(section, lang, slug)| Target::Memo {
        section,
        lang,
        slug,
        anchor,
    })
}

/// A relative path to a wizard's file, `../<id>.wizard.toml` (or `../../<section>/…`).
fn wizard_path(path: &str, section: &str, lang: &Lang) -> Option<Target> {
    let mut at: Vec<&str> = vec![section, lang.as_str()];
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                at.pop()?;
            }
            part => at.push(part),
        }
    }
    match at.as_slice() {
        [section, file] => Some(Target::Wizard {
            section: (*section).to_owned(),
            lang: lang.to_string(),
            id: file.strip_suffix(".wizard.toml")?.to_owned(),
        }),
        _ => None,
    }
}

fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// `(section, lang, slug)` of a relative path to a memo's source file.
fn memo_path(path: &str, section: &str, lang: &Lang) -> Result<(String, String, String), BadLink> {
    let mut at: Vec<&str> = vec![section, lang.as_str()];
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if at.pop().is_none() {
                    return Err(bad(
                        format!("`{path}` climbs out of the content folder"),
                        "link to a memo inside content/, relative to this one",
                    ));
                }
            }
            part => at.push(part),
        }
    }
    match at.as_slice() {
        [section, lang, file] if file.ends_with(".md") => Ok((
            (*section).to_owned(),
            (*lang).to_owned(),
            file.trim_end_matches(".md").to_owned(),
        )),
        _ => Err(bad(
            format!("`{path}` is not a memo"),
            "link to a memo's source file, such as ./memo.md or ../../section/en/memo.md; put other files in static/",
        )),
    }
}

fn bad(message: String, help: &'static str) -> BadLink {
    BadLink { message, help }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Lang {
        Lang::new("en").unwrap()
    }

    #[test]
    fn web_mail_and_phone_links_pass_through() {
        for ok in ["https://x.kz", "HTTP://x", "mailto:SGK@alsi.kz", "tel:+359"] {
            assert_eq!(resolve(ok, "s", &en()), Ok(Target::External), "{ok}");
        }
    }

    #[test]
    fn script_and_data_urls_are_refused_however_disguised() {
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(resolve(bad, "s", &en()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn memo_paths_resolve_from_the_memo_folder() {
        let t = resolve("./withdrawal.md#conditions", "laptop-bg", &en()).unwrap();
        assert_eq!(
            t,
            Target::Memo {
                section: "laptop-bg".into(),
                lang: "en".into(),
                slug: "withdrawal".into(),
                anchor: Some("conditions".into())
            }
        );
        assert_eq!(
            resolve("#x", "s", &en()),
            Ok(Target::SamePage { anchor: "x".into() })
        );
    }

    #[test]
    fn a_wizard_is_linked_by_its_file_and_opens_in_the_memos_language() {
        assert_eq!(
            resolve("../comportal.wizard.toml", "comportal", &en()),
            Ok(Target::Wizard {
                section: "comportal".into(),
                lang: "en".into(),
                id: "comportal".into()
            })
        );
        assert!(resolve("../x.toml", "s", &en()).is_err());
    }

    #[test]
    fn paths_outside_content_or_to_other_files_are_refused() {
        for bad in [
            "../x.md",
            "../../../../etc/passwd",
            "/en/x/",
            "./img.png",
            "//evil.example/x",
        ] {
            assert!(resolve(bad, "s", &en()).is_err(), "{bad}");
        }
    }
}
