//! Markdown to HTML with pulldown-cmark: heading ids, a table of contents, internal links by id
//! (`[[id]]`, `[[collection/id]]`, `[text](@/collection/id.md)`) or by relative path (`../causes/x.md`), and
//! the plain text search indexes. Link targets are resolved by the caller through `Resolver`, so this module
//! knows nothing of the site; every other site link it writes is listed with its byte range, for the output's
//! link check to report at the Markdown line.

pub mod rich;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// An internal link, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InternalLink<'a> {
    /// `[[id]]` or `[[collection/id]]`.
    Id { collection: Option<&'a str>, id: &'a str },
    /// `@/collection/id.md` or `@/about.md`, the path under content/.
    Path { path: &'a str },
}

pub struct Resolved {
    pub url: String,
    pub title: String,
}

pub struct Unresolved {
    pub message: String,
    pub help: Option<String>,
    /// A draft target is a warning (the link becomes plain text), anything else an error.
    pub is_warning: bool,
}

pub trait Resolver {
    fn resolve(&self, link: InternalLink<'_>) -> Result<Resolved, Unresolved>;

    /// A path from the site's root (`handouts/desk.pdf`), as the page links to it: under the base path of a
    /// sub-path `base_url`.
    fn site_url(&self, path: &str) -> String {
        format!("/{path}")
    }

    /// The HTML of an image written `![alt](src "title")` (alt text present), or `None` to leave it as
    /// pulldown-cmark writes it.
    fn image(&self, _src: &str, _alt: &str, _title: &str) -> Result<Option<String>, Unresolved> {
        Ok(None)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link that could not be resolved, at a byte range of the Markdown text.
pub struct LinkProblem {
    pub range: Range<usize>,
    pub problem: Unresolved,
}

/// A link to somewhere on the site (not `https:`, `mailto:`, ...) as written into the HTML, and the byte range
/// of the Markdown it came from. Whether it leads anywhere is known only once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLink {
    pub url: String,
    pub range: Range<usize>,
}

pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    /// The text a reader sees, for search.
    pub text: String,
    pub problems: Vec<LinkProblem>,
    /// Every link and image source to the site itself, resolved or written by hand.
    pub site_links: Vec<SiteLink>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a page body. `folder` is where its file is under content/ (`stretches`, or empty for the top), for
/// links written as relative paths to other content files. The author is trusted: raw HTML is published as
/// written (a site that says `html: escape` renders its bodies with `render_value` instead). A `javascript:`
/// (or `data:`, `vbscript:`) link is an error here, and dropped there: it would run code in a client's
/// browser, and no page of this kind needs one.
pub fn render(markdown: &str, folder: &str, resolver: &dyn Resolver) -> Rendered {
    render_with(markdown, folder, resolver, true)
}

/// Renders Markdown written as a front matter value or on the command line (a handout's `notes`): like a body,
/// but raw HTML is shown as text and `javascript:` links are dropped, because values are data, not markup.
pub fn render_value(markdown: &str, folder: &str, resolver: &dyn Resolver) -> Rendered {
    render_with(markdown, folder, resolver, false)
}

fn render_with(markdown: &str, folder: &str, resolver: &dyn Resolver, raw_html: bool) -> Rendered {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut toc = Vec::new();
    let mut text = String::with_capacity(markdown.len());
    let mut problems = Vec::new();
    let mut site_links = Vec::new();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut parser = Parser::new_ext(markdown, options()).into_offset_iter();

    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let (inner, heading_text) = heading_events(&mut parser);
                let id = id.map_or_else(|| unique_id(&heading_text, &mut used_ids), |id| id.to_string());
                toc.push(Heading { level: heading_level(level), id: id.clone(), text: heading_text.clone() });
                push_text(&mut text, &heading_text);
                text.push(' ');
                events.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            // A value's HTML is shown as its text, and a `javascript:` link as its text alone.
            Event::Html(t) | Event::InlineHtml(t) if !raw_html => events.push(Event::Text(t)),
            Event::Html(t) | Event::InlineHtml(t) if has_script_url(&t) => {
                problems.push(LinkProblem { range, problem: script_url_problem() });
                events.push(Event::Text(t));
            }
            Event::Start(Tag::Link { dest_url, .. }) if is_script_url(&dest_url) => {
                if raw_html {
                    problems.push(LinkProblem { range, problem: script_url_problem() });
                }
                keep_text(&mut parser, &mut events, &mut text);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let link = match written_link(link_type, &dest_url, folder) {
                    Written::Internal(link, anchor) => (link, anchor),
                    Written::Url => {
                        let dest_url = site_path(dest_url, resolver);
                        note_site_link(&dest_url, &range, &mut site_links);
                        events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                        continue;
                    }
                    Written::OutsideContent => {
                        let problem = Unresolved {
                            message: format!("`{dest_url}` leads outside content/"),
                            help: Some("a relative link to a page starts from the folder of this file".into()),
                            is_warning: false,
                        };
                        problems.push(LinkProblem { range, problem });
                        keep_text(&mut parser, &mut events, &mut text);
                        continue;
                    }
                };
                let (link, anchor) = link;
                let replace_text = matches!(link_type, LinkType::WikiLink { has_pothole: false });
                match resolver.resolve(link.borrow()) {
                    Ok(target) => {
                        let url = format!("{}{}", target.url, anchor);
                        site_links.push(SiteLink { url: url.clone(), range: range.clone() });
                        events.push(Event::Start(Tag::Link { link_type, dest_url: url.into(), title, id }));
                        if replace_text {
                            skip_to_link_end(&mut parser);
                            push_text(&mut text, &target.title);
                            events.push(Event::Text(target.title.into()));
                            events.push(Event::End(TagEnd::Link));
                        }
                    }
                    Err(problem) => {
                        problems.push(LinkProblem { range, problem });
                        keep_text(&mut parser, &mut events, &mut text);
                    }
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let (inner, alt) = image_alt(&mut parser);
                push_text(&mut text, &alt);
                if let Some(html) = image_html(resolver, &dest_url, &alt, &title, &range, &mut problems) {
                    events.push(Event::InlineHtml(html.into()));
                } else {
                    // Left as written (an address elsewhere, or a problem already reported): a site path still
                    // gets the base path, and the output link check knows where it was written.
                    let dest_url = site_path(dest_url, resolver);
                    note_site_link(&dest_url, &range, &mut site_links);
                    events.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
                    events.extend(inner);
                    events.push(Event::End(TagEnd::Image));
                }
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                push_text(&mut text, t);
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                text.push(' ');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter());
    Rendered { html, toc, text, problems, site_links }
}

/// The rest of a link that could not be resolved: its text stays, as plain text, so the page still reads.
fn keep_text<'a>(
    parser: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    events: &mut Vec<Event<'a>>,
    text: &mut String,
) {
    for (event, _) in parser.by_ref() {
        if matches!(event, Event::End(TagEnd::Link)) {
            break;
        }
        if let Event::Text(t) = &event {
            push_text(text, t);
        }
        events.push(event);
    }
}

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
fn site_path<'a>(dest: CowStr<'a>, resolver: &dyn Resolver) -> CowStr<'a> {
    match dest.strip_prefix('/') {
        Some(path) if !path.starts_with('/') => resolver.site_url(path).into(),
        _ => dest,
    }
}

fn note_site_link(dest: &str, range: &Range<usize>, site_links: &mut Vec<SiteLink>) {
    if !is_external(dest) {
        site_links.push(SiteLink { url: dest.to_string(), range: range.clone() });
    }
}

/// The http(s) links of a Markdown text, with their byte ranges: what `sinew check --external` visits.
pub fn external_links(markdown: &str) -> Vec<SiteLink> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let lower = dest_url.get(..8).unwrap_or(&dest_url).to_ascii_lowercase();
                (lower.starts_with("http://") || lower.starts_with("https://"))
                    .then(|| SiteLink { url: dest_url.to_string(), range })
            }
            _ => None,
        })
        .collect()
}

/// Renders one line of front matter text (a step, a caution) as inline Markdown: its links resolve as a body's
/// do, raw HTML is shown as text and `javascript:` links are dropped (values are data, not markup), and the
/// HTML has no `<p>` around it, to sit inside the theme's `<li>`.
pub fn render_line(markdown: &str, folder: &str, resolver: &dyn Resolver) -> Rendered {
    let mut rendered = render_value(markdown, folder, resolver);
    let html = rendered.html.trim_end();
    if let Some(inner) = html.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")).filter(|i| !i.contains("<p>")) {
        rendered.html = inner.to_string();
    }
    rendered
}

/// Every image teaches something here (how to lie, where a muscle is): a reader who cannot see it needs the
/// words. A purely decorative picture belongs to the theme, not to an article.
fn no_alt_text() -> Unresolved {
    Unresolved {
        message: "the image has no alt text".into(),
        help: Some(
            "write what the picture shows between the brackets: `![Lying on the back, one knee drawn to the chest](images/knee-to-chest.png)`"
                .into(),
        ),
        is_warning: false,
    }
}

/// Text for HTML content or a quoted attribute value: `&`, `<`, `>` and `"` as entities. For the bits of HTML
/// sinew writes by hand (image elements, the preview's error page).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A heading's inner events, up to its end, and their text.
fn heading_events<'a>(parser: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>) -> (Vec<Event<'a>>, String) {
    let mut inner = Vec::new();
    let mut heading_text = String::new();
    for (event, _) in parser.by_ref() {
        if matches!(event, Event::End(TagEnd::Heading(_))) {
            break;
        }
        if let Event::Text(t) | Event::Code(t) = &event {
            heading_text.push_str(t);
        }
        inner.push(event);
    }
    (inner, heading_text)
}

fn script_url_problem() -> Unresolved {
    Unresolved {
        message: "a `javascript:` link runs code in the reader's browser, so it is not published".into(),
        help: Some("link to a page or an https:// address instead".into()),
        is_warning: false,
    }
}

/// Whether raw HTML carries a script address in an attribute (`href="javascript:…"`, `href = 'vbscript:…'`).
fn has_script_url(html: &str) -> bool {
    let squeezed: String = html.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    ["javascript:", "vbscript:"]
        .iter()
        .any(|scheme| ["=\"", "='", "="].iter().any(|quote| squeezed.contains(&format!("{quote}{scheme}"))))
}

fn is_script_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("data:") || lower.starts_with("vbscript:")
}

/// An image's inner events, up to its end, and their text: the alt text.
/// The resolver's HTML for an image, or `None` to leave it as written; missing alt text or a problem with the
/// file is reported at the image.
fn image_html(
    resolver: &dyn Resolver,
    src: &str,
    alt: &str,
    title: &str,
    range: &Range<usize>,
    problems: &mut Vec<LinkProblem>,
) -> Option<String> {
    if alt.trim().is_empty() {
        problems.push(LinkProblem { range: range.clone(), problem: no_alt_text() });
        return None;
    }
    resolver.image(src, alt, title).unwrap_or_else(|problem| {
        problems.push(LinkProblem { range: range.clone(), problem });
        None
    })
}

fn image_alt<'a>(parser: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>) -> (Vec<Event<'a>>, String) {
    let mut inner = Vec::new();
    let mut alt = String::new();
    for (event, _) in parser.by_ref() {
        if matches!(event, Event::End(TagEnd::Image)) {
            break;
        }
        if let Event::Text(t) | Event::Code(t) = &event {
            alt.push_str(t);
        }
        inner.push(event);
    }
    (inner, alt)
}

fn skip_to_link_end<'a>(parser: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>) {
    for (event, _) in parser.by_ref() {
        if matches!(event, Event::End(TagEnd::Link)) {
            break;
        }
    }
}

/// What a link destination names: an entry or a content file (with its `#anchor`, kept with the `#`), or a
/// URL left as written.
enum Written<'a> {
    Internal(Target<'a>, &'a str),
    Url,
    /// A relative `.md` path with more `..` than folders above it.
    OutsideContent,
}

/// An internal link whose path may have been made from a relative one (so owned).
enum Target<'a> {
    Id { collection: Option<&'a str>, id: &'a str },
    Path(Cow<'a, str>),
}

impl Target<'_> {
    fn borrow(&self) -> InternalLink<'_> {
        match self {
            Target::Id { collection, id } => InternalLink::Id { collection: *collection, id },
            Target::Path(path) => InternalLink::Path { path },
        }
    }
}

fn written_link<'a>(link_type: LinkType, dest: &'a CowStr<'a>, folder: &str) -> Written<'a> {
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
fn normalize(folder: &str, path: &str) -> Option<String> {
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

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn unique_id(text: &str, used: &mut HashMap<String, usize>) -> String {
    let base = crate::fields::id::slugify(text);
    let base = if base.is_empty() { "section".to_string() } else { base };
    let count = used.entry(base.clone()).or_insert(0);
    *count += 1;
    if *count == 1 { base } else { format!("{base}-{}", *count - 1) }
}

/// Appends a piece of visible text, with line breaks as spaces (search wants words, not layout).
fn push_text(text: &mut String, piece: &str) {
    for (i, line) in piece.split('\n').enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;
    impl Resolver for Fixed {
        fn resolve(&self, link: InternalLink<'_>) -> Result<Resolved, Unresolved> {
            match link {
                InternalLink::Id { id: "piriformis", .. } | InternalLink::Path { path: "muscles/piriformis.md" } => {
                    Ok(Resolved { url: "/muscles/piriformis/".into(), title: "Piriformis".into() })
                }
                _ => Err(Unresolved { message: "no such entry".into(), help: None, is_warning: false }),
            }
        }
    }

    #[test]
    fn resolves_wikilinks_and_at_links_with_anchors() {
        let out = render(
            "See [[piriformis]], [[piriformis|this muscle]] and [it](@/muscles/piriformis.md#where).",
            "",
            &Fixed,
        );
        assert!(out.html.contains(r#"<a href="/muscles/piriformis/">Piriformis</a>"#), "{}", out.html);
        assert!(out.html.contains(r#"<a href="/muscles/piriformis/">this muscle</a>"#), "{}", out.html);
        assert!(out.html.contains(r#"<a href="/muscles/piriformis/#where">it</a>"#), "{}", out.html);
        assert!(out.problems.is_empty());
    }

    #[test]
    fn unknown_targets_are_reported_at_their_offset_and_kept_as_text() {
        let markdown = "Intro.\n\nSee [[piriformus]] now.";
        let out = render(markdown, "", &Fixed);
        assert_eq!(out.problems.len(), 1);
        assert_eq!(&markdown[out.problems[0].range.clone()], "[[piriformus]]");
        assert!(out.html.contains("See piriformus now"), "{}", out.html);
    }

    #[test]
    fn headings_get_unique_ids_and_a_toc() {
        let out = render("## Steps\n\n## Steps\n\n### Why it helps", "", &Fixed);
        let ids: Vec<_> = out.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["steps", "steps-1", "why-it-helps"]);
        assert!(out.html.contains(r#"<h2 id="steps">Steps</h2>"#));
    }

    #[test]
    fn relative_markdown_paths_resolve_from_the_file_s_folder() {
        let markdown = "[a](../muscles/piriformis.md#where) [b](piriformis.md) [c](/muscles/piriformis.md) \
                        [d](../../x.md) [e](/handouts/desk.pdf) ![f](pic.svg) [g](https://example.org/x.md)";
        let out = render(markdown, "muscles", &Fixed);
        assert!(out.html.contains(r#"<a href="/muscles/piriformis/#where">a</a>"#), "{}", out.html);
        assert!(out.html.contains(r#"<a href="/muscles/piriformis/">b</a>"#), "{}", out.html);
        assert!(out.html.contains(r#"<a href="/muscles/piriformis/">c</a>"#), "{}", out.html);
        assert_eq!(out.problems.len(), 1, "only `../../x.md` climbs out of content/");
        assert_eq!(&markdown[out.problems[0].range.clone()], "[d](../../x.md)");
        assert!(out.html.contains(r#"<a href="https://example.org/x.md">g</a>"#), "{}", out.html);
        let urls: Vec<_> = out.site_links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "/muscles/piriformis/#where",
                "/muscles/piriformis/",
                "/muscles/piriformis/",
                "/handouts/desk.pdf",
                "pic.svg"
            ]
        );
    }

    #[test]
    fn external_means_a_scheme_or_a_host() {
        for url in ["https://a.org/", "mailto:x@y.z", "tel:+1555", "data:image/png;base64,x", "//cdn.org/x.js"] {
            assert!(is_external(url), "{url}");
        }
        for url in ["/x/", "x.md", "#steps", "../a:b/", "", "?q=1"] {
            assert!(!is_external(url), "{url}");
        }
    }

    #[test]
    fn inline_fields_show_raw_html_as_text() {
        struct NoLinks;
        impl Resolver for NoLinks {
            fn resolve(&self, _: InternalLink<'_>) -> Result<Resolved, Unresolved> {
                Err(Unresolved { message: "unknown".into(), help: None, is_warning: false })
            }
        }
        assert_eq!(
            render_line("Keep *slow* <img src=x onerror=alert(1)>", "", &NoLinks).html,
            "Keep <em>slow</em> &lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(render_line("Go [there](javascript:alert(1)) now", "", &NoLinks).html, "Go there now");
    }
}
