//! `/toegankelijkheid/`: the accessibility statement, generated from
//! `[accessibility]` in site.toml after the structure of the Dutch model
//! statement (status, evaluation, known problems, contact, complaints).

use serde::Serialize;

use super::pages::Datum;
use crate::site::Site;

/// The page model of the accessibility statement.
#[derive(Debug, Clone, Serialize)]
pub struct Verklaring {
    pub organisatie: String,
    /// The site's address without scheme ("besluiten.example.nl").
    pub adres: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub onderzocht: Option<Datum>,
    pub onderzoek: Option<String>,
    pub rapport: Option<String>,
    pub datum: Option<Datum>,
    pub register: Option<String>,
    pub email: Option<String>,
    pub telefoon: Option<String>,
    pub contact_url: Option<String>,
    pub antwoord_dagen: u32,
    pub ombudsman: String,
    pub ombudsman_url: Option<String>,
    pub problemen: Vec<Probleem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Probleem {
    pub beschrijving: String,
    pub criterium: Option<String>,
    pub oplossing: Option<String>,
}

pub fn verklaring(site: &Site) -> Verklaring {
    let c = &site.config;
    let a = &c.accessibility;
    let adres = c
        .base_url
        .split_once("://")
        .map_or(c.base_url.as_str(), |(_, rest)| rest)
        .to_string();
    let (ombudsman, ombudsman_url) = match (&a.ombudsman, &a.ombudsman_url) {
        (Some(o), u) => (o.clone(), u.clone()),
        (None, Some(u)) => ("de ombudsman".to_string(), Some(u.clone())),
        (None, None) => (
            "de Nationale ombudsman".to_string(),
            Some("https://www.nationaleombudsman.nl/".to_string()),
        ),
    };
    Verklaring {
        organisatie: a
            .organisation
            .clone()
            .unwrap_or_else(|| format!("Gemeente {}", c.municipality)),
        adres,
        status: a.status.as_str(),
        status_label: a.status.label(),
        onderzocht: a.evaluated.map(Datum::new),
        onderzoek: a.evaluation.clone(),
        rapport: a.report_url.clone(),
        datum: a.statement_date.or(a.evaluated).map(Datum::new),
        register: a.register_url.clone(),
        email: a.contact_email.clone(),
        telefoon: a.contact_phone.clone(),
        contact_url: a.contact_url.clone(),
        antwoord_dagen: a.response_days.unwrap_or(5),
        ombudsman,
        ombudsman_url,
        problemen: a
            .known_issues
            .iter()
            .map(|k| Probleem {
                beschrijving: k.description.clone(),
                criterium: k.criterion.clone(),
                oplossing: k.planned.clone(),
            })
            .collect(),
    }
}
