//! Publishing the tree to the output folder, so that a failure never leaves a half-written site.
//!
//! First build (or an output folder that changed wholesale): everything is written into a staging folder
//! beside the output (the pages as they were rendered, `spool.rs`), which then replaces it with two renames.
//! Later builds: only the files whose fingerprint changed are written, first into the staging folder (a full disk fails here, with the output
//! untouched), then renamed into place one by one; stale files are removed, and so is anything changed by
//! hand since it was written (its size or time differs from the manifest and its bytes from the build's).
//! One publish at a time holds the folder's lock (`lock.rs`). An interrupted publish leaves a staging folder
//! that the next run removes, with a notice, before it brings every file up to date.
//!
//! The guarantee: each file is replaced whole (a reader never sees half a file), and a failed build changes
//! nothing; a publish killed halfway through leaves some pages new and some old until the next build, which
//! repairs them all.

use super::manifest::{self, MANIFEST, OnDisk, Record};
use super::spool::{Spool, Staged};
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

impl Spool {
    /// Publishes `tree`, whose pages this spool may already hold (`Contents::Staged`): the output is replaced
    /// whole when most of it changed, or else updated file by file.
    pub(crate) fn publish(mut self, tree: &OutputTree) -> Result<Published, Diagnostic> {
        let notices = std::mem::take(&mut self.notices);
        let mut published = Published { files: tree.len(), notices, ..Published::default() };
        let fingerprints: Vec<(&String, String)> = tree
            .iter()
            .collect::<Vec<_>>()
            .par_iter()
            .map(|(path, file)| (*path, manifest::fingerprint(file)))
            .collect();
        let previous = self.previous.take();
        let changed = match &previous {
            Some(previous) => fingerprints
                .iter()
                .filter(|(path, fingerprint)| previous.get(path.as_str()).is_none_or(|r| &r.fingerprint != fingerprint))
                .count(),
            None => fingerprints.len(),
        };
        match previous {
            Some(previous) if changed * 2 <= fingerprints.len() => {
                let (written, removed) = self.update_in_place(tree, &fingerprints, &previous)?;
                published.written = written;
                published.removed = removed;
            }
            _ => {
                published.written = fingerprints.len();
                self.replace_whole(tree, &fingerprints)?;
            }
        }
        Ok(published)
    }

    /// Completes the staging folder with the rest of the tree, then swaps it with the output.
    fn replace_whole(&self, tree: &OutputTree, fingerprints: &[(&String, String)]) -> Result<(), Diagnostic> {
        let (out, staging, old, state_file) = (&self.out, &self.staging, &self.old, &self.state_file);
        let all: Vec<(&String, &OutputFile)> = tree.iter().collect();
        let on_disk = write_files(staging, Some(out), &all)?;
        let written = records(fingerprints, |i| Some(on_disk[i]));
        // Written before the swap and without the sizes and times: until the swap, they describe another tree.
        let (manifest, _) = manifest::render(&records(fingerprints, |_| None));
        write_text(&staging.join(MANIFEST), &manifest).and_then(|()| write_text(state_file, ""))?;
        let had_output = out.symlink_metadata().is_ok();
        if had_output {
            std::fs::rename(out, old).map_err(|e| io_error("cannot move the previous output aside", out, &e))?;
        }
        if let Err(e) = std::fs::rename(staging, out) {
            if had_output {
                let _ = std::fs::rename(old, out);
            }
            return Err(io_error("cannot move the new output into place", out, &e));
        }
        if had_output {
            remove(old)?;
        }
        write_text(state_file, &manifest::render(&written).1)
    }

    /// Puts the changed files into the staging folder (pages the spool wrote are there already), then renames
    /// each into place and removes files the tree no longer has. Returns (files written, files removed).
    fn update_in_place(
        &self,
        tree: &OutputTree,
        fingerprints: &[(&String, String)],
        previous: &HashMap<String, Record>,
    ) -> Result<(usize, usize), Diagnostic> {
        let (out, staging, state_file) = (&self.out, &self.staging, &self.state_file);
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

        let staged_on_disk = write_files(staging, None, &files)?;
        for symlink_or_file in &stale {
            remove(symlink_or_file)?;
        }
        for (path, _) in &files {
            let target = out.join(path);
            if let Some(folder) = target.parent() {
                std::fs::create_dir_all(folder).map_err(|e| io_error("cannot create the folder", folder, &e))?;
            }
            std::fs::rename(staging.join(path), &target)
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
}

/// Whether a file on disk that no longer looks as it was written still holds what the build would write.
/// A copied static file is simply copied again.
fn same_bytes(on_disk: &Path, file: &OutputFile) -> bool {
    match file.contents.data() {
        Data::Memory(bytes) => std::fs::read(on_disk).is_ok_and(|found| found == bytes),
        // The spool compared them as it was given the page.
        Data::Staged(staged) => staged.written.is_none(),
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

/// Puts `files` in the staging folder `dir`, each at its own path there; returns each one's size and time, in
/// the order of `files`. A page the spool wrote is there already; one it found unchanged in the output is
/// linked from `output` (a whole new folder is being made), or is not among `files` (an update in place).
fn write_files(dir: &Path, output: Option<&Path>, files: &[(&String, &OutputFile)]) -> Result<Vec<OnDisk>, Diagnostic> {
    let targets: Vec<PathBuf> = files.iter().map(|(path, _)| dir.join(path)).collect();
    let folders: BTreeSet<&Path> = targets.iter().filter_map(|t| t.parent()).collect();
    for folder in folders {
        std::fs::create_dir_all(folder).map_err(|e| io_error("cannot create the folder", folder, &e))?;
    }
    files
        .par_iter()
        .zip(targets.par_iter())
        .map(|((path, file), target)| {
            let result = match file.contents.data() {
                Data::Memory(bytes) => std::fs::File::create(target).and_then(|mut written| {
                    std::io::Write::write_all(&mut written, bytes)?;
                    written.metadata()
                }),
                Data::Disk(source) => std::fs::copy(source, target).and_then(|_| std::fs::metadata(target)),
                Data::Staged(Staged { written: Some(on_disk), .. }) => return Ok(*on_disk),
                Data::Staged(Staged { written: None, .. }) => match output {
                    Some(output) => {
                        let kept = output.join(path);
                        std::fs::hard_link(&kept, target)
                            .or_else(|_| std::fs::copy(&kept, target).map(|_| ()))
                            .and_then(|()| std::fs::metadata(target))
                    }
                    None => Err(std::io::Error::other("changed in the output folder during the build; build again")),
                },
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

pub(super) fn remove(path: &Path) -> Result<(), Diagnostic> {
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
