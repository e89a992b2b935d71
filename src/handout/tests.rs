use super::*;

#[test]
fn overrides_replace_the_entry_dosage_and_are_marked() {
    let exercise = crate::model::entry::Exercise {
        hold_seconds: Some(30),
        sets: Some(3),
        sides: Some(Sides::Each),
        frequency: Some("daily".into()),
        ..Default::default()
    };
    let overrides = Overrides { hold_seconds: Some(45), reps: Some(1), sets: Some(3), ..Default::default() };
    let lines: Vec<_> = dosage(&exercise, &overrides).into_iter().map(|l| (l.label, l.value, l.adjusted)).collect();
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
