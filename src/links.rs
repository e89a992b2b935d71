//! Internal links (`[[id]]`, `[[collection/id]]`, `@/collection/id.md`, `@/about.md`) resolved against the
//! linked site, for every Markdown text sinew renders: pages (site paths under the base path) and handouts
//! (full addresses, since a sheet is read away from the site).

use crate::graph::{LinkedSite, Lookup};
use crate::markdown::{InternalLink, Resolved, Resolver, Unresolved};
use crate::model::Held;
use crate::source::ContentKind;
use std::collections::HashMap;

pub(crate) struct SiteLinks<'a> {
    site: &'a LinkedSite,
    /// Full addresses (`https://example.org/clinic/x/`) rather than site paths (`/clinic/x/`).
    absolute: bool,
    /// Content paths of pages (`about.md`, `stretches/_index.md`) -> (site path without the base, title).
    pages: HashMap<String, (String, String)>,
}

impl<'a> SiteLinks<'a> {
    pub(crate) fn new(site: &'a LinkedSite, absolute: bool) -> Self {
        let config = &site.config;
        let pages = site
            .pages
            .iter()
            .filter_map(|page| {
                if matches!(page.kind, ContentKind::Entry { .. }) {
                    return None;
                }
                let content_path = page.source.path.strip_prefix("content").unwrap_or(&page.source.path);
                let mut content_path = content_path.to_string_lossy().replace('\\', "/");
                // A translation is linked to by its original's path (`@/about.md` leads to `es/sobre-mi/`).
                if let Some(code) = &page.language {
                    content_path = content_path.replacen(&format!(".{code}."), ".", 1);
                }
                let path = crate::languages::page_path(config, page);
                Some((content_path, (path, page.fields.title().to_string())))
            })
            .collect();
        SiteLinks { site, absolute, pages }
    }

    /// The title of the entry with this id, for the text of a bare `[[id]]`.
    pub(crate) fn title(&self, id: &str) -> Option<String> {
        match self.site.lookup(id, None) {
            Lookup::Found(index) => Some(self.site.entries[index].fields.title().to_string()),
            _ => None,
        }
    }

    fn address(&self, path: &str) -> String {
        if self.absolute { self.site.config.permalink(path) } else { self.site.config.url(path) }
    }
}

impl Resolver for SiteLinks<'_> {
    fn site_url(&self, path: &str) -> String {
        self.address(path)
    }

    fn resolve(&self, link: InternalLink<'_>) -> Result<Resolved, Unresolved> {
        let config = &self.site.config;
        let (collection, id) = match link {
            InternalLink::Id { collection, id } => (collection, id),
            InternalLink::Path { path } => {
                if let Some((page, title)) = self.pages.get(path) {
                    return Ok(Resolved { url: self.address(page), title: title.clone() });
                }
                match path.strip_suffix(".md").and_then(|p| p.split_once('/')) {
                    Some((collection, id)) if config.collection_index(collection).is_some() => (Some(collection), id),
                    _ => {
                        let pages = self.pages.keys().map(String::as_str);
                        return Err(Unresolved {
                            message: format!("no page content/{path}"),
                            help: crate::diag::did_you_mean(path, pages).or_else(|| {
                                Some(
                                    "write `@/` then the path under content/, e.g. `@/stretches/figure-four.md`".into(),
                                )
                            }),
                            is_warning: false,
                        });
                    }
                }
            }
        };
        let collection_index = match collection {
            Some(name) => {
                let Some(c) = config.collection_index(name) else {
                    let names = config.collections.iter().map(|c| c.name.as_str());
                    return Err(Unresolved {
                        message: format!("no collection `{name}`"),
                        help: crate::diag::did_you_mean(name, names),
                        is_warning: false,
                    });
                };
                Some(c)
            }
            None => None,
        };
        match self.site.lookup(id, collection_index) {
            Lookup::Found(index) => {
                let entry = &self.site.entries[index];
                let path = entry.path(config);
                Ok(Resolved { url: self.address(&path), title: entry.fields.title().to_string() })
            }
            // The build fails at that entry's own file; here the link stands for the page it will have.
            Lookup::Unreadable { collection } => {
                Ok(Resolved { url: self.address(&config.default_entry_path(collection, id)), title: id.to_string() })
            }
            Lookup::Held(Held::Draft) => Err(Unresolved {
                message: format!("`{id}` is a draft, so this link is shown as plain text"),
                help: Some("publish the entry (remove `draft: true`) or build with --drafts".into()),
                is_warning: true,
            }),
            // Scheduled: the page appears on its day, and this link with it at the next build from then.
            Lookup::Held(Held::Until(day)) => Err(Unresolved {
                message: format!("`{id}` is published on {day}, so until then this link is shown as plain text"),
                help: Some("build again on that day (or later) and the link appears; --future includes it now".into()),
                is_warning: true,
            }),
            Lookup::Missing { suggestion, wrong_collection } => {
                let what = collection_index.map_or("entry", |c| config.collections[c].singular.as_str());
                Err(Unresolved {
                    message: format!("broken link: no {what} with id `{id}`"),
                    help: wrong_collection.map(|w| format!("`{id}` is a {w}")).or(suggestion),
                    is_warning: false,
                })
            }
        }
    }
}
