//! The preview's HTTP side (axum): the last good build from memory, the live-reload events, and the guards:
//! only requests addressed to this server's own host (against DNS rebinding), and only paths inside the
//! built site (`..`, encoded traversal, backslashes and absolute paths are refused before any lookup).

use super::{LiveState, Preview};
use crate::output::Data;
use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::convert::Infallible;
use std::sync::Arc;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::WatchStream;

/// The live-reload script, added to every HTML page the preview serves (never to `sinew build` output).
const LIVE_JS: &str = include_str!("live.js");
pub(super) const LIVE_PREFIX: &str = "/__sinew/";

pub(super) fn router(preview: Arc<Preview>) -> Router {
    Router::new()
        .route("/__sinew/live", get(live_events))
        .route("/__sinew/live.js", get(live_script))
        .route("/__sinew/edit/{collection}/{id}", get(super::editor::page))
        .route("/__sinew/edit/_page/{*path}", get(super::editor::page_of_page))
        .route("/__sinew/editor.js", get(super::editor::script))
        .route("/__sinew/editor.css", get(super::editor::style))
        .route("/__sinew/api/check", post(super::editor::check))
        .route("/__sinew/api/save", post(super::editor::save))
        .route("/__sinew/api/new", post(super::editor::create))
        .route("/__sinew/api/rename", post(super::rename::rename))
        .route("/__sinew/api/check-raw", post(super::repair::check))
        .route("/__sinew/api/save-raw", post(super::repair::save))
        .route("/__sinew/api/delete", post(super::rename::delete))
        .route("/__sinew/handout", get(super::handout::page))
        .route("/__sinew/handout.js", get(super::handout::script))
        .route("/__sinew/api/handout", post(super::handout::make))
        .layer(DefaultBodyLimit::max(super::editor::BODY_LIMIT))
        // Added after the limit above, so its own (larger) limit is the one that applies to it.
        .route(
            "/__sinew/api/image",
            post(super::picture::upload).layer(DefaultBodyLimit::max(super::picture::IMAGE_LIMIT)),
        )
        .fallback(site_file)
        .with_state(preview)
}

/// The Host check every route makes first: a request with two `Host` headers is malformed (RFC 9112, 3.2:
/// a server must answer 400), so no header wins; one naming another site is refused (`address`).
pub(super) fn check_host(headers: &HeaderMap, address: &super::address::Address) -> Result<(), Response> {
    if headers.get_all(header::HOST).iter().count() > 1 {
        return Err(refuse(StatusCode::BAD_REQUEST, "a request may carry only one Host header\n"));
    }
    if !address.is_named_by(headers) {
        return Err(refuse(StatusCode::FORBIDDEN, "this preview server answers only to its own address\n"));
    }
    Ok(())
}

pub(super) fn refuse(status: StatusCode, why: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], why).into_response()
}

async fn live_script(State(preview): State<Arc<Preview>>, headers: HeaderMap) -> Response {
    if let Err(refused) = check_host(&headers, &preview.address) {
        return refused;
    }
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], LIVE_JS)
        .into_response()
}

/// Server-sent events: the current state at once, then one event per build (and a comment every few seconds
/// so proxies keep the stream open). The stream ends when the server stops.
async fn live_events(State(preview): State<Arc<Preview>>, headers: HeaderMap) -> Response {
    if let Err(refused) = check_host(&headers, &preview.address) {
        return refused;
    }
    let stream = WatchStream::new(preview.live.subscribe())
        .take_while(|state: &Arc<LiveState>| !state.stopping)
        .map(|state| Ok::<_, Infallible>(Event::default().data(state.to_json())));
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

async fn site_file(State(preview): State<Arc<Preview>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if let Err(refused) = check_host(&headers, &preview.address) {
        return refused;
    }
    if method != Method::GET && method != Method::HEAD {
        return refuse(StatusCode::METHOD_NOT_ALLOWED, "the preview serves files only\n");
    }
    let Some(path) = site_path(uri.path()) else {
        return refuse(StatusCode::BAD_REQUEST, "this address points outside the site\n");
    };
    // The address printed in the terminal: its token becomes a cookie, and the address is shown without it.
    if let (Some(query), Some(token)) = (uri.query(), preview.editor.token())
        && query.split('&').any(|pair| pair == format!("token={token}"))
    {
        let mut response = redirect(uri.path());
        response.headers_mut().insert(header::SET_COOKIE, super::token::token_cookie(token));
        return response;
    }
    let snapshot = preview.snapshot();
    let generation = snapshot.generation;
    let Some(tree) = snapshot.tree.clone() else {
        // No build has succeeded yet: every page is the error page, until the file is fixed.
        return html_response(StatusCode::INTERNAL_SERVER_ERROR, error_page(&snapshot.problems), generation);
    };
    let base = preview.base_path.trim_start_matches('/');
    let Some(inside) = path.strip_prefix(base) else {
        if path.is_empty() {
            return redirect(&preview.base_path);
        }
        return not_found(&tree, generation);
    };
    let file_path =
        if inside.is_empty() || inside.ends_with('/') { format!("{inside}index.html") } else { inside.to_string() };
    let Some(file) = snapshot.file(&file_path) else {
        if tree.contains(&format!("{inside}/index.html")) {
            return redirect(&format!("/{path}/"));
        }
        return not_found(&tree, generation);
    };
    let bytes: Vec<u8> = match file.contents.data() {
        Data::Memory(bytes) => bytes.to_vec(),
        Data::Disk(source) => match read_regular_file(source) {
            Some(bytes) => bytes,
            None => return not_found(&tree, generation),
        },
        // The preview holds its pages in memory; only `sinew build` writes them as they are made.
        Data::Staged(_) => return not_found(&tree, generation),
    };
    let media_type = crate::output::media_type(&file_path);
    if media_type == "text/html" {
        let edit = snapshot.editable.get(&file_path).filter(|_| preview.editor.token().is_some());
        return page_response(StatusCode::OK, bytes, generation, edit.map(String::as_str));
    }
    let content_type =
        if media_type.starts_with("text/") { format!("{media_type}; charset=utf-8") } else { media_type.to_string() };
    ([(header::CONTENT_TYPE, content_type.as_str()), (header::CACHE_CONTROL, "no-store")], bytes).into_response()
}

/// A static file as it is on disk now, unless it has become a link (which could point anywhere).
fn read_regular_file(path: &std::path::Path) -> Option<Vec<u8>> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    std::fs::read(path).ok()
}

/// The request path decoded and checked: `None` for anything that could leave the site (`..`, `.`, a
/// backslash, an empty segment, a NUL, bytes that are not UTF-8, encoded or not). The result has no leading
/// slash: `stretches/figure-four/`.
fn site_path(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) || decoded.starts_with('/') {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    let bad = segments.iter().enumerate().any(|(i, s)| *s == ".." || *s == "." || (s.is_empty() && i != last));
    if bad { None } else { Some(decoded.into_owned()) }
}

fn redirect(to: &str) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, location)]).into_response()
}

/// The site's own 404 page.
fn not_found(tree: &crate::output::OutputTree, generation: u64) -> Response {
    let page = tree.get("404.html").and_then(|f| f.contents.in_memory()).map(<[u8]>::to_vec);
    html_response(
        StatusCode::NOT_FOUND,
        page.unwrap_or_else(|| b"<!doctype html><title>Not found</title>".to_vec()),
        generation,
    )
}

/// An HTML page with the live-reload script added before `</body>`.
fn html_response(status: StatusCode, html: Vec<u8>, generation: u64) -> Response {
    page_response(status, html, generation, None)
}

/// An HTML page with the live-reload script added before `</body>`; for an entry's page, the script is told
/// the editor's address (it shows an "Edit" button).
fn page_response(status: StatusCode, mut html: Vec<u8>, generation: u64, edit: Option<&str>) -> Response {
    let edit = edit.map_or_else(String::new, |url| format!(" data-edit=\"{}\"", crate::diag::escape_html(url)));
    let tag = format!("<script src=\"{LIVE_PREFIX}live.js\" data-generation=\"{generation}\"{edit}></script>\n");
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    let mut response = Response::new(Body::from(html));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// The page shown while no build has succeeded: the problems, as `diag::render_html` lays them out.
fn error_page(problems: &[String]) -> Vec<u8> {
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Build failed · sinew</title>\
         <body style=\"font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem\">\
         <h1>The site could not be built</h1><p>Fix the file named below and save: this page reloads by itself.</p>",
    );
    for problem in problems {
        // Already HTML, every text in it escaped (diag::render_html).
        html.push_str(problem);
    }
    html.push_str("</body></html>");
    html.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_refuse_traversal_in_every_spelling() {
        assert_eq!(site_path("/stretches/figure-four/").as_deref(), Some("stretches/figure-four/"));
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(site_path("/caf%C3%A9/").as_deref(), Some("café/"));
        for bad in [
            "/../etc/passwd",
            "/stretches/../../x",
            "/%2e%2e/etc/passwd",
            "/%2e%2e%2fetc%2fpasswd",
            "/..%2fetc",
            "/x%5c..%5cy",
            "/x\\..\\y",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/a/./b",
            "/a%00b",
            "/%ff",
            "etc/passwd",
        ] {
            assert_eq!(site_path(bad), None, "{bad} must be refused");
        }
    }
}
