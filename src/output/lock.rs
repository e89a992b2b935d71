//! One publish at a time into an output folder. Two builds started at once (a `sinew build` and a
//! `sinew build --drafts` from a script or an editor task) would otherwise delete each other's staging folder
//! and mix their files. The lock is a file beside the output (`.public.sinew-lock`) held with `flock(2)`
//! through `File::lock`: the kernel releases it when its holder exits, however it exits, so a build killed
//! with `kill -9` never leaves a lock behind, and a staging folder found while holding the lock is truly
//! left by an interrupted build.

use super::publish::io_error;
use crate::diag::Diagnostic;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::Path;

/// Held while publishing; released when dropped (or when the process ends).
pub(super) struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Takes the lock of the output folder `name` in `parent`, waiting (with a note saying for whom) while
    /// another build holds it.
    pub(super) fn acquire(parent: &Path, name: &str) -> Result<OutputLock, Diagnostic> {
        let path = parent.join(format!(".{name}.sinew-lock"));
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io_error("cannot create the lock file", &path, &e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                let holder = holder.trim();
                let who = if holder.is_empty() { String::new() } else { format!(" (process {holder})") };
                // Said at once, not with the build's other notes: the wait may be long, and unexplained.
                eprintln!(
                    "note: another sinew build{who} is writing into {}; waiting for it to finish",
                    parent.join(name).display()
                );
                file.lock().map_err(|e| io_error("cannot lock", &path, &e))?;
            }
            Err(TryLockError::Error(e)) => return Err(io_error("cannot lock", &path, &e)),
        }
        // Who holds it, for the note above; a failure here costs only that note.
        let _ = file.set_len(0).and_then(|()| write!(file, "{}", std::process::id()));
        Ok(OutputLock { _file: file })
    }
}
