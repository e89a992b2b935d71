//! What a collection's entries may say: the schema a collection declares in site.yaml, and the enums of
//! exercise fields. The names here are the words a practitioner writes in front matter.

use super::Choice;
use serde::Serialize;

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl Choice for $name {
            const ALL: &'static [(&'static str, Self)] = &[$(($word, $name::$variant)),+];
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

choice!(
    /// Which fields a collection's entries carry, and how the default theme shows them.
    Schema { Exercise = "exercise", Condition = "condition", Anatomy = "anatomy", Article = "article" }
);
choice!(ExerciseKind { Stretch = "stretch", Strengthen = "strengthen", Release = "release" });
choice!(Difficulty { Beginner = "beginner", Intermediate = "intermediate", Advanced = "advanced" });
choice!(Position {
    Standing = "standing",
    Seated = "seated",
    LyingOnBack = "lying-on-back",
    LyingOnFront = "lying-on-front",
    SideLying = "side-lying",
    Kneeling = "kneeling",
    HandsAndKnees = "hands-and-knees",
});
choice!(Sides { Each = "each", Both = "both" });
choice!(Paper { A4 = "a4", Letter = "letter" });
choice!(
    /// What raw HTML in a page's Markdown becomes (site.yaml's `html:`): published as written, since the
    /// author is trusted (`allow`, the default), or shown as text (`escape`, for sites written by many hands).
    HtmlPolicy { Allow = "allow", Escape = "escape" }
);

/// Fields every entry and page may have.
pub const COMMON_FIELDS: &[&str] =
    &["title", "summary", "aliases", "image", "draft", "reviewed", "reviewed_by", "updated", "red_flags", "lint_allow"];

pub const EXERCISE_FIELDS: &[&str] = &[
    "kind",
    "difficulty",
    "position",
    "equipment",
    "hold_seconds",
    "reps",
    "sets",
    "sides",
    "frequency",
    "steps",
    "modifications",
    "cautions",
];

pub const CONDITION_FIELDS: &[&str] = &["symptoms"];
pub const ANATOMY_FIELDS: &[&str] = &["location", "actions"];

impl Schema {
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Schema::Exercise => EXERCISE_FIELDS,
            Schema::Condition => CONDITION_FIELDS,
            Schema::Anatomy => ANATOMY_FIELDS,
            Schema::Article => &[],
        }
    }

    /// Exercise and condition pages carry the "when to see a doctor" box.
    pub fn shows_red_flags(self) -> bool {
        matches!(self, Schema::Exercise | Schema::Condition)
    }
}

impl Schema {
    pub const ALL_NAMES: &'static [&'static str] = &["exercise", "condition", "anatomy", "article"];

    pub fn from_index(index: usize) -> Schema {
        Schema::ALL[index].1
    }
}

/// True for names that are fields of some schema, which a relation key may not shadow.
pub fn is_reserved_field(key: &str) -> bool {
    COMMON_FIELDS.contains(&key)
        || EXERCISE_FIELDS.contains(&key)
        || CONDITION_FIELDS.contains(&key)
        || ANATOMY_FIELDS.contains(&key)
}
