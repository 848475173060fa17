//! besluitspoor's search engine for the browser: the engine of
//! `src/search/engine` (the same files the `search` command runs) compiled
//! to `wasm32-unknown-unknown` behind a plain C ABI, used by the Web Worker
//! `search-worker.js` and by the Node test of `tests/search_wasm.rs`.
//!
//! Protocol, all strings UTF-8 JSON in wasm memory:
//! 1. `bs_alloc(n)` → pointer; the host writes the bundle (`hot.*.bin`) there
//!    and calls `bs_open(ptr, n)` (0: ok).
//! 2. For a search, the host writes a [`Request`] as JSON and calls
//!    `bs_search(ptr, n)`: 0 and the [`Response`] JSON, or 1 and an error
//!    message, at `bs_result_ptr()`, `bs_result_len()` bytes.
//! 3. Bytes of the blob that the bundle does not hold are asked of the host
//!    through the import `env.bs_fetch(offset, len, dst)`: the worker answers
//!    with a synchronous HTTP Range request, Node with a file read.

#[path = "../../../src/search/engine/mod.rs"]
pub mod engine;

use std::io;
use std::sync::Mutex;

use engine::blob::Source;
use engine::{Bundle, Engine, Request};

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "env")]
extern "C" {
    /// Copies `len` bytes of the blob at `offset` to `dst`; 0 on success.
    fn bs_fetch(offset: f64, len: u32, dst: *mut u8) -> i32;
}

#[cfg(not(target_arch = "wasm32"))]
unsafe fn bs_fetch(_offset: f64, _len: u32, _dst: *mut u8) -> i32 {
    1
}

/// The blob, read through the host.
struct HostSource;

impl Source for HostSource {
    fn read(&self, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut buf = vec![0u8; len];
        // SAFETY: `buf` has `len` writable bytes; the host writes at most that.
        let rc = unsafe { bs_fetch(offset as f64, len as u32, buf.as_mut_ptr()) };
        if rc == 0 {
            Ok(buf)
        } else {
            Err(io::Error::other(format!(
                "fetching {len} bytes at {offset} failed"
            )))
        }
    }
}

struct State {
    engine: Option<Engine>,
    result: Vec<u8>,
}

static STATE: Mutex<State> = Mutex::new(State {
    engine: None,
    result: Vec::new(),
});

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Allocates `len` bytes for the host to write into.
#[no_mangle]
pub extern "C" fn bs_alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len.max(1));
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// Frees what [`bs_alloc`] gave.
///
/// # Safety
/// `ptr` and `len` must come from one call of `bs_alloc`.
#[no_mangle]
pub unsafe extern "C" fn bs_free(ptr: *mut u8, len: usize) {
    drop(Vec::from_raw_parts(ptr, 0, len.max(1)));
}

unsafe fn input(ptr: *const u8, len: usize) -> Vec<u8> {
    let v = std::slice::from_raw_parts(ptr, len).to_vec();
    bs_free(ptr as *mut u8, len);
    v
}

/// Opens the index of the bundle at `ptr` (which this call frees).
///
/// # Safety
/// `ptr`/`len` must come from `bs_alloc` and hold the bundle.
#[no_mangle]
pub unsafe extern "C" fn bs_open(ptr: *const u8, len: usize) -> i32 {
    let bytes = input(ptr, len);
    let mut st = state();
    match Bundle::from_bytes(&bytes).and_then(|b| Engine::open(b, Box::new(HostSource))) {
        Ok(e) => {
            st.engine = Some(e);
            st.result.clear();
            0
        }
        Err(e) => {
            st.result = e.to_string().into_bytes();
            1
        }
    }
}

/// Runs the JSON request at `ptr` (which this call frees).
///
/// # Safety
/// `ptr`/`len` must come from `bs_alloc` and hold the request.
#[no_mangle]
pub unsafe extern "C" fn bs_search(ptr: *const u8, len: usize) -> i32 {
    let bytes = input(ptr, len);
    let mut st = state();
    let out = match (&st.engine, serde_json::from_slice::<Request>(&bytes)) {
        (None, _) => Err("the index is not open".to_string()),
        (_, Err(e)) => Err(format!("bad request: {e}")),
        (Some(engine), Ok(req)) => engine
            .search(&req)
            .map_err(|e| e.to_string())
            .and_then(|r| serde_json::to_vec(&r).map_err(|e| e.to_string())),
    };
    match out {
        Ok(json) => {
            st.result = json;
            0
        }
        Err(e) => {
            st.result = e.into_bytes();
            1
        }
    }
}

#[no_mangle]
pub extern "C" fn bs_result_ptr() -> *const u8 {
    state().result.as_ptr()
}

#[no_mangle]
pub extern "C" fn bs_result_len() -> usize {
    state().result.len()
}
