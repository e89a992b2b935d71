//! Renaming and deleting an entry: every place in the site that names it (an id in a relation list or a
//! handout's stretches, found by the YAML parser's spans; a `[[id]]` or `@/collection/id.md` link in any text),
//! and the files as they are once the id is changed in all of them.

use crate::fields::yaml::spans::{self, Node};
use crate::source::SourceFile;
use std::ops::Range;
use std::path::PathBuf;

/// One place that names the entry.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Reference {
    /// Relative to the site's root.
    pub file: String,
    pub line: usize,
    /// What the place is: "lists it under `muscles`", "links to it".
    pub what: String,
    #[serde(skip)]
    range: Range<usize>,
}

/// Every place in `files` that names the entry `id` of `collection`: items of the front matter lists under
/// `list_keys` (relation lists, a handout's `stretches`, with or without `id:`), and links in any text.
pub(crate) fn references(files: &[SourceFile], list_keys: &[&str], collection: &str, id: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    for file in files {
        let text = &*file.text;
        let shown = file.path.to_string_lossy().replace('\\', "/");
        let line_of = |at: usize| text[..at].matches('\n').count() + 1;
        let mut push = |range: Range<usize>, what: String| {
            found.push(Reference { file: shown.clone(), line: line_of(range.start), what, range });
        };
        if let Ok(split) = crate::source::split(&file.path, text) {
            let offset = split.front_matter_offset;
            if let Some(root) = spans::read(split.front_matter) {
                for (key, _, value) in root.entries.iter().filter(|(k, _, _)| list_keys.contains(&k.as_str())) {
                    for item in &value.items {
                        let node = item.entries.iter().find(|(k, _, _)| k == "id").map_or(item, |(_, _, v)| v);
                        if let Some(range) = id_in(split.front_matter, node, id) {
                            push(offset + range.start..offset + range.end, format!("lists it under `{key}`"));
                        }
                    }
                }
            }
        }
        for (range, what) in links(text, collection, id) {
            push(range, what.to_string());
        }
    }
    found
}

/// The id's bytes inside a scalar node that holds exactly `id` (plain or quoted).
fn id_in(text: &str, node: &Node, id: &str) -> Option<Range<usize>> {
    if !node.items.is_empty() || !node.entries.is_empty() {
        return None;
    }
    let written = text.get(node.span.clone())?;
    let inner = written.trim_matches(['"', '\'']);
    let start = node.span.start + written.find(inner)?;
    (inner == id).then(|| start..start + id.len())
}

/// Links to the entry in `text`: `[[id]]`, `[[id|words]]`, `[[id#part]]`, `@/collection/id.md`; the range is
/// the id's bytes.
fn links(text: &str, collection: &str, id: &str) -> Vec<(Range<usize>, &'static str)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("[[") {
        let start = at + 2;
        let rest = &text[start..];
        if rest.starts_with(id) && matches!(rest[id.len()..].chars().next(), Some(']' | '|' | '#')) {
            found.push((start..start + id.len(), "links to it"));
        }
    }
    let path = format!("@/{collection}/{id}.md");
    for (at, _) in text.match_indices(&path) {
        let start = at + 2 + collection.len() + 1;
        found.push((start..start + id.len(), "links to it"));
    }
    found
}

/// Each file that names the entry, with the id changed to `new_id` at every place in it.
pub(crate) fn renamed(files: &[SourceFile], references: &[Reference], new_id: &str) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for file in files {
        let shown = file.path.to_string_lossy().replace('\\', "/");
        let mut places: Vec<&Range<usize>> = references.iter().filter(|r| r.file == shown).map(|r| &r.range).collect();
        if places.is_empty() {
            continue;
        }
        places.sort_by_key(|r| std::cmp::Reverse(r.start));
        places.dedup();
        let mut text = file.text.to_string();
        for range in places {
            text.replace_range(range.clone(), new_id);
        }
        out.push((file.path.clone(), text));
    }
    out
}

/// A renamed entry's file with `old_id` added to its `redirect_from` (after the addresses it keeps), so its
/// old address leads to its new one; written in place by the YAML parser's spans, after `title`.
pub(crate) fn with_old_address(file: &SourceFile, kept: &[String], old_id: &str) -> Option<String> {
    use super::write::{Change, Shape, rewrite};
    let text = &*file.text;
    let split = crate::source::split(&file.path, text).ok()?;
    let mut old: Vec<serde_json::Value> = kept.iter().map(|k| k.as_str().into()).collect();
    if !kept.iter().any(|k| k == old_id) {
        old.push(old_id.into());
    }
    let list = serde_json::Value::Array(old);
    let change = Change {
        key: crate::fields::schema::REDIRECT_FROM,
        shape: Shape::TextList { block: false },
        value: Some(&list),
        after: vec!["title"],
    };
    let front = rewrite(split.front_matter, &[change])?;
    let end = split.front_matter_offset + split.front_matter.len();
    Some(format!("{}{front}{}", &text[..split.front_matter_offset], &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_in_lists_and_links_but_not_prefixes() {
        let text = "---\ntitle: A\naliases: [piriformis]\nmuscles: [piriformis-x, \"piriformis\"]\nstretches:\n  - id: piriformis\n  - piriformis\n---\n\
                    See [[piriformis]], [[piriformis|it]] and [more](@/muscles/piriformis.md), not [[piriformis-x]].\n";
        let files = vec![SourceFile::new("content/a.md".into(), text.to_string())];
        let found = references(&files, &["muscles", "stretches"], "muscles", "piriformis");
        let whats: Vec<(usize, &str)> = found.iter().map(|r| (r.line, r.what.as_str())).collect();
        assert_eq!(
            whats,
            [
                (4, "lists it under `muscles`"),
                (6, "lists it under `stretches`"),
                (7, "lists it under `stretches`"),
                (9, "links to it"),
                (9, "links to it"),
                (9, "links to it"),
            ]
        );
        let changed = renamed(&files, &found, "deep-rotator");
        let moved =
            SourceFile::new("content/muscles/piriformis.md".into(), "---\ntitle: P\nsummary: S\n---\nBody\n".into());
        assert_eq!(
            with_old_address(&moved, &[], "piriformis").unwrap(),
            "---\ntitle: P\nredirect_from: [\"piriformis\"]\nsummary: S\n---\nBody\n"
        );
        assert_eq!(
            changed[0].1,
            "---\ntitle: A\naliases: [piriformis]\nmuscles: [piriformis-x, \"deep-rotator\"]\nstretches:\n  - id: deep-rotator\n  - deep-rotator\n---\n\
             See [[deep-rotator]], [[deep-rotator|it]] and [more](@/muscles/deep-rotator.md), not [[piriformis-x]].\n"
        );
    }
}
