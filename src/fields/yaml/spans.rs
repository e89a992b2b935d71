//! Where each key, value and list item of a YAML text is written, as byte ranges, taken from the events of
//! the parser `serde_yaml` itself runs (libyaml, through `unsafe-libyaml`): the same reading of the text, so a
//! position always belongs to the value it is given for. Values themselves are read by `serde_yaml` (`mod.rs`);
//! this reads only the shape and the marks.

use std::mem::MaybeUninit;
use std::ops::Range;
use unsafe_libyaml as unsafe_yaml;

/// A value's place in the text, and the places of what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Node {
    /// From its first byte to just after its last (a quoted scalar includes its quotes; a list, its brackets
    /// or its `- ` items).
    pub span: Range<usize>,
    /// A list's items.
    pub items: Vec<Node>,
    /// A mapping's entries: the key's text, the key's place, and the value.
    pub entries: Vec<(String, Range<usize>, Node)>,
}

/// The spans of a YAML document, `None` when the parser refuses it (`serde_yaml` reports why).
pub fn read(text: &str) -> Option<Node> {
    let mut events = Events::new(text)?;
    // StreamStart, DocumentStart, the document's node, DocumentEnd, StreamEnd.
    match events.next()? {
        Event::StreamStart => {}
        _ => return None,
    }
    match events.next()? {
        Event::DocumentStart => {}
        Event::StreamEnd => return Some(Node::default()),
        _ => return None,
    }
    let first = events.next_with_span()?;
    match first.0 {
        // An empty document: the whole text is comments or blank.
        Event::DocumentEnd => Some(Node::default()),
        _ => node(&mut events, first, text),
    }
}

fn node(events: &mut Events, first: (Event, Range<usize>), text: &str) -> Option<Node> {
    let (event, span) = first;
    match event {
        Event::Scalar | Event::Alias => Some(Node { span, ..Node::default() }),
        Event::SequenceStart => {
            let mut items = Vec::new();
            loop {
                let next = events.next_with_span()?;
                if let (Event::SequenceEnd, end) = next {
                    return Some(Node { span: span.start..end.end.max(span.end), items, entries: Vec::new() });
                }
                items.push(node(events, next, text)?);
            }
        }
        Event::MappingStart => {
            let mut entries = Vec::new();
            loop {
                let next = events.next_with_span()?;
                if let (Event::MappingEnd, end) = next {
                    return Some(Node { span: span.start..end.end.max(span.end), items: Vec::new(), entries });
                }
                let key = node(events, next, text)?;
                let key_text = scalar_text(&text[key.span.clone()]);
                let value_event = events.next_with_span()?;
                let value = node(events, value_event, text)?;
                entries.push((key_text, key.span, value));
            }
        }
        _ => None,
    }
}

/// A key as written, without its quotes (keys in front matter are plain words).
fn scalar_text(written: &str) -> String {
    written.trim().trim_matches(['"', '\'']).to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Alias,
    Scalar,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
}

/// libyaml's parser over one text. The parser is boxed so it never moves once initialised, and deleted when
/// dropped.
struct Events<'a> {
    parser: Box<MaybeUninit<unsafe_yaml::yaml_parser_t>>,
    _text: &'a str,
    finished: bool,
}

impl<'a> Events<'a> {
    fn new(text: &'a str) -> Option<Self> {
        let mut parser = Box::new(MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit());
        // SAFETY: `parser` points to memory libyaml initialises here; the input string outlives the parser
        // (both live in `Events`, and `text` is borrowed for its lifetime).
        unsafe {
            if unsafe_yaml::yaml_parser_initialize(parser.as_mut_ptr()).fail {
                return None;
            }
            unsafe_yaml::yaml_parser_set_encoding(parser.as_mut_ptr(), unsafe_yaml::YAML_UTF8_ENCODING);
            unsafe_yaml::yaml_parser_set_input_string(parser.as_mut_ptr(), text.as_ptr(), text.len() as u64);
        }
        Some(Events { parser, _text: text, finished: false })
    }

    fn next(&mut self) -> Option<Event> {
        self.next_with_span().map(|(event, _)| event)
    }

    /// The next event and the bytes it covers; `None` after an error or the end of the stream.
    fn next_with_span(&mut self) -> Option<(Event, Range<usize>)> {
        if self.finished {
            return None;
        }
        let mut event = MaybeUninit::<unsafe_yaml::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised in `new`; a parsed event is read, then deleted exactly once.
        unsafe {
            if unsafe_yaml::yaml_parser_parse(self.parser.as_mut_ptr(), event.as_mut_ptr()).fail {
                self.finished = true;
                return None;
            }
            let raw = &*event.as_ptr();
            let kind = match raw.type_ {
                unsafe_yaml::YAML_STREAM_START_EVENT => Some(Event::StreamStart),
                unsafe_yaml::YAML_STREAM_END_EVENT => Some(Event::StreamEnd),
                unsafe_yaml::YAML_DOCUMENT_START_EVENT => Some(Event::DocumentStart),
                unsafe_yaml::YAML_DOCUMENT_END_EVENT => Some(Event::DocumentEnd),
                unsafe_yaml::YAML_ALIAS_EVENT => Some(Event::Alias),
                unsafe_yaml::YAML_SCALAR_EVENT => Some(Event::Scalar),
                unsafe_yaml::YAML_SEQUENCE_START_EVENT => Some(Event::SequenceStart),
                unsafe_yaml::YAML_SEQUENCE_END_EVENT => Some(Event::SequenceEnd),
                unsafe_yaml::YAML_MAPPING_START_EVENT => Some(Event::MappingStart),
                unsafe_yaml::YAML_MAPPING_END_EVENT => Some(Event::MappingEnd),
                _ => None,
            };
            let span =
                usize::try_from(raw.start_mark.index).unwrap_or(0)..usize::try_from(raw.end_mark.index).unwrap_or(0);
            unsafe_yaml::yaml_event_delete(event.as_mut_ptr());
            if matches!(kind, None | Some(Event::StreamEnd)) {
                self.finished = true;
            }
            kind.map(|kind| (kind, span))
        }
    }
}

impl Drop for Events<'_> {
    fn drop(&mut self) {
        // SAFETY: initialised in `new` (a failed initialisation never builds an `Events`), deleted once.
        unsafe { unsafe_yaml::yaml_parser_delete(self.parser.as_mut_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'t>(text: &'t str, span: &Range<usize>) -> &'t str {
        &text[span.clone()]
    }

    #[test]
    fn flow_and_block_items_and_keys_have_their_own_places() {
        let text = "title: \"A: b\"\nmuscles: [gluteus-maximus, gluteus]\nsteps:\n  - One\n  - 'Two: x'\nn: 3\r\n";
        let root = read(text).unwrap();
        let keys: Vec<&str> = root.entries.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "muscles", "steps", "n"]);
        let (_, key, title) = &root.entries[0];
        assert_eq!((at(text, key), at(text, &title.span)), ("title", "\"A: b\""));
        let muscles = &root.entries[1].2;
        assert_eq!(at(text, &muscles.items[1].span), "gluteus");
        assert_eq!(muscles.items[1].span.start, text.find(", gluteus]").unwrap() + 2, "not the prefix in the first");
        let steps = &root.entries[2].2;
        assert_eq!(at(text, &steps.items[1].span), "'Two: x'");
        assert_eq!(at(text, &root.entries[3].2.span), "3");
    }

    #[test]
    fn multi_byte_text_and_a_value_on_the_next_line() {
        let text = "title: Étirement du fessier\nsummary:\n  Sur le dos,\n  genoux pliés.\nmuscles: [piriforme]\n";
        let root = read(text).unwrap();
        assert_eq!(at(text, &root.entries[0].2.span), "Étirement du fessier");
        assert_eq!(at(text, &root.entries[1].2.span), "Sur le dos,\n  genoux pliés.");
        assert_eq!(at(text, &root.entries[2].2.items[0].span), "piriforme");
    }

    #[test]
    fn a_text_the_parser_refuses_has_no_spans() {
        assert_eq!(read("muscles: [a, b\nsummary: x\n"), None);
        assert_eq!(read(""), Some(Node::default()));
    }
}
