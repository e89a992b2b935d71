//! `sinew check`: everything a build checks, plus the lints a careful editor would apply and the translation
//! report. Writes nothing,
//! apart from the cache of external links' answers with `--external`.

use super::counts;
use crate::diag::Diagnostics;
use crate::diag::print as print_diagnostics;
use std::path::Path;

/// `external`: also visit the site's http(s) links (`--external`); without it nothing touches the network.
/// `drafts`: check drafts too. `strict`: editorial warnings and missing translations are errors (for CI).
pub(super) fn run(
    root: &Path,
    external: Option<&crate::external::Options>,
    drafts: bool,
    strict: bool,
    format: crate::cli::DiagnosticFormat,
) -> bool {
    let mut diagnostics = Diagnostics::default();
    // Scheduled entries are checked now, not on the day they appear, and listed with that day.
    let options = crate::build::BuildOptions { drafts, future: true, base_url: None };
    let mut scheduled = Vec::new();
    if let Some(built) =
        crate::build::build_site(root, &options, crate::asset::AssetMode::Check, None, &mut diagnostics)
    {
        let today = crate::build::today();
        crate::lint::editorial(root, &built.site, today, strict, &mut diagnostics);
        scheduled = built
            .site
            .entries
            .iter()
            .filter_map(|e| e.fields.publish().filter(|day| *day > today).map(|day| (day, e.source.path.clone())))
            .collect();
        scheduled.sort();
        diagnostics.extend(built.site.config.robots_txt_warning());
        crate::languages::report::report(&built.site, strict, &mut diagnostics);
        if let Some(options) = external {
            let summary = crate::external::check(root, &built.site, options, &mut diagnostics);
            eprintln!(
                "checked {} external links ({} asked, {} from {})",
                summary.links,
                summary.asked,
                summary.links - summary.asked,
                crate::external::CACHE_FILE
            );
        }
    } else if external.is_some() {
        eprintln!("external links not checked: the site has errors");
    }
    let summary = counts(&diagnostics);
    let ok = !diagnostics.has_errors();
    match format {
        crate::cli::DiagnosticFormat::Human => print_diagnostics(diagnostics),
        crate::cli::DiagnosticFormat::Json => {
            for diagnostic in diagnostics.into_sorted() {
                println!("{}", crate::diag::render_json(&diagnostic));
            }
        }
    }
    for (day, path) in scheduled {
        eprintln!("scheduled: {} appears on {day}", path.display());
    }
    eprintln!("check {}: {summary}", if ok { "passed" } else { "failed" });
    ok
}
