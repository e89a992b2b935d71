//! RENDER, for a site in several languages: each language's pages rendered in turn (the default language's,
//! then each translation's, under its `es/`) into one output tree, and what tells a page's versions apart (its
//! hreflang alternates, for the language switcher).

use super::context::AlternateContext;
use super::{Pages, RenderCache, Rendered, Renderer, Scope, render};
use crate::asset::Assets;
use crate::diag::{Diagnostic, Diagnostics};
use crate::graph::LinkedSite;
use crate::handout::BuiltHandout;
use crate::model::Page;
use crate::output::Contents;
use crate::source::Sources;

/// Renders the site in every language: `site`'s pages, then each translation's (under its `es/`), into one
/// output tree. Only a whole build renders the other languages; the editor's draft page is the default
/// language's.
pub(crate) fn render_languages(
    site: &LinkedSite,
    sources: &Sources,
    handouts: &[BuiltHandout],
    assets: &Assets,
    mut pages: LanguagePages<'_>,
    scope: Scope,
    diagnostics: &mut Diagnostics,
) -> Option<Rendered> {
    let languages = 1 + site.translations.len();
    let one_off = !matches!(pages, LanguagePages::Cached(_));
    if let LanguagePages::Cached(caches) = &mut pages {
        caches.resize_with(languages, RenderCache::default);
    }
    let of_language =
        |prefix: &str| -> Vec<BuiltHandout> { handouts.iter().filter(|h| h.prefix == prefix).cloned().collect() };
    let own =
        if languages > 1 { std::borrow::Cow::Owned(of_language("")) } else { std::borrow::Cow::Borrowed(handouts) };
    let mut rendered = render(site, sources, &own, assets, pages.of_language(0), scope, diagnostics);
    if scope != Scope::All {
        return rendered;
    }
    // A build writes each index file to the publish's staging folder as soon as it is made, as it does the
    // pages: each document's passages are a file, and together they are as large as the bodies.
    let spool = if let LanguagePages::Spooled(spool) = &pages { Some(*spool) } else { None };
    let keep = |path: &str, bytes: Vec<u8>| match spool {
        Some(spool) => spool.put(path, &bytes).map(Contents::Staged),
        None => Ok(Contents::Shared(bytes.into())),
    };
    if let Some(rendered) = rendered.as_mut().filter(|_| one_off) {
        let docs = std::mem::take(&mut rendered.search_docs);
        let index = crate::search::build(&docs, &site.config, &rendered.facets, &keep);
        rendered.index_files = kept_files(index, diagnostics);
    }
    for (index, view) in site.translations.iter().enumerate() {
        let handouts = of_language(&view.config.lang_prefix);
        let translated = render(view, sources, &handouts, assets, pages.of_language(index + 1), scope, diagnostics);
        let Some(translated) = translated else {
            rendered = None;
            continue;
        };
        if let Some(rendered) = rendered.as_mut() {
            // Its search index is made now, so its documents (every page's text) are let go before the next
            // language's pages are made.
            let index =
                crate::search::build_translated(&translated.search_docs, &view.config, &translated.facets, &keep);
            rendered.index_files.extend(kept_files(index, diagnostics));
            // The view's tree holds the static files again (a site's `static/es/` too): only its own pages are
            // taken; a file already there from the same origin is that static file.
            let prefix = &view.config.lang_prefix;
            for (path, file) in translated.tree.into_files().filter(|(p, _)| p.starts_with(prefix.as_str())) {
                if rendered.tree.get(&path).is_some_and(|there| there.origin == file.origin) {
                    continue;
                }
                if let Err(error) = rendered.tree.insert(path, file) {
                    diagnostics.push(error);
                }
            }
            rendered.page_sources.extend(translated.page_sources);
            rendered.scans.extend(translated.scans);
            rendered.unrendered.extend(translated.unrendered);
        }
    }
    // The preview makes these after its pages are served (build::Extras).
    if let Some(rendered) = rendered.as_mut().filter(|_| one_off) {
        let tree = &mut rendered.tree;
        for (path, file) in super::discovery_files(site, handouts, &|path| tree.contains(path)) {
            tree.replace(path, file);
        }
    }
    rendered
}

impl Renderer<'_> {
    /// A page as it is in each language, from where it is in each (`found`: language index and site path).
    pub(super) fn alternates(&self, found: impl Iterator<Item = (usize, String)>) -> Vec<AlternateContext> {
        let config = &self.site.config;
        let names = &self.site.alternates.names;
        let found: Vec<AlternateContext> = found
            .map(|(language, path)| AlternateContext {
                lang: config.languages[language].code.clone(),
                name: names.get(language).cloned().unwrap_or_default(),
                url: config.url(&path),
                permalink: config.permalink(&path),
                current: config.languages[language].code == config.language,
            })
            .collect();
        if found.len() > 1 { found } else { Vec::new() }
    }

    /// A page every language has at its own place (`path` of each language's prefix): home, listing, search.
    pub(super) fn alternates_everywhere(&self, path: &dyn Fn(&str) -> String) -> Vec<AlternateContext> {
        let config = &self.site.config;
        self.alternates((0..config.languages.len()).map(|i| (i, path(&config.prefix_of(i)))))
    }

    pub(super) fn entry_alternates(&self, index: usize) -> Vec<AlternateContext> {
        let found = self.site.alternates.of_entry(index);
        self.alternates(found.iter().map(|a| (a.language, a.path.clone())))
    }

    pub(super) fn page_alternates(&self, page: &Page) -> Vec<AlternateContext> {
        let found = self.site.alternates.pages.get(&page.source.path).map_or(&[][..], Vec::as_slice);
        self.alternates(found.iter().map(|a| (a.language, a.path.clone())))
    }
}

/// The index files kept, each problem writing one reported.
fn kept_files(
    files: Vec<(String, Result<Contents, Diagnostic>)>,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, Contents)> {
    let mut kept = Vec::with_capacity(files.len());
    for (path, contents) in files {
        match contents {
            Ok(contents) => kept.push((path, contents)),
            Err(problem) => diagnostics.push(problem),
        }
    }
    kept
}

/// Where the pages of every language are kept besides the output tree (`Pages`, per language).
pub(crate) enum LanguagePages<'a> {
    Held,
    /// One render cache per language, the default language's first.
    Cached(&'a mut Vec<RenderCache>),
    Spooled(&'a crate::output::Spool),
}

impl LanguagePages<'_> {
    /// For the `index`th language (0, the default).
    fn of_language(&mut self, index: usize) -> Pages<'_> {
        match self {
            LanguagePages::Held => Pages::Held,
            LanguagePages::Cached(caches) => caches.get_mut(index).map_or(Pages::Held, Pages::Cached),
            LanguagePages::Spooled(spool) => Pages::Spooled(spool),
        }
    }
}
