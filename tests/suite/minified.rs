//! Published CSS is minified (lightningcss, for the browsers src/asset/css.rs names), named by the hash of the
//! minified bytes, and still the same stylesheet; a stylesheet that cannot be parsed is published as written,
//! with a warning at its line and column; the preview serves stylesheets as written.

use crate::fixture::Site;
use crate::serve::Server;
use lightningcss::stylesheet::{ParserOptions, StyleSheet};
use std::path::{Path, PathBuf};

/// The one published file named `<stem>.<8 hex digits>.<extension>` in `dir`.
fn published(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            let parts: Vec<&str> = name.split('.').collect();
            parts.len() == 3 && parts[0] == stem && parts[2] == extension && parts[1].len() == 8
        })
        .collect();
    assert_eq!(found.len(), 1, "{stem}.*.{extension} in {}: {found:?}", dir.display());
    found.into_iter().next().unwrap()
}

fn theme_file(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static").join(name)).unwrap()
}

/// Parsed again, strictly (no error recovery): what was published is CSS lightningcss reads whole.
fn assert_valid_css(css: &str, what: &str) {
    if let Err(error) = StyleSheet::parse(css, ParserOptions::default()) {
        panic!("{what} does not parse again: {error}");
    }
}

#[test]
fn the_theme_stylesheets_are_published_minified_with_the_rules_that_matter() {
    let site = Site::new();
    site.build().assert_ok();
    for (name, must_keep) in [
        ("style", &["@media (prefers-color-scheme:dark)", "--accent:", "var(--accent)", "@media print"][..]),
        ("handout", &["@media print{", "@media screen and (prefers-color-scheme:dark)", ".sheet"][..]),
    ] {
        let source = theme_file(&format!("{name}.css"));
        let path = published(&site.path("public"), name, "css");
        let css = std::fs::read_to_string(&path).unwrap();
        assert!(css.len() * 10 < source.len() * 9, "{name}.css: {} bytes published of {}", css.len(), source.len());
        assert!(!css.contains("/*"), "{name}.css keeps a comment");
        assert!(css.lines().count() <= 1, "{name}.css keeps its line breaks");
        for rule in must_keep {
            assert!(css.contains(rule), "{name}.css lost `{rule}`");
        }
        assert_valid_css(&css, &path.display().to_string());
        // The name is the hash of what is served, so it changes exactly when the served bytes do.
        let tag = format!("{:08x}", xxhash_rust::xxh3::xxh3_64(css.as_bytes()) >> 32);
        assert!(path.file_name().unwrap().to_string_lossy().contains(&tag), "{} is not named by {tag}", path.display());
    }
}

#[test]
fn a_site_stylesheet_is_minified_too_and_its_name_follows_the_minified_bytes() {
    let site = Site::new();
    site.write("static/extra.css", "/* Brand colours */\n.brand {\n  color: #ff0000;\n  margin: 0px;\n}\n");
    site.build().assert_ok();
    let first = published(&site.path("public"), "extra", "css");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), ".brand{color:red;margin:0}");

    // A change to a comment only: the served bytes are the same, and so is the name (caches stay valid).
    site.write("static/extra.css", "/* Brand colour: red */\n.brand { color: #ff0000; margin: 0px; }\n");
    site.build().assert_ok();
    assert_eq!(published(&site.path("public"), "extra", "css"), first);
}

/// A non-developer who pastes a stylesheet with a typo still gets a site: browsers skip the broken rule and keep
/// the rest, so the file is published exactly as written and the build warns at the parser's place.
#[test]
fn a_stylesheet_that_cannot_be_parsed_is_published_as_written_with_a_warning_at_its_place() {
    let site = Site::new();
    let broken = "/* Mine */\n.brand { color: teal; }\n@media screen and ( {\n  .brand { color: navy; }\n}\n";
    site.write("static/css/brand.css", broken);
    let run = site.build();
    run.assert_ok()
        .assert_reports("static/css/brand.css:3:", &["warning", "could not be minified", "published as written"]);
    let path = published(&site.path("public/css"), "brand", "css");
    assert_eq!(std::fs::read_to_string(path).unwrap(), broken);
    // `sinew check` says the same, and the theme's own stylesheets give no such warning.
    site.sinew(&["check"]).assert_reports("static/css/brand.css:3:", &["could not be minified"]);
    assert_eq!(run.stderr.matches("could not be minified").count(), 1, "{}", run.stderr);
}

#[test]
fn the_preview_serves_stylesheets_as_written_for_readable_developer_tools() {
    let site = Site::new();
    site.write("static/extra.css", "/* Brand */\n.brand {\n  color: #ff0000;\n}\n");
    let server = Server::start(&site);
    let stylesheet = server.wait_for_page("/extra.css", "color: #ff0000");
    assert!(stylesheet.contains("/* Brand */"), "{stylesheet}");
}
