//! Pictures from the editor: checked to be what they say, saved in static/images/ under a safe name.

use super::Preview;
use super::editor::{check_write_of, json_error, json_response};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

/// The largest picture accepted, in bytes: a phone photo is a few megabytes; sinew makes the smaller sizes.
pub(super) const IMAGE_LIMIT: usize = 12 * 1024 * 1024;

/// A picture dropped on the form: checked to be what it says (PNG, JPEG or WebP, by its first bytes, and
/// readable), saved in static/images/ under a name made from its own (never replacing a file), and answered
/// with the address to write in `image: { src }`.
pub(super) async fn upload(State(preview): State<Arc<Preview>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refused) = check_write_of(&preview, &headers, &["image/png", "image/jpeg", "image/webp"]) {
        return refused;
    }
    let Some(extension) = picture_kind(&body) else {
        return json_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "this file is not a PNG, JPEG or WebP picture; save it as one of those (most phones and editors can) and try again",
        );
    };
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !declared.contains(if extension == "jpg" { "jpeg" } else { extension }) {
        return json_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "the picture's contents do not match its type");
    }
    // The name the author's file had, percent-encoded by the page; only its letters and digits are kept.
    let given = headers.get("x-sinew-filename").and_then(|v| v.to_str().ok()).unwrap_or("picture");
    let given = percent_encoding::percent_decode_str(given).decode_utf8_lossy();
    let stem = Path::new(given.as_ref()).file_stem().map(|s| crate::fields::id::slugify(&s.to_string_lossy()));
    let stem = stem.filter(|s| !s.is_empty()).unwrap_or_else(|| "picture".to_string());
    let root = preview.editor.root().to_path_buf();
    let saved = tokio::task::spawn_blocking(move || save_picture(&root, &stem, extension, &body)).await;
    match saved {
        Ok(Ok(name)) => json_response(
            StatusCode::OK,
            &json!({ "src": format!("/images/{name}"), "file": format!("static/images/{name}") }),
        ),
        Ok(Err(why)) => json_error(StatusCode::CONFLICT, &why),
        Err(_) => json_error(StatusCode::INTERNAL_SERVER_ERROR, "saving the picture stopped unexpectedly"),
    }
}

/// The file extension for a PNG, JPEG or WebP picture, from its first bytes, if the image library can read
/// its size (so a renamed text file or a truncated picture is refused).
fn picture_kind(bytes: &[u8]) -> Option<&'static str> {
    let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "jpg"
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "webp"
    } else {
        return None;
    };
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().ok()?;
    reader.into_dimensions().ok().filter(|(w, h)| *w > 0 && *h > 0).map(|_| kind)
}

/// Writes the picture as static/images/<stem>.<extension>, or <stem>-2, -3... when the name is taken.
fn save_picture(root: &Path, stem: &str, extension: &str, bytes: &[u8]) -> Result<String, String> {
    use std::io::Write as _;
    let folder = root.join("static").join("images");
    std::fs::create_dir_all(&folder).map_err(|e| format!("cannot make static/images/: {e}"))?;
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    if real(&folder).zip(real(&root.join("static"))).is_none_or(|(folder, static_dir)| !folder.starts_with(static_dir))
    {
        return Err("static/images/ leads outside static/, so the editor will not write there".into());
    }
    for n in 1..1000 {
        let name = if n == 1 { format!("{stem}.{extension}") } else { format!("{stem}-{n}.{extension}") };
        match std::fs::OpenOptions::new().write(true).create_new(true).open(folder.join(&name)) {
            Ok(mut file) => {
                return file.write_all(bytes).map(|()| name).map_err(|e| format!("cannot write the picture: {e}"));
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(format!("cannot write the picture: {error}")),
        }
    }
    Err("too many pictures have this name; rename the file and try again".into())
}
