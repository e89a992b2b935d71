//! The preview's memory of the last graph. A save rarely changes what the graph is made of: a body edit changes
//! nothing linking reads, and a title edit changes only where its entry sorts. Linking again from scratch costs
//! time in proportion to the site (every id looked up, every relation resolved: about 120 ms at 30,000
//! entries), so the last graph is taken as it is, or, when only the order changed, renumbered.

use super::{Link, LinkedSite, Unlinked, link_in_order, order_key};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Entry, Held, Release};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A graph kept for the next build (the preview server).
pub struct LinkMemo {
    /// Of everything linking reads (`fingerprints`): the same means the same graph.
    signature: u64,
    /// Of the entry files linking was given, without their front matter (`fingerprints`).
    files: u64,
    /// The entries the graph was linked from, in the order `link` was given them.
    linked_from: Vec<Arc<Entry>>,
    /// For each position in the sorted `entries`, the entry's position in `link`'s input.
    order: Vec<usize>,
    collection_ranges: Vec<std::ops::Range<usize>>,
    links: Arc<Vec<Vec<Link>>>,
    by_id: Arc<HashMap<String, usize>>,
    held: Arc<HashMap<String, (Held, Arc<Entry>)>>,
    diagnostics: Vec<Diagnostic>,
}

/// What the graph is made from, as two hashes: `signature`, of the config, what this build publishes, and each
/// entry's file, place, id and front matter (relations, titles for sorting, draft flags and the locations of
/// ids are all in the front matter); `files`, the same without the front matter.
fn fingerprints(config_hash: u64, unlinked: &Unlinked, release: Release) -> (u64, u64) {
    let mut signature = xxhash_rust::xxh3::Xxh3::new();
    let mut files = xxhash_rust::xxh3::Xxh3::new();
    let mut unreadable: Vec<_> = unlinked.unreadable.iter().collect();
    unreadable.sort();
    for hasher in [&mut signature, &mut files] {
        (config_hash, release, unlinked.entries.len(), &unreadable).hash(hasher);
    }
    for entry in &unlinked.entries {
        // A path as its bytes: hashing a `Path` splits it into components, which at 30,000 entries is
        // milliseconds of a save.
        let file = (entry.source.path.as_os_str(), entry.collection, entry.id.as_str());
        file.hash(&mut files);
        (file, entry.front_hash).hash(&mut signature);
    }
    (signature.finish(), files.finish())
}

/// Like `link`, reusing `memo`'s graph when nothing it was made from changed (renumbered when only what sorts
/// the entries did: a title), and leaving in `memo` this build's graph. `config_hash` stands for everything of
/// the config that linking reads.
pub fn link_with_memo(
    config: crate::config::SiteConfig,
    config_hash: u64,
    unlinked: Unlinked,
    release: Release,
    diagnostics: &mut Diagnostics,
    memo: &mut Option<LinkMemo>,
) -> LinkedSite {
    let (signature, files) = fingerprints(config_hash, &unlinked, release);
    let kept = memo
        .as_mut()
        .filter(|m| m.signature == signature || (m.files == files && m.same_relations(&unlinked.entries, release)));
    if let Some(kept) = kept {
        if kept.signature != signature {
            kept.reorder(&unlinked.entries);
            kept.signature = signature;
            kept.linked_from.clone_from(&unlinked.entries);
        }
        diagnostics.extend(kept.diagnostics.iter().cloned());
        return LinkedSite {
            config,
            entries: kept.order.iter().map(|&i| unlinked.entries[i].clone()).collect(),
            pages: unlinked.pages,
            collection_ranges: kept.collection_ranges.clone(),
            links: kept.links.clone(),
            by_id: kept.by_id.clone(),
            held: kept.held.clone(),
            unreadable: Arc::new(unlinked.unreadable),
            translations: Vec::new(),
            alternates: Arc::default(),
            strings: Arc::default(),
        };
    }
    let linked_from = unlinked.entries.clone();
    let mut found = Diagnostics::default();
    let (site, order) = link_in_order(config, unlinked, release, &mut found);
    let found = found.into_sorted();
    *memo = Some(LinkMemo {
        signature,
        files,
        linked_from,
        order,
        collection_ranges: site.collection_ranges.clone(),
        links: site.links.clone(),
        by_id: site.by_id.clone(),
        held: site.held.clone(),
        diagnostics: found.clone(),
    });
    diagnostics.extend(found);
    site
}

impl LinkMemo {
    /// Whether `entries` (the same files as `linked_from`, in the same order) make the same relations and
    /// problems: each entry whose front matter changed lists the same ids at the same places, and is published
    /// before and after (an entry held back is kept whole for the build's list of scheduled entries).
    fn same_relations(&self, entries: &[Arc<Entry>], release: Release) -> bool {
        entries.iter().zip(&self.linked_from).all(|(new, old)| {
            new.front_hash == old.front_hash
                || (new.relations == old.relations
                    && release.held(&new.fields).is_none()
                    && release.held(&old.fields).is_none())
        })
    }

    /// Sorts the same published entries again (some titles changed) and renumbers the graph to match: the
    /// order `link` would give them (ties in the order of `entries`, as its stable sort keeps them), each link
    /// and id pointing to its entry's new position.
    fn reorder(&mut self, entries: &[Arc<Entry>]) {
        let mut order = self.order.clone();
        order.sort_by_cached_key(|&i| (order_key(&entries[i]), i));
        if order == self.order {
            return;
        }
        let mut position = vec![0; entries.len()];
        for (at, &i) in order.iter().enumerate() {
            position[i] = at;
        }
        // old position -> new position
        let moved: Vec<usize> = self.order.iter().map(|&i| position[i]).collect();
        let mut links = vec![Vec::new(); moved.len()];
        for (old, list) in self.links.iter().enumerate() {
            let mut list: Vec<Link> = list.iter().map(|link| Link { other: moved[link.other], ..*link }).collect();
            list.sort();
            links[moved[old]] = list;
        }
        self.links = Arc::new(links);
        self.by_id = Arc::new(self.by_id.iter().map(|(id, &at)| (id.clone(), moved[at])).collect());
        self.order = order;
    }
}

#[cfg(test)]
mod tests;
