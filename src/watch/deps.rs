//! Which item pages a change can touch.
//!
//! A page of item `P` shows `P` itself, the items one reference away (both
//! ways: what `P` refers to and what refers to `P`, via
//! [`Site::backrefs`]) as links or cards, and, inside those cards, the titles
//! of what the card's item refers to under a few keys ([`CARD_KEYS`]: its
//! vote and its follow-up). So when item `X` changes (or appears, or goes),
//! the pages that can change are:
//!
//! 1. `X` and every item one reference away from `X`, in the old and in the
//!    new site (a removed reference must disappear from the other page too);
//! 2. for every `B` that refers to `X` under a card key, every page that
//!    shows `B`'s card: the items one reference away from `B`.
//!
//! Everything that is not an item page (lists, home, register, feeds, open
//! data, search) is re-rendered on every rebuild, so it needs no rule here.
//! When a page starts to show data two references away in another way,
//! this is the place to add it; the byte-identity test of `tests/watch.rs`
//! is the judge.

use std::collections::BTreeSet;

use crate::site::Site;

/// Keys under which an item's card shows another item's title: the vote
/// (`stemming_view`) and the follow-up (`opvolging_view`).
pub const CARD_KEYS: &[&str] = &[
    "stemming.fracties",
    "stemming.personen",
    "opvolging.portefeuillehouder",
    "opvolging.afgedaan_met",
    "portefeuillehouder",
    "gedaan_door",
];

/// The ids one reference away from item `i`, both ways.
fn neighbours(site: &Site, i: usize, out: &mut BTreeSet<String>) {
    for (_, r) in site.items[i].references() {
        out.insert(r.id.clone());
    }
    for b in &site.backrefs[i] {
        out.insert(site.items[b.from].id.clone());
    }
}

/// The ids of the items whose pages may differ between `old` and `new`
/// when the items with ids in `changed` changed.
pub fn affected(old: &Site, new: &Site, changed: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = changed.clone();
    for site in [old, new] {
        for id in changed {
            let Some(i) = site.index_of(id) else { continue };
            neighbours(site, i, &mut out);
            for b in &site.backrefs[i] {
                if CARD_KEYS.contains(&b.key) {
                    neighbours(site, b.from, &mut out);
                }
            }
        }
    }
    out
}
