//! The images entries show (front matter `image:` and Markdown `![alt](path)`), found among the static files
//! by their published path. For a build, PNG and JPEG are resized into a few widths for `srcset`, each variant
//! named by its width and a hash of the original; GIF, SVG and WebP are published as they are, with their
//! size where it is cheap to read. Variants are kept in a cache folder keyed by the original's hash, so a
//! build of unchanged images resizes nothing. The only module that knows the `image` crate.

use super::{AssetMode, Origin, StaticFiles, tagged_name};
use crate::output::{Contents, OutputFile, OutputTree};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// The widths images are published at. A narrower original is never enlarged: its own width is the largest.
const WIDTHS: [u32; 3] = [480, 960, 1600];
/// The width `src` shows, for browsers without `srcset`.
const FALLBACK_WIDTH: u32 = 960;
/// Names the encoder settings below in cache file names: change it with them, so no old variant is reused.
const SETTINGS: &str = "v1";
const JPEG_QUALITY: u8 = 82;

/// An image as pages show it.
#[derive(Debug)]
pub(crate) struct Picture {
    /// The site path `src` points at.
    pub(crate) src: String,
    /// The size of the largest variant (or of the file as it is), when known.
    pub(crate) size: Option<(u32, u32)>,
    /// Resized copies, narrowest first; empty for an image published as it is.
    pub(crate) variants: Vec<Variant>,
}

#[derive(Debug)]
pub(crate) struct Variant {
    pub(crate) path: String,
    pub(crate) width: u32,
    contents: Contents,
}

/// Why an image cannot be shown.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub(crate) message: String,
    pub(crate) help: String,
}

type Slot = Arc<OnceLock<Result<Arc<Picture>, Problem>>>;

pub(crate) struct Images {
    files: StaticFiles,
    mode: AssetMode,
    cache: Option<PathBuf>,
    /// Every image asked for, made once however many pages show it.
    seen: Mutex<HashMap<String, Slot>>,
    resized: AtomicUsize,
    reused: AtomicUsize,
    version: u64,
}

impl Images {
    pub(super) fn new(files: StaticFiles, mode: AssetMode, cache: Option<PathBuf>) -> Self {
        let version = if mode == AssetMode::Preview { disk_version(&files) } else { 0 };
        Images {
            files,
            mode,
            cache,
            seen: Mutex::default(),
            resized: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            version,
        }
    }

    /// The image at a site path (`images/a.png`, a leading `/` allowed), made on first request.
    pub(crate) fn get(&self, src: &str) -> Result<Arc<Picture>, Problem> {
        let path = src.trim_start_matches('/');
        let slot =
            self.seen.lock().unwrap_or_else(PoisonError::into_inner).entry(path.to_string()).or_default().clone();
        slot.get_or_init(|| self.load(path).map(Arc::new)).clone()
    }

    /// Whether this build resizes images (a publishing build), rather than showing them as they are.
    pub(crate) fn resizes(&self) -> bool {
        self.mode == AssetMode::Publish
    }

    /// Images resized by this build, and images whose variants came from the cache.
    pub(crate) fn counts(&self) -> (usize, usize) {
        (self.resized.load(Ordering::Relaxed), self.reused.load(Ordering::Relaxed))
    }

    /// Sizes and modification times of the images on disk: in the preview, pages show images as they are, so
    /// a replaced image (a new size) must render its pages again.
    pub(super) fn version(&self) -> u64 {
        self.version
    }

    pub(super) fn add_variants(&self, tree: &mut OutputTree) {
        let seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        for (path, slot) in seen.iter() {
            let Some(Ok(picture)) = slot.get() else { continue };
            for variant in &picture.variants {
                let origin = format!("a resized copy of static/{path}");
                tree.replace(variant.path.clone(), OutputFile { contents: variant.contents.clone(), origin });
            }
        }
    }

    fn load(&self, path: &str) -> Result<Picture, Problem> {
        let Some(origin) = self.files.get(path) else { return Err(self.missing(path)) };
        let extension = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
        let bytes = StaticFiles::read(origin).map_err(|error| Problem {
            message: format!("cannot read the image static/{path}: {error}"),
            help: "check the file's permissions".into(),
        })?;
        let as_is = |size| Ok(Picture { src: path.to_string(), size, variants: Vec::new() });
        match extension.as_str() {
            "png" | "jpg" | "jpeg" if self.mode == AssetMode::Publish => self.resize(path, &extension, &bytes),
            "png" | "jpg" | "jpeg" | "webp" => as_is(Some(raster_size(&bytes).map_err(|e| unreadable(path, &e))?)),
            "gif" => as_is(gif_size(&bytes)),
            "svg" => as_is(svg_size(&bytes)),
            _ => Err(Problem {
                message: format!("static/{path} is not an image every browser shows"),
                help: "use a PNG, JPEG, WebP, GIF or SVG file".into(),
            }),
        }
    }

    fn missing(&self, path: &str) -> Problem {
        let images = self.files.paths().map(String::as_str).filter(|p| is_image(p));
        let help = crate::diag::did_you_mean(path, images).unwrap_or_else(|| {
            format!("put the picture at static/{path}, or fix the path (it is relative to the static folder)")
        });
        Problem { message: format!("no image at static/{path}"), help }
    }

    fn resize(&self, path: &str, extension: &str, bytes: &[u8]) -> Result<Picture, Problem> {
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        let tag = format!("{:08x}", hash >> 32);
        let format = if extension == "png" { "png" } else { "jpg" };
        let key = format!("{SETTINGS}-{hash:016x}");
        let name = |width: u32| {
            let named = tagged_name(path, &format!("{width}w.{tag}"));
            // A `.jpeg` original gives `.jpg` variants, like every other JPEG.
            named.rsplit_once('.').map_or(named.clone(), |(stem, _)| format!("{stem}.{format}"))
        };
        if let Some(cache) = &self.cache
            && let Some(picture) = cached(cache, &key, format, path, &name)
        {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(picture);
        }
        let image = decode(bytes).map_err(|e| unreadable(path, &e))?;
        let (width, height) = (image.width(), image.height());
        let mut variants = Vec::new();
        for target in widths(width) {
            let resized;
            let shown = if target == width {
                &image
            } else {
                resized = image.resize_exact(target, scaled(height, width, target), FilterType::CatmullRom);
                &resized
            };
            let encoded = encode(shown, format).map_err(|e| unreadable(path, &e))?;
            let file = self.cache.as_ref().map(|cache| cache.join(format!("{key}-{target}.{format}")));
            // Published from the cache when stored there, as the next build will: its output stays unchanged.
            let contents = match file {
                Some(file) if store(&file, &encoded) => Contents::Copy(file),
                _ => Contents::Bytes(Cow::Owned(encoded)),
            };
            variants.push(Variant { path: name(target), width: target, contents });
        }
        // Written last: its presence says every variant before it was stored.
        if let Some(cache) = &self.cache {
            let _ = store(&cache.join(format!("{key}.size")), format!("{width} {height}").as_bytes());
        }
        self.resized.fetch_add(1, Ordering::Relaxed);
        Ok(picture(path, variants, (width, height)))
    }
}

/// The variants of an original from the cache, if every one is there.
fn cached(cache: &Path, key: &str, format: &str, path: &str, name: &dyn Fn(u32) -> String) -> Option<Picture> {
    let size = std::fs::read_to_string(cache.join(format!("{key}.size"))).ok()?;
    let (width, height) = size.trim().split_once(' ')?;
    let (width, height): (u32, u32) = (width.parse().ok()?, height.parse().ok()?);
    let mut variants = Vec::new();
    for target in widths(width) {
        let file = cache.join(format!("{key}-{target}.{format}"));
        if !file.is_file() {
            return None;
        }
        variants.push(Variant { path: name(target), width: target, contents: Contents::Copy(file) });
    }
    Some(picture(path, variants, (width, height)))
}

fn picture(path: &str, variants: Vec<Variant>, (width, height): (u32, u32)) -> Picture {
    let largest = variants.last().map_or(width, |v| v.width);
    let fallback = variants.iter().rev().find(|v| v.width <= FALLBACK_WIDTH).or(variants.first());
    Picture {
        src: fallback.map_or_else(|| path.to_string(), |v| v.path.clone()),
        size: Some((largest, scaled(height, width, largest))),
        variants,
    }
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

fn unreadable(path: &str, error: &image::ImageError) -> Problem {
    Problem {
        message: format!("cannot read the image static/{path}: {error}"),
        help: "save it again as a PNG or JPEG from an image editor".into(),
    }
}

fn is_image(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    matches!(extension.as_str(), "png" | "jpg" | "jpeg" | "webp" | "gif" | "svg")
}

/// The widths an image of `original` pixels is published at, narrowest first.
fn widths(original: u32) -> Vec<u32> {
    let largest = original.min(WIDTHS[WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < largest).collect();
    widths.push(largest);
    widths
}

/// The height at `target` width of an image `width` by `height`, rounded, at least 1.
fn scaled(height: u32, width: u32, target: u32) -> u32 {
    let exact = (u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width.max(1));
    u32::try_from(exact).unwrap_or(u32::MAX).max(1)
}

/// Decodes, turned upright as the camera's EXIF orientation says (phones store photos sideways).
fn decode(bytes: &[u8]) -> image::ImageResult<DynamicImage> {
    let mut decoder = ImageReader::new(Cursor::new(bytes)).with_guessed_format()?.into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Fixed settings and no metadata (no dates, no EXIF): the same pixels always give the same bytes.
fn encode(image: &DynamicImage, format: &str) -> image::ImageResult<Vec<u8>> {
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
            .write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY))?;
    }
    Ok(bytes)
}

fn raster_size(bytes: &[u8]) -> image::ImageResult<(u32, u32)> {
    ImageReader::new(Cursor::new(bytes)).with_guessed_format()?.into_dimensions()
}

/// A GIF's size, from its header.
fn gif_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 10 || !bytes.starts_with(b"GIF8") {
        return None;
    }
    let width = u16::from_le_bytes([bytes[6], bytes[7]]);
    let height = u16::from_le_bytes([bytes[8], bytes[9]]);
    Some((u32::from(width), u32::from(height)))
}

/// An SVG's size from its root element: `width` and `height` in pixels, else the `viewBox`.
fn svg_size(bytes: &[u8]) -> Option<(u32, u32)> {
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

/// Sizes and modification times of the static images on disk.
fn disk_version(files: &StaticFiles) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut paths: Vec<&String> = files.paths().filter(|p| is_image(p)).collect();
    paths.sort();
    for path in paths {
        path.hash(&mut hasher);
        if let Some(Origin::Disk(file)) = files.get(path)
            && let Ok(meta) = std::fs::metadata(file)
        {
            (meta.len(), meta.modified().ok()).hash(&mut hasher);
        }
    }
    hasher.finish()
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
