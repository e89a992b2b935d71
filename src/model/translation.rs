//! Translations: `figure-four.es.md` gives the words of `figure-four.md` in Spanish (title, steps, cautions,
//! the body, a picture's alt text); the facts (relations, dosage numbers, difficulty, pictures' files) come
//! from the original alone. A translation that states a fact differently is an error at its line; one that
//! repeats it unchanged is fine. What comes out is the original with the translation's words laid over it,
//! as an entry (or page) of the translation's language, at the translation's file, so every later stage
//! (links, rendering, errors at lines) treats it as any other.

use super::entry::{Entry, Page};
use super::handout::Handout;
use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics, Kind, did_you_mean};
use crate::fields::Fields;
use crate::fields::id::Id;
use crate::fields::schema::{FieldSpec, FieldType, InTranslation, common_fields};
use crate::fields::values::{FieldValues, Value};
use crate::fields::yaml::Yaml;
use crate::source::{ContentKind, SourceFile};
use std::sync::Arc;

/// What a translation file gives: its words and own fields, its slug, and where its body starts.
struct Translated {
    values: FieldValues,
    slug: Option<String>,
    body_offset: usize,
    front_hash: u64,
}

/// The entry `original` in `language`, from its translation `source`. `None` when the translation's front
/// matter cannot be read; its problems are in the diagnostics either way.
pub fn translate_entry(
    source: SourceFile,
    language: Arc<str>,
    original: &Entry,
    config: &SiteConfig,
) -> (Option<Entry>, Diagnostics) {
    let table = &config.collections[original.collection].fields;
    // Every relation key the collection has, with the ids the original lists under it (none, for most).
    let relations: Vec<(String, Vec<&str>)> = config
        .relation_keys(original.collection)
        .map(|(key, _, _)| {
            let listed = original.relations.iter().find(|r| r.key == key);
            (key.to_string(), listed.map_or_else(Vec::new, |r| r.ids.iter().map(|(id, _)| id.as_str()).collect()))
        })
        .collect();
    let (translated, diagnostics) = read(&source, table, &original.fields.values, &relations, &original.source.path);
    let entry = translated.map(|t| {
        let mut fields = original.fields.clone();
        own_old_addresses(&mut fields.values, &t.values);
        fields.values.overlay(t.values);
        Entry {
            id: original.id.clone(),
            collection: original.collection,
            source,
            fields,
            // The graph is the original's (every language's view shares it): no second copy of its ids.
            relations: Vec::new(),
            body_offset: t.body_offset,
            // What pages show of it comes from its front matter and its original's (the facts).
            front_hash: t.front_hash ^ original.front_hash.rotate_left(1),
            language: Some(language),
            slug: t.slug,
        }
    });
    (entry, diagnostics)
}

/// A page (home page, listing intro, plain page) in another language, from its translation `source`. A plain
/// page's address is `<code>/` and its path, or its slug in place of the last part.
pub fn translate_page(source: SourceFile, language: &str, original: &Page) -> (Option<Page>, Diagnostics) {
    let (translated, diagnostics) = read(&source, common_fields(), &original.fields.values, &[], &original.source.path);
    let page = translated.map(|t| {
        let kind = match &original.kind {
            ContentKind::Page { url_path } => {
                let parent = url_path.trim_end_matches('/').rsplit_once('/').map_or("", |(parent, _)| parent);
                let last = t.slug.clone().unwrap_or_else(|| {
                    url_path.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_string()
                });
                let parent = if parent.is_empty() { String::new() } else { format!("{parent}/") };
                ContentKind::Page { url_path: format!("{language}/{parent}{last}/") }
            }
            other => other.clone(),
        };
        let mut fields = original.fields.clone();
        own_old_addresses(&mut fields.values, &t.values);
        fields.values.overlay(t.values);
        Page { kind, source, fields, body_offset: t.body_offset, language: Some(Arc::from(language)) }
    });
    (page, diagnostics)
}

/// A translation's old addresses are its own (`redirect_from`): the original's lead to the original, and taken
/// again they would be claimed by two pages.
fn own_old_addresses(original: &mut FieldValues, translated: &FieldValues) {
    if translated.get(crate::fields::schema::REDIRECT_FROM).is_none() {
        original.remove(crate::fields::schema::REDIRECT_FROM);
    }
}

fn read(
    source: &SourceFile,
    table: &[FieldSpec],
    original: &FieldValues,
    relations: &[(String, Vec<&str>)],
    original_file: &std::path::Path,
) -> (Option<Translated>, Diagnostics) {
    super::with_front_matter(source, |fields, body_offset| {
        read_words(fields, body_offset, source, table, original, relations, original_file)
    })
}

/// A translation's fields: the words it gives, checked against the original's facts.
fn read_words(
    fields: &mut Fields<'_>,
    body_offset: usize,
    source: &SourceFile,
    table: &[FieldSpec],
    original: &FieldValues,
    relations: &[(String, Vec<&str>)],
    original_file: &std::path::Path,
) -> Translated {
    let original_name = original_file.display().to_string();
    take_pictures_from(fields, table, original);
    check_step_count(fields, table, original, &original_name);
    // Facts the translation repeats must say what the original says.
    for spec in table.iter().filter(|s| s.in_translation == InTranslation::Fact) {
        if !fields.has(&spec.name) {
            continue;
        }
        let location = fields.key_location(&spec.name);
        let problems = fields.diagnostics.iter().count();
        let given = fields.read_values(std::iter::once(spec));
        // A value that cannot be read was reported as such; one that can must be the original's.
        if given.get(&spec.name) != original.get(&spec.name) && fields.diagnostics.iter().count() == problems {
            fields.diagnostics.push(fact_changed(&spec.name, &original_name).at(location));
        }
    }
    for (key, written) in relations {
        if let Some(value) = fields.take(key) {
            let given: Vec<String> = match value {
                Yaml::Seq(items) => {
                    items.into_iter().filter_map(|i| if let Yaml::String(s) = i { Some(s) } else { None }).collect()
                }
                Yaml::String(s) => vec![s],
                _ => Vec::new(),
            };
            if given != *written {
                let location = fields.key_location(key);
                fields.diagnostics.push(fact_changed(key, &original_name).at(location));
            }
        }
    }
    let words = table.iter().filter(|s| s.in_translation != InTranslation::Fact);
    let values = fields.read_values(words);
    // A picture's file is the original's: a translation naming another one states a fact differently.
    for spec in table.iter().filter(|s| s.kind == FieldType::Image) {
        if let (Some(Value::Image(mine)), Some(Value::Image(theirs))) =
            (values.get(&spec.name), original.get(&spec.name))
            && mine.src != theirs.src
        {
            fields
                .diagnostics
                .push(fact_changed(&format!("{}.src", spec.name), &original_name).at(mine.location.clone()));
        }
    }
    let slug = fields.text("slug").and_then(|slug| match Id::parse(&slug) {
        Ok(_) => Some(slug),
        Err(suggestion) => {
            let location = fields.value_location("slug", &slug);
            let help = if suggestion.is_empty() {
                "use lowercase letters, digits and single hyphens, such as `estiramiento-de-gluteos`".to_string()
            } else {
                format!("use lowercase letters, digits and single hyphens: `{suggestion}`")
            };
            fields
                .diagnostics
                .push(Diagnostic::error(Kind::Field, format!("`{slug}` cannot be an address")).at(location).help(help));
            None
        }
    });
    let mut allowed: Vec<&str> = table.iter().map(|f| &*f.name).collect();
    allowed.extend(relations.iter().map(|(key, _)| key.as_str()));
    allowed.push("slug");
    fields.reject_unknown(&allowed, "a translation");
    let front_hash = xxhash_rust::xxh3::xxh3_64(&source.text.as_bytes()[..body_offset]);
    Translated { values, slug, body_offset, front_hash }
}

fn fact_changed(key: &str, original: &str) -> Diagnostic {
    Diagnostic::error(Kind::Field, format!("`{key}` differs from the original's: a translation gives only the words"))
        .help(format!("`{key}` comes from {original}: remove this line here, and change it there if it is wrong"))
}

/// A translation's picture gives its alt text alone (`image: { alt: "…" }`): its file is taken from the
/// original's before the picture is read, for the entry's picture and for each pictured step. Alt text for a
/// picture the original no longer has (removed in the editor) is left out, with a warning: the translation is
/// out of date, not broken.
fn take_pictures_from(fields: &mut Fields<'_>, table: &[FieldSpec], original: &FieldValues) {
    let mut stale: Vec<crate::diag::Location> = Vec::new();
    for spec in table {
        match &spec.kind {
            FieldType::Image => {
                let theirs = original.get(&spec.name).cloned();
                let location = fields.key_location(&spec.name);
                if let Some(Yaml::Map(pairs)) = fields.peek_mut(&spec.name) {
                    match theirs {
                        Some(Value::Image(image)) => add_src(pairs, &image.src),
                        _ if !pairs.iter().any(|(k, _)| k == "src") => {
                            fields.take(&spec.name);
                            stale.push(location);
                        }
                        _ => {}
                    }
                }
            }
            FieldType::List { pictures: true, .. } => {
                let images = original.item_images(&spec.name).to_vec();
                let count = match fields.peek(&spec.name) {
                    Some(Yaml::Seq(items)) => items.len(),
                    _ => 0,
                };
                let locations: Vec<_> = (0..count).map(|i| fields.item_location(&spec.name, i)).collect();
                if let Some(Yaml::Seq(items)) = fields.peek_mut(&spec.name) {
                    for (index, item) in items.iter_mut().enumerate() {
                        let Yaml::Map(pairs) = item else { continue };
                        let Some(at) = pairs.iter().position(|(k, _)| k == "image") else { continue };
                        match (images.get(index).cloned().flatten(), &mut pairs[at].1) {
                            (Some(image), Yaml::Map(picture)) => add_src(picture, &image.src),
                            (None, Yaml::Map(picture)) if !picture.iter().any(|(k, _)| k == "src") => {
                                pairs.remove(at);
                                stale.extend(locations.get(index).cloned());
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for location in stale {
        fields.diagnostics.push(
            Diagnostic::warning(Kind::Field, "this alt text is for a picture the original no longer has")
                .at(location)
                .help("remove it from the translation: the translation may be out of date"),
        );
    }
}

fn add_src(pairs: &mut Vec<(String, Yaml)>, src: &str) {
    if !pairs.iter().any(|(k, _)| k == "src") {
        pairs.insert(0, ("src".into(), Yaml::String(src.to_string())));
    }
}

/// A pictured list (steps) has as many items as the original's: each picture goes with its step. One with
/// more or fewer is reported as a warning.
fn check_step_count(fields: &mut Fields<'_>, table: &[FieldSpec], original: &FieldValues, original_name: &str) {
    for spec in table.iter().filter(|s| matches!(s.kind, FieldType::List { pictures: true, .. })) {
        let (Some(Yaml::Seq(items)), mine) = (fields.peek(&spec.name), original.list(&spec.name).len()) else {
            continue;
        };
        if items.len() != mine && mine > 0 {
            let location = fields.key_location(&spec.name);
            // The original changed since (a step added in the editor): the translation is out of date, not
            // broken, so the site still builds; its steps are shown as it gives them.
            fields.diagnostics.push(
                Diagnostic::warning(
                    Kind::Field,
                    format!(
                        "this translation has {} {} where the original has {mine}: it may be out of date",
                        items.len(),
                        spec.name
                    ),
                )
                .at(location)
                .help(format!("translate each of the {mine} {} of {original_name}, in the same order", spec.name)),
            );
        }
    }
}

/// A handout in another language, from its translation (`desk-worker-reset.es.md`): the words (title, summary,
/// notes, intro, and each stretch's note and frequency by id under `notes_by_stretch` and
/// `frequency_by_stretch`) over the original's list of stretches and their dosage, which are facts.
pub fn translate_handout(original: &Handout, source: SourceFile) -> (Option<Handout>, Option<String>, Diagnostics) {
    let (read, diagnostics) =
        super::with_front_matter(&source, |fields, body_offset| (handout_words(original, fields), body_offset));
    let Some(((typed, slug), body_offset)) = read else { return (None, None, diagnostics) };
    let handout = Handout { id: original.id.clone(), source, fields: typed, body_offset };
    (Some(handout), slug, diagnostics)
}

/// A handout translation's words over the original's fields, and its slug.
fn handout_words(original: &Handout, fields: &mut Fields<'_>) -> (super::handout::HandoutFields, Option<String>) {
    let mut typed = original.fields.clone();
    if let Some(title) = fields.text("title") {
        typed.title = title;
    }
    if fields.has("summary") {
        typed.summary = fields.text("summary");
    }
    if fields.has("notes") {
        typed.notes_location = Some(fields.key_location("notes"));
        typed.notes = fields.text("notes");
    }
    typed.draft = fields.bool("draft").unwrap_or(false);
    typed.reviewed = fields.date("reviewed");
    typed.reviewed_by = fields.text("reviewed_by");
    typed.updated = fields.date("updated");
    let slug = fields.text("slug");
    if fields.has("stretches") {
        let location = fields.key_location("stretches");
        fields.diagnostics.push(
            Diagnostic::error(Kind::Handout, "a translation of a handout does not list its stretches again")
                .at(location)
                .help(format!(
                    "the stretches and their dosage come from {}; give their notes here under `notes_by_stretch`",
                    original.source.path.display()
                )),
        );
        fields.take("stretches");
    }
    for (key, set_note) in [("notes_by_stretch", true), ("frequency_by_stretch", false)] {
        let Some(value) = fields.take(key) else { continue };
        let Yaml::Map(pairs) = value else {
            let location = fields.key_location(key);
            fields.diagnostics.push(
                Diagnostic::error(Kind::Handout, format!("`{key}` must be a map of stretch id to text"))
                    .at(location)
                    .help(format!("e.g. `{key}: {{ figure-four: \"…\" }}`")),
            );
            continue;
        };
        for (id, text) in pairs {
            let item = typed.stretches.iter_mut().find(|item| item.id == id);
            match (item, text) {
                (Some(item), Yaml::String(text)) if set_note => item.note = Some(text),
                (Some(item), Yaml::String(text)) => item.overrides.frequency = Some(text),
                (found, _) => {
                    let location = fields.value_location(key, &id);
                    let message = match found {
                        Some(_) => format!("`{key}.{id}` must be text"),
                        None => format!("`{id}` is not one of this handout's stretches"),
                    };
                    let listed = original.fields.stretches.iter().map(|i| i.id.as_str());
                    fields.diagnostics.push(
                        Diagnostic::error(Kind::Handout, message)
                            .at(location)
                            .help_opt(did_you_mean(&id, listed).or_else(|| Some("put the text in quotes".into()))),
                    );
                }
            }
        }
    }
    let mut allowed: Vec<&str> = super::handout::HANDOUT_FIELDS.to_vec();
    allowed.extend(["slug", "notes_by_stretch", "frequency_by_stretch"]);
    fields.reject_unknown(&allowed, "a handout's translation");
    (typed, slug)
}
