//! Entries and pages: a content file's front matter read into typed fields, and its body kept for rendering.

use crate::config::{Direction, SiteConfig};
use crate::diag::{Diagnostic, Diagnostics, Location, SourceMap};
use crate::fields::Fields;
use crate::fields::date::Date;
use crate::fields::id::Id;
use crate::fields::schema::{COMMON_FIELDS, Difficulty, ExerciseKind, Position, Schema, Sides};
use crate::fields::yaml::Yaml;
use crate::source::{ContentKind, SourceFile};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
    /// Where `image:` is written, for a problem with the file it names.
    #[serde(skip)]
    pub location: Location,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Exercise {
    pub kind: Option<ExerciseKind>,
    pub difficulty: Option<Difficulty>,
    pub position: Option<Position>,
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

/// The typed front matter of an entry or page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EntryFields {
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
    let schema = config.collections[collection].schema;
    let split = match crate::source::split(&source.path, &source.text) {
        Ok(split) => split,
        Err(error) => return (None, one(error)),
    };
    let map = SourceMap::new(&source.text);
    let mut fields = Fields::parse(&source.path, &map, split.front_matter, split.front_matter_offset);
    if fields.has_errors() {
        return (None, fields.diagnostics);
    }
    let typed = read_fields(&mut fields, schema);
    let mut relations = Vec::new();
    let keys: Vec<(String, usize, Direction)> =
        config.relation_keys(collection).map(|(k, r, d)| (k.to_string(), r, d)).collect();
    for (key, relation, direction) in &keys {
        if let Some(ids) = relation_ids(&mut fields, key) {
            relations.push(RelationRef { relation: *relation, direction: *direction, key: key.clone(), ids });
        }
    }
    let mut allowed: Vec<&str> = COMMON_FIELDS.iter().chain(schema.fields()).copied().collect();
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
    let typed = read_fields(&mut fields, Schema::Article);
    fields.reject_unknown(COMMON_FIELDS, "a page");
    let (body_offset, diagnostics) = (split.body_offset, fields.diagnostics);
    (Some(Page { kind, source, fields: typed, body_offset }), diagnostics)
}

fn one(diagnostic: Diagnostic) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    diagnostics.push(diagnostic);
    diagnostics
}

fn read_fields(fields: &mut Fields<'_>, schema: Schema) -> EntryFields {
    let mut typed = EntryFields {
        title: fields.required_text("title", "A short title").unwrap_or_default(),
        summary: fields.text("summary"),
        aliases: fields.text_list("aliases"),
        image: image(fields),
        draft: fields.bool("draft").unwrap_or(false),
        reviewed: fields.date("reviewed"),
        reviewed_by: fields.text("reviewed_by"),
        updated: fields.date("updated"),
        red_flags: fields.text_list("red_flags"),
        lint_allow: fields.text_list("lint_allow"),
        ..EntryFields::default()
    };
    match schema {
        Schema::Exercise => {
            typed.exercise = Some(Exercise {
                kind: fields.choice("kind"),
                difficulty: fields.choice("difficulty"),
                position: fields.choice("position"),
                equipment: fields.text_list("equipment"),
                hold_seconds: fields.int("hold_seconds"),
                reps: fields.int("reps"),
                sets: fields.int("sets"),
                sides: fields.choice("sides"),
                frequency: fields.text("frequency"),
                steps: fields.text_list("steps"),
                modifications: fields.text_list("modifications"),
                cautions: fields.text_list("cautions"),
            });
        }
        Schema::Condition => typed.symptoms = fields.text_list("symptoms"),
        Schema::Anatomy => {
            typed.location = fields.text("location");
            typed.actions = fields.text_list("actions");
        }
        Schema::Article => {}
    }
    typed
}

fn image(fields: &mut Fields<'_>) -> Option<Image> {
    let value = fields.take("image")?;
    let (mut src, mut alt) = (None, None);
    if let Yaml::Map(pairs) = value {
        for (key, value) in pairs {
            match (key.as_str(), value) {
                ("src", Yaml::String(s)) => src = Some(s),
                ("alt", Yaml::String(s)) if !s.trim().is_empty() => alt = Some(s),
                _ => {}
            }
        }
    }
    match (src, alt) {
        (Some(src), Some(alt)) => Some(Image { src, alt, location: fields.key_location("image") }),
        (Some(_), None) => {
            let location = fields.key_location("image");
            fields.diagnostics.push(
                Diagnostic::error("the image has no alt text")
                    .at(location)
                    .help("add `alt:` describing what the picture shows, for readers who cannot see it"),
            );
            None
        }
        _ => {
            let location = fields.key_location("image");
            fields.diagnostics.push(
                Diagnostic::error("`image` needs `src` and `alt`")
                    .at(location)
                    .help("write it as `image: { src: images/figure-four.svg, alt: \"Lying on the back, ...\" }`"),
            );
            None
        }
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
                Diagnostic::error(format!("`{key}` must be a list of ids, found {}", other.describe()))
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
                    Diagnostic::error(format!("an id in `{key}` must be text, found {}", other.describe()))
                        .at(location)
                        .help("YAML reads some words as numbers or yes/no values; put the id in quotes"),
                );
            }
        }
    }
    Some(ids)
}
