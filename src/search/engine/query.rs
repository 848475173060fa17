//! Queries: words → tantivy query → ranked hits, facet counts and snippets.
//! The CLI and the browser both call [`Engine::search`].

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::document::{
    DeserializeError, DocumentDeserialize, DocumentDeserializer, ValueDeserialize,
    ValueDeserializer, ValueVisitor,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, Order, ReloadPolicy, Score, SegmentReader, Term,
};

use super::analysis::{analyse, is_stopword, Word};
use super::blob::{Blob, BlobDirectory, Fetches, HotCache, Source};
use super::schema::{FacetDef, Fields, IndexMeta, FACETS};
use super::snippet::snippet;

/// Shortest unfinished word that is expanded.
const MIN_PREFIX: usize = 3;
/// Most words an unfinished word expands to.
const MAX_EXPANSIONS: usize = 16;
/// Terms looked at to choose them (one or two blocks of the dictionary).
const SCAN_EXPANSIONS: usize = 256;

/// Weight of a match in the title over one in the text.
const TITLE_BOOST: f32 = 2.0;
/// Weight of a match in the spelling the reader typed (`coöperatie`).
const EXACT_BOOST: f32 = 0.5;

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first; without words, newest first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// A search as the page or the CLI asks it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Request {
    pub q: String,
    /// Facet name → selected values: OR within a facet, AND across facets.
    pub filters: BTreeMap<String, Vec<String>>,
    /// Dates `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Sort,
    pub limit: Option<usize>,
    pub offset: usize,
    /// Compute highlighted snippets (HTML-escaped, `<mark>` around hits).
    pub snippets: bool,
    /// Compute facet counts.
    pub facets: bool,
    /// The reader is still typing: the last word also matches the words it
    /// begins (`verkeersvei` → `verkeersveiligheid`).
    pub prefix: bool,
}

/// One result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub url: String,
    pub score: f32,
    /// `YYYY-MM-DD`, absent when the item has no date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub kind: String,
    pub kind_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

/// A facet value with the number of results that have it, given the other
/// facets' filters.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FacetResult {
    pub name: String,
    pub label: String,
    pub values: Vec<FacetCount>,
}

/// The answer to a [`Request`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Response {
    pub total: u64,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetResult>,
    /// The stems searched for, for the page to explain an empty result.
    pub terms: Vec<String>,
    /// What the blob's source was asked for so far (all queries).
    pub fetches: Fetches,
}

/// Errors of opening or querying the index.
#[derive(Debug)]
pub enum SearchError {
    /// The hot cache file is not one this engine wrote.
    BadIndex(String),
    Tantivy(tantivy::TantivyError),
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchError::BadIndex(m) => write!(f, "not a besluitspoor search index: {m}"),
            SearchError::Tantivy(e) => write!(f, "search index: {e}"),
        }
    }
}

impl std::error::Error for SearchError {}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError::Tantivy(e)
    }
}

const MAGIC: &[u8; 4] = b"BSI1";

/// The file a reader downloads first: the index's meta (manifest, facet
/// values) and its hot cache.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bundle {
    pub meta: IndexMeta,
    pub hot: HotCache,
}

impl Bundle {
    pub fn to_bytes(&self) -> Vec<u8> {
        let meta = serde_json::to_vec(&self.meta).unwrap_or_default();
        let mut out = Vec::with_capacity(8 + meta.len() + self.hot.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
        out.extend_from_slice(&meta);
        out.extend_from_slice(&self.hot.to_bytes());
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Bundle, SearchError> {
        let bad = |m: &str| SearchError::BadIndex(m.to_string());
        if b.len() < 8 || &b[..4] != MAGIC {
            return Err(bad("wrong magic number"));
        }
        let n = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
        let meta_bytes = b.get(8..8 + n).ok_or_else(|| bad("truncated meta"))?;
        let meta: IndexMeta =
            serde_json::from_slice(meta_bytes).map_err(|e| bad(&e.to_string()))?;
        let hot = HotCache::from_bytes(&b[8 + n..]).ok_or_else(|| bad("truncated hot cache"))?;
        Ok(Bundle { meta, hot })
    }
}

/// An open index.
pub struct Engine {
    blob: Arc<Blob>,
    reader: IndexReader,
    fields: Fields,
    facets: Vec<FacetDef>,
}

impl Engine {
    /// Opens the index of `bundle` whose blob is read from `source`.
    pub fn open(bundle: Bundle, source: Box<dyn Source>) -> Result<Engine, SearchError> {
        let blob = Arc::new(Blob::new(source, bundle.meta.manifest.clone()));
        blob.warm(&bundle.hot);
        Engine::open_blob(blob, bundle.meta.facets)
    }

    /// Opens the index in `blob` (whose cache may be warm already).
    pub fn open_blob(blob: Arc<Blob>, facets: Vec<FacetDef>) -> Result<Engine, SearchError> {
        let index = Index::open(BlobDirectory::new(blob.clone()))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .num_warming_threads(0)
            .try_into()?;
        Ok(Engine {
            blob,
            reader,
            fields: Fields::new(),
            facets,
        })
    }

    pub fn fetches(&self) -> Fetches {
        self.blob.fetches()
    }

    /// The blob the index is read from.
    pub fn blob(&self) -> &Blob {
        &self.blob
    }

    pub fn facet_defs(&self) -> &[FacetDef] {
        &self.facets
    }

    /// The query's words without stopwords.
    fn words(q: &str) -> Vec<Word> {
        let mut seen = Vec::<String>::new();
        analyse(q)
            .into_iter()
            .filter(|w| !is_stopword(&w.folded))
            .filter(|w| {
                let new = !seen.contains(&w.lower);
                seen.push(w.lower.clone());
                new
            })
            .collect()
    }

    /// Index terms of `text` that begin with `prefix`: of the first
    /// [`SCAN_EXPANSIONS`] in term order, the [`MAX_EXPANSIONS`] in most
    /// documents.
    fn expand(&self, prefix: &str) -> Vec<String> {
        let mut found: Vec<(u32, String)> = Vec::new();
        if prefix.len() < MIN_PREFIX {
            return Vec::new();
        }
        let mut upper = prefix.as_bytes().to_vec();
        if let Some(last) = upper.last_mut() {
            *last = last.saturating_add(1);
        }
        for seg in self.reader.searcher().segment_readers() {
            let Ok(inv) = seg.inverted_index(self.fields.text) else {
                continue;
            };
            let Ok(mut stream) = inv
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .lt(&upper)
                .limit(SCAN_EXPANSIONS as u64)
                .into_stream()
            else {
                continue;
            };
            while stream.advance() {
                if let Ok(k) = std::str::from_utf8(stream.key()) {
                    let df = stream.value().doc_freq;
                    match found.iter_mut().find(|(_, t)| t == k) {
                        Some(f) => f.0 += df,
                        None => found.push((df, k.to_string())),
                    }
                }
            }
        }
        found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        found
            .into_iter()
            .take(MAX_EXPANSIONS)
            .map(|(_, t)| t)
            .collect()
    }

    /// The query for `words` (all must match), filters except `skip`'s.
    /// With `prefix`, the last word also matches the terms it begins.
    fn query(&self, words: &[Word], req: &Request, skip: Option<usize>) -> Box<dyn Query> {
        let f = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let typing = req.prefix && !req.q.ends_with(char::is_whitespace);
        for (n, w) in words.iter().enumerate() {
            let stem = |field| -> Box<dyn Query> {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &w.stem),
                    IndexRecordOption::WithFreqs,
                ))
            };
            let mut should: Vec<(Occur, Box<dyn Query>)> = vec![
                (Occur::Should, stem(f.text)),
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(stem(f.title), TITLE_BOOST)),
                ),
            ];
            if typing && n + 1 == words.len() {
                for t in self.expand(&w.folded) {
                    if t != w.stem {
                        should.push((
                            Occur::Should,
                            Box::new(TermQuery::new(
                                Term::from_field_text(f.text, &t),
                                IndexRecordOption::WithFreqs,
                            )),
                        ));
                    }
                }
            }
            {
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(
                            Term::from_field_text(f.exact, &w.lower),
                            IndexRecordOption::WithFreqs,
                        )),
                        EXACT_BOOST,
                    )),
                ));
            }
            must.push((Occur::Must, Box::new(BooleanQuery::new(should))));
        }
        for (i, (name, _)) in FACETS.iter().enumerate() {
            if Some(i) == skip {
                continue;
            }
            let Some(selected) = req.filters.get(*name).filter(|v| !v.is_empty()) else {
                continue;
            };
            let def = self.facets.iter().find(|d| d.name == *name);
            let codes: Vec<u64> = selected
                .iter()
                .filter_map(|v| def?.values.iter().position(|x| x.value == *v))
                .map(|c| c as u64)
                .collect();
            let any: Vec<(Occur, Box<dyn Query>)> = codes
                .iter()
                .map(|&c| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_u64(f.facets[i], c),
                            IndexRecordOption::Basic,
                        )) as Box<dyn Query>,
                    )
                })
                .collect();
            // A value that does not exist matches nothing.
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let date = |s: &Option<String>| s.as_deref().and_then(date_code);
        let (from, to) = (date(&req.from), date(&req.to));
        if from.is_some() || to.is_some() {
            let lo = from.map_or(Bound::Included(Term::from_field_u64(f.date, 1)), |d| {
                Bound::Included(Term::from_field_u64(f.date, d))
            });
            let hi = to.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_u64(f.date, d))
            });
            must.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        if must.is_empty() {
            return Box::new(AllQuery);
        }
        if words.is_empty() {
            must.push((Occur::Must, Box::new(AllQuery)));
        }
        Box::new(BooleanQuery::new(must))
    }

    /// Runs `req`.
    pub fn search(&self, req: &Request) -> Result<Response, SearchError> {
        let searcher = self.reader.searcher();
        let words = Engine::words(&req.q);
        let query = self.query(&words, req, None);
        let limit = req.limit.unwrap_or(20).clamp(1, 1000);
        let top = TopDocs::with_limit(limit).and_offset(req.offset);
        let by_date = req.sort == Sort::Date || words.is_empty();
        let (addrs, total, counts): (Vec<(f32, DocAddress)>, usize, FacetCounts) = if by_date {
            let (docs, total, counts) = searcher.search(
                &*query,
                &(
                    top.order_by_u64_field("date", Order::Desc),
                    Count,
                    FacetCollector {
                        facets: FACETS.len(),
                        on: req.facets,
                    },
                ),
            )?;
            (
                docs.into_iter().map(|(_, a)| (0.0, a)).collect(),
                total,
                counts,
            )
        } else {
            let (docs, total, counts) = searcher.search(
                &*query,
                &(
                    top.order_by_score(),
                    Count,
                    FacetCollector {
                        facets: FACETS.len(),
                        on: req.facets,
                    },
                ),
            )?;
            (docs, total, counts)
        };
        let mut hits = Vec::with_capacity(addrs.len());
        for (score, addr) in addrs {
            let doc: StoredDoc = searcher.doc(addr)?;
            let text = |field| doc.text(field).to_string();
            let num = |field| doc.num(field);
            let (kind, kind_label) = num(self.fields.facets[0])
                .and_then(|c| self.facets.first()?.values.get(c as usize))
                .map(|v| (v.value.clone(), v.label.clone()))
                .unwrap_or_default();
            let body = text(self.fields.body);
            hits.push(Hit {
                id: text(self.fields.id),
                title: text(self.fields.title),
                url: text(self.fields.url),
                score: round_score(score),
                date: num(self.fields.date).filter(|&d| d > 0).map(date_string),
                kind,
                kind_label,
                snippet: req.snippets.then(|| snippet(&body, &words)),
            });
        }
        let mut facets = Vec::new();
        if req.facets {
            for (i, def) in self.facets.iter().enumerate() {
                let selected = req.filters.get(&def.name).cloned().unwrap_or_default();
                let c = if selected.is_empty() {
                    counts[i].clone()
                } else {
                    // Counts of a filtered facet ignore its own filter, so
                    // that choosing a second value adds results.
                    let q = self.query(&words, req, Some(i));
                    let all = searcher.search(
                        &*q,
                        &FacetCollector {
                            facets: FACETS.len(),
                            on: true,
                        },
                    )?;
                    all[i].clone()
                };
                let mut values: Vec<FacetCount> = def
                    .values
                    .iter()
                    .enumerate()
                    .map(|(code, v)| FacetCount {
                        value: v.value.clone(),
                        label: v.label.clone(),
                        count: c.get(&(code as u64)).copied().unwrap_or(0),
                        selected: selected.contains(&v.value),
                    })
                    .filter(|v| v.count > 0 || v.selected)
                    .collect();
                if def.name == "jaar" {
                    values.sort_by(|a, b| b.value.cmp(&a.value));
                } else {
                    values
                        .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
                }
                facets.push(FacetResult {
                    name: def.name.clone(),
                    label: def.label.clone(),
                    values,
                });
            }
        }
        Ok(Response {
            total: total as u64,
            hits,
            facets,
            terms: words.into_iter().map(|w| w.stem).collect(),
            fetches: self.blob.fetches(),
        })
    }
}

/// Scores with 4 decimals, so the CLI and the browser print the same.
fn round_score(s: Score) -> f32 {
    (s * 10_000.0).round() / 10_000.0
}

/// `YYYY-MM-DD` → `YYYYMMDD`.
pub fn date_code(s: &str) -> Option<u64> {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits.len() == 8 && s.len() == 10)
        .then(|| digits.parse().ok())
        .flatten()
}

/// `YYYYMMDD` → `YYYY-MM-DD`.
pub fn date_string(d: u64) -> String {
    format!("{:04}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100)
}

/// Per facet, value code → number of matching documents.
type FacetCounts = Vec<BTreeMap<u64, u64>>;

/// Counts, per facet, how many matching documents have each value.
struct FacetCollector {
    facets: usize,
    on: bool,
}

struct FacetSegment {
    columns: Vec<Option<Column<u64>>>,
    counts: Vec<BTreeMap<u64, u64>>,
    on: bool,
}

impl Collector for FacetCollector {
    type Fruit = Vec<BTreeMap<u64, u64>>;
    type Child = FacetSegment;

    fn for_segment(&self, _ord: u32, reader: &SegmentReader) -> tantivy::Result<FacetSegment> {
        let columns = if self.on {
            FACETS
                .iter()
                .map(|(name, _)| reader.fast_fields().u64(name).ok())
                .collect()
        } else {
            Vec::new()
        };
        Ok(FacetSegment {
            columns,
            counts: vec![BTreeMap::new(); self.facets],
            on: self.on,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<BTreeMap<u64, u64>>>) -> tantivy::Result<Self::Fruit> {
        let mut out = vec![BTreeMap::new(); self.facets];
        for fruit in fruits {
            for (i, m) in fruit.into_iter().enumerate() {
                for (k, v) in m {
                    *out[i].entry(k).or_insert(0) += v;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = Vec<BTreeMap<u64, u64>>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if !self.on {
            return;
        }
        for (i, col) in self.columns.iter().enumerate() {
            if let Some(col) = col {
                for v in col.values_for_doc(doc) {
                    *self.counts[i].entry(v).or_insert(0) += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
    }
}

/// A stored value: only text and numbers are stored.
enum Stored {
    Text(String),
    Num(u64),
}

impl ValueDeserialize for Stored {
    fn deserialize<'de, D: ValueDeserializer<'de>>(d: D) -> Result<Self, DeserializeError> {
        struct Visitor;
        impl ValueVisitor for Visitor {
            type Value = Stored;
            fn visit_string(&self, s: String) -> Result<Stored, DeserializeError> {
                Ok(Stored::Text(s))
            }
            fn visit_u64(&self, n: u64) -> Result<Stored, DeserializeError> {
                Ok(Stored::Num(n))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A stored document, read without tantivy's general document type (which
/// would bring a regex engine into the browser's wasm).
struct StoredDoc(Vec<(Field, Stored)>);

impl DocumentDeserialize for StoredDoc {
    fn deserialize<'de, D: DocumentDeserializer<'de>>(mut d: D) -> Result<Self, DeserializeError> {
        let mut fields = Vec::with_capacity(d.size_hint());
        while let Some(fv) = d.next_field::<Stored>()? {
            fields.push(fv);
        }
        Ok(StoredDoc(fields))
    }
}

impl StoredDoc {
    fn text(&self, field: Field) -> &str {
        self.0
            .iter()
            .find_map(|(f, v)| match v {
                Stored::Text(s) if *f == field => Some(s.as_str()),
                _ => None,
            })
            .unwrap_or_default()
    }

    fn num(&self, field: Field) -> Option<u64> {
        self.0.iter().find_map(|(f, v)| match v {
            Stored::Num(n) if *f == field => Some(*n),
            _ => None,
        })
    }
}
