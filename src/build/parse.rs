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
    // A file whose parse is kept is looked up once, by its path as it is, and its result copied from there.
    let results: Vec<Reparsed> = files
        .into_par_iter()
        .map(|file| match cache.parsed.get(&file.file.path) {
            Some(old) if old.kind == file.kind && old.text_hash == file.file.hash => {
                Reparsed::Kept(path_hash(&file.file.path), old.result())
            }
            _ => {
                let (path, kind, text_hash) = (file.file.path.clone(), file.kind.clone(), file.file.hash);
                let (parsed, problems) = parse(file, config);
                Reparsed::New(path, CachedParse { kind, text_hash, parsed, problems })
            }
        })
        .collect();
    // A file gone: the cache holds a path this build has not. (An edit keeps the count and every path.)
    let added = results
        .iter()
        .filter(|result| matches!(result, Reparsed::New(path, _) if !cache.parsed.contains_key(path)))
        .count();
    if results.len() != cache.parsed.len() + added {
        let present: std::collections::HashSet<u64> = results
            .iter()
            .map(|result| match result {
                Reparsed::Kept(hash, _) => *hash,
                Reparsed::New(path, _) => path_hash(path),
            })
            .collect();
        cache.parsed.retain(|path, _| present.contains(&path_hash(path)));
    }
    results
        .into_iter()
        .map(|result| match result {
            Reparsed::Kept(_, result) => result,
            Reparsed::New(path, new) => {
                let result = new.result();
                cache.parsed.insert(path, new);
                result
            }
        })
        .collect()
}

/// A file's parse this build: the cached one (with a hash of its path), or a new one to cache under its path.
enum Reparsed {
    Kept(u64, (ContentKind, ParseResult)),
    New(PathBuf, CachedParse),
}

fn path_hash(path: &std::path::Path) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_os_str().as_encoded_bytes())
}

#[derive(Clone)]
struct CachedParse {
    kind: ContentKind,
    text_hash: u64,
    parsed: Option<Parsed>,
    problems: Vec<Diagnostic>,
}

impl CachedParse {
    fn result(&self) -> (ContentKind, ParseResult) {
        (self.kind.clone(), (self.parsed.clone(), self.problems.clone()))
    }
}
