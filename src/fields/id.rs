//! Ids: the names of entries and collections, lowercase words joined by single hyphens (`figure-four`).

use std::fmt;

/// A validated id: only lowercase ASCII letters, digits and single inner hyphens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    pub fn parse(text: &str) -> Result<Id, String> {
        if is_valid(text) { Ok(Id(text.to_string())) } else { Err(slugify(text)) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

fn is_valid(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
}

/// The id a title or file name should have: accents folded, lowercase, words joined by hyphens, apostrophes
/// dropped inside a word (`Child's pose` is `childs-pose`, as a person would shorten it).
pub fn slugify(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase().replace(['\'', '’', '`'], "");
    let mut slug = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::{Id, slugify};

    #[test]
    fn ids_are_lowercase_hyphenated() {
        assert!(Id::parse("figure-four").is_ok());
        assert!(Id::parse("l5-s1").is_ok());
        assert_eq!(Id::parse("Figure Four").unwrap_err(), "figure-four");
        assert_eq!(Id::parse("child's_pose").unwrap_err(), "childs-pose");
        assert_eq!(slugify("Child’s pose"), "childs-pose");
        assert!(Id::parse("a--b").is_err());
        assert_eq!(slugify("Psoas Élongé"), "psoas-elonge");
    }
}
