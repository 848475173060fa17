//! Follow-up derived at the reference date: the register's rows.
//!
//! "Te laat" (overdue) is derived, never written: an open status
//! (`openstaand`, `deels-voldaan`) with a `termijn` before the reference date
//! (content-format.md, "opvolging"). A schriftelijke vraag is due
//! `follow_up.answer_days` after `ingediend`, or at `uitstel_tot` when the
//! college announced a delay, and is done once `beantwoord` is set.

use jiff::civil::Date;
use serde::Serialize;

use super::Site;
use crate::dates::days_between;
use crate::model::{AfgedaanMet, Item, Kind, KindData, OpvolgingStatus, Ref};

/// One row of the follow-up register.
#[derive(Debug, Clone)]
pub struct Row {
    /// Index of the item in [`Site::items`].
    pub item: usize,
    pub kind: Kind,
    pub status: OpvolgingStatus,
    pub termijn: Option<Date>,
    pub termijn_tekst: Option<String>,
    /// Derived: open and past `termijn` at the reference date.
    pub te_laat: bool,
    /// Days from the reference date to `termijn` (negative when overdue).
    pub dagen: Option<i64>,
    pub portefeuillehouder: Option<String>,
    pub orgaan: Option<String>,
    pub jaar: Option<i16>,
    /// For vragen: the days the answer took, once answered.
    pub antwoord_dagen: Option<i64>,
    /// For vragen: answered after the term.
    pub laat_beantwoord: bool,
    /// The item or URL that settled it.
    pub afgedaan_met: Option<AfgedaanMet>,
}

/// How a row's state reads on a page, colour-independent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stand {
    Openstaand,
    DeelsVoldaan,
    Voldaan,
    Vervallen,
    TeLaat,
}

impl Stand {
    pub fn label(self) -> &'static str {
        match self {
            Stand::Openstaand => "Openstaand",
            Stand::DeelsVoldaan => "Deels voldaan",
            Stand::Voldaan => "Voldaan",
            Stand::Vervallen => "Vervallen",
            Stand::TeLaat => "Te laat",
        }
    }
}

impl Row {
    /// The state shown: "Te laat" overrides an open status.
    pub fn stand(&self) -> Stand {
        if self.te_laat {
            return Stand::TeLaat;
        }
        match self.status {
            OpvolgingStatus::Openstaand => Stand::Openstaand,
            OpvolgingStatus::DeelsVoldaan => Stand::DeelsVoldaan,
            OpvolgingStatus::Voldaan => Stand::Voldaan,
            OpvolgingStatus::Vervallen => Stand::Vervallen,
        }
    }
}

fn orgaan_of(site: &Site, item: &Item) -> Option<String> {
    let vergadering_orgaan = |r: &Ref| match site.get(&r.id).map(|v| &v.data) {
        Some(KindData::Vergadering(v)) => Some(v.orgaan.id.clone()),
        _ => None,
    };
    match &item.data {
        KindData::Besluit(b) => Some(b.orgaan.id.clone()),
        KindData::Motie(m) | KindData::Amendement(m) => vergadering_orgaan(&m.vergadering),
        KindData::Toezegging(t) => t
            .aan
            .as_ref()
            .map(|a| a.id.clone())
            .or_else(|| t.vergadering.as_ref().and_then(vergadering_orgaan)),
        _ => None,
    }
}

/// The register row of item `i`, if it carries follow-up (an `opvolging`
/// block, or any vraag).
pub fn row(site: &Site, i: usize) -> Option<Row> {
    let item = &site.items[i];
    let today = site.reference_date;
    let jaar = item.datum.map(|d| d.year());
    if let KindData::Vraag(v) = &item.data {
        let termijn = v.uitstel_tot.unwrap_or_else(|| {
            v.ingediend
                .checked_add(jiff::Span::new().days(site.config.follow_up.answer_days as i64))
                .unwrap_or(v.ingediend)
        });
        let status = if v.beantwoord.is_some() {
            OpvolgingStatus::Voldaan
        } else {
            OpvolgingStatus::Openstaand
        };
        return Some(Row {
            item: i,
            kind: item.kind,
            status,
            termijn: Some(termijn),
            termijn_tekst: None,
            te_laat: v.beantwoord.is_none() && termijn < today,
            dagen: v.beantwoord.is_none().then(|| days_between(today, termijn)),
            portefeuillehouder: v.portefeuillehouder.as_ref().map(|r| r.id.clone()),
            // Schriftelijke vragen are put to the college (Gemeentewet
            // art. 155): the site's orgaan of soort `college`, if any.
            orgaan: site
                .of_kind(Kind::Orgaan)
                .find(|(_, o)| matches!(&o.data, KindData::Orgaan(o) if o.soort == crate::model::OrgaanSoort::College))
                .map(|(_, o)| o.id.clone()),
            jaar,
            antwoord_dagen: v.beantwoord.map(|b| days_between(v.ingediend, b)),
            laat_beantwoord: v.beantwoord.is_some_and(|b| b > termijn),
            afgedaan_met: None,
        });
    }
    let o = item.opvolging()?;
    let portefeuillehouder = o
        .portefeuillehouder
        .as_ref()
        .map(|r| r.id.clone())
        .or_else(|| match &item.data {
            KindData::Besluit(b) => b.portefeuillehouder.as_ref().map(|r| r.id.clone()),
            KindData::Toezegging(t) => Some(t.gedaan_door.id.clone()),
            _ => None,
        });
    let te_laat = o.status.is_open() && o.termijn.is_some_and(|t| t < today);
    Some(Row {
        item: i,
        kind: item.kind,
        status: o.status,
        termijn: o.termijn,
        termijn_tekst: o.termijn_tekst.clone(),
        te_laat,
        dagen: o
            .status
            .is_open()
            .then(|| o.termijn.map(|t| days_between(today, t)))
            .flatten(),
        portefeuillehouder,
        orgaan: orgaan_of(site, item),
        jaar,
        antwoord_dagen: None,
        laat_beantwoord: false,
        afgedaan_met: o.afgedaan_met.clone(),
    })
}

/// Every register row of the site, in item order.
pub fn register(site: &Site) -> Vec<Row> {
    (0..site.items.len()).filter_map(|i| row(site, i)).collect()
}
