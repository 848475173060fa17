//! Feeds of the follow-up register, written with typed serializers:
//!
//! - `opvolging/wijzigingen.atom`: an Atom feed (RFC 4287) of follow-up
//!   changes: every `voortgang` entry and every commit that changed an
//!   `opvolging.status`.
//! - `opvolging/termijnen.ics` and `opvolging/termijnen/<persoon>.ics`:
//!   iCalendar (RFC 5545) all-day events on the deadlines of open items.
//!   Deadlines are dates, so the events are all-day (`VALUE=DATE`, which
//!   RFC 5545 keeps free of a time zone); the calendar names the site's
//!   zone in `X-WR-TIMEZONE`. UIDs derive from ids; `DTSTAMP` is the
//!   reference date, so a build is reproducible.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link as AtomLink, Person, Text};
use chrono::{FixedOffset, NaiveDate, TimeZone as _, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::dates::format_nl;
use crate::publish::OutputFile;
use crate::site::opvolging::{register, Row};
use crate::site::Site;

/// Midnight of `date` in the site's time zone, as an Atom date.
fn atom_date(site: &Site, date: jiff::civil::Date) -> FixedDateTime {
    let zoned = date.to_zoned(site.config.tz()).unwrap_or_else(|_| {
        date.to_zoned(jiff::tz::TimeZone::UTC)
            .expect("UTC midnight exists")
    });
    let offset = FixedOffset::east_opt(zoned.offset().seconds()).expect("offset in range");
    offset
        .timestamp_opt(zoned.timestamp().as_second(), 0)
        .single()
        .expect("valid timestamp")
}

fn atom_seconds(seconds: i64) -> FixedDateTime {
    let utc = FixedOffset::east_opt(0).expect("zero offset");
    utc.timestamp_opt(seconds, 0)
        .single()
        .expect("valid timestamp")
}

fn text(s: &str) -> Text {
    Text::plain(xml_safe(s))
}

/// `s` without the control characters XML 1.0 forbids (form feeds and
/// the like, common in text copied from PDFs); tab and newlines stay.
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

struct Change {
    updated: FixedDateTime,
    id: String,
    title: String,
    body: String,
    url: String,
}

/// The Atom feed of follow-up changes, newest first.
pub fn atom(site: &Site) -> OutputFile {
    let base = &site.config.base_url;
    let mut changes: Vec<Change> = Vec::new();
    for row in register(site) {
        let item = &site.items[row.item];
        let url = format!("{base}{}", item.url());
        if let Some(o) = item.opvolging() {
            for (n, v) in o.voortgang.iter().enumerate() {
                let status = v.status.map(|s| s.label()).unwrap_or("voortgang");
                changes.push(Change {
                    updated: atom_date(site, v.datum),
                    id: format!("{url}#voortgang-{}", n + 1),
                    title: format!("{}: {status}", item.titel),
                    body: v.tekst.clone(),
                    url: url.clone(),
                });
            }
        }
        for v in site.history.files.get(&item.path).into_iter().flatten() {
            for c in v.changes.iter().filter(|c| c.key == "opvolging.status") {
                changes.push(Change {
                    updated: atom_seconds(v.seconds),
                    id: format!("{url}#versie-{}", v.commit),
                    title: format!(
                        "{}: status {} → {}",
                        item.titel,
                        c.from.as_deref().unwrap_or("(leeg)"),
                        c.to.as_deref().unwrap_or("(verwijderd)")
                    ),
                    body: format!("{} ({}, {})", v.message, v.author, format_nl(v.date)),
                    url: url.clone(),
                });
            }
        }
    }
    changes.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));

    let mut feed = Feed::default();
    feed.set_title(text(&format!(
        "Opvolging: wijzigingen · {}",
        site.config.title
    )));
    feed.set_id(format!("{base}/opvolging/"));
    feed.set_lang(Some(site.config.language.clone()));
    feed.set_updated(
        changes
            .first()
            .map(|c| c.updated)
            .unwrap_or_else(|| atom_date(site, site.reference_date)),
    );
    let mut author = Person::default();
    author.set_name(format!("Gemeente {}", site.config.municipality));
    feed.set_authors(vec![author]);
    let mut self_link = AtomLink::default();
    self_link.set_href(format!("{base}/opvolging/wijzigingen.atom"));
    self_link.set_rel("self");
    let mut alt = AtomLink::default();
    alt.set_href(format!("{base}/opvolging/"));
    alt.set_rel("alternate");
    feed.set_links(vec![self_link, alt]);
    feed.set_entries(
        changes
            .into_iter()
            .map(|c| {
                let mut e = Entry::default();
                e.set_id(c.id);
                e.set_title(text(&c.title));
                e.set_updated(c.updated);
                let mut l = AtomLink::default();
                l.set_href(c.url);
                l.set_rel("alternate");
                e.set_links(vec![l]);
                let mut content = Content::default();
                content.set_content_type(Some("text".to_string()));
                content.set_value(Some(xml_safe(&c.body)));
                e.set_content(Some(content));
                e
            })
            .collect::<Vec<_>>(),
    );
    OutputFile {
        path: "opvolging/wijzigingen.atom".into(),
        bytes: feed.to_string().into_bytes(),
    }
}

/// An iCalendar of the deadlines of `rows` that are open and dated.
fn calendar(site: &Site, name: &str, rows: &[&Row]) -> String {
    let host = site
        .config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or(&site.config.base_url)
        .trim_end_matches('/')
        .to_string();
    let midnight = site
        .reference_date
        .to_zoned(site.config.tz())
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0);
    let stamp = Utc
        .timestamp_opt(midnight, 0)
        .single()
        .expect("valid timestamp");
    let mut cal = Calendar::new();
    cal.name(name);
    cal.timezone(site.config.timezone.as_str());
    for row in rows {
        let (Some(termijn), true) = (row.termijn, row.status.is_open()) else {
            continue;
        };
        let item = &site.items[row.item];
        let Some(day) = NaiveDate::from_ymd_opt(
            termijn.year() as i32,
            termijn.month() as u32,
            termijn.day() as u32,
        ) else {
            continue;
        };
        let mut description = format!("{} · status: {}", item.kind.label(), row.status.label());
        if let Some(p) = row.portefeuillehouder.as_deref().and_then(|p| site.get(p)) {
            description.push_str(&format!(" · portefeuillehouder: {}", p.titel));
        }
        let event = Event::new()
            .uid(&format!("{}-termijn@{host}", item.id))
            .timestamp(stamp)
            .summary(&xml_safe(&format!("Termijn: {}", item.titel)))
            .description(&xml_safe(&description))
            .url(&format!("{}{}", site.config.base_url, item.url()))
            // All-day: DTEND is exclusive, the day after (RFC 5545 3.6.1).
            .starts(day)
            .ends(day.succ_opt().unwrap_or(day))
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}

/// The deadline calendars: all open deadlines, and one per
/// portefeuillehouder.
pub fn calendars(site: &Site) -> Vec<OutputFile> {
    let rows = register(site);
    let all: Vec<&Row> = rows.iter().collect();
    let mut out = vec![OutputFile {
        path: "opvolging/termijnen.ics".into(),
        bytes: calendar(
            site,
            &format!("Termijnen opvolging · {}", site.config.title),
            &all,
        )
        .into_bytes(),
    }];
    let mut ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.portefeuillehouder.as_deref())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let mine: Vec<&Row> = rows
            .iter()
            .filter(|r| r.portefeuillehouder.as_deref() == Some(id))
            .collect();
        let naam = site.get(id).map_or(id.to_string(), |p| p.titel.clone());
        out.push(OutputFile {
            path: format!("opvolging/termijnen/{id}.ics"),
            bytes: calendar(site, &format!("Termijnen van {naam}"), &mine).into_bytes(),
        });
    }
    out
}
