//! PARSE, as the build runs it: every content file into an entry or a page, in parallel, and (for the preview)
//! a cache that re-parses only the files whose text changed.

use crate::config::SiteConfig;
use crate::diag::Diagnostic;
use crate::model::{self, Entry, Page};
use crate::source::{ContentFile, ContentKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The last parse of each content file, reused while its text, its place and site.yaml are unchanged.
#[derive(Default)]
pub(super) struct ParseCache {
    /// site.yaml's text when `parsed` was made: a change to it (collections, relations) re-parses everything.
    config_text: String,
    /// Each content file's last parse, by path, with its kind and a hash of its text.
    parsed: HashMap<PathBuf, CachedParse>,
}

/// Parses every file, without a cache.
pub(super) fn parse_all(files: Vec<ContentFile>, config: &SiteConfig) -> Vec<(ContentKind, ParseResult)> {
    files.into_par_iter().map(|file| (file.kind.clone(), parse(file, config))).collect()
}

/// A content file's parse: what it became (nothing when its front matter failed), and its problems.
pub(super) type ParseResult = (Option<Parsed>, Vec<Diagnostic>);

#[derive(Clone)]
pub(super) enum Parsed {
    Entry(Arc<Entry>),
    Page(Arc<Page>),
}

fn parse(file: ContentFile, config: &SiteConfig) -> ParseResult {
    let (parsed, problems) = match file.kind {
        ContentKind::Entry { collection, id } => {
            let (entry, problems) = model::parse_entry(file.file, collection, id, config);
            (entry.map(|e| Parsed::Entry(Arc::new(e))), problems)
        }
        kind => {
            let (page, problems) = model::parse_page(file.file, kind);
            (page.map(|p| Parsed::Page(Arc::new(p))), problems)
        }
    };
    (parsed, problems.into_sorted())
}

/// Parses the files whose text (or place) changed since the cached parse, and reuses the rest. The cache
/// keeps exactly the files of this build.
pub(super) fn parse_cached(
    files: Vec<ContentFile>,
    config: &SiteConfig,
    config_text: &str,
    cache: &mut ParseCache,
) -> Vec<(ContentKind, ParseResult)> {
    if cache.config_text != config_text {
        cache.parsed.clear();
        config_text.clone_into(&mut cache.config_text);
    }
    // Reparse what changed (in parallel), then update the cache in place: after one edit, one entry moves.
    let results: Vec<(PathBuf, Option<CachedParse>)> = files
        .into_par_iter()
        .map(|file| {
            let text_hash = file.file.hash;
            let path = file.file.path.clone();
            match cache.parsed.get(&path) {
                Some(old) if old.kind == file.kind && old.text_hash == text_hash => (path, None),
                _ => {
                    let kind = file.kind.clone();
                    let (parsed, problems) = parse(file, config);
                    (path, Some(CachedParse { kind, text_hash, parsed, problems }))
                }
            }
        })
        .collect();
    // A file gone: the cache holds a path this build has not. (An edit keeps the count and every path.)
    let added = results.iter().filter(|(path, new)| new.is_some() && !cache.parsed.contains_key(path)).count();
    if results.len() != cache.parsed.len() + added {
        let present: std::collections::HashSet<&PathBuf> = results.iter().map(|(path, _)| path).collect();
        cache.parsed.retain(|path, _| present.contains(path));
    }
    let mut parsed = Vec::with_capacity(results.len());
    for (path, new) in results {
        let entry = match new {
            Some(new) => {
                cache.parsed.insert(path.clone(), new);
                &cache.parsed[&path]
            }
            None => &cache.parsed[&path],
        };
        parsed.push((entry.kind.clone(), (entry.parsed.clone(), entry.problems.clone())));
    }
    parsed
}

#[derive(Clone)]
struct CachedParse {
    kind: ContentKind,
    text_hash: u64,
    parsed: Option<Parsed>,
    problems: Vec<Diagnostic>,
}
