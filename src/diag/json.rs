//! A diagnostic as one line of JSON, for editors and CI (`sinew check --format json`): the same fields the
//! terminal shows, as data, and the problem's kind as `code`. Lines and columns are 1-based; `end_column` is just past the underlined text.

use super::{Diagnostic, Severity};
use serde::Serialize;

#[derive(Serialize)]
struct Json<'a> {
    severity: &'static str,
    code: &'static str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

pub fn render_json(diagnostic: &Diagnostic) -> String {
    let location = diagnostic.location.as_ref();
    let placed = location.filter(|l| l.line.is_some());
    let json = Json {
        severity: match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        code: diagnostic.kind.as_str(),
        file: location.map(|l| l.file.to_string_lossy().replace('\\', "/")),
        line: placed.and_then(|l| l.line),
        column: placed.map(|l| l.column),
        end_column: placed.map(|l| l.column + l.width),
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
    };
    serde_json::to_string(&json).expect("plain data serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Kind, Location, SourceMap};
    use std::path::Path;

    #[test]
    fn a_placed_problem_has_its_file_line_and_columns() {
        let text = "---\nmuscles: [piriformus]\n---\n";
        let map = SourceMap::new(text);
        let at = Location::at(Path::new("content/stretches/x.md"), &map, 14, 10);
        let json =
            render_json(&Diagnostic::error(Kind::Field, "no muscle with id `piriformus`").at(at).help("did you mean?"));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["file"], "content/stretches/x.md");
        assert_eq!(
            (value["line"].as_u64(), value["column"].as_u64(), value["end_column"].as_u64()),
            (Some(2), Some(11), Some(21))
        );
        assert_eq!(value["severity"], "error");
        assert_eq!(value["code"], "field");
        assert_eq!(value["help"], "did you mean?");
        let bare: serde_json::Value =
            serde_json::from_str(&render_json(&Diagnostic::warning(Kind::Field, "w"))).unwrap();
        assert!(bare["file"].is_null() && bare["line"].is_null());
    }
}
