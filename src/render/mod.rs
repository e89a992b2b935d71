//! RENDER: the linked site -> page jobs -> an `OutputTree` in memory. Each page is rendered once, in parallel,
//! from its Markdown and the graph; nothing here writes to disk. This file runs the jobs and holds what every
//! page shares (its context, its Markdown); each kind of page has its file (`entry`, `pages`, `handout`), and
//! `assemble` puts the pages beside the static files. What pages give search is made in `search`.

mod assemble;
mod az;
mod body_map;
mod cache;
mod cards;
mod context;
mod discovery;
mod entry;
mod handout;
mod images;
mod languages;
mod listing;
mod markdown_text;
mod pages;
pub(crate) mod redirects;
mod shortcodes;
mod structured;
mod theme;
mod video;

use crate::asset::Assets;
use crate::diag::{Diagnostic, Diagnostics};
use crate::graph::LinkedSite;
use crate::handout::BuiltHandout;
use crate::links::SiteLinks;
use crate::markdown;
use crate::model::Page;
use crate::model::entry::EntryFields;
use crate::output::link_check::{PageSource, Scan, ScanCache, WrittenLink};
use crate::output::{Contents, OutputTree, Spool};
use crate::search::{FacetInfo, SearchDoc};
use crate::source::{ContentKind, Sources};
pub(crate) use assemble::discovery_files;
pub(crate) use cache::RenderCache;
use context::{LinkContext, PageContext, ShareImage};
pub(crate) use handout::standalone_handout;
pub(crate) use languages::{LanguagePages, render_languages};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
use tera::Context;
pub(crate) use theme::Templates;

#[derive(Clone, Copy)]
enum Job {
    Home,
    /// Page `.1` (from 1) of collection `.0`'s listing.
    List(usize, usize),
    Entry(usize),
    Page(usize),
    NotFound,
    Search,
    /// The A–Z list on a page of its own, for a site too big to carry it on the search page.
    AtoZ,
    Handout(usize),
    /// `/handouts/`: the language's handouts, each with its PDF.
    HandoutIndex,
    /// `/body-map/`, and the page of each of the theme's regions (`site.config.regions[i]`).
    BodyMap,
    Region(usize),
}

struct Renderer<'a> {
    site: &'a LinkedSite,
    templates: &'a Templates,
    /// Resolves `[[id]]` and `@/` links in bodies to site paths.
    links: SiteLinks<'a>,
    home: Option<&'a Page>,
    collection_intros: HashMap<usize, &'a Page>,
    handouts: &'a [BuiltHandout],
    assets: &'a Assets,
    /// How many entries name each body map region; `None` on a site without a body map.
    region_counts: Option<Vec<usize>>,
    /// Where finished pages are written as they are made (`sinew build`), rather than held.
    spool: Option<&'a Spool>,
    cards: cards::Cards,
    /// The A–Z page's letters, rendered once (`az`).
    az_groups: az::Groups,
    /// The JSON-LD nodes every entry's graph ends with (`structured::shared_nodes`).
    shared_nodes: String,
}

/// What a page job gathers while it runs: its problems, and the internal links its Markdown resolved (so the
/// preview server knows to render it again when one of them resolves differently).
#[derive(Default)]
struct JobState {
    diagnostics: Vec<Diagnostic>,
    links: Vec<cache::LinkDep>,
    /// The Markdown file of the page's body and the site links it wrote, for the output's link check.
    markdown: Option<(crate::source::SourceFile, Vec<WrittenLink>)>,
}

#[derive(Clone)]
struct JobOutput {
    path: String,
    html: Contents,
    origin: String,
    diagnostics: Vec<Diagnostic>,
    links: Vec<cache::LinkDep>,
    search: Option<Arc<SearchDoc>>,
    /// Where the page's links were written: its template, and its Markdown.
    source: Arc<PageSource>,
    /// The ids and links of a page written as it was made (`Renderer::spool`), for the output's link check.
    scan: Option<Scan>,
}

/// A page job that failed: its problems, and where its page would be with the links its Markdown wrote, so
/// the output check still checks those links and knows the page will be there once it is fixed.
pub(super) struct Failed {
    diagnostics: Vec<Diagnostic>,
    page: Option<(String, Arc<PageSource>)>,
}

/// The rendered site: every output file, and what each page gives the search index.
pub(crate) struct Rendered {
    pub(crate) tree: OutputTree,
    pub(crate) search_docs: Vec<Arc<SearchDoc>>,
    pub(crate) facets: Vec<FacetInfo>,
    /// Each rendered page's template and Markdown, by output path, for the link check.
    pub(crate) page_sources: HashMap<String, Arc<PageSource>>,
    /// The pages that failed, by output path, with their Markdown's links: the link check checks those links
    /// and takes a link to one of these pages as good (the page is there once its problems are fixed).
    pub(crate) unrendered: HashMap<String, Arc<PageSource>>,
    /// Search index files made as each language was rendered, so its documents (every page's text) are let
    /// go before the next language's pages are made: every language's in a one-off build; in the preview only
    /// the other languages' (`es/search/index/...`), as it keeps the default's documents for its indexer.
    pub(crate) index_files: Vec<(String, crate::output::Contents)>,
    /// The links and ids of the pages written as they were made (`Pages::Spooled`), whose bytes are not held.
    pub(crate) scans: ScanCache,
}

/// Which pages to render: all of them, or one entry's page alone (the editor's draft: its page is all it shows,
/// and what other pages show of it is checked when it is saved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    All,
    Entry(usize),
    /// `site.pages[i]`: the home page, a listing (with its introduction) or a plain page.
    Page(usize),
}

/// Where a render keeps its pages besides the output tree.
pub(crate) enum Pages<'a> {
    /// In the tree only (`sinew check`).
    Held,
    /// Also for the next build: the preview's render cache.
    Cached(&'a mut RenderCache),
    /// Written to the publish's staging folder as each is made, the tree keeping only their fingerprints and
    /// their links' scans (`sinew build`: the site's pages are never all in memory at once).
    Spooled(&'a Spool),
}

/// Renders every page. With a cache (the preview server), a page whose inputs are unchanged since the
/// cached render is taken from it rather than rendered again; the cache is left holding this render. With
/// `Scope::Entry`, only that page is rendered, and the cache lends its compiled templates but keeps its pages.
pub(crate) fn render(
    site: &LinkedSite,
    sources: &Sources,
    handouts: &[BuiltHandout],
    assets: &Assets,
    pages: Pages<'_>,
    scope: Scope,
    diagnostics: &mut Diagnostics,
) -> Option<Rendered> {
    let (mut cache, spool) = match pages {
        Pages::Held => (None, None),
        Pages::Cached(cache) => (Some(cache), None),
        Pages::Spooled(spool) => (None, Some(spool)),
    };
    let base_path = &site.config.base_path;
    // Only the preview keeps compiled templates; a one-shot build does not hash them.
    let templates_hash =
        cache.is_some().then(|| cache::templates_hash(sources, &site.config, &site.strings, assets.version()));
    let cached_templates = cache.as_deref_mut().zip(templates_hash).and_then(|(c, hash)| c.take_templates(hash));
    let language = (site.config.lang_prefix.as_str(), &site.strings);
    let loaded = cached_templates
        .map_or_else(|| Templates::load(&sources.templates, base_path, language, &assets.fingerprints), Ok);
    let mut templates = match loaded {
        Ok(templates) => templates,
        Err(errors) => {
            diagnostics.extend(errors);
            return None;
        }
    };
    if assets.images.resizes() {
        // Entries' images resized side by side before the pages ask for them (one page's images are made in turn).
        site.entries.par_iter().filter_map(|e| e.fields.image()).for_each(|image| {
            if !images::is_external(&image.src) {
                let _ = assets.images.get(&image.src);
            }
        });
    }
    let region_counts = body_map::region_counts(site);
    let handout_index = !handouts.is_empty() && templates.has("handouts.html");
    let site_context = assemble::site_context(site, region_counts.is_some(), handout_index);
    templates.tera.global_context().insert("site", &site_context);

    let all = scope == Scope::All;
    // The preview's whole builds reuse the cards of the last (a draft's page alone neither takes nor leaves any).
    let kept_cards = cache.as_deref_mut().zip(templates_hash).filter(|_| all).map(|(c, hash)| (c.take_cards(), hash));
    let has_card = templates.has("partials/card.html");
    let kept_az = cache.as_deref_mut().zip(templates_hash).filter(|_| all).map(|(c, hash)| (c.take_az(), hash));
    let mut renderer = Renderer {
        site,
        templates: &templates,
        links: SiteLinks::new(site, false),
        home: None,
        collection_intros: HashMap::new(),
        handouts,
        assets,
        region_counts,
        spool,
        cards: cards::Cards::new(site, has_card, kept_cards),
        az_groups: az::Groups::new(kept_az),
        shared_nodes: structured::shared_nodes(&site.config),
    };
    for page in &site.pages {
        match page.kind {
            ContentKind::Home => renderer.home = Some(page),
            ContentKind::CollectionIndex { collection } => {
                renderer.collection_intros.insert(collection, page);
            }
            _ => {}
        }
    }

    let body_map = renderer.region_counts.is_some();
    let jobs = jobs(site, scope, &templates, handouts.len(), handout_index, body_map);
    let outputs: Vec<Result<Arc<JobOutput>, Failed>> = match cache.as_deref_mut().zip(templates_hash).filter(|_| all) {
        None => jobs.par_iter().map(|job| renderer.run(job).map(Arc::new)).collect(),
        Some((cache, hash)) => {
            let inputs = cache::Inputs::new(site, hash, &site_context, renderer.region_counts.as_deref(), handouts);
            cache.render(&jobs, inputs, &renderer.links, |job| renderer.run(job))
        }
    };
    let cards = std::mem::take(&mut renderer.cards);
    let az_groups = std::mem::take(&mut renderer.az_groups);
    drop(renderer);
    if let (Some(cache), Some(hash)) = (cache, templates_hash) {
        if all {
            cache.keep_cards(cards.keep(site, hash));
            cache.keep_az(az_groups.keep(hash));
        }
        cache.keep_templates(hash, templates);
    }
    let assembled = assemble::assemble(sources, outputs, diagnostics);
    let (tree, search_docs, page_sources, mut unrendered, scans) = assembled;
    // Entries whose files could not be read are reported at their files; links to them are not broken too.
    for path in site.unreadable_paths() {
        unrendered.entry(path).or_insert_with(|| Arc::new(PageSource::default()));
    }
    let facets = crate::search::facets(&site.config, &site.strings);
    Some(Rendered { tree, search_docs, facets, page_sources, unrendered, index_files: Vec::new(), scans })
}

pub(super) fn page_url(site: &LinkedSite, page: &Page) -> String {
    site.config.url(&crate::languages::page_path(&site.config, page))
}

/// The pages to make for `scope`: one page, or every page of the site's language (`handouts` many handouts,
/// with their index when the theme has one; the body map's pages when the site has a map).
fn jobs(
    site: &LinkedSite,
    scope: Scope,
    templates: &Templates,
    handouts: usize,
    handout_index: bool,
    body_map: bool,
) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::NotFound];
    match scope {
        Scope::All => {}
        Scope::Entry(entry) => jobs = vec![Job::Entry(entry)],
        Scope::Page(page) => {
            jobs = vec![match site.pages[page].kind {
                ContentKind::CollectionIndex { collection } => Job::List(collection, 1),
                ContentKind::Page { .. } => Job::Page(page),
                ContentKind::Home | ContentKind::Entry { .. } => Job::Home,
            }];
        }
    }
    let all = scope == Scope::All;
    // In another language's view, the entries and pages it has no translation of are the default language's
    // pages, rendered there; the 404 page is the host's, at the root.
    let own = |language: &Option<Arc<str>>| {
        language.as_deref().unwrap_or(site.config.default_language()) == site.config.language
    };
    if !site.config.lang_prefix.is_empty() {
        jobs.retain(|job| !matches!(job, Job::NotFound));
    }
    for c in (0..site.config.collections.len()).filter(|_| all) {
        jobs.extend((1..=listing::page_count(site, c)).map(|number| Job::List(c, number)));
    }
    jobs.extend((0..site.entries.len()).filter(|&i| all && own(&site.entries[i].language)).map(Job::Entry));
    jobs.extend(
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| all && matches!(p.kind, ContentKind::Page { .. }) && own(&p.language))
            .map(|(i, _)| Job::Page(i)),
    );
    // A theme without a search page (an older or minimal one) simply has no /search/.
    if all && templates.has("search.html") {
        jobs.push(Job::Search);
        if pages::az_apart(site, templates) {
            jobs.push(Job::AtoZ);
        }
    }
    jobs.extend((0..handouts).filter(|_| all).map(Job::Handout));
    if all && handout_index {
        jobs.push(Job::HandoutIndex);
    }
    if all && body_map {
        jobs.push(Job::BodyMap);
        jobs.extend((0..site.config.regions.len()).map(Job::Region));
    }
    jobs
}

impl Renderer<'_> {
    fn run(&self, job: &Job) -> Result<JobOutput, Failed> {
        match *job {
            Job::Home => self.home(),
            Job::List(c, number) => self.list(c, number),
            Job::Entry(i) => self.entry(i),
            Job::Page(i) => self.plain_page(i),
            Job::NotFound => self.not_found(),
            Job::Search => self.search_page(),
            Job::AtoZ => self.az_page(),
            Job::Handout(i) => self.handout(i),
            Job::HandoutIndex => self.handout_index(),
            Job::BodyMap => self.body_map_page(),
            Job::Region(r) => self.region_page(r),
        }
    }

    fn finish(
        &self,
        template: &str,
        context: &Context,
        path: String,
        origin: String,
        job: JobState,
    ) -> Result<JobOutput, Failed> {
        let JobState { mut diagnostics, links, markdown } = job;
        let (markdown, written) = markdown.unzip();
        let source =
            Arc::new(PageSource { template: template.to_string(), markdown, links: written.unwrap_or_default() });
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Failed { diagnostics, page: Some((path, source)) });
        }
        match self.templates.tera.render(template, context) {
            Ok(html) => {
                let (html, scan) = match self.spool {
                    None => (Contents::Bytes(Cow::Owned(html.into_bytes())), None),
                    Some(spool) => match spool.put(&path, html.as_bytes()) {
                        Ok(staged) => (Contents::Staged(staged), Some(Scan::of(&path, html.as_bytes()))),
                        Err(error) => {
                            diagnostics.push(error);
                            return Err(Failed { diagnostics, page: Some((path, source)) });
                        }
                    },
                };
                Ok(JobOutput { path, html, origin, diagnostics, links, search: None, source, scan })
            }
            Err(error) => {
                diagnostics.push(self.templates.error(&error, &format!("/{path}"), template));
                Err(Failed { diagnostics, page: Some((path, source)) })
            }
        }
    }

    fn pick(&self, collection: &str, name: &str) -> String {
        let specific = format!("{collection}/{name}");
        if self.templates.has(&specific) { specific } else { name.to_string() }
    }

    fn page_context(
        &self,
        kind: &'static str,
        fields: Option<&EntryFields>,
        url: String,
        body: Option<markdown::Rendered>,
    ) -> PageContext {
        let config = &self.site.config;
        let (content, toc) = body.map_or((String::new(), Vec::new()), |b| (b.html, b.toc));
        let reviewed = fields.and_then(super::model::entry::EntryFields::reviewed);
        PageContext {
            kind,
            title: fields.map_or_else(|| config.title.clone(), |f| f.title().to_string()),
            description: fields
                .and_then(|f| f.summary().map(str::to_string))
                .or_else(|| config.description.clone())
                .unwrap_or_else(|| config.title.clone()),
            permalink: config.permalink(url.strip_prefix(&config.base_path).unwrap_or(&url)),
            url,
            breadcrumbs: vec![LinkContext::new(self.site.strings.get("nav.home"), config.url(&config.lang_path("")))],
            content,
            toc,
            draft: fields.is_some_and(super::model::entry::EntryFields::draft),
            reviewed,
            reviewed_by: fields.and_then(|f| f.reviewed_by().map(str::to_string)),
            next_review: reviewed.map(|d| d.plus_days(config.review_interval_days)),
            updated: fields.and_then(super::model::entry::EntryFields::updated),
            structured_data: String::new(),
            image: fields
                .and_then(|f| f.image())
                .map(|i| ShareImage { permalink: config.permalink(&i.src), alt: i.alt.clone() }),
            alternates: Vec::new(),
        }
    }

    /// JSON-LD for a page that is not an entry: the site and its publisher on the home page, a `WebPage`
    /// (listing, plain page, search) elsewhere. Set once the page's title is final.
    fn add_structured_data(&self, page: &mut PageContext) {
        let config = &self.site.config;
        let data = if page.kind == "home" {
            structured::home(config)
        } else {
            structured::web_page(config, page.kind, &page.title, &page.description, &page.permalink)
        };
        page.structured_data = structured::script(&data);
    }
}

/// Test-only, in debug builds: a render job panics on an entry whose text holds the value of the
/// `SINEW_TEST_PANIC` environment variable, so the tests can check that a bug in one job loses nothing
/// (tests/suite/hostile.rs).
#[cfg(debug_assertions)]
pub(super) fn injected_panic(text: &str) {
    static MARKER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let marker = MARKER.get_or_init(|| std::env::var("SINEW_TEST_PANIC").ok().filter(|m| !m.is_empty()));
    if let Some(marker) = marker
        && text.contains(marker.as_str())
    {
        panic!("injected by SINEW_TEST_PANIC while rendering an entry");
    }
}
