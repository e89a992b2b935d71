//! Published stylesheets, minified: comments and white space gone, rules merged where that changes nothing, and
//! newer syntax lowered (or prefixed) for the browsers in `TARGETS`. A stylesheet lightningcss cannot parse is
//! published as written, with a warning at the parser's line and column: a browser skips what it cannot read
//! and keeps the rest, so refusing the build would cost the practitioner more than a few bytes do. The only
//! module that knows lightningcss; no file reading of its own (the caller hands it the static files).

use super::{Origin, StaticFiles};
use crate::diag::{Diagnostic, Kind, Location, SourceMap};
use crate::output::{Contents, OutputFile, OutputTree};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::{Browsers, Targets};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

/// lightningcss's way of writing a version: one byte each for major, minor and patch.
const fn version(major: u32, minor: u32) -> u32 {
    (major << 16) | (minor << 8)
}

/// The oldest browsers published CSS is written for: each engine's release of about two years before this was
/// written (December 2026), as browsers update themselves and readers rarely stay on one older than that.
/// Safari and iOS Safari only update with the operating system, so they go further back, to 16.0 (September
/// 2022, the last iOS for the iPhone 8 and X): a client with an older iPhone should still get a readable page.
/// That costs about 200 bytes of 28 KB and buys, for one, the theme's `@media (width >= 48rem)` written as
/// `min-width`, which Safari before 16.4 needs for the wide layout. Features these lack are lowered or prefixed
/// (`-webkit-`); features all of them have are left alone. Firefox ESR and Samsung Internet follow Firefox and
/// Chrome closely enough to need no line of their own.
const TARGETS: Browsers = Browsers {
    chrome: Some(version(131, 0)),
    edge: Some(version(131, 0)),
    firefox: Some(version(133, 0)),
    safari: Some(version(16, 0)),
    ios_saf: Some(version(16, 0)),
    android: None,
    ie: None,
    opera: None,
    samsung: None,
};

/// Why a stylesheet was not minified, and where (1-based line and column, the column in UTF-16 units as
/// lightningcss counts it) when the parser knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unminified {
    pub(crate) message: String,
    pub(crate) at: Option<(usize, usize)>,
}

/// `css` minified for `TARGETS`, or why it could not be.
pub(crate) fn minify(css: &str) -> Result<String, Unminified> {
    let unminified = |message: String, loc: Option<lightningcss::error::ErrorLocation>| Unminified {
        message,
        at: loc.map(|l| (l.line as usize + 1, l.column as usize)),
    };
    let mut sheet =
        StyleSheet::parse(css, ParserOptions::default()).map_err(|e| unminified(e.kind.to_string(), e.loc))?;
    let targets = Targets::from(TARGETS);
    sheet
        .minify(MinifyOptions { targets, ..MinifyOptions::default() })
        .map_err(|e| unminified(e.kind.to_string(), e.loc))?;
    let printed = sheet
        .to_css(PrinterOptions { minify: true, targets, ..PrinterOptions::default() })
        .map_err(|e| unminified(e.kind.to_string(), e.loc))?;
    Ok(printed.code)
}

/// The minified bytes of every stylesheet among the static files that could be minified, and a warning for
/// each that could not.
#[derive(Debug, Default)]
pub(crate) struct Stylesheets {
    minified: BTreeMap<String, Vec<u8>>,
    pub(crate) warnings: Vec<Diagnostic>,
}

impl Stylesheets {
    /// `root` is the site folder, for the warnings' file names.
    pub(super) fn new(files: &StaticFiles, root: &Path) -> Self {
        let mut sheets = Stylesheets::default();
        let mut paths: Vec<&String> = files.paths().filter(|p| p.to_ascii_lowercase().ends_with(".css")).collect();
        // Warnings in the same order every run.
        paths.sort();
        for path in paths {
            let Some(origin) = files.get(path) else { continue };
            // Unreadable: the copy step reports it.
            let Ok(bytes) = StaticFiles::read(origin) else { continue };
            let shown = match origin {
                Origin::Disk(file) => file.strip_prefix(root).unwrap_or(file).to_path_buf(),
                Origin::Embedded(_) => Path::new("(built-in theme)/static").join(path),
            };
            let Ok(text) = std::str::from_utf8(&bytes) else {
                let message = "this stylesheet is not UTF-8 text: published as written, not minified";
                sheets.warnings.push(Diagnostic::warning(Kind::Stylesheet, message).in_file(&shown));
                continue;
            };
            match minify(text) {
                Ok(css) => {
                    sheets.minified.insert(path.clone(), css.into_bytes());
                }
                Err(problem) => sheets.warnings.push(warning(&shown, text, &problem)),
            }
        }
        sheets
    }

    /// The bytes published at `path`: minified when it is a stylesheet that could be, else `original`.
    pub(super) fn published<'a>(&'a self, path: &str, original: &'a [u8]) -> &'a [u8] {
        self.minified.get(path).map_or(original, Vec::as_slice)
    }

    /// Puts the minified stylesheets in the tree in place of the files as written (before fingerprinting
    /// renames them). A site stylesheet that was replaced by a page at the same path is left alone.
    pub(super) fn replace(&self, tree: &mut OutputTree) {
        for (path, css) in &self.minified {
            let Some(file) = tree.remove(path) else { continue };
            let origin = format!("{}, minified", file.origin);
            tree.replace(path.clone(), OutputFile { contents: Contents::Bytes(Cow::Owned(css.clone())), origin });
        }
    }
}

/// The warning for a stylesheet published as written, at the parser's line and column.
fn warning(file: &Path, text: &str, problem: &Unminified) -> Diagnostic {
    let message = format!("this stylesheet could not be minified ({}): published as written", problem.message);
    let diagnostic = Diagnostic::warning(Kind::Stylesheet, message).help(
        "check the CSS here: a browser skips a rule it cannot read and keeps the rest; if it is correct \
         (newer CSS than sinew knows), nothing is lost but a few bytes",
    );
    let Some((line, column)) = problem.at else { return diagnostic.in_file(file) };
    let map = SourceMap::new(text);
    let offset = map.line_start(line) + byte_column(map.line_text(line), column);
    diagnostic.at(Location::at(file, &map, offset, 1))
}

/// The byte offset in `line` of a 1-based column counted in UTF-16 units.
fn byte_column(line: &str, column: usize) -> usize {
    let mut units = 0;
    for (at, c) in line.char_indices() {
        if units + 1 >= column {
            return at;
        }
        units += c.len_utf16();
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::{byte_column, minify};

    #[test]
    fn minifies_and_keeps_what_matters() {
        let css = "/* the page */\n:root { --accent: #17655a; }\n\n@media (prefers-color-scheme: dark) {\n  \
                   :root { --accent: #7fd1c1; }\n}\nbody { color: var(--accent); margin: 0px 0px 0px 0px; }\n";
        let out = minify(css).unwrap();
        assert!(!out.contains("/*") && !out.contains('\n'), "{out}");
        assert!(out.contains("@media (prefers-color-scheme:dark)") && out.contains("--accent:#7fd1c1"), "{out}");
        assert!(out.len() < css.len());
    }

    #[test]
    fn a_parse_error_has_its_line_and_column() {
        let problem = minify(".a { color: red }\n.b { color: red }\n  @media screen and ( { }\n").unwrap_err();
        assert_eq!(problem.at.map(|(line, _)| line), Some(3), "{problem:?}");
    }

    #[test]
    fn columns_count_utf16_units() {
        assert_eq!(byte_column("abc", 1), 0);
        assert_eq!(byte_column("abc", 3), 2);
        assert_eq!(byte_column("é|", 2), 2);
        assert_eq!(byte_column("😀|", 3), 4);
        assert_eq!(byte_column("ab", 9), 2);
    }
}
