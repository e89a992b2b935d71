//! `sinew init DIR`: writes a small, buildable site from files embedded in the binary. The default theme is
//! not copied: a site without themes/ builds with the theme built into sinew.

use crate::diag::print_one;
use crate::diag::{Diagnostic, Kind};
use std::path::Path;

const STARTER: &[(&str, &str)] = &[
    ("site.yaml", include_str!("starter/site.yaml")),
    ("content/_index.md", include_str!("starter/content/_index.md")),
    ("content/disclaimer.md", include_str!("starter/content/disclaimer.md")),
    ("content/stretches/knee-to-chest.md", include_str!("starter/content/stretches/knee-to-chest.md")),
    ("content/causes/long-sitting.md", include_str!("starter/content/causes/long-sitting.md")),
    ("content/muscles/gluteus-maximus.md", include_str!("starter/content/muscles/gluteus-maximus.md")),
];

pub(super) fn run(dir: &Path) -> bool {
    match create(dir) {
        Ok(()) => {
            println!("created a new site in {}", dir.display());
            println!("next:");
            println!("  cd {}", dir.display());
            println!("  open site.yaml and put in your practice's name, your details and your site's address");
            println!("  sinew serve     see the site in your browser while you write; it updates on every save");
            println!("  sinew build     the finished site, ready to publish, in {}", dir.join("public").display());
            true
        }
        Err(error) => {
            print_one(error);
            false
        }
    }
}

fn create(dir: &Path) -> Result<(), Diagnostic> {
    if dir.join("site.yaml").exists() || dir.join("content").exists() {
        return Err(Diagnostic::error(Kind::Command, format!("{} already holds a site", dir.display()))
            .help("choose a new folder; sinew init never overwrites files"));
    }
    for (path, text) in STARTER {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap_or(dir))
            .and_then(|()| std::fs::write(&target, text))
            .map_err(|e| Diagnostic::error(Kind::Command, format!("cannot write {}: {e}", target.display())))?;
    }
    Ok(())
}
