//! Git is the audit trail: a repository made in the test, with commits that
//! change a follow-up status, gives each item its publication date and a
//! version history; the feeds carry the change. Also: a shallow clone and a
//! folder without git still build, with a note.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_besluitspoor");

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// Runs git in `dir` with fixed dates and a fixed identity.
fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Griffie Dijkstad")
        .env("GIT_AUTHOR_EMAIL", "griffie@example.nl")
        .env("GIT_COMMITTER_NAME", "Griffie Dijkstad")
        .env("GIT_COMMITTER_EMAIL", "griffie@example.nl")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const TOEZEGGING_OPEN: &str = "---
titel: Raadsinformatiebrief over de verdeelsleutel
datum: 2026-03-02
gedaan_door: wethouder-jansen
aan: gemeenteraad
opvolging:
  status: openstaand
  termijn: 2026-04-30
---
De wethouder zegt toe de raad met een raadsinformatiebrief te informeren.
";

const TOEZEGGING_VOLDAAN: &str = "---
titel: Raadsinformatiebrief over de verdeelsleutel
datum: 2026-03-02
gedaan_door: wethouder-jansen
aan: gemeenteraad
opvolging:
  status: voldaan
  termijn: 2026-04-30
  afgedaan_met: rib-2026-007
---
De wethouder zegt toe de raad met een raadsinformatiebrief te informeren.
";

/// A small site in a fresh git repository with two commits: the
/// toezegging added on 2 March 2026, settled on 15 April 2026.
fn repo_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"Besluiten Dijkstad\"\nbase_url = \"https://besluiten.example.nl\"\nmunicipality = \"Dijkstad\"\n",
    );
    write(
        root,
        "content/organen/gemeenteraad.md",
        "---\nnaam: Gemeenteraad\nsoort: raad\n---\n",
    );
    write(
        root,
        "content/organen/college.md",
        "---\nnaam: College van burgemeester en wethouders\nsoort: college\n---\n",
    );
    write(
        root,
        "content/personen/wethouder-jansen.md",
        "---\nnaam: P. Jansen\nfunctie: wethouder\n---\n",
    );
    write(
        root,
        "content/besluiten/college-2026-03-02-verdeelsleutel.md",
        "---\ntitel: Zienswijze verdeelsleutel veiligheidsregio\ndatum: 2026-03-02\norgaan: college\nuitslag: conform\n---\nHet college besluit in te stemmen.\n",
    );
    write(root, "content/toezeggingen/t-2026-01.md", TOEZEGGING_OPEN);
    git(
        root,
        "2026-03-02T16:00:00+01:00",
        &["init", "-q", "-b", "main"],
    );
    git(root, "2026-03-02T16:00:00+01:00", &["add", "."]);
    git(
        root,
        "2026-03-02T16:00:00+01:00",
        &["commit", "-q", "-m", "Besluitenlijst college 2 maart"],
    );
    write(
        root,
        "content/stukken/rib-2026-007.md",
        "---\ntitel: Raadsinformatiebrief verdeelsleutel veiligheidsregio\ndatum: 2026-04-14\nsoort: raadsinformatiebrief\nvan: college\naan: gemeenteraad\nbehandelt: [t-2026-01]\n---\nHet algemeen bestuur heeft de verdeelsleutel vastgesteld.\n",
    );
    write(
        root,
        "content/toezeggingen/t-2026-01.md",
        TOEZEGGING_VOLDAAN,
    );
    git(root, "2026-04-15T09:30:00+02:00", &["add", "."]);
    git(
        root,
        "2026-04-15T09:30:00+02:00",
        &[
            "commit",
            "-q",
            "-m",
            "Toezegging verdeelsleutel afgedaan met RIB 2026-007",
        ],
    );
    dir
}

fn build(root: &Path, date: &str) -> (tempfile::TempDir, PathBuf) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("public");
    let status = Command::new(BIN)
        .args(["build", "--quiet", "--date", date, "--root"])
        .arg(root)
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    (out_dir, out)
}

/// The visible text of some HTML: tags become spaces, whitespace collapses.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn item_page_shows_publication_date_and_version_history_from_git() {
    let site = repo_site();
    let (_keep, out) = build(site.path(), "2026-05-01");
    let page = read(&out, "toezeggingen/t-2026-01/index.html");
    // First commit that added the file: 2 March 2026.
    assert!(
        page.contains("Gepubliceerd op <time datetime=2026-03-02>2 maart 2026</time>"),
        "{page}"
    );
    // Both commits, newest first, with author and message, and the change.
    let history = &page[page.find("Versiegeschiedenis").expect("history section")..];
    let second = history.find("15 april 2026").expect("second version");
    let first = history.find("2 maart 2026").expect("first version");
    assert!(second < first, "newest first");
    assert!(history.contains("Griffie Dijkstad"));
    assert!(history.contains("Toezegging verdeelsleutel afgedaan met RIB 2026-007"));
    assert!(history.contains("<code>opvolging.status</code>: openstaand → voldaan"));
    assert!(history.contains("<code>opvolging.afgedaan_met</code>: (leeg) → rib-2026-007"));
    assert!(history.contains("Toegevoegd: Besluitenlijst college 2 maart"));
    // E-mail addresses of clerks are never published.
    assert!(!page.contains("griffie@example.nl"));
    // The stuk added later is published on its own commit's date.
    let rib = read(&out, "stukken/rib-2026-007/index.html");
    assert!(rib.contains("Gepubliceerd op <time datetime=2026-04-15>15 april 2026</time>"));
    // And lists what it settles.
    assert!(rib.contains("Hiermee afgedaan"));
    assert!(rib.contains("/toezeggingen/t-2026-01/"));
}

#[test]
fn atom_feed_carries_the_status_change() {
    let site = repo_site();
    let (_keep, out) = build(site.path(), "2026-05-01");
    let atom = read(&out, "opvolging/wijzigingen.atom");
    assert!(atom.starts_with("<?xml"));
    assert!(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(atom.contains(
        "<title>Raadsinformatiebrief over de verdeelsleutel: status openstaand → voldaan</title>"
    ));
    // Stable id from the item id and the commit; the commit time in UTC.
    assert!(atom.contains("<id>https://besluiten.example.nl/toezeggingen/t-2026-01/#versie-"));
    assert!(atom.contains("<updated>2026-04-15T07:30:00+00:00</updated>"));
    assert!(!atom.contains("griffie@example.nl"));
}

#[test]
fn publication_speed_counts_same_day_publication() {
    let site = repo_site();
    let (_keep, out) = build(site.path(), "2026-05-01");
    let page = read(&out, "opvolging/index.html");
    // One besluit dated 2 March, committed on 2 March: median 0, 100% same day.
    let table = text_of(
        &page[page
            .find("Publicatiesnelheid per orgaan")
            .expect("speed table")..],
    );
    assert!(
        table.contains("College van burgemeester en wethouders 1 0 100%"),
        "{table}"
    );
}

#[test]
fn written_gepubliceerd_wins_over_git() {
    let site = repo_site();
    let text = TOEZEGGING_VOLDAAN.replace(
        "datum: 2026-03-02\n",
        "datum: 2026-03-02\ngepubliceerd: 2026-03-03\n",
    );
    write(site.path(), "content/toezeggingen/t-2026-01.md", &text);
    let (_keep, out) = build(site.path(), "2026-05-01");
    let page = read(&out, "toezeggingen/t-2026-01/index.html");
    assert!(page.contains("Gepubliceerd op <time datetime=2026-03-03>3 maart 2026</time>"));
}

#[test]
fn shallow_clone_builds_with_a_note() {
    let site = repo_site();
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", site.path().display());
    let status = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url, "shallow"])
        .current_dir(clones.path())
        .status()
        .unwrap();
    assert!(status.success());
    let (_keep, out) = build(&clones.path().join("shallow"), "2026-05-01");
    let page = read(&out, "toezeggingen/t-2026-01/index.html");
    assert!(page.contains("onvolledig (shallow clone)"));
    // The file's first commit is missing, so its date is not claimed.
    assert!(page.contains("(bouwdatum van deze site)"));
    assert!(!page.contains("Gepubliceerd op <time datetime=2026-04-15>"));
}

#[test]
fn folder_without_git_builds_with_a_note() {
    let site = repo_site();
    fs::remove_dir_all(site.path().join(".git")).unwrap();
    let (_keep, out) = build(site.path(), "2026-05-01");
    let page = read(&out, "toezeggingen/t-2026-01/index.html");
    assert!(page.contains("niet gebouwd uit een git-repository"));
    assert!(page.contains(
        "Gepubliceerd op <time datetime=2026-05-01>1 mei 2026</time> (bouwdatum van deze site)"
    ));
}

#[test]
fn deadline_calendar_follows_rfc_5545() {
    let site = repo_site();
    // Reopen the toezegging so it has an open deadline.
    write(
        site.path(),
        "content/toezeggingen/t-2026-01.md",
        TOEZEGGING_OPEN,
    );
    let (_keep, out) = build(site.path(), "2026-03-10");
    let ics = read(&out, "opvolging/termijnen.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("UID:t-2026-01-termijn@besluiten.example.nl\r\n"));
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20260430\r\n"));
    assert!(unfolded.contains("DTEND;VALUE=DATE:20260501\r\n"));
    // DTSTAMP: midnight of the reference date in Europe/Amsterdam, in UTC.
    assert!(unfolded.contains("DTSTAMP:20260309T230000Z\r\n"));
    assert!(unfolded.contains("X-WR-TIMEZONE:Europe/Amsterdam\r\n"));
    assert!(unfolded.contains("SUMMARY:Termijn: Raadsinformatiebrief over de verdeelsleutel\r\n"));
    // The portefeuillehouder's own calendar has the same event.
    let own = read(&out, "opvolging/termijnen/wethouder-jansen.ics").replace("\r\n ", "");
    assert!(own.contains("UID:t-2026-01-termijn@besluiten.example.nl\r\n"));
    // Closed items are not in the calendar.
    write(
        site.path(),
        "content/toezeggingen/t-2026-01.md",
        TOEZEGGING_VOLDAAN,
    );
    let (_keep2, out2) = build(site.path(), "2026-03-10");
    assert!(!read(&out2, "opvolging/termijnen.ics").contains("BEGIN:VEVENT"));
}

#[test]
fn demo_site_shows_its_real_toezeggingen_in_the_register() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_keep, out) = build(root, "2026-11-30");
    let page = read(&out, "opvolging/index.html");
    for id in [
        "toezegging-2015-06-29-planning-en-control",
        "toezegging-2015-06-29-veiligheidsregio",
    ] {
        assert!(
            page.contains(&format!("/toezeggingen/{id}/")),
            "{id} in the register"
        );
    }
}
