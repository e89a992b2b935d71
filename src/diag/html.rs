//! A diagnostic as HTML, for the preview: over the page when a save breaks the site, and on the page shown
//! while no build has succeeded. What the terminal shows, laid out for someone who may never have seen a
//! terminal: the problem in plain words, where it is ("content/x.md, line 4"), the line itself with the
//! problem underlined, and what to do. Every piece of text is escaped, so the result may be put in a page.

use super::{Diagnostic, Severity};
use std::fmt::Write as _;

pub fn render_html(diagnostic: &Diagnostic) -> String {
    let (label, colour) = match diagnostic.severity {
        Severity::Error => ("Problem", "#b3261e"),
        Severity::Warning => ("Warning", "#8a5a00"),
    };
    let mut html = format!(
        "<div class=\"sinew-problem\" data-code=\"{}\" style=\"margin:.75rem 0;padding:.75rem 1rem;background:#fdf1f0;\
         border-left:4px solid {colour}\"><p style=\"margin:0\"><strong style=\"color:{colour}\">{label}:</strong> {}</p>",
        diagnostic.kind.as_str(),
        escape_html(&diagnostic.message)
    );
    if let Some(location) = &diagnostic.location {
        let file = escape_html(&location.file.to_string_lossy().replace('\\', "/"));
        let place = match location.line {
            Some(line) => format!("{file}, line {line}, column {}", location.column),
            None => file,
        };
        let _ = write!(html, "<p style=\"margin:.25rem 0;color:#444\">In {place}</p>");
        if let (Some(line), Some(text)) = (location.line, &location.source_line) {
            // The underline stops at the end of the line shown, as the terminal's caret does.
            let chars: Vec<char> = text.chars().collect();
            let start = location.source_column.saturating_sub(1).min(chars.len());
            let end = (start + location.width.max(1)).min(chars.len()).max(start);
            let before: String = chars[..start].iter().collect();
            let marked: String = chars[start..end].iter().collect();
            let after: String = chars[end..].iter().collect();
            let _ = write!(
                html,
                "<pre style=\"margin:.25rem 0;padding:.5rem;background:#fff;white-space:pre-wrap;font-size:14px\">\
                 <span style=\"color:#666\">{line} | </span>{}<mark style=\"background:#ffd6d2;\
                 text-decoration:underline wavy {colour}\">{}</mark>{}</pre>",
                escape_html(&before),
                escape_html(&marked),
                escape_html(&after)
            );
        }
    }
    if let Some(help) = &diagnostic.help {
        let _ = write!(html, "<p style=\"margin:.25rem 0\"><strong>What to do:</strong> {}</p>", escape_html(help));
    }
    html.push_str("</div>");
    html
}

/// Text for HTML content or a quoted attribute value: `&`, `<`, `>` and `"` as entities. For the bits of HTML
/// sinew writes by hand (image elements, the preview's problems).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Kind, Location, SourceMap};
    use std::path::Path;

    #[test]
    fn the_place_the_line_and_the_help_are_shown_and_every_text_escaped() {
        let text = "---\ntitle: <b>Four</b>\nmuscles: [piriformus]\n---\n";
        let map = SourceMap::new(text);
        let at = Location::at(Path::new("content/stretches/x.md"), &map, 33, 10);
        let diagnostic = Diagnostic::error(Kind::Relation, "no muscle with id `<piriformus>`")
            .at(at)
            .help("did you mean `piriformis`? <script>");
        let html = render_html(&diagnostic);
        assert!(html.contains("data-code=\"relation\""), "{html}");
        assert!(html.contains("In content/stretches/x.md, line 3, column 11"), "{html}");
        assert!(html.contains(">piriformus</mark>]"), "the underline is on the id: {html}");
        assert!(html.contains("no muscle with id `&lt;piriformus&gt;`"), "{html}");
        assert!(html.contains("What to do:</strong> did you mean `piriformis`? &lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>") && !html.contains("<piriformus>"));
    }
}
