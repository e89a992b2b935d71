use super::*;

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
    let lines: Vec<_> = dosage(exercise, &overrides).into_iter().map(|l| (l.label, l.value, l.adjusted)).collect();
    assert_eq!(
        lines,
        [
            ("Hold", "45 seconds".to_string(), true),
            ("Repeat", "1 time".to_string(), true),
            ("Sets", "3".to_string(), false),
            ("Sides", "Each side in turn".to_string(), false),
            ("How often", "Daily".to_string(), false),
        ]
    );
}

#[test]
fn dates_read_plainly() {
    assert_eq!(bare_url("https://example.org/clinic/"), "example.org/clinic");
}
