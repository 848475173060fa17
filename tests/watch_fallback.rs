//! Two promises of `besluitspoor watch` that only the real process can show:
//!
//! - when the kernel's inotify watch table is full, watch says so, polls
//!   instead, and still follows every change. The table is made full for
//!   real: Linux keeps the inotify limits per user namespace, so watch runs
//!   in one of its own (`unshare -Ur`) whose `max_inotify_watches` is below
//!   what the site needs;
//! - a file saved while the first build runs (after it has read the content,
//!   before it publishes) is not lost: the watcher started before that build,
//!   so the save is queued and rebuilt right after it.

mod watch_common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use besluitspoor::watch::POLL_INTERVAL;
use watch_common::cli::*;
use watch_common::*;

/// Fewer inotify watches than watch needs for the valid site: one for the
/// site's root and one for every folder of `content/` (16 in all).
const WATCH_LIMIT: u32 = 2;

fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap().join("site");
    copy_dir(&fixture("valid"), &root);
    (tmp, root)
}

/// What `sh -c` runs inside the user namespace: set the limit, then become
/// the program given after it (`$0`) with its arguments.
fn limit_script(limit: Option<u32>) -> String {
    match limit {
        Some(n) => format!("echo {n} > /proc/sys/user/max_inotify_watches && exec \"$0\" \"$@\""),
        None => "exec \"$0\" \"$@\"".to_string(),
    }
}

/// Fails, saying what is missing, unless `unshare -Ur` can give a process
/// an inotify watch limit of its own.
fn check_unshare() {
    let out = Command::new("unshare")
        .args(["-Ur", "sh", "-c"])
        .arg(limit_script(Some(WATCH_LIMIT)))
        .args(["cat", "/proc/sys/user/max_inotify_watches"])
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `unshare` ({e}): this test needs util-linux's unshare \
                 (Debian: apt-get install util-linux) to run watch with a small inotify watch limit"
            )
        });
    assert!(
        out.status.success(),
        "`unshare -Ur sh -c 'echo {WATCH_LIMIT} > /proc/sys/user/max_inotify_watches'` failed ({}): {}\n\
         this test needs user namespaces (run as root, or with unprivileged user namespaces \
         enabled) whose inotify limit can be set",
        out.status,
        String::from_utf8_lossy(&out.stderr).trim()
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        WATCH_LIMIT.to_string(),
        "the inotify watch limit inside `unshare -Ur` was not set"
    );
}

/// `watch` of the site at `root` inside a user namespace of its own, with
/// `limit` inotify watches when given.
fn watch_in_namespace(root: &Path, limit: Option<u32>) -> Watcher {
    let mut cmd = Command::new("unshare");
    cmd.args(["-Ur", "sh", "-c"])
        .arg(limit_script(limit))
        .arg(bin())
        .args(watch_args(root, &[]));
    let mut w = Watcher::spawn(cmd, root);
    w.wait_for("Rebuilt in full");
    w.wait_for("Watching");
    w
}

fn fallback_lines(w: &Watcher) -> Vec<&String> {
    w.log
        .iter()
        .filter(|l| {
            l.contains("inotify watch table is full") || l.contains("falling back to polling")
        })
        .collect()
}

#[test]
fn a_full_inotify_watch_table_falls_back_to_polling() {
    check_unshare();
    let (_tmp, root) = site();
    let besluit = root.join("content/besluiten/college-2026-02-10-terrasboot.md");

    let mut w = watch_in_namespace(&root, Some(WATCH_LIMIT));
    let fallback = fallback_lines(&w);
    let expected = format!(
        "falling back to polling every {} ms",
        POLL_INTERVAL.as_millis()
    );
    assert!(
        fallback.len() == 1
            && fallback[0].starts_with("watch: the kernel's inotify watch table is full (")
            && fallback[0].contains(&expected),
        "with {WATCH_LIMIT} inotify watches, watch says the table is full and polls:\n{}",
        w.log.join("\n")
    );
    // It says so before the first build.
    let said = w.log.iter().position(|l| l == fallback[0]).unwrap();
    let built = w
        .log
        .iter()
        .position(|l| l.starts_with("Rebuilt in full"))
        .unwrap();
    assert!(said < built, "{}", w.log.join("\n"));
    assert!(root.join("public/index.html").is_file());

    // A change is seen by polling, rebuilt, and the same as a full build.
    let sentence = "De ligplaats wordt na een jaar geëvalueerd.";
    let text = std::fs::read_to_string(&besluit).unwrap();
    std::fs::write(&besluit, format!("{text}\n{sentence}\n")).unwrap();
    let line = w.expect_same_as_full("an edit while polling after the fallback");
    assert!(
        line.starts_with("Rebuilt in ") && line.contains("1 item changed"),
        "{line}\n{}",
        w.log.join("\n")
    );
    let page = std::fs::read_to_string(
        root.join("public/besluiten/college-2026-02-10-terrasboot/index.html"),
    )
    .unwrap();
    assert!(page.contains(sentence), "the edit is not on the page");
}

#[test]
fn without_a_watch_limit_watch_does_not_fall_back() {
    // Plain watch.
    let (_tmp, root) = site();
    let w = Watcher::start(&root, &[]);
    assert!(
        fallback_lines(&w).is_empty(),
        "plain watch fell back to polling:\n{}",
        w.log.join("\n")
    );
    drop(w);

    // The same user namespace as in the test above, without the limit:
    // what makes watch poll there is the limit, not the namespace.
    check_unshare();
    let (_tmp, root) = site();
    let w = watch_in_namespace(&root, None);
    assert!(
        fallback_lines(&w).is_empty(),
        "watch in a user namespace without a watch limit fell back to polling:\n{}",
        w.log.join("\n")
    );
}

/// Adds `n` moties to the site at `root`, so that the first build takes a
/// while (over a second in a debug build) between loading and publishing.
fn add_moties(root: &Path, n: usize) {
    let dir = root.join("content/moties/gegenereerd");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 1..=n {
        std::fs::write(
            dir.join(format!("motie-2026-01-29-wijk-{i}.md")),
            format!(
                "---\ntitel: Motie meer groen in wijk {i}\ndatum: 2026-01-29\n\
                 vergadering: raad-2026-01-29\nindieners: [d66]\nmotietype: voorstel\n---\n\
                 De raad, overwegende dat wijk {i} weinig groen heeft, verzoekt het college \
                 er bomen te planten.\n"
            ),
        )
        .unwrap();
    }
}

fn signal(w: &Watcher, sig: libc::c_int) {
    // SAFETY: a plain system call on the pid of our own child.
    let r = unsafe { libc::kill(w.child.id() as libc::pid_t, sig) };
    assert_eq!(r, 0, "kill: {}", std::io::Error::last_os_error());
}

#[test]
fn a_file_saved_during_the_first_build_is_rebuilt_after_it() {
    let (tmp, root) = site();
    add_moties(&root, 300);
    // What the first build must publish: the tree as it is before the edit.
    let before = tmp.path().join("before");
    full_build(&root, &before, "the site before the edit");

    let motie = root.join("content/moties/motie-2026-01-29-zwembad.md");
    let mark = "Opgeslagen tijdens de eerste build";
    let text = std::fs::read_to_string(&motie).unwrap();
    let edited = text.replace("titel: ", &format!("titel: {mark} - "));
    assert_ne!(text, edited);
    let page = root.join("public/moties/motie-2026-01-29-zwembad/index.html");

    assert!(
        !root.join("public").exists(),
        "the copy of the fixture has an output folder"
    );
    let mut cmd = Command::new(bin());
    cmd.args(watch_args(&root, &[]));
    let mut w = Watcher::spawn(cmd, &root);
    // Printed once the first build has read every content file, before it
    // links, renders and publishes.
    w.wait_for("  Loaded ");
    std::fs::write(&motie, &edited).unwrap();
    // The output appears with the first publish (one rename): had it been
    // there, the edit came after the first build and proves nothing.
    assert!(
        !root.join("public").exists(),
        "window missed: the first build had already published when the edit was saved, \
         so this run cannot show that a save during the first build is kept:\n{}",
        w.log.join("\n")
    );

    // Stop watch right after its first publish, to look at what it
    // published before the next rebuild replaces it.
    w.wait_for("  Published ");
    signal(&w, libc::SIGSTOP);
    w.drain(Duration::from_millis(500));
    let rendered = w
        .log
        .iter()
        .filter(|l| l.starts_with("  Rendered "))
        .count();
    assert_eq!(
        rendered,
        1,
        "watch was stopped too late: the rebuild after the first had already rendered \
         (and may have published), so what the first build published cannot be seen:\n{}",
        w.log.join("\n")
    );
    assert!(
        !std::fs::read_to_string(&page).unwrap().contains(mark),
        "the first build published an edit saved after it had read the content:\n{}",
        w.log.join("\n")
    );
    assert_same_tree(
        &root.join("public"),
        &before,
        "the first build publishes the tree as it read it",
    );
    signal(&w, libc::SIGCONT);

    // The queued save is rebuilt right after, without another change.
    let line = w.expect_same_as_full("the edit saved during the first build");
    assert!(
        line.starts_with("Rebuilt in ") && line.contains("1 item changed"),
        "{line}\n{}",
        w.log.join("\n")
    );
    assert!(
        std::fs::read_to_string(&page).unwrap().contains(mark),
        "the edit saved during the first build was lost:\n{}",
        w.log.join("\n")
    );
}
