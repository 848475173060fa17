//! The public follow-up register, `/opvolging/`: counts per state, the
//! overdue list (most overdue first) and static filtered views per kind,
//! portefeuillehouder, orgaan and year.

use serde::Serialize;

use super::pages::{card, link, Card, Link};
use crate::model::Kind;
use crate::site::opvolging::{register, Row, Stand};
use crate::site::Site;

/// One register page (the whole register or one filtered view).
#[derive(Debug, Clone, Serialize)]
pub struct RegisterPage {
    pub titel: String,
    pub filter: Option<String>,
    pub totaal: usize,
    pub counts: Vec<StandCount>,
    pub te_laat: Vec<Card>,
    pub open: Vec<Card>,
    pub afgedaan: Vec<Card>,
    pub filters: Vec<FilterGroup>,
    /// Publication speed per orgaan (the main page only).
    pub snelheid: Vec<crate::site::publicatie::Snelheid>,
    /// Feeds: the Atom feed of changes and the deadline calendars.
    pub feeds: Vec<FilterLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StandCount {
    pub stand: Stand,
    pub label: &'static str,
    pub count: usize,
}

/// Links to every filtered view, for the register's navigation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filters {
    pub soort: Vec<FilterLink>,
    pub portefeuillehouder: Vec<FilterLink>,
    pub orgaan: Vec<FilterLink>,
    pub jaar: Vec<FilterLink>,
}

/// One labelled group of filter links, for templates.
#[derive(Debug, Clone, Serialize)]
pub struct FilterGroup {
    pub label: &'static str,
    pub links: Vec<FilterLink>,
}

impl Filters {
    pub fn groups(&self) -> Vec<FilterGroup> {
        [
            ("Soort", &self.soort),
            ("Portefeuillehouder", &self.portefeuillehouder),
            ("Orgaan", &self.orgaan),
            ("Jaar", &self.jaar),
        ]
        .into_iter()
        .filter(|(_, l)| !l.is_empty())
        .map(|(label, l)| FilterGroup {
            label,
            links: l.clone(),
        })
        .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FilterLink {
    pub url: String,
    pub label: String,
    pub count: usize,
}

fn page(
    site: &Site,
    titel: String,
    filter: Option<String>,
    rows: &[&Row],
    filters: &Filters,
) -> RegisterPage {
    let counts = [
        Stand::TeLaat,
        Stand::Openstaand,
        Stand::DeelsVoldaan,
        Stand::Voldaan,
        Stand::Vervallen,
    ]
    .iter()
    .map(|&s| StandCount {
        stand: s,
        label: s.label(),
        count: rows.iter().filter(|r| r.stand() == s).count(),
    })
    .collect();
    let mut te_laat: Vec<&&Row> = rows.iter().filter(|r| r.te_laat).collect();
    // Most overdue first: earliest deadline, then by id (the in-browser
    // recount in opvolging.js sorts the same way).
    te_laat.sort_by_key(|r| (r.termijn, site.items[r.item].id.clone()));
    let mut open: Vec<&&Row> = rows
        .iter()
        .filter(|r| r.status.is_open() && !r.te_laat)
        .collect();
    // Soonest deadline first; open items without a deadline last.
    open.sort_by_key(|r| {
        (
            r.termijn.is_none(),
            r.termijn,
            site.items[r.item].id.clone(),
        )
    });
    let mut afgedaan: Vec<&&Row> = rows.iter().filter(|r| !r.status.is_open()).collect();
    afgedaan.sort_by(|a, b| {
        site.items[b.item]
            .datum
            .cmp(&site.items[a.item].datum)
            .then_with(|| site.items[a.item].id.cmp(&site.items[b.item].id))
    });
    let to_cards = |rs: Vec<&&Row>| rs.into_iter().map(|r| card(site, r.item)).collect();
    RegisterPage {
        titel,
        filter,
        totaal: rows.len(),
        counts,
        te_laat: to_cards(te_laat),
        open: to_cards(open),
        afgedaan: to_cards(afgedaan),
        filters: filters.groups(),
        snelheid: Vec::new(),
        feeds: Vec::new(),
    }
}

fn name(l: Link) -> String {
    l.titel
}

/// Every register page with its output path.
pub fn pages(site: &Site) -> Vec<(String, RegisterPage)> {
    let rows = register(site);
    let mut views: Vec<(String, String, String, Vec<&Row>)> = Vec::new();
    let mut filters = Filters::default();

    let mut kinds: Vec<Kind> = rows.iter().map(|r| r.kind).collect();
    kinds.sort();
    kinds.dedup();
    for k in kinds {
        let rs: Vec<&Row> = rows.iter().filter(|r| r.kind == k).collect();
        let url = format!("/opvolging/soort/{}/", k.folder());
        filters.soort.push(FilterLink {
            url: url.clone(),
            label: k.plural_label().into(),
            count: rs.len(),
        });
        views.push((
            url,
            k.plural_label().into(),
            format!("soort: {}", k.plural_label()),
            rs,
        ));
    }
    let mut ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.portefeuillehouder.as_deref())
        .collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        let rs: Vec<&Row> = rows
            .iter()
            .filter(|r| r.portefeuillehouder.as_deref() == Some(id))
            .collect();
        let url = format!("/opvolging/portefeuillehouder/{id}/");
        let label = name(link(site, id));
        filters.portefeuillehouder.push(FilterLink {
            url: url.clone(),
            label: label.clone(),
            count: rs.len(),
        });
        views.push((
            url,
            label.clone(),
            format!("portefeuillehouder: {label}"),
            rs,
        ));
    }
    let mut ids: Vec<&str> = rows.iter().filter_map(|r| r.orgaan.as_deref()).collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        let rs: Vec<&Row> = rows
            .iter()
            .filter(|r| r.orgaan.as_deref() == Some(id))
            .collect();
        let url = format!("/opvolging/orgaan/{id}/");
        let label = name(link(site, id));
        filters.orgaan.push(FilterLink {
            url: url.clone(),
            label: label.clone(),
            count: rs.len(),
        });
        views.push((url, label.clone(), format!("orgaan: {label}"), rs));
    }
    let mut years: Vec<i16> = rows.iter().filter_map(|r| r.jaar).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    for y in years {
        let rs: Vec<&Row> = rows.iter().filter(|r| r.jaar == Some(y)).collect();
        let url = format!("/opvolging/jaar/{y}/");
        filters.jaar.push(FilterLink {
            url: url.clone(),
            label: y.to_string(),
            count: rs.len(),
        });
        views.push((url, y.to_string(), format!("jaar: {y}"), rs));
    }

    let all: Vec<&Row> = rows.iter().collect();
    let mut main = page(site, "Opvolging".into(), None, &all, &filters);
    main.snelheid = crate::site::publicatie::snelheid(site);
    main.feeds = std::iter::once(FilterLink {
        url: "/opvolging/wijzigingen.atom".into(),
        label: "Wijzigingen (Atom-feed)".into(),
        count: 0,
    })
    .chain(std::iter::once(FilterLink {
        url: "/opvolging/termijnen.ics".into(),
        label: "Alle termijnen (agenda, iCalendar)".into(),
        count: 0,
    }))
    .chain(filters.portefeuillehouder.iter().map(|f| FilterLink {
        url: format!(
            "/opvolging/termijnen/{}.ics",
            f.url.trim_end_matches('/').rsplit('/').next().unwrap_or_default()
        ),
        label: format!("Termijnen van {} (iCalendar)", f.label),
        count: 0,
    }))
    .collect();
    let mut out = vec![("opvolging/index.html".to_string(), main)];
    for (url, label, filter, rs) in views {
        out.push((
            format!("{}index.html", url.trim_start_matches('/')),
            page(
                site,
                format!("Opvolging: {label}"),
                Some(filter),
                &rs,
                &filters,
            ),
        ));
    }
    out
}
