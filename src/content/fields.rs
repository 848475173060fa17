//! Typed reading of one YAML mapping, reporting every problem with its
//! position and every key that was not asked for as unknown.

use std::cell::RefCell;

use jiff::civil::{Date, Time};

use super::yaml::{Key, Node};
use crate::diagnostics::{Diagnostics, Pos};
use crate::model::Ref;

/// The file being decoded and the problems found in it so far.
pub struct Ctx {
    pub path: String,
    pub diags: RefCell<Diagnostics>,
}

impl Ctx {
    pub fn new(path: String) -> Ctx {
        Ctx {
            path,
            diags: RefCell::new(Diagnostics::new()),
        }
    }

    pub fn error(&self, pos: Pos, message: impl Into<String>) {
        self.diags.borrow_mut().error(&self.path, pos, message);
    }

    pub fn warning(&self, pos: Pos, message: impl Into<String>) {
        self.diags.borrow_mut().warning(&self.path, pos, message);
    }

    pub fn into_diagnostics(self) -> Diagnostics {
        self.diags.into_inner()
    }
}

/// The keys of one mapping being read. Each accessor marks its key as known;
/// [`Fields::finish`] reports the keys nobody asked for.
pub struct Fields<'a> {
    ctx: &'a Ctx,
    entries: &'a [(Key, Node)],
    pub pos: Pos,
    used: Vec<bool>,
    known: Vec<&'static str>,
    /// How the mapping is named in messages: "a besluit", "opvolging".
    what: String,
}

/// True for a valid id: lower-case `[a-z0-9-]`, 1–80 characters.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl<'a> Fields<'a> {
    /// Reads `node` as a mapping; reports an error and returns `None` if it
    /// is something else.
    pub fn new(ctx: &'a Ctx, node: &'a Node, what: impl Into<String>) -> Option<Fields<'a>> {
        let what = what.into();
        match node {
            Node::Map { entries, pos } => Some(Fields {
                ctx,
                entries,
                pos: *pos,
                used: vec![false; entries.len()],
                known: Vec::new(),
                what,
            }),
            other => {
                ctx.error(
                    other.pos(),
                    format!(
                        "expected {what} to be a mapping of `key: value` lines, found {}",
                        other.describe()
                    ),
                );
                None
            }
        }
    }

    pub fn ctx(&self) -> &'a Ctx {
        self.ctx
    }

    /// The node of `key`, or `None` when it is absent or empty (`key:`, `~`).
    pub fn node(&mut self, key: &'static str) -> Option<&'a Node> {
        self.known.push(key);
        let i = self.entries.iter().position(|(k, _)| k.name == key)?;
        self.used[i] = true;
        let node = &self.entries[i].1;
        (!node.is_null()).then_some(node)
    }

    /// Position of `key` if written, else of the mapping.
    pub fn key_pos(&self, key: &str) -> Pos {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map_or(self.pos, |(k, _)| k.pos)
    }

    /// A required key is absent (reported at the mapping) or written
    /// without a value (reported at the key: `indieners:` left empty by
    /// `besluitspoor new`).
    fn missing(&self, key: &str) {
        match self.entries.iter().find(|(k, _)| k.name == key) {
            Some((k, _)) => self.ctx.error(
                k.pos,
                format!("`{key}` is empty; it is required in {}", self.what),
            ),
            None => self.ctx.error(
                self.pos,
                format!("missing required key `{key}` in {}", self.what),
            ),
        }
    }

    fn scalar(&self, key: &str, node: &'a Node, expected: &str) -> Option<(&'a str, bool)> {
        match node {
            Node::Scalar { value, plain, .. } => Some((value.as_str(), *plain)),
            other => {
                self.ctx.error(
                    other.pos(),
                    format!("`{key}` must be {expected}, found {}", other.describe()),
                );
                None
            }
        }
    }

    /// A text value. Numbers and words written without quotes are text too.
    pub fn text(&mut self, key: &'static str) -> Option<String> {
        let node = self.node(key)?;
        self.scalar(key, node, "text")
            .map(|(s, _)| s.trim().to_string())
    }

    /// A required text value; empty or blank text counts as missing, since
    /// a page needs something to show (a title, a name).
    pub fn req_text(&mut self, key: &'static str) -> Option<String> {
        let v = self.text(key);
        if v.is_none() && !self.has_non_null(key) {
            self.missing(key);
        }
        if v.as_deref() == Some("") {
            self.ctx
                .error(self.key_pos(key), format!("`{key}` must not be empty"));
            return None;
        }
        v
    }

    fn has_non_null(&self, key: &str) -> bool {
        self.entries
            .iter()
            .any(|(k, n)| k.name == key && !n.is_null())
    }

    /// A date written `YYYY-MM-DD`.
    pub fn date(&mut self, key: &'static str) -> Option<Date> {
        let node = self.node(key)?;
        let (s, _) = self.scalar(key, node, "a date written YYYY-MM-DD")?;
        parse_date(s).or_else(|| {
            self.ctx.error(node.pos(), date_problem(key, s));
            None
        })
    }

    pub fn req_date(&mut self, key: &'static str) -> Option<Date> {
        let v = self.date(key);
        if v.is_none() && !self.has_non_null(key) {
            self.missing(key);
        }
        v
    }

    /// A time written `HH:MM` (24-hour clock).
    pub fn time(&mut self, key: &'static str) -> Option<Time> {
        let node = self.node(key)?;
        let (s, _) = self.scalar(key, node, "a time written HH:MM")?;
        let ok = s.len() == 5 && s.as_bytes()[2] == b':';
        let parsed = ok
            .then(|| {
                let h: i8 = s[..2].parse().ok()?;
                let m: i8 = s[3..].parse().ok()?;
                Time::new(h, m, 0, 0).ok()
            })
            .flatten();
        parsed.or_else(|| {
            self.ctx.error(
                node.pos(),
                format!("`{key}` must be a time written HH:MM, found `{s}`"),
            );
            None
        })
    }

    /// `true` or `false` written without quotes; anything else is an error.
    pub fn bool(&mut self, key: &'static str) -> Option<bool> {
        let node = self.node(key)?;
        let (s, plain) = self.scalar(key, node, "`true` or `false`")?;
        match (s, plain) {
            ("true", true) => Some(true),
            ("false", true) => Some(false),
            _ => {
                self.ctx.error(
                    node.pos(),
                    format!("`{key}` must be `true` or `false`, found `{s}`"),
                );
                None
            }
        }
    }

    /// A whole number from 0 up.
    pub fn count(&mut self, key: &'static str) -> Option<u32> {
        let node = self.node(key)?;
        let (s, _) = self.scalar(key, node, "a whole number")?;
        s.parse::<u32>().ok().or_else(|| {
            self.ctx.error(
                node.pos(),
                format!("`{key}` must be a whole number, found `{s}`"),
            );
            None
        })
    }

    /// A value from a closed vocabulary.
    pub fn choice<T>(
        &mut self,
        key: &'static str,
        parse: fn(&str) -> Option<T>,
        expected: String,
    ) -> Option<T> {
        let node = self.node(key)?;
        let (s, _) = self.scalar(key, node, "one word")?;
        parse(s).or_else(|| {
            self.ctx.error(
                node.pos(),
                format!("unknown value `{s}` for `{key}`; expected one of {expected}"),
            );
            None
        })
    }

    pub fn req_choice<T>(
        &mut self,
        key: &'static str,
        parse: fn(&str) -> Option<T>,
        expected: String,
    ) -> Option<T> {
        let v = self.choice(key, parse, expected);
        if v.is_none() && !self.has_non_null(key) {
            self.missing(key);
        }
        v
    }

    /// A list of texts. A single value is taken as a list of one.
    pub fn text_list(&mut self, key: &'static str) -> Vec<(String, Pos)> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        match node {
            Node::Scalar { value, pos, .. } => vec![(value.trim().to_string(), *pos)],
            Node::Seq { items, .. } => items
                .iter()
                .filter_map(|item| match item {
                    Node::Scalar { value, pos, .. } => Some((value.trim().to_string(), *pos)),
                    other => {
                        self.ctx.error(
                            other.pos(),
                            format!(
                                "each entry of `{key}` must be text, found {}",
                                other.describe()
                            ),
                        );
                        None
                    }
                })
                .collect(),
            Node::Map { pos, .. } => {
                self.ctx
                    .error(*pos, format!("`{key}` must be a list, found a mapping"));
                Vec::new()
            }
        }
    }

    /// An id reference. Its syntax is checked here; whether it exists is
    /// checked when the site is linked.
    pub fn reference(&mut self, key: &'static str) -> Option<Ref> {
        let node = self.node(key)?;
        let (s, _) = self.scalar(key, node, "an id")?;
        self.make_ref(key, s.trim(), node.pos())
    }

    pub fn req_reference(&mut self, key: &'static str) -> Option<Ref> {
        let v = self.reference(key);
        if v.is_none() && !self.has_non_null(key) {
            self.missing(key);
        }
        v
    }

    fn make_ref(&self, key: &str, id: &str, pos: Pos) -> Option<Ref> {
        if is_valid_id(id) {
            Some(Ref {
                id: id.to_string(),
                pos,
            })
        } else {
            self.ctx.error(
                pos,
                format!("`{key}` must be an id (lower-case letters, digits and `-`), found `{id}`"),
            );
            None
        }
    }

    /// A list of id references.
    pub fn reference_list(&mut self, key: &'static str) -> Vec<Ref> {
        self.text_list(key)
            .into_iter()
            .filter_map(|(id, pos)| self.make_ref(key, &id, pos))
            .collect()
    }

    /// A required list of id references: absent, empty (`key:`) and `[]`
    /// are all reported.
    pub fn req_reference_list(&mut self, key: &'static str) -> Vec<Ref> {
        let v = self.reference_list(key);
        if v.is_empty() && !self.has_non_null(key) {
            self.missing(key);
        }
        let empty_list = self.entries.iter().any(|(k, n)| {
            k.name == key && matches!(n, Node::Seq { items, .. } if items.is_empty())
        });
        if empty_list {
            self.ctx.error(
                self.key_pos(key),
                format!(
                    "`{key}` is an empty list; {} needs at least one id here",
                    self.what.trim_start_matches("the front matter of ")
                ),
            );
        }
        v
    }

    /// A nested mapping.
    pub fn map(&mut self, key: &'static str) -> Option<Fields<'a>> {
        let node = self.node(key)?;
        Fields::new(self.ctx, node, format!("`{key}`"))
    }

    /// A list whose entries are read by the caller.
    pub fn list(&mut self, key: &'static str) -> &'a [Node] {
        match self.node(key) {
            None => &[],
            Some(Node::Seq { items, .. }) => items,
            Some(other) => {
                self.ctx.error(
                    other.pos(),
                    format!("`{key}` must be a list, found {}", other.describe()),
                );
                &[]
            }
        }
    }

    /// Marks `key` as known without reading it.
    pub fn allow(&mut self, key: &'static str) -> Option<&'a Node> {
        self.node(key)
    }

    /// Reports every key that no accessor asked for, with a suggestion when
    /// one known key is close (`datun` → `datum`).
    pub fn finish(self) {
        self.finish_with(&|_| None);
    }

    /// As [`Fields::finish`]; for an unknown key with no close known one,
    /// `elsewhere` may say where the key does belong (another kind's front
    /// matter: the file is likely in the wrong folder).
    pub fn finish_with(self, elsewhere: &dyn Fn(&str) -> Option<String>) {
        for (i, (key, _)) in self.entries.iter().enumerate() {
            if self.used[i] {
                continue;
            }
            let best = crate::diagnostics::closest(&key.name, self.known.iter().copied());
            let hint = match (best, elsewhere(&key.name)) {
                (Some(k), _) => format!("did you mean `{k}`?"),
                (None, Some(hint)) => hint,
                (None, None) => {
                    let mut keys = self.known.clone();
                    keys.sort_unstable();
                    keys.dedup();
                    format!(
                        "expected one of {}",
                        keys.iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            };
            self.ctx.error(
                key.pos,
                format!("unknown key `{}` in {}; {hint}", key.name, self.what),
            );
        }
    }
}

/// Years accepted in dates: far enough for any archive and any deadline,
/// and inside what every output format (Atom, iCalendar) can express.
pub const YEARS: std::ops::RangeInclusive<i16> = 1000..=2999;

/// Why `s` is not a usable date for `key`, in words.
pub fn date_problem(key: &str, s: &str) -> String {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return format!("`{key}` must be a date written YYYY-MM-DD, found `{s}`");
    }
    let year: i16 = s[..4].parse().unwrap_or(0);
    if !YEARS.contains(&year) {
        return format!(
            "`{key}`: the year of `{s}` is outside {}–{}",
            YEARS.start(),
            YEARS.end()
        );
    }
    format!("`{key}`: `{s}` is not a date in the calendar (no such day in that month)")
}

/// Parses an ISO date `YYYY-MM-DD` (exactly that form) with a year in
/// [`YEARS`].
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let year: i16 = s[..4].parse().ok()?;
    if !YEARS.contains(&year) {
        return None;
    }
    Date::new(year, s[5..7].parse().ok()?, s[8..].parse().ok()?).ok()
}
