//! A collection's fields are one table: the built-in schema's, plus the site's own declared in site.yaml
//! (`fields:`), in the same terms. One line of site.yaml gives a field that is read and checked at its
//! line and column, scaffolded by `sinew new`, shown on the page, given to templates and offered as a search
//! filter; a built-in choice takes more words the same way.

use crate::fixture::{SITE_YAML, Site};
use crate::search_index::Index;

/// The fixture's stretches collection with three fields of its own and one more position.
fn site_with_own_fields() -> Site {
    let site = Site::new();
    let yaml = SITE_YAML.replace(
        "    schema: exercise\n",
        "    schema: exercise\n    fields:\n      load_kg: { type: integer, min: 0, max: 200, label: \"Load (kg)\" }\n      \
         region: { type: choice, of: [neck, shoulder, low-back], facet: true }\n      tempo: { type: text }\n      \
         rest: { type: text, schema_org: restPeriods }\n      position: { add: [sitting] }\n",
    );
    site.write("site.yaml", yaml);
    site
}

const BRIDGE: &str = "content/stretches/glute-bridge.md";

fn bridge_with(front: &str) -> String {
    format!("---\ntitle: Glute bridge\nkind: strengthen\nmuscles: [gluteus-maximus]\n{front}---\nLift the hips.\n")
}

#[test]
fn a_sites_own_field_is_read_shown_and_offered_as_a_filter() {
    let site = site_with_own_fields();
    let front = "load_kg: 20\nregion: low-back\ntempo: \"Two up, two down\"\nposition: sitting\nrest: 1 minute\n";
    site.write(BRIDGE, bridge_with(front));
    let index = Index::build(site);
    let site = index.site();
    let page = site.read("public/stretches/glute-bridge/index.html");
    for shown in
        ["<h2 id=\"details\">Details</h2>", "<dt>Load (kg)</dt>", "<dd>20</dd>", "<dt>Region</dt>", "<dd>Low back</dd>"]
    {
        assert!(page.contains(shown), "the page lacks {shown}:\n{page}");
    }
    assert!(page.contains("<dd>Two up, two down</dd>"), "{page}");
    // A field the site maps to schema.org fills that property of the page's structured data.
    assert!(page.contains("\"restPeriods\":\"1 minute\""), "{page}");
    // The filter is the table's: its label, and a value per word. The added position is a filter value too.
    assert_eq!(index.facet("region", "Low back"), ["/stretches/glute-bridge/"]);
    assert_eq!(index.facet("position", "Sitting"), ["/stretches/glute-bridge/"]);
    let manifest = site.read("public/search/index/manifest.json");
    assert!(manifest.contains("\"label\":\"Region\",\"name\":\"region\""), "{manifest}");
    // A field the site did not mark as a filter is not one.
    assert!(!site.exists("public/search/index/f/tempo.json"));
}

#[test]
fn a_sites_own_field_is_checked_at_its_line_and_column() {
    let site = site_with_own_fields();
    site.write(BRIDGE, bridge_with("load_kg: 250\nregion: nek\ntempo: [fast]\nposition: sittin\n"));
    site.sinew(&["check"])
        .assert_failed()
        .assert_reports(&format!("{BRIDGE}:5:10"), &["`load_kg` must be from 0 to 200, found 250"])
        .assert_reports(&format!("{BRIDGE}:6:9"), &["`nek` is not a valid `region`", "did you mean `neck`?"])
        .assert_reports(&format!("{BRIDGE}:7:1"), &["`tempo` must be text"])
        .assert_reports(&format!("{BRIDGE}:8:11"), &["`sittin` is not a valid `position`", "did you mean `sitting`?"]);
    // Another collection has no such fields.
    site.write(BRIDGE, bridge_with(""));
    site.write("content/muscles/gluteus-maximus.md", "---\ntitle: Gluteus maximus\nload_kg: 5\n---\nThe big one.\n");
    site.sinew(&["check"])
        .assert_failed()
        .assert_reports("content/muscles/gluteus-maximus.md:3:1", &["unknown field `load_kg`"]);
}

#[test]
fn sinew_new_scaffolds_a_sites_own_fields_with_their_words() {
    let site = site_with_own_fields();
    let run = site.sinew(&["new", "stretches", "Neck turn"]);
    run.assert_ok();
    let text = site.read("content/stretches/neck-turn.md");
    assert!(text.contains("\nload_kg: 0\n"), "{text}");
    assert!(text.contains("\nregion: neck"), "{text}");
    assert!(text.contains("# neck | shoulder | low-back"), "{text}");
    assert!(text.contains("| hands-and-knees | sitting"), "the added position is offered:\n{text}");
    // What sinew new writes builds (once it is no longer a draft, it is published).
    site.write("content/stretches/neck-turn.md", text.replace("draft: true\n", ""));
    site.build().assert_ok();
    assert!(site.read("public/stretches/neck-turn/index.html").contains("<dt>Load (kg)</dt>"));
}

#[test]
fn mistakes_in_a_field_declaration_are_reported_where_they_are_written() {
    let site = Site::new();
    let yaml = SITE_YAML.replace(
        "    schema: exercise\n",
        "    schema: exercise\n    fields:\n      load_kg: { type: integr }\n      region: { type: choice }\n      \
         sides: { add: [left] }\n      symptoms: { type: text }\n      grip: { type: text, facett: true }\n",
    );
    site.write("site.yaml", yaml);
    site.sinew(&["check"])
        .assert_failed()
        .assert_reports("site.yaml:11:24", &["unknown field type `integr`", "did you mean `integer`?"])
        .assert_reports("site.yaml:12:7", &["choice field `region` lists no words"])
        .assert_reports("site.yaml:13:21", &["the words of `sides` are fixed"])
        .assert_reports("site.yaml:14:7", &["`symptoms` is a field of another schema"])
        .assert_reports("site.yaml:15:35", &["unknown setting `facett`", "did you mean `facet`?"]);
}

/// A trainer's site: its own collection names, a collection without a built-in schema carrying only its own
/// fields, and a relation between them. The built-in theme builds it and shows the fields.
#[test]
fn a_site_with_its_own_collections_and_fields_builds_with_the_built_in_theme() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Strong Start Training\nbase_url: https://test-clinic.example/\ncollections:\n  drills:\n    title: Drills\n    \
         singular: drill\n    schema: exercise\n    fields:\n      load_kg: { type: integer, min: 0, max: 200, label: \"Load (kg)\" }\n      \
         kind: { add: [mobility] }\n    relations:\n      areas: body-areas\n  body-areas:\n    title: Body areas\n    \
         singular: body area\n    fields:\n      region: { type: choice, of: [upper, lower], facet: true }\n      \
         first_session: { type: date, label: First session }\n",
    );
    site.write("content/_index.md", "---\ntitle: Strong Start\n---\nStart with [[goblet-squat]].\n");
    site.write(
        "content/drills/goblet-squat.md",
        "---\ntitle: Goblet squat\nkind: mobility\nload_kg: 12\nareas: [hips]\n---\nHold the weight at your chest.\n",
    );
    site.write(
        "content/body-areas/hips.md",
        "---\ntitle: Hips\nregion: lower\nfirst_session: 2026-11-02\n---\nWhere the legs meet the pelvis.\n",
    );
    site.build().assert_ok();
    let drill = site.read("public/drills/goblet-squat/index.html");
    assert!(drill.contains("<dt>Load (kg)</dt>") && drill.contains("<dd>12</dd>"), "{drill}");
    assert!(drill.contains("href=\"/body-areas/hips/\""), "the related area is linked:\n{drill}");
    let area = site.read("public/body-areas/hips/index.html");
    assert!(area.contains("<dt>Region</dt>") && area.contains("<dd>Lower</dd>"), "{area}");
    assert!(area.contains("<dt>First session</dt>") && area.contains("<dd>2026-11-02</dd>"), "{area}");
    assert!(area.contains("href=\"/drills/goblet-squat/\""), "the drill is listed back:\n{area}");
    assert!(site.read("public/body-areas/index.html").contains("Hips"));
    let index = Index::build(site);
    assert_eq!(index.facet("region", "Lower"), ["/body-areas/hips/"]);
    assert_eq!(index.facet("kind", "Mobility"), ["/drills/goblet-squat/"]);
}
