//! The command line: `besluitspoor build | check | serve | watch | search | new | schema | init`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::build::{self, Options};
use crate::diagnostics::Diagnostics;

/// Static portal of municipal decisions and their follow-up.
#[derive(Debug, Parser)]
#[command(name = "besluitspoor", version, about)]
pub struct Cli {
    /// Print no progress or timings on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder, replacing it atomically.
    Build {
        /// The site folder (with site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Reference date YYYY-MM-DD for "te laat" and meeting status
        /// [default: SOURCE_DATE_EPOCH, else today in the site's time zone].
        #[arg(long)]
        date: Option<String>,
    },
    /// Check the content and report every problem; exit 1 on errors.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format of the problems.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Reference date YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
    },
    /// Build the site and serve it on 127.0.0.1 for a local preview; rebuild
    /// on every change, reload the browser, show errors over the last good site.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Reference date YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
    },
    /// Build the site, then rebuild it incrementally on every change and
    /// swap it in atomically (for a web server that serves the output).
    Watch {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Reference date YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// Poll for changes instead of using inotify: every 500 ms each
        /// file is read and compared (about a tenth of a core on an
        /// 8,000-item site), for network file systems and full inotify
        /// tables.
        #[arg(long)]
        poll: bool,
    },
    /// Create a new content file with the next free id, the required keys
    /// and today's date; prints its path.
    New {
        /// besluit, motie, toezegging, vraag, vergadering, stuk, orgaan,
        /// persoon or fractie.
        #[arg(value_parser = [
            "besluit", "motie", "toezegging", "vraag", "vergadering", "stuk",
            "orgaan", "persoon", "fractie",
        ])]
        kind: String,
        /// The title; the name of an orgaan, persoon or fractie, from which
        /// its id is made (optional for a vergadering).
        titel: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The orgaan (besluit, vergadering; `aan` of a stuk).
        #[arg(long)]
        orgaan: Option<String>,
        /// The vergadering (besluit, motie, toezegging) [motie default: the latest one held on or before --date].
        #[arg(long)]
        vergadering: Option<String>,
        /// Ids of fracties or personen (motie, vraag), comma-separated.
        #[arg(long, value_delimiter = ',')]
        indieners: Vec<String>,
        /// The persoon who made a toezegging.
        #[arg(long)]
        door: Option<String>,
        /// `soort` of a stuk [default: raadsinformatiebrief] or of an
        /// orgaan; `functie` of a persoon.
        #[arg(long)]
        soort: Option<String>,
        /// The date YYYY-MM-DD [default: SOURCE_DATE_EPOCH, else today].
        #[arg(long)]
        date: Option<String>,
    },
    /// Print the JSON Schema of the front matter of a kind, or write one
    /// file per kind with --out, for editors that validate YAML.
    Schema {
        /// orgaan, persoon, fractie, vergadering, besluit, motie, amendement,
        /// toezegging, vraag or stuk.
        kind: Option<String>,
        /// Write `<kind>.json` for every kind into this folder.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Create a new site (site.toml, content folders, a first orgaan,
    /// .gitignore, a pre-commit hook and CI workflows); refuses a folder
    /// that is not empty.
    Init {
        /// Where [default: the current folder].
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Name of the municipality [default: the folder's name].
        #[arg(long)]
        gemeente: Option<String>,
        /// Do not run `git init` nor enable the hook.
        #[arg(long)]
        no_git: bool,
    },
    /// Search the built site's index, with the browser's analysis and ranking.
    Search {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The built site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// How many hits to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per hit and line: id, title, url, score.
        #[arg(long)]
        json: bool,
        /// The words to search for.
        #[arg(required = true)]
        query: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn print_text(diags: &Diagnostics) {
    for d in diags.iter() {
        eprintln!("{d}");
    }
}

fn summary(diags: &Diagnostics) -> String {
    format!(
        "{} error{}, {} warning{}",
        diags.error_count(),
        if diags.error_count() == 1 { "" } else { "s" },
        diags.warning_count(),
        if diags.warning_count() == 1 { "" } else { "s" }
    )
}

/// Runs the command line; the exit code is 0 on success, 1 when the site
/// has errors, 2 on a usage error.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbose = !cli.quiet;
    match cli.command {
        Command::Build { root, output, date } => {
            let opts = Options {
                root,
                output,
                date,
                verbose,
            };
            run_build(&opts)
        }
        Command::Watch {
            root,
            output,
            date,
            poll,
        } => {
            let opts = crate::watch::WatchOptions {
                root,
                output,
                date,
                verbose,
                poll,
            };
            match crate::watch::watch(&opts, |_| {}) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("watch: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::New {
            kind,
            titel,
            root,
            orgaan,
            vergadering,
            indieners,
            door,
            soort,
            date,
        } => {
            let Some(kind) = crate::new_item::kind_from_arg(&kind) else {
                return ExitCode::from(2);
            };
            let opts = crate::new_item::NewOptions {
                root,
                kind,
                titel,
                orgaan,
                vergadering,
                indieners,
                door,
                soort,
                date,
            };
            match crate::new_item::create(&opts) {
                Ok(path) => {
                    println!("{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Schema { kind, out } => crate::schema::run(kind.as_deref(), out.as_deref()),
        Command::Init {
            dir,
            gemeente,
            no_git,
        } => match crate::init::init(&dir, gemeente.as_deref(), !no_git) {
            Ok(created) => {
                eprintln!("{}", crate::init::describe(&dir, &created));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Search {
            root,
            output,
            limit,
            json,
            query,
        } => {
            let out = output.unwrap_or_else(|| root.join("public"));
            crate::search::cli::run(&out, &query.join(" "), limit, json)
        }
        Command::Check { root, format, date } => {
            let (site, mut diags, _) =
                build::load_site(&root, date.as_deref(), verbose && format == Format::Text);
            // Render in memory too, without publishing: template errors and
            // two outputs on one URL are found by `check` as by `build`.
            if let Some(site) = site {
                build::render_site(&site, &mut diags);
                diags.sort();
            }
            match format {
                Format::Json => println!("{}", diags.to_json()),
                Format::Text => {
                    print_text(&diags);
                    if verbose || diags.has_errors() {
                        eprintln!("{}", summary(&diags));
                    }
                }
            }
            if diags.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Serve {
            root,
            output,
            port,
            date,
        } => {
            // Build, then rebuild on every change in the background; the
            // browser reloads after each rebuild and shows errors over the
            // last good site.
            let out = output.clone().unwrap_or_else(|| root.join("public"));
            let opts = crate::watch::WatchOptions {
                root,
                output,
                date,
                verbose,
                poll: false,
            };
            let listener = match crate::serve::listen(port) {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("cannot serve on 127.0.0.1:{port}: {e}");
                    return ExitCode::from(1);
                }
            };
            let live = crate::watch::live::Live::new();
            let (first_tx, first_rx) = std::sync::mpsc::channel();
            let recorder = live.clone();
            std::thread::spawn(move || {
                let mut first = Some(first_tx);
                let result = crate::watch::watch(&opts, |outcome| {
                    recorder.record(outcome);
                    if let Some(tx) = first.take() {
                        let _ = tx.send(());
                    }
                });
                match result {
                    // Stopped (Ctrl-C, SIGTERM): the server stops too.
                    Ok(()) => std::process::exit(0),
                    Err(e) => eprintln!("watch: {e}; the site is no longer rebuilt on changes"),
                }
            });
            let _ = first_rx.recv();
            if live.has_errors() && out.join("index.html").exists() {
                eprintln!("serving the last good build");
            }
            match crate::serve::serve_live(listener, &out, Some(live)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("cannot serve on 127.0.0.1:{port}: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn run_build(opts: &Options) -> ExitCode {
    match build::build(opts) {
        Ok(report) => {
            print_text(&report.diagnostics);
            if opts.verbose {
                let total: f64 = report.timings.phases.iter().map(|(_, ms)| ms).sum();
                eprintln!(
                    "Built {} items into {} pages in {total:.0} ms ({})",
                    report.items,
                    report.pages,
                    summary(&report.diagnostics)
                );
            }
            ExitCode::SUCCESS
        }
        Err(failed) => {
            print_text(&failed.diagnostics);
            eprintln!(
                "build failed: {}; nothing was published",
                summary(&failed.diagnostics)
            );
            ExitCode::from(1)
        }
    }
}
