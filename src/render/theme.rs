//! The theme: Tera templates and static assets. The default theme is built
//! into the binary; a site's `themes/<name>/` overrides it file by file
//! (`templates/<file>.html`, `static/<file>`).

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

macro_rules! embed {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),+]
    };
}

/// The default theme's templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "macros.html",
    "index.html",
    "list.html",
    "item.html",
    "vergadering.html",
    "orgaan.html",
    "persoon.html",
    "fractie.html",
    "opvolging.html",
    "404.html",
    "zoeken.html",
    "toegankelijkheid.html",
);

/// The default theme's static files, by path under `static/`.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "opvolging.js",
        include_bytes!("../../themes/default/static/opvolging.js"),
    ),
];

/// A theme ready to render: templates and static files, the site's own
/// files taking precedence.
#[derive(Debug, Clone)]
pub struct Theme {
    pub templates: BTreeMap<String, String>,
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The file each template of the site's theme folder was read from;
    /// templates not in it are the built-in ones.
    pub sources: BTreeMap<String, std::path::PathBuf>,
}

impl Theme {
    /// Where template `name` comes from, for messages: its file relative to
    /// the site `root` (`themes/default/templates/item.html`), or
    /// `built-in template item.html`.
    pub fn template_path(&self, root: &Path, name: &str) -> String {
        match self.sources.get(name) {
            Some(file) => crate::diagnostics::display_path(root, file),
            None => format!("built-in template {name}"),
        }
    }
}

/// Loads the built-in default theme and applies `theme_dir`'s files over it
/// when that folder exists.
pub fn load(theme_dir: &Path) -> std::io::Result<Theme> {
    let mut templates: BTreeMap<String, String> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let mut statics: BTreeMap<String, Vec<u8>> = DEFAULT_STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    let mut sources = BTreeMap::new();
    for (sub, is_templates) in [("templates", true), ("static", false)] {
        let dir = theme_dir.join(sub);
        if !dir.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(std::io::Error::other)?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = crate::diagnostics::display_path(&dir, entry.path());
            if is_templates {
                templates.insert(rel.clone(), std::fs::read_to_string(entry.path())?);
                sources.insert(rel, entry.path().to_path_buf());
            } else {
                statics.insert(rel, std::fs::read(entry.path())?);
            }
        }
    }
    Ok(Theme {
        templates,
        statics,
        sources,
    })
}
