//! Open data and discovery files of a build of the valid fixture site:
//! sitemap, decisions feed, NDJSON and CSV, written with typed serializers.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_besluitspoor");

fn build() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/valid");
    let ok = Command::new(BIN)
        .args(["build", "--quiet", "--date", "2026-03-15", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    (dir, out)
}

fn html_pages(out: &Path) -> Vec<String> {
    walk(out)
        .into_iter()
        .filter(|p| p.ends_with("index.html"))
        .collect()
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn sitemap_lists_every_page_once() {
    let (_d, out) = build();
    let xml = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let pages = html_pages(&out);
    assert_eq!(xml.matches("<url>").count(), pages.len());
    for p in &pages {
        let loc = format!(
            "<loc>https://besluiten.dijkstad.example.nl/{}</loc>",
            p.trim_end_matches("index.html")
        );
        assert!(xml.contains(&loc), "{loc} in sitemap");
    }
}

#[test]
fn ndjson_has_one_record_per_public_item_and_no_geheim_ones() {
    let (_d, out) = build();
    let text = std::fs::read_to_string(out.join("open-data/items.ndjson")).unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    // One page per public item: every item page is under a kind folder.
    let item_pages = html_pages(&out)
        .into_iter()
        .filter(|p| {
            p.matches('/').count() == 2
                && !p.contains("pagina")
                && !p.starts_with("opvolging")
                && !p.starts_with("zoeken")
        })
        .count();
    assert_eq!(records.len(), item_pages);
    let mut ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    ids.dedup();
    assert_eq!(ids.len(), records.len(), "ids are unique");
    assert!(records
        .iter()
        .all(|r| r["url"].as_str().unwrap().starts_with("https://")));
    assert!(
        !text.contains("GEHEIM"),
        "no geheim item or attachment leaks"
    );
}

#[test]
fn decisions_feed_is_atom_newest_first() {
    let (_d, out) = build();
    let atom = std::fs::read_to_string(out.join("feed.atom")).unwrap();
    assert!(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    let published: Vec<&str> = atom
        .split("<published>")
        .skip(1)
        .map(|s| &s[..10])
        .collect();
    assert!(!published.is_empty());
    let mut sorted = published.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(published, sorted, "newest first");
}

#[test]
fn csv_has_a_header_and_one_row_per_besluit() {
    let (_d, out) = build();
    let csv = std::fs::read_to_string(out.join("open-data/besluiten.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,titel,datum,orgaan,vergadering,uitslag,voor,tegen,opvolging,termijn,url")
    );
    let besluit_pages = html_pages(&out)
        .into_iter()
        .filter(|p| {
            p.starts_with("besluiten/") && p.matches('/').count() == 2 && !p.contains("pagina")
        })
        .count();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), besluit_pages);
}
