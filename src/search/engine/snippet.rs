//! Snippets: the passage of a text with most of the query's words, HTML
//! escaped, the words marked with `<mark>`.

use super::analysis::{analyse, Word};

/// Words in a snippet.
const WINDOW: usize = 28;

/// True when text word `t` matches query word `q`: same stem, or `t` is a
/// compound containing `q` (`verkeersveiligheid` for `veiligheid`).
fn matches(t: &Word, q: &Word) -> bool {
    t.stem == q.stem
        || (q.folded.len() >= 4
            && t.folded.len() > q.folded.len()
            && (t.folded.contains(q.folded.as_str()) || t.folded.contains(q.stem.as_str())))
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// The best passage of `text` for `query`; its start when nothing matches.
pub fn snippet(text: &str, query: &[Word]) -> String {
    let words = analyse(text);
    if words.is_empty() {
        return String::new();
    }
    // For each text word: which query word it matches.
    let hit: Vec<Option<usize>> = words
        .iter()
        .map(|t| query.iter().position(|q| matches(t, q)))
        .collect();
    // The window with the most distinct query words, then the most hits,
    // earliest first.
    let mut best = (0usize, 0usize, 0usize);
    for start in 0..words.len() {
        if hit[start].is_none() && start != 0 {
            continue;
        }
        let end = (start + WINDOW).min(words.len());
        let mut distinct = vec![false; query.len()];
        let mut n = 0;
        for h in hit[start..end].iter().flatten() {
            distinct[*h] = true;
            n += 1;
        }
        let d = distinct.iter().filter(|x| **x).count();
        if (d, n) > (best.1, best.2) {
            best = (start, d, n);
        }
    }
    // Start a few words before the first hit, for context.
    let start = best.0.saturating_sub(if best.1 > 0 { 4 } else { 0 });
    let end = (start + WINDOW).min(words.len());
    let from = if start == 0 { 0 } else { words[start].from };
    let to = if end == words.len() {
        text.len()
    } else {
        words[end - 1].to
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = from;
    for (w, h) in words[start..end].iter().zip(&hit[start..end]) {
        if h.is_some() {
            escape(&text[at..w.from], &mut out);
            out.push_str("<mark>");
            escape(&text[w.from..w.to], &mut out);
            out.push_str("</mark>");
            at = w.to;
        }
    }
    escape(&text[at..to], &mut out);
    if end < words.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_stems_and_compound_parts() {
        let q = analyse("veiligheid moties");
        let s = snippet(
            "De raad neemt twee motie's aan over <verkeersveiligheid>.",
            &q,
        );
        assert!(s.contains("<mark>verkeersveiligheid</mark>"), "{s}");
        assert!(s.contains("&lt;"), "{s}");
    }
}
