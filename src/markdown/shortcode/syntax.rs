//! One shortcode tag as written in Markdown: `{{ name(key="text", n=3, on=true) }}` or `{{ end }}`. Small
//! and strict on purpose: arguments are text, numbers and true/false, never template expressions, so nothing
//! a page says runs as template code. No I/O, no Markdown here: the caller says where tags may start.

use super::Arg;
use std::ops::Range;

/// What starts at a `{{`.
#[derive(Debug, PartialEq)]
pub(super) enum Tag<'a> {
    /// `{{ name(args) }}`, and where it ends in the text.
    Call { name: &'a str, args: Vec<(&'a str, Arg)>, end: usize },
    /// `{{ end }}`.
    End { end: usize },
    /// `{{ name }}`, without parentheses: a shortcode only if `name` is one (the caller knows).
    Bare { name: &'a str, end: usize },
}

/// A tag that starts like a call but is not written right, at a byte range of the text.
#[derive(Debug, PartialEq)]
pub(super) struct SyntaxError {
    pub range: Range<usize>,
    pub message: String,
    pub help: String,
}

/// Reads the tag at `start` (where `{{` is). `Ok(None)` when what follows is no tag at all (`{{ a b }}`),
/// which stays text as written.
pub(super) fn read(text: &str, start: usize) -> Result<Option<Tag<'_>>, SyntaxError> {
    let mut at = Cursor { text, pos: start + 2 };
    at.spaces();
    let Some(name) = at.ident() else { return Ok(None) };
    at.spaces();
    if at.eat("}}") {
        let end = at.pos;
        return Ok(Some(if name == "end" { Tag::End { end } } else { Tag::Bare { name, end } }));
    }
    if !at.eat("(") {
        return Ok(None);
    }
    let mut args: Vec<(&str, Arg)> = Vec::new();
    loop {
        at.spaces();
        if at.eat(")") {
            break;
        }
        let key_at = at.pos;
        let Some(key) = at.ident() else {
            return Err(at.error(start, "expected an argument name, like `kind=\"caution\"`"));
        };
        if args.iter().any(|(k, _)| *k == key) {
            return Err(SyntaxError {
                range: key_at..at.pos,
                message: format!("`{key}` is given twice"),
                help: "give each argument once".into(),
            });
        }
        at.spaces();
        if !at.eat("=") {
            return Err(at.error(start, &format!("expected `=` after `{key}`, then its value")));
        }
        at.spaces();
        let value = at.value(start)?;
        args.push((key, value));
        at.spaces();
        if at.eat(")") {
            break;
        }
        if !at.eat(",") {
            return Err(at.error(start, "expected `,` between arguments, or `)` after the last"));
        }
    }
    at.spaces();
    if !at.eat("}}") {
        return Err(at.error(start, "expected `}}` to close the shortcode"));
    }
    Ok(Some(Tag::Call { name, args, end: at.pos }))
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn spaces(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.rest().starts_with(word);
        if found {
            self.pos += word.len();
        }
        found
    }

    /// A name as templates spell one: a letter or `_`, then letters, digits and `_`.
    fn ident(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let first = rest.chars().next().filter(|c| c.is_ascii_alphabetic() || *c == '_')?;
        let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        debug_assert!(first.len_utf8() <= len);
        self.pos += len;
        Some(&rest[..len])
    }

    fn value(&mut self, start: usize) -> Result<Arg, SyntaxError> {
        let rest = self.rest();
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            return self.string(quote);
        }
        for (word, value) in [("true", true), ("false", false)] {
            if rest.starts_with(word) && !rest[word.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                self.pos += word.len();
                return Ok(Arg::Bool(value));
            }
        }
        let len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(rest.len());
        let number = &rest[..len];
        let parsed = if number.contains('.') {
            number.parse::<f64>().ok().filter(|n| n.is_finite()).map(Arg::Float)
        } else {
            number.parse::<i64>().ok().map(Arg::Integer)
        };
        match parsed {
            Some(arg) if len > 0 => {
                self.pos += len;
                Ok(arg)
            }
            _ => Err(self.error(start, "a value is text in quotes (\"caution\"), a number (3) or true or false")),
        }
    }

    /// Text between `quote`s, with `\"` (or `\'`) and `\\` for the quote and the backslash; on one line.
    fn string(&mut self, quote: char) -> Result<Arg, SyntaxError> {
        let open = self.pos;
        let mut value = String::new();
        let mut chars = self.rest().char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == quote => {
                    self.pos += i + 1;
                    return Ok(Arg::Text(value));
                }
                '\\' => match chars.next() {
                    Some((_, next)) if next == quote || next == '\\' => value.push(next),
                    _ => value.push('\\'),
                },
                '\n' | '\r' => break,
                c => value.push(c),
            }
        }
        Err(SyntaxError {
            range: open..open + 1,
            message: format!("this text has no closing {quote}"),
            help: format!("end the text with {quote} on the same line"),
        })
    }

    /// The problem at the cursor (or, at the end of the line, at the tag's start).
    fn error(&self, start: usize, message: &str) -> SyntaxError {
        let at = if self.rest().starts_with(['\n', '\r']) || self.rest().is_empty() { start } else { self.pos };
        let width = self.rest().chars().next().map_or(2, char::len_utf8);
        SyntaxError {
            range: at..at + if at == start { 2 } else { width },
            message: format!("this shortcode is not written right: {message}"),
            help: "a shortcode is written `{{ name(key=\"value\", n=3) }}` on one line".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_ends_and_bare_names_are_read() {
        let text = r#"{{ callout(kind="caution", n=3, x=-1.5, on=true, q='it\'s') }}"#;
        let Ok(Some(Tag::Call { name, args, end })) = read(text, 0) else { panic!("{:?}", read(text, 0)) };
        assert_eq!((name, end), ("callout", text.len()));
        assert_eq!(
            args,
            [
                ("kind", Arg::Text("caution".into())),
                ("n", Arg::Integer(3)),
                ("x", Arg::Float(-1.5)),
                ("on", Arg::Bool(true)),
                ("q", Arg::Text("it's".into()))
            ]
        );
        assert_eq!(read("{{end}}", 0), Ok(Some(Tag::End { end: 7 })));
        assert_eq!(read("{{ video }}", 0), Ok(Some(Tag::Bare { name: "video", end: 11 })));
        assert_eq!(read("{{ a b }}", 0), Ok(None));
        assert_eq!(read("{{ 3 }}", 0), Ok(None));
    }

    #[test]
    fn mistakes_are_placed_where_they_are() {
        let error = |text: &str| read(text, 0).unwrap_err();
        assert_eq!(error(r"{{ a(kind=caution) }}").range, 10..11);
        assert_eq!(error(r#"{{ a(kind="x" n=1) }}"#).range, 14..15);
        assert_eq!(error(r#"{{ a(kind="x) }}"#).range, 10..11);
        assert_eq!(error(r"{{ a(k=1, k=2) }}").range, 10..11);
        assert_eq!(
            error("{{ a(k=1)\nmore"),
            SyntaxError {
                range: 0..2,
                message: "this shortcode is not written right: expected `}}` to close the shortcode".into(),
                help: "a shortcode is written `{{ name(key=\"value\", n=3) }}` on one line".into(),
            }
        );
    }
}
