//! A long listing split into pages (a collection's `page_size:`): page 1 at the listing's address, page N at
//! `page/N/`, each with `rel=prev/next` and a pager; stale pages go when entries do; every language has its
//! own; a bad `page_size` stops the build at its value; the preview makes and drops the pages as it rebuilds.

use crate::fixture::{SITE_YAML, Site};
use crate::serve::{Server, wait};

/// Five more stretches beside the fixture's two: seven, whose titles sort Bird dog, Cat cow, Dead bug,
/// Figure four, Glute bridge, Hamstring strap, Knee to chest.
const MORE: [(&str, &str, &str); 5] = [
    ("bird-dog", "Bird dog", "intermediate"),
    ("cat-cow", "Cat cow", "beginner"),
    ("dead-bug", "Dead bug", "advanced"),
    ("hamstring-strap", "Hamstring strap", "beginner"),
    ("knee-to-chest", "Knee to chest", "beginner"),
];

fn paged_site(page_size: &str) -> Site {
    let site = Site::new();
    site.write("site.yaml", with_page_size(SITE_YAML, page_size));
    for (id, title, difficulty) in MORE {
        site.write(
            &format!("content/stretches/{id}.md"),
            format!("---\ntitle: {title}\nkind: stretch\ndifficulty: {difficulty}\n---\nMove slowly.\n"),
        );
    }
    site
}

fn with_page_size(yaml: &str, page_size: &str) -> String {
    yaml.replacen("    schema: exercise\n", &format!("    schema: exercise\n    page_size: {page_size}\n"), 1)
}

/// The titles of the cards on a listing page, in order.
fn card_titles(html: &str) -> Vec<String> {
    html.split("<h2 class=\"card-title\"><a href=\"")
        .skip(1)
        .map(|card| card.split_once('>').unwrap().1.split_once('<').unwrap().0.to_string())
        .collect()
}

#[test]
fn seven_entries_three_a_page_make_three_pages_in_order_linked_both_ways() {
    let site = paged_site("3");
    site.build().assert_ok();
    let pages =
        ["public/stretches/index.html", "public/stretches/page/2/index.html", "public/stretches/page/3/index.html"];
    let [one, two, three] = pages.map(|p| site.read(p));
    assert_eq!(card_titles(&one), ["Bird dog", "Cat cow", "Dead bug"]);
    assert_eq!(card_titles(&two), ["Figure four", "Glute bridge", "Hamstring strap"]);
    assert_eq!(card_titles(&three), ["Knee to chest"]);
    assert!(!site.exists("public/stretches/page/4") && !site.exists("public/stretches/page/1"));

    assert!(one.contains("<link rel=\"next\" href=\"/stretches/page/2/\">"), "{one}");
    assert!(!one.contains("rel=\"prev\""));
    for part in [
        "<title>Stretches – page 2 · Test Clinic</title>",
        "<h1>Stretches – page 2</h1>",
        "<li><a href=\"/stretches/\">Stretches</a></li>",
        "<link rel=\"canonical\" href=\"https://test-clinic.example/stretches/page/2/\">",
        "<link rel=\"prev\" href=\"/stretches/\">",
        "<link rel=\"next\" href=\"/stretches/page/3/\">",
        "<nav class=\"pager\" aria-label=\"Pages\"",
        "<p class=\"pager-status\">Page 2 of 3</p>",
        "<a href=\"/stretches/\" rel=\"prev\">Previous page</a>",
        "<a href=\"/stretches/page/2/\" aria-current=\"page\" aria-label=\"Page 2\">2</a>",
        "<a href=\"/stretches/page/3/\" rel=\"next\">Next page</a>",
        // What list-filter.js needs to filter every entry, not only this page's.
        "\"pages\":[\"/stretches/\",\"/stretches/page/2/\",\"/stretches/page/3/\"]",
        "[\"advanced\",\"Advanced\"]",
    ] {
        assert!(two.contains(part), "missing {part} in\n{two}");
    }
    assert!(three.contains("<link rel=\"prev\" href=\"/stretches/page/2/\">") && !three.contains("rel=\"next\""));
    // Pages 2 and 3 repeat what the entries' own pages say: the sitemap lists page 1 and the entries.
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://test-clinic.example/stretches/</loc>"));
    assert!(!sitemap.contains("/page/2/"), "{sitemap}");
    // Listings of other collections are not paged.
    assert!(!site.exists("public/causes/page"));
}

#[test]
fn without_page_size_a_listing_is_one_page() {
    let site = Site::new();
    site.build().assert_ok();
    let list = site.read("public/stretches/index.html");
    assert_eq!(card_titles(&list), ["Figure four", "Glute bridge"]);
    assert!(!list.contains("class=\"pager\"") && !list.contains("rel=\"next\"") && !list.contains("sinew-listing"));
    assert!(!site.exists("public/stretches/page"));
}

#[test]
fn a_page_size_that_is_not_a_count_stops_the_build_at_its_value() {
    for (value, found) in [("0", "found 0"), ("-3", "found -3"), ("twelve", "found text")] {
        let site = paged_site(value);
        site.build().assert_failed().assert_reports(
            "site.yaml:10:16",
            &[&format!("`stretches.page_size` must be a whole number of entries, 1 or more, {found}")],
        );
    }
}

#[test]
fn removing_entries_removes_the_pages_they_filled() {
    let site = paged_site("3");
    site.build().assert_ok();
    assert!(site.exists("public/stretches/page/3/index.html"));
    for (id, ..) in &MORE[..3] {
        site.remove(&format!("content/stretches/{id}.md"));
    }
    site.build().assert_ok();
    assert!(site.exists("public/stretches/page/2/index.html"));
    assert!(!site.exists("public/stretches/page/3"), "page 3 is stale: 4 entries fill two pages");
    let two = site.read("public/stretches/page/2/index.html");
    assert_eq!(card_titles(&two), ["Knee to chest"]);
    assert!(!two.contains("rel=\"next\""));
}

#[test]
fn a_translations_listing_has_pages_of_its_own() {
    let site = paged_site("3");
    let yaml = site.read("site.yaml").replace(
        "disclaimer: Education only.\n",
        "disclaimer: Education only.\nlanguages:\n  en: {}\n  es:\n    collections:\n      stretches: { title: Estiramientos, singular: estiramiento }\n",
    );
    site.write("site.yaml", yaml);
    site.write("content/stretches/cat-cow.es.md", "---\ntitle: Gato y vaca\n---\nDespacio.\n");
    site.build().assert_ok();
    let two = site.read("public/es/stretches/page/2/index.html");
    for part in [
        "<title>Estiramientos – página 2 · Test Clinic</title>",
        "<link rel=\"canonical\" href=\"https://test-clinic.example/es/stretches/page/2/\">",
        "<link rel=\"prev\" href=\"/es/stretches/\">",
        "<link rel=\"next\" href=\"/es/stretches/page/3/\">",
        "<nav class=\"pager\" aria-label=\"Páginas\"",
        "<p class=\"pager-status\">Página 2 de 3</p>",
        "rel=\"prev\">Página anterior</a>",
        "rel=\"next\">Página siguiente</a>",
        "hreflang=\"en\" href=\"https://test-clinic.example/stretches/page/2/\"",
    ] {
        assert!(two.contains(part), "missing {part} in\n{two}");
    }
    // Spanish lists by its own titles: "Gato y vaca" sorts after "Figure four".
    let one = site.read("public/es/stretches/index.html");
    assert_eq!(card_titles(&one), ["Bird dog", "Dead bug", "Figure four"]);
    assert_eq!(card_titles(&two), ["Gato y vaca", "Glute bridge", "Hamstring strap"]);
    assert!(site.exists("public/es/stretches/page/3/index.html") && !site.exists("public/es/stretches/page/4"));
}

#[test]
fn the_preview_makes_the_pages_and_drops_the_ones_a_deletion_empties() {
    let site = paged_site("3");
    let server = Server::start(&site);
    server.wait_for_page("/stretches/page/3/", "Knee to chest");
    let (_, two) = server.get("/stretches/page/2/");
    assert_eq!(card_titles(&two), ["Figure four", "Glute bridge", "Hamstring strap"]);
    // A title edit moves an entry to another page.
    site.write(
        "content/stretches/knee-to-chest.md",
        "---\ntitle: Ankle circles\nkind: stretch\ndifficulty: beginner\n---\nMove slowly.\n",
    );
    server.wait_for_page("/stretches/", "Ankle circles");
    let (_, three) = server.get("/stretches/page/3/");
    assert_eq!(card_titles(&three), ["Hamstring strap"], "{three}");
    site.remove("content/stretches/bird-dog.md");
    wait("page 3 to go", || (server.get("/stretches/page/3/").0 == 404).then_some(()), || server.log().join("\n"));
    let (_, two) = server.get("/stretches/page/2/");
    assert_eq!(card_titles(&two), ["Figure four", "Glute bridge", "Hamstring strap"], "{two}");
}
