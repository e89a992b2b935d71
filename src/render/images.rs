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
    pub sizes: &'static str,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

impl ImageAttributes {
    pub(super) fn new(picture: &Picture, config: &SiteConfig) -> Self {
        let mut srcset = String::new();
        for variant in &picture.variants {
            let separator = if srcset.is_empty() { "" } else { ", " };
            let _ = write!(srcset, "{separator}{} {}w", config.url(&variant.path), variant.width);
        }
        ImageAttributes {
            src: config.url(&picture.src),
            sizes: if srcset.is_empty() { "" } else { SIZES },
            srcset,
            width: picture.size.map(|s| s.0),
            height: picture.size.map(|s| s.1),
        }
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

/// A Markdown image's `<img>`: lazily loaded, since body images are mostly below the first screen.
fn img_html(image: &ImageAttributes, alt: &str, title: &str) -> String {
    let mut html = format!(r#"<img src="{}""#, escape_html(&image.src));
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
            sizes: SIZES,
            width: Some(960),
            height: Some(480),
        };
        let html = img_html(&image, r#"A "bent" knee & hip"#, "");
        assert!(html.starts_with(r#"<img src="/a.960w.1.png" srcset="/a.480w.1.png 480w, /a.960w.1.png 960w""#));
        assert!(html.contains(r#" width="960" height="480" alt="A &quot;bent&quot; knee &amp; hip" loading="lazy""#));
    }
}
