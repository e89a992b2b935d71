//! Editorial lints for `sinew check`: what a careful editor of health content would catch. Warnings only;
//! each names the file and line.

use crate::config::Direction;
use crate::diag::{Diagnostic, Diagnostics, Kind, Location, SourceMap};
use crate::graph::LinkedSite;
use crate::model::{Date, Entry, Schema};
use std::collections::HashSet;
use std::path::Path;

pub(crate) mod placeholders;

/// Words a massage therapist may not use about their work: (word as written, the family it belongs to).
const RISKY_WORDS: &[(&str, &str)] = &[
    ("cure", "cure"),
    ("cures", "cure"),
    ("cured", "cure"),
    ("curing", "cure"),
    ("guarantee", "guarantee"),
    ("guaranteed", "guarantee"),
    ("guarantees", "guarantee"),
    ("diagnose", "diagnose"),
    ("diagnoses", "diagnose"),
    ("diagnosed", "diagnose"),
    ("diagnosing", "diagnose"),
    ("diagnosis", "diagnose"),
];

/// The editorial checks of a built site for `sinew check` and `sinew build --strict`: every lint and every
/// placeholder left. `strict` (for CI) makes each one an error.
pub(crate) fn editorial(root: &Path, site: &LinkedSite, today: Date, strict: bool, diagnostics: &mut Diagnostics) {
    let mut found = Diagnostics::default();
    lint(site, today, None, &mut found);
    placeholders::in_site(root, site, &mut found);
    diagnostics.extend(found.into_sorted().into_iter().map(|d| if strict { d.into_error() } else { d }));
}

/// Every lint of the site, or with `only`, of that file alone (the editor's draft).
pub(crate) fn lint(site: &LinkedSite, today: Date, only: Option<&std::path::Path>, diagnostics: &mut Diagnostics) {
    // Read from every body only when an entry with no related entries needs it (the editor lints one file).
    let linked_in_bodies = std::cell::OnceCell::new();
    let wanted = |path: &std::path::Path| only.is_none_or(|only| only == path);
    for (index, entry) in site.entries.iter().enumerate() {
        let path = &entry.source.path;
        if !wanted(path) {
            continue;
        }
        let map = SourceMap::new(&entry.source.text);
        let collection = &site.config.collections[entry.collection];
        let links = &site.links[index];
        if links.is_empty() && !linked_in_bodies.get_or_init(|| body_link_targets(site)).contains(entry.id.as_str()) {
            diagnostics.push(
                Diagnostic::warning(Kind::Lint, format!("nothing links to the {} `{}`", collection.singular, entry.id))
                    .at(Location::line(path, &map, 2))
                    .help("list it in a related entry's front matter, or link to it with [[id]]"),
            );
        }
        for (r, relation) in site.config.relations.iter().enumerate() {
            let target = &site.config.collections[relation.target];
            let source = &site.config.collections[relation.source];
            let has = |direction| links.iter().any(|l| l.relation == r && l.direction == direction);
            if relation.source == entry.collection && !has(Direction::Forward) {
                diagnostics.push(
                    Diagnostic::warning(
                        Kind::Lint,
                        format!("the {} `{}` lists no {}", collection.singular, entry.id, target.title.to_lowercase()),
                    )
                    .at(Location::line(path, &map, 2))
                    .help(format!("add `{}: [...]` to its front matter", relation.key)),
                );
            }
            // A condition that no exercise addresses leaves a reader with nothing to do.
            if relation.target == entry.collection
                && source.schema == Schema::Exercise
                && target.schema == Schema::Condition
                && !has(Direction::Inverse)
            {
                diagnostics.push(
                    Diagnostic::warning(
                        Kind::Lint,
                        format!("no {} lists the {} `{}`", source.singular, collection.singular, entry.id),
                    )
                    .at(Location::line(path, &map, 2))
                    .help(format!("add `{}` to the `{}` of a {} that helps", entry.id, relation.key, source.singular)),
                );
            }
        }
        if let Some(exercise) = entry.fields.exercise()
            && exercise.cautions().is_empty()
        {
            diagnostics.push(
                Diagnostic::warning(Kind::Lint, format!("the {} `{}` has no cautions", collection.singular, entry.id))
                    .at(Location::line(path, &map, 2))
                    .help("add `cautions:` saying who should not do it and when to stop"),
            );
        }
        review(site, entry, &map, today, diagnostics);
        wording(entry, &map, diagnostics);
        repeated_dosage(site, entry, &map, diagnostics);
        repeated_red_flags(site, entry, &map, diagnostics);
    }
    for page in site.pages.iter().filter(|p| wanted(&p.source.path)) {
        let map = SourceMap::new(&page.source.text);
        risky_words(&page.source.path, &page.source.text, page.fields.lint_allow(), &map, diagnostics);
    }
}

fn review(site: &LinkedSite, entry: &Entry, map: &SourceMap<'_>, today: Date, diagnostics: &mut Diagnostics) {
    let path = &entry.source.path;
    let line = key_line(&entry.source.text, "reviewed").unwrap_or(2);
    match entry.fields.reviewed() {
        Some(reviewed) => {
            let due = reviewed.plus_days(site.config.review_interval_days);
            if due < today {
                diagnostics.push(
                    Diagnostic::warning(Kind::Lint, format!("review overdue since {due} (last reviewed {reviewed})"))
                        .at(Location::line(path, map, line))
                        .help("re-read the entry against current guidance, then update `reviewed:`"),
                );
            }
        }
        None => diagnostics.push(
            Diagnostic::warning(Kind::Lint, "this entry has never been reviewed")
                .at(Location::line(path, map, line))
                .help("add `reviewed: YYYY-MM-DD` and `reviewed_by:` once it has been checked"),
        ),
    }
}

/// A step that writes out its own dosage ("hold for about 30 seconds" with `hold_seconds: 30`) contradicts a
/// handout that changes it; `{hold}` says whatever the sheet gives. Found as the dosage in the site's words
/// ("30 seconds", "10 times"), as a whole phrase.
fn repeated_dosage(site: &LinkedSite, entry: &Entry, map: &SourceMap<'_>, diagnostics: &mut Diagnostics) {
    let Some(exercise) = entry.fields.exercise() else { return };
    let offsets = entry.fields.values.item_offsets("steps");
    for (placeholder, field) in crate::model::placeholders::DOSAGE_PLACEHOLDERS {
        let Some(n) = entry.fields.values.integer(field) else { continue };
        if field == "sets" {
            // "3" alone is too common a number to be sure a step means the sets.
            continue;
        }
        let said = site.strings.dosage_value(field, n).to_lowercase();
        for (i, step) in exercise.steps().iter().enumerate() {
            let lower = step.to_lowercase();
            let Some(at) = whole_phrase(&lower, &said) else { continue };
            let location = match offsets.get(i).copied().flatten() {
                Some(offset) => Location::at(&entry.source.path, map, offset + at, said.len()),
                None => Location::line(&entry.source.path, map, key_line(&entry.source.text, "steps").unwrap_or(2)),
            };
            diagnostics.push(
                Diagnostic::warning(
                    Kind::Lint,
                    format!("step {} writes out the dosage that `{field}` gives ({said})", i + 1),
                )
                .at(location)
                .help(format!(
                    "write `{{{placeholder}}}` in place of \"{said}\": a handout that changes the dosage then \
                         changes this step too"
                )),
            );
        }
    }
}

/// An entry's red flag that says again what one of the site's says: the page shows it once (in the site's
/// words) when it is the same warning, both when it is only near; either way the author should look.
fn repeated_red_flags(site: &LinkedSite, entry: &Entry, map: &SourceMap<'_>, diagnostics: &mut Diagnostics) {
    use crate::model::red_flags::{Repeat, repeat_of};
    let site_flags = &site.config.red_flags;
    for flag in entry.fields.red_flags() {
        let Some(repeat) = repeat_of(site_flags, flag) else { continue };
        let (Repeat::Same(i) | Repeat::Close(i)) = repeat;
        let theirs = &site_flags[i];
        let shown: String = theirs.chars().take(60).collect();
        let shown = if shown.len() < theirs.len() { format!("{shown}…") } else { shown };
        let (message, help) = match repeat {
            Repeat::Same(_) => (
                format!("this red flag repeats the site's \"{shown}\": the page shows it once, in the site's words"),
                "remove it from `red_flags`, or say what is different about it",
            ),
            Repeat::Close(_) => (
                format!("this red flag is close to the site's \"{shown}\": the page lists both"),
                "if it is the same warning, remove it from `red_flags`; if not, make the difference plain",
            ),
        };
        let at = entry.source.text.find(flag.as_str()).unwrap_or(0);
        diagnostics.push(
            Diagnostic::warning(Kind::Lint, message)
                .at(Location::at(&entry.source.path, map, at, flag.chars().count().min(80)))
                .help(help),
        );
    }
}

/// Where `phrase` stands in `text` as whole words (not "130 seconds" for "30 seconds").
fn whole_phrase(text: &str, phrase: &str) -> Option<usize> {
    text.match_indices(phrase).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn wording(entry: &Entry, map: &SourceMap<'_>, diagnostics: &mut Diagnostics) {
    risky_words(&entry.source.path, &entry.source.text, entry.fields.lint_allow(), map, diagnostics);
}

/// Finds risky words anywhere in the file (front matter text and body), as whole words.
fn risky_words(
    path: &std::path::Path,
    text: &str,
    allow: &[String],
    map: &SourceMap<'_>,
    diagnostics: &mut Diagnostics,
) {
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphabetic() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else { continue };
        let word = text[s..i].to_lowercase();
        if let Some((_, family)) = RISKY_WORDS.iter().find(|(w, _)| *w == word)
            && !allow.iter().any(|a| a.eq_ignore_ascii_case(&word) || a.eq_ignore_ascii_case(family))
        {
            diagnostics.push(
                Diagnostic::warning(Kind::Lint, format!("\"{word}\" is a word a massage therapist may not use about their work"))
                    .at(Location::at(path, map, s, i - s))
                    .help(format!("reword it (\"may help\", \"many people find\"), or add `lint_allow: [{family}]` if it is about a doctor's work")),
            );
        }
    }
}

fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
        .map(|i| i + 1)
}

/// Ids linked from any body with `[[id]]`, `[[collection/id]]` or `@/collection/id.md`.
fn body_link_targets(site: &LinkedSite) -> HashSet<String> {
    let mut targets = HashSet::new();
    let bodies = site.entries.iter().map(|e| e.body()).chain(site.pages.iter().map(|p| p.body()));
    for body in bodies {
        for piece in body.split("[[").skip(1) {
            if let Some(end) = piece.find("]]") {
                let inner = piece[..end].split('|').next().unwrap_or("");
                let id = inner.rsplit('/').next().unwrap_or(inner).split('#').next().unwrap_or("");
                targets.insert(id.trim().to_string());
            }
        }
        for piece in body.split("(@/").skip(1) {
            if let Some(end) = piece.find(".md") {
                let id = piece[..end].rsplit('/').next().unwrap_or("");
                targets.insert(id.to_string());
            }
        }
    }
    targets
}
