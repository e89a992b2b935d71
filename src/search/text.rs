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

/// Lowercase ASCII words: accents folded, anything that is not a letter or digit separates words.
pub(crate) fn words(text: &str) -> Vec<String> {
    let folded = if text.is_ascii() { text.to_ascii_lowercase() } else { deunicode::deunicode(text).to_lowercase() };
    folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// The terms of a text: words without stop words and lone letters, plurals stemmed.
pub(crate) fn terms(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|w| keep(w)).map(|w| stem(&w)).collect()
}

fn keep(word: &str) -> bool {
    (word.len() > 1 || word.bytes().all(|b| b.is_ascii_digit())) && !STOP_WORDS.contains(&word)
}

/// Plural stemming only: enough to join "stretches" and "stretch", "injuries" and "injury".
pub(crate) fn stem(word: &str) -> String {
    let n = word.len();
    if n >= 4 && ["ches", "shes", "xes", "sses"].iter().any(|s| word.ends_with(s)) {
        return word[..n - 2].to_string();
    }
    if n >= 5 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    if n >= 4 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|s| word.ends_with(s)) {
        return word[..n - 1].to_string();
    }
    word.to_string()
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
    }
}
