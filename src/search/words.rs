//! Each language's word rules for search: its stop words and how its words are stemmed. English keeps the
//! plural stemming `search-core.js` has always done; languages with a Snowball algorithm (Spanish, French,
//! Portuguese, Italian, German, Dutch) are stemmed by `rust-stemmers`, and `search-core.js` loads the same
//! algorithm (themes/default/static/stemmers/<code>.js, made by tools/stemmers/build.mjs); any other
//! language is folded only. Words reach these rules folded (lowercase ASCII), on both sides.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

pub(crate) struct Rules {
    pub(crate) stop_words: &'static [&'static str],
    stop: FxHashSet<&'static str>,
    stemming: Stemming,
}

enum Stemming {
    /// English plurals, as docs/search.md gives them.
    Plural,
    Snowball(Stemmer),
    None,
}

impl Rules {
    fn new(stop_words: &'static [&'static str], stemming: Stemming) -> Rules {
        Rules { stop_words, stop: stop_words.iter().copied().collect(), stemming }
    }

    pub(crate) fn is_stop_word(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    /// Whether `search-core.js` must load a Snowball stemmer for this language.
    pub(crate) fn snowball(&self) -> bool {
        matches!(self.stemming, Stemming::Snowball(_))
    }

    /// How the index's words are stemmed, as its manifest names it for `search-core.js`: `english-plurals`,
    /// `snowball` (the language's algorithm, `stemmers/<code>.js`) or `none`.
    pub(crate) fn stemming_name(&self) -> &'static str {
        match self.stemming {
            Stemming::Plural => "english-plurals",
            Stemming::Snowball(_) => "snowball",
            Stemming::None => "none",
        }
    }

    /// The stem of a folded word, when it is not the word itself.
    pub(crate) fn stem<'w>(&self, word: &'w str) -> std::borrow::Cow<'w, str> {
        match &self.stemming {
            Stemming::Plural => super::text::plural_stem(word),
            Stemming::Snowball(stemmer) => stemmer.stem(word),
            Stemming::None => std::borrow::Cow::Borrowed(word),
        }
    }
}

/// The rules for a language code (`es`, `pt-BR`): by its primary language; an unknown one folds only.
pub(crate) fn rules(language: &str) -> &'static Rules {
    static ENGLISH: LazyLock<Rules> = LazyLock::new(|| Rules::new(super::text::STOP_WORDS, Stemming::Plural));
    static SPANISH: LazyLock<Rules> =
        LazyLock::new(|| Rules::new(SPANISH_STOP_WORDS, Stemming::Snowball(Stemmer::create(Algorithm::Spanish))));
    static FRENCH: LazyLock<Rules> =
        LazyLock::new(|| Rules::new(FRENCH_STOP_WORDS, Stemming::Snowball(Stemmer::create(Algorithm::French))));
    static PORTUGUESE: LazyLock<Rules> =
        LazyLock::new(|| Rules::new(&[], Stemming::Snowball(Stemmer::create(Algorithm::Portuguese))));
    static ITALIAN: LazyLock<Rules> =
        LazyLock::new(|| Rules::new(&[], Stemming::Snowball(Stemmer::create(Algorithm::Italian))));
    static GERMAN: LazyLock<Rules> =
        LazyLock::new(|| Rules::new(&[], Stemming::Snowball(Stemmer::create(Algorithm::German))));
    static DUTCH: LazyLock<Rules> =
        LazyLock::new(|| Rules::new(&[], Stemming::Snowball(Stemmer::create(Algorithm::Dutch))));
    static OTHER: LazyLock<Rules> = LazyLock::new(|| Rules::new(&[], Stemming::None));
    match crate::config::languages::primary(language) {
        "en" => &ENGLISH,
        "es" => &SPANISH,
        "fr" => &FRENCH,
        "pt" => &PORTUGUESE,
        "it" => &ITALIAN,
        "de" => &GERMAN,
        "nl" => &DUTCH,
        _ => &OTHER,
    }
}

/// Spanish words too common to help find anything, folded (`más` -> `mas`).
const SPANISH_STOP_WORDS: &[&str] = &[
    "a", "al", "algo", "ante", "antes", "aqui", "asi", "cada", "como", "con", "cual", "cuando", "de", "del", "desde",
    "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en", "entre", "era", "es", "esa", "esas", "ese", "eso",
    "esos", "esta", "estas", "este", "esto", "estos", "fue", "ha", "han", "hasta", "hay", "la", "las", "le", "les",
    "lo", "los", "mas", "me", "mi", "mis", "muy", "ni", "no", "nos", "o", "os", "para", "pero", "por", "porque", "que",
    "se", "sea", "segun", "ser", "si", "sin", "sobre", "son", "su", "sus", "tambien", "te", "ti", "tu", "tus", "un",
    "una", "unas", "uno", "unos", "y", "ya", "yo",
];

/// French words too common to help find anything, folded (`à` -> `a`).
const FRENCH_STOP_WORDS: &[&str] = &[
    "a", "afin", "ai", "au", "aux", "avec", "ce", "ces", "cet", "cette", "comme", "dans", "de", "des", "du", "elle",
    "elles", "en", "est", "et", "etre", "eu", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma",
    "mais", "me", "mes", "moi", "mon", "ne", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se",
    "ses", "si", "son", "sont", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
];

#[cfg(test)]
mod tests {
    use super::rules;

    #[test]
    fn each_language_stems_its_own_words() {
        let spanish = rules("es");
        assert_eq!(spanish.stem("estiramientos"), spanish.stem("estiramiento"));
        assert_eq!(spanish.stem("gluteos"), spanish.stem("gluteo"));
        assert!(spanish.is_stop_word("para") && !spanish.is_stop_word("nalgas"));
        // A word whose stem is a stop word is dropped as the stop word is.
        assert_eq!(super::super::text::term("seran", spanish), None);
        assert_eq!(super::super::text::term("nalgas", spanish).as_deref(), Some("nalg"));
        assert_eq!(rules("en").stem("stretches"), "stretch");
        assert_eq!(rules("ar").stem("kitab"), "kitab");
    }
}
