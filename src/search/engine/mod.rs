//! The search engine shared by the index writer, the `search` command and
//! the browser (`crates/search-wasm` compiles these same files to wasm32):
//! one analysis and one ranking for all three. Nothing here may use
//! threads, the clock, randomness or the file system.

pub mod analysis;
pub mod blob;
pub mod query;
pub mod schema;
pub mod snippet;

pub use query::{Bundle, Engine, FacetResult, Hit, Request, Response, SearchError, Sort};
