//! The output's link check: every link to the site itself (`href`, `src`, `action`) in every HTML page of the
//! built tree must lead to a file of the tree, and its `#fragment` to an `id` on that page. A broken link
//! written in Markdown is reported at its Markdown line; any other at the template that wrote it, naming a
//! page where it is. Links with a scheme or a host (`https:`, `mailto:`, `//cdn`) are not followed here.
//!
//! Pages are scanned for their attributes rather than parsed as HTML: the output is sinew's own, a tag scan
//! reads it correctly (quoted or bare values, comments, `<script>` and `<style>` bodies skipped), and at
//! 10,000 pages it takes tens of milliseconds where a full parser would take seconds. No I/O: a static HTML
//! file copied from disk is a target, but is not scanned.

mod scan;

use super::OutputTree;
use crate::diag::{Diagnostic, Location, SourceMap};
use crate::source::SourceFile;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use scan::scan;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A site link a page's Markdown wrote, at a byte range of its file (not of the body).
#[derive(Debug, Clone)]
pub(crate) struct WrittenLink {
    pub url: String,
    pub offset: usize,
    pub len: usize,
}

/// Where a rendered page's links were written.
#[derive(Debug, Default)]
pub(crate) struct PageSource {
    /// The template the page was rendered with (`entry.html`).
    pub template: String,
    /// The Markdown file of the page's body, if it has one, and the site links it wrote.
    pub markdown: Option<SourceFile>,
    pub links: Vec<WrittenLink>,
}

/// What the check needs of the site besides the tree.
pub(crate) struct LinkCheck<'a> {
    pub tree: &'a OutputTree,
    /// `/clinic/` for `base_url: https://example.org/clinic/`.
    pub base_path: &'a str,
    pub page_sources: &'a HashMap<String, Arc<PageSource>>,
    /// Files published but not in `tree` to be scanned, by output path: pages that failed to render (their
    /// problems are reported already; the links their Markdown wrote are checked) and files made apart from
    /// the pages (the preview's search index and PDFs). A link to one is good; its headings are unknown.
    pub unrendered: &'a HashMap<String, Arc<PageSource>>,
    /// Template files on disk (the theme's and the site's), to find the line a broken link is written on.
    pub templates: &'a [(String, SourceFile)],
}

/// An HTML page of the tree: where it is, the ids in it, and the raw values of its link attributes.
struct Page<'t> {
    path: &'t str,
    /// False for a page that failed to render: it has no ids or links to read.
    rendered: bool,
    /// A page has a few dozen ids, looked up only for links with a fragment: a list beats a set here.
    ids: Vec<Cow<'t, str>>,
    links: Vec<Cow<'t, str>>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Broken {
    /// Nothing is published at this path (inside the output).
    NoFile(String),
    /// The page exists and has no such id.
    NoAnchor { path: String, anchor: String, page: usize },
    /// An absolute path that is not under the base path.
    OutsideBase,
    /// A relative path with more `..` than folders above it.
    AboveRoot,
}

/// The preview's memory of each page's scan, by path and a hash of its bytes: after an edit only the pages
/// that changed are scanned again (at 10,000 pages a full scan reads about 190 MB of HTML).
#[derive(Default)]
pub(crate) struct ScanCache {
    scans: FxHashMap<String, (u64, Scan)>,
}

fn borrowed(values: &[String]) -> Vec<Cow<'_, str>> {
    values.iter().map(|v| Cow::Borrowed(v.as_str())).collect()
}

/// A page's ids and link values, owned, as the cache keeps them.
#[derive(Debug, Clone)]
pub(crate) struct Scan {
    ids: Vec<String>,
    links: Vec<String>,
}

impl Scan {
    /// Scans a page's HTML (`path` inside the output).
    pub(crate) fn of(path: &str, html: &[u8]) -> Scan {
        let page = scan(path, html);
        let owned = |values: Vec<Cow<'_, str>>| values.into_iter().map(Cow::into_owned).collect();
        Scan { ids: owned(page.ids), links: owned(page.links) }
    }
}

impl ScanCache {
    /// Keeps the scan of a page whose bytes are not held (written to disk as it was rendered: `Spool`).
    pub(crate) fn insert(&mut self, path: String, scan: Scan) {
        self.scans.insert(path, (0, scan));
    }

    /// Takes in another cache's scans (another language's pages).
    pub(crate) fn extend(&mut self, other: ScanCache) {
        self.scans.extend(other.scans);
    }

    /// Scans the pages whose bytes changed since the last call, and forgets pages no longer there. A page
    /// without bytes (`None`: written as it was rendered) keeps the scan it was given.
    fn update(&mut self, html: &[(&str, Option<&[u8]>)]) {
        let hashes: Vec<Option<u64>> =
            html.par_iter().map(|(_, bytes)| bytes.map(xxhash_rust::xxh3::xxh3_64)).collect();
        let stale: Vec<usize> = (0..html.len())
            .filter(|&i| hashes[i].is_some_and(|h| self.scans.get(html[i].0).is_none_or(|(hash, _)| *hash != h)))
            .collect();
        let scanned: Vec<(usize, Scan)> =
            stale.par_iter().filter_map(|&i| Some((i, Scan::of(html[i].0, html[i].1?)))).collect();
        for (i, scan) in scanned {
            self.scans.insert(html[i].0.to_string(), (hashes[i].unwrap_or_default(), scan));
        }
        if self.scans.len() != html.len() {
            let present: FxHashSet<&str> = html.iter().map(|(path, _)| *path).collect();
            self.scans.retain(|path, _| present.contains(path.as_str()));
        }
    }
}

impl LinkCheck<'_> {
    /// Every broken link, as errors.
    pub(crate) fn run(&self) -> Vec<Diagnostic> {
        let html = self.html_pages();
        let pages: Vec<Page<'_>> = html
            .par_iter()
            .map(|(path, bytes)| match bytes {
                Some(bytes) => scan(path, bytes),
                None => Page { path, rendered: false, ids: Vec::new(), links: Vec::new() },
            })
            .collect();
        self.check(pages)
    }

    /// The same, reusing the scans of the pages `cache` has seen unchanged (the preview, build after build).
    pub(crate) fn run_cached(&self, cache: &mut ScanCache) -> Vec<Diagnostic> {
        let html = self.html_pages();
        cache.update(&html);
        let cache = &*cache;
        let pages: Vec<Page<'_>> = html
            .iter()
            .map(|(path, _)| match cache.scans.get(*path) {
                Some((_, scan)) => {
                    Page { path, rendered: true, ids: borrowed(&scan.ids), links: borrowed(&scan.links) }
                }
                None => Page { path, rendered: false, ids: Vec::new(), links: Vec::new() },
            })
            .collect();
        self.check(pages)
    }

    /// The tree's HTML pages, with their bytes where they are held (`None` for a page written to disk as it
    /// was rendered, scanned then). A static HTML file copied from disk is a target, not scanned.
    fn html_pages(&self) -> Vec<(&str, Option<&[u8]>)> {
        self.tree
            .iter()
            .filter(|(path, _)| std::path::Path::new(path).extension().is_some_and(|e| e.eq_ignore_ascii_case("html")))
            .filter_map(|(path, file)| match file.contents.data() {
                super::Data::Memory(bytes) => Some((path.as_str(), Some(bytes))),
                super::Data::Staged(_) => Some((path.as_str(), None)),
                super::Data::Disk(_) => None,
            })
            .collect()
    }

    fn check<'t>(&'t self, mut pages: Vec<Page<'t>>) -> Vec<Diagnostic> {
        pages.extend(self.unrendered.keys().filter(|path| !self.tree.contains(path)).map(|path| Page {
            path: path.as_str(),
            rendered: false,
            ids: Vec::new(),
            links: Vec::new(),
        }));
        let page_index: FxHashMap<&str, usize> = pages.iter().enumerate().map(|(i, p)| (p.path, i)).collect();
        let mut targets: FxHashMap<&str, Option<usize>> = FxHashMap::default();
        targets.reserve(self.tree.len() * 2);
        let paths = self.tree.iter().map(|(path, _)| path.as_str()).chain(self.unrendered.keys().map(String::as_str));
        for path in paths {
            let page = page_index.get(path).copied();
            targets.insert(path, page);
            // A folder URL (`stretches/` or the root) means its index.html.
            if let Some(folder) = path.strip_suffix("index.html").filter(|f| f.is_empty() || f.ends_with('/')) {
                targets.insert(folder, page);
            }
        }
        let resolver = Index { check: self, pages: &pages, paths: targets };

        // Links from Markdown first, reported at their lines; the same link found again in the page's HTML is
        // then not reported a second time.
        let mut diagnostics = Vec::new();
        let mut from_markdown: FxHashSet<(usize, Broken)> = FxHashSet::default();
        for (path, source) in self.page_sources.iter().chain(self.unrendered) {
            let (Some(file), Some(&page)) = (&source.markdown, page_index.get(path.as_str())) else { continue };
            let mut map = None;
            for link in &source.links {
                if let Some(broken) = resolver.check(&link.url, page) {
                    let map = map.get_or_insert_with(|| SourceMap::new(&file.text));
                    let location = Location::at(&file.path, map, link.offset, link.len.min(80));
                    diagnostics.push(resolver.diagnostic(&link.url, &broken).at(location));
                    from_markdown.insert((page, broken));
                }
            }
        }

        // Then every link in the HTML, grouped by what is broken so a template link broken on every page is
        // one report, not ten thousand.
        let found: Vec<(usize, &str, Broken)> = pages
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, page)| {
                let resolver = &resolver;
                page.links.iter().filter_map(move |url| Some((i, url.as_ref(), resolver.check(url, i)?)))
            })
            .collect();
        let mut groups: BTreeMap<(&str, &Broken), Vec<usize>> = BTreeMap::new();
        for (page, url, broken) in &found {
            if !from_markdown.contains(&(*page, broken.clone())) {
                let pages = groups.entry((url, broken)).or_default();
                if pages.last() != Some(page) {
                    pages.push(*page);
                }
            }
        }
        for ((url, broken), on_pages) in groups {
            diagnostics.push(self.template_diagnostic(&resolver, url, broken, &on_pages));
        }
        diagnostics
    }

    fn template_diagnostic(&self, resolver: &Index<'_, '_>, url: &str, broken: &Broken, on: &[usize]) -> Diagnostic {
        let first = resolver.pages[on[0]].path;
        let source = self.page_sources.get(first);
        let template = source.map_or("", |s| s.template.as_str());
        let shown = page_url(self.base_path, first);
        let where_ = match on.len() {
            1 => format!("on {shown}"),
            n => format!("on {n} pages, e.g. {shown}"),
        };
        let made_with = if template.is_empty() { String::new() } else { format!(" (made with template {template})") };
        let mut diagnostic = resolver.diagnostic(url, broken);
        diagnostic.message = format!("{} {where_}{made_with}", diagnostic.message);
        match self.written_in_template(url, template) {
            Some(location) => diagnostic.at(location),
            None => diagnostic,
        }
    }

    /// The template line a link is written on, when it is written out literally: the site's own templates
    /// first, then the theme's.
    fn written_in_template(&self, url: &str, template: &str) -> Option<Location> {
        let mut candidates: Vec<&(String, SourceFile)> = self.templates.iter().rev().collect();
        // The page's own template before the others (base.html, partials).
        candidates.sort_by_key(|(name, _)| name != template);
        let (_, file, offset) = candidates
            .into_iter()
            .find_map(|(name, file)| Some((name, file, find_attribute_value(&file.text, url)?)))?;
        let map = SourceMap::new(&file.text);
        Some(Location::at(&file.path, &map, offset, url.len()))
    }
}

/// Where `value` is written as an attribute value (`="value"` or `='value'`) in a template's text.
fn find_attribute_value(text: &str, value: &str) -> Option<usize> {
    if value.is_empty() {
        return None;
    }
    text.match_indices(value).map(|(i, _)| i).find(|&i| {
        let before = &text.as_bytes()[..i];
        before.ends_with(b"=\"") || before.ends_with(b"='")
    })
}

/// The tree's files by the paths a link may name, and the scanned pages.
struct Index<'c, 't> {
    check: &'c LinkCheck<'t>,
    pages: &'c [Page<'t>],
    /// Output paths (`stretches/x/index.html`, `style.css`) and folder paths (`stretches/x/`, empty for the
    /// root) -> the scanned page there, if it is one.
    paths: FxHashMap<&'t str, Option<usize>>,
}

impl Index<'_, '_> {
    /// Whether a link on page `from` leads somewhere: `None` if it does (or is not the site's to check).
    fn check(&self, url: &str, from: usize) -> Option<Broken> {
        // A full address is external even when it names the site's own host: the practitioner's booking
        // page may live there without being a page of this site. `check --external` is for those.
        let url = url.trim();
        if url.is_empty() || crate::markdown::is_external(url) {
            return None;
        }
        let (rest, fragment) = url.split_once('#').unwrap_or((url, ""));
        let path = rest.split_once('?').map_or(rest, |(path, _)| path);
        let target = if path.is_empty() {
            Some(from)
        } else {
            let key = match self.key(path, self.pages[from].path) {
                Ok(key) => key,
                Err(broken) => return Some(broken),
            };
            // `/x` for the folder `/x/` is fine too: static hosts redirect it.
            match self.paths.get(key.as_ref()).or_else(|| self.paths.get(format!("{key}/").as_str())) {
                Some(page) => *page,
                None => return Some(Broken::NoFile(key.into_owned())),
            }
        };
        let page = target?;
        let anchor = percent_decode(fragment);
        let known = self.pages[page].rendered;
        if anchor.is_empty() || anchor == "top" || !known || self.pages[page].ids.contains(&anchor) {
            return None;
        }
        Some(Broken::NoAnchor { path: self.pages[page].path.to_string(), anchor: anchor.into_owned(), page })
    }

    /// The path inside the output a link's path names (`stretches/x/`), percent-decoded.
    fn key<'u>(&self, path: &'u str, from: &str) -> Result<Cow<'u, str>, Broken> {
        let key: Cow<'u, str> = if let Some(absolute) = path.strip_prefix('/') {
            let base = self.check.base_path.trim_start_matches('/');
            match absolute.strip_prefix(base) {
                Some(inside) => inside.into(),
                // `/clinic` without its slash is the home page too.
                None if absolute == base.trim_end_matches('/') => "".into(),
                None => return Err(Broken::OutsideBase),
            }
        } else {
            let folder = from.rfind('/').map_or("", |slash| &from[..=slash]);
            match join(folder, path) {
                Some(joined) => joined.into(),
                None => return Err(Broken::AboveRoot),
            }
        };
        Ok(match percent_decode(&key) {
            Cow::Borrowed(_) => key,
            Cow::Owned(decoded) => decoded.into(),
        })
    }

    fn diagnostic(&self, url: &str, broken: &Broken) -> Diagnostic {
        let base_path = self.check.base_path;
        match broken {
            Broken::NoFile(path) => {
                // Only on the error path: every published path, as a link would name it.
                let names: Vec<String> = self
                    .paths
                    .keys()
                    .filter(|k| !k.ends_with("index.html"))
                    .map(|k| format!("{base_path}{k}"))
                    .collect();
                let wanted = format!("{base_path}{path}");
                Diagnostic::error(
                    crate::diag::Kind::Link,
                    format!("broken link `{url}`: nothing is published at {wanted}"),
                )
                .help_opt(crate::diag::did_you_mean(&wanted, names.iter().map(String::as_str)))
            }
            Broken::NoAnchor { path, anchor, page } => {
                let ids = self.pages[*page].ids.iter().map(AsRef::as_ref);
                Diagnostic::error(
                    crate::diag::Kind::Link,
                    format!("broken link `{url}`: {} has no heading with id `{anchor}`", page_url(base_path, path)),
                )
                .help_opt(crate::diag::did_you_mean(anchor, ids))
            }
            Broken::OutsideBase => Diagnostic::error(
                crate::diag::Kind::Link,
                format!("broken link `{url}`: it is outside the site, which is published under {base_path}"),
            )
            .help(format!(
                "in Markdown, write site paths from the root (`/handouts/x.pdf`): sinew adds {base_path}; \
                 in a template, use the `url` filter: {{{{ \"handouts/x.pdf\" | url }}}}"
            )),
            Broken::AboveRoot => Diagnostic::error(
                crate::diag::Kind::Link,
                format!("broken link `{url}`: it climbs above the site's root"),
            ),
        }
    }
}

/// `folder` (`stretches/x/`) joined with a relative path (`../y/`), keeping a trailing slash; `None` if it
/// climbs above the root.
fn join(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let segments: Vec<&str> = path.split('/').collect();
    for part in &segments {
        match *part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let mut joined = parts.join("/");
    let folder_link = matches!(segments.last(), Some(&("" | "." | "..")));
    if folder_link && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// `%20` -> ` `; anything that does not decode to UTF-8 is kept as written.
fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (byte, ..) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_or(Cow::Borrowed(text), Cow::Owned)
}

/// A page's address as a reader sees it (`/clinic/x/` for `x/index.html`), for messages.
fn page_url(base_path: &str, path: &str) -> String {
    format!("{base_path}{}", path.strip_suffix("index.html").unwrap_or(path))
}

#[cfg(test)]
mod tests;
