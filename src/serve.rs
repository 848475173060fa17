//! `serve`: a local preview server for a built output folder (127.0.0.1
//! only). Serves `index.html` for folders and `404.html` for missing paths.

use std::path::{Component, Path, PathBuf};

use tiny_http::{Header, Response, Server, StatusCode};

/// The `Content-Type` of a file by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        // Newline-delimited JSON (the open-data export): no registered
        // type; this is the one its tools send.
        "ndjson" => "application/x-ndjson",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file under `dir`, refusing `..`.
pub fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path);
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut full = dir.join(rel);
    if full.is_dir() {
        full = full.join("index.html");
    }
    full.is_file().then_some(full)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The inclusive byte range `(start, end)` asked for by a `Range` header
/// of the single-range form `bytes=a-b`, `bytes=a-` or `bytes=-n`, within a
/// body of `len` bytes; `None` when absent, malformed or unsatisfiable
/// (the whole body is then sent).
pub fn byte_range(header: &str, len: usize) -> Option<(usize, usize)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') || len == 0 {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (start, end) = match (a.trim(), b.trim()) {
        ("", n) => {
            let n: usize = n.parse().ok()?;
            (len.saturating_sub(n), len - 1)
        }
        (a, "") => (a.parse().ok()?, len - 1),
        (a, b) => (a.parse().ok()?, b.parse::<usize>().ok()?.min(len - 1)),
    };
    (start <= end && start < len).then_some((start, end))
}

/// A bound port, ready to serve: bound before the first build, so that a
/// port in use is reported at once.
pub struct Listener {
    server: Server,
    port: u16,
}

/// Binds 127.0.0.1:`port`; the error when it is in use.
pub fn listen(port: u16) -> std::io::Result<Listener> {
    let server = Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
    Ok(Listener { server, port })
}

/// Serves `dir` on `listener` until the process is stopped; with `live`,
/// every HTML page gets the live-reload script and the error overlay
/// ([`crate::watch::live`]).
pub fn serve_live(
    listener: Listener,
    dir: &Path,
    live: Option<std::sync::Arc<crate::watch::live::Live>>,
) -> std::io::Result<()> {
    let Listener { server, port } = listener;
    eprintln!("Serving {} at http://127.0.0.1:{port}/", dir.display());
    for request in server.incoming_requests() {
        let request = match &live {
            Some(l) => match l.intercept(request) {
                Some(r) => r,
                None => continue,
            },
            None => request,
        };
        let found = resolve(dir, request.url());
        let (file, status) = match found {
            Some(f) => (Some(f), 200),
            None => (resolve(dir, "/404.html"), 404),
        };
        let mut file = file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b)));
        if let Some(l) = &live {
            file = match file {
                Some((f, b)) if content_type(&f).starts_with("text/html") => {
                    Some((f, crate::watch::live::inject(b)))
                }
                None if l.has_errors() => Some((
                    PathBuf::from("index.html"),
                    crate::watch::live::placeholder(),
                )),
                other => other,
            };
        }
        // Range requests (RFC 9110 §14): the search worker reads a large
        // index in pieces, as it does from any static host.
        let range = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Range"))
            .map(|h| h.value.as_str().to_string());
        let response = match file {
            Some((f, bytes)) => {
                let mut status = status;
                let mut bytes = bytes;
                let mut content_range = None;
                if let (200, Some(r)) = (status, range.as_deref()) {
                    if let Some((start, end)) = byte_range(r, bytes.len()) {
                        content_range = Some(format!("bytes {start}-{end}/{}", bytes.len()));
                        bytes = bytes[start..=end].to_vec();
                        status = 206;
                    }
                }
                let mut response = Response::from_data(bytes)
                    .with_status_code(StatusCode(status))
                    .with_header(
                        Header::from_bytes(&b"Content-Type"[..], content_type(&f).as_bytes())
                            .expect("valid header"),
                    )
                    .with_header(
                        Header::from_bytes(&b"Accept-Ranges"[..], &b"bytes"[..])
                            .expect("valid header"),
                    );
                if let Some(cr) = content_range {
                    response = response.with_header(
                        Header::from_bytes(&b"Content-Range"[..], cr.as_bytes())
                            .expect("valid header"),
                    );
                }
                response
            }
            None => {
                Response::from_data(b"niet gevonden".to_vec()).with_status_code(StatusCode(404))
            }
        };
        let _ = request.respond(response);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{byte_range, content_type};
    use std::path::Path;

    #[test]
    fn open_data_has_its_own_content_types() {
        let t = |p: &str| content_type(Path::new(p));
        assert_eq!(t("open-data/items.ndjson"), "application/x-ndjson");
        assert_eq!(t("open-data/besluiten.csv"), "text/csv; charset=utf-8");
        assert_eq!(t("feed.atom"), "application/atom+xml; charset=utf-8");
    }

    #[test]
    fn range_headers_give_inclusive_byte_ranges() {
        assert_eq!(byte_range("bytes=0-99", 1000), Some((0, 99)));
        assert_eq!(byte_range("bytes=900-", 1000), Some((900, 999)));
        assert_eq!(byte_range("bytes=-100", 1000), Some((900, 999)));
        assert_eq!(byte_range("bytes=990-2000", 1000), Some((990, 999)));
        assert_eq!(byte_range("bytes=1000-", 1000), None);
        assert_eq!(byte_range("bytes=5-1", 1000), None);
        assert_eq!(byte_range("bytes=0-1,5-9", 1000), None);
        assert_eq!(byte_range("items=0-1", 1000), None);
    }
}
