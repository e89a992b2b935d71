//! The static files a handout shows (images, the stylesheet of a self-contained HTML sheet): the site's
//! static/ first, then its theme's, then the theme built into sinew, as a build publishes them.

use crate::asset::StaticFiles;
use crate::source::Sources;
use std::borrow::Cow;

pub(crate) struct Assets {
    files: StaticFiles,
}

impl Assets {
    pub(crate) fn new(sources: &Sources) -> Self {
        Assets { files: StaticFiles::new(sources) }
    }

    /// The bytes of the file published at `path` (`images/a.svg`), if there is one.
    pub(crate) fn read(&self, path: &str) -> Option<Cow<'static, [u8]>> {
        self.files.get(path.trim_start_matches('/')).and_then(|origin| StaticFiles::read(origin).ok())
    }

    pub(crate) fn exists(&self, path: &str) -> bool {
        self.files.get(path.trim_start_matches('/')).is_some()
    }
}

/// A stylesheet with each `url("...")` that names one of the site's static files (the sheet's fonts) as a
/// `data:` URL holding the file, for a self-contained HTML file; other addresses stay as written.
pub(crate) fn inline_urls(css: &str, assets: &Assets) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        let (before, after) = rest.split_at(at + 4);
        out.push_str(before);
        let Some(end) = after.find(')') else {
            rest = after;
            break;
        };
        let written = after[..end].trim().trim_matches(|c| c == '"' || c == '\'');
        let local = !written.contains(':') && !written.starts_with("//") && !written.starts_with('#');
        match assets.read(written).filter(|_| local) {
            Some(bytes) => {
                out.push('"');
                out.push_str(&data_url(written, &bytes));
                out.push('"');
            }
            None => out.push_str(&after[..end]),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// A `data:` URL holding `bytes`, for a self-contained HTML file.
pub(crate) fn data_url(path: &str, bytes: &[u8]) -> String {
    format!("data:{};base64,{}", crate::output::media_type(path), base64(bytes))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::data_url("a.svg", b"<svg/>"), "data:image/svg+xml;base64,PHN2Zy8+");
    }
}
