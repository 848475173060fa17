//! The public follow-up register (`/opvolging/`) on real records.
//!
//! Fixture: `tests/sites/opvolging/`, converted by hand from
//! `/work/shared/data/real/records.jsonl`: every toezegging and every set of
//! schriftelijke vragen of that file, the adopted Vught motie (date assumed),
//! one real raadsinformatiebrief (Vught, 19 March 2019) and one clearly
//! labelled fictional toezegging with status `vervallen` (no real record has
//! that status). `answer_days = 30`.
//!
//! The site is built at two reference dates and every figure below was
//! computed BY HAND from the fixture (the calculations are in the comments),
//! not copied from a build.
//!
//! ## The 17 register rows (kind, id: status, termijn → deadline used)
//!
//! ```text
//! motie  vgt-2021-motie-extra-inkomsten  openstaand, zonder termijn       jaar 2021 (assumed)
//! toez.  rdk-toezegging-913     openstaand, termijn 2020-10-15            jaar 2016  wethouder-ridderkerk
//! toez.  rdk-toezegging-64      openstaand, termijn 2020-07-17            jaar 2013  wethouder-ridderkerk
//! toez.  rdk-toezegging-1324    openstaand, termijn_tekst "P.M."          jaar 2017  wethouder-ridderkerk
//! toez.  vgt-toezegging-22      voldaan (afgedaan_met RIB 2019-03-19)     jaar 2017  van-de-ven
//! toez.  wrd-toezegging-t-010   openstaand, termijn_tekst "voor het reces" jaar 2018 (assumed) molkenboer
//! toez.  dh-…-wagner            openstaand, zonder termijn                jaar 2015  wagner
//! toez.  dh-…-schuiling         openstaand, zonder termijn                jaar 2015  schuiling
//! toez.  rmd-…-schreurs         openstaand, termijn 2019-12-31 + "december 2019"  jaar 2019  schreurs
//! toez.  ek-t01237              openstaand, termijn 2024-01-01            jaar 2009  minister-bzk
//! toez.  ek-t01970              deels-voldaan, termijn 2025-07-01         jaar 2014  minister-bzk
//! toez.  fictief-…-vervallen    vervallen, termijn 2019-12-02             jaar 2019  fictieve-wethouder
//! vraag  dhg-2019-04-01-…       ingediend 2019-04-01 + 30 = 2019-05-01, beantwoord 2019-05-14   jaar 2019
//! vraag  wst-2020-01-24-…       ingediend 2020-01-24 + 30 = 2020-02-23, unanswered              jaar 2020
//! vraag  vkb-2019-08-16-…       ingediend 2019-08-16 + 30 = 2019-09-15, unanswered              jaar 2019
//! vraag  tk-2024-12-20-erkens   ingediend 2024-12-20 + 30 = 2025-01-19, beantwoord 2025-02-04   jaar 2024
//! vraag  tk-2014-12-16-fokke-…  ingediend 2014-12-16 + 30 = 2015-01-15, unanswered              jaar 2014
//! ```
//!
//! "+ 30" by hand: 2019-04-01 + 30 = 1 May (April has 30 days); 2020-01-24 +
//! 30 = 24 Feb − 1 = 23 Feb (January has 31 days); 2019-08-16 + 30 = 15 Sep
//! (August has 31); 2024-12-20 + 30 = 19 Jan (December has 31); 2014-12-16 +
//! 30 = 15 Jan.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_besluitspoor");

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/opvolging")
}

/// A built site; the temporary folder lives as long as the value.
struct Built {
    _tmp: TempDir,
    out: PathBuf,
}

impl Built {
    fn page(&self, url: &str) -> String {
        let path = self
            .out
            .join(url.trim_start_matches('/'))
            .join("index.html");
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }
}

fn build(date: &str) -> Built {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("site");
    let result = Command::new(BIN)
        .arg("build")
        .arg("--root")
        .arg(fixture())
        .arg("--output")
        .arg(&out)
        .arg("--date")
        .arg(date)
        .arg("--quiet")
        .output()
        .expect("run besluitspoor build");
    assert!(
        result.status.success(),
        "build --date {date} failed ({}):\n{}",
        result.status,
        String::from_utf8_lossy(&result.stderr)
    );
    Built { _tmp: tmp, out }
}

// ---------------------------------------------------------------------------
// Minimal HTML helpers (the HTML is minified: attribute quotes may be left
// out, so every search accepts both `a=b` and `a="b"`).
// ---------------------------------------------------------------------------

/// Removes tags and collapses white space.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of `html` from the first `start` on, up to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = html.find(start)?;
    let rest = &html[i + start.len()..];
    let j = rest.find(end)?;
    Some(&rest[..j])
}

/// Every value of `attr` in `html`, quoted or not.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let value = if let Some(q) = rest.strip_prefix('"') {
            &q[..q.find('"').unwrap_or(q.len())]
        } else {
            &rest[..rest.find([' ', '>']).unwrap_or(rest.len())]
        };
        out.push(value.to_string());
    }
    out
}

/// The ids of the register items linked in `fragment`, in order (one per
/// card: the card title's link to /toezeggingen/, /vragen/ or /moties/).
fn item_ids(fragment: &str) -> Vec<String> {
    attr_values(fragment, "href")
        .into_iter()
        .filter_map(|h| {
            let parts: Vec<&str> = h.trim_matches('/').split('/').collect();
            match parts.as_slice() {
                [kind, id] if ["toezeggingen", "vragen", "moties"].contains(kind) => {
                    Some(id.to_string())
                }
                _ => None,
            }
        })
        .collect()
}

/// The section of a register page whose heading has `id` (te-laat-kop,
/// open-kop, afgedaan-kop), up to the end of that section.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let i = html
        .find(&format!("id={id}>"))
        .or_else(|| html.find(&format!("id=\"{id}\">")))
        .unwrap_or_else(|| panic!("no heading with id {id}"));
    let rest = &html[i..];
    &rest[..rest.find("</section>").expect("section end")]
}

/// The five numbers of the "Aantal per stand" table, checking its header
/// order: Te laat, Openstaand, Deels voldaan, Voldaan, Vervallen.
fn counts(html: &str) -> [usize; 5] {
    let table = between(html, "Aantal per stand", "</table>").expect("counts table");
    let head = text(between(table, "<thead>", "</thead>").expect("thead"));
    assert_eq!(head, "Te laat Openstaand Deels voldaan Voldaan Vervallen");
    let body = text(between(table, "<tbody>", "</tbody>").expect("tbody"));
    let n: Vec<usize> = body
        .split(' ')
        .map(|s| s.parse().expect("a count"))
        .collect();
    n.try_into().expect("five counts")
}

/// "(17 in totaal)" in the table caption.
fn totaal(html: &str) -> usize {
    let cap = between(html, "Aantal per stand (", " in totaal)").expect("caption");
    cap.parse().expect("total")
}

/// The label and count of a filter link in the register's "Bekijk per" nav.
fn filter_count(html: &str, url: &str) -> usize {
    let nav = between(html, "Bekijk per", "</nav>").expect("filters nav");
    let i = nav
        .find(&format!("href={url}>"))
        .or_else(|| nav.find(&format!("href=\"{url}\">")))
        .unwrap_or_else(|| panic!("no filter link to {url}"));
    let after = &nav[i..];
    let li = &after[..after.find("</li>").expect("li end")];
    let t = text(li);
    let n = t.rsplit_once('(').expect("count in parentheses").1;
    n.trim_end_matches(')').parse().expect("filter count")
}

/// The follow-up block of an item page.
fn opvolging_block(html: &str) -> &str {
    let i = html
        .find("opvolging-kop")
        .expect("item page has an Opvolging block");
    let rest = &html[i..];
    &rest[..rest.find("</section>").expect("section end")]
}

/// The text of the `<dd>` after `<dt>{label}</dt>` in `fragment`.
fn fact(fragment: &str, label: &str) -> Option<String> {
    let dd = between(fragment, &format!("<dt>{label}</dt>"), "</dd>")?;
    Some(text(dd))
}

/// The timeline of a follow-up block: (ISO date, text of the entry).
fn timeline(block: &str) -> Vec<(String, String)> {
    let Some(ol) = between(block, "timeline", "</ol>") else {
        return Vec::new();
    };
    ol.split("<li>")
        .skip(1)
        .map(|li| {
            let iso = attr_values(li, "datetime")
                .into_iter()
                .next()
                .expect("entry has a date");
            (iso, text(li))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------

#[test]
fn check_passes_without_errors_or_warnings() {
    for date in ["2020-06-01", "2026-11-30"] {
        let out = Command::new(BIN)
            .arg("check")
            .arg("--root")
            .arg(fixture())
            .arg("--format")
            .arg("json")
            .arg("--date")
            .arg(date)
            .output()
            .expect("run besluitspoor check");
        let json = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "check exited {}:\n{json}", out.status);
        let v: serde_json::Value = serde_json::from_str(&json).expect("check --format json");
        assert_eq!(v["errors"], 0, "{json}");
        // The motie is adopted and has an opvolging, so not even the
        // "adopted motie without opvolging" warning may appear.
        assert_eq!(v["warnings"], 0, "{json}");
    }
}

// ---------------------------------------------------------------------------
// The register at 1 June 2020
// ---------------------------------------------------------------------------

/// Reference date 2020-06-01.
///
/// Te laat (open status and termijn < 2020-06-01), days overdue by hand:
/// - tk-2014-12-16-fokke-vianen, termijn 2015-01-15: 2015-01-15 → 2020-01-15
///   = 5 × 365 + 1 (29 Feb 2016) = 1826; 15 Jan → 1 Jun 2020 = 17 + 29 + 31
///   + 30 + 31 = 138; total 1964.
/// - vkb-2019-08-16-bezoekersregeling, termijn 2019-09-15: 16 (to 1 Oct) +
///   31 + 30 + 31 + 31 + 29 (Feb 2020) + 31 + 30 + 31 = 260.
/// - rmd-2019-11-07-toezegging-schreurs, termijn 2019-12-31: 1 (to 1 Jan) +
///   31 + 29 + 31 + 30 + 31 = 153.
/// - wst-2020-01-24-vraag-827, termijn 2020-02-23: 7 (to 1 Mar, leap year) +
///   31 + 30 + 31 = 99.
///
/// Most overdue first: fokke (1964), vkb (260), schreurs (153), wst (99).
///
/// Openstaand (open, not overdue): rdk-913 (termijn 2020-10-15, 136 days
/// left: 30 + 31 + 31 + 30 + 14), rdk-64 (2020-07-17, 46 days left: 30 + 16),
/// ek-t01237 (2024-01-01), rdk-1324 (P.M.), wrd-t-010 (voor het reces),
/// dh-wagner, dh-schuiling (zonder termijn), the Vught motie (zonder termijn)
/// = 8.
/// Deels voldaan: ek-t01970 (termijn 2025-07-01 not passed) = 1.
/// Voldaan: vgt-toezegging-22, dhg (answered), tk-erkens (answered) = 3.
/// Vervallen: the fictional toezegging (its past termijn does not count) = 1.
/// 4 + 8 + 1 + 3 + 1 = 17 rows.
#[test]
fn register_on_2020_06_01() {
    let site = build("2020-06-01");
    let html = site.page("/opvolging/");
    assert!(text(&html).contains("Stand op 1 juni 2020"));
    assert_eq!(counts(&html), [4, 8, 1, 3, 1]);
    assert_eq!(totaal(&html), 17);
    assert_eq!(
        item_ids(section(&html, "te-laat-kop")),
        [
            "tk-2014-12-16-fokke-vianen",
            "vkb-2019-08-16-bezoekersregeling",
            "rmd-2019-11-07-toezegging-schreurs",
            "wst-2020-01-24-vraag-827",
        ]
    );
    // The "Openstaand" list holds every open item that is not overdue,
    // deels-voldaan included (8 + 1 = 9): soonest deadline first (2020-07-17,
    // 2020-10-15, 2024-01-01, 2025-07-01), then those without a date by id.
    assert_eq!(
        item_ids(section(&html, "open-kop")),
        [
            "rdk-toezegging-64",
            "rdk-toezegging-913",
            "ek-t01237",
            "ek-t01970",
            "dh-2015-06-29-toezegging-schuiling",
            "dh-2015-06-29-toezegging-wagner",
            "rdk-toezegging-1324",
            "vgt-2021-motie-extra-inkomsten",
            "wrd-toezegging-t-010",
        ]
    );
    // Afgedaan (voldaan + vervallen), newest item date first: 2024-12-20,
    // 2019-06-03, 2019-04-01, 2017-10-05.
    assert_eq!(
        item_ids(section(&html, "afgedaan-kop")),
        [
            "tk-2024-12-20-erkens",
            "fictief-toezegging-vervallen",
            "dhg-2019-04-01-betaald-parkeren",
            "vgt-toezegging-22",
        ]
    );
}

// ---------------------------------------------------------------------------
// The register at 30 November 2026
// ---------------------------------------------------------------------------

/// Reference date 2026-11-30. Days overdue by hand (leap days 2016-02-29,
/// 2020-02-29, 2024-02-29; 1 Jan → 30 Nov 2026 = 333 days):
/// - fokke, 2015-01-15: → 2026-01-15 = 11 × 365 + 3 = 4018; 15 Jan → 30 Nov
///   = 17 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 29 = 319; 4337.
/// - vkb, 2019-09-15: → 2026-09-15 = 7 × 365 + 2 = 2557; + 16 + 31 + 29 = 76;
///   2633.
/// - schreurs, 2019-12-31: → 2025-12-31 = 6 × 365 + 2 = 2192; + 1 + 333 =
///   334; 2526.
/// - wst, 2020-02-23: → 2026-02-23 = 6 × 365 + 2 (29 Feb 2020 lies after
///   23 Feb) = 2192; + 6 (to 1 Mar) + 245 (Mar–Oct) + 29 = 280; 2472.
/// - rdk-64, 2020-07-17: → 2026-07-17 = 6 × 365 + 1 = 2191; + 15 + 31 + 30 +
///   31 + 29 = 136; 2327.
/// - rdk-913, 2020-10-15: → 2026-10-15 = 2191; + 17 + 29 = 46; 2237.
/// - ek-t01237, 2024-01-01: → 2026-01-01 = 366 + 365 = 731; + 333; 1064.
/// - ek-t01970 (deels-voldaan), 2025-07-01: → 2026-07-01 = 365; + 31 + 31 +
///   30 + 31 + 29 = 152; 517.
///
/// Te laat 8, most overdue first as listed. Openstaand: rdk-1324 (P.M.),
/// wrd-t-010 (voor het reces), dh-wagner, dh-schuiling, the motie = 5.
/// Deels voldaan 0 (ek-t01970 is overdue). Voldaan 3, Vervallen 1.
/// 8 + 5 + 0 + 3 + 1 = 17.
#[test]
fn register_on_2026_11_30() {
    let site = build("2026-11-30");
    let html = site.page("/opvolging/");
    assert!(text(&html).contains("Stand op 30 november 2026"));
    assert_eq!(counts(&html), [8, 5, 0, 3, 1]);
    assert_eq!(totaal(&html), 17);
    assert_eq!(
        item_ids(section(&html, "te-laat-kop")),
        [
            "tk-2014-12-16-fokke-vianen",
            "vkb-2019-08-16-bezoekersregeling",
            "rmd-2019-11-07-toezegging-schreurs",
            "wst-2020-01-24-vraag-827",
            "rdk-toezegging-64",
            "rdk-toezegging-913",
            "ek-t01237",
            "ek-t01970",
        ]
    );
    assert_eq!(
        item_ids(section(&html, "open-kop")),
        [
            "dh-2015-06-29-toezegging-schuiling",
            "dh-2015-06-29-toezegging-wagner",
            "rdk-toezegging-1324",
            "vgt-2021-motie-extra-inkomsten",
            "wrd-toezegging-t-010",
        ]
    );
    // A vervallen item with a deadline long past is never overdue.
    let afgedaan = item_ids(section(&html, "afgedaan-kop"));
    assert!(afgedaan.contains(&"fictief-toezegging-vervallen".to_string()));
    assert_eq!(afgedaan.len(), 4);
}

// ---------------------------------------------------------------------------
// termijn_tekst
// ---------------------------------------------------------------------------

/// A deadline in words only ("P.M.", "voor het reces") is never overdue, at
/// any date; the words are shown as the termijn.
#[test]
fn termijn_tekst_alone_is_never_overdue() {
    for date in ["2020-06-01", "2026-11-30"] {
        let site = build(date);
        let html = site.page("/opvolging/");
        let te_laat = item_ids(section(&html, "te-laat-kop"));
        let open = item_ids(section(&html, "open-kop"));
        for id in ["rdk-toezegging-1324", "wrd-toezegging-t-010"] {
            assert!(!te_laat.iter().any(|i| i == id), "{id} te laat at {date}");
            assert!(open.iter().any(|i| i == id), "{id} not open at {date}");
        }
        let open_text = text(section(&html, "open-kop"));
        assert!(open_text.contains("termijn: P.M."), "{open_text}");
        assert!(open_text.contains("termijn: voor het reces"), "{open_text}");

        for (url, words) in [
            ("/toezeggingen/rdk-toezegging-1324/", "P.M."),
            ("/toezeggingen/wrd-toezegging-t-010/", "voor het reces"),
        ] {
            let block = site.page(url);
            let block = opvolging_block(&block);
            assert_eq!(fact(block, "Stand").as_deref(), Some("Openstaand"), "{url}");
            // Words only: no day count.
            assert_eq!(fact(block, "Termijn").as_deref(), Some(words), "{url}");
        }
    }
}

/// `termijn` + `termijn_tekst` (Roermond: "2019-12" → 2019-12-31 + "december
/// 2019"): the date decides "te laat" (2019-12-31 < 2020-06-01, 153 days, see
/// above), the WORDS are what the citizen reads (format extension
/// `opvolging.termijn_tekst`).
#[test]
fn termijn_tekst_with_date_is_overdue_by_the_date_and_shows_the_words() {
    let site = build("2020-06-01");
    let html = site.page("/opvolging/");
    assert!(item_ids(section(&html, "te-laat-kop"))
        .contains(&"rmd-2019-11-07-toezegging-schreurs".to_string()));

    let page = site.page("/toezeggingen/rmd-2019-11-07-toezegging-schreurs/");
    let block = opvolging_block(&page);
    assert_eq!(
        fact(block, "Stand").as_deref(),
        Some("Te laat (status: Openstaand)")
    );
    let termijn = fact(block, "Termijn").expect("Termijn fact");
    assert!(
        termijn.starts_with("december 2019"),
        "the termijn must read in words, found `{termijn}`"
    );
    assert!(
        termijn.ends_with("(153 dagen over de termijn op 1 juni 2020)"),
        "{termijn}"
    );
    // The register card shows the words too.
    let card = between(&html, "rmd-2019-11-07-toezegging-schreurs", "</li>").expect("card");
    assert!(
        text(card).contains("termijn: december 2019"),
        "card: {}",
        text(card)
    );
}

// ---------------------------------------------------------------------------
// Schriftelijke vragen
// ---------------------------------------------------------------------------

/// Den Haag: ingediend 2019-04-01, beantwoord 2019-05-14: 30 days to 1 May
/// (April has 30) + 13 to 14 May = 43 days > 30; the term ends 2019-05-01,
/// so the answer came after it. Tweede Kamer, Erkens:
/// 2024-12-20 → 2025-02-04 = 11 + 31 + 4 = 46 days > 30 (term 2025-01-19).
#[test]
fn vragen_answer_days_and_late_answers() {
    let site = build("2026-11-30");

    let page = site.page("/vragen/dhg-2019-04-01-betaald-parkeren/");
    let block = opvolging_block(&page);
    assert_eq!(fact(block, "Stand").as_deref(), Some("Voldaan"));
    // Answered: the deadline shows without a day count.
    assert_eq!(fact(block, "Termijn").as_deref(), Some("1 mei 2019"));
    assert_eq!(
        fact(block, "Beantwoord na").as_deref(),
        Some("43 dagen (na de termijn)")
    );
    assert!(attr_values(block, "datetime").contains(&"2019-05-01".to_string()));

    let page = site.page("/vragen/tk-2024-12-20-erkens/");
    let block = opvolging_block(&page);
    assert_eq!(fact(block, "Stand").as_deref(), Some("Voldaan"));
    assert_eq!(fact(block, "Termijn").as_deref(), Some("19 januari 2025"));
    assert_eq!(
        fact(block, "Beantwoord na").as_deref(),
        Some("46 dagen (na de termijn)")
    );

    // Unanswered: Westland, term 2020-02-23, 2472 days over it (see above).
    let page = site.page("/vragen/wst-2020-01-24-vraag-827/");
    let block = opvolging_block(&page);
    assert_eq!(
        fact(block, "Stand").as_deref(),
        Some("Te laat (status: Openstaand)")
    );
    assert_eq!(
        fact(block, "Termijn").as_deref(),
        Some("23 februari 2020 (2472 dagen over de termijn op 30 november 2026)")
    );
    assert_eq!(fact(block, "Beantwoord na"), None);

    // The soort view: 5 vragen; at 2026-11-30 three unanswered ones are
    // overdue (fokke, vkb, wst) and two are answered.
    let html = site.page("/opvolging/soort/vragen/");
    assert_eq!(counts(&html), [3, 0, 0, 2, 0]);
    assert_eq!(
        item_ids(section(&html, "te-laat-kop")),
        [
            "tk-2014-12-16-fokke-vianen",
            "vkb-2019-08-16-bezoekersregeling",
            "wst-2020-01-24-vraag-827",
        ]
    );
}

// ---------------------------------------------------------------------------
// Filtered views
// ---------------------------------------------------------------------------

/// Portefeuillehouder of a toezegging: `opvolging.portefeuillehouder`, else
/// `gedaan_door`. minister-bzk: ek-t01237 (explicit, made by the
/// staatssecretaris) and ek-t01970 (gedaan_door) = 2; the staatssecretaris
/// has none. wethouder-ridderkerk: 913, 64, 1324 = 3. Vragen and the motie
/// have no portefeuillehouder. Jaar = year of the item's datum (see the table
/// at the top): 2009 1, 2013 1, 2014 2, 2015 2, 2016 1, 2017 2, 2018 1, 2019
/// 4, 2020 1, 2021 1, 2024 1 = 17. Orgaan: gemeenteraad = the 9 toezeggingen
/// `aan: gemeenteraad` + the motie (via its vergadering) = 10; eerste-kamer 2;
/// college = the 5 vragen.
#[test]
fn filtered_views() {
    for (date, minister, ridderkerk, j2019, j2014, raad) in [
        // 2020-06-01: t01237 open (2024), t01970 deels voldaan; Ridderkerk all
        // open; 2019: schreurs + vkb te laat, dhg voldaan, fictief vervallen;
        // 2014: fokke te laat, t01970 deels voldaan; raad: schreurs te laat,
        // 913 64 1324 t-010 wagner schuiling motie open, vgt-22 voldaan,
        // fictief vervallen.
        (
            "2020-06-01",
            [0, 1, 1, 0, 0],
            [0, 3, 0, 0, 0],
            [2, 0, 0, 1, 1],
            [1, 0, 1, 0, 0],
            [1, 7, 0, 1, 1],
        ),
        // 2026-11-30: both EK items overdue; 64 and 913 overdue, 1324 (P.M.)
        // open; 2014: both overdue; raad: schreurs 64 913 overdue.
        (
            "2026-11-30",
            [2, 0, 0, 0, 0],
            [2, 1, 0, 0, 0],
            [2, 0, 0, 1, 1],
            [2, 0, 0, 0, 0],
            [3, 5, 0, 1, 1],
        ),
    ] {
        let site = build(date);
        let index = site.page("/opvolging/");

        let html = site.page("/opvolging/portefeuillehouder/minister-bzk/");
        assert_eq!(counts(&html), minister, "minister-bzk at {date}");
        assert_eq!(totaal(&html), 2);
        let html = site.page("/opvolging/portefeuillehouder/wethouder-ridderkerk/");
        assert_eq!(counts(&html), ridderkerk, "wethouder-ridderkerk at {date}");
        assert_eq!(totaal(&html), 3);
        if date == "2026-11-30" {
            // 64 (2327 days) before 913 (2237 days).
            assert_eq!(
                item_ids(section(&html, "te-laat-kop")),
                ["rdk-toezegging-64", "rdk-toezegging-913"]
            );
        }
        let html = site.page("/opvolging/jaar/2019/");
        assert_eq!(counts(&html), j2019, "jaar 2019 at {date}");
        assert_eq!(totaal(&html), 4);
        let html = site.page("/opvolging/jaar/2014/");
        assert_eq!(counts(&html), j2014, "jaar 2014 at {date}");
        let html = site.page("/opvolging/orgaan/gemeenteraad/");
        assert_eq!(counts(&html), raad, "orgaan gemeenteraad at {date}");
        assert_eq!(totaal(&html), 10);

        // The filter navigation with its counts (independent of the date).
        for (url, n) in [
            ("/opvolging/soort/moties/", 1),
            ("/opvolging/soort/toezeggingen/", 11),
            ("/opvolging/soort/vragen/", 5),
            ("/opvolging/portefeuillehouder/minister-bzk/", 2),
            ("/opvolging/portefeuillehouder/wethouder-ridderkerk/", 3),
            ("/opvolging/portefeuillehouder/van-de-ven/", 1),
            ("/opvolging/portefeuillehouder/schreurs/", 1),
            ("/opvolging/orgaan/gemeenteraad/", 10),
            ("/opvolging/orgaan/eerste-kamer/", 2),
            ("/opvolging/orgaan/college/", 5),
            ("/opvolging/jaar/2024/", 1),
            ("/opvolging/jaar/2021/", 1),
            ("/opvolging/jaar/2020/", 1),
            ("/opvolging/jaar/2019/", 4),
            ("/opvolging/jaar/2018/", 1),
            ("/opvolging/jaar/2017/", 2),
            ("/opvolging/jaar/2016/", 1),
            ("/opvolging/jaar/2015/", 2),
            ("/opvolging/jaar/2014/", 2),
            ("/opvolging/jaar/2013/", 1),
            ("/opvolging/jaar/2009/", 1),
        ] {
            assert_eq!(filter_count(&index, url), n, "{url} at {date}");
        }
        // No view for a persoon who is portefeuillehouder of nothing.
        assert!(!index.contains("/opvolging/portefeuillehouder/staatssecretaris-europese-zaken/"));
        assert!(!site
            .out
            .join("opvolging/portefeuillehouder/staatssecretaris-europese-zaken")
            .exists());
    }
}

// ---------------------------------------------------------------------------
// Item pages: the follow-up block
// ---------------------------------------------------------------------------

/// Vught ID22: voldaan with a real raadsinformatiebrief of the site, no
/// deadline, the iBabs history ("21.09.2017 …", dd.mm.yyyy) as timeline.
#[test]
fn item_page_voldaan_with_timeline() {
    let site = build("2020-06-01");
    let page = site.page("/toezeggingen/vgt-toezegging-22/");
    let block = opvolging_block(&page);
    assert_eq!(fact(block, "Stand").as_deref(), Some("Voldaan"));
    assert_eq!(fact(block, "Termijn").as_deref(), Some("zonder termijn"));
    assert_eq!(
        fact(block, "Portefeuillehouder").as_deref(),
        Some("Van de Ven")
    );
    assert_eq!(
        fact(block, "Afgedaan met").as_deref(),
        Some("Raadsinformatiebrief met het besluit over de uitbreiding van Zuiderbos")
    );
    let afgedaan = between(block, "<dt>Afgedaan met</dt>", "</dd>").unwrap();
    assert_eq!(
        attr_values(afgedaan, "href"),
        ["/stukken/vgt-rib-2019-03-19-zuiderbos/"]
    );
    let tl = timeline(block);
    let dates: Vec<&str> = tl.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(
        dates,
        [
            "2017-09-21",
            "2017-11-30",
            "2017-12-06",
            "2018-05-24",
            "2018-10-25",
            "2019-01-09",
            "2019-03-19",
        ]
    );
    assert!(tl[0]
        .1
        .starts_with("21 september 2017 Het college heeft, na locatieonderzoek"));
    assert!(tl[2]
        .1
        .starts_with("6 december 2017 Rib naar raad verstuurd."));
    assert_eq!(
        tl[6].1,
        "19 maart 2019 · Voldaan Rib ontvangen met daarin besluit over uitbreiding van Zuiderbos."
    );

    // The RIB lists what it settles.
    let rib = site.page("/stukken/vgt-rib-2019-03-19-zuiderbos/");
    assert!(item_ids(&rib).contains(&"vgt-toezegging-22".to_string()));
}

/// Ridderkerk 913 (termijn 2020-10-15, "2-4-2020" update) at both dates:
/// 136 days left on 2020-06-01, 2237 days over on 2026-11-30 (see above).
#[test]
fn item_page_open_then_overdue() {
    let site = build("2020-06-01");
    let page = site.page("/toezeggingen/rdk-toezegging-913/");
    let block = opvolging_block(&page);
    assert_eq!(fact(block, "Stand").as_deref(), Some("Openstaand"));
    assert_eq!(
        fact(block, "Termijn").as_deref(),
        Some("15 oktober 2020 (nog 136 dagen)")
    );
    assert_eq!(
        fact(block, "Portefeuillehouder").as_deref(),
        Some("Wethouder Ridderkerk (naam niet in de bron)")
    );
    let tl = timeline(block);
    assert_eq!(tl.len(), 1);
    assert_eq!(tl[0].0, "2020-04-02");
    assert!(tl[0]
        .1
        .starts_with("2 april 2020 · Openstaand De ondergrens kan bepaald worden"));

    let site = build("2026-11-30");
    let page = site.page("/toezeggingen/rdk-toezegging-913/");
    let block = opvolging_block(&page);
    assert_eq!(
        fact(block, "Stand").as_deref(),
        Some("Te laat (status: Openstaand)")
    );
    assert_eq!(
        fact(block, "Termijn").as_deref(),
        Some("15 oktober 2020 (2237 dagen over de termijn op 30 november 2026)")
    );

    // Eerste Kamer T01970: deels voldaan, overdue since 2025-07-01 (517 days).
    let page = site.page("/toezeggingen/ek-t01970/");
    let block = opvolging_block(&page);
    assert_eq!(
        fact(block, "Stand").as_deref(),
        Some("Te laat (status: Deels voldaan)")
    );
    assert_eq!(
        fact(block, "Termijn").as_deref(),
        Some("1 juli 2025 (517 dagen over de termijn op 30 november 2026)")
    );

    // The fictional vervallen item: termijn 2019-12-02 long past, yet no day
    // count and not overdue.
    let page = site.page("/toezeggingen/fictief-toezegging-vervallen/");
    let block = opvolging_block(&page);
    assert_eq!(fact(block, "Stand").as_deref(), Some("Vervallen"));
    assert_eq!(fact(block, "Termijn").as_deref(), Some("2 december 2019"));
    let tl = timeline(block);
    assert_eq!(tl.len(), 1);
    assert_eq!(tl[0].0, "2019-11-04");
    assert!(tl[0].1.contains("· Vervallen FICTIEF"));
}
