//! Reading a page's ids and link attributes out of its HTML, fast: the link check scans every page of the
//! site, so this skips from `<` to `=` with memchr instead of parsing the HTML.

use super::Page;
use std::borrow::Cow;

/// The ids and link attribute values of one page, in the order written. Stops only at `<` (for comments,
/// scripts and styles, whose bodies are skipped) and `=` (an attribute, when a name we want precedes it), so
/// the bytes between are passed over at memchr's speed.
pub(super) fn scan<'t>(path: &'t str, html: &'t [u8]) -> Page<'t> {
    let mut page = Page { path, rendered: true, ids: Vec::new(), links: Vec::new() };
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &html[at..]) {
        at += found + 1;
        let rest = &html[at..];
        if rest.starts_with(b"!--") {
            at = memchr::memmem::find(rest, b"-->").map_or(html.len(), |e| at + e + 3);
            continue;
        }
        // Only a start tag has attributes: a `<` of text is escaped, but `href=` may well be written in text
        // or code (`&lt;a href="x"&gt;`) and is not a link there.
        if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let raw_text_end: Option<&[u8]> = if starts_with_tag(rest, b"script") {
            Some(b"</script")
        } else if starts_with_tag(rest, b"style") {
            Some(b"</style")
        } else {
            None
        };
        at = scan_tag(html, at, &mut page);
        if let Some(end) = raw_text_end {
            // A script's own attributes (`src`) come before its body, which is skipped.
            at = memchr::memmem::find(&html[at..], end).map_or(html.len(), |e| at + e);
        }
    }
    page
}

/// Reads the attributes of the start tag whose name begins at `at` (just after its `<`); returns where the tag
/// ends. Every value is read whole, so a quoted `>` or `=` in one does not end the tag or start another.
fn scan_tag<'t>(html: &'t [u8], mut at: usize, page: &mut Page<'t>) -> usize {
    while let Some(found) = memchr::memchr2(b'=', b'>', &html[at..]) {
        let here = at + found;
        at = here + 1;
        if html[here] == b'>' {
            return at;
        }
        let (value, end) = attribute_value(html, at);
        at = end.min(html.len());
        if let Some(kind) = attribute_before(&html[..here]) {
            push_attribute(kind, value, page);
        }
    }
    html.len()
}

#[derive(Clone, Copy)]
enum Attribute {
    Id,
    Link,
}

/// Which attribute, if one we want, ends just before an `=` (`␣href`, `␣id`; `name` counts as an id).
fn attribute_before(before: &[u8]) -> Option<Attribute> {
    let tail = &before[before.len().saturating_sub(7)..];
    for (name, kind) in [
        (&b"href"[..], Attribute::Link),
        (b"src", Attribute::Link),
        (b"id", Attribute::Id),
        (b"action", Attribute::Link),
        (b"name", Attribute::Id),
    ] {
        if tail.len() > name.len()
            && tail[tail.len() - name.len()..].eq_ignore_ascii_case(name)
            && tail[tail.len() - name.len() - 1].is_ascii_whitespace()
        {
            return Some(kind);
        }
    }
    None
}

/// The value after an `=` at `at - 1`: quoted with `"` or `'`, or bare; and where it ends.
fn attribute_value(html: &[u8], at: usize) -> (&[u8], usize) {
    if let Some(&quote @ (b'"' | b'\'')) = html.get(at) {
        let end = memchr::memchr(quote, &html[at + 1..]).map_or(html.len(), |e| at + 1 + e);
        (&html[(at + 1).min(end)..end], end + 1)
    } else {
        let end = html[at..].iter().position(|b| b.is_ascii_whitespace() || *b == b'>').map_or(html.len(), |e| at + e);
        (&html[at..end], end)
    }
}

fn push_attribute<'t>(kind: Attribute, value: &'t [u8], page: &mut Page<'t>) {
    let Ok(value) = std::str::from_utf8(value) else { return };
    let value = unescape(value);
    match kind {
        Attribute::Id => page.ids.push(value),
        Attribute::Link => page.links.push(value),
    }
}

fn starts_with_tag(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && matches!(rest[name.len()], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
}

/// The character references an attribute value of ours may hold (`&amp;`, `&quot;`, `&#39;`, ...).
fn unescape(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let decoded = match &rest[1..semi] {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            entity => entity
                .strip_prefix('#')
                .and_then(|n| match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                })
                .and_then(char::from_u32),
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &rest[semi + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}
