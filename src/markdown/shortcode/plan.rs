//! Where a body's shortcodes are: the `{{` that start in plain text (pulldown-cmark says which: not in code,
//! raw HTML, an image's alt text or a link's address), read, paired with their `{{ end }}`, checked against
//! the shortcodes there are; and the Markdown with a marker in place of each outermost one, with the way back
//! from a place in it to the place in the text as written.

use super::syntax::{self, Tag};
use super::{Arg, Shortcodes};
use pulldown_cmark::{Event, Parser, Tag as MdTag, TagEnd};
use std::ops::Range;

/// A shortcode to render: where its opening tag is, where it ends (after its `{{ end }}`), its body.
pub(super) struct Item<'a> {
    pub name: &'a str,
    pub args: Vec<(&'a str, Arg)>,
    pub call: Range<usize>,
    pub range: Range<usize>,
    pub body: Option<Range<usize>>,
}

pub(super) struct Problem {
    pub range: Range<usize>,
    pub message: String,
    pub help: String,
}

pub(super) struct Plan<'a> {
    /// The Markdown with `marker(i)` in place of item `i`.
    pub text: String,
    pub items: Vec<Item<'a>>,
    pub problems: Vec<Problem>,
}

/// The character that stands for item `i` while the Markdown is rendered: one of Unicode's private use
/// characters, which pulldown-cmark passes through as text and no one types.
pub(super) fn marker(i: usize) -> char {
    char::from_u32(0xF0000 + u32::try_from(i).unwrap_or(0).min(0xFFFD)).unwrap_or('\u{F0000}')
}

impl Plan<'_> {
    /// Where a range of `text` was in the Markdown as written.
    pub(super) fn original(&self, range: &Range<usize>) -> Range<usize> {
        let map = |at: usize| {
            // How much longer the written text is than `text`, up to the marker being looked at.
            let mut delta = 0;
            for (i, item) in self.items.iter().enumerate() {
                let marker_start = item.range.start - delta;
                if at <= marker_start {
                    break;
                }
                if at < marker_start + marker(i).len_utf8() {
                    return item.range.start;
                }
                delta += item.range.len() - marker(i).len_utf8();
            }
            at + delta
        };
        map(range.start)..map(range.end).max(map(range.start))
    }
}

/// The plan for `markdown`, or `None` when it calls no shortcode and has no mistake in trying.
pub(super) fn plan<'a>(markdown: &'a str, shortcodes: &dyn Shortcodes) -> Option<Plan<'a>> {
    if !markdown.contains("{{") {
        return None;
    }
    let mut items = Vec::new();
    let mut problems = Vec::new();
    // Blocks open around the tag being read: (item so far, where its body starts).
    let mut open: Vec<(Item<'a>, usize)> = Vec::new();
    let mut unknown_seen = false;
    let mut next = 0;
    for start in tag_starts(markdown) {
        if start < next {
            continue;
        }
        // Inside a block, its body is read again on its own, and reports its own problems.
        let outermost = open.is_empty();
        let mut report = |range: Range<usize>, message: String, help: String| {
            if outermost {
                problems.push(Problem { range, message, help });
            }
        };
        let tag = match syntax::read(markdown, start) {
            Ok(Some(tag)) => tag,
            Ok(None) => continue,
            Err(error) => {
                report(error.range, error.message, error.help);
                next = start + 2;
                continue;
            }
        };
        match tag {
            Tag::Bare { name, end } => {
                next = end;
                if shortcodes.takes_body(name).is_some() {
                    report(
                        start..end,
                        format!("`{name}` is a shortcode: it is called with parentheses"),
                        format!("write `{{{{ {name}() }}}}`, with its arguments between the parentheses"),
                    );
                }
            }
            Tag::Call { name, args, end } => {
                next = end;
                let item = Item { name, args, call: start..end, range: start..end, body: None };
                match shortcodes.takes_body(name) {
                    None => {
                        unknown_seen = true;
                        let (message, help) = unknown(name, shortcodes);
                        report(
                            start..start + 2 + markdown[start + 2..].find(name).unwrap_or(0) + name.len(),
                            message,
                            help,
                        );
                    }
                    Some(true) => {
                        if !alone_on_line(markdown, &item.call) {
                            report(
                                item.call.clone(),
                                format!("`{name}` takes a body: put `{{{{ {name}(…) }}}}` on a line of its own"),
                                "write the body on the lines after it, then `{{ end }}` on a line of its own".into(),
                            );
                        }
                        open.push((item, end));
                    }
                    Some(false) if outermost => items.push(item),
                    Some(false) => {}
                }
            }
            Tag::End { end } => {
                next = end;
                let Some((mut item, body_start)) = open.pop() else {
                    if !unknown_seen {
                        report(start..end, "this `{{ end }}` closes no shortcode".into(), STRAY_END.into());
                    }
                    continue;
                };
                if !alone_on_line(markdown, &(start..end)) && open.is_empty() {
                    report(
                        start..end,
                        "put `{{ end }}` on a line of its own".into(),
                        format!("it closes `{}`, whose body is the lines between them", item.name),
                    );
                }
                if open.is_empty() {
                    item.body = Some(body_start..start);
                    item.range = item.call.start..end;
                    items.push(item);
                }
            }
        }
    }
    problems.extend(open.iter().map(|(item, _)| unclosed(item)));
    if items.is_empty() && problems.is_empty() {
        return None;
    }
    Some(Plan { text: with_markers(markdown, &items), items, problems })
}

const STRAY_END: &str = "`{{ end }}` closes a shortcode that takes a body, such as `{{ callout(kind=\"tip\") }}`; remove it, or add the shortcode it closes";

/// The problem of a block left open to the end of the text.
fn unclosed(item: &Item<'_>) -> Problem {
    Problem {
        range: item.call.clone(),
        message: format!("`{}` has no `{{{{ end }}}}`", item.name),
        help: format!("`{}` takes a body: end it with `{{{{ end }}}}` on a line of its own", item.name),
    }
}

/// The problem of a call to no shortcode there is, with the nearest name.
fn unknown(name: &str, shortcodes: &dyn Shortcodes) -> (String, String) {
    let names = shortcodes.names();
    let known = if names.is_empty() { "none".to_string() } else { names.join(", ") };
    let message = format!("no shortcode `{name}`");
    let message = match crate::diag::did_you_mean(name, names.iter().map(String::as_str)) {
        Some(suggestion) => format!("{message}; {suggestion}"),
        None => message,
    };
    (message, format!("the shortcodes are: {known}; a site adds its own in templates/shortcodes/"))
}

/// The Markdown with `marker(i)` in place of item `i`.
fn with_markers(markdown: &str, items: &[Item<'_>]) -> String {
    let mut text = String::with_capacity(markdown.len());
    let mut copied = 0;
    for (i, item) in items.iter().enumerate() {
        text.push_str(&markdown[copied..item.range.start]);
        text.push(marker(i));
        copied = item.range.end;
    }
    text.push_str(&markdown[copied..]);
    text
}

/// Whether only spaces share the lines of `range`.
fn alone_on_line(text: &str, range: &Range<usize>) -> bool {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..].find('\n').map_or(text.len(), |i| range.end + i);
    text[line_start..range.start].trim().is_empty() && text[range.end..line_end].trim().is_empty()
}

/// Where a `{{` starts in the text a reader sees: inside pulldown-cmark's text events, outside code blocks
/// and images (whose text becomes an attribute), and not after a backslash.
fn tag_starts(markdown: &str) -> Vec<usize> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(markdown, super::super::options()).into_offset_iter() {
        match event {
            Event::Start(MdTag::Image { .. } | MdTag::CodeBlock(_)) => hidden += 1,
            Event::End(TagEnd::Image | TagEnd::CodeBlock) => hidden = hidden.saturating_sub(1),
            Event::Text(_) if hidden == 0 => match runs.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => runs.push(range),
            },
            _ => {}
        }
    }
    let mut starts = Vec::new();
    for run in runs {
        let text = &markdown[run.clone()];
        for (i, _) in text.match_indices("{{") {
            let escaped = text[..i].ends_with('\\') || (i == 0 && markdown[..run.start].ends_with('\\'));
            if !escaped && starts.last().is_none_or(|last| run.start + i >= last + 2) {
                starts.push(run.start + i);
            }
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Unresolved;
    use crate::markdown::shortcode::Call;

    struct Two;
    impl Shortcodes for Two {
        fn takes_body(&self, name: &str) -> Option<bool> {
            match name {
                "callout" => Some(true),
                "video" => Some(false),
                _ => None,
            }
        }
        fn names(&self) -> Vec<String> {
            vec!["callout".into(), "video".into()]
        }
        fn render(&self, _: &Call<'_>, _: Option<&str>) -> Result<String, Vec<Unresolved>> {
            Ok(String::new())
        }
    }

    #[test]
    fn code_and_escapes_are_left_alone() {
        let text = "`{{ video() }}` and \\{{ video() }}\n\n    {{ video() }}\n\n```\n{{ video() }}\n```\n";
        assert!(plan(text, &Two).is_none());
    }

    #[test]
    fn blocks_nest_and_places_map_back() {
        let text = "A {{ video(src=\"a\") }} b.\n\n{{ callout() }}\nIn {{ callout() }}\n{{ end }}\n[x](y)\n";
        let plan = plan(text, &Two).unwrap();
        assert!(plan.problems.len() == 1, "{:?}", plan.problems.iter().map(|p| &p.message).collect::<Vec<_>>());
        // The inner callout is not on a line of its own, but that is for the body's own reading to say.
        assert_eq!(plan.problems[0].message, "`callout` has no `{{ end }}`");
        let closed = "{{ callout() }}\nbody {{ video() }}\n{{ end }}\nafter [x](y)\n";
        let plan = super::plan(closed, &Two).unwrap();
        assert!(plan.problems.is_empty());
        assert_eq!(plan.items.len(), 1);
        assert_eq!(plan.items[0].body, Some(15..35));
        let link = plan.text.find("[x]").unwrap();
        assert_eq!(plan.original(&(link..link + 6)), closed.find("[x]").map(|at| at..at + 6).unwrap());
    }

    #[test]
    fn mistakes_are_reported_where_they_are_written() {
        let text = "{{ calout() }}\n\n{{ end }}\n\n{{ video }}\n";
        let plan = plan(text, &Two).unwrap();
        let found: Vec<_> = plan.problems.iter().map(|p| (p.range.clone(), p.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (0..9, "no shortcode `calout`; did you mean `callout`?"),
                (27..38, "`video` is a shortcode: it is called with parentheses"),
            ]
        );
    }
}
