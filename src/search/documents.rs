//! What the site gives the search index: each entry's document (its words by field and its facet values)
//! and the facets search offers, both from the collections' field tables.

use super::{FacetInfo, SearchDoc};
use crate::config::SiteConfig;
use crate::fields::schema::{FieldSpec, FieldType, InTranslation, word_label};
use crate::graph::LinkedSite;
use crate::strings::Strings;

/// The facets search offers: type of page, one per collection (entries related to a chosen entry), and the
/// fields the collections' tables mark as filters (the exercise fields, and the site's own), each once.
pub(crate) fn facets(config: &SiteConfig, strings: &Strings) -> Vec<FacetInfo> {
    let mut facets = vec![FacetInfo { name: "collection".into(), label: strings.get("search_facets.type") }];
    facets.extend(config.collections.iter().map(|c| FacetInfo { name: c.name.to_string(), label: c.title.clone() }));
    for spec in config.collections.iter().flat_map(|c| &c.fields).filter(|spec| spec.facet) {
        // A collection named like a field already has the facet of its name (its entries).
        if config.collection_index(&spec.name).is_none() && !facets.iter().any(|f| f.name == spec.name) {
            let key = format!("generated.facets.{}", spec.name);
            let label = strings.lookup_str(&key).unwrap_or(&spec.label).to_string();
            facets.push(FacetInfo { name: spec.name.to_string(), label });
        }
    }
    facets
}

/// A front matter word as readers of the page's language see it: the theme's `words` entry, else the word
/// itself made readable (`lying-on-back` -> `Lying on back`).
fn label_of(site: &LinkedSite, word: &str) -> String {
    let key = format!("words.{word}");
    site.strings.lookup_str(&key).map_or_else(|| word_label(word), str::to_string)
}

/// What an entry gives the search index: its words by field, and its facet values (its collection, itself
/// and every linked entry by collection, its exercise fields). `body` and `cautions` are their text as the
/// render stage made it (links as their titles, placeholders filled in). Its details are its other plain
/// written fields (a cause's symptoms, where a muscle is and what it does).
pub(crate) fn entry_document(site: &LinkedSite, index: usize, body: String, cautions: Vec<String>) -> SearchDoc {
    let config = &site.config;
    let entry = &site.entries[index];
    let collection = &config.collections[entry.collection];
    let fields = &entry.fields;
    let mut facets = vec![
        ("collection".to_string(), collection.title.clone()),
        (collection.name.to_string(), fields.title().to_string()),
    ];
    let mut related = Vec::new();
    for link in &site.links[index] {
        let other = &site.entries[link.other];
        related.push(other.fields.title().to_string());
        facets.push((config.collections[other.collection].name.to_string(), other.fields.title().to_string()));
    }
    // The fields the collection's table marks as filters, one facet value per word.
    for spec in collection.fields.iter().filter(|spec| spec.facet) {
        if let Some(value) = fields.values.get(&spec.name) {
            facets.extend(value.words().iter().map(|word| (spec.name.to_string(), label_of(site, word))));
        }
    }
    // The collection's own plain written fields (not the common ones: the title, summary and aliases are
    // fields of their own), as the page shows them. Inline Markdown lists are not among them: cautions come
    // rendered, and steps are not searched (see render/entry.rs).
    let mut details = Vec::new();
    let common = crate::fields::schema::common_fields();
    let written =
        |spec: &&FieldSpec| spec.in_translation == InTranslation::Words && !common.iter().any(|c| c.name == spec.name);
    for spec in collection.fields.iter().filter(written) {
        match spec.kind {
            FieldType::Text => details.extend(fields.values.text(&spec.name).map(str::to_string)),
            FieldType::List { markdown: false, .. } => details.extend_from_slice(fields.values.list(&spec.name)),
            _ => {}
        }
    }
    SearchDoc {
        title: fields.title().to_string(),
        aliases: fields.aliases().to_vec(),
        summary: fields.summary().map(str::to_string).unwrap_or_default(),
        related,
        body,
        cautions,
        details,
        url: config.url(&entry.path(config)),
        collection: Some(entry.collection),
        facets,
        thumbnail: None,
    }
}
