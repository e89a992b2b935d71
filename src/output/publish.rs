//! Publishing the tree to the output folder, so that a failure never leaves a half-written site.
//!
//! First build (or an output folder that changed wholesale): everything is written into a staging folder
//! beside the output, which then replaces it with two renames. Later builds: only the files whose
//! fingerprint changed are written, first into the staging folder (a full disk fails here, with the output
//! untouched), then renamed into place one by one; stale files are removed, and so is anything changed by
//! hand since it was written (its size or time differs from the manifest and its bytes from the build's).
//! One publish at a time holds the folder's lock (`lock.rs`). An interrupted publish leaves a staging folder
//! that the next run removes, with a notice, before it brings every file up to date.
//!
//! The guarantee: each file is replaced whole (a reader never sees half a file), and a failed build changes
//! nothing; a publish killed halfway through leaves some pages new and some old until the next build, which
//! repairs them all.

use super::lock::OutputLock;
use super::manifest::{self, MANIFEST, OnDisk, Record};
use super::{Data, OutputFile, OutputTree};
use crate::diag::{Diagnostic, Kind};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What publishing did that the user should hear about.
#[derive(Debug, Default)]
pub(crate) struct Published {
    pub notices: Vec<String>,
    pub files: usize,
    /// Files actually written (the rest were already up to date).
    pub written: usize,
    pub removed: usize,
}

pub(crate) fn publish(tree: &OutputTree, out: &Path) -> Result<Published, Diagnostic> {
    let mut published = Published { files: tree.len(), ..Published::default() };
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| io_error("cannot create the folder", parent, &e))?;
    let _lock = OutputLock::acquire(parent, &name)?;
    let staging = parent.join(format!(".{name}.sinew-staging"));
    let old = parent.join(format!(".{name}.sinew-old"));
    let state_file = parent.join(format!(".{name}.sinew-state"));
    // With the lock held, no other build is using these: they are left by one that was interrupted.
    for leftover in [&staging, &old] {
        if leftover.symlink_metadata().is_ok() {
            remove(leftover)?;
            published.notices.push(format!("removed {} left by an interrupted build", leftover.display()));
        }
    }

    let fingerprints: Vec<(&String, String)> =
        tree.iter().collect::<Vec<_>>().par_iter().map(|(path, file)| (*path, manifest::fingerprint(file))).collect();
    let previous = if out.is_dir() { manifest::read(out, &state_file) } else { None };
    let changed = match &previous {
        Some(previous) => fingerprints
            .iter()
            .filter(|(path, fingerprint)| previous.get(path.as_str()).is_none_or(|r| &r.fingerprint != fingerprint))
            .count(),
        None => fingerprints.len(),
    };
    match previous {
        Some(previous) if changed * 2 <= fingerprints.len() => {
            let (written, removed) = update_in_place(tree, &fingerprints, &previous, out, &staging, &state_file)?;
            published.written = written;
            published.removed = removed;
        }
        _ => {
            published.written = fingerprints.len();
            replace_whole(tree, &fingerprints, out, &staging, &old, &state_file)?;
        }
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
    state_file: &Path,
) -> Result<(), Diagnostic> {
    let all: Vec<(&String, &OutputFile)> = tree.iter().collect();
    let written = create_dir(staging).and_then(|()| write_files(staging, &all, |path| PathBuf::from(path)));
    let written = match written {
        Ok(on_disk) => records(fingerprints, |i| Some(on_disk[i])),
        Err(error) => {
            let _ = std::fs::remove_dir_all(staging);
            return Err(error);
        }
    };
    // Written before the swap and without the sizes and times: until the swap, they describe another tree.
    let (manifest, _) = manifest::render(&records(fingerprints, |_| None));
    if let Err(error) = write_text(&staging.join(MANIFEST), &manifest).and_then(|()| write_text(state_file, "")) {
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
    write_text(state_file, &manifest::render(&written).1)
}

/// Writes the changed files into `staging` under numbered names, then renames each into place and removes
/// files the tree no longer has. Returns (files written, files removed).
fn update_in_place(
    tree: &OutputTree,
    fingerprints: &[(&String, String)],
    previous: &HashMap<String, Record>,
    out: &Path,
    staging: &Path,
    state_file: &Path,
) -> Result<(usize, usize), Diagnostic> {
    // Whatever is on disk but not in the tree goes, and so does anything that is not a plain file or folder
    // (a symlink is removed, never followed). A file missing from disk is rewritten even if the manifest has it.
    let wanted: HashSet<&str> = fingerprints.iter().map(|(p, _)| p.as_str()).collect();
    let mut present: HashMap<String, OnDisk> = HashMap::new();
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1).follow_links(false) {
        let entry =
            entry.map_err(|e| Diagnostic::error(Kind::Output, format!("cannot read the output folder: {e}")))?;
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        let kind = entry.file_type();
        if kind.is_symlink() || (kind.is_file() && !wanted.contains(rel.as_str()) && rel != MANIFEST) {
            stale.push(entry.path().to_path_buf());
        } else if kind.is_file() && rel != MANIFEST {
            let meta = entry.metadata().map_err(|e| io_error("cannot read", entry.path(), &e.into()))?;
            present.insert(rel, OnDisk::of(&meta));
        }
    }
    // Written again: what changed, what is missing, and what is no longer as it was written.
    let to_write: BTreeSet<usize> = (0..fingerprints.len())
        .into_par_iter()
        .filter(|&i| {
            let (path, fingerprint) = &fingerprints[i];
            let (Some(record), Some(on_disk)) = (previous.get(path.as_str()), present.get(path.as_str())) else {
                return true;
            };
            &record.fingerprint != fingerprint
                || (record.on_disk != Some(*on_disk)
                    && !same_bytes(&out.join(path), tree.get(path).expect("in the tree")))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let files: Vec<(&String, &OutputFile)> = to_write
        .iter()
        .map(|&i| {
            let path = fingerprints[i].0;
            (path, tree.get(path).expect("fingerprinted from the tree"))
        })
        .collect();

    let staged = create_dir(staging).and_then(|()| write_files(staging, &files, |_| PathBuf::new()));
    let staged_on_disk = match staged {
        Ok(on_disk) => on_disk,
        Err(error) => {
            let _ = std::fs::remove_dir_all(staging);
            return Err(error);
        }
    };
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
    let written: HashMap<usize, OnDisk> = to_write.iter().copied().zip(staged_on_disk).collect();
    let records =
        records(fingerprints, |i| written.get(&i).or_else(|| present.get(fingerprints[i].0.as_str())).copied());
    let (manifest, state_text) = manifest::render(&records);
    write_text(&staging.join(MANIFEST), &manifest)?;
    std::fs::rename(staging.join(MANIFEST), out.join(MANIFEST))
        .map_err(|e| io_error("cannot move into place", &out.join(MANIFEST), &e))?;
    write_text(state_file, &state_text)?;
    std::fs::remove_dir_all(staging).map_err(|e| io_error("cannot remove", staging, &e))?;
    remove_empty_folders(out);
    Ok((files.len(), stale.len()))
}

/// Whether a file on disk that no longer looks as it was written still holds what the build would write.
/// A copied static file is simply copied again.
fn same_bytes(on_disk: &Path, file: &OutputFile) -> bool {
    match file.contents.data() {
        Data::Memory(bytes) => std::fs::read(on_disk).is_ok_and(|found| found == bytes),
        Data::Disk(_) => false,
    }
}

fn records<'a>(
    fingerprints: &[(&'a String, String)],
    on_disk: impl Fn(usize) -> Option<OnDisk>,
) -> Vec<(&'a String, Record)> {
    fingerprints
        .iter()
        .enumerate()
        .map(|(i, (path, fingerprint))| (*path, Record { fingerprint: fingerprint.clone(), on_disk: on_disk(i) }))
        .collect()
}

fn create_dir(dir: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir(dir).map_err(|e| io_error("cannot create the staging folder", dir, &e))
}

/// Writes `files` under `dir`; `layout` maps a tree path to its place there (the empty path means "numbered").
/// Returns each written file's size and time, in the order of `files`.
fn write_files(
    dir: &Path,
    files: &[(&String, &OutputFile)],
    layout: impl Fn(&str) -> PathBuf + Sync,
) -> Result<Vec<OnDisk>, Diagnostic> {
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
    files
        .par_iter()
        .zip(targets.par_iter())
        .map(|((_, file), target)| {
            let result = match file.contents.data() {
                Data::Memory(bytes) => std::fs::File::create(target).and_then(|mut written| {
                    std::io::Write::write_all(&mut written, bytes)?;
                    written.metadata()
                }),
                Data::Disk(source) => std::fs::copy(source, target).and_then(|_| std::fs::metadata(target)),
            };
            result.map(|meta| OnDisk::of(&meta)).map_err(|e| io_error("cannot write", target, &e))
        })
        .collect()
}

fn write_text(path: &Path, text: &str) -> Result<(), Diagnostic> {
    std::fs::write(path, text).map_err(|e| io_error("cannot write", path, &e))
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

pub(super) fn io_error(what: &str, path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Kind::Output, format!("{what} {}: {error}", path.display()))
        .help("check that the folder exists, is writable and the disk is not full; the previous output is untouched")
}
