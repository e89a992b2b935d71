use super::stretch::dosage;
use super::*;
use crate::model::handout::Overrides;
use crate::strings::Strings;

#[test]
fn overrides_replace_the_entry_dosage_and_are_marked() {
    let yaml = "hold_seconds: 30\nsets: 3\nsides: each\nfrequency: daily\n";
    let map = crate::diag::SourceMap::new(yaml);
    let path = std::path::Path::new("content/stretches/s.md");
    let mut fields = crate::fields::Fields::parse(path, &map, yaml, 0);
    let values = fields.read_values(crate::fields::schema::Schema::Exercise.fields());
    assert!(!fields.has_errors());
    let exercise = crate::model::entry::Exercise::of(&values);
    let overrides = Overrides { hold_seconds: Some(45), reps: Some(1), sets: Some(3), ..Default::default() };
    let lines = |code: &str| -> Vec<(String, String, bool)> {
        let strings = built_in_strings(code);
        dosage(exercise, &overrides, &strings).into_iter().map(|l| (l.label, l.value, l.adjusted)).collect()
    };
    let line = |label: &str, value: &str, adjusted: bool| (label.to_string(), value.to_string(), adjusted);
    assert_eq!(
        lines("en"),
        [
            line("Hold", "45 seconds", true),
            line("Repeat", "1 time", true),
            line("Sets", "3", false),
            line("Sides", "Each side in turn", false),
            line("How often", "Daily", false),
        ]
    );
    // The built-in theme's Spanish words, with Spanish plurals.
    let spanish = lines("es");
    assert_eq!(spanish[0].1, "45 segundos");
    assert_eq!(spanish[1].1, "1 vez");
}

fn built_in_strings(code: &str) -> Strings {
    let file = crate::source::theme::file(&format!("i18n/{code}.yaml")).expect("the built-in theme has it");
    let files = [crate::source::StringFiles { language: code.into(), theme: Some(file), site: None }];
    let mut diagnostics = crate::diag::Diagnostics::default();
    crate::strings::load(&files, &mut diagnostics).remove(0)
}

#[test]
fn dates_read_plainly() {
    assert_eq!(bare_url("https://example.org/clinic/"), "example.org/clinic");
}
