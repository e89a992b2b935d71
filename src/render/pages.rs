//! The pages that are not entries: the home page, plain pages, the search page (with the A–Z list on a small
//! site: `az`), and the 404 page.

use super::context::{AzGroup, PageContext};
use super::theme::Templates;
use super::{Failed, JobOutput, JobState, Renderer, page_url};
use crate::graph::LinkedSite;
use crate::search::SearchDoc;
use crate::source::ContentKind;
use std::sync::Arc;
use tera::Context;

/// Up to this many entries and pages, the A–Z list is part of the search page. Beyond it the list gets a
/// page of its own (`search/a-z/`): at 10,000 entries it is 1.3 MB of HTML, and on the search page it
/// delayed the first results by about 100 ms even inside `<noscript>`.
const AZ_ON_SEARCH_PAGE: usize = 1000;

/// Whether the A–Z list is on a page of its own (the theme has a template for it, and the site is big).
pub(super) fn az_apart(site: &LinkedSite, templates: &Templates) -> bool {
    if !templates.has("a-z.html") {
        return false;
    }
    let pages = site.pages.iter().filter(|p| matches!(p.kind, ContentKind::Page { .. })).count();
    site.entries.len() + pages > AZ_ON_SEARCH_PAGE
}

impl Renderer<'_> {
    pub(super) fn home(&self) -> Result<JobOutput, Failed> {
        let mut job = JobState::default();
        let body = self.home.map(|p| self.markdown(&p.source, p.body_offset, &mut job));
        let mut page = self.page_context(
            "home",
            self.home.map(|p| &p.fields),
            self.site.config.url(&self.site.config.lang_path("")),
            body,
        );
        page.breadcrumbs.clear();
        page.alternates = self.alternates_everywhere(&|prefix| prefix.to_string());
        self.add_structured_data(&mut page);
        let featured: Vec<_> = (0..self.site.config.collections.len())
            .map(|c| {
                let range = self.site.collection_ranges[c].clone();
                let entries: Vec<_> = range.take(6).map(|i| self.listed(i, super::cards::CardHeading::None)).collect();
                entries
            })
            .collect();
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("featured", &featured);
        let map = (self.region_counts.as_deref())
            .map(|counts| super::body_map::map_context(self.site, counts, Vec::new(), false));
        context.insert("body_map", &map);
        let origin = self.home.map_or_else(|| "the home page".into(), |p| p.source.path.display().to_string());
        self.finish("home.html", &context, self.site.config.lang_path("index.html"), origin, job)
    }

    pub(super) fn plain_page(&self, index: usize) -> Result<JobOutput, Failed> {
        let page = &self.site.pages[index];
        let ContentKind::Page { url_path } = &page.kind else { unreachable!("only plain pages are page jobs") };
        let mut job = JobState::default();
        let mut body = self.markdown(&page.source, page.body_offset, &mut job);
        let search = SearchDoc {
            title: page.fields.title().to_string(),
            aliases: page.fields.aliases().to_vec(),
            summary: page.fields.summary().map(str::to_string).unwrap_or_default(),
            body: std::mem::take(&mut body.text),
            url: page_url(self.site, page),
            facets: vec![("collection".into(), self.site.strings.get("search_facets.pages"))],
            ..SearchDoc::default()
        };
        let mut context_page = self.page_context("page", Some(&page.fields), page_url(self.site, page), Some(body));
        context_page.alternates = self.page_alternates(page);
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

    /// The context of a page sinew makes itself at `path` in every language (search, A to Z, body map), titled
    /// `title`, with its versions in the other languages.
    pub(super) fn generated_page(&self, kind: &'static str, path: &str, title: String) -> PageContext {
        let config = &self.site.config;
        let mut page = self.page_context(kind, None, config.url(&config.lang_path(path)), None);
        page.title = title;
        page.alternates = self.alternates_everywhere(&|prefix| format!("{prefix}{path}"));
        page
    }

    /// The search page, with an A–Z list of every entry and page for readers without JavaScript (or a link to
    /// the list's own page, on a big site).
    pub(super) fn search_page(&self) -> Result<JobOutput, Failed> {
        let config = &self.site.config;
        let mut page = self.generated_page("search", "search/", self.site.strings.get("pages.search_title"));
        self.add_structured_data(&mut page);
        let mut context = Context::new();
        context.insert("page", &page);
        if az_apart(self.site, self.templates) {
            context.insert("az", &Vec::<AzGroup<'_>>::new());
            context.insert("az_url", &config.url(&config.lang_path("search/a-z/")));
        } else {
            context.insert("az", &self.az());
        }
        self.finish(
            "search.html",
            &context,
            config.lang_path("search/index.html"),
            "the search page".into(),
            JobState::default(),
        )
    }

    pub(super) fn not_found(&self) -> Result<JobOutput, Failed> {
        let mut page = self.page_context("404", None, self.site.config.url("404.html"), None);
        page.title = self.site.strings.get("pages.not_found_title");
        let mut context = Context::new();
        context.insert("page", &page);
        self.finish("404.html", &context, "404.html".into(), "the 404 page".into(), JobState::default())
    }
}
