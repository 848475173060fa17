//! Shared by the search tests: the real Tweede Kamer moties as search
//! documents, and one index of them per test binary.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use besluitspoor::search::engine::{Engine, Request, Response};
use besluitspoor::search::{self, SearchDoc};

/// `moties.jsonl.gz` of the shared data: `$BESLUITSPOOR_DATA`, else
/// `shared/data` beside the repository, else `/work/shared/data`.
pub fn data_file(rel: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Ok(d) = std::env::var("BESLUITSPOOR_DATA") {
        dirs.push(d.into());
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(parent) = root.parent() {
        dirs.push(parent.join("shared/data"));
    }
    dirs.push("/work/shared/data".into());
    dirs.into_iter().map(|d| d.join(rel)).find(|p| p.exists())
}

/// The corpus; a missing corpus fails the test rather than skipping it
/// (shared/ lies beside every checkout, CI's included).
pub fn moties_file() -> Option<PathBuf> {
    let f = data_file("tk-moties/moties.jsonl.gz");
    if f.is_none() {
        panic!("tk-moties/moties.jsonl.gz not found in ../shared/data: set BESLUITSPOOR_DATA");
    }
    f
}

/// Maps the Kamer's `besluit` to an `uitslag` value and label.
pub fn uitslag(besluit: &str) -> Option<(&'static str, &'static str)> {
    let b = besluit.to_lowercase();
    if b.contains("niet aangenomen") || b.contains("verworpen") {
        Some(("verworpen", "Verworpen"))
    } else if b.contains("aangenomen") {
        Some(("aangenomen", "Aangenomen"))
    } else if b.contains("aangehouden") || b.contains("uitstellen") {
        Some(("aangehouden", "Aangehouden"))
    } else if b.contains("ingetrokken") {
        Some(("ingetrokken", "Ingetrokken"))
    } else {
        None
    }
}

/// One search document per motie with text, as `scripts/tk-moties-site.py`
/// writes them as a site (same id, title, body).
pub fn moties(path: &Path) -> Vec<SearchDoc> {
    let f = std::fs::File::open(path).expect("open moties");
    let r = BufReader::new(flate2::read::GzDecoder::new(f));
    let mut docs: Vec<SearchDoc> = Vec::new();
    for line in r.lines() {
        let line = line.expect("read moties");
        let v: serde_json::Value = serde_json::from_str(&line).expect("json");
        let s = |k: &str| {
            v.get(k)
                .and_then(|x| x.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let tekst = s("tekst");
        if tekst.trim().is_empty() {
            continue;
        }
        let id = format!("motie-{}", s("nummer").to_lowercase());
        let date = s("datum");
        let mut facets = vec![Vec::new(); 6];
        facets[0].push(("motie".to_string(), "Motie".to_string()));
        facets[1].push(("tweede-kamer".to_string(), "Tweede Kamer".to_string()));
        facets[2].push((date[..4].to_string(), date[..4].to_string()));
        let mut meta = vec![
            "Motie".to_string(),
            "Tweede Kamer".to_string(),
            date[..4].to_string(),
        ];
        if let Some((u, l)) = uitslag(&s("besluit")) {
            facets[4].push((u.to_string(), l.to_string()));
            meta.push(l.to_string());
        }
        meta.push(s("titel"));
        docs.push(SearchDoc {
            url: format!("/moties/{id}/"),
            id,
            title: s("onderwerp").trim().to_string(),
            body: tekst.split_whitespace().collect::<Vec<_>>().join(" "),
            meta: meta.join("\n"),
            date: Some(date),
            facets,
        });
    }
    docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    docs
}

/// The moties index, written once into a temporary folder.
pub fn moties_index() -> Option<&'static Path> {
    static DIR: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();
    DIR.get_or_init(|| {
        let file = moties_file()?;
        let docs = moties(&file);
        let out = search::build_docs(&docs).expect("write index");
        let dir = tempfile::tempdir().expect("tempdir");
        for f in &out.files {
            let p = dir.path().join(&f.path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, &f.bytes).unwrap();
        }
        Some(dir)
    })
    .as_ref()
    .map(|d| d.path())
}

pub fn engine() -> Option<Engine> {
    moties_index().map(|d| search::open(d).expect("open index"))
}

pub fn ids(resp: &Response) -> Vec<&str> {
    resp.hits.iter().map(|h| h.id.as_str()).collect()
}

pub fn query(e: &Engine, q: &str, limit: usize) -> Response {
    e.search(&Request {
        q: q.into(),
        limit: Some(limit),
        snippets: true,
        facets: true,
        ..Request::default()
    })
    .expect("search")
}
