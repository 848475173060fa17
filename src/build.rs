//! The whole pipeline: load → link/validate → derive → render → publish,
//! with per-phase timings.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::config;
use crate::content::load;
use crate::dates::reference_date;
use crate::diagnostics::{Diagnostics, Pos};
use crate::publish;
use crate::render::{self, theme, Output};
use crate::site::{link::link, Site};

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// `None`: `root/public`.
    pub output: Option<PathBuf>,
    /// `--date`, YYYY-MM-DD.
    pub date: Option<String>,
    /// Print progress and timings on stderr.
    pub verbose: bool,
}

/// Per-phase timings in milliseconds, in order.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub phases: Vec<(&'static str, f64)>,
}

/// The result of a successful check or build.
#[derive(Debug)]
pub struct Report {
    pub diagnostics: Diagnostics,
    pub timings: Timings,
    pub pages: usize,
    pub items: usize,
}

/// A check or build that found errors: nothing was published.
#[derive(Debug)]
pub struct Failed {
    pub diagnostics: Diagnostics,
}

struct Clock {
    verbose: bool,
    timings: Timings,
    last: Instant,
}

impl Clock {
    fn lap(&mut self, phase: &'static str, what: String) {
        let ms = self.last.elapsed().as_secs_f64() * 1000.0;
        if self.verbose {
            eprintln!("{what} in {ms:.0} ms");
        }
        self.timings.phases.push((phase, ms));
        self.last = Instant::now();
    }
}

/// Loads, links and validates the site at `root`; no output is written.
/// Returns the site (when no error was found) and every diagnostic.
pub fn load_site(
    root: &Path,
    date: Option<&str>,
    verbose: bool,
) -> (Option<Site>, Diagnostics, Timings) {
    let mut clock = Clock {
        verbose,
        timings: Timings::default(),
        last: Instant::now(),
    };
    let mut diags = Diagnostics::new();
    let Some(cfg) = config::load(root, &mut diags) else {
        return (None, diags, clock.timings);
    };
    let refdate = match reference_date(date, &cfg.tz()) {
        Ok(d) => d,
        Err(e) => {
            diags.error("--date", Pos::START, e.to_string());
            return (None, diags, clock.timings);
        }
    };
    let loaded = load::load(root);
    clock.lap("load", format!("Loaded {} files", loaded.files));
    let mut loaded = loaded;
    diags.extend(std::mem::take(&mut loaded.diagnostics));
    let tz = cfg.tz();
    let mut site = link(root.to_path_buf(), cfg, refdate, loaded, &mut diags);
    clock.lap(
        "link",
        format!("Linked and checked {} items", site.items.len()),
    );
    site.set_history(crate::content::history::read(root, &tz));
    clock.lap(
        "history",
        format!("Read the git history of {} files", site.history.files.len()),
    );
    diags.sort();
    let ok = !diags.has_errors();
    (ok.then_some(site), diags, clock.timings)
}

/// Renders `site` into memory.
pub fn render_site(site: &Site, diags: &mut Diagnostics) -> Output {
    render_site_into(site, diags, &render::Memory)
}

/// Renders `site`, handing each page to `sink` as it is rendered.
pub fn render_site_into(site: &Site, diags: &mut Diagnostics, sink: &dyn render::Sink) -> Output {
    let theme_dir = site.root.join("themes").join(&site.config.theme);
    match theme::load(&theme_dir) {
        Ok(theme) => render::render_into(site, &theme, diags, &render::Scope::ALL, sink),
        Err(e) => {
            diags.error("themes", Pos::START, format!("cannot read the theme: {e}"));
            Output::default()
        }
    }
}

/// Builds the site and publishes it atomically. On any error nothing is
/// published and the previous output stays as it was.
pub fn build(opts: &Options) -> Result<Report, Failed> {
    let (site, mut diagnostics, timings) =
        load_site(&opts.root, opts.date.as_deref(), opts.verbose);
    let Some(site) = site else {
        return Err(Failed { diagnostics });
    };
    let mut clock = Clock {
        verbose: opts.verbose,
        timings,
        last: Instant::now(),
    };
    let out_dir = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"));
    // Pages go straight into the staging directory as they render. When the
    // output cannot be staged, render into memory: publishing then reports
    // why, after any rendering errors, as before.
    let staging = publish::Staging::create(&opts.root, &out_dir).ok();
    let output = match &staging {
        Some(s) => render_site_into(&site, &mut diagnostics, s),
        None => render_site(&site, &mut diagnostics),
    };
    if let (true, Some(ms)) = (opts.verbose, output.search_ms) {
        eprintln!(
            "Search index of {} items in {ms:.0} ms (while rendering)",
            site.items.len()
        );
    }
    clock.lap(
        "render",
        format!(
            "Rendered {} files",
            output.files.len() + output.written.len()
        ),
    );
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(Failed { diagnostics });
    }
    let published = match staging {
        Some(s) => s.finish(&output.files, &output.copies),
        None => publish::publish(&opts.root, &out_dir, &output.files, &output.copies),
    };
    if let Err(e) = published {
        diagnostics.error(&out_dir.display().to_string(), Pos::START, e.to_string());
        return Err(Failed { diagnostics });
    }
    clock.lap("publish", format!("Published to {}", out_dir.display()));
    diagnostics.sort();
    Ok(Report {
        diagnostics,
        timings: clock.timings,
        pages: output
            .files
            .iter()
            .map(|f| f.path.as_str())
            .chain(output.written.iter().map(String::as_str))
            .filter(|p| p.ends_with(".html"))
            .count(),
        items: site.items.len(),
    })
}
