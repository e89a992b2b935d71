//! The one place that knows the YAML library (`serde_yaml`, archived upstream: a maintained fork such as
//! `serde_yml` can replace it here). Everything else sees `Yaml`, a plain tree with no library types.

pub mod spans;

use std::fmt;

/// A YAML value, as plain data. Numbers keep their text so an id written `1e3` can be quoted back.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// How a value is named in an error: "a number (1e3)", "a yes/no value".
    pub fn describe(&self) -> String {
        match self {
            Yaml::Null => "nothing (an empty value or `~`)".into(),
            Yaml::Bool(b) => format!("a true/false value (`{b}`)"),
            Yaml::Number(n) => format!("a number (`{n}`)"),
            Yaml::String(_) => "text".into(),
            Yaml::Seq(_) => "a list".into(),
            Yaml::Map(_) => "a mapping (key: value pairs)".into(),
        }
    }
}

/// A YAML syntax error, with its 1-based line and column within the parsed text.
#[derive(Debug)]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: usize,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses YAML text whose top level must be a mapping (front matter, site.yaml).
/// An empty document is an empty mapping.
pub fn parse_mapping(text: &str) -> Result<Vec<(String, Yaml)>, YamlError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: Parsed = serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        YamlError {
            message: clean_message(&e.to_string()),
            line: location.as_ref().map(serde_yaml::Location::line),
            column: location.map_or(1, |l| l.column()),
        }
    })?;
    match value.0 {
        Ok(Yaml::Map(map)) => Ok(map),
        Ok(Yaml::Null) => Ok(Vec::new()),
        Ok(other) => Err(YamlError {
            message: format!("expected `key: value` lines, found {}", other.describe()),
            line: Some(1),
            column: 1,
        }),
        Err(message) => Err(YamlError { message, line: None, column: 1 }),
    }
}

/// A value read straight from the parser's events into `Yaml`, or why it cannot be one (a key that is not
/// text, a tag). Reading it directly, rather than through `serde_yaml::Value`, keeps every number as text,
/// however large: `sets: 99999999999999999999` is a number the field check calls out of range, not a
/// document that cannot be read (which would hide every other problem in the file).
struct Parsed(Result<Yaml, String>);

impl<'de> serde::Deserialize<'de> for Parsed {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Visitor)
    }
}

struct Visitor;

impl<'de> serde::de::Visitor<'de> for Visitor {
    type Value = Parsed;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Parsed, E> {
        Ok(Parsed(Ok(Yaml::Null)))
    }
    fn visit_none<E>(self) -> Result<Parsed, E> {
        Ok(Parsed(Ok(Yaml::Null)))
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Parsed, D::Error> {
        serde::Deserialize::deserialize(deserializer)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Parsed, E> {
        Ok(Parsed(Ok(Yaml::Bool(b))))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Parsed, E> {
        Ok(Parsed(Ok(Yaml::Number(n.to_string()))))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Parsed, E> {
        Ok(Parsed(Ok(Yaml::Number(n.to_string()))))
    }
    fn visit_i128<E>(self, n: i128) -> Result<Parsed, E> {
        Ok(Parsed(Ok(Yaml::Number(n.to_string()))))
    }
    fn visit_u128<E>(self, n: u128) -> Result<Parsed, E> {
        Ok(Parsed(Ok(Yaml::Number(n.to_string()))))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Parsed, E> {
        Ok(Parsed(Ok(Yaml::Number(serde_yaml::Number::from(n).to_string()))))
    }
    fn visit_str<E>(self, s: &str) -> Result<Parsed, E> {
        Ok(Parsed(Ok(Yaml::String(s.to_string()))))
    }
    fn visit_string<E>(self, s: String) -> Result<Parsed, E> {
        Ok(Parsed(Ok(Yaml::String(s))))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Parsed, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        let mut problem = None;
        while let Some(Parsed(item)) = seq.next_element()? {
            match item {
                Ok(item) => items.push(item),
                Err(message) => problem = problem.or(Some(message)),
            }
        }
        Ok(Parsed(problem.map_or(Ok(Yaml::Seq(items)), Err)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Parsed, A::Error> {
        let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        let mut problem = None;
        while let Some((Parsed(key), Parsed(value))) = map.next_entry()? {
            match (key, value) {
                (Ok(Yaml::String(key)), Ok(value)) => pairs.push((key, value)),
                (Ok(Yaml::String(_)), Err(message)) | (Err(message), _) => problem = problem.or(Some(message)),
                (Ok(other), _) => {
                    problem = problem.or_else(|| Some(format!("a key must be text, found {}", other.describe())));
                }
            }
        }
        Ok(Parsed(problem.map_or(Ok(Yaml::Map(pairs)), Err)))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Parsed, A::Error> {
        // serde_yaml presents a tagged value (`!tag value`) as an enum whose variant is the tag.
        let (Parsed(tag), variant): (Parsed, A::Variant) = data.variant()?;
        let _: Parsed = serde::de::VariantAccess::newtype_variant(variant)?;
        let tag = match tag {
            Ok(Yaml::String(tag)) => tag,
            _ => String::from("?"),
        };
        Ok(Parsed(Err(format!("YAML tags such as `!{tag}` are not supported here"))))
    }
}

/// `serde_yaml` appends " at line L column C" to its messages; we show the place ourselves.
fn clean_message(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    message.trim_end_matches('.').to_string()
}

/// The top-level keys of a YAML mapping with their 1-based lines, found by reading the text, because the
/// YAML library does not say where a value came from. Handles the block style front matter uses.
pub fn key_lines(text: &str) -> Vec<(String, usize)> {
    let mut keys = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t', '-', '#']) || line.trim().is_empty() {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = line[..colon].trim().trim_matches(['"', '\'']);
        if !key.is_empty() && !key.contains(' ') {
            keys.push((key.to_string(), index + 1));
        }
    }
    keys
}

/// The byte offset of the first flow `[` or `{` never closed in the text (outside quotes and comments).
pub fn unclosed_bracket(text: &str) -> Option<usize> {
    let mut open: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let mut quote = None;
        let mut previous = b' ';
        for (i, byte) in line.bytes().enumerate() {
            match (quote, byte) {
                (Some(q), b) if b == q => quote = None,
                (None, b'"' | b'\'') if matches!(previous, b' ' | b'[' | b'{' | b',' | b':') => quote = Some(byte),
                (None, b'#') if previous == b' ' => break,
                (None, b'[' | b'{') => open.push(offset + i),
                (None, b']' | b'}') => {
                    open.pop();
                }
                _ => {}
            }
            previous = byte;
        }
        offset += line.len();
    }
    open.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn yaml_1_2_keeps_no_and_on_as_text_and_numbers_as_numbers() {
        let map = parse_mapping("a: no\nb: on\nc: 1e3\nd: ~\ne: [x, 'y']\n").unwrap();
        assert_eq!(map[0].1, Yaml::String("no".into()));
        assert_eq!(map[1].1, Yaml::String("on".into()));
        assert!(matches!(map[2].1, Yaml::Number(_)));
        assert_eq!(map[3].1, Yaml::Null);
        assert_eq!(map[4].1, Yaml::Seq(vec![Yaml::String("x".into()), Yaml::String("y".into())]));
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let error = parse_mapping("title: ok\nmuscles: [a, b\nsummary: x\n").unwrap_err();
        assert!(error.line.is_some(), "{error:?}");
    }

    #[test]
    fn alias_bombs_fail_fast() {
        let mut text =
            String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (i, name) in "bcdefghi".chars().enumerate() {
            let prev = (b'a' + u8::try_from(i).unwrap()) as char;
            let _ = writeln!(
                text,
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
            );
        }
        assert!(parse_mapping(&text).is_err());
    }

    #[test]
    fn finds_top_level_keys_and_their_lines() {
        let keys = key_lines("title: A\nmuscles:\n  - x\n# note\nsummary: \"b: c\"\n");
        assert_eq!(keys, vec![("title".into(), 1), ("muscles".into(), 2), ("summary".into(), 5)]);
    }
}
