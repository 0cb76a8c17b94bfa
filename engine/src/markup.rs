//! HTML written as text: the one escaper of everything tarif writes into markup (the
//! generator's templates, decision tables and sitemap, and the app's screens), and a small
//! writer of elements for code that builds markup piece by piece.
//!
//! ```
//! use tarif_engine::markup::Markup;
//! let mut m = Markup::new();
//! m.start("a").attr("href", "?a=1&b=2").end();
//! m.text("Fish & <chips>").close("a");
//! assert_eq!(m.finish(), r#"<a href="?a=1&amp;b=2">Fish &amp; &lt;chips&gt;</a>"#);
//! ```

use std::fmt::Write;

/// `text` with `&<>"'` escaped: safe in HTML (and XML) content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = escape_into(&mut out, text); // writing to a String cannot fail
    out
}

/// Writes `text` into `out`, `&<>"'` escaped.
pub fn escape_into(out: &mut impl Write, text: &str) -> std::fmt::Result {
    let mut last = 0;
    for (i, c) in text.char_indices() {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[last..i])?;
        out.write_str(entity)?;
        last = i + 1;
    }
    out.write_str(&text[last..])
}

/// Markup being written: every text and attribute value escaped, every name as given
/// (names are the code's own, never data).
#[derive(Debug, Default)]
pub struct Markup(String);

impl Markup {
    pub fn new() -> Markup {
        Markup::default()
    }

    /// Starts an element's opening tag: attributes follow, then [`Markup::end`].
    pub fn start(&mut self, tag: &str) -> &mut Markup {
        self.0.push('<');
        self.0.push_str(tag);
        self
    }

    /// An attribute of the tag being started.
    pub fn attr(&mut self, name: &str, value: &str) -> &mut Markup {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        let _ = escape_into(&mut self.0, value);
        self.0.push('"');
        self
    }

    /// Ends the opening tag (of a void element too: `<input …>` needs no closing).
    pub fn end(&mut self) -> &mut Markup {
        self.0.push('>');
        self
    }

    /// An element with no attributes opened.
    pub fn open(&mut self, tag: &str) -> &mut Markup {
        self.start(tag).end()
    }

    pub fn close(&mut self, tag: &str) -> &mut Markup {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// Text content.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        let _ = escape_into(&mut self.0, text);
        self
    }

    /// Text content in which each `http://` or `https://` address is a link to itself
    /// (a sentence's closing punctuation left out of it).
    pub fn prose(&mut self, text: &str) -> &mut Markup {
        let mut rest = text;
        while let Some(at) = rest.find("http") {
            let tail = &rest[at..];
            let len = tail.find(char::is_whitespace).unwrap_or(tail.len());
            let url = tail[..len].trim_end_matches(|c: char| ".,;:)!?".contains(c));
            let host = url.strip_prefix("https://").or(url.strip_prefix("http://"));
            if host.is_some_and(|h| !h.is_empty()) {
                self.text(&rest[..at]).element("a", &[("href", url)], url);
                rest = &tail[url.len()..];
            } else {
                self.text(&rest[..at + 4]);
                rest = &rest[at + 4..];
            }
        }
        self.text(rest)
    }

    /// An element holding only text, opened with the attributes `attrs`.
    pub fn element(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Markup {
        self.start(tag);
        for (name, value) in attrs {
            self.attr(name, value);
        }
        self.end().text(text).close(tag)
    }

    pub fn finish(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_links_its_addresses_and_escapes_the_rest() {
        let mut m = Markup::new();
        m.prose("Адреса: http://www.comportal.kz/service_center. <b>https://a.kz/x?a=1&b=2</b>, httpd http:// ok");
        assert_eq!(
            m.finish(),
            "Адреса: <a href=\"http://www.comportal.kz/service_center\">http://www.comportal.kz/service_center</a>. \
             &lt;b&gt;<a href=\"https://a.kz/x?a=1&amp;b=2&lt;/b&gt;\">https://a.kz/x?a=1&amp;b=2&lt;/b&gt;</a>, httpd http:// ok"
        );
        let mut plain = Markup::new();
        plain.prose("no address");
        assert_eq!(plain.finish(), "no address");
    }

    #[test]
    fn every_special_character_is_escaped_and_nothing_else() {
        assert_eq!(
            escape("<a href=\"x\">&'Ж"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;Ж"
        );
        assert_eq!(escape("plain текст"), "plain текст");
    }

    #[test]
    fn attribute_values_cannot_break_out_of_their_quotes() {
        let mut m = Markup::new();
        m.start("p")
            .attr("title", "\" onclick=\"x")
            .end()
            .close("p");
        assert_eq!(m.finish(), "<p title=\"&quot; onclick=&quot;x\"></p>");
    }

    #[test]
    fn elements_nest_in_the_order_written() {
        let mut m = Markup::new();
        m.open("ul")
            .element("li", &[("class", "a")], "1 < 2")
            .element("li", &[], "")
            .close("ul");
        assert_eq!(
            m.finish(),
            "<ul><li class=\"a\">1 &lt; 2</li><li></li></ul>"
        );
    }
}
