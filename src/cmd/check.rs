//! `sinew check`: everything a build checks, plus the lints a careful editor would apply. Writes nothing.

use super::{counts, print_diagnostics};
use crate::diag::Diagnostics;
use std::path::Path;

pub(super) fn run(root: &Path) -> bool {
    let mut diagnostics = Diagnostics::default();
    if let Some(built) = super::pipeline::build_site_for(root, false, crate::asset::AssetMode::Check, &mut diagnostics)
    {
        crate::lint::lint(&built.site, crate::model::Date::today(), &mut diagnostics);
    }
    let summary = counts(&diagnostics);
    let ok = !diagnostics.has_errors();
    print_diagnostics(diagnostics);
    eprintln!("check {}: {summary}", if ok { "passed" } else { "failed" });
    ok
}
