//! Markdown as a page shows it: a body, or one line of front matter (a step, a caution), with its internal
//! links resolved (and recorded, so the preview knows what to re-render) and its problems reported at their
//! place in the file.

use super::{JobState, Renderer, cache, images, shortcodes};
use crate::diag::{Diagnostic, Kind, Location, SourceMap};
use crate::fields::schema::HtmlPolicy;
use crate::markdown;
use crate::output::link_check::WrittenLink;

/// The folder of a content file inside content/ (`stretches`), which relative links start from.
fn content_folder(source: &crate::source::SourceFile) -> String {
    let folder = source.path.strip_prefix("content").unwrap_or(&source.path).parent();
    folder.map(|f| f.to_string_lossy().replace('\\', "/")).unwrap_or_default()
}

/// A link or image problem Markdown rendering found, as a diagnostic (its place is added by the caller).
fn problem_diagnostic(problem: &markdown::Unresolved) -> Diagnostic {
    let diagnostic = if problem.is_warning {
        Diagnostic::warning(Kind::Link, problem.message.clone())
    } else {
        Diagnostic::error(Kind::Link, problem.message.clone())
    };
    diagnostic.help_opt(problem.help.clone())
}

impl Renderer<'_> {
    /// Renders a body's Markdown, turning link problems into diagnostics at their file line.
    pub(super) fn markdown(
        &self,
        source: &crate::source::SourceFile,
        body_offset: usize,
        job: &mut JobState,
    ) -> markdown::Rendered {
        let body = &source.text[body_offset..];
        let recording = cache::Recording::new(&self.links);
        let folder = content_folder(source);
        let resolver =
            images::PageResolver { links: &recording, images: &self.assets.images, config: &self.site.config };
        let raw_html = matches!(self.site.config.html, HtmlPolicy::Allow);
        let shortcodes = shortcodes::PageShortcodes { renderer: self };
        let rendered = markdown::render_body(body, &folder, &resolver, raw_html, &shortcodes);
        job.links.extend(recording.into_links());
        let written = rendered.site_links.iter().map(|link| WrittenLink {
            url: link.url.clone(),
            offset: body_offset + link.range.start,
            len: link.range.len(),
        });
        job.markdown = Some((source.clone(), written.collect()));
        let diagnostics = &mut job.diagnostics;
        if !rendered.problems.is_empty() || !rendered.shortcode_problems.is_empty() {
            let map = SourceMap::new(&source.text);
            let shortcode_problems = rendered.shortcode_problems.iter().map(|p| (p, Kind::Template));
            for (problem, kind) in rendered.problems.iter().map(|p| (p, Kind::Link)).chain(shortcode_problems) {
                let start = body_offset + problem.range.start;
                let location = Location::at(&source.path, &map, start, problem.range.len().min(80));
                let mut diagnostic = problem_diagnostic(&problem.problem).at(location);
                diagnostic.kind = kind;
                diagnostics.push(diagnostic);
            }
        }
        rendered
    }

    /// Renders one line of front matter (a step, a caution) as inline Markdown whose `[[id]]` and `@/` links
    /// resolve as the body's do; raw HTML is shown as text, as in every value. Its problems are reported at
    /// the item's place in the file (`offset`: where its text starts), and its site links join the body's for
    /// the output's link check. Returns its HTML and the text a reader sees (for search).
    pub(super) fn inline_markdown(
        &self,
        source: &crate::source::SourceFile,
        text: &str,
        offset: Option<usize>,
        job: &mut JobState,
    ) -> (String, String) {
        let recording = cache::Recording::new(&self.links);
        let resolver =
            images::PageResolver { links: &recording, images: &self.assets.images, config: &self.site.config };
        let rendered = markdown::render_line(text, &content_folder(source), &resolver);
        job.links.extend(recording.into_links());
        if !rendered.problems.is_empty() {
            let map = SourceMap::new(&source.text);
            for problem in &rendered.problems {
                let location = match offset {
                    Some(offset) => {
                        Location::at(&source.path, &map, offset + problem.range.start, problem.range.len().min(80))
                    }
                    None => Location::file(&source.path),
                };
                job.diagnostics.push(problem_diagnostic(&problem.problem).at(location));
            }
        }
        if let (Some(offset), Some((_, written))) = (offset, job.markdown.as_mut()) {
            written.extend(rendered.site_links.iter().map(|link| WrittenLink {
                url: link.url.clone(),
                offset: offset + link.range.start,
                len: link.range.len(),
            }));
        }
        (rendered.html, rendered.text.trim().to_string())
    }
}
