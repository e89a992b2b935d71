//! Words for search: folding, tokens, stop words and plural stemming. `search.js` does exactly the same
//! (docs/search.md), so a query's words meet the index's.

/// Words too common to help find anything; shipped in the manifest so the browser drops the same ones.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but",
    "by", "can", "could", "do", "does", "doing", "did", "for", "from", "get", "gets", "got", "had", "has", "have",
    "he", "her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more", "most", "my",
    "no", "not", "of", "on", "or", "our", "out", "she", "so", "some", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "to", "too", "up", "us", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your",
];

/// The terms of a text: words without stop words and lone letters, plurals stemmed.
pub(crate) fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, |term| out.push(term.to_string()));
    out
}

/// Calls `f` with each term of `text`, without allocating a string per word: the index's hot path.
pub(crate) fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let folded = if text.is_ascii() { text.to_ascii_lowercase() } else { deunicode::deunicode(text).to_lowercase() };
    let mut stemmed = String::new();
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty() && keep(w)) {
        match stem_len(word) {
            Stem::Cut(len) => f(&word[..len]),
            Stem::Y(len) => {
                stemmed.clear();
                stemmed.push_str(&word[..len]);
                stemmed.push('y');
                f(&stemmed);
            }
        }
    }
}

enum Stem {
    /// The stem is the first `n` bytes.
    Cut(usize),
    /// The stem is the first `n` bytes and a `y` (`injuries` -> `injury`).
    Y(usize),
}

fn stem_len(word: &str) -> Stem {
    let n = word.len();
    if n >= 4 && ["ches", "shes", "xes", "sses"].iter().any(|s| word.ends_with(s)) {
        return Stem::Cut(n - 2);
    }
    if n >= 5 && word.ends_with("ies") {
        return Stem::Y(n - 3);
    }
    if n >= 4 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|s| word.ends_with(s)) {
        return Stem::Cut(n - 1);
    }
    Stem::Cut(n)
}

fn keep(word: &str) -> bool {
    static STOP: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    (word.len() > 1 || word.bytes().all(|b| b.is_ascii_digit())) && !STOP.contains(word)
}

/// Plural stemming only: enough to join "stretches" and "stretch", "injuries" and "injury".
#[cfg(test)]
pub(crate) fn stem(word: &str) -> String {
    match stem_len(word) {
        Stem::Cut(len) => word[..len].to_string(),
        Stem::Y(len) => format!("{}y", &word[..len]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_splits_drops_and_stems() {
        assert_eq!(terms("Pain in my BUTT when I stand up after sitting"), ["pain", "butt", "stand", "sitting"]);
        assert_eq!(terms("Figure-4 stretches"), ["figure", "4", "stretch"]);
        // "psoas" loses its s like any plural would: harmless, since queries are stemmed the same way.
        assert_eq!(terms("Psoas élongé, hamstrings, injuries"), ["psoa", "elonge", "hamstring", "injury"]);
        assert_eq!(terms("piriformis gluteus glasses QL"), ["piriformis", "gluteus", "glass", "ql"]);
        assert_eq!(stem("stretches"), "stretch");
    }
}
