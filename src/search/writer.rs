//! Writes the search index: [`SearchDoc`]s → tantivy segments in memory,
//! one per *part* (a run of documents of one month) → merged into one
//! segment → the blob and its bundle (meta + hot cache).
//!
//! [`IndexParts`] keeps the parts of the last write: the next write
//! indexes again only the parts whose documents changed or that hold a
//! word whose analysis changed ([`Vocabulary::update`]), and merges. A
//! part is a pure function of its documents, the analysis of their words
//! and the facet codes, so the result is the same bytes as a write from
//! nothing (`tests/watch.rs` compares them on random edits).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::RamDirectory;
use tantivy::schema::TantivyDocument;
use tantivy::store::Compressor;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Directory, Index, IndexSettings, IndexWriter};

use super::engine::analysis::{Compounds, ExactTokenizer, StemTokenizer};
use super::engine::blob::{Blob, HotCache, Manifest};
use super::engine::query::{date_code, Bundle, Engine, Request};
use super::engine::schema::{
    FacetDef, FacetValue, Fields, IndexMeta, EXACT_TOKENIZER, FACETS, STEM_TOKENIZER,
};
use super::vocabulary::Vocabulary;

/// One item as the index sees it.
#[derive(Debug, Clone, Default, Hash)]
pub struct SearchDoc {
    pub id: String,
    pub url: String,
    pub title: String,
    /// Plain text of the body; stored for snippets.
    pub body: String,
    /// Words about the item that are not in its text: kind, orgaan,
    /// persons, status, outcome, topics.
    pub meta: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Per facet of [`FACETS`], in order: (value, label) pairs.
    pub facets: Vec<Vec<(String, String)>>,
}

/// The index as written.
#[derive(Debug, Clone)]
pub struct Written {
    pub blob: Vec<u8>,
    pub bundle: Bundle,
    /// Compounds learnt from the vocabulary.
    pub compounds: usize,
    /// Parts of the index, and how many of them were indexed (the others
    /// were kept from the previous write).
    pub parts: usize,
    pub indexed: usize,
}

/// Errors of writing the index.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Open(#[from] tantivy::directory::error::OpenReadError),
    #[error("search index: {0}")]
    Search(#[from] super::engine::SearchError),
}

/// Blobs up to this size are put whole in the hot cache: one download.
pub const WHOLE_BELOW: u64 = 256 * 1024;
/// Uncompressed size of a block of stored documents. Small blocks make a
/// result cost little more than its own text.
pub const STORE_BLOCK: usize = 4096;
/// Most documents in one part: a longer run of one month is cut into
/// parts of this size, counted from its oldest document, so that a new
/// item (at the run's start, newest first) moves no boundary.
pub const PART_DOCS: usize = 500;

/// The parts of the last write and the vocabulary they were analysed
/// with: what [`write_with`] reuses. Empty is always correct (everything
/// is indexed).
#[derive(Default)]
pub struct IndexParts {
    vocabulary: Vocabulary,
    /// Key of the part's document hashes → the part.
    parts: HashMap<u64, Part>,
    /// Hash of the facet tables the parts were coded with.
    facets: u64,
}

/// One part: a one-segment index of a run of documents.
struct Part {
    index: Index,
}

fn hash_of(value: &(impl Hash + ?Sized)) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// The runs of `docs` that make the parts: consecutive documents of one
/// month (undated ones together), at most [`PART_DOCS`] each, cut from a
/// run's end.
fn runs(docs: &[SearchDoc]) -> Vec<std::ops::Range<usize>> {
    fn month(d: &SearchDoc) -> Option<&str> {
        d.date.as_deref().map(|s| s.get(..7).unwrap_or(s))
    }
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=docs.len() {
        if i == docs.len() || month(&docs[i]) != month(&docs[start]) {
            let mut end = i;
            while end > start {
                let from = end.saturating_sub(PART_DOCS).max(start);
                out.push(from..end);
                end = from;
            }
            start = i;
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Writes `docs` (in the order given, which breaks ties in ranking).
/// `blob_name` is how the bundle names the blob file.
pub fn write(
    docs: &[SearchDoc],
    blob_name: impl Fn(&[u8]) -> String,
) -> Result<Written, WriteError> {
    write_with(docs, blob_name, &mut IndexParts::default())
}

/// [`write`], indexing only the parts that differ from those in `kept`,
/// which then holds this write's parts. After an error `kept` is empty.
pub fn write_with(
    docs: &[SearchDoc],
    blob_name: impl Fn(&[u8]) -> String,
    kept: &mut IndexParts,
) -> Result<Written, WriteError> {
    let written = write_parts(docs, blob_name, kept);
    if written.is_err() {
        *kept = IndexParts::default();
    }
    written
}

fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Lz4,
        docstore_blocksize: STORE_BLOCK,
        docstore_compress_dedicated_thread: false,
        ..IndexSettings::default()
    }
}

/// The facet tables of `docs`: per facet, its values in sorted order (a
/// value's code is its position).
fn facet_tables(docs: &[SearchDoc]) -> Vec<FacetDef> {
    let mut values: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); FACETS.len()];
    for d in docs {
        for (i, vs) in d.facets.iter().enumerate().take(FACETS.len()) {
            for (v, l) in vs {
                values[i].entry(v.clone()).or_insert_with(|| l.clone());
            }
        }
    }
    FACETS
        .iter()
        .zip(&values)
        .map(|((name, label), vs)| FacetDef {
            name: name.to_string(),
            label: label.to_string(),
            values: vs
                .iter()
                .map(|(v, l)| FacetValue {
                    value: v.clone(),
                    label: l.clone(),
                })
                .collect(),
        })
        .collect()
}

/// How a part is analysed and coded.
struct Analysis {
    fields: Fields,
    compounds: Arc<Compounds>,
    spellings: Arc<BTreeSet<String>>,
    /// Per facet: value → code.
    codes: Vec<HashMap<String, u64>>,
}

/// A one-segment index of `docs`.
fn index_part(docs: &[SearchDoc], a: &Analysis) -> Result<Index, WriteError> {
    let fields = &a.fields;
    let index = Index::builder()
        .schema(fields.schema.clone())
        .settings(index_settings())
        .open_or_create(RamDirectory::create())?;
    index.tokenizers().register(
        STEM_TOKENIZER,
        TextAnalyzer::from(StemTokenizer {
            compounds: a.compounds.clone(),
        }),
    );
    index.tokenizers().register(
        EXACT_TOKENIZER,
        TextAnalyzer::from(ExactTokenizer {
            spellings: a.spellings.clone(),
        }),
    );
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 64 * 1024 * 1024)?;
    for d in docs {
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.id, &d.id);
        doc.add_text(fields.url, &d.url);
        doc.add_text(fields.title, &d.title);
        let all = format!("{}\n{}\n{}", d.title, d.body, d.meta);
        doc.add_text(fields.text, &all);
        doc.add_text(fields.exact, &all);
        doc.add_text(fields.body, &d.body);
        doc.add_u64(
            fields.date,
            d.date.as_deref().and_then(date_code).unwrap_or(0),
        );
        for (i, vs) in d.facets.iter().enumerate().take(FACETS.len()) {
            for (v, _) in vs {
                doc.add_u64(fields.facets[i], a.codes[i].get(v).copied().unwrap_or(0));
            }
        }
        writer.add_document(doc)?;
    }
    writer.commit()?;
    let ids = index.searchable_segment_ids()?;
    if ids.len() > 1 {
        writer.merge(&ids).wait()?;
    }
    writer.wait_merging_threads()?;
    Ok(index)
}

fn write_parts(
    docs: &[SearchDoc],
    blob_name: impl Fn(&[u8]) -> String,
    kept: &mut IndexParts,
) -> Result<Written, WriteError> {
    let hashes: Vec<u64> = docs.iter().map(hash_of).collect();
    let hashed: Vec<(u64, &SearchDoc)> = hashes.iter().copied().zip(docs).collect();
    let changed = kept.vocabulary.update(&hashed);
    let facets = facet_tables(docs);
    let facets_hash = hash_of(&format!("{facets:?}"));
    let analysis = Analysis {
        fields: Fields::new(),
        compounds: kept.vocabulary.compounds(),
        spellings: kept.vocabulary.ambiguous(),
        codes: facets
            .iter()
            .map(|f| {
                f.values
                    .iter()
                    .enumerate()
                    .map(|(c, v)| (v.value.clone(), c as u64))
                    .collect()
            })
            .collect(),
    };

    // Each part: kept when its documents, the analysis of their words and
    // the facet codes are as when it was indexed; else indexed again.
    let recode = kept.facets != facets_hash;
    let mut old = std::mem::take(&mut kept.parts);
    let mut parts: Vec<(u64, Part)> = Vec::new();
    let mut indexed = 0;
    for run in runs(docs) {
        let key = hash_of(&hashes[run.clone()]);
        let has = |w: &String| {
            hashes[run.clone()]
                .iter()
                .any(|h| kept.vocabulary.has(*h, w))
        };
        let reusable = old
            .remove(&key)
            .filter(|_| !recode && !changed.iter().any(has));
        let part = match reusable {
            Some(p) => p,
            None => {
                indexed += 1;
                Part {
                    index: index_part(&docs[run], &analysis)?,
                }
            }
        };
        parts.push((key, part));
    }
    let dir = RamDirectory::create();
    let index = if parts.is_empty() {
        Index::builder()
            .schema(analysis.fields.schema.clone())
            .settings(index_settings())
            .open_or_create(dir.clone())?
    } else {
        let indexes: Vec<Index> = parts.iter().map(|(_, p)| p.index.clone()).collect();
        tantivy::indexer::merge_indices(&indexes, dir.clone())?
    };
    let n_parts = parts.len();
    kept.parts = parts.into_iter().collect();
    kept.facets = facets_hash;
    let compounds = analysis.compounds;

    // Lay the files end to end, named after a fixed segment id so that the
    // same content gives the same blob.
    let metas = index.searchable_segment_metas()?;
    let mut rename: Vec<(String, String)> = Vec::new();
    for (n, m) in metas.iter().enumerate() {
        let (from, to) = (m.id().uuid_string(), format!("{:032x}", n + 1));
        let hyphens = |s: &str| {
            format!(
                "{}-{}-{}-{}-{}",
                &s[..8],
                &s[8..12],
                &s[12..16],
                &s[16..20],
                &s[20..]
            )
        };
        rename.push((hyphens(&from), hyphens(&to)));
        rename.push((from, to));
    }
    let renamed = |s: &str| {
        let mut s = s.to_string();
        for (from, to) in &rename {
            s = s.replace(from.as_str(), to);
        }
        s
    };
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    // The merge notes the ids of the parts' segments (random) as payload.
    let mut meta_json: serde_json::Value =
        serde_json::from_slice(&dir.atomic_read(Path::new("meta.json"))?)
            .map_err(|e| tantivy::TantivyError::InternalError(format!("meta.json: {e}")))?;
    meta_json["payload"] = serde_json::Value::Null;
    files.insert(
        "meta.json".into(),
        renamed(&meta_json.to_string()).into_bytes(),
    );
    let mut list: Vec<_> = index
        .load_metas()?
        .list_segment_files()
        .into_iter()
        .collect();
    list.sort();
    for p in list {
        if let Ok(bytes) = dir.atomic_read(&p) {
            files.insert(renamed(&p.to_string_lossy()), bytes);
        }
    }
    let mut blob = Vec::new();
    let mut manifest = Manifest::default();
    for (name, bytes) in &files {
        manifest
            .files
            .insert(name.clone(), (blob.len() as u64, bytes.len() as u64));
        blob.extend_from_slice(bytes);
    }
    manifest.len = blob.len() as u64;

    // The hot cache: what opening and a first query read.
    // BESLUITSPOOR_SEARCH_LAZY forces lazy reading, to test it on a small site.
    let whole_below = if std::env::var_os("BESLUITSPOOR_SEARCH_LAZY").is_some() {
        0
    } else {
        WHOLE_BELOW
    };
    let hot = if manifest.len <= whole_below {
        HotCache::from_ranges(&blob, std::slice::from_ref(&(0..manifest.len)))
    } else {
        let probe = Arc::new(Blob::new(Box::new(blob.clone()), manifest.clone()));
        probe.record();
        let engine = Engine::open_blob(probe.clone(), facets.clone())?;
        engine.search(&Request {
            q: String::new(),
            facets: true,
            limit: Some(1),
            ..Request::default()
        })?;
        // A word that is in no index warms each term dictionary's index.
        engine.search(&Request {
            q: "qqqqqq".into(),
            ..Request::default()
        })?;
        let mut ranges = probe.recorded();
        // Fast fields and field norms are read for every query: whole.
        for (name, &(offset, len)) in &manifest.files {
            if name.ends_with(".fast") || name.ends_with(".fieldnorm") {
                ranges.push(offset..offset + len);
            }
        }
        HotCache::from_ranges(&blob, &ranges)
    };
    let meta = IndexMeta {
        blob: blob_name(&blob),
        manifest,
        facets,
        docs: docs.len() as u64,
    };
    Ok(Written {
        bundle: Bundle { meta, hot },
        blob,
        compounds: compounds.len(),
        parts: n_parts,
        indexed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, date: &str, text: &str) -> SearchDoc {
        SearchDoc {
            id: id.into(),
            url: format!("/{id}/"),
            title: id.into(),
            body: text.into(),
            date: Some(date.into()),
            facets: vec![Vec::new(); FACETS.len()],
            ..SearchDoc::default()
        }
    }

    fn name(_: &[u8]) -> String {
        "index.bin".into()
    }

    /// Writes `docs` with `kept`, checks the bytes against a write from
    /// nothing and returns (parts, indexed).
    fn step(docs: &[SearchDoc], kept: &mut IndexParts) -> (usize, usize) {
        let again = write_with(docs, name, kept).unwrap();
        let fresh = write(docs, name).unwrap();
        assert!(again.blob == fresh.blob, "blob differs from a fresh write");
        assert_eq!(again.bundle.to_bytes(), fresh.bundle.to_bytes());
        (again.parts, again.indexed)
    }

    #[test]
    fn parts_are_runs_of_one_month_cut_from_the_oldest() {
        let mut docs = Vec::new();
        for i in 0..(PART_DOCS + 3) {
            docs.push(doc(&format!("a{i}"), "2026-02-10", "x"));
        }
        docs.push(doc("b", "2026-01-31", "x"));
        docs.push(SearchDoc::default());
        assert_eq!(
            runs(&docs),
            [
                0..3,
                3..PART_DOCS + 3,
                PART_DOCS + 3..PART_DOCS + 4,
                PART_DOCS + 4..PART_DOCS + 5
            ]
        );
    }

    #[test]
    fn only_changed_parts_and_parts_whose_words_changed_are_indexed() {
        let mut kept = IndexParts::default();
        let mut docs = vec![
            doc("c", "2026-03-02", "Een motie over de begroting."),
            doc("b", "2026-02-02", "Het verkeer bij het cafe in de stad."),
            doc(
                "a",
                "2026-01-05",
                "Verkeersveiligheid: veiligheid eerst, veiligheid altijd.",
            ),
        ];
        assert_eq!(step(&docs, &mut kept), (3, 3));
        // Unchanged: nothing indexed.
        assert_eq!(step(&docs, &mut kept), (3, 0));
        // A change in c's text: only c's part.
        docs[0].body = "Een motie over de begroting van volgend jaar.".into();
        assert_eq!(step(&docs, &mut kept), (3, 1));
        // `verkeer` now occurs twice, so it becomes a part of compounds:
        // c's part (changed) and a's (`verkeersveiligheid` now splits), not
        // b's, whose words are analysed as before.
        docs[0].body = "Een motie over het verkeer.".into();
        assert_eq!(step(&docs, &mut kept), (3, 2));
        // A new month: one part more, the others kept.
        docs.insert(0, doc("d", "2026-04-01", "Nog een motie."));
        assert_eq!(step(&docs, &mut kept), (4, 1));
        // `café` next to b's `cafe`: both spellings are now indexed in the
        // `exact` field, so b's part is indexed again too.
        docs[0].body = "Nog een motie over het café.".into();
        assert_eq!(step(&docs, &mut kept), (4, 2));
        // Deletions: of d, and `cafe` has one spelling again (b's part);
        // of c, after which `verkeer` occurs once and is no part any more
        // (a's part).
        docs.remove(0);
        assert_eq!(step(&docs, &mut kept), (3, 1));
        docs.remove(0);
        assert_eq!(step(&docs, &mut kept), (2, 1));
    }
}
