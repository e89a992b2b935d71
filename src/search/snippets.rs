//! The text a search result shows: the excerpt (the summary, then the start of the body) and the passages a
//! result may show instead when one holds more of the query's words (the body's sentences, headings on their
//! own). The body's blocks (headings, paragraphs, list items) come one per line from the Markdown stage.

/// About this many characters of excerpt.
const EXCERPT_CHARS: usize = 200;
/// At most this many characters of a body's passages. Each document's passages are a file of their own, which
/// a result fetches after it is shown, so the whole of an ordinary body fits; this only bounds a runaway one.
const PASSAGE_CHARS: usize = 30_000;

/// The summary followed by the start of the body (its paragraphs, not its headings), cut at a word boundary
/// near `EXCERPT_CHARS` characters.
pub(super) fn excerpt(summary: &str, body: &str) -> String {
    let mut text = first_chars(summary, EXCERPT_CHARS + 1).to_string();
    for block in body.lines().map(str::trim).filter(|block| !block.is_empty() && !is_heading(block)) {
        if text.chars().count() >= EXCERPT_CHARS {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(first_chars(block, EXCERPT_CHARS + 1));
    }
    let cut = first_chars(&text, EXCERPT_CHARS);
    if cut.len() == text.len() {
        return text;
    }
    match cut.rfind(' ') {
        Some(space) => format!("{}…", &cut[..space]),
        None => cut.to_string(),
    }
}

/// The body's sentences, each block's apart (a heading is a passage of its own), then the entry's details
/// (a symptom, a step), up to `PASSAGE_CHARS` characters in all.
pub(super) fn passages(body: &str, details: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    let blocks = body.lines().chain(details.iter().map(String::as_str));
    for block in blocks.map(str::trim).filter(|block| !block.is_empty()) {
        for sentence in sentences(block) {
            total += sentence.chars().count();
            if total > PASSAGE_CHARS {
                return out;
            }
            out.push(sentence.to_string());
        }
    }
    out
}

/// A block without a sentence's last mark, short: a heading, or a list item that reads as one.
fn is_heading(block: &str) -> bool {
    !block.ends_with(['.', '!', '?', ':', '…', ')', '"', '”']) && block.chars().count() < 80
}

/// A block's sentences: it is cut after `. `, `! ` or `? ` followed by a capital letter or a digit.
fn sentences(block: &str) -> impl Iterator<Item = &str> {
    let bytes = block.as_bytes();
    let mut start = 0;
    let mut cuts = Vec::new();
    for i in 1..bytes.len().saturating_sub(1) {
        if matches!(bytes[i - 1], b'.' | b'!' | b'?')
            && bytes[i] == b' '
            && (bytes[i + 1].is_ascii_uppercase() || bytes[i + 1].is_ascii_digit())
        {
            cuts.push(&block[start..i]);
            start = i + 1;
        }
    }
    cuts.push(&block[start..]);
    cuts.into_iter().map(str::trim).filter(|s| !s.is_empty())
}

/// The first `n` characters of `text`, or all of it.
fn first_chars(text: &str, n: usize) -> &str {
    let bytes = n.min(text.len());
    // In ASCII a character is a byte (and an ASCII byte always ends a character).
    if text.as_bytes()[..bytes].is_ascii() {
        return &text[..bytes];
    }
    text.char_indices().nth(n).map_or(text, |(end, _)| &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str =
        "What it is\nThe glutes are big. They move the hip! 3 of them.\nWhy it helps\nIt eases the back.\n";

    /// Headings used to run into the text: "What it is The glutes…".
    #[test]
    fn the_excerpt_leaves_headings_out() {
        assert_eq!(
            excerpt("A summary.", BODY),
            "A summary. The glutes are big. They move the hip! 3 of them. It eases the back."
        );
    }

    #[test]
    fn passages_are_sentences_with_headings_apart() {
        assert_eq!(
            passages(BODY, &["Worse when sitting. Or standing".into()]),
            [
                "What it is",
                "The glutes are big.",
                "They move the hip!",
                "3 of them.",
                "Why it helps",
                "It eases the back.",
                "Worse when sitting.",
                "Or standing"
            ]
        );
        assert_eq!(passages("e.g. this. not cut", &[]), ["e.g. this. not cut"]);
    }
}
