//! Carets where the mistake is: every list item's place comes from the YAML parser's own marks
//! (`model/yaml/spans.rs`), so an id that is a prefix of an earlier one, an id given twice, a block list item
//! or a value on the line after its key is pointed at exactly.

use crate::fixture::Site;

fn check_with_front_matter(front: &str) -> crate::fixture::Run {
    let site = Site::new();
    site.write("content/stretches/figure-four.md", format!("---\n{front}---\nBody.\n"));
    site.sinew(&["check"])
}

/// Regression: `muscles: [gluteus-maximus, gluteus]` pointed at column 11, inside `gluteus-maximus`.
#[test]
fn an_id_that_is_a_prefix_of_an_earlier_one_is_pointed_at_itself() {
    let run = check_with_front_matter("title: Four\nkind: stretch\nmuscles: [gluteus-maximus, gluteus]\n");
    run.assert_failed().assert_reports("content/stretches/figure-four.md:4:28", &["no muscle with id `gluteus`"]);
    assert!(run.stderr.contains("                           ^^^^^^^"), "the caret is under `gluteus`:\n{}", run.stderr);
}

/// Regression: in a block list the error landed on the line above the item.
#[test]
fn a_block_list_item_is_pointed_at_on_its_own_line() {
    let run = check_with_front_matter("title: Four\nkind: stretch\nmuscles:\n  - piriformis\n  - 'piriformus'\n");
    run.assert_failed().assert_reports("content/stretches/figure-four.md:6:5", &["no muscle with id `piriformus`"]);
}

#[test]
fn the_same_id_twice_points_at_the_second() {
    let run = check_with_front_matter("title: Four\nkind: stretch\nmuscles: [piriformis, \"piriformis\"]\n");
    run.assert_ok().assert_reports("content/stretches/figure-four.md:4:23", &["`piriformis` is listed twice"]);
}

#[test]
fn a_value_on_the_line_after_its_key_is_pointed_at_there() {
    let run = check_with_front_matter("title: Four\nkind: stretch\ndifficulty:\n  beginer\n");
    run.assert_failed()
        .assert_reports("content/stretches/figure-four.md:5:3", &["`beginer` is not a valid `difficulty`"]);
}

#[test]
fn a_colon_inside_an_unquoted_step_says_where_and_to_quote_it() {
    let run = check_with_front_matter(
        "title: Four\nkind: stretch\nsteps:\n  - Lie down\n  - Cross your ankle: it makes a 4\n",
    );
    run.assert_failed().assert_reports(
        "content/stretches/figure-four.md:6:5",
        &["makes it a `key: value` pair", "put the whole line in quotes: \"Cross your ankle: it makes a 4\""],
    );
}
