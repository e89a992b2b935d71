//! The preview's handout builder: a page to pick a client's stretches, order them and set their dose, and a
//! request that answers with the sheet `sinew handout` would make (PDF or HTML), as a download. The client's
//! details pass through memory only: nothing is written to disk and nothing about them is logged. The request
//! passes the same guards as the editor's writes (token, Origin, Host, JSON under a size limit).

use super::Preview;
use super::editor::check_write;
use super::http::check_host;
use crate::build::{OneOff, SheetFormat};
use crate::fields::schema::{Paper, Schema};
use crate::model::Date;
use crate::model::handout::{HandoutItem, Overrides};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

const HANDOUT_JS: &str = include_str!("editor/handout.js");

/// What the builder sends (docs/editor-api.md, "Handouts").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetRequest {
    stretches: Vec<Stretch>,
    #[serde(default)]
    client: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    paper: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    large: bool,
    #[serde(default)]
    week_grid: bool,
    format: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stretch {
    id: String,
    #[serde(default)]
    hold_seconds: Option<u32>,
    #[serde(default)]
    reps: Option<u32>,
    #[serde(default)]
    sets: Option<u32>,
    #[serde(default)]
    note: Option<String>,
}

pub(super) async fn script(State(preview): State<Arc<Preview>>, headers: HeaderMap) -> Response {
    if let Err(refused) = check_host(&headers, &preview.address) {
        return refused;
    }
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], HANDOUT_JS)
        .into_response()
}

/// The builder's page, with every published stretch (title, summary, its own dose) embedded.
pub(super) async fn page(State(preview): State<Arc<Preview>>, headers: HeaderMap) -> Response {
    if let Err(refused) = check_host(&headers, &preview.address) {
        return refused;
    }
    if let Some(refused) = super::editor::needs_cookie(&preview, &headers) {
        return refused;
    }
    let root = preview.editor.root().to_path_buf();
    let data = tokio::task::spawn_blocking(move || {
        let mut diagnostics = crate::diag::Diagnostics::default();
        let (site, _) = crate::build::load_site(&root, false, &mut diagnostics)?;
        let config = &site.config;
        let stretches: Vec<serde_json::Value> = site
            .entries
            .iter()
            .filter(|e| config.collections[e.collection].schema == Schema::Exercise)
            .map(|e| {
                let exercise = e.fields.exercise();
                json!({
                    "id": e.id.as_str(),
                    "title": e.fields.title(),
                    "summary": e.fields.summary(),
                    "collection": config.collections[e.collection].name.as_str(),
                    "hold_seconds": exercise.and_then(|x| x.hold_seconds()),
                    "reps": exercise.and_then(|x| x.reps()),
                    "sets": exercise.and_then(|x| x.sets()),
                    "url": config.url(&e.path(config)),
                })
            })
            .collect();
        Some(json!({
            "stretches": stretches,
            "paper": config.paper,
            "title": "Your home exercises",
            "pdf": cfg!(feature = "pdf"),
        }))
    })
    .await
    .ok()
    .flatten();
    let Some(data) = data else {
        return super::editor::message_page(
            StatusCode::CONFLICT,
            "The site has a problem",
            "The site cannot be read right now: fix the problem shown in the preview, then open this page again.",
        );
    };
    let data = super::embed_json(&data.to_string());
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Make a client handout — sinew</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">\
         <link rel=\"stylesheet\" href=\"/__sinew/editor.css\"></head><body>\
         <script type=\"application/json\" id=\"sinew-handout\">{data}</script>\
         <main id=\"sinew-handout-builder\"></main><script src=\"/__sinew/handout.js\"></script></body></html>"
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], html).into_response()
}

/// The sheet, as `sinew handout` makes it, sent as a download; 422 with the problems when it cannot be made.
pub(super) async fn make(State(preview): State<Arc<Preview>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refused) = check_write(&preview, &headers) {
        return refused;
    }
    let request: SheetRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return problems(StatusCode::BAD_REQUEST, &[format!("the request is not valid: {error}")]),
    };
    let (format, media_type, extension) = match request.format.as_str() {
        "pdf" => (SheetFormat::Pdf, "application/pdf", "pdf"),
        "html" => (SheetFormat::Html, "text/html; charset=utf-8", "html"),
        _ => return problems(StatusCode::BAD_REQUEST, &["the format is pdf or html".to_string()]),
    };
    let one_off = match one_off(request) {
        Ok(one_off) => one_off,
        Err(why) => return problems(StatusCode::UNPROCESSABLE_ENTITY, &[why]),
    };
    let root = preview.editor.root().to_path_buf();
    let made = tokio::task::spawn_blocking(move || crate::build::one_off_handout(&root, &one_off, format)).await;
    match made {
        Ok(Ok(sheet)) => {
            let disposition = format!("attachment; filename=\"handout.{extension}\"");
            let headers = [
                (header::CONTENT_TYPE, media_type.to_string()),
                (header::CONTENT_DISPOSITION, disposition),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ];
            (headers, sheet.bytes).into_response()
        }
        Ok(Err(diagnostics)) => {
            let shown: Vec<String> = diagnostics
                .into_sorted()
                .into_iter()
                .filter(crate::diag::Diagnostic::is_error)
                .map(|d| match d.help {
                    Some(help) => format!("{} ({help})", d.message),
                    None => d.message,
                })
                .collect();
            problems(StatusCode::UNPROCESSABLE_ENTITY, &shown)
        }
        Err(_) => problems(StatusCode::INTERNAL_SERVER_ERROR, &["making the sheet stopped unexpectedly".to_string()]),
    }
}

fn one_off(request: SheetRequest) -> Result<OneOff, String> {
    if request.stretches.is_empty() {
        return Err("pick at least one stretch".into());
    }
    let paper = match request.paper.as_deref() {
        None | Some("") => None,
        Some("a4") => Some(Paper::A4),
        Some("letter") => Some(Paper::Letter),
        Some(other) => return Err(format!("the paper size is a4 or letter, not {other}")),
    };
    let date = match request.date.as_deref().filter(|d| !d.is_empty()) {
        Some(text) => Some(Date::parse(text).ok_or_else(|| format!("{text} is not a date (year-month-day)"))?),
        None => crate::build::local_today(),
    };
    // The same ranges as a stretch's own dose (the exercise table), so the builder makes no sheet the
    // command would refuse.
    for stretch in &request.stretches {
        for (name, value) in [("hold_seconds", stretch.hold_seconds), ("reps", stretch.reps), ("sets", stretch.sets)] {
            let spec = Schema::Exercise.fields().iter().find(|f| f.name == name);
            if let (Some(n), Some(crate::fields::schema::FieldType::Integer { min, max })) =
                (value, spec.map(|s| &s.kind))
                && (n < *min || n > *max)
            {
                let label = spec.map_or(name, |s| &*s.label);
                return Err(format!("{label} for {} must be from {min} to {max}, not {n}", stretch.id));
            }
        }
    }
    let items = request
        .stretches
        .into_iter()
        .map(|s| HandoutItem {
            id: s.id,
            location: None,
            overrides: Overrides { hold_seconds: s.hold_seconds, reps: s.reps, sets: s.sets, ..Overrides::default() },
            note: s.note.filter(|n| !n.trim().is_empty()),
        })
        .collect();
    let title = request.title.filter(|t| !t.trim().is_empty());
    let note = request.note.filter(|n| !n.trim().is_empty());
    Ok(OneOff {
        items,
        title,
        language: None,
        fallback: false,
        client: request.client,
        note,
        extras: Vec::new(),
        date,
        review: None,
        paper,
        large: request.large,
        week_grid: request.week_grid,
    })
}

fn problems(status: StatusCode, problems: &[String]) -> Response {
    super::editor::json_response(status, &json!({ "problems": problems }))
}
