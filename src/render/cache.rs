//! The preview server's memory of rendered pages: each page with a fingerprint of what it was made from, so
//! a rebuild renders again only the pages a change affects. What a page is made from is computed, not
//! declared: its own text, the front matter of every entry it is linked to, what each internal link in its Markdown
//! resolved to, and, for every page, the templates, the assets' names and sizes, and the site-wide context
//! (site.yaml, the navigation, collection sizes). Listing pages fingerprint the entries they list. A page that failed is never cached.

use super::{Failed, Job, JobOutput, context::SiteContext};
use crate::graph::LinkedSite;
use crate::markdown::{InternalLink, Resolved, Resolver, Unresolved};
use crate::output::Contents;
use crate::source::Sources;
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3;

type JobResult = Result<Arc<JobOutput>, Failed>;
/// A job done: its key and fingerprint (none for jobs never cached), whether it was rendered, its output.
type Done = (Option<(JobKey, u64)>, bool, JobResult);

#[derive(Default)]
pub(crate) struct RenderCache {
    pages: HashMap<JobKey, CachedPage>,
    /// What the links of `pages` were resolved against: while `world` holds, a link is resolved again only if
    /// its entry's place or front matter changed.
    targets: LinkTargets,
    /// The compiled templates, with a hash of their sources: compiled again only when one changes.
    templates: Option<(u64, super::Templates)>,
    /// Pages rendered (not reused) by the last build, and its pages in all.
    rendered: usize,
    pages_in_all: usize,
    /// The entries' cards made by the last whole build.
    cards: super::cards::KeptCards,
    /// The A–Z page's letters made by the last whole build.
    az: super::az::KeptGroups,
}

/// A job's identity across builds, as a hash of what names it (entry indexes shift when an entry is added;
/// collection and id do not). A hash, so ten thousand lookups per build allocate nothing.
type JobKey = u64;

struct CachedPage {
    inputs: u64,
    output: Arc<JobOutput>,
}

/// An internal link a page's Markdown asked for, and a hash of what it resolved to then.
#[derive(Debug, Clone)]
pub(super) struct LinkDep {
    link: OwnedLink,
    resolved: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum OwnedLink {
    Id { collection: Option<String>, id: String },
    Path { path: String },
}

impl OwnedLink {
    fn new(link: InternalLink<'_>) -> Self {
        match link {
            InternalLink::Id { collection, id } => {
                OwnedLink::Id { collection: collection.map(str::to_string), id: id.to_string() }
            }
            InternalLink::Path { path } => OwnedLink::Path { path: path.to_string() },
        }
    }

    fn borrow(&self) -> InternalLink<'_> {
        match self {
            OwnedLink::Id { collection, id } => InternalLink::Id { collection: collection.as_deref(), id },
            OwnedLink::Path { path } => InternalLink::Path { path },
        }
    }
}

fn resolution_hash(result: &Result<Resolved, Unresolved>) -> u64 {
    let mut hasher = Xxh3::new();
    match result {
        Ok(resolved) => (0u8, &resolved.url, &resolved.title).hash(&mut hasher),
        Err(problem) => (1u8, &problem.message, &problem.help, problem.is_warning).hash(&mut hasher),
    }
    hasher.finish()
}

/// A resolver that remembers what it was asked, for one job on one thread.
pub(super) struct Recording<'r> {
    inner: &'r dyn Resolver,
    links: RefCell<Vec<LinkDep>>,
}

impl<'r> Recording<'r> {
    pub(super) fn new(inner: &'r dyn Resolver) -> Self {
        Recording { inner, links: RefCell::new(Vec::new()) }
    }

    pub(super) fn into_links(self) -> Vec<LinkDep> {
        self.links.into_inner()
    }
}

impl Resolver for Recording<'_> {
    fn resolve(&self, link: InternalLink<'_>) -> Result<Resolved, Unresolved> {
        let result = self.inner.resolve(link);
        self.links.borrow_mut().push(LinkDep { link: OwnedLink::new(link), resolved: resolution_hash(&result) });
        result
    }

    fn site_url(&self, path: &str) -> String {
        self.inner.site_url(path)
    }
}

/// Hashes of what pages are made from, computed once per build.
pub(super) struct Inputs<'a> {
    site: &'a LinkedSite,
    /// How many entries name each body map region (`body_map::region_counts`).
    region_counts: Option<&'a [usize]>,
    /// Templates and the site-wide context: every page depends on them.
    global: u64,
    /// Every entry's place and front matter, and every page's path and title: what the pages listing them all
    /// (search, A–Z, the body map) are made from. Hashed once per build, not once per such page.
    every_entry: u64,
    /// What internal links resolve against.
    targets: LinkTargets,
    /// The handouts that list each entry (their titles and addresses), by a hash of the entry's id: its page
    /// links to them.
    in_handouts: rustc_hash::FxHashMap<u64, u64>,
    /// Each entry's id and front matter, hashed once per build: what the pages that list or link to it take
    /// from it. An entry's fingerprint reads those of the entries it is linked to, and reading their ids
    /// there, scattered through memory, was two fifths of a 30,000-entry body edit's page work.
    shown: Vec<u64>,
}

/// What an internal link resolves against: the config, the plain pages and the entries that could not be
/// read (`world`), and each entry's collection and front matter (its address and title), by a hash of its id.
#[derive(Default)]
struct LinkTargets {
    world: u64,
    entries: rustc_hash::FxHashMap<u64, u64>,
}

impl LinkTargets {
    /// `pages`: a hash of the plain pages' paths and titles.
    fn new(site: &LinkedSite, pages: u64) -> Self {
        let mut unreadable: Vec<String> = site.unreadable_paths().collect();
        unreadable.sort();
        let world = one_hash(&(format!("{:?}", site.config), unreadable, pages));
        let entries =
            site.entries.iter().map(|e| (id_hash(e.id.as_str()), one_hash(&(e.collection, e.front_hash)))).collect();
        LinkTargets { world, entries }
    }

    /// The ids (hashed) whose entry came, went or changed since `self`; `None` when everything may have.
    fn changed_since(&self, last: &LinkTargets) -> Option<rustc_hash::FxHashSet<u64>> {
        if self.world != last.world {
            return None;
        }
        let mut changed: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
        for (id, hash) in &self.entries {
            if last.entries.get(id) != Some(hash) {
                changed.insert(*id);
            }
        }
        changed.extend(last.entries.keys().filter(|id| !self.entries.contains_key(id)));
        Some(changed)
    }
}

fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

fn one_hash(value: &impl Hash) -> u64 {
    let mut hasher = Xxh3::new();
    value.hash(&mut hasher);
    hasher.finish()
}

impl<'a> Inputs<'a> {
    pub(super) fn new(
        site: &'a LinkedSite,
        templates_hash: u64,
        site_context: &SiteContext<'_>,
        region_counts: Option<&'a [usize]>,
        handouts: &[crate::handout::BuiltHandout],
    ) -> Self {
        let mut hasher = Xxh3::new();
        templates_hash.hash(&mut hasher);
        // The context is what templates see of the site; its JSON form covers every field.
        serde_json::to_string(site_context).unwrap_or_default().hash(&mut hasher);
        let global = hasher.finish();
        let mut hasher = Xxh3::new();
        for page in &site.pages {
            (&page.source.path, &page.fields.title()).hash(&mut hasher);
        }
        let pages = hasher.finish();
        let mut hasher = Xxh3::new();
        for entry in &site.entries {
            (entry.collection, entry.id.as_str(), entry.front_hash).hash(&mut hasher);
        }
        pages.hash(&mut hasher);
        let every_entry = hasher.finish();
        let mut in_handouts: rustc_hash::FxHashMap<u64, u64> = rustc_hash::FxHashMap::default();
        for handout in handouts {
            let listed = one_hash(&(&handout.sheet.title, handout.site_path()));
            for stretch in &handout.sheet.stretches {
                let hash = in_handouts.entry(id_hash(&stretch.id)).or_default();
                *hash = one_hash(&(*hash, listed));
            }
        }
        let shown = site
            .entries
            .iter()
            .map(|e| xxhash_rust::xxh3::xxh3_64_with_seed(e.id.as_str().as_bytes(), e.front_hash))
            .collect();
        Inputs { site, region_counts, global, every_entry, targets: LinkTargets::new(site, pages), in_handouts, shown }
    }

    fn key(&self, job: Job) -> Option<JobKey> {
        let site = self.site;
        let mut hasher = Xxh3::new();
        match job {
            Job::Home => 0u8.hash(&mut hasher),
            Job::NotFound => 1u8.hash(&mut hasher),
            Job::Search => 2u8.hash(&mut hasher),
            Job::AtoZ => 6u8.hash(&mut hasher),
            Job::BodyMap => 7u8.hash(&mut hasher),
            Job::Region(r) => (8u8, site.config.regions[r].id.as_str()).hash(&mut hasher),
            Job::List(c, number) => (3u8, site.config.collections[c].name.as_str(), number).hash(&mut hasher),
            Job::Entry(i) => (4u8, site.entries[i].collection, site.entries[i].id.as_str()).hash(&mut hasher),
            Job::Page(i) => (5u8, &site.pages[i].source.path).hash(&mut hasher),
            // Handout pages are few and quick, and made from many entries: always rendered.
            Job::Handout(_) | Job::HandoutIndex => return None,
        }
        Some(hasher.finish())
    }

    /// A hash of everything the job's page is made from, apart from the links in its Markdown.
    fn fingerprint(&self, job: Job) -> u64 {
        let site = self.site;
        let mut hasher = Xxh3::new();
        self.global.hash(&mut hasher);
        let page_text = |hasher: &mut Xxh3, page: Option<&Arc<crate::model::Page>>| {
            page.map(|p| &p.source.text).hash(hasher);
        };
        let entries = |hasher: &mut Xxh3, range: std::ops::Range<usize>| {
            // The front matter: what other pages show of an entry, so a body edit re-renders its page only.
            self.shown[range].hash(hasher);
        };
        match job {
            Job::Home => {
                page_text(&mut hasher, site.pages.iter().find(|p| p.kind == crate::source::ContentKind::Home));
                // The home page features the first entries of each collection, and the body map with its counts.
                for range in &site.collection_ranges {
                    entries(&mut hasher, range.start..range.end.min(range.start + 6));
                }
                self.region_counts.hash(&mut hasher);
            }
            // Every page of a listing is made from all its entries: which ones are on page 2 and how many pages
            // there are depend on every title.
            Job::List(c, _) => {
                let intro =
                    site.pages.iter().find(|p| p.kind == crate::source::ContentKind::CollectionIndex { collection: c });
                page_text(&mut hasher, intro);
                entries(&mut hasher, site.collection_ranges[c].clone());
            }
            Job::Search | Job::AtoZ => self.every_entry.hash(&mut hasher),
            Job::Entry(i) => {
                // A translation's page shows its original's facts too: its front hash covers them.
                (site.entries[i].source.hash, site.entries[i].front_hash).hash(&mut hasher);
                self.in_handouts.get(&id_hash(site.entries[i].id.as_str())).hash(&mut hasher);
                // Its versions in other languages: a translation added or moved changes its hreflang links.
                for alternate in site.alternates.of_entry(i) {
                    (alternate.language, &alternate.path).hash(&mut hasher);
                }
                for link in &site.links[i] {
                    (link.relation, link.direction as u8, self.shown[link.other]).hash(&mut hasher);
                }
            }
            Job::Page(i) => {
                page_text(&mut hasher, site.pages.get(i));
                let alternates = site.pages.get(i).and_then(|p| site.alternates.pages.get(&p.source.path));
                for alternate in alternates.into_iter().flatten() {
                    (alternate.language, &alternate.path).hash(&mut hasher);
                }
            }
            // The map counts and lists the entries naming each region, and the entries linked to them.
            Job::BodyMap | Job::Region(_) => {
                (&site.config.regions, self.every_entry).hash(&mut hasher);
            }
            Job::NotFound | Job::Handout(_) | Job::HandoutIndex => {}
        }
        hasher.finish()
    }
}

/// A hash of the site's templates and what the filters and pages take from elsewhere: the base path, and the
/// assets' version (fingerprinted names and image sizes), so a page never keeps an address that went stale.
pub(super) fn templates_hash(
    sources: &Sources,
    config: &crate::config::SiteConfig,
    strings: &crate::strings::Strings,
    assets_version: u64,
) -> u64 {
    let mut hasher = Xxh3::new();
    (&config.base_path, &config.lang_prefix, strings.values.to_string()).hash(&mut hasher);
    assets_version.hash(&mut hasher);
    for (name, file) in &sources.templates {
        (name, &file.text).hash(&mut hasher);
    }
    hasher.finish()
}

impl RenderCache {
    pub(super) fn take_templates(&mut self, hash: u64) -> Option<super::Templates> {
        self.templates.take().filter(|(kept, _)| *kept == hash).map(|(_, templates)| templates)
    }

    pub(super) fn take_cards(&mut self) -> super::cards::KeptCards {
        std::mem::take(&mut self.cards)
    }

    pub(super) fn take_az(&mut self) -> super::az::KeptGroups {
        std::mem::take(&mut self.az)
    }

    pub(super) fn keep_az(&mut self, az: super::az::KeptGroups) {
        self.az = az;
    }

    pub(super) fn keep_cards(&mut self, cards: super::cards::KeptCards) {
        self.cards = cards;
    }

    pub(super) fn keep_templates(&mut self, hash: u64, templates: super::Templates) {
        self.templates = Some((hash, templates));
    }

    /// Runs the jobs whose inputs changed, reuses the rest, and keeps this build's pages for the next.
    pub(super) fn render(
        &mut self,
        jobs: &[Job],
        mut inputs: Inputs<'_>,
        links: &(dyn Resolver + Sync),
        run: impl Fn(&Job) -> Result<JobOutput, Failed> + Sync,
    ) -> Vec<JobResult> {
        let previous = &self.pages;
        // At 10,000 pages, resolving every link again is most of a one-page rebuild; it can only differ when
        // what links resolve to has changed.
        let changed = inputs.targets.changed_since(&self.targets);
        // A link by id resolves differently only if its entry changed, and so does a link by path to an entry's
        // file (`@/stretches/figure-four.md`). Anything else a path leads to (a plain page, or nothing) is in
        // `world`, and when that changed everything may differ. At 30,000 entries, resolving every path link
        // of every page again was a tenth of a title edit's work.
        let may_differ = |link: &OwnedLink| match (&changed, link) {
            (Some(changed), OwnedLink::Id { id, .. }) => changed.contains(&id_hash(id)),
            (Some(changed), OwnedLink::Path { path }) => match path.strip_suffix(".md").and_then(|p| p.split_once('/'))
            {
                Some((_, id)) if !id.contains(['/', '.']) => changed.contains(&id_hash(id)),
                // A translation's file (`figure-four.es.md`) or one in a subfolder: resolved again, to be safe.
                Some(_) => true,
                None => false,
            },
            (None, _) => true,
        };
        let results: Vec<Done> = jobs
            .par_iter()
            .map(|&job| {
                let Some(key) = inputs.key(job) else { return (None, true, run(&job).map(Arc::new)) };
                let fingerprint = inputs.fingerprint(job);
                let reusable = previous.get(&key).filter(|cached| {
                    cached.inputs == fingerprint
                        && cached.output.links.iter().all(|dep| {
                            !may_differ(&dep.link) || resolution_hash(&links.resolve(dep.link.borrow())) == dep.resolved
                        })
                });
                match reusable {
                    Some(cached) => (Some((key, fingerprint)), false, Ok(cached.output.clone())),
                    None => (Some((key, fingerprint)), true, run(&job).map(|output| Arc::new(share(output)))),
                }
            })
            .collect();
        // Updated in place: after an edit, only the re-rendered pages change here.
        // A page is gone when the cache holds more pages than this build found there (a reused page was found
        // there; a rendered one may be new): counted without a set of every key, which one edit never needs.
        let found = results
            .iter()
            .filter(|(key, rendered, _)| key.is_some_and(|(key, _)| !rendered || self.pages.contains_key(&key)))
            .count();
        if found != self.pages.len() {
            let keys: std::collections::HashSet<JobKey> =
                results.iter().filter_map(|(key, ..)| key.map(|k| k.0)).collect();
            self.pages.retain(|key, _| keys.contains(key));
        }
        self.rendered = 0;
        self.pages_in_all = jobs.len();
        self.targets = std::mem::take(&mut inputs.targets);
        results
            .into_iter()
            .map(|(key, rendered, output)| {
                self.rendered += usize::from(rendered);
                if let (Some((key, inputs)), true, Ok(output)) = (key, rendered, &output) {
                    self.pages.insert(key, CachedPage { inputs, output: output.clone() });
                } else if let (Some((key, _)), Err(_)) = (key, &output) {
                    // A failed page is never reused: it is rendered again next time.
                    self.pages.remove(&key);
                }
                output
            })
            .collect()
    }

    /// Pages rendered (not reused) by the last build, of how many.
    pub(crate) fn rendered(&self) -> (usize, usize) {
        (self.rendered, self.pages_in_all)
    }
}

/// A freshly rendered page's bytes, moved (not copied) to where both the cache and the output can hold them.
fn share(mut output: JobOutput) -> JobOutput {
    if let Contents::Bytes(bytes) = output.html {
        output.html = Contents::Shared(Arc::from(bytes.into_owned().into_boxed_slice()));
    }
    output
}
