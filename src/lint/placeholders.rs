//! Words `sinew init` and `sinew new` write for the author to replace ("Your Name", `example.org`, "First
//! step."), found wherever they are left in what is published or printed: site.yaml and every entry and page
//! of the build. Each is reported at its file, line and column, as a warning (`sinew check`, `sinew build`),
//! which `sinew handout` and `--strict` make an error: a client's printed sheet must never say "My Practice".
//!
//! The words are searched for as written, not read from fields: a placeholder is wrong wherever it is, in a
//! value, a list item or the article. Only YAML comments are passed over (`# base_url: https://example.org/`
//! is a note to the author, not something published).

use crate::diag::{Diagnostic, Diagnostics, Kind, Location, SourceMap};
use crate::graph::LinkedSite;
use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

/// The words of `sinew init`'s site.yaml and sample entries that stand for the practitioner's own
/// (`src/cmd/starter/`); `sinew new`'s come from the schema (`fields::schema::placeholders`).
const STARTER_WORDS: &[&str] = &["My Practice", "Your Name"];

/// Domains reserved for examples (RFC 2606): `sinew init` writes them in `base_url`, the email and the
/// booking link, and no site, email or booking page can be reached there.
const EXAMPLE_DOMAINS: &[&str] = &["example.org", "example.com", "example.net"];

/// Every placeholder, words and domains, in one automaton: each file is read once for all of them (10,000
/// entries are about 50 MB of text, read on every build).
static PLACEHOLDERS: LazyLock<(AhoCorasick, Vec<Found>)> = LazyLock::new(|| {
    let words = STARTER_WORDS.iter().copied().chain(crate::fields::schema::placeholders()).map(Found::Words);
    let found: Vec<Found> = words.chain(EXAMPLE_DOMAINS.iter().copied().map(Found::Domain)).collect();
    // Leftmost-first: the kind of search the SIMD prefilter serves (none of these words holds another).
    let automaton = AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(found.iter().map(|f| f.text()))
        .expect("placeholders are plain text");
    (automaton, found)
});

/// Every placeholder in site.yaml and in the files of the site's entries and pages, in every language.
pub(crate) fn in_site(root: &Path, site: &LinkedSite, diagnostics: &mut Diagnostics) {
    in_settings(root, diagnostics);
    let mut seen = HashSet::new();
    let mut files = Vec::new();
    for view in std::iter::once(site).chain(site.translations.iter().map(|t| &**t)) {
        let entries = view.entries.iter().map(|e| (&e.source, e.body_offset));
        let pages = view.pages.iter().map(|p| (&p.source, p.body_offset));
        files.extend(entries.chain(pages).filter(|(source, _)| seen.insert(&source.path)));
    }
    let found: Vec<Diagnostics> = files
        .par_iter()
        .map(|(source, body_offset)| {
            let mut found = Diagnostics::default();
            in_file(&source.path, &source.text, *body_offset, &mut found);
            found
        })
        .collect();
    diagnostics.extend(found.into_iter().flat_map(Diagnostics::into_sorted));
}

/// The placeholders of site.yaml (what every page and sheet shows: the practice's name, contact, address).
pub(crate) fn in_settings(root: &Path, diagnostics: &mut Diagnostics) {
    // An unreadable site.yaml is reported by the build itself.
    if let Ok(file) = crate::source::read_config(root) {
        in_file(&file.path, &file.text, file.text.len(), diagnostics);
    }
}

/// The placeholders of one file, whose YAML (front matter, or all of site.yaml) ends at `yaml_end`.
pub(crate) fn in_file(path: &Path, text: &str, yaml_end: usize, diagnostics: &mut Diagnostics) {
    let found = find(text, yaml_end);
    if found.is_empty() {
        return;
    }
    let map = SourceMap::new(text);
    for (offset, found) in found {
        let (message, help) = match found {
            Found::Words(words) => (
                format!("placeholder `{words}` is still here"),
                "sinew wrote these words for you to replace: write your own, or remove them".to_string(),
            ),
            Found::Domain(domain) => (
                format!("placeholder address `{domain}` is still here"),
                format!("`{domain}` is reserved for examples and reaches no one: write your own web address or email"),
            ),
        };
        let width = found.text().len();
        diagnostics.push(
            Diagnostic::warning(Kind::Placeholder, message).at(Location::at(path, &map, offset, width)).help(help),
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Words(&'static str),
    Domain(&'static str),
}

impl Found {
    fn text(self) -> &'static str {
        match self {
            Found::Words(text) | Found::Domain(text) => text,
        }
    }
}

/// Each placeholder in `text` with its byte offset, in the order they are written; YAML comment lines before
/// `yaml_end` are skipped.
fn find(text: &str, yaml_end: usize) -> Vec<(usize, Found)> {
    let (automaton, placeholders) = &*PLACEHOLDERS;
    let mut found: Vec<(usize, Found)> = automaton
        .find_iter(text)
        .map(|m| (m.start(), placeholders[m.pattern().as_usize()]))
        .filter(|(at, found)| match found {
            Found::Domain(domain) => is_host(text, *at, domain),
            Found::Words(_) => true,
        })
        .filter(|(at, _)| !(*at < yaml_end && in_comment(text, *at)))
        .collect();
    found.sort_by_key(|(at, _)| *at);
    found
}

/// `domain` at `at` is a whole host name (`https://example.org/`, `hello@example.org`, `www.example.org`), not
/// part of a longer one (`myexample.org`, `example.org.uk`).
fn is_host(text: &str, at: usize, domain: &str) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + domain.len()..].chars().next();
    let name_char = |c: char| c.is_alphanumeric() || c == '-';
    // `example.org.uk`: a dot followed by more of the name.
    let more_name = |c: char| c == '.' && text[at + domain.len() + 1..].starts_with(char::is_alphanumeric);
    before.is_none_or(|c| !name_char(c)) && after.is_none_or(|c| !(name_char(c) || more_name(c)))
}

/// The offset is on a YAML comment: after a `#` that starts the line or follows a space (as YAML reads it; a
/// `#` inside a quoted value is rare enough in these files to be taken as a comment too).
fn in_comment(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..at];
    line.trim_start().starts_with('#') || line.contains(" #")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&'static str> {
        find(text, text.len()).into_iter().map(|(_, f)| f.text()).collect()
    }

    #[test]
    fn addresses_match_only_the_example_host_itself() {
        assert_eq!(found("base_url: https://example.org/\nemail: hello@example.org\n"), ["example.org", "example.org"]);
        assert_eq!(found("url: https://www.example.com/book"), ["example.com"]);
        assert!(found("url: https://myexample.org/ and https://example.org.uk/").is_empty());
        assert!(found("url: https://steadyground.example/").is_empty());
    }

    #[test]
    fn comments_in_yaml_are_passed_over_but_not_the_article() {
        let text = "# base_url: https://example.org/\ntitle: A # was My Practice\n---\n# Your Name\n";
        let yaml_end = text.find("---").unwrap();
        let at: Vec<usize> = find(text, yaml_end).into_iter().map(|(at, _)| at).collect();
        assert_eq!(at, [text.rfind("Your Name").unwrap()], "the Markdown heading is not a comment");
    }

    #[test]
    fn new_entries_scaffold_placeholders_from_the_schema() {
        let words = found("steps:\n  - \"First step.\"\n---\n\nWrite the article here.\n");
        assert_eq!(words, ["First step.", "Write the article here."]);
    }
}
