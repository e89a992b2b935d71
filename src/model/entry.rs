//! Entries and pages: a content file's front matter read into typed fields, and its body kept for rendering.

use crate::config::{Direction, SiteConfig};
use crate::diag::{Diagnostic, Diagnostics, Kind, Location};
use crate::fields::Fields;
use crate::fields::date::Date;
use crate::fields::id::Id;
use crate::fields::schema::{FieldSpec, Schema, Sides, common_fields};
use crate::fields::values::FieldValues;
use crate::fields::yaml::Yaml;
use crate::source::{ContentKind, SourceFile};

pub use crate::fields::values::Image;

/// An exercise's fields, typed for the code that reasons about them (dosage, handouts, structured data), read
/// from the entry's values. Choices are their words: a site may add words to `kind` and `position`.
#[derive(Debug, Clone, Copy)]
pub struct Exercise<'a> {
    values: &'a FieldValues,
}

impl<'a> Exercise<'a> {
    /// The exercise fields among `values` (none, for an entry of another schema).
    pub fn of(values: &'a FieldValues) -> Self {
        Exercise { values }
    }

    pub fn kind(&self) -> Option<&'a str> {
        self.values.text("kind")
    }
    pub fn difficulty(&self) -> Option<&'a str> {
        self.values.text("difficulty")
    }
    pub fn position(&self) -> Option<&'a str> {
        self.values.text("position")
    }
    pub fn equipment(&self) -> &'a [String] {
        self.values.list("equipment")
    }
    pub fn hold_seconds(&self) -> Option<u32> {
        self.values.integer("hold_seconds")
    }
    pub fn reps(&self) -> Option<u32> {
        self.values.integer("reps")
    }
    pub fn sets(&self) -> Option<u32> {
        self.values.integer("sets")
    }
    pub fn sides(&self) -> Option<Sides> {
        self.values.text("sides").and_then(Sides::from_word)
    }
    pub fn frequency(&self) -> Option<&'a str> {
        self.values.text("frequency")
    }
    pub fn steps(&self) -> &'a [String] {
        self.values.list("steps")
    }
    pub fn modifications(&self) -> &'a [String] {
        self.values.list("modifications")
    }
    pub fn cautions(&self) -> &'a [String] {
        self.values.list("cautions")
    }
}

/// The front matter of an entry or page: every field it gives, read through its collection's table (built-in
/// and the site's own), which templates see as they are; the accessors are the typed view the code reasons
/// with. The values are held once: the typed view reads them.
#[derive(Debug, Clone, Default)]
pub struct EntryFields {
    pub values: FieldValues,
    /// The collection's schema is the exercise schema (`exercise()` answers).
    is_exercise: bool,
}

impl EntryFields {
    pub fn title(&self) -> &str {
        self.values.text("title").unwrap_or_default()
    }
    pub fn summary(&self) -> Option<&str> {
        self.values.text("summary")
    }
    pub fn aliases(&self) -> &[String] {
        self.values.list("aliases")
    }
    pub fn image(&self) -> Option<&Image> {
        self.values.image("image")
    }
    pub fn draft(&self) -> bool {
        self.values.bool("draft").unwrap_or(false)
    }
    /// Its old addresses, which lead to it (`render::redirects`).
    pub fn redirect_from(&self) -> &[String] {
        self.values.list(crate::fields::schema::REDIRECT_FROM)
    }
    /// The day it is to be published, when scheduled (`publish: 2027-01-15`).
    pub fn publish(&self) -> Option<Date> {
        self.values.date("publish")
    }
    pub fn reviewed(&self) -> Option<Date> {
        self.values.date("reviewed")
    }
    pub fn reviewed_by(&self) -> Option<&str> {
        self.values.text("reviewed_by")
    }
    pub fn updated(&self) -> Option<Date> {
        self.values.date("updated")
    }
    pub fn red_flags(&self) -> &[String] {
        self.values.list("red_flags")
    }
    pub fn lint_allow(&self) -> &[String] {
        self.values.list("lint_allow")
    }
    /// The exercise fields, for an entry of an exercise collection.
    pub fn exercise(&self) -> Option<Exercise<'_>> {
        self.is_exercise.then_some(Exercise { values: &self.values })
    }
    pub fn symptoms(&self) -> &[String] {
        self.values.list("symptoms")
    }
    pub fn location(&self) -> Option<&str> {
        self.values.text("location")
    }
    pub fn actions(&self) -> &[String] {
        self.values.list("actions")
    }
}

/// Ids listed under one relation key, each with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationRef {
    pub relation: usize,
    pub direction: Direction,
    pub key: String,
    pub ids: Vec<(String, Location)>,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub id: Id,
    pub collection: usize,
    pub source: SourceFile,
    pub fields: EntryFields,
    pub relations: Vec<RelationRef>,
    pub body_offset: usize,
    /// A hash of the front matter: what other pages show of this entry comes from it alone.
    pub front_hash: u64,
    /// The language of a translation (`es` for `figure-four.es.md`); `None` for the original.
    pub language: Option<std::sync::Arc<str>>,
    /// A translation's own address (`slug:`), in place of the id.
    pub slug: Option<String>,
}

impl Entry {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// The last part of the entry's address: its slug, else its id.
    pub fn address_name(&self) -> &str {
        self.slug.as_deref().unwrap_or(self.id.as_str())
    }

    /// The entry's page, as a site path: `stretches/figure-four/`, `es/stretches/estiramiento-figura-cuatro/`.
    pub fn path(&self, config: &SiteConfig) -> String {
        config.entry_path(self.collection, self.language.as_deref(), self.address_name())
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    /// What the page is; a translation's plain page has its own address (`es/sobre-mi/`).
    pub kind: ContentKind,
    pub source: SourceFile,
    pub fields: EntryFields,
    pub body_offset: usize,
    /// The language of a translation; `None` for the original.
    pub language: Option<std::sync::Arc<str>>,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }
}

/// Parses an entry. The entry comes back whenever its front matter could be read at all, even with field
/// errors, so later stages can still report their own problems (an unknown id) in the same run.
pub fn parse_entry(source: SourceFile, collection: usize, id: Id, config: &SiteConfig) -> (Option<Entry>, Diagnostics) {
    let (table, schema) = (&config.collections[collection].fields, config.collections[collection].schema);
    let (read, diagnostics) = super::with_front_matter(&source, |fields, body_offset| {
        let typed = read_fields(fields, table, schema);
        let mut relations = Vec::new();
        let keys: Vec<(String, usize, Direction)> =
            config.relation_keys(collection).map(|(k, r, d)| (k.to_string(), r, d)).collect();
        for (key, relation, direction) in &keys {
            if let Some(ids) = relation_ids(fields, key) {
                relations.push(RelationRef { relation: *relation, direction: *direction, key: key.clone(), ids });
            }
        }
        let mut allowed: Vec<&str> = table.iter().map(|f| &*f.name).collect();
        allowed.extend(keys.iter().map(|(k, _, _)| k.as_str()));
        fields.reject_unknown(&allowed, &format!("a {} entry", config.collections[collection].singular));
        (typed, relations, body_offset)
    });
    let Some((typed, relations, body_offset)) = read else { return (None, diagnostics) };
    let front_hash = xxhash_rust::xxh3::xxh3_64(&source.text.as_bytes()[..body_offset]);
    let entry =
        Entry { id, collection, source, fields: typed, relations, body_offset, front_hash, language: None, slug: None };
    (Some(entry), diagnostics)
}

/// Parses a page (home page, listing intro or plain page); like `parse_entry`, partial on field errors.
pub fn parse_page(source: SourceFile, kind: ContentKind) -> (Option<Page>, Diagnostics) {
    let (read, diagnostics) = super::with_front_matter(&source, |fields, body_offset| {
        let typed = read_fields(fields, common_fields(), Schema::Article);
        let allowed: Vec<&str> = common_fields().iter().map(|f| &*f.name).collect();
        fields.reject_unknown(&allowed, "a page");
        (typed, body_offset)
    });
    let Some((typed, body_offset)) = read else { return (None, diagnostics) };
    (Some(Page { kind, source, fields: typed, body_offset, language: None }), diagnostics)
}

fn read_fields(fields: &mut Fields<'_>, table: &[FieldSpec], schema: Schema) -> EntryFields {
    EntryFields { values: fields.read_values(table), is_exercise: schema == Schema::Exercise }
}

/// The ids under a relation key. Each must be text (never a number, yes/no value or null).
fn relation_ids(fields: &mut Fields<'_>, key: &str) -> Option<Vec<(String, Location)>> {
    let value = fields.take(key)?;
    let items = match value {
        Yaml::Seq(items) => items,
        Yaml::String(s) => vec![Yaml::String(s)],
        Yaml::Null => Vec::new(),
        other => {
            let location = fields.key_location(key);
            fields.diagnostics.push(
                Diagnostic::error(Kind::Field, format!("`{key}` must be a list of ids, found {}", other.describe()))
                    .at(location)
                    .help(format!("write it as `{key}: [an-id, another-id]`")),
            );
            return Some(Vec::new());
        }
    };
    let mut ids = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        match item {
            Yaml::String(id) => {
                let location = fields.item_location(key, index);
                ids.push((id, location));
            }
            other => {
                let shown = match &other {
                    Yaml::Bool(b) => b.to_string(),
                    Yaml::Number(n) => n.clone(),
                    Yaml::Null => "~".into(),
                    _ => String::new(),
                };
                let location =
                    if shown.is_empty() { fields.key_location(key) } else { fields.item_location(key, index) };
                fields.diagnostics.push(
                    Diagnostic::error(
                        Kind::Field,
                        format!("an id in `{key}` must be text, found {}", other.describe()),
                    )
                    .at(location)
                    .help("YAML reads some words as numbers or yes/no values; put the id in quotes"),
                );
            }
        }
    }
    Some(ids)
}
