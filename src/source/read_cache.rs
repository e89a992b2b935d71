//! What the preview server keeps of content/ between rebuilds.

use super::SourceFile;
use super::classify::Placed;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Content files as last read, kept by the preview server between rebuilds: a rebuild reads again only the
/// files (or folders) the watcher reported, and every file after `forget_all`. Folders are walked again
/// whenever a change may have added or removed a file (a changed path that is not a file already read).
#[derive(Debug, Default)]
pub struct ReadCache {
    pub(super) files: HashMap<PathBuf, SourceFile>,
    pub(super) changed: HashSet<PathBuf>,
    /// content/'s files as last walked: reused while every change is an edit to one of them.
    pub(super) listing: Option<Vec<PathBuf>>,
    /// What each file of `listing` is by its place, with a hash of the settings that decide it: kept while
    /// both are.
    pub(super) placed: Option<(u64, Arc<Vec<Placed>>)>,
}

impl ReadCache {
    /// A file or folder (absolute path) changed: what is under it is read again.
    pub fn mark_changed(&mut self, path: &Path) {
        self.changed.insert(path.to_path_buf());
    }

    /// Holds `file` as the text of `path` (absolute) until `path` is marked changed: the editor's draft.
    pub fn put(&mut self, path: &Path, file: SourceFile) {
        self.changed.remove(path);
        self.files.insert(path.to_path_buf(), file);
    }

    /// Walks the folders again next time (a file may have been added that no event has reported yet); the
    /// files read are kept.
    pub fn forget_listing(&mut self) {
        self.listing = None;
    }

    pub fn forget_all(&mut self) {
        self.files.clear();
        self.changed.clear();
        self.listing = None;
        self.placed = None;
    }

    /// The last walk's files, if no change can have added or removed one (each changed path is a file that
    /// was listed and still is a file).
    pub(super) fn listing(&self) -> Option<&Vec<PathBuf>> {
        let listing = self.listing.as_ref()?;
        let edits_only = self.changed.iter().all(|path| path.is_file() && self.files.contains_key(path));
        edits_only.then_some(listing)
    }

    pub(super) fn get(&self, path: &Path) -> Option<&SourceFile> {
        // A changed folder (renamed, restored) changes everything under it. After an edit, a handful of paths
        // changed: comparing with each is quicker than hashing every ancestor of every file.
        let changed = if self.changed.len() <= 16 {
            // Bytes first: most paths differ from a changed one early.
            let bytes = path.as_os_str().as_encoded_bytes();
            self.changed.iter().any(|c| bytes.starts_with(c.as_os_str().as_encoded_bytes()) && path.starts_with(c))
        } else {
            path.ancestors().any(|p| self.changed.contains(p))
        };
        if changed { None } else { self.files.get(path) }
    }
}
