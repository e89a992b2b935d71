//! What a file under content/ is, from its name and place: an entry, a listing's intro, a plain page or a
//! handout, or editor leftovers to pass over; and why a name cannot be an address.

use super::ContentKind;
use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Kind};
use std::path::Path;
use std::sync::Arc;

/// What a file under content/ is, by its place.
#[derive(Debug, Clone)]
pub(super) enum Placed {
    Content(ContentKind, Option<Arc<str>>),
    /// A handout (its id, or why it has none), in a language or the default.
    Handout(Result<crate::fields::Id, Diagnostic>, Option<Arc<str>>),
    Problem(Diagnostic),
}

pub(super) fn place(path: &Path, content_dir: &Path, config: &SiteConfig) -> Placed {
    let rel = path.strip_prefix(content_dir).unwrap_or(path).to_path_buf();
    if !is_markdown(&rel) {
        return Placed::Problem(super::not_markdown(&rel));
    }
    let (rel, language) = match super::translation_of(&rel, config) {
        Ok(split) => split,
        Err(diagnostic) => return Placed::Problem(diagnostic),
    };
    if let Some(id) = handout_id(&rel, config) {
        return Placed::Handout(id, language);
    }
    match classify(&rel, config) {
        Ok(kind) => Placed::Content(kind, language),
        Err(diagnostic) => Placed::Problem(diagnostic.in_file(&Path::new("content").join(&rel))),
    }
}

/// A Markdown file by its extension: `.md` in any case (`.MD` from a phone or Windows) or `.markdown`.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Editor and OS leftovers: hidden files, emacs locks and autosaves, vim swap/backup files and vim's
/// `4913` write-test file, backups ending in `~`, and Office lock files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".crdownload", ".part", ".crswap"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Decides what a content file is from its place: `rel` is relative to content/.
pub(super) fn classify(rel: &Path, config: &SiteConfig) -> Result<ContentKind, Diagnostic> {
    let parts: Vec<String> = rel.iter().map(name_text).collect();
    let stem = rel.file_stem().map(name_text).unwrap_or_default();
    if parts.len() == 1 && stem == "_index" {
        return Ok(ContentKind::Home);
    }
    if let Some(collection) = config.collection_index(&parts[0]) {
        if parts.len() > 2 {
            return Err(Diagnostic::error(
                Kind::Content,
                format!("collection folders are flat, but this file is in a subfolder of content/{}/", parts[0]),
            )
            .help(format!("move it to content/{}/", parts[0])));
        }
        if stem == "_index" {
            return Ok(ContentKind::CollectionIndex { collection });
        }
        let id = crate::fields::Id::parse(&stem).map_err(|suggestion| bad_name(&stem, &suggestion))?;
        return Ok(ContentKind::Entry { collection, id });
    }
    let mut url_path = String::new();
    for dir in &parts[..parts.len() - 1] {
        check_id(dir)?;
        url_path.push_str(dir);
        url_path.push('/');
    }
    if stem != "_index" {
        check_id(&stem)?;
        url_path.push_str(&stem);
        url_path.push('/');
    }
    Ok(ContentKind::Page { url_path })
}

/// `Some` for content/handouts/<id>.md when no collection is named `handouts`: the handout's id, or why the
/// file name cannot be one.
pub(super) fn handout_id(rel: &Path, config: &SiteConfig) -> Option<Result<crate::fields::Id, Diagnostic>> {
    let mut parts = rel.iter();
    if parts.next()? != "handouts" || config.collection_index("handouts").is_some() || parts.count() != 1 {
        return None;
    }
    let stem = name_text(rel.file_stem()?);
    if stem == "_index" {
        return None;
    }
    Some(
        crate::fields::Id::parse(&stem)
            .map_err(|suggestion| bad_name(&stem, &suggestion).in_file(&Path::new("content").join(rel))),
    )
}

fn check_id(name: &str) -> Result<(), Diagnostic> {
    crate::fields::Id::parse(name).map(|_| ()).map_err(|suggestion| bad_name(name, &suggestion))
}

fn bad_name(name: &str, suggestion: &str) -> Diagnostic {
    let error = Diagnostic::error(
        Kind::Content,
        format!("`{name}` is not a valid name: it becomes part of the page's address"),
    );
    if suggestion.is_empty() {
        return error.help("rename it using lowercase letters, digits and single hyphens, such as `knee-pain`");
    }
    error.help(format!("use lowercase letters, digits and single hyphens: rename it to `{suggestion}`"))
}

/// A file or folder name as text. A name that is not UTF-8 (a file copied from an old system, whose `é` is
/// one Latin-1 byte) is read as Latin-1, so the suggested id keeps its letters (`café` -> `cafe`).
fn name_text(name: &std::ffi::OsStr) -> String {
    if let Some(text) = name.to_str() {
        return text.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        name.as_bytes().iter().map(|&b| char::from(b)).collect()
    }
    #[cfg(not(unix))]
    name.to_string_lossy().into_owned()
}
