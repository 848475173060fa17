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

/// The deepest nesting of blocks and inline spans in `markdown` (quotes,
/// lists, emphasis, links). Pages nest one element per level, and the HTML
/// minifier recurses per level, so bodies deeper than [`MAX_DEPTH`] are
/// refused at load time rather than crashing a build.
pub fn max_depth(markdown: &str) -> usize {
    use pulldown_cmark::Event;
    let (mut depth, mut max) = (0usize, 0usize);
    for event in Parser::new_ext(markdown, Options::all()) {
        match event {
            Event::Start(_) => {
                depth += 1;
                max = max.max(depth);
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// The deepest nesting a body may have (see [`max_depth`]).
pub const MAX_DEPTH: usize = 100;

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
    fn nesting_depth_counts_quotes_and_emphasis() {
        assert_eq!(max_depth("tekst"), 1);
        assert_eq!(max_depth("> > > diep"), 4);
        assert!(max_depth(&format!("{}a{}", "*".repeat(400), "*".repeat(400))) > MAX_DEPTH);
    }

    #[test]
    fn numbered_decisions_become_a_list() {
        let html = to_html("Het college besluit:\n\n1. In te stemmen.\n2. Te verkopen.\n");
        assert!(html.contains("<ol>"));
        assert_eq!(html.matches("<li>").count(), 2);
    }
}
