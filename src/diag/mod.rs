//! Diagnostics: a problem found in the site, as a value with a place (file, line, column) and a hint.
//! Printing them is a separate step: for the terminal (`report`), as JSON (`json`) or as HTML for the preview
//! (`html`). Uses nothing else of sinew's.

mod html;
mod json;
mod report;
mod source_map;
mod suggest;

pub use html::{escape_html, render_html};
pub use json::render_json;
pub use report::{print, print_one, render_terminal};
pub(crate) use source_map::SourceMap;
pub(crate) use suggest::did_you_mean;

use std::path::{Path, PathBuf};

/// What kind of problem it is, by what the author fixes: editors and CI can group and filter by it (it is the
/// `code` of `sinew check --format json`), and code that treats problems differently matches on it rather than
/// on the message's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// site.yaml's settings.
    Settings,
    /// Content files and folders: names, encodings, what is where.
    Content,
    /// YAML that cannot be read at all.
    Yaml,
    /// A front matter field: its type, value, or an unknown key.
    Field,
    /// Ids between entries: unknown, repeated, listed twice.
    Relation,
    /// A link or image in a body or in the output that leads nowhere.
    Link,
    /// A picture: its file or its alt text.
    Image,
    /// A stylesheet among the static files (one that cannot be minified).
    Stylesheet,
    /// A theme or site template.
    Template,
    Handout,
    /// Writing the output folder.
    Output,
    /// An editorial warning of `sinew check`.
    Lint,
    /// Words `sinew init` or `sinew new` wrote for the author to replace, left in something published.
    Placeholder,
    /// A web address outside the site (`sinew check --external`).
    External,
    /// How a command was asked (`sinew new` with an unknown collection).
    Command,
    /// A bug in sinew.
    Internal,
}

impl Kind {
    /// The kind's name in JSON and HTML (`field`, `link`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Settings => "settings",
            Kind::Content => "content",
            Kind::Yaml => "yaml",
            Kind::Field => "field",
            Kind::Relation => "relation",
            Kind::Link => "link",
            Kind::Image => "image",
            Kind::Stylesheet => "stylesheet",
            Kind::Template => "template",
            Kind::Handout => "handout",
            Kind::Output => "output",
            Kind::Lint => "lint",
            Kind::Placeholder => "placeholder",
            Kind::External => "external",
            Kind::Command => "command",
            Kind::Internal => "internal",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a problem is: a file, and where one is known, a 1-based line and column and the text of that line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: usize,
    pub width: usize,
    /// The text of the line, or of a part of it around `column` when the line is long (see `excerpt`).
    pub source_line: Option<String>,
    /// Where `column` falls in `source_line`, in characters (1-based).
    pub source_column: usize,
}

/// A line longer than this many characters is shown as an excerpt around the problem: a file written as one
/// huge line (or 50,000 links on one line) must not make every message the size of the line.
const MAX_SHOWN: usize = 160;

/// The part of `text` to show for a problem at `column`, and the problem's column within it.
fn excerpt(text: &str, column: usize) -> (String, usize) {
    if text.len() <= MAX_SHOWN {
        return (text.to_string(), column);
    }
    let skip = column.saturating_sub(1 + MAX_SHOWN / 4);
    let mut chars = text.chars().skip(skip);
    let mut shown: String = if skip > 0 { "…".into() } else { String::new() };
    shown.extend(chars.by_ref().take(MAX_SHOWN));
    if chars.next().is_some() {
        shown.push('…');
    }
    (shown, column - skip + usize::from(skip > 0))
}

impl Location {
    pub fn file(file: &Path) -> Self {
        Location { file: file.to_path_buf(), line: None, column: 0, width: 0, source_line: None, source_column: 0 }
    }

    /// Line and column (1-based), with the text of the line for the caret display.
    pub fn at(file: &Path, map: &SourceMap<'_>, offset: usize, width: usize) -> Self {
        let (line, column) = map.line_col(offset);
        let (source_line, source_column) = excerpt(map.line_text(line), column);
        Location {
            file: file.to_path_buf(),
            line: Some(line),
            column,
            width: width.max(1),
            source_line: Some(source_line),
            source_column,
        }
    }

    pub fn line(file: &Path, map: &SourceMap<'_>, line: usize) -> Self {
        let offset = map.line_start(line);
        let text = map.line_text(line);
        let indent = text.len() - text.trim_start().len();
        Location::at(file, map, offset + indent, text.trim().chars().count())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: Kind,
    pub message: String,
    pub location: Option<Location>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(kind: Kind, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, kind, message: message.into(), location: None, help: None }
    }

    pub fn warning(kind: Kind, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, kind, message: message.into(), location: None, help: None }
    }

    #[must_use]
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    #[must_use]
    pub fn in_file(self, file: &Path) -> Self {
        self.at(Location::file(file))
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// The same problem as an error: for `--strict`, where a warning must stop the build.
    #[must_use]
    pub fn into_error(mut self) -> Self {
        self.severity = Severity::Error;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The error for a panic caught where sinew carries on or stops cleanly (`payload` from `catch_unwind`).
    /// A panic is a bug in sinew, never in the site: the message says so and asks for a report; `outcome`
    /// says what became of the output.
    pub fn internal(payload: &(dyn std::any::Any + Send), outcome: &str) -> Self {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        Diagnostic::error(Kind::Internal, format!("sinew stopped on an internal error: {message}")).help(format!(
            "{outcome}. This is a bug in sinew, not a problem with your site: please report it, with the message above"
        ))
    }
}

/// Collects the problems of a stage, so every one is reported, not only the first.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Errors first, then by file and line, so the output reads top to bottom.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| (a.severity, &a.location, &a.message).cmp(&(b.severity, &b.location, &b.message)));
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::{Diagnostic, Kind, Location, SourceMap, render_terminal};
    use std::path::Path;

    #[test]
    fn a_problem_on_a_huge_line_shows_an_excerpt_around_it() {
        let text = format!("{}[[nope]]{}", "a".repeat(100_000), "b".repeat(100_000));
        let map = SourceMap::new(&text);
        let location = Location::at(Path::new("x.md"), &map, 100_000, 8);
        assert_eq!(location.column, 100_001);
        let shown = render_terminal(&Diagnostic::error(Kind::Field, "broken").at(location), false);
        assert!(shown.len() < 600, "{shown}");
        assert!(shown.contains("--> x.md:1:100001"), "{shown}");
        let line = shown.lines().find(|l| l.contains("[[nope]]")).unwrap();
        let caret = shown.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(
            caret.find('^').map(|i| caret[..i].chars().count()),
            line.find("[[").map(|i| line[..i].chars().count())
        );
    }
}
