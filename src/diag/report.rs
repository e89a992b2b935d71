//! Terminal rendering of diagnostics: `path:line:col`, the source line and a caret under the problem.

use super::{Diagnostic, Severity};
use std::fmt::Write as _;

pub fn render_terminal(diagnostic: &Diagnostic, color: bool) -> String {
    let (label, code) = match diagnostic.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let paint = |text: &str, code: &str| {
        if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    };
    let mut out = format!("{}: {}\n", paint(label, code), paint(&diagnostic.message, "1"));
    let mut gutter = String::from(" ");
    if let Some(location) = &diagnostic.location {
        let path = location.file.display();
        match location.line {
            Some(line) => {
                gutter = " ".repeat(line.to_string().len());
                let _ = writeln!(out, "{gutter}--> {path}:{line}:{}", location.column);
                if let Some(text) = &location.source_line {
                    // The caret stops at the end of the line shown (an excerpt of a long line).
                    let room = text.chars().count().saturating_sub(location.source_column.saturating_sub(1));
                    let caret = format!(
                        "{}{}",
                        " ".repeat(location.source_column.saturating_sub(1)),
                        "^".repeat(location.width.min(room).max(1))
                    );
                    let _ = writeln!(out, "{gutter} |\n{line} | {text}\n{gutter} | {}", paint(&caret, code));
                }
            }
            None => {
                let _ = writeln!(out, "{gutter}--> {path}");
            }
        }
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "{gutter} = help: {help}");
    }
    out
}

/// Prints diagnostics to stderr, errors first, in colour when stderr is a terminal and `NO_COLOR` is unset.
pub fn print(diagnostics: super::Diagnostics) {
    use std::io::IsTerminal;
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for diagnostic in diagnostics.into_sorted() {
        eprint!("{}", render_terminal(&diagnostic, color));
    }
}

/// Prints one diagnostic, as `print` does.
pub fn print_one(diagnostic: Diagnostic) {
    let mut diagnostics = super::Diagnostics::default();
    diagnostics.push(diagnostic);
    print(diagnostics);
}
