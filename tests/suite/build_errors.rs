//! Every bad input is reported with its file, line and column, in plain words, all in one run; and a failed
//! build leaves the previous output exactly as it was.

use crate::fixture::{Site, snapshot};

const FIGURE_FOUR: &str = "content/stretches/figure-four.md";

fn figure_four_with(from: &str, to: &str) -> Site {
    let site = Site::new();
    let text = site.read(FIGURE_FOUR);
    assert!(text.contains(from), "fixture lacks {from}");
    site.write(FIGURE_FOUR, text.replace(from, to));
    site
}

#[test]
fn unknown_relation_id_suggests_the_close_one() {
    let site = figure_four_with("muscles: [piriformis]", "muscles: [piriformus]");
    site.build().assert_failed().assert_reports(
        &format!("{FIGURE_FOUR}:8:11"),
        &["no muscle with id `piriformus`", "did you mean `piriformis`?"],
    );
}

#[test]
fn broken_body_link_names_its_line_and_column() {
    let site = figure_four_with("It eases the [[piriformis]].", "It eases the [[piriformus]].");
    site.build().assert_failed().assert_reports(&format!("{FIGURE_FOUR}:13:14"), &["no entry with id `piriformus`"]);
}

#[test]
fn wrong_type_and_unknown_enum_and_unknown_field() {
    let site = figure_four_with("hold_seconds: 30", "hold_seconds: half a minute\ndificulty: easy");
    let text = site.read(FIGURE_FOUR).replace("difficulty: beginner", "difficulty: beginer");
    site.write(FIGURE_FOUR, text);
    let run = site.build();
    run.assert_failed()
        .assert_reports(&format!("{FIGURE_FOUR}:6:1"), &["`hold_seconds` must be a whole number"])
        .assert_reports(&format!("{FIGURE_FOUR}:7:1"), &["unknown field `dificulty`", "did you mean `difficulty`?"])
        .assert_reports(
            &format!("{FIGURE_FOUR}:5:13"),
            &["`beginer` is not a valid `difficulty`", "did you mean `beginner`?"],
        );
}

#[test]
fn yaml_traps_where_an_id_is_expected_are_errors() {
    let site = figure_four_with("muscles: [piriformis]", "muscles: [piriformis, 1e3, ~, true]");
    let run = site.build();
    run.assert_failed();
    assert_eq!(run.stderr.matches("an id in `muscles` must be text").count(), 3, "{}", run.stderr);
}

#[test]
fn a_key_given_twice_names_both_lines() {
    let site = figure_four_with("summary: A hip stretch.", "summary: A hip stretch.\ntitle: Again");
    site.build()
        .assert_failed()
        .assert_reports(&format!("{FIGURE_FOUR}:4:1"), &["`title` is given twice (lines 2 and 4)"]);
}

#[test]
fn malformed_yaml_points_at_the_file_line() {
    let site = Site::new();
    site.write("content/causes/bad.md", "---\ntitle: Bad\nmuscles: [piriformis\nsummary: x\n---\nBody\n");
    let run = site.build();
    run.assert_failed().assert_reports("content/causes/bad.md:", &["this YAML cannot be read"]);
    // The error is on a line of the front matter, counted from the top of the file.
    let line: usize =
        run.stderr.split("content/causes/bad.md:").nth(1).unwrap().split(':').next().unwrap().parse().unwrap();
    assert!((3..=5).contains(&line), "line {line}: {}", run.stderr);
}

#[test]
fn missing_title_and_missing_front_matter() {
    let site = Site::new();
    site.write("content/causes/untitled.md", "---\nsummary: Hi\n---\nBody\n");
    site.write("content/causes/plain.md", "# Just markdown\n");
    site.build()
        .assert_failed()
        .assert_reports("content/causes/untitled.md:2:1", &["missing `title`"])
        .assert_reports("content/causes/plain.md:1:1", &["does not start with front matter"]);
}

#[test]
fn two_entries_with_one_id_are_refused() {
    let site = Site::new();
    site.write("content/causes/piriformis.md", "---\ntitle: Piriformis trouble\n---\nx\n");
    let run = site.build();
    run.assert_failed();
    assert!(run.stderr.contains("two entries have the id `piriformis`"), "{}", run.stderr);
}

#[test]
fn a_page_and_a_listing_at_one_address_are_refused() {
    let site = Site::new();
    site.write("content/stretches.md", "---\ntitle: Clash\n---\nx\n");
    let run = site.build();
    run.assert_failed();
    assert!(run.stderr.contains("two things would be written to /stretches/index.html"), "{}", run.stderr);
}

#[test]
fn a_latin1_file_names_the_line_of_the_bad_byte() {
    let site = Site::new();
    site.write("content/muscles/gluteus-maximus.md", b"---\ntitle: Gluteus maximus\n---\nCaf\xE9 talk\n");
    site.build()
        .assert_failed()
        .assert_reports("content/muscles/gluteus-maximus.md:4:4", &["not UTF-8", "save it as UTF-8"]);
}

#[test]
fn a_bad_file_name_suggests_the_id_it_should_have() {
    let site = Site::new();
    site.write("content/stretches/Child's Pose.md", "---\ntitle: Child's pose\n---\nx\n");
    let run = site.build();
    run.assert_failed();
    assert!(run.stderr.contains("rename it to `childs-pose`"), "{}", run.stderr);
}

#[test]
fn a_failing_template_names_the_template_file_and_line() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nope }}\n{% endblock content %}\n",
    );
    site.write("content/about.md", "---\ntitle: About\n---\nx\n");
    let run = site.build();
    run.assert_failed().assert_reports("templates/page.html:3:", &["template error"]);
    let syntax = Site::new();
    syntax.write("templates/404.html", "{% if %}\n");
    syntax.build().assert_failed().assert_reports("templates/404.html:1:", &["template error"]);
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let site = figure_four_with("muscles: [piriformis]", "muscles: [piriformus]");
    site.write("content/causes/untitled.md", "---\nsummary: Hi\n---\nSee [[nowhere]].\n");
    let run = site.build();
    run.assert_failed();
    for fragment in ["piriformus", "missing `title`", "nowhere"] {
        assert!(run.stderr.contains(fragment), "{fragment} not reported:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("3 errors"), "{}", run.stderr);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::new();
    site.build().assert_ok();
    let before = snapshot(&site.path("public"));
    let text = site.read(FIGURE_FOUR).replace("muscles: [piriformis]", "muscles: [piriformus]");
    site.write(FIGURE_FOUR, text);
    let run = site.build();
    run.assert_failed();
    assert!(run.stderr.contains("was left as it was"));
    assert_eq!(snapshot(&site.path("public")), before);
}

/// Regression: a file with mistakes of every stage took five runs to see them all (syntax, then fields and
/// ids, then alt text and links, then missing files, then anchors and output links), because the output's link
/// check ran only on a site with no other error. One `sinew check` now reports every one, once.
#[test]
fn every_kind_of_mistake_in_one_file_is_reported_in_one_run() {
    let site = Site::new();
    let file = "content/stretches/five-mistakes.md";
    site.write(
        file,
        "---\ntitle: Five mistakes\ndifficulty: beginer\nmuscles: [piriformus]\nimage: { src: images/x.svg }\n---\n\
         See [[glute-brige]] and [why](@/stretches/figure-four.md#no-such-heading).\n\n\
         ![A picture](images/missing.png)\n\n[Prices](/prices/)\n",
    );
    // Another page links to the failing one: that link is not broken, the page is there once it is fixed.
    site.write("content/about.md", "---\ntitle: About\n---\nStart with [[five-mistakes]].\n");
    let run = site.sinew(&["check"]);
    run.assert_failed()
        .assert_reports(&format!("{file}:3:13"), &["`beginer` is not a valid `difficulty`"])
        .assert_reports(&format!("{file}:4:11"), &["no muscle with id `piriformus`"])
        .assert_reports(&format!("{file}:5:1"), &["the image has no alt text"])
        .assert_reports(&format!("{file}:7:5"), &["no entry with id `glute-brige`"])
        .assert_reports(&format!("{file}:7:25"), &["has no heading with id `no-such-heading`"])
        .assert_reports(&format!("{file}:9:1"), &["no image at static/images/missing.png"])
        .assert_reports(&format!("{file}:11:1"), &["nothing is published at /prices/"]);
    assert_eq!(run.stderr.matches("error:").count(), 7, "each mistake once, nothing else:\n{}", run.stderr);
}

/// A missing home page is an error; a home page that cannot be read is reported at its file only, not also
/// as missing (it was both, which read as two mistakes to fix).
#[test]
fn a_home_page_that_cannot_be_read_is_not_also_missing() {
    let site = Site::new();
    site.remove("content/_index.md");
    site.sinew(&["check"]).assert_failed();
    assert!(site.sinew(&["check"]).stderr.contains("the site has no home page"));
    site.write("content/_index.md", "---\ntitle: [Welcome\n---\nHello.\n");
    let run = site.sinew(&["check"]);
    run.assert_failed().assert_reports("content/_index.md:2:8", &["this `[` is never closed"]);
    assert!(!run.stderr.contains("no home page"), "{}", run.stderr);
}
