//! `besluitspoor new <kind> "titel"`: a new content file with the next free
//! id, the required keys and today's date, so a clerk starts from a file
//! that is correctly named and complete.
//!
//! Ids: `<kind>-<year>-<nnn>` (`besluit-2026-014`), numbered after the
//! highest one of that kind and year; a vergadering is `<orgaan>-<date>`
//! (`gemeenteraad-2026-12-11`); an orgaan, persoon or fractie is named after
//! its name (`new fractie "GroenLinks-PvdA"` → `groenlinks-pvda`). The file
//! is created, never overwritten.

use std::io::Write;
use std::path::PathBuf;

use thiserror::Error;

use crate::config;
use crate::content::load;
use crate::dates::reference_date;
use crate::diagnostics::Diagnostics;
use crate::model::{Functie, Item, Kind, KindData, OrgaanSoort, StukSoort};

/// What to create.
#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    pub kind: Kind,
    /// Required for every kind but a vergadering.
    pub titel: Option<String>,
    pub orgaan: Option<String>,
    pub vergadering: Option<String>,
    /// Ids of fracties or personen (motie, vraag).
    pub indieners: Vec<String>,
    /// The persoon who made a toezegging.
    pub door: Option<String>,
    /// `soort` of a stuk or an orgaan, `functie` of a persoon.
    pub soort: Option<String>,
    /// `--date` YYYY-MM-DD; default SOURCE_DATE_EPOCH, else today.
    pub date: Option<String>,
}

#[derive(Debug, Error)]
pub enum NewError {
    #[error("{0}")]
    Site(String),
    #[error(
        "`besluitspoor new` makes besluit, motie, toezegging, vraag, vergadering, stuk, orgaan, persoon or fractie, not {0}"
    )]
    Kind(&'static str),
    #[error("a {0} needs a title: besluitspoor new {0} \"titel\"")]
    NoTitle(&'static str),
    #[error("there is no {what} `{id}`; known: {known}")]
    Unknown {
        what: &'static str,
        id: String,
        known: String,
    },
    #[error("{0}")]
    Choose(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The kinds `new` makes.
pub const KINDS: &[Kind] = &[
    Kind::Besluit,
    Kind::Motie,
    Kind::Toezegging,
    Kind::Vraag,
    Kind::Vergadering,
    Kind::Stuk,
    Kind::Orgaan,
    Kind::Persoon,
    Kind::Fractie,
];

fn known(items: &[&Item]) -> String {
    if items.is_empty() {
        return "none yet".into();
    }
    items
        .iter()
        .map(|it| it.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Creates the file and returns its path.
pub fn create(opts: &NewOptions) -> Result<PathBuf, NewError> {
    let kind = opts.kind;
    if !KINDS.contains(&kind) {
        return Err(NewError::Kind(kind.name()));
    }
    let mut diags = Diagnostics::new();
    let cfg = config::load(&opts.root, &mut diags).ok_or_else(|| {
        let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        NewError::Site(format!(
            "{} is not a site: {}",
            opts.root.display(),
            msgs.join("; ")
        ))
    })?;
    let today = reference_date(opts.date.as_deref(), &cfg.tz())
        .map_err(|e| NewError::Site(e.to_string()))?;
    let titel = opts
        .titel
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if titel.is_none() && kind != Kind::Vergadering {
        return Err(NewError::NoTitle(kind.name()));
    }
    let loaded = load::load(&opts.root);
    if !kind.is_document() {
        let taken: std::collections::BTreeSet<&str> =
            loaded.ids.iter().map(|(id, _, _)| id.as_str()).collect();
        let naam = titel.expect("checked above");
        let fm = actor_front_matter(kind, naam, opts.soort.as_deref())?;
        return write_new(&opts.root, kind, &name_id(naam, &taken), &fm);
    }
    let items: Vec<&Item> = loaded.items.iter().collect();
    let of = |k: Kind| -> Vec<&Item> { items.iter().copied().filter(|it| it.kind == k).collect() };
    let organen = of(Kind::Orgaan);
    let vergaderingen = of(Kind::Vergadering);
    let find = |list: &[&Item], what: &'static str, id: &str| -> Result<String, NewError> {
        if list.iter().any(|it| it.id == id) {
            Ok(id.to_string())
        } else {
            Err(NewError::Unknown {
                what,
                id: id.to_string(),
                known: known(list),
            })
        }
    };

    let vergadering = match &opts.vergadering {
        Some(v) => Some(find(&vergaderingen, "vergadering", v)?),
        None if kind == Kind::Motie => {
            // The latest meeting up to today: where moties are submitted.
            let latest = vergaderingen
                .iter()
                .filter(|v| v.datum.is_some_and(|d| d <= today))
                .max_by_key(|v| (v.datum, v.id.clone()));
            match latest {
                Some(v) => Some(v.id.clone()),
                None => {
                    return Err(NewError::Choose(
                        "a motie needs the vergadering where it was submitted: add --vergadering ID (no earlier vergadering found)".into(),
                    ))
                }
            }
        }
        None => None,
    };
    let orgaan_of_vergadering = vergadering.as_ref().and_then(|v| {
        vergaderingen
            .iter()
            .find(|it| &it.id == v)
            .and_then(|it| match &it.data {
                KindData::Vergadering(vd) => Some(vd.orgaan.id.clone()),
                _ => None,
            })
    });
    let orgaan = match &opts.orgaan {
        Some(o) => Some(find(&organen, "orgaan", o)?),
        None if matches!(kind, Kind::Besluit | Kind::Vergadering) => {
            let preferred = if kind == Kind::Besluit {
                OrgaanSoort::College
            } else {
                OrgaanSoort::Raad
            };
            let of_soort: Vec<&&Item> = organen
                .iter()
                .filter(|o| matches!(&o.data, KindData::Orgaan(od) if od.soort == preferred))
                .collect();
            let pick = if kind == Kind::Besluit && orgaan_of_vergadering.is_some() {
                orgaan_of_vergadering.clone()
            } else if of_soort.len() == 1 {
                Some(of_soort[0].id.clone())
            } else if organen.len() == 1 {
                Some(organen[0].id.clone())
            } else {
                None
            };
            match pick {
                Some(o) => Some(o),
                None => {
                    return Err(NewError::Choose(format!(
                        "which orgaan? add --orgaan ID, one of: {}",
                        known(&organen)
                    )))
                }
            }
        }
        None => None,
    };
    let soort = match (&opts.soort, kind) {
        (Some(s), Kind::Stuk) => Some(
            StukSoort::parse(s)
                .ok_or_else(|| {
                    NewError::Choose(format!(
                        "`--soort {s}` is not a soort of stuk; one of {}",
                        StukSoort::expected()
                    ))
                })?
                .as_str(),
        ),
        (None, Kind::Stuk) => Some(StukSoort::Raadsinformatiebrief.as_str()),
        _ => None,
    };

    let taken: std::collections::BTreeSet<&str> =
        loaded.ids.iter().map(|(id, _, _)| id.as_str()).collect();
    let dir = opts.root.join("content").join(kind.folder());
    let free = |id: &str| !taken.contains(id) && !dir.join(format!("{id}.md")).exists();
    let id = if kind == Kind::Vergadering {
        let base = format!("{}-{today}", orgaan.as_deref().unwrap_or("vergadering"));
        let mut id = base.clone();
        let mut n = 2;
        while !free(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    } else {
        let prefix = format!("{}-{}-", kind.name(), today.year());
        let highest = taken
            .iter()
            .filter_map(|id| id.strip_prefix(&prefix))
            .filter_map(|n| n.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        let mut n = highest + 1;
        while !free(&format!("{prefix}{n:03}")) {
            n += 1;
        }
        format!("{prefix}{n:03}")
    };

    let q = |s: &str| serde_json::to_string(s).expect("string");
    let mut fm = String::from("---\n");
    if let Some(t) = titel {
        fm += &format!("titel: {}\n", q(t));
    }
    fm += &format!("datum: {today}\n");
    let list = |ids: &[String]| format!("[{}]", ids.join(", "));
    match kind {
        Kind::Vergadering => {
            fm += &format!("orgaan: {}\n", orgaan.as_deref().unwrap_or_default());
            fm += "agenda: []\n";
        }
        Kind::Besluit => {
            fm += &format!("orgaan: {}\n", orgaan.as_deref().unwrap_or_default());
            if let Some(v) = &vergadering {
                fm += &format!("vergadering: {v}\n");
            }
        }
        Kind::Motie => {
            fm += &format!(
                "vergadering: {}\n",
                vergadering.as_deref().unwrap_or_default()
            );
            if opts.indieners.is_empty() {
                fm += "indieners:  # vul in: ids van fracties of personen, bijv. [vvd, cda]\n";
            } else {
                fm += &format!("indieners: {}\n", list(&opts.indieners));
            }
        }
        Kind::Vraag => {
            if opts.indieners.is_empty() {
                fm += "indieners:  # vul in: ids van fracties of personen, bijv. [vvd]\n";
            } else {
                fm += &format!("indieners: {}\n", list(&opts.indieners));
            }
        }
        Kind::Toezegging => {
            if let Some(v) = &vergadering {
                fm += &format!("vergadering: {v}\n");
            }
            match &opts.door {
                Some(p) => fm += &format!("gedaan_door: {p}\n"),
                None => fm += "gedaan_door:  # vul in: id van de wethouder of burgemeester\n",
            }
            fm += "opvolging:\n  status: openstaand\n";
        }
        Kind::Stuk => {
            fm += &format!("soort: {}\n", soort.unwrap_or("overig"));
            if let Some(o) = &orgaan {
                fm += &format!("aan: {o}\n");
            }
        }
        _ => unreachable!("checked above"),
    }
    fm += "---\n";
    write_new(&opts.root, kind, &id, &fm)
}

/// Writes `content/<kind folder>/<id>.md`, refusing to replace a file.
fn write_new(
    root: &std::path::Path,
    kind: Kind,
    id: &str,
    text: &str,
) -> Result<PathBuf, NewError> {
    let dir = root.join("content").join(kind.folder());
    let path = dir.join(format!("{id}.md"));
    let io = |source| NewError::Io {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(io)?;
    f.write_all(text.as_bytes()).map_err(io)?;
    Ok(path)
}

/// An id made from a name: diacritics folded, lower case, every run of
/// other characters one `-`, at most 80 characters (`Ré van der Berg` →
/// `re-van-der-berg`); `-2`, `-3`, … when it is taken.
fn name_id(naam: &str, taken: &std::collections::BTreeSet<&str>) -> String {
    let folded = crate::search::engine::analysis::fold(&naam.to_lowercase());
    let mut base = String::new();
    for c in folded.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            base.push(c);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let mut base = base.trim_end_matches('-').to_string();
    base.truncate(76);
    let base = match base.trim_end_matches('-') {
        "" => "naamloos".to_string(),
        b => b.to_string(),
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(id.as_str()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The front matter of a new orgaan, persoon or fractie; `soort` is the
/// orgaan's soort or the persoon's functie, checked against the content
/// format's values; left to fill in (with the choices in a comment) when
/// not given.
fn actor_front_matter(kind: Kind, naam: &str, soort: Option<&str>) -> Result<String, NewError> {
    let q = |s: &str| serde_json::to_string(s).expect("string");
    let mut fm = format!("---\nnaam: {}\n", q(naam));
    let choice =
        |key: &str, parse: fn(&str) -> bool, expected: String| -> Result<String, NewError> {
            match soort {
                Some(s) if parse(s) => Ok(format!("{key}: {s}\n")),
                Some(s) => Err(NewError::Choose(format!(
                    "`--soort {s}` is not a {key} of {}; one of {expected}",
                    kind.with_article()
                ))),
                None => Ok(format!("{key}:  # vul in: een van {expected}\n")),
            }
        };
    match kind {
        Kind::Orgaan => {
            fm += &choice(
                "soort",
                |s| OrgaanSoort::parse(s).is_some(),
                OrgaanSoort::expected(),
            )?
        }
        Kind::Persoon => {
            fm += &choice(
                "functie",
                |s| Functie::parse(s).is_some(),
                Functie::expected(),
            )?
        }
        _ => {}
    }
    fm += "---\n";
    Ok(fm)
}

/// `besluitspoor new` for `kind` written as on the command line.
pub fn kind_from_arg(s: &str) -> Option<Kind> {
    KINDS.iter().copied().find(|k| k.name() == s)
}
