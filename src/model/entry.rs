//! Entries and pages: a content file's front matter read into typed fields, and its body kept for rendering.

use crate::config::{Direction, SiteConfig};
use crate::diag::{Diagnostic, Diagnostics, Kind, Location, SourceMap};
use crate::fields::Fields;
use crate::fields::date::Date;
use crate::fields::id::Id;
use crate::fields::schema::{FieldSpec, Schema, Sides, common_fields};
use crate::fields::values::FieldValues;
use crate::fields::yaml::Yaml;
use crate::source::{ContentKind, SourceFile};
use serde::Serialize;

pub use crate::fields::values::Image;

/// An exercise's fields, typed for the code that reasons about them (dosage, handouts, structured data).
/// Choices are their words: a site may add words to `kind` and `position`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Exercise {
    pub kind: Option<String>,
    pub difficulty: Option<String>,
    pub position: Option<String>,
    pub equipment: Vec<String>,
    pub hold_seconds: Option<u32>,
    pub reps: Option<u32>,
    pub sets: Option<u32>,
    pub sides: Option<Sides>,
    pub frequency: Option<String>,
    pub steps: Vec<String>,
    pub modifications: Vec<String>,
    pub cautions: Vec<String>,
}

/// The typed front matter of an entry or page, made from `values`: every field it gives, read through its
/// collection's table (built-in and the site's own), which templates see as `entry.fields`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EntryFields {
    #[serde(skip)]
    pub values: FieldValues,
    pub title: String,
    pub summary: Option<String>,
    pub aliases: Vec<String>,
    pub image: Option<Image>,
    pub draft: bool,
    pub reviewed: Option<Date>,
    pub reviewed_by: Option<String>,
    pub updated: Option<Date>,
    pub red_flags: Vec<String>,
    pub lint_allow: Vec<String>,
    pub exercise: Option<Exercise>,
    pub symptoms: Vec<String>,
    pub location: Option<String>,
    pub actions: Vec<String>,
}

/// Ids listed under one relation key, each with where it was written.
#[derive(Debug, Clone)]
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
}

impl Entry {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub kind: ContentKind,
    pub source: SourceFile,
    pub fields: EntryFields,
    pub body_offset: usize,
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
    let split = match crate::source::split(&source.path, &source.text) {
        Ok(split) => split,
        Err(error) => return (None, one(error)),
    };
    let map = SourceMap::new(&source.text);
    let mut fields = Fields::parse(&source.path, &map, split.front_matter, split.front_matter_offset);
    if fields.has_errors() {
        return (None, fields.diagnostics);
    }
    let typed = read_fields(&mut fields, table, schema);
    let mut relations = Vec::new();
    let keys: Vec<(String, usize, Direction)> =
        config.relation_keys(collection).map(|(k, r, d)| (k.to_string(), r, d)).collect();
    for (key, relation, direction) in &keys {
        if let Some(ids) = relation_ids(&mut fields, key) {
            relations.push(RelationRef { relation: *relation, direction: *direction, key: key.clone(), ids });
        }
    }
    let mut allowed: Vec<&str> = table.iter().map(|f| &*f.name).collect();
    allowed.extend(keys.iter().map(|(k, _, _)| k.as_str()));
    let what = format!("a {} entry", config.collections[collection].singular);
    fields.reject_unknown(&allowed, &what);
    let diagnostics = fields.diagnostics;
    let body_offset = split.body_offset;
    let front_hash = xxhash_rust::xxh3::xxh3_64(&source.text.as_bytes()[..body_offset]);
    (Some(Entry { id, collection, source, fields: typed, relations, body_offset, front_hash }), diagnostics)
}

/// Parses a page (home page, listing intro or plain page); like `parse_entry`, partial on field errors.
pub fn parse_page(source: SourceFile, kind: ContentKind) -> (Option<Page>, Diagnostics) {
    let split = match crate::source::split(&source.path, &source.text) {
        Ok(split) => split,
        Err(error) => return (None, one(error)),
    };
    let map = SourceMap::new(&source.text);
    let mut fields = Fields::parse(&source.path, &map, split.front_matter, split.front_matter_offset);
    if fields.has_errors() {
        return (None, fields.diagnostics);
    }
    let typed = read_fields(&mut fields, common_fields(), Schema::Article);
    let allowed: Vec<&str> = common_fields().iter().map(|f| &*f.name).collect();
    fields.reject_unknown(&allowed, "a page");
    let (body_offset, diagnostics) = (split.body_offset, fields.diagnostics);
    (Some(Page { kind, source, fields: typed, body_offset }), diagnostics)
}

fn one(diagnostic: Diagnostic) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    diagnostics.push(diagnostic);
    diagnostics
}

fn read_fields(fields: &mut Fields<'_>, table: &[FieldSpec], schema: Schema) -> EntryFields {
    let values = fields.read_values(table);
    let words = |name: &str| values.text(name).map(str::to_string);
    let list = |name: &str| values.list(name).to_vec();
    // The schema's own fields: an exercise collection has `steps`, a condition `symptoms`, and so on.
    let exercise = (schema == Schema::Exercise).then(|| Exercise {
        kind: words("kind"),
        difficulty: words("difficulty"),
        position: words("position"),
        equipment: list("equipment"),
        hold_seconds: values.integer("hold_seconds"),
        reps: values.integer("reps"),
        sets: values.integer("sets"),
        sides: values.text("sides").and_then(Sides::from_word),
        frequency: words("frequency"),
        steps: list("steps"),
        modifications: list("modifications"),
        cautions: list("cautions"),
    });
    EntryFields {
        title: words("title").unwrap_or_default(),
        summary: words("summary"),
        aliases: list("aliases"),
        image: values.image("image").cloned(),
        draft: values.bool("draft").unwrap_or(false),
        reviewed: values.date("reviewed"),
        reviewed_by: words("reviewed_by"),
        updated: values.date("updated"),
        red_flags: list("red_flags"),
        lint_allow: list("lint_allow"),
        exercise,
        symptoms: list("symptoms"),
        location: words("location"),
        actions: list("actions"),
        values,
    }
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
