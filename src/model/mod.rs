//! PARSE: typed, validated entries from decoded source files. No I/O here, and no templates.

pub mod entry;
pub mod handout;
pub mod translation;

pub use crate::fields::date::Date;
pub use crate::fields::id::Id;
pub use crate::fields::schema::{Schema, Sides};
pub use entry::{Entry, EntryFields, Page, RelationRef, parse_entry, parse_page};
pub use handout::{Handout, parse_handout};
