//! Properties that must hold for any site, checked on random ones (proptest): the links sinew computes are
//! exactly the declared relations and their mirror images, whichever side declared them; and building the
//! same sources twice gives the same bytes.

use crate::fixture::{SITE_YAML, Site, snapshot};
use proptest::prelude::*;
use sinew::config::Direction;
use sinew::diag::Diagnostics;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The fixture's relations: (relation index in site.yaml order, source collection, target collection).
/// site.yaml declares stretches -> muscles, stretches -> causes, causes -> muscles.
const RELATIONS: [(usize, &str, &str); 3] =
    [(0, "stretches", "muscles"), (1, "stretches", "causes"), (2, "causes", "muscles")];

/// A random site: how many entries each collection has, which are drafts, and the declared links, each
/// (relation, source index, target index, declared on the target's side instead of the source's).
#[derive(Debug, Clone)]
struct RandomSite {
    sizes: [usize; 3], // stretches, causes, muscles
    drafts: Vec<bool>, // by global entry number
    links: Vec<(usize, usize, usize, bool)>,
}

fn collection_index(name: &str) -> usize {
    ["stretches", "causes", "muscles"].iter().position(|c| *c == name).unwrap()
}

fn random_site() -> impl Strategy<Value = RandomSite> {
    (0usize..5, 0usize..4, 1usize..5).prop_flat_map(|(s, c, m)| {
        let sizes = [s, c, m];
        let total = s + c + m;
        let link = (0usize..3, any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>());
        (Just(sizes), prop::collection::vec(prop::bool::weighted(0.15), total), prop::collection::vec(link, 0..14))
            .prop_map(|(sizes, drafts, raw)| {
                let links = raw
                    .into_iter()
                    .filter_map(|(r, a, b, inverse)| {
                        let (_, source, target) = RELATIONS[r];
                        let (ns, nt) = (sizes[collection_index(source)], sizes[collection_index(target)]);
                        (ns > 0 && nt > 0).then(|| (r, a.index(ns), b.index(nt), inverse))
                    })
                    .collect();
                RandomSite { sizes, drafts, links }
            })
    })
}

impl RandomSite {
    fn id(collection: &str, n: usize) -> String {
        format!("{}-{n}", &collection[..collection.len() - 1])
    }

    fn is_draft(&self, collection: &str, n: usize) -> bool {
        let offset: usize = self.sizes[..collection_index(collection)].iter().sum();
        self.drafts[offset + n]
    }

    /// Writes the site: each entry's front matter lists the ids it declares, under the forward key (the
    /// target collection's relation key) or, declared from the other side, the source collection's name.
    fn write(&self) -> Site {
        let site = Site::empty();
        site.write("site.yaml", SITE_YAML);
        site.write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
        for (c, collection) in ["stretches", "causes", "muscles"].iter().enumerate() {
            for n in 0..self.sizes[c] {
                let mut lists: Vec<(String, Vec<String>)> = Vec::new();
                for &(r, s, t, inverse) in &self.links {
                    let (_, source, target) = RELATIONS[r];
                    let (key, other) = match (inverse, *collection) {
                        (false, c) if c == source && s == n => (target.to_string(), Self::id(target, t)),
                        (true, c) if c == target && t == n => (source.to_string(), Self::id(source, s)),
                        _ => continue,
                    };
                    match lists.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, ids)) => ids.push(other),
                        None => lists.push((key, vec![other])),
                    }
                }
                let mut front = format!("title: {} {n}\nreviewed: 2026-01-0{}\n", collection, 1 + n % 9);
                if self.is_draft(collection, n) {
                    front.push_str("draft: true\n");
                }
                for (key, ids) in &lists {
                    let _ = writeln!(front, "{key}: [{}]", ids.join(", "));
                }
                site.write(
                    &format!("content/{collection}/{}.md", Self::id(collection, n)),
                    format!("---\n{front}---\nText.\n"),
                );
            }
        }
        site
    }

    /// The links a build without drafts must have: every declared one between published entries, once,
    /// as (relation, source id, target id).
    fn expected(&self) -> BTreeSet<(usize, String, String)> {
        self.links
            .iter()
            .filter(|&&(r, s, t, _)| {
                let (_, source, target) = RELATIONS[r];
                !self.is_draft(source, s) && !self.is_draft(target, t)
            })
            .map(|&(r, s, t, _)| {
                let (_, source, target) = RELATIONS[r];
                (r, Self::id(source, s), Self::id(target, t))
            })
            .collect()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn inverse_links_are_exactly_the_mirror_of_the_declared_ones(random in random_site()) {
        let site = random.write();
        let mut diagnostics = Diagnostics::default();
        let (linked, _) = sinew::build::load_site(site.root(), false, &mut diagnostics)
            .unwrap_or_else(|| panic!("the site did not load: {diagnostics:?}"));
        prop_assert!(!diagnostics.has_errors(), "{diagnostics:?}");
        let mut forward = BTreeSet::new();
        let mut inverse = BTreeSet::new();
        for (index, links) in linked.links.iter().enumerate() {
            let me = linked.entries[index].id.to_string();
            for link in links {
                let other = linked.entries[link.other].id.to_string();
                match link.direction {
                    Direction::Forward => forward.insert((link.relation, me.clone(), other)),
                    Direction::Inverse => inverse.insert((link.relation, other, me.clone())),
                };
            }
        }
        let expected = random.expected();
        prop_assert_eq!(&forward, &expected, "links from the source side");
        prop_assert_eq!(&inverse, &expected, "their mirror images on the target side");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn two_builds_of_a_random_site_are_byte_identical(random in random_site()) {
        let site = random.write();
        site.sinew(&["build", "--out", "a"]).assert_ok();
        site.sinew(&["build", "--out", "b"]).assert_ok();
        let (a, b) = (snapshot(&site.path("a")), snapshot(&site.path("b")));
        prop_assert!(a.len() > 5);
        prop_assert!(a == b, "two builds of the same sources differ");
    }
}
