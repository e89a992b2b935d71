//! PARSE: typed, validated entries from decoded source files. No I/O here, and no templates.

pub mod date;
pub mod entry;
pub mod fields;
pub mod handout;
pub mod id;
pub mod schema;
pub mod yaml;

pub use date::Date;
pub use entry::{Entry, EntryFields, Page, RelationRef, parse_entry, parse_page};
pub use handout::{Handout, parse_handout};
pub use id::Id;
pub use schema::{Difficulty, ExerciseKind, Position, Schema, Sides};
