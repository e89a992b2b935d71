//! WRITE: the built site as an in-memory tree (output path -> bytes), and publishing it to a folder.

pub(crate) mod link_check;
mod lock;
mod manifest;
mod publish;
mod safety;
mod spool;

pub(crate) use safety::check_out_dir;
pub(crate) use spool::{Spool, Staged};

use crate::diag::{Diagnostic, Kind};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub(crate) enum Contents {
    Bytes(Cow<'static, [u8]>),
    /// Bytes also held elsewhere (the preview server's cache of rendered pages).
    Shared(Arc<[u8]>),
    /// A static file, copied from disk when published.
    Copy(PathBuf),
    /// A page already written to the publish's staging folder as it was rendered (`Spool`), or found
    /// unchanged in the output: only its fingerprint is kept, not its bytes.
    Staged(Staged),
}

/// Where a file's contents are, whatever holds them: what writing, fingerprinting and serving need.
pub(crate) enum Data<'a> {
    Memory(&'a [u8]),
    Disk(&'a std::path::Path),
    /// In the staging folder of the build's `Spool`, at its own path there.
    Staged(&'a Staged),
}

impl Contents {
    pub(crate) fn data(&self) -> Data<'_> {
        match self {
            Contents::Bytes(bytes) => Data::Memory(bytes),
            Contents::Shared(bytes) => Data::Memory(bytes),
            Contents::Copy(source) => Data::Disk(source),
            Contents::Staged(staged) => Data::Staged(staged),
        }
    }

    /// The bytes, unless they are a file still on disk.
    pub(crate) fn in_memory(&self) -> Option<&[u8]> {
        match self.data() {
            Data::Memory(bytes) => Some(bytes),
            Data::Disk(_) | Data::Staged(_) => None,
        }
    }
}

/// The media type of a file by its extension (`text/css`), without parameters; `application/octet-stream`
/// when unknown. Shared by the preview server and the handouts' `data:` URLs.
pub(crate) fn media_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match extension.as_str() {
        "html" => "text/html",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[derive(Debug, Clone)]
pub(crate) struct OutputFile {
    pub contents: Contents,
    /// What produced it, for collision messages: a content file, a template, a static file.
    pub origin: String,
}

/// Every file of the built site, by its path inside the output folder (`stretches/figure-four/index.html`).
#[derive(Debug, Default, Clone)]
pub(crate) struct OutputTree {
    files: BTreeMap<String, OutputFile>,
}

impl OutputTree {
    /// Adds a file; two generated files at one path are an error naming both origins.
    pub(crate) fn insert(&mut self, path: String, file: OutputFile) -> Result<(), Diagnostic> {
        match self.files.entry(path) {
            std::collections::btree_map::Entry::Occupied(existing) => Err(Diagnostic::error(
                Kind::Output,
                format!(
                    "two things would be written to /{}: {} and {}",
                    existing.key(),
                    existing.get().origin,
                    file.origin
                ),
            )
            .help("rename one of them so each page has its own address")),
            std::collections::btree_map::Entry::Vacant(place) => {
                place.insert(file);
                Ok(())
            }
        }
    }

    /// Adds a file that may replace an earlier one (a site's static file over the theme's).
    pub(crate) fn replace(&mut self, path: String, file: OutputFile) {
        self.files.insert(path, file);
    }

    /// Takes a file out (to publish it under another name).
    pub(crate) fn remove(&mut self, path: &str) -> Option<OutputFile> {
        self.files.remove(path)
    }

    pub(crate) fn get(&self, path: &str) -> Option<&OutputFile> {
        self.files.get(path)
    }

    pub(crate) fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&String, &OutputFile)> {
        self.files.iter()
    }

    /// Every file, taken out of the tree.
    pub(crate) fn into_files(self) -> impl Iterator<Item = (String, OutputFile)> {
        self.files.into_iter()
    }
}
