//! `besluitspoor watch` as a clerk's editor drives it: every kind of change
//! (in-place edit, an editor's rename-over save, delete and re-create, file
//! and folder renames, a deletion of a referenced item, a template and a
//! site.toml edit), each followed by a comparison with a full build of the
//! same tree.

mod watch_common;

use std::path::{Path, PathBuf};

use watch_common::cli::*;
use watch_common::*;

fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap().join("site");
    copy_dir(&fixture("valid"), &root);
    (tmp, root)
}

#[test]
fn watch_follows_every_kind_of_change() {
    let (_tmp, root) = site();
    let mut w = Watcher::start(&root, &[]);
    let content = root.join("content");

    // An edit in place.
    let motie = content.join("moties/motie-2026-01-29-zwembad.md");
    let text = std::fs::read_to_string(&motie).unwrap();
    std::fs::write(&motie, text.replace("titel: ", "titel: Gewijzigd - ")).unwrap();
    let line = w.expect_same_as_full("edit in place");
    assert!(
        line.starts_with("Rebuilt in ") && !line.contains("full"),
        "{line}"
    );

    // An editor's atomic save: a temporary file renamed over the original.
    let text = std::fs::read_to_string(&motie).unwrap() + "\nToegevoegd via een atomische save.\n";
    let tmp = content.join("moties/.motie-2026-01-29-zwembad.md.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, &motie).unwrap();
    w.expect_same_as_full("rename-over save");

    // Delete and re-create.
    let vraag = content.join("vragen/vragen-2026-02-02-zwembad.md");
    let text = std::fs::read_to_string(&vraag).unwrap();
    std::fs::remove_file(&vraag).unwrap();
    std::fs::write(&vraag, text + "\nOpnieuw geschreven.\n").unwrap();
    w.expect_same_as_full("delete and re-create");

    // A new file, then renamed (its id follows the name).
    let new = content.join("stukken/ingekomen-2026-02-20-brief.md");
    std::fs::write(
        &new,
        "---\ntitel: Brief van de wijkraad\ndatum: 2026-02-20\nsoort: ingekomen-stuk\n---\nTekst.\n",
    )
    .unwrap();
    w.expect_same_as_full("new file");
    std::fs::rename(&new, content.join("stukken/ingekomen-2026-02-21-brief.md")).unwrap();
    w.expect_same_as_full("file rename");

    // A folder rename: ids stay, paths change.
    std::fs::rename(
        content.join("besluiten/2026"),
        content.join("besluiten/jaar-2026"),
    )
    .unwrap();
    w.expect_same_as_full("folder rename");

    // Deleting an item that others refer to: the broken reference is
    // reported and the last good site stays.
    let before = tree(&root.join("public"));
    let vergadering = content.join("vergaderingen/raad-2026-01-29.md");
    let text = std::fs::read_to_string(&vergadering).unwrap();
    std::fs::remove_file(&vergadering).unwrap();
    let line = w.outcome();
    assert!(line.starts_with("rebuild failed"), "{line}");
    w.assert_said("refers to `raad-2026-01-29`, but no item has that id");
    assert!(
        tree(&root.join("public")) == before,
        "the last good site changed"
    );
    std::fs::write(&vergadering, text).unwrap();
    w.expect_same_as_full("restore the deleted item");

    // A template of the site's theme: a full rebuild.
    let templates = root.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/404.html");
    let t = std::fs::read_to_string(builtin).unwrap();
    std::fs::write(
        templates.join("404.html"),
        t.replace(
            "{% endblock content %}",
            "<p>Eigen 404.</p>{% endblock content %}",
        ),
    )
    .unwrap();
    let line = w.expect_same_as_full("template edit");
    assert!(line.starts_with("Rebuilt in full"), "{line}");
    assert!(std::fs::read_to_string(root.join("public/404.html"))
        .unwrap()
        .contains("Eigen 404."));

    // site.toml: a full rebuild.
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        toml.replace("gemeente Dijkstad", "gemeente Nieuw-Dijkstad"),
    )
    .unwrap();
    let line = w.expect_same_as_full("site.toml edit");
    assert!(line.starts_with("Rebuilt in full"), "{line}");
}

#[test]
fn watch_polls_when_asked() {
    let (_tmp, root) = site();
    let mut w = Watcher::start(&root, &["--poll"]);
    // The poller compares each scan with the one before; give its first scan
    // time to finish, or a change made during it becomes the baseline.
    std::thread::sleep(std::time::Duration::from_secs(3));
    let f = root.join("content/toezeggingen/toezegging-2026-01-13-verkeersveiligheid.md");
    let text = std::fs::read_to_string(&f).unwrap() + "\nNieuwe voortgang.\n";
    std::fs::write(&f, &text).unwrap();
    w.expect_same_as_full("edit while polling");
    // A second save in the same second as the first: the modification
    // time (which notify's poller compares in whole seconds) stays the
    // same; the contents differ.
    let mtime = std::fs::metadata(&f).unwrap().modified().unwrap();
    std::fs::write(&f, text + "\nNog een voortgang in dezelfde seconde.\n").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&f)
        .and_then(|file| file.set_modified(mtime))
        .unwrap();
    let line = w.expect_same_as_full("a second save with the same modification time");
    assert!(line.contains("1 item changed"), "{line}");
}

/// Ctrl-C ends watch: it says so, exits with success and removes its spare
/// build (the copy beside the output that the next publish swaps in); the
/// published site stays.
#[test]
fn ctrl_c_stops_watch_and_removes_its_spare_build() {
    let (_tmp, root) = site();
    let mut w = Watcher::start(&root, &[]);
    let spare = root.join(format!(".public.spare-{}", w.child.id()));
    assert!(wait_exists(&spare), "no spare build at {}", spare.display());
    // SAFETY: a plain system call on the pid of our own child.
    let r = unsafe { libc::kill(w.child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(r, 0);
    let line = w.wait_for("Stopped");
    assert!(line.contains("public"), "{line}");
    let status = w.child.wait().unwrap();
    assert!(status.success(), "{status}\n{}", w.log.join("\n"));
    assert!(!spare.exists(), "the spare build stays after Ctrl-C");
    assert!(root.join("public/index.html").is_file());
}

/// The municipality's design tokens (`tokens_css` in site.toml) are read
/// into the stylesheet: changing the file rebuilds, and so does making it
/// again after it was gone (the error said it could not be read).
#[test]
fn a_changed_tokens_css_file_is_rebuilt() {
    let (_tmp, root) = site();
    std::fs::create_dir_all(root.join("huisstijl")).unwrap();
    let tokens = root.join("huisstijl/tokens.css");
    std::fs::write(&tokens, ":root { --huisstijl-kleur: #003f8a; }\n").unwrap();
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("tokens_css = \"huisstijl/tokens.css\"\n{toml}"),
    )
    .unwrap();
    let stylesheet = |root: &Path| -> String {
        let dir = root.join("public");
        let css = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                let n = p.file_name().unwrap().to_string_lossy().into_owned();
                n.starts_with("style.") && n.ends_with(".css")
            })
            .expect("a stylesheet");
        std::fs::read_to_string(css).unwrap()
    };
    let mut w = Watcher::start(&root, &[]);
    assert!(stylesheet(&root).contains("#003f8a"));

    std::fs::write(&tokens, ":root { --huisstijl-kleur: #aa0000; }\n").unwrap();
    let line = w.expect_same_as_full("a changed tokens file");
    assert!(line.starts_with("Rebuilt in full"), "{line}");
    let css = stylesheet(&root);
    assert!(css.contains("#a00") && !css.contains("#003f8a"), "{css}");

    std::fs::remove_file(&tokens).unwrap();
    let line = w.outcome();
    assert!(line.starts_with("rebuild failed"), "{line}");
    w.assert_said("cannot read `tokens_css` file huisstijl/tokens.css");
    std::fs::write(&tokens, ":root { --huisstijl-kleur: #00aa00; }\n").unwrap();
    w.expect_same_as_full("the tokens file made again");
    assert!(stylesheet(&root).contains("#0a0"));
}
