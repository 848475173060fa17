//! Markdown bodies → safe HTML.
//!
//! pulldown-cmark renders CommonMark with tables and footnotes; ammonia then
//! removes any raw HTML a body might carry beyond a conservative set of tags,
//! so a pasted `<script>` never reaches a citizen's browser.

use pulldown_cmark::{html, Options, Parser};

/// Renders `markdown` to sanitised HTML. Headings keep their level; the page
/// template provides the only `h1`.
pub fn to_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(markdown, options);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

/// The body as plain text (Markdown syntax removed), for summaries and
/// search.
pub fn to_text(markdown: &str) -> String {
    use pulldown_cmark::Event;
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(_) if !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_sanitised() {
        let html = to_html("Tekst <script>alert(1)</script> <b onclick=\"x()\">vet</b>");
        assert!(!html.contains("<script"));
        assert!(!html.contains("onclick"));
        assert!(html.contains("<b>vet</b>"));
    }

    #[test]
    fn numbered_decisions_become_a_list() {
        let html = to_html("Het college besluit:\n\n1. In te stemmen.\n2. Te verkopen.\n");
        assert!(html.contains("<ol>"));
        assert_eq!(html.matches("<li>").count(), 2);
    }
}
