//! `site.toml`: generator configuration (content-format.md, "site.toml").
//! English keys, like every static site generator.

use std::path::Path;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Deserializer};

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
    /// A CSS file, relative to the site root, appended after the theme's
    /// stylesheet (still one content-hashed file): the municipality's design
    /// tokens (`:root { --basis-color-accent-1-color-default: …; }`).
    pub tokens_css: Option<String>,
    /// `[accessibility]`: the accessibility statement at /toegankelijkheid/.
    #[serde(default)]
    pub accessibility: Accessibility,
}

/// `[accessibility]`: what the accessibility statement (toegankelijkheids-
/// verklaring, as the Besluit digitale toegankelijkheid overheid requires)
/// says. Every field has a default, so the page is there from the start.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// How far the site meets EN 301 549 / WCAG 2.1 AA (default
    /// `eerste-maatregelen`: a full claim needs an evaluation).
    #[serde(default)]
    pub status: Compliance,
    /// Who publishes the site (default "Gemeente <municipality>").
    pub organisation: Option<String>,
    /// Date of the last evaluation (onderzoek) of the site.
    #[serde(default, deserialize_with = "date")]
    pub evaluated: Option<Date>,
    /// Who evaluated it and how ("Onderzoek door … volgens WCAG-EM").
    pub evaluation: Option<String>,
    /// The evaluation report (https URL).
    pub report_url: Option<String>,
    /// Date the statement was drawn up or last revised (default: `evaluated`).
    #[serde(default, deserialize_with = "date")]
    pub statement_date: Option<Date>,
    /// The statement's entry in the national register of statements.
    pub register_url: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_url: Option<String>,
    /// Working days within which a report is answered (default 5).
    pub response_days: Option<u32>,
    /// Where to complain after that (default: the Nationale ombudsman).
    pub ombudsman: Option<String>,
    pub ombudsman_url: Option<String>,
    #[serde(default)]
    pub known_issues: Vec<KnownIssue>,
}

/// The compliance status of the Dutch model statement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Compliance {
    /// A: voldoet volledig.
    Voldoet,
    /// B: voldoet gedeeltelijk.
    VoldoetGedeeltelijk,
    /// C: eerste maatregelen genomen.
    #[default]
    EersteMaatregelen,
    /// D: voldoet niet.
    VoldoetNiet,
}

impl Compliance {
    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::Voldoet => "voldoet",
            Compliance::VoldoetGedeeltelijk => "voldoet-gedeeltelijk",
            Compliance::EersteMaatregelen => "eerste-maatregelen",
            Compliance::VoldoetNiet => "voldoet-niet",
        }
    }

    /// The status as the national register words it.
    pub fn label(self) -> &'static str {
        match self {
            Compliance::Voldoet => "Voldoet volledig",
            Compliance::VoldoetGedeeltelijk => "Voldoet gedeeltelijk",
            Compliance::EersteMaatregelen => "Eerste maatregelen genomen",
            Compliance::VoldoetNiet => "Voldoet niet",
        }
    }
}

/// One known accessibility problem and what is done about it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownIssue {
    pub description: String,
    /// The WCAG success criterion, e.g. "1.2.2 Ondertiteling (vooraf opgenomen)".
    pub criterion: Option<String>,
    /// The planned fix or its date, in words.
    pub planned: Option<String>,
}

/// A date written as a TOML date (`2025-11-30`) or a string (`"2025-11-30"`).
fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    use serde::de::Error;
    let text = match Option::<toml::Value>::deserialize(d)? {
        None => return Ok(None),
        Some(toml::Value::String(s)) => s,
        Some(toml::Value::Datetime(dt)) if dt.time.is_none() && dt.offset.is_none() => {
            dt.to_string()
        }
        Some(other) => {
            return Err(D::Error::custom(format!(
                "expected a date YYYY-MM-DD, found `{other}`"
            )))
        }
    };
    crate::content::fields::parse_date(&text)
        .map(Some)
        .ok_or_else(|| D::Error::custom(format!("expected a date YYYY-MM-DD, found `{text}`")))
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
    let config = parse(&text, diags)?;
    // The built-in theme needs no folder; any other name must have one,
    // or a misspelt name would silently give the built-in look.
    if config.theme != default_theme() && !root.join("themes").join(&config.theme).is_dir() {
        diags.error(
            "site.toml",
            key_pos(&text, "theme"),
            format!(
                "`theme` is `{0}`, but there is no folder themes/{0}; the built-in theme is `{1}`",
                config.theme,
                default_theme()
            ),
        );
        return None;
    }
    Some(config)
}

/// serde's names of Rust types in a message (`expected u32`) in words a
/// clerk reads.
fn plain_types(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, plain) in [
        ("expected u32", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
    ] {
        out = out.replace(rust, plain);
    }
    out
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
            diags.error("site.toml", pos, plain_types(e.message()));
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
    if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://")) {
        diags.error(
            "site.toml",
            key_pos(text, "base_url"),
            format!(
                "`base_url` must be the site's absolute address starting with https://, found `{}`",
                config.base_url
            ),
        );
        ok = false;
    }
    if config.paginate == 0 {
        diags.error(
            "site.toml",
            key_pos(text, "paginate"),
            "`paginate` must be at least 1",
        );
        ok = false;
    }
    if let Some(css) = &config.tokens_css {
        let path = Path::new(css);
        let inside = path.is_relative()
            && path
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside || !css.ends_with(".css") {
            diags.error(
                "site.toml",
                key_pos(text, "tokens_css"),
                format!("`tokens_css` must name a .css file inside the site folder, found `{css}`"),
            );
            ok = false;
        }
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

    fn parse_ok(extra: &str) -> SiteConfig {
        let mut d = Diagnostics::new();
        let text =
            format!("title = \"x\"\nbase_url = \"https://x\"\nmunicipality = \"X\"\n{extra}");
        parse(&text, &mut d).unwrap_or_else(|| panic!("{:?}", d.iter().collect::<Vec<_>>()))
    }

    #[test]
    fn type_errors_are_in_plain_words() {
        let mut d = Diagnostics::new();
        let text = "title = \"t\"\nbase_url = \"https://x.example\"\nmunicipality = \"X\"\n[follow_up]\nanswer_days = \"dertig\"\n";
        assert!(parse(text, &mut d).is_none());
        let got: Vec<String> = d.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            got,
            ["site.toml:5:15: invalid type: string \"dertig\", expected a whole number"]
        );
    }

    #[test]
    fn accessibility_has_defaults_and_reads_dates() {
        let c = parse_ok("");
        assert_eq!(c.accessibility.status, Compliance::EersteMaatregelen);
        assert!(c.tokens_css.is_none());
        let c = parse_ok(
            "tokens_css = \"huisstijl.css\"\n[accessibility]\nstatus = \"voldoet-gedeeltelijk\"\nevaluated = 2025-11-30\nstatement_date = \"2025-12-01\"\n[[accessibility.known_issues]]\ndescription = \"PDF\"\n",
        );
        assert_eq!(c.accessibility.status, Compliance::VoldoetGedeeltelijk);
        assert_eq!(c.accessibility.evaluated.unwrap().to_string(), "2025-11-30");
        assert_eq!(
            c.accessibility.statement_date.unwrap().to_string(),
            "2025-12-01"
        );
        assert_eq!(c.accessibility.known_issues.len(), 1);
    }

    #[test]
    fn bad_accessibility_values_are_errors() {
        for bad in [
            "[accessibility]\nstatus = \"prima\"\n",
            "[accessibility]\nevaluated = \"30-11-2025\"\n",
            "[accessibility]\ncontact = \"x\"\n",
            "tokens_css = \"../huisstijl.css\"\n",
            "tokens_css = \"/etc/huisstijl.css\"\n",
        ] {
            let mut d = Diagnostics::new();
            let text =
                format!("title = \"x\"\nbase_url = \"https://x\"\nmunicipality = \"X\"\n{bad}");
            assert!(parse(&text, &mut d).is_none(), "{bad}");
            assert!(d.has_errors(), "{bad}");
        }
    }

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
