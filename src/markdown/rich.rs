//! Markdown as plain data for the PDF template: paragraphs, headings and lists made of text runs that are bold,
//! italic or code. The Typst template sets each run as text, never as markup, so nothing a handout says can
//! change the template. Links keep their text (a bare `[[id]]` shows the entry's title), since paper has no
//! links.
//!
//! The HTML side of the same text comes from the parent module; this reads Markdown with the same library
//! for the few constructs a handout uses. Both live here so pulldown-cmark stays behind one module.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// A piece of text with one style.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Run {
    pub text: String,
    pub strong: bool,
    pub emph: bool,
    pub code: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Paragraph { runs: Vec<Run> },
    Heading { level: u8, runs: Vec<Run> },
    List { ordered: bool, items: Vec<Vec<Run>> },
}

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_WIKILINKS | Options::ENABLE_SMART_PUNCTUATION
}

/// One line of inline Markdown (a step, a caution) as runs.
pub(crate) fn inline(markdown: &str, title_of: &dyn Fn(&str) -> Option<String>) -> Vec<Run> {
    let blocks = blocks(markdown, title_of);
    let mut runs = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph { runs: more } | Block::Heading { runs: more, .. } => {
                if !runs.is_empty() {
                    runs.push(Run { text: " ".into(), ..Run::default() });
                }
                runs.extend(more);
            }
            Block::List { items, .. } => {
                for item in items {
                    runs.push(Run { text: " ".into(), ..Run::default() });
                    runs.extend(item);
                }
            }
        }
    }
    runs
}

/// Block Markdown (an intro, notes) as blocks. Nested lists are flattened into their parent's items; quotes,
/// tables and code blocks become paragraphs.
pub(crate) fn blocks(markdown: &str, title_of: &dyn Fn(&str) -> Option<String>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut state = State::default();
    let mut parser = Parser::new_ext(markdown, options());
    while let Some(event) = parser.next() {
        match event {
            Event::Start(Tag::Strong) => state.strong += 1,
            Event::End(TagEnd::Strong) => state.strong = state.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => state.emph += 1,
            Event::End(TagEnd::Emphasis) => state.emph = state.emph.saturating_sub(1),
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::CodeBlock(_) | Tag::TableCell)
            | Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::TableCell)
                if state.list.is_none() =>
            {
                state.flush(&mut out);
            }
            Event::End(TagEnd::Heading(level)) if state.list.is_none() => {
                let runs = std::mem::take(&mut state.runs);
                if !runs.is_empty() {
                    out.push(Block::Heading { level: level as u8, runs });
                }
            }
            Event::Start(Tag::List(first)) => {
                if state.list.is_none() {
                    state.flush(&mut out);
                    state.list = Some((first.is_some(), Vec::new()));
                }
                state.depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                state.depth -= 1;
                if state.depth == 0 {
                    state.end_item();
                    if let Some((ordered, items)) = state.list.take() {
                        out.push(Block::List { ordered, items });
                    }
                }
            }
            Event::Start(Tag::Item) => state.end_item(),
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { has_pothole: false }, dest_url, .. }) => {
                // The text of a bare `[[id]]` is the id: show the entry's title instead, as the web page does.
                let id = dest_url.rsplit('/').next().unwrap_or(&dest_url).to_string();
                for event in parser.by_ref() {
                    if matches!(event, Event::End(TagEnd::Link)) {
                        break;
                    }
                }
                let text = title_of(&id).unwrap_or(id);
                state.push(&text, false);
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => state.push(&text, false),
            Event::Code(text) => state.push(&text, true),
            Event::SoftBreak | Event::HardBreak => state.push(" ", false),
            _ => {}
        }
    }
    state.flush(&mut out);
    out
}

#[derive(Default)]
struct State {
    runs: Vec<Run>,
    strong: u32,
    emph: u32,
    /// The list being read (ordered?, finished items) and how deep in lists we are.
    list: Option<(bool, Vec<Vec<Run>>)>,
    depth: u32,
}

impl State {
    fn push(&mut self, text: &str, code: bool) {
        let (strong, emph) = (self.strong > 0, self.emph > 0);
        match self.runs.last_mut() {
            Some(last) if last.strong == strong && last.emph == emph && last.code == code => last.text.push_str(text),
            _ => self.runs.push(Run { text: text.to_string(), strong, emph, code }),
        }
    }

    fn flush(&mut self, out: &mut Vec<Block>) {
        let runs = std::mem::take(&mut self.runs);
        if runs.iter().any(|r| !r.text.trim().is_empty()) {
            out.push(Block::Paragraph { runs });
        }
    }

    fn end_item(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        if let Some((_, items)) = &mut self.list
            && runs.iter().any(|r| !r.text.trim().is_empty())
        {
            items.push(runs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_titles(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn inline_runs_keep_bold_and_italic() {
        let runs = inline("Keep it **slow** and *easy*", &no_titles);
        let shown: Vec<_> = runs.iter().map(|r| (r.text.as_str(), r.strong, r.emph)).collect();
        assert_eq!(
            shown,
            [("Keep it ", false, false), ("slow", true, false), (" and ", false, false), ("easy", false, true)]
        );
    }

    #[test]
    fn blocks_read_paragraphs_lists_and_links() {
        let title = |id: &str| (id == "figure-four").then(|| "Figure four stretch".to_string());
        let blocks = blocks("Start with [[figure-four]].\n\n- one\n- two\n  - nested\n\n## Later\n\nDone.", &title);
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert_eq!(
            blocks[0],
            Block::Paragraph { runs: vec![Run { text: "Start with Figure four stretch.".into(), ..Run::default() }] }
        );
        let Block::List { ordered: false, items } = &blocks[1] else { panic!("{blocks:?}") };
        assert_eq!(items.len(), 3);
        assert!(matches!(&blocks[2], Block::Heading { level: 2, .. }));
    }
}
