//! Making a photo or drawing's published copies: a few widths for `srcset` in its own format and in WebP,
//! never wider than the original, and never a copy that weighs more than what it replaces (a copy larger
//! than its source is dropped, or the source itself published). The copies and the original without its
//! metadata are kept in the cache folder, listed in a small manifest written last, so a later build reuses
//! them without decoding anything.

use super::strip::strip;
use crate::output::Contents;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Cursor;
use std::path::Path;

/// The widths images are published at. A narrower original is never enlarged: its own width is the largest.
const WIDTHS: [u32; 3] = [480, 960, 1600];
/// Names the encoder settings below in cache file names: change it with them, so no old copy is reused.
pub(super) const SETTINGS: &str = "v3";
const JPEG_QUALITY: u8 = 82;
/// libwebp's quality for photos: about the JPEG above's look at two thirds of its weight.
const WEBP_QUALITY: f32 = 78.0;
const WEBP_METHOD: i32 = 2;

/// The published copies of one original.
#[derive(Debug)]
pub(super) struct Made {
    pub width: u32,
    pub height: u32,
    /// `(width, extension, contents)`, narrowest first: the original's format (`png` or `jpg`) ...
    pub own: Vec<(u32, Contents)>,
    /// ... and WebP, where it is lighter than the copy in the original's format.
    pub webp: Vec<(u32, Contents)>,
    /// The original without its metadata (and turned upright), when that differs from the file.
    pub original: Option<Contents>,
}

/// The format copies of an original with `extension` are written in.
pub(super) fn format_of(extension: &str) -> &'static str {
    if extension == "png" { "png" } else { "jpg" }
}

/// Makes the copies of `bytes` (keyed `key` in the `cache` folder, when there is one).
pub(super) fn make(bytes: &[u8], extension: &str, key: &str, cache: Option<&Path>) -> image::ImageResult<Made> {
    let format = format_of(extension);
    let (image, orientation) = decode(bytes)?;
    let (width, height) = (image.width(), image.height());
    // A sideways phone photo loses the EXIF note that turns it: its published original is turned itself.
    let original: Option<Vec<u8>> =
        if orientation == Orientation::NoTransforms { strip(bytes) } else { Some(encode(&image, format, 92)?) };
    let original_len = original.as_ref().map_or(bytes.len(), Vec::len);
    let keep = |name: String, encoded: Vec<u8>| -> Contents {
        // Published from the cache when stored there, as the next build will: its output stays unchanged.
        match cache.map(|dir| dir.join(&name)) {
            Some(file) if store(&file, &encoded) => Contents::Copy(file),
            _ => Contents::Bytes(Cow::Owned(encoded)),
        }
    };
    let mut manifest = format!("{width} {height}\n");
    let (mut own, mut webp) = (Vec::new(), Vec::new());
    for target in widths(width) {
        let resized;
        let shown = if target == width {
            &image
        } else {
            resized = image.resize_exact(target, scaled(height, width, target), FilterType::CatmullRom);
            &resized
        };
        let mut encoded = encode(shown, format, JPEG_QUALITY)?;
        if encoded.len() >= original_len {
            if target != width {
                // Narrower yet heavier than the original: no use to anyone.
                continue;
            }
            encoded = original.clone().unwrap_or_else(|| bytes.to_vec());
        }
        let lighter = encode_webp(shown, format == "png").filter(|w| w.len() < encoded.len());
        let name = format!("{key}-{target}.{format}");
        let _ = write!(manifest, "{target} {format}");
        let own_len = encoded.len();
        own.push((target, keep(name, encoded)));
        if let Some(lighter) = lighter {
            debug_assert!(lighter.len() < own_len);
            manifest.push_str(" webp");
            webp.push((target, keep(format!("{key}-{target}.webp"), lighter)));
        }
        manifest.push('\n');
    }
    let original = original.map(|bytes| {
        manifest.push_str("original\n");
        keep(format!("{key}-original.{extension}"), bytes)
    });
    // Written last: its presence says every copy it lists was stored.
    if let Some(dir) = cache {
        let _ = store(&dir.join(format!("{key}.manifest")), manifest.as_bytes());
    }
    Ok(Made { width, height, own, webp, original })
}

/// The copies of an original from the cache, if its manifest and every file it lists are there.
pub(super) fn cached(cache: &Path, key: &str, extension: &str) -> Option<Made> {
    let manifest = std::fs::read_to_string(cache.join(format!("{key}.manifest"))).ok()?;
    let mut lines = manifest.lines();
    let (width, height) = lines.next()?.split_once(' ')?;
    let (width, height): (u32, u32) = (width.parse().ok()?, height.parse().ok()?);
    let mut made = Made { width, height, own: Vec::new(), webp: Vec::new(), original: None };
    let present = |name: String| {
        let file = cache.join(name);
        file.is_file().then_some(Contents::Copy(file))
    };
    for line in lines {
        if line == "original" {
            made.original = Some(present(format!("{key}-original.{extension}"))?);
            continue;
        }
        let mut words = line.split(' ');
        let target: u32 = words.next()?.parse().ok()?;
        let format = words.next()?;
        made.own.push((target, present(format!("{key}-{target}.{format}"))?));
        if words.next() == Some("webp") {
            made.webp.push((target, present(format!("{key}-{target}.webp"))?));
        }
    }
    Some(made)
}

/// Written beside, then renamed into place, so a build stopped half-way never leaves half a file to reuse.
/// A cache that cannot be written only costs time: the next build resizes again.
fn store(file: &Path, bytes: &[u8]) -> bool {
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let partial = file.with_extension(format!("partial-{}", std::process::id()));
    if std::fs::write(&partial, bytes).is_err() {
        return false;
    }
    let stored = std::fs::rename(&partial, file).is_ok();
    if !stored {
        let _ = std::fs::remove_file(&partial);
    }
    stored
}

/// The widths an image of `original` pixels is published at, narrowest first.
pub(super) fn widths(original: u32) -> Vec<u32> {
    let largest = original.min(WIDTHS[WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < largest).collect();
    widths.push(largest);
    widths
}

/// The height at `target` width of an image `width` by `height`, rounded, at least 1.
pub(crate) fn scaled(height: u32, width: u32, target: u32) -> u32 {
    let exact = (u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width.max(1));
    u32::try_from(exact).unwrap_or(u32::MAX).max(1)
}

/// Decodes, turned upright as the camera's EXIF orientation says (phones store photos sideways).
fn decode(bytes: &[u8]) -> image::ImageResult<(DynamicImage, Orientation)> {
    let mut decoder = ImageReader::new(Cursor::new(bytes)).with_guessed_format()?.into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    Ok((image, orientation))
}

/// Fixed settings and no metadata (no dates, no EXIF): the same pixels always give the same bytes.
fn encode(image: &DynamicImage, format: &str, jpeg_quality: u8) -> image::ImageResult<Vec<u8>> {
    let mut bytes = Vec::new();
    if format == "png" {
        image.write_with_encoder(PngEncoder::new_with_quality(
            &mut bytes,
            CompressionType::Default,
            PngFilter::Adaptive,
        ))?;
    } else {
        // JPEG has no alpha channel.
        DynamicImage::ImageRgb8(image.to_rgb8())
            .write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, jpeg_quality))?;
    }
    Ok(bytes)
}

/// WebP through libwebp: lossless for drawings and screenshots (PNG originals), lossy for photos. `None`
/// when libwebp refuses the image (it has a 16383-pixel limit).
fn encode_webp(image: &DynamicImage, lossless: bool) -> Option<Vec<u8>> {
    let (width, height) = (image.width(), image.height());
    let rgba;
    let rgb;
    let encoder = if image.color().has_alpha() {
        rgba = image.to_rgba8();
        webp::Encoder::from_rgba(&rgba, width, height)
    } else {
        rgb = image.to_rgb8();
        webp::Encoder::from_rgb(&rgb, width, height)
    };
    let mut config = webp::WebPConfig::new().ok()?;
    config.lossless = i32::from(lossless);
    config.quality = if lossless { 75.0 } else { WEBP_QUALITY };
    // libwebp's effort, 0 to 6 (its default 4): 2 takes about half the time for files a few percent larger,
    // which matters when a site's thousand photos are made at once.
    config.method = WEBP_METHOD;
    encoder.encode_advanced(&config).ok().map(|memory| memory.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_enlarge() {
        assert_eq!(widths(3000), [480, 960, 1600]);
        assert_eq!(widths(1200), [480, 960, 1200]);
        assert_eq!(widths(960), [480, 960]);
        assert_eq!(widths(300), [300]);
        assert_eq!(scaled(600, 1200, 480), 240);
    }
}
