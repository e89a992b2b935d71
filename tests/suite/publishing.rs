//! What a published site carries for search engines and feed readers: JSON-LD per page, sitemap.xml,
//! robots.txt, an Atom feed, canonical and Open Graph addresses, all right under a sub-path `base_url`; and
//! output that is the same byte for byte from one build to the next.

use crate::fixture::{SITE_YAML, Site, sinew_in, snapshot};
use serde_json::Value;
use std::path::Path;

/// The JSON-LD of a built page, parsed; panics unless there is exactly one such script.
fn json_ld(html: &str) -> Value {
    let open = r#"<script type="application/ld+json">"#;
    assert_eq!(html.matches(open).count(), 1, "one JSON-LD script per page");
    let start = html.find(open).unwrap() + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}"))
}

/// The node of the page's graph with this `@type`.
fn node<'a>(data: &'a Value, kind: &str) -> &'a Value {
    data["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {data}"))
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect()
}

fn locs(xml: &str, element: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML: {e}"));
    doc.descendants().filter(|n| n.has_tag_name(element)).filter_map(|n| n.text().map(str::to_string)).collect()
}

#[test]
fn sample_entry_pages_carry_json_ld_that_fits_their_collection() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    sinew_in(repo, &["build", "--out", public.to_str().unwrap()]).assert_ok();
    let read = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));

    for (collection, about) in [("stretches", "ExercisePlan"), ("causes", "MedicalCondition"), ("muscles", "Muscle")] {
        for source in std::fs::read_dir(repo.join("content").join(collection)).unwrap().flatten() {
            let name = source.file_name().to_string_lossy().into_owned();
            // Translations (`figure-four.es.md`) are the Spanish site's, checked in languages.rs.
            let Some(id) = name.strip_suffix(".md").filter(|id| *id != "_index" && !id.contains('.')) else { continue };
            let data = json_ld(&read(&format!("{collection}/{id}/index.html")));
            let page = node(&data, "MedicalWebPage");
            assert_eq!(page["mainEntity"]["@type"], about, "{collection}/{id}");
            assert_eq!(page["medicalAudience"]["@type"], "Patient", "{collection}/{id}");
            assert_eq!(page["url"], format!("https://steadyground.example/{collection}/{id}/"));
            assert_eq!(page["publisher"]["@id"], "https://steadyground.example/#practice");
            assert!(page["lastReviewed"].is_string(), "{collection}/{id} has a review date in the sample");
            // The practice is described once, and is the one the page names.
            let practice = node(&data, "LocalBusiness");
            assert_eq!(practice["@id"], "https://steadyground.example/#practice");
            assert_eq!(practice["name"], "Steady Ground Massage");
        }
    }

    // A stretch's dose: 30 s, 3 sets, each side = 3 minutes; the muscles it works.
    let stretch = json_ld(&read("stretches/figure-four/index.html"));
    let plan = &node(&stretch, "MedicalWebPage")["mainEntity"];
    assert_eq!(plan["activityDuration"], "PT3M");
    assert_eq!(plan["activityFrequency"], "daily");
    assert_eq!(plan["exerciseType"], "Stretching");
    assert!(names(&plan["associatedAnatomy"]).contains(&"Piriformis"));

    // A cause: its muscles, its stretches as treatments, its symptoms.
    let cause = json_ld(&read("causes/prolonged-sitting/index.html"));
    let condition = &node(&cause, "MedicalWebPage")["mainEntity"];
    assert!(names(&condition["associatedAnatomy"]).contains(&"Iliopsoas"));
    assert!(names(&condition["possibleTreatment"]).contains(&"Figure four stretch"));
    assert!(!condition["signOrSymptom"].as_array().unwrap().is_empty());

    // A muscle: where it is, what it does, the conditions linked to it from the causes' side.
    let muscle = json_ld(&read("muscles/piriformis/index.html"));
    let anatomy = &node(&muscle, "MedicalWebPage")["mainEntity"];
    assert!(anatomy["bodyLocation"].as_str().unwrap().contains("buttock"));
    assert!(!anatomy["muscleAction"].as_array().unwrap().is_empty());
    assert!(names(&anatomy["relatedCondition"]).contains(&"Piriformis syndrome"));

    // Other pages: the home page describes the site and the practice.
    let home = json_ld(&read("index.html"));
    assert_eq!(node(&home, "WebSite")["publisher"]["@id"], "https://steadyground.example/#practice");
}

#[test]
fn front_matter_cannot_break_out_of_the_json_ld_script() {
    let site = Site::new();
    let title = "Figure </script><script>alert(1)</script> & <!-- four";
    let text =
        site.read("content/stretches/figure-four.md").replace("title: Figure four", &format!("title: '{title}'"));
    site.write("content/stretches/figure-four.md", text);
    site.build().assert_ok();
    let html = site.read("public/stretches/figure-four/index.html");
    assert!(!html.contains("<script>alert(1)"), "the title reached the page as markup");
    let data = json_ld(&html);
    assert_eq!(node(&data, "MedicalWebPage")["name"], title, "the value survives the escaping unchanged");
}

/// The small site under `https://test-clinic.example/clinic/`, with a draft stretch and `reviewed: 2026-03-02` on the
/// entries `reviewed` names, built.
fn built_under_a_sub_path(reviewed: &[&str]) -> Site {
    let site = Site::new();
    site.write("site.yaml", SITE_YAML.replace("https://test-clinic.example/", "https://test-clinic.example/clinic/"));
    site.write(
        "content/stretches/draft-stretch.md",
        "---\ntitle: Not ready\ndraft: true\nreviewed: 2026-10-01\n---\nStill writing.\n",
    );
    for file in reviewed {
        site.write(file, site.read(file).replacen("---\ntitle:", "---\nreviewed: 2026-03-02\ntitle:", 1));
    }
    site.build().assert_ok();
    site
}

#[test]
fn sitemap_feed_robots_and_addresses_are_right_under_a_sub_path_and_leave_drafts_out() {
    let site = built_under_a_sub_path(&["content/muscles/piriformis.md"]);

    let sitemap = locs(&site.read("public/sitemap.xml"), "loc");
    for url in [
        "https://test-clinic.example/clinic/",
        "https://test-clinic.example/clinic/stretches/",
        "https://test-clinic.example/clinic/stretches/figure-four/",
        "https://test-clinic.example/clinic/stretches/glute-bridge/",
        "https://test-clinic.example/clinic/causes/prolonged-sitting/",
        "https://test-clinic.example/clinic/muscles/piriformis/",
        "https://test-clinic.example/clinic/muscles/gluteus-maximus/",
    ] {
        assert!(sitemap.contains(&url.to_string()), "{url} missing from {sitemap:?}");
    }
    assert!(!sitemap.iter().any(|u| u.contains("draft-stretch")), "a draft is in the sitemap");
    assert!(!sitemap.iter().any(|u| u.contains("/search/") || u.contains("404")), "search or 404 in the sitemap");
    assert!(site.read("public/sitemap.xml").contains("<lastmod>2026-03-02</lastmod>"), "lastmod from the review date");

    // Crawlers read robots.txt only at a host's root: none is written under a sub-path (tests/suite/deployment).
    assert!(!site.exists("public/robots.txt"));

    let feed = site.read("public/feed.xml");
    let ids = locs(&feed, "id");
    assert!(ids.contains(&"https://test-clinic.example/clinic/muscles/piriformis/".to_string()), "{ids:?}");
    assert!(!feed.contains("draft-stretch") && !feed.contains("Not ready"), "a draft is in the feed");
    assert_eq!(locs(&feed, "updated")[0], "2026-03-02T00:00:00Z", "the feed's date is its newest entry's");

    let page = site.read("public/stretches/figure-four/index.html");
    for tag in [
        r#"<link rel="canonical" href="https://test-clinic.example/clinic/stretches/figure-four/">"#,
        r#"<meta property="og:url" content="https://test-clinic.example/clinic/stretches/figure-four/">"#,
        r#"<meta property="og:title" content="Figure four">"#,
        r#"<meta property="og:description" content="A hip stretch.">"#,
        r#"<meta name="description" content="A hip stretch.">"#,
        r#"href="/clinic/feed.xml""#,
    ] {
        assert!(page.contains(tag), "missing {tag}");
    }
}

/// Each collection has its own feed beside the site's (issue 20, item 6): only its entries, no drafts, its
/// listing's address and its own `self` link, linked from the listing's head.
#[test]
fn each_collection_has_a_feed_of_its_own_entries_linked_from_its_listing() {
    let site = built_under_a_sub_path(&["content/stretches/figure-four.md", "content/muscles/piriformis.md"]);
    let stretches = site.read("public/stretches/feed.xml");
    let ids = locs(&stretches, "id");
    assert_eq!(
        ids,
        ["https://test-clinic.example/clinic/stretches/", "https://test-clinic.example/clinic/stretches/figure-four/"],
        "the listing's address, then its dated entries only"
    );
    assert!(stretches.contains(
        r#"<link rel="self" type="application/atom+xml" href="https://test-clinic.example/clinic/stretches/feed.xml"/>"#
    ));
    assert!(stretches.contains("<title>Test Clinic: Stretches</title>") && !stretches.contains("Not ready"));
    let muscles = locs(&site.read("public/muscles/feed.xml"), "id");
    assert_eq!(muscles[1..], ["https://test-clinic.example/clinic/muscles/piriformis/"], "{muscles:?}");
    let listing = site.read("public/stretches/index.html");
    assert!(listing.contains(r#"title="Test Clinic: Stretches, new and reviewed" href="/clinic/stretches/feed.xml""#));
    assert!(site.read("public/feed.xml").contains("/clinic/muscles/piriformis/"), "the site's feed has them all");
}

#[test]
fn a_collection_can_name_its_schema_org_type_and_a_wrong_one_is_an_error() {
    let site = Site::new();
    site.write(
        "site.yaml",
        SITE_YAML.replace("    schema: anatomy\n", "    schema: anatomy\n    structured_data: Joint\n"),
    );
    site.build().assert_ok();
    let data = json_ld(&site.read("public/muscles/piriformis/index.html"));
    assert_eq!(node(&data, "MedicalWebPage")["mainEntity"]["@type"], "Joint");

    site.write(
        "site.yaml",
        SITE_YAML.replace("    schema: anatomy\n", "    schema: anatomy\n    structured_data: Stretch\n"),
    );
    site.build()
        .assert_failed()
        .assert_reports("site.yaml:23:5", &["unknown structured_data type `Stretch`", "Muscle"]);
}

#[test]
fn two_builds_of_the_same_sources_are_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let trees: Vec<_> = ["a", "b"]
        .iter()
        .map(|name| {
            let public = out.path().join(name);
            sinew_in(repo, &["build", "--out", public.to_str().unwrap()]).assert_ok();
            snapshot(&public)
        })
        .collect();
    assert!(trees[0].len() > 100, "the sample site has its pages");
    let names = |t: &[(std::path::PathBuf, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&trees[0]), names(&trees[1]), "the same files");
    for ((path, a), (_, b)) in trees[0].iter().zip(&trees[1]) {
        assert!(a == b, "{} differs between two builds", path.display());
    }
}
