//! LINK: resolves the ids entries name into one graph of relations, readable from both ends, and finds unknown
//! and duplicate ids. The result, `LinkedSite`, is immutable: rendering only reads it.

use crate::config::{Direction, SiteConfig};
use crate::diag::{Diagnostic, Diagnostics, Kind, did_you_mean};
use crate::model::{Date, Entry, Held, Page, Release};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

mod memo;
pub use memo::{LinkMemo, link_with_memo};

/// One end of a relation, seen from an entry: `other` is the entry at the other end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    pub relation: usize,
    /// `Forward` when this entry is the relation's source (a stretch, for stretch -> muscle).
    pub direction: Direction,
    pub other: usize,
}

#[derive(Debug)]
pub struct LinkedSite {
    pub config: SiteConfig,
    /// Published entries (see `model::Release`), grouped by collection and sorted by title.
    /// Shared, so the preview server's next build reuses unchanged entries without copying them.
    pub entries: Vec<Arc<Entry>>,
    pub pages: Vec<Arc<Page>>,
    /// For each collection, the range of `entries` that belongs to it.
    pub collection_ranges: Vec<std::ops::Range<usize>>,
    /// For each entry, its links in both directions, sorted.
    pub links: Arc<Vec<Vec<Link>>>,
    by_id: Arc<HashMap<String, usize>>,
    /// Entries left out of this build (drafts, scheduled ones), by id: a link to one is not broken.
    held: Arc<HashMap<String, (Held, Arc<Entry>)>>,
    /// Entries whose file exists but could not be read or parsed, by id, with their collection.
    unreadable: Arc<HashMap<String, usize>>,
    /// The site in each of its other languages (empty on a site in one language, and in those views).
    pub translations: Vec<Arc<LinkedSite>>,
    /// Where each page is in every language, for hreflang links and the language switcher.
    pub alternates: Arc<Alternates>,
    /// The interface strings of `config.language`.
    pub strings: Arc<crate::strings::Strings>,
}

/// A page in one language: the language's index in `config.languages`, and the page's site path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    pub language: usize,
    pub path: String,
}

/// Where each page is in every language it exists in, the default language first (filled in by `languages`).
#[derive(Debug, Default)]
pub struct Alternates {
    /// By entry position (the same in every language's view).
    pub entries: Vec<Vec<Alternate>>,
    /// By the file of the page in any of its languages (`content/about.md`, `content/about.es.md`).
    pub pages: HashMap<PathBuf, Vec<Alternate>>,
    /// Each language's name in itself ("Español"), from its strings' `language_name`.
    pub names: Vec<String>,
}

impl Alternates {
    pub fn of_entry(&self, index: usize) -> &[Alternate] {
        self.entries.get(index).map_or(&[], Vec::as_slice)
    }
}

/// What linking is made from: the parsed entries and pages, and the entry files that could not be read or
/// parsed (by id, with their collection). Those are reported at their own files; a link to one is not an
/// error again at every place that names it (nor does it get a did-you-mean pointing elsewhere).
pub struct Unlinked {
    pub entries: Vec<Arc<Entry>>,
    pub pages: Vec<Arc<Page>>,
    pub unreadable: HashMap<String, usize>,
}

pub enum Lookup<'a> {
    Found(usize),
    /// The id exists but its entry is left out of this build: a draft, or scheduled for a later day.
    Held(Held),
    /// The id is an entry's whose file could not be read or parsed: already reported at that file.
    Unreadable {
        collection: usize,
    },
    Missing {
        suggestion: Option<String>,
        wrong_collection: Option<&'a str>,
    },
}

impl LinkedSite {
    /// This site seen in another language: the same graph (positions, relations, ids), with `entries` and
    /// `pages` in that language where they are translated (the originals where not) and `config` the
    /// language's (`SiteConfig::for_language`).
    #[must_use]
    pub fn in_language(
        &self,
        config: SiteConfig,
        strings: Arc<crate::strings::Strings>,
        entries: Vec<Arc<Entry>>,
        pages: Vec<Arc<Page>>,
    ) -> LinkedSite {
        LinkedSite {
            config,
            entries,
            pages,
            collection_ranges: self.collection_ranges.clone(),
            links: self.links.clone(),
            by_id: self.by_id.clone(),
            held: self.held.clone(),
            unreadable: self.unreadable.clone(),
            translations: Vec::new(),
            alternates: self.alternates.clone(),
            strings,
        }
    }

    /// The site in language `code`: itself for its own language, else one of its translations.
    pub fn language(&self, code: &str) -> Option<&LinkedSite> {
        if self.config.language == code {
            return Some(self);
        }
        self.translations.iter().find(|t| t.config.language == code).map(|t| &**t)
    }

    /// The output paths of the entries whose files could not be read or parsed (`stretches/x/index.html`):
    /// reported at their own files, and there once those are fixed.
    pub fn unreadable_paths(&self) -> impl Iterator<Item = String> + '_ {
        self.unreadable
            .iter()
            .map(|(id, &collection)| crate::config::file_of(&self.config.default_entry_path(collection, id)))
    }

    pub fn collection_entries(&self, collection: usize) -> &[Arc<Entry>] {
        &self.entries[self.collection_ranges[collection].clone()]
    }

    /// The entries this build leaves out because they are scheduled for a later day: soonest first.
    pub fn scheduled(&self) -> Vec<(Date, &Entry)> {
        let mut scheduled: Vec<(Date, &Entry)> = self
            .held
            .values()
            .filter_map(|(held, entry)| match held {
                Held::Until(day) => Some((*day, &**entry)),
                Held::Draft => None,
            })
            .collect();
        scheduled.sort_by(|a, b| (a.0, &a.1.source.path).cmp(&(b.0, &b.1.source.path)));
        scheduled
    }

    /// Finds an entry by id, optionally only within one collection.
    pub fn lookup(&self, id: &str, collection: Option<usize>) -> Lookup<'_> {
        match self.by_id.get(id) {
            Some(&index) if collection.is_none_or(|c| self.entries[index].collection == c) => Lookup::Found(index),
            Some(&index) => Lookup::Missing {
                suggestion: None,
                wrong_collection: Some(&self.config.collections[self.entries[index].collection].singular),
            },
            None if let Some((held, _)) = self.held.get(id) => Lookup::Held(*held),
            None if let Some(&found) = self.unreadable.get(id) => match collection {
                Some(c) if c != found => Lookup::Missing {
                    suggestion: None,
                    wrong_collection: Some(&self.config.collections[found].singular),
                },
                _ => Lookup::Unreadable { collection: found },
            },
            None => {
                let candidates =
                    self.entries.iter().filter(|e| collection.is_none_or(|c| e.collection == c)).map(|e| e.id.as_str());
                Lookup::Missing { suggestion: did_you_mean(id, candidates), wrong_collection: None }
            }
        }
    }
}

/// Builds the graph of the entries `release` publishes.
pub fn link(config: SiteConfig, unlinked: Unlinked, release: Release, diagnostics: &mut Diagnostics) -> LinkedSite {
    link_in_order(config, unlinked, release, diagnostics).0
}

/// Every relation an entry declares, as (relation, source, target) edges between positions in `site.entries`;
/// ids that lead nowhere, or are listed twice, or name the entry itself, are reported at their place.
fn resolve_relations(site: &LinkedSite, diagnostics: &mut Diagnostics) -> BTreeSet<(usize, usize, usize)> {
    let mut edges: BTreeSet<(usize, usize, usize)> = BTreeSet::new();
    for (index, entry) in site.entries.iter().enumerate() {
        for relation_ref in &entry.relations {
            let relation = &site.config.relations[relation_ref.relation];
            let target_collection = match relation_ref.direction {
                Direction::Forward => relation.target,
                Direction::Inverse => relation.source,
            };
            let mut listed: HashSet<&str> = HashSet::with_capacity(relation_ref.ids.len());
            for (id, location) in &relation_ref.ids {
                if !listed.insert(id.as_str()) {
                    diagnostics.push(
                        Diagnostic::warning(Kind::Relation, format!("`{id}` is listed twice here"))
                            .at(location.clone())
                            .help("remove one of them"),
                    );
                    continue;
                }
                match site.lookup(id, Some(target_collection)) {
                    Lookup::Found(other) if other == index => {
                        diagnostics.push(
                            Diagnostic::warning(
                                Kind::Relation,
                                format!("`{id}` is this entry itself, so it is left out of the list"),
                            )
                            .at(location.clone())
                            .help("an entry is not related to itself: remove it"),
                        );
                    }
                    Lookup::Found(other) => {
                        let (source, target) = match relation_ref.direction {
                            Direction::Forward => (index, other),
                            Direction::Inverse => (other, index),
                        };
                        edges.insert((relation_ref.relation, source, target));
                    }
                    Lookup::Held(_) | Lookup::Unreadable { .. } => {}
                    Lookup::Missing { suggestion, wrong_collection } => {
                        let singular = &site.config.collections[target_collection].singular;
                        let help = match wrong_collection {
                            Some(other) => Some(format!("`{id}` is a {other}, not a {singular}")),
                            None => suggestion,
                        };
                        diagnostics.push(
                            Diagnostic::error(Kind::Relation, format!("no {singular} with id `{id}`"))
                                .at(location.clone())
                                .help_opt(help),
                        );
                    }
                }
            }
        }
    }
    edges
}

/// Where an entry sorts: by collection, then title (ignoring case), then id. Entries whose keys tie (two
/// with one id, an error) keep the order they were given in.
fn order_key(entry: &Entry) -> (usize, String, crate::model::Id) {
    (entry.collection, entry.fields.title().to_lowercase(), entry.id.clone())
}

/// The graph, and for each of its entries the entry's position in `entries`.
fn link_in_order(
    config: SiteConfig,
    unlinked: Unlinked,
    release: Release,
    diagnostics: &mut Diagnostics,
) -> (LinkedSite, Vec<usize>) {
    let Unlinked { entries, pages, unreadable } = unlinked;
    let mut held = HashMap::new();
    let mut numbered: Vec<(usize, Arc<Entry>)> = entries.into_iter().enumerate().collect();
    numbered.retain(|(_, e)| match release.held(&e.fields) {
        Some(why) => {
            held.insert(e.id.to_string(), (why, e.clone()));
            false
        }
        None => true,
    });
    numbered.sort_by_cached_key(|(_, e)| order_key(e));
    let (order, entries): (Vec<usize>, Vec<Arc<Entry>>) = numbered.into_iter().unzip();
    let mut collection_ranges = Vec::with_capacity(config.collections.len());
    let mut start = 0;
    for c in 0..config.collections.len() {
        let end = start + entries[start..].iter().take_while(|e| e.collection == c).count();
        collection_ranges.push(start..end);
        start = end;
    }

    let mut by_id: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        if let Some(&first) = by_id.get(entry.id.as_str()) {
            let first = &entries[first];
            diagnostics.push(
                Diagnostic::error(
                    Kind::Relation,
                    format!(
                        "two entries have the id `{}`: {} and {}",
                        entry.id,
                        first.source.path.display(),
                        entry.source.path.display()
                    ),
                )
                .in_file(&entry.source.path)
                .help("ids are shared by all collections so `[[id]]` links are unambiguous; rename one file"),
            );
        } else {
            by_id.insert(entry.id.to_string(), index);
        }
    }

    let mut site = LinkedSite {
        config,
        entries,
        pages,
        collection_ranges,
        links: Arc::default(),
        by_id: Arc::new(by_id),
        held: Arc::new(held),
        unreadable: Arc::new(unreadable),
        translations: Vec::new(),
        alternates: Arc::default(),
        strings: Arc::default(),
    };
    let edges = resolve_relations(&site, diagnostics);
    let mut links = vec![Vec::new(); site.entries.len()];
    for (relation, source, target) in edges {
        links[source].push(Link { relation, direction: Direction::Forward, other: target });
        links[target].push(Link { relation, direction: Direction::Inverse, other: source });
    }
    for list in &mut links {
        list.sort();
    }
    site.links = Arc::new(links);
    (site, order)
}
