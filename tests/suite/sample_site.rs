//! The repository's own sample site builds, and its pages carry their cross-links in both directions.

use crate::fixture::sinew_in;
use std::path::Path;

fn build_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    sinew_in(repo, &["build", "--out", public.to_str().unwrap()]).assert_ok();
    (out, public)
}

fn page(public: &Path, rel: &str) -> String {
    std::fs::read_to_string(public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn sample_site_builds_every_entry_and_listing() {
    let (_keep, public) = build_sample();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for collection in ["stretches", "causes", "muscles"] {
        assert!(public.join(collection).join("index.html").is_file(), "{collection} listing");
        let sources = std::fs::read_dir(repo.join("content").join(collection)).unwrap();
        for source in sources.flatten() {
            let name = source.file_name().to_string_lossy().into_owned();
            // Translations (`figure-four.es.md`) are the Spanish site's, checked in languages.rs.
            let Some(id) = name.strip_suffix(".md").filter(|id| *id != "_index" && !id.contains('.')) else { continue };
            let html = page(&public, &format!("{collection}/{id}/index.html"));
            let listing = page(&public, &format!("{collection}/index.html"));
            assert!(listing.contains(&format!("/{collection}/{id}/\"")), "{id} missing from the {collection} listing");
            assert!(html.contains("Education") || html.contains("education"), "{id} page lacks the disclaimer");
        }
    }
    for rel in ["index.html", "404.html", "when-to-see-a-doctor/index.html", "disclaimer/index.html"] {
        assert!(public.join(rel).is_file(), "{rel}");
    }
}

#[test]
fn a_muscle_page_lists_the_stretches_and_causes_that_name_it() {
    let (_keep, public) = build_sample();
    let piriformis = page(&public, "muscles/piriformis/index.html");
    // Neither link is written in the muscle's own file: both come from the other side.
    let own =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/muscles/piriformis.md")).unwrap();
    let front_matter = own.split("---").nth(1).unwrap();
    assert!(!front_matter.contains("stretches:") && !front_matter.contains("causes:"), "the muscle lists them itself");
    assert!(piriformis.contains("href=\"/stretches/figure-four/\""), "figure-four stretch not on the piriformis page");
    assert!(
        piriformis.contains("href=\"/causes/piriformis-syndrome/\""),
        "piriformis syndrome not on the piriformis page"
    );
    let stretch = page(&public, "stretches/figure-four/index.html");
    assert!(stretch.contains("href=\"/muscles/piriformis/\""));
    let cause = page(&public, "causes/piriformis-syndrome/index.html");
    assert!(cause.contains("href=\"/stretches/figure-four/\""), "a cause page lists the stretches that ease it");
}

#[test]
fn every_stretch_and_cause_page_says_when_to_see_a_doctor() {
    let (_keep, public) = build_sample();
    for rel in ["stretches/childs-pose/index.html", "causes/sciatica/index.html"] {
        assert!(page(&public, rel).contains("class=\"red-flags\""), "{rel} lacks the red-flags box");
    }
}

#[test]
fn the_spanish_sample_pages_lead_to_the_spanish_doctor_page() {
    let (_keep, public) = build_sample();
    // The "when to see a doctor" page has a Spanish address: the navigation, the red flags box and the home page
    // still find it.
    for spanish in
        ["es/index.html", "es/stretches/estiramiento-figura-cuatro/index.html", "es/causes/ciatica/index.html"]
    {
        let html = page(&public, spanish);
        assert!(
            html.contains("<li class=\"nav-doctor\"><a href=\"/es/cuando-ir-al-medico/\""),
            "{spanish}: no doctor page in the menu"
        );
    }
    let html = page(&public, "es/stretches/estiramiento-figura-cuatro/index.html");
    assert!(html.contains("<html lang=\"es\"") && html.contains("Precauciones"), "the page is in Spanish");
}
