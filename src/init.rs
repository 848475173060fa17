//! `besluitspoor init [DIR]`: a new site, ready for git and CI.
//!
//! Writes `site.toml`, the content folders with a first orgaan (the raad and
//! the college), a `.gitignore`, a pre-commit hook that runs `check`
//! (`.githooks/pre-commit`, enabled with `git config core.hooksPath`), CI
//! workflows for GitHub Actions and GitLab CI, and the JSON Schemas of the
//! front matter (`.besluitspoor/schema/`). It never overwrites anything: a
//! folder that is not empty is refused.

use std::path::{Path, PathBuf};
use std::process::Command;

use thiserror::Error;

use crate::model::Kind;

const SITE_TOML: &str = include_str!("init/site.toml.tmpl");
const GITIGNORE: &str = include_str!("init/gitignore.tmpl");
const GEMEENTERAAD: &str = include_str!("init/gemeenteraad.md.tmpl");
const COLLEGE: &str = include_str!("init/college.md.tmpl");
const PRE_COMMIT: &str = include_str!("init/pre-commit.tmpl");
const GITHUB: &str = include_str!("init/github-workflow.yml.tmpl");
const GITLAB: &str = include_str!("init/gitlab-ci.yml.tmpl");

/// Where the schemas go, relative to the site root.
pub const SCHEMA_DIR: &str = ".besluitspoor/schema";

#[derive(Debug, Error)]
pub enum InitError {
    #[error("refusing to initialise {0}: it is not empty (besluitspoor init never overwrites anything; choose a new or empty folder)")]
    NotEmpty(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// What `init` did.
#[derive(Debug)]
pub struct Created {
    /// Files written, relative to the site root, in order.
    pub files: Vec<String>,
    /// Whether a git repository was made (or found) and the hook enabled.
    pub git: bool,
}

fn fill(template: &str, municipality: &str) -> String {
    template
        .replace("{{municipality}}", municipality)
        .replace("{{version}}", env!("CARGO_PKG_VERSION"))
}

/// "dijkstad" → "Dijkstad", "den-helder" → "Den Helder".
fn name_from_dir(dir: &Path) -> String {
    let abs = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(dir)
    };
    let stem = abs
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .next_back()
        .unwrap_or_default();
    let words: Vec<String> = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect();
    if words.is_empty() {
        "Voorbeeld".into()
    } else {
        words.join(" ")
    }
}

/// Creates a site in `dir` (made when missing). `municipality` defaults to
/// the folder's name. `git`: also run `git init` (when `dir` is not in a
/// repository yet) and enable the hook.
pub fn init(dir: &Path, municipality: Option<&str>, git: bool) -> Result<Created, InitError> {
    let io = |p: &Path| {
        let path = p.display().to_string();
        move |source| InitError::Io { path, source }
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(dir.display().to_string()));
        }
    }
    let name = municipality
        .map(str::to_string)
        .unwrap_or_else(|| name_from_dir(dir));
    let mut files: Vec<(String, String)> = vec![
        ("site.toml".into(), fill(SITE_TOML, &name)),
        (".gitignore".into(), GITIGNORE.into()),
        (
            "content/organen/gemeenteraad.md".into(),
            fill(GEMEENTERAAD, &name),
        ),
        ("content/organen/college.md".into(), COLLEGE.into()),
        (".githooks/pre-commit".into(), PRE_COMMIT.into()),
        (
            ".github/workflows/besluitspoor.yml".into(),
            fill(GITHUB, &name),
        ),
        (".gitlab-ci.yml".into(), fill(GITLAB, &name)),
    ];
    // Empty kind folders are kept in git by a `.gitkeep` (files starting
    // with a dot are not content).
    for &k in Kind::ALL {
        if k != Kind::Orgaan {
            files.push((format!("content/{}/.gitkeep", k.folder()), String::new()));
        }
    }
    for (k, schema) in crate::schema::all() {
        let mut text = serde_json::to_string_pretty(&schema).expect("json");
        text.push('\n');
        files.push((format!("{SCHEMA_DIR}/{}.json", k.name()), text));
    }

    let mut created = Vec::new();
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io(&path))?;
        std::io::Write::write_all(&mut f, text.as_bytes()).map_err(io(&path))?;
        created.push(rel.clone());
    }
    set_executable(&dir.join(".githooks/pre-commit")).map_err(io(&dir.join(".githooks")))?;
    let git = git && enable_git(dir);
    Ok(Created {
        files: created,
        git,
    })
}

fn set_executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut perm = std::fs::metadata(path)?.permissions();
    perm.set_mode(0o755);
    std::fs::set_permissions(path, perm)
}

/// `git init` when `dir` is in no repository, then point git at the hooks.
/// False when git is not available or `dir` is already in a repository.
fn enable_git(dir: &Path) -> bool {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    // Inside an existing repository the hook path would be relative to its
    // top, not to this site: leave that repository's settings alone.
    if git(&["rev-parse", "--git-dir"]) {
        return false;
    }
    git(&["init", "--quiet"]) && git(&["config", "core.hooksPath", ".githooks"])
}

/// The site root that `init` made, for messages.
pub fn describe(dir: &Path, created: &Created) -> String {
    let shown: PathBuf = dir.to_path_buf();
    let mut s = format!(
        "Created a besluitspoor site in {} ({} files)",
        shown.display(),
        created.files.len()
    );
    if created.git {
        s.push_str("; git repository ready, pre-commit hook enabled");
    } else {
        s.push_str(
            "; run `git init && git config core.hooksPath .githooks` to enable the pre-commit hook",
        );
    }
    s.push_str(&format!(
        "\nNext: cd {} && besluitspoor new vergadering && besluitspoor serve",
        shown.display()
    ));
    s
}
