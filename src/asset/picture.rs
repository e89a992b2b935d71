//! The images entries show (front matter `image:` and Markdown `![alt](path)`), found among the static files
//! by their published path. For a build, PNG and JPEG are resized into a few widths for `srcset`, in their
//! own format and in WebP (`resize`), each copy named by its width and a hash of the original; GIF, SVG and
//! WebP are published as they are, with their size where it is cheap to read. Every published PNG, JPEG,
//! WebP and SVG loses its metadata (`strip`), shown on a page or not. Copies are kept in a cache folder keyed by the
//! original's hash, so a build of unchanged images resizes nothing, and the folder is pruned of copies no
//! image uses any more. The only module that knows the `image` crate.

use super::resize::{self, Made};
use super::size::{gif_size, raster_size, svg_size};
use super::{AssetMode, Origin, StaticFiles, tagged_name};
use crate::output::{Contents, OutputFile, OutputTree};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// The width `src` shows, for browsers without `srcset`.
const FALLBACK_WIDTH: u32 = 960;

/// An image as pages show it.
#[derive(Debug)]
pub(crate) struct Picture {
    /// The site path `src` points at.
    pub(crate) src: String,
    /// The size of the largest variant (or of the file as it is), when known.
    pub(crate) size: Option<(u32, u32)>,
    /// Resized copies in the original's format, narrowest first; empty for an image published as it is.
    pub(crate) variants: Vec<Variant>,
    /// The same in WebP, for `<picture>`: only widths where WebP is lighter.
    pub(crate) webp: Vec<Variant>,
    /// The original as published, when that differs from the file (its metadata removed).
    original: Option<Contents>,
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
    /// The cache keys this build used: the rest of the cache folder is pruned.
    used: Mutex<HashSet<String>>,
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
            used: Mutex::default(),
        }
    }

    /// The bytes of the static file at a site path (a video's captions), if there is one.
    pub(crate) fn static_file(&self, path: &str) -> Option<std::io::Result<Cow<'static, [u8]>>> {
        self.files.get(path.trim_start_matches('/')).map(StaticFiles::read)
    }

    /// The image at a site path (`images/a.png`, a leading `/` allowed), made on first request.
    pub(crate) fn get(&self, src: &str) -> Result<Arc<Picture>, Problem> {
        let path = src.trim_start_matches('/');
        let slot = {
            let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
            // Every card asks for its entry's picture: look it up before making a key to insert.
            match seen.get(path) {
                Some(slot) => slot.clone(),
                None => seen.entry(path.to_string()).or_default().clone(),
            }
        };
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

    /// Adds the copies pages asked for, and publishes every PNG, JPEG, WebP and SVG without its metadata.
    pub(super) fn add_variants(&self, tree: &mut OutputTree) {
        let seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        for (path, slot) in seen.iter() {
            let Some(Ok(picture)) = slot.get() else { continue };
            for variant in picture.variants.iter().chain(&picture.webp) {
                let origin = format!("a resized copy of static/{path}");
                tree.replace(variant.path.clone(), OutputFile { contents: variant.contents.clone(), origin });
            }
            if let Some(original) = &picture.original {
                let origin = format!("static/{path}, without its metadata");
                tree.replace(path.clone(), OutputFile { contents: original.clone(), origin });
            }
        }
        // The images no page shows are published too (a reader may follow a link to one). `sinew check`
        // publishes nothing, so it need not read them.
        let publish = self.mode == AssetMode::Publish;
        let unseen = self.files.paths().filter(|p| publish && carries_metadata(p) && !seen.contains_key(*p));
        for path in unseen {
            let Some(origin) = self.files.get(path) else { continue };
            let Ok(bytes) = StaticFiles::read(origin) else { continue };
            if let Some(stripped) = super::strip::strip(&bytes) {
                let origin = format!("static/{path}, without its metadata");
                tree.replace(path.clone(), OutputFile { contents: Contents::Bytes(Cow::Owned(stripped)), origin });
            }
        }
    }

    /// Removes from the cache folder what this build did not use (the copies of images since changed or
    /// removed), so it does not grow with every edit of every picture. Returns how many files went.
    pub(super) fn prune(&self) -> usize {
        let Some(cache) = &self.cache else { return 0 };
        let used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let Ok(files) = std::fs::read_dir(cache) else { return 0 };
        let mut removed = 0;
        for file in files.flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            // `<settings>-<hash>` starts every name the cache holds: `v3-<hash>-480.jpg`, `v3-<hash>.manifest`.
            let key = name.splitn(3, ['-', '.']).take(2).collect::<Vec<_>>().join("-");
            if !used.contains(&key) && std::fs::remove_file(file.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    fn load(&self, path: &str) -> Result<Picture, Problem> {
        let Some(origin) = self.files.get(path) else { return Err(self.missing(path)) };
        let extension = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
        let bytes = StaticFiles::read(origin).map_err(|error| Problem {
            message: format!("cannot read the image static/{path}: {error}"),
            help: "check the file's permissions".into(),
        })?;
        let publish = self.mode == AssetMode::Publish;
        let as_is = |size| {
            let original =
                if publish { super::strip::strip(&bytes).map(|b| Contents::Bytes(Cow::Owned(b))) } else { None };
            Ok(Picture { src: path.to_string(), size, variants: Vec::new(), webp: Vec::new(), original })
        };
        match extension.as_str() {
            "png" | "jpg" | "jpeg" if publish => self.resize(path, &extension, &bytes),
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
        let key = format!("{}-{hash:016x}", resize::SETTINGS);
        self.used.lock().unwrap_or_else(PoisonError::into_inner).insert(key.clone());
        let name = |width: u32, format: &str| {
            let named = tagged_name(path, &format!("{width}w.{tag}"));
            // A `.jpeg` original gives `.jpg` copies, like every other JPEG.
            named.rsplit_once('.').map_or(named.clone(), |(stem, _)| format!("{stem}.{format}"))
        };
        let cache = self.cache.as_deref();
        let made = if let Some(made) = cache.and_then(|dir| resize::cached(dir, &key, extension)) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            made
        } else {
            let made = resize::make(bytes, extension, &key, cache).map_err(|e| unreadable(path, &e))?;
            self.resized.fetch_add(1, Ordering::Relaxed);
            made
        };
        let Made { width, height, own, webp, original } = made;
        let format = resize::format_of(extension);
        let variants = |copies: Vec<(u32, Contents)>, format: &str| -> Vec<Variant> {
            copies.into_iter().map(|(w, contents)| Variant { path: name(w, format), width: w, contents }).collect()
        };
        let variants_own = variants(own, format);
        let largest = variants_own.last().map_or(width, |v| v.width);
        let fallback = variants_own.iter().rev().find(|v| v.width <= FALLBACK_WIDTH).or(variants_own.first());
        Ok(Picture {
            src: fallback.map_or_else(|| path.to_string(), |v| v.path.clone()),
            size: Some((largest, resize::scaled(height, width, largest))),
            webp: variants(webp, "webp"),
            variants: variants_own,
            original,
        })
    }
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

/// The images that can carry metadata sinew removes.
fn carries_metadata(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    matches!(extension.as_str(), "png" | "jpg" | "jpeg" | "webp" | "svg")
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
