//! Internal links in a handout's Markdown (`[[figure-four]]`, `@/about.md`), resolved to full addresses on the
//! published site: a sheet is read on paper or saved as a file, away from the site, so relative links would
//! lead nowhere.

use crate::graph::{LinkedSite, Lookup};
use crate::markdown::{InternalLink, Resolved, Resolver, Unresolved};
use crate::source::ContentKind;

pub(super) struct SiteLinks<'a> {
    site: &'a LinkedSite,
}

impl<'a> SiteLinks<'a> {
    pub(super) fn new(site: &'a LinkedSite) -> Self {
        SiteLinks { site }
    }

    /// The title of the entry with this id, for the text of a bare `[[id]]`.
    pub(super) fn title(&self, id: &str) -> Option<String> {
        match self.site.lookup(id, None) {
            Lookup::Found(index) => Some(self.site.entries[index].fields.title.clone()),
            _ => None,
        }
    }

    fn page(&self, path: &str) -> Option<Resolved> {
        let config = &self.site.config;
        let page = self.site.pages.iter().find(|p| {
            let content_path = p.source.path.strip_prefix("content").unwrap_or(&p.source.path);
            content_path.to_string_lossy().replace('\\', "/") == path
        })?;
        let url_path = match &page.kind {
            ContentKind::Home => String::new(),
            ContentKind::CollectionIndex { collection } => format!("{}/", config.collections[*collection].name),
            ContentKind::Page { url_path } => url_path.clone(),
            ContentKind::Entry { .. } => return None,
        };
        Some(Resolved { url: config.permalink(&url_path), title: page.fields.title.clone() })
    }
}

impl Resolver for SiteLinks<'_> {
    fn resolve(&self, link: InternalLink<'_>) -> Result<Resolved, Unresolved> {
        let site = self.site;
        let config = &site.config;
        let (collection, id) = match link {
            InternalLink::Id { collection, id } => (collection, id),
            InternalLink::Path { path } => {
                if let Some(resolved) = self.page(path) {
                    return Ok(resolved);
                }
                match path.strip_suffix(".md").and_then(|p| p.split_once('/')) {
                    Some((collection, id)) => (Some(collection), id),
                    None => {
                        return Err(Unresolved {
                            message: format!("no page content/{path}"),
                            help: Some(
                                "write `@/` then the path under content/, e.g. `@/stretches/figure-four.md`".into(),
                            ),
                            is_warning: false,
                        });
                    }
                }
            }
        };
        let collection_index = match collection {
            Some(name) => match config.collection_index(name) {
                Some(c) => Some(c),
                None => {
                    return Err(Unresolved {
                        message: format!("no collection `{name}`"),
                        help: crate::diag::did_you_mean(name, config.collections.iter().map(|c| c.name.as_str())),
                        is_warning: false,
                    });
                }
            },
            None => None,
        };
        match site.lookup(id, collection_index) {
            Lookup::Found(index) => {
                let entry = &site.entries[index];
                Ok(Resolved {
                    url: config.permalink(&format!("{}/{}/", config.collections[entry.collection].name, entry.id)),
                    title: entry.fields.title.clone(),
                })
            }
            Lookup::Draft => Err(Unresolved {
                message: format!("`{id}` is a draft, so this link is shown as plain text"),
                help: Some("publish the entry (remove `draft: true`) or build with --drafts".into()),
                is_warning: true,
            }),
            Lookup::Missing { suggestion, wrong_collection } => Err(Unresolved {
                message: format!("broken link: no entry with id `{id}`"),
                help: wrong_collection.map(|w| format!("`{id}` is a {w}")).or(suggestion),
                is_warning: false,
            }),
        }
    }
}
