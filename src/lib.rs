//! besluitspoor: a static portal of municipal decisions and their follow-up,
//! compiled from Markdown + YAML files in a git repository.
//!
//! The modules follow the pipeline:
//! [`content`] (load) → [`site`] (link, validate, derive) →
//! [`render`] (HTML, feeds, open data) → [`publish`] (staging and atomic swap).

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod init;
pub mod model;
pub mod new_item;
pub mod publish;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod watch;
