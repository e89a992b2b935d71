//! Mending a file the form cannot open: an entry whose front matter does not read (a colon in a step, a
//! missing quote) is shown as its text, with the build's problems at their lines; the author corrects it in
//! the browser, checked as they type, and saves it, never over a change made on disk meanwhile. Once it reads,
//! the page opens the form.

use super::Preview;
use super::editor::{Linked, Refusal, guarded};
use super::site_files::{read_entry_file, write_entry_file};
use crate::edit;
use crate::fields::id::Id;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDraft {
    collection: String,
    id: String,
    #[serde(default)]
    version: String,
    text: String,
}

/// The file of the entry `id` of `collection`, found by its name in the collection's folder (the site could
/// not read it, so it is not among the entries), and its bytes. The collection must be the site's and the id
/// a valid id, before any path is made of them.
fn entry_file(root: &Path, collection: &str, id: &str) -> Option<(PathBuf, Vec<u8>)> {
    // Only site.yaml is read: a keystroke's check builds the site once, in `problems`.
    let settings = crate::source::read_config(root).ok()?;
    let config = crate::config::parse(&settings.path, &settings.text).0?;
    let c = config.collection_index(collection)?;
    let id = Id::parse(id).ok()?;
    let folder = Path::new("content").join(config.collections[c].name.as_str());
    let name = std::fs::read_dir(root.join(&folder)).ok()?.flatten().map(|f| f.file_name()).find(|name| {
        let path = Path::new(name);
        crate::source::is_markdown(path) && path.file_stem().is_some_and(|stem| stem == id.as_str())
    })?;
    let file = folder.join(name);
    let bytes = read_entry_file(root, &file).ok()?;
    Some((file, bytes))
}

/// The editor page's data for a file to mend: `{"raw": true, ...}` (docs/editor-api.md), or `None` when there
/// is no such file.
pub(super) fn form(linked: &mut Linked, root: &Path, collection: &str, id: &str) -> Option<Value> {
    let (file, bytes) = entry_file(root, collection, id)?;
    // As an editor shows it: LF line ends, no byte-order mark (both are given back on save).
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n").trim_start_matches('\u{feff}').to_string();
    let problems = problems(linked, &file, &text);
    Some(json!({
        "raw": true, "collection": collection, "id": id, "file": file.to_string_lossy().replace('\\', "/"),
        "version": edit::version(&bytes), "text": text, "problems": problems,
    }))
}

/// Every problem of the site with `file` holding `text` that is in that file, with its line and column.
fn problems(linked: &mut Linked, file: &Path, text: &str) -> Vec<edit::FormProblem> {
    let (problems, _) = linked.session.draft(file, text.to_string(), "");
    let here: Vec<_> = problems.into_iter().filter(|p| p.location.as_ref().is_some_and(|l| l.file == file)).collect();
    let mut placed = edit::place_problems(file, text, &here, &[]);
    // Shown against the whole text: lines count from the file's first.
    for (problem, diagnostic) in placed.iter_mut().zip(&here) {
        problem.field = None;
        problem.item = None;
        problem.line = diagnostic.location.as_ref().and_then(|l| l.line);
    }
    placed
}

pub(super) async fn check(State(preview): State<Arc<Preview>>, headers: HeaderMap, body: Bytes) -> Response {
    guarded(preview, headers, body, |linked, root, draft: &RawDraft| {
        let (file, _) = entry_file(root, &draft.collection, &draft.id)
            .ok_or((StatusCode::NOT_FOUND, "there is no such file".to_string()))?;
        Ok((StatusCode::OK, json!({ "problems": problems(linked, &file, &draft.text) })))
    })
    .await
}

pub(super) async fn save(State(preview): State<Arc<Preview>>, headers: HeaderMap, body: Bytes) -> Response {
    guarded(preview, headers, body, saved).await
}

fn saved(linked: &mut Linked, root: &Path, draft: &RawDraft) -> Result<(StatusCode, Value), Refusal> {
    let (file, disk) = entry_file(root, &draft.collection, &draft.id)
        .ok_or((StatusCode::NOT_FOUND, "there is no such file".to_string()))?;
    if edit::version(&disk) != draft.version {
        let conflict = json!({ "disk": String::from_utf8_lossy(&disk), "draft": draft.text });
        return Ok((StatusCode::CONFLICT, json!({ "conflict": conflict, "version": edit::version(&disk) })));
    }
    let bytes = edit::encode_like(&disk, draft.text.replace("\r\n", "\n").trim_start_matches('\u{feff}'));
    write_entry_file(root, &file, &bytes, &disk).map_err(|why| (StatusCode::CONFLICT, why))?;
    let problems = problems(linked, &file, &draft.text);
    let reads = !problems.iter().any(|p| p.severity == "error" && (p.code == "yaml" || p.code == "field"));
    Ok((StatusCode::OK, json!({ "version": edit::version(&bytes), "reads": reads, "problems": problems })))
}
