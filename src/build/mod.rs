//! BUILD: the one pipeline every command runs: load -> parse -> link -> render -> check output, and the caches
//! that let the preview redo only what a change affects. `sinew build` and `sinew check` call `build_site`;
//! `sinew handout` calls `load_site` (it stops after linking); `sinew serve` keeps a `Session`. Later stages
//! run even after earlier errors where they still can (an unknown id is reported beside a bad field), so one
//! run reports everything; nothing is returned for publishing while there are errors. Writing the output is
//! the caller's (`output::Spool`): a build given a spool writes its pages into the spool's staging folder as they
//! are made, and nothing here touches the output folder itself.

mod one_off;
mod parse;
mod session;
mod timer;

pub(crate) use one_off::{OneOff, SheetFormat, local_today, one_off_handout};
pub(crate) use session::{ExtraFiles, Extras, Pending, Session};
pub(crate) use timer::StageTimer;

use crate::asset::{AssetMode, Assets};
use crate::diag::{Diagnostic, Diagnostics, Kind};
use crate::graph::{self, LinkedSite};
use crate::handout::{BuiltHandout, PdfFile};
use crate::output::link_check::{LinkCheck, PageSource, ScanCache};
use crate::output::{Contents, OutputFile, OutputTree, Spool};
use crate::render::LanguagePages;
use crate::source::{self, ContentKind, Sources};
use parse::Parsed;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

pub(crate) struct Built {
    pub site: LinkedSite,
    pub tree: OutputTree,
    /// Images resized by this build, and images whose variants came from the image cache.
    pub images: (usize, usize),
}

/// How to build: `sinew build` takes the defaults; `sinew serve` includes drafts and scheduled entries and
/// serves the site from its own address.
#[derive(Debug, Clone, Default)]
pub(crate) struct BuildOptions {
    pub drafts: bool,
    /// Include entries scheduled for a later day (`publish:`), as `--future` does.
    pub future: bool,
    /// Replaces site.yaml's `base_url` (its path part is kept by the caller when it matters).
    pub base_url: Option<String>,
}

/// What one build keeps for the next, so the preview server re-reads, re-parses and re-renders only what a
/// change affects: files the watcher reported, entries whose text changed, pages whose inputs changed.
#[derive(Default)]
pub(crate) struct BuildCache {
    pub(crate) read: source::ReadCache,
    parse: parse::ParseCache,
    /// One render cache per language, the default language's first.
    pub(crate) render: Vec<crate::render::RenderCache>,
    /// The last graph, reused while no entry's front matter changed.
    link: Option<graph::LinkMemo>,
    /// The last read of each translation.
    translations: crate::languages::TranslationCache,
}

/// The site loaded, parsed and linked, with its handouts checked: everything rendering needs.
pub(crate) struct Prepared {
    pub(crate) site: LinkedSite,
    pub(crate) sources: Sources,
    pub(crate) handouts: Vec<BuiltHandout>,
}

/// Builds the whole site, every check included: for publishing (`AssetMode::Publish`: fingerprinted CSS and JS,
/// resized images) or for `sinew check` (`AssetMode::Check`: images checked, not resized). With a `spool`
/// (`sinew build`), each page is written to the publish's staging folder as it is made, not held.
pub(crate) fn build_site(
    root: &Path,
    options: &BuildOptions,
    mode: AssetMode,
    spool: Option<&Spool>,
    diagnostics: &mut Diagnostics,
) -> Option<Built> {
    let mut timer = StageTimer::new();
    let prepared = prepare(root, options, None, diagnostics, &mut timer)?;
    let Prepared { site, sources, handouts } = &prepared;
    let assets = Assets::new(root, sources, mode);
    diagnostics.extend(assets.stylesheets.warnings.iter().cloned());
    let mut render_diagnostics = Diagnostics::default();
    // A build that already failed is not published: skip the PDFs, the slowest part, and report the rest.
    let pdf_handouts = if diagnostics.has_errors() { &[][..] } else { &handouts[..] };
    let (rendered, pdfs) = rayon::join(
        || {
            crate::render::render_languages(
                site,
                sources,
                handouts,
                &assets,
                spool.map_or(LanguagePages::Held, LanguagePages::Spooled),
                crate::render::Scope::All,
                &mut render_diagnostics,
            )
        },
        || crate::handout::render_pdfs(pdf_handouts, sources),
    );
    diagnostics.extend(render_diagnostics.into_sorted());
    let rendered = rendered?;
    timer.stage("render");
    let mut tree = rendered.tree;
    assets.finish(&mut tree);
    add_pdfs(&mut tree, handouts, pdfs, diagnostics);
    // Made as the pages were (render_languages), each language's as soon as its pages were done.
    add_search_index(&mut tree, rendered.index_files, diagnostics);
    timer.stage("search index");
    // Checked even after errors, so one run reports every problem: the pages that failed are known by their
    // paths (a link to one is not broken), and so are the PDFs skipped because the build had failed.
    let mut unrendered = rendered.unrendered;
    for handout in handouts {
        if !tree.contains(&handout.pdf_path()) {
            unrendered.entry(handout.pdf_path()).or_default();
        }
    }
    let (base_path, pages) = (&site.config.base_path, &rendered.page_sources);
    crate::render::redirects::check(site, &tree, diagnostics);
    let mut scans = rendered.scans;
    let checked = check_output(&tree, base_path, pages, &unrendered, sources, Some(&mut scans));
    // One problem per place: an image the render stage could not find is not also a broken link there.
    let place = |d: &Diagnostic| d.location.as_ref().map(|l| (l.file.clone(), l.line, l.column));
    let reported: HashSet<_> = diagnostics.iter().filter(|d| d.is_error()).filter_map(place).collect();
    diagnostics.extend(checked.into_iter().filter(|d| place(d).is_none_or(|p| !reported.contains(&p))));
    timer.stage("link check");
    if diagnostics.has_errors() {
        return None;
    }
    Some(Built { site: prepared.site, tree, images: assets.images.counts() })
}

/// CHECK OUTPUT: every site link in the output leads to a file of it, and every `#fragment` to an id on its
/// page. Reported at the Markdown line a link was written on, or at its template.
pub(crate) fn check_output(
    tree: &OutputTree,
    base_path: &str,
    page_sources: &HashMap<String, Arc<PageSource>>,
    unrendered: &HashMap<String, Arc<PageSource>>,
    sources: &Sources,
    scans: Option<&mut ScanCache>,
) -> Vec<Diagnostic> {
    let check = LinkCheck { tree, base_path, page_sources, unrendered, templates: &sources.templates };
    match scans {
        Some(scans) => check.run_cached(scans),
        None => check.run(),
    }
}

/// Load, parse, link and check handouts, reusing what `cache` holds. `None` when site.yaml cannot be read.
pub(crate) fn prepare(
    root: &Path,
    options: &BuildOptions,
    cache: Option<&mut BuildCache>,
    diagnostics: &mut Diagnostics,
    timer: &mut StageTimer,
) -> Option<Prepared> {
    let (site, sources) = load_and_link(root, options, cache, diagnostics, timer)?;
    // Handouts: parsed and checked against the linked site; their PDFs are made while the pages render.
    let handouts = crate::handout::load(&site, &sources, options.drafts, diagnostics);
    timer.stage("handouts");
    Some(Prepared { site, sources, handouts })
}

/// Adds the search index's files to the tree.
pub(crate) fn add_search_index(tree: &mut OutputTree, files: Vec<(String, Contents)>, diagnostics: &mut Diagnostics) {
    for (path, contents) in files {
        let file = OutputFile { contents, origin: "the search index".into() };
        if let Err(error) = tree.insert(path, file) {
            diagnostics.push(error);
        }
    }
}

/// Puts each handout's PDF in the tree beside its page. A broken PDF template fails every handout the same
/// way: each problem is reported once.
fn add_pdfs(
    tree: &mut OutputTree,
    handouts: &[BuiltHandout],
    pdfs: Vec<Result<PdfFile, Vec<Diagnostic>>>,
    diagnostics: &mut Diagnostics,
) {
    let mut seen: Vec<Diagnostic> = Vec::new();
    let mut report = |problems: Vec<Diagnostic>, diagnostics: &mut Diagnostics| {
        for problem in problems {
            if !seen.contains(&problem) {
                seen.push(problem.clone());
                diagnostics.push(problem);
            }
        }
    };
    for (handout, pdf) in handouts.iter().zip(pdfs) {
        match pdf {
            Ok((bytes, warnings)) => {
                report(warnings, diagnostics);
                let file = OutputFile {
                    contents: Contents::Bytes(bytes.into()),
                    origin: format!("the PDF of {}", handout.source.display()),
                };
                if let Err(error) = tree.insert(handout.pdf_path(), file) {
                    diagnostics.push(error);
                }
            }
            Err(errors) => report(errors, diagnostics),
        }
    }
}

/// The site loaded, parsed and linked, without rendering (what `sinew handout` needs), and what was loaded.
/// `None` when site.yaml cannot be read; otherwise problems are in `diagnostics`.
pub fn load_site(root: &Path, drafts: bool, diagnostics: &mut Diagnostics) -> Option<(LinkedSite, Sources)> {
    let options = BuildOptions { drafts, ..BuildOptions::default() };
    load_and_link(root, &options, None, diagnostics, &mut StageTimer::new())
}

/// The day of the build in the practitioner's time zone (UTC when it cannot be told): scheduled entries are
/// published from it, and reviews fall due by it.
pub(crate) fn today() -> crate::model::Date {
    local_today().unwrap_or_else(crate::model::Date::today)
}

fn load_and_link(
    root: &Path,
    options: &BuildOptions,
    mut cache: Option<&mut BuildCache>,
    diagnostics: &mut Diagnostics,
    timer: &mut StageTimer,
) -> Option<(LinkedSite, Sources)> {
    let drafts = options.drafts;
    let release = crate::model::Release { drafts, future: options.future, today: today() };
    let config_file = match source::read_config(root) {
        Ok(file) => file,
        Err(error) => {
            diagnostics.push(error);
            return None;
        }
    };
    let (config, config_diagnostics) = crate::config::parse(&config_file.path, &config_file.text);
    diagnostics.extend(config_diagnostics.into_sorted());
    let mut config = config?;
    if let Some(base_url) = &options.base_url {
        config.base_url.clone_from(base_url);
    }
    let mut sources = source::load(root, &config, diagnostics, cache.as_deref_mut().map(|c| &mut c.read));
    // The theme completes the schema: its body map regions are the words `regions:` accepts.
    if let Some(file) = &sources.body_map {
        config.set_regions(crate::config::body_map::parse(&file.path, &file.text, diagnostics));
    }
    // ...and search its word forms, each language's.
    config.word_forms = (sources.search_words.iter())
        .map(|(code, file)| (code.clone(), crate::search::word_forms(&file.text)))
        .collect();
    // Parses and links are remembered against site.yaml and the regions together.
    let config_key = match &sources.body_map {
        Some(file) => format!("{}\n{}", config_file.text, file.text),
        None => config_file.text.to_string(),
    };
    timer.stage("load");

    let (translations, files): (Vec<_>, Vec<_>) =
        std::mem::take(&mut sources.content).into_iter().partition(|file| file.language.is_some());
    // Only translations are checked against the originals: a site in one language makes no set of every file.
    let originals: HashSet<std::path::PathBuf> = if translations.is_empty() {
        HashSet::new()
    } else {
        files.iter().map(|file| file.file.path.clone()).collect()
    };
    let parsed = match cache.as_deref_mut() {
        Some(cache) => parse::parse_cached(files, &config, &config_key, &mut cache.parse),
        None => parse::parse_all(files, &config),
    };
    let mut unlinked = graph::Unlinked {
        entries: Vec::new(),
        pages: Vec::new(),
        unreadable: sources.unreadable.iter().map(|(collection, id)| (id.to_string(), *collection)).collect(),
    };
    // A home page that failed to parse is reported at its file, not again as missing.
    let has_home = parsed.iter().any(|(kind, _)| *kind == ContentKind::Home);
    if !has_home {
        diagnostics.push(
            Diagnostic::error(Kind::Content, "the site has no home page")
                .help("create content/_index.md with a title and a few words about the site"),
        );
    }
    for (kind, (parsed, problems)) in parsed {
        diagnostics.extend(problems);
        match parsed {
            Some(Parsed::Entry(entry)) => unlinked.entries.push(entry),
            Some(Parsed::Page(page)) if release.publishes(&page.fields) => unlinked.pages.push(page),
            Some(Parsed::Page(_)) => {}
            None => {
                if let ContentKind::Entry { collection, id } = kind {
                    unlinked.unreadable.insert(id.to_string(), collection);
                }
            }
        }
    }
    timer.stage("parse");
    // Later stages run even after field errors, so one build reports every problem (an unknown id, a broken
    // link) at once; the output is simply never published while there are errors.
    let config_hash = xxhash_rust::xxh3::xxh3_64(config_key.as_bytes());
    let mut site = match cache.as_deref_mut() {
        Some(cache) => graph::link_with_memo(config, config_hash, unlinked, release, diagnostics, &mut cache.link),
        None => graph::link(config, unlinked, release, diagnostics),
    };
    let strings = crate::strings::load(&sources.strings, diagnostics);
    let kept = cache.map(|cache| (&mut cache.translations, config_hash));
    crate::languages::add_translations(&mut site, translations, &originals, strings, release, kept, diagnostics);
    timer.stage("link");
    Some((site, sources))
}
