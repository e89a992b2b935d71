//! Diagnostics: a problem found in the site, as a value with a place (file, line, column) and a hint.
//! Printing them is a separate step (`report`). Uses nothing else of sinew's.

mod report;
mod source_map;
mod suggest;

pub use report::render_terminal;
pub(crate) use source_map::SourceMap;
pub(crate) use suggest::did_you_mean;

use std::path::{Path, PathBuf};

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
    pub source_line: Option<String>,
}

impl Location {
    pub fn file(file: &Path) -> Self {
        Location { file: file.to_path_buf(), line: None, column: 0, width: 0, source_line: None }
    }

    /// Line and column (1-based), with the text of the line for the caret display.
    pub fn at(file: &Path, map: &SourceMap<'_>, offset: usize, width: usize) -> Self {
        let (line, column) = map.line_col(offset);
        Location {
            file: file.to_path_buf(),
            line: Some(line),
            column,
            width: width.max(1),
            source_line: Some(map.line_text(line).to_string()),
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
    pub message: String,
    pub location: Option<Location>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), location: None, help: None }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, message: message.into(), location: None, help: None }
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

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
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
