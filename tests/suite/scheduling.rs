//! Scheduled publishing: `publish: DATE` keeps an entry out of everything the build makes until that day;
//! `--future` brings it in; `sinew check` checks it now and says when it appears.

use crate::fixture::Site;

/// Every file of the output whose text holds `needle`, by path.
fn files_with(site: &Site, needle: &str) -> Vec<String> {
    walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|f| f.file_type().is_file())
        .filter(|f| std::fs::read(f.path()).is_ok_and(|b| String::from_utf8_lossy(&b).contains(needle)))
        .map(|f| f.path().strip_prefix(site.path("public")).unwrap().display().to_string())
        .collect()
}

/// The fixture site with one stretch scheduled far ahead and one whose day has come.
fn site_with_a_scheduled_stretch() -> Site {
    let site = Site::new();
    site.write(
        "content/stretches/hip-circles.md",
        "---\ntitle: Hip circles\nsummary: Slow circles.\npublish: 2999-03-01\ncautions: [Go slowly]\n\
         muscles: [piriformis]\ncauses: [prolonged-sitting]\n---\nCircle the hips.\n",
    );
    site.write(
        "content/stretches/knee-rocks.md",
        "---\ntitle: Knee rocks\nsummary: Rock the knees.\npublish: 2020-03-01\ncautions: [Go slowly]\n\
         muscles: [piriformis]\n---\nRock them.\n",
    );
    site.write(
        "content/stretches/glute-bridge.md",
        "---\ntitle: Glute bridge\nkind: strengthen\nmuscles: [gluteus-maximus]\n---\nThen try [[hip-circles]].\n",
    );
    site
}

#[test]
fn a_scheduled_entry_is_left_out_of_every_page_feed_and_index_until_its_day() {
    let site = site_with_a_scheduled_stretch();
    let build = site.build();
    build.assert_ok();
    build.assert_reports("content/stretches/glute-bridge.md:6:10", &["`hip-circles` is published on 2999-03-01"]);
    assert!(build.stderr.contains("content/stretches/hip-circles.md is scheduled for 2999-03-01"), "{}", build.stderr);
    assert!(!site.exists("public/stretches/hip-circles/index.html"));
    // Not in a listing, the muscle's page (the relation's other side), search, the sitemap or any feed.
    assert_eq!(files_with(&site, "Hip circles"), Vec::<String>::new());
    assert_eq!(files_with(&site, "stretches/hip-circles/"), Vec::<String>::new());
    // An entry whose day has come is published like any other.
    assert!(site.read("public/muscles/piriformis/index.html").contains("Knee rocks"));
    assert!(site.read("public/sitemap.xml").contains("/stretches/knee-rocks/"));

    let future = site.sinew(&["build", "--future"]);
    future.assert_ok();
    assert!(site.read("public/muscles/piriformis/index.html").contains("Hip circles"));
    for file in ["sitemap.xml", "feed.xml", "stretches/feed.xml", "stretches/index.html"] {
        assert!(site.read(&format!("public/{file}")).contains("/stretches/hip-circles/"), "{file}");
    }
    assert!(site.read("public/stretches/glute-bridge/index.html").contains("href=\"/stretches/hip-circles/\""));
    assert!(files_with(&site, "Hip circles").iter().any(|f| f.starts_with("search/")), "in the search index");
}

#[test]
fn check_checks_a_scheduled_entry_now_and_says_when_it_appears() {
    let site = site_with_a_scheduled_stretch();
    site.write(
        "content/causes/frozen-hip.md",
        "---\ntitle: Frozen hip\npublish: 2999-01-10\nmuscles: [nobody]\n---\nStiff.\n",
    );
    let check = site.sinew(&["check"]);
    // Its mistakes are found today, not on the morning it was to appear.
    check.assert_failed().assert_reports("content/causes/frozen-hip.md:4:11", &["no muscle with id `nobody`"]);
    site.write(
        "content/causes/frozen-hip.md",
        "---\ntitle: Frozen hip\npublish: 2999-01-10\nmuscles: [piriformis]\n---\nStiff.\n",
    );
    let check = site.sinew(&["check"]);
    check.assert_ok();
    let listed: Vec<&str> = check.stderr.lines().filter(|l| l.starts_with("scheduled: ")).collect();
    assert_eq!(
        listed,
        [
            "scheduled: content/causes/frozen-hip.md appears on 2999-01-10",
            "scheduled: content/stretches/hip-circles.md appears on 2999-03-01"
        ]
    );

    // A client's sheet cannot hold a stretch the site does not show yet.
    let out = tempfile::tempdir().unwrap();
    let sheet = out.path().join("sheet.html");
    let handout = site.sinew(&["handout", "--stretches", "hip-circles", "-o", sheet.to_str().unwrap()]);
    handout.assert_failed();
    assert!(
        handout.stderr.contains("the stretch `hip-circles` is not published until 2999-03-01"),
        "{}",
        handout.stderr
    );
    assert!(!sheet.exists());
}
