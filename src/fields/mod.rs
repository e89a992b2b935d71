//! FIELDS: the values front matter and site.yaml are made of, read with their positions: YAML with a span on
//! every node (`yaml`), ids, dates, the schemas' field words (`schema`), and `Fields`, which reads typed
//! fields out of a mapping, reporting each wrong type, missing field and unknown key at its line in the file.
//! A leaf: it knows nothing of the site, its collections or its files, so `config`, `source` and `model` all
//! build on it.

pub mod date;
pub mod id;
pub mod schema;
pub mod values;
pub mod video;
pub mod yaml;

pub use date::Date;
pub use id::Id;

use crate::diag::{Diagnostic, Diagnostics, Kind, Location, SourceMap, did_you_mean};
use std::collections::HashMap;
use std::path::Path;
use yaml::Yaml;
use yaml::spans::Node;

/// A set of allowed words for an enum field, e.g. difficulty.
pub trait Choice: Sized + Copy + 'static {
    const ALL: &'static [(&'static str, Self)];
}

pub struct Fields<'a> {
    file: &'a Path,
    map: &'a SourceMap<'a>,
    /// Byte offset of the YAML text within the file, and its first line in the file.
    yaml_offset: usize,
    yaml_text: &'a str,
    pairs: Vec<(String, Yaml)>,
    key_lines: HashMap<String, usize>,
    /// Where each top-level key and its value are written, from the parser (byte ranges in `yaml_text`).
    spans: HashMap<String, (std::ops::Range<usize>, Node)>,
    pub diagnostics: Diagnostics,
}

impl<'a> Fields<'a> {
    /// Parses `yaml_text`, found at byte `yaml_offset` of the file `map` describes. A syntax error or a key
    /// given twice is reported, and the result holds what could be read.
    pub fn parse(file: &'a Path, map: &'a SourceMap<'a>, yaml_text: &'a str, yaml_offset: usize) -> Self {
        let mut diagnostics = Diagnostics::default();
        let first_line = map.line_col(yaml_offset).0;
        let mut key_lines = HashMap::new();
        let mut duplicate = false;
        for (key, line) in yaml::key_lines(yaml_text) {
            let file_line = first_line + line - 1;
            if let Some(&first) = key_lines.get(&key) {
                duplicate = true;
                diagnostics.push(
                    Diagnostic::error(Kind::Field, format!("`{key}` is given twice (lines {first} and {file_line})"))
                        .at(Location::line(file, map, file_line))
                        .help("keep one of them"),
                );
            } else {
                key_lines.insert(key, file_line);
            }
        }
        // Front matter as it is nearly always written is read once, values and places together; anything
        // else (and every error) is read by `parse_mapping`, then its places by `spans::read`.
        let read_once = (!duplicate && !yaml_text.trim().is_empty()).then(|| yaml::spans::read_with_values(yaml_text));
        let (pairs, spans_read) = read_once.flatten().unzip();
        let pairs = if duplicate {
            Vec::new()
        } else if let Some(pairs) = pairs {
            pairs
        } else {
            match yaml::parse_mapping(yaml_text) {
                Ok(pairs) => pairs,
                Err(error) => {
                    let location = match error.line {
                        Some(line) => {
                            let line = first_line + line - 1;
                            let offset = map.line_start(line) + error.column.saturating_sub(1);
                            Location::at(file, map, offset, 1)
                        }
                        None => Location::line(file, map, first_line),
                    };
                    let error_line = location.line;
                    diagnostics.push(
                        Diagnostic::error(Kind::Yaml, format!("this YAML cannot be read: {}", error.message))
                            .at(location)
                            .help("check indentation, colons and quotes; text containing `: ` needs quotes"),
                    );
                    // The parser notices an unclosed `[` only where the next key starts; say where it opened.
                    if let Some(open) = yaml::unclosed_bracket(yaml_text) {
                        let at = Location::at(file, map, yaml_offset + open, 1);
                        if at.line != error_line {
                            let closing = if yaml_text.as_bytes()[open] == b'[' { ']' } else { '}' };
                            diagnostics.push(
                                Diagnostic::error(
                                    Kind::Yaml,
                                    format!("this `{}` is never closed", char::from(yaml_text.as_bytes()[open])),
                                )
                                .at(at)
                                .help(format!("end the list with `{closing}` on the same line")),
                            );
                        }
                    }
                    Vec::new()
                }
            }
        };
        let spans = if pairs.is_empty() {
            HashMap::new()
        } else {
            spans_read
                .or_else(|| yaml::spans::read(yaml_text))
                .map(|root| root.entries.into_iter().map(|(key, span, value)| (key, (span, value))).collect())
                .unwrap_or_default()
        };
        Fields { file, map, yaml_offset, yaml_text, pairs, key_lines, spans, diagnostics }
    }

    /// A location for bytes `span` of the YAML text; the caret runs to the end of its first line at most.
    fn span_location(&self, span: &std::ops::Range<usize>) -> Location {
        let written = &self.yaml_text[span.clone()];
        let width = written.lines().next().unwrap_or("").chars().count();
        Location::at(self.file, self.map, self.yaml_offset + span.start, width)
    }

    /// Where the `index`th item of a list under `key` is written (a lone value counts as item 0), from the
    /// parser: exact for flow and block lists, quoted or not.
    pub fn item_location(&self, key: &str, index: usize) -> Location {
        match self.item_span(key, index) {
            Some(span) => self.span_location(span),
            None => self.key_location(key),
        }
    }

    /// The span of the `index`th item of the list under `key`; a lone scalar counts as item 0
    /// (`steps: Lie down.`).
    fn item_span(&self, key: &str, index: usize) -> Option<&std::ops::Range<usize>> {
        let (_, value) = self.spans.get(key)?;
        match value.items.get(index) {
            Some(item) => Some(&item.span),
            None if value.items.is_empty() && value.entries.is_empty() && index == 0 => Some(&value.span),
            None => None,
        }
    }

    /// Where the value at `path` is written (`["collections", "stretches", "fields", "load_kg", "max"]`), from
    /// the parser's spans: the key itself when `key_only`, else its value. Where the path stops existing, the
    /// deepest key found.
    pub fn path_location(&self, path: &[&str], key_only: bool) -> Location {
        let Some((first, rest)) = path.split_first() else { return self.key_location("") };
        let Some((key_span, node)) = self.spans.get(*first) else { return self.key_location(first) };
        let (mut key_span, mut node) = (key_span.clone(), node);
        for name in rest {
            match node.entries.iter().find(|(key, _, _)| key == name) {
                Some((_, span, value)) => {
                    key_span = span.clone();
                    node = value;
                }
                None => return self.span_location(&key_span),
            }
        }
        if key_only || node.span.is_empty() { self.span_location(&key_span) } else { self.span_location(&node.span) }
    }

    /// The file-absolute byte offset where the text of the `index`th item of the list under `key` starts
    /// (after its opening quote, if it has one), for problems found inside the item's text later.
    pub fn item_offset(&self, key: &str, index: usize) -> Option<usize> {
        // A step written `{ text: "...", image: ... }`: its text is the `text` value.
        let text =
            self.spans.get(key).and_then(|(_, value)| value.items.get(index)).and_then(|item| {
                item.entries.iter().find(|(name, _, _)| name == "text").map(|(_, _, value)| &value.span)
            });
        let span = text.or_else(|| self.item_span(key, index))?;
        let quoted = matches!(self.yaml_text.as_bytes().get(span.start), Some(b'"' | b'\''));
        Some(self.yaml_offset + span.start + usize::from(quoted))
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.has_errors()
    }

    /// The location of a key's line (or the file's first line of YAML when the key is absent).
    pub fn key_location(&self, key: &str) -> Location {
        let parsed = self.spans.get(key).map(|(span, _)| self.map.line_col(self.yaml_offset + span.start).0);
        let line = parsed
            .or_else(|| self.key_lines.get(key).copied())
            .unwrap_or_else(|| self.map.line_col(self.yaml_offset).0);
        Location::line(self.file, self.map, line)
    }

    /// Where `needle` is written under `key`: a value or list item written as `needle` (quotes aside), or a
    /// key named `needle` (a trailing `:` aside), found in the parser's spans, at any depth; failing that, the
    /// first place the text appears in the key's block.
    pub fn value_location(&self, key: &str, needle: &str) -> Location {
        if let Some((_, value)) = self.spans.get(key)
            && let Some(span) = yaml::spans::find_written(self.yaml_text, value, needle)
        {
            return self.span_location(&span);
        }
        let Some(&line) = self.key_lines.get(key) else {
            return self.key_location(key);
        };
        let start = self.map.line_start(line);
        let yaml_end = self.yaml_offset + self.yaml_text.len();
        let mut end = start;
        for next in line + 1..=self.map.line_count() {
            let text = self.map.line_text(next);
            let next_start = self.map.line_start(next);
            if next_start >= yaml_end || !(text.starts_with([' ', '\t', '-']) || text.trim().is_empty()) {
                break;
            }
            end = next_start + text.len();
        }
        let end = end.max(start + self.map.line_text(line).len());
        let block = &self.map.text()[start..end];
        // Skip the key itself so `piriformis: ...` is not found inside `piriformis-syndrome:`.
        let skip = block.find(':').map_or(0, |i| i + 1);
        match block[skip..].find(needle) {
            Some(found) => Location::at(self.file, self.map, start + skip + found, needle.chars().count()),
            None => self.key_location(key),
        }
    }

    fn error_at_key(&mut self, key: &str, message: String, help: Option<String>) {
        let location = self.key_location(key);
        self.diagnostics.push(Diagnostic::error(Kind::Field, message).at(location).help_opt(help));
    }

    /// Whether the mapping has this key (not yet taken).
    pub fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    /// A key's raw value, left in place.
    pub fn peek(&self, key: &str) -> Option<&Yaml> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A key's raw value, to change before it is read (a translation's picture takes its file from the
    /// original's).
    pub fn peek_mut(&mut self, key: &str) -> Option<&mut Yaml> {
        self.pairs.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Takes a key's raw value out; later calls for the same key get nothing.
    pub fn take(&mut self, key: &str) -> Option<Yaml> {
        let index = self.pairs.iter().position(|(k, _)| k == key)?;
        Some(self.pairs.remove(index).1)
    }

    pub fn text(&mut self, key: &str) -> Option<String> {
        let value = self.take(key)?;
        self.as_text(key, value, None)
    }

    pub fn required_text(&mut self, key: &str, what: &str) -> Option<String> {
        let text = self.text(key);
        if text.is_none() && !self.has_errors() {
            self.error_at_key(key, format!("missing `{key}`"), Some(format!("add a line `{key}: {what}`")));
        }
        text
    }

    fn as_text(&mut self, key: &str, value: Yaml, item: Option<usize>) -> Option<String> {
        match value {
            Yaml::String(s) if s.trim().is_empty() => {
                self.error_at_key(key, format!("`{key}` is empty"), Some("write some text, or remove the line".into()));
                None
            }
            Yaml::String(s) => Some(s),
            // `- Cross your ankle: it makes a 4`: the `: ` makes the line a key and a value.
            Yaml::Map(pairs) if pairs.len() == 1 && matches!(pairs[0].1, Yaml::String(_) | Yaml::Number(_)) => {
                let (first, rest) = (&pairs[0].0, &pairs[0].1);
                let written = format!("{first}: {}", other_text(rest));
                let location = item.map_or_else(|| self.key_location(key), |i| self.item_location(key, i));
                self.diagnostics.push(
                    Diagnostic::error(
                        Kind::Field,
                        format!("the `: ` in this {key} line makes it a `key: value` pair, not text"),
                    )
                    .at(location)
                    .help(format!("put the whole line in quotes: \"{}\"", written.replace('"', "\\\""))),
                );
                None
            }
            other => {
                let place = item.map_or(String::new(), |i| format!(" (item {})", i + 1));
                let help = match &other {
                    Yaml::Bool(_) | Yaml::Number(_) | Yaml::Null => {
                        Some("put the value in quotes to make it text, e.g. \"no\"".to_string())
                    }
                    _ => None,
                };
                let location = item.map_or_else(|| self.key_location(key), |i| self.item_location(key, i));
                let message = format!("`{key}`{place} must be text, found {}", other.describe());
                self.diagnostics.push(Diagnostic::error(Kind::Field, message).at(location).help_opt(help));
                None
            }
        }
    }

    /// A list of text; a single text value is accepted as a list of one.
    pub fn text_list(&mut self, key: &str) -> Vec<String> {
        match self.take(key) {
            None => Vec::new(),
            Some(Yaml::Seq(items)) => {
                items.into_iter().enumerate().filter_map(|(i, item)| self.as_text(key, item, Some(i))).collect()
            }
            Some(Yaml::String(s)) => vec![s],
            Some(other) => {
                self.error_at_key(
                    key,
                    format!("`{key}` must be a list, found {}", other.describe()),
                    Some(format!("write it as `{key}: [a, b]` or as lines starting with `- `")),
                );
                Vec::new()
            }
        }
    }

    pub fn int(&mut self, key: &str) -> Option<u32> {
        let value = self.take(key)?;
        if let Yaml::Number(n) = &value {
            if let Ok(n) = n.parse::<u32>() {
                return Some(n);
            }
            if n.bytes().all(|b| b.is_ascii_digit()) {
                self.error_at_key(
                    key,
                    format!("`{key}` is too large: {n} is more than {}", u32::MAX),
                    Some(format!("for example `{key}: 30`")),
                );
                return None;
            }
        }
        self.error_at_key(
            key,
            format!("`{key}` must be a whole number, found {}", value.describe()),
            Some(format!("for example `{key}: 30`")),
        );
        None
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        match self.take(key)? {
            Yaml::Bool(b) => Some(b),
            other => {
                self.error_at_key(
                    key,
                    format!("`{key}` must be true or false, found {}", other.describe()),
                    Some("YAML 1.2 reads only `true` and `false` as yes/no values".into()),
                );
                None
            }
        }
    }

    pub fn date(&mut self, key: &str) -> Option<Date> {
        let text = match self.take(key)? {
            Yaml::String(s) => s,
            other => other_text(&other),
        };
        if let Some(date) = Date::parse(&text) {
            Some(date)
        } else {
            self.error_at_key(
                key,
                format!("`{key}` must be a date like 2026-09-14, found `{text}`"),
                Some("write year-month-day with hyphens".into()),
            );
            None
        }
    }

    /// One of an enum's words (`values::word` checks and reports it), as the enum.
    pub fn choice<C: Choice>(&mut self, key: &str) -> Option<C> {
        let words: Vec<std::borrow::Cow<'static, str>> = C::ALL.iter().map(|(name, _)| (*name).into()).collect();
        let word = self.word(key, &words)?;
        C::ALL.iter().find(|(name, _)| *name == word).map(|(_, choice)| *choice)
    }

    /// Every key left untaken is unknown: report each, suggesting the closest allowed key.
    pub fn reject_unknown(&mut self, allowed: &[&str], context: &str) {
        let unknown: Vec<String> = self.pairs.drain(..).map(|(key, _)| key).collect();
        for key in unknown {
            let suggestion = did_you_mean(&key, allowed.iter().copied());
            let help = suggestion.unwrap_or_else(|| format!("{context} may have: {}", allowed.join(", ")));
            let location = self.key_location(&key);
            self.diagnostics
                .push(Diagnostic::error(Kind::Field, format!("unknown field `{key}`")).at(location).help(help));
        }
    }

    /// The keys still untaken, for callers that accept open sets of keys (relations).
    pub fn remaining_keys(&self) -> Vec<String> {
        self.pairs.iter().map(|(key, _)| key.clone()).collect()
    }
}

fn other_text(value: &Yaml) -> String {
    match value {
        Yaml::Bool(b) => b.to_string(),
        Yaml::Number(n) => n.clone(),
        Yaml::String(s) => s.clone(),
        Yaml::Null => "~".into(),
        other => other.describe(),
    }
}
