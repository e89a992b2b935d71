//! Writes a draft back into its file, keeping the author's text: only the fields whose value changed are
//! rewritten, each in place (from its key to the end of its value), so untouched keys, comments, key order,
//! quoting and the body's bytes stay exactly as they were. The places come from the YAML parser's own events
//! (`fields::yaml::spans`), never from searching the text.

use crate::fields::yaml::spans::{self, Node};
use serde_json::Value as Json;
use std::ops::Range;

/// How one field is written: the kinds the front matter uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Quoted text (`"Figure four stretch"`).
    Text,
    /// A bare word: a choice, a date, a number, `true`/`false`, an id.
    Word,
    /// A list of quoted text; `block`: written one item per line when it is new.
    TextList { block: bool },
    /// A list of ids (`[piriformis, gluteus-maximus]`).
    IdList,
    /// `{ src: "...", alt: "..." }`.
    Image,
    /// An address, or `{ src: "...", poster: "...", captions: "...", title: "..." }`.
    Video,
}

/// One field of the draft: its key, how it is written, and its new value (`None`: removed).
pub(crate) struct Change<'a> {
    pub key: &'a str,
    pub shape: Shape,
    pub value: Option<&'a Json>,
    /// The field's key comes after these keys in the table's order (where a new field is added).
    pub after: Vec<&'a str>,
}

/// The front matter with `changes` applied: `front` is the YAML text between the fences, as decoded; the
/// caller passes only the fields whose value differs from the file's. `None` when the front matter does not
/// parse (the form cannot be made then anyway) or a value does not fit its shape.
pub(crate) fn rewrite(front: &str, changes: &[Change<'_>]) -> Option<String> {
    let root = spans::read(front)?;
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut added: Vec<(usize, String)> = Vec::new();
    for change in changes {
        let present = root.entries.iter().find(|(key, _, _)| key == change.key);
        match (present, change.value) {
            (Some((_, key_span, value)), None) => {
                edits.push((whole_lines(front, key_span.start, value_end(front, key_span, value) - 1), String::new()));
            }
            (Some((_, key_span, value)), Some(json)) => {
                let indent = block_indent(front, value);
                let text = render(change.key, change.shape, json, indent.as_deref())?;
                edits.push((key_span.start..value_end(front, key_span, value), text));
            }
            (None, Some(json)) => {
                let text = render(change.key, change.shape, json, None)?;
                added.push((insertion_point(front, &root, &change.after), text));
            }
            (None, None) => {}
        }
    }
    edits.extend(added.into_iter().map(|(at, text)| (at..at, format!("{text}\n"))));
    // Applied from the end, so earlier places stay valid. At one place, a replacement goes before the
    // insertions there (else it would swallow them), and insertions go last-made first, which leaves them
    // in the order they were made.
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(edits[i].0.start), edits[i].0.is_empty(), std::cmp::Reverse(i)));
    let mut out = front.to_string();
    for i in order {
        out.replace_range(edits[i].0.clone(), &edits[i].1);
    }
    Some(out)
}

/// Where a value ends: a block list's span runs on to the next key, so trailing blank space is left out; an
/// empty value (`key:` alone) ends at its key's colon.
fn value_end(text: &str, key: &Range<usize>, value: &Node) -> usize {
    let end = text[..value.span.end.min(text.len())].trim_end().len();
    if end > key.end { end } else { key.end + 1 }
}

/// From the start of `start`'s line to just after the newline ending `end`'s line.
fn whole_lines(text: &str, start: usize, end: usize) -> Range<usize> {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = end.max(start);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    line_start..line_end
}

/// The indentation of a block list's items (`  - `), to write a changed block list the same way.
fn block_indent(text: &str, value: &Node) -> Option<String> {
    let first = value.items.first()?;
    let line_start = text[..first.span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..first.span.start];
    // A block item is preceded on its line by spaces and a dash; a flow list's by `[` or `,`.
    let trimmed = before.trim_end();
    (trimmed.trim_start() == "-").then(|| before[..before.len() - before.trim_start().len()].to_string())
}

/// Where a new field goes: after the last line of the nearest field before it in the table that the file
/// has, else at the top.
fn insertion_point(text: &str, root: &Node, after: &[&str]) -> usize {
    let last = after.iter().rev().find_map(|name| root.entries.iter().find(|(key, _, _)| key == name));
    match last {
        Some((_, key, value)) => whole_lines(text, key.start, value_end(text, key, value) - 1).end,
        None => 0,
    }
}

/// `key: value` as the front matter writes it.
fn render(key: &str, shape: Shape, value: &Json, indent: Option<&str>) -> Option<String> {
    let rendered = match (shape, value) {
        (Shape::Text, Json::String(text)) => quoted(text),
        (Shape::Word, Json::String(word)) => word_or_quoted(word),
        (Shape::Word, Json::Number(n)) => n.to_string(),
        (Shape::Word, Json::Bool(b)) => b.to_string(),
        (Shape::TextList { block }, Json::Array(items)) => {
            let items: Vec<String> = items.iter().map(list_item).collect::<Option<_>>()?;
            match indent {
                Some(indent) => return Some(block_list(key, &items, indent)),
                None if block => return Some(block_list(key, &items, "  ")),
                None => format!("[{}]", items.join(", ")),
            }
        }
        (Shape::IdList, Json::Array(items)) => {
            let items: Vec<String> = items.iter().map(|i| i.as_str().map(word_or_quoted)).collect::<Option<_>>()?;
            match indent {
                Some(indent) => return Some(block_list(key, &items, indent)),
                None => format!("[{}]", items.join(", ")),
            }
        }
        (Shape::Image, Json::Object(image)) => image_map(image)?,
        (Shape::Video, Json::String(src)) => quoted(src),
        (Shape::Video, Json::Object(video)) => {
            let mut parts = vec![format!("src: {}", quoted(video.get("src")?.as_str()?))];
            for name in ["poster", "captions", "title"] {
                if let Some(value) = video.get(name).and_then(Json::as_str).filter(|v| !v.trim().is_empty()) {
                    parts.push(format!("{name}: {}", quoted(value)));
                }
            }
            format!("{{ {} }}", parts.join(", "))
        }
        _ => return None,
    };
    Some(format!("{key}: {rendered}"))
}

fn image_map(image: &serde_json::Map<String, Json>) -> Option<String> {
    let src = image.get("src")?.as_str()?;
    let alt = image.get("alt").and_then(Json::as_str).unwrap_or_default();
    Some(format!("{{ src: {}, alt: {} }}", quoted(src), quoted(alt)))
}

/// A list item: quoted text, or `{ text: "...", image: { src, alt } }` for a step with its picture.
fn list_item(item: &Json) -> Option<String> {
    match item {
        Json::String(text) => Some(quoted(text)),
        Json::Object(map) => {
            let text = quoted(map.get("text")?.as_str()?);
            match map.get("image") {
                Some(Json::Object(image)) => Some(format!("{{ text: {text}, image: {} }}", image_map(image)?)),
                None | Some(Json::Null) => Some(text),
                Some(_) => None,
            }
        }
        _ => None,
    }
}

fn block_list(key: &str, items: &[String], indent: &str) -> String {
    let mut out = format!("{key}:");
    for item in items {
        out.push('\n');
        out.push_str(indent);
        out.push_str("- ");
        out.push_str(item);
    }
    out
}

/// Double-quoted YAML: JSON's escapes are YAML's (a colon, a `#` or a leading dash are then plain text).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A word as it is when YAML reads it back as the same text (`stretch`, `2026-09-14`, `piriformis`); quoted
/// otherwise (`yes`, `1e3`, anything with punctuation YAML gives meaning to).
fn word_or_quoted(word: &str) -> String {
    let plain = !word.is_empty()
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && word.starts_with(|c: char| c.is_ascii_alphanumeric())
        && !matches!(
            word.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain { word.to_string() } else { quoted(word) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change<'a>(key: &'a str, shape: Shape, value: Option<&'a Json>) -> Change<'a> {
        Change { key, shape, value, after: vec!["title", "summary"] }
    }

    #[test]
    fn rewrites_only_the_changed_field_and_keeps_comments() {
        let front = "title: \"Old\" # kept\nsummary: 'Plain'\nsteps:\n    - \"One\"\n    - \"Two\"\n";
        let title = json!("New: a title");
        let out = rewrite(front, &[change("title", Shape::Text, Some(&title))]).unwrap();
        assert_eq!(out, "title: \"New: a title\" # kept\nsummary: 'Plain'\nsteps:\n    - \"One\"\n    - \"Two\"\n");
        let steps = json!(["One", "Cross your ankle: it makes a 4"]);
        let out = rewrite(front, &[change("steps", Shape::TextList { block: true }, Some(&steps))]).unwrap();
        assert_eq!(
            out,
            "title: \"Old\" # kept\nsummary: 'Plain'\nsteps:\n    - \"One\"\n    - \"Cross your ankle: it makes a 4\"\n"
        );
    }

    #[test]
    fn a_block_list_before_another_key_is_replaced_or_removed_whole() {
        let front = "steps:\n  - \"One\"\n  - \"Two\"\n\nmuscles: [a]\n";
        let steps = json!(["Three"]);
        let out = rewrite(front, &[change("steps", Shape::TextList { block: true }, Some(&steps))]).unwrap();
        assert_eq!(out, "steps:\n  - \"Three\"\n\nmuscles: [a]\n");
        let out = rewrite(front, &[change("steps", Shape::TextList { block: true }, None)]).unwrap();
        assert_eq!(out, "\nmuscles: [a]\n");
    }

    #[test]
    fn removes_and_adds_fields_in_table_order() {
        let front = "title: A\nsummary: B\nmuscles: [a, b]\n";
        let out = rewrite(front, &[change("summary", Shape::Text, None)]).unwrap();
        assert_eq!(out, "title: A\nmuscles: [a, b]\n");
        let reps = json!(3);
        let out = rewrite(front, &[change("reps", Shape::Word, Some(&reps))]).unwrap();
        assert_eq!(out, "title: A\nsummary: B\nreps: 3\nmuscles: [a, b]\n");
        let ids = json!(["a", "yes", "c"]);
        let out = rewrite(front, &[change("muscles", Shape::IdList, Some(&ids))]).unwrap();
        assert_eq!(out, "title: A\nsummary: B\nmuscles: [a, \"yes\", c]\n");
    }
}
