//! Words for search: folding, tokens, stop words and plural stemming. `search-core.js` does exactly the same
//! (docs/search.md), so a query's words meet the index's.

use super::words::Rules;
use std::borrow::Cow;

/// English words too common to help find anything; shipped in the manifest so the browser drops the same ones.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but",
    "by", "can", "could", "do", "does", "doing", "did", "for", "from", "get", "gets", "got", "had", "has", "have",
    "he", "her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "might", "more",
    "most", "must", "my", "no", "not", "of", "on", "or", "our", "out", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "up", "us", "very",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you",
    "your",
];

/// The terms of a text: words without stop words and lone letters, stemmed by the language's `rules`.
pub(crate) fn terms(text: &str, rules: &Rules) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, &mut WordBuffers::default(), |word| {
        out.extend(term(word.text(&mut [0; 16]), rules).map(String::from));
    });
    out
}

/// A word folded to lowercase ASCII. Nearly every word has at most 16 letters and is packed into a number (its
/// first byte lowest, padded with zeros, which no word has), so it hashes and compares in a few instructions.
#[derive(Clone, Copy)]
pub(crate) enum Word<'a> {
    Packed(u128),
    Long(&'a str),
}

impl<'a> Word<'a> {
    /// The word's text, unpacked into `bytes` if need be.
    pub(crate) fn text<'b>(self, bytes: &'b mut [u8; 16]) -> &'b str
    where
        'a: 'b,
    {
        match self {
            Word::Packed(packed) => {
                *bytes = packed.to_le_bytes();
                let len = bytes.iter().position(|&b| b == 0).unwrap_or(16);
                std::str::from_utf8(&bytes[..len]).expect("words are ASCII")
            }
            Word::Long(text) => text,
        }
    }
}

/// Space `for_each_word` reuses from one text to the next.
#[derive(Default)]
pub(crate) struct WordBuffers {
    /// A text with other than ASCII, transliterated.
    ascii: String,
    /// A word of more than 16 letters, lowercased.
    long: String,
}

/// Calls `f` with each word of `text`, folded to lowercase ASCII, stop words included. This is the index's hot
/// path: a word of up to 16 letters is packed straight from the text, with no copy.
pub(crate) fn for_each_word(text: &str, buffers: &mut WordBuffers, f: impl FnMut(Word<'_>)) {
    let WordBuffers { ascii, long } = buffers;
    if text.is_ascii() {
        for_each_ascii_word(text, long, f);
    } else {
        transliterate(text, ascii);
        for_each_ascii_word(ascii, long, f);
    }
}

/// Characters as `deunicode` transliterates them (its table; `[?]` for a character it does not know), into
/// `out`. Like `deunicode`, it keeps the text before its first DEL or non-ASCII character as it is and looks up
/// every character from there on, ASCII included, and its table maps control characters to nothing. So after
/// a curly quote a tab joins the words around it, where `search-core.js` splits them: kept as it was, so the index
/// does not change under this rewrite (front matter rarely has one). A newline, which parts the blocks of a
/// body (the Markdown stage writes one after each heading and paragraph), separates words.
fn transliterate(text: &str, out: &mut String) {
    out.clear();
    let looked_up = text.bytes().position(|b| b >= 0x7f).unwrap_or(text.len());
    out.push_str(&text[..looked_up]);
    for c in text[looked_up..].chars() {
        match c {
            ' '..='~' => out.push(c),
            // A line break parts the blocks of a body (headings, paragraphs): the words either side stay apart.
            '\n' => out.push(' '),
            '\0'..='\x1f' | '\x7f' => {}
            _ => out.push_str(deunicode::deunicode_char(c).unwrap_or("[?]")),
        }
    }
}

/// Which bytes are letters or digits: one load per byte, where `u8::is_ascii_alphanumeric` takes several
/// comparisons (it showed in profiles).
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        #[allow(clippy::cast_possible_truncation)] // byte < 256
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// `for_each_word` for ASCII text.
fn for_each_ascii_word(text: &str, long: &mut String, mut f: impl FnMut(Word<'_>)) {
    /// Bit 5 of every byte: setting it lowercases an ASCII letter and leaves a digit as it is.
    const LOWERCASE: u128 = u128::from_le_bytes([0x20; 16]);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !WORD_BYTE[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && WORD_BYTE[usize::from(bytes[i])] {
            i += 1;
        }
        let len = i - start;
        if len > 16 {
            long.clear();
            long.push_str(&text[start..i]);
            long.make_ascii_lowercase();
            f(Word::Long(long));
            continue;
        }
        // Sixteen bytes from the word's start, of which only the word's are kept; near the end of the text, a copy.
        let sixteen = if let Some(sixteen) = bytes.get(start..start + 16) {
            u128::from_le_bytes(sixteen.try_into().expect("16 bytes"))
        } else {
            let mut padded = [0; 16];
            padded[..len].copy_from_slice(&bytes[start..i]);
            u128::from_le_bytes(padded)
        };
        f(Word::Packed((sixteen | LOWERCASE) & (u128::MAX >> (8 * (16 - len)))));
    }
}

/// The term a folded word stands for: `None` for a stop word or a lone letter, or a word whose stem is a stop
/// word (Spanish `serán` -> `ser`: a query could not ask for it, since it drops `ser`); stemmed by `rules`.
pub(crate) fn term<'w>(word: &'w str, rules: &Rules) -> Option<Cow<'w, str>> {
    let kept = (word.len() > 1 || word.bytes().all(|b| b.is_ascii_digit())) && !rules.is_stop_word(word);
    kept.then(|| rules.stem(word)).filter(|stem| !rules.is_stop_word(stem))
}

/// English plural stemming (docs/search.md): `stretches` -> `stretch`, `injuries` -> `injury`.
pub(crate) fn plural_stem(word: &str) -> Cow<'_, str> {
    match stem_len(word) {
        Stem::Cut(len) => Cow::Borrowed(&word[..len]),
        Stem::Y(len) => Cow::Owned(format!("{}y", &word[..len])),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_splits_drops_and_stems() {
        let en = super::super::words::rules("en");
        assert_eq!(terms("Pain in my BUTT when I stand up after sitting", en), ["pain", "butt", "stand", "sitting"]);
        assert_eq!(terms("Figure-4 stretches", en), ["figure", "4", "stretch"]);
        // "psoas" loses its s like any plural would: harmless, since queries are stemmed the same way.
        assert_eq!(terms("Psoas élongé, hamstrings, injuries", en), ["psoa", "elonge", "hamstring", "injury"]);
        assert_eq!(terms("piriformis gluteus glasses QL", en), ["piriformis", "gluteus", "glass", "ql"]);
        assert_eq!(terms("stretches", en), ["stretch"]);
    }

    /// The words of `text` as they were found before words were folded one at a time: the whole text
    /// transliterated and lowercased, then split.
    fn words_by_whole_text(text: &str) -> Vec<String> {
        let folded =
            if text.is_ascii() { text.to_ascii_lowercase() } else { deunicode::deunicode(text).to_lowercase() };
        folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect()
    }

    /// Made-up ASCII text with every kind of byte next to letters and digits, and words at its very end.
    #[test]
    fn finds_the_words_of_ascii_text() {
        let alphabet = b"aZ09 -_.@[`{/:\x7f\tAbcdefghijklmnopqrstuvwxyz";
        let mut state: u64 = 7;
        for length in 0..300 {
            let text: String = (0..length)
                .map(|_| {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    char::from(alphabet[usize::try_from(state >> 33).unwrap() % alphabet.len()])
                })
                .collect();
            assert_eq!(words(&text), words_by_whole_text(&text), "{text:?}");
        }
        let all: String = (0u8..0x80).map(char::from).collect();
        assert_eq!(words(&all.repeat(3)), words_by_whole_text(&all.repeat(3)));
    }

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, &mut WordBuffers::default(), |word| out.push(word.text(&mut [0; 16]).to_string()));
        out
    }

    /// Words were found by transliterating the whole text with `deunicode`; reading each character on its own
    /// must find the same words, or an index built now would differ from one built before.
    #[test]
    fn folds_each_character_as_deunicode_folds_the_whole_text() {
        let samples =
            ["Æneid étude", "don\u{2019}t stop", "北亰 x", "ᔕᓇᓇ", "🦄☣ unicorn", "a\u{7f}b é\u{7f}c", "Straße ŁÓDŹ"];
        let long = "Supercalifragilisticexpialidocious ABCDEFGHIJKLMNOP abcdefghijklmnopq";
        for text in
            samples.into_iter().chain(["e\u{301}te", "AB-cd_EF9", long, "élongé Supercalifragilisticexpialidocious"])
        {
            assert_eq!(words(text), words_by_whole_text(text), "{text:?}");
        }
        for code in (0..0x3400).chain(0x1f300..0x1f400) {
            // A newline separates words (it parts a body's blocks), where deunicode drops it.
            let Some(c) = char::from_u32(code).filter(|&c| c != '\n') else { continue };
            for text in [format!("Ab{c}Cd"), format!("{c}ab"), format!("x {c} é{c}{c}Z")] {
                assert_eq!(words(&text), words_by_whole_text(&text), "U+{code:04X}");
            }
        }
    }
}
