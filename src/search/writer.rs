//! Writes the search index: [`SearchDoc`]s → a tantivy index in memory,
//! merged into one segment → the blob and its bundle (meta + hot cache).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::RamDirectory;
use tantivy::schema::TantivyDocument;
use tantivy::store::Compressor;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Directory, Index, IndexSettings, IndexWriter};

use super::engine::analysis::{
    ambiguous_spellings, vocabulary, Compounds, ExactTokenizer, StemTokenizer,
};
use super::engine::blob::{Blob, HotCache, Manifest};
use super::engine::query::{date_code, Bundle, Engine, Request};
use super::engine::schema::{
    FacetDef, FacetValue, Fields, IndexMeta, EXACT_TOKENIZER, FACETS, STEM_TOKENIZER,
};

/// One item as the index sees it.
#[derive(Debug, Clone, Default)]
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

/// Writes `docs` (in the order given, which breaks ties in ranking).
/// `blob_name` is how the bundle names the blob file.
pub fn write(
    docs: &[SearchDoc],
    blob_name: impl Fn(&[u8]) -> String,
) -> Result<Written, WriteError> {
    let fields = Fields::new();
    let texts = || {
        docs.iter()
            .flat_map(|d| [d.title.as_str(), d.body.as_str(), d.meta.as_str()])
    };
    let compounds = Arc::new(Compounds::learn(&vocabulary(texts())));
    let spellings = Arc::new(ambiguous_spellings(texts()));
    let settings = IndexSettings {
        docstore_compression: Compressor::Lz4,
        docstore_blocksize: STORE_BLOCK,
        docstore_compress_dedicated_thread: false,
        ..IndexSettings::default()
    };
    let dir = RamDirectory::create();
    let index = Index::builder()
        .schema(fields.schema.clone())
        .settings(settings)
        .open_or_create(dir.clone())?;
    index.tokenizers().register(
        STEM_TOKENIZER,
        TextAnalyzer::from(StemTokenizer {
            compounds: compounds.clone(),
        }),
    );
    index.tokenizers().register(
        EXACT_TOKENIZER,
        TextAnalyzer::from(ExactTokenizer { spellings }),
    );

    // Facet values: codes in first-seen order of a sorted walk.
    let mut values: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); FACETS.len()];
    for d in docs {
        for (i, vs) in d.facets.iter().enumerate().take(FACETS.len()) {
            for (v, l) in vs {
                values[i].entry(v.clone()).or_insert_with(|| l.clone());
            }
        }
    }
    let facets: Vec<FacetDef> = FACETS
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
        .collect();
    let code = |i: usize, v: &str| {
        facets[i]
            .values
            .iter()
            .position(|x| x.value == v)
            .unwrap_or(0) as u64
    };

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
                doc.add_u64(fields.facets[i], code(i, v));
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
    let meta_json = String::from_utf8_lossy(&dir.atomic_read(Path::new("meta.json"))?).into_owned();
    files.insert("meta.json".into(), renamed(&meta_json).into_bytes());
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
    })
}
