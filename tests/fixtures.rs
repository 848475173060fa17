//! End-to-end tests of the `besluitspoor` binary against fixture sites.
//!
//! - `tests/sites/valid/`: one site that uses every kind and every key of the
//!   content format (content-format.md); it must check clean and build into
//!   the pages a citizen expects.
//! - `tests/sites/invalid/<case>/`: one minimal site per mistake, with
//!   `expected.txt` holding the exact `path:line:col:` lines `check` (or, for
//!   `url_collision`, `build`) must print, in order. Every line and column in
//!   those files was counted by hand against the fixture.
//! - `tests/sites/canary/`: geheim items carrying the marker `KANARIE-7f3a`
//!   in title, body, front matter values and attachment name.
//! - The real sites: the repository root (Den Helder) and `examples/middelburg`.
//!
//! The reference date is fixed (`--date`), so "te laat" and meeting status do
//! not depend on the day the tests run.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_besluitspoor");

/// The reference date of every build of the fixture sites.
const DATE: &str = "2026-03-15";

// ---------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("tests").join("sites").join(name)
}

fn invalid_case(name: &str) -> PathBuf {
    fixture("invalid").join(name)
}

fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(BIN)
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the besluitspoor binary runs")
}

fn build_at(root: &Path, out: &Path, date: &str) -> Output {
    run([
        OsStr::new("build"),
        OsStr::new("--quiet"),
        OsStr::new("--root"),
        root.as_os_str(),
        OsStr::new("--output"),
        out.as_os_str(),
        OsStr::new("--date"),
        OsStr::new(date),
    ])
}

fn build(root: &Path, out: &Path) -> Output {
    build_at(root, out, DATE)
}

fn check(root: &Path) -> Output {
    run([
        OsStr::new("check"),
        OsStr::new("--root"),
        root.as_os_str(),
        OsStr::new("--date"),
        OsStr::new(DATE),
    ])
}

fn check_json(root: &Path) -> Output {
    run([
        OsStr::new("check"),
        OsStr::new("--root"),
        root.as_os_str(),
        OsStr::new("--date"),
        OsStr::new(DATE),
        OsStr::new("--format"),
        OsStr::new("json"),
    ])
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// True for a `path:line:col: message` line (errors and warnings).
fn is_diagnostic(line: &str) -> bool {
    let mut parts = line.splitn(4, ':');
    let (Some(path), Some(l), Some(c), Some(rest)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    !path.is_empty()
        && !path.contains(char::is_whitespace)
        && number(l)
        && number(c)
        && rest.starts_with(' ')
}

fn diagnostic_lines(o: &Output) -> Vec<String> {
    stderr(o)
        .lines()
        .filter(|l| is_diagnostic(l))
        .map(str::to_string)
        .collect()
}

fn assert_success(o: &Output, what: &str) {
    assert!(
        o.status.success(),
        "{what} failed with {:?}:\n{}",
        o.status.code(),
        stderr(o)
    );
}

/// Builds the valid fixture into a fresh temporary folder.
fn built_valid() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = build(&fixture("valid"), &out);
    assert_success(&o, "building tests/sites/valid");
    (tmp, out)
}

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

/// Every file under `dir`, by `/`-separated relative path, with its bytes.
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn dir_names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// A content file's page: kind folder and id (`id:` or the file stem), and
/// whether it is `geheim: true`.
struct ContentEntry {
    path: PathBuf,
    folder: String,
    id: String,
    geheim: bool,
}

/// Every Markdown file under `root/content`, outside `bijlagen/` folders.
fn content_entries(root: &Path) -> Vec<ContentEntry> {
    let content = root.join("content");
    let mut out = Vec::new();
    for (rel, bytes) in read_tree(&content) {
        if !rel.ends_with(".md") || rel.split('/').any(|p| p == "bijlagen") {
            continue;
        }
        let text = String::from_utf8(bytes).expect("content files are UTF-8");
        let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let front = text
            .strip_prefix("---\n")
            .and_then(|t| t.split("\n---\n").next())
            .unwrap_or_else(|| panic!("{rel} has front matter"));
        let mut id = None;
        let mut geheim = false;
        for line in front.lines() {
            if let Some(v) = line.strip_prefix("id:") {
                id = Some(v.trim().trim_matches('"').to_string());
            }
            if line.trim() == "geheim: true" {
                geheim = true;
            }
        }
        let stem = rel
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".md")
            .to_string();
        out.push(ContentEntry {
            path: content.join(&rel),
            folder: rel.split('/').next().unwrap().to_string(),
            id: id.unwrap_or(stem),
            geheim,
        });
    }
    out
}

/// Asserts that every public content file of the site has its page.
fn assert_page_per_content_file(root: &Path, out: &Path) -> usize {
    let entries = content_entries(root);
    assert!(!entries.is_empty(), "{} has content", root.display());
    let mut missing = Vec::new();
    let mut public = 0;
    for e in &entries {
        let page = out.join(&e.folder).join(&e.id).join("index.html");
        if e.geheim {
            assert!(!page.exists(), "geheim {} got a page", e.path.display());
            continue;
        }
        public += 1;
        if !page.is_file() {
            missing.push(format!("{} -> {}", e.path.display(), page.display()));
        }
    }
    assert!(
        missing.is_empty(),
        "content files without a page:\n{}",
        missing.join("\n")
    );
    public
}

// ---------------------------------------------------------------------------
// HTML (the output is minified: attribute quotes may be dropped)
// ---------------------------------------------------------------------------

fn read_page(out: &Path, rel: &str) -> String {
    let p = out.join(rel);
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// True when `html` has the attribute `name` with `value`, quoted or not.
fn has_attr(html: &str, name: &str, value: &str) -> bool {
    let quoted = [format!("{name}=\"{value}\""), format!("{name}='{value}'")];
    if quoted.iter().any(|q| html.contains(q.as_str())) {
        return true;
    }
    let bare = format!("{name}={value}");
    html.match_indices(bare.as_str()).any(|(i, _)| {
        let before_ok = i == 0 || html.as_bytes()[i - 1].is_ascii_whitespace();
        let after = html.as_bytes().get(i + bare.len());
        before_ok && matches!(after, Some(b' ' | b'>' | b'\n'))
    })
}

/// The value of the first `attr=` at or after `from`.
fn attr_value_after<'a>(html: &'a str, from: usize, attr: &str) -> Option<(&'a str, usize)> {
    let key = format!("{attr}=");
    let i = html[from..].find(key.as_str())? + from + key.len();
    let rest = &html[i..];
    let (value, len) = match rest.as_bytes().first()? {
        q @ (b'"' | b'\'') => {
            let end = rest[1..].find(*q as char)?;
            (&rest[1..1 + end], end + 2)
        }
        _ => {
            let end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(rest.len());
            (&rest[..end], end)
        }
    };
    Some((value, i + len))
}

/// The part of the page inside `<main …>…</main>`.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page has </main>");
    &html[start..end]
}

/// The hrefs of the card titles in `html`, in order.
fn card_links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find("card__title") {
        let at = from + i;
        let (href, next) = attr_value_after(html, at, "href").expect("card title has a link");
        out.push(href.to_string());
        from = next;
    }
    out
}

/// The `<section>` whose heading has the id `heading_id`.
fn section_of<'a>(html: &'a str, heading_id: &str) -> &'a str {
    let start = html
        .find(&format!("id={heading_id}"))
        .or_else(|| html.find(&format!("id=\"{heading_id}\"")))
        .unwrap_or_else(|| panic!("no heading with id {heading_id}"));
    let end = html[start..].find("</section>").expect("section ends") + start;
    &html[start..end]
}

/// The `datetime` values of the card dates in `html`, in order.
fn card_dates(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find("card__meta") {
        let at = from + i;
        let end = html[at..].find("</p>").map_or(html.len(), |e| at + e);
        if let Some((d, _)) = attr_value_after(&html[..end], at, "datetime") {
            out.push(d.to_string());
        }
        from = end;
    }
    out
}

/// The `<li class=agendapunt id=agendapunt-N>` block of agendapunt `n`.
fn agendapunt<'a>(html: &'a str, n: &str) -> &'a str {
    let id = format!("agendapunt-{n}");
    let start = ["id=", "id=\""]
        .iter()
        .find_map(|p| {
            let needle = format!("{p}{id}");
            html.match_indices(needle.as_str())
                .find(|(i, _)| {
                    let after = html.as_bytes().get(i + needle.len());
                    matches!(after, Some(b'>' | b' ' | b'"'))
                })
                .map(|(i, _)| i)
        })
        .unwrap_or_else(|| panic!("no agendapunt {n} on the page"));
    let end = html[start + 1..]
        .find("class=agendapunt ")
        .or_else(|| html[start + 1..].find("class=\"agendapunt\""))
        .map_or_else(
            || html[start..].find("</ol>").unwrap() + start,
            |e| e + start + 1,
        );
    &html[start..end]
}

/// Text without tags (each tag becomes a space), with collapsed white space
/// and the usual entities decoded, for phrase checks.
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn h1_count(html: &str) -> usize {
    html.matches("<h1>").count() + html.matches("<h1 ").count()
}

// ---------------------------------------------------------------------------
// The valid site
// ---------------------------------------------------------------------------

#[test]
fn valid_site_checks_with_no_errors_and_no_warnings() {
    let o = check(&fixture("valid"));
    assert_success(&o, "check of tests/sites/valid");
    assert_eq!(diagnostic_lines(&o), Vec::<String>::new());

    let j = check_json(&fixture("valid"));
    assert!(j.status.success());
    let doc: serde_json::Value =
        serde_json::from_slice(&j.stdout).expect("check --format json prints JSON");
    assert_eq!(doc["errors"], 0);
    assert_eq!(doc["warnings"], 0);
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(0));
}

#[test]
fn valid_site_has_a_page_for_every_public_item() {
    let (_tmp, out) = built_valid();
    let public = assert_page_per_content_file(&fixture("valid"), &out);
    // 6 organen, 16 personen, 6 fracties, 5 vergaderingen, 7 besluiten
    // (and 1 geheim), 5 moties, 2 amendementen, 5 toezeggingen, 4 vragen,
    // 8 stukken.
    assert_eq!(public, 64);
    // An explicit `id:` names the page, not the file stem or its folder.
    assert!(out.join("stukken/rib-2026-004/index.html").is_file());
    assert!(!out.join("stukken/raadsinformatiebrief-zuiderbos").exists());
    assert!(!out
        .join("stukken/2026/raadsinformatiebrief-zuiderbos")
        .exists());
    // A file in a deeper folder still lives at /<kind>/<id>/.
    assert!(out
        .join("besluiten/raad-2026-01-29-woonvisie/index.html")
        .is_file());
    // The geheim besluit has no page.
    assert!(!out
        .join("besluiten/college-2026-02-10-grondaankoop")
        .exists());
}

#[test]
fn meeting_page_lists_each_agendapunt_with_besluit_uitslag_and_roll_call() {
    let (_tmp, out) = built_valid();
    let html = read_page(&out, "vergaderingen/raad-2026-01-29/index.html");
    let text = text_of(&html);
    assert!(text.contains("Raadsvergadering 29 januari 2026"), "{text}");
    assert!(
        text.contains("donderdag 29 januari 2026 , 19:30–23:05 uur, Raadzaal, stadhuis Dijkstad"),
        "{text}"
    );

    // Agendapunten in the written order, each once.
    let order: Vec<usize> = ["1", "5", "6", "7", "8", "9"]
        .iter()
        .map(|n| html.find(agendapunt(&html, n)).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "agenda out of order");

    let ap1 = text_of(agendapunt(&html, "1"));
    assert!(ap1.contains("Opening en mededelingen"));
    assert!(ap1.contains("Bericht van verhindering is ontvangen van drie raadsleden."));

    // 5: besluit with uitslag, counts, fractie table and the roll call.
    let ap5 = agendapunt(&html, "5");
    assert!(has_attr(
        ap5,
        "href",
        "/besluiten/raad-2026-01-29-woonvisie/"
    ));
    assert!(
        !has_attr(ap5, "href", "/besluiten/raad-2026-01-29-wmo-verordening/"),
        "agendapunt 6 is not inside 5"
    );
    assert!(
        !has_attr(ap5, "href", "/besluiten/raad-2026-01-29-woonvisie"),
        "has_attr matches whole values only"
    );
    assert!(has_attr(
        ap5,
        "href",
        "/stukken/raadsvoorstel-2026-004-woonvisie/"
    ));
    let t5 = text_of(ap5);
    assert!(
        t5.contains("Besluit: Vaststellen Woonvisie Dijkstad 2026-2030 : Geamendeerd aangenomen"),
        "{t5}"
    );
    assert!(t5.contains("Stemming: 5 voor, 3 tegen."), "{t5}");
    assert!(
        t5.contains("Voor Lokaal Belang Dijkstad , VVD , CDA"),
        "{t5}"
    );
    assert!(t5.contains("Tegen GroenLinks-PvdA"), "{t5}");
    assert!(t5.contains("Verdeeld D66"), "{t5}");
    assert!(t5.contains("Hoofdelijke stemming"), "{t5}");
    assert!(
        t5.contains("Voor (5) A. Jansen , M. de Groot , P. Mulder , H. Meijer , T. Kok Tegen (3) L. Bos , K. Smit , F. de Jong"),
        "roll call of agendapunt 5: {t5}"
    );
    for p in [
        "jansen", "de-groot", "mulder", "meijer", "kok", "bos", "smit", "de-jong",
    ] {
        assert!(
            has_attr(ap5, "href", &format!("/personen/{p}/")),
            "roll call links {p}"
        );
    }
    // The amendementen and the motie of agendapunt 5, with their outcome.
    assert!(
        t5.contains("Amendement A5.1 Sociale huur in alle kernen : Aangenomen"),
        "{t5}"
    );
    assert!(
        t5.contains("Amendement A5.2 Geen nieuwbouw in het buitengebied : Verworpen"),
        "{t5}"
    );
    assert!(
        t5.contains("Motie Speelvoorzieningen in nieuwbouwwijken : Aangenomen"),
        "{t5}"
    );
    assert!(t5.contains("Stemming: 7 voor, 1 tegen."), "{t5}");

    let t6 = text_of(agendapunt(&html, "6"));
    assert!(t6.contains("Hamerstuk"), "{t6}");
    assert!(
        t6.contains("Verordening maatschappelijke ondersteuning Dijkstad 2026 : Conform besloten"),
        "{t6}"
    );
    assert!(!t6.contains("Stemming:"), "a hamerstuk has no vote: {t6}");

    let t7 = text_of(agendapunt(&html, "7"));
    assert!(
        !t7.contains("Hamerstuk"),
        "`hamerstuk: false` shows no badge: {t7}"
    );
    assert!(
        t7.contains("Aanbevelingen rapport \"Armoedebeleid in beeld\" : Unaniem aangenomen"),
        "{t7}"
    );

    let t8 = text_of(agendapunt(&html, "8"));
    assert!(
        t8.contains("Motie van treurnis openbaar maken vertrouwelijk stuk : Verworpen"),
        "{t8}"
    );
    assert!(t8.contains("Stemming: 2 voor, 6 tegen."), "{t8}");
    assert!(
        t8.contains("Motie van afkeuring communicatie sluiting sporthal : Ingetrokken"),
        "{t8}"
    );
    assert!(
        t8.contains(
            "Motie Geactualiseerd overzicht mogelijkheden extra inkomsten : Unaniem aangenomen"
        ),
        "{t8}"
    );
    // The tie: no uitslag yet, and the page says the votes tied.
    assert!(
        t8.contains("Stemming: 2 voor, 2 tegen (de stemmen staakten)."),
        "{t8}"
    );

    // Items of the meeting without an agendapunt are still listed.
    assert!(has_attr(
        &html,
        "href",
        "/toezeggingen/toezegging-2026-01-29-onderzoeksjournalistiek/"
    ));
    // The body is the meeting's notes.
    assert!(text.contains("De voorzitter sluit de vergadering om 23.05 uur."));
}

#[test]
fn meeting_without_titel_is_named_after_orgaan_and_date_and_status_is_derived() {
    let (_tmp, out) = built_valid();
    let commissie = read_page(&out, "vergaderingen/commissie-ruimte-2026-01-13/index.html");
    assert!(
        commissie.contains("<h1>Commissie Ruimte 13 januari 2026</h1>"),
        "{commissie}"
    );
    // Before the reference date and no `status`: gehouden.
    assert!(text_of(&commissie).contains("Gehouden"));
    // A toezegging made in the commissie shows on its page.
    assert!(has_attr(
        &commissie,
        "href",
        "/toezeggingen/toezegging-2026-01-13-verkeersveiligheid/"
    ));

    // After the reference date and no `status`: gepland.
    let april = text_of(&read_page(&out, "vergaderingen/raad-2026-04-09/index.html"));
    assert!(april.contains("Gepland"), "{april}");
    assert!(!april.contains("Gehouden"), "{april}");
    let presidium = text_of(&read_page(
        &out,
        "vergaderingen/presidium-2026-02-02/index.html",
    ));
    assert!(presidium.contains("Geannuleerd"), "{presidium}");
}

#[test]
fn persoon_page_lists_the_toezeggingen_they_made() {
    let (_tmp, out) = built_valid();
    let section = |html: &str, titel: &str| -> Vec<String> {
        let start = html
            .find(&format!("<h2>{titel}</h2>"))
            .unwrap_or_else(|| panic!("no section {titel}"));
        let end = html[start..].find("</section>").unwrap() + start;
        card_links(&html[start..end])
    };
    let visser = read_page(&out, "personen/visser/index.html");
    assert_eq!(
        section(&visser, "Toezeggingen"),
        [
            "/toezeggingen/toezegging-2026-01-13-verkeersveiligheid/",
            "/toezeggingen/toezegging-2025-10-09-uitbreiding-zuiderbos/",
        ]
    );
    let dekker = read_page(&out, "personen/dekker/index.html");
    assert_eq!(
        section(&dekker, "Toezeggingen"),
        [
            "/toezeggingen/toezegging-2025-11-06-algemene-reserve/",
            "/toezeggingen/toezegging-2025-11-06-belastingverordeningen/",
        ]
    );
    let hoekstra = read_page(&out, "personen/hoekstra/index.html");
    assert_eq!(
        section(&hoekstra, "Toezeggingen"),
        ["/toezeggingen/toezegging-2026-01-29-onderzoeksjournalistiek/"]
    );
    // Persoon keys: functie, fractie, portefeuilles, van, tot.
    let t = text_of(&visser);
    assert!(t.contains("Wethouder"), "{t}");
    assert!(t.contains("Fractie VVD"), "{t}");
    assert!(
        t.contains("Portefeuilles Ruimtelijke ordening, Wonen, Verkeer en vervoer"),
        "{t}"
    );
    assert!(t.contains("In functie sinds 2 juni 2022"), "{t}");
    let van_dijk = text_of(&read_page(&out, "personen/van-dijk/index.html"));
    assert!(
        van_dijk.contains("In functie tot 31 december 2025"),
        "{van_dijk}"
    );
    for (id, functie) in [
        ("hoekstra", "Burgemeester"),
        ("jansen", "Raadslid"),
        ("brouwer", "Burgerlid"),
        ("de-wit", "Griffier"),
        ("peters", "Gemeentesecretaris"),
        ("schouten", "Overig"),
    ] {
        let t = text_of(&read_page(&out, &format!("personen/{id}/index.html")));
        assert!(t.contains(functie), "{id} is {functie}: {t}");
    }
}

#[test]
fn persoon_page_section_besluiten_holds_only_besluiten() {
    // Visser is portefeuillehouder of two besluiten and of two schriftelijke
    // vragen; the section titled "Besluiten als portefeuillehouder" must list
    // the besluiten only, and the vragen must still be on the page.
    let (_tmp, out) = built_valid();
    let html = read_page(&out, "personen/visser/index.html");
    let start = html
        .find("<h2>Besluiten als portefeuillehouder</h2>")
        .expect("section Besluiten als portefeuillehouder");
    let end = html[start..].find("</section>").unwrap() + start;
    assert_eq!(
        card_links(&html[start..end]),
        [
            "/besluiten/college-2026-02-10-terrasboot/",
            "/besluiten/raad-2026-01-29-woonvisie/",
        ]
    );
    for vraag in [
        "/vragen/vragen-2026-01-05-parkeeroverlast/",
        "/vragen/vragen-2025-12-01-bezoekersregeling/",
    ] {
        assert!(has_attr(&html, "href", vraag), "{vraag} is on the page");
    }
}

#[test]
fn list_pages_are_newest_first_and_paginated() {
    let (_tmp, out) = built_valid();
    // paginate = 2. Besluiten by datum, newest first; equal dates by id.
    let expected = [
        vec![
            "/besluiten/burgemeester-2026-02-20-veiligheidsrisicogebied/",
            "/besluiten/college-2026-02-10-sportaccommodaties/",
        ],
        vec![
            "/besluiten/college-2026-02-10-terrasboot/",
            "/besluiten/college-2026-02-10-veiligheidsregio/",
        ],
        vec![
            "/besluiten/raad-2026-01-29-rekenkamer/",
            "/besluiten/raad-2026-01-29-wmo-verordening/",
        ],
        vec!["/besluiten/raad-2026-01-29-woonvisie/"],
    ];
    for (n, want) in expected.iter().enumerate() {
        let rel = if n == 0 {
            "besluiten/index.html".to_string()
        } else {
            format!("besluiten/pagina/{}/index.html", n + 1)
        };
        let html = read_page(&out, &rel);
        assert_eq!(card_links(main_of(&html)), *want, "{rel}");
        assert!(
            text_of(&html).contains(&format!("pagina {} van 4", n + 1)),
            "{rel}"
        );
        assert!(
            text_of(&html).contains("7 in totaal, nieuwste eerst"),
            "{rel}"
        );
        if n + 1 < expected.len() {
            assert!(
                has_attr(&html, "href", &format!("/besluiten/pagina/{}/", n + 2)),
                "{rel} links on"
            );
        }
        if n > 0 {
            let prev = if n == 1 {
                "/besluiten/".to_string()
            } else {
                format!("/besluiten/pagina/{n}/")
            };
            assert!(has_attr(&html, "href", &prev), "{rel} links back to {prev}");
        }
    }
    assert!(!out.join("besluiten/pagina/5").exists());
    assert!(
        !out.join("besluiten/pagina/1").exists(),
        "page 1 is /besluiten/"
    );

    // Every dated list: all items once, at most 2 per page, dates never rising.
    let kinds = [
        ("vergaderingen", 5),
        ("besluiten", 7),
        ("moties", 5),
        ("amendementen", 2),
        ("toezeggingen", 5),
        ("vragen", 4),
        ("stukken", 8),
    ];
    for (folder, count) in kinds {
        let mut links = Vec::new();
        let mut dates = Vec::new();
        let pages = usize::div_ceil(count, 2);
        for n in 1..=pages {
            let rel = if n == 1 {
                format!("{folder}/index.html")
            } else {
                format!("{folder}/pagina/{n}/index.html")
            };
            let html = read_page(&out, &rel);
            let l = card_links(main_of(&html));
            assert!(!l.is_empty() && l.len() <= 2, "{rel} has {} cards", l.len());
            links.extend(l);
            dates.extend(card_dates(main_of(&html)));
        }
        assert!(
            !out.join(format!("{folder}/pagina/{}", pages + 1)).exists(),
            "{folder}: too many pages"
        );
        assert_eq!(links.len(), count, "{folder}: {links:?}");
        assert_eq!(
            links.iter().collect::<BTreeSet<_>>().len(),
            count,
            "{folder} repeats an item"
        );
        assert_eq!(dates.len(), count, "{folder}: every card has a date");
        assert!(
            dates.windows(2).all(|w| w[0] >= w[1]),
            "{folder} not newest first: {dates:?}"
        );
    }
    let vergaderingen = card_links(main_of(&read_page(&out, "vergaderingen/index.html")));
    assert_eq!(
        vergaderingen,
        [
            "/vergaderingen/raad-2026-04-09/",
            "/vergaderingen/college-2026-02-10/"
        ]
    );
}

#[test]
fn opvolging_page_counts_each_status_at_the_reference_date() {
    let (_tmp, out) = built_valid();
    let html = read_page(&out, "opvolging/index.html");
    let text = text_of(&html);
    // Rows at 2026-03-15 (13): besluiten woonvisie (deels-voldaan, termijn
    // 2026-12-31) and rekenkamer (voldaan); moties speelvoorzieningen
    // (openstaand, termijn 2026-03-01: te laat) and extra-inkomsten (voldaan);
    // toezeggingen algemene-reserve (openstaand, 2026-03-01: te laat),
    // onderzoeksjournalistiek (openstaand, "voor het reces"),
    // verkeersveiligheid (deels-voldaan, 2026-09-30), uitbreiding-zuiderbos
    // (voldaan), belastingverordeningen (vervallen); vragen parkeeroverlast
    // and bezoekersregeling (answered), betaald-parkeren (ingediend
    // 2026-01-20 + 30 = 2026-02-19: te laat), zwembad (uitstel tot 2026-04-01).
    assert!(text.contains("Aantal per stand (13 in totaal)"), "{text}");
    assert!(
        text.contains("Te laat Openstaand Deels voldaan Voldaan Vervallen 3 2 2 5 1"),
        "counts per stand: {text}"
    );
    // The lists under the counts: open and not late = openstaand + deels
    // voldaan; afgedaan = voldaan + vervallen.
    assert_eq!(card_links(section_of(&html, "open-kop")).len(), 4);
    assert_eq!(card_links(section_of(&html, "afgedaan-kop")).len(), 6);
    // Most overdue first: betaald-parkeren (24 days), then the two of 2026-03-01 by id.
    assert_eq!(
        card_links(section_of(&html, "te-laat-kop")),
        [
            "/vragen/vragen-2026-01-20-betaald-parkeren/",
            "/moties/motie-2026-01-29-speelvoorzieningen/",
            "/toezeggingen/toezegging-2025-11-06-algemene-reserve/",
        ]
    );
    // The filtered views exist and count their own rows.
    let vragen = text_of(&read_page(&out, "opvolging/soort/vragen/index.html"));
    assert!(
        vragen.contains("Aantal per stand (4 in totaal)"),
        "{vragen}"
    );
    assert!(
        vragen.contains("Vervallen 1 1 0 2 0"),
        "vragen: 1 te laat, 1 open, 2 answered: {vragen}"
    );
    let visser = text_of(&read_page(
        &out,
        "opvolging/portefeuillehouder/visser/index.html",
    ));
    // woonvisie, speelvoorzieningen, verkeersveiligheid, uitbreiding-zuiderbos
    // (gedaan_door), parkeeroverlast, bezoekersregeling.
    assert!(
        visser.contains("Aantal per stand (6 in totaal)"),
        "{visser}"
    );
}

#[test]
fn every_page_is_dutch_with_one_h1_and_a_skip_link() {
    let (_tmp, out) = built_valid();
    let mut pages = 0;
    for (rel, bytes) in read_tree(&out) {
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel} is UTF-8"));
        assert!(
            html.to_ascii_lowercase().starts_with("<!doctype html>"),
            "{rel}: doctype"
        );
        let tag_end = html.find("<html").map(|i| i + html[i..].find('>').unwrap());
        let html_tag = &html[html.find("<html").expect("<html>")..=tag_end.unwrap()];
        assert!(has_attr(html_tag, "lang", "nl"), "{rel}: {html_tag}");
        assert_eq!(h1_count(&html), 1, "{rel} must have exactly one <h1>");
        let skip = html
            .find("Direct naar de inhoud")
            .unwrap_or_else(|| panic!("{rel}: skip link"));
        assert!(
            html.find("<main").unwrap() > skip,
            "{rel}: the skip link comes before <main>"
        );
        assert!(
            has_attr(&html, "href", "#inhoud"),
            "{rel}: skip link target"
        );
        assert!(
            has_attr(&html, "id", "inhoud"),
            "{rel}: skip link lands on an element"
        );
    }
    assert!(pages >= 100, "only {pages} pages");
}

#[test]
fn attachments_are_copied_byte_for_byte_and_linked_with_type_and_size() {
    let (_tmp, out) = built_valid();
    let content = fixture("valid").join("content");
    for (src, dst, size) in [
        (
            "bijlagen/woonvisie-dijkstad-2026-2030.pdf",
            "bijlagen/woonvisie-dijkstad-2026-2030.pdf",
            3562,
        ),
        (
            "bijlagen/raadsbesluit-2026-004-woonvisie.pdf",
            "bijlagen/raadsbesluit-2026-004-woonvisie.pdf",
            612,
        ),
        (
            "stukken/2026/bijlagen/locatieonderzoek-zuiderbos.pdf",
            "stukken/2026/bijlagen/locatieonderzoek-zuiderbos.pdf",
            619,
        ),
    ] {
        let original = fs::read(content.join(src)).unwrap();
        assert_eq!(original.len(), size, "fixture {src} changed size");
        assert_eq!(
            fs::read(out.join(dst)).unwrap(),
            original,
            "{dst} is a byte-for-byte copy"
        );
    }
    // Linked from the item with title, type and size (Dutch notation).
    let rv = read_page(&out, "stukken/raadsvoorstel-2026-004-woonvisie/index.html");
    assert!(has_attr(
        &rv,
        "href",
        "/bijlagen/woonvisie-dijkstad-2026-2030.pdf"
    ));
    assert!(
        text_of(&rv).contains("Woonvisie Dijkstad 2026-2030 (PDF, 4 kB)"),
        "{}",
        text_of(&rv)
    );
    let besluit = read_page(&out, "besluiten/raad-2026-01-29-woonvisie/index.html");
    assert!(has_attr(
        &besluit,
        "href",
        "/bijlagen/raadsbesluit-2026-004-woonvisie.pdf"
    ));
    assert!(text_of(&besluit)
        .contains("Raadsbesluit Woonvisie Dijkstad 2026-2030 (ondertekend) (PDF, 612 bytes)"));
    let rib = read_page(&out, "stukken/rib-2026-004/index.html");
    assert!(has_attr(
        &rib,
        "href",
        "/stukken/2026/bijlagen/locatieonderzoek-zuiderbos.pdf"
    ));
    assert!(text_of(&rib).contains("Locatieonderzoek uitbreiding Zuiderbos (PDF, 619 bytes)"));
    // The geheim besluit's attachment is not copied.
    let copied: Vec<String> = read_tree(&out)
        .into_keys()
        .filter(|p| p.ends_with(".pdf"))
        .collect();
    assert_eq!(copied.len(), 3, "{copied:?}");
}

#[test]
fn geheim_item_of_the_valid_site_leaves_no_trace() {
    let (_tmp, out) = built_valid();
    for (rel, bytes) in read_tree(&out) {
        assert!(
            !rel.contains("GEHEIM-VALID-91c2") && !rel.contains("grondaankoop"),
            "{rel}"
        );
        assert!(
            !bytes
                .windows(b"GEHEIM-VALID-91c2".len())
                .any(|w| w == b"GEHEIM-VALID-91c2"),
            "{rel} contains the geheim marker"
        );
        assert!(
            !bytes
                .windows(b"grondaankoop".len())
                .any(|w| w == b"grondaankoop"),
            "{rel} contains the geheim item's id"
        );
    }
    // Not counted either: 3 college besluiten in the public list of that meeting.
    let college = read_page(&out, "vergaderingen/college-2026-02-10/index.html");
    assert_eq!(
        card_links(main_of(&college)).len(),
        0,
        "every college besluit sits on the agenda"
    );
    assert_eq!(text_of(main_of(&college)).matches("Besluit:").count(), 3);
}

#[test]
fn item_pages_show_their_keys() {
    let (_tmp, out) = built_valid();
    let t = |rel: &str| text_of(main_of(&read_page(&out, &format!("{rel}/index.html"))));

    let b = t("besluiten/raad-2026-01-29-woonvisie");
    for want in [
        "Uitslag: Geamendeerd aangenomen",
        "Orgaan Gemeenteraad",
        "Vergadering Raadsvergadering 29 januari 2026, agendapunt 5",
        "Portefeuillehouder S. Visser",
        "Woo-informatiecategorie 2b",
        "Gemeenteblad gmb-2026-41872",
        "Stemming: 5 voor, 3 tegen.",
        "Stand Deels voldaan",
        "Termijn 31 december 2026 (nog 291 dagen)",
        "17 februari 2026 · Openstaand Het college stelt een uitvoeringsagenda op",
        "3 maart 2026 · Deels voldaan De uitvoeringsagenda 2026",
        "Onderwerpen: wonen, woningbouw, volkshuisvesting",
        "Gepubliceerd op 2 februari 2026",
        "Bron: oorspronkelijke publicatie",
        // Amendementen on the besluit, stukken reporting on it, related items.
        "Amendementen Amendement · 29 januari 2026 Amendement A5.2",
        "Stukken die hierover berichten",
        "Gerelateerd",
    ] {
        assert!(b.contains(want), "besluit page lacks {want:?}: {b}");
    }
    let html = read_page(&out, "besluiten/raad-2026-01-29-woonvisie/index.html");
    assert!(has_attr(
        &html,
        "href",
        "https://dijkstad.example.nl/raadsbesluiten/2026-004"
    ));
    assert!(has_attr(
        &html,
        "href",
        "/vergaderingen/raad-2026-01-29/#agendapunt-5"
    ));
    assert!(has_attr(
        &html,
        "href",
        "/toezeggingen/toezegging-2025-10-09-uitbreiding-zuiderbos/"
    ));

    let burgemeester = t("besluiten/burgemeester-2026-02-20-veiligheidsrisicogebied");
    assert!(
        burgemeester.contains("Orgaan Burgemeester"),
        "{burgemeester}"
    );
    assert!(
        !burgemeester.contains("Vergadering"),
        "a mandaatbesluit has no vergadering"
    );
    assert!(t("besluiten/college-2026-02-10-terrasboot").contains("Uitslag: Gewijzigd besloten"));
    assert!(t("besluiten/college-2026-02-10-veiligheidsregio").contains("Uitslag: Kennisgenomen"));

    let motie = t("moties/motie-2026-01-29-extra-inkomsten");
    assert!(motie.contains("Indieners D66 , M. de Groot"), "{motie}");
    assert!(motie.contains("Stand Voldaan"), "{motie}");
    let motie_html = read_page(&out, "moties/motie-2026-01-29-extra-inkomsten/index.html");
    assert!(has_attr(
        &motie_html,
        "href",
        "https://dijkstad.example.nl/raadsinformatiebrieven/2026-011"
    ));
    for (id, label) in [
        ("motie-2026-01-29-speelvoorzieningen", "Soort motie Motie"),
        (
            "motie-2026-01-29-zwembad",
            "Soort motie Motie vreemd aan de orde van de dag",
        ),
        (
            "motie-2026-01-29-treurnis",
            "Soort motie Motie van treurnis",
        ),
        (
            "motie-2026-01-29-afkeuring",
            "Soort motie Motie van afkeuring",
        ),
    ] {
        assert!(t(&format!("moties/{id}")).contains(label), "{id}: {label}");
    }
    let zwembad = t("moties/motie-2026-01-29-zwembad");
    assert!(
        !zwembad.contains("Uitslag:"),
        "an undecided motie has no uitslag: {zwembad}"
    );
    assert!(t("moties/motie-2026-01-29-speelvoorzieningen")
        .contains("Stand Te laat (status: Openstaand)"));

    let a1 = t("amendementen/amendement-2026-01-29-a5-1");
    assert!(
        a1.contains("Wijzigt Raadsvoorstel Woonvisie Dijkstad 2026-2030"),
        "{a1}"
    );
    assert!(a1.contains("Indieners GroenLinks-PvdA , D66"), "{a1}");
    let a2 = t("amendementen/amendement-2026-01-29-a5-2");
    assert!(
        a2.contains("Wijzigt Vaststellen Woonvisie Dijkstad 2026-2030"),
        "{a2}"
    );
    assert!(a2.contains("Indieners P. Mulder"), "{a2}");

    let zuiderbos = t("toezeggingen/toezegging-2025-10-09-uitbreiding-zuiderbos");
    assert!(
        zuiderbos.contains("Toegezegd door S. Visser"),
        "{zuiderbos}"
    );
    assert!(zuiderbos.contains("Aan Gemeenteraad"), "{zuiderbos}");
    assert!(
        zuiderbos.contains(
            "Afgedaan met Raadsinformatiebrief locatie uitbreiding basisschool Zuiderbos"
        ),
        "{zuiderbos}"
    );
    let zuiderbos_html = read_page(
        &out,
        "toezeggingen/toezegging-2025-10-09-uitbreiding-zuiderbos/index.html",
    );
    assert!(has_attr(&zuiderbos_html, "href", "/stukken/rib-2026-004/"));
    assert!(
        t("toezeggingen/toezegging-2026-01-29-onderzoeksjournalistiek")
            .contains("Termijn voor het reces")
    );
    assert!(
        t("toezeggingen/toezegging-2025-11-06-belastingverordeningen").contains("Stand Vervallen")
    );
    let reserve = t("toezeggingen/toezegging-2025-11-06-algemene-reserve");
    assert!(
        reserve.contains("Termijn 1 maart 2026 (14 dagen over de termijn op 15 maart 2026)"),
        "{reserve}"
    );
    let verkeer = t("toezeggingen/toezegging-2026-01-13-verkeersveiligheid");
    assert!(
        verkeer.contains("Vergadering Commissie Ruimte 13 januari 2026"),
        "{verkeer}"
    );
    assert!(verkeer.contains("Aan Commissie Ruimte"), "{verkeer}");

    let rib = t("stukken/rib-2026-004");
    for want in [
        "Soort Raadsinformatiebrief",
        "Van College van burgemeester en wethouders",
        "Aan Gemeenteraad",
        "Kenmerk RIB 2026-004",
        "Bericht over Voortgang uitbreiding basisschool Zuiderbos",
        "Hiermee afgedaan",
        "Geagendeerd in",
    ] {
        assert!(rib.contains(want), "rib lacks {want:?}: {rib}");
    }
    let ingekomen = t("stukken/ingekomen-2026-01-15-wijkraad-centrum");
    assert!(
        ingekomen.contains("Soort Ingekomen stuk Van Wijkraad Centrum Dijkstad Aan Gemeenteraad"),
        "{ingekomen}"
    );
    let rapport_html = read_page(&out, "stukken/rapport-rkc-2026-armoedebeleid/index.html");
    assert!(
        has_attr(&rapport_html, "href", "/organen/rekenkamercommissie/"),
        "van as an orgaan id links to it"
    );
    for (id, soort) in [
        ("raadsvoorstel-2026-005-wmo", "Soort Raadsvoorstel"),
        ("rapport-rkc-2026-armoedebeleid", "Soort Rapport"),
        ("notulen-raad-2026-01-29", "Soort Notulen"),
        ("jaarplanning-2026", "Soort Stuk"),
    ] {
        assert!(t(&format!("stukken/{id}")).contains(soort), "{id}: {soort}");
    }
    assert!(t("stukken/notulen-raad-2026-01-29").contains("Van Griffie gemeente Dijkstad"));

    let fractie = t("fracties/groenlinks-pvda");
    assert!(fractie.contains("Afkorting GL-PvdA"), "{fractie}");
    assert!(fractie.contains("Zetels 2"), "{fractie}");
    assert!(fractie.contains("Leden L. Bos , K. Smit"), "{fractie}");
    // The orgaan page shows its soort above its naam.
    for (id, soort_and_naam) in [
        (
            "college",
            "College van B&W College van burgemeester en wethouders",
        ),
        ("gemeenteraad", "Gemeenteraad Gemeenteraad"),
        ("commissie-ruimte", "Commissie Commissie Ruimte"),
        ("burgemeester", "Burgemeester Burgemeester"),
        ("presidium", "Presidium Presidium"),
        ("rekenkamercommissie", "Overig Rekenkamercommissie Dijkstad"),
    ] {
        assert!(
            t(&format!("organen/{id}")).starts_with(soort_and_naam),
            "orgaan {id}: {soort_and_naam}"
        );
    }
    assert!(t("organen/college").contains("Afkorting B&W"));
}

#[test]
fn vragen_show_answer_term_lateness_and_delay() {
    let (_tmp, out) = built_valid();
    let t = |id: &str| {
        text_of(main_of(&read_page(
            &out,
            &format!("vragen/{id}/index.html"),
        )))
    };
    // Answered in time: 2026-01-05 → 2026-01-29 is 24 days, term 30.
    let op_tijd = t("vragen-2026-01-05-parkeeroverlast");
    assert!(
        op_tijd.contains("Ingediend 5 januari 2026"),
        "ingediend defaults to datum: {op_tijd}"
    );
    assert!(op_tijd.contains("Beantwoord 29 januari 2026"), "{op_tijd}");
    assert!(op_tijd.contains("Termijn 4 februari 2026"), "{op_tijd}");
    assert!(op_tijd.contains("Beantwoord na 24 dagen"), "{op_tijd}");
    assert!(!op_tijd.contains("(na de termijn)"), "{op_tijd}");
    // Answered late: 2025-12-01 → 2026-01-20 is 50 days.
    let laat = t("vragen-2025-12-01-bezoekersregeling");
    assert!(laat.contains("Termijn 31 december 2025"), "{laat}");
    assert!(
        laat.contains("Beantwoord na 50 dagen (na de termijn)"),
        "{laat}"
    );
    // Unanswered and overdue: term 2026-02-19, 24 days before 2026-03-15.
    let te_laat = t("vragen-2026-01-20-betaald-parkeren");
    assert!(
        te_laat.contains("Ingediend 20 januari 2026"),
        "ingediend differs from datum: {te_laat}"
    );
    assert!(te_laat.contains("Beantwoord nog niet"), "{te_laat}");
    assert!(te_laat.contains("Stand Te laat"), "{te_laat}");
    assert!(
        te_laat.contains("Termijn 19 februari 2026 (24 dagen over de termijn op 15 maart 2026)"),
        "{te_laat}"
    );
    // Delayed: the term is uitstel_tot, so not overdue.
    let uitstel = t("vragen-2026-02-02-zwembad");
    assert!(uitstel.contains("Uitstel tot 1 april 2026"), "{uitstel}");
    assert!(uitstel.contains("Stand Openstaand"), "{uitstel}");
    assert!(
        uitstel.contains("Termijn 1 april 2026 (nog 17 dagen)"),
        "{uitstel}"
    );
}

#[test]
fn building_twice_gives_identical_output() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    assert_success(&build(&fixture("valid"), &a), "first build");
    assert_success(&build(&fixture("valid"), &b), "second build");
    let ta = read_tree(&a);
    let tb = read_tree(&b);
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "same file list"
    );
    for (path, bytes) in &ta {
        assert!(tb[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn failed_build_leaves_the_previous_output_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    copy_dir(&fixture("valid"), &site);
    assert_success(&build(&site, &out), "first build");
    let before = read_tree(&out);
    let names_before = dir_names(tmp.path());

    // A content mistake: found while loading.
    let file = site.join("content/stukken/jaarplanning-2026.md");
    let good = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        good.replace("datum: 2025-11-24", "datum: 24-11-2025"),
    )
    .unwrap();
    let o = build(&site, &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        diagnostic_lines(&o),
        ["content/stukken/jaarplanning-2026.md:3:8: `datum` must be a date written YYYY-MM-DD, found `24-11-2025`"]
    );
    assert!(
        read_tree(&out) == before,
        "output changed after a failed build"
    );
    assert_eq!(
        dir_names(tmp.path()),
        names_before,
        "no staging folder left behind"
    );
    fs::write(&file, good).unwrap();

    // A theme mistake: found while rendering, after the content passed.
    let templates = site.join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("item.html"),
        "{% extends \"base.html\" %}{% block content %}{{ item.card.titel }\n",
    )
    .unwrap();
    let o = build(&site, &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        !diagnostic_lines(&o).is_empty(),
        "the template error is reported: {}",
        stderr(&o)
    );
    assert!(
        read_tree(&out) == before,
        "output changed after a failed render"
    );
    assert_eq!(
        dir_names(tmp.path()),
        names_before,
        "no staging folder left behind"
    );
}

fn assert_output_refused(output_of: impl Fn(&Path) -> PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("valid"), &site);
    let before = read_tree(&site);
    let names_before = dir_names(tmp.path());
    let target = output_of(&site);
    let o = build(&site, &target);
    assert!(
        !o.status.success(),
        "building into {} must be refused",
        target.display()
    );
    assert!(stderr(&o).contains("refusing"), "{}", stderr(&o));
    assert!(read_tree(&site) == before, "the site was changed");
    assert_eq!(
        dir_names(tmp.path()),
        names_before,
        "nothing was written beside the site"
    );
}

#[test]
fn output_equal_to_the_site_root_is_refused() {
    assert_output_refused(|site| site.to_path_buf());
}

#[test]
fn output_equal_to_the_content_folder_is_refused() {
    assert_output_refused(|site| site.join("content"));
}

#[test]
fn an_id_named_pagina_does_not_collide_with_list_pages() {
    // With `paginate = 1`, list page 2 is /besluiten/pagina/2/ while a
    // besluit with id `pagina` lives at /besluiten/pagina/: two URLs.
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let besluiten = site.join("content/besluiten");
    fs::create_dir_all(&besluiten).unwrap();
    fs::create_dir_all(site.join("content/organen")).unwrap();
    fs::write(
        site.join("site.toml"),
        "title = \"Besluiten Dijkstad\"\nbase_url = \"https://besluiten.dijkstad.example.nl\"\nmunicipality = \"Dijkstad\"\npaginate = 1\n",
    )
    .unwrap();
    fs::write(
        site.join("content/organen/college.md"),
        "---\nnaam: College van B&W\nsoort: college\n---\n",
    )
    .unwrap();
    fs::write(
        besluiten.join("pagina.md"),
        "---\ntitel: Paginering van de Gemeentepagina\ndatum: 2026-01-02\norgaan: college\n---\n",
    )
    .unwrap();
    fs::write(
        besluiten.join("college-2026-01-01.md"),
        "---\ntitel: Eerste besluit\ndatum: 2026-01-01\norgaan: college\n---\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    assert_success(&build(&site, &out), "build");
    assert!(read_page(&out, "besluiten/pagina/index.html")
        .contains("<h1>Paginering van de Gemeentepagina</h1>"));
    let page2 = read_page(&out, "besluiten/pagina/2/index.html");
    assert_eq!(
        card_links(main_of(&page2)),
        ["/besluiten/college-2026-01-01/"]
    );
    assert_eq!(
        card_links(main_of(&read_page(&out, "besluiten/index.html"))),
        ["/besluiten/pagina/"]
    );
}

// ---------------------------------------------------------------------------
// Invalid sites: one mistake each, exact diagnostics
// ---------------------------------------------------------------------------

/// Every case folder, so a new folder cannot go untested.
const CHECK_CASES: &[&str] = &[
    "bad_date",
    "bad_date_in_referenced_item",
    "crlf_and_bom",
    "duplicate_id",
    "empty_required_key",
    "geheim_not_bool",
    "invalid_utf8",
    "missing_reference",
    "missing_required_key",
    "public_references_geheim",
    "reference_to_wrong_kind",
    "roll_call_contradicts_counts",
    "unclosed_front_matter",
    "unknown_enum_value",
    "unknown_key",
    "unknown_theme",
    "voldaan_without_afgedaan_met",
    "wrong_extension",
    "wrong_type",
    "yaml_anchor_alias",
    "yaml_error_in_referenced_item",
];
const BUILD_CASES: &[&str] = &[
    "template_syntax_error",
    "template_unknown_variable",
    "template_unknown_variable_in_base",
    "url_collision",
];

fn expected_lines(case: &str) -> Vec<String> {
    let p = invalid_case(case).join("expected.txt");
    fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Runs `check` on the case and compares its diagnostics, text and JSON,
/// with `expected.txt`.
fn assert_check_reports(case: &str) {
    let root = invalid_case(case);
    let expected = expected_lines(case);
    assert!(!expected.is_empty(), "{case}/expected.txt is empty");

    let o = check(&root);
    assert_eq!(
        diagnostic_lines(&o),
        expected,
        "check of {case}; stderr:\n{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(1), "check of {case} exits 1");

    let j = check_json(&root);
    assert_eq!(
        j.status.code(),
        Some(1),
        "check --format json of {case} exits 1"
    );
    let doc: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap_or_else(|e| {
        panic!(
            "{case}: check --format json is not JSON ({e}): {}",
            String::from_utf8_lossy(&j.stdout)
        )
    });
    assert_eq!(
        doc["errors"].as_u64(),
        Some(expected.len() as u64),
        "{case}: error count in JSON"
    );
    assert_eq!(
        doc["warnings"].as_u64(),
        Some(0),
        "{case}: warning count in JSON"
    );
    let from_json: Vec<String> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}",
                d["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(from_json, expected, "{case}: JSON diagnostics");
}

#[test]
fn every_invalid_case_folder_has_a_test() {
    let folders = dir_names(&fixture("invalid"));
    let known: BTreeSet<String> = CHECK_CASES
        .iter()
        .chain(BUILD_CASES)
        .map(|s| s.to_string())
        .collect();
    assert_eq!(folders, known);
    for case in &folders {
        let root = invalid_case(case);
        assert!(
            root.join("site.toml").is_file(),
            "{case} is a complete site"
        );
        assert!(root.join("content").is_dir(), "{case} is a complete site");
        assert!(!expected_lines(case).is_empty(), "{case} has expected.txt");
    }
}

#[test]
fn unknown_key_reports_line_and_hint() {
    assert_check_reports("unknown_key");
}

#[test]
fn a_theme_without_a_folder_is_an_error_not_the_built_in_look() {
    // `theme = "huisstijl"` with no themes/huisstijl: a misspelt name used
    // to give the built-in theme without a word.
    assert_check_reports("unknown_theme");
}

#[test]
fn list_where_text_is_expected_is_reported_at_the_list() {
    assert_check_reports("wrong_type");
}

#[test]
fn date_not_written_yyyy_mm_dd_is_reported_at_the_value() {
    assert_check_reports("bad_date");
}

#[test]
fn unreadable_item_does_not_make_references_to_it_errors_too() {
    // The vergadering's date cannot be read, but its id can: the besluit
    // that refers to it must not get a second, misleading "no item has that
    // id" error.
    assert_check_reports("bad_date_in_referenced_item");
}

#[test]
fn required_key_written_without_a_value_is_reported_at_the_key() {
    // `datum:` on line 3 with nothing after it: the key is there, so the
    // message points at it and does not call it missing.
    assert_check_reports("empty_required_key");
}

#[test]
fn content_file_with_another_extension_is_an_error_not_a_silent_loss() {
    // `.markdown`, `.MD`, `.md.txt`: the author meant a content file, and
    // skipping it would drop the besluit from the site without a word.
    assert_check_reports("wrong_extension");
}

#[test]
fn item_whose_yaml_cannot_be_parsed_does_not_make_references_to_it_errors() {
    // Not even the front matter can be read, so the id is not known from
    // an `id:` key; the file name gives it, and the besluit that refers to
    // the vergadering gets no second error.
    assert_check_reports("yaml_error_in_referenced_item");
}

#[test]
fn unknown_uitslag_lists_the_allowed_values() {
    assert_check_reports("unknown_enum_value");
}

#[test]
fn missing_required_key_is_reported() {
    assert_check_reports("missing_required_key");
}

#[test]
fn reference_to_a_missing_id_is_reported_at_the_reference() {
    assert_check_reports("missing_reference");
}

#[test]
fn duplicate_id_across_kinds_names_the_first_file() {
    assert_check_reports("duplicate_id");
}

#[test]
fn voldaan_without_afgedaan_met_is_an_error() {
    assert_check_reports("voldaan_without_afgedaan_met");
}

#[test]
fn public_item_may_not_reference_a_geheim_item() {
    assert_check_reports("public_references_geheim");
}

#[test]
fn invalid_utf8_is_reported_at_the_bad_byte() {
    assert_check_reports("invalid_utf8");
}

#[test]
fn yaml_anchor_and_alias_are_refused() {
    assert_check_reports("yaml_anchor_alias");
}

#[test]
fn geheim_that_is_not_a_bool_is_an_error() {
    assert_check_reports("geheim_not_bool");
}

#[test]
fn unclosed_front_matter_is_reported() {
    assert_check_reports("unclosed_front_matter");
}

#[test]
fn roll_call_contradicting_the_counts_is_reported_at_the_roll_call() {
    assert_check_reports("roll_call_contradicts_counts");
}

#[test]
fn reference_to_the_wrong_kind_is_reported() {
    assert_check_reports("reference_to_wrong_kind");
}

#[test]
fn bom_and_crlf_do_not_shift_positions() {
    assert_check_reports("crlf_and_bom");
}

#[test]
fn two_outputs_on_one_url_fail_the_build() {
    // The besluit with id `bijlagen` has its page at
    // besluiten/bijlagen/index.html; the attachment `index.html` in
    // content/besluiten/bijlagen/ would be copied to the same path.
    assert_build_reports("url_collision");
}

/// Builds an invalid case that only `build` can find (it renders) and
/// compares its diagnostics with `expected.txt`; nothing may be published.
fn assert_build_reports(case: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = build(&invalid_case(case), &out);
    assert_eq!(
        diagnostic_lines(&o),
        expected_lines(case),
        "build of {case}; stderr:\n{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(1), "build of {case} exits 1");
    assert!(!out.exists(), "a failed build publishes nothing");
}

#[test]
fn template_syntax_error_is_reported_in_the_sites_template_file() {
    // The site overrides item.html; the mistake is at its line and column
    // (pest's position of the unexpected `/` after `<`), not at "themes:1:1".
    assert_build_reports("template_syntax_error");
}

#[test]
fn unknown_template_variable_is_reported_at_its_first_use() {
    // Tera 1 gives no position for a missing variable; the message points
    // at the first place the template uses it.
    assert_build_reports("template_unknown_variable");
}

#[test]
fn unknown_variable_in_the_base_template_is_one_error_at_base_html() {
    // `{{ site.slogan }}` on line 5 of base.html, which every page extends:
    // Tera names the page's template; the message names base.html, where
    // the name is, once for the 18 pages (8 + 10 list pages).
    assert_build_reports("template_unknown_variable_in_base");
}

// ---------------------------------------------------------------------------
// Confidentiality
// ---------------------------------------------------------------------------

#[test]
fn geheim_items_leave_no_trace_in_any_output_file() {
    let root = fixture("canary");
    let o = check(&root);
    assert_success(&o, "check of tests/sites/canary");
    assert_eq!(diagnostic_lines(&o), Vec::<String>::new());

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_success(&build(&root, &out), "build of tests/sites/canary");
    let marker = b"kanarie-7f3a";
    let tree = read_tree(&out);
    assert!(tree.len() > 10, "the build wrote pages");
    for (rel, bytes) in &tree {
        assert!(
            !rel.to_ascii_lowercase().contains("kanarie"),
            "output path {rel} names the geheim item"
        );
        let lower = bytes.to_ascii_lowercase();
        assert!(
            !lower.windows(marker.len()).any(|w| w == marker),
            "{rel} contains the marker of a geheim item"
        );
    }
    assert!(
        !out.join("bijlagen").exists(),
        "the geheim attachment was copied"
    );

    // Nothing counts them: one public toezegging, one public besluit.
    let register = text_of(&read_page(&out, "opvolging/index.html"));
    assert!(
        register.contains("Aantal per stand (1 in totaal)"),
        "{register}"
    );
    let html = read_page(&out, "opvolging/index.html");
    assert_eq!(
        card_links(section_of(&html, "te-laat-kop")),
        Vec::<String>::new()
    );
    assert_eq!(
        card_links(section_of(&html, "open-kop")),
        ["/toezeggingen/toezegging-2026-02-10-sporthal/"]
    );
    let visser = text_of(&read_page(&out, "personen/visser/index.html"));
    assert!(
        visser.contains("1 openstaand, waarvan 0 te laat."),
        "{visser}"
    );
    let home = text_of(&read_page(&out, "index.html"));
    assert!(home.contains("Besluiten (1)"), "{home}");
    assert!(home.contains("Toezeggingen (1)"), "{home}");
    assert!(home.contains("Stukken (0)"), "{home}");
    let sport = read_page(
        &out,
        "besluiten/college-2026-02-10-sportaccommodaties/index.html",
    );
    assert!(
        !text_of(&sport).contains("Gerelateerd"),
        "a geheim item's `gerelateerd` shows no back-link"
    );
    assert!(
        !text_of(&sport).contains("Stukken die hierover berichten"),
        "a geheim stuk's `behandelt` shows no back-link"
    );
}

// ---------------------------------------------------------------------------
// The real sites
// ---------------------------------------------------------------------------

#[test]
fn den_helder_site_builds_with_a_page_per_content_file() {
    let root = manifest_dir();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_success(
        &build_at(&root, &out, "2015-09-01"),
        "build of the Den Helder site",
    );
    let public = assert_page_per_content_file(&root, &out);
    assert!(public >= 50, "Den Helder has {public} items");
}

#[test]
fn den_helder_meeting_of_29_june_2015_shows_the_16_to_14_roll_call() {
    let root = manifest_dir();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_success(
        &build_at(&root, &out, "2015-09-01"),
        "build of the Den Helder site",
    );
    let html = read_page(&out, "vergaderingen/raad-2015-06-29/index.html");
    let ap16 = agendapunt(&html, "16");
    assert!(has_attr(
        ap16,
        "href",
        "/moties/motie-2015-06-29-herverdeling-taken/"
    ));
    let t = text_of(ap16);
    assert!(t.contains("Stemming: 16 voor, 14 tegen."), "{t}");
    assert!(t.contains("Voor (16)"), "{t}");
    assert!(t.contains("Tegen (14)"), "{t}");
    let voor = &t[t.find("Voor (16)").unwrap()..t.find("Tegen (14)").unwrap()];
    let tegen = &t[t.find("Tegen (14)").unwrap()..];
    assert_eq!(voor.matches(" , ").count(), 15, "16 names voor: {voor}");
    assert_eq!(tegen.matches(" , ").count(), 13, "14 names tegen: {tegen}");
}

#[test]
fn middelburg_example_builds_with_a_page_per_content_file() {
    let root = manifest_dir().join("examples").join("middelburg");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = build_at(&root, &out, "2021-07-01");
    assert_success(&o, "build of examples/middelburg");
    assert_eq!(
        diagnostic_lines(&o),
        Vec::<String>::new(),
        "Middelburg builds without warnings"
    );
    let public = assert_page_per_content_file(&root, &out);
    assert_eq!(public, 23);
}
