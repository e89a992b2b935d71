//! Ready to publish: the words `sinew init` and `sinew new` leave for the author to replace are named where
//! they are left (warnings for check and build, a refusal for a handout and `--strict`), and `--strict` makes
//! every editorial warning an error.

use crate::fixture::{Site, sinew_in, snapshot};

/// A site made by `sinew init`, as a practitioner has it before filling anything in.
fn new_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    sinew_in(dir.path(), &["init", "clinic"]).assert_ok();
    let root = dir.path().join("clinic");
    (dir, root)
}

fn replace(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// The practice's own details, written over `sinew init`'s.
fn fill_in(root: &std::path::Path) {
    let settings = root.join("site.yaml");
    replace(&settings, "title: My Practice", "title: Riverside Massage");
    replace(&settings, "https://example.org/", "https://riverside-massage.example/");
    replace(&settings, "name: Your Name", "name: Ana Ruiz");
    replace(&settings, "hello@example.org", "ana@riverside-massage.example");
    for entry in ["stretches/knee-to-chest", "causes/long-sitting", "muscles/gluteus-maximus"] {
        replace(&root.join(format!("content/{entry}.md")), "reviewed_by: Your Name", "reviewed_by: Ana Ruiz");
    }
}

#[test]
fn check_and_build_name_each_placeholder_a_new_site_still_has_and_strict_publishes_nothing() {
    let (_dir, root) = new_site();
    let check = sinew_in(&root, &["check"]);
    check.assert_ok();
    for (place, words) in [
        ("site.yaml:1:8", "placeholder `My Practice`"),
        ("site.yaml:2:19", "placeholder address `example.org`"),
        ("site.yaml:8:9", "placeholder `Your Name`"),
        ("site.yaml:10:16", "placeholder address `example.org`"),
        ("site.yaml:11:24", "placeholder address `example.org`"),
        ("content/stretches/knee-to-chest.md:22:14", "placeholder `Your Name`"),
        ("content/causes/long-sitting.md:6:14", "placeholder `Your Name`"),
    ] {
        check.assert_reports(place, &[words]);
    }
    assert!(check.stderr.contains("check passed: 0 errors, 8 warnings"), "{}", check.stderr);

    // A plain build publishes, with the same warnings; --strict refuses and leaves the last build as it was.
    let build = sinew_in(&root, &["build"]);
    build.assert_ok().assert_reports("site.yaml:1:8", &["warning: placeholder `My Practice`"]);
    let before = snapshot(&root.join("public"));
    let strict = sinew_in(&root, &["build", "--strict"]);
    strict.assert_failed().assert_reports("site.yaml:1:8", &["error: placeholder `My Practice`", "8 errors"]);
    assert_eq!(snapshot(&root.join("public")), before, "a refused build leaves public/ untouched");

    // Filled in, the site is ready: nothing to say, and --strict publishes.
    fill_in(&root);
    let check = sinew_in(&root, &["check"]);
    assert!(!check.stderr.contains("placeholder"), "{}", check.stderr);
    sinew_in(&root, &["build", "--strict"]).assert_ok();
    assert!(std::fs::read_to_string(root.join("public/index.html")).unwrap().contains("Riverside Massage"));
}

#[test]
fn a_handout_refuses_to_print_a_placeholder_and_writes_nothing() {
    let (dir, root) = new_site();
    let sheet = dir.path().join("sheet.html");
    let args = ["handout", "--stretches", "knee-to-chest", "--format", "html", "-o", sheet.to_str().unwrap()];
    let refused = sinew_in(&root, &args);
    refused
        .assert_failed()
        .assert_reports("site.yaml:1:8", &["error: placeholder `My Practice`", "no handout written"]);
    refused.assert_reports("content/stretches/knee-to-chest.md:22:14", &["error: placeholder `Your Name`"]);
    assert!(!sheet.exists(), "no sheet is written");

    fill_in(&root);
    sinew_in(&root, &args).assert_ok();
    let html = std::fs::read_to_string(&sheet).unwrap();
    assert!(html.contains("Riverside Massage") && !html.contains("My Practice"));
}

#[test]
fn a_new_entrys_scaffold_is_checked_when_drafts_are() {
    let (_dir, root) = new_site();
    fill_in(&root);
    sinew_in(&root, &["new", "stretches", "Cat cow"]).assert_ok();
    // A draft is not published, so it is not checked unless asked.
    let check = sinew_in(&root, &["check"]);
    assert!(!check.stderr.contains("cat-cow.md"), "{}", check.stderr);
    let drafts = sinew_in(&root, &["check", "--drafts"]);
    drafts.assert_ok();
    let text = std::fs::read_to_string(root.join("content/stretches/cat-cow.md")).unwrap();
    for words in
        ["One or two plain sentences: what this is and who it helps.", "First step.", "Write the article here."]
    {
        let at = text.find(words).unwrap();
        let line = text[..at].lines().count() + usize::from(text[..at].ends_with('\n'));
        let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
        drafts.assert_reports(
            &format!("content/stretches/cat-cow.md:{line}:{column}"),
            &[&format!("placeholder `{words}`")],
        );
    }
}

#[test]
fn strict_makes_every_editorial_warning_an_error() {
    let site = Site::new();
    site.write(
        "content/stretches/hip-roll.md",
        "---\ntitle: Hip roll\nsummary: This will cure your back.\nreviewed: 2020-01-01\ncautions: [Go gently]\n\
         muscles: [piriformis]\ncauses: [prolonged-sitting]\n---\nRoll the hips.\n",
    );
    let check = site.sinew(&["check"]);
    check.assert_ok().assert_reports("content/stretches/hip-roll.md:3:20", &["warning: \"cure\" is a word"]);
    let strict = site.sinew(&["check", "--strict"]);
    strict.assert_failed().assert_reports("content/stretches/hip-roll.md:3:20", &["error: \"cure\" is a word"]);
    assert!(strict.stderr.contains("error: review overdue"), "{}", strict.stderr);

    site.build().assert_ok();
    let before = snapshot(&site.path("public"));
    site.sinew(&["build", "--strict"])
        .assert_failed()
        .assert_reports("content/stretches/hip-roll.md:3:20", &["error:"]);
    assert_eq!(snapshot(&site.path("public")), before);
}
