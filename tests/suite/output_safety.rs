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
    // The edited page, the deleted 404 page, and the three search files holding the new word, excerpt and passage.
    assert!(run.stderr.contains("(5 written, 1 removed)"), "{}", run.stderr);
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

/// Regression: `ln -s ../content outer/c` then `--out outer/c/sub` wrote the whole site into `content/sub/`,
/// because only the part of the path that existed was resolved... and none of it was. So was
/// `--out .sinew-cache`, which wiped the image cache on every build.
#[test]
fn an_output_folder_through_a_symlinked_parent_is_judged_where_it_really_is() {
    let site = Site::new();
    std::fs::create_dir(site.path("outer")).unwrap();
    std::os::unix::fs::symlink("../content", site.path("outer/c")).unwrap();
    std::os::unix::fs::symlink("../static-x/../content", site.path("outer/d")).unwrap();
    std::fs::create_dir(site.path("static-x")).unwrap();
    let before = snapshot(&site.path("content"));
    for out in
        ["outer/c/sub", "outer/c/sub/deeper", "outer/c/../content/sub", "outer/d/x", ".sinew-cache", ".sinew-cache/x"]
    {
        let run = site.sinew(&["build", "--out", out]);
        run.assert_failed();
        assert!(run.stderr.contains("refusing to use"), "{out}: {}", run.stderr);
        assert_eq!(snapshot(&site.path("content")), before, "{out}: content/ changed");
    }
    assert!(!site.exists(".sinew-cache/index.html"));
    // A symlinked parent that leads somewhere harmless is fine, and the site lands there.
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path("outer/e")).unwrap();
    site.sinew(&["build", "--out", "outer/e/site"]).assert_ok();
    assert!(elsewhere.path().join("site/index.html").is_file());
}

/// Regression: a page edited, truncated or touched by hand in `public/` stayed so, because the build trusted
/// its record of what it had written; a following build reported "0 written".
#[test]
fn files_changed_by_hand_in_the_output_are_repaired_by_the_next_build() {
    let site = Site::new();
    site.write("static/notes.txt", "static file\n");
    site.build().assert_ok();
    let fresh = snapshot(&site.path("public"));
    // Later than the build by more than the file system's clock step, so a same-size edit has another time.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let page = "public/muscles/piriformis/index.html";
    let same_size = site.read(page).replacen("Piriformis", "Xiriformis", 1);
    site.write(page, same_size);
    let truncated = "public/stretches/figure-four/index.html";
    site.write(truncated, &site.read(truncated)[..100]);
    site.write("public/notes.txt", "edited by hand\n");
    let touched = site.path("public/404.html");
    std::fs::File::options().append(true).open(&touched).unwrap().set_modified(std::time::SystemTime::now()).unwrap();
    let run = site.build();
    run.assert_ok();
    // The touched page still holds what the build would write: checked, not rewritten.
    assert!(run.stderr.contains("(3 written, 0 removed)"), "{}", run.stderr);
    assert!(snapshot(&site.path("public")) == fresh, "the output differs from a fresh build");
    let again = site.build();
    assert!(again.stderr.contains("(0 written, 0 removed)"), "{}", again.stderr);
}

/// Regression: a `sinew build` and a `sinew build --drafts` at once deleted each other's staging folder as
/// "left by an interrupted build" and published a mix (a draft's title on a muscle page, linking nowhere).
#[test]
fn builds_started_at_once_into_one_folder_each_publish_whole() {
    let site = Site::new();
    site.write(
        "content/stretches/secret-draft.md",
        "---\ntitle: Secret draft stretch\ndraft: true\nkind: stretch\nmuscles: [piriformis]\n---\nNot yet.\n",
    );
    // What each kind of build writes into an empty folder.
    site.sinew(&["build", "--out", "plain"]).assert_ok();
    site.sinew(&["build", "--drafts", "--out", "drafts"]).assert_ok();
    let (plain, drafts) = (snapshot(&site.path("plain")), snapshot(&site.path("drafts")));
    assert!(plain != drafts);
    for round in 0..3 {
        // Each round starts with the other kind of site in place, so every build has work to do.
        let children: Vec<_> = (0..6)
            .map(|i| {
                let mut args = vec!["build", "--out", "public"];
                if (i + round) % 2 == 1 {
                    args.push("--drafts");
                }
                crate::fixture::sinew_command(site.root(), &args)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "round {round}: a build failed:\n{stderr}");
            assert!(!stderr.contains("interrupted"), "round {round}: a live build was taken for debris:\n{stderr}");
        }
        let result = snapshot(&site.path("public"));
        assert!(result == plain || result == drafts, "round {round}: the output is a mix of two builds");
        assert!(!site.exists(".public.sinew-staging") && !site.exists(".public.sinew-old"));
    }
    site.build().assert_ok();
    assert!(snapshot(&site.path("public")) == plain, "a plain build after them does not give the plain site");
}
