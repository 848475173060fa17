//! The incremental rebuild: the same pipeline as `build`, with memory.
//!
//! - **Load**: every content file is read and hashed on each rebuild (fast:
//!   no parsing); only files whose content hash changed are parsed again,
//!   the others come from the cache of per-file results.
//! - **Link** and **git history** run in full (both are cheap); the history
//!   is re-read on every rebuild, so a commit's publication dates show up on
//!   the next one.
//! - **Changed items**: added, removed and re-parsed items, items whose
//!   derived title changed (a vergadering named after its orgaan) and items
//!   whose publication date or version history changed.
//! - **Render**: every output that is not an item page (lists, home,
//!   register, feeds, open data, search index) is rendered again; item pages
//!   only for the items [`super::deps::affected`] names.
//! - **Publish**: a staging folder of the re-rendered files plus hard links
//!   to the unchanged ones of the current output, swapped in atomically.
//!
//! A change of `site.toml`, the theme, an attachment or the reference date
//! makes a full rebuild. The result is byte-identical to `build` of the same
//! tree (`tests/watch.rs` checks that on random edit sequences).

use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rayon::prelude::*;

use crate::build::Timings;
use crate::config;
use crate::content::history::History;
use crate::content::load::{self, ContentFile, FileResult, Loaded};
use crate::dates::reference_date;
use crate::diagnostics::{Diagnostics, Pos};
use crate::publish;
use crate::render::{self, theme, Scope};
use crate::site::{link::link, Site};

/// What a rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub diagnostics: Diagnostics,
    pub timings: Timings,
    /// True for a full rebuild.
    pub full: bool,
    /// Items whose content changed.
    pub changed: usize,
    /// Files written (rendered) and files linked from the previous output.
    pub written: usize,
    pub reused: usize,
    /// False when nothing changed and nothing was published.
    pub published: bool,
    /// True in the report of phase 1 of an incremental rebuild: the pages
    /// are live, the search index follows.
    pub search_pending: bool,
    /// When this rebuild wrote the search index: its parts, and how many
    /// of them were indexed (the others were kept).
    pub search_parts: Option<(usize, usize)>,
}

/// A rebuild that found errors: nothing was published, the last good site
/// stays.
#[derive(Debug)]
pub struct Failed {
    pub diagnostics: Diagnostics,
}

struct Cached {
    hash: u64,
    /// Size, modification and change time and inode when last read: while
    /// they stay the same the file is not read again. (A rebuild runs at
    /// least the debounce time after the last write, longer than the
    /// kernel's timestamp granularity, so a later write moves the times.)
    stamp: Option<Stamp>,
    result: FileResult,
}

type Stamp = (u64, i64, i64, i64, i64, u64);

fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((
        m.len(),
        m.mtime(),
        m.mtime_nsec(),
        m.ctime(),
        m.ctime_nsec(),
        m.ino(),
    ))
}

/// What decides between an incremental and a full rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    config: u64,
    theme: u64,
    reference_date: String,
}

struct Last {
    site: Arc<Site>,
    fingerprint: Fingerprint,
    /// Every path of the published output (files and copies).
    paths: BTreeSet<String>,
    /// Publication date and version history per item id, to see what a
    /// commit changed.
    history: BTreeMap<String, String>,
    /// Context hash of every page that is not an item page.
    hashes: BTreeMap<String, u64>,
}

/// The build before the live one, kept beside the output to be brought up
/// to date and swapped in (double buffering: a publish costs what changed).
struct Spare {
    dir: PathBuf,
    /// Every path of that build.
    paths: BTreeSet<String>,
    /// Paths where it differs from the live build.
    differs: BTreeSet<String>,
}

/// The incremental builder of one site and output folder.
pub struct Engine {
    root: PathBuf,
    output: PathBuf,
    date: Option<String>,
    verbose: bool,
    cache: BTreeMap<PathBuf, Cached>,
    last: Option<Last>,
    /// Set when an attachment changed: the next rebuild is full.
    force_full: bool,
    /// Content files (relative paths) changed since the last published
    /// build: a failed rebuild leaves its changes here for the next one.
    pending: BTreeSet<String>,
    /// Bumped by every published incremental rebuild: a search job of an
    /// older one is stale.
    generation: u64,
    search_pending: bool,
    spare: Option<Spare>,
    /// The spare being made after a full build ([`publish::mirror`]), on
    /// another thread; taken into `spare` before the next publish.
    mirror: Option<std::thread::JoinHandle<Option<Spare>>>,
    /// The git history, read again after a change in the git folder
    /// ([`Engine::history_changed`]) and on a full rebuild.
    history: Option<History>,
    /// The search index's parts of the last build, shared with the
    /// [`SearchJob`]: a change indexes only the parts it touches.
    index_parts: Arc<Mutex<crate::search::IndexParts>>,
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// Hash of every file under `dir` (names and bytes), 0 when it is absent.
fn hash_tree(dir: &Path) -> u64 {
    if !dir.exists() {
        return 0;
    }
    let mut h = std::hash::DefaultHasher::new();
    for e in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        h.write(e.path().as_os_str().as_encoded_bytes());
        if e.file_type().is_file() {
            h.write_u64(hash_bytes(&std::fs::read(e.path()).unwrap_or_default()));
        }
    }
    h.finish()
}

struct Clock {
    verbose: bool,
    timings: Timings,
    last: Instant,
}

impl Clock {
    fn lap(&mut self, phase: &'static str, what: impl FnOnce() -> String) {
        let ms = self.last.elapsed().as_secs_f64() * 1000.0;
        if self.verbose {
            eprintln!("  {} in {ms:.0} ms", what());
        }
        self.timings.phases.push((phase, ms));
        self.last = Instant::now();
    }
}

/// Publication date and versions of each item, as text, to compare.
fn history_of(site: &Site) -> BTreeMap<String, String> {
    site.items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            (
                it.id.clone(),
                format!(
                    "{:?}{:?}",
                    site.published.get(i),
                    site.history.files.get(&it.path)
                ),
            )
        })
        .collect()
}

impl Engine {
    pub fn new(root: &Path, output: Option<&Path>, date: Option<String>, verbose: bool) -> Engine {
        let output = output
            .map(Path::to_path_buf)
            .unwrap_or_else(|| root.join("public"));
        Engine {
            root: root.to_path_buf(),
            output,
            date,
            verbose,
            cache: BTreeMap::new(),
            last: None,
            force_full: false,
            pending: BTreeSet::new(),
            history: None,
            generation: 0,
            search_pending: false,
            spare: None,
            mirror: None,
            index_parts: Arc::default(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Makes the next rebuild a full one (an attachment or something else
    /// outside the cache changed).
    pub fn invalidate(&mut self) {
        self.force_full = true;
    }

    /// The git history changed (a commit, a checkout): read it again on
    /// the next rebuild.
    pub fn history_changed(&mut self) {
        self.history = None;
    }

    /// True once a build was published by this engine.
    pub fn has_site(&self) -> bool {
        self.last.is_some()
    }

    /// Reads every content file, re-parsing only those whose bytes changed.
    /// Returns the loaded files and the paths (relative) that changed.
    fn load(&mut self, diags: &mut Diagnostics) -> (Loaded, BTreeSet<String>) {
        let mut find_diags = Diagnostics::new();
        let files: Vec<ContentFile> = load::find_files(&self.root, &mut find_diags);
        let root = self.root.clone();
        let cache = &self.cache;
        // (hash, stamp, new result when re-parsed)
        let read: Vec<(u64, Option<Stamp>, Option<FileResult>)> = files
            .par_iter()
            .map(|f| {
                let st = stamp(&f.path);
                let cached = cache.get(&f.path);
                if let Some(c) = cached.filter(|c| st.is_some() && c.stamp == st) {
                    return (c.hash, st, None);
                }
                let hash = std::fs::read(&f.path).map(|b| hash_bytes(&b)).unwrap_or(0);
                match cached {
                    Some(c) if c.hash == hash && hash != 0 => (hash, st, None),
                    _ => (hash, st, Some(load::load_file(&root, f))),
                }
            })
            .collect();
        let mut changed: BTreeSet<String> = BTreeSet::new();
        let mut loaded = Loaded {
            files: files.len(),
            ..Loaded::default()
        };
        loaded.diagnostics.extend(find_diags);
        let present: BTreeSet<&PathBuf> = files.iter().map(|f| &f.path).collect();
        for (path, c) in &self.cache {
            if !present.contains(path) {
                changed.insert(c.result.path.clone());
            }
        }
        self.cache.retain(|p, _| present.contains(p));
        for (f, (hash, st, fresh)) in files.iter().zip(read) {
            if let Some(c) = self.cache.get_mut(&f.path) {
                c.stamp = st;
            }
            if let Some(result) = fresh {
                changed.insert(result.path.clone());
                self.cache.insert(
                    f.path.clone(),
                    Cached {
                        hash,
                        stamp: st,
                        result: result.clone(),
                    },
                );
                loaded.add(result);
            } else {
                loaded.add(self.cache[&f.path].result.clone());
            }
        }
        diags.extend(std::mem::take(&mut loaded.diagnostics));
        (loaded, changed)
    }

    /// Rebuilds and publishes. `full` forces a full render.
    pub fn rebuild(&mut self, full: bool) -> Result<Rebuilt, Failed> {
        self.rebuild_with(full, &mut |_| {})
    }

    /// As [`Engine::rebuild`]; an incremental rebuild publishes twice, and
    /// `on_live` sees the first: the pages are live, the search index
    /// (phase 2, a few seconds on a large site) follows.
    pub fn rebuild_with(
        &mut self,
        full: bool,
        on_live: &mut dyn FnMut(&Rebuilt),
    ) -> Result<Rebuilt, Failed> {
        let mut rebuilt = self.rebuild_pages(full)?;
        if !rebuilt.search_pending {
            return Ok(rebuilt);
        }
        on_live(&rebuilt);
        let job = self.search_job().expect("a published build");
        match self.apply_search(job.run()) {
            Some(Ok(search)) => {
                rebuilt.timings.phases.extend(search.timings.phases);
                rebuilt.search_pending = false;
                rebuilt.search_parts = search.search_parts;
                Ok(rebuilt)
            }
            Some(Err(errors)) => {
                let mut all = rebuilt.diagnostics;
                all.extend(errors.diagnostics);
                all.sort();
                Err(Failed { diagnostics: all })
            }
            None => Ok(rebuilt),
        }
    }

    /// Phase 1: everything but, after an incremental change, the search
    /// index, which stays one change behind until [`Engine::search_job`]'s
    /// result is applied (`search_pending`).
    pub fn rebuild_pages(&mut self, full: bool) -> Result<Rebuilt, Failed> {
        let mut clock = Clock {
            verbose: self.verbose,
            timings: Timings::default(),
            last: Instant::now(),
        };
        let mut diags = Diagnostics::new();
        let fail = |mut diagnostics: Diagnostics| {
            diagnostics.sort();
            Err(Failed { diagnostics })
        };
        let Some(cfg) = config::load(&self.root, &mut diags) else {
            return fail(diags);
        };
        let refdate = match reference_date(self.date.as_deref(), &cfg.tz()) {
            Ok(d) => d,
            Err(e) => {
                diags.error("--date", Pos::START, e.to_string());
                return fail(diags);
            }
        };
        let fingerprint = Fingerprint {
            config: hash_bytes(&std::fs::read(self.root.join("site.toml")).unwrap_or_default()),
            theme: hash_tree(&self.root.join("themes")),
            reference_date: refdate.to_string(),
        };
        let full = full
            || self.force_full
            || self
                .last
                .as_ref()
                .is_none_or(|l| l.fingerprint != fingerprint);
        if full {
            // Attachments are resolved while loading: read everything again.
            self.cache.clear();
        }
        let (loaded, changed_files) = self.load(&mut diags);
        self.pending.extend(changed_files.iter().cloned());
        let changed_files = self.pending.clone();
        clock.lap("load", || {
            format!(
                "Loaded {} files ({} read again)",
                loaded.files,
                changed_files.len()
            )
        });
        let tz = cfg.tz();
        let mut site = link(self.root.clone(), cfg, refdate, loaded, &mut diags);
        if full || self.history.is_none() {
            self.history = Some(crate::content::history::read(&self.root, &tz));
        }
        site.set_history(self.history.clone().expect("read above"));
        clock.lap("link", || format!("Linked {} items", site.items.len()));
        if diags.has_errors() {
            return fail(diags);
        }

        let history = history_of(&site);
        let mut changed: BTreeSet<String> = BTreeSet::new();
        let mut affected: Option<BTreeSet<String>> = None;
        if let (false, Some(last)) = (full, &self.last) {
            let old = &last.site;
            for (i, it) in site.items.iter().enumerate() {
                let same = old.index_of(&it.id).is_some_and(|j| {
                    let o = &old.items[j];
                    o.path == it.path
                        && o.kind == it.kind
                        && o.titel == it.titel
                        && !changed_files.contains(&it.path)
                        && last.history.get(&it.id) == history.get(&it.id)
                });
                if !same {
                    changed.insert(site.items[i].id.clone());
                }
            }
            for it in &old.items {
                if site.index_of(&it.id).is_none() {
                    changed.insert(it.id.clone());
                }
            }
            if changed.is_empty() && changed_files.is_empty() {
                clock.lap("publish", || "Nothing changed".into());
                self.pending.clear();
                diags.sort();
                return Ok(Rebuilt {
                    diagnostics: diags,
                    timings: clock.timings,
                    full: false,
                    changed: 0,
                    written: 0,
                    reused: 0,
                    published: false,
                    search_pending: false,
                    search_parts: None,
                });
            }
            affected = Some(super::deps::affected(old, &site, &changed));
        }

        let theme_dir = site.root.join("themes").join(&site.config.theme);
        let theme = match theme::load(&theme_dir) {
            Ok(t) => t,
            Err(e) => {
                diags.error("themes", Pos::START, format!("cannot read the theme: {e}"));
                return fail(diags);
            }
        };
        let incremental = affected.is_some();
        let render_page: Vec<bool> = match &affected {
            None => vec![true; site.items.len()],
            Some(a) => site.items.iter().map(|it| a.contains(&it.id)).collect(),
        };
        let no_hashes = BTreeMap::new();
        let prev_hashes = match (&self.last, incremental) {
            (Some(l), true) => &l.hashes,
            _ => &no_hashes,
        };
        let unchanged = |p: &str, h: u64| prev_hashes.get(p) == Some(&h);
        let page = |i: usize| render_page[i];
        // Phase 1: everything but the search index, which the previous
        // build's stands in for until phase 2.
        let scope = Scope {
            item_page: &page,
            search: !incremental,
            memo: true,
            unchanged: &unchanged,
            index_parts: Some(&self.index_parts),
        };
        let output = render::render_scoped(&site, &theme, &mut diags, &scope);
        clock.lap("render", || {
            format!(
                "Rendered {} files ({} pages kept)",
                output.files.len(),
                output.kept.len()
            )
        });
        if diags.has_errors() {
            return fail(diags);
        }
        let prev = self
            .last
            .as_ref()
            .filter(|_| incremental)
            .map(|l| l.paths.clone());
        let (paths, written, reused) =
            match self.publish_output(&output, prev.as_ref(), incremental) {
                Ok(r) => r,
                Err(e) => {
                    diags.error(&self.output.display().to_string(), Pos::START, e);
                    self.force_full = true;
                    return fail(diags);
                }
            };
        clock.lap("publish", || {
            format!("Published {written} files, {reused} kept")
        });
        self.force_full = false;
        self.pending.clear();
        self.last = Some(Last {
            site: Arc::new(site),
            fingerprint,
            paths,
            history,
            hashes: output.hashes.into_iter().collect(),
        });
        diags.sort();
        let rebuilt = Rebuilt {
            diagnostics: diags,
            timings: clock.timings.clone(),
            full,
            changed: changed.len(),
            written,
            reused,
            published: true,
            search_pending: incremental,
            search_parts: output.search_parts,
        };
        if !incremental {
            self.search_pending = false;
            self.start_mirror();
            return Ok(rebuilt);
        }
        self.generation += 1;
        self.search_pending = true;
        Ok(rebuilt)
    }

    /// True while the search index is one change behind the pages.
    pub fn search_pending(&self) -> bool {
        self.search_pending
    }

    /// Phase 2 of the last incremental rebuild, when it is still to do: the
    /// search index and the page that names its files (every other page is
    /// kept: same contexts). [`SearchJob::run`] may run on another thread;
    /// [`Engine::apply_search`] publishes its result unless a newer rebuild
    /// came first.
    pub fn search_job(&self) -> Option<SearchJob> {
        let last = self.last.as_ref()?;
        Some(SearchJob {
            generation: self.generation,
            site: Arc::clone(&last.site),
            index_parts: Arc::clone(&self.index_parts),
        })
    }

    /// Publishes the search index of `result`; `None` when a newer rebuild
    /// made it stale (that rebuild's own job follows).
    pub fn apply_search(&mut self, result: SearchResult) -> Option<Result<Rebuilt, Failed>> {
        if result.generation != self.generation || !self.search_pending {
            return None;
        }
        self.search_pending = false;
        let started = Instant::now();
        let search_parts = result.output.as_ref().ok().and_then(|o| o.search_parts);
        let published = match result.output {
            Err(d) => Err(d),
            Ok(mut output) => {
                let paths = self.last.as_ref().map(|l| l.paths.clone());
                // Everything but the search index and its page stays.
                let fresh: BTreeSet<&str> = output.files.iter().map(|f| f.path.as_str()).collect();
                let dir = format!("{}/", crate::search::DIR);
                output.kept = paths
                    .iter()
                    .flatten()
                    .filter(|p| !p.starts_with(&dir) && !fresh.contains(p.as_str()))
                    .cloned()
                    .collect();
                self.publish_output(&output, paths.as_ref(), false)
                    .map_err(|e| {
                        let mut d = Diagnostics::new();
                        d.error(&self.output.display().to_string(), Pos::START, e);
                        d
                    })
            }
        };
        Some(match published {
            Ok((paths, written, reused)) => {
                if let Some(l) = self.last.as_mut() {
                    l.paths = paths;
                }
                let mut timings = Timings::default();
                timings.phases.push((
                    "search",
                    result.ms + started.elapsed().as_secs_f64() * 1000.0,
                ));
                Ok(Rebuilt {
                    diagnostics: Diagnostics::new(),
                    timings,
                    full: false,
                    changed: 0,
                    written,
                    reused,
                    published: true,
                    search_pending: false,
                    search_parts,
                })
            }
            Err(mut diagnostics) => {
                // The pages are live; the search index is one change behind
                // until the next rebuild, which is a full one.
                self.force_full = true;
                diagnostics.sort();
                Err(Failed { diagnostics })
            }
        })
    }

    /// Publishes `output`, taking what it kept (and, with `keep_search`, the
    /// previous search files) from the current output `prev` by hard link.
    /// Returns every published path and the counts written and linked.
    fn publish_output(
        &mut self,
        output: &render::Output,
        prev: Option<&BTreeSet<String>>,
        keep_search: bool,
    ) -> Result<(BTreeSet<String>, usize, usize), String> {
        if let Some(mirror) = self.mirror.take() {
            if let Ok(Some(spare)) = mirror.join() {
                self.spare = Some(spare);
            }
        }
        let mut paths: BTreeSet<String> = output.files.iter().map(|f| f.path.clone()).collect();
        let mut reuse: Vec<String> = Vec::new();
        let mut copies = Vec::new();
        match prev {
            Some(prev) => {
                for k in &output.kept {
                    if !prev.contains(k) {
                        return Err(format!(
                            "watch: the previous output has no /{k}; the next rebuild is a full one"
                        ));
                    }
                    if paths.insert(k.clone()) {
                        reuse.push(k.clone());
                    }
                }
                if keep_search {
                    let dir = format!("{}/", crate::search::DIR);
                    for p in prev.iter().filter(|p| p.starts_with(&dir)) {
                        if paths.insert(p.clone()) {
                            reuse.push(p.clone());
                        }
                    }
                }
                for c in &output.copies {
                    paths.insert(c.path.clone());
                    if prev.contains(&c.path) {
                        reuse.push(c.path.clone());
                    } else {
                        copies.push(c.clone());
                    }
                }
            }
            None => {
                if let Some(k) = output.kept.first() {
                    return Err(format!(
                        "watch: /{k} was kept but there is no earlier output"
                    ));
                }
                for c in &output.copies {
                    paths.insert(c.path.clone());
                }
                copies = output.copies.clone();
            }
        }
        let mut written: BTreeSet<String> = output.files.iter().map(|f| f.path.clone()).collect();
        written.extend(copies.iter().map(|c| c.path.clone()));
        let kept = paths.len() - written.len();
        // What is live now, when known: the spare will hold it afterwards.
        let live: Option<BTreeSet<String>> = prev
            .cloned()
            .or_else(|| self.last.as_ref().map(|l| l.paths.clone()));
        let differs = |live: &BTreeSet<String>| -> BTreeSet<String> {
            let mut d = written.clone();
            d.extend(live.symmetric_difference(&paths).cloned());
            d
        };
        if let (Some(spare), Some(live)) = (self.spare.take(), &live) {
            // Double buffering: bring the spare build up to date.
            let remove: Vec<String> = spare.paths.difference(&paths).cloned().collect();
            let from_output: Vec<String> = paths
                .iter()
                .filter(|p| {
                    !written.contains(*p)
                        && (spare.differs.contains(*p) || !spare.paths.contains(*p))
                })
                .cloned()
                .collect();
            let delta = publish::Delta {
                files: &output.files,
                copies: &copies,
                from_output: &from_output,
                remove: &remove,
            };
            match publish::publish_delta(&self.root, &self.output, &spare.dir, &delta) {
                Ok(()) => {
                    self.spare = Some(Spare {
                        dir: spare.dir,
                        paths: live.clone(),
                        differs: differs(live),
                    });
                    return Ok((paths, written.len(), kept));
                }
                Err(e) => {
                    // The spare's folder is replaced by the publish below
                    // (removing it on another thread raced with that).
                    eprintln!("watch: {e}; publishing from scratch");
                }
            }
        }
        let spare_dir = self.spare_dir();
        let had_old = publish::publish_keeping(
            &self.root,
            &self.output,
            &output.files,
            &copies,
            &reuse,
            &spare_dir,
        )
        .map_err(|e| e.to_string())?;
        // Without `live`, the build kept is an output of another run whose
        // files are not known: the mirror made right after this first (full)
        // build replaces it ([`Engine::start_mirror`]).
        if let (true, Some(live)) = (had_old, live) {
            self.spare = Some(Spare {
                dir: spare_dir,
                differs: differs(&live),
                paths: live,
            });
        }
        Ok((paths, written.len(), kept))
    }

    /// After a full build: makes the spare a hard-link copy of the live
    /// build on another thread, so the first change after it is published
    /// with [`publish::publish_delta`] (a link per file of a large site
    /// takes seconds).
    fn start_mirror(&mut self) {
        let Some(paths) = self.last.as_ref().map(|l| l.paths.clone()) else {
            return;
        };
        if let Some(old) = self.mirror.take() {
            let _ = old.join();
        } else {
            self.sweep_stale_spares();
        }
        self.spare = None;
        let (output, dir) = (self.output.clone(), self.spare_dir());
        self.mirror = Some(std::thread::spawn(move || {
            match publish::mirror(&output, &dir) {
                Ok(()) => Some(Spare {
                    dir,
                    paths,
                    differs: BTreeSet::new(),
                }),
                Err(_) => {
                    let _ = std::fs::remove_dir_all(&dir);
                    None
                }
            }
        }));
    }

    /// Removes the spare builds that earlier `watch` or `serve` runs left
    /// beside the output when they could not clean up (killed with
    /// SIGKILL, a crash, a power cut; Ctrl-C and SIGTERM do clean up):
    /// folders named as [`Engine::spare_dir`] names them, holding a
    /// besluitspoor build, of a process that is gone.
    fn sweep_stale_spares(&self) {
        // Whether a process still runs is read from /proc (Linux); without
        // it nothing is removed.
        if !Path::new("/proc/self").exists() {
            return;
        }
        let name = self.spare_dir();
        let (Some(parent), Some(name)) = (name.parent(), name.file_name()) else {
            return;
        };
        let name = name.to_string_lossy();
        let Some(prefix) = name.strip_suffix(&std::process::id().to_string()) else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(parent) else {
            return;
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = file
                .strip_prefix(prefix)
                .and_then(|p| p.parse::<u32>().ok())
            else {
                continue;
            };
            let ours = entry.path().join(publish::MARKER).exists();
            let alive = Path::new("/proc").join(pid.to_string()).exists();
            if ours && !alive && pid != std::process::id() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }

    /// Where the spare build lives: beside the output.
    fn spare_dir(&self) -> PathBuf {
        publish::beside(&self.output, "spare")
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        if let Some(Ok(Some(spare))) = self.mirror.take().map(|m| m.join()) {
            self.spare = Some(spare);
        }
        if let Some(spare) = self.spare.take() {
            let _ = std::fs::remove_dir_all(spare.dir);
        }
    }
}

/// Phase 2 of an incremental rebuild, detached from the engine.
pub struct SearchJob {
    generation: u64,
    site: Arc<Site>,
    index_parts: Arc<Mutex<crate::search::IndexParts>>,
}

/// What [`SearchJob::run`] made.
pub struct SearchResult {
    generation: u64,
    output: Result<render::Output, Diagnostics>,
    ms: f64,
}

impl SearchJob {
    /// Writes the search index (the slow part: seconds on a large site).
    pub fn run(self) -> SearchResult {
        let started = Instant::now();
        let site = &self.site;
        let mut diags = Diagnostics::new();
        let output = match theme::load(&site.root.join("themes").join(&site.config.theme)) {
            Ok(theme) => {
                let output = render::search_only(site, &theme, &mut diags, &self.index_parts);
                if diags.has_errors() {
                    Err(diags)
                } else {
                    Ok(output)
                }
            }
            Err(e) => {
                diags.error("themes", Pos::START, format!("cannot read the theme: {e}"));
                Err(diags)
            }
        };
        SearchResult {
            generation: self.generation,
            output,
            ms: started.elapsed().as_secs_f64() * 1000.0,
        }
    }
}
