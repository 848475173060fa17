//! The [`Site`] as the search index sees it: one [`SearchDoc`] per public
//! item, with its facets (kind, orgaan, year, follow-up status, outcome,
//! portefeuillehouder).

use crate::model::{Afzender, Item, KindData, Ref};
use crate::site::opvolging;
use crate::site::Site;

use super::writer::SearchDoc;

fn name(site: &Site, id: &str) -> String {
    site.get(id)
        .map(|i| i.titel.clone())
        .unwrap_or_else(|| id.to_string())
}

/// The orgaan an item belongs to: its own, its vergadering's, or the one
/// it was addressed to.
fn orgaan(site: &Site, item: &Item) -> Option<String> {
    let via = |r: &Ref| match site.get(&r.id).map(|v| &v.data) {
        Some(KindData::Vergadering(v)) => Some(v.orgaan.id.clone()),
        _ => None,
    };
    match &item.data {
        KindData::Besluit(b) => Some(b.orgaan.id.clone()),
        KindData::Vergadering(v) => Some(v.orgaan.id.clone()),
        KindData::Motie(m) | KindData::Amendement(m) => via(&m.vergadering),
        KindData::Toezegging(t) => t
            .aan
            .as_ref()
            .map(|a| a.id.clone())
            .or_else(|| t.vergadering.as_ref().and_then(via)),
        KindData::Stuk(s) => s
            .aan
            .as_ref()
            .map(|a| a.id.clone())
            .or_else(|| match &s.van {
                Some(Afzender::Orgaan(r)) => Some(r.id.clone()),
                _ => None,
            }),
        KindData::Orgaan(_) => Some(item.id.clone()),
        _ => None,
    }
    .filter(|id| site.get(id).is_some())
}

/// The ids of the persons and fracties who submitted or promised it.
fn indieners(item: &Item) -> Vec<&Ref> {
    match &item.data {
        KindData::Motie(m) | KindData::Amendement(m) => m.indieners.iter().collect(),
        KindData::Vraag(v) => v.indieners.iter().collect(),
        KindData::Toezegging(t) => vec![&t.gedaan_door],
        _ => Vec::new(),
    }
}

/// One search document per public item, newest first (ties by id).
pub fn documents(site: &Site) -> Vec<SearchDoc> {
    let order = site.newest_first((0..site.items.len()).collect());
    order.into_iter().map(|i| document(site, i)).collect()
}

fn document(site: &Site, i: usize) -> SearchDoc {
    let item = &site.items[i];
    let row = opvolging::row(site, i);
    let mut meta: Vec<String> = vec![item.kind.label().to_string()];
    let mut facets: Vec<Vec<(String, String)>> =
        vec![Vec::new(); super::engine::schema::FACETS.len()];
    facets[0].push((item.kind.name().to_string(), item.kind.label().to_string()));
    if let Some(o) = orgaan(site, item) {
        let n = name(site, &o);
        meta.push(n.clone());
        facets[1].push((o, n));
    }
    if let Some(d) = item.datum {
        let y = d.year().to_string();
        meta.push(y.clone());
        facets[2].push((y.clone(), y));
    }
    if let Some(r) = &row {
        let stand = r.stand();
        meta.push(stand.label().to_string());
        let value = serde_json::to_value(stand)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        facets[3].push((value, stand.label().to_string()));
    }
    if let Some(u) = item.uitslag() {
        meta.push(u.label().to_string());
        facets[4].push((u.as_str().to_string(), u.label().to_string()));
    }
    let ph = row
        .as_ref()
        .and_then(|r| r.portefeuillehouder.clone())
        .or_else(|| match &item.data {
            KindData::Besluit(b) => b.portefeuillehouder.as_ref().map(|r| r.id.clone()),
            KindData::Vraag(v) => v.portefeuillehouder.as_ref().map(|r| r.id.clone()),
            _ => None,
        });
    if let Some(p) = ph.filter(|p| site.get(p).is_some()) {
        let n = name(site, &p);
        meta.push(n.clone());
        facets[5].push((p, n));
    }
    for r in indieners(item) {
        meta.push(name(site, &r.id));
    }
    meta.extend(item.common.onderwerpen.iter().cloned());
    meta.extend(item.common.bijlagen.iter().map(|b| b.titel.clone()));
    match &item.data {
        KindData::Vergadering(v) => {
            for a in &v.agenda {
                meta.push(a.titel.clone());
                meta.extend(a.toelichting.iter().cloned());
            }
            meta.extend(v.locatie.iter().cloned());
        }
        KindData::Stuk(s) => {
            meta.push(s.soort.label().to_string());
            meta.extend(s.kenmerk.iter().cloned());
            if let Some(Afzender::Naam(n)) = &s.van {
                meta.push(n.clone());
            }
        }
        KindData::Besluit(b) => meta.extend(b.gemeenteblad.iter().cloned()),
        _ => {}
    }
    if let KindData::Persoon(p) = &item.data {
        meta.push(p.functie.label().to_string());
        meta.extend(p.portefeuilles.iter().cloned());
    }
    SearchDoc {
        id: item.id.clone(),
        url: item.url(),
        title: item.titel.clone(),
        body: item.text().to_string(),
        meta: meta.join("\n"),
        date: item.datum.map(|d| d.to_string()),
        facets,
    }
}
