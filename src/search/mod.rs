//! Search: builds sinew's static search index from the text the render stage already has in memory (no
//! HTML is re-read). The index is a small manifest plus term shards, document chunks and facet data, so
//! a query downloads only what it needs; `search-core.js` in the theme reads it. Format: docs/search.md.
//! What each entry contributes (`documents`) comes from the linked site and the field tables. No I/O and no
//! templates here: `build` (one build) and an `Indexer` (build after build, for the live
//! preview, redoing only what changed) return the files to add to the output tree.

mod analyse;
mod documents;
mod files;
mod forms;
mod index;
mod postings;
mod snippets;
mod text;
mod words;

pub(crate) use documents::{entry_document, facets};
pub(crate) use files::Keep;
pub(crate) use forms::parse as word_forms;
pub(crate) use index::Indexer;
pub(crate) use index::build;

/// Another language's index (made whole each time), under its `es/`: with its stemmer, stop words, synonyms.
pub(crate) fn build_translated<K: Send>(
    docs: &[std::sync::Arc<SearchDoc>],
    config: &crate::config::SiteConfig,
    facets: &[FacetInfo],
    keep: &Keep<K>,
) -> Vec<(String, K)> {
    let keep_there = |path: &str, bytes: Vec<u8>| keep(&config.lang_path(path), bytes);
    build(docs, config, facets, &keep_there).into_iter().map(|(path, kept)| (config.lang_path(&path), kept)).collect()
}

/// The browser's stemmer for the search of a language (`stemmers/es.js`, a static file of the theme), when it
/// needs one: the index of a language with a Snowball algorithm is stemmed with it.
pub(crate) fn stemmer_script(language: &str) -> Option<String> {
    words::rules(language).snowball().then(|| format!("stemmers/{}.js", crate::config::languages::primary(language)))
}

/// What a page contributes to the index, gathered while it is rendered.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchDoc {
    pub title: String,
    pub aliases: Vec<String>,
    pub summary: String,
    /// Titles of the entries linked to this one, both directions.
    pub related: Vec<String>,
    pub body: String,
    /// An exercise's cautions: "hip replacement" finds the stretches that warn about one.
    pub cautions: Vec<String>,
    /// The entry's other plain written fields, line by line: a cause's symptoms ("worse when sitting"), a
    /// muscle's location and actions.
    pub details: Vec<String>,
    /// Absolute path with the base path.
    pub url: String,
    /// Collection number, or None for a plain page.
    pub collection: Option<usize>,
    /// (facet name, value label) pairs this document has.
    pub facets: Vec<(String, String)>,
    /// The address of the entry's picture, small, shown beside the result.
    pub thumbnail: Option<String>,
}

/// A facet as the manifest lists it.
#[derive(Debug, Clone)]
pub(crate) struct FacetInfo {
    pub name: String,
    pub label: String,
}
