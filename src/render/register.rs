//! The public follow-up register, `/opvolging/`: counts per state, the
//! overdue list (most overdue first) and static filtered views per kind,
//! portefeuillehouder, orgaan and year.

use serde::Serialize;

use super::pages::{card, link, Card};
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

impl RegisterPage {
    /// A hash of everything the page holds, with each card given by
    /// `card`'s hash of it (see `render::CardHashes`).
    pub fn key(&self, card: &dyn Fn(&Card) -> u64) -> u64 {
        let RegisterPage {
            titel,
            filter,
            totaal,
            counts,
            te_laat,
            open,
            afgedaan,
            filters,
            snelheid,
            feeds,
        } = self;
        let cards = |list: &[Card]| list.iter().map(card).collect::<Vec<u64>>();
        super::debug_hash(&(
            (titel, filter, totaal, counts, filters, snelheid, feeds),
            cards(te_laat),
            cards(open),
            cards(afgedaan),
        ))
    }
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

/// How a row maps to the key of its group (`None`: in no group).
type GroupKey<'s> = Box<dyn Fn(&Row) -> Option<String> + 's>;
/// How a group key reads on the page.
type GroupLabel<'s> = Box<dyn Fn(&str) -> String + 's>;

/// One dimension of the filtered views: the URL segment, how a row maps to
/// a group key, and how a key reads on the page.
struct Dimension<'s> {
    segment: &'static str,
    key: GroupKey<'s>,
    label: GroupLabel<'s>,
    newest_first: bool,
}

/// Groups `rows` by `dim` in one pass; returns the filter links and the
/// views `(url, label, filter text, rows)`.
#[allow(clippy::type_complexity)]
fn group<'r>(
    rows: &'r [Row],
    dim: &Dimension<'_>,
    what: &str,
) -> (Vec<FilterLink>, Vec<(String, String, String, Vec<&'r Row>)>) {
    let mut groups: std::collections::BTreeMap<String, Vec<&Row>> = Default::default();
    for r in rows {
        if let Some(k) = (dim.key)(r) {
            groups.entry(k).or_default().push(r);
        }
    }
    let mut groups: Vec<(String, Vec<&Row>)> = groups.into_iter().collect();
    if dim.newest_first {
        groups.reverse();
    }
    let mut links = Vec::new();
    let mut views = Vec::new();
    for (key, rs) in groups {
        let url = format!("/opvolging/{}/{key}/", dim.segment);
        let label = (dim.label)(&key);
        links.push(FilterLink {
            url: url.clone(),
            label: label.clone(),
            count: rs.len(),
        });
        views.push((url, label.clone(), format!("{what}: {label}"), rs));
    }
    (links, views)
}

/// Every register page with its output path.
pub fn pages(site: &Site) -> Vec<(String, RegisterPage)> {
    let rows = register(site);
    let name = |id: &str| link(site, id).titel;
    let kind_label = |folder: &str| {
        Kind::ALL
            .iter()
            .find(|k| k.folder() == folder)
            .map_or(folder.to_string(), |k| k.plural_label().to_string())
    };
    let (soort, v1) = group(
        &rows,
        &Dimension {
            segment: "soort",
            key: Box::new(|r| Some(r.kind.folder().to_string())),
            label: Box::new(kind_label),
            newest_first: false,
        },
        "soort",
    );
    let (portefeuillehouder, v2) = group(
        &rows,
        &Dimension {
            segment: "portefeuillehouder",
            key: Box::new(|r| r.portefeuillehouder.clone()),
            label: Box::new(name),
            newest_first: false,
        },
        "portefeuillehouder",
    );
    let (orgaan, v3) = group(
        &rows,
        &Dimension {
            segment: "orgaan",
            key: Box::new(|r| r.orgaan.clone()),
            label: Box::new(name),
            newest_first: false,
        },
        "orgaan",
    );
    let (jaar, v4) = group(
        &rows,
        &Dimension {
            segment: "jaar",
            key: Box::new(|r| r.jaar.map(|y| y.to_string())),
            label: Box::new(|y| y.to_string()),
            newest_first: true,
        },
        "jaar",
    );
    let filters = Filters {
        soort,
        portefeuillehouder,
        orgaan,
        jaar,
    };
    let views: Vec<_> = [v1, v2, v3, v4].into_iter().flatten().collect();

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
