//! site.yaml's `collections:`: each collection's settings, its field table, and the relations between
//! collections, with every problem at the key or value it is about.

use super::{COLLECTION_FIELDS, Collection, Direction, Relation, SiteConfig, own_fields, structured_data_types};
use crate::diag::{Diagnostic, Diagnostics, Kind};
use crate::fields::Fields;
use crate::fields::id::Id;
use crate::fields::schema::Schema;
use crate::fields::yaml::Yaml;
use std::path::Path;

/// A collection's `structured_data` type must be one sinew fills in for its schema; a wrong one is reported
/// and dropped, so the build can go on to report other problems.
fn check_structured_data(fields: &mut Fields<'_>, collection: &mut Collection, name: &str) {
    let Some(kind) = &collection.structured_data else { return };
    let allowed = structured_data_types(collection.schema);
    if allowed.contains(&kind.as_str()) {
        return;
    }
    let help = if allowed.is_empty() {
        format!("an `{}` collection's pages have no main type; remove `structured_data`", collection.schema.as_str())
    } else {
        format!("for schema `{}` use one of: {}", collection.schema.as_str(), allowed.join(", "))
    };
    fields.diagnostics.push(
        Diagnostic::error(Kind::Settings, format!("unknown structured_data type `{kind}` for collection `{name}`"))
            .at(fields.value_location("collections", &format!("structured_data: {kind}")))
            .help(help),
    );
    collection.structured_data = None;
}

pub(super) fn collections(fields: &mut Fields<'_>) -> (Vec<Collection>, Vec<Relation>) {
    let mut collections = Vec::new();
    let mut declared = Vec::new();
    let Some(value) = fields.take("collections") else {
        return (collections, Vec::new());
    };
    let Yaml::Map(pairs) = value else {
        let location = fields.key_location("collections");
        fields.diagnostics.push(
            Diagnostic::error(Kind::Settings, "`collections` must map each collection's name to its settings")
                .at(location),
        );
        return (collections, Vec::new());
    };
    for (name, settings) in pairs {
        let location = fields.value_location("collections", &format!("{name}:"));
        let id = match Id::parse(&name) {
            Ok(id) => id,
            Err(suggestion) => {
                fields.diagnostics.push(
                    Diagnostic::error(Kind::Settings, format!("`{name}` is not a valid collection name"))
                        .at(location)
                        .help(format!("use lowercase words joined by hyphens, e.g. `{suggestion}`")),
                );
                continue;
            }
        };
        let mut collection = Collection::named(id, &name);
        collection.location = Some(location.clone());
        let pairs = match settings {
            Yaml::Map(pairs) => pairs,
            Yaml::Null => Vec::new(),
            other => {
                fields.diagnostics.push(
                    Diagnostic::error(
                        Kind::Settings,
                        format!("collection `{name}` must be a mapping, found {}", other.describe()),
                    )
                    .at(location),
                );
                continue;
            }
        };
        let declared_fields =
            collection_settings(fields, &mut collection, &name, pairs, &mut declared, collections.len());
        check_structured_data(fields, &mut collection, &name);
        collection.fields = own_fields::table(fields, &name, collection.schema, declared_fields);
        collections.push(collection);
    }
    let mut relations = Vec::new();
    for (source, key, target_name) in declared {
        if let Some(target) = collections.iter().position(|c| c.name.as_str() == target_name) {
            relations.push(Relation { key, source, target });
        } else {
            let names = collections.iter().map(|c| c.name.as_str());
            fields.diagnostics.push(
                Diagnostic::error(
                    Kind::Settings,
                    format!("relation `{key}` points at `{target_name}`, which is not a collection"),
                )
                .at(fields.value_location("collections", &target_name))
                .help_opt(crate::diag::did_you_mean(&target_name, names)),
            );
        }
    }
    (collections, relations)
}

/// One collection's settings; returns its `fields:` value, read once its schema is known. Relations go to
/// `declared` as (collection index, key, target name), resolved once every collection is known.
fn collection_settings(
    fields: &mut Fields<'_>,
    collection: &mut Collection,
    name: &str,
    pairs: Vec<(String, Yaml)>,
    declared: &mut Vec<(usize, String, String)>,
    index: usize,
) -> Option<Yaml> {
    let mut declared_fields = None;
    for (key, value) in pairs {
        match (key.as_str(), value) {
            ("fields", value) => declared_fields = Some(value),
            ("title", Yaml::String(s)) => collection.title = s,
            ("singular", Yaml::String(s)) => collection.singular = s,
            ("schema", Yaml::String(s)) => match Schema::ALL_NAMES.iter().position(|n| *n == s) {
                Some(i) => collection.schema = Schema::from_index(i),
                None => fields.diagnostics.push(
                    Diagnostic::error(Kind::Settings, format!("unknown schema `{s}` for collection `{name}`"))
                        .at(fields.value_location("collections", &s))
                        .help(format!("use one of: {}", Schema::ALL_NAMES.join(", "))),
                ),
            },
            ("relations", Yaml::Map(relations)) => {
                for (key, target) in relations {
                    match target {
                        Yaml::String(target) => declared.push((index, key, target)),
                        other => fields.diagnostics.push(
                            Diagnostic::error(
                                Kind::Settings,
                                format!("relation `{key}` must name a collection, found {}", other.describe()),
                            )
                            .at(fields.value_location("collections", &key)),
                        ),
                    }
                }
            }
            ("structured_data", Yaml::String(s)) => collection.structured_data = Some(s),
            ("page_size", value) => collection.page_size = page_size(fields, name, &value),
            ("relations", Yaml::Null) => {}
            (key @ ("title" | "singular" | "schema" | "structured_data" | "relations"), other) => {
                fields.diagnostics.push(
                    Diagnostic::error(
                        Kind::Settings,
                        format!("`{name}.{key}` has the wrong type: {}", other.describe()),
                    )
                    .at(fields.value_location("collections", &format!("{key}:"))),
                );
            }
            (key, _) => {
                let help = crate::diag::did_you_mean(key, COLLECTION_FIELDS.iter().copied())
                    .unwrap_or_else(|| format!("a collection may have: {}", COLLECTION_FIELDS.join(", ")));
                fields.diagnostics.push(
                    Diagnostic::error(Kind::Settings, format!("unknown field `{key}` in collection `{name}`"))
                        .at(fields.value_location("collections", &format!("{key}:")))
                        .help(help),
                );
            }
        }
    }
    declared_fields
}

/// `page_size:`, a whole number of entries per listing page, at least 1; a problem is reported at the value.
fn page_size(fields: &mut Fields<'_>, name: &str, value: &Yaml) -> Option<usize> {
    if let Yaml::Number(n) = value
        && let Ok(size) = n.parse::<usize>()
        && size > 0
    {
        return Some(size);
    }
    let found = match value {
        Yaml::Number(n) if n.parse::<i64>().is_ok_and(|n| n <= 0) => n.clone(),
        other => other.describe(),
    };
    fields.diagnostics.push(
        Diagnostic::error(
            Kind::Settings,
            format!("`{name}.page_size` must be a whole number of entries, 1 or more, found {found}"),
        )
        .at(fields.path_location(&["collections", name, "page_size"], false))
        .help("for example `page_size: 12`; leave it out to list every entry on one page"),
    );
    None
}

/// Two relations that an entry would write under the same key can't be told apart: refuse them.
pub(super) fn check_relation_keys(config: &SiteConfig, file: &Path, diagnostics: &mut Diagnostics) {
    for (c, collection) in config.collections.iter().enumerate() {
        let mut seen: Vec<&str> = Vec::new();
        for (key, _, direction) in config.relation_keys(c) {
            let is_field = collection.fields.iter().any(|f| f.name == key);
            if seen.contains(&key) || is_field || crate::fields::schema::is_reserved_field(key) {
                let why = if direction == Direction::Inverse {
                    "it is also the name another collection uses to list them back"
                } else {
                    "it is already a field or another relation"
                };
                diagnostics.push(
                    Diagnostic::error(
                        Kind::Settings,
                        format!("entries of `{}` would have two meanings for the key `{key}`: {why}", collection.name),
                    )
                    .in_file(file)
                    .help("rename one of the relations in site.yaml"),
                );
            }
            seen.push(key);
        }
    }
}
