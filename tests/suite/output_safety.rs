//! `--out` never points at a folder the user would lose.

use crate::fixture::{Site, snapshot};

#[test]
fn refuses_output_folders_the_user_would_lose() {
    let site = Site::new();
    site.write("notes/todo.txt", "mine");
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    for out in [".", "content", "..", "/", "~", "notes", "content/stretches", home.as_str()] {
        let before = snapshot(site.root());
        let run = site.sinew(&["build", "--out", out]);
        run.assert_failed();
        assert!(run.stderr.contains("refusing to use"), "{out}: {}", run.stderr);
        assert_eq!(snapshot(site.root()), before, "{out}: files changed");
    }
}

#[test]
fn builds_into_a_new_folder_and_replaces_its_own_output() {
    let site = Site::new();
    site.sinew(&["build", "--out", "site-out"]).assert_ok();
    assert!(site.exists("site-out/index.html"));
    site.sinew(&["build", "--out", "site-out"]).assert_ok();
    assert!(!site.exists(".site-out.sinew-staging") && !site.exists(".site-out.sinew-old"));
}

#[test]
fn leftovers_of_an_interrupted_build_are_cleaned_up_with_a_notice() {
    let site = Site::new();
    site.write(".public.sinew-staging/half.html", "half written");
    let run = site.build();
    run.assert_ok();
    assert!(run.stderr.contains("left by an interrupted build"), "{}", run.stderr);
    assert!(!site.exists(".public.sinew-staging"));
}
