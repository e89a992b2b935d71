//! Red flags, merged: the site's list first, then an entry's own that do not repeat one of them. Two lines
//! repeat each other when they share most of their words (bladder/bowel control in the site's words and again
//! in a page's); a page must not list the same warning twice, and `sinew check` points at the repeat so the
//! author can remove or reword it.

use std::collections::BTreeSet;

/// Words that say nothing about which warning a line is, in the languages the theme ships.
const FILLER: &[&str] = &[
    "a", "about", "after", "all", "an", "and", "any", "are", "around", "as", "at", "be", "both", "by", "do", "does",
    "for", "from", "get", "go", "has", "have", "if", "in", "into", "is", "it", "its", "new", "not", "of", "on", "one",
    "or", "other", "that", "the", "this", "to", "up", "when", "with", "you", "your", "al", "con", "de", "del", "el",
    "en", "es", "la", "las", "lo", "los", "o", "para", "por", "que", "se", "si", "su", "tu", "un", "una", "y", "à",
    "au", "aux", "du", "et", "le", "les", "ou", "vous", "votre",
];

/// How close two lines must be to count as one warning: words in common (at least), and the share of the
/// shorter line's words they are. Strict on purpose: a near miss stays on the page and `sinew check` says so.
const SAME_WORDS: usize = 6;
const SAME_SHARE: f64 = 0.6;
/// Looser: close enough for `sinew check` to ask the author to look.
const CLOSE_WORDS: usize = 4;
const CLOSE_SHARE: f64 = 0.5;

/// A line's telling words, lowercased, a plural's `s` dropped (`bowels` is `bowel`).
fn words(line: &str) -> BTreeSet<String> {
    line.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 1 && !FILLER.contains(&w.as_str()))
        .map(|w| if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") { w[..w.len() - 1].to_string() } else { w })
        .collect()
}

/// How alike two lines are: the words they share, and the share of the shorter line's words that is.
fn likeness(a: &BTreeSet<String>, b: &BTreeSet<String>) -> (usize, f64) {
    let shared = a.intersection(b).count();
    let shorter = a.len().min(b.len()).max(1);
    (shared, shared as f64 / shorter as f64)
}

/// The site's line that `own` repeats, if any: `Same` when the page shows it once (the site's words), `Close`
/// when it is only near.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    Same(usize),
    Close(usize),
}

pub fn repeat_of(site: &[impl AsRef<str>], own: &str) -> Option<Repeat> {
    let own = words(own);
    let mut best: Option<(usize, f64, usize)> = None;
    for (i, line) in site.iter().enumerate() {
        let (shared, share) = likeness(&words(line.as_ref()), &own);
        if best.is_none_or(|(s, f, _)| (shared, share) > (s, f)) {
            best = Some((shared, share, i));
        }
    }
    let (shared, share, i) = best?;
    if shared >= SAME_WORDS && share >= SAME_SHARE {
        Some(Repeat::Same(i))
    } else if shared >= CLOSE_WORDS && share >= CLOSE_SHARE {
        Some(Repeat::Close(i))
    } else {
        None
    }
}

/// The site's red flags, then the entry's (or a sheet's stretches') own that do not repeat one of them, word
/// for word or in other words, nor one another.
pub fn merged<'a>(site: &'a [String], own: &'a [String]) -> Vec<&'a str> {
    let mut lines: Vec<&'a str> = site.iter().map(String::as_str).collect();
    for line in own {
        if !lines.contains(&line.as_str()) && !matches!(repeat_of(&lines, line), Some(Repeat::Same(_))) {
            lines.push(line);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Vec<String> {
        [
            "New trouble controlling your bladder or bowels, or numbness in the groin, genitals, inner thighs or \
             buttocks (the saddle area): go to an emergency department now",
            "Back pain that started after a fall, car accident or other hard knock",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn the_same_warning_in_other_words_is_shown_once() {
        let own = "Numbness around the genitals or anus, or new problems passing urine or controlling your bowels: go \
                   to an emergency department";
        assert_eq!(repeat_of(&site(), own), Some(Repeat::Same(0)));
        let own = [own.to_string(), "Sciatica in both legs at the same time".to_string()];
        let site = site();
        assert_eq!(merged(&site, &own), [site[0].as_str(), &site[1], "Sciatica in both legs at the same time"]);
    }

    #[test]
    fn a_near_one_is_kept_and_named_and_a_different_one_is_kept() {
        let close = "The pain began after a fall, a car accident or a direct blow to the back";
        assert_eq!(repeat_of(&site(), close), Some(Repeat::Close(1)));
        assert_eq!(merged(&site(), &[close.to_string()]).len(), 3, "kept: it is only near");
        assert_eq!(repeat_of(&site(), "Fever with back pain"), None);
    }
}
