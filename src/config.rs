//! `site.toml`: generator configuration (content-format.md, "site.toml").
//! English keys, like every static site generator.

use std::path::Path;

use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::diagnostics::{Diagnostics, Pos};

/// The parsed `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title shown in the header and feeds.
    pub title: String,
    /// Absolute URL the site is published at, without trailing slash.
    pub base_url: String,
    /// Name of the municipality ("Den Helder").
    pub municipality: String,
    /// Four-digit CBS municipality code; gives the TOOI id `gm<code>`.
    pub cbs_code: Option<String>,
    #[serde(default = "default_language")]
    pub language: String,
    /// IANA time zone for dates and "today" (default Europe/Amsterdam).
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// Theme folder name under `themes/`; the built-in default theme fills in
    /// every file the site's theme does not have.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Items per list page (default 25).
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    #[serde(default)]
    pub follow_up: FollowUp,
}

/// `[follow_up]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// Answer term of schriftelijke vragen in days, from the municipality's
    /// Reglement van Orde (default 30).
    #[serde(default = "default_answer_days")]
    pub answer_days: u32,
}

impl Default for FollowUp {
    fn default() -> Self {
        FollowUp {
            answer_days: default_answer_days(),
        }
    }
}

fn default_language() -> String {
    "nl".into()
}
fn default_timezone() -> String {
    "Europe/Amsterdam".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    25
}
fn default_answer_days() -> u32 {
    30
}

impl SiteConfig {
    /// The site's time zone (checked when loading).
    pub fn tz(&self) -> TimeZone {
        TimeZone::get(&self.timezone).unwrap_or(TimeZone::UTC)
    }

    /// The TOOI identifier of the municipality (`gm0400`), if the CBS code
    /// is set.
    pub fn tooi_id(&self) -> Option<String> {
        self.cbs_code.as_ref().map(|c| format!("gm{c}"))
    }
}

/// Reads `root/site.toml`. Problems are reported with line and column.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let path = root.join("site.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            diags.error(
                "site.toml",
                Pos::START,
                format!("cannot read site.toml: {e}"),
            );
            return None;
        }
    };
    parse(&text, diags)
}

/// Parses the text of a `site.toml`.
pub fn parse(text: &str, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let mut config: SiteConfig = match toml::from_str(text) {
        Ok(c) => c,
        Err(e) => {
            let pos = e
                .span()
                .map(|s| offset_pos(text, s.start))
                .unwrap_or(Pos::START);
            diags.error("site.toml", pos, e.message().to_string());
            return None;
        }
    };
    let mut ok = true;
    if TimeZone::get(&config.timezone).is_err() {
        diags.error(
            "site.toml",
            key_pos(text, "timezone"),
            format!(
                "unknown time zone `{}`; expected an IANA name such as Europe/Amsterdam",
                config.timezone
            ),
        );
        ok = false;
    }
    if let Some(code) = &config.cbs_code {
        if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            diags.error(
                "site.toml",
                key_pos(text, "cbs_code"),
                format!("`cbs_code` must be the four-digit CBS municipality code, found `{code}`"),
            );
            ok = false;
        }
    }
    if config.paginate == 0 {
        diags.error(
            "site.toml",
            key_pos(text, "paginate"),
            "`paginate` must be at least 1",
        );
        ok = false;
    }
    config.base_url = config.base_url.trim_end_matches('/').to_string();
    ok.then_some(config)
}

fn offset_pos(text: &str, offset: usize) -> Pos {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos::new(line, column)
}

fn key_pos(text: &str, key: &str) -> Pos {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(Pos::START, |i| Pos::new(i + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_reports_its_line() {
        let mut d = Diagnostics::new();
        let c = parse(
            "title = \"x\"\nbase_url = \"https://x\"\nmunicipality = \"X\"\ntitel = 1\n",
            &mut d,
        );
        assert!(c.is_none());
        let diag = d.iter().next().unwrap();
        assert_eq!(diag.line, 4);
        assert!(diag.message.contains("titel"), "{}", diag.message);
    }
}
