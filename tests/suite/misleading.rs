//! Hostile input, round two: things that used to pass in silence or mislead (a file left out without a word,
//! one mistake hiding the others, an error repeated at every place that names a broken file, a stray tag).
//! Each test is named after what it must do now; the comment says what it did before.

use crate::fixture::Site;

/// Before: `figure_four.MD`, `Figure-Five.Md` and `figure-six.markdown` were ignored by build and check
/// without a word, and so was any other file in content/.
#[test]
fn markdown_files_in_any_case_or_spelled_out_are_read_and_other_files_are_named() {
    let site = Site::new();
    let stretch = site.read("content/stretches/figure-four.md").replace("Figure four", "Figure six");
    site.write("content/stretches/figure-six.markdown", stretch);
    site.write("content/stretches/notes.txt", "my notes");
    site.build().assert_ok();
    assert!(site.read("public/stretches/figure-six/index.html").contains("Figure six"));
    let run = site.sinew(&["check"]);
    run.assert_reports("content/stretches/notes.txt", &["not Markdown", "left out"]);

    site.write("content/stretches/Figure-Five.Md", "---\ntitle: Five\nkind: stretch\n---\n");
    let run = site.sinew(&["check"]);
    run.assert_failed().assert_reports("content/stretches/Figure-Five.Md", &["rename it to `figure-five`"]);
}

/// Before: a collection declared in site.yaml with no folder built with no warning, and `theme: nosuch` was
/// an error with no line that did not say which themes there are.
#[test]
fn a_missing_collection_folder_and_an_unknown_theme_are_named_at_their_lines() {
    let site = Site::new();
    site.write("themes/calm/templates/.keep", "");
    site.write("themes/bold/templates/.keep", "");
    let yaml = site.read("site.yaml").replace("disclaimer:", "theme: nosuch\ndisclaimer:");
    let yaml = format!("{yaml}  exercises:\n    title: Exercises\n");
    let line = yaml.lines().position(|l| l == "  exercises:").unwrap() + 1;
    site.write("site.yaml", yaml);
    let run = site.sinew(&["check"]);
    run.assert_failed();
    run.assert_reports("site.yaml:3:1", &["theme `nosuch` not found", "the themes there are: bold, calm"]);
    run.assert_reports(&format!("site.yaml:{line}:3"), &["collection `exercises` has no folder content/exercises/"]);
}

/// Before: an id listed twice gave no warning, and an entry listing itself appeared among its own related
/// entries.
#[test]
fn an_id_listed_twice_or_an_entry_listing_itself_is_a_warning_and_left_out() {
    let site = Site::new();
    let yaml = site
        .read("site.yaml")
        .replace("      causes: causes\n  causes:", "      causes: causes\n      related: stretches\n  causes:");
    site.write("site.yaml", yaml);
    let stretch = site
        .read("content/stretches/figure-four.md")
        .replace("muscles: [piriformis]", "muscles: [piriformis, piriformis]\nrelated: [figure-four, glute-bridge]");
    site.write("content/stretches/figure-four.md", stretch);
    let run = site.build();
    run.assert_ok();
    // The second one: its place comes from the YAML parser, not from searching the line for the id.
    run.assert_reports("content/stretches/figure-four.md:8:23", &["`piriformis` is listed twice"]);
    run.assert_reports("content/stretches/figure-four.md:9:11", &["`figure-four` is this entry itself"]);
    let page = site.read("public/stretches/figure-four/index.html");
    assert!(page.contains("href=\"/stretches/glute-bridge/\""), "the other related stretch is listed");
    assert!(!page.contains("href=\"/stretches/figure-four/\""), "the entry links to itself:\n{page}");
    let muscle = site.read("public/muscles/piriformis/index.html");
    assert_eq!(muscle.matches("href=\"/stretches/figure-four/\"").count(), 1, "listed once on the muscle");
}

/// Before: `sets: 99999999999999999999` was one "YAML cannot be read" error that hid every other problem
/// in the file.
#[test]
fn a_number_too_large_is_one_field_error_among_the_others() {
    let site = Site::new();
    let stretch = site
        .read("content/stretches/figure-four.md")
        .replace("hold_seconds: 30", "hold_seconds: 30\nsets: 99999999999999999999\nrepz: 3");
    site.write("content/stretches/figure-four.md", stretch);
    let run = site.sinew(&["check"]);
    run.assert_failed();
    run.assert_reports("content/stretches/figure-four.md:7:1", &["`sets` is too large"]);
    run.assert_reports("content/stretches/figure-four.md:8:1", &["unknown field `repz`", "did you mean `reps`?"]);
    assert!(!run.stderr.contains("cannot be read"), "{}", run.stderr);
}

/// Before: a file that could not be read (saved as UTF-16) or parsed also gave an "unknown id" error at every
/// link and relation naming it, some with a did-you-mean pointing at another entry.
#[test]
fn an_unreadable_entry_is_reported_once_not_at_every_link_to_it() {
    let site = Site::new();
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend("---\ntitle: Piriformis\n---\n".encode_utf16().flat_map(u16::to_le_bytes));
    site.write("content/muscles/piriformis.md", utf16);
    site.write("content/muscles/gluteus-maximus.md", "---\ntitle: [unclosed\n---\nThe big one.\n");
    let run = site.sinew(&["check"]);
    run.assert_failed();
    run.assert_reports("content/muscles/piriformis.md", &["UTF-16"]);
    run.assert_reports("content/muscles/gluteus-maximus.md:2:8", &["this `[` is never closed"]);
    for unwanted in ["no muscle with id", "broken link", "did you mean"] {
        assert!(!run.stderr.contains(unwanted), "`{unwanted}` reported:\n{}", run.stderr);
    }
    // The UTF-16 file, the bracket and the YAML error it causes: nothing else.
    assert!(run.stderr.contains("3 errors"), "{}", run.stderr);
}

/// Before: `muscles: [piriformis, gluteus` was reported at the next key's line only.
#[test]
fn an_unclosed_flow_list_points_at_its_opening_bracket_too() {
    let site = Site::new();
    let stretch =
        site.read("content/stretches/figure-four.md").replace("muscles: [piriformis]", "muscles: [piriformis");
    site.write("content/stretches/figure-four.md", stretch);
    let run = site.sinew(&["check"]);
    run.assert_failed();
    run.assert_reports("content/stretches/figure-four.md:8:10", &["this `[` is never closed", "end the list with `]`"]);
    run.assert_reports("content/stretches/figure-four.md:9:", &["this YAML cannot be read"]);
    // A flow list written over several lines is fine, and no bracket is blamed for another mistake.
    let stretch = site
        .read("content/stretches/figure-four.md")
        .replace("muscles: [piriformis", "muscles: [piriformis,\n  gluteus-maximus]\nsummary: x: y");
    site.write("content/stretches/figure-four.md", stretch);
    let run = site.sinew(&["check"]);
    run.assert_failed();
    assert!(!run.stderr.contains("never closed"), "{}", run.stderr);
}

/// Before: `[link](javascript:…)` in a step published a `</a>` with no opening tag, and in a body it was
/// published as written, as were `<script>` and `<iframe>`, with no policy said anywhere.
#[test]
fn script_links_are_dropped_from_values_and_refused_in_bodies_and_html_escape_is_strict() {
    let site = Site::new();
    let stretch = site.read("content/stretches/figure-four.md").replace(
        "cautions: [Stop if it hurts]",
        "cautions: [Stop if it hurts]\nsteps: [\"Lie down, [then](javascript:alert(1)) rest\"]",
    );
    site.write("content/stretches/figure-four.md", stretch);
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    assert!(page.contains("Lie down, then rest"), "the link's text stays:\n{page}");
    assert_eq!(page.matches("<a ").count() + page.matches("<a\n").count(), page.matches("</a>").count(), "{page}");

    let body = "---\ntitle: Gluteus maximus\n---\nThe big one.\n\n<div class=\"note\">Raw HTML</div>\n\n\
                See [this](javascript:alert(1)).\n\n<a href=\"JavaScript:alert(2)\">there</a>\n";
    site.write("content/muscles/gluteus-maximus.md", body);
    let run = site.build();
    run.assert_failed();
    run.assert_reports("content/muscles/gluteus-maximus.md:8:5", &["`javascript:` link runs code"]);
    run.assert_reports("content/muscles/gluteus-maximus.md:10:1", &["`javascript:` link runs code"]);

    site.write(
        "content/muscles/gluteus-maximus.md",
        body.replace(
            "See [this](javascript:alert(1)).\n\n<a href=\"JavaScript:alert(2)\">there</a>\n",
            "<script>alert(3)</script>\n",
        ),
    );
    site.build().assert_ok();
    let page = site.read("public/muscles/gluteus-maximus/index.html");
    assert!(page.contains("<div class=\"note\">Raw HTML</div>"), "the author is trusted by default");
    let strict = site.read("site.yaml").replace("disclaimer:", "html: escape\ndisclaimer:");
    site.write("site.yaml", strict);
    site.build().assert_ok();
    let page = site.read("public/muscles/gluteus-maximus/index.html");
    assert!(
        page.contains("&lt;div class=&quot;note&quot;&gt;") || page.contains("&lt;div class=\"note\"&gt;"),
        "{page}"
    );
    assert!(page.contains("&lt;script&gt;alert(3)&lt;/script&gt;") && !page.contains("<script>alert"), "{page}");
}
