//! Open data and discovery files, written with typed serializers (never
//! templates, so escaping is per format):
//!
//! - `sitemap.xml` (sitemaps.org protocol 0.9): every HTML page, with the
//!   publication date of item pages as `lastmod`.
//! - `feed.atom` (RFC 4287): the newest decisions, moties and amendementen,
//!   so citizens can follow what was decided the same day.
//! - `open-data/items.ndjson`: one JSON object per public item, with stable
//!   ids and the municipality's TOOI identifier, for national aggregation
//!   (ORI/DiWoo-style harvesters); `open-data/besluiten.csv`: the decisions as
//!   a table for spreadsheets.

use atom_syndication::{Content, Entry, Feed, Link as AtomLink, Person, Text};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use serde::Serialize;

use crate::content::markdown;
use crate::model::{Item, Kind, KindData};
use crate::publish::OutputFile;
use crate::site::opvolging;
use crate::site::Site;

/// Number of entries in `feed.atom`.
pub const FEED_ENTRIES: usize = 50;

/// `sitemap.xml` over the given HTML output paths (`besluiten/x/index.html`).
pub fn sitemap(site: &Site, html_paths: &[&str]) -> OutputFile {
    let mut by_url: std::collections::BTreeMap<String, Option<String>> = Default::default();
    for p in html_paths {
        if *p == "404.html" {
            continue;
        }
        let url = format!("/{}", p.trim_end_matches("index.html"));
        by_url.insert(url, None);
    }
    for (i, item) in site.items.iter().enumerate() {
        if let Some(lastmod) = by_url.get_mut(&item.url()) {
            *lastmod = Some(site.published[i].0.to_string());
        }
    }
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .expect("write to memory");
    w.create_element("urlset")
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .write_inner_content(|w| {
            for (url, lastmod) in &by_url {
                w.create_element("url").write_inner_content(|w| {
                    w.create_element("loc")
                        .write_text_content(BytesText::new(&format!(
                            "{}{url}",
                            site.config.base_url
                        )))?;
                    if let Some(d) = lastmod {
                        w.create_element("lastmod")
                            .write_text_content(BytesText::new(d))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
        .expect("write to memory");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: w.into_inner(),
    }
}

/// `feed.atom`: the newest decisions first (by `datum`, then id).
pub fn decisions_feed(site: &Site) -> OutputFile {
    let base = &site.config.base_url;
    let idx: Vec<usize> = site.newest_first(
        site.items
            .iter()
            .enumerate()
            .filter(|(_, it)| matches!(it.kind, Kind::Besluit | Kind::Motie | Kind::Amendement))
            .map(|(i, _)| i)
            .collect(),
    );
    let tz = site.config.tz();
    let midnight = |d: jiff::civil::Date| {
        let z = d
            .to_zoned(tz.clone())
            .expect("midnight exists in the site's zone");
        let offset = chrono::FixedOffset::east_opt(z.offset().seconds()).expect("offset in range");
        use chrono::TimeZone as _;
        offset
            .timestamp_opt(z.timestamp().as_second(), 0)
            .single()
            .expect("valid timestamp")
    };
    let entries: Vec<Entry> = idx
        .iter()
        .take(FEED_ENTRIES)
        .map(|&i| {
            let item = &site.items[i];
            let url = format!("{base}{}", item.url());
            let mut e = Entry::default();
            e.set_id(url.clone());
            let mut title = item.titel.clone();
            if let Some(u) = item.uitslag() {
                title.push_str(&format!(" ({})", u.label().to_lowercase()));
            }
            e.set_title(Text::plain(super::feeds::xml_safe(&title)));
            e.set_updated(midnight(site.published[i].0));
            e.set_published(item.datum.map(midnight));
            let mut l = AtomLink::default();
            l.set_href(url);
            l.set_rel("alternate");
            e.set_links(vec![l]);
            let mut content = Content::default();
            content.set_content_type(Some("html".to_string()));
            content.set_value(Some(super::feeds::xml_safe(&markdown::to_html(&item.body))));
            e.set_content(Some(content));
            e
        })
        .collect();
    let mut feed = Feed::default();
    feed.set_title(Text::plain(super::feeds::xml_safe(&format!(
        "Besluiten · {}",
        site.config.title
    ))));
    feed.set_id(format!("{base}/"));
    feed.set_lang(Some(site.config.language.clone()));
    feed.set_updated(
        idx.iter()
            .take(FEED_ENTRIES)
            .map(|&i| midnight(site.published[i].0))
            .max()
            .unwrap_or_else(|| midnight(site.reference_date)),
    );
    let mut author = Person::default();
    author.set_name(format!("Gemeente {}", site.config.municipality));
    feed.set_authors(vec![author]);
    let mut self_link = AtomLink::default();
    self_link.set_href(format!("{base}/feed.atom"));
    self_link.set_rel("self");
    feed.set_links(vec![self_link]);
    feed.set_entries(entries);
    OutputFile {
        path: "feed.atom".into(),
        bytes: feed.to_string().into_bytes(),
    }
}

/// One item in the open-data export.
#[derive(Debug, Serialize)]
struct Record<'a> {
    id: &'a str,
    soort: &'static str,
    titel: &'a str,
    datum: Option<String>,
    url: String,
    /// TOOI identifier of the municipality (`gm0400`).
    gemeente: Option<String>,
    orgaan: Option<&'a str>,
    vergadering: Option<&'a str>,
    uitslag: Option<&'static str>,
    stemming_voor: Option<u32>,
    stemming_tegen: Option<u32>,
    opvolging_status: Option<&'static str>,
    opvolging_termijn: Option<String>,
    te_laat: Option<bool>,
    gepubliceerd: String,
    onderwerpen: &'a [String],
    tekst: &'a str,
}

fn record<'a>(site: &'a Site, i: usize, item: &'a Item) -> Record<'a> {
    let row = opvolging::row(site, i);
    let (orgaan, vergadering) = match &item.data {
        KindData::Besluit(b) => (
            Some(b.orgaan.id.as_str()),
            b.vergadering.as_ref().map(|v| v.id.as_str()),
        ),
        KindData::Vergadering(v) => (Some(v.orgaan.id.as_str()), None),
        KindData::Motie(m) | KindData::Amendement(m) => (None, Some(m.vergadering.id.as_str())),
        KindData::Toezegging(t) => (
            t.aan.as_ref().map(|a| a.id.as_str()),
            t.vergadering.as_ref().map(|v| v.id.as_str()),
        ),
        _ => (None, None),
    };
    Record {
        id: &item.id,
        soort: item.kind.name(),
        titel: &item.titel,
        datum: item.datum.map(|d| d.to_string()),
        url: format!("{}{}", site.config.base_url, item.url()),
        gemeente: site.config.tooi_id(),
        orgaan,
        vergadering,
        uitslag: item.uitslag().map(|u| u.as_str()),
        stemming_voor: item.stemming().and_then(|s| s.voor_count()),
        stemming_tegen: item.stemming().and_then(|s| s.tegen_count()),
        opvolging_status: row.as_ref().map(|r| r.status.as_str()),
        opvolging_termijn: row.as_ref().and_then(|r| r.termijn.map(|t| t.to_string())),
        te_laat: row.as_ref().map(|r| r.te_laat),
        gepubliceerd: site.published[i].0.to_string(),
        onderwerpen: &item.common.onderwerpen,
        tekst: item.text(),
    }
}

/// `open-data/items.ndjson` and `open-data/besluiten.csv`.
pub fn open_data(site: &Site) -> Vec<OutputFile> {
    let mut ndjson = Vec::new();
    for (i, item) in site.items.iter().enumerate() {
        serde_json::to_writer(&mut ndjson, &record(site, i, item)).expect("serialise to memory");
        ndjson.push(b'\n');
    }
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record([
        "id",
        "titel",
        "datum",
        "orgaan",
        "vergadering",
        "uitslag",
        "voor",
        "tegen",
        "opvolging",
        "termijn",
        "url",
    ])
    .expect("write to memory");
    for (i, item) in site.items.iter().enumerate() {
        if item.kind != Kind::Besluit {
            continue;
        }
        let r = record(site, i, item);
        let opt = |v: Option<String>| v.unwrap_or_default();
        csv.write_record([
            r.id.to_string(),
            r.titel.to_string(),
            opt(r.datum),
            r.orgaan.unwrap_or_default().to_string(),
            r.vergadering.unwrap_or_default().to_string(),
            r.uitslag.unwrap_or_default().to_string(),
            opt(r.stemming_voor.map(|v| v.to_string())),
            opt(r.stemming_tegen.map(|v| v.to_string())),
            r.opvolging_status.unwrap_or_default().to_string(),
            opt(r.opvolging_termijn),
            r.url,
        ])
        .expect("write to memory");
    }
    vec![
        OutputFile {
            path: "open-data/items.ndjson".into(),
            bytes: ndjson,
        },
        OutputFile {
            path: "open-data/besluiten.csv".into(),
            bytes: csv.into_inner().expect("flush to memory"),
        },
    ]
}
