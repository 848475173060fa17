//! The incremental rebuild of `watch` against a full `build`: on random
//! edit sequences over a copy of the valid fixture site, every rebuild must
//! give byte for byte the output (and the diagnostics) of a full build of
//! the same tree, and a rebuild that fails must leave the last good site.
//!
//! `WATCH_SEED` picks the first seed, `WATCH_ITERATIONS` the number of edits
//! per seed (the defaults keep the debug test short; the same-day
//! publication section of BENCHMARKS.md notes a longer run).

mod watch_common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use besluitspoor::build::{self, Options};
use besluitspoor::watch::{Engine, Places, Wanted};
use watch_common::*;

const DATE: &str = "2026-03-01";

/// The state of the content tree we can go back to.
type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

fn snapshot(root: &Path) -> Snapshot {
    let mut s = Snapshot::new();
    for p in files_under(&root.join("content")) {
        s.insert(p.clone(), std::fs::read(&p).unwrap());
    }
    s.insert(
        root.join("site.toml"),
        std::fs::read(root.join("site.toml")).unwrap(),
    );
    s
}

/// Puts the tree back to `snap`; returns the paths touched.
fn restore(root: &Path, snap: &Snapshot) -> Vec<PathBuf> {
    let mut touched = Vec::new();
    for p in files_under(&root.join("content")) {
        if !snap.contains_key(&p) {
            std::fs::remove_file(&p).unwrap();
            touched.push(p);
        }
    }
    for (p, bytes) in snap {
        if std::fs::read(p).ok().as_ref() != Some(bytes) {
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
            touched.push(p.clone());
        }
    }
    touched
}

struct Editor {
    rng: fastrand::Rng,
    root: PathBuf,
    n: usize,
}

const TITLES: &[&str] = &[
    "Vaststelling bestemmingsplan Zuiderbos",
    "Motie \"meer groen\" in de wijk",
    "Brief over de begroting: <b>let op</b> & meer",
    "Verordening parkeren 2026",
];

impl Editor {
    fn md_files(&self) -> Vec<PathBuf> {
        files_under(&self.root.join("content"))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect()
    }

    fn pick<T: Clone>(&mut self, v: &[T]) -> Option<T> {
        (!v.is_empty()).then(|| v[self.rng.usize(..v.len())].clone())
    }

    fn ids_in(&self, folder: &str) -> Vec<String> {
        files_under(&self.root.join("content").join(folder))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                text.lines()
                    .find_map(|l| l.strip_prefix("id: ").map(str::to_string))
                    .unwrap_or_else(|| p.file_stem().unwrap().to_string_lossy().into_owned())
            })
            .collect()
    }

    /// Replaces the first line for which `f` returns a new line.
    fn edit_line(&mut self, path: &Path, f: impl Fn(&str) -> Option<String>) -> bool {
        let Ok(text) = std::fs::read_to_string(path) else {
            return false;
        };
        let mut done = false;
        let out: Vec<String> = text
            .lines()
            .map(|l| {
                if !done {
                    if let Some(n) = f(l) {
                        done = true;
                        return n;
                    }
                }
                l.to_string()
            })
            .collect();
        if done {
            std::fs::write(path, out.join("\n") + "\n").unwrap();
        }
        done
    }

    /// One random edit; returns a description and the paths it touched.
    fn edit(&mut self) -> (String, Vec<PathBuf>) {
        self.n += 1;
        let files = self.md_files();
        let Some(file) = self.pick(&files) else {
            return ("nothing".into(), vec![]);
        };
        let name = file.strip_prefix(&self.root).unwrap().display().to_string();
        match self.rng.u32(..20) {
            0 | 1 => {
                let mut text = std::fs::read_to_string(&file).unwrap();
                text.push_str(&format!("\nEen nieuwe alinea {}.\n", self.n));
                std::fs::write(&file, text).unwrap();
                (format!("append to {name}"), vec![file])
            }
            2 | 3 => {
                let t = self.pick(TITLES).unwrap();
                let n = self.n;
                let ok = self.edit_line(&file, |l| {
                    (l.starts_with("titel: ") || l.starts_with("naam: ")).then(|| {
                        let key = l.split(':').next().unwrap();
                        format!("{key}: {:?}", format!("{t} {n}"))
                    })
                });
                (format!("title of {name} ({ok})"), vec![file])
            }
            4 => {
                let d = format!(
                    "202{}-0{}-1{}",
                    self.rng.u32(5..7),
                    self.rng.u32(1..10),
                    self.rng.u32(0..10)
                );
                self.edit_line(&file, |l| {
                    l.starts_with("datum: ").then(|| format!("datum: {d}"))
                });
                (format!("datum {d} of {name}"), vec![file])
            }
            5 | 6 => {
                // A reference to another item of the same kind.
                let (key, folder) = *self
                    .pick(&[
                        ("vergadering", "vergaderingen"),
                        ("orgaan", "organen"),
                        ("portefeuillehouder", "personen"),
                        ("gedaan_door", "personen"),
                        ("fractie", "fracties"),
                        ("afgedaan_met", "stukken"),
                        ("indieners", "fracties"),
                    ])
                    .as_ref()
                    .unwrap();
                let ids = self.ids_in(folder);
                let id = self.pick(&ids).unwrap_or_default();
                let ok = self.edit_line(&file, |l| {
                    let t = l.trim_start();
                    let indent = &l[..l.len() - t.len()];
                    t.starts_with(&format!("{key}: ")).then(|| {
                        if key == "indieners" {
                            format!("{indent}{key}: [{id}]")
                        } else {
                            format!("{indent}{key}: {id}")
                        }
                    })
                });
                (format!("{key} of {name} -> {id} ({ok})"), vec![file])
            }
            7 => {
                let v = self
                    .pick(&[
                        "aangenomen",
                        "verworpen",
                        "conform",
                        "aangehouden",
                        "unaniem-aangenomen",
                    ])
                    .unwrap();
                self.edit_line(&file, |l| {
                    l.starts_with("uitslag: ").then(|| format!("uitslag: {v}"))
                });
                (format!("uitslag {v} of {name}"), vec![file])
            }
            8 => {
                let v = self
                    .pick(&["openstaand", "deels-voldaan", "vervallen", "voldaan"])
                    .unwrap();
                self.edit_line(&file, |l| {
                    l.starts_with("  status: ")
                        .then(|| format!("  status: {v}"))
                });
                (format!("opvolging {v} of {name}"), vec![file])
            }
            9 => {
                std::fs::remove_file(&file).unwrap();
                (format!("delete {name}"), vec![file])
            }
            10 => {
                // Rename: a new id unless the file sets `id:`.
                let to = file.with_file_name(format!("hernoemd-{}.md", self.n));
                std::fs::rename(&file, &to).unwrap();
                (format!("rename {name}"), vec![file, to])
            }
            11 => {
                // Move into a year folder: same id, another path.
                let dir = file.parent().unwrap().join(format!("map{}", self.n % 3));
                std::fs::create_dir_all(&dir).unwrap();
                let to = dir.join(file.file_name().unwrap());
                if to.exists() {
                    return ("move skipped".into(), vec![]);
                }
                std::fs::rename(&file, &to).unwrap();
                (format!("move {name}"), vec![file, to])
            }
            12 => {
                // A new item: a copy under a new name, without `id:`.
                let text = std::fs::read_to_string(&file).unwrap();
                let text: String = text
                    .lines()
                    .filter(|l| !l.starts_with("id: "))
                    .map(|l| format!("{l}\n"))
                    .collect();
                let to = file.with_file_name(format!("nieuw-{}.md", self.n));
                std::fs::write(&to, text).unwrap();
                (format!("copy {name}"), vec![to])
            }
            13 => {
                let ok = self.edit_line(&file, |l| {
                    (l == "---").then(|| "---\ngeheim: true".to_string())
                });
                (format!("geheim {name} ({ok})"), vec![file])
            }
            14 => {
                // An editor's atomic save: write a temporary file, rename it
                // over the original.
                let mut text = std::fs::read_to_string(&file).unwrap();
                text.push_str(&format!("\nOpgeslagen {}.\n", self.n));
                let tmp = file.with_file_name(format!(
                    ".{}.swp",
                    file.file_name().unwrap().to_string_lossy()
                ));
                std::fs::write(&tmp, text).unwrap();
                std::fs::rename(&tmp, &file).unwrap();
                (format!("atomic save of {name}"), vec![tmp, file])
            }
            15 => {
                // Delete and re-create.
                let mut text = std::fs::read_to_string(&file).unwrap();
                std::fs::remove_file(&file).unwrap();
                text = text.replacen("\n---\n", &format!("\n---\nHerschreven {}.\n", self.n), 1);
                std::fs::write(&file, text).unwrap();
                (format!("delete and re-create {name}"), vec![file])
            }
            16 => {
                // An attachment changes size (its page shows the size).
                let pdfs: Vec<PathBuf> = files_under(&self.root.join("content"))
                    .into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                    .collect();
                let Some(pdf) = self.pick(&pdfs) else {
                    return ("no pdf".into(), vec![]);
                };
                let mut bytes = std::fs::read(&pdf).unwrap();
                bytes.extend(std::iter::repeat_n(b' ', 1500));
                std::fs::write(&pdf, bytes).unwrap();
                (format!("attachment {}", pdf.display()), vec![pdf])
            }
            17 => {
                let p = self.root.join("site.toml");
                let n = self.n;
                self.edit_line(&p, |l| {
                    l.starts_with("title = ")
                        .then(|| format!("title = \"Dijkstad {n}\""))
                });
                ("site.toml title".into(), vec![p])
            }
            18 => {
                // Rename a folder with everything in it.
                let dirs: Vec<PathBuf> = files
                    .iter()
                    .filter_map(|f| f.parent().map(Path::to_path_buf))
                    .filter(|d| {
                        d.parent().and_then(Path::parent)
                            == Some(self.root.join("content").as_path())
                    })
                    .collect();
                let Some(dir) = self.pick(&dirs) else {
                    return ("no subfolder".into(), vec![]);
                };
                let to = dir.with_file_name(format!("map-{}", self.n));
                std::fs::rename(&dir, &to).unwrap();
                (format!("rename folder {}", dir.display()), vec![dir, to])
            }
            _ => {
                // Two edits in one debounce window.
                let (a, mut pa) = self.edit();
                let (b, pb) = self.edit();
                pa.extend(pb);
                (format!("{a} + {b}"), pa)
            }
        }
    }
}

fn full_build(root: &Path, out: &Path) -> Result<Vec<String>, Vec<String>> {
    let opts = Options {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        date: Some(DATE.into()),
        verbose: false,
    };
    match build::build(&opts) {
        Ok(r) => Ok(r.diagnostics.iter().map(|d| d.to_string()).collect()),
        Err(f) => Err(f.diagnostics.iter().map(|d| d.to_string()).collect()),
    }
}

fn run_seed(seed: u64, iterations: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap().join("site");
    copy_dir(&fixture("valid"), &root);
    let git = git_init(&root);
    let out_inc = tmp.path().join("inc");
    let out_full = tmp.path().join("full");
    let mut engine = Engine::new(&root, Some(&out_inc), Some(DATE.into()), false);
    engine.rebuild(true).expect("first build");
    full_build(&root, &out_full).expect("first full build");
    assert_same_tree(&out_inc, &out_full, "first build");
    let places = Places::new(&root, &out_inc);
    let mut good = snapshot(&root);
    let mut editor = Editor {
        rng: fastrand::Rng::with_seed(seed),
        root: root.clone(),
        n: 0,
    };
    let mut log: Vec<String> = Vec::new();
    let mut failed = false;
    for step in 0..iterations {
        let (what, touched) = if failed && editor.rng.u32(..10) < 7 {
            (
                "restore the last good tree".to_string(),
                restore(&root, &good),
            )
        } else if git && editor.rng.u32(..12) == 0 {
            git_commit(&root);
            ("git commit".to_string(), vec![root.join(".git/HEAD")])
        } else {
            editor.edit()
        };
        log.push(what);
        let mut wanted = Wanted::default();
        for p in &touched {
            places.classify(p, &mut wanted);
        }
        if wanted.full {
            engine.invalidate();
        }
        if wanted.history {
            engine.history_changed();
        }
        let inc = engine.rebuild(wanted.full);
        let full = full_build(&root, &out_full);
        let context = format!("seed {seed}, step {step}:\n  {}", log.join("\n  "));
        match (&inc, &full) {
            (Ok(r), Ok(d)) => {
                let got: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
                assert_eq!(&got, d, "warnings differ; {context}");
                failed = false;
                good = snapshot(&root);
            }
            (Err(f), Err(d)) => {
                let got: Vec<String> = f.diagnostics.iter().map(|d| d.to_string()).collect();
                assert_eq!(&got, d, "errors differ; {context}");
                failed = true;
            }
            _ => panic!(
                "incremental {} but full build {}; {context}\n{inc:?}\n{full:?}",
                if inc.is_ok() { "succeeded" } else { "failed" },
                if full.is_ok() { "succeeded" } else { "failed" },
            ),
        }
        assert_same_tree(&out_inc, &out_full, &context);
    }
}

#[test]
fn incremental_rebuilds_equal_full_builds_on_random_edits() {
    let first: u64 = std::env::var("WATCH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let iterations: usize = std::env::var("WATCH_ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    let seeds: u64 = std::env::var("WATCH_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    for seed in first..first + seeds {
        run_seed(seed, iterations);
    }
}

/// A copy of the valid fixture site in `dir`: its root and output folder.
fn valid_site(dir: &Path) -> (PathBuf, PathBuf) {
    let root = dir.join("site");
    copy_dir(&fixture("valid"), &root);
    (root, dir.join("public"))
}

/// Saves one motie of the valid site with a sentence more.
fn add_a_sentence(root: &Path) {
    let f = root.join("content/moties/motie-2026-01-29-zwembad.md");
    let text = std::fs::read_to_string(&f).unwrap() + "\nNog een zin.\n";
    std::fs::write(&f, text).unwrap();
}

#[test]
fn an_unchanged_tree_publishes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = valid_site(tmp.path());
    let mut engine = Engine::new(&root, Some(&out), Some(DATE.into()), false);
    assert!(engine.rebuild(true).unwrap().published);
    let again = engine.rebuild(false).unwrap();
    assert!(!again.published);
    // Touching a file without changing it is no change either.
    let f = root.join("content/moties/motie-2026-01-29-zwembad.md");
    let bytes = std::fs::read(&f).unwrap();
    std::fs::write(&f, &bytes).unwrap();
    assert!(!engine.rebuild(false).unwrap().published);
}

#[test]
fn a_changed_motie_rerenders_few_item_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = valid_site(tmp.path());
    let mut engine = Engine::new(&root, Some(&out), Some(DATE.into()), false);
    let first = engine.rebuild(true).unwrap();
    add_a_sentence(&root);
    let r = engine.rebuild(false).unwrap();
    assert!(!r.full);
    assert_eq!(r.changed, 1);
    assert!(r.reused > 0, "nothing was kept: {r:?}");
    assert_eq!(r.written + r.reused, first.written, "{r:?}");
    // The search index: one part (the motie's month) indexed again; the
    // sentence's words (`nog`, `een`, `zin`) are too short to be parts of
    // compounds, so no other part's analysis changed.
    let (parts, indexed) = r.search_parts.expect("the search index was written");
    assert_eq!(first.search_parts, Some((parts, parts)), "{first:?}");
    assert_eq!((parts, indexed), (8, 1), "{r:?}");
}

/// A spare build left beside the output by a `watch` that could not clean
/// up (killed with SIGKILL, a crash) is removed by the next one; a
/// folder of that name that is not a besluitspoor build, or whose process
/// still runs, is left alone.
#[test]
fn spare_builds_of_stopped_runs_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = valid_site(tmp.path());
    // No process has this number: Linux's pid_max is at most 2^22.
    let stale = tmp.path().join(".public.spare-4999999");
    std::fs::create_dir_all(stale.join("moties")).unwrap();
    std::fs::write(stale.join(".besluitspoor-build"), "").unwrap();
    std::fs::write(stale.join("moties/index.html"), "oud").unwrap();
    let foreign = tmp.path().join(".public.spare-4999998");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notities.txt"), "van iemand anders").unwrap();
    let living = tmp
        .path()
        .join(format!(".public.spare-{}", std::process::id()));
    let mut engine = Engine::new(&root, Some(&out), Some(DATE.into()), false);
    assert!(engine.rebuild(true).unwrap().published);
    assert!(!stale.exists(), "the stopped run's spare build is removed");
    assert!(
        foreign.join("notities.txt").exists(),
        "not a build: left alone"
    );
    // This process's own spare is the one the engine made after the full
    // build: a copy of the output, which the next change updates.
    add_a_sentence(&root);
    assert!(engine.rebuild(false).unwrap().published);
    assert!(living.join(".besluitspoor-build").exists());
    drop(engine);
    assert!(!living.exists(), "an engine removes its spare when it ends");
}

/// With a theme folder of the site's own (the repository's default theme,
/// static files included), an incremental rebuild and the search index
/// that follows still equal a full build. (The theme's search scripts were
/// copied as unlinked assets by a full build and dropped by the search
/// job's publish.)
#[test]
fn incremental_rebuilds_with_a_theme_folder_equal_full_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = valid_site(tmp.path());
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
        &root.join("themes"),
    );
    let full = tmp.path().join("full");
    let mut engine = Engine::new(&root, Some(&out), Some(DATE.into()), false);
    engine.rebuild(true).unwrap();
    full_build(&root, &full).unwrap();
    assert_same_tree(&out, &full, "first build");
    add_a_sentence(&root);
    let r = engine.rebuild(false).unwrap();
    assert!(!r.full && r.search_parts.is_some(), "{r:?}");
    full_build(&root, &full).unwrap();
    assert_same_tree(&out, &full, "after an edit");
}
