//! The editor's side of the preview server: the form page, the draft check and the save
//! (docs/editor-api.md). Everything that writes is guarded before any file is read: the Host check, editing
//! switched on (loopback, or `--edit`), a JSON body under `BODY_LIMIT`, the session's token in
//! `X-Sinew-Token` and an `Origin` naming this server. Ids are looked up in the built site, never turned into
//! paths as given, and a file is written only inside content/, never through a link, by writing a hidden
//! temporary file beside it and renaming it over the old one.

use super::Preview;
use super::http::{check_host, refuse};
use super::site_files::{read_entry_file, write_entry_file};
use super::token::{cookie_token, new_token, same_secret};
use crate::build::Session;
use crate::edit::{self, Draft};
use crate::graph::LinkedSite;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The largest draft accepted, in bytes: a long article is a few tens of kilobytes.
pub(super) const BODY_LIMIT: usize = 1024 * 1024;

const EDITOR_JS: &str = include_str!("editor/editor.js");
const EDITOR_CSS: &str = include_str!("editor/editor.css");

/// The editor's state: its own build session (so checking a draft never disturbs the preview's caches), the
/// changes on disk it has not yet been told of, and the token writes must carry.
pub(super) struct Editor {
    root: PathBuf,
    /// `None`: editing is off (the server listens on a network address without `--edit`).
    token: Option<String>,
    session: Mutex<Linked>,
    /// Paths the watcher reported since the session last built; `true`: read everything again.
    changes: Mutex<(bool, Vec<PathBuf>)>,
}

impl Editor {
    pub(super) fn new(root: &Path, session: Session, enabled: bool) -> Self {
        Editor {
            root: root.to_path_buf(),
            token: enabled.then(new_token),
            session: Mutex::new(Linked { session, site: None }),
            changes: Mutex::new((false, Vec::new())),
        }
    }

    pub(super) fn root(&self) -> &Path {
        &self.root
    }

    pub(super) fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The watcher saw these changes: the session reads them before its next build.
    pub(super) fn changed<'p>(&self, rescan: bool, paths: impl IntoIterator<Item = &'p PathBuf>) {
        let mut changes = self.changes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        changes.0 |= rescan;
        changes.1.extend(paths.into_iter().cloned());
    }

    /// Runs `work` with the session, told of every change first.
    pub(super) fn with_session<T>(&self, work: impl FnOnce(&mut Linked) -> T) -> T {
        let mut linked = self.session.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (rescan, paths) =
            std::mem::take(&mut *self.changes.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        if rescan || !paths.is_empty() {
            linked.site = None;
        }
        let cache = linked.session.read_cache();
        if rescan {
            cache.forget_all();
        }
        for path in &paths {
            cache.mark_changed(path);
        }
        work(&mut linked)
    }
}

/// The editor's session, and the site as last linked from disk: kept while typing (no file changes), so a
/// keystroke's check builds the site once, with the draft in it.
pub(super) struct Linked {
    pub(super) session: Session,
    site: Option<Arc<LinkedSite>>,
}

impl Linked {
    /// The site as on disk, and the entry a request names with its file's bytes; linked again when the
    /// entry's file no longer holds what the kept site read (saved a moment ago, before the watcher said so).
    pub(super) fn entry(
        &mut self,
        root: &Path,
        collection: &str,
        id: &str,
    ) -> Result<(Arc<LinkedSite>, edit::Target, Vec<u8>), Refusal> {
        for fresh in [false, true] {
            if fresh || self.site.is_none() {
                if fresh {
                    self.session.read_cache().forget_listing();
                }
                let (site, _) = self.session.linked();
                self.site = site.map(Arc::new);
            }
            let site = self
                .site
                .clone()
                .ok_or((StatusCode::CONFLICT, "site.yaml cannot be read; fix it first".to_string()))?;
            // An entry made a moment ago (the "New" button) may not be in the kept site yet.
            let Some(target) = edit::find(&site, collection, id) else {
                if fresh {
                    return Err((StatusCode::NOT_FOUND, format!("there is no entry {collection}/{id}")));
                }
                continue;
            };
            let source = target.source(&site);
            let disk = read_entry_file(root, &source.path).map_err(|why| (StatusCode::FORBIDDEN, why))?;
            let same = crate::source::decode(&source.path, &disk).is_ok_and(|text| *text == *source.text);
            if same || fresh {
                return Ok((site, target, disk));
            }
        }
        unreachable!("the second pass returns")
    }
}

/// Every guard a write passes before anything is read: see the module's comment.
pub(super) fn check_write(preview: &Preview, headers: &HeaderMap) -> Result<(), Response> {
    check_write_of(preview, headers, &["application/json"])
}

/// The guards, for a body of one of `media_types`.
pub(super) fn check_write_of(preview: &Preview, headers: &HeaderMap, media_types: &[&str]) -> Result<(), Response> {
    check_host(headers, &preview.address)?;
    let Some(token) = preview.editor.token() else {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "editing is off: this preview listens on a network address (start it with --edit to allow editing)\n",
        ));
    };
    let media_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).and_then(|v| v.split(';').next());
    if !media_type.is_some_and(|t| media_types.iter().any(|m| t.trim().eq_ignore_ascii_case(m))) {
        return Err(refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, "the editor does not send this kind of content here\n"));
    }
    let given = headers.get("x-sinew-token").and_then(|v| v.to_str().ok());
    if !given.is_some_and(|given| same_secret(given, token)) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "this request does not carry the editor's token: open the address sinew printed in the terminal\n",
        ));
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    if origin != Some(format!("http://{host}").as_str()) {
        return Err(refuse(StatusCode::FORBIDDEN, "this request comes from another site's page\n"));
    }
    Ok(())
}

pub(super) async fn script(State(preview): State<Arc<Preview>>, headers: HeaderMap) -> Response {
    static_file(&preview, &headers, "text/javascript; charset=utf-8", EDITOR_JS)
}

pub(super) async fn style(State(preview): State<Arc<Preview>>, headers: HeaderMap) -> Response {
    static_file(&preview, &headers, "text/css; charset=utf-8", EDITOR_CSS)
}

fn static_file(preview: &Preview, headers: &HeaderMap, media_type: &'static str, text: &'static str) -> Response {
    if let Err(refused) = check_host(headers, &preview.address) {
        return refused;
    }
    ([(header::CONTENT_TYPE, media_type), (header::CACHE_CONTROL, "no-store")], text).into_response()
}

/// The editor's page for one entry, its form data embedded.
pub(super) async fn page(
    State(preview): State<Arc<Preview>>,
    UrlPath((collection, id)): UrlPath<(String, String)>,
    headers: HeaderMap,
) -> Response {
    form_page(preview, headers, collection, id).await
}

/// The editor's page for a page (home, a listing's introduction, a plain page), named by its file.
pub(super) async fn page_of_page(
    State(preview): State<Arc<Preview>>,
    UrlPath(path): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    form_page(preview, headers, edit::PAGES.to_string(), path).await
}

async fn form_page(preview: Arc<Preview>, headers: HeaderMap, collection: String, id: String) -> Response {
    if let Err(refused) = check_host(&headers, &preview.address) {
        return refused;
    }
    if let Some(refused) = needs_cookie(&preview, &headers) {
        return refused;
    }
    let editor = preview.clone();
    let form = tokio::task::spawn_blocking(move || {
        editor.editor.with_session(|linked| {
            let root = &editor.editor.root;
            match linked.entry(root, &collection, &id) {
                Ok((site, target, bytes)) => {
                    let form = edit::form(&site, target, &bytes);
                    let title = form.values.get("title").and_then(|t| t.as_str()).unwrap_or(&form.id).to_string();
                    serde_json::to_value(&form).ok().map(|form| (title, form))
                }
                // A file whose front matter cannot be read is opened as text, to be mended (repair.rs).
                Err(_) => super::repair::form(linked, root, &collection, &id).map(|form| (id.clone(), form)),
            }
        })
    })
    .await
    .ok()
    .flatten();
    let Some((title, form)) = form else {
        return message_page(
            StatusCode::NOT_FOUND,
            "No such entry",
            "There is no entry with this name. Open the editor from the entry's page in the preview.",
        );
    };
    let data = super::embed_json(&form.to_string());
    let title = crate::diag::escape_html(&title);
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Edit: {title} — sinew</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">\
         <link rel=\"stylesheet\" href=\"/__sinew/editor.css\"></head><body>\
         <script type=\"application/json\" id=\"sinew-form\">{data}</script>\
         <main id=\"sinew-editor\"></main><script src=\"/__sinew/editor.js\"></script></body></html>"
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], html).into_response()
}

/// The page to show instead of an editing page when editing is off, or this browser has not opened the
/// address with the token.
pub(super) fn needs_cookie(preview: &Preview, headers: &HeaderMap) -> Option<Response> {
    let Some(token) = preview.editor.token() else {
        return Some(message_page(
            StatusCode::FORBIDDEN,
            "Editing is off",
            "This preview listens on a network address, so editing is off. Stop it and start it again with --edit to allow editing.",
        ));
    };
    if !cookie_token(headers).is_some_and(|given| same_secret(given, token)) {
        return Some(message_page(
            StatusCode::FORBIDDEN,
            "Open the editor from the terminal's address",
            "For safety, the editor opens only from the address sinew printed in the terminal when the preview started (it ends with ?token=…). Open that address once in this browser, then come back.",
        ));
    }
    None
}

pub(super) fn message_page(status: StatusCode, title: &str, text: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} — sinew</title><link rel=\"icon\" href=\"data:,\"></head>\
         <body style=\"font:17px/1.5 system-ui,sans-serif;margin:2rem;max-width:40rem\"><main><h1>{title}</h1><p>{text}</p></main></body></html>"
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// A guarded write: the guards, then `T` read from the JSON body, then `work` on a blocking thread with the
/// editor's session; its answer is sent as JSON.
pub(super) type Work<T> = fn(&mut Linked, &Path, &T) -> Result<(StatusCode, serde_json::Value), Refusal>;

pub(super) async fn guarded<T>(preview: Arc<Preview>, headers: HeaderMap, body: Bytes, work: Work<T>) -> Response
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    if let Err(refused) = check_write(&preview, &headers) {
        return refused;
    }
    let request: T = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return json_error(StatusCode::BAD_REQUEST, &format!("the request is not valid: {error}")),
    };
    let editor = preview.clone();
    let done = tokio::task::spawn_blocking(move || {
        let root = editor.editor.root.clone();
        editor.editor.with_session(|linked| work(linked, &root, &request))
    })
    .await;
    match done {
        Ok(Ok((status, value))) => json_response(status, &value),
        Ok(Err((status, why))) => json_error(status, &why),
        Err(_) => json_error(StatusCode::INTERNAL_SERVER_ERROR, "the change stopped unexpectedly"),
    }
}

/// The draft checked by the build's own code: every problem, placed at its field, and the page rendered
/// from it.
pub(super) async fn check(State(preview): State<Arc<Preview>>, headers: HeaderMap, body: Bytes) -> Response {
    guarded(preview, headers, body, |linked, root, draft: &Draft| {
        let outcome = checked(linked, root, draft)?;
        let html = outcome.html.map(|h| String::from_utf8_lossy(&h).into_owned());
        Ok((StatusCode::OK, json!({ "problems": outcome.problems, "html": html })))
    })
    .await
}

/// Writes the draft, unless the file changed on disk since the form was made (409, both versions) or the
/// draft has errors in its own file (422).
pub(super) async fn save(State(preview): State<Arc<Preview>>, headers: HeaderMap, body: Bytes) -> Response {
    guarded(preview, headers, body, saved).await
}

/// What the "New" button sends.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NewEntry {
    collection: String,
    title: String,
}

/// Makes a new entry as `sinew new` does, and answers with its editor's address.
pub(super) async fn create(State(preview): State<Arc<Preview>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refused) = check_write(&preview, &headers) {
        return refused;
    }
    let new: NewEntry = match serde_json::from_slice(&body) {
        Ok(new) => new,
        Err(error) => return json_error(StatusCode::BAD_REQUEST, &format!("the request is not valid: {error}")),
    };
    let editor = preview.clone();
    let made = tokio::task::spawn_blocking(move || {
        editor.editor.with_session(|_| edit::create(&editor.editor.root, &new.collection, new.title.trim()))
    })
    .await;
    match made {
        Ok(Ok(file)) => {
            let id = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let collection = file.parent().and_then(|p| p.file_name()).map(|s| s.to_string_lossy().into_owned());
            let edit = format!("/__sinew/edit/{}/{id}", collection.unwrap_or_default());
            let file = file.to_string_lossy().replace('\\', "/");
            json_response(StatusCode::OK, &json!({ "id": id, "file": file, "edit": edit }))
        }
        Ok(Err(problem)) => {
            let why = match &problem.help {
                Some(help) => format!("{}: {help}", problem.message),
                None => problem.message.clone(),
            };
            json_error(StatusCode::CONFLICT, &why)
        }
        Err(_) => json_error(StatusCode::INTERNAL_SERVER_ERROR, "making the entry stopped unexpectedly"),
    }
}

struct Checked {
    problems: Vec<edit::FormProblem>,
    html: Option<Vec<u8>>,
    /// The file the draft makes, and its path relative to the root.
    bytes: Vec<u8>,
    file: PathBuf,
    /// The file as it is on disk.
    disk: Vec<u8>,
    errors_here: bool,
}

pub(super) type Refusal = (StatusCode, String);

fn checked(linked: &mut Linked, root: &Path, draft: &Draft) -> Result<Checked, Refusal> {
    let (site, target, disk) = linked.entry(root, &draft.collection, &draft.id)?;
    let bytes = edit::compose(&site, target, &disk, draft).map_err(|why| (StatusCode::BAD_REQUEST, why))?;
    let file = target.source(&site).path.clone();
    let text = crate::source::decode(&file, &bytes).map_err(|d| (StatusCode::BAD_REQUEST, d.message))?;
    let page = crate::config::file_of(&target.site_path(&site));
    let (problems, html) = linked.session.draft(&file, text.clone(), &page);
    // This file's problems, and errors elsewhere (a page that links here may break); others' warnings are
    // not this edit's business.
    let here = |p: &crate::diag::Diagnostic| p.location.as_ref().is_some_and(|l| l.file == file);
    let shown: Vec<_> = problems.into_iter().filter(|p| here(p) || p.is_error()).collect();
    let errors_here = shown.iter().any(|p| here(p) && p.is_error());
    let mut labels: Vec<(String, String)> =
        target.table(&site).iter().map(|f| (f.name.to_string(), f.label.to_string())).collect();
    labels
        .extend(target.relation_keys(&site).into_iter().map(|k| (k.to_string(), crate::fields::schema::word_label(k))));
    let problems = edit::place_problems(&file, &text, &shown, &labels);
    Ok(Checked { problems, html, bytes, file, disk, errors_here })
}

fn saved(linked: &mut Linked, root: &Path, draft: &Draft) -> Result<(StatusCode, serde_json::Value), Refusal> {
    let outcome = checked(linked, root, draft)?;
    let disk_version = edit::version(&outcome.disk);
    if disk_version != draft.version {
        let conflict = json!({
            "disk": String::from_utf8_lossy(&outcome.disk),
            "draft": String::from_utf8_lossy(&outcome.bytes),
        });
        return Ok((StatusCode::CONFLICT, json!({ "conflict": conflict, "version": disk_version })));
    }
    if outcome.errors_here {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, json!({ "problems": outcome.problems })));
    }
    let file = outcome.file.to_string_lossy().replace('\\', "/");
    if outcome.bytes == outcome.disk {
        return Ok((StatusCode::OK, json!({ "version": disk_version, "file": file, "changed": false })));
    }
    write_entry_file(root, &outcome.file, &outcome.bytes, &outcome.disk).map_err(|why| (StatusCode::CONFLICT, why))?;
    Ok((StatusCode::OK, json!({ "version": edit::version(&outcome.bytes), "file": file, "changed": true })))
}

pub(super) fn json_response(status: StatusCode, value: &serde_json::Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], value.to_string())
        .into_response()
}

pub(super) fn json_error(status: StatusCode, why: &str) -> Response {
    json_response(status, &json!({ "error": why }))
}
