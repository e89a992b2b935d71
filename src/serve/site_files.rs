//! The author's files as the editor touches them: only inside content/ (and static/images/ for pictures),
//! never through a link, and written whole or not at all (a hidden temporary file beside the file, renamed
//! over it).

use std::path::{Path, PathBuf};

/// The absolute path of a content file the editor may touch: inside the site's content/ folder (after
/// resolving any links in the folders above it), and itself a plain file, not a link.
pub(super) fn confined(root: &Path, file: &Path) -> Result<PathBuf, String> {
    let content = std::fs::canonicalize(root.join("content")).map_err(|e| format!("cannot open content/: {e}"))?;
    let path = root.join(file);
    let parent = path.parent().and_then(|p| std::fs::canonicalize(p).ok()).ok_or("the file's folder is gone")?;
    let name = path.file_name().ok_or("not a file")?;
    if !parent.starts_with(&content) {
        return Err(format!("{} is outside content/, so the editor will not touch it", file.display()));
    }
    let path = parent.join(name);
    let meta = std::fs::symlink_metadata(&path).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if !meta.file_type().is_file() {
        return Err(format!(
            "{} is a link or not a plain file, so the editor will not write through it",
            file.display()
        ));
    }
    Ok(path)
}

pub(super) fn read_entry_file(root: &Path, file: &Path) -> Result<Vec<u8>, String> {
    let path = confined(root, file)?;
    std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", file.display()))
}

/// Writes `bytes` over `file` atomically (a hidden temporary file beside it, renamed over it), unless the
/// file changed since it was read as `expected`.
pub(super) fn write_entry_file(root: &Path, file: &Path, bytes: &[u8], expected: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    let path = confined(root, file)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.sinew-{}.tmp", std::process::id()));
    let written = (|| {
        let mut out = std::fs::OpenOptions::new().write(true).create_new(true).open(&temporary)?;
        out.write_all(bytes)?;
        out.sync_all()?;
        if let Ok(meta) = std::fs::metadata(&path) {
            std::fs::set_permissions(&temporary, meta.permissions())?;
        }
        Ok::<_, std::io::Error>(())
    })();
    let result = written.map_err(|e| format!("cannot write {}: {e}", file.display())).and_then(|()| {
        // Checked once more just before the rename: a save from another editor in the meantime wins.
        if std::fs::read(&path).ok().as_deref() != Some(expected) {
            return Err(format!("{} changed on disk while saving; nothing was written", file.display()));
        }
        std::fs::rename(&temporary, &path).map_err(|e| format!("cannot write {}: {e}", file.display()))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}
