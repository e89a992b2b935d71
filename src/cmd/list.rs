//! `sinew list [collection]`: what can go on a handout, and what every link by id can name: each
//! collection's entries, id beside title, in the site's order (by title), and the site's handouts.

use crate::diag::{Diagnostic, Diagnostics, Kind, print as print_diagnostics, print_one};
use std::fmt::Write as _;
use std::path::Path;

pub(super) fn run(root: &Path, collection: Option<&str>, language: Option<&str>) -> bool {
    let mut diagnostics = Diagnostics::default();
    let Some((site, sources)) = crate::build::load_site(root, false, &mut diagnostics) else {
        print_diagnostics(diagnostics);
        return false;
    };
    // An entry that does not read is not listed: its problem says why, and the rest still are.
    let problems = diagnostics.error_count();
    print_diagnostics(diagnostics);
    let site = match language.map(|code| crate::languages::view(&site, code, Kind::Settings)) {
        None => &site,
        Some(Ok(view)) => view,
        Some(Err(error)) => {
            print_one(error);
            return false;
        }
    };
    let collections = &site.config.collections;
    let chosen: Vec<usize> = match collection {
        None => (0..collections.len()).collect(),
        Some(name) => match site.config.collection_index(name) {
            Some(index) => vec![index],
            None if name == "handouts" => Vec::new(),
            None => {
                let names = collections.iter().map(|c| c.name.as_str()).chain(["handouts"]);
                let mut error = Diagnostic::error(Kind::Settings, format!("the site has no collection `{name}`"));
                error = match crate::diag::did_you_mean(name, names) {
                    Some(suggestion) => error.help(suggestion),
                    None => error.help("`sinew list` alone lists every collection"),
                };
                print_one(error);
                return false;
            }
        },
    };
    let mut out = String::new();
    for &c in &chosen {
        let entries = site.collection_entries(c);
        let _ = writeln!(out, "{} ({}): {}", collections[c].name, entries.len(), collections[c].title);
        let width = entries.iter().map(|e| e.id.as_str().chars().count()).max().unwrap_or(0);
        for entry in entries {
            // In another language, an entry not yet translated is shown (and printed on a sheet) in the default.
            let untranslated = language.is_some() && entry.language.as_deref() != Some(site.config.language.as_str());
            let marker = if untranslated { "  (not translated)" } else { "" };
            let _ = writeln!(out, "  {:width$}  {}{marker}", entry.id.as_str(), entry.fields.title());
        }
        out.push('\n');
    }
    if collection.is_none_or(|name| name == "handouts") && !sources.handouts.is_empty() {
        let _ = writeln!(out, "handouts ({}): sheets published with the site", sources.handouts.len());
        for (id, _) in &sources.handouts {
            let _ = writeln!(out, "  {}", id.as_str());
        }
        out.push('\n');
    }
    print!("{}", out.trim_end_matches('\n'));
    println!();
    if problems > 0 {
        eprintln!("{problems} file(s) with errors are not listed; `sinew check` says more");
    }
    true
}
