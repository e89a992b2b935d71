//! The default theme, embedded in the binary by build.rs: (path inside themes/default, bytes).

pub static EMBEDDED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));

/// Embedded templates as (name, text), e.g. ("base.html", "...").
pub fn templates() -> impl Iterator<Item = (&'static str, &'static str)> {
    EMBEDDED.iter().filter_map(|(path, bytes)| {
        let name = path.strip_prefix("templates/")?;
        Some((name, std::str::from_utf8(bytes).ok()?))
    })
}

/// The built-in theme's body map regions, as a file a problem can name.
pub fn body_map() -> Option<super::SourceFile> {
    file(crate::config::body_map::FILE)
}

/// Embedded static files as (output path, bytes).
pub fn static_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    EMBEDDED.iter().filter_map(|(path, bytes)| Some((path.strip_prefix("static/")?, *bytes)))
}

/// A file of the built-in theme by its path inside the theme (`i18n/es.yaml`), as a file a problem can name.
pub fn file(path: &str) -> Option<super::SourceFile> {
    let (_, bytes) = EMBEDDED.iter().find(|(p, _)| *p == path)?;
    let text = std::str::from_utf8(bytes).ok()?;
    Some(super::SourceFile::new(format!("(built-in theme) {path}").into(), text.into()))
}
