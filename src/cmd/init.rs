//! `sinew init DIR`: writes a small, buildable site from files embedded in the binary, with the files the
//! common hosts read to publish it (docs/publishing.md). The default theme is not copied: a site without
//! themes/ builds with the theme built into sinew. Nothing already there is ever overwritten.

use crate::diag::print_one;
use crate::diag::{Diagnostic, Kind};
use std::io::Write as _;
use std::path::Path;

const STARTER: &[(&str, &str)] = &[
    ("site.yaml", include_str!("starter/site.yaml")),
    ("content/_index.md", include_str!("starter/content/_index.md")),
    ("content/disclaimer.md", include_str!("starter/content/disclaimer.md")),
    ("content/stretches/knee-to-chest.md", include_str!("starter/content/stretches/knee-to-chest.md")),
    ("content/causes/long-sitting.md", include_str!("starter/content/causes/long-sitting.md")),
    ("content/muscles/gluteus-maximus.md", include_str!("starter/content/muscles/gluteus-maximus.md")),
];

/// What GitHub Pages, Netlify and Cloudflare Pages read to build and serve the site, and what Git should
/// leave out. A folder made with `git clone` may hold some already (a `.gitignore`): those are kept.
const PUBLISHING: &[(&str, &str)] = &[
    (".github/workflows/publish.yml", include_str!("starter/.github/workflows/publish.yml")),
    ("netlify.toml", include_str!("starter/netlify.toml")),
    ("static/_headers", include_str!("starter/static/_headers")),
    // Kept without its dot in sinew's source, where Git would read it as sinew's own.
    (".gitignore", include_str!("starter/gitignore")),
];

pub(super) fn run(dir: &Path) -> bool {
    match create(dir) {
        Ok(kept) => {
            println!("created a new site in {}", dir.display());
            println!("  with what hosts read to publish it: .github/workflows/publish.yml (GitHub Pages),");
            println!("  netlify.toml (Netlify), static/_headers (Netlify, Cloudflare Pages)");
            for path in kept {
                println!("  kept the {path} that was there (sinew init never overwrites a file)");
            }
            println!("next:");
            println!("  cd {}", dir.display());
            println!("  open site.yaml and put in your practice's name, your details and your site's address");
            println!("  sinew serve     see the site in your browser while you write; it updates on every save");
            println!("  sinew build     the finished site, ready to publish, in {}", dir.join("public").display());
            println!("  to put it online, see \"Publishing your site\" in sinew's documentation");
            true
        }
        Err(error) => {
            print_one(error);
            false
        }
    }
}

/// Writes every file that is not there yet; returns the ones that were, left as they were.
fn create(dir: &Path) -> Result<Vec<&'static str>, Diagnostic> {
    if dir.join("site.yaml").exists() || dir.join("content").exists() {
        return Err(Diagnostic::error(Kind::Command, format!("{} already holds a site", dir.display()))
            .help("choose a new folder; sinew init never overwrites files"));
    }
    let mut kept = Vec::new();
    for (path, text) in STARTER.iter().chain(PUBLISHING) {
        let target = dir.join(path);
        match write_new(&target, text) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => kept.push(*path),
            Err(error) => {
                return Err(Diagnostic::error(Kind::Command, format!("cannot write {}: {error}", target.display())));
            }
        }
    }
    Ok(kept)
}

/// Creates `target` with `text`, or fails with `AlreadyExists` if anything is at that path: checked by the
/// system as the file is created, so nothing written in between is lost.
fn write_new(target: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = target.parent() {
        // Not `AlreadyExists` (a file where a folder should be): only the file itself is ever kept.
        std::fs::create_dir_all(parent).map_err(std::io::Error::other)?;
    }
    std::fs::OpenOptions::new().write(true).create_new(true).open(target)?.write_all(text.as_bytes())
}
