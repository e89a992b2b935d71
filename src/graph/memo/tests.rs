//! A graph taken from the memo (as it is, or renumbered after title edits) must be the graph `link` makes.

use super::{LinkMemo, link_with_memo};
use crate::config::{SiteConfig, parse};
use crate::diag::Diagnostics;
use crate::fields::Id;
use crate::graph::{LinkedSite, Unlinked, link};
use crate::model::{Date, Release, parse_entry};
use crate::source::SourceFile;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SITE: &str = "title: T\nbase_url: https://e.org/\ncollections:\n  stretches:\n    relations:\n      muscles: muscles\n  muscles: {}\n";

fn config() -> SiteConfig {
    let (config, diagnostics) = parse(Path::new("site.yaml"), SITE);
    assert!(!diagnostics.has_errors(), "{diagnostics:?}");
    config.unwrap()
}

fn release() -> Release {
    Release { drafts: false, future: false, today: Date::parse("2026-12-06").unwrap() }
}

/// (collection, id, front matter lines) -> the entries as `link` is given them.
fn unlinked(files: &[(usize, &str, &str)]) -> Unlinked {
    let config = config();
    let entries = files
        .iter()
        .map(|&(collection, id, front)| {
            let folder = ["stretches", "muscles"][collection];
            let text = format!("---\n{front}\n---\nBody of {id}.\n");
            let source = SourceFile::new(PathBuf::from(format!("content/{folder}/{id}.md")), text);
            let (entry, problems) = parse_entry(source, collection, Id::parse(id).unwrap(), &config);
            assert!(!problems.has_errors(), "{id}: {problems:?}");
            Arc::new(entry.unwrap())
        })
        .collect();
    Unlinked { entries, pages: Vec::new(), unreadable: std::collections::HashMap::default() }
}

/// What a build reads of a graph: the entries' order (by id), the links, every id's position, the problems.
fn graph(site: &LinkedSite, diagnostics: Diagnostics) -> String {
    let ids: Vec<&str> = site.entries.iter().map(|e| e.id.as_str()).collect();
    let positions: Vec<Option<usize>> = site.entries.iter().map(|e| site.by_id.get(e.id.as_str()).copied()).collect();
    format!("{ids:?}\n{:?}\n{positions:?}\n{:?}\n{:?}", site.links, site.collection_ranges, diagnostics.into_sorted())
}

fn linked_with(memo: &mut Option<LinkMemo>, files: &[(usize, &str, &str)]) -> String {
    let mut diagnostics = Diagnostics::default();
    let site = link_with_memo(config(), 1, unlinked(files), release(), &mut diagnostics, memo);
    graph(&site, diagnostics)
}

fn linked_afresh(files: &[(usize, &str, &str)]) -> String {
    let mut diagnostics = Diagnostics::default();
    let site = link(config(), unlinked(files), release(), &mut diagnostics);
    graph(&site, diagnostics)
}

#[test]
fn a_graph_renumbered_after_title_edits_is_the_graph_linked_afresh() {
    let mut site = vec![
        (0, "bridge", "title: Bridge\nmuscles: [glute-max, hamstrings]"),
        (0, "cat-cow", "title: Cat cow\nmuscles: [erectors]"),
        (0, "figure-four", "title: Figure four\nmuscles: [piriformis, glute-max]"),
        (0, "pigeon", "title: Pigeon\nmuscles: [piriformis, nowhere]"),
        (1, "erectors", "title: Erector spinae"),
        (1, "glute-max", "title: Gluteus maximus"),
        (1, "hamstrings", "title: Hamstrings"),
        (1, "piriformis", "title: Piriformis"),
    ];
    let mut memo = None;
    assert_eq!(linked_with(&mut memo, &site), linked_afresh(&site));
    // A title that moves its entry from first to last, one that moves another way, a summary (no move).
    site[0].2 = "title: Wall bridge\nmuscles: [glute-max, hamstrings]";
    site[7].2 = "title: Deep hip rotator (piriformis)";
    site[1].2 = "title: Cat cow\nmuscles: [erectors]\nsummary: Arch and round.";
    // A graph linked afresh has a new map of the entries held back; one taken from the memo keeps it.
    let kept = |memo: &Option<LinkMemo>| memo.as_ref().map(|m| Arc::as_ptr(&m.held));
    for step in ["renumbered", "the same again"] {
        let before = kept(&memo);
        assert_eq!(linked_with(&mut memo, &site), linked_afresh(&site), "{step}");
        assert_eq!(kept(&memo), before, "{step}: taken from the memo, not linked again");
    }
    // A relation edit is linked afresh.
    site[1].2 = "title: Cat cow\nmuscles: [erectors, hamstrings]";
    let before = kept(&memo);
    assert_eq!(linked_with(&mut memo, &site), linked_afresh(&site));
    assert_ne!(kept(&memo), before);
}
