//! Refuses output folders a user would lose: the site itself, its sources, a parent of it, the home folder,
//! the file system root, or a non-empty folder sinew did not create.

use crate::diag::Diagnostic;
use std::path::{Component, Path, PathBuf};

use super::manifest::MANIFEST as MARKER;

/// Checks `out` (as given by the user, relative to the current folder or absolute) before anything is touched.
pub(crate) fn check_out_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            crate::diag::Kind::Output,
            format!("refusing to use {} as the output folder: {why}", out.display()),
        )
        .help("choose a new folder, e.g. --out public"))
    };
    let root_abs = absolute(root);
    let out_abs = absolute(out);
    if out_abs.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home) == out_abs
    {
        return refuse("it is your home folder");
    }
    if out.as_os_str() == "~" || out.starts_with("~") {
        return refuse("`~` is not expanded here; write the full path");
    }
    if root_abs.starts_with(&out_abs) {
        return refuse("it holds the site itself");
    }
    for source in ["content", "templates", "static", "themes", "site.yaml", ".sinew-cache", ".git"] {
        if out_abs.starts_with(root_abs.join(source)) {
            return refuse(&format!("it is inside the site's {source}"));
        }
    }
    if out_abs.is_file() {
        return refuse("it is a file");
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).exists() {
        let non_empty = std::fs::read_dir(&out_abs).map_or(true, |mut d| d.next().is_some());
        if non_empty {
            return refuse("it is a folder with files that sinew did not create");
        }
    }
    Ok(())
}

/// The path as the file system will resolve it: absolute, with every symbolic link in the part that exists
/// followed (`outer/c/sub`, where `outer/c` links to `../content`, is judged as `content/sub`), and the
/// part that does not exist yet normalised without touching the disk (no `.` or `..`).
pub(super) fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    // The longest leading part that exists, resolved as the kernel resolves it (a `..` after a link goes up
    // from the link's target); the rest does not exist yet, so it holds no link and is normalised by hand.
    let components: Vec<Component> = joined.components().collect();
    for split in (1..=components.len()).rev() {
        let head: PathBuf = components[..split].iter().collect();
        if let Ok(mut out) = std::fs::canonicalize(&head) {
            for component in &components[split..] {
                match component {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return out;
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_site_its_sources_and_parents() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir(root.join("content")).unwrap();
        for bad in
            [root.to_path_buf(), root.join("content"), root.join("content/x"), root.join(".."), PathBuf::from("/")]
        {
            assert!(check_out_dir(root, &bad).is_err(), "{} was accepted", bad.display());
        }
        assert!(check_out_dir(root, &root.join("public")).is_ok());
        std::fs::create_dir(root.join("notes")).unwrap();
        std::fs::write(root.join("notes/todo.txt"), "mine").unwrap();
        assert!(check_out_dir(root, &root.join("notes")).is_err());
    }
}
