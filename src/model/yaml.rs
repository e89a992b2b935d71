//! The one place that knows the YAML library (`serde_yaml`, archived upstream: a maintained fork such as
//! `serde_yml` can replace it here). Everything else sees `Yaml`, a plain tree with no library types.

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
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        YamlError {
            message: clean_message(&e.to_string()),
            line: location.as_ref().map(serde_yaml::Location::line),
            column: location.map_or(1, |l| l.column()),
        }
    })?;
    match convert(value) {
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

fn convert(value: serde_yaml::Value) -> Result<Yaml, String> {
    use serde_yaml::Value;
    Ok(match value {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Bool(b),
        Value::Number(n) => Yaml::Number(n.to_string()),
        Value::String(s) => Yaml::String(s),
        Value::Sequence(items) => Yaml::Seq(items.into_iter().map(convert).collect::<Result<_, _>>()?),
        Value::Mapping(map) => {
            let mut pairs = Vec::with_capacity(map.len());
            for (key, value) in map {
                let key = match key {
                    Value::String(s) => s,
                    other => {
                        return Err(format!("a key must be text, found {}", convert(other)?.describe()));
                    }
                };
                pairs.push((key, convert(value)?));
            }
            Yaml::Map(pairs)
        }
        Value::Tagged(tagged) => {
            return Err(format!("YAML tags such as `{}` are not supported here", tagged.tag));
        }
    })
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
