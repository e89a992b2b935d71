//! LINK: resolves the ids entries name into one graph of relations, readable from both ends, and finds unknown
//! and duplicate ids. The result, `LinkedSite`, is immutable: rendering only reads it.

use crate::config::{Direction, SiteConfig};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::model::{Entry, Page};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

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
    /// Published entries (drafts only with --drafts), grouped by collection and sorted by title.
    /// Shared, so the preview server's next build reuses unchanged entries without copying them.
    pub entries: Vec<Arc<Entry>>,
    pub pages: Vec<Arc<Page>>,
    /// For each collection, the range of `entries` that belongs to it.
    pub collection_ranges: Vec<std::ops::Range<usize>>,
    /// For each entry, its links in both directions, sorted.
    pub links: Vec<Vec<Link>>,
    by_id: HashMap<String, usize>,
    drafts: HashSet<String>,
}

pub enum Lookup<'a> {
    Found(usize),
    /// The id exists but is a draft left out of this build.
    Draft,
    Missing {
        suggestion: Option<String>,
        wrong_collection: Option<&'a str>,
    },
}

impl LinkedSite {
    pub fn collection_entries(&self, collection: usize) -> &[Arc<Entry>] {
        &self.entries[self.collection_ranges[collection].clone()]
    }

    /// Finds an entry by id, optionally only within one collection.
    pub fn lookup(&self, id: &str, collection: Option<usize>) -> Lookup<'_> {
        match self.by_id.get(id) {
            Some(&index) if collection.is_none_or(|c| self.entries[index].collection == c) => Lookup::Found(index),
            Some(&index) => Lookup::Missing {
                suggestion: None,
                wrong_collection: Some(&self.config.collections[self.entries[index].collection].singular),
            },
            None if self.drafts.contains(id) => Lookup::Draft,
            None => {
                let candidates =
                    self.entries.iter().filter(|e| collection.is_none_or(|c| e.collection == c)).map(|e| e.id.as_str());
                Lookup::Missing { suggestion: did_you_mean(id, candidates), wrong_collection: None }
            }
        }
    }
}

/// Builds the graph. `include_drafts` keeps entries marked `draft: true`.
pub fn link(
    config: SiteConfig,
    mut entries: Vec<Arc<Entry>>,
    pages: Vec<Arc<Page>>,
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> LinkedSite {
    let mut drafts = HashSet::new();
    if !include_drafts {
        entries.retain(|e| {
            if e.fields.draft {
                drafts.insert(e.id.to_string());
            }
            !e.fields.draft
        });
    }
    entries.sort_by_cached_key(|e| (e.collection, e.fields.title.to_lowercase(), e.id.clone()));
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
                Diagnostic::error(format!(
                    "two entries have the id `{}`: {} and {}",
                    entry.id,
                    first.source.path.display(),
                    entry.source.path.display()
                ))
                .in_file(&entry.source.path)
                .help("ids are shared by all collections so `[[id]]` links are unambiguous; rename one file"),
            );
        } else {
            by_id.insert(entry.id.to_string(), index);
        }
    }

    let mut site = LinkedSite { config, entries, pages, collection_ranges, links: Vec::new(), by_id, drafts };
    let mut edges: BTreeSet<(usize, usize, usize)> = BTreeSet::new();
    for (index, entry) in site.entries.iter().enumerate() {
        for relation_ref in &entry.relations {
            let relation = &site.config.relations[relation_ref.relation];
            let target_collection = match relation_ref.direction {
                Direction::Forward => relation.target,
                Direction::Inverse => relation.source,
            };
            for (id, location) in &relation_ref.ids {
                match site.lookup(id, Some(target_collection)) {
                    Lookup::Found(other) => {
                        let (source, target) = match relation_ref.direction {
                            Direction::Forward => (index, other),
                            Direction::Inverse => (other, index),
                        };
                        edges.insert((relation_ref.relation, source, target));
                    }
                    Lookup::Draft => {}
                    Lookup::Missing { suggestion, wrong_collection } => {
                        let singular = &site.config.collections[target_collection].singular;
                        let help = match wrong_collection {
                            Some(other) => Some(format!("`{id}` is a {other}, not a {singular}")),
                            None => suggestion,
                        };
                        diagnostics.push(
                            Diagnostic::error(format!("no {singular} with id `{id}`"))
                                .at(location.clone())
                                .help_opt(help),
                        );
                    }
                }
            }
        }
    }
    let mut links = vec![Vec::new(); site.entries.len()];
    for (relation, source, target) in edges {
        links[source].push(Link { relation, direction: Direction::Forward, other: target });
        links[target].push(Link { relation, direction: Direction::Inverse, other: source });
    }
    for list in &mut links {
        list.sort();
    }
    site.links = links;
    site
}
