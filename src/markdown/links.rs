//! What a link in Markdown is: an internal link by id or path (resolved by the caller), a site path that
//! gets the base path, or a URL left as written; and which URLs are external or run scripts.

use super::{InternalLink, Resolver, SiteLink, Unresolved};
use pulldown_cmark::{CowStr, LinkType};
use std::borrow::Cow;
use std::ops::Range;

/// Whether a URL leaves the site: it has a scheme (`https:`, `mailto:`, `data:`) or a host (`//cdn.example`).
pub fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let scheme_end = url.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    matches!(scheme_end, Some(end) if end > 0 && url[end..].starts_with(':') && url.as_bytes()[0].is_ascii_alphabetic())
}

/// A path from the site's root (`/handouts/desk.pdf`) gets the site's base path, so it works under a sub-path
/// `base_url` too. Anything else is left as written.
pub(super) fn site_path<'a>(dest: CowStr<'a>, resolver: &dyn Resolver) -> CowStr<'a> {
    match dest.strip_prefix('/') {
        Some(path) if !path.starts_with('/') => resolver.site_url(path).into(),
        _ => dest,
    }
}

pub(super) fn note_site_link(dest: &str, range: &Range<usize>, site_links: &mut Vec<SiteLink>) {
    if !is_external(dest) {
        site_links.push(SiteLink { url: dest.to_string(), range: range.clone() });
    }
}
pub(super) fn script_url_problem() -> Unresolved {
    Unresolved {
        message: "a `javascript:` link runs code in the reader's browser, so it is not published".into(),
        help: Some("link to a page or an https:// address instead".into()),
        is_warning: false,
    }
}

/// Whether raw HTML carries a script address in an attribute (`href="javascript:…"`, `href = 'vbscript:…'`).
pub(super) fn has_script_url(html: &str) -> bool {
    let squeezed: String = html.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    ["javascript:", "vbscript:"]
        .iter()
        .any(|scheme| ["=\"", "='", "="].iter().any(|quote| squeezed.contains(&format!("{quote}{scheme}"))))
}

/// True when raw HTML holds an `<img>` tag (closed within this piece) whose `alt` is missing or empty: a
/// picture written as HTML needs its words as much as one written `![alt](src)`.
pub(super) fn img_without_alt(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    lower.match_indices("<img").any(|(at, _)| {
        let after = &lower[at + 4..];
        // `<imgfoo>` is another tag; a tag not closed here (split over lines) is not judged.
        let (Some(first), Some(end)) = (after.chars().next(), after.find('>')) else { return false };
        if !(first.is_whitespace() || first == '/' || first == '>') {
            return false;
        }
        let tag = &after[..end];
        let alt = tag.match_indices("alt").find(|(i, _)| {
            let before = tag[..*i].chars().next_back();
            before.is_some_and(char::is_whitespace) && tag[i + 3..].trim_start().starts_with('=')
        });
        let Some((i, _)) = alt else { return true };
        let value = tag[i + 3..].trim_start()[1..].trim_start();
        let text = match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or(""),
            _ => value.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or(""),
        };
        text.trim().is_empty()
    })
}

pub(super) fn is_script_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("data:") || lower.starts_with("vbscript:")
}
/// What a link destination names: an entry or a content file (with its `#anchor`, kept with the `#`), or a
/// URL left as written.
pub(super) enum Written<'a> {
    Internal(Target<'a>, &'a str),
    Url,
    /// A relative `.md` path with more `..` than folders above it.
    OutsideContent,
}

/// An internal link whose path may have been made from a relative one (so owned).
pub(super) enum Target<'a> {
    Id { collection: Option<&'a str>, id: &'a str },
    Path(Cow<'a, str>),
}

impl Target<'_> {
    pub(super) fn borrow(&self) -> InternalLink<'_> {
        match self {
            Target::Id { collection, id } => InternalLink::Id { collection: *collection, id },
            Target::Path(path) => InternalLink::Path { path },
        }
    }
}

pub(super) fn written_link<'a>(link_type: LinkType, dest: &'a CowStr<'a>, folder: &str) -> Written<'a> {
    let dest: &'a str = dest.as_ref();
    let (target, anchor) = match dest.find('#') {
        Some(hash) => (&dest[..hash], &dest[hash..]),
        None => (dest, ""),
    };
    if let LinkType::WikiLink { .. } = link_type {
        let target = target.trim();
        let link = match target.split_once('/') {
            Some((collection, id)) => Target::Id { collection: Some(collection), id },
            None => Target::Id { collection: None, id: target },
        };
        return Written::Internal(link, anchor);
    }
    if let Some(path) = target.strip_prefix("@/") {
        return Written::Internal(Target::Path(path.into()), anchor);
    }
    // A path to another Markdown file, as an editor or a Git host would follow it: relative to this file's
    // folder, or from content/ when it starts with `/`.
    let markdown_file = std::path::Path::new(target).extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
    if markdown_file && !is_external(target) {
        let joined = match target.strip_prefix('/') {
            Some(from_top) => normalize("", from_top),
            None => normalize(folder, target),
        };
        return match joined {
            Some(path) => Written::Internal(Target::Path(path.into()), anchor),
            None => Written::OutsideContent,
        };
    }
    Written::Url
}

/// `folder` joined with a relative `path`, with `.` and `..` taken out; `None` if it climbs above the top.
pub(super) fn normalize(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}
