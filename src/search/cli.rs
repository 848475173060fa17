//! `besluitspoor search`: queries the built index like the browser does.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::engine::Request;

#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    score: f32,
}

/// Prints the best `limit` hits for `query` of the site built in `out`;
/// exit code 1 when the index cannot be read.
pub fn run(out: &Path, query: &str, limit: usize, json: bool) -> ExitCode {
    let engine = match super::open(out) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let req = Request {
        q: query.to_string(),
        limit: Some(limit),
        snippets: !json,
        ..Request::default()
    };
    let resp = match engine.search(&req) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    for h in &resp.hits {
        let line = if json {
            serde_json::to_string(&JsonHit {
                id: &h.id,
                title: &h.title,
                url: &h.url,
                score: h.score,
            })
            .unwrap_or_default()
        } else {
            let snippet = h
                .snippet
                .as_deref()
                .unwrap_or_default()
                .replace("<mark>", "*")
                .replace("</mark>", "*")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            format!(
                "{:>8.4}  {}  {}\n          {}\n          {}",
                h.score,
                h.date.as_deref().unwrap_or("          "),
                h.title,
                h.url,
                snippet
            )
        };
        if writeln!(w, "{line}").is_err() {
            return ExitCode::SUCCESS;
        }
    }
    if !json {
        let _ = writeln!(w, "{} of {} results", resp.hits.len(), resp.total);
    }
    ExitCode::SUCCESS
}
