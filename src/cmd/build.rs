//! `sinew build`: build the site and publish it to the output folder, or leave that folder untouched.

use super::counts;
use crate::build::BuildOptions;
use crate::diag::Diagnostics;
use crate::diag::{print as print_diagnostics, print_one};
use std::path::Path;
use std::time::Instant;

/// `strict`: editorial warnings (placeholders left, lints) are errors, and nothing is published.
pub(super) fn run(root: &Path, out: Option<&Path>, options: &BuildOptions, strict: bool) -> bool {
    let started = Instant::now();
    let out = out.map_or_else(|| root.join("public"), Path::to_path_buf);
    if let Err(error) = crate::output::check_out_dir(root, &out) {
        print_one(error);
        return false;
    }
    // Not a site at all: say so and what to do, not that a build failed and left a folder alone.
    if !root.join(crate::config::CONFIG_FILE).exists()
        && let Err(error) = crate::source::read_config(root)
    {
        print_one(error);
        return false;
    }
    // Opened first: the pages are written beside the output as they are made, and published once all is well.
    let spool = match crate::output::Spool::open(&out) {
        Ok(spool) => spool,
        Err(error) => {
            print_one(error);
            return false;
        }
    };
    let mut diagnostics = Diagnostics::default();
    let mode = crate::asset::AssetMode::Publish;
    let built = crate::build::build_site(root, options, mode, Some(&spool), &mut diagnostics);
    let checking = Instant::now();
    if let Some(built) = &built {
        if strict {
            crate::lint::editorial(root, &built.site, crate::build::today(), true, &mut diagnostics);
        } else {
            crate::lint::placeholders::in_site(root, &built.site, &mut diagnostics);
        }
    }
    if std::env::var_os("SINEW_TIMINGS").is_some() {
        eprintln!("timing: editorial checks {:.1} ms", checking.elapsed().as_secs_f64() * 1000.0);
    }
    let summary = counts(&diagnostics);
    let failed = diagnostics.has_errors();
    print_diagnostics(diagnostics);
    let Some(built) = built.filter(|_| !failed) else {
        eprintln!("build failed ({summary}); {} was left as it was", out.display());
        return false;
    };
    let publishing = Instant::now();
    let result = spool.publish(&built.tree);
    if std::env::var_os("SINEW_TIMINGS").is_some() {
        eprintln!("timing: publish {:.1} ms", publishing.elapsed().as_secs_f64() * 1000.0);
    }
    // The process ends now: the system takes back the whole output and site at once, so they are not freed
    // page by page and entry by entry first.
    let built = std::mem::ManuallyDrop::new(built);
    match result {
        Ok(published) => {
            for notice in published.notices {
                eprintln!("note: {notice}");
            }
            for (day, entry) in built.site.scheduled() {
                eprintln!(
                    "note: {} is scheduled for {day}: not published until a build on that day",
                    entry.source.path.display()
                );
            }
            let (resized, reused) = built.images;
            let images = if resized + reused > 0 {
                let images = resized + reused;
                let plural = if images == 1 { "" } else { "s" };
                format!(", {images} image{plural} ({resized} resized, {reused} from the cache)")
            } else {
                String::new()
            };
            eprintln!(
                "built {} entries, {} files ({} written, {} removed){images} into {} in {} ms",
                built.site.entries.len(),
                published.files,
                published.written,
                published.removed,
                out.display(),
                started.elapsed().as_millis()
            );
            true
        }
        Err(error) => {
            print_one(error);
            false
        }
    }
}
