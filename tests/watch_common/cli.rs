//! The `besluitspoor watch` process as the CLI tests drive it: started with
//! its stderr read line by line, waited on for its progress lines, and its
//! output compared with a full `build` of the same tree.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::assert_same_tree;

pub const DATE: &str = "2026-03-01";

/// A private copy of the binary: the shared target folder may get a newer
/// one while the test runs, and watch and the full build must be the same.
pub fn bin() -> &'static Path {
    static BIN: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_, p) = BIN.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("besluitspoor");
        std::fs::copy(env!("CARGO_BIN_EXE_besluitspoor"), &p).unwrap();
        (dir, p)
    });
    p
}

/// `besluitspoor watch --root ROOT --date DATE EXTRA…`, to run as it is or
/// to hand to another program that runs it.
pub fn watch_args(root: &Path, extra: &[&str]) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = vec!["watch".into(), "--root".into()];
    args.push(root.into());
    args.extend(["--date".into(), DATE.into()]);
    args.extend(extra.iter().map(Into::into));
    args
}

/// Builds the site at `root` in full into `out` (`build --quiet`).
pub fn full_build(root: &Path, out: &Path, what: &str) {
    let out = Command::new(bin())
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .args(["--date", DATE])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub struct Watcher {
    pub child: Child,
    lines: mpsc::Receiver<String>,
    pub root: PathBuf,
    /// Everything printed so far, for failure messages.
    pub log: Vec<String>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watcher {
    /// Starts `watch` on `root` and waits for its first build and for it
    /// to watch.
    pub fn start(root: &Path, extra: &[&str]) -> Watcher {
        let mut cmd = Command::new(bin());
        cmd.args(watch_args(root, extra));
        let mut w = Watcher::spawn(cmd, root);
        w.wait_for("Rebuilt in full");
        // Let the watcher install its watches before the first change.
        w.wait_for("Watching");
        w
    }

    /// Starts `cmd` (a watch of the site at `root`, possibly wrapped in
    /// another program) and returns at once.
    pub fn spawn(mut cmd: Command, root: &Path) -> Watcher {
        let mut child = cmd
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watcher {
            child,
            lines: rx,
            root: root.to_path_buf(),
            log: Vec::new(),
        }
    }

    /// Waits for the next line that starts with `prefix` and returns it.
    /// Asserts that a line printed so far contains `text`.
    pub fn assert_said(&self, text: &str) {
        assert!(
            self.log.iter().any(|l| l.contains(text)),
            "watch never said `{text}`:\n{}",
            self.log.join("\n")
        );
    }

    pub fn wait_for(&mut self, prefix: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(120)) {
                Ok(l) => {
                    self.log.push(l.clone());
                    if l.starts_with(prefix) {
                        return l;
                    }
                }
                Err(_) => panic!("no `{prefix}` from watch:\n{}", self.log.join("\n")),
            }
        }
    }

    /// Takes every line that comes until watch has been silent for `quiet`.
    pub fn drain(&mut self, quiet: Duration) {
        while let Ok(l) = self.lines.recv_timeout(quiet) {
            self.log.push(l);
        }
    }

    /// The next rebuild's summary line (`Rebuilt …` or `rebuild failed …`),
    /// once it is done (an incremental one ends with the search index) and
    /// the tree has been quiet for a moment.
    pub fn outcome(&mut self) -> String {
        let mut summary = String::new();
        let mut done = false;
        loop {
            let wait = if done { 700 } else { 120_000 };
            match self.lines.recv_timeout(Duration::from_millis(wait)) {
                Ok(l) => {
                    self.log.push(l.clone());
                    if l.starts_with("Rebuilt") || l.starts_with("rebuild failed") {
                        summary = l.clone();
                        done = !l.contains("search index follows");
                    } else if l.starts_with("Search index rebuilt") {
                        done = true;
                    }
                }
                Err(_) if done => return summary,
                Err(_) => panic!("no rebuild:\n{}", self.log.join("\n")),
            }
        }
    }

    /// Waits for the rebuild and compares the output with a full build.
    pub fn expect_same_as_full(&mut self, what: &str) -> String {
        let line = self.outcome();
        assert!(
            line.starts_with("Rebuilt"),
            "{what}: {line}\n{}",
            self.log.join("\n")
        );
        let full = self.root.parent().unwrap().join("full");
        full_build(&self.root, &full, what);
        assert_same_tree(&self.root.join("public"), &full, what);
        line
    }
}
