//! Publishing the tree to the output folder, so that a failure never leaves a half-written site.
//!
//! First build (or an output folder that changed wholesale): everything is written into a staging folder
//! beside the output, which then replaces it with two renames. Later builds: only the files whose
//! fingerprint changed are written, first into the staging folder (a full disk fails here, with the output
//! untouched), then renamed into place one by one; stale files are removed. An interrupted publish leaves a
//! staging folder that the next run removes, with a notice, before it brings every file up to date.

use super::manifest::{self, MANIFEST};
use super::{Data, OutputFile, OutputTree};
use crate::diag::Diagnostic;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// What publishing did that the user should hear about.
#[derive(Debug, Default)]
pub struct Published {
    pub notices: Vec<String>,
    pub files: usize,
    /// Files actually written (the rest were already up to date).
    pub written: usize,
    pub removed: usize,
}

pub fn publish(tree: &OutputTree, out: &Path) -> Result<Published, Diagnostic> {
    let mut published = Published { files: tree.len(), ..Published::default() };
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| io_error("cannot create the folder", parent, &e))?;
    let staging = parent.join(format!(".{name}.sinew-staging"));
    let old = parent.join(format!(".{name}.sinew-old"));
    for leftover in [&staging, &old] {
        if leftover.symlink_metadata().is_ok() {
            remove(leftover)?;
            published.notices.push(format!("removed {} left by an interrupted build", leftover.display()));
        }
    }

    let fingerprints: Vec<(&String, String)> =
        tree.iter().collect::<Vec<_>>().par_iter().map(|(path, file)| (*path, manifest::fingerprint(file))).collect();
    let previous = if out.is_dir() { manifest::read(out) } else { None };
    let changed: Vec<usize> = match &previous {
        Some(previous) => (0..fingerprints.len())
            .filter(|&i| previous.get(fingerprints[i].0.as_str()) != Some(&fingerprints[i].1))
            .collect(),
        None => (0..fingerprints.len()).collect(),
    };
    if previous.is_none() || changed.len() * 2 > fingerprints.len() {
        published.written = fingerprints.len();
        replace_whole(tree, &fingerprints, out, &staging, &old)?;
    } else {
        let (written, removed) = update_in_place(tree, &fingerprints, &changed, out, &staging)?;
        published.written = written;
        published.removed = removed;
    }
    Ok(published)
}

/// Writes the whole tree into `staging`, then swaps it with the output.
fn replace_whole(
    tree: &OutputTree,
    fingerprints: &[(&String, String)],
    out: &Path,
    staging: &Path,
    old: &Path,
) -> Result<(), Diagnostic> {
    let all: Vec<(&String, &OutputFile)> = tree.iter().collect();
    let written = create_dir(staging).and_then(|()| write_files(staging, &all, |path| PathBuf::from(path)));
    let written = written.and_then(|()| write_manifest(staging, fingerprints));
    if let Err(error) = written {
        let _ = std::fs::remove_dir_all(staging);
        return Err(error);
    }
    let had_output = out.symlink_metadata().is_ok();
    if had_output {
        std::fs::rename(out, old).map_err(|e| {
            let _ = std::fs::remove_dir_all(staging);
            io_error("cannot move the previous output aside", out, &e)
        })?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_output {
            let _ = std::fs::rename(old, out);
        }
        let _ = std::fs::remove_dir_all(staging);
        return Err(io_error("cannot move the new output into place", out, &e));
    }
    if had_output {
        remove(old)?;
    }
    Ok(())
}

/// Writes the changed files into `staging` under numbered names, then renames each into place and removes
/// files the tree no longer has. Returns (files written, files removed).
fn update_in_place(
    tree: &OutputTree,
    fingerprints: &[(&String, String)],
    changed: &[usize],
    out: &Path,
    staging: &Path,
) -> Result<(usize, usize), Diagnostic> {
    // Whatever is on disk but not in the tree goes, and so does anything that is not a plain file or folder
    // (a symlink is removed, never followed). A file missing from disk is rewritten even if the manifest has it.
    let wanted: HashSet<&str> = fingerprints.iter().map(|(p, _)| p.as_str()).collect();
    let mut present = HashSet::new();
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1).follow_links(false) {
        let entry = entry.map_err(|e| Diagnostic::error(format!("cannot read the output folder: {e}")))?;
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        let kind = entry.file_type();
        if kind.is_symlink() || (kind.is_file() && !wanted.contains(rel.as_str()) && rel != MANIFEST) {
            stale.push(entry.path().to_path_buf());
        } else if kind.is_file() {
            present.insert(rel);
        }
    }
    let mut to_write: BTreeSet<usize> = changed.iter().copied().collect();
    to_write.extend((0..fingerprints.len()).filter(|&i| !present.contains(fingerprints[i].0.as_str())));
    let files: Vec<(&String, &OutputFile)> = to_write
        .iter()
        .map(|&i| {
            let path = fingerprints[i].0;
            (path, tree.get(path).expect("fingerprinted from the tree"))
        })
        .collect();

    let staged = create_dir(staging).and_then(|()| write_files(staging, &files, |_| PathBuf::new()));
    if let Err(error) = staged {
        let _ = std::fs::remove_dir_all(staging);
        return Err(error);
    }
    for symlink_or_file in &stale {
        remove(symlink_or_file)?;
    }
    for (index, (path, _)) in files.iter().enumerate() {
        let target = out.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).map_err(|e| io_error("cannot create the folder", folder, &e))?;
        }
        std::fs::rename(staging.join(index.to_string()), &target)
            .map_err(|e| io_error("cannot move into place", &target, &e))?;
    }
    write_manifest(staging, fingerprints)?;
    std::fs::rename(staging.join(MANIFEST), out.join(MANIFEST))
        .map_err(|e| io_error("cannot move into place", &out.join(MANIFEST), &e))?;
    std::fs::remove_dir_all(staging).map_err(|e| io_error("cannot remove", staging, &e))?;
    remove_empty_folders(out);
    Ok((files.len(), stale.len()))
}

fn create_dir(dir: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir(dir).map_err(|e| io_error("cannot create the staging folder", dir, &e))
}

/// Writes `files` under `dir`; `layout` maps a tree path to its place there (the empty path means "numbered").
fn write_files(
    dir: &Path,
    files: &[(&String, &OutputFile)],
    layout: impl Fn(&str) -> PathBuf + Sync,
) -> Result<(), Diagnostic> {
    let targets: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, (path, _))| {
            let place = layout(path);
            dir.join(if place.as_os_str().is_empty() { PathBuf::from(i.to_string()) } else { place })
        })
        .collect();
    let folders: BTreeSet<&Path> = targets.iter().filter_map(|t| t.parent()).collect();
    for folder in folders {
        std::fs::create_dir_all(folder).map_err(|e| io_error("cannot create the folder", folder, &e))?;
    }
    files.par_iter().zip(targets.par_iter()).try_for_each(|((_, file), target)| {
        let result = match file.contents.data() {
            Data::Memory(bytes) => std::fs::write(target, bytes),
            Data::Disk(source) => std::fs::copy(source, target).map(|_| ()),
        };
        result.map_err(|e| io_error("cannot write", target, &e))
    })
}

fn write_manifest(dir: &Path, fingerprints: &[(&String, String)]) -> Result<(), Diagnostic> {
    let path = dir.join(MANIFEST);
    std::fs::write(&path, manifest::render(fingerprints)).map_err(|e| io_error("cannot write", &path, &e))
}

fn remove_empty_folders(dir: &Path) {
    let folders: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .contents_first(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    for folder in folders {
        // Fails, harmlessly, for any folder that still has files.
        let _ = std::fs::remove_dir(folder);
    }
}

fn remove(path: &Path) -> Result<(), Diagnostic> {
    let result = if path.symlink_metadata().is_ok_and(|m| m.is_dir()) {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    result.map_err(|e| io_error("cannot remove", path, &e))
}

fn io_error(what: &str, path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("{what} {}: {error}", path.display()))
        .help("check that the folder exists, is writable and the disk is not full; the previous output is untouched")
}
