//! The search index of a built site: every public item, facets from the
//! site's data, and the `search` command.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_besluitspoor");

fn build(site: &str, out: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(site);
    let o = Command::new(BIN)
        .args(["-q", "build", "--date", "2026-03-15", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn search(out: &Path, args: &[&str]) -> (bool, String) {
    let o = Command::new(BIN)
        .arg("search")
        .arg("--output")
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

#[test]
fn search_command_prints_json_lines_best_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build("valid", &out);
    let (ok, text) = search(&out, &["--json", "motie"]);
    assert!(ok);
    let hits: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(hits.len() >= 5, "{text}");
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for h in &hits {
        let keys: Vec<&String> = h.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "score", "title", "url"]);
        assert!(h["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/{}/", h["id"].as_str().unwrap())));
    }
    let (_, limited) = search(&out, &["--json", "--limit", "2", "motie"]);
    assert_eq!(limited.lines().count(), 2);
    assert_eq!(
        limited.lines().collect::<Vec<_>>(),
        text.lines().take(2).collect::<Vec<_>>()
    );
    // The default is 20.
    let (_, all) = search(&out, &["--json", "2026"]);
    assert_eq!(all.lines().count(), 20);
    // Plain output ends with a count.
    let (_, plain) = search(&out, &["verkeersveiligheid"]);
    assert!(
        plain.contains("toezegging-2026-01-13-verkeersveiligheid"),
        "{plain}"
    );
    assert!(plain.trim_end().ends_with("results"), "{plain}");
}

#[test]
fn search_files_are_content_hashed_and_the_page_links_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build("valid", &out);
    let page = std::fs::read_to_string(out.join("zoeken/index.html")).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(out.join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 2, "{names:?}");
    for n in &names {
        let parts: Vec<&str> = n.split('.').collect();
        assert_eq!(parts.len(), 3, "{n}");
        assert_eq!(parts[1].len(), 16, "{n}");
        let bytes = std::fs::read(out.join("search").join(n)).unwrap();
        let _ = bytes;
    }
    let hot = names.iter().find(|n| n.starts_with("hot.")).unwrap();
    assert!(page.contains(&format!("/search/{hot}")), "{page}");
    // Every page has the search box.
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("role=search") && home.contains("action=/zoeken/"),
        "{home}"
    );
    // Without JavaScript the page says so and links the lists.
    assert!(page.contains("<noscript>") && page.contains("JavaScript"));
    // The same site gives the same files.
    let out2 = tmp.path().join("again");
    build("valid", &out2);
    let mut names2: Vec<String> = std::fs::read_dir(out2.join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names2.sort();
    assert_eq!(names, names2);
}

#[test]
fn geheim_items_are_not_in_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build("canary", &out);
    for q in ["kanarie", "7f3a", "KANARIE-7f3a"] {
        let (ok, text) = search(&out, &["--json", q]);
        assert!(ok);
        assert_eq!(text, "", "{q}");
    }
}

#[test]
fn facets_count_the_sites_items() {
    use besluitspoor::search::engine::Request;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build("valid", &out);
    let e = besluitspoor::search::open(&out).unwrap();
    let r = e
        .search(&Request {
            facets: true,
            ..Request::default()
        })
        .unwrap();
    let kinds: std::collections::BTreeMap<String, u64> = r.facets[0]
        .values
        .iter()
        .map(|v| (v.value.clone(), v.count))
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/valid/content");
    let count_md = |folder: &str| {
        walk(&root.join(folder))
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .filter(|p| !std::fs::read_to_string(p).unwrap().contains("geheim: true"))
            .count() as u64
    };
    for (kind, folder) in [
        ("motie", "moties"),
        ("besluit", "besluiten"),
        ("amendement", "amendementen"),
        ("fractie", "fracties"),
    ] {
        assert_eq!(
            kinds.get(kind).copied().unwrap_or(0),
            count_md(folder),
            "{kind}"
        );
    }
    assert_eq!(r.total, kinds.values().sum::<u64>());
    let names: Vec<&str> = r.facets.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "kind",
            "orgaan",
            "jaar",
            "status",
            "uitslag",
            "portefeuillehouder"
        ]
    );
    for f in &r.facets[1..] {
        if f.name != "status" {
            assert!(!f.values.is_empty(), "{} has no values", f.name);
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// `coöperatie` and `cooperatie` find each other, and the spelling the
/// reader typed ranks first.
#[test]
fn diacritics_fold_and_the_typed_spelling_ranks_first() {
    use besluitspoor::search::engine::Request;
    use besluitspoor::search::SearchDoc;
    let doc = |id: &str, body: &str| SearchDoc {
        id: id.into(),
        url: format!("/moties/{id}/"),
        title: "Motie over wonen".into(),
        body: body.into(),
        meta: "Motie".into(),
        date: Some("2025-01-01".into()),
        facets: vec![
            vec![("motie".into(), "Motie".into())],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
        ],
    };
    let docs = vec![
        doc("met-trema", "De raad steunt de coöperatie van huurders."),
        doc("zonder-trema", "De raad steunt de cooperatie van huurders."),
        doc("anders", "De raad steunt de vereniging van huurders."),
    ];
    let out = besluitspoor::search::build_docs(&docs).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    for f in &out.files {
        let p = tmp.path().join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &f.bytes).unwrap();
    }
    let e = besluitspoor::search::open(tmp.path()).unwrap();
    let ids = |q: &str| -> Vec<String> {
        e.search(&Request {
            q: q.into(),
            ..Request::default()
        })
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
    };
    assert_eq!(ids("coöperatie"), ["met-trema", "zonder-trema"]);
    assert_eq!(ids("cooperatie"), ["zonder-trema", "met-trema"]);
}
