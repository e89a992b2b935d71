//! WRITE: the built site as an in-memory tree (output path -> bytes), and publishing it to a folder.

mod manifest;
mod publish;
mod safety;

pub use publish::publish;
pub use safety::check_out_dir;

use crate::diag::Diagnostic;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Cow<'static, [u8]>),
    /// Bytes also held elsewhere (the preview server's cache of rendered pages).
    Shared(Arc<[u8]>),
    /// A static file, copied from disk when published.
    Copy(PathBuf),
}

impl Contents {
    /// The bytes, unless they are a file still on disk.
    pub fn in_memory(&self) -> Option<&[u8]> {
        match self {
            Contents::Bytes(bytes) => Some(bytes),
            Contents::Shared(bytes) => Some(bytes),
            Contents::Copy(_) => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct OutputFile {
    pub contents: Contents,
    /// What produced it, for collision messages: a content file, a template, a static file.
    pub origin: String,
}

/// Every file of the built site, by its path inside the output folder (`stretches/figure-four/index.html`).
#[derive(Debug, Default, Clone)]
pub struct OutputTree {
    files: BTreeMap<String, OutputFile>,
}

impl OutputTree {
    /// Adds a file; two generated files at one path are an error naming both origins.
    pub fn insert(&mut self, path: String, file: OutputFile) -> Result<(), Diagnostic> {
        if let Some(existing) = self.files.get(&path) {
            return Err(Diagnostic::error(format!(
                "two things would be written to /{path}: {} and {}",
                existing.origin, file.origin
            ))
            .help("rename one of them so each page has its own address"));
        }
        self.files.insert(path, file);
        Ok(())
    }

    /// Adds a file that may replace an earlier one (a site's static file over the theme's).
    pub fn replace(&mut self, path: String, file: OutputFile) {
        self.files.insert(path, file);
    }

    pub fn get(&self, path: &str) -> Option<&OutputFile> {
        self.files.get(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &OutputFile)> {
        self.files.iter()
    }
}
