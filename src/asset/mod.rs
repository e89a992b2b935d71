//! ASSETS: what a build does to static files beyond copying them. CSS is minified (`css`); CSS and JS are
//! published under names that carry a hash of what is published (`fingerprint`), so a browser never runs
//! stale code after a publish; the
//! images entries show are resized into a few widths, in their format and in WebP (`picture`, `resize`), for
//! `srcset`, and every published image loses its metadata (`strip`). Reads static files; writes
//! only the image cache (`.sinew-cache/images/` in the site folder). Knows nothing of templates or Markdown.

mod css;
mod fingerprint;
mod picture;
mod resize;
mod size;
mod strip;

use crate::output::OutputTree;
use crate::source::Sources;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub(crate) use css::Stylesheets;
pub(crate) use fingerprint::Fingerprints;
pub(crate) use picture::{Images, Picture, Variant};
pub(crate) use resize::scaled;

/// Where the image cache lives, inside the site folder.
pub(crate) const CACHE_DIR: &str = ".sinew-cache/images";

/// What a build does with assets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AssetMode {
    /// `sinew build`: minified CSS, fingerprinted CSS and JS, resized images (cached between builds).
    Publish,
    /// `sinew check`: images are looked at (present, readable, sized) but not resized; stylesheets are parsed
    /// (a warning for one that cannot be minified); nothing is written.
    Check,
    /// `sinew serve`: the files under their own names and as written (readable in the browser's developer
    /// tools), images as they are. The preview swaps a stylesheet in place by its address (live.js), which a
    /// name that changes with every edit would break; and an edit shows without waiting for resizing.
    Preview,
}

/// The assets of one build: the fingerprinted names (for the `url` filter), the minified stylesheets (and a
/// warning for each that could not be) and the images pages show.
pub(crate) struct Assets {
    pub(crate) fingerprints: Fingerprints,
    pub(crate) stylesheets: Stylesheets,
    pub(crate) images: Images,
}

impl Assets {
    pub(crate) fn new(root: &Path, sources: &Sources, mode: AssetMode) -> Self {
        let files = StaticFiles::new(sources);
        let stylesheets =
            if mode == AssetMode::Preview { Stylesheets::default() } else { Stylesheets::new(&files, root) };
        // Of the minified bytes: the name changes exactly when what is served does.
        let fingerprints =
            if mode == AssetMode::Publish { Fingerprints::new(&files, &stylesheets) } else { Fingerprints::default() };
        let cache = (mode == AssetMode::Publish).then(|| root.join(CACHE_DIR));
        Assets { fingerprints, stylesheets, images: Images::new(files, mode, cache) }
    }

    /// Puts the minified stylesheets in, moves fingerprinted files to their hashed names and adds the image
    /// variants pages asked for.
    pub(crate) fn finish(&self, tree: &mut OutputTree) {
        self.stylesheets.replace(tree);
        self.fingerprints.rename(tree);
        self.images.add_variants(tree);
        self.images.prune();
    }

    /// A hash of what pages take from the assets (hashed names, image sizes), for the preview's render cache.
    pub(crate) fn version(&self) -> u64 {
        self.fingerprints.hash() ^ self.images.version()
    }
}

/// Where a static file's bytes are.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// The static files as a build publishes them: the built-in theme's, the site theme's, then the site's, later
/// ones replacing earlier ones at the same path.
#[derive(Debug, Default)]
pub(crate) struct StaticFiles {
    files: HashMap<String, Origin>,
}

impl StaticFiles {
    pub(crate) fn new(sources: &Sources) -> Self {
        let mut files: HashMap<String, Origin> = crate::source::theme::static_files()
            .map(|(path, bytes)| (path.to_string(), Origin::Embedded(bytes)))
            .collect();
        for file in &sources.static_files {
            files.insert(file.output_path.clone(), Origin::Disk(file.source.clone()));
        }
        StaticFiles { files }
    }

    pub(crate) fn get(&self, path: &str) -> Option<&Origin> {
        self.files.get(path)
    }

    pub(crate) fn read(origin: &Origin) -> std::io::Result<Cow<'static, [u8]>> {
        match origin {
            Origin::Embedded(bytes) => Ok(Cow::Borrowed(bytes)),
            Origin::Disk(path) => std::fs::read(path).map(Cow::Owned),
        }
    }

    fn paths(&self) -> impl Iterator<Item = &String> {
        self.files.keys()
    }
}

/// The first 32 bits of a hash as 8 hex digits: short enough for a file name, long enough that two versions of
/// one file never share a name in practice.
fn short_hash(bytes: &[u8]) -> String {
    format!("{:08x}", xxhash_rust::xxh3::xxh3_64(bytes) >> 32)
}

/// `style.css` -> `style.<tag>.css`; `js/app.js` -> `js/app.<tag>.js`.
fn tagged_name(path: &str, tag: &str) -> String {
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let dir = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    if extension.is_empty() { format!("{dir}{stem}.{tag}") } else { format!("{dir}{stem}.{tag}.{extension}") }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags_go_before_the_extension() {
        assert_eq!(super::tagged_name("style.css", "1a2b3c4d"), "style.1a2b3c4d.css");
        assert_eq!(super::tagged_name("js/app.min.js", "00ff00ff"), "js/app.min.00ff00ff.js");
        assert_eq!(super::tagged_name("images/a.b/c.png", "480w.1"), "images/a.b/c.480w.1.png");
    }
}
