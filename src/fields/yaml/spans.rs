//! Where each key, value and list item of a YAML text is written, as byte ranges, taken from the events of
//! the parser `serde_yaml` itself runs (libyaml, through `unsafe-libyaml`): the same reading of the text, so a
//! position always belongs to the value it is given for. Values are read by `serde_yaml` (`mod.rs`), except
//! in `read_with_values`: front matter as it is nearly always written (text, whole numbers, dates, yes/no,
//! lists and mappings) is read once, values and places together, and anything else is left to `serde_yaml`.

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
    read_document(text).map(|(node, _)| node)
}

/// A mapping's entries and their places, read in one pass, where every value is one whose reading is plain:
/// `None` for anything `serde_yaml` should read instead (numbers other than whole ones, anchors, aliases,
/// tags, keys that are not text, a key given twice, a document that is not one mapping, a syntax error), so
/// the values are always exactly what `parse_mapping` gives. Twice as quick: the text is parsed once, not twice.
pub fn read_with_values(text: &str) -> Option<(Vec<(String, super::Yaml)>, Node)> {
    match read_document(text)? {
        (node, Some(super::Yaml::Map(pairs))) => Some((pairs, node)),
        _ => None,
    }
}

/// A document's places, and its value where every part of it reads plainly (see `read_with_values`).
fn read_document(text: &str) -> Option<(Node, Option<super::Yaml>)> {
    let mut events = Events::new(text)?;
    // StreamStart, DocumentStart, the document's node, DocumentEnd, StreamEnd.
    if events.next()? != Event::StreamStart {
        return None;
    }
    match events.next()? {
        Event::DocumentStart => {}
        Event::StreamEnd => return Some((Node::default(), None)),
        _ => return None,
    }
    let first = events.next_with_span()?;
    if first.0 == Event::DocumentEnd {
        // An empty document: the whole text is comments or blank.
        return Some((Node::default(), None));
    }
    let (node, value) = walk(&mut events, first, text, 0)?;
    // A value only for one document with nothing after it (serde_yaml refuses more).
    let alone = events.next() == Some(Event::DocumentEnd) && events.next() == Some(Event::StreamEnd);
    Some((node, value.filter(|_| alone)))
}

/// Values nested deeper than this are left to `serde_yaml` (which has its own limit).
const DEEPEST: usize = 64;

/// The node that starts with `first`, and its value unless some part of it does not read plainly.
fn walk(
    events: &mut Events,
    first: (Event, Range<usize>),
    text: &str,
    depth: usize,
) -> Option<(Node, Option<super::Yaml>)> {
    use super::Yaml;
    let (event, span) = first;
    // What the event just read carried: an anchor or a tag has a reading of its own.
    let plain = !events.last.marked && depth <= DEEPEST;
    match event {
        Event::Scalar | Event::Alias => {
            let text = std::mem::take(&mut events.last.text);
            let value = match event {
                Event::Scalar if plain && events.last.plain => plain_scalar(text),
                Event::Scalar if plain => Some(Yaml::String(text)),
                _ => None,
            };
            Some((Node { span, ..Node::default() }, value))
        }
        Event::SequenceStart => {
            let (mut items, mut values) = (Vec::new(), plain.then(Vec::new));
            loop {
                let next = events.next_with_span()?;
                if let (Event::SequenceEnd, end) = next {
                    let node = Node { span: span.start..end.end.max(span.end), items, entries: Vec::new() };
                    return Some((node, values.map(Yaml::Seq)));
                }
                let (item, value) = walk(events, next, text, depth + 1)?;
                items.push(item);
                values = values.zip(value).map(|(mut values, value)| {
                    values.push(value);
                    values
                });
            }
        }
        Event::MappingStart => {
            let (mut entries, mut pairs) = (Vec::new(), plain.then(Vec::new));
            loop {
                let next = events.next_with_span()?;
                if let (Event::MappingEnd, end) = next {
                    let node = Node { span: span.start..end.end.max(span.end), items: Vec::new(), entries };
                    return Some((node, pairs.map(Yaml::Map)));
                }
                let (key, key_value) = walk(events, next, text, depth + 1)?;
                let value_event = events.next_with_span()?;
                let (value_node, value) = walk(events, value_event, text, depth + 1)?;
                // A key that is not text, or one given twice, is for serde_yaml to report.
                pairs = match (pairs, key_value, value) {
                    (Some(mut pairs), Some(Yaml::String(key)), Some(value)) if pairs.iter().all(|(k, _)| *k != key) => {
                        pairs.push((key, value));
                        Some(pairs)
                    }
                    _ => None,
                };
                entries.push((scalar_text(&text[key.span.clone()]), key.span, value_node));
            }
        }
        _ => None,
    }
}

/// A plain (unquoted) scalar as `serde_yaml` reads it, for the cases read here: nothing, yes/no, a whole
/// number written plainly, a date; `None` for any other reading that might be a number.
fn plain_scalar(value: String) -> Option<super::Yaml> {
    use super::Yaml;
    Some(match value.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => Yaml::Null,
        "true" | "True" | "TRUE" => Yaml::Bool(true),
        "false" | "False" | "FALSE" => Yaml::Bool(false),
        v if v.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
            let bytes = v.as_bytes();
            let whole = bytes.iter().all(u8::is_ascii_digit) && bytes.len() <= 18 && (bytes[0] != b'0' || v == "0");
            let date = bytes.len() == 10
                && bytes
                    .iter()
                    .enumerate()
                    .all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
            if whole {
                Yaml::Number(value)
            } else if date {
                Yaml::String(value)
            } else {
                return None;
            }
        }
        _ => Yaml::String(value),
    })
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
    /// What `walk` needs of the event just read.
    last: Last,
}

/// What `walk` needs of an event besides its kind and place.
#[derive(Default)]
struct Last {
    /// A scalar's text, and whether it was plain (unquoted, no block style).
    text: String,
    plain: bool,
    /// The event carried an anchor or a tag (or was an alias).
    marked: bool,
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
        Some(Events { parser, _text: text, finished: false, last: Last::default() })
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
            self.last.marked = false;
            match raw.type_ {
                unsafe_yaml::YAML_SCALAR_EVENT => {
                    let scalar = raw.data.scalar;
                    self.last.marked = !scalar.anchor.is_null() || !scalar.tag.is_null();
                    self.last.plain = scalar.style == unsafe_yaml::YAML_PLAIN_SCALAR_STYLE;
                    let length = usize::try_from(scalar.length).unwrap_or(0);
                    let bytes =
                        if scalar.value.is_null() { &[][..] } else { std::slice::from_raw_parts(scalar.value, length) };
                    match std::str::from_utf8(bytes) {
                        Ok(value) => value.clone_into(&mut self.last.text),
                        Err(_) => self.last.marked = true,
                    }
                }
                unsafe_yaml::YAML_SEQUENCE_START_EVENT => {
                    let start = raw.data.sequence_start;
                    self.last.marked = !start.anchor.is_null() || !start.tag.is_null();
                }
                unsafe_yaml::YAML_MAPPING_START_EVENT => {
                    let start = raw.data.mapping_start;
                    self.last.marked = !start.anchor.is_null() || !start.tag.is_null();
                }
                unsafe_yaml::YAML_ALIAS_EVENT => self.last.marked = true,
                _ => {}
            }
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

/// The first scalar under `node` written as `needle` (without its quotes), or the first key named `needle`
/// (without a trailing `:`), depth first in document order.
pub fn find_written(text: &str, node: &Node, needle: &str) -> Option<std::ops::Range<usize>> {
    let unquoted = |span: &std::ops::Range<usize>| text[span.clone()].trim().trim_matches(['"', '\'']).to_string();
    if node.items.is_empty() && node.entries.is_empty() {
        return (unquoted(&node.span) == needle).then(|| node.span.clone());
    }
    let key = needle.strip_suffix(':').unwrap_or(needle);
    for (name, key_span, value) in &node.entries {
        if name == key {
            return Some(key_span.clone());
        }
        if let Some(found) = find_written(text, value, needle) {
            return Some(found);
        }
    }
    node.items.iter().find_map(|item| find_written(text, item, needle))
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
    fn values_read_in_one_pass_are_what_serde_yaml_reads() {
        let texts = [
            "title: \"A: b\"\nhold_seconds: 30\nreviewed: 2026-09-14\ndraft: false\nsummary:\n  two\n  lines\n",
            "steps:\n  - One\n  - { text: 'Two', image: { src: a.png, alt: x } }\nnotes: |\n  kept\n  as is\nempty:\nnone: ~\n",
            "muscles: [a, 'b', \"c\"]\nn: 0\ncount: 10\nword: no\nyes_no: True\n",
        ];
        for text in texts {
            let (pairs, node) = read_with_values(text).unwrap_or_else(|| panic!("read in one pass: {text}"));
            assert_eq!(pairs, super::super::parse_mapping(text).unwrap(), "{text}");
            assert_eq!(Some(node), read(text), "{text}");
        }
        // The sample site's front matter: every file read in one pass reads as serde_yaml reads it.
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut compared = 0;
        for file in walkdir::WalkDir::new(content).into_iter().filter_map(Result::ok) {
            let Ok(text) = std::fs::read_to_string(file.path()) else { continue };
            let Some(front) = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---").map(|(f, _)| f)) else {
                continue;
            };
            if let Some((pairs, _)) = read_with_values(front) {
                assert_eq!(pairs, super::super::parse_mapping(front).unwrap(), "{}", file.path().display());
                compared += 1;
            }
        }
        assert!(compared > 50, "only {compared} files read in one pass");
    }

    #[test]
    fn anything_else_is_left_to_serde_yaml() {
        for text in [
            "n: 1e3\n",
            "n: -2\n",
            "n: 0x1F\n",
            "n: 007\n",
            "n: .inf\n",
            "a: &x 1\nb: *x\n",
            "a: !tag v\n",
            "1: one\n",
            "true: yes\n",
            "a: 1\na: 2\n",
            "- a list\n",
            "a: [b\n",
            "a: 1\n---\nb: 2\n",
        ] {
            assert_eq!(read_with_values(text), None, "{text}");
        }
    }

    #[test]
    fn a_text_the_parser_refuses_has_no_spans() {
        assert_eq!(read("muscles: [a, b\nsummary: x\n"), None);
        assert_eq!(read(""), Some(Node::default()));
    }
}
