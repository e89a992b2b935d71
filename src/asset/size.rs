//! An image's size in pixels, read from its header without decoding it: for `width` and `height` on `<img>`,
//! so a page does not shift as its pictures load.

use image::ImageReader;
use std::io::Cursor;

pub(super) fn raster_size(bytes: &[u8]) -> image::ImageResult<(u32, u32)> {
    ImageReader::new(Cursor::new(bytes)).with_guessed_format()?.into_dimensions()
}

/// A GIF's size, from its header.
pub(super) fn gif_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 10 || !bytes.starts_with(b"GIF8") {
        return None;
    }
    let width = u16::from_le_bytes([bytes[6], bytes[7]]);
    let height = u16::from_le_bytes([bytes[8], bytes[9]]);
    Some((u32::from(width), u32::from(height)))
}

/// An SVG's size from its root element: `width` and `height` in pixels, else the `viewBox`.
pub(super) fn svg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let pixels = |name: &str| attribute(tag, name).and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok());
    let (width, height) = if let (Some(w), Some(h)) = (pixels("width"), pixels("height")) {
        (w, h)
    } else {
        let view_box = attribute(tag, "viewBox")?;
        let numbers: Vec<f64> =
            view_box.split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
        (*numbers.get(2)?, *numbers.get(3)?)
    };
    Some((to_pixels(width)?, to_pixels(height)?))
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "range checked first")]
fn to_pixels(value: f64) -> Option<u32> {
    (1.0..100_000.0).contains(&value).then(|| value.round() as u32)
}

/// The value of `name="…"` in a start tag.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    for (at, _) in tag.match_indices(name) {
        let before = tag[..at].chars().next_back();
        let rest = &tag[at + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(rest) = rest.trim_start().strip_prefix('=') else { continue };
        let rest = rest.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &rest[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_and_gif_sizes_come_from_their_headers() {
        assert_eq!(
            svg_size(br#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480px">"#),
            Some((640, 480))
        );
        assert_eq!(svg_size(br#"<svg stroke-width="2" viewBox="0 0 300 150">"#), Some((300, 150)));
        assert_eq!(svg_size(b"<svg>"), None);
        assert_eq!(gif_size(b"GIF89a\x40\x01\xf0\x00rest"), Some((320, 240)));
    }
}
