//! `sinew check`'s translation report: per language, the entries with no translation yet and the translations
//! older than their original (the original's `updated` or `reviewed` is later than the translation's), as
//! warnings, or errors with `--strict`, so a site's CI can hold every language to date.

use crate::diag::{Diagnostic, Diagnostics, Kind};
use crate::graph::LinkedSite;
use crate::model::Date;

/// The newest of an entry's `updated` and `reviewed`.
fn last_changed(fields: &crate::model::EntryFields) -> Option<Date> {
    fields.updated().into_iter().chain(fields.reviewed()).max()
}

pub fn report(site: &LinkedSite, strict: bool, diagnostics: &mut Diagnostics) {
    let problem = |message: String| {
        if strict { Diagnostic::error(Kind::Content, message) } else { Diagnostic::warning(Kind::Content, message) }
    };
    for view in &site.translations {
        let code = &view.config.language;
        for (c, collection) in site.config.collections.iter().enumerate() {
            let range = site.collection_ranges[c].clone();
            let missing: Vec<&str> = range
                .clone()
                .filter(|&i| view.entries[i].language.is_none())
                .map(|i| site.entries[i].id.as_str())
                .collect();
            if !missing.is_empty() {
                let shown: Vec<&str> = missing.iter().take(12).copied().collect();
                let more = if missing.len() > shown.len() {
                    format!(" and {} more", missing.len() - shown.len())
                } else {
                    String::new()
                };
                diagnostics.push(
                    problem(format!(
                        "{} of {} {} have no translation into `{code}`: {}{more}",
                        missing.len(),
                        range.len(),
                        collection.name,
                        shown.join(", ")
                    ))
                    .in_file(&std::path::Path::new("content").join(collection.name.as_str()))
                    .help(format!("translate one as content/{}/<id>.{code}.md beside its original", collection.name)),
                );
            }
            for i in range {
                let (original, translation) = (&site.entries[i], &view.entries[i]);
                if translation.language.is_none() {
                    continue;
                }
                if let (Some(changed), translated) = (last_changed(&original.fields), last_changed(&translation.fields))
                    && translated.is_none_or(|t| t < changed)
                {
                    let since = translated.map_or_else(|| "has no date".to_string(), |t| format!("dates from {t}"));
                    diagnostics.push(
                        problem(format!(
                            "this translation may be out of date: {} changed on {changed}, and this translation {since}",
                            original.source.path.display()
                        ))
                        .in_file(&translation.source.path)
                        .help("bring it up to date with the original, then set `updated:` to today's date"),
                    );
                }
            }
        }
    }
}
