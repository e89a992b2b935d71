//! `sinew build`: build the site and publish it to the output folder, or leave that folder untouched.

use super::{counts, print_diagnostics, print_one};
use crate::diag::Diagnostics;
use std::path::Path;
use std::time::Instant;

pub fn run(root: &Path, out: Option<&Path>, drafts: bool) -> bool {
    let started = Instant::now();
    let out = out.map_or_else(|| root.join("public"), Path::to_path_buf);
    if let Err(error) = crate::output::check_out_dir(root, &out) {
        print_one(error);
        return false;
    }
    let mut diagnostics = Diagnostics::default();
    let built = super::build_site(root, drafts, &mut diagnostics);
    let summary = counts(&diagnostics);
    let failed = diagnostics.has_errors();
    print_diagnostics(diagnostics);
    let Some(built) = built.filter(|_| !failed) else {
        eprintln!("build failed ({summary}); {} was left as it was", out.display());
        return false;
    };
    match crate::output::publish(&built.tree, &out) {
        Ok(published) => {
            for notice in published.notices {
                eprintln!("note: {notice}");
            }
            eprintln!(
                "built {} entries, {} files into {} in {} ms",
                built.site.entries.len(),
                published.files,
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
