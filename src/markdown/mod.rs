//! Markdown to HTML with pulldown-cmark: heading ids, a table of contents, internal links by id
//! (`[[id]]`, `[[collection/id]]`, `[text](@/collection/id.md)`), and the plain text search indexes.
//! Link targets are resolved by the caller through `Resolver`, so this module knows nothing of the site.

pub mod rich;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};
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

pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    /// The text a reader sees, for search.
    pub text: String,
    pub problems: Vec<LinkProblem>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a page body.
pub fn render(markdown: &str, resolver: &dyn Resolver) -> Rendered {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut toc = Vec::new();
    let mut text = String::with_capacity(markdown.len());
    let mut problems = Vec::new();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut parser = Parser::new_ext(markdown, options()).into_offset_iter();

    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
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
                let id = id.map_or_else(|| unique_id(&heading_text, &mut used_ids), |id| id.to_string());
                toc.push(Heading { level: heading_level(level), id: id.clone(), text: heading_text.clone() });
                push_text(&mut text, &heading_text);
                text.push(' ');
                events.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let internal = internal_link(link_type, &dest_url);
                let Some((link, anchor)) = internal else {
                    events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                    continue;
                };
                let replace_text = matches!(link_type, LinkType::WikiLink { has_pothole: false });
                match resolver.resolve(link) {
                    Ok(target) => {
                        let url = format!("{}{}", target.url, anchor);
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
                        // The link's text stays, as plain text, so the page still reads.
                        for (event, _) in parser.by_ref() {
                            if matches!(event, Event::End(TagEnd::Link)) {
                                break;
                            }
                            if let Event::Text(t) = &event {
                                push_text(&mut text, t);
                            }
                            events.push(event);
                        }
                    }
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let (inner, alt) = image_alt(&mut parser);
                push_text(&mut text, &alt);
                let html = if alt.trim().is_empty() {
                    problems.push(LinkProblem { range, problem: no_alt_text() });
                    None
                } else {
                    resolver.image(&dest_url, &alt, &title).unwrap_or_else(|problem| {
                        problems.push(LinkProblem { range, problem });
                        None
                    })
                };
                if let Some(html) = html {
                    events.push(Event::InlineHtml(html.into()));
                } else {
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
    Rendered { html, toc, text, problems }
}

/// Renders one line of front matter text (a step, a caution) as inline Markdown. Raw HTML is shown as text,
/// because front matter values are data, not markup.
pub fn render_inline(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION)
        .filter(|e| !matches!(e, Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)))
        .map(|event| match event {
            Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
            Event::Start(Tag::Link { dest_url, .. }) if is_script_url(&dest_url) => Event::Text("".into()),
            other => other,
        });
    let mut html = String::new();
    html::push_html(&mut html, events);
    html.trim_end().to_string()
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

fn is_script_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("data:") || lower.starts_with("vbscript:")
}

/// An image's inner events, up to its end, and their text: the alt text.
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

/// Splits an internal link destination into the link and its `#anchor` (kept with the `#`).
fn internal_link<'a>(link_type: LinkType, dest: &'a CowStr<'a>) -> Option<(InternalLink<'a>, &'a str)> {
    let dest: &'a str = dest.as_ref();
    let (target, anchor) = match dest.find('#') {
        Some(hash) => (&dest[..hash], &dest[hash..]),
        None => (dest, ""),
    };
    if let LinkType::WikiLink { .. } = link_type {
        let target = target.trim();
        return Some(match target.split_once('/') {
            Some((collection, id)) => (InternalLink::Id { collection: Some(collection), id }, anchor),
            None => (InternalLink::Id { collection: None, id: target }, anchor),
        });
    }
    let path = target.strip_prefix("@/")?;
    Some((InternalLink::Path { path }, anchor))
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
    let base = crate::model::id::slugify(text);
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
        let out =
            render("See [[piriformis]], [[piriformis|this muscle]] and [it](@/muscles/piriformis.md#where).", &Fixed);
        assert!(out.html.contains(r#"<a href="/muscles/piriformis/">Piriformis</a>"#), "{}", out.html);
        assert!(out.html.contains(r#"<a href="/muscles/piriformis/">this muscle</a>"#), "{}", out.html);
        assert!(out.html.contains(r#"<a href="/muscles/piriformis/#where">it</a>"#), "{}", out.html);
        assert!(out.problems.is_empty());
    }

    #[test]
    fn unknown_targets_are_reported_at_their_offset_and_kept_as_text() {
        let markdown = "Intro.\n\nSee [[piriformus]] now.";
        let out = render(markdown, &Fixed);
        assert_eq!(out.problems.len(), 1);
        assert_eq!(&markdown[out.problems[0].range.clone()], "[[piriformus]]");
        assert!(out.html.contains("See piriformus now"), "{}", out.html);
    }

    #[test]
    fn headings_get_unique_ids_and_a_toc() {
        let out = render("## Steps\n\n## Steps\n\n### Why it helps", &Fixed);
        let ids: Vec<_> = out.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["steps", "steps-1", "why-it-helps"]);
        assert!(out.html.contains(r#"<h2 id="steps">Steps</h2>"#));
    }

    #[test]
    fn inline_fields_show_raw_html_as_text() {
        assert_eq!(
            render_inline("Keep *slow* <img src=x onerror=alert(1)>"),
            "Keep <em>slow</em> &lt;img src=x onerror=alert(1)&gt;"
        );
    }
}
