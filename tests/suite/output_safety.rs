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

#[test]
fn a_rebuild_writes_only_what_changed_and_repairs_the_rest() {
    let site = Site::new();
    site.build().assert_ok();
    let again = site.build();
    again.assert_ok();
    assert!(again.stderr.contains("(0 written, 0 removed)"), "{}", again.stderr);

    let text = site.read("content/muscles/gluteus-maximus.md").replace("The big one.", "The biggest one.");
    site.write("content/muscles/gluteus-maximus.md", text);
    std::fs::remove_file(site.path("public/404.html")).unwrap();
    site.write("public/stray.html", "left behind");
    let run = site.build();
    run.assert_ok();
    // The edited page, the deleted 404 page, and the two search files holding the new word and excerpt.
    assert!(run.stderr.contains("(4 written, 1 removed)"), "{}", run.stderr);
    assert!(site.read("public/muscles/gluteus-maximus/index.html").contains("The biggest one."));
    assert!(site.exists("public/404.html"));
    assert!(!site.exists("public/stray.html"));
}

#[test]
fn a_symlink_in_the_output_is_removed_without_following_it() {
    let site = Site::new();
    site.build().assert_ok();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("precious.txt"), "keep me").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("public/link")).unwrap();
    site.build().assert_ok();
    assert!(site.path("public/link").symlink_metadata().is_err(), "the symlink is gone");
    assert_eq!(std::fs::read_to_string(outside.path().join("precious.txt")).unwrap(), "keep me");
}
