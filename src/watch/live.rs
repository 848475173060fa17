//! Live reload and the error overlay of `serve`.
//!
//! `serve` adds one script tag to each HTML page it sends (never to the
//! built files, so `build` output stays as it is). The script long-polls
//! `/__besluitspoor/wait`: after a published rebuild it reloads the page;
//! after a failed one it shows the errors over the last good site, in a
//! `role="alert"` box, until the next good rebuild.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response};

use super::Outcome;

/// The URL prefix of the live-reload endpoints.
pub const PREFIX: &str = "/__besluitspoor/";

const SCRIPT: &str = include_str!("live.js");

/// How long a waiting request is held before it is answered unchanged.
const HOLD: Duration = Duration::from_secs(25);

#[derive(Debug, Default, Clone)]
struct State {
    /// Bumped on every published rebuild: pages reload.
    generation: u64,
    /// Bumped on every change of `generation` or `errors`.
    version: u64,
    /// The errors of the last rebuild; empty when it succeeded.
    errors: Vec<String>,
}

/// Shared between the watcher (which reports rebuilds) and the server.
#[derive(Debug, Default)]
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    pub fn new() -> Arc<Live> {
        Arc::new(Live::default())
    }

    /// Records the outcome of a rebuild and wakes the waiting pages.
    pub fn record(&self, outcome: &Outcome) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match outcome {
            Ok(r) => {
                if r.published {
                    s.generation += 1;
                }
                s.errors.clear();
            }
            Err(f) => {
                s.errors = f
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == crate::diagnostics::Severity::Error)
                    .map(|d| d.to_string())
                    .collect();
            }
        }
        s.version += 1;
        self.changed.notify_all();
    }

    /// True while the last rebuild failed.
    pub fn has_errors(&self) -> bool {
        !self
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .errors
            .is_empty()
    }

    fn json(s: &State) -> String {
        serde_json::json!({
            "generation": s.generation,
            "version": s.version,
            "errors": s.errors,
        })
        .to_string()
    }

    /// Answers the live-reload requests; gives back every other request.
    pub fn intercept(self: &Arc<Live>, request: Request) -> Option<Request> {
        let url = request.url().to_string();
        let Some(rest) = url.strip_prefix(PREFIX) else {
            return Some(request);
        };
        let (name, query) = rest.split_once('?').unwrap_or((rest, ""));
        match name {
            "live.js" => {
                let _ = request.respond(
                    Response::from_string(SCRIPT)
                        .with_header(header("Content-Type", "text/javascript; charset=utf-8")),
                );
            }
            "wait" => {
                let since: Option<u64> = query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("version="))
                    .and_then(|v| v.parse().ok());
                let live = Arc::clone(self);
                std::thread::spawn(move || {
                    let guard = live.state.lock().unwrap_or_else(|e| e.into_inner());
                    let (guard, _) = live
                        .changed
                        .wait_timeout_while(guard, HOLD, |s| Some(s.version) == since)
                        .unwrap_or_else(|e| e.into_inner());
                    let body = Live::json(&guard);
                    drop(guard);
                    let _ = request.respond(
                        Response::from_string(body)
                            .with_header(header("Content-Type", "application/json"))
                            .with_header(header("Cache-Control", "no-store")),
                    );
                });
            }
            _ => {
                let _ =
                    request.respond(Response::from_string("niet gevonden").with_status_code(404));
            }
        }
        None
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// The tag `serve` adds to every HTML page.
pub const TAG: &str = "<script src=\"/__besluitspoor/live.js\" defer></script>";

/// Adds the live-reload script to an HTML page: before `</body>` when the
/// page has one, else at the end (minified pages leave out the optional end
/// tags, and content after the last element still belongs to the body).
pub fn inject(html: Vec<u8>) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A page for when there is no site yet because the first build failed:
/// the overlay shows why.
pub fn placeholder() -> Vec<u8> {
    format!(
        "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Nog geen site</title></head>\
         <body><main><h1>Nog geen site</h1><p>De eerste build had fouten; herstel ze en deze pagina laadt vanzelf opnieuw.</p></main>{TAG}</body></html>"
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_goes_before_the_body_end_or_at_the_end() {
        assert_eq!(
            inject(b"<p>x</p></body></html>".to_vec()),
            format!("<p>x</p>{TAG}</body></html>").into_bytes()
        );
        assert_eq!(inject(b"<p>x".to_vec()), format!("<p>x{TAG}").into_bytes());
    }
}
