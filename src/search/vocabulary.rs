//! The site's vocabulary, kept up to date document by document, and what
//! the index analysis learns from it: compound parts ([`Compounds`]) and
//! the words written in more than one spelling of diacritics (the `exact`
//! field's words, see [`ambiguous_spellings`]).
//!
//! Both depend on the whole site: one new text can make a word a known
//! part and so split compounds in other texts. [`Vocabulary::update`]
//! says which words' analysis changed, so that only the index parts that
//! hold those words are written again. Its results equal
//! [`Compounds::learn`] and [`ambiguous_spellings`] over all texts (tested
//! below on random edits).
//!
//! [`ambiguous_spellings`]: super::engine::analysis::ambiguous_spellings

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use super::engine::analysis::{fold, is_part, words, Compounds, MAX_WORD};
use super::writer::SearchDoc;

/// The words of one document, counted: what it adds to the vocabulary.
/// Words are ids of [`Vocabulary`]'s word list (a site's documents share
/// most words): (id, occurrences), sorted by id.
#[derive(Debug, Default)]
struct DocWords {
    /// Folded words.
    folded: Vec<(u32, u32)>,
    /// Lower-case words, diacritics kept.
    lower: Vec<(u32, u32)>,
}

/// The vocabulary of the documents last given to [`Vocabulary::update`].
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Folded word → occurrences in all documents.
    counts: HashMap<String, u32>,
    /// Folded word → its lower-case spellings → occurrences.
    spellings: HashMap<String, HashMap<String, u32>>,
    compounds: Arc<Compounds>,
    /// The spellings the `exact` field indexes.
    ambiguous: Arc<BTreeSet<String>>,
    /// Every word seen, by id, and the ids.
    names: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, u32>,
    /// The documents counted, by content hash, with how many times each
    /// is counted (two documents may be equal).
    docs: HashMap<u64, (Arc<DocWords>, u32)>,
}

/// More words than this changing their standing as parts at once, and
/// every word is split again rather than searched for them.
const RESPLIT_ALL_ABOVE: usize = 64;

/// The first value a changed key had in this update.
#[derive(Default)]
struct Before {
    counts: HashMap<String, u32>,
    spellings: HashMap<String, HashMap<String, u32>>,
}

impl Vocabulary {
    /// The compound parts learnt from the current documents.
    pub fn compounds(&self) -> Arc<Compounds> {
        self.compounds.clone()
    }

    /// The ambiguous spellings of the current documents.
    pub fn ambiguous(&self) -> Arc<BTreeSet<String>> {
        self.ambiguous.clone()
    }

    /// True when the counted document `hash` has `word` (folded or lower
    /// case).
    pub fn has(&self, hash: u64, word: &str) -> bool {
        let (Some(&id), Some((d, _))) = (self.ids.get(word), self.docs.get(&hash)) else {
            return false;
        };
        let find = |v: &[(u32, u32)]| v.binary_search_by_key(&id, |e| e.0).is_ok();
        find(&d.folded) || find(&d.lower)
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.names.len() as u32;
        let name: Arc<str> = Arc::from(word);
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }

    /// Counts the words of `doc`'s title, body and meta, as
    /// [`vocabulary`](super::engine::analysis::vocabulary) does.
    fn doc_words(&mut self, doc: &SearchDoc) -> DocWords {
        let mut lower: BTreeMap<String, u32> = BTreeMap::new();
        for text in [&doc.title, &doc.body, &doc.meta] {
            for (_, _, w) in words(text) {
                if w.len() <= MAX_WORD {
                    *lower.entry(w).or_insert(0) += 1;
                }
            }
        }
        let mut folded: BTreeMap<u32, u32> = BTreeMap::new();
        let mut out = DocWords::default();
        for (w, n) in &lower {
            *folded.entry(self.intern(&fold(w))).or_insert(0) += n;
            out.lower.push((self.intern(w), *n));
        }
        out.lower.sort_unstable();
        out.folded = folded.into_iter().collect();
        out
    }

    /// Makes the vocabulary that of `docs` (content hash, document),
    /// counting only the documents that were not counted before and
    /// uncounting those that are gone. Returns the words whose analysis
    /// changed: folded words whose compound parts changed and lower-case
    /// words that joined or left the ambiguous spellings.
    pub fn update(&mut self, docs: &[(u64, &SearchDoc)]) -> BTreeSet<String> {
        let mut wanted: HashMap<u64, (u32, &SearchDoc)> = HashMap::new();
        for &(h, d) in docs {
            wanted.entry(h).or_insert((0, d)).0 += 1;
        }
        let mut before = Before::default();
        let gone: Vec<(u64, u32)> = self
            .docs
            .iter()
            .filter_map(|(h, (_, n))| {
                let keep = wanted.get(h).map_or(0, |w| w.0);
                (keep < *n).then(|| (*h, n - keep))
            })
            .collect();
        for (h, times) in gone {
            let entry = self.docs.get_mut(&h).expect("counted");
            let words = entry.0.clone();
            entry.1 -= times;
            if entry.1 == 0 {
                self.docs.remove(&h);
            }
            self.count(&words, times, false, &mut before);
        }
        let mut added: Vec<(u64, u32, &SearchDoc)> = Vec::new();
        for (&h, &(n, d)) in &wanted {
            let have = self.docs.get(&h).map_or(0, |e| e.1);
            if n > have {
                added.push((h, n - have, d));
            }
        }
        added.sort_by_key(|a| a.0);
        for (h, times, d) in added {
            let words = match self.docs.get_mut(&h) {
                Some(e) => {
                    e.1 += times;
                    e.0.clone()
                }
                None => {
                    let w = Arc::new(self.doc_words(d));
                    self.docs.insert(h, (w.clone(), times));
                    w
                }
            };
            self.count(&words, times, true, &mut before);
        }
        let mut changed = self.settle_compounds(&before.counts);
        changed.extend(self.settle_spellings(&before.spellings));
        changed
    }

    /// Adds (or removes) `times` × the words of one document, noting the
    /// first value of every count it touches in `before`.
    fn count(&mut self, words: &DocWords, times: u32, add: bool, before: &mut Before) {
        let Vocabulary {
            names,
            counts,
            spellings,
            ..
        } = self;
        for &(id, by) in &words.folded {
            let w = &names[id as usize];
            if !before.counts.contains_key(&**w) {
                let n = counts.get(&**w).copied().unwrap_or(0);
                before.counts.insert(w.to_string(), n);
            }
            adjust(counts, w, by * times, add);
        }
        for &(id, by) in &words.lower {
            let w = &names[id as usize];
            let f = fold(w);
            if !before.spellings.contains_key(&f) {
                let group = spellings.get(&f).cloned().unwrap_or_default();
                before.spellings.insert(f.clone(), group);
            }
            let group = spellings.entry(f.clone()).or_default();
            adjust(group, w, by * times, add);
            if group.is_empty() {
                spellings.remove(&f);
            }
        }
    }

    /// Splits again the words whose split may have changed; returns those
    /// whose parts did.
    fn settle_compounds(&mut self, before: &HashMap<String, u32>) -> BTreeSet<String> {
        let count = |w: &str| self.counts.get(w).copied().unwrap_or(0);
        // Words that became or stopped being parts change the split of the
        // words they are written in; words new to or gone from the
        // vocabulary gain or lose their own split.
        let turned: Vec<&str> = before
            .iter()
            .filter(|(w, &old)| is_part(w, old) != is_part(w, count(w)))
            .map(|(w, _)| w.as_str())
            .collect();
        let mut again: HashSet<&str> = before
            .iter()
            .filter(|(w, &old)| (old == 0) != (count(w) == 0))
            .map(|(w, _)| w.as_str())
            .collect();
        if turned.len() > RESPLIT_ALL_ABOVE {
            again.extend(self.counts.keys().map(|w| w.as_str()));
        } else if !turned.is_empty() {
            again.extend(
                self.counts
                    .keys()
                    .filter(|w| turned.iter().any(|t| w.len() > t.len() && w.contains(t)))
                    .map(|w| w.as_str()),
            );
        }
        let known = |w: &str| is_part(w, count(w));
        let mut splits: Vec<(String, Option<Vec<String>>)> = again
            .into_iter()
            .map(|w| {
                let parts = (count(w) > 0)
                    .then(|| Compounds::split(w, &known))
                    .flatten();
                (w.to_string(), parts)
            })
            .collect();
        splits.sort();
        let compounds = Arc::make_mut(&mut self.compounds);
        splits
            .into_iter()
            .filter_map(|(w, parts)| compounds.set(&w, parts).then_some(w))
            .collect()
    }

    /// Recomputes the ambiguous spellings of the changed groups; returns
    /// the words that joined or left them.
    fn settle_spellings(
        &mut self,
        before: &HashMap<String, HashMap<String, u32>>,
    ) -> BTreeSet<String> {
        let mut changed = BTreeSet::new();
        let empty = HashMap::new();
        for (f, old) in before {
            let now = self.spellings.get(f).unwrap_or(&empty);
            let (was, is) = (members(f, old), members(f, now));
            if was == is {
                continue;
            }
            let ambiguous = Arc::make_mut(&mut self.ambiguous);
            for w in was.difference(&is) {
                ambiguous.remove(w);
                changed.insert(w.clone());
            }
            for w in is.difference(&was) {
                ambiguous.insert(w.clone());
                changed.insert(w.clone());
            }
        }
        changed
    }
}

/// Adds `by` to (or, with `add` false, takes it from) the count of `word`
/// in `map`; a count that reaches zero is removed.
fn adjust(map: &mut HashMap<String, u32>, word: &str, by: u32, add: bool) {
    match map.get_mut(word) {
        Some(n) => {
            *n = if add { *n + by } else { n.saturating_sub(by) };
            if *n == 0 {
                map.remove(word);
            }
        }
        None if add && by > 0 => {
            map.insert(word.to_string(), by);
        }
        None => {}
    }
}

/// The ambiguous spellings of one folded word given its spellings: all of
/// them and the folded form when there is more than one or one with
/// diacritics; none otherwise.
fn members(folded: &str, spellings: &HashMap<String, u32>) -> BTreeSet<String> {
    let present: Vec<&String> = spellings
        .iter()
        .filter(|(_, &n)| n > 0)
        .map(|(w, _)| w)
        .collect();
    if present.len() > 1 || present.iter().any(|w| w.as_str() != folded) {
        let mut out: BTreeSet<String> = present.into_iter().cloned().collect();
        out.insert(folded.to_string());
        out
    } else {
        BTreeSet::new()
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::analysis::{ambiguous_spellings, vocabulary};
    use super::*;

    fn doc(text: &str) -> SearchDoc {
        SearchDoc {
            title: text.to_string(),
            ..SearchDoc::default()
        }
    }

    fn hash(d: &SearchDoc) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        d.hash(&mut h);
        h.finish()
    }

    /// The vocabulary of `docs` learnt from scratch.
    fn learnt(docs: &[SearchDoc]) -> (Compounds, BTreeSet<String>) {
        let texts = || {
            docs.iter()
                .flat_map(|d| [d.title.as_str(), d.body.as_str(), d.meta.as_str()])
        };
        (
            Compounds::learn(&vocabulary(texts())),
            ambiguous_spellings(texts()),
        )
    }

    const WORDS: &[&str] = &[
        "verkeer",
        "veiligheid",
        "verkeersveiligheid",
        "verkeersveiligheidsplan",
        "plan",
        "jeugd",
        "zorg",
        "jeugdzorg",
        "jeugdzorgplan",
        "zorgplan",
        "coöperatie",
        "cooperatie",
        "Coöperatie",
        "café",
        "cafe",
        "bestemmingsplan",
        "bestemming",
        "woningbouw",
        "woning",
        "bouw",
        "bouwplan",
        "pannenkoek",
        "pannen",
        "koek",
        "overleg",
        "tussenstand",
        "raadsvoorstel",
        "raad",
        "voorstel",
    ];

    #[test]
    fn updates_equal_learning_from_scratch_on_random_edits() {
        for seed in 0..40 {
            let mut rng = fastrand::Rng::with_seed(seed);
            let mut docs: Vec<SearchDoc> = Vec::new();
            let mut vocab = Vocabulary::default();
            for step in 0..30 {
                let text = |rng: &mut fastrand::Rng| -> String {
                    (0..rng.usize(1..6))
                        .map(|_| WORDS[rng.usize(..WORDS.len())])
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                match rng.usize(..4) {
                    0 if !docs.is_empty() => {
                        docs.remove(rng.usize(..docs.len()));
                    }
                    1 if !docs.is_empty() => {
                        let i = rng.usize(..docs.len());
                        docs[i] = doc(&text(&mut rng));
                    }
                    2 if !docs.is_empty() => {
                        let i = rng.usize(..docs.len());
                        docs.push(docs[i].clone());
                    }
                    _ => docs.push(doc(&text(&mut rng))),
                }
                let hashed: Vec<(u64, &SearchDoc)> = docs.iter().map(|d| (hash(d), d)).collect();
                let old = (vocab.compounds(), vocab.ambiguous());
                let changed = vocab.update(&hashed);
                let (compounds, spellings) = learnt(&docs);
                assert_eq!(*vocab.compounds(), compounds, "seed {seed} step {step}");
                assert_eq!(*vocab.ambiguous(), spellings, "seed {seed} step {step}");
                // Every word whose analysis changed is reported.
                for w in WORDS.iter().map(|w| w.to_lowercase()) {
                    let f = fold(&w);
                    if old.0.parts(&f) != compounds.parts(&f) {
                        assert!(changed.contains(&f), "seed {seed} step {step}: {f}");
                    }
                    if old.1.contains(&w) != spellings.contains(&w) {
                        assert!(changed.contains(&w), "seed {seed} step {step}: {w}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_word_seen_twice_splits_compounds_in_other_texts() {
        let a = doc("verkeersveiligheid veiligheid veiligheid verkeer");
        let b = doc("verkeer");
        let mut vocab = Vocabulary::default();
        vocab.update(&[(hash(&a), &a)]);
        assert!(vocab.compounds().parts("verkeersveiligheid").is_empty());
        let changed = vocab.update(&[(hash(&a), &a), (hash(&b), &b)]);
        assert_eq!(
            changed.into_iter().collect::<Vec<_>>(),
            ["verkeersveiligheid"]
        );
        assert_eq!(vocab.compounds().parts("verkeersveiligheid").len(), 2);
    }
}
