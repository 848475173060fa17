//! Stage 1, load: files → front matter + Markdown → typed items.

pub mod fields;
pub mod frontmatter;
pub mod history;
pub mod load;
pub mod markdown;
pub mod source;
pub mod yaml;
