//! "Did you mean" suggestions, from the names that do exist.

/// The closest candidate to `unknown`, if one is close enough to be what the user meant.
pub(crate) fn did_you_mean<'a>(unknown: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let unknown = unknown.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&unknown, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.82)
        // Equally close names: the first by name, so the order candidates come in (entries sort by title,
        // which an edit changes) never changes the suggestion.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_the_close_name_and_nothing_for_strangers() {
        let ids = ["piriformis", "psoas", "gluteus-maximus"];
        assert_eq!(did_you_mean("piriformus", ids).as_deref(), Some("did you mean `piriformis`?"));
        assert_eq!(did_you_mean("kneecap", ids), None);
    }

    #[test]
    fn of_equally_close_names_the_first_by_name_is_suggested_whatever_their_order() {
        for ids in [["glute-a", "glute-b"], ["glute-b", "glute-a"]] {
            assert_eq!(did_you_mean("glute-c", ids).as_deref(), Some("did you mean `glute-a`?"));
        }
    }
}
