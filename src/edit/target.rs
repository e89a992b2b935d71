//! What the editor edits: an entry of a collection, or a page (the home page, a listing's introduction, a
//! plain page such as About). Requests name an entry by collection and id, and a page by `_page` and its file
//! under content/ without `.md` (`about`, `_index`, `stretches/_index`).

use crate::fields::schema::{FieldSpec, common_fields};
use crate::graph::{LinkedSite, Lookup};
use crate::model::entry::{EntryFields, RelationRef};
use crate::source::{ContentKind, SourceFile};
use std::path::Path;

/// The collection name requests give a page.
pub(crate) const PAGES: &str = "_page";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// `site.entries[i]`.
    Entry(usize),
    /// `site.pages[i]`.
    Page(usize),
}

/// The entry or page a request names, if the site has it (names are looked up here, never made into paths).
pub(crate) fn find(site: &LinkedSite, collection: &str, id: &str) -> Option<Target> {
    if collection == PAGES {
        let wanted = Path::new("content").join(id);
        return site.pages.iter().position(|p| p.source.path.with_extension("") == wanted).map(Target::Page);
    }
    let collection = site.config.collection_index(collection)?;
    match site.lookup(id, Some(collection)) {
        Lookup::Found(index) if site.entries[index].collection == collection => Some(Target::Entry(index)),
        _ => None,
    }
}

impl Target {
    pub(crate) fn source(self, site: &LinkedSite) -> &SourceFile {
        match self {
            Target::Entry(i) => &site.entries[i].source,
            Target::Page(i) => &site.pages[i].source,
        }
    }

    pub(crate) fn fields(self, site: &LinkedSite) -> &EntryFields {
        match self {
            Target::Entry(i) => &site.entries[i].fields,
            Target::Page(i) => &site.pages[i].fields,
        }
    }

    pub(crate) fn body(self, site: &LinkedSite) -> &str {
        match self {
            Target::Entry(i) => site.entries[i].body(),
            Target::Page(i) => site.pages[i].body(),
        }
    }

    /// The ids it lists under its relation keys (a page lists none).
    pub(crate) fn relations(self, site: &LinkedSite) -> &[RelationRef] {
        match self {
            Target::Entry(i) => &site.entries[i].relations,
            Target::Page(_) => &[],
        }
    }

    /// Its fields: its collection's table, or the fields every page may have.
    pub(crate) fn table(self, site: &LinkedSite) -> &[FieldSpec] {
        match self {
            Target::Entry(i) => &site.config.collections[site.entries[i].collection].fields,
            Target::Page(_) => common_fields(),
        }
    }

    /// The relation keys it may write.
    pub(crate) fn relation_keys(self, site: &LinkedSite) -> Vec<&str> {
        match self {
            Target::Entry(i) => site.config.relation_keys(site.entries[i].collection).map(|(k, _, _)| k).collect(),
            Target::Page(_) => Vec::new(),
        }
    }

    /// How requests name it: (collection, id).
    pub(crate) fn name(self, site: &LinkedSite) -> (String, String) {
        match self {
            Target::Entry(i) => {
                let entry = &site.entries[i];
                (site.config.collections[entry.collection].name.to_string(), entry.id.to_string())
            }
            Target::Page(i) => {
                let path = site.pages[i].source.path.with_extension("");
                let inside = path.strip_prefix("content").unwrap_or(&path).to_string_lossy().replace('\\', "/");
                (PAGES.to_string(), inside)
            }
        }
    }

    /// Its page's site path: `stretches/figure-four/`, `about/`, or nothing for the home page.
    pub(crate) fn site_path(self, site: &LinkedSite) -> String {
        let config = &site.config;
        match self {
            Target::Entry(i) => site.entries[i].path(config),
            Target::Page(i) => match &site.pages[i].kind {
                ContentKind::Home | ContentKind::Entry { .. } => String::new(),
                ContentKind::CollectionIndex { collection } => config.collection_path(*collection),
                ContentKind::Page { url_path } => url_path.clone(),
            },
        }
    }
}
