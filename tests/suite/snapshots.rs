//! What users read, pinned: diagnostics as the terminal prints them (carets included) and as JSON, and a few
//! rendered pages. A change to any of them shows in review as a changed file under `snapshots/`; accept one
//! on purpose with `INSTA_UPDATE=always cargo test --test suite snapshots` (or `cargo insta review`).

use crate::fixture::Site;

/// A site with a mistake of every kind the first stages find, for their messages.
fn site_with_mistakes() -> Site {
    let site = Site::new();
    site.write(
        "content/stretches/five-mistakes.md",
        "---\ntitle: Five mistakes\ndifficulty: beginer\nmuscles: [piriformus]\nimage: { src: images/x.svg }\n\
         steps:\n  - Cross your ankle: it makes a 4\n---\nSee [[glute-brige]] and \
         [why](@/stretches/figure-four.md#no-such-heading).\n\n![A picture](images/missing.png)\n\n[Prices](/prices/)\n",
    );
    site
}

#[test]
fn diagnostics_as_the_terminal_prints_them() {
    let site = site_with_mistakes();
    let run = site.sinew(&["check"]);
    run.assert_failed();
    insta::assert_snapshot!("check_terminal", run.stderr);
}

#[test]
fn diagnostics_as_json() {
    let site = site_with_mistakes();
    let run = site.sinew(&["check", "--format", "json"]);
    run.assert_failed();
    insta::assert_snapshot!("check_json", run.stdout);
}

#[test]
fn a_stretch_page_and_a_listing() {
    let site = Site::new();
    site.build().assert_ok();
    insta::assert_snapshot!("stretch_page", site.read("public/stretches/figure-four/index.html"));
    insta::assert_snapshot!("stretch_listing", site.read("public/stretches/index.html"));
}

#[test]
fn what_sinew_new_writes() {
    let site = Site::new();
    site.sinew(&["new", "stretches", "Child's pose"]).assert_ok();
    insta::assert_snapshot!("new_stretch", site.read("content/stretches/childs-pose.md"));
}
