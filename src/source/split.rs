//! Splits a Markdown file into its front matter (between `---` fences) and body, keeping the byte offset of
//! each so errors land on file-absolute lines.

use crate::diag::{Diagnostic, Kind, Location, SourceMap};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    pub front_matter_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// `text` is decoded (LF line ends, no BOM).
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let Some(after_open) = text.strip_prefix("---\n").or_else(|| (text == "---").then_some("")) else {
        let map = SourceMap::new(text);
        return Err(Diagnostic::error(Kind::Yaml, "the file does not start with front matter")
            .at(Location::line(path, &map, 1))
            .help("start the file with a line `---`, then `title: ...`, then another line `---`"));
    };
    let start = 4;
    let mut offset = start;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(Split {
                front_matter: &text[start..offset],
                front_matter_offset: start,
                body: &text[body_offset.min(text.len())..],
                body_offset: body_offset.min(text.len()),
            });
        }
        offset += line.len();
    }
    let map = SourceMap::new(text);
    Err(Diagnostic::error(Kind::Yaml, "the front matter is never closed")
        .at(Location::line(path, &map, 1))
        .help("add a line `---` after the last front matter field"))
}

#[cfg(test)]
mod tests {
    use super::split;
    use std::path::Path;

    #[test]
    fn keeps_offsets_of_both_parts() {
        let text = "---\ntitle: A\n---\n# Body\n";
        let parts = split(Path::new("a.md"), text).unwrap();
        assert_eq!(parts.front_matter, "title: A\n");
        assert_eq!(parts.body, "# Body\n");
        assert_eq!(&text[parts.body_offset..], "# Body\n");
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        assert!(split(Path::new("a.md"), "---\ntitle: A\n").is_err());
        assert!(split(Path::new("a.md"), "# just markdown\n").is_err());
        assert!(split(Path::new("a.md"), "---\n---\n").is_ok());
    }
}
