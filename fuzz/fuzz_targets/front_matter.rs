//! Any bytes as a content file and as site.yaml: decoding (BOM, UTF-16, invalid UTF-8), front matter
//! splitting, YAML and the typed fields of every schema, and printing the diagnostics with their source
//! line and caret. Nothing may panic; every failure must be a diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sinew::config::SiteConfig;
use sinew::diag::{Diagnostic, render_terminal};
use sinew::model::Id;
use sinew::source::{ContentKind, SourceFile, decode};
use std::path::Path;
use std::sync::OnceLock;

const SITE_YAML: &str = "\
title: Fuzz Clinic
base_url: https://example.org/clinic/
disclaimer: Education only.
collections:
  stretches: {schema: exercise, relations: {muscles: muscles, causes: causes}}
  causes: {schema: condition, relations: {muscles: muscles}}
  muscles: {schema: anatomy}
  notes: {}
";

fn config() -> &'static SiteConfig {
    static CONFIG: OnceLock<SiteConfig> = OnceLock::new();
    CONFIG.get_or_init(|| sinew::config::parse(Path::new("site.yaml"), SITE_YAML).0.expect("the fixed site.yaml parses"))
}

fn show<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    for diagnostic in diagnostics {
        std::hint::black_box(render_terminal(diagnostic, false));
    }
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/stretches/fuzz.md");
    let text = match decode(path, data) {
        Ok(text) => text,
        Err(diagnostic) => return show([&diagnostic]),
    };
    // As every collection's entry, as a plain page, and as site.yaml.
    for collection in 0..config().collections.len() {
        let source = SourceFile::new(path.to_path_buf(), text.clone());
        let (_, diagnostics) = sinew::model::parse_entry(source, collection, Id::parse("fuzz").unwrap(), config());
        show(diagnostics.iter());
    }
    let page = SourceFile::new(Path::new("content/about.md").to_path_buf(), text.clone());
    let (_, diagnostics) = sinew::model::parse_page(page, ContentKind::Page { url_path: "about/".into() });
    show(diagnostics.iter());
    let (_, diagnostics) = sinew::config::parse(Path::new("site.yaml"), &text);
    show(diagnostics.iter());
});
