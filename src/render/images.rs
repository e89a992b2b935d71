//! Images on pages: the `<img>` of a Markdown image and the `image` an entry template shows, with `srcset`,
//! `sizes`, `width` and `height` from the build's assets, so a page does not shift as its images load.

use crate::asset::{Images, Picture};
use crate::config::SiteConfig;
use crate::markdown::{InternalLink, Resolved, Resolver, Unresolved, escape_html};
use serde::Serialize;
use std::fmt::Write;

/// How wide an image shows: the text column on a wide screen (`.entry-main` and `.prose` in style.css), the
/// screen less its margins (`--measure` is 44rem) on a small one.
const SIZES: &str = "(min-width: 48rem) 44rem, calc(100vw - 2rem)";

/// What `<img>` needs of a picture, as addresses under the site's base path.
#[derive(Serialize)]
pub(super) struct ImageAttributes {
    pub src: String,
    /// Empty for an image published as it is (SVG, GIF, or any image in the preview).
    pub srcset: String,
    /// The same widths in WebP, for a `<source type="image/webp">`; empty when there are none.
    pub webp_srcset: String,
    pub sizes: &'static str,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

impl ImageAttributes {
    pub(super) fn new(picture: &Picture, config: &SiteConfig) -> Self {
        let srcset = |variants: &[crate::asset::Variant]| {
            let mut srcset = String::new();
            for variant in variants {
                let separator = if srcset.is_empty() { "" } else { ", " };
                let _ = write!(srcset, "{separator}{} {}w", config.url(&variant.path), variant.width);
            }
            srcset
        };
        let (webp_srcset, srcset) = (srcset(&picture.webp), srcset(&picture.variants));
        ImageAttributes {
            src: config.url(&picture.src),
            sizes: if srcset.is_empty() { "" } else { SIZES },
            srcset,
            webp_srcset,
            width: picture.size.map(|s| s.0),
            height: picture.size.map(|s| s.1),
        }
    }
}

/// A small picture beside an entry's title in a list (cards, search results, related pages): the narrowest
/// copy, in WebP where there is one. Its `alt` is empty: the title beside it already says what it shows.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct Thumbnail {
    pub src: String,
    pub webp: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

impl Thumbnail {
    pub(super) fn new(picture: &Picture, config: &SiteConfig) -> Self {
        let smallest = picture.variants.first();
        let (width, height) = match (smallest, picture.size) {
            (Some(variant), Some((w, h))) => (Some(variant.width), Some(crate::asset::scaled(h, w, variant.width))),
            (None, Some((w, h))) => (Some(w), Some(h)),
            _ => (None, None),
        };
        Thumbnail {
            src: config.url(smallest.map_or(&picture.src, |v| &v.path)),
            webp: picture.webp.first().filter(|w| Some(w.width) == width).map(|w| config.url(&w.path)),
            width,
            height,
        }
    }

    /// An address outside the site, as written.
    pub(super) fn external(src: &str) -> Self {
        Thumbnail { src: src.to_string(), webp: None, width: None, height: None }
    }
}

/// An address outside the site, left as written.
pub(super) fn is_external(src: &str) -> bool {
    src.starts_with("http://") || src.starts_with("https://") || src.starts_with("//") || src.starts_with("data:")
}

/// Resolves a page's internal links through `links`, and its images through the build's assets.
pub(super) struct PageResolver<'a> {
    pub links: &'a dyn Resolver,
    pub images: &'a Images,
    pub config: &'a SiteConfig,
}

impl Resolver for PageResolver<'_> {
    fn resolve(&self, link: InternalLink<'_>) -> Result<Resolved, Unresolved> {
        self.links.resolve(link)
    }

    fn site_url(&self, path: &str) -> String {
        self.links.site_url(path)
    }

    fn image(&self, src: &str, alt: &str, title: &str) -> Result<Option<String>, Unresolved> {
        if is_external(src) {
            return Ok(None);
        }
        let picture = self.images.get(src).map_err(|problem| Unresolved {
            message: problem.message,
            help: Some(problem.help),
            is_warning: false,
        })?;
        Ok(Some(img_html(&ImageAttributes::new(&picture, self.config), alt, title)))
    }
}

/// A Markdown image's `<img>` (in a `<picture>` with its WebP copies, when it has some): lazily loaded, since
/// body images are mostly below the first screen.
fn img_html(image: &ImageAttributes, alt: &str, title: &str) -> String {
    let mut html = String::new();
    if !image.webp_srcset.is_empty() {
        let _ = write!(
            html,
            r#"<picture><source type="image/webp" srcset="{}" sizes="{}">"#,
            escape_html(&image.webp_srcset),
            image.sizes
        );
    }
    let _ = write!(html, r#"<img src="{}""#, escape_html(&image.src));
    if !image.srcset.is_empty() {
        let _ = write!(html, r#" srcset="{}" sizes="{}""#, escape_html(&image.srcset), image.sizes);
    }
    if let (Some(width), Some(height)) = (image.width, image.height) {
        let _ = write!(html, r#" width="{width}" height="{height}""#);
    }
    let _ = write!(html, r#" alt="{}""#, escape_html(alt));
    if !title.is_empty() {
        let _ = write!(html, r#" title="{}""#, escape_html(title));
    }
    html.push_str(r#" loading="lazy" decoding="async">"#);
    if !image.webp_srcset.is_empty() {
        html.push_str("</picture>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_images_carry_their_size_and_escaped_alt() {
        let image = ImageAttributes {
            src: "/a.960w.1.png".into(),
            srcset: "/a.480w.1.png 480w, /a.960w.1.png 960w".into(),
            webp_srcset: String::new(),
            sizes: SIZES,
            width: Some(960),
            height: Some(480),
        };
        let html = img_html(&image, r#"A "bent" knee & hip"#, "");
        assert!(html.starts_with(r#"<img src="/a.960w.1.png" srcset="/a.480w.1.png 480w, /a.960w.1.png 960w""#));
        assert!(html.contains(r#" width="960" height="480" alt="A &quot;bent&quot; knee &amp; hip" loading="lazy""#));
    }
}
