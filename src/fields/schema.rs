//! What a collection's entries may say, declared once as data: each schema's table of fields (name, type,
//! label, whether search offers it as a filter, what `sinew new` writes for it). The table drives reading and
//! checking front matter, unknown-key errors, the `sinew new` scaffold, search facets and the template
//! context; a site adds its own fields and choice words in site.yaml (`config`), in the same terms. The names
//! here are the words a practitioner writes in front matter.

use super::Choice;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::LazyLock;

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
choice!(
    /// How a stretch done on one side at a time is counted; the handout's wording depends on it, so a site
    /// cannot add words to it.
    Sides { Each = "each", Both = "both" }
);

impl Sides {
    pub fn from_word(word: &str) -> Option<Sides> {
        Sides::ALL.iter().find(|(name, _)| *name == word).map(|(_, sides)| *sides)
    }
}
choice!(Paper { A4 = "a4", Letter = "letter" });
choice!(
    /// What raw HTML in a page's Markdown becomes (site.yaml's `html:`): published as written, since the
    /// author is trusted (`allow`, the default), or shown as text (`escape`, for sites written by many hands).
    HtmlPolicy { Allow = "allow", Escape = "escape" }
);

/// What kind of value a field holds, and so how it is read, checked and edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldType {
    /// One piece of text.
    Text,
    /// A list of text; `markdown`: each item is a line of inline Markdown (links resolved, emphasis shown);
    /// `pictures`: an item may be `{ text, image }`, a line with its own picture (a step of a stretch).
    List { markdown: bool, pictures: bool },
    /// Some of `words`, as a list (`regions: [buttock, lower-back]`). The body map's region words come from
    /// the theme (`body-map.yaml`), so they are filled in when the theme is loaded.
    Words { words: Vec<Cow<'static, str>> },
    /// A whole number from `min` to `max`.
    Integer { min: u32, max: u32 },
    /// One of `words`; `open`: a site may add words in site.yaml (a trainer's `position: sitting`).
    Choice { words: Vec<Cow<'static, str>>, open: bool },
    /// A calendar date, `2026-09-14`.
    Date,
    /// `true` or `false`.
    Bool,
    /// A picture: `{ src, alt }`, the alt text required.
    Image,
    /// A video: a file in the static folder (`{ src, poster, captions }`) or a YouTube or Vimeo address.
    Video,
}

/// One field of a schema.
#[derive(Debug, Clone, Serialize)]
pub struct FieldSpec {
    /// The key written in front matter.
    pub name: Cow<'static, str>,
    /// What readers and the editor call it ("Difficulty").
    pub label: Cow<'static, str>,
    #[serde(flatten)]
    pub kind: FieldType,
    /// Search offers its values as a filter.
    pub facet: bool,
    pub required: bool,
    /// What `sinew new` writes after the key (`beginner`, `[]`); `None` leaves the field out.
    pub scaffold: Option<Cow<'static, str>>,
    /// Words the scaffold holds for the author to replace ("First step."), never to publish: `sinew check`
    /// and `sinew build` warn where they are left, and a handout refuses them.
    pub placeholder: Option<Cow<'static, str>>,
    /// The schema.org property of the page's main entity its value fills (`repetitions`), if any.
    pub json_ld: Option<Cow<'static, str>>,
    /// Declared by the site in site.yaml rather than built into sinew.
    pub custom: bool,
    /// What a translation of the entry does with the field (`figure-four.es.md`).
    pub in_translation: InTranslation,
}

/// What a field is to a translation: words it gives in its language, a fact it takes from the original, or
/// something of its own file (its review dates, whether it is a draft).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InTranslation {
    /// Written in each language: title, steps, cautions. A picture's words are its alt text; its file is a fact.
    Words,
    /// The same in every language, given by the original only: relations, dosage numbers, difficulty.
    Fact,
    /// Each file's own: `draft`, `reviewed`, `updated`.
    Own,
}

impl InTranslation {
    /// Text is words; numbers, choices, dates and videos are facts.
    pub fn of_type(kind: &FieldType) -> Self {
        match kind {
            FieldType::Text | FieldType::List { .. } | FieldType::Image => InTranslation::Words,
            _ => InTranslation::Fact,
        }
    }
}

impl FieldSpec {
    fn new(name: &'static str, label: &'static str, kind: FieldType) -> Self {
        FieldSpec {
            name: Cow::Borrowed(name),
            label: Cow::Borrowed(label),
            facet: false,
            required: false,
            scaffold: None,
            placeholder: None,
            json_ld: None,
            custom: false,
            in_translation: InTranslation::of_type(&kind),
            kind,
        }
    }

    fn fact(mut self) -> Self {
        self.in_translation = InTranslation::Fact;
        self
    }

    fn own(mut self) -> Self {
        self.in_translation = InTranslation::Own;
        self
    }

    fn json_ld(mut self, property: &'static str) -> Self {
        self.json_ld = Some(Cow::Borrowed(property));
        self
    }

    fn facet(mut self) -> Self {
        self.facet = true;
        self
    }

    fn scaffold(mut self, value: &'static str) -> Self {
        self.scaffold = Some(Cow::Borrowed(value));
        self
    }

    /// A scaffold of words to replace: written as the field's value (a list's one item), and known as a
    /// placeholder wherever it is left.
    fn placeholder(mut self, text: &'static str) -> Self {
        let quoted = format!("\"{text}\"");
        self.scaffold = Some(Cow::Owned(match self.kind {
            FieldType::List { .. } => format!("\n  - {quoted}"),
            _ => quoted,
        }));
        self.placeholder = Some(Cow::Borrowed(text));
        self
    }

    /// The words of a choice field (empty for other types).
    pub fn words(&self) -> &[Cow<'static, str>] {
        match &self.kind {
            FieldType::Choice { words, .. } | FieldType::Words { words } => words,
            _ => &[],
        }
    }
}

fn text(name: &'static str, label: &'static str) -> FieldSpec {
    FieldSpec::new(name, label, FieldType::Text)
}

fn list(name: &'static str, label: &'static str) -> FieldSpec {
    FieldSpec::new(name, label, FieldType::List { markdown: false, pictures: false })
}

fn markdown_list(name: &'static str, label: &'static str) -> FieldSpec {
    FieldSpec::new(name, label, FieldType::List { markdown: true, pictures: false })
}

fn integer(name: &'static str, label: &'static str, min: u32, max: u32) -> FieldSpec {
    FieldSpec::new(name, label, FieldType::Integer { min, max })
}

fn choice(name: &'static str, label: &'static str, words: &[&'static str]) -> FieldSpec {
    let words = words.iter().map(|w| Cow::Borrowed(*w)).collect();
    FieldSpec::new(name, label, FieldType::Choice { words, open: true })
}

/// The field listing a page's old addresses, which lead to it (`render::redirects`).
pub const REDIRECT_FROM: &str = "redirect_from";

/// The field naming where on the body map an anatomy entry is; its words are the theme's regions.
pub const REGIONS: &str = "regions";

/// Fields every entry and page may have.
static COMMON: LazyLock<Vec<FieldSpec>> = LazyLock::new(|| {
    vec![
        FieldSpec { required: true, ..text("title", "Title") },
        text("summary", "Summary").placeholder("One or two plain sentences: what this is and who it helps."),
        list("aliases", "Other names").scaffold("[]"),
        FieldSpec::new("image", "Picture", FieldType::Image),
        FieldSpec::new("video", "Video", FieldType::Video),
        FieldSpec::new("draft", "Draft", FieldType::Bool).scaffold("true").own(),
        FieldSpec::new("publish", "Publish on", FieldType::Date).own(),
        list(REDIRECT_FROM, "Old addresses").own(),
        FieldSpec::new("reviewed", "Reviewed on", FieldType::Date).own(),
        text("reviewed_by", "Reviewed by").own(),
        FieldSpec::new("updated", "Updated on", FieldType::Date).own(),
        list("red_flags", "When to seek care"),
        list("lint_allow", "Words allowed here").own(),
    ]
});

static EXERCISE: LazyLock<Vec<FieldSpec>> = LazyLock::new(|| {
    vec![
        choice("kind", "Kind", &["stretch", "strengthen", "release"]).facet().scaffold("stretch"),
        choice("difficulty", "Difficulty", &["beginner", "intermediate", "advanced"])
            .facet()
            .scaffold("beginner")
            .json_ld("intensity"),
        choice(
            "position",
            "Position",
            &["standing", "seated", "lying-on-back", "lying-on-front", "side-lying", "kneeling", "hands-and-knees"],
        )
        .facet()
        .scaffold("lying-on-back"),
        list("equipment", "Equipment").facet().scaffold("[]").fact(),
        integer("hold_seconds", "Hold (seconds)", 1, 3600).scaffold("30"),
        integer("reps", "Repetitions", 1, 1000).scaffold("3").json_ld("repetitions"),
        integer("sets", "Sets", 1, 100).scaffold("1"),
        FieldSpec::new("sides", "Sides", FieldType::Choice { words: vec!["each".into(), "both".into()], open: false })
            .scaffold("each"),
        text("frequency", "How often").scaffold("daily").json_ld("activityFrequency"),
        FieldSpec::new("steps", "Steps", FieldType::List { markdown: true, pictures: true }).placeholder("First step."),
        markdown_list("modifications", "Easier or harder").scaffold("[]"),
        markdown_list("cautions", "Take care")
            .scaffold("\n  - \"Stop if the stretch causes sharp pain, tingling or numbness.\""),
    ]
});

static CONDITION: LazyLock<Vec<FieldSpec>> = LazyLock::new(|| vec![list("symptoms", "Symptoms").scaffold("[]")]);

static ANATOMY: LazyLock<Vec<FieldSpec>> = LazyLock::new(|| {
    vec![
        text("location", "Where it is").placeholder("Where it is, in plain words.").json_ld("bodyLocation"),
        list("actions", "What it does").scaffold("[]").json_ld("muscleAction"),
        FieldSpec::new(REGIONS, "Body regions", FieldType::Words { words: Vec::new() }),
    ]
});

/// The fields every entry and page may have.
pub fn common_fields() -> &'static [FieldSpec] {
    &COMMON
}

impl Schema {
    /// The fields of this schema beyond the common ones.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Schema::Exercise => &EXERCISE,
            Schema::Condition => &CONDITION,
            Schema::Anatomy => &ANATOMY,
            Schema::Article => &[],
        }
    }

    /// Exercise and condition pages carry the "when to see a doctor" box.
    pub fn shows_red_flags(self) -> bool {
        matches!(self, Schema::Exercise | Schema::Condition)
    }

    pub const ALL_NAMES: &'static [&'static str] = &["exercise", "condition", "anatomy", "article"];

    pub fn from_index(index: usize) -> Schema {
        Schema::ALL[index].1
    }
}

/// What `sinew new` writes as a new entry's article, for the author to replace.
pub const NEW_ENTRY_BODY: &str = "Write the article here.";

/// The words `sinew new` writes for the author to replace: every built-in field's placeholder (`First step.`),
/// in the order the schemas declare them, then the article's.
pub fn placeholders() -> impl Iterator<Item = &'static str> {
    common_fields()
        .iter()
        .chain(Schema::ALL.iter().flat_map(|(_, schema)| schema.fields()))
        .filter_map(|field| field.placeholder.as_deref())
        .chain([NEW_ENTRY_BODY])
}

/// True for names that are fields of some schema, which a relation key or a site's own field may not shadow.
pub fn is_reserved_field(key: &str) -> bool {
    Schema::ALL.iter().flat_map(|(_, schema)| schema.fields()).chain(common_fields()).any(|f| f.name == key)
}

/// A front matter word as a reader sees it: `lying-on-back` -> `Lying on back`.
pub fn word_label(word: &str) -> String {
    let spaced = word.replace('-', " ");
    let mut chars = spaced.chars();
    chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
}
