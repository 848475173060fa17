//! Resolving and checking references between items.
//!
//! Rules (content-format.md, "Identity and links"): ids are unique across
//! all kinds; a reference to a missing id is an error; a public item may not
//! reference a `geheim` one (its title would leak through the link); each key
//! accepts only the kinds it names.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use super::{BackRef, Site};
use crate::config::SiteConfig;
use crate::content::load::Loaded;
use crate::diagnostics::Diagnostics;
use crate::model::{Item, Kind, KindData};

/// The kinds a reference under `key` may point to; `None` means any kind.
fn allowed_kinds(key: &str) -> Option<&'static [Kind]> {
    use Kind::*;
    Some(match key {
        "orgaan" | "aan" | "van" => &[Orgaan],
        "vergadering" => &[Vergadering],
        "portefeuillehouder"
        | "gedaan_door"
        | "opvolging.portefeuillehouder"
        | "stemming.personen" => &[Persoon],
        "fractie" | "stemming.fracties" => &[Fractie],
        "indieners" => &[Fractie, Persoon],
        "wijzigt" | "opvolging.afgedaan_met" => &[Stuk, Besluit],
        "agenda.besluit" => &[Besluit],
        "agenda.stukken" => &[Stuk, Motie, Amendement, Vraag, Besluit, Toezegging],
        "behandelt" => &[Motie, Amendement, Toezegging, Besluit, Vraag],
        _ => return None,
    })
}

/// What to do about a reference to an id no item has: the closest id of a
/// kind the key allows when one is a typo away (edit distance at most 2)
/// or written inside it, else, for a key of one or two kinds, the file that
/// would create it.
fn unknown_id_hint(items: &[Item], key: &str, id: &str) -> String {
    let kinds = allowed_kinds(key);
    let fits = |it: &&Item| kinds.is_none_or(|k| k.contains(&it.kind));
    let ids = || items.iter().filter(fits).map(|it| it.id.as_str());
    // Else an id written inside the reference or the other way round
    // (`wethouder-visser` for `visser`), the longest.
    let closest = crate::diagnostics::closest(id, ids()).or_else(|| {
        ids()
            .filter(|near| near.len() >= 4 && (id.contains(near) || near.contains(id)))
            .max_by_key(|near| (near.len(), std::cmp::Reverse(*near)))
    });
    if let Some(near) = closest {
        return format!("; did you mean `{near}`?");
    }
    match kinds {
        Some(kinds) if kinds.len() <= 2 => {
            let files: Vec<String> = kinds
                .iter()
                .map(|k| format!("`content/{}/{id}.md`", k.folder()))
                .collect();
            format!("; to add it, create {}", files.join(" or "))
        }
        _ => String::new(),
    }
}

/// Builds the [`Site`] from loaded items, reporting duplicate ids, broken and
/// forbidden references. Items with a duplicate id after the first are left
/// out so later stages see one item per id.
pub fn link(
    root: PathBuf,
    config: SiteConfig,
    reference_date: Date,
    loaded: Loaded,
    diags: &mut Diagnostics,
) -> Site {
    // Duplicate ids, across all kinds and including geheim items.
    let mut first: BTreeMap<&str, (&str, crate::diagnostics::Pos)> = BTreeMap::new();
    let mut duplicate_paths: Vec<(String, String)> = Vec::new();
    for (id, path, pos) in &loaded.ids {
        match first.get(id.as_str()) {
            Some((fpath, fpos)) => {
                diags.error(
                    path,
                    *pos,
                    format!(
                        "id `{id}` is already used by {fpath}:{}:{}; ids must be unique across the whole site",
                        fpos.line, fpos.column
                    ),
                );
                duplicate_paths.push((id.clone(), path.clone()));
            }
            None => {
                first.insert(id, (path, *pos));
            }
        }
    }

    let mut items: Vec<Item> = loaded
        .items
        .into_iter()
        .filter(|it| {
            !duplicate_paths
                .iter()
                .any(|(id, p)| *id == it.id && *p == it.path)
        })
        .collect();
    items.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.id.cmp(&b.id)));
    let by_id: BTreeMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.clone(), i))
        .collect();

    let known: std::collections::BTreeSet<&str> =
        loaded.ids.iter().map(|(id, _, _)| id.as_str()).collect();
    let mut backrefs: Vec<Vec<BackRef>> = vec![Vec::new(); items.len()];
    for (from, item) in items.iter().enumerate() {
        for (key, r) in item.references() {
            if let Some(gpath) = loaded.geheim.get(&r.id) {
                diags.error(
                    &item.path,
                    r.pos,
                    format!(
                        "`{key}` refers to `{}` ({gpath}), which is geheim; a public item may not reference a geheim one",
                        r.id
                    ),
                );
                continue;
            }
            let Some(&to) = by_id.get(&r.id) else {
                if known.contains(r.id.as_str()) || loaded.unread.contains(&r.id) {
                    // The item exists but could not be read; its own
                    // errors are reported, a second one here would mislead.
                    continue;
                }
                diags.error(
                    &item.path,
                    r.pos,
                    format!(
                        "`{key}` refers to `{}`, but no item has that id{}",
                        r.id,
                        unknown_id_hint(&items, key, &r.id)
                    ),
                );
                continue;
            };
            if let Some(kinds) = allowed_kinds(key) {
                let target = items[to].kind;
                if !kinds.contains(&target) {
                    diags.error(
                        &item.path,
                        r.pos,
                        format!(
                            "`{key}` must refer to {}, but `{}` is {}",
                            Kind::list_text(kinds),
                            r.id,
                            target.with_article()
                        ),
                    );
                    continue;
                }
            }
            if to == from {
                diags.error(
                    &item.path,
                    r.pos,
                    format!("`{key}` refers to the item itself"),
                );
                continue;
            }
            backrefs[to].push(BackRef { from, key });
        }
    }
    for b in &mut backrefs {
        b.sort();
        b.dedup();
    }

    default_titles(&mut items, &by_id);
    let site = Site {
        root,
        config,
        reference_date,
        items,
        by_id,
        backrefs,
        history: crate::content::history::History::none(
            crate::content::history::Status::NotARepository,
        ),
        published: Vec::new(),
    };
    check_agendapunten(&site, diags);
    let mut site = site;
    let history = site.history.clone();
    site.set_history(history);
    site
}

/// A besluit, motie or amendement naming an `agendapunt` must name one that
/// is on its vergadering's agenda.
fn check_agendapunten(site: &Site, diags: &mut Diagnostics) {
    for item in &site.items {
        let (vergadering, agendapunt) = match &item.data {
            KindData::Besluit(b) => (b.vergadering.as_ref(), b.agendapunt.as_ref()),
            KindData::Motie(m) | KindData::Amendement(m) => {
                (Some(&m.vergadering), m.agendapunt.as_ref())
            }
            _ => continue,
        };
        let (Some(v), Some(nummer)) = (vergadering, agendapunt) else {
            continue;
        };
        let Some(KindData::Vergadering(verg)) = site.get(&v.id).map(|it| &it.data) else {
            continue;
        };
        if !verg.agenda.is_empty() && !verg.agenda.iter().any(|a| &a.nummer == nummer) {
            diags.warning(
                &item.path,
                v.pos,
                format!(
                    "agendapunt `{nummer}` is not on the agenda of vergadering `{}`",
                    v.id
                ),
            );
        }
    }
}

/// A vergadering without `titel` is called after its orgaan and date:
/// "Gemeenteraad 29 juni 2015" (content-format.md, "Vergadering").
fn default_titles(items: &mut [Item], by_id: &BTreeMap<String, usize>) {
    let names: Vec<Option<String>> = items
        .iter()
        .map(|it| match &it.data {
            KindData::Vergadering(v) if v.default_titel => {
                let orgaan = by_id
                    .get(&v.orgaan.id)
                    .map_or(v.orgaan.id.clone(), |&o| items[o].titel.clone());
                let datum = it.datum.map(crate::dates::format_nl).unwrap_or_default();
                Some(format!("{orgaan} {datum}"))
            }
            _ => None,
        })
        .collect();
    for (it, name) in items.iter_mut().zip(names) {
        if let Some(n) = name {
            it.titel = n;
        }
    }
}
