//! The theme's lay word forms (`search-words/<language>.txt`, the site theme's else the built-in theme's):
//! groups of words and phrases that search treats as one (pregnant, pregnancy; "down my leg", radiating),
//! which a stemmer does not join. They are data, one group per line, and join the site's own synonym groups.
//! No I/O here: the load stage reads the files (`Sources::search_words`), and the config carries the groups.

/// One group per line, members separated by commas; blank lines and lines starting with `#` are skipped, and
/// so is a group of one member, which joins nothing. Members as written; they are folded and stemmed as the
/// site's synonyms are.
pub(crate) fn parse(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split(',').map(str::trim).filter(|m| !m.is_empty()).map(String::from).collect::<Vec<_>>())
        .filter(|group| group.len() > 1)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_one_group_per_line() {
        let text = "# comment\npregnant, pregnancy\n\nsore , ache,\nalone\n";
        assert_eq!(super::parse(text), [vec!["pregnant", "pregnancy"], vec!["sore", "ache"]]);
    }

    /// The built-in theme has English and Spanish lists, and the Spanish one reads the Spanish forms.
    #[test]
    fn the_built_in_theme_has_english_and_spanish_forms() {
        let groups =
            |code: &str| crate::source::theme::file(&format!("search-words/{code}.txt")).map(|f| super::parse(&f.text));
        assert!(groups("en").unwrap().iter().any(|g| g.iter().any(|m| m == "pregnancy")));
        assert!(groups("es").unwrap().iter().any(|g| g.iter().any(|m| m == "embarazo")));
        assert!(groups("ar").is_none());
    }
}
