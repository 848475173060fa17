//! Git is the audit trail: every commit that changed a content file, with
//! date, author and message, and which front-matter fields changed.
//!
//! Read with gix (no `git` process). The walk follows first parents from
//! HEAD, so a change merged from a branch is dated by the merge: the moment
//! it reached the published branch. A shallow clone or a folder that is not
//! a repository still builds; [`Status`] says what is missing.

use std::collections::BTreeMap;
use std::path::Path;

use gix::ObjectId;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use super::{source, yaml};

/// How complete the history is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Full history of the branch.
    Complete,
    /// A shallow clone: the oldest commits are missing, so a file present in
    /// the oldest available commit may be older than it appears.
    Shallow,
    /// The site is not inside a git repository (or it has no commits).
    NotARepository,
    /// The repository could not be read; the message says why.
    Unreadable(String),
}

impl Status {
    /// A note for readers when the history is incomplete.
    pub fn note(&self) -> Option<String> {
        match self {
            Status::Complete => None,
            Status::Shallow => Some(
                "De versiegeschiedenis is onvolledig (shallow clone): publicatiedata van de oudste stukken kunnen later lijken dan ze zijn.".into(),
            ),
            Status::NotARepository => Some(
                "Deze site is niet gebouwd uit een git-repository: er is geen versiegeschiedenis en de publicatiedatum is de bouwdatum, tenzij `gepubliceerd` is ingevuld.".into(),
            ),
            Status::Unreadable(e) => Some(format!(
                "De versiegeschiedenis kon niet worden gelezen ({e}); de publicatiedatum is de bouwdatum, tenzij `gepubliceerd` is ingevuld."
            )),
        }
    }
}

/// One changed front-matter field between two versions; `None` means the
/// key was absent. Keys are dotted paths (`opvolging.status`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub key: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// One commit that changed a file.
#[derive(Debug, Clone)]
pub struct Version {
    /// Abbreviated commit id (12 hex digits).
    pub commit: String,
    /// Commit (committer) date in the site's time zone.
    pub date: Date,
    /// Commit time as seconds since 1970, for feeds.
    pub seconds: i64,
    /// Author name (never the e-mail address).
    pub author: String,
    /// First line of the commit message.
    pub message: String,
    /// True for the commit that added the file.
    pub added: bool,
    /// Front-matter fields that changed against the previous version
    /// (empty for the first version).
    pub changes: Vec<FieldChange>,
    /// True when the body text changed.
    pub body_changed: bool,
}

/// What git says about the site's content files.
#[derive(Debug, Clone)]
pub struct History {
    pub status: Status,
    /// Versions per file, oldest first, keyed by path relative to the site
    /// root (`content/besluiten/x.md`).
    pub files: BTreeMap<String, Vec<Version>>,
}

impl History {
    pub fn none(status: Status) -> History {
        History {
            status,
            files: BTreeMap::new(),
        }
    }

    /// The date a file was first published: the commit that added it. For
    /// a shallow clone, a file already present in the oldest available
    /// commit has no exact date: `None`.
    pub fn first_added(&self, path: &str) -> Option<Date> {
        let first = self.files.get(path)?.first()?;
        first.added.then_some(first.date)
    }
}

/// Reads the history of every file under `root/content` from the git
/// repository that contains `root`.
pub fn read(root: &Path, tz: &TimeZone) -> History {
    match read_inner(root, tz) {
        Ok(h) => h,
        Err(status) => History::none(status),
    }
}

struct Change {
    path: String,
    blob: Option<ObjectId>,
}

fn read_inner(root: &Path, tz: &TimeZone) -> Result<History, Status> {
    let unreadable = |e: &dyn std::fmt::Display| Status::Unreadable(e.to_string());
    let repo = gix::discover(root).map_err(|_| Status::NotARepository)?;
    let Some(workdir) = repo.workdir() else {
        return Err(Status::NotARepository);
    };
    let workdir = std::fs::canonicalize(workdir).map_err(|e| unreadable(&e))?;
    let root_abs = std::fs::canonicalize(root).map_err(|e| unreadable(&e))?;
    let Ok(site_prefix) = root_abs.strip_prefix(&workdir) else {
        return Err(Status::NotARepository);
    };
    let site_prefix = crate::diagnostics::display_path(Path::new(""), site_prefix);
    let content_prefix = if site_prefix.is_empty() {
        "content".to_string()
    } else {
        format!("{site_prefix}/content")
    };
    let shallow = repo.is_shallow().map_err(|e| unreadable(&e))?;
    let head = match repo.head_id() {
        Ok(id) => id.detach(),
        Err(_) => return Err(Status::NotARepository),
    };

    // Newest first along first parents.
    let walk = repo
        .rev_walk([head])
        .first_parent_only()
        .all()
        .map_err(|e| unreadable(&e))?;
    let mut per_file: BTreeMap<String, Vec<(Version, Option<ObjectId>)>> = BTreeMap::new();
    for info in walk {
        let info = info.map_err(|e| unreadable(&e))?;
        let commit = info.object().map_err(|e| unreadable(&e))?;
        let parent = info.parent_ids().next().map(|p| p.detach());
        let tree_of = |commit_id: ObjectId| -> Result<Option<ObjectId>, Status> {
            let c = repo.find_commit(commit_id).map_err(|e| unreadable(&e))?;
            let tree = c.tree().map_err(|e| unreadable(&e))?;
            let entry = tree
                .lookup_entry_by_path(&content_prefix)
                .map_err(|e| unreadable(&e))?;
            Ok(entry.filter(|e| e.mode().is_tree()).map(|e| e.object_id()))
        };
        let new_tree = tree_of(info.id)?;
        // A parent missing from a shallow clone behaves like no parent.
        let old_tree = match parent {
            Some(p) if repo.find_commit(p).is_ok() => tree_of(p)?,
            _ => None,
        };
        let has_parent = parent.is_some_and(|p| repo.find_commit(p).is_ok());
        let mut changes = Vec::new();
        diff_trees(&repo, old_tree, new_tree, "content", &mut changes)
            .map_err(|e| unreadable(&e))?;
        if changes.is_empty() {
            continue;
        }
        let time = commit.time().map_err(|e| unreadable(&e))?;
        let seconds = time.seconds;
        let date = Timestamp::from_second(seconds)
            .map_err(|e| unreadable(&e))?
            .to_zoned(tz.clone())
            .date();
        let author = commit
            .author()
            .map(|a| a.name.to_string())
            .unwrap_or_default();
        let message = commit
            .message()
            .map(|m| m.summary().to_string())
            .unwrap_or_default();
        let short = info.id.to_hex_with_len(12).to_string();
        for change in changes {
            let Some(blob) = change.blob else {
                continue; // deletions end a file's history; nothing to show
            };
            per_file.entry(change.path).or_default().push((
                Version {
                    commit: short.clone(),
                    date,
                    seconds,
                    author: author.clone(),
                    message: message.clone(),
                    // Provisional: set below from the oldest version.
                    added: has_parent || !shallow,
                    changes: Vec::new(),
                    body_changed: false,
                },
                Some(blob),
            ));
        }
    }

    let mut files = BTreeMap::new();
    for (path, mut versions) in per_file {
        versions.reverse(); // oldest first
        let mut prev: Option<(BTreeMap<String, String>, String)> = None;
        let mut out = Vec::with_capacity(versions.len());
        for (i, (mut v, blob)) in versions.into_iter().enumerate() {
            // Only the oldest version can be the one that added the file;
            // in a shallow clone it counts only if its commit has a parent.
            v.added = i == 0 && v.added;
            let parsed = blob.and_then(|b| read_version(&repo, b));
            if let (Some((old_fields, old_body)), Some((fields, body))) = (&prev, &parsed) {
                v.changes = field_changes(old_fields, fields);
                v.body_changed = old_body != body;
            }
            if parsed.is_some() {
                prev = parsed;
            }
            out.push(v);
        }
        files.insert(path, out);
    }
    Ok(History {
        status: if shallow {
            Status::Shallow
        } else {
            Status::Complete
        },
        files,
    })
}

/// Collects the `.md` files that differ between two trees, recursing only
/// into subtrees whose ids differ.
fn diff_trees(
    repo: &gix::Repository,
    old: Option<ObjectId>,
    new: Option<ObjectId>,
    path: &str,
    out: &mut Vec<Change>,
) -> Result<(), String> {
    if old == new {
        return Ok(());
    }
    let entries = |id: Option<ObjectId>| -> Result<BTreeMap<String, (ObjectId, bool)>, String> {
        let mut map = BTreeMap::new();
        if let Some(id) = id {
            let tree = repo.find_tree(id).map_err(|e| e.to_string())?;
            let decoded = tree.decode().map_err(|e| e.to_string())?;
            for e in decoded.entries {
                map.insert(e.filename.to_string(), (e.oid.to_owned(), e.mode.is_tree()));
            }
        }
        Ok(map)
    };
    let old_entries = entries(old)?;
    let new_entries = entries(new)?;
    let mut names: Vec<&String> = old_entries.keys().chain(new_entries.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let o = old_entries.get(name).copied();
        let n = new_entries.get(name).copied();
        if o == n {
            continue;
        }
        let child = format!("{path}/{name}");
        let subtree = |e: Option<(ObjectId, bool)>| e.filter(|(_, t)| *t).map(|(id, _)| id);
        let blob = |e: Option<(ObjectId, bool)>| e.filter(|(_, t)| !*t).map(|(id, _)| id);
        if subtree(o).is_some() || subtree(n).is_some() {
            diff_trees(repo, subtree(o), subtree(n), &child, out)?;
        }
        if name.ends_with(".md") && blob(o) != blob(n) {
            out.push(Change {
                path: child,
                blob: blob(n),
            });
        }
    }
    Ok(())
}

/// The front matter of one version as flattened `key → value` pairs, and
/// its body.
fn read_version(
    repo: &gix::Repository,
    blob: ObjectId,
) -> Option<(BTreeMap<String, String>, String)> {
    let data = repo.find_blob(blob).ok()?.data.clone();
    let split = source::split(&data).ok()?;
    let node = yaml::parse(&split.front_matter, split.front_matter_line).ok()??;
    let mut fields = BTreeMap::new();
    flatten(&node, String::new(), &mut fields);
    Some((fields, split.body))
}

fn flatten(node: &yaml::Node, prefix: String, out: &mut BTreeMap<String, String>) {
    match node {
        yaml::Node::Scalar { value, .. } => {
            out.insert(prefix, value.clone());
        }
        yaml::Node::Map { entries, .. } => {
            for (k, v) in entries {
                let key = if prefix.is_empty() {
                    k.name.clone()
                } else {
                    format!("{prefix}.{}", k.name)
                };
                flatten(v, key, out);
            }
        }
        yaml::Node::Seq { items, .. } => {
            if items.iter().all(|i| matches!(i, yaml::Node::Scalar { .. })) {
                let joined = items
                    .iter()
                    .filter_map(|i| match i {
                        yaml::Node::Scalar { value, .. } => Some(value.as_str()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                out.insert(prefix, joined);
            } else {
                for (n, item) in items.iter().enumerate() {
                    flatten(item, format!("{prefix}[{}]", n + 1), out);
                }
            }
        }
    }
}

fn field_changes(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Vec<FieldChange> {
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .map(|k| FieldChange {
            key: k.clone(),
            from: old.get(k).cloned(),
            to: new.get(k).cloned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_changes_name_the_changed_keys() {
        let mut a = BTreeMap::new();
        flatten(
            &yaml::parse("opvolging:\n  status: openstaand\ntitel: x\n", 2)
                .unwrap()
                .unwrap(),
            String::new(),
            &mut a,
        );
        let mut b = BTreeMap::new();
        flatten(
            &yaml::parse(
                "opvolging:\n  status: voldaan\n  afgedaan_met: rib-1\ntitel: x\n",
                2,
            )
            .unwrap()
            .unwrap(),
            String::new(),
            &mut b,
        );
        let c = field_changes(&a, &b);
        assert_eq!(
            c,
            vec![
                FieldChange {
                    key: "opvolging.afgedaan_met".into(),
                    from: None,
                    to: Some("rib-1".into())
                },
                FieldChange {
                    key: "opvolging.status".into(),
                    from: Some("openstaand".into()),
                    to: Some("voldaan".into())
                },
            ]
        );
    }

    #[test]
    fn a_folder_without_git_has_no_history() {
        let dir = tempfile::tempdir().unwrap();
        let h = read(dir.path(), &TimeZone::UTC);
        assert_eq!(h.status, Status::NotARepository);
        assert!(h.status.note().is_some());
    }
}
