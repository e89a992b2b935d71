//! The build pipeline shared by `build`, `check` and (later) `serve`: load -> parse -> link -> render, with
//! handouts checked after linking and their PDFs made beside the pages. `load_site` stops after linking.
//! Later stages run even after earlier errors where they still can (an unknown id is reported beside a bad
//! field), so one run reports everything; nothing is returned for publishing while there are errors.

use crate::diag::{Diagnostic, Diagnostics};
use crate::graph::{self, LinkedSite};
use crate::handout::{BuiltHandout, PdfFile};
use crate::model::{self, Entry, Page};
use crate::output::{Contents, OutputFile, OutputTree};
use crate::source::{self, ContentKind, Sources};
use rayon::prelude::*;
use std::path::Path;

pub struct Built {
    pub site: LinkedSite,
    pub tree: OutputTree,
}

pub fn build_site(root: &Path, drafts: bool, diagnostics: &mut Diagnostics) -> Option<Built> {
    let mut timer = StageTimer::new();
    let (site, sources) = load_and_link(root, drafts, diagnostics, &mut timer)?;
    // Handouts: parsed and checked against the linked site; their PDFs are made while the pages render.
    let handouts = crate::handout::load(&site, &sources, drafts, diagnostics);
    timer.stage("handouts");
    let mut render_diagnostics = Diagnostics::default();
    // A build that already failed is not published: skip the PDFs, the slowest part, and report the rest.
    let pdf_handouts = if diagnostics.has_errors() { &[][..] } else { &handouts[..] };
    let (rendered, pdfs) = rayon::join(
        || crate::render::render(&site, &sources, &handouts, &mut render_diagnostics),
        || crate::handout::render_pdfs(pdf_handouts, &sources),
    );
    diagnostics.extend(render_diagnostics.into_sorted());
    let rendered = rendered?;
    timer.stage("render");
    let mut tree = rendered.tree;
    add_pdfs(&mut tree, &handouts, pdfs, diagnostics);
    for (path, bytes) in crate::search::build(&rendered.search_docs, &site.config, &rendered.facets) {
        let file = OutputFile { contents: Contents::Bytes(bytes.into()), origin: "the search index".into() };
        if let Err(error) = tree.insert(path, file) {
            diagnostics.push(error);
        }
    }
    timer.stage("search index");
    if diagnostics.has_errors() {
        return None;
    }
    Some(Built { site, tree })
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
    load_and_link(root, drafts, diagnostics, &mut StageTimer::new())
}

fn load_and_link(
    root: &Path,
    drafts: bool,
    diagnostics: &mut Diagnostics,
    timer: &mut StageTimer,
) -> Option<(LinkedSite, Sources)> {
    let config_file = match source::read_config(root) {
        Ok(file) => file,
        Err(error) => {
            diagnostics.push(error);
            return None;
        }
    };
    let (config, config_diagnostics) = crate::config::parse(&config_file.path, &config_file.text);
    diagnostics.extend(config_diagnostics.into_sorted());
    let config = config?;
    let mut sources = source::load(root, &config, diagnostics);
    timer.stage("load");

    let parsed: Vec<(Option<Parsed>, Diagnostics)> = std::mem::take(&mut sources.content)
        .into_par_iter()
        .map(|file| match file.kind {
            ContentKind::Entry { collection, id } => {
                let (entry, problems) = model::parse_entry(file.file, collection, id, &config);
                (entry.map(Parsed::Entry), problems)
            }
            kind => {
                let (page, problems) = model::parse_page(file.file, kind);
                (page.map(Parsed::Page), problems)
            }
        })
        .collect();
    let mut entries: Vec<Entry> = Vec::new();
    let mut pages: Vec<Page> = Vec::new();
    for (parsed, problems) in parsed {
        diagnostics.extend(problems.into_sorted());
        match parsed {
            Some(Parsed::Entry(entry)) => entries.push(entry),
            Some(Parsed::Page(page)) if drafts || !page.fields.draft => pages.push(page),
            Some(Parsed::Page(_)) | None => {}
        }
    }
    timer.stage("parse");
    // Later stages run even after field errors, so one build reports every problem (an unknown id, a broken
    // link) at once; the output is simply never published while there are errors.
    let site = graph::link(config, entries, pages, drafts, diagnostics);
    timer.stage("link");
    Some((site, sources))
}

enum Parsed {
    Entry(Entry),
    Page(Page),
}

/// Prints how long each stage took when `SINEW_TIMINGS` is set: for profiling, never part of normal output.
struct StageTimer {
    enabled: bool,
    last: std::time::Instant,
}

impl StageTimer {
    fn new() -> Self {
        StageTimer { enabled: std::env::var_os("SINEW_TIMINGS").is_some(), last: std::time::Instant::now() }
    }

    fn stage(&mut self, name: &str) {
        if self.enabled {
            eprintln!("timing: {name} {:.1} ms", self.last.elapsed().as_secs_f64() * 1000.0);
        }
        self.last = std::time::Instant::now();
    }
}
