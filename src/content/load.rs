//! The load stage: every file under `content/` → typed [`Item`]s.
//!
//! Files are found with walkdir in sorted order and parsed in parallel;
//! results keep that order. `geheim: true` items are dropped here, before
//! any later stage can see them (content-format.md, "Confidentiality").

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::fields::Ctx;
use super::frontmatter::{decode, FileDirs};
use super::{source, yaml};
use crate::diagnostics::{display_path, Diagnostics, Pos};
use crate::model::{Item, Kind};

/// What loading found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Public items, in sorted file order.
    pub items: Vec<Item>,
    /// Ids of `geheim` items and their files: they exist for nobody but the
    /// link checker, which refuses public references to them.
    pub geheim: BTreeMap<String, String>,
    /// Every id seen (public and geheim) with its file and position, in file
    /// order, for the duplicate check.
    pub ids: Vec<(String, String, Pos)>,
    pub diagnostics: Diagnostics,
    /// Number of content files read.
    pub files: usize,
    /// Ids (from file names) of files that could not be read; see
    /// [`FileResult::unread_id`].
    pub unread: std::collections::BTreeSet<String>,
}

/// One content file found by the walk.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub path: PathBuf,
    pub kind: Kind,
}

/// A file under `content/` (outside `bijlagen/`) that is not read as
/// content: an error when its name says the author meant a content file
/// (`.markdown`, `.MD`, `.md.txt`, `.txt`: it would vanish from the site
/// without a word), a warning for anything else (an attachment in the wrong
/// place). Editors' backup files (`~`, `.swp`, `.tmp`, `.bak`) are ignored.
fn report_not_content(root: &Path, path: &Path, diags: &mut Diagnostics) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_lowercase();
    if lower.ends_with('~') || [".swp", ".tmp", ".bak"].iter().any(|e| lower.ends_with(e)) {
        return;
    }
    let stem = [
        ".md.txt",
        ".markdown.txt",
        ".markdown",
        ".mdown",
        ".md",
        ".txt",
    ]
    .iter()
    .find_map(|e| lower.strip_suffix(e).map(|_| &name[..name.len() - e.len()]));
    let shown = display_path(root, path);
    match stem {
        Some(stem) => diags.error(
            &shown,
            Pos::START,
            format!("only files ending in `.md` are read as content; rename it to `{stem}.md`"),
        ),
        None => diags.warning(
            &shown,
            Pos::START,
            "not published: only `.md` files are content, and attachments go in a `bijlagen/` folder",
        ),
    }
}

/// Lists the Markdown files under `root/content`, sorted, with their kind.
/// Files outside a kind folder are reported.
pub fn find_files(root: &Path, diags: &mut Diagnostics) -> Vec<ContentFile> {
    let content = root.join("content");
    let mut files = Vec::new();
    let walker = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.') || (e.file_type().is_dir() && name == "bijlagen"))
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_default();
                diags.error(&path, Pos::START, format!("cannot read: {err}"));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            report_not_content(root, path, diags);
            continue;
        }
        let rel = path.strip_prefix(&content).unwrap_or(path);
        let mut comps = rel.components();
        let first = comps
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let in_folder = comps.next().is_some();
        let kind = first
            .as_deref()
            .filter(|_| in_folder)
            .and_then(Kind::from_folder);
        match kind {
            Some(kind) => files.push(ContentFile {
                path: path.to_path_buf(),
                kind,
            }),
            None => {
                let folders = Kind::ALL
                    .iter()
                    .map(|k| format!("{}/", k.folder()))
                    .collect::<Vec<_>>()
                    .join(", ");
                diags.error(
                    &display_path(root, path),
                    Pos::START,
                    format!("content files must be in one of the kind folders {folders}"),
                );
            }
        }
    }
    files
}

/// The result of reading one file.
#[derive(Debug, Clone)]
pub struct FileResult {
    pub item: Option<Item>,
    pub geheim: bool,
    pub id: Option<(String, Pos)>,
    /// For a file whose front matter could not be read at all (split or
    /// YAML errors): its file name, when that is a valid id. References to
    /// it are then not reported a second time as pointing nowhere.
    pub unread_id: Option<String>,
    pub path: String,
    pub diagnostics: Diagnostics,
}

/// Reads, splits, parses and decodes one file.
pub fn load_file(root: &Path, file: &ContentFile) -> FileResult {
    let path = display_path(root, &file.path);
    let ctx = Ctx::new(path.clone());
    let (item, geheim, id) = match std::fs::read(&file.path) {
        Err(e) => {
            ctx.error(Pos::START, format!("cannot read the file: {e}"));
            (None, false, None)
        }
        Ok(bytes) => match source::split(&bytes) {
            Err(e) => {
                ctx.error(e.pos(), e.to_string());
                (None, false, None)
            }
            Ok(split) => match yaml::parse(&split.front_matter, split.front_matter_line) {
                Err(errors) => {
                    for e in errors {
                        ctx.error(e.pos, e.message);
                    }
                    (None, false, None)
                }
                Ok(None) => {
                    ctx.error(
                        Pos::new(split.front_matter_line, 1),
                        "the front matter is empty; expected keys such as `titel:` and `datum:`",
                    );
                    (None, false, None)
                }
                Ok(Some(node)) => {
                    let depth = super::markdown::max_depth(&split.body);
                    if depth > super::markdown::MAX_DEPTH {
                        let body_line =
                            split.front_matter_line + split.front_matter.lines().count() + 1;
                        ctx.error(
                            Pos::new(body_line, 1),
                            format!(
                                "the text nests {depth} levels deep (quotes, lists or emphasis); at most {} can be published",
                                super::markdown::MAX_DEPTH
                            ),
                        );
                    }
                    let stem = file
                        .path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let dir = file.path.parent().unwrap_or(root);
                    let content = root.join("content");
                    let dirs = FileDirs {
                        content: &content,
                        dir,
                    };
                    let d = decode(&ctx, &node, file.kind, &stem, split.body, &dirs);
                    (d.item, d.geheim, d.id)
                }
            },
        },
    };
    let unread_id = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|stem| id.is_none() && item.is_none() && super::fields::is_valid_id(stem));
    FileResult {
        item,
        geheim,
        id,
        unread_id,
        path,
        diagnostics: ctx.into_diagnostics(),
    }
}

/// Loads every content file of the site at `root`.
pub fn load(root: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let files = find_files(root, &mut loaded.diagnostics);
    loaded.files = files.len();
    let results: Vec<FileResult> = files.par_iter().map(|f| load_file(root, f)).collect();
    for r in results {
        loaded.add(r);
    }
    loaded
}

impl Loaded {
    /// Adds the result of one file; files must be added in sorted order.
    /// (`watch` assembles a site from cached results this way.)
    pub fn add(&mut self, r: FileResult) {
        self.diagnostics.extend(r.diagnostics);
        if let Some(id) = r.unread_id {
            self.unread.insert(id);
        }
        if let Some((id, pos)) = &r.id {
            self.ids.push((id.clone(), r.path.clone(), *pos));
            if r.geheim {
                self.geheim.insert(id.clone(), r.path.clone());
            }
        }
        if !r.geheim {
            if let Some(item) = r.item {
                self.items.push(item);
            }
        }
    }
}
