//! The build pipeline shared by `build`, `check` and (later) `serve`: load -> parse -> link -> render.
//! Stops between stages when a stage found errors, after collecting all of that stage's problems.

use crate::diag::Diagnostics;
use crate::graph::{self, LinkedSite};
use crate::model::{self, Entry, Page};
use crate::output::{Contents, OutputFile, OutputTree};
use crate::source::{self, ContentKind};
use rayon::prelude::*;
use std::path::Path;

pub struct Built {
    pub site: LinkedSite,
    pub tree: OutputTree,
}

pub fn build_site(root: &Path, drafts: bool, diagnostics: &mut Diagnostics) -> Option<Built> {
    let mut timer = StageTimer::new();
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
    let rendered = crate::render::render(&site, &sources, diagnostics)?;
    timer.stage("render");
    let mut tree = rendered.tree;
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
