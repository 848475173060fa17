//! Shared by the watch tests: temporary copies of fixture sites, output
//! trees compared byte for byte, and git; [`cli`] runs the `watch` process.

#![allow(dead_code)]

pub mod cli;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(name)
}

/// Waits up to 60 s for `path` to exist; false when it does not.
pub fn wait_exists(path: &Path) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !path.exists() {
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    true
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walk(from) {
        let rel = e.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&e, &dest).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                if p.file_name().is_some_and(|n| n == ".git") {
                    continue;
                }
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every file under `dir` (not `.git`), sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
}

/// Relative path → bytes of every file under `dir`.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(dir)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Asserts that the two output folders hold the same files, byte for byte.
pub fn assert_same_tree(a: &Path, b: &Path, context: &str) {
    let (ta, tb) = (tree(a), tree(b));
    let only_a: Vec<&String> = ta.keys().filter(|k| !tb.contains_key(*k)).collect();
    let only_b: Vec<&String> = tb.keys().filter(|k| !ta.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "only in {}: {only_a:?}\nonly in {}: {only_b:?}\n{context}",
        a.display(),
        b.display()
    );
    let differ: Vec<&String> = ta.keys().filter(|k| ta[*k] != tb[*k]).collect();
    assert!(differ.is_empty(), "files differ: {differ:?}\n{context}");
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Griffie")
        .env("GIT_AUTHOR_EMAIL", "griffie@example.nl")
        .env("GIT_COMMITTER_NAME", "Griffie")
        .env("GIT_COMMITTER_EMAIL", "griffie@example.nl")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `git init` and a first commit; false when git is missing.
pub fn git_init(root: &Path) -> bool {
    git(root, &["init", "-q"])
        && std::fs::write(root.join(".gitignore"), "/public/\n").is_ok()
        && git_commit(root)
}

pub fn git_commit(root: &Path) -> bool {
    git(root, &["add", "-A"]) && git(root, &["commit", "-qm", "wijziging", "--allow-empty"])
}
