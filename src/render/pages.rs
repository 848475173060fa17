//! Page models: functions that take the [`Site`] and return what a template
//! formats. Templates do no queries; everything they show is here.

use jiff::civil::Date;
use serde::Serialize;

use crate::content::markdown;
use crate::dates::{format_nl, format_nl_long};
use crate::model::*;
use crate::site::opvolging::{self, Row, Stand};
use crate::site::Site;

/// A value with its Dutch label, e.g. `{value: "aangenomen", label: "Aangenomen"}`.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub value: &'static str,
    pub label: &'static str,
}

/// A link to an item, or a plain name when the item is not on the site.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub url: Option<String>,
    pub titel: String,
}

/// A date as ISO and in Dutch.
#[derive(Debug, Clone, Serialize)]
pub struct Datum {
    pub iso: String,
    pub nl: String,
}

impl Datum {
    pub fn new(d: Date) -> Datum {
        Datum {
            iso: d.to_string(),
            nl: format_nl(d),
        }
    }
}

/// The follow-up state of an item as shown in lists and on its page.
#[derive(Debug, Clone, Serialize)]
pub struct OpvolgingView {
    pub stand: Stand,
    pub stand_label: &'static str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub te_laat: bool,
    pub termijn: Option<Datum>,
    pub termijn_tekst: Option<String>,
    /// Days left (negative: overdue) at the reference date.
    pub dagen: Option<i64>,
    /// Days past the deadline, when overdue.
    pub dagen_te_laat: Option<i64>,
    pub portefeuillehouder: Option<Link>,
    pub afgedaan_met: Option<Link>,
    pub voortgang: Vec<VoortgangView>,
    pub antwoord_dagen: Option<i64>,
    pub laat_beantwoord: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct VoortgangView {
    pub datum: Datum,
    pub status: Option<Label>,
    pub tekst: String,
}

/// An item in a list.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub id: String,
    pub url: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub titel: String,
    pub datum: Option<Datum>,
    pub uitslag: Option<Label>,
    pub opvolging: Option<OpvolgingView>,
    pub stemming: Option<StemmingView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StemmingView {
    pub voor: Option<u32>,
    pub tegen: Option<u32>,
    pub staken: bool,
    pub fracties_voor: Vec<Link>,
    pub fracties_tegen: Vec<Link>,
    pub fracties_verdeeld: Vec<Link>,
    pub personen_voor: Vec<Link>,
    pub personen_tegen: Vec<Link>,
}

/// Context shared by every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub municipality: String,
    pub base_url: String,
    pub language: String,
    pub reference_date: Datum,
    pub timezone: String,
    /// Content-hashed URLs of the stylesheet and the follow-up script.
    pub css: String,
    pub js: String,
    pub nav: Vec<NavLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    pub url: String,
    pub label: &'static str,
}

pub fn label<T: Copy>(v: T, value: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Label {
    Label {
        value: value(v),
        label: label(v),
    }
}

pub fn uitslag_label(u: Uitslag) -> Label {
    label(u, Uitslag::as_str, Uitslag::label)
}

/// A link to the item with `id`; its title when present.
pub fn link(site: &Site, id: &str) -> Link {
    match site.get(id) {
        Some(it) => Link {
            url: Some(it.url()),
            titel: it.titel.clone(),
        },
        None => Link {
            url: None,
            titel: id.to_string(),
        },
    }
}

fn links(site: &Site, refs: &[Ref]) -> Vec<Link> {
    refs.iter().map(|r| link(site, &r.id)).collect()
}

pub fn stemming_view(site: &Site, s: &Stemming) -> StemmingView {
    StemmingView {
        voor: s.voor_count(),
        tegen: s.tegen_count(),
        staken: s.is_tie(),
        fracties_voor: links(site, &s.fracties_voor),
        fracties_tegen: links(site, &s.fracties_tegen),
        fracties_verdeeld: links(site, &s.fracties_verdeeld),
        personen_voor: links(site, &s.personen_voor),
        personen_tegen: links(site, &s.personen_tegen),
    }
}

pub fn opvolging_view(site: &Site, row: &Row) -> OpvolgingView {
    let item = &site.items[row.item];
    let voortgang = item
        .opvolging()
        .map(|o| {
            o.voortgang
                .iter()
                .map(|v| VoortgangView {
                    datum: Datum::new(v.datum),
                    status: v
                        .status
                        .map(|s| label(s, OpvolgingStatus::as_str, OpvolgingStatus::label)),
                    tekst: v.tekst.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let stand = row.stand();
    OpvolgingView {
        stand,
        stand_label: stand.label(),
        status: row.status.as_str(),
        status_label: row.status.label(),
        te_laat: row.te_laat,
        termijn: row.termijn.map(Datum::new),
        termijn_tekst: row.termijn_tekst.clone(),
        dagen: row.dagen,
        dagen_te_laat: row.dagen.filter(|d| *d < 0).map(|d| -d),
        portefeuillehouder: row.portefeuillehouder.as_deref().map(|p| link(site, p)),
        afgedaan_met: row.afgedaan_met.as_ref().map(|a| match a {
            AfgedaanMet::Item(r) => link(site, &r.id),
            AfgedaanMet::Url(u) => Link {
                url: Some(u.clone()),
                titel: u.clone(),
            },
        }),
        voortgang,
        antwoord_dagen: row.antwoord_dagen,
        laat_beantwoord: row.laat_beantwoord,
    }
}

/// The list entry of item `i`.
pub fn card(site: &Site, i: usize) -> Card {
    let item = &site.items[i];
    Card {
        id: item.id.clone(),
        url: item.url(),
        kind: item.kind,
        kind_label: item.kind.label(),
        titel: item.titel.clone(),
        datum: item.datum.map(Datum::new),
        uitslag: item.uitslag().map(uitslag_label),
        opvolging: opvolging::row(site, i).map(|r| opvolging_view(site, &r)),
        stemming: item.stemming().map(|s| stemming_view(site, s)),
    }
}

pub fn cards(site: &Site, idx: &[usize]) -> Vec<Card> {
    idx.iter().map(|&i| card(site, i)).collect()
}

/// An attachment as linked on a page: "Raadsvoorstel (PDF, 1,2 MB)".
#[derive(Debug, Clone, Serialize)]
pub struct BijlageView {
    pub titel: String,
    pub url: String,
    pub soort: String,
    pub grootte: String,
}

/// Size in Dutch notation: "850 kB", "1,2 MB".
pub fn format_size(bytes: u64) -> String {
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    if bytes < 1_000_000 {
        return format!("{} kB", (bytes + 500) / 1000);
    }
    let tenths = (bytes + 50_000) / 100_000;
    format!("{},{} MB", tenths / 10, tenths % 10)
}

fn bijlage_view(b: &Bijlage) -> BijlageView {
    let ext = b
        .bestand
        .rsplit_once('.')
        .map(|(_, e)| e.to_uppercase())
        .unwrap_or_else(|| "bestand".into());
    BijlageView {
        titel: b.titel.clone(),
        url: format!("/{}", b.output_path),
        soort: ext,
        grootte: format_size(b.size),
    }
}

/// A labelled group of cards on a page ("Ingediende moties").
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub titel: String,
    pub items: Vec<Card>,
    /// How many items the section has in all.
    pub totaal: usize,
    /// On actor pages: the URL of the paginated list of all of them, when
    /// the section shows only the newest [`SECTION_CAP`].
    pub alle: Option<String>,
}

/// An orgaan, persoon or fractie page shows at most this many items per
/// section, newest first, and links to the full list: a fractie that has
/// submitted 25,000 moties over the years gets a page, not a 3 MB wall.
pub const SECTION_CAP: usize = 50;

/// The URL of the full list of an actor's section: `/fracties/pvv/ingediend/`.
pub fn section_url(actor_url: &str, titel: &str) -> String {
    let mut slug = String::new();
    for c in titel.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    format!("{actor_url}{}/", slug.trim_matches('-'))
}

fn section(site: &Site, titel: &str, idx: Vec<usize>) -> Option<Section> {
    (!idx.is_empty()).then(|| Section {
        titel: titel.to_string(),
        totaal: idx.len(),
        items: cards(site, &site.newest_first(idx)),
        alle: None,
    })
}

/// Everything an item page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ItemPage {
    pub card: Card,
    pub body_html: String,
    pub onderwerpen: Vec<String>,
    pub bijlagen: Vec<BijlageView>,
    pub bron: Option<String>,
    /// Publication date and where it comes from (written, git, build date).
    pub gepubliceerd: Datum,
    pub gepubliceerd_bron: crate::site::publicatie::Bron,
    /// Every commit that changed the file, newest first.
    pub versies: Vec<VersieView>,
    /// Shown when the git history is incomplete or absent.
    pub geschiedenis_noot: Option<String>,
    /// Key facts as label/value rows, in display order.
    pub feiten: Vec<Feit>,
    /// Related lists: amendementen on a besluit, what a stuk settles, …
    pub secties: Vec<Section>,
    pub gerelateerd: Vec<Card>,
    pub breadcrumb: Vec<NavLink2>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavLink2 {
    pub url: String,
    pub label: String,
}

/// One label/value row; `links` when the value is one or more items.
#[derive(Debug, Clone, Serialize)]
pub struct Feit {
    pub label: &'static str,
    pub tekst: Option<String>,
    pub links: Vec<Link>,
}

fn feit_text(label: &'static str, tekst: impl Into<String>) -> Feit {
    Feit {
        label,
        tekst: Some(tekst.into()),
        links: Vec::new(),
    }
}

fn feit_links(label: &'static str, links: Vec<Link>) -> Feit {
    Feit {
        label,
        tekst: None,
        links,
    }
}

fn vergadering_link(site: &Site, r: &Ref, agendapunt: Option<&String>) -> Link {
    let mut l = link(site, &r.id);
    if let (Some(url), Some(nr)) = (&l.url, agendapunt) {
        l.url = Some(format!("{url}#agendapunt-{}", anchor(nr)));
        l.titel = format!("{}, agendapunt {nr}", l.titel);
    }
    l
}

/// A fragment id for an agendapunt nummer: `7`, `8a`, `8-1`.
pub fn anchor(nummer: &str) -> String {
    nummer
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The page model of item `i` (any kind).
pub fn item_page(site: &Site, i: usize) -> ItemPage {
    let item = &site.items[i];
    let mut feiten = Vec::new();
    let mut secties = Vec::new();
    let push = |s: &mut Vec<Section>, t: &str, idx: Vec<usize>| {
        if let Some(sec) = section(site, t, idx) {
            s.push(sec);
        }
    };
    match &item.data {
        KindData::Besluit(b) => {
            feiten.push(feit_links("Orgaan", vec![link(site, &b.orgaan.id)]));
            if let Some(v) = &b.vergadering {
                feiten.push(feit_links(
                    "Vergadering",
                    vec![vergadering_link(site, v, b.agendapunt.as_ref())],
                ));
            }
            if let Some(p) = &b.portefeuillehouder {
                feiten.push(feit_links("Portefeuillehouder", vec![link(site, &p.id)]));
            }
            if let Some(c) = &b.informatiecategorie {
                feiten.push(feit_text("Woo-informatiecategorie", c.clone()));
            }
            if let Some(g) = &b.gemeenteblad {
                feiten.push(feit_text("Gemeenteblad", g.clone()));
            }
        }
        KindData::Motie(m) | KindData::Amendement(m) => {
            feiten.push(feit_links(
                "Vergadering",
                vec![vergadering_link(
                    site,
                    &m.vergadering,
                    m.agendapunt.as_ref(),
                )],
            ));
            feiten.push(feit_links("Indieners", links(site, &m.indieners)));
            if let Some(t) = m.motietype {
                feiten.push(feit_text("Soort motie", t.label()));
            }
            if let Some(w) = &m.wijzigt {
                feiten.push(feit_links("Wijzigt", vec![link(site, &w.id)]));
            }
        }
        KindData::Toezegging(t) => {
            feiten.push(feit_links(
                "Toegezegd door",
                vec![link(site, &t.gedaan_door.id)],
            ));
            if let Some(a) = &t.aan {
                feiten.push(feit_links("Aan", vec![link(site, &a.id)]));
            }
            if let Some(v) = &t.vergadering {
                feiten.push(feit_links("Vergadering", vec![link(site, &v.id)]));
            }
        }
        KindData::Vraag(v) => {
            feiten.push(feit_links("Vragensteller(s)", links(site, &v.indieners)));
            feiten.push(feit_text("Ingediend", format_nl(v.ingediend)));
            if let Some(u) = v.uitstel_tot {
                feiten.push(feit_text("Uitstel tot", format_nl(u)));
            }
            feiten.push(feit_text(
                "Beantwoord",
                v.beantwoord.map_or("nog niet".to_string(), format_nl),
            ));
            if let Some(p) = &v.portefeuillehouder {
                feiten.push(feit_links("Portefeuillehouder", vec![link(site, &p.id)]));
            }
        }
        KindData::Stuk(s) => {
            feiten.push(feit_text("Soort", s.soort.label()));
            match &s.van {
                Some(Afzender::Orgaan(r)) => {
                    feiten.push(feit_links("Van", vec![link(site, &r.id)]))
                }
                Some(Afzender::Naam(n)) => feiten.push(feit_text("Van", n.clone())),
                None => {}
            }
            if let Some(a) = &s.aan {
                feiten.push(feit_links("Aan", vec![link(site, &a.id)]));
            }
            if let Some(k) = &s.kenmerk {
                feiten.push(feit_text("Kenmerk", k.clone()));
            }
            if !s.behandelt.is_empty() {
                feiten.push(feit_links("Bericht over", links(site, &s.behandelt)));
            }
            push(
                &mut secties,
                "Hiermee afgedaan",
                site.referrers(i, &["opvolging.afgedaan_met"]),
            );
            push(
                &mut secties,
                "Amendementen",
                site.referrers(i, &["wijzigt"]),
            );
            let agendas = site.referrers(i, &["agenda.stukken"]);
            push(&mut secties, "Geagendeerd in", agendas);
        }
        _ => {}
    }
    // What amends it and what reports on it, for the kinds that follow up.
    if matches!(item.kind, Kind::Besluit | Kind::Motie | Kind::Amendement) {
        push(
            &mut secties,
            "Amendementen",
            site.referrers(i, &["wijzigt"]),
        );
    }
    if matches!(
        item.kind,
        Kind::Besluit | Kind::Motie | Kind::Amendement | Kind::Toezegging
    ) {
        push(
            &mut secties,
            "Stukken die hierover berichten",
            site.referrers(i, &["behandelt"]),
        );
    }
    if !matches!(item.data, KindData::Stuk(_)) {
        push(
            &mut secties,
            "Afgedaan met dit item",
            site.referrers(i, &["opvolging.afgedaan_met"]),
        );
    }
    // Related items both ways, without repeating the item itself.
    let mut related: Vec<usize> = item
        .common
        .gerelateerd
        .iter()
        .filter_map(|r| site.index_of(&r.id))
        .chain(site.referrers(i, &["gerelateerd"]))
        .collect();
    related.sort();
    related.dedup();
    ItemPage {
        card: card(site, i),
        body_html: markdown::to_html(&item.body),
        onderwerpen: item.common.onderwerpen.clone(),
        bijlagen: item.common.bijlagen.iter().map(bijlage_view).collect(),
        bron: item.common.bron.clone(),
        gepubliceerd: Datum::new(site.published[i].0),
        gepubliceerd_bron: site.published[i].1,
        versies: site
            .history
            .files
            .get(&item.path)
            .map(|vs| vs.iter().rev().map(versie_view).collect())
            .unwrap_or_default(),
        geschiedenis_noot: site.history.status.note(),
        feiten,
        secties,
        gerelateerd: cards(site, &related),
        breadcrumb: breadcrumb(item),
    }
}

/// One version of a file in the audit trail.
#[derive(Debug, Clone, Serialize)]
pub struct VersieView {
    pub datum: Datum,
    pub commit: String,
    pub auteur: String,
    pub bericht: String,
    pub toegevoegd: bool,
    pub wijzigingen: Vec<WijzigingView>,
    pub tekst_gewijzigd: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct WijzigingView {
    pub veld: String,
    pub van: Option<String>,
    pub naar: Option<String>,
}

fn versie_view(v: &crate::content::history::Version) -> VersieView {
    VersieView {
        datum: Datum::new(v.date),
        commit: v.commit.clone(),
        auteur: v.author.clone(),
        bericht: v.message.clone(),
        toegevoegd: v.added,
        wijzigingen: v
            .changes
            .iter()
            .map(|c| WijzigingView {
                veld: c.key.clone(),
                van: c.from.clone(),
                naar: c.to.clone(),
            })
            .collect(),
        tekst_gewijzigd: v.body_changed,
    }
}

fn breadcrumb(item: &Item) -> Vec<NavLink2> {
    vec![
        NavLink2 {
            url: "/".into(),
            label: "Home".into(),
        },
        NavLink2 {
            url: format!("/{}/", item.kind.folder()),
            label: item.kind.plural_label().into(),
        },
    ]
}

/// One agendapunt with everything decided under it.
#[derive(Debug, Clone, Serialize)]
pub struct AgendapuntView {
    pub nummer: String,
    pub anchor: String,
    pub titel: String,
    pub hamerstuk: bool,
    pub toelichting: Option<String>,
    pub stukken: Vec<Card>,
    pub besluit: Option<Card>,
    pub besluit_html: Option<String>,
    pub amendementen: Vec<Card>,
    pub moties: Vec<Card>,
    pub toezeggingen: Vec<Card>,
}

/// The meeting page: agenda and besluitenlijst in one.
#[derive(Debug, Clone, Serialize)]
pub struct VergaderingPage {
    pub page: ItemPage,
    pub orgaan: Link,
    pub datum_lang: String,
    pub aanvang: Option<String>,
    pub einde: Option<String>,
    pub locatie: Option<String>,
    pub status: Label,
    pub agenda: Vec<AgendapuntView>,
    /// Items of this meeting not tied to an agendapunt on the agenda.
    pub overig: Vec<Card>,
}

/// The vergadering status at the reference date: as written, else
/// `gepland` when the meeting is after the reference date, else `gehouden`.
pub fn vergader_status(site: &Site, item: &Item, v: &Vergadering) -> VergaderStatus {
    v.status.unwrap_or(match item.datum {
        Some(d) if d > site.reference_date => VergaderStatus::Gepland,
        _ => VergaderStatus::Gehouden,
    })
}

fn agendapunt_of(item: &Item) -> Option<&String> {
    match &item.data {
        KindData::Besluit(b) => b.agendapunt.as_ref(),
        KindData::Motie(m) | KindData::Amendement(m) => m.agendapunt.as_ref(),
        _ => None,
    }
}

pub fn vergadering_page(site: &Site, i: usize) -> Option<VergaderingPage> {
    let item = &site.items[i];
    let KindData::Vergadering(v) = &item.data else {
        return None;
    };
    let members = site.referrers(i, &["vergadering"]);
    let mut used = vec![false; members.len()];
    let mut agenda = Vec::new();
    for a in &v.agenda {
        let mut view = AgendapuntView {
            nummer: a.nummer.clone(),
            anchor: anchor(&a.nummer),
            titel: a.titel.clone(),
            hamerstuk: a.hamerstuk,
            toelichting: a.toelichting.clone(),
            stukken: a
                .stukken
                .iter()
                .filter_map(|r| site.index_of(&r.id))
                .map(|j| card(site, j))
                .collect(),
            besluit: None,
            besluit_html: None,
            amendementen: Vec::new(),
            moties: Vec::new(),
            toezeggingen: Vec::new(),
        };
        let mut besluit_idx = a.besluit.as_ref().and_then(|r| site.index_of(&r.id));
        for (k, &j) in members.iter().enumerate() {
            let m = &site.items[j];
            if agendapunt_of(m) != Some(&a.nummer) {
                continue;
            }
            used[k] = true;
            match m.kind {
                Kind::Besluit if besluit_idx.is_none() => besluit_idx = Some(j),
                Kind::Besluit => {}
                Kind::Motie => view.moties.push(card(site, j)),
                Kind::Amendement => view.amendementen.push(card(site, j)),
                _ => {}
            }
        }
        if let Some(j) = besluit_idx {
            if let Some(k) = members.iter().position(|&m| m == j) {
                used[k] = true;
            }
            view.besluit = Some(card(site, j));
            view.besluit_html = Some(markdown::to_html(&site.items[j].body));
        }
        agenda.push(view);
    }
    let overig = members
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(&j, _)| j)
        .collect::<Vec<_>>();
    let status = vergader_status(site, item, v);
    Some(VergaderingPage {
        page: item_page(site, i),
        orgaan: link(site, &v.orgaan.id),
        datum_lang: item.datum.map(format_nl_long).unwrap_or_default(),
        aanvang: v.aanvang.map(|t| t.strftime("%H:%M").to_string()),
        einde: v.einde.map(|t| t.strftime("%H:%M").to_string()),
        locatie: v.locatie.clone(),
        status: label(status, VergaderStatus::as_str, VergaderStatus::label),
        agenda,
        overig: cards(site, &overig),
    })
}

/// Pages of organen, personen and fracties: who they are and what they
/// decided, submitted or promised.
#[derive(Debug, Clone, Serialize)]
pub struct ActorPage {
    pub page: ItemPage,
    pub soort: String,
    pub secties: Vec<Section>,
    /// Open and overdue follow-up this actor is responsible for.
    pub open: Vec<Card>,
    pub te_laat: usize,
}

/// The sections of an actor page, each with every item it lists (newest
/// first): what an orgaan decided, a persoon submitted, a fractie voted.
pub fn actor_sections(site: &Site, i: usize) -> Vec<(&'static str, Vec<usize>)> {
    let mut secties: Vec<(&'static str, Vec<usize>)> = Vec::new();
    let mut push = |t: &'static str, idx: Vec<usize>| {
        if !idx.is_empty() {
            secties.push((t, site.newest_first(idx)));
        }
    };
    match &site.items[i].data {
        KindData::Orgaan(_) => {
            let (verg, besl): (Vec<usize>, Vec<usize>) = site
                .referrers(i, &["orgaan"])
                .into_iter()
                .partition(|&j| site.items[j].kind == Kind::Vergadering);
            push("Vergaderingen", verg);
            push("Besluiten", besl);
            push("Toezeggingen aan dit orgaan", site.referrers(i, &["aan"]));
        }
        KindData::Persoon(_) => {
            let (besluiten, vragen): (Vec<usize>, Vec<usize>) = site
                .referrers(i, &["portefeuillehouder"])
                .into_iter()
                .partition(|&j| site.items[j].kind == Kind::Besluit);
            push("Besluiten als portefeuillehouder", besluiten);
            push("Schriftelijke vragen als portefeuillehouder", vragen);
            push("Toezeggingen", site.referrers(i, &["gedaan_door"]));
            push("Ingediend", site.referrers(i, &["indieners"]));
            push(
                "Hoofdelijke stemmingen",
                site.referrers(i, &["stemming.personen"]),
            );
        }
        KindData::Fractie(_) => {
            push("Ingediend", site.referrers(i, &["indieners"]));
            push("Stemmingen", site.referrers(i, &["stemming.fracties"]));
        }
        _ => {}
    }
    secties
}

pub fn actor_page(site: &Site, i: usize) -> ActorPage {
    let item = &site.items[i];
    let mut page = item_page(site, i);
    let actor_url = item.url();
    let secties: Vec<Section> = actor_sections(site, i)
        .into_iter()
        .map(|(titel, idx)| Section {
            titel: titel.to_string(),
            totaal: idx.len(),
            items: cards(site, &idx[..idx.len().min(SECTION_CAP)]),
            alle: (idx.len() > SECTION_CAP).then(|| section_url(&actor_url, titel)),
        })
        .collect();
    let soort = match &item.data {
        KindData::Orgaan(o) => {
            if let Some(a) = &o.afkorting {
                page.feiten.push(feit_text("Afkorting", a.clone()));
            }
            o.soort.label().to_string()
        }
        KindData::Persoon(p) => {
            if let Some(f) = &p.fractie {
                page.feiten
                    .push(feit_links("Fractie", vec![link(site, &f.id)]));
            }
            if !p.portefeuilles.is_empty() {
                page.feiten
                    .push(feit_text("Portefeuilles", p.portefeuilles.join(", ")));
            }
            if let Some(v) = p.van {
                page.feiten
                    .push(feit_text("In functie sinds", format_nl(v)));
            }
            if let Some(t) = p.tot {
                page.feiten.push(feit_text("In functie tot", format_nl(t)));
            }
            p.functie.label().to_string()
        }
        KindData::Fractie(f) => {
            if let Some(a) = &f.afkorting {
                page.feiten.push(feit_text("Afkorting", a.clone()));
            }
            if let Some(z) = f.zetels {
                page.feiten.push(feit_text("Zetels", z.to_string()));
            }
            let leden = site.referrers(i, &["fractie"]);
            if !leden.is_empty() {
                page.feiten.push(feit_links(
                    "Leden",
                    leden
                        .iter()
                        .map(|&j| link(site, &site.items[j].id))
                        .collect(),
                ));
            }
            "Fractie".to_string()
        }
        _ => String::new(),
    };
    // The register rows this actor is responsible for: only items that
    // refer to it can name it portefeuillehouder, so there is no need to
    // derive the whole register for every actor page (the same rows, in
    // the same item order).
    let rows: Vec<Row> = site
        .referrers(
            i,
            &[
                "portefeuillehouder",
                "opvolging.portefeuillehouder",
                "gedaan_door",
            ],
        )
        .into_iter()
        .filter_map(|j| opvolging::row(site, j))
        .filter(|r| r.status.is_open() && r.portefeuillehouder.as_deref() == Some(item.id.as_str()))
        .collect();
    let te_laat = rows.iter().filter(|r| r.te_laat).count();
    let open_idx: Vec<usize> = rows.iter().map(|r| r.item).collect();
    ActorPage {
        page,
        soort,
        secties,
        open: cards(site, &open_idx),
        te_laat,
    }
}
