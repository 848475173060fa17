//! Search: the index is written here at build time with tantivy and read by
//! the same engine ([`engine`]) in the `search` command and, compiled to
//! wasm32 (`crates/search-wasm`), in the reader's browser.
//!
//! The writer keeps the index in parts ([`IndexParts`]): `watch` indexes
//! again only what a change touches and merges (see [`writer`]).
//!
//! Output, under `search/` of the site, every name content-hashed:
//! - `index.<hash>.bin`: the blob, tantivy's files end to end;
//! - `hot.<hash>.bin`: the bundle a reader downloads first (file table,
//!   facet values, and the hot cache: what opening and a first query read),
//!   gzipped;
//! - the engine (`engine.<hash>.wasm`), its Web Worker and the page script.

pub mod cli;
pub mod docs;
pub mod engine;
pub mod vocabulary;
pub mod writer;

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::publish::OutputFile;
use crate::site::Site;
use engine::blob::Source;
use engine::{Bundle, Engine, SearchError};
pub use writer::{IndexParts, SearchDoc, WriteError};

/// The folder of the search files in the output.
pub const DIR: &str = "search";

/// The browser's engine, built from `crates/search-wasm` by
/// `scripts/build-wasm.sh` (CI rebuilds it and compares).
pub const ENGINE_WASM: &[u8] = include_bytes!("../../crates/search-wasm/dist/engine.wasm");
/// The Web Worker that runs the engine.
pub const WORKER_JS: &str = include_str!("search-worker.js");
/// The `/zoeken/` page's script.
pub const PAGE_JS: &str = include_str!("zoeken.js");

/// The URLs the `/zoeken/` page needs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ZoekenPage {
    pub index: String,
    pub worker: String,
    pub wasm: String,
    pub script: String,
    /// Number of items in the index.
    pub docs: u64,
}

/// The search files of a build.
#[derive(Debug, Default)]
pub struct SearchOutput {
    pub files: Vec<OutputFile>,
    pub page: ZoekenPage,
    /// Parts of the index, and how many were indexed (not kept).
    pub parts: usize,
    pub indexed: usize,
}

/// `name.<first 8 bytes of sha256>.ext`.
fn hashed(stem: &str, ext: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let h: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{stem}.{h}.{ext}")
}

/// Gzip at the best level: the bundle is fetched whole, and browsers
/// unpack it natively (`DecompressionStream`), whatever the host does.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// Writes the index of `site`.
pub fn build(site: &Site) -> Result<SearchOutput, WriteError> {
    build_with(site, &mut IndexParts::default())
}

/// Writes the index of `site`, indexing again only the parts of `kept`
/// that changed (see [`writer::write_with`]); the same bytes as [`build`].
pub fn build_with(site: &Site, kept: &mut IndexParts) -> Result<SearchOutput, WriteError> {
    let docs = docs::documents(site);
    build_docs_with(&docs, kept)
}

/// Writes the index of `docs` and the files that read it.
pub fn build_docs(docs: &[SearchDoc]) -> Result<SearchOutput, WriteError> {
    build_docs_with(docs, &mut IndexParts::default())
}

fn build_docs_with(docs: &[SearchDoc], kept: &mut IndexParts) -> Result<SearchOutput, WriteError> {
    let written = writer::write_with(docs, |blob| hashed("index", "bin", blob), kept)?;
    let mut out = SearchOutput {
        parts: written.parts,
        indexed: written.indexed,
        ..SearchOutput::default()
    };
    let bundle = gzip(&written.bundle.to_bytes());
    let index = hashed("hot", "bin", &bundle);
    out.page.index = format!("/{DIR}/{index}");
    out.page.docs = written.bundle.meta.docs;
    out.files.push(OutputFile {
        path: format!("{DIR}/{}", written.bundle.meta.blob),
        bytes: written.blob,
    });
    out.files.push(OutputFile {
        path: format!("{DIR}/{index}"),
        bytes: bundle,
    });
    for (name, ext, bytes, slot) in [
        ("engine", "wasm", ENGINE_WASM, &mut out.page.wasm),
        (
            "search-worker",
            "js",
            WORKER_JS.as_bytes(),
            &mut out.page.worker,
        ),
        ("zoeken", "js", PAGE_JS.as_bytes(), &mut out.page.script),
    ] {
        let file = hashed(name, ext, bytes);
        *slot = format!("/{DIR}/{file}");
        out.files.push(OutputFile {
            path: format!("{DIR}/{file}"),
            bytes: bytes.to_vec(),
        });
    }
    Ok(out)
}

/// Errors of opening a built index.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no search index in {0} (build the site first)")]
    Missing(PathBuf),
    #[error("{path}: {err}")]
    Io { path: PathBuf, err: io::Error },
    #[error("{0}")]
    Search(#[from] SearchError),
}

/// A blob read from a file.
struct FileSource(Mutex<File>);

impl Source for FileSource {
    fn read(&self, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f.seek(SeekFrom::Start(offset))?;
        let mut buf = vec![0u8; len];
        f.read_exact(&mut buf)?;
        Ok(buf)
    }
}

/// Opens the index of the site built into `out_dir`.
pub fn open(out_dir: &Path) -> Result<Engine, OpenError> {
    let dir = out_dir.join(DIR);
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |err| OpenError::Io { path, err }
    };
    let mut hot: Option<PathBuf> = None;
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with("hot.") && n.ends_with(".bin") {
                hot = Some(e.path());
            }
        }
    }
    let hot = hot.ok_or_else(|| OpenError::Missing(out_dir.to_path_buf()))?;
    let packed = std::fs::read(&hot).map_err(io_err(&hot))?;
    let mut bytes = Vec::new();
    {
        use std::io::Read;
        flate2::read::GzDecoder::new(packed.as_slice())
            .read_to_end(&mut bytes)
            .map_err(io_err(&hot))?;
    }
    let bundle = Bundle::from_bytes(&bytes)?;
    let blob_path = dir.join(&bundle.meta.blob);
    let file = File::open(&blob_path).map_err(io_err(&blob_path))?;
    Ok(Engine::open(
        bundle,
        Box::new(FileSource(Mutex::new(file))),
    )?)
}
