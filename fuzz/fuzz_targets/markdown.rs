//! Any text as an entry's Markdown body: pulldown-cmark, heading ids and the table of contents, internal
//! links (`[[id]]`, `[[id#anchor|text]]`, `@/path.md`) resolved or reported at their byte range, the plain
//! text for search, and the inline renderer used for steps and cautions. Nothing may panic, and every
//! reported range must lie inside the text on character boundaries (errors are printed from it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sinew::markdown::{InternalLink, Resolved, Resolver, Unresolved};

/// Knows three entries and one page; everything else is unknown, and `draft` is a draft.
struct Links;

impl Resolver for Links {
    fn resolve(&self, link: InternalLink<'_>) -> Result<Resolved, Unresolved> {
        let known = match link {
            InternalLink::Id { id, .. } => ["figure-four", "piriformis", "sitting"].contains(&id).then(|| format!("/x/{id}/")),
            InternalLink::Path { path } => (path == "about.md").then(|| "/about/".to_string()),
        };
        match (known, link) {
            (Some(url), _) => Ok(Resolved { url, title: "A <title> & more".into() }),
            (None, InternalLink::Id { id: "draft", .. }) => {
                Err(Unresolved { message: "a draft".into(), help: None, is_warning: true })
            }
            (None, _) => Err(Unresolved { message: "unknown".into(), help: Some("did you mean".into()), is_warning: false }),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // As written in content/stretches/, so relative links (`../muscles/x.md`, `../../x.md`) are resolved too.
    let rendered = sinew::markdown::render(text, "stretches", &Links);
    for problem in &rendered.problems {
        assert!(problem.range.start <= problem.range.end && problem.range.end <= text.len(), "range outside the text");
        assert!(text.is_char_boundary(problem.range.start) && text.is_char_boundary(problem.range.end), "range splits a character");
    }
    std::hint::black_box((&rendered.html, &rendered.toc, &rendered.text));
    let line = sinew::markdown::render_line(text, "stretches", &Links);
    for problem in &line.problems {
        assert!(problem.range.end <= text.len() && text.is_char_boundary(problem.range.start), "line range");
    }
    std::hint::black_box(&line.html);
});
