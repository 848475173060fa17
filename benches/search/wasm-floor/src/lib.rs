//! The floor of a tantivy-based reader in wasm: the least it can do.
//! Input framing for `query`: [u32 qlen][query word] then repeated
//! [u32 name_len][name][u32 data_len][data] (little-endian).
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::directory::{Directory, RamDirectory};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, ReloadPolicy, Term};

#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v: Vec<u8> = Vec::with_capacity(len);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

fn rd_u32(b: &[u8], pos: &mut usize) -> Option<usize> {
    let s = b.get(*pos..*pos + 4)?;
    *pos += 4;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
}

fn rd_bytes<'a>(b: &'a [u8], pos: &mut usize) -> Option<&'a [u8]> {
    let n = rd_u32(b, pos)?;
    let s = b.get(*pos..*pos + n)?;
    *pos += n;
    Some(s)
}

fn run(buf: &[u8]) -> Option<u32> {
    let mut pos = 0;
    let word = core::str::from_utf8(rd_bytes(buf, &mut pos)?).ok()?;
    let dir = RamDirectory::create();
    while pos < buf.len() {
        let name = core::str::from_utf8(rd_bytes(buf, &mut pos)?).ok()?;
        let data = rd_bytes(buf, &mut pos)?;
        dir.atomic_write(Path::new(name), data).ok()?;
    }
    let index = Index::open(dir).ok()?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .ok()?;
    let searcher = reader.searcher();
    let schema = index.schema();
    let body = schema.get_field("body").ok()?;
    let q = TermQuery::new(Term::from_field_text(body, word), IndexRecordOption::WithFreqs);
    let top = searcher.search(&q, &TopDocs::with_limit(10).order_by_score()).ok()?;
    #[cfg(not(feature = "docs"))]
    {
        Some(top.len() as u32)
    }
    #[cfg(feature = "docs")]
    {
        use tantivy::schema::document::Value;
        use tantivy::TantivyDocument;
        let title = schema.get_field("title").ok()?;
        let mut total: u32 = 0;
        for (_score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr).ok()?;
            let len = doc
                .get_first(title)
                .and_then(|v| v.as_str())
                .map(|s| s.len())
                .unwrap_or(0);
            total = total.wrapping_add(len as u32);
        }
        Some(total)
    }
}

/// Variant A: number of hits. Variant B (feature "docs"): sum of title lengths of the hits.
#[no_mangle]
pub extern "C" fn query(ptr: *const u8, len: usize) -> u32 {
    let buf = unsafe { core::slice::from_raw_parts(ptr, len) };
    run(buf).unwrap_or(u32::MAX)
}
