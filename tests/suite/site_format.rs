//! The site format: relations from either side, body links, drafts, sub-path base URLs, other collections.

use crate::fixture::Site;

#[test]
fn a_relation_declared_on_either_side_shows_on_both_pages() {
    let site = Site::new();
    site.build().assert_ok();
    // figure-four lists piriformis (forward); piriformis lists glute-bridge (inverse).
    let piriformis = site.read("public/muscles/piriformis/index.html");
    assert!(piriformis.contains("href=\"/stretches/figure-four/\""));
    assert!(piriformis.contains("href=\"/stretches/glute-bridge/\""));
    let bridge = site.read("public/stretches/glute-bridge/index.html");
    assert!(bridge.contains("href=\"/muscles/piriformis/\""), "the inverse declaration shows on the stretch");
    let cause = site.read("public/causes/prolonged-sitting/index.html");
    assert!(cause.contains("href=\"/stretches/figure-four/\""));
}

#[test]
fn body_links_by_id_and_path_resolve_with_titles() {
    let site = Site::new();
    // The anchor must name an id on the page (the link check fails the build otherwise): steps give `#steps`.
    site.write(
        "content/stretches/glute-bridge.md",
        "---\ntitle: Glute bridge\nkind: strengthen\nmuscles: [gluteus-maximus]\nsteps: [Lift the hips]\n---\nLift.\n",
    );
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nSee [[muscles/piriformis]], [the bridge](@/stretches/glute-bridge.md#steps) and [[figure-four|this one]].\n",
    );
    site.build().assert_ok();
    let about = site.read("public/about/index.html");
    assert!(about.contains(r#"<a href="/muscles/piriformis/">Piriformis</a>"#), "{about}");
    assert!(about.contains(r#"<a href="/stretches/glute-bridge/#steps">the bridge</a>"#), "{about}");
    assert!(about.contains(r#"<a href="/stretches/figure-four/">this one</a>"#), "{about}");
}

#[test]
fn a_sub_path_base_url_prefixes_every_link() {
    let site = Site::new();
    site.write(
        "site.yaml",
        crate::fixture::SITE_YAML.replace("https://test-clinic.example/", "https://test-clinic.example/clinic/"),
    );
    site.build().assert_ok();
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"/clinic/stretches/figure-four/\""), "{home}");
    // The stylesheet, by its fingerprinted name, under the base path.
    assert!(home.contains("href=\"/clinic/style."), "{home}");
    assert!(!home.contains("href=\"/stretches/"), "an unprefixed link: {home}");
    let stretch = site.read("public/stretches/figure-four/index.html");
    assert!(stretch.contains("https://test-clinic.example/clinic/stretches/figure-four/"), "canonical URL");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::new();
    site.write("content/stretches/cat-cow.md", "---\ntitle: Cat cow\ndraft: true\nmuscles: [piriformis]\n---\nx\n");
    site.build().assert_ok();
    assert!(!site.exists("public/stretches/cat-cow/index.html"));
    assert!(!site.read("public/muscles/piriformis/index.html").contains("cat-cow"));
    site.sinew(&["build", "--drafts"]).assert_ok();
    assert!(site.read("public/stretches/cat-cow/index.html").contains("Draft"));
}

#[test]
fn other_collection_names_build_with_the_default_theme() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Rehab\nbase_url: https://test-clinic.example/\ncollections:\n  exercises:\n    schema: exercise\n    singular: exercise\n    relations:\n      areas: body-areas\n      conditions: conditions\n  conditions:\n    schema: condition\n  body-areas:\n    title: Body areas\n    schema: anatomy\n",
    );
    site.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n");
    site.write("content/exercises/wall-sit.md", "---\ntitle: Wall sit\nkind: strengthen\nhold_seconds: 20\nareas: [thigh]\nconditions: [knee-ache]\n---\nSit.\n");
    site.write("content/conditions/knee-ache.md", "---\ntitle: Knee ache\n---\nAche.\n");
    site.write("content/body-areas/thigh.md", "---\ntitle: Thigh\n---\nThigh.\n");
    site.build().assert_ok();
    let thigh = site.read("public/body-areas/thigh/index.html");
    assert!(thigh.contains("href=\"/exercises/wall-sit/\""), "{thigh}");
    assert!(site.read("public/exercises/index.html").contains("Wall sit"));
}

#[test]
fn bom_and_crlf_files_build() {
    let site = Site::new();
    site.write("content/muscles/gluteus-maximus.md", b"\xEF\xBB\xBF---\r\ntitle: Gluteus maximus\r\n---\r\nBig.\r\n");
    site.build().assert_ok();
    assert!(site.read("public/muscles/gluteus-maximus/index.html").contains("Gluteus maximus"));
}

#[test]
fn a_site_template_overrides_the_theme_one() {
    let site = Site::new();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost? Sorry.</h1>{% endblock content %}",
    );
    site.build().assert_ok();
    assert!(site.read("public/404.html").contains("Lost? Sorry."));
}

#[test]
fn a_successful_build_leaves_no_stale_files() {
    let site = Site::new();
    site.build().assert_ok();
    assert!(site.exists("public/stretches/glute-bridge/index.html"));
    site.remove("content/stretches/glute-bridge.md");
    site.write("content/muscles/piriformis.md", "---\ntitle: Piriformis\n---\nA small muscle.\n");
    site.build().assert_ok();
    assert!(!site.exists("public/stretches/glute-bridge/index.html"));
    assert!(!site.exists("public/stretches/glute-bridge"));
}

/// An entry's red flag that says the site's again in other words is shown once, in the site's words, and
/// `sinew check` points at it; one that is only near is shown and named; a different one is simply shown.
#[test]
fn a_red_flag_that_repeats_the_sites_is_shown_once_and_check_names_it() {
    let site = Site::new();
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap().replace(
        "red_flags: [Sudden weakness in a leg]",
        "red_flags:\n  - \"New trouble controlling your bladder or bowels, or numbness in the groin, genitals or inner \
         thighs: go to an emergency department now\"\n  - \"Back pain that started after a fall, car accident or other \
         hard knock\"",
    );
    site.write("site.yaml", yaml);
    site.write(
        "content/causes/prolonged-sitting.md",
        "---\ntitle: Prolonged sitting\nsymptoms: [Stiffness]\nmuscles: [gluteus-maximus]\nred_flags:\n  \
         - \"Numbness around the genitals, or new problems controlling your bowels: go to an emergency department\"\n  \
         - \"The pain began after a fall, a car accident or a direct blow to the back\"\n  \
         - \"Sciatica in both legs at the same time\"\n---\nSitting a lot.\n",
    );
    site.build().assert_ok();
    let page = site.read("public/causes/prolonged-sitting/index.html");
    assert_eq!(page.matches("emergency department").count(), 1, "the bladder and bowel warning once");
    assert!(page.contains("New trouble controlling your bladder or bowels"), "in the site's words");
    assert!(page.contains("The pain began after a fall") && page.contains("Sciatica in both legs"), "the others kept");
    let check = site.sinew(&["check"]);
    check.assert_reports(
        "content/causes/prolonged-sitting.md:6:6",
        &["this red flag repeats the site's \"New trouble controlling your bladder", "shows it once"],
    );
    check.assert_reports(
        "content/causes/prolonged-sitting.md:7:6",
        &["this red flag is close to the site's \"Back pain"],
    );
    assert!(!check.stderr.contains(":8:6"), "a different warning is not named:\n{}", check.stderr);
}
