//! Dosage placeholders in an exercise's lines: a step written "Hold for {hold}, then ..." says whatever hold the
//! page or the handout gives, so a handout that changes the hold (`--hold figure-four=45`) changes every
//! mention of it, never leaving "Hold 45 seconds" above "hold for about 30 seconds".

use std::borrow::Cow;
use std::ops::Range;

/// Each placeholder, and the exercise field it stands for.
pub const DOSAGE_PLACEHOLDERS: [(&str, &str); 3] = [("hold", "hold_seconds"), ("reps", "reps"), ("sets", "sets")];

/// The field a placeholder's name stands for: `hold` is `hold_seconds`.
pub fn field_of(name: &str) -> Option<&'static str> {
    DOSAGE_PLACEHOLDERS.iter().find(|(placeholder, _)| *placeholder == name).map(|(_, field)| *field)
}

/// Every `{word}` in `text` (a word of ASCII letters and `_`), where it is (braces included) and the word:
/// known placeholders and misspelt ones alike, for the caller to fill or report.
pub fn find(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('{').map(|i| rest + i) {
        let word_end = text[open + 1..]
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
            .map_or(text.len(), |i| open + 1 + i);
        if word_end > open + 1 && text[word_end..].starts_with('}') {
            found.push((open..word_end + 1, &text[open + 1..word_end]));
            rest = word_end + 1;
        } else {
            rest = open + 1;
        }
    }
    found
}

/// `text` with each known placeholder replaced by `value(field)` (the dosage, in the page's words); one with no
/// value, or a word that is no placeholder, is left as written and listed in the second value, by name.
pub fn fill<'t>(text: &'t str, value: &dyn Fn(&str) -> Option<String>) -> (Cow<'t, str>, Vec<String>) {
    let found = find(text);
    if found.is_empty() {
        return (Cow::Borrowed(text), Vec::new());
    }
    let (mut out, mut unfilled, mut written) = (String::with_capacity(text.len() + 16), Vec::new(), 0);
    for (range, name) in found {
        match field_of(name).and_then(value) {
            Some(words) => {
                out.push_str(&text[written..range.start]);
                out.push_str(&words);
                written = range.end;
            }
            None => unfilled.push(name.to_string()),
        }
    }
    out.push_str(&text[written..]);
    (Cow::Owned(out), unfilled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(field: &str) -> Option<String> {
        match field {
            "hold_seconds" => Some("45 seconds".into()),
            "sets" => Some("3".into()),
            _ => None,
        }
    }

    #[test]
    fn known_placeholders_are_filled_and_the_rest_left_and_named() {
        let (text, unfilled) = fill("Hold for {hold}, {sets} sets, {reps} times, {hodl}; {not a word} {}", &words);
        assert_eq!(text, "Hold for 45 seconds, 3 sets, {reps} times, {hodl}; {not a word} {}");
        assert_eq!(unfilled, ["reps", "hodl"]);
    }

    #[test]
    fn text_without_placeholders_is_borrowed() {
        let (text, unfilled) = fill("Hold for about 30 seconds {", &words);
        assert!(matches!(text, Cow::Borrowed(_)) && unfilled.is_empty());
    }

    #[test]
    fn found_ranges_cover_the_braces() {
        let text = "a {hold} b {reps}";
        let found = find(text);
        assert_eq!(found.iter().map(|(r, _)| &text[r.clone()]).collect::<Vec<_>>(), ["{hold}", "{reps}"]);
    }
}
