//! Problems found in a site, each pinned to a file, line and column.
//!
//! Every stage of the pipeline pushes [`Diagnostic`]s into one [`Diagnostics`]
//! list instead of stopping at the first problem, so `check` and `build` can
//! report all of them in one run (architecture: "All errors at once").

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// A position in a source file: 1-based line and 1-based column (in
/// characters), counted in the whole file, not in the front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, column: 1 };

    pub fn new(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }
}

/// How bad a problem is: errors stop `build` and make `check` exit 1;
/// warnings are printed but do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem: `path:line:column: message`. `path` is relative to the site
/// root with `/` separators, as a clerk sees it in the repository; for a
/// command-line option (`--date`) it is the option, and only the message,
/// which names it, is shown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        if self.path.starts_with("--") {
            // A command-line option, not a file: no line or column, and
            // the message names the option itself.
            return write!(f, "{}{}", label, self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}{}",
            self.path, self.line, self.column, label, self.message
        )
    }
}

/// The collected problems of one run, kept in file order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn error(&mut self, path: &str, pos: Pos, message: impl Into<String>) {
        self.push(path, pos, Severity::Error, message.into());
    }

    pub fn warning(&mut self, path: &str, pos: Pos, message: impl Into<String>) {
        self.push(path, pos, Severity::Warning, message.into());
    }

    fn push(&mut self, path: &str, pos: Pos, severity: Severity, message: String) {
        self.items.push(Diagnostic {
            path: path.to_string(),
            line: pos.line,
            column: pos.column,
            severity,
            message,
        });
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorts by path, line and column, and drops exact duplicates, so output
    /// is deterministic whatever order the (parallel) stages ran in.
    pub fn sort(&mut self) {
        self.items.sort();
        self.items.dedup();
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The list as one JSON document for editors and CI:
    /// `{"errors": N, "warnings": N, "diagnostics": [{path, line, column, severity, message}]}`.
    pub fn to_json(&self) -> String {
        let doc = serde_json::json!({
            "errors": self.error_count(),
            "warnings": self.warning_count(),
            "diagnostics": self.items,
        });
        serde_json::to_string_pretty(&doc).expect("diagnostics serialise")
    }
}

/// The path of `file` relative to `root`, with `/` separators, for messages.
pub fn display_path(root: &Path, file: &Path) -> String {
    let rel: PathBuf = file.strip_prefix(root).unwrap_or(file).to_path_buf();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// "a, b or c": a list for a message.
pub fn or_list(parts: &[String]) -> String {
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The candidate a word is most likely a typo of: the nearest within two
/// edits (Damerau-Levenshtein: a swapped pair counts once), ties to the
/// alphabetically first; for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(c, word), c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c)
}
