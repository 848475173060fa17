//! Publication dates and publication speed: the "publish the same day"
//! promise, measured.
//!
//! An item's publication date is `gepubliceerd` when written, else the date
//! of the commit that first added its file (git is the audit trail), else
//! the build's reference date (content-format.md, common keys).

use jiff::civil::Date;
use serde::Serialize;

use super::Site;
use crate::content::history::History;
use crate::model::{Kind, KindData};

/// Where a publication date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bron {
    /// Written as `gepubliceerd`.
    Opgegeven,
    /// The commit that added the file.
    Git,
    /// No history: the build date.
    Bouwdatum,
}

/// The publication date of every item, by index.
pub fn dates(
    items: &[crate::model::Item],
    history: &History,
    reference_date: Date,
) -> Vec<(Date, Bron)> {
    items
        .iter()
        .map(|it| {
            if let Some(d) = it.common.gepubliceerd {
                (d, Bron::Opgegeven)
            } else if let Some(d) = history.first_added(&it.path) {
                (d, Bron::Git)
            } else {
                (reference_date, Bron::Bouwdatum)
            }
        })
        .collect()
}

/// Publication speed of one orgaan's decisions.
#[derive(Debug, Clone, Serialize)]
pub struct Snelheid {
    pub orgaan: String,
    pub orgaan_naam: String,
    /// Number of items measured (publication date known, not the build date).
    pub aantal: usize,
    /// Median days from `datum` to publication.
    pub mediaan_dagen: f64,
    /// Share published on the day itself, 0–100.
    pub zelfde_dag_procent: u32,
}

/// Per orgaan, days between a besluit's `datum` and its publication, over
/// items whose publication date is known (written or from git).
pub fn snelheid(site: &Site) -> Vec<Snelheid> {
    let mut per: std::collections::BTreeMap<String, Vec<i64>> = Default::default();
    for (i, item) in site.items.iter().enumerate() {
        let KindData::Besluit(b) = &item.data else {
            continue;
        };
        let (published, bron) = site.published[i];
        if bron == Bron::Bouwdatum {
            continue;
        }
        if let Some(d) = item.datum {
            per.entry(b.orgaan.id.clone())
                .or_default()
                .push(crate::dates::days_between(d, published).max(0));
        }
    }
    per.into_iter()
        .map(|(orgaan, mut days)| {
            days.sort_unstable();
            let n = days.len();
            let mediaan = if n % 2 == 1 {
                days[n / 2] as f64
            } else {
                (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
            };
            let zelfde = days.iter().filter(|d| **d == 0).count();
            Snelheid {
                orgaan_naam: site
                    .get(&orgaan)
                    .map_or(orgaan.clone(), |o| o.titel.clone()),
                orgaan,
                aantal: n,
                mediaan_dagen: mediaan,
                zelfde_dag_procent: ((zelfde * 100 + n / 2) / n) as u32,
            }
        })
        .collect()
}

/// Kinds counted for publication speed.
pub const MEASURED: &[Kind] = &[Kind::Besluit];
