//! Putting the rendered site together: the theme's and the site's static files, every page, and the files
//! search engines and feed readers look for.

use super::context::{CollectionContext, LanguageContext, PageLinkContext, SiteContext};
use super::{Failed, JobOutput, discovery, page_url};
use crate::diag::{Diagnostics, Kind};
use crate::graph::LinkedSite;
use crate::output::link_check::{PageSource, ScanCache};
use crate::output::{Contents, OutputFile, OutputTree};
use crate::search::SearchDoc;
use crate::source::{ContentKind, Sources};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// sitemap.xml, robots.txt (at a host's root only) and feed.xml, unless `taken` says the site's static folder
/// has its own, and each other language's feed. A one-off build adds them to its tree; the preview makes them
/// after the pages are served (they are for search engines and feed readers, and reading every entry, they
/// cost what the site is).
pub(crate) fn discovery_files(
    site: &LinkedSite,
    handouts: &[crate::handout::BuiltHandout],
    taken: &dyn Fn(&str) -> bool,
) -> Vec<(String, OutputFile)> {
    let file = |path: &str, text: String| OutputFile {
        contents: Contents::Bytes(Cow::Owned(text.into_bytes())),
        origin: format!("sinew's {path}"),
    };
    let mut files = Vec::new();
    if !taken("sitemap.xml") {
        files.push(("sitemap.xml".to_string(), file("sitemap.xml", discovery::sitemap(site, handouts))));
    }
    // Crawlers read robots.txt only at a host's root: a site under a sub-path gets none (config::publishing).
    if site.config.serves_robots_txt() && !taken("robots.txt") {
        files.push(("robots.txt".to_string(), file("robots.txt", discovery::robots(site))));
    }
    if !taken("feed.xml") {
        files.push(("feed.xml".to_string(), file("feed.xml", discovery::feed(site))));
    }
    // Old addresses: never over a page (the build reports that, `redirects::check`).
    let redirects = super::redirects::redirects(site, None);
    for redirect in redirects.iter().filter(|r| !taken(&r.file)) {
        let page = super::redirects::page(redirect).into_bytes();
        let origin = super::redirects::origin(redirect);
        files.push((redirect.file.clone(), OutputFile { contents: Contents::Bytes(Cow::Owned(page)), origin }));
    }
    if !redirects.is_empty() && !taken("_redirects") {
        files.push(("_redirects".to_string(), file("_redirects", super::redirects::redirects_file(&redirects))));
    }
    // Another language has its own feed; the sitemap (every language's pages) and robots.txt are the root's.
    for view in &site.translations {
        let path = view.config.lang_path("feed.xml");
        files.push((path.clone(), file(&path, discovery::feed(view))));
    }
    // Each collection's own feed, in each language.
    for view in std::iter::once(site).chain(site.translations.iter().map(|t| &**t)) {
        for c in 0..view.config.collections.len() {
            let path = discovery::collection_feed_path(&view.config, c);
            if !taken(&path) {
                files.push((path.clone(), file(&path, discovery::collection_feed(view, c))));
            }
        }
    }
    files
}

/// The output tree, the pages' search documents, the rendered pages' sources, the failed pages' sources, and
/// the scans of the pages written as they were made.
type Assembled =
    (OutputTree, Vec<Arc<SearchDoc>>, HashMap<String, Arc<PageSource>>, HashMap<String, Arc<PageSource>>, ScanCache);

/// The output tree: the theme's static files, the site's (replacing the theme's), then every rendered page.
pub(super) fn assemble(
    sources: &Sources,
    outputs: Vec<Result<Arc<JobOutput>, Failed>>,
    diagnostics: &mut Diagnostics,
) -> Assembled {
    let mut tree = OutputTree::default();
    let mut search_docs = Vec::new();
    // Sized once: grown page by page, it was rehashed a dozen times per preview build.
    let mut page_sources = HashMap::with_capacity(outputs.len());
    let mut unrendered = HashMap::new();
    let mut scans = ScanCache::default();
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
                    scan: shared.scan.clone(),
                });
                diagnostics.extend(output.diagnostics);
                search_docs.extend(output.search);
                page_sources.insert(output.path.clone(), output.source);
                if let Some(scan) = output.scan {
                    scans.insert(output.path.clone(), scan);
                }
                let file = OutputFile { contents: output.html, origin: output.origin };
                if let Err(error) = tree.insert(output.path, file) {
                    diagnostics.push(error);
                }
            }
            Err(Failed { diagnostics: errors, page }) => {
                unrendered.extend(page);
                for error in errors {
                    let key = (error.message.clone(), error.location.clone());
                    if error.kind != Kind::Template || seen_template_errors.insert(key) {
                        diagnostics.push(error);
                    }
                }
            }
        }
    }
    (tree, search_docs, page_sources, unrendered, scans)
}

/// `body_map`: whether the site has a body map (`body_map::region_counts` is some), counted once per render.
pub(super) fn site_context(site: &LinkedSite, body_map: bool, handouts: bool) -> SiteContext<'_> {
    let config = &site.config;
    SiteContext {
        config,
        collections: config
            .collections
            .iter()
            .enumerate()
            .map(|(c, _)| CollectionContext::new(c, config, site.collection_entries(c).len()))
            .collect(),
        pages: site
            .pages
            .iter()
            .filter(|p| matches!(p.kind, ContentKind::Page { .. }))
            .map(|p| {
                // Its default-language address, the first of its versions (its own, on a site in one language).
                let default = site.alternates.pages.get(&p.source.path).and_then(|found| found.first());
                let own = crate::languages::page_path(config, p);
                let name = default.map_or(own.as_str(), |d| d.path.as_str()).trim_matches('/').to_string();
                let lang = super::context::other_language(p.language.as_deref(), config).map(str::to_string);
                PageLinkContext { title: p.fields.title().to_string(), url: page_url(site, p), lang, name }
            })
            .collect(),
        home_url: config.url(&config.lang_path("")),
        generator: concat!("sinew ", env!("CARGO_PKG_VERSION")),
        body_map_url: body_map.then(|| config.url(&config.lang_path(super::body_map::PATH))),
        handouts_url: handouts.then(|| config.url(&config.lang_path(super::handout::INDEX_PATH))),
        languages: config
            .languages
            .iter()
            .enumerate()
            .map(|(index, language)| LanguageContext {
                code: language.code.clone(),
                name: site.alternates.names.get(index).cloned().unwrap_or_else(|| site.strings.get("language_name")),
                home_url: config.url(&config.prefix_of(index)),
            })
            .collect(),
        search_stemmer: crate::search::stemmer_script(&config.language),
    }
}
