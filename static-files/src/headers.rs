//! The `_headers` file, as Netlify and Cloudflare Pages read it: a line at the margin is a
//! URL pattern (a path, or a prefix ending in `*`); the indented `Name: value` lines under
//! it are the headers of every path it matches. A header that two matching rules both set
//! gets both values, joined by a comma, as those hosts do.

/// The headers the file `text` gives the URL path `path`.
pub fn for_path(text: &str, path: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut applies = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            applies = matches(trimmed, path);
            continue;
        }
        let Some((name, value)) = trimmed.split_once(':').filter(|_| applies) else {
            continue;
        };
        let (name, value) = (name.trim(), value.trim());
        match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some((_, v)) => *v = format!("{v}, {value}"),
            None => out.push((name.to_owned(), value.to_owned())),
        }
    }
    out
}

fn matches(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => pattern == path,
    }
}

#[cfg(test)]
mod tests {
    use super::for_path;

    const FILE: &str = "/*\n  X-Content-Type-Options: nosniff\n\
                        /app/*\n  Cache-Control: public, max-age=31536000, immutable\n\
                        # the worker: always asked again\n/sw.js\n  Cache-Control: no-cache\n";

    fn value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn every_matching_rule_gives_its_headers() {
        let app = for_path(FILE, "/app/boot.1a2b.js");
        assert_eq!(value(&app, "X-Content-Type-Options"), Some("nosniff"));
        assert_eq!(
            value(&app, "Cache-Control"),
            Some("public, max-age=31536000, immutable")
        );
        let worker = for_path(FILE, "/sw.js");
        assert_eq!(value(&worker, "Cache-Control"), Some("no-cache"));
        let page = for_path(FILE, "/ru/index.html");
        assert_eq!(value(&page, "Cache-Control"), None);
        assert_eq!(value(&page, "X-Content-Type-Options"), Some("nosniff"));
    }

    #[test]
    fn a_header_two_rules_set_gets_both_values() {
        let text = "/*\n  Link: </style.css>\n/a/*\n  Link: </a.css>\n";
        assert_eq!(
            value(&for_path(text, "/a/x"), "Link"),
            Some("</style.css>, </a.css>")
        );
    }

    #[test]
    fn a_pattern_without_star_is_one_path() {
        assert!(
            for_path(FILE, "/sw.js.map")
                .iter()
                .all(|(_, v)| v != "no-cache")
        );
    }
}
