//! Fingerprinted CSS and JS: each published as `name.<hash>.ext`, the hash taken from the bytes published (a
//! stylesheet's minified ones), so a new version has a new address and any cache may keep a file forever. The
//! unhashed name is not published: a page of an older build that still linked it would get a stylesheet that
//! no longer matches it.

use super::{StaticFiles, Stylesheets, short_hash, tagged_name};
use crate::output::OutputTree;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

/// Each fingerprinted file's path -> its hashed path (`style.css` -> `style.5f3a9c1e.css`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Fingerprints {
    names: BTreeMap<String, String>,
}

const FINGERPRINTED: [&str; 3] = ["css", "js", "mjs"];

impl Fingerprints {
    /// `stylesheets`: the minified CSS, hashed in place of the file as written.
    pub(super) fn new(files: &StaticFiles, stylesheets: &Stylesheets) -> Self {
        let mut names = BTreeMap::new();
        for path in files.paths() {
            let extension = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
            if !FINGERPRINTED.contains(&extension.as_str()) {
                continue;
            }
            // Unreadable: published under its own name; the copy step reports the problem.
            let Some(bytes) = files.get(path).and_then(|origin| StaticFiles::read(origin).ok()) else { continue };
            names.insert(path.clone(), tagged_name(path, &short_hash(stylesheets.published(path, &bytes))));
        }
        Fingerprints { names }
    }

    /// The published path of a site path (`style.css`), or the path itself when it is not fingerprinted.
    pub(crate) fn published<'a>(&'a self, path: &'a str) -> &'a str {
        self.names.get(path).map_or(path, String::as_str)
    }

    pub(super) fn rename(&self, tree: &mut OutputTree) {
        for (path, hashed) in &self.names {
            if let Some(file) = tree.remove(path) {
                tree.replace(hashed.clone(), file);
            }
        }
    }

    pub(crate) fn hash(&self) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        self.names.hash(&mut hasher);
        hasher.finish()
    }
}
