//! Handouts: a content handout's web page (`handout.html`, inside the site) and an on-the-spot handout as one
//! self-contained file (`handout-standalone.html`). Both show the same `sheet` as the PDF.

use super::assemble::site_context;
use super::context::LinkContext;
use super::theme::Templates;
use super::{Failed, JobOutput, JobState, Renderer};
use crate::diag::Diagnostic;
use crate::graph::LinkedSite;
use crate::handout::Sheet;
use crate::source::Sources;
use tera::Context;

/// The handouts' index, inside a language's pages.
pub(super) const INDEX_PATH: &str = "handouts/";

/// One handout on the index: its page, its PDF, and what it holds.
#[derive(serde::Serialize)]
struct IndexItem<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    url: String,
    pdf_url: Option<&'a str>,
    stretches: Vec<&'a str>,
}

impl Renderer<'_> {
    /// `/handouts/`: every handout of the page's language, in the order of their titles.
    pub(super) fn handout_index(&self) -> Result<JobOutput, Failed> {
        let config = &self.site.config;
        let strings = &self.site.strings;
        let mut page = self.page_context("handouts", None, config.url(&config.lang_path(INDEX_PATH)), None);
        page.title = strings.get("pages.handouts_title");
        page.description = strings.get("pages.handouts_intro");
        let mut items: Vec<IndexItem<'_>> = self
            .handouts
            .iter()
            .map(|handout| IndexItem {
                title: &handout.sheet.title,
                summary: handout.sheet.summary.as_deref(),
                url: config.url(&handout.site_path()),
                pdf_url: handout.sheet.pdf_url.as_deref(),
                stretches: handout.sheet.stretches.iter().map(|s| s.title.as_str()).collect(),
            })
            .collect();
        items.sort_by(|a, b| a.title.cmp(b.title));
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("handouts", &items);
        let path = config.lang_path(&format!("{INDEX_PATH}index.html"));
        self.finish("handouts.html", &context, path, "the handouts' index".into(), JobState::default())
    }

    /// The handouts that list the entry `id`, as links, for its page ("In the handouts: Desk worker reset").
    pub(super) fn handouts_listing(&self, id: &str) -> Vec<LinkContext> {
        let config = &self.site.config;
        self.handouts
            .iter()
            .filter(|h| h.sheet.stretches.iter().any(|s| s.id == id))
            .map(|h| LinkContext::new(h.sheet.title.clone(), config.url(&h.site_path())))
            .collect()
    }

    pub(super) fn handout(&self, index: usize) -> Result<JobOutput, Failed> {
        let handout = &self.handouts[index];
        let sheet = &handout.sheet;
        let url = sheet.page_url.clone().unwrap_or_else(|| self.site.config.url(&handout.site_path()));
        let mut page = self.page_context("handout", None, url, None);
        page.alternates = self.alternates(handout.alternates.iter().cloned());
        if self.templates.has("handouts.html") {
            let config = &self.site.config;
            let title = self.site.strings.get("pages.handouts_title");
            page.breadcrumbs.push(LinkContext::new(title, config.url(&config.lang_path(INDEX_PATH))));
        }
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
    let language = (site.config.lang_prefix.as_str(), &site.strings);
    let mut templates = Templates::load(&sources.templates, &site.config.base_path, language, &no_fingerprints)?;
    templates.tera.global_context().insert("site", &site_context(site, super::body_map::in_use(site), false));
    let mut context = Context::new();
    context.insert("sheet", sheet);
    context.insert("css", css);
    templates
        .tera
        .render("handout-standalone.html", &context)
        .map_err(|e| vec![templates.error(&e, "the handout", "handout-standalone.html")])
}
