//! `init`, `new`, `check` and `list`.

use crate::fixture::{Site, sinew_in};

#[test]
fn init_creates_a_site_that_builds_with_the_embedded_theme() {
    let dir = tempfile::tempdir().unwrap();
    let init = sinew_in(dir.path(), &["init", "clinic"]);
    init.assert_ok();
    // What to do next, for someone who has never used a terminal tool before.
    for step in ["cd clinic", "open site.yaml", "sinew serve", "sinew build"] {
        assert!(init.stdout.contains(step), "`{step}` missing from:\n{}", init.stdout);
    }
    let root = dir.path().join("clinic");
    assert!(!root.join("themes").exists(), "the theme stays in the binary");
    sinew_in(&root, &["build"]).assert_ok();
    let stylesheets = std::fs::read_dir(root.join("public")).unwrap().filter_map(Result::ok);
    assert!(stylesheets.into_iter().any(|f| f.file_name().to_string_lossy().starts_with("style.")));
    assert!(root.join("public/stretches/knee-to-chest/index.html").is_file());
    sinew_in(&root, &["check"]).assert_ok();
    sinew_in(dir.path(), &["init", "clinic"]).assert_failed();
}

/// `sinew build` where there is no site says so and how to make one, not that a build failed.
#[test]
fn build_outside_a_site_says_there_is_none_and_how_to_start_one() {
    let dir = tempfile::tempdir().unwrap();
    let run = sinew_in(dir.path(), &["build"]);
    run.assert_failed();
    assert!(run.stderr.contains("no site.yaml in .") && run.stderr.contains("sinew init"), "{}", run.stderr);
    assert!(!run.stderr.contains("left as it was") && !dir.path().join("public").exists(), "{}", run.stderr);
}

#[test]
fn new_writes_an_entry_with_its_collection_fields_that_then_builds() {
    let site = Site::new();
    let run = site.sinew(&["new", "stretches", "Supine Twist"]);
    run.assert_ok();
    assert_eq!(run.stdout.trim(), "content/stretches/supine-twist.md");
    let text = site.read("content/stretches/supine-twist.md");
    for field in ["title: \"Supine Twist\"", "hold_seconds:", "cautions:", "muscles: []", "causes: []", "draft: true"] {
        assert!(text.contains(field), "{field} missing:\n{text}");
    }
    site.sinew(&["build", "--drafts"]).assert_ok();
    assert!(site.exists("public/stretches/supine-twist/index.html"));
    let muscle = site.sinew(&["new", "muscles", "Psoas"]);
    muscle.assert_ok();
    assert!(site.read("content/muscles/psoas.md").contains("stretches: []"), "inverse relation keys offered");
    site.sinew(&["new", "stretches", "Supine Twist"]).assert_failed();
    let unknown = site.sinew(&["new", "strecthes", "X"]);
    assert!(unknown.stderr.contains("did you mean `stretches`?"), "{}", unknown.stderr);
}

/// Regression: `new` made `child-s-pose` from "Child's pose", and made `content/causes/figure-four.md`
/// beside the stretch of that id, after which the site no longer built.
#[test]
fn new_drops_apostrophes_and_refuses_an_id_another_collection_has() {
    let site = Site::new();
    let run = site.sinew(&["new", "stretches", "Child's pose"]);
    run.assert_ok();
    assert_eq!(run.stdout.trim(), "content/stretches/childs-pose.md");
    let taken = site.sinew(&["new", "causes", "Figure four"]);
    taken.assert_failed();
    assert!(taken.stderr.contains("taken by content/stretches/figure-four.md"), "{}", taken.stderr);
    assert!(!site.exists("content/causes/figure-four.md"));
    site.build().assert_ok();
}

#[test]
fn check_writes_nothing_and_warns_like_an_editor() {
    let site = Site::new();
    site.write(
        "content/stretches/hip-roll.md",
        "---\ntitle: Hip roll\nsummary: This will cure your back.\nreviewed: 2020-01-01\n---\nx\n",
    );
    let run = site.sinew(&["check"]);
    run.assert_ok();
    assert!(!site.exists("public"));
    let stderr = &run.stderr;
    for fragment in [
        "nothing links to the stretch `hip-roll`",
        "the stretch `hip-roll` lists no muscles",
        "the stretch `hip-roll` has no cautions",
        "review overdue",
        "\"cure\" is a word",
    ] {
        assert!(stderr.contains(fragment), "missing `{fragment}`:\n{stderr}");
    }
    assert!(stderr.contains("--> content/stretches/hip-roll.md:3:20"), "the risky word's place:\n{stderr}");
    let bad = Site::new();
    bad.write("content/causes/x.md", "---\ntitle: X\nmuscles: [nope]\n---\n");
    bad.sinew(&["check"]).assert_failed();
}

#[test]
fn check_in_json_prints_one_object_per_problem_with_its_place() {
    let site = Site::new();
    let stretch =
        site.read("content/stretches/figure-four.md").replace("muscles: [piriformis]", "muscles: [piriformus]");
    site.write("content/stretches/figure-four.md", stretch);
    site.write("content/stretches/notes.txt", "mine");
    let run = site.sinew(&["check", "--format", "json"]);
    run.assert_failed();
    let problems: Vec<serde_json::Value> =
        run.stdout.lines().map(|line| serde_json::from_str(line).expect("one JSON object a line")).collect();
    assert_eq!(problems.len(), 2, "{}", run.stdout);
    let error = &problems[0];
    assert_eq!(error["severity"], "error");
    assert_eq!(error["file"], "content/stretches/figure-four.md");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64(), error["end_column"].as_u64()),
        (Some(8), Some(11), Some(21))
    );
    assert_eq!(error["message"], "no muscle with id `piriformus`");
    assert_eq!(error["help"], "did you mean `piriformis`?");
    assert_eq!(problems[1]["severity"], "warning");
    assert!(problems[1]["line"].is_null(), "a whole-file warning has no line");
    assert!(!run.stderr.contains("-->"), "nothing for people on stderr but the summary:\n{}", run.stderr);
}

#[test]
fn list_names_each_collections_entries_by_id_and_title_and_suggests_a_collection() {
    let site = Site::new();
    let run = site.sinew(&["list"]);
    run.assert_ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.contains(&"stretches (2): Stretches"), "{}", run.stdout);
    // By title, ids aligned.
    let stretches: Vec<&str> =
        lines.iter().skip_while(|l| !l.starts_with("stretches")).skip(1).take(2).copied().collect();
    assert_eq!(stretches, ["  figure-four   Figure four", "  glute-bridge  Glute bridge"], "{}", run.stdout);
    assert!(lines.contains(&"  prolonged-sitting  Prolonged sitting"), "{}", run.stdout);

    let only = site.sinew(&["list", "muscles"]);
    only.assert_ok();
    assert!(only.stdout.starts_with("muscles (2): Muscles\n"), "{}", only.stdout);
    assert!(!only.stdout.contains("figure-four"), "{}", only.stdout);

    let wrong = site.sinew(&["list", "strech"]);
    wrong.assert_failed();
    assert!(wrong.stderr.contains("no collection `strech`") && wrong.stderr.contains("stretches"), "{}", wrong.stderr);
}
