//! Stage 5, publish: write the rendered files into a staging directory next
//! to the output, then swap it in with one rename.
//!
//! A failed build never touches the output. The output directory must not be
//! (or contain) the site root, `content/` or `themes/`, and an existing
//! output must carry the marker file of an earlier besluitspoor build, so a
//! mistyped `--output` can never delete a user's folder.

use std::ffi::CString;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Name of the marker file written into every build.
pub const MARKER: &str = ".besluitspoor-build";

/// One output file: a `/`-separated path under the output and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A file copied byte for byte from the site (attachments, theme assets).
#[derive(Debug, Clone)]
pub struct CopiedFile {
    pub path: String,
    pub source: PathBuf,
}

#[derive(Debug, Error)]
pub enum PublishError {
    #[error("refusing to write the site to {output}: it {relation} {what}; choose an output folder outside the site's sources")]
    Unsafe {
        output: String,
        relation: &'static str,
        what: String,
    },
    #[error("refusing to replace {0}: it exists, is not empty and was not made by besluitspoor (no {MARKER} file)")]
    NotOurs(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> PublishError + '_ {
    move |source| PublishError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Makes `path` absolute and normalises `.`/`..` without requiring it to
/// exist (its existing ancestors are canonicalised).
fn absolute(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        if name == ".." {
            out.pop();
        } else if name != "." {
            out.push(name);
        }
    }
    out
}

/// Refuses an output that is or contains the site root, `content/` or
/// `themes/`, or lies inside `content/` or `themes/`.
pub fn check_output(root: &Path, output: &Path) -> Result<(), PublishError> {
    let out = absolute(output);
    let root = absolute(root);
    let shown = output.display().to_string();
    for (dir, what) in [
        (root.clone(), "the site root".to_string()),
        (root.join("content"), "content/".to_string()),
        (root.join("themes"), "themes/".to_string()),
    ] {
        if dir.starts_with(&out) {
            return Err(PublishError::Unsafe {
                output: shown,
                relation: if dir == out { "is" } else { "contains" },
                what,
            });
        }
        if what != "the site root" && out.starts_with(&dir) {
            return Err(PublishError::Unsafe {
                output: shown,
                relation: "is inside",
                what,
            });
        }
    }
    Ok(())
}

/// Writes `files` and `copies` into a fresh staging directory beside
/// `output`, then swaps it in atomically. The previous build is removed only
/// after the swap succeeded.
pub fn publish(
    root: &Path,
    output: &Path,
    files: &[OutputFile],
    copies: &[CopiedFile],
) -> Result<(), PublishError> {
    Staging::create(root, output)?.finish(files, copies)
}

/// A staging directory beside the output, filled while the site renders
/// (`build` writes each page as soon as it is rendered, so the pages are
/// never all in memory) and swapped in by [`Staging::finish`]. Dropped
/// unfinished, it is removed and the output stays as it was.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    finished: bool,
}

impl Staging {
    /// Checks `output` as [`publish`] does and makes a fresh staging
    /// directory beside it.
    pub fn create(root: &Path, output: &Path) -> Result<Staging, PublishError> {
        check_output(root, output)?;
        let output = absolute(output);
        if output.exists() && !output.join(MARKER).exists() {
            let empty = fs::read_dir(&output)
                .map_err(io_err(&output))?
                .next()
                .is_none();
            if !empty {
                return Err(PublishError::NotOurs(output.display().to_string()));
            }
        }
        let parent = output.parent().unwrap_or(Path::new("/")).to_path_buf();
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let dir = beside(&output, "staging");
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        }
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(Staging {
            output,
            dir,
            finished: false,
        })
    }

    /// Writes one file into the staging directory (from any thread).
    pub fn write(&self, file: &OutputFile) -> Result<(), PublishError> {
        let p = self.dir.join(&file.path);
        if let Some(d) = p.parent() {
            fs::create_dir_all(d).map_err(io_err(d))?;
        }
        fs::write(&p, &file.bytes).map_err(io_err(&p))
    }

    /// Writes `files` and `copies` and swaps the staging directory in.
    pub fn finish(
        mut self,
        files: &[OutputFile],
        copies: &[CopiedFile],
    ) -> Result<(), PublishError> {
        let result =
            write_tree(&self.dir, files, copies).and_then(|_| swap(&self.dir, &self.output));
        // Swapped in, or to be removed by `drop`.
        self.finished = result.is_ok();
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished && self.dir.exists() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// A working folder of this process next to the output folder:
/// `beside("site/public", "staging")` is `site/.public.staging-<pid>`, on
/// the same file system, so it can be swapped in with a rename.
pub fn beside(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = output.parent().unwrap_or(Path::new("/"));
    parent.join(format!(".{name}.{what}-{}", std::process::id()))
}

/// Makes the folders that the files at `paths` (relative) need under
/// `root`, each once.
fn make_parents<'a>(root: &Path, paths: impl Iterator<Item = &'a str>) -> Result<(), PublishError> {
    let mut dirs: Vec<PathBuf> = paths
        .filter_map(|p| Path::new(p).parent().map(|d| root.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    use rayon::prelude::*;
    dirs.par_iter()
        .try_for_each(|d| fs::create_dir_all(d).map_err(io_err(d)))
}

fn write_tree(
    staging: &Path,
    files: &[OutputFile],
    copies: &[CopiedFile],
) -> Result<(), PublishError> {
    fs::create_dir_all(staging).map_err(io_err(staging))?;
    make_parents(
        staging,
        files
            .iter()
            .map(|f| f.path.as_str())
            .chain(copies.iter().map(|c| c.path.as_str())),
    )?;
    use rayon::prelude::*;
    files.par_iter().try_for_each(|f| {
        let p = staging.join(&f.path);
        fs::write(&p, &f.bytes).map_err(io_err(&p))
    })?;
    copies.par_iter().try_for_each(|c| {
        let p = staging.join(&c.path);
        fs::copy(&c.source, &p).map(|_| ()).map_err(io_err(&p))
    })?;
    let marker = staging.join(MARKER);
    fs::write(
        &marker,
        b"made by besluitspoor; this folder is replaced on every build\n",
    )
    .map_err(io_err(&marker))?;
    Ok(())
}

/// Hard-links `paths` from `from` into `staging` (made by [`write_tree`]).
fn link_tree(from: &Path, staging: &Path, paths: &[String]) -> Result<(), PublishError> {
    if paths.is_empty() {
        return Ok(());
    }
    make_parents(staging, paths.iter().map(String::as_str))?;
    use rayon::prelude::*;
    paths.par_iter().try_for_each(|p| {
        let (src, dst) = (from.join(p), staging.join(p));
        fs::hard_link(&src, &dst)
            .or_else(|_| fs::copy(&src, &dst).map(|_| ()))
            .map_err(io_err(&src))
    })
}

/// Makes `spare` a copy of the build published at `output`, of hard links
/// (copies where linking fails), for [`publish_delta`] to bring up to date
/// later: whatever was at `spare` is removed first. `watch` runs this in the
/// background after a full build, so the first change after it costs what
/// changed, not a link per file of the site.
///
/// Errors: `output` is not a besluitspoor build, or a file cannot be read
/// or linked.
pub fn mirror(output: &Path, spare: &Path) -> Result<(), PublishError> {
    if !output.join(MARKER).exists() {
        return Err(PublishError::NotOurs(output.display().to_string()));
    }
    match fs::remove_dir_all(spare) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(spare)(e)),
    }
    fs::create_dir_all(spare).map_err(io_err(spare))?;
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(output) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(output).to_path_buf();
            PublishError::Io {
                path: path.display().to_string(),
                source: e.into(),
            }
        })?;
        if entry.file_type().is_file() {
            if let Ok(rel) = entry.path().strip_prefix(output) {
                paths.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    link_tree(output, spare, &paths)
}

/// As [`publish`], and the files at the paths in `reuse` are taken from the
/// current output by hard link (a copy where linking fails); the build that
/// was live is kept at `keep` (replacing what was there) instead of removed,
/// for [`publish_delta`]. Published files are never written in place, so
/// the two builds may share them. Returns false when there was no earlier
/// build to keep.
pub fn publish_keeping(
    root: &Path,
    output: &Path,
    files: &[OutputFile],
    copies: &[CopiedFile],
    reuse: &[String],
    keep: &Path,
) -> Result<bool, PublishError> {
    if keep.exists() {
        fs::remove_dir_all(keep).map_err(io_err(keep))?;
    }
    let mut st = Staging::create(root, output)?;
    write_tree(&st.dir, files, copies)?;
    link_tree(&st.output, &st.dir, reuse)?;
    if !st.output.exists() {
        fs::rename(&st.dir, &st.output).map_err(io_err(&st.output))?;
        st.finished = true;
        return Ok(false);
    }
    exchange(&st.dir, &st.output).map_err(io_err(&st.output))?;
    st.finished = true;
    fs::rename(&st.dir, keep).map_err(io_err(keep))?;
    Ok(true)
}

/// What [`publish_delta`] changes in the spare build.
#[derive(Debug, Default)]
pub struct Delta<'a> {
    /// Files written with new bytes.
    pub files: &'a [OutputFile],
    pub copies: &'a [CopiedFile],
    /// Paths taken from the current output by hard link.
    pub from_output: &'a [String],
    /// Paths removed from the spare build.
    pub remove: &'a [String],
}

/// Double buffering for `watch`: `spare` holds an earlier build (kept by
/// [`publish_keeping`] or an earlier `publish_delta`); `delta` brings it up
/// to the new build, and one `renameat2(RENAME_EXCHANGE)` swaps it in, so
/// the cost follows the size of the change, not of the site. Every file is
/// replaced by a rename, never written in place: the two builds share
/// files through hard links. Afterwards `spare` holds the build that was
/// live. On an error the output is untouched and `spare` must be dropped.
pub fn publish_delta(
    root: &Path,
    output: &Path,
    spare: &Path,
    delta: &Delta<'_>,
) -> Result<(), PublishError> {
    check_output(root, output)?;
    let output = absolute(output);
    if !spare.join(MARKER).exists() || !output.join(MARKER).exists() {
        return Err(PublishError::NotOurs(spare.display().to_string()));
    }
    for p in delta.remove {
        let f = spare.join(p);
        match fs::remove_file(&f) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(&f)(e)),
        }
        // Folders left empty go too, as in a fresh build.
        let mut dir = f.parent();
        while let Some(d) = dir.filter(|d| *d != spare) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    make_parents(
        spare,
        delta
            .files
            .iter()
            .map(|f| f.path.as_str())
            .chain(delta.copies.iter().map(|c| c.path.as_str()))
            .chain(delta.from_output.iter().map(String::as_str)),
    )?;
    use rayon::prelude::*;
    let replace = |p: &str, make: &dyn Fn(&Path) -> io::Result<()>| {
        let dst = spare.join(p);
        let tmp = PathBuf::from(format!("{}.besluitspoor-tmp", dst.display()));
        let _ = fs::remove_file(&tmp);
        make(&tmp)
            .and_then(|_| fs::rename(&tmp, &dst))
            .map_err(io_err(&dst))
    };
    delta
        .files
        .par_iter()
        .try_for_each(|f| replace(&f.path, &|t| fs::write(t, &f.bytes)))?;
    delta
        .copies
        .par_iter()
        .try_for_each(|c| replace(&c.path, &|t| fs::copy(&c.source, t).map(|_| ())))?;
    delta.from_output.par_iter().try_for_each(|p| {
        let src = output.join(p);
        replace(p, &|t| {
            fs::hard_link(&src, t).or_else(|_| fs::copy(&src, t).map(|_| ()))
        })
    })?;
    exchange(spare, &output).map_err(io_err(&output))
}

/// Swaps `staging` in as `output`: one `renameat2(RENAME_EXCHANGE)` when
/// the output exists (Linux), a plain rename when it does not; then removes
/// the old build.
fn swap(staging: &Path, output: &Path) -> Result<(), PublishError> {
    if !output.exists() {
        return fs::rename(staging, output).map_err(io_err(output));
    }
    if exchange(staging, output).is_ok() {
        // `staging` now holds the previous build.
        return fs::remove_dir_all(staging).map_err(io_err(staging));
    }
    // Fallback for file systems without RENAME_EXCHANGE: two renames.
    let old = staging.with_extension("old");
    fs::rename(output, &old).map_err(io_err(output))?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(&old, output);
        return Err(io_err(output)(e));
    }
    fs::remove_dir_all(&old).map_err(io_err(&old))
}

fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD with absolute
    // paths; renameat2 only reads them.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An output file with text content.
    fn f(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.into(),
        }
    }

    #[test]
    fn output_equal_to_or_containing_sources_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output(&root, &root).is_err());
        assert!(check_output(&root, dir.path()).is_err());
        assert!(check_output(&root, &root.join("content")).is_err());
        assert!(check_output(&root, &root.join("content/x")).is_err());
        assert!(check_output(&root, &root.join("themes")).is_err());
        assert!(check_output(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn a_foreign_folder_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let out = dir.path().join("docs");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.odt"), b"mine").unwrap();
        let err = publish(&root, &out, &[], &[]).unwrap_err();
        assert!(matches!(err, PublishError::NotOurs(_)));
        assert_eq!(fs::read(out.join("thesis.odt")).unwrap(), b"mine");
    }

    #[test]
    fn reused_files_are_linked_from_the_current_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let out = dir.path().join("public");
        publish(
            &root,
            &out,
            &[f("a/index.html", "1"), f("b/c/index.html", "x")],
            &[],
        )
        .unwrap();
        let keep = dir.path().join("spare");
        publish_keeping(
            &root,
            &out,
            &[f("a/index.html", "2")],
            &[],
            &["b/c/index.html".into()],
            &keep,
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert_eq!(fs::read_to_string(out.join("b/c/index.html")).unwrap(), "x");
        assert!(out.join(MARKER).exists());
        let missing = publish_keeping(&root, &out, &[], &[], &["gone.html".into()], &keep);
        assert!(missing.is_err());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
    }

    #[test]
    fn a_staging_dropped_unfinished_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let out = dir.path().join("public");
        publish(&root, &out, &[f("a/index.html", "1")], &[]).unwrap();
        let staging = Staging::create(&root, &out).unwrap();
        staging.write(&f("b/c/index.html", "2")).unwrap();
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "1");
        assert!(!out.join("b").exists());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folder left"
        );
        let staging = Staging::create(&root, &out).unwrap();
        staging.write(&f("b/c/index.html", "2")).unwrap();
        staging.finish(&[f("d.html", "3")], &[]).unwrap();
        assert_eq!(fs::read_to_string(out.join("b/c/index.html")).unwrap(), "2");
        assert_eq!(fs::read_to_string(out.join("d.html")).unwrap(), "3");
        assert!(!out.join("a").exists());
        assert!(out.join(MARKER).exists());
    }

    #[test]
    fn second_publish_replaces_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let out = dir.path().join("public");
        publish(
            &root,
            &out,
            &[f("a/index.html", "1"), f("old.html", "x")],
            &[],
        )
        .unwrap();
        publish(&root, &out, &[f("a/index.html", "2")], &[]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder left behind");
    }
}
