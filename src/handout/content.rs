//! Content handouts: `content/handouts/<id>.md` and its translations (`<id>.es.md`), each read, its stretches
//! resolved in its language and its sheet drawn; and the check that a sheet in another language prints only
//! stretches translated into it.

use super::{Assets, BuiltHandout, Item, SheetText, date_parts, prose, resolve, sheet};
use crate::diag::{Diagnostic, Diagnostics, Kind, Location, SourceMap};
use crate::graph::LinkedSite;
use crate::links::SiteLinks;
use crate::model::Id;
use crate::source::Sources;
use rayon::prelude::*;

/// Parses every handout of the site and resolves its stretches. Problems (an unknown stretch id, a bad field)
/// go to `diagnostics` at their file line; a handout with problems is left out.
pub(crate) fn load(
    site: &LinkedSite,
    sources: &Sources,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<BuiltHandout> {
    let assets = Assets::new(sources);
    let results: Vec<(Option<BuiltHandout>, Vec<Diagnostic>)> = sources
        .handouts
        .par_iter()
        .map(|(id, file)| {
            let (handout, parsed) = crate::model::parse_handout(file.clone(), id.clone());
            let problems = parsed.into_sorted();
            content_handout(site, &assets, handout, None, problems, drafts)
        })
        .collect();
    // Translations: the original read again, the translation's words over it, drawn in the language's view.
    let translated: Vec<(Option<BuiltHandout>, Vec<Diagnostic>)> = sources
        .translated_handouts
        .par_iter()
        .map(|(id, language, file)| {
            let Some(view) = site.language(language) else { return (None, Vec::new()) };
            let Some((_, original)) = sources.handouts.iter().find(|(original, _)| original == id) else {
                let error = Diagnostic::error(
                    Kind::Handout,
                    format!("this translates content/handouts/{id}.md, which does not exist"),
                )
                .in_file(&file.path)
                .help(format!("name it after the handout it translates, with `.{language}` before `.md`"));
                return (None, vec![error]);
            };
            let (original, _) = crate::model::parse_handout(original.clone(), id.clone());
            let Some(original) = original else { return (None, Vec::new()) };
            let (handout, slug, parsed) = crate::model::translation::translate_handout(&original, file.clone());
            content_handout(view, &assets, handout, slug, parsed.into_sorted(), drafts)
        })
        .collect();
    let mut handouts: Vec<BuiltHandout> = Vec::new();
    for (handout, problems) in results.into_iter().chain(translated) {
        diagnostics.extend(problems);
        handouts.extend(handout);
    }
    // Each handout's versions, the default language's first.
    let language_of = |h: &BuiltHandout| site.config.languages.iter().position(|l| h.prefix == format!("{}/", l.code));
    let versions: Vec<(Id, usize, String)> =
        handouts.iter().map(|h| (h.id.clone(), language_of(h).unwrap_or(0), h.site_path())).collect();
    for handout in &mut handouts {
        let mut found: Vec<(usize, String)> =
            versions.iter().filter(|(id, _, _)| *id == handout.id).map(|(_, l, p)| (*l, p.clone())).collect();
        found.sort();
        handout.alternates = found;
    }
    handouts
}

/// One handout file: parsed, its stretches resolved, its sheet drawn. `None` for a draft or with errors.
fn content_handout(
    site: &LinkedSite,
    assets: &Assets,
    handout: Option<crate::model::Handout>,
    slug: Option<String>,
    mut problems: Vec<Diagnostic>,
    drafts: bool,
) -> (Option<BuiltHandout>, Vec<Diagnostic>) {
    let Some(handout) = handout.filter(|h| drafts || !h.fields.draft) else {
        return (None, problems);
    };
    let items = resolve(site, &handout.fields.stretches, &mut problems);
    let untranslated = untranslated(site, &items, false, &handout.source.path);
    problems.extend(untranslated);
    let config = &site.config;
    let links = SiteLinks::new(site, true);
    let map = SourceMap::new(&handout.source.text);
    let (path, offset) = (&handout.source.path, handout.body_offset);
    let at_line =
        |range: std::ops::Range<usize>| Some(Location::at(path, &map, offset + range.start, range.len().min(80)));
    let body_renderer = match site.config.html {
        crate::fields::schema::HtmlPolicy::Allow => crate::markdown::render,
        crate::fields::schema::HtmlPolicy::Escape => crate::markdown::render_value,
    };
    let intro = prose(&links, handout.body(), "handouts", &at_line, &mut problems, body_renderer);
    let notes_location = handout.fields.notes_location.clone();
    let notes = handout.fields.notes.as_deref().and_then(|notes| {
        let locate = |_: std::ops::Range<usize>| notes_location.clone();
        prose(&links, notes, "handouts", &locate, &mut problems, crate::markdown::render_value)
    });
    let text = SheetText {
        id: Some(handout.id.to_string()),
        title: handout.fields.title.clone(),
        summary: handout.fields.summary.clone(),
        intro,
        notes,
        extras: Vec::new(),
        review: None,
        week_grid: handout.fields.week_grid,
        page_url: Some(config.url(&format!(
            "{}handouts/{}/",
            config.lang_prefix,
            slug.as_deref().unwrap_or(handout.id.as_str())
        ))),
        pdf_url: cfg!(feature = "pdf")
            .then(|| config.url(&format!("{}handouts/{}.pdf", config.lang_prefix, handout.id))),
        ..SheetText::default()
    };
    let mut sheet = sheet(site, assets, &items, text, &mut problems);
    // No client and no date on a published sheet (it has blanks); the PDF's date is the handout's own.
    sheet.date_parts = handout.fields.updated.or(handout.fields.reviewed).map(date_parts);
    if problems.iter().any(Diagnostic::is_error) {
        return (None, problems);
    }
    let prefix = config.lang_prefix.clone();
    let built =
        BuiltHandout { id: handout.id, source: handout.source.path, sheet, prefix, slug, alternates: Vec::new() };
    (Some(built), problems)
}

/// A sheet in another language prints only stretches translated into it: each one that is not is an error
/// naming it, or with `fallback`, a warning (the sheet prints it in the default language, saying so).
pub(crate) fn untranslated(site: &LinkedSite, items: &[Item], fallback: bool, at: &std::path::Path) -> Vec<Diagnostic> {
    if site.config.lang_prefix.is_empty() {
        return Vec::new();
    }
    let language = &site.config.language;
    items
        .iter()
        .map(|item| &site.entries[item.entry])
        .filter(|entry| entry.language.as_deref() != Some(language.as_str()))
        .map(|entry| {
            let message = format!("`{}` has no translation into `{language}`", entry.id);
            let diagnostic = if fallback {
                Diagnostic::warning(Kind::Handout, format!("{message}: it is printed in the default language"))
            } else {
                Diagnostic::error(Kind::Handout, message)
            };
            diagnostic.in_file(at).help(format!(
                "translate it as {}, or print the sheet with --fallback to show it in the default language",
                entry.source.path.with_file_name(format!("{}.{language}.md", entry.id)).display()
            ))
        })
        .collect()
}
