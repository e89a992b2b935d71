//! RENDER: the linked site -> page jobs -> an `OutputTree` in memory. Each page is rendered once, in parallel,
//! from its Markdown and the graph; nothing here writes to disk.

mod cache;
mod context;
mod discovery;
mod images;
mod structured;
mod theme;

use crate::asset::Assets;
use crate::diag::{Diagnostic, Diagnostics, Location, SourceMap};
use crate::fields::schema::HtmlPolicy;
use crate::graph::LinkedSite;
use crate::handout::{BuiltHandout, Sheet};
use crate::links::SiteLinks;
use crate::markdown;
use crate::model::entry::EntryFields;
use crate::model::{Entry, Page};
use crate::output::link_check::{PageSource, WrittenLink};
use crate::output::{Contents, OutputFile, OutputTree};
use crate::search::{FacetInfo, SearchDoc};
use crate::source::{ContentKind, Sources};
pub(crate) use cache::RenderCache;
use context::{
    AzGroup, AzItem, CollectionContext, EntryContext, EntrySummary, ImageContext, LinkContext, PageContext,
    RelatedGroup, ShareImage, SiteContext,
};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
use tera::Context;
pub use theme::Templates;

/// A page's text as a reader sees it, for the search index.
#[derive(Debug, Clone)]
pub struct PageText {
    pub url: String,
    pub title: String,
    pub text: String,
}

#[derive(Clone, Copy)]
enum Job {
    Home,
    List(usize),
    Entry(usize),
    Page(usize),
    NotFound,
    Search,
    /// The A–Z list on a page of its own, for a site too big to carry it on the search page.
    AtoZ,
    Handout(usize),
}

/// Up to this many entries and pages, the A–Z list is part of the search page. Beyond it the list gets a
/// page of its own (`search/a-z/`): at 10,000 entries it is 1.3 MB of HTML, and on the search page it
/// delayed the first results by about 100 ms even inside `<noscript>`.
const AZ_ON_SEARCH_PAGE: usize = 1000;

/// Whether the A–Z list is on a page of its own (the theme has a template for it, and the site is big).
fn az_apart(site: &LinkedSite, templates: &Templates) -> bool {
    if !templates.has("a-z.html") {
        return false;
    }
    let pages = site.pages.iter().filter(|p| matches!(p.kind, ContentKind::Page { .. })).count();
    site.entries.len() + pages > AZ_ON_SEARCH_PAGE
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
}

/// The rendered site: every output file, and what each page gives the search index.
pub(crate) struct Rendered {
    pub(crate) tree: OutputTree,
    pub(crate) search_docs: Vec<Arc<SearchDoc>>,
    pub(crate) facets: Vec<FacetInfo>,
    /// Each rendered page's template and Markdown, by output path, for the link check.
    pub(crate) page_sources: HashMap<String, Arc<PageSource>>,
}

/// Renders every page. With a `cache` (the preview server), a page whose inputs are unchanged since the
/// cached render is taken from it rather than rendered again; the cache is left holding this render.
pub(crate) fn render(
    site: &LinkedSite,
    sources: &Sources,
    handouts: &[BuiltHandout],
    assets: &Assets,
    cache: Option<&mut RenderCache>,
    diagnostics: &mut Diagnostics,
) -> Option<Rendered> {
    let mut cache = cache;
    let base_path = &site.config.base_path;
    // Only the preview keeps compiled templates; a one-shot build does not hash them.
    let templates_hash = cache.is_some().then(|| cache::templates_hash(sources, base_path, assets.version()));
    let cached_templates = cache.as_deref_mut().zip(templates_hash).and_then(|(c, hash)| c.take_templates(hash));
    let loaded =
        cached_templates.map_or_else(|| Templates::load(&sources.templates, base_path, &assets.fingerprints), Ok);
    let mut templates = match loaded {
        Ok(templates) => templates,
        Err(errors) => {
            diagnostics.extend(errors);
            return None;
        }
    };
    if assets.images.resizes() {
        // Entries' images resized side by side before the pages ask for them (one page's images are made in turn).
        site.entries.par_iter().filter_map(|e| e.fields.image.as_ref()).for_each(|image| {
            if !images::is_external(&image.src) {
                let _ = assets.images.get(&image.src);
            }
        });
    }
    let site_context = site_context(site);
    templates.tera.global_context().insert("site", &site_context);

    let mut renderer = Renderer {
        site,
        templates: &templates,
        links: SiteLinks::new(site, false),
        home: None,
        collection_intros: HashMap::new(),
        handouts,
        assets,
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
    if renderer.home.is_none() {
        diagnostics.push(
            Diagnostic::error("the site has no home page")
                .help("create content/_index.md with a title and a few words about the site"),
        );
    }

    let mut jobs = vec![Job::Home, Job::NotFound];
    jobs.extend((0..site.config.collections.len()).map(Job::List));
    jobs.extend((0..site.entries.len()).map(Job::Entry));
    jobs.extend(
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p.kind, ContentKind::Page { .. }))
            .map(|(i, _)| Job::Page(i)),
    );
    // A theme without a search page (an older or minimal one) simply has no /search/.
    if templates.has("search.html") {
        jobs.push(Job::Search);
        if az_apart(site, &templates) {
            jobs.push(Job::AtoZ);
        }
    }
    jobs.extend((0..handouts.len()).map(Job::Handout));
    let outputs: Vec<Result<Arc<JobOutput>, Vec<Diagnostic>>> = match cache.as_deref_mut().zip(templates_hash) {
        None => jobs.par_iter().map(|job| renderer.run(job).map(Arc::new)).collect(),
        Some((cache, hash)) => {
            let inputs = cache::Inputs::new(site, hash, &site_context);
            cache.render(&jobs, &inputs, &renderer.links, |job| renderer.run(job))
        }
    };
    drop(renderer);
    if let (Some(cache), Some(hash)) = (cache, templates_hash) {
        cache.keep_templates(hash, templates);
    }
    let (mut tree, search_docs, page_sources) = assemble(sources, outputs, diagnostics);
    add_discovery_files(site, &mut tree);
    Some(Rendered { tree, search_docs, facets: facets(&site.config), page_sources })
}

/// sitemap.xml, robots.txt and feed.xml, unless the site's static folder has its own.
fn add_discovery_files(site: &LinkedSite, tree: &mut OutputTree) {
    for (path, make) in [
        ("sitemap.xml", discovery::sitemap as fn(&LinkedSite) -> String),
        ("robots.txt", discovery::robots),
        ("feed.xml", discovery::feed),
    ] {
        if !tree.contains(path) {
            let file = OutputFile {
                contents: Contents::Bytes(Cow::Owned(make(site).into_bytes())),
                origin: format!("sinew's {path}"),
            };
            tree.replace(path.to_string(), file);
        }
    }
}

/// The facets search offers: type of page, one per collection (entries related to a chosen entry), and the
/// fields the collections' tables mark as filters (the exercise fields, and the site's own), each once.
fn facets(config: &crate::config::SiteConfig) -> Vec<FacetInfo> {
    let mut facets = vec![FacetInfo { name: "collection".into(), label: "Type of page".into() }];
    facets.extend(config.collections.iter().map(|c| FacetInfo { name: c.name.to_string(), label: c.title.clone() }));
    for spec in config.collections.iter().flat_map(|c| &c.fields).filter(|spec| spec.facet) {
        // A collection named like a field already has the facet of its name (its entries).
        if config.collection_index(&spec.name).is_none() && !facets.iter().any(|f| f.name == spec.name) {
            facets.push(FacetInfo { name: spec.name.to_string(), label: spec.label.to_string() });
        }
    }
    facets
}

/// The output tree: the theme's static files, the site's (replacing the theme's), then every rendered page.
fn assemble(
    sources: &Sources,
    outputs: Vec<Result<Arc<JobOutput>, Vec<Diagnostic>>>,
    diagnostics: &mut Diagnostics,
) -> (OutputTree, Vec<Arc<SearchDoc>>, HashMap<String, Arc<PageSource>>) {
    let mut tree = OutputTree::default();
    let mut search_docs = Vec::new();
    let mut page_sources = HashMap::new();
    // One broken template fails every page that uses it: report each template problem once.
    let mut seen_template_errors = std::collections::HashSet::new();
    for (path, bytes) in crate::source::theme::static_files() {
        tree.replace(
            path.to_string(),
            OutputFile {
                contents: Contents::Bytes(Cow::Borrowed(bytes)),
                origin: format!("the theme's static/{path}"),
            },
        );
    }
    for file in &sources.static_files {
        tree.replace(
            file.output_path.clone(),
            OutputFile { contents: Contents::Copy(file.source.clone()), origin: format!("{}", file.source.display()) },
        );
    }
    for output in outputs {
        match output {
            Ok(output) => {
                // Shared with the preview's cache: its bytes and search data are shared too, not copied.
                let output = Arc::try_unwrap(output).unwrap_or_else(|shared| JobOutput {
                    path: shared.path.clone(),
                    html: shared.html.clone(),
                    origin: shared.origin.clone(),
                    diagnostics: shared.diagnostics.clone(),
                    links: Vec::new(),
                    search: shared.search.clone(),
                    source: shared.source.clone(),
                });
                diagnostics.extend(output.diagnostics);
                search_docs.extend(output.search);
                page_sources.insert(output.path.clone(), output.source);
                let file = OutputFile { contents: output.html, origin: output.origin };
                if let Err(error) = tree.insert(output.path, file) {
                    diagnostics.push(error);
                }
            }
            Err(errors) => {
                for error in errors {
                    let key = (error.message.clone(), error.location.clone());
                    if !error.message.starts_with("template error") || seen_template_errors.insert(key) {
                        diagnostics.push(error);
                    }
                }
            }
        }
    }
    (tree, search_docs, page_sources)
}

fn site_context(site: &LinkedSite) -> SiteContext<'_> {
    let config = &site.config;
    SiteContext {
        config,
        collections: config
            .collections
            .iter()
            .enumerate()
            .map(|(c, collection)| CollectionContext::new(collection, config, site.collection_entries(c).len()))
            .collect(),
        pages: site
            .pages
            .iter()
            .filter(|p| matches!(p.kind, ContentKind::Page { .. }))
            .map(|p| LinkContext { title: p.fields.title.clone(), url: page_url(site, p) })
            .collect(),
        home_url: config.url(""),
        generator: concat!("sinew ", env!("CARGO_PKG_VERSION")),
    }
}

/// A front matter word as a reader sees it: `lying-on-back` -> `Lying on back`.
pub(super) fn label(word: &str) -> String {
    let spaced = word.replace('-', " ");
    let mut chars = spaced.chars();
    chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
}

fn page_url(site: &LinkedSite, page: &Page) -> String {
    match &page.kind {
        ContentKind::Home => site.config.url(""),
        ContentKind::CollectionIndex { collection } => {
            site.config.url(&format!("{}/", site.config.collections[*collection].name))
        }
        ContentKind::Page { url_path } => site.config.url(url_path),
        ContentKind::Entry { .. } => unreachable!("entries are not pages"),
    }
}

impl Renderer<'_> {
    fn run(&self, job: &Job) -> Result<JobOutput, Vec<Diagnostic>> {
        match *job {
            Job::Home => self.home(),
            Job::List(c) => self.list(c),
            Job::Entry(i) => self.entry(i),
            Job::Page(i) => self.plain_page(i),
            Job::NotFound => self.not_found(),
            Job::Search => self.search_page(),
            Job::AtoZ => self.az_page(),
            Job::Handout(i) => self.handout(i),
        }
    }

    fn finish(
        &self,
        template: &str,
        context: &Context,
        path: String,
        origin: String,
        job: JobState,
    ) -> Result<JobOutput, Vec<Diagnostic>> {
        let JobState { diagnostics, links, markdown } = job;
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(diagnostics);
        }
        match self.templates.tera.render(template, context) {
            Ok(html) => {
                let html = Contents::Bytes(Cow::Owned(html.into_bytes()));
                let (markdown, written) = markdown.unzip();
                let source = Arc::new(PageSource {
                    template: template.to_string(),
                    markdown,
                    links: written.unwrap_or_default(),
                });
                Ok(JobOutput { path, html, origin, diagnostics, links, search: None, source })
            }
            Err(error) => {
                let mut diagnostics = diagnostics;
                diagnostics.push(self.templates.error(&error, &format!("/{path}"), template));
                Err(diagnostics)
            }
        }
    }

    fn pick(&self, collection: &str, name: &str) -> String {
        let specific = format!("{collection}/{name}");
        if self.templates.has(&specific) { specific } else { name.to_string() }
    }

    /// Renders a body's Markdown, turning link problems into diagnostics at their file line.
    fn markdown(
        &self,
        source: &crate::source::SourceFile,
        body_offset: usize,
        job: &mut JobState,
    ) -> markdown::Rendered {
        let body = &source.text[body_offset..];
        let recording = cache::Recording::new(&self.links);
        let folder = source.path.strip_prefix("content").unwrap_or(&source.path).parent();
        let folder = folder.map(|f| f.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        let resolver =
            images::PageResolver { links: &recording, images: &self.assets.images, config: &self.site.config };
        let rendered = match self.site.config.html {
            HtmlPolicy::Allow => markdown::render(body, &folder, &resolver),
            HtmlPolicy::Escape => markdown::render_value(body, &folder, &resolver),
        };
        job.links.extend(recording.into_links());
        let written = rendered.site_links.iter().map(|link| WrittenLink {
            url: link.url.clone(),
            offset: body_offset + link.range.start,
            len: link.range.len(),
        });
        job.markdown = Some((source.clone(), written.collect()));
        let diagnostics = &mut job.diagnostics;
        if !rendered.problems.is_empty() {
            let map = SourceMap::new(&source.text);
            for problem in &rendered.problems {
                let start = body_offset + problem.range.start;
                let location = Location::at(&source.path, &map, start, problem.range.len().min(80));
                let diagnostic = if problem.problem.is_warning {
                    Diagnostic::warning(problem.problem.message.clone())
                } else {
                    Diagnostic::error(problem.problem.message.clone())
                };
                diagnostics.push(diagnostic.at(location).help_opt(problem.problem.help.clone()));
            }
        }
        rendered
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
        let reviewed = fields.and_then(|f| f.reviewed);
        PageContext {
            kind,
            title: fields.map_or_else(|| config.title.clone(), |f| f.title.clone()),
            description: fields
                .and_then(|f| f.summary.clone())
                .or_else(|| config.description.clone())
                .unwrap_or_else(|| config.title.clone()),
            permalink: config.permalink(url.strip_prefix(&config.base_path).unwrap_or(&url)),
            url,
            breadcrumbs: vec![LinkContext { title: "Home".into(), url: config.url("") }],
            content,
            toc,
            draft: fields.is_some_and(|f| f.draft),
            reviewed,
            reviewed_by: fields.and_then(|f| f.reviewed_by.clone()),
            next_review: reviewed.map(|d| d.plus_days(config.review_interval_days)),
            updated: fields.and_then(|f| f.updated),
            structured_data: String::new(),
            image: fields
                .and_then(|f| f.image.as_ref())
                .map(|i| ShareImage { permalink: config.permalink(&i.src), alt: i.alt.clone() }),
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

    fn home(&self) -> Result<JobOutput, Vec<Diagnostic>> {
        let mut job = JobState::default();
        let body = self.home.map(|p| self.markdown(&p.source, p.body_offset, &mut job));
        let mut page = self.page_context("home", self.home.map(|p| &p.fields), self.site.config.url(""), body);
        page.breadcrumbs.clear();
        self.add_structured_data(&mut page);
        let featured: Vec<_> = (0..self.site.config.collections.len())
            .map(|c| {
                let entries: Vec<_> = self
                    .site
                    .collection_entries(c)
                    .iter()
                    .take(6)
                    .map(|e| EntrySummary::new(e, &self.site.config))
                    .collect();
                entries
            })
            .collect();
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("featured", &featured);
        let origin = self.home.map_or_else(|| "the home page".into(), |p| p.source.path.display().to_string());
        self.finish("home.html", &context, "index.html".into(), origin, job)
    }

    fn list(&self, c: usize) -> Result<JobOutput, Vec<Diagnostic>> {
        let config = &self.site.config;
        let collection = &config.collections[c];
        let mut job = JobState::default();
        let intro = self.collection_intros.get(&c).copied();
        let body = intro.map(|p| self.markdown(&p.source, p.body_offset, &mut job));
        let url = config.url(&format!("{}/", collection.name));
        let mut page = self.page_context("list", intro.map(|p| &p.fields), url, body);
        if intro.is_none() {
            page.title.clone_from(&collection.title);
        }
        self.add_structured_data(&mut page);
        let entries: Vec<_> = self.site.collection_entries(c).iter().map(|e| EntrySummary::new(e, config)).collect();
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("collection", &CollectionContext::new(collection, config, entries.len()));
        context.insert("entries", &entries);
        let template = self.pick(collection.name.as_str(), "list.html");
        self.finish(
            &template,
            &context,
            format!("{}/index.html", collection.name),
            format!("the {} listing", collection.name),
            job,
        )
    }

    fn entry(&self, index: usize) -> Result<JobOutput, Vec<Diagnostic>> {
        let site = self.site;
        let config = &site.config;
        let entry: &Entry = &site.entries[index];
        #[cfg(debug_assertions)]
        injected_panic(&entry.source.text);
        let collection = &config.collections[entry.collection];
        let mut job = JobState::default();
        let mut body = self.markdown(&entry.source, entry.body_offset, &mut job);
        let search = self.entry_search_doc(index, std::mem::take(&mut body.text));
        let url = config.url(&format!("{}/{}/", collection.name, entry.id));
        let fields = &entry.fields;
        let mut page = self.page_context("entry", Some(fields), url, Some(body));
        page.structured_data = structured::script(&structured::entry(site, index, &page.description));
        page.breadcrumbs
            .push(LinkContext { title: collection.title.clone(), url: config.url(&format!("{}/", collection.name)) });

        let exercise = fields.exercise.as_ref();
        let inline = |items: &[String]| items.iter().map(|s| markdown::render_inline(s)).collect::<Vec<_>>();
        let mut red_flags = Vec::new();
        if collection.schema.shows_red_flags() {
            red_flags.extend(config.red_flags.iter().map(String::as_str));
            red_flags.extend(fields.red_flags.iter().map(String::as_str));
        }
        let context_entry = EntryContext {
            id: entry.id.as_str(),
            collection: collection.name.as_str(),
            collection_title: &collection.title,
            singular: &collection.singular,
            schema: collection.schema.as_str(),
            title: &fields.title,
            summary: fields.summary.as_deref(),
            aliases: &fields.aliases,
            image: fields.image.as_ref().and_then(|image| self.entry_image(image, &mut job)),
            kind: exercise.and_then(|e| e.kind.as_deref()),
            difficulty: exercise.and_then(|e| e.difficulty.as_deref()),
            position: exercise.and_then(|e| e.position.as_deref()),
            equipment: exercise.map_or(&[], |e| e.equipment.as_slice()),
            dosage: context::dosage(fields),
            steps: exercise.map_or_else(Vec::new, |e| inline(&e.steps)),
            modifications: exercise.map_or_else(Vec::new, |e| inline(&e.modifications)),
            cautions: exercise.map_or_else(Vec::new, |e| inline(&e.cautions)),
            symptoms: &fields.symptoms,
            location: fields.location.as_deref(),
            actions: &fields.actions,
            red_flags,
            related: self.related(index),
            fields: &fields.values,
            own_fields: context::OwnField::list(entry, collection),
        };
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("entry", &context_entry);
        let template = self.pick(collection.name.as_str(), "entry.html");
        let output = self.finish(
            &template,
            &context,
            format!("{}/{}/index.html", collection.name, entry.id),
            entry.source.path.display().to_string(),
            job,
        );
        output.map(|output| JobOutput { search: Some(Arc::new(search)), ..output })
    }

    /// An entry's picture, or a problem at its `image:` line when the file cannot be shown.
    fn entry_image(&self, image: &crate::model::entry::Image, job: &mut JobState) -> Option<ImageContext> {
        let config = &self.site.config;
        if images::is_external(&image.src) {
            return Some(ImageContext::new(image, None, config));
        }
        match self.assets.images.get(&image.src) {
            Ok(picture) => Some(ImageContext::new(image, Some(&picture), config)),
            Err(problem) => {
                job.diagnostics.push(Diagnostic::error(problem.message).at(image.location.clone()).help(problem.help));
                None
            }
        }
    }

    /// What an entry gives the search index: its words by field, and its facet values (its collection, itself
    /// and every linked entry by collection, its exercise fields).
    fn entry_search_doc(&self, index: usize, body: String) -> SearchDoc {
        let site = self.site;
        let config = &site.config;
        let entry = &site.entries[index];
        let collection = &config.collections[entry.collection];
        let fields = &entry.fields;
        let mut facets = vec![
            ("collection".to_string(), collection.title.clone()),
            (collection.name.to_string(), fields.title.clone()),
        ];
        let mut related = Vec::new();
        let mut related_summaries = Vec::new();
        for link in &site.links[index] {
            let other = &site.entries[link.other];
            related.push(other.fields.title.clone());
            related_summaries.extend(other.fields.summary.clone());
            facets.push((config.collections[other.collection].name.to_string(), other.fields.title.clone()));
        }
        // The fields the collection's table marks as filters, one facet value per word.
        for spec in collection.fields.iter().filter(|spec| spec.facet) {
            if let Some(value) = fields.values.get(&spec.name) {
                facets.extend(value.words().iter().map(|word| (spec.name.to_string(), label(word))));
            }
        }
        SearchDoc {
            title: fields.title.clone(),
            aliases: fields.aliases.clone(),
            summary: fields.summary.clone().unwrap_or_default(),
            related,
            related_summaries,
            body,
            url: config.url(&format!("{}/{}/", collection.name, entry.id)),
            collection: Some(entry.collection),
            facets,
        }
    }

    /// The search page, with an A–Z list of every entry and page for readers without JavaScript (or a link to
    /// the list's own page, on a big site).
    fn search_page(&self) -> Result<JobOutput, Vec<Diagnostic>> {
        let config = &self.site.config;
        let mut page = self.page_context("search", None, config.url("search/"), None);
        page.title = "Search".into();
        self.add_structured_data(&mut page);
        let mut context = Context::new();
        context.insert("page", &page);
        if az_apart(self.site, self.templates) {
            context.insert("az", &Vec::<AzGroup<'_>>::new());
            context.insert("az_url", &config.url("search/a-z/"));
        } else {
            context.insert("az", &self.az());
        }
        self.finish("search.html", &context, "search/index.html".into(), "the search page".into(), JobState::default())
    }

    /// The A–Z list's own page (`search/a-z/`), on a site with more than [`AZ_ON_SEARCH_PAGE`] entries.
    fn az_page(&self) -> Result<JobOutput, Vec<Diagnostic>> {
        let config = &self.site.config;
        let mut page = self.page_context("a-z", None, config.url("search/a-z/"), None);
        page.title = "Every page, A to Z".into();
        self.add_structured_data(&mut page);
        page.breadcrumbs.push(LinkContext { title: "Search".into(), url: config.url("search/") });
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("az", &self.az());
        self.finish("a-z.html", &context, "search/a-z/index.html".into(), "the A to Z page".into(), JobState::default())
    }

    /// Every entry and plain page by title, grouped by first letter (accents folded; `#` for the rest).
    fn az(&self) -> Vec<AzGroup<'_>> {
        let config = &self.site.config;
        let mut items: Vec<AzItem<'_>> = self
            .site
            .entries
            .iter()
            .map(|e| AzItem {
                title: &e.fields.title,
                url: config.url(&format!("{}/{}/", config.collections[e.collection].name, e.id)),
                singular: &config.collections[e.collection].singular,
            })
            .collect();
        items.extend(self.site.pages.iter().filter(|p| matches!(p.kind, ContentKind::Page { .. })).map(|p| AzItem {
            title: &p.fields.title,
            url: page_url(self.site, p),
            singular: "page",
        }));
        items.sort_by_cached_key(|item| deunicode::deunicode(item.title).to_lowercase());
        let mut az: Vec<AzGroup<'_>> = Vec::new();
        for item in items {
            let letter = item.title.chars().next().map_or('#', |c| {
                let folded = deunicode::deunicode_char(c).and_then(|s| s.chars().next()).unwrap_or(c);
                if folded.is_ascii_alphabetic() { folded.to_ascii_uppercase() } else { '#' }
            });
            match az.last_mut() {
                Some(group) if group.letter == letter => group.entries.push(item),
                _ => az.push(AzGroup { letter, entries: vec![item] }),
            }
        }
        az
    }

    /// The entries linked to `index`, grouped by the other entry's collection, in site.yaml's order.
    fn related(&self, index: usize) -> Vec<RelatedGroup<'_>> {
        let site = self.site;
        let config = &site.config;
        let mut groups: Vec<RelatedGroup<'_>> = Vec::new();
        for c in 0..config.collections.len() {
            let mut entries: Vec<EntrySummary<'_>> = Vec::new();
            for link in &site.links[index] {
                let other = &site.entries[link.other];
                if other.collection == c && !entries.iter().any(|e| e.id == other.id.as_str()) {
                    entries.push(EntrySummary::new(other, config));
                }
            }
            if !entries.is_empty() {
                let collection = &config.collections[c];
                groups.push(RelatedGroup {
                    collection: collection.name.as_str(),
                    title: &collection.title,
                    singular: &collection.singular,
                    entries,
                });
            }
        }
        groups
    }

    fn plain_page(&self, index: usize) -> Result<JobOutput, Vec<Diagnostic>> {
        let page = &self.site.pages[index];
        let ContentKind::Page { url_path } = &page.kind else { unreachable!("only plain pages are page jobs") };
        let mut job = JobState::default();
        let mut body = self.markdown(&page.source, page.body_offset, &mut job);
        let search = SearchDoc {
            title: page.fields.title.clone(),
            aliases: page.fields.aliases.clone(),
            summary: page.fields.summary.clone().unwrap_or_default(),
            body: std::mem::take(&mut body.text),
            url: page_url(self.site, page),
            facets: vec![("collection".into(), "Pages".into())],
            ..SearchDoc::default()
        };
        let mut context_page = self.page_context("page", Some(&page.fields), page_url(self.site, page), Some(body));
        self.add_structured_data(&mut context_page);
        let mut context = Context::new();
        context.insert("page", &context_page);
        let output = self.finish(
            "page.html",
            &context,
            format!("{url_path}index.html"),
            page.source.path.display().to_string(),
            job,
        );
        output.map(|output| JobOutput { search: Some(Arc::new(search)), ..output })
    }

    fn not_found(&self) -> Result<JobOutput, Vec<Diagnostic>> {
        let mut page = self.page_context("404", None, self.site.config.url("404.html"), None);
        page.title = "Page not found".into();
        let mut context = Context::new();
        context.insert("page", &page);
        self.finish("404.html", &context, "404.html".into(), "the 404 page".into(), JobState::default())
    }
}

// Handouts: a content handout's web page (`handout.html`, inside the site) and an on-the-spot handout as one
// self-contained file (`handout-standalone.html`). Both show the same `sheet` as the PDF.
impl Renderer<'_> {
    fn handout(&self, index: usize) -> Result<JobOutput, Vec<Diagnostic>> {
        let handout = &self.handouts[index];
        let sheet = &handout.sheet;
        let url = sheet.page_url.clone().unwrap_or_else(|| self.site.config.url(&format!("handouts/{}/", handout.id)));
        let mut page = self.page_context("handout", None, url, None);
        page.title.clone_from(&sheet.title);
        if let Some(summary) = &sheet.summary {
            page.description.clone_from(summary);
        }
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("sheet", sheet);
        self.finish(
            "handout.html",
            &context,
            handout.page_path(),
            handout.source.display().to_string(),
            JobState::default(),
        )
    }
}

/// An on-the-spot handout as one HTML file that needs nothing else: `css` is inlined, and the sheet's images
/// are expected as `data:` URLs already.
pub(crate) fn standalone_handout(
    site: &LinkedSite,
    sources: &Sources,
    sheet: &Sheet,
    css: &str,
) -> Result<String, Vec<Diagnostic>> {
    // Not published: its stylesheet is inlined, and its images are `data:` URLs.
    let no_fingerprints = crate::asset::Fingerprints::default();
    let mut templates = Templates::load(&sources.templates, &site.config.base_path, &no_fingerprints)?;
    templates.tera.global_context().insert("site", &site_context(site));
    let mut context = Context::new();
    context.insert("sheet", sheet);
    context.insert("css", css);
    templates
        .tera
        .render("handout-standalone.html", &context)
        .map_err(|e| vec![templates.error(&e, "the handout", "handout-standalone.html")])
}

/// Test-only, in debug builds: a render job panics on an entry whose text holds the value of the
/// `SINEW_TEST_PANIC` environment variable, so the tests can check that a bug in one job loses nothing
/// (tests/suite/hostile.rs).
#[cfg(debug_assertions)]
fn injected_panic(text: &str) {
    static MARKER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let marker = MARKER.get_or_init(|| std::env::var("SINEW_TEST_PANIC").ok().filter(|m| !m.is_empty()));
    if let Some(marker) = marker
        && text.contains(marker.as_str())
    {
        panic!("injected by SINEW_TEST_PANIC while rendering an entry");
    }
}
