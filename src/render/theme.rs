//! Tera, set up once per build: our filters, then the templates in three layers (the theme embedded in the
//! binary, the site's themes/<name>/templates, the site's templates/), later layers replacing earlier
//! ones by name. The only module that knows Tera, with render/mod.rs.

use crate::asset::Fingerprints;
use crate::diag::{Diagnostic, Kind, Location, SourceMap};
use crate::source::SourceFile;
use crate::strings::Strings;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use tera::{Kwargs, State, Tera, Value};

/// Where each template came from, so an error names the file the user can open.
pub(crate) struct Templates {
    pub tera: Tera,
    sources: HashMap<String, (PathBuf, String)>,
}

impl Templates {
    /// `fingerprints` gives the published name of each fingerprinted file, for the `url` filter; `language`
    /// the pages' language: its address prefix (`es/`) and its strings, which templates see as `t` and the
    /// `plural` and `long_date` filters use.
    pub(crate) fn load(
        site_templates: &[(String, SourceFile)],
        base_path: &str,
        language: (&str, &Arc<Strings>),
        fingerprints: &Fingerprints,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        register_filters(&mut tera, base_path, language, fingerprints.clone());
        tera.global_context().insert("t", &language.1.values);
        tera.autoescape_on([".html", ".xml", ".svg"]);
        let mut sources: HashMap<String, (PathBuf, String)> = HashMap::new();
        for (name, text) in crate::source::theme::templates() {
            sources
                .insert(name.to_string(), (PathBuf::from(format!("(built-in theme) templates/{name}")), text.into()));
        }
        for (name, file) in site_templates {
            sources.insert(name.clone(), (file.path.clone(), file.text.to_string()));
        }
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        let result = tera.add_raw_templates(names.iter().map(|name| (name.as_str(), sources[*name].1.as_str())));
        match result {
            Ok(()) => Ok(Templates { tera, sources }),
            Err(error) => Err(vec![template_error(&sources, &error, None)]),
        }
    }

    /// The text of template `name`, the site theme's where it has one.
    pub(crate) fn source(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(|(_, text)| text.as_str())
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// The names of the shortcodes: the templates in shortcodes/ (`shortcodes/callout.html` is `callout`).
    pub(crate) fn shortcode_names(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().filter_map(|name| name.strip_prefix("shortcodes/")?.strip_suffix(".html"))
    }

    /// Where a template is, as the author knows it (`templates/shortcodes/callout.html`).
    pub(crate) fn path(&self, name: &str) -> Option<&std::path::Path> {
        self.sources.get(name).map(|(path, _)| path.as_path())
    }

    /// The error of rendering a shortcode's component, at its place in the template.
    pub(crate) fn component_error(&self, error: &tera::Error) -> Diagnostic {
        template_error(&self.sources, error, None)
    }

    /// The error of rendering `page` with `template`.
    pub(crate) fn error(&self, error: &tera::Error, page: &str, template: &str) -> Diagnostic {
        template_error(&self.sources, error, Some((page, template)))
    }
}

/// A Tera error as a diagnostic at its place in the template, or, for an error Tera gives no place, at the
/// template it names (a cycle, a missing parent) or else the template being rendered (a component's
/// recursion limit). `rendering`: the page and template being rendered, if any.
fn template_error(
    sources: &HashMap<String, (PathBuf, String)>,
    error: &tera::Error,
    rendering: Option<(&str, &str)>,
) -> Diagnostic {
    let seen = rendering.map_or(String::new(), |(page, _)| format!("seen while rendering {page}; "));
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => Some(report),
        _ => None,
    };
    let Some(report) = report else {
        let mut message = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            message = format!("{message}: {inner}");
            source = inner.source();
        }
        let diagnostic = Diagnostic::error(Kind::Template, format!("template error: {message}"));
        // A cycle is placed at the template where it closes, a missing parent at the template that extends it.
        let culprit = match error.kind() {
            tera::ErrorKind::CircularInclude { tpl, .. } | tera::ErrorKind::CircularExtend { tpl, .. } => Some(tpl),
            tera::ErrorKind::MissingParent { current, .. } => Some(current),
            _ => None,
        };
        let diagnostic = match culprit
            .map(String::as_str)
            .or(rendering.map(|(_, template)| template))
            .and_then(|name| sources.get(name))
        {
            Some((path, _)) => diagnostic.in_file(path),
            None => diagnostic,
        };
        return diagnostic.help(format!("{seen}fix the template"));
    };
    let mut diagnostic = Diagnostic::error(Kind::Template, format!("template error: {}", report.message()));
    if let Some((path, text)) = sources.get(report.filename()) {
        let map = SourceMap::new(text);
        let span = report.span();
        let offset = map.line_start(span.start_line) + span.start_col;
        let width = if span.end_line == span.start_line { span.end_col.saturating_sub(span.start_col) } else { 1 };
        diagnostic = diagnostic.at(Location::at(path, &map, offset, width));
    }
    diagnostic.help(format!("{seen}fix the template (Tera 2 syntax: https://keats.github.io/tera/docs/)"))
}

fn register_filters(tera: &mut Tera, base_path: &str, language: (&str, &Arc<Strings>), fingerprints: Fingerprints) {
    let base = base_path.to_string();
    let prefix = language.0.to_string();
    // A path inside the site (`style.css`, `images/a.svg`) as an address under the base path; a fingerprinted
    // file (`style.css`) by its published name (`style.5f3a9c1e.css`), so themes name files as they are. A
    // page (`search/`) or the feed is the one of the pages' language (`es/search/`); files are shared.
    tera.register_filter("url", move |path: &str, _: Kwargs, _: &State| {
        if path.starts_with("http://") || path.starts_with("https://") {
            return path.to_string();
        }
        let inside = path.strip_prefix(base.as_str()).unwrap_or_else(|| path.trim_start_matches('/'));
        let is_page =
            inside.is_empty() || inside.ends_with('/') || inside == "feed.xml" || inside.starts_with("search/");
        if is_page && !inside.starts_with(prefix.as_str()) {
            return format!("{base}{prefix}{inside}");
        }
        format!("{base}{}", fingerprints.published(inside))
    });
    // `{{ t.units.seconds | plural(n=30) }}`: the language's form of a plural string, with the number in it.
    let code = language.1.language.clone();
    tera.register_filter("plural", move |forms: &Value, kwargs: Kwargs, _: &State| {
        let n: i64 = kwargs.must_get("n")?;
        let forms = serde_json::to_value(forms).unwrap_or_default();
        Ok::<_, tera::Error>(crate::strings::pick_plural(&forms, &code, n.unsigned_abs()))
    });
    // JSON for a <script> element: `<`, `>` and `&` escaped so no value can close the tag.
    // Through serde_json's own value first: its maps are sorted, where Tera's keep no order, and two builds
    // must give the same bytes.
    tera.register_filter("json_script", |value: &Value, _: Kwargs, _: &State| {
        let json = serde_json::to_value(value).and_then(|v| serde_json::to_string(&v));
        Value::safe_string(&script_json(&json.unwrap_or_else(|_| "null".into())))
    });
    // Text as the value of a CSS `content:` (a page footer in `@page`, inside a <style> element): a string
    // literal whose quotes, backslashes, `<`, `>`, `&` and line breaks are CSS escapes, so no value can end the
    // string or the element; `{page}` and `{pages}` become the page counters ("Page {page} of {pages}").
    tera.register_filter("css_content", |text: &str, _: Kwargs, _: &State| Value::safe_string(&css_content(text)));
    // `2026-09-14` as `14 September 2026` (`14 de septiembre de 2026`), unambiguous to readers everywhere.
    let strings = language.1.clone();
    tera.register_filter("long_date", move |date: &str, _: Kwargs, _: &State| {
        crate::model::Date::parse(date).map_or_else(|| date.to_string(), |d| strings.long_date(d))
    });
}

/// See the `css_content` filter.
fn css_content(text: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next = [("{pages}", "counter(pages)"), ("{page}", "counter(page)")]
            .iter()
            .filter_map(|(placeholder, counter)| rest.find(placeholder).map(|at| (at, *placeholder, *counter)))
            .min_by_key(|(at, _, _)| *at);
        let (literal, counter) = match next {
            Some((at, placeholder, counter)) => {
                let literal = &rest[..at];
                rest = &rest[at + placeholder.len()..];
                (literal, Some(counter))
            }
            None => (std::mem::take(&mut rest), None),
        };
        if !literal.is_empty() {
            let mut quoted = String::from("\"");
            for c in literal.chars() {
                match c {
                    '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' => {
                        let _ = write!(quoted, "\\{:X} ", u32::from(c));
                    }
                    c => quoted.push(c),
                }
            }
            quoted.push('"');
            parts.push(quoted);
        }
        parts.extend(counter.map(str::to_string));
    }
    if parts.is_empty() { "\"\"".to_string() } else { parts.join(" ") }
}

/// JSON made safe inside a `<script>` element: `<`, `>` and `&` as `\u` escapes (the same characters in JSON
/// strings), so no value can close the element or open a comment.
pub(super) fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    #[test]
    fn css_content_quotes_text_and_counts_pages() {
        assert_eq!(super::css_content("Page {page} of {pages}"), r#""Page " counter(page) " of " counter(pages)"#);
        assert_eq!(super::css_content("{page}/{pages}"), r#"counter(page) "/" counter(pages)"#);
        assert_eq!(super::css_content(r#"A "B" </style>\"#), r#""A \22 B\22  \3C /style\3E \5C ""#);
        assert_eq!(super::css_content(""), r#""""#);
    }
}
