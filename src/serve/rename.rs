//! Renaming and deleting an entry from the editor. Both first answer what they would change (`apply: false`):
//! every file that names the entry. A rename then changes the id in all of them and moves the entry's file,
//! all or nothing: every new file is written beside its old one first, and only when all are written are they
//! put in place. A delete is refused while anything names the entry.

use super::Preview;
use super::editor::{Linked, Refusal, guarded};
use super::site_files::confined;
use crate::edit;
use crate::fields::id::Id;
use crate::graph::{LinkedSite, Lookup};
use crate::source::SourceFile;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    collection: String,
    id: String,
    /// For a rename: the new id (made into one from a title if it is not).
    #[serde(default)]
    new_id: Option<String>,
    /// `false`: only say what would change.
    #[serde(default)]
    apply: bool,
}

pub(super) async fn rename(State(preview): State<Arc<Preview>>, headers: HeaderMap, body: Bytes) -> Response {
    guarded(preview, headers, body, renamed).await
}

pub(super) async fn delete(State(preview): State<Arc<Preview>>, headers: HeaderMap, body: Bytes) -> Response {
    guarded(preview, headers, body, deleted).await
}

/// Every content file of the site as read (entries, pages, handouts), and the front matter keys whose lists
/// hold ids: every relation key, and a handout's `stretches`.
fn site_files(root: &Path, site: &LinkedSite) -> (Vec<SourceFile>, Vec<String>) {
    let mut files: Vec<SourceFile> = site.entries.iter().map(|e| e.source.clone()).collect();
    files.extend(site.pages.iter().map(|p| p.source.clone()));
    // Translations name entries too (`[[figure-four|…]]` in figure-four.es.md).
    for view in &site.translations {
        files.extend(view.entries.iter().filter(|e| e.language.is_some()).map(|e| e.source.clone()));
        files.extend(view.pages.iter().filter(|p| p.language.is_some()).map(|p| p.source.clone()));
    }
    let handouts = Path::new("content").join("handouts");
    if let Ok(listing) = std::fs::read_dir(root.join(&handouts)) {
        for file in listing.flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            if crate::source::is_markdown(Path::new(&name)) && !crate::source::is_ignored(&name) {
                let relative = handouts.join(&name);
                if let Ok(text) = super::site_files::read_entry_file(root, &relative)
                    .and_then(|b| crate::source::decode(&relative, &b).map_err(|d| d.message))
                {
                    files.push(SourceFile::new(relative, text));
                }
            }
        }
    }
    let config = &site.config;
    let mut keys: Vec<String> = (0..config.collections.len())
        .flat_map(|c| config.relation_keys(c).map(|(k, _, _)| k.to_string()).collect::<Vec<_>>())
        .collect();
    keys.push("stretches".into());
    keys.sort();
    keys.dedup();
    (files, keys)
}

fn renamed(linked: &mut Linked, root: &Path, request: &Request) -> Result<(StatusCode, Value), Refusal> {
    let (site, target, _) = linked.entry(root, &request.collection, &request.id)?;
    let edit::Target::Entry(index) = target else {
        return Err((StatusCode::CONFLICT, "pages are renamed and deleted by their files, not here".into()));
    };
    let entry = &site.entries[index];
    let wanted = request.new_id.as_deref().unwrap_or_default().trim();
    let refuse = |why: String| Err((StatusCode::CONFLICT, why));
    // A title is made into an id as `sinew new` does ("Child's pose" -> childs-pose).
    let Some(new_id) = Id::parse(wanted).or_else(|slug| Id::parse(&slug)).ok() else {
        return refuse("give the new name, with at least one letter or digit".into());
    };
    if new_id.as_str() == entry.id.as_str() {
        return refuse(format!("the entry is already called {new_id}"));
    }
    let taken = !matches!(site.lookup(new_id.as_str(), None), Lookup::Missing { .. });
    let collection = site.config.collections[entry.collection].name.to_string();
    let new_file = entry.source.path.with_file_name(format!("{new_id}.md"));
    if taken || root.join(&new_file).exists() {
        return refuse(format!("another entry is already called {new_id}: choose another name"));
    }
    let (files, keys) = site_files(root, &site);
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let references = edit::references(&files, &keys, &collection, entry.id.as_str());
    let old_url = site.config.url(&entry.path(&site.config));
    let note = format!(
        "Links inside the site are updated. The page's old address {old_url} keeps working for bookmarks and \
         other sites: it is added to the page's redirect_from, and leads to the new one."
    );
    if !request.apply {
        return Ok((
            StatusCode::OK,
            json!({ "new_id": new_id.as_str(), "file": new_file, "references": references, "note": note }),
        ));
    }
    let mut changed = edit::renamed(&files, &references, new_id.as_str());
    // The entry's file and its translations' (`figure-four.es.md` -> `new-id.es.md`) move with it.
    let mut renamed_files = vec![(entry.source.path.clone(), new_file.clone())];
    for view in &site.translations {
        let translation = &view.entries[index];
        if let Some(code) = &translation.language {
            let to = translation.source.path.with_file_name(format!("{new_id}.{code}.md"));
            renamed_files.push((translation.source.path.clone(), to));
        }
    }
    for (from, _) in &renamed_files {
        if !changed.iter().any(|(path, _)| path == from)
            && let Some(file) = files.iter().find(|f| f.path == *from)
        {
            changed.push((from.clone(), file.text.to_string()));
        }
    }
    // Old addresses lead on: the original's, and each translation's that is addressed by the id (one with
    // its own `slug:` keeps its address).
    let addressed_by_id = std::iter::once(&**entry).chain(
        site.translations.iter().map(|view| &*view.entries[index]).filter(|t| t.language.is_some() && t.slug.is_none()),
    );
    for moved in addressed_by_id {
        if let Some((_, text)) = changed.iter_mut().find(|(path, _)| *path == moved.source.path) {
            let file = SourceFile::new(moved.source.path.clone(), std::mem::take(text));
            *text = edit::with_old_address(&file, moved.fields.redirect_from(), entry.id.as_str())
                .unwrap_or_else(|| file.text.to_string());
        }
    }
    let moves: Vec<(PathBuf, PathBuf, String)> = changed
        .into_iter()
        .map(|(path, text)| {
            let to =
                renamed_files.iter().find(|(from, _)| *from == path).map_or_else(|| path.clone(), |(_, to)| to.clone());
            (path, to, text)
        })
        .collect();
    put_in_place(root, &files, &moves).map_err(|why| (StatusCode::CONFLICT, why))?;
    let edit_url = format!("/__sinew/edit/{collection}/{new_id}");
    let files: Vec<&PathBuf> = moves.iter().map(|(_, to, _)| to).collect();
    Ok((StatusCode::OK, json!({ "new_id": new_id.as_str(), "edit": edit_url, "files": files, "note": note })))
}

/// Writes each `(from, to, text)` (the text in the file's own line ends), all or nothing: a file that changed
/// on disk since it was read stops everything before anything is put in place; then the moved file is made
/// (never replacing one), the others replaced, and the moved file's old name removed.
fn put_in_place(root: &Path, files: &[SourceFile], moves: &[(PathBuf, PathBuf, String)]) -> Result<(), String> {
    let mut staged: Vec<(PathBuf, PathBuf, PathBuf)> = Vec::new(); // temporary, from, to (absolute)
    let cleanup = |staged: &[(PathBuf, PathBuf, PathBuf)]| {
        for (temporary, _, _) in staged {
            let _ = std::fs::remove_file(temporary);
        }
    };
    for (from, to, text) in moves {
        let read = files.iter().find(|f| f.path == *from).map(|f| &*f.text);
        let absolute = confined(root, from)?;
        let bytes = std::fs::read(&absolute).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        if crate::source::decode(from, &bytes).ok().as_deref() != read {
            cleanup(&staged);
            return Err(format!("{} changed on disk a moment ago; nothing was changed: try again", from.display()));
        }
        let name = absolute.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temporary = absolute.with_file_name(format!(".{name}.sinew-{}.tmp", std::process::id()));
        if let Err(error) = std::fs::write(&temporary, edit::encode_like(&bytes, text)) {
            cleanup(&staged);
            return Err(format!("cannot write beside {}: {error}", from.display()));
        }
        staged.push((temporary, absolute.clone(), absolute.with_file_name(to.file_name().unwrap_or_default())));
    }
    // The moved file first: a hard link fails if the new name exists, so nothing is ever replaced.
    for (temporary, from, to) in &staged {
        if from != to
            && let Err(error) = std::fs::hard_link(temporary, to)
        {
            cleanup(&staged);
            return Err(format!("cannot make {}: {error}", to.display()));
        }
    }
    for (temporary, from, to) in &staged {
        if from == to {
            std::fs::rename(temporary, to).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        } else {
            let _ = std::fs::remove_file(temporary);
            std::fs::remove_file(from).map_err(|e| format!("cannot remove {}: {e}", from.display()))?;
        }
    }
    Ok(())
}

fn deleted(linked: &mut Linked, root: &Path, request: &Request) -> Result<(StatusCode, Value), Refusal> {
    let (site, target, _) = linked.entry(root, &request.collection, &request.id)?;
    let edit::Target::Entry(index) = target else {
        return Err((StatusCode::CONFLICT, "pages are renamed and deleted by their files, not here".into()));
    };
    let entry = &site.entries[index];
    let collection = site.config.collections[entry.collection].name.to_string();
    let (files, keys) = site_files(root, &site);
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let own = entry.source.path.to_string_lossy().replace('\\', "/");
    let references: Vec<edit::Reference> =
        edit::references(&files, &keys, &collection, entry.id.as_str()).into_iter().filter(|r| r.file != own).collect();
    if !references.is_empty() {
        let why = format!(
            "{} other place{} still name{} this entry: remove {} first",
            references.len(),
            if references.len() == 1 { "" } else { "s" },
            if references.len() == 1 { "s" } else { "" },
            if references.len() == 1 { "it" } else { "them" },
        );
        return Ok((StatusCode::OK, json!({ "deleted": false, "references": references, "why": why })));
    }
    let listing = site.config.url(&site.config.collection_path(entry.collection));
    if !request.apply {
        return Ok((StatusCode::OK, json!({ "deleted": false, "references": [], "file": own })));
    }
    let absolute = confined(root, &entry.source.path).map_err(|why| (StatusCode::FORBIDDEN, why))?;
    std::fs::remove_file(&absolute).map_err(|e| (StatusCode::CONFLICT, format!("cannot delete {own}: {e}")))?;
    Ok((StatusCode::OK, json!({ "deleted": true, "file": own, "listing": listing })))
}
