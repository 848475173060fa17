//! Stage 2, link and validate: loaded items → one typed graph, the [`Site`].
//! Stage 3, derive: follow-up status and overdue at the reference date
//! ([`opvolging`]), lists per orgaan, persoon and fractie ([`Site::backrefs`]).

pub mod link;
pub mod opvolging;
pub mod publicatie;

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::config::SiteConfig;
use crate::content::history::History;
use crate::model::{Item, Kind};

/// A reference from one item to another: who refers, under which key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BackRef {
    pub from: usize,
    pub key: &'static str,
}

/// The linked site: every public item, references resolved, at one
/// reference date.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// The date "te laat" and meeting status are derived at.
    pub reference_date: Date,
    /// Public items, sorted by kind then id.
    pub items: Vec<Item>,
    /// Index into `items` by id.
    pub by_id: BTreeMap<String, usize>,
    /// For each item index, the items that reference it, sorted.
    pub backrefs: Vec<Vec<BackRef>>,
    /// Git history of the content files.
    pub history: History,
    /// Publication date of each item, by index, and where it comes from.
    pub published: Vec<(Date, publicatie::Bron)>,
}

impl Site {
    /// Attaches the git history and derives publication dates from it.
    pub fn set_history(&mut self, history: History) {
        self.published = publicatie::dates(&self.items, &history, self.reference_date);
        self.history = history;
    }

    pub fn get(&self, id: &str) -> Option<&Item> {
        self.by_id.get(id).map(|&i| &self.items[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Items of one kind, in id order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = (usize, &Item)> {
        self.items
            .iter()
            .enumerate()
            .filter(move |(_, it)| it.kind == kind)
    }

    /// Items that refer to item `i` under one of `keys`, in id order,
    /// without repeats.
    pub fn referrers(&self, i: usize, keys: &[&str]) -> Vec<usize> {
        let mut out: Vec<usize> = self.backrefs[i]
            .iter()
            .filter(|b| keys.contains(&b.key))
            .map(|b| b.from)
            .collect();
        out.dedup();
        out
    }

    /// Items sorted newest first (by `datum`, then id), for lists.
    pub fn newest_first(&self, mut idx: Vec<usize>) -> Vec<usize> {
        idx.sort_by(|&a, &b| {
            let (a, b) = (&self.items[a], &self.items[b]);
            b.datum.cmp(&a.datum).then_with(|| a.id.cmp(&b.id))
        });
        idx
    }
}
