//! Markdown to HTML with pulldown-cmark: heading ids, a table of contents, internal links by id
//! (`[[id]]`, `[[collection/id]]`, `[text](@/collection/id.md)`) or by relative path (`../causes/x.md`), and
//! the plain text search indexes. Link targets are resolved by the caller through `Resolver`, so this module
//! knows nothing of the site; every other site link it writes is listed with its byte range, for the output's
//! link check to report at the Markdown line.

mod links;
pub mod rich;
mod shortcode;

/// Text for HTML written by hand; one escape for all of sinew, kept in `diag` (which uses nothing of ours).
pub use crate::diag::escape_html;

pub use links::is_external;
use links::{
    Written, has_script_url, img_without_alt, is_script_url, note_site_link, script_url_problem, site_path,
    written_link,
};
pub use shortcode::{Arg, Call, Shortcodes};

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
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
    /// Shortcodes that are unknown, written wrong or failed to render (a body's only).
    pub shortcode_problems: Vec<LinkProblem>,
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

/// Renders a page body with its shortcodes (`{{ video(...) }}`, `{{ callout(...) }}` … `{{ end }}`), which
/// `shortcodes` makes into HTML. `raw_html`: whether the author's raw HTML is published (`render`) or shown
/// as text (`render_value`); a block's body is rendered the same way.
pub fn render_body(
    markdown: &str,
    folder: &str,
    resolver: &dyn Resolver,
    raw_html: bool,
    shortcodes: &dyn Shortcodes,
) -> Rendered {
    shortcode::render(markdown, shortcodes, &|text, with_shortcodes| {
        if with_shortcodes {
            render_body(text, folder, resolver, raw_html, shortcodes)
        } else {
            render_with(text, folder, resolver, raw_html)
        }
    })
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
                // One block a line: search keeps a heading apart from the text after it.
                text.push('\n');
                events.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            // A value's HTML is shown as its text, and a `javascript:` link as its text alone.
            Event::Html(t) | Event::InlineHtml(t) if !raw_html => events.push(Event::Text(t)),
            // Raw HTML with a `javascript:` link is shown as text; a picture without alt text is kept.
            Event::Html(ref t) | Event::InlineHtml(ref t) if has_script_url(t) || img_without_alt(t) => {
                let script = has_script_url(t);
                let problem = if script { script_url_problem() } else { no_alt_text_html() };
                problems.push(LinkProblem { range, problem });
                events.push(if script { Event::Text(t.clone()) } else { event });
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
                text.push('\n');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter());
    Rendered { html, toc, text, problems, site_links, shortcode_problems: Vec::new() }
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

fn no_alt_text_html() -> Unresolved {
    Unresolved {
        message: "the image has no alt text".into(),
        help: Some("add what the picture shows to the tag: `<img src=\"...\" alt=\"Lying on the back, one knee drawn to the chest\">`".into()),
        is_warning: false,
    }
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
mod tests;
