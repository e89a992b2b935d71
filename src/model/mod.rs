//! PARSE: typed, validated entries from decoded source files. No I/O here, and no templates.

pub mod entry;
pub mod handout;
pub mod placeholders;
pub mod red_flags;
pub mod release;
pub mod translation;

pub use crate::fields::date::Date;
pub use crate::fields::id::Id;
pub use crate::fields::schema::{Schema, Sides};
pub use entry::{Entry, EntryFields, Page, RelationRef, parse_entry, parse_page};
pub use handout::{Handout, parse_handout};
pub use release::{Held, Release};

/// Reads a content file's front matter: splits it off, parses its YAML, and hands its fields (and where the
/// body starts) to `read`, whose result comes back with every problem found. `None` with the problems when the
/// front matter cannot be split off or its YAML cannot be read at all.
pub(crate) fn with_front_matter<T>(
    source: &crate::source::SourceFile,
    read: impl FnOnce(&mut crate::fields::Fields<'_>, usize) -> T,
) -> (Option<T>, crate::diag::Diagnostics) {
    let split = match crate::source::split(&source.path, &source.text) {
        Ok(split) => split,
        Err(error) => {
            let mut diagnostics = crate::diag::Diagnostics::default();
            diagnostics.push(error);
            return (None, diagnostics);
        }
    };
    let map = crate::diag::SourceMap::new(&source.text);
    let mut fields = crate::fields::Fields::parse(&source.path, &map, split.front_matter, split.front_matter_offset);
    if fields.has_errors() {
        return (None, fields.diagnostics);
    }
    let value = read(&mut fields, split.body_offset);
    (Some(value), fields.diagnostics)
}
