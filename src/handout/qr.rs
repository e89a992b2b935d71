//! QR codes as SVG (the `qrcode` crate, only here): the same drawing goes into the HTML sheet and the PDF.

use qrcode::QrCode;
use qrcode::render::svg;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// Codes already drawn, by URL: the preview server redraws every handout on each save, and a code depends
/// on its URL alone. Cleared when it grows past `REMEMBERED`, so it stays small.
static DRAWN: LazyLock<Mutex<HashMap<String, Option<String>>>> = LazyLock::new(Mutex::default);
const REMEMBERED: usize = 4096;

/// An SVG QR code for `url`, one unit per module, with the standard quiet zone, sized by its viewBox only so
/// the page decides how big it prints. `None` only for data too long for any QR code.
pub(crate) fn svg(url: &str) -> Option<String> {
    if let Some(drawn) = DRAWN.lock().ok().and_then(|drawn| drawn.get(url).cloned()) {
        return drawn;
    }
    let svg = draw(url);
    if let Ok(mut drawn) = DRAWN.lock() {
        if drawn.len() >= REMEMBERED {
            drawn.clear();
        }
        drawn.insert(url.to_string(), svg.clone());
    }
    svg
}

fn draw(url: &str) -> Option<String> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    let drawn = code
        .render::<svg::Color<'_>>()
        .module_dimensions(1, 1)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .quiet_zone(true)
        .build();
    // The renderer writes an XML declaration and fixed pixel sizes; neither belongs inside an HTML page.
    let start = drawn.find("<svg")?;
    let drawn = &drawn[start..];
    let open_end = drawn.find('>')?;
    let (open, rest) = drawn.split_at(open_end);
    let view_box = open.split("viewBox=\"").nth(1)?.split('"').next()?;
    Some(format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" shape-rendering="crispEdges" aria-hidden="true"{rest}"#
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn draws_an_svg_sized_by_its_view_box() {
        let svg = super::svg("https://example.org/stretches/figure-four/").unwrap();
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#), "{svg}");
        assert!(!svg.contains("width=\"") || svg.contains("<rect"), "{svg}");
        assert!(svg.ends_with("</svg>"));
    }
}
