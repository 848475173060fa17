//! `watch` and the rebuilding half of `serve`: watch the site with notify
//! and a debouncer, rebuild incrementally ([`engine`]) on every change and
//! swap the result in atomically.
//!
//! What is watched: `content/` and `themes/` recursively, the site root
//! itself (for `site.toml`, and for `content/` or `themes/` being replaced
//! as a whole), and the git folder (a commit changes publication dates and
//! version histories; the history is re-read on every rebuild). Events in
//! the output folder and its staging folders are ignored, so a publish never
//! triggers the next rebuild.
//!
//! Editors' atomic saves (write a temporary file, rename it over the
//! original; or delete and re-create) need nothing special: each rebuild
//! reads every content file and compares content hashes, so what counts is
//! the state of the tree once the debouncer has seen it settle, not the
//! events. When the kernel's inotify watch table is full, watch says so and
//! falls back to polling.

pub mod deps;
pub mod engine;
pub mod live;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{
    self, ErrorKind, PollWatcher, RecommendedWatcher, RecursiveMode,
};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, RecommendedCache};

pub use engine::{Engine, Failed, Rebuilt};

/// How long the tree must be quiet before a rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// Poll interval when inotify is not available.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// What `watch` and `serve` need.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub date: Option<String>,
    pub verbose: bool,
    /// Poll instead of using inotify.
    pub poll: bool,
}

/// The outcome of one rebuild, as the watcher reports it.
pub type Outcome = Result<Rebuilt, Failed>;

/// What a batch of file events asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Wanted {
    pub rebuild: bool,
    pub full: bool,
    /// `content/` or `themes/` appeared or went: watch them again.
    pub rewatch: bool,
    /// Something in the git folder changed: read the history again.
    pub history: bool,
}

/// The watched places of a site.
#[derive(Debug, Clone)]
pub struct Places {
    pub root: PathBuf,
    pub output: PathBuf,
    pub git_dir: Option<PathBuf>,
    /// The design tokens file `site.toml` names (`tokens_css`), read into
    /// the stylesheet: a change rebuilds in full. Read again when
    /// `site.toml` changes.
    pub tokens_css: Option<PathBuf>,
}

/// The `tokens_css` file of the site at `root`, when its `site.toml` can be
/// read and names one.
fn tokens_css_of(root: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    let config = crate::config::parse(&text, &mut crate::diagnostics::Diagnostics::new())?;
    config.tokens_css.map(|rel| root.join(rel))
}

impl Places {
    pub fn new(root: &Path, output: &Path) -> Places {
        let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let root = abs(root);
        let output = if output.is_absolute() {
            output.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(output)
        };
        let output = match (output.parent(), output.file_name()) {
            (Some(p), Some(n)) => abs(p).join(n),
            _ => output,
        };
        let git_dir = root
            .ancestors()
            .map(|a| a.join(".git"))
            .find(|g| g.is_dir());
        Places {
            tokens_css: tokens_css_of(&root),
            root,
            output,
            git_dir,
        }
    }

    /// Classifies one changed path.
    pub fn classify(&self, path: &Path, wanted: &mut Wanted) {
        let out_name = self
            .output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.starts_with(&self.output) {
            return;
        }
        if let (Some(parent), Some(name)) = (path.parent(), path.file_name()) {
            let name = name.to_string_lossy();
            if Some(parent) == self.output.parent()
                && name.starts_with(&format!(".{out_name}.staging-"))
            {
                return;
            }
        }
        if let Some(git) = &self.git_dir {
            if let Ok(rel) = path.strip_prefix(git) {
                let first = rel
                    .components()
                    .next()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .unwrap_or_default();
                // What moves a commit: HEAD and the refs. The index moves
                // with `git add` and even `git status`, and the history is
                // read from commits only.
                if matches!(first.as_str(), "HEAD" | "packed-refs" | "refs") {
                    wanted.rebuild = true;
                    wanted.history = true;
                }
                return;
            }
        }
        if self.tokens_css.as_deref() == Some(path) {
            wanted.rebuild = true;
            wanted.full = true;
            return;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return;
        };
        let mut comps = rel.components().map(|c| c.as_os_str().to_string_lossy());
        match comps.next().as_deref() {
            Some("content") => {
                wanted.rebuild = true;
                let rest: Vec<_> = comps.collect();
                if rest.is_empty() {
                    wanted.rewatch = true;
                    wanted.full = true;
                } else if rest.iter().any(|c| c == "bijlagen") {
                    // Attachments are resolved while loading the files
                    // that name them.
                    wanted.full = true;
                }
            }
            Some("themes") => {
                wanted.rebuild = true;
                wanted.full = true;
                if rel.components().count() == 1 {
                    wanted.rewatch = true;
                }
            }
            Some("site.toml") => {
                wanted.rebuild = true;
                wanted.full = true;
                // It may name another tokens file, to watch.
                wanted.rewatch = true;
            }
            _ => {}
        }
    }
}

/// A debouncer on either watcher kind.
enum AnyDebouncer {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

impl AnyDebouncer {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            AnyDebouncer::Native(d) => d.watch(path, mode),
            AnyDebouncer::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) {
        let _ = match self {
            AnyDebouncer::Native(d) => d.unwatch(path),
            AnyDebouncer::Poll(d) => d.unwatch(path),
        };
    }
}

fn watch_all(d: &mut AnyDebouncer, places: &Places) -> notify::Result<()> {
    d.watch(&places.root, RecursiveMode::NonRecursive)?;
    for (dir, mode) in [
        (places.root.join("content"), RecursiveMode::Recursive),
        (places.root.join("themes"), RecursiveMode::Recursive),
    ] {
        if dir.is_dir() {
            d.unwatch(&dir);
            d.watch(&dir, mode)?;
        }
    }
    // The tokens file's folder, when it is not one of those (a file is
    // watched through its folder: editors replace files).
    if let Some(dir) = places.tokens_css.as_deref().and_then(Path::parent) {
        let watched = dir == places.root
            || dir.starts_with(places.root.join("content"))
            || dir.starts_with(places.root.join("themes"));
        if !watched && dir.is_dir() {
            d.watch(dir, RecursiveMode::NonRecursive)?;
        }
    }
    if let Some(git) = &places.git_dir {
        d.watch(git, RecursiveMode::NonRecursive)?;
        let refs = git.join("refs");
        if refs.is_dir() {
            d.watch(&refs, RecursiveMode::Recursive)?;
        }
    }
    Ok(())
}

/// Runs `f` on one thread of its own at the lowest priority (nice 19), so
/// that the next change's pages are not slowed down by the search index of
/// the previous one.
fn background<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    let lowest = |_| {
        // SAFETY: plain system calls on the calling thread.
        unsafe {
            libc::setpriority(libc::PRIO_PROCESS as _, libc::gettid() as _, 19);
        }
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .start_handler(lowest)
        .build()
    {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// Opening, reading and closing without writing change nothing.
fn is_read_only(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode};
    matches!(kind, notify::EventKind::Access(a) if !matches!(a, AccessKind::Close(AccessMode::Write)))
}

fn is_watch_limit(e: &notify::Error) -> bool {
    matches!(e.kind, ErrorKind::MaxFilesWatch)
        || matches!(&e.kind, ErrorKind::Io(io) if io.raw_os_error() == Some(libc::ENOSPC))
}

/// What the watch loop waits for: file events, or a finished search index.
enum Msg {
    Fs(DebounceEventResult),
    Search(engine::SearchResult),
    /// Ctrl-C or SIGTERM: stop after the rebuild in progress.
    Stop,
}

/// Sends [`Msg::Stop`] on Ctrl-C (SIGINT), SIGTERM and SIGHUP, so that
/// watch ends after the rebuild in progress and removes its spare build;
/// a second one ends the process at once. A process has one such handler:
/// a second `watch` in the same process is stopped by the first's.
fn stop_on_signals(tx: mpsc::Sender<Msg>) {
    static PRESSED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let handler = move || {
        if PRESSED.fetch_add(1, std::sync::atomic::Ordering::SeqCst) > 0 {
            std::process::exit(130);
        }
        let _ = tx.send(Msg::Stop);
    };
    match ctrlc::set_handler(handler) {
        Ok(()) | Err(ctrlc::Error::MultipleHandlers) => {}
        Err(e) => eprintln!(
            "watch: cannot catch Ctrl-C ({e}); stopping leaves the spare build beside the output until the next run"
        ),
    }
}

fn start(places: &Places, poll: bool, tx: mpsc::Sender<Msg>) -> notify::Result<AnyDebouncer> {
    let tx = move |r: DebounceEventResult| {
        let _ = tx.send(Msg::Fs(r));
    };
    let mut d = if poll {
        // notify's poller compares modification times in whole seconds: a
        // second save within the same second as the first would go unseen.
        // Comparing contents (each file read and hashed per poll) sees it.
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        AnyDebouncer::Poll(new_debouncer_opt(
            DEBOUNCE,
            None,
            tx.clone(),
            RecommendedCache::new(),
            config,
        )?)
    } else {
        AnyDebouncer::Native(new_debouncer_opt(
            DEBOUNCE,
            None,
            tx,
            RecommendedCache::new(),
            notify::Config::default(),
        )?)
    };
    watch_all(&mut d, places)?;
    Ok(d)
}

/// Prints the result of a rebuild on stderr.
pub fn report(outcome: &Outcome, elapsed: Duration, verbose: bool) {
    match outcome {
        Ok(r) => {
            for d in r.diagnostics.iter() {
                eprintln!("{d}");
            }
            if !r.published {
                if verbose {
                    eprintln!("No change to publish");
                }
                return;
            }
            if !r.full && !r.search_pending {
                let parts = r
                    .search_parts
                    .map(|(n, k)| format!(" ({k} of {n} parts indexed)"))
                    .unwrap_or_default();
                eprintln!(
                    "Search index rebuilt{parts}; all done in {:.0} ms",
                    elapsed.as_secs_f64() * 1000.0
                );
                return;
            }
            eprintln!(
                "{} in {:.0} ms: {} item{} changed, {} files written, {} kept{}",
                if r.full { "Rebuilt in full" } else { "Rebuilt" },
                elapsed.as_secs_f64() * 1000.0,
                r.changed,
                if r.changed == 1 { "" } else { "s" },
                r.written,
                r.reused,
                if r.search_pending {
                    "; the search index follows"
                } else {
                    ""
                }
            );
        }
        Err(f) => {
            for d in f.diagnostics.iter() {
                eprintln!("{d}");
            }
            eprintln!(
                "rebuild failed: {} error(s); the last good site stays published",
                f.diagnostics.error_count()
            );
        }
    }
}

/// Builds the site, then rebuilds it on every change until the process is
/// stopped. `on_rebuild` sees every outcome (the first build included).
pub fn watch(opts: &WatchOptions, mut on_rebuild: impl FnMut(&Outcome)) -> std::io::Result<()> {
    let mut engine = Engine::new(
        &opts.root,
        opts.output.as_deref(),
        opts.date.clone(),
        opts.verbose,
    );
    let mut places = Places::new(engine.root(), engine.output());
    // The watcher starts before the first build: a file saved while that
    // build runs is queued and rebuilt right after it.
    let (tx, rx) = mpsc::channel::<Msg>();
    stop_on_signals(tx.clone());
    let mut debouncer = match start(&places, opts.poll, tx.clone()) {
        Ok(d) => d,
        Err(e) if !opts.poll && is_watch_limit(&e) => {
            eprintln!(
                "watch: the kernel's inotify watch table is full ({e}); falling back to polling every {} ms. \
                 To watch natively, raise the limit: sudo sysctl fs.inotify.max_user_watches=524288",
                POLL_INTERVAL.as_millis()
            );
            start(&places, true, tx.clone()).map_err(std::io::Error::other)?
        }
        Err(e) => return Err(std::io::Error::other(e)),
    };
    let started = Instant::now();
    let outcome = engine.rebuild(true);
    report(&outcome, started.elapsed(), opts.verbose);
    on_rebuild(&outcome);
    if opts.verbose {
        eprintln!("Watching {} for changes", places.root.display());
    }
    let mut searching = false;
    let mut search_started = Instant::now();
    let start_search = |engine: &Engine, searching: &mut bool, started: &mut Instant| {
        if *searching || !engine.search_pending() {
            return;
        }
        if let Some(job) = engine.search_job() {
            let tx = tx.clone();
            *searching = true;
            *started = Instant::now();
            std::thread::spawn(move || {
                let _ = tx.send(Msg::Search(background(|| job.run())));
            });
        }
    };
    while let Ok(first) = rx.recv() {
        // Everything that arrived meanwhile is one batch.
        let mut batch = vec![first];
        while let Ok(more) = rx.try_recv() {
            batch.push(more);
        }
        let mut wanted = Wanted::default();
        for msg in batch {
            let result = match msg {
                Msg::Search(result) => {
                    searching = false;
                    // Stale (a newer rebuild came first): its own job follows.
                    if let Some(outcome) = engine.apply_search(result) {
                        report(&outcome, search_started.elapsed(), opts.verbose);
                        if outcome.is_err() {
                            on_rebuild(&outcome);
                        }
                    }
                    continue;
                }
                Msg::Fs(result) => result,
                Msg::Stop => {
                    // Dropping the engine removes the spare build.
                    drop(engine);
                    eprintln!(
                        "Stopped; the last published build stays in {}",
                        places.output.display()
                    );
                    return Ok(());
                }
            };
            match result {
                Ok(events) => {
                    for ev in events {
                        if is_read_only(&ev.event.kind) {
                            // Our own reading of the tree; never a change.
                            continue;
                        }
                        if ev.need_rescan() {
                            wanted.rebuild = true;
                            wanted.full = true;
                        }
                        for p in &ev.paths {
                            places.classify(p, &mut wanted);
                        }
                    }
                }
                Err(errors) => {
                    for e in errors {
                        eprintln!("watch: {e}");
                    }
                    wanted.rebuild = true;
                    wanted.full = true;
                }
            }
        }
        if wanted.rewatch {
            places.tokens_css = tokens_css_of(&places.root);
            if let Err(e) = watch_all(&mut debouncer, &places) {
                eprintln!("watch: {e}");
            }
        }
        if wanted.rebuild {
            if wanted.full {
                engine.invalidate();
            }
            if wanted.history {
                engine.history_changed();
            }
            let started = Instant::now();
            let outcome = engine.rebuild_pages(wanted.full);
            report(&outcome, started.elapsed(), opts.verbose);
            on_rebuild(&outcome);
        }
        // The search index follows in the background; a change meanwhile
        // makes it stale and starts another once it is done.
        start_search(&engine, &mut searching, &mut search_started);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(places: &Places, rel: &str) -> Wanted {
        let mut w = Wanted::default();
        places.classify(&places.root.join(rel), &mut w);
        w
    }

    #[test]
    fn events_are_classified_by_place() {
        let places = Places {
            root: PathBuf::from("/s"),
            output: PathBuf::from("/s/public"),
            git_dir: Some(PathBuf::from("/s/.git")),
            tokens_css: Some(PathBuf::from("/s/huisstijl/tokens.css")),
        };
        let content = wanted(&places, "content/moties/m.md");
        assert!(content.rebuild && !content.full);
        let swap = wanted(&places, "content/moties/.m.md.swp");
        assert!(
            swap.rebuild && !swap.full,
            "an editor's temporary file is looked at"
        );
        assert!(wanted(&places, "content/stukken/bijlagen/x.pdf").full);
        assert!(wanted(&places, "site.toml").full);
        assert!(wanted(&places, "themes/default/templates/item.html").full);
        assert!(wanted(&places, "huisstijl/tokens.css").full);
        assert!(!wanted(&places, "huisstijl/other.css").rebuild);
        assert!(wanted(&places, "content").rewatch);
        assert_eq!(wanted(&places, "public/index.html"), Wanted::default());
        assert_eq!(wanted(&places, ".public.staging-42/x"), Wanted::default());
        assert_eq!(wanted(&places, ".public.staging-42"), Wanted::default());
        assert_eq!(wanted(&places, "README.md"), Wanted::default());
        assert_eq!(wanted(&places, "target/debug/x"), Wanted::default());
        let commit = wanted(&places, ".git/refs/heads/main");
        assert!(commit.rebuild && commit.history && !commit.full);
        assert_eq!(wanted(&places, ".git/objects/ab/cdef"), Wanted::default());
        assert_eq!(wanted(&places, ".git/index"), Wanted::default());
    }

    #[test]
    fn a_full_watch_table_is_recognised() {
        assert!(is_watch_limit(&notify::Error::new(
            ErrorKind::MaxFilesWatch
        )));
        let enospc = std::io::Error::from_raw_os_error(libc::ENOSPC);
        assert!(is_watch_limit(&notify::Error::io(enospc)));
        assert!(!is_watch_limit(&notify::Error::generic("other")));
    }
}
