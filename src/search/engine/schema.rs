//! The fields of the search index and the facets a reader filters on.

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
};

/// Tokenizer of `title` and `text`: stems and compound parts.
pub const STEM_TOKENIZER: &str = "nl_stem";
/// Tokenizer of `exact`: spellings with diacritics.
pub const EXACT_TOKENIZER: &str = "nl_exact";

/// The facets, in the order the page shows them. Each is a `u64` field
/// holding an index into [`FacetDef::values`].
pub const FACETS: &[(&str, &str)] = &[
    ("kind", "Soort"),
    ("orgaan", "Orgaan"),
    ("jaar", "Jaar"),
    ("status", "Opvolging"),
    ("uitslag", "Uitslag"),
    ("portefeuillehouder", "Portefeuillehouder"),
];

/// One facet's values, as stored beside the index (`meta` of the hot
/// cache); a document holds the index of its value.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct FacetDef {
    pub name: String,
    pub label: String,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct FacetValue {
    /// As in the URL: `motie`, `2025`, `gemeenteraad`.
    pub value: String,
    /// As a reader sees it: `Motie`, `2025`, `Gemeenteraad`.
    pub label: String,
}

/// The fields, by role.
#[derive(Debug, Clone)]
pub struct Fields {
    pub schema: Schema,
    pub id: Field,
    pub url: Field,
    pub title: Field,
    pub text: Field,
    pub exact: Field,
    pub body: Field,
    /// `YYYYMMDD`, 0 when the item has no date.
    pub date: Field,
    pub facets: Vec<Field>,
}

impl Fields {
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let stem = TextFieldIndexing::default()
            .set_tokenizer(STEM_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs);
        // `exact` has no field norms (a byte per document, read whole by the
        // first query): it only breaks ties between spellings.
        let exact = TextFieldIndexing::default()
            .set_tokenizer(EXACT_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs)
            .set_fieldnorms(false);
        let id = b.add_text_field("id", STORED);
        let url = b.add_text_field("url", STORED);
        let title = b.add_text_field(
            "title",
            TextOptions::default()
                .set_indexing_options(stem.clone())
                .set_stored(),
        );
        let text = b.add_text_field("text", TextOptions::default().set_indexing_options(stem));
        let exact = b.add_text_field("exact", TextOptions::default().set_indexing_options(exact));
        let body = b.add_text_field("body", STORED);
        let num = NumericOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored();
        let date = b.add_u64_field("date", num.clone());
        let facets = FACETS
            .iter()
            .map(|(name, _)| b.add_u64_field(name, num.clone()))
            .collect();
        Fields {
            schema: b.build(),
            id,
            url,
            title,
            text,
            exact,
            body,
            date,
            facets,
        }
    }

    /// The field of facet `name`.
    pub fn facet(&self, name: &str) -> Option<Field> {
        FACETS
            .iter()
            .position(|(n, _)| *n == name)
            .map(|i| self.facets[i])
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::new()
    }
}

/// What the writer saves beside the index for the reader.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct IndexMeta {
    /// File name of the blob, beside the bundle.
    pub blob: String,
    pub manifest: super::blob::Manifest,
    pub facets: Vec<FacetDef>,
    /// Number of documents.
    pub docs: u64,
}
