//! Handouts: a content handout's web page (`handout.html`, inside the site) and an on-the-spot handout as one
//! self-contained file (`handout-standalone.html`). Both show the same `sheet` as the PDF.

use super::assemble::site_context;
use super::theme::Templates;
use super::{Failed, JobOutput, JobState, Renderer};
use crate::diag::Diagnostic;
use crate::graph::LinkedSite;
use crate::handout::Sheet;
use crate::source::Sources;
use tera::Context;

impl Renderer<'_> {
    pub(super) fn handout(&self, index: usize) -> Result<JobOutput, Failed> {
        let handout = &self.handouts[index];
        let sheet = &handout.sheet;
        let url = sheet.page_url.clone().unwrap_or_else(|| self.site.config.url(&handout.site_path()));
        let mut page = self.page_context("handout", None, url, None);
        page.alternates = self.alternates(handout.alternates.iter().cloned());
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
    templates.tera.global_context().insert("site", &site_context(site, super::body_map::in_use(site)));
    let mut context = Context::new();
    context.insert("sheet", sheet);
    context.insert("css", css);
    templates
        .tera
        .render("handout-standalone.html", &context)
        .map_err(|e| vec![templates.error(&e, "the handout", "handout-standalone.html")])
}
