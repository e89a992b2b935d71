//! Renamed pages keep working: `redirect_from` publishes a page at each old address that sends the reader on,
//! and `_redirects` for hosts that answer with a 301; an old address that is a real page is an error.

use crate::fixture::{SITE_YAML, Site, snapshot};

/// The fixture site under a sub-path, its figure four stretch renamed from `pigeon-lite` and moved from an
/// old site's `/old/hip.html`, and its about page from `/about-us/`.
fn renamed_site() -> Site {
    let site = Site::new();
    site.write("site.yaml", SITE_YAML.replace("https://test-clinic.example/", "https://test-clinic.example/clinic/"));
    let stretch = site.read("content/stretches/figure-four.md");
    site.write(
        "content/stretches/figure-four.md",
        stretch.replace("title: Figure four\n", "title: Figure four\nredirect_from: [pigeon-lite, /old/hip.html]\n"),
    );
    site.write("content/about.md", "---\ntitle: About <us>\nredirect_from: [/clinic/about-us/]\n---\nWho we are.\n");
    site
}

#[test]
fn each_old_address_sends_the_reader_to_the_page_and_is_listed_for_the_host() {
    let site = renamed_site();
    site.build().assert_ok();
    let moved = site.read("public/stretches/pigeon-lite/index.html");
    for part in [
        "<meta http-equiv=\"refresh\" content=\"0; url=/clinic/stretches/figure-four/\">",
        "<link rel=\"canonical\" href=\"https://test-clinic.example/clinic/stretches/figure-four/\">",
        "<meta name=\"robots\" content=\"noindex\">",
        "This page has moved to <a href=\"/clinic/stretches/figure-four/\">Figure four</a>.",
        "<html lang=\"en\"",
    ] {
        assert!(moved.contains(part), "missing {part} in\n{moved}");
    }
    assert!(site.read("public/old/hip.html").contains("url=/clinic/stretches/figure-four/"));
    // The base path may be written or not: /clinic/about-us/ is the site's about-us/.
    let about = site.read("public/about-us/index.html");
    assert!(about.contains("url=/clinic/about/") && about.contains(">About &lt;us&gt;</a>"), "{about}");
    assert_eq!(
        site.read("public/_redirects").lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>(),
        [
            "/clinic/stretches/pigeon-lite/ /clinic/stretches/figure-four/ 301",
            "/clinic/old/hip.html /clinic/stretches/figure-four/ 301",
            "/clinic/about-us/ /clinic/about/ 301",
        ]
    );
    // An old address is not a page of the site: not in the sitemap or search.
    assert!(!site.read("public/sitemap.xml").contains("pigeon-lite"));
}

#[test]
fn an_old_address_that_is_a_page_or_not_an_address_stops_the_build_at_its_line() {
    let site = renamed_site();
    site.build().assert_ok();
    let before = snapshot(&site.path("public"));
    let stretch = site.read("content/stretches/figure-four.md");
    let taken = stretch.replace("[pigeon-lite, /old/hip.html]", "[pigeon-lite, glute-bridge]");
    site.write("content/stretches/figure-four.md", &taken);
    site.build().assert_failed().assert_reports(
        "content/stretches/figure-four.md:3:30",
        &["/clinic/stretches/glute-bridge/ is an old address of this page, but content/stretches/glute-bridge.md is there"],
    );
    assert_eq!(snapshot(&site.path("public")), before, "the last good build stays");

    site.write("content/stretches/figure-four.md", stretch.replace("/old/hip.html", "/../../etc/hip.html"));
    site.build().assert_failed().assert_reports(
        "content/stretches/figure-four.md:3:30",
        &["`/../../etc/hip.html` cannot be an old address: it has an empty, `.` or `..` part"],
    );
    assert!(!site.path("etc").exists() && !site.path("public/etc").exists());

    // Two pages cannot both be where one old address leads.
    site.write("content/stretches/figure-four.md", &stretch);
    let bridge = site.read("content/stretches/glute-bridge.md");
    site.write(
        "content/stretches/glute-bridge.md",
        bridge.replace("title: Glute bridge\n", "title: Glute bridge\nredirect_from: [/old/hip.html]\n"),
    );
    site.build()
        .assert_failed()
        .assert_reports("content/stretches/glute-bridge.md:3:17", &["is the old address of two pages"]);
}

#[test]
fn a_translation_has_old_addresses_of_its_own_only() {
    let site = renamed_site();
    site.write("site.yaml", site.read("site.yaml").replace("base_url:", "languages: [en, es]\nbase_url:"));
    // Translated without redirect_from: the original's old addresses stay the original's.
    site.write("content/stretches/figure-four.es.md", "---\ntitle: Figura cuatro\nslug: figura-cuatro\n---\nEstira.\n");
    site.build().assert_ok();
    assert!(!site.exists("public/es/stretches/pigeon-lite/index.html"));
    assert_eq!(site.read("public/_redirects").matches("/clinic/old/hip.html").count(), 1);
    // Given its own, it leads to the Spanish page, in Spanish.
    site.write(
        "content/stretches/figure-four.es.md",
        "---\ntitle: Figura cuatro\nslug: figura-cuatro\nredirect_from: [paloma-suave]\n---\nEstira.\n",
    );
    site.build().assert_ok();
    let moved = site.read("public/es/stretches/paloma-suave/index.html");
    assert!(moved.contains("<html lang=\"es\"") && moved.contains("Esta página ahora está en"), "{moved}");
    assert!(moved.contains("url=/clinic/es/stretches/figura-cuatro/"), "{moved}");
}
