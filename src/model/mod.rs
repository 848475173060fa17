//! The Dutch domain types of the content format (content-format.md).
//!
//! One [`Item`] per content file: its identity, the keys common to all kinds
//! and the kind's own data ([`KindData`]). References to other items are
//! [`Ref`]s (an id and where it was written) and are resolved by
//! [`crate::site::link`].

pub mod vocab;

use jiff::civil::{Date, Time};
use serde::Serialize;

use crate::diagnostics::Pos;
pub use vocab::*;

/// The kind of a content file, given by its first folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Orgaan,
    Persoon,
    Fractie,
    Vergadering,
    Besluit,
    Motie,
    Amendement,
    Toezegging,
    Vraag,
    Stuk,
}

impl Kind {
    pub const ALL: &'static [Kind] = &[
        Kind::Orgaan,
        Kind::Persoon,
        Kind::Fractie,
        Kind::Vergadering,
        Kind::Besluit,
        Kind::Motie,
        Kind::Amendement,
        Kind::Toezegging,
        Kind::Vraag,
        Kind::Stuk,
    ];

    /// The folder under `content/`, which is also the URL section: `/besluiten/`.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Orgaan => "organen",
            Kind::Persoon => "personen",
            Kind::Fractie => "fracties",
            Kind::Vergadering => "vergaderingen",
            Kind::Besluit => "besluiten",
            Kind::Motie => "moties",
            Kind::Amendement => "amendementen",
            Kind::Toezegging => "toezeggingen",
            Kind::Vraag => "vragen",
            Kind::Stuk => "stukken",
        }
    }

    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.folder() == folder)
    }

    /// "a stuk", "an orgaan": the name with its English article, for
    /// messages.
    pub fn with_article(self) -> String {
        let name = self.name();
        let vowel = name.starts_with(['a', 'e', 'i', 'o', 'u']);
        format!("{} {name}", if vowel { "an" } else { "a" })
    }

    /// "a motie, an amendement or a vraag".
    pub fn list_text(kinds: &[Kind]) -> String {
        let names: Vec<String> = kinds.iter().map(|k| k.with_article()).collect();
        crate::diagnostics::or_list(&names)
    }

    /// Lower-case singular name, as in messages ("a besluit").
    pub fn name(self) -> &'static str {
        match self {
            Kind::Orgaan => "orgaan",
            Kind::Persoon => "persoon",
            Kind::Fractie => "fractie",
            Kind::Vergadering => "vergadering",
            Kind::Besluit => "besluit",
            Kind::Motie => "motie",
            Kind::Amendement => "amendement",
            Kind::Toezegging => "toezegging",
            Kind::Vraag => "vraag",
            Kind::Stuk => "stuk",
        }
    }

    /// Capitalised singular label for pages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Orgaan => "Orgaan",
            Kind::Persoon => "Persoon",
            Kind::Fractie => "Fractie",
            Kind::Vergadering => "Vergadering",
            Kind::Besluit => "Besluit",
            Kind::Motie => "Motie",
            Kind::Amendement => "Amendement",
            Kind::Toezegging => "Toezegging",
            Kind::Vraag => "Schriftelijke vragen",
            Kind::Stuk => "Stuk",
        }
    }

    /// Capitalised plural label, the title of the kind's list page.
    pub fn plural_label(self) -> &'static str {
        match self {
            Kind::Orgaan => "Organen",
            Kind::Persoon => "Personen",
            Kind::Fractie => "Fracties",
            Kind::Vergadering => "Vergaderingen",
            Kind::Besluit => "Besluiten",
            Kind::Motie => "Moties",
            Kind::Amendement => "Amendementen",
            Kind::Toezegging => "Toezeggingen",
            Kind::Vraag => "Schriftelijke vragen",
            Kind::Stuk => "Stukken",
        }
    }

    /// Organen, personen and fracties describe who decides; the other kinds
    /// are dated documents with `titel` and `datum`.
    pub fn is_document(self) -> bool {
        !matches!(self, Kind::Orgaan | Kind::Persoon | Kind::Fractie)
    }
}

/// A reference to another item by id, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub id: String,
    pub pos: Pos,
}

/// An attachment: a file under `content/bijlagen/` or a `bijlagen/` folder
/// next to the item, copied byte for byte to `/bijlagen/<path>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bijlage {
    /// Path relative to the bijlagen folder it was found in, `/`-separated.
    pub bestand: String,
    pub titel: String,
    /// The output path under the site, e.g. `bijlagen/2015/rapport.pdf`.
    pub output_path: String,
    /// Size in bytes.
    pub size: u64,
    pub pos: Pos,
}

/// Keys shared by all document kinds (everything but organen, personen and
/// fracties).
#[derive(Debug, Clone, Default)]
pub struct Common {
    pub onderwerpen: Vec<String>,
    pub bijlagen: Vec<Bijlage>,
    pub gerelateerd: Vec<Ref>,
    /// Set explicitly by `gepubliceerd:`; otherwise derived from git or the
    /// build date.
    pub gepubliceerd: Option<Date>,
    /// besluitspoor extension: the https URL of the original publication.
    pub bron: Option<String>,
}

/// A vote (`stemming`). Counts may be left out when a roll call is given;
/// counts that contradict the roll call are an error.
#[derive(Debug, Clone, Default)]
pub struct Stemming {
    pub voor: Option<u32>,
    pub tegen: Option<u32>,
    pub fracties_voor: Vec<Ref>,
    pub fracties_tegen: Vec<Ref>,
    pub fracties_verdeeld: Vec<Ref>,
    pub personen_voor: Vec<Ref>,
    pub personen_tegen: Vec<Ref>,
    pub pos: Pos,
}

impl Stemming {
    /// Votes for: the count, else the length of the roll call.
    pub fn voor_count(&self) -> Option<u32> {
        self.voor.or_else(|| {
            (!self.personen_voor.is_empty() || !self.personen_tegen.is_empty())
                .then_some(self.personen_voor.len() as u32)
        })
    }

    pub fn tegen_count(&self) -> Option<u32> {
        self.tegen.or_else(|| {
            (!self.personen_voor.is_empty() || !self.personen_tegen.is_empty())
                .then_some(self.personen_tegen.len() as u32)
        })
    }

    /// Staken der stemmen: as many votes for as against. The proposal is
    /// not adopted (Gemeentewet art. 32).
    pub fn is_tie(&self) -> bool {
        matches!((self.voor_count(), self.tegen_count()), (Some(v), Some(t)) if v == t && v > 0)
    }
}

/// What settled a follow-up: an item of the site, or an external https URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfgedaanMet {
    Item(Ref),
    Url(String),
}

/// One entry of the follow-up's progress log.
#[derive(Debug, Clone)]
pub struct Voortgang {
    pub datum: Date,
    pub status: Option<OpvolgingStatus>,
    pub tekst: String,
}

/// The follow-up of a besluit, motie, amendement or toezegging
/// (content-format.md, "opvolging").
#[derive(Debug, Clone)]
pub struct Opvolging {
    pub status: OpvolgingStatus,
    pub termijn: Option<Date>,
    /// besluitspoor extension: the deadline in words ("voor het reces",
    /// "P.M.", "december 2019"). Shown instead of the date; alone (without
    /// `termijn`) it is never overdue.
    pub termijn_tekst: Option<String>,
    pub portefeuillehouder: Option<Ref>,
    pub afgedaan_met: Option<AfgedaanMet>,
    pub voortgang: Vec<Voortgang>,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Orgaan {
    pub soort: OrgaanSoort,
    pub afkorting: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Persoon {
    pub functie: Functie,
    pub fractie: Option<Ref>,
    pub portefeuilles: Vec<String>,
    pub van: Option<Date>,
    pub tot: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct Fractie {
    pub afkorting: Option<String>,
    pub zetels: Option<u32>,
    pub van: Option<Date>,
    pub tot: Option<Date>,
}

/// One agendapunt of a vergadering.
#[derive(Debug, Clone)]
pub struct Agendapunt {
    pub nummer: String,
    pub titel: String,
    pub stukken: Vec<Ref>,
    pub besluit: Option<Ref>,
    pub hamerstuk: bool,
    pub toelichting: Option<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Vergadering {
    pub orgaan: Ref,
    pub aanvang: Option<Time>,
    pub einde: Option<Time>,
    pub locatie: Option<String>,
    /// As written; `None` means derived from the reference date.
    pub status: Option<VergaderStatus>,
    pub agenda: Vec<Agendapunt>,
    /// True when `titel` was not written and was derived from the orgaan.
    pub default_titel: bool,
}

#[derive(Debug, Clone)]
pub struct Besluit {
    pub orgaan: Ref,
    pub vergadering: Option<Ref>,
    pub agendapunt: Option<String>,
    pub portefeuillehouder: Option<Ref>,
    pub uitslag: Option<Uitslag>,
    pub stemming: Option<Stemming>,
    /// Woo information category (Wet open overheid art. 3.3), e.g. `2d`.
    pub informatiecategorie: Option<String>,
    pub gemeenteblad: Option<String>,
    pub opvolging: Option<Opvolging>,
}

/// A motie or an amendement: submitted in a vergadering by indieners and
/// voted on. `motietype` is only for moties, `wijzigt` only for amendementen.
#[derive(Debug, Clone)]
pub struct Indiening {
    pub vergadering: Ref,
    pub agendapunt: Option<String>,
    pub indieners: Vec<Ref>,
    pub motietype: Option<Motietype>,
    pub wijzigt: Option<Ref>,
    pub uitslag: Option<Uitslag>,
    pub stemming: Option<Stemming>,
    pub opvolging: Option<Opvolging>,
}

#[derive(Debug, Clone)]
pub struct Toezegging {
    pub vergadering: Option<Ref>,
    pub gedaan_door: Ref,
    pub aan: Option<Ref>,
    pub opvolging: Opvolging,
}

/// Schriftelijke vragen. The answer term is `ingediend` plus
/// `follow_up.answer_days` of site.toml (set by the municipality's Reglement
/// van Orde, under Gemeentewet art. 155), unless `uitstel_tot` is given.
#[derive(Debug, Clone)]
pub struct Vraag {
    pub indieners: Vec<Ref>,
    pub ingediend: Date,
    pub beantwoord: Option<Date>,
    pub uitstel_tot: Option<Date>,
    pub portefeuillehouder: Option<Ref>,
}

/// `van` of a stuk: an orgaan of the site, or a sender's name.
#[derive(Debug, Clone)]
pub enum Afzender {
    Orgaan(Ref),
    Naam(String),
}

#[derive(Debug, Clone)]
pub struct Stuk {
    pub soort: StukSoort,
    pub van: Option<Afzender>,
    pub aan: Option<Ref>,
    pub kenmerk: Option<String>,
    pub behandelt: Vec<Ref>,
}

/// The data of one kind.
#[derive(Debug, Clone)]
pub enum KindData {
    Orgaan(Orgaan),
    Persoon(Persoon),
    Fractie(Fractie),
    Vergadering(Vergadering),
    Besluit(Besluit),
    Motie(Indiening),
    Amendement(Indiening),
    Toezegging(Toezegging),
    Vraag(Vraag),
    Stuk(Stuk),
}

/// One public content file, parsed and typed.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub kind: Kind,
    /// Path relative to the site root, `/`-separated, for messages.
    pub path: String,
    /// Where the id comes from: the `id:` key, else the start of the file.
    pub id_pos: Pos,
    /// `titel` for documents, `naam` for organen, personen and fracties.
    pub titel: String,
    /// `datum` for documents; `None` for organen, personen and fracties.
    pub datum: Option<Date>,
    pub common: Common,
    /// The Markdown body as written.
    pub body: String,
    pub data: KindData,
    /// The body as plain text, made on first use by [`Item::text`].
    pub plain: PlainText,
}

/// The plain text of a body, made once and shared by every clone of the
/// item: the search index and the open data both need it, and `watch`
/// keeps it across rebuilds with the item's cached parse.
#[derive(Debug, Clone, Default)]
pub struct PlainText(std::sync::Arc<std::sync::OnceLock<String>>);

impl Item {
    /// The body as plain text: Markdown syntax removed, whitespace runs
    /// made one space ([`crate::content::markdown::to_text`]).
    pub fn text(&self) -> &str {
        self.plain
            .0
            .get_or_init(|| crate::content::markdown::to_text(&self.body))
    }

    /// The page URL, `/<folder>/<id>/`. Derived from the id only.
    pub fn url(&self) -> String {
        item_url(self.kind, &self.id)
    }

    /// The follow-up block of kinds that carry one.
    pub fn opvolging(&self) -> Option<&Opvolging> {
        match &self.data {
            KindData::Besluit(b) => b.opvolging.as_ref(),
            KindData::Motie(m) | KindData::Amendement(m) => m.opvolging.as_ref(),
            KindData::Toezegging(t) => Some(&t.opvolging),
            _ => None,
        }
    }

    /// The outcome of kinds that are voted or decided.
    pub fn uitslag(&self) -> Option<Uitslag> {
        match &self.data {
            KindData::Besluit(b) => b.uitslag,
            KindData::Motie(m) | KindData::Amendement(m) => m.uitslag,
            _ => None,
        }
    }

    pub fn stemming(&self) -> Option<&Stemming> {
        match &self.data {
            KindData::Besluit(b) => b.stemming.as_ref(),
            KindData::Motie(m) | KindData::Amendement(m) => m.stemming.as_ref(),
            _ => None,
        }
    }

    /// Every reference this item makes, with a short name of the key it sits
    /// under, for link checking and back-links.
    pub fn references(&self) -> Vec<(&'static str, &Ref)> {
        let mut out: Vec<(&'static str, &Ref)> = Vec::new();
        for r in &self.common.gerelateerd {
            out.push(("gerelateerd", r));
        }
        fn stemming<'a>(s: &'a Stemming, out: &mut Vec<(&'static str, &'a Ref)>) {
            for r in s
                .fracties_voor
                .iter()
                .chain(&s.fracties_tegen)
                .chain(&s.fracties_verdeeld)
            {
                out.push(("stemming.fracties", r));
            }
            for r in s.personen_voor.iter().chain(&s.personen_tegen) {
                out.push(("stemming.personen", r));
            }
        }
        fn opvolging<'a>(o: &'a Opvolging, out: &mut Vec<(&'static str, &'a Ref)>) {
            if let Some(r) = &o.portefeuillehouder {
                out.push(("opvolging.portefeuillehouder", r));
            }
            if let Some(AfgedaanMet::Item(r)) = &o.afgedaan_met {
                out.push(("opvolging.afgedaan_met", r));
            }
        }
        match &self.data {
            KindData::Orgaan(_) | KindData::Fractie(_) => {}
            KindData::Persoon(p) => {
                if let Some(r) = &p.fractie {
                    out.push(("fractie", r));
                }
            }
            KindData::Vergadering(v) => {
                out.push(("orgaan", &v.orgaan));
                for a in &v.agenda {
                    for r in &a.stukken {
                        out.push(("agenda.stukken", r));
                    }
                    if let Some(r) = &a.besluit {
                        out.push(("agenda.besluit", r));
                    }
                }
            }
            KindData::Besluit(b) => {
                out.push(("orgaan", &b.orgaan));
                if let Some(r) = &b.vergadering {
                    out.push(("vergadering", r));
                }
                if let Some(r) = &b.portefeuillehouder {
                    out.push(("portefeuillehouder", r));
                }
                if let Some(s) = &b.stemming {
                    stemming(s, &mut out);
                }
                if let Some(o) = &b.opvolging {
                    opvolging(o, &mut out);
                }
            }
            KindData::Motie(m) | KindData::Amendement(m) => {
                out.push(("vergadering", &m.vergadering));
                for r in &m.indieners {
                    out.push(("indieners", r));
                }
                if let Some(r) = &m.wijzigt {
                    out.push(("wijzigt", r));
                }
                if let Some(s) = &m.stemming {
                    stemming(s, &mut out);
                }
                if let Some(o) = &m.opvolging {
                    opvolging(o, &mut out);
                }
            }
            KindData::Toezegging(t) => {
                if let Some(r) = &t.vergadering {
                    out.push(("vergadering", r));
                }
                out.push(("gedaan_door", &t.gedaan_door));
                if let Some(r) = &t.aan {
                    out.push(("aan", r));
                }
                opvolging(&t.opvolging, &mut out);
            }
            KindData::Vraag(v) => {
                for r in &v.indieners {
                    out.push(("indieners", r));
                }
                if let Some(r) = &v.portefeuillehouder {
                    out.push(("portefeuillehouder", r));
                }
            }
            KindData::Stuk(s) => {
                if let Some(Afzender::Orgaan(r)) = &s.van {
                    out.push(("van", r));
                }
                if let Some(r) = &s.aan {
                    out.push(("aan", r));
                }
                for r in &s.behandelt {
                    out.push(("behandelt", r));
                }
            }
        }
        out
    }
}

/// The page URL of an item of `kind` with `id`: `/<folder>/<id>/`.
pub fn item_url(kind: Kind, id: &str) -> String {
    format!("/{}/{}/", kind.folder(), id)
}
