//! The index as one file: tantivy's files laid end to end in a *blob*,
//! read through a [`BlobDirectory`] that asks a [`Source`] for byte ranges.
//!
//! Natively the source is the file on disk; in the browser it is an HTTP
//! Range request (synchronous, inside the Web Worker). A *hot cache*
//! ([`HotCache`]) holds the bytes that opening the index and the first query
//! always read, so a cold query costs one download of it plus a few ranges
//! of postings and stored documents, the way Quickwit reads from object
//! storage. For a small site the hot cache holds the whole blob.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, HasLen};

/// Reads byte ranges of the blob.
pub trait Source: Send + Sync + 'static {
    /// Returns the `len` bytes at `offset`.
    fn read(&self, offset: u64, len: usize) -> io::Result<Vec<u8>>;
}

/// A blob in memory.
impl Source for Vec<u8> {
    fn read(&self, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        let start = offset as usize;
        self.get(start..start + len)
            .map(|s| s.to_vec())
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "read past the blob"))
    }
}

/// Where each of tantivy's files sits in the blob.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// File name → (offset, length).
    pub files: BTreeMap<String, (u64, u64)>,
    /// Total length of the blob.
    pub len: u64,
}

/// Reads are rounded out to this many bytes, so that neighbouring reads
/// (the blocks of a term dictionary, a postings list's skip data) come in
/// one request.
pub const PAGE: u64 = 4096;

/// Counters of what a [`Blob`] had to fetch from its source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetches {
    pub requests: u64,
    pub bytes: u64,
}

/// The blob with a cache of the ranges already read.
pub struct Blob {
    source: Box<dyn Source>,
    manifest: Manifest,
    cache: Mutex<Cache>,
}

#[derive(Default)]
struct Cache {
    /// start → bytes, non-overlapping.
    ranges: BTreeMap<u64, Arc<Vec<u8>>>,
    fetches: Fetches,
    /// Every range read by tantivy, when recording.
    record: Option<Vec<Range<u64>>>,
}

impl Cache {
    /// The cached range that holds `start..end` whole.
    fn find(&self, start: u64, end: u64) -> Option<OwnedBytes> {
        let (&s, bytes) = self.ranges.range(..=start).next_back()?;
        if s + bytes.len() as u64 >= end {
            let from = (start - s) as usize;
            let to = (end - s) as usize;
            Some(OwnedBytes::new(bytes[from..to].to_vec()))
        } else {
            None
        }
    }

    /// Adds `bytes` at `start`, merging it with the cached ranges it
    /// overlaps or touches.
    fn insert(&mut self, start: u64, bytes: Vec<u8>) {
        let end = start + bytes.len() as u64;
        let touching: Vec<u64> = self
            .ranges
            .range(..=end)
            .filter(|(&s, b)| s + b.len() as u64 >= start)
            .map(|(&s, _)| s)
            .collect();
        let lo = touching
            .iter()
            .copied()
            .chain([start])
            .min()
            .unwrap_or(start);
        let hi = touching
            .iter()
            .map(|s| s + self.ranges[s].len() as u64)
            .chain([end])
            .max()
            .unwrap_or(end);
        let mut out = vec![0u8; (hi - lo) as usize];
        for s in &touching {
            if let Some(b) = self.ranges.remove(s) {
                let at = (s - lo) as usize;
                out[at..at + b.len()].copy_from_slice(&b);
            }
        }
        let at = (start - lo) as usize;
        out[at..at + bytes.len()].copy_from_slice(&bytes);
        self.ranges.insert(lo, Arc::new(out));
    }
}

impl Blob {
    pub fn new(source: Box<dyn Source>, manifest: Manifest) -> Blob {
        Blob {
            source,
            manifest,
            cache: Mutex::new(Cache::default()),
        }
    }

    /// Seeds the cache with the pages of a hot cache.
    pub fn warm(&self, hot: &HotCache) {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        for (start, bytes) in &hot.ranges {
            cache.ranges.insert(*start, Arc::new(bytes.clone()));
        }
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// What was fetched from the source so far.
    pub fn fetches(&self) -> Fetches {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).fetches
    }

    /// Starts recording the ranges tantivy reads.
    pub fn record(&self) {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).record = Some(Vec::new());
    }

    /// The ranges read since [`Blob::record`].
    pub fn recorded(&self) -> Vec<Range<u64>> {
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .record
            .clone()
            .unwrap_or_default()
    }

    /// Reads `start..end` of the blob.
    pub fn read(&self, start: u64, end: u64) -> io::Result<OwnedBytes> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(r) = cache.record.as_mut() {
            r.push(start..end);
        }
        if let Some(b) = cache.find(start, end) {
            return Ok(b);
        }
        // Large reads (a block of stored documents, a long postings list) are
        // fetched as asked; small ones are rounded out to pages, but never
        // past the blob, skipping the pages at either end that are cached.
        if end - start >= PAGE / 2 {
            let bytes = self.source.read(start, (end - start) as usize)?;
            cache.fetches.requests += 1;
            cache.fetches.bytes += bytes.len() as u64;
            cache.insert(start, bytes);
            return cache
                .find(start, end)
                .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "short read"));
        }
        let mut from = start / PAGE * PAGE;
        let mut to = end.div_ceil(PAGE) * PAGE;
        to = to.min(self.manifest.len);
        while from < start && cache.find(from, (from + PAGE).min(start)).is_some() {
            from += PAGE;
        }
        from = from.min(start);
        while to > end && cache.find((to - PAGE).max(end), to).is_some() {
            to -= PAGE;
        }
        to = to.max(end);
        let bytes = self.source.read(from, (to - from) as usize)?;
        cache.fetches.requests += 1;
        cache.fetches.bytes += bytes.len() as u64;
        cache.insert(from, bytes);
        cache
            .find(start, end)
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "short read"))
    }
}

/// The bytes that opening the index and a first query read, saved at build
/// time (`hot.<hash>.bin`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HotCache {
    /// Non-overlapping ranges of the blob: (start, bytes).
    pub ranges: Vec<(u64, Vec<u8>)>,
}

impl HotCache {
    /// Reads `ranges` of `blob` (merged, page-aligned).
    pub fn from_ranges(blob: &[u8], ranges: &[Range<u64>]) -> HotCache {
        let mut pages: Vec<Range<u64>> = ranges
            .iter()
            .map(|r| r.start / PAGE * PAGE..(r.end.div_ceil(PAGE) * PAGE).min(blob.len() as u64))
            .collect();
        pages.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<u64>> = Vec::new();
        for r in pages {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        HotCache {
            ranges: merged
                .into_iter()
                .map(|r| (r.start, blob[r.start as usize..r.end as usize].to_vec()))
                .collect(),
        }
    }

    /// Total bytes held.
    pub fn len(&self) -> usize {
        self.ranges.iter().map(|(_, b)| b.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// `u32` count, then per range `u64` start, `u32` length and the bytes,
    /// little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len() + 12 * self.ranges.len() + 4);
        out.extend_from_slice(&(self.ranges.len() as u32).to_le_bytes());
        for (start, bytes) in &self.ranges {
            out.extend_from_slice(&start.to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(bytes);
        }
        out
    }

    pub fn from_bytes(mut b: &[u8]) -> Option<HotCache> {
        fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
            if b.len() < n {
                return None;
            }
            let (head, tail) = b.split_at(n);
            *b = tail;
            Some(head)
        }
        let n = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?);
        let mut ranges = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let start = u64::from_le_bytes(take(&mut b, 8)?.try_into().ok()?);
            let len = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?) as usize;
            ranges.push((start, take(&mut b, len)?.to_vec()));
        }
        Some(HotCache { ranges })
    }
}

/// A read-only tantivy [`Directory`] over a [`Blob`].
#[derive(Clone)]
pub struct BlobDirectory {
    blob: Arc<Blob>,
}

impl BlobDirectory {
    pub fn new(blob: Arc<Blob>) -> BlobDirectory {
        BlobDirectory { blob }
    }

    fn file(&self, path: &Path) -> Option<(u64, u64)> {
        self.blob.manifest.files.get(path.to_str()?).copied()
    }
}

impl fmt::Debug for BlobDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BlobDirectory({} files)", self.blob.manifest.files.len())
    }
}

struct BlobFile {
    blob: Arc<Blob>,
    offset: u64,
    len: u64,
}

impl fmt::Debug for BlobFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BlobFile({}+{})", self.offset, self.len)
    }
}

impl HasLen for BlobFile {
    fn len(&self) -> usize {
        self.len as usize
    }
}

impl FileHandle for BlobFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.end as u64 > self.len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "read past the file",
            ));
        }
        self.blob.read(
            self.offset + range.start as u64,
            self.offset + range.end as u64,
        )
    }
}

fn read_only() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "the search index is read-only",
    )
}

impl Directory for BlobDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let (offset, len) = self
            .file(path)
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
        Ok(Arc::new(BlobFile {
            blob: self.blob.clone(),
            offset,
            len,
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only()),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.file(path).is_some())
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: Arc::new(read_only()),
            filepath: PathBuf::from(path),
        })
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let (offset, len) = self
            .file(path)
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
        self.blob
            .read(offset, offset + len)
            .map(|b| b.as_slice().to_vec())
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(read_only())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_cached_and_rounded_to_pages() {
        let data: Vec<u8> = (0..20_000u32).map(|i| i as u8).collect();
        let manifest = Manifest {
            files: BTreeMap::from([("a".to_string(), (0, 20_000))]),
            len: 20_000,
        };
        let blob = Blob::new(Box::new(data.clone()), manifest);
        assert_eq!(blob.read(10, 20).unwrap().as_slice(), &data[10..20]);
        assert_eq!(
            blob.fetches(),
            Fetches {
                requests: 1,
                bytes: PAGE
            }
        );
        assert_eq!(blob.read(100, 4000).unwrap().as_slice(), &data[100..4000]);
        assert_eq!(blob.fetches().requests, 1);
        // A large read is fetched as asked.
        assert_eq!(blob.read(4000, 9000).unwrap().as_slice(), &data[4000..9000]);
        assert_eq!(
            blob.fetches(),
            Fetches {
                requests: 2,
                bytes: PAGE + 5000
            }
        );
        assert_eq!(blob.read(9000, 9100).unwrap().as_slice(), &data[9000..9100]);
        assert_eq!(
            blob.fetches(),
            Fetches {
                requests: 3,
                bytes: PAGE + 5000 + (3 * PAGE - 9000)
            }
        );
        assert_eq!(
            blob.read(19_990, 20_000).unwrap().as_slice(),
            &data[19_990..]
        );
    }

    #[test]
    fn hot_cache_round_trips() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let hot = HotCache::from_ranges(&data, &[5..10, 8000..8100, 4095..4097]);
        let back = HotCache::from_bytes(&hot.to_bytes()).unwrap();
        assert_eq!(hot, back);
        assert_eq!(hot.ranges[0].0, 0);
    }
}
