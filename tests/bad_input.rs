//! Input that once passed `check` but crashed or corrupted `build` (found by
//! trying the tool as a newcomer): each is now refused by `check` with a
//! position, or published correctly.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_besluitspoor");

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// A one-besluit site whose besluit has `front` as extra front matter and
/// `body` as its text.
fn site(front: &str, body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"T\"\nbase_url = \"https://t.example.nl\"\nmunicipality = \"T\"\n",
    );
    write(
        root,
        "content/organen/college.md",
        "---\nnaam: College\nsoort: college\n---\n",
    );
    write(
        root,
        "content/besluiten/b1.md",
        &format!("---\ntitel: Besluit\norgaan: college\n{front}---\n{body}"),
    );
    dir
}

fn run(args: &[&str], root: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `check` on `root`, which must fail (exit 1) reporting every line
/// of `expected` (among others).
fn assert_check_reports(root: &Path, expected: &[&str]) {
    let o = run(&["check"], root);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for line in expected {
        assert!(err.contains(line), "no `{line}` in:\n{err}");
    }
}

#[test]
fn deeply_nested_text_is_refused_not_a_crash() {
    let body = format!("{}diep\n", "> ".repeat(3000));
    let s = site("datum: 2026-01-05\n", &body);
    assert_check_reports(
        s.path(),
        &["content/besluiten/b1.md:6:1: the text nests 3001 levels deep"],
    );
}

#[test]
fn year_9999_is_refused_with_a_reason() {
    let s = site("datum: 9999-12-31\n", "Tekst.\n");
    assert_check_reports(
        s.path(),
        &["content/besluiten/b1.md:4:8: `datum`: the year of `9999-12-31` is outside 1000–2999"],
    );
    let s = site("datum: 2015-06-31\n", "Tekst.\n");
    let o = run(&["check"], s.path());
    assert!(stderr(&o).contains("`datum`: `2015-06-31` is not a date in the calendar"));
}

#[test]
fn empty_title_is_refused() {
    let s = tempfile::tempdir().unwrap();
    let dir = site("datum: 2026-01-05\n", "x\n");
    fs::rename(dir.path(), s.path().join("s")).ok();
    let root = s.path().join("s");
    let text = fs::read_to_string(root.join("content/besluiten/b1.md")).unwrap();
    write(
        &root,
        "content/besluiten/b1.md",
        &text.replace("titel: Besluit", "titel: \"  \""),
    );
    assert_check_reports(
        &root,
        &["content/besluiten/b1.md:2:1: `titel` must not be empty"],
    );
}

#[test]
fn control_characters_do_not_break_the_feeds() {
    let s = site(
        "datum: 2026-01-05\nuitslag: conform\n",
        "Eerste pagina\u{c}tweede pagina \u{7} en \u{1b}.\n",
    );
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(BIN)
        .args(["build", "--quiet", "--date", "2026-01-06", "--root"])
        .arg(s.path())
        .arg("--output")
        .arg(out.path().join("p"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    for feed in ["feed.atom", "opvolging/wijzigingen.atom", "sitemap.xml"] {
        let xml = fs::read_to_string(out.path().join("p").join(feed)).unwrap();
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Text(t)) => {
                    assert!(
                        !t.iter().any(|b| *b < 0x20 && !b"\t\n\r".contains(b)),
                        "{feed}"
                    );
                }
                Ok(_) => {}
                Err(e) => panic!("{feed} is not well-formed XML: {e}"),
            }
        }
    }
}

#[test]
fn check_finds_template_errors_too() {
    let s = site("datum: 2026-01-05\n", "x\n");
    write(s.path(), "themes/default/templates/item.html", "{% if %}\n");
    assert_check_reports(s.path(), &["item.html"]);
}

#[test]
fn base_url_must_be_absolute() {
    let s = site("datum: 2026-01-05\n", "x\n");
    write(
        s.path(),
        "site.toml",
        "title = \"T\"\nbase_url = \"t.example.nl\"\nmunicipality = \"T\"\n",
    );
    assert_check_reports(
        s.path(),
        &["site.toml:2:1: `base_url` must be the site's absolute address"],
    );
}

#[test]
fn motie_without_indieners_in_an_empty_list_is_refused() {
    // `indieners: []` passed `check` and published a motie submitted by
    // nobody.
    let s = site("datum: 2026-01-05\n", "x\n");
    write(
        s.path(),
        "content/moties/m1.md",
        "---\ntitel: Motie\ndatum: 2026-01-05\nvergadering: v1\nindieners: []\n---\nTekst.\n",
    );
    assert_check_reports(
        s.path(),
        &["content/moties/m1.md:5:1: `indieners` is an empty list; a motie needs at least one id here"],
    );
}

#[test]
fn a_reference_to_an_unknown_id_says_what_to_do() {
    // A typo gets the id it is one letter away from; an id that nothing is
    // close to gets the file that would create it.
    let s = site("datum: 2026-01-05\nvergadering: raad-2026-01-05\n", "x\n");
    write(
        s.path(),
        "content/besluiten/b2.md",
        "---\ntitel: Besluit\norgaan: colege\ndatum: 2026-01-05\n---\n",
    );
    assert_check_reports(
        s.path(),
        &[
            "content/besluiten/b1.md:5:14: `vergadering` refers to `raad-2026-01-05`, but no item has that id; to add it, create `content/vergaderingen/raad-2026-01-05.md`",
            "content/besluiten/b2.md:3:9: `orgaan` refers to `colege`, but no item has that id; did you mean `college`?",
        ],
    );
}

#[test]
fn a_motie_in_the_besluiten_folder_is_told_where_it_belongs() {
    let s = site("datum: 2026-01-05\nmotietype: afkeuring\n", "x\n");
    assert_check_reports(
        s.path(),
        &["content/besluiten/b1.md:5:1: unknown key `motietype` in the front matter of a besluit; `motietype` belongs in the front matter of a motie; is the file in the wrong folder (`content/moties/`)?"],
    );
}
