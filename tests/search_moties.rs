//! Relevance on the real Tweede Kamer moties: queries whose right answers
//! were checked by reading the texts.

mod search;

use search::*;

/// Prints the hits of `$Q` (run with `--ignored --nocapture`).
#[test]
#[ignore]
fn explore() {
    let Some(e) = engine() else { return };
    for q in std::env::var("Q").unwrap_or_default().split('|') {
        e.blob().record();
        let before = e.fetches();
        let r = query(&e, q, 10);
        let after = e.fetches();
        println!(
            "== {q}: {} results; fetched {} requests, {} bytes",
            r.total,
            after.requests - before.requests,
            after.bytes - before.bytes
        );
        let mut per_file = std::collections::BTreeMap::<String, (u64, u64)>::new();
        for rg in e.blob().recorded() {
            let (name, _) = e
                .blob()
                .manifest()
                .files
                .iter()
                .find(|(_, &(o, l))| rg.start >= o && rg.start < o + l)
                .unwrap();
            let ext = name.rsplit('.').next().unwrap().to_string();
            let x = per_file.entry(ext).or_default();
            x.0 += 1;
            x.1 += rg.end - rg.start;
        }
        println!("   reads by file (count, bytes): {per_file:?}");
        for h in &r.hits {
            println!(
                "{:8.3} {} {}\n         {}",
                h.score,
                h.id,
                h.title,
                h.snippet.as_deref().unwrap_or("")
            );
        }
    }
}

fn top(e: &besluitspoor::search::engine::Engine, q: &str, n: usize) -> Vec<String> {
    ids(&query(e, q, n)).into_iter().map(String::from).collect()
}

/// A rare word: the one motie about the tong quota (Flach c.s., 7 Dec 2023).
#[test]
fn rare_word_finds_its_motie_first() {
    let Some(e) = engine() else { return };
    assert_eq!(top(&e, "tongquotum", 3), ["motie-2023z19781"]);
}

/// The two moties whose subject is kunstmestvervangers (Van der Plas on the
/// nitraatcommissie, Van Campen on the mestmarkt) come before those that
/// mention them in passing.
#[test]
fn subject_in_title_ranks_first() {
    let Some(e) = engine() else { return };
    let mut t = top(&e, "kunstmestvervangers", 2);
    t.sort();
    assert_eq!(t, ["motie-2023z19782", "motie-2024z21652"]);
}

/// `veiligheid` finds `verkeersveiligheid` and `zorg` finds `jeugdzorg`
/// through the compound split: every motie with the compound is also a hit
/// for its last part.
#[test]
fn compound_parts_are_found() {
    let Some(e) = engine() else { return };
    for (compound, part) in [
        ("verkeersveiligheid", "veiligheid"),
        ("jeugdzorg", "zorg"),
        ("energiecoöperaties", "coöperatie"),
    ] {
        let alone = query(&e, compound, 1).total;
        assert!(alone > 5, "{compound}: {alone}");
        assert_eq!(
            query(&e, &format!("{compound} {part}"), 1).total,
            alone,
            "{compound} / {part}"
        );
    }
    // The motie for an action plan on the safety of older cyclists (El
    // Abassi) is the best answer to `veiligheid fietsers`.
    assert_eq!(top(&e, "veiligheid fietsers", 1), ["motie-2025z03141"]);
}

/// The three best answers to `gaswinning groningen` are moties about gas
/// extraction in Groningen (Eerdmans on restarting the Groningenveld,
/// Beckerman on the small fields and Warffum, Eerdmans on the wells).
#[test]
fn two_words_rank_moties_about_both() {
    let Some(e) = engine() else { return };
    let t = top(&e, "gaswinning groningen", 3);
    for id in ["motie-2025z16743", "motie-2024z13480", "motie-2024z06376"] {
        assert!(t.contains(&id.to_string()), "{id} not in {t:?}");
    }
}

/// Singular and plural find the same moties.
#[test]
fn plural_and_singular_find_the_same() {
    let Some(e) = engine() else { return };
    for (a, b) in [
        ("bestemmingsplan", "bestemmingsplannen"),
        ("motie", "moties"),
        ("gemeente", "gemeenten"),
        ("fietspad", "fietspaden"),
    ] {
        assert_eq!(query(&e, a, 1).total, query(&e, b, 1).total, "{a} / {b}");
        assert!(query(&e, a, 1).total > 0, "{a}");
    }
}

/// Facet counts equal the counts in the data, filters combine with OR
/// within a facet and AND across facets, and a filtered facet still counts
/// its other values.
#[test]
fn facet_counts_match_the_data() {
    let Some(e) = engine() else { return };
    let docs = moties(&moties_file().unwrap());
    let mut by_uitslag = std::collections::BTreeMap::<String, u64>::new();
    let mut by_year = std::collections::BTreeMap::<String, u64>::new();
    for d in &docs {
        for (v, _) in &d.facets[4] {
            *by_uitslag.entry(v.clone()).or_default() += 1;
        }
        *by_year.entry(d.facets[2][0].0.clone()).or_default() += 1;
    }
    let all = query(&e, "", 1);
    assert_eq!(all.total, docs.len() as u64);
    let facet = |r: &besluitspoor::search::engine::Response,
                 name: &str|
     -> std::collections::BTreeMap<String, u64> {
        r.facets
            .iter()
            .find(|f| f.name == name)
            .unwrap()
            .values
            .iter()
            .map(|v| (v.value.clone(), v.count))
            .collect()
    };
    assert_eq!(facet(&all, "uitslag"), by_uitslag);
    assert_eq!(facet(&all, "jaar"), by_year);

    let req = |q: &str, filters: &[(&str, &[&str])]| besluitspoor::search::engine::Request {
        q: q.into(),
        facets: true,
        limit: Some(5),
        filters: filters
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect(),
        ..Default::default()
    };
    let stikstof = e.search(&req("stikstof", &[])).unwrap();
    let u = facet(&stikstof, "uitslag");
    let y = facet(&stikstof, "jaar");
    let aangenomen = e
        .search(&req("stikstof", &[("uitslag", &["aangenomen"])]))
        .unwrap();
    assert_eq!(aangenomen.total, u["aangenomen"]);
    // The filtered facet still shows the other outcomes' counts.
    assert_eq!(facet(&aangenomen, "uitslag"), u);
    let either = e
        .search(&req(
            "stikstof",
            &[("uitslag", &["aangenomen", "verworpen"])],
        ))
        .unwrap();
    assert_eq!(either.total, u["aangenomen"] + u["verworpen"]);
    let and = e
        .search(&req(
            "stikstof",
            &[("uitslag", &["aangenomen"]), ("jaar", &["2024"])],
        ))
        .unwrap();
    assert!(and.total < aangenomen.total && and.total > 0);
    assert_eq!(facet(&and, "jaar").values().sum::<u64>(), aangenomen.total);
    assert!(and.total <= y["2024"]);
    // Date range: 2024 only.
    let mut r = req("stikstof", &[]);
    r.from = Some("2024-01-01".into());
    r.to = Some("2024-12-31".into());
    assert_eq!(e.search(&r).unwrap().total, y["2024"]);
}

/// Sorting by date puts the newest first.
#[test]
fn sort_by_date_is_newest_first() {
    let Some(e) = engine() else { return };
    let r = e
        .search(&besluitspoor::search::engine::Request {
            q: "stikstof".into(),
            sort: besluitspoor::search::engine::Sort::Date,
            limit: Some(50),
            ..Default::default()
        })
        .unwrap();
    let dates: Vec<&str> = r.hits.iter().map(|h| h.date.as_deref().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

/// Prints what the hot cache holds, by index file (run with `--ignored
/// --nocapture`).
#[test]
#[ignore]
fn hot_cache_composition() {
    let Some(dir) = moties_index() else { return };
    let hot = std::fs::read_dir(dir.join("search"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("hot."))
        .unwrap();
    let mut bytes = Vec::new();
    use std::io::Read;
    flate2::read::GzDecoder::new(std::fs::File::open(&hot).unwrap())
        .read_to_end(&mut bytes)
        .unwrap();
    let b = besluitspoor::search::engine::Bundle::from_bytes(&bytes).unwrap();
    let mut per = std::collections::BTreeMap::<String, u64>::new();
    for (start, data) in &b.hot.ranges {
        let (name, _) = b
            .meta
            .manifest
            .files
            .iter()
            .find(|(_, &(o, l))| *start >= o && *start < o + l)
            .unwrap();
        *per.entry(name.rsplit('.').next().unwrap().to_string())
            .or_default() += data.len() as u64;
    }
    println!(
        "hot cache by file: {per:?}; meta json {} bytes",
        serde_json::to_string(&b.meta).unwrap().len()
    );
    for (name, (_, len)) in &b.meta.manifest.files {
        println!("  {name}: {len}");
    }
}

/// Times writing the index of the moties and prints its size (for
/// BENCHMARKS.md: `cargo test --release --test search_moties index_build --
/// --ignored --nocapture`).
#[test]
#[ignore]
fn index_build() {
    let Some(file) = moties_file() else { return };
    let docs = moties(&file);
    let t = std::time::Instant::now();
    let out = besluitspoor::search::build_docs(&docs).unwrap();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let sizes: Vec<(String, usize)> = out
        .files
        .iter()
        .map(|f| (f.path.clone(), f.bytes.len()))
        .collect();
    println!(
        "{} documents indexed in {ms:.0} ms; files: {sizes:?}",
        docs.len()
    );
    let e = engine().unwrap();
    let queries = [
        "stikstof",
        "jeugdzorg",
        "gaswinning groningen",
        "veiligheid fietsers",
        "oekraïne wapens",
    ];
    let _ = query(&e, "warm", 10);
    let t = std::time::Instant::now();
    let n = 20;
    for _ in 0..n {
        for q in queries {
            query(&e, q, 10);
        }
    }
    let per = t.elapsed().as_secs_f64() * 1000.0 / (n * queries.len()) as f64;
    println!("native query with facets and 10 snippets: {per:.2} ms on average");
}

/// While typing, the unfinished last word matches the words it begins.
#[test]
fn unfinished_word_matches_while_typing() {
    let Some(e) = engine() else { return };
    let typing = |q: &str| {
        e.search(&besluitspoor::search::engine::Request {
            q: q.into(),
            prefix: true,
            limit: Some(5),
            ..Default::default()
        })
        .unwrap()
    };
    assert_eq!(query(&e, "verkeersvei", 5).total, 0);
    let r = typing("verkeersvei");
    assert!(
        r.total >= query(&e, "verkeersveiligheid", 1).total,
        "{}",
        r.total
    );
    // A finished word (followed by a space) is not expanded.
    assert_eq!(typing("verkeersvei ").total, 0);
    // Earlier words stay whole.
    assert_eq!(typing("tongquotum noordzee").total, 1);
}
