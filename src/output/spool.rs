//! A publish opened before the build, so pages go to disk as they are rendered instead of being held until
//! the whole site is made (at 10,000 entries the pages are 190 MB). `Spool::open` takes the output folder's
//! lock and clears what an interrupted build left; `put` writes a page into the staging folder beside the
//! output, or writes nothing when the output already holds those bytes as sinew wrote them; `publish` puts
//! the rest of the tree beside them and swaps or updates the output (`publish.rs`). Dropped without being
//! published (a build with errors, a panic), it removes its staging folder: the output is never touched
//! before the build has succeeded.

use super::lock::OutputLock;
use super::manifest::{self, OnDisk, Record};
use super::publish::{io_error, remove};
use crate::diag::Diagnostic;
use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// An output folder being published, with its lock held.
pub(crate) struct Spool {
    pub(super) out: PathBuf,
    pub(super) staging: PathBuf,
    pub(super) old: PathBuf,
    pub(super) state_file: PathBuf,
    /// What the output folder holds, by its manifest (`None` for a new folder or one that is not sinew's).
    pub(super) previous: Option<HashMap<String, Record>>,
    /// Said to the user after publishing (a staging folder left by an interrupted build, removed).
    pub(super) notices: Vec<String>,
    _lock: OutputLock,
}

/// A page given to the spool: its manifest fingerprint, and its size and time in the staging folder, or
/// `None` when it was not written because the output already holds these bytes.
#[derive(Debug, Clone)]
pub(crate) struct Staged {
    pub(super) fingerprint: String,
    pub(super) written: Option<OnDisk>,
}

impl Spool {
    /// Takes the output folder's lock (waiting for another build that holds it), removes what an
    /// interrupted build left beside it, and reads its manifest.
    pub(crate) fn open(out: &Path) -> Result<Spool, Diagnostic> {
        let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io_error("cannot create the folder", parent, &e))?;
        let lock = OutputLock::acquire(parent, &name)?;
        let staging = parent.join(format!(".{name}.sinew-staging"));
        let old = parent.join(format!(".{name}.sinew-old"));
        let state_file = parent.join(format!(".{name}.sinew-state"));
        let mut notices = Vec::new();
        // With the lock held, no other build is using these: they are left by one that was interrupted.
        for leftover in [&staging, &old] {
            if leftover.symlink_metadata().is_ok() {
                remove(leftover)?;
                notices.push(format!("removed {} left by an interrupted build", leftover.display()));
            }
        }
        std::fs::create_dir(&staging).map_err(|e| io_error("cannot create the staging folder", &staging, &e))?;
        let previous = if out.is_dir() { manifest::read(out, &state_file) } else { None };
        Ok(Spool { out: out.to_path_buf(), staging, old, state_file, previous, notices, _lock: lock })
    }

    /// Writes a rendered page at `path` (inside the output) into the staging folder, unless the output holds
    /// these very bytes there, untouched since sinew wrote them (the manifest's fingerprint, and the size and
    /// time of the state file). Called from the render jobs, side by side.
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> Result<Staged, Diagnostic> {
        let fingerprint = manifest::bytes_fingerprint(bytes);
        let kept = self.previous.as_ref().and_then(|previous| previous.get(path)).is_some_and(|record| {
            let there = self.out.join(path);
            let Some(meta) = std::fs::symlink_metadata(&there).ok().filter(std::fs::Metadata::is_file) else {
                return false;
            };
            // Untouched since it was written, or touched but holding the same bytes.
            record.fingerprint == fingerprint
                && (record.on_disk == Some(OnDisk::of(&meta))
                    || (meta.len() == bytes.len() as u64 && std::fs::read(&there).is_ok_and(|found| found == bytes)))
        });
        if kept {
            return Ok(Staged { fingerprint, written: None });
        }
        let target = self.staging.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).map_err(|e| io_error("cannot create the folder", folder, &e))?;
        }
        let written = std::fs::File::create(&target).and_then(|mut file| {
            file.write_all(bytes)?;
            file.metadata()
        });
        let meta = written.map_err(|e| io_error("cannot write", &target, &e))?;
        Ok(Staged { fingerprint, written: Some(OnDisk::of(&meta)) })
    }
}

impl Drop for Spool {
    /// A spool dropped unpublished takes its staging folder with it (after a swap there is none left).
    fn drop(&mut self) {
        if self.staging.symlink_metadata().is_ok() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}
