//! The preview server's memory of rendered pages: each page with a fingerprint of what it was made from, so
//! a rebuild renders again only the pages a change affects. What a page is made from is computed, not
//! declared: its own text, the text of every entry it is linked to, what each internal link in its Markdown
//! resolved to, and, for every page, the templates and the site-wide context (site.yaml, the navigation,
//! collection sizes). Listing pages fingerprint the entries they list. A page that failed is never cached.

use super::{Job, JobOutput, context::SiteContext};
use crate::diag::Diagnostic;
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

type JobResult = Result<JobOutput, Vec<Diagnostic>>;
/// A job done: its key and fingerprint (none for jobs never cached), whether it was rendered, its output.
type Done = (Option<(JobKey, u64)>, bool, JobResult);

#[derive(Default)]
pub(crate) struct RenderCache {
    pages: HashMap<JobKey, CachedPage>,
    /// Pages rendered (not reused) by the last build, and its pages in all.
    rendered: usize,
    pages_in_all: usize,
}

/// A job's identity across builds (entry indexes shift when an entry is added, ids do not).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum JobKey {
    Home,
    NotFound,
    Search,
    List(String),
    Entry(usize, String),
    Page(String),
}

struct CachedPage {
    inputs: u64,
    output: JobOutput,
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
}

/// Hashes of what pages are made from, computed once per build.
pub(super) struct Inputs<'a> {
    site: &'a LinkedSite,
    /// Templates and the site-wide context: every page depends on them.
    global: u64,
    /// Each entry's source text.
    entry_texts: Vec<u64>,
}

impl<'a> Inputs<'a> {
    pub(super) fn new(site: &'a LinkedSite, sources: &Sources, site_context: &SiteContext<'_>) -> Self {
        let mut hasher = Xxh3::new();
        for (name, file) in &sources.templates {
            (name, &file.text).hash(&mut hasher);
        }
        // The context is what templates see of the site; its JSON form covers every field.
        serde_json::to_string(site_context).unwrap_or_default().hash(&mut hasher);
        let entry_texts =
            site.entries.par_iter().map(|e| xxhash_rust::xxh3::xxh3_64(e.source.text.as_bytes())).collect();
        Inputs { site, global: hasher.finish(), entry_texts }
    }

    fn key(&self, job: Job) -> Option<JobKey> {
        let site = self.site;
        Some(match job {
            Job::Home => JobKey::Home,
            Job::NotFound => JobKey::NotFound,
            Job::Search => JobKey::Search,
            Job::List(c) => JobKey::List(site.config.collections[c].name.to_string()),
            Job::Entry(i) => JobKey::Entry(site.entries[i].collection, site.entries[i].id.to_string()),
            Job::Page(i) => JobKey::Page(site.pages[i].source.path.to_string_lossy().into_owned()),
            // Handout pages are few and quick, and made from many entries: always rendered.
            Job::Handout(_) => return None,
        })
    }

    /// A hash of everything the job's page is made from, apart from the links in its Markdown.
    fn fingerprint(&self, job: Job) -> u64 {
        let site = self.site;
        let mut hasher = Xxh3::new();
        self.global.hash(&mut hasher);
        let page_text = |hasher: &mut Xxh3, page: Option<&crate::model::Page>| {
            page.map(|p| &p.source.text).hash(hasher);
        };
        let entries = |hasher: &mut Xxh3, range: std::ops::Range<usize>| {
            for i in range {
                (site.entries[i].id.as_str(), self.entry_texts[i]).hash(hasher);
            }
        };
        match job {
            Job::Home => {
                page_text(&mut hasher, site.pages.iter().find(|p| p.kind == crate::source::ContentKind::Home));
                // The home page features the first entries of each collection.
                for range in &site.collection_ranges {
                    entries(&mut hasher, range.start..range.end.min(range.start + 6));
                }
            }
            Job::List(c) => {
                let intro =
                    site.pages.iter().find(|p| p.kind == crate::source::ContentKind::CollectionIndex { collection: c });
                page_text(&mut hasher, intro);
                entries(&mut hasher, site.collection_ranges[c].clone());
            }
            Job::Search => {
                for entry in &site.entries {
                    (entry.collection, entry.id.as_str(), &entry.fields.title).hash(&mut hasher);
                }
                for page in &site.pages {
                    (&page.source.path, &page.fields.title).hash(&mut hasher);
                }
            }
            Job::Entry(i) => {
                self.entry_texts[i].hash(&mut hasher);
                for link in &site.links[i] {
                    (link.relation, link.direction as u8, site.entries[link.other].id.as_str()).hash(&mut hasher);
                    self.entry_texts[link.other].hash(&mut hasher);
                }
            }
            Job::Page(i) => page_text(&mut hasher, Some(&site.pages[i])),
            Job::NotFound | Job::Handout(_) => {}
        }
        hasher.finish()
    }
}

impl RenderCache {
    /// Runs the jobs whose inputs changed, reuses the rest, and keeps this build's pages for the next.
    pub(super) fn render(
        &mut self,
        jobs: &[Job],
        inputs: &Inputs<'_>,
        links: &(dyn Resolver + Sync),
        run: impl Fn(&Job) -> JobResult + Sync,
    ) -> Vec<JobResult> {
        let previous = std::mem::take(&mut self.pages);
        let results: Vec<Done> = jobs
            .par_iter()
            .map(|&job| {
                let Some(key) = inputs.key(job) else { return (None, true, run(&job)) };
                let fingerprint = inputs.fingerprint(job);
                let reusable = previous.get(&key).filter(|cached| {
                    cached.inputs == fingerprint
                        && cached
                            .output
                            .links
                            .iter()
                            .all(|dep| resolution_hash(&links.resolve(dep.link.borrow())) == dep.resolved)
                });
                match reusable {
                    Some(cached) => (Some((key, fingerprint)), false, Ok(cached.output.clone())),
                    None => (Some((key, fingerprint)), true, run(&job).map(share)),
                }
            })
            .collect();
        self.rendered = 0;
        self.pages_in_all = jobs.len();
        results
            .into_iter()
            .map(|(key, rendered, output)| {
                self.rendered += usize::from(rendered);
                if let (Some((key, inputs)), Ok(output)) = (key, &output) {
                    self.pages.insert(key, CachedPage { inputs, output: output.clone() });
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
