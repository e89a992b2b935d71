//! The preview's builds: the same stages as `build_site`, with the caches that let a rebuild redo only what
//! a change affects. A build happens in two steps so an edit shows quickly: the pages first
//! (`Session::pages`), then, on another thread, the search index, the handout PDFs and the output check
//! (`Extras::files`, `Extras::check`), which the served site picks up when they are ready. The next save's
//! pages never wait for them. Every check `sinew build` makes is made here too, so what the preview accepts publishes.

use super::{BuildCache, BuildOptions, Prepared, StageTimer};
use crate::diag::{Diagnostic, Diagnostics};
use crate::handout::BuiltHandout;
use crate::output::link_check::PageSource;
use crate::output::{Contents, OutputFile, OutputTree};
use crate::search::{FacetInfo, SearchDoc};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) struct Session {
    root: PathBuf,
    options: BuildOptions,
    cache: BuildCache,
    editable: EditableMemo,
}

/// The second step's state: the search index's analysed documents and the PDFs made so far.
#[derive(Default)]
pub(crate) struct Extras {
    indexer: crate::search::Indexer,
    /// Each handout's PDF with a hash of the sheet and template it was made from.
    pdfs: HashMap<String, (u64, Arc<[u8]>)>,
    /// The output check's scan of each page, redone only for pages that changed.
    scans: crate::output::link_check::ScanCache,
}

/// The search index's and PDFs' files, by path.
pub(crate) type ExtraFiles = std::collections::BTreeMap<String, OutputFile>;

/// A successful build's pages, and what the second step needs.
pub(crate) struct Pages {
    pub(crate) tree: Arc<OutputTree>,
    pub(crate) entries: usize,
    pub(crate) rendered: usize,
    pub(crate) total: usize,
    pub(crate) pending: Pending,
    /// Each entry page's output path, with the editor's address for it (`/__sinew/edit/stretches/figure-four`).
    pub(crate) editable: Arc<HashMap<String, String>>,
}

/// Each page's output path with the editor's address for it, kept while every entry keeps its address. A
/// title edit links the graph again (titles sort it) but moves no entry: making the map again on each such
/// save was 15% of a title edit's pages at 30,000 entries.
#[derive(Default)]
struct EditableMemo {
    kept: Option<KeptEditable>,
}

struct KeptEditable {
    /// The graph's links when the map was made or last found the same: while the graph is reused (the same
    /// `Arc`), no entry's place, id or front matter changed, so the entries need no hashing.
    links: Arc<Vec<Vec<crate::graph::Link>>>,
    /// A hash of the plain pages' addresses (they are few, and made each time).
    pages: u64,
    /// A hash of what names each entry's page (`entries_hash`).
    entries: u64,
    map: Arc<HashMap<String, String>>,
}

impl EditableMemo {
    fn of(&mut self, site: &crate::graph::LinkedSite) -> Arc<HashMap<String, String>> {
        let address = |target: crate::edit::Target| {
            let (collection, id) = target.name(site);
            (crate::config::file_of(&target.site_path(site)), format!("/__sinew/edit/{collection}/{id}"))
        };
        let pages: Vec<(String, String)> = (0..site.pages.len()).map(crate::edit::Target::Page).map(address).collect();
        let pages_hash = {
            let mut hasher = xxhash_rust::xxh3::Xxh3::new();
            (site.entries.len(), &pages).hash(&mut hasher);
            hasher.finish()
        };
        if let Some(kept) = self.kept.as_mut().filter(|kept| kept.pages == pages_hash) {
            if Arc::ptr_eq(&kept.links, &site.links) {
                return kept.map.clone();
            }
            if kept.entries == entries_hash(site) {
                kept.links = site.links.clone();
                return kept.map.clone();
            }
        }
        let entries = (0..site.entries.len()).map(crate::edit::Target::Entry).map(address);
        let map: Arc<HashMap<String, String>> = Arc::new(entries.chain(pages).collect());
        let entries = entries_hash(site);
        self.kept = Some(KeptEditable { links: site.links.clone(), pages: pages_hash, entries, map: map.clone() });
        map
    }
}

/// What names each entry's page and its editor's address: its collection (and the collections' names), its
/// language, id and slug. In any order (a sum): a title edit moves entries in the graph's order, not in the map.
fn entries_hash(site: &crate::graph::LinkedSite) -> u64 {
    let one = |value: &dyn Fn(&mut xxhash_rust::xxh3::Xxh3)| {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        value(&mut hasher);
        hasher.finish()
    };
    let collections = one(&|h| site.config.collections.iter().for_each(|c| c.name.as_str().hash(h)));
    site.entries.iter().fold(collections, |sum, entry| {
        let named = (entry.collection, entry.language.as_deref(), entry.id.as_str(), entry.address_name());
        sum.wrapping_add(one(&|h| named.hash(h)))
    })
}

/// The inputs of the search index, the PDFs and the output check, kept from the first step for the second.
pub(crate) struct Pending {
    /// The pages as served: the output check reads them with the second step's files beside them.
    tree: Arc<OutputTree>,
    page_sources: HashMap<String, Arc<PageSource>>,
    search_docs: Vec<Arc<SearchDoc>>,
    /// The other languages' search index files, made whole with their pages.
    index_files: Vec<(String, Contents)>,
    facets: Vec<FacetInfo>,
    /// The linked site, for the files made from every entry (sitemap, feeds); dropped on the second step's
    /// thread, not while the next save waits.
    site: crate::graph::LinkedSite,
    handouts: Vec<BuiltHandout>,
    sources: crate::source::Sources,
}

impl Session {
    pub(crate) fn new(root: &Path, options: BuildOptions) -> Self {
        Session { root: root.to_path_buf(), options, cache: BuildCache::default(), editable: EditableMemo::default() }
    }

    pub(crate) fn read_cache(&mut self) -> &mut crate::source::ReadCache {
        &mut self.cache.read
    }

    /// Builds the pages. `Err` holds every problem; the caller keeps serving the last good build. A panic (a bug)
    /// is one of them, and drops the caches it may have left half-updated, so the next build starts afresh.
    pub(crate) fn pages(&mut self) -> Result<(Pages, Vec<Diagnostic>), Vec<Diagnostic>> {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.build_pages())) {
            Ok(result) => result,
            Err(payload) => {
                self.cache = BuildCache::default();
                Err(vec![Diagnostic::internal(&*payload, "The preview still shows the last good build")])
            }
        }
    }

    fn build_pages(&mut self) -> Result<(Pages, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut diagnostics = Diagnostics::default();
        let Some((prepared, rendered)) = self.render(None, &mut diagnostics) else {
            return Err(diagnostics.into_sorted());
        };
        let Some(rendered) = rendered.filter(|_| !diagnostics.has_errors()) else {
            return Err(diagnostics.into_sorted());
        };
        let Prepared { site, sources, handouts } = prepared;
        let (rendered_pages, total) = self
            .cache
            .render
            .iter()
            .map(crate::render::RenderCache::rendered)
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        let tree = Arc::new(rendered.tree);
        let editable = self.editable.of(&site);
        let pages = Pages {
            tree: tree.clone(),
            entries: site.entries.len(),
            rendered: rendered_pages,
            total,
            editable,
            pending: Pending {
                tree,
                page_sources: rendered.page_sources,
                search_docs: rendered.search_docs,
                index_files: rendered.index_files,
                facets: rendered.facets,
                site,
                handouts,
                sources,
            },
        };
        Ok((pages, diagnostics.into_sorted()))
    }

    /// Load, parse, link and render (every page, or with `only`, the page of the entry in that file alone),
    /// with this session's caches; `None` when site.yaml cannot be read.
    fn render(
        &mut self,
        only: Option<&Path>,
        diagnostics: &mut Diagnostics,
    ) -> Option<(Prepared, Option<crate::render::Rendered>)> {
        let mut timer = StageTimer::new();
        let prepared = super::prepare(&self.root, &self.options, Some(&mut self.cache), diagnostics, &mut timer)?;
        let Prepared { site, sources, handouts } = &prepared;
        let scope = match only {
            None => crate::render::Scope::All,
            Some(file) => match site.entries.iter().position(|e| e.source.path == file) {
                Some(entry) => crate::render::Scope::Entry(entry),
                None if site.pages.iter().any(|p| p.source.path == file) => {
                    let page = site.pages.iter().position(|p| p.source.path == file).unwrap_or_default();
                    crate::render::Scope::Page(page)
                }
                // The draft's entry did not parse: its problems say why; no page to show.
                None => return Some((prepared, None)),
            },
        };
        let assets = crate::asset::Assets::new(&self.root, sources, crate::asset::AssetMode::Preview);
        let pages = crate::render::LanguagePages::Cached(&mut self.cache.render);
        let rendered = crate::render::render_languages(site, sources, handouts, &assets, pages, scope, diagnostics);
        timer.stage("render");
        Some((prepared, rendered))
    }

    /// The site as it is on disk now, linked (what the editor's forms are made from), with its problems.
    pub(crate) fn linked(&mut self) -> (Option<crate::graph::LinkedSite>, Vec<Diagnostic>) {
        let mut diagnostics = Diagnostics::default();
        let mut timer = StageTimer::new();
        let prepared = super::prepare(&self.root, &self.options, Some(&mut self.cache), &mut diagnostics, &mut timer);
        (prepared.map(|p| p.site), diagnostics.into_sorted())
    }

    /// What the site would be with `file` (relative to the root) holding `text`, nothing written: every
    /// problem the pages' build finds, and the page at `page` (an output path) if it rendered. The session's
    /// caches then forget the draft, so the next build reads the file from disk again.
    pub(crate) fn draft(&mut self, file: &Path, text: String, page: &str) -> (Vec<Diagnostic>, Option<Vec<u8>>) {
        let absolute = self.root.join(file);
        self.cache.read.put(&absolute, crate::source::SourceFile::new(file.to_path_buf(), text));
        let mut diagnostics = Diagnostics::default();
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let built = self.render(Some(file), &mut diagnostics);
            // The editorial warnings `sinew check` gives, for this file: shown as the author types.
            if let Some((prepared, _)) = &built {
                crate::lint::lint(&prepared.site, crate::model::Date::today(), Some(file), &mut diagnostics);
            }
            built
        }));
        self.cache.read.mark_changed(&absolute);
        match built {
            Ok(built) => {
                let html = built
                    .and_then(|(_, rendered)| rendered)
                    .and_then(|r| r.tree.get(page).and_then(|f| f.contents.in_memory()).map(<[u8]>::to_vec));
                (diagnostics.into_sorted(), html)
            }
            Err(payload) => {
                self.cache = BuildCache::default();
                (vec![Diagnostic::internal(&*payload, "The draft was not checked")], None)
            }
        }
    }
}

impl Extras {
    /// The search index and the PDFs whose sheet or template changed (the others are kept), with the PDFs'
    /// problems. After a panic (a bug), `None` with the error, and the next build starts afresh.
    pub(crate) fn files(&mut self, pending: &Pending) -> (Option<ExtraFiles>, Vec<Diagnostic>) {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.build_files(pending))) {
            Ok((files, problems)) => (Some(files), problems),
            Err(payload) => {
                *self = Extras::default();
                let outcome = "The preview keeps the last search index and PDFs it made";
                (None, vec![Diagnostic::internal(&*payload, outcome)])
            }
        }
    }

    /// The problems of the output check over the pages and `files` (made by `files` from the same pending).
    pub(crate) fn check(&mut self, pending: &Pending, files: &ExtraFiles) -> Vec<Diagnostic> {
        // The site as `sinew build` publishes it: the pages, and beside them these files, which are link
        // targets but hold no links to check (a page linking to a PDF that failed is broken here as there).
        let beside: HashMap<String, Arc<PageSource>> =
            files.keys().map(|path| (path.clone(), Arc::default())).collect();
        let base_path = &pending.site.config.base_path;
        let run = || {
            let (pages, scans) = (&pending.page_sources, Some(&mut self.scans));
            super::check_output(&pending.tree, base_path, pages, &beside, &pending.sources, scans)
        };
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
            Ok(problems) => problems,
            Err(payload) => {
                self.scans = crate::output::link_check::ScanCache::default();
                vec![Diagnostic::internal(&*payload, "The preview did not check this build's links")]
            }
        }
    }

    fn build_files(&mut self, pending: &Pending) -> (ExtraFiles, Vec<Diagnostic>) {
        let mut diagnostics = Diagnostics::default();
        let mut extras = ExtraFiles::new();
        // Only the documents whose text changed are analysed again (search::Indexer).
        for (path, bytes) in self.indexer.build(&pending.search_docs, &pending.site.config, &pending.facets) {
            let file = OutputFile { contents: Contents::Shared(bytes.into()), origin: "the search index".into() };
            extras.insert(path, file);
        }
        let taken = |path: &str| pending.tree.contains(path);
        extras.extend(crate::render::discovery_files(&pending.site, &pending.handouts, &taken));
        // Other languages' indexes are made whole with their pages (the preview's cached indexer is the default's).
        for (path, contents) in &pending.index_files {
            let file = OutputFile { contents: contents.clone(), origin: "the search index".into() };
            extras.insert(path.clone(), file);
        }
        let template_hash = {
            let mut hasher = xxhash_rust::xxh3::Xxh3::new();
            for file in &pending.sources.handout_files {
                (&file.name, std::fs::read(&file.source).ok()).hash(&mut hasher);
            }
            hasher.finish()
        };
        let fingerprint = |handout: &BuiltHandout| {
            let mut hasher = xxhash_rust::xxh3::Xxh3::new();
            (template_hash, serde_json::to_string(&handout.sheet).unwrap_or_default()).hash(&mut hasher);
            hasher.finish()
        };
        let stale: Vec<BuiltHandout> = pending
            .handouts
            .iter()
            .filter(|h| self.pdfs.get(&h.pdf_path()).is_none_or(|(hash, _)| *hash != fingerprint(h)))
            .cloned()
            .collect();
        let made = crate::handout::render_pdfs(&stale, &pending.sources);
        for (handout, pdf) in stale.iter().zip(made) {
            match pdf {
                Ok((bytes, warnings)) => {
                    diagnostics.extend(warnings);
                    self.pdfs.insert(handout.pdf_path(), (fingerprint(handout), bytes.into()));
                }
                Err(errors) => diagnostics.extend(errors),
            }
        }
        self.pdfs.retain(|path, _| pending.handouts.iter().any(|h| h.pdf_path() == *path));
        for (path, (_, bytes)) in &self.pdfs {
            let file = OutputFile { contents: Contents::Shared(bytes.clone()), origin: format!("the PDF {path}") };
            extras.insert(path.clone(), file);
        }
        (extras, diagnostics.into_sorted())
    }
}
