//! The browser's engine (crates/search-wasm/dist/engine.wasm, run under
//! Node the way the Web Worker runs it) answers like `besluitspoor search`:
//! the same ids in the same order with the same scores, for the same
//! queries on the real moties.

mod search;

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_besluitspoor");

const QUERIES: &[&str] = &[
    "stikstof",
    "gaswinning groningen",
    "veiligheid fietsers",
    "coöperatie",
    "cooperatie",
    "jeugdzorg",
    "zorg",
    "bestemmingsplannen",
    "moties gemeenten",
    "tongquotum",
    "Oekraïne wapens",
    "asielzoekers opvang gemeenten",
    "qqqqqqq",
];

fn node() -> Option<&'static str> {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok && std::env::var("CI").is_ok() {
        panic!("node is needed for the wasm tests");
    }
    ok.then_some("node")
}

fn run_wasm(dir: &std::path::Path, requests: &[serde_json::Value]) -> Vec<serde_json::Value> {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search_wasm/run.mjs");
    let mut child = Command::new(node().unwrap())
        .arg(script)
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for r in requests {
            writeln!(stdin, "{r}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn wasm_and_cli_return_the_same_hits() {
    if node().is_none() {
        return;
    }
    let Some(dir) = search::moties_index() else {
        return;
    };
    let requests: Vec<serde_json::Value> = QUERIES
        .iter()
        .map(|q| serde_json::json!({"q": q, "limit": 20}))
        .collect();
    let wasm = run_wasm(dir, &requests);
    assert_eq!(wasm.len(), QUERIES.len());
    for (q, resp) in QUERIES.iter().zip(&wasm) {
        let o = Command::new(BIN)
            .args(["search", "--json", "--output"])
            .arg(dir)
            .arg(q)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let cli: Vec<(String, f64)> = String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                (
                    v["id"].as_str().unwrap().to_string(),
                    v["score"].as_f64().unwrap(),
                )
            })
            .collect();
        let browser: Vec<(String, f64)> = resp["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["id"].as_str().unwrap().to_string(),
                    h["score"].as_f64().unwrap(),
                )
            })
            .collect();
        assert_eq!(cli, browser, "query {q}");
    }
    // Facets and filters too.
    let e = search::engine().unwrap();
    let req = serde_json::json!({"q": "stikstof", "facets": true, "snippets": true,
        "filters": {"uitslag": ["aangenomen", "verworpen"], "jaar": ["2024"]}, "limit": 10});
    let native = e
        .search(&serde_json::from_value(req.clone()).unwrap())
        .unwrap();
    let mut browser = run_wasm(dir, &[req]).remove(0);
    let typing =
        serde_json::json!({"q": "gaswinning gron", "prefix": true, "snippets": true, "limit": 10});
    let native_typing = e
        .search(&serde_json::from_value(typing.clone()).unwrap())
        .unwrap();
    let browser_typing = run_wasm(dir, &[typing]).remove(0);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!native_typing.hits.is_empty());
    assert_eq!(
        ids(&browser_typing),
        native_typing
            .hits
            .iter()
            .map(|h| h.id.clone())
            .collect::<Vec<_>>()
    );
    browser.as_object_mut().unwrap().remove("fetches");
    browser.as_object_mut().unwrap().remove("ms");
    // Through text, as the browser gets it (f32 scores print shortest).
    let mut native: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&native).unwrap()).unwrap();
    native.as_object_mut().unwrap().remove("fetches");
    assert_eq!(browser, native);
}

/// A cold one-word query reads the bundle plus a few ranges of the blob,
/// and a later new word costs tens of kilobytes.
#[test]
fn lazy_reading_fetches_little() {
    if node().is_none() {
        return;
    }
    let Some(dir) = search::moties_index() else {
        return;
    };
    let requests: Vec<serde_json::Value> = ["stikstof", "jeugdzorg", "gaswinning"]
        .iter()
        .map(|q| serde_json::json!({"q": q, "limit": 10, "snippets": true, "facets": true}))
        .collect();
    let resp = run_wasm(dir, &requests);
    let fetched: Vec<(u64, u64)> = resp
        .iter()
        .map(|r| {
            (
                r["fetches"]["requests"].as_u64().unwrap(),
                r["fetches"]["bytes"].as_u64().unwrap(),
            )
        })
        .collect();
    println!("cumulative (requests, bytes) after each query: {fetched:?}");
    let later = fetched[2].1 - fetched[1].1;
    assert!(later < 100_000, "a later word cost {later} bytes");
}
