//! EDIT: what the preview's editor needs from the engine, with no HTTP in it: the form of an entry or page
//! (`target.rs`: its field table, its values, its relations both ways), a draft turned back into the file's
//! text keeping every untouched byte (`write.rs`), the build's problems mapped to the form's fields, a new
//! entry as `sinew new` makes it (`new.rs`), and every place that names an entry, for renaming and deleting
//! (`rename.rs`). The server side (tokens, requests, writing files) is in `serve/`.

mod new;
mod rename;
mod target;
mod write;

pub(crate) use new::create;
pub(crate) use rename::{Reference, references, renamed, with_old_address};
pub(crate) use target::{PAGES, Target, find};

use crate::config::{Direction, SiteConfig};
use crate::diag::Diagnostic;
use crate::fields::schema::FieldType;
use crate::graph::LinkedSite;
use crate::model::Entry;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json, json};
use std::path::Path;
use write::{Change, Shape};

/// What the editor page is made from (docs/editor-api.md, "`EntryForm`").
#[derive(Debug, Serialize)]
pub(crate) struct EntryForm {
    pub collection: String,
    pub collection_label: String,
    pub singular: String,
    pub id: String,
    pub file: String,
    pub version: String,
    pub page_url: String,
    pub fields: Vec<crate::fields::schema::FieldSpec>,
    pub relations: Vec<Json>,
    pub incoming: Vec<Json>,
    pub values: Map<String, Json>,
    pub body: String,
    pub ids: Vec<Json>,
    pub token_required: bool,
}

/// What the page sends: the form's values and body (docs/editor-api.md, "Draft").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Draft {
    pub collection: String,
    pub id: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub values: Map<String, Json>,
    pub body: String,
}

/// A file's version as the editor knows it: a hash of its bytes on disk.
pub(crate) fn version(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// The form for `target`, whose file on disk is `bytes`.
pub(crate) fn form(site: &LinkedSite, target: Target, bytes: &[u8]) -> EntryForm {
    let config = &site.config;
    let values = current_values(site, target);
    let title_of = |e: &Entry| json!({ "id": e.id.as_str(), "title": e.fields.title() });
    let (relations, incoming, (collection_label, singular)) = match target {
        Target::Entry(index) => {
            let c = site.entries[index].collection;
            let relations = config
                .relation_keys(c)
                .map(|(key, r, direction)| {
                    let to = relation_target(config, r, direction);
                    let options: Vec<Json> = site.collection_entries(to).iter().map(|e| title_of(e)).collect();
                    let label = crate::fields::schema::word_label(key);
                    json!({ "key": key, "label": label, "target": config.collections[to].name.as_str(), "options": options })
                })
                .collect();
            let collection = &config.collections[c];
            (relations, incoming(site, index), (collection.title.clone(), collection.singular.clone()))
        }
        Target::Page(_) => (Vec::new(), Vec::new(), ("Pages".to_string(), "page".to_string())),
    };
    let ids = site
        .entries
        .iter()
        .map(|e| json!({ "collection": config.collections[e.collection].name.as_str(), "id": e.id.as_str(), "title": e.fields.title() }))
        .collect();
    let (collection, id) = target.name(site);
    EntryForm {
        collection,
        collection_label,
        singular,
        id,
        file: target.source(site).path.to_string_lossy().replace('\\', "/"),
        version: version(bytes),
        page_url: config.url(&target.site_path(site)),
        fields: target.table(site).to_vec(),
        relations,
        incoming,
        values,
        body: target.body(site).to_string(),
        ids,
        token_required: true,
    }
}

/// What the file says now, as the form shows it: its fields, and its relation lists as arrays of ids.
fn current_values(site: &LinkedSite, target: Target) -> Map<String, Json> {
    let mut values = match serde_json::to_value(&target.fields(site).values) {
        Ok(Json::Object(map)) => map,
        _ => Map::new(),
    };
    for relation in target.relations(site) {
        let ids = relation.ids.iter().map(|(id, _)| Json::String(id.clone())).collect();
        values.insert(relation.key.clone(), Json::Array(ids));
    }
    values
}

/// The collection a relation key's ids belong to.
fn relation_target(config: &SiteConfig, relation: usize, direction: Direction) -> usize {
    let relation = &config.relations[relation];
    if direction == Direction::Forward { relation.target } else { relation.source }
}

/// The entries that list this one in their own front matter (read-only in the form: edited there).
fn incoming(site: &LinkedSite, index: usize) -> Vec<Json> {
    let entry = &site.entries[index];
    let config = &site.config;
    let mut found = Vec::new();
    for link in &site.links[index] {
        let other = &site.entries[link.other];
        for relation in &other.relations {
            if relation.ids.iter().any(|(id, _)| id == entry.id.as_str()) && relation.relation == link.relation {
                found.push(json!({
                    "collection": config.collections[other.collection].name.as_str(),
                    "key": relation.key,
                    "id": other.id.as_str(),
                    "title": other.fields.title(),
                    "url": config.url(&other.path(config)),
                }));
            }
        }
    }
    found.dedup();
    found
}

/// The file's new bytes for `draft`: only what changed is rewritten (`write.rs`), the body replaced only when
/// it differs, the file's byte-order mark and CRLF line ends kept. `Err` says which value could not be
/// written.
pub(crate) fn compose(site: &LinkedSite, target: Target, bytes: &[u8], draft: &Draft) -> Result<Vec<u8>, String> {
    let path = &target.source(site).path;
    let text = crate::source::decode(path, bytes).map_err(|d| d.message)?;
    let split = crate::source::split(path, &text).map_err(|d| d.message)?;
    let current = current_values(site, target);
    let mut keys: Vec<(&str, Shape)> = target.table(site).iter().map(|f| (&*f.name, shape(&f.kind))).collect();
    keys.extend(target.relation_keys(site).into_iter().map(|k| (k, Shape::IdList)));
    let mut changes = Vec::new();
    for (position, (key, shape)) in keys.iter().enumerate() {
        let wanted = draft.values.get(*key).filter(|v| !is_empty(v));
        if wanted != current.get(*key) {
            let after = keys[..position].iter().map(|(k, _)| *k).collect();
            changes.push(Change { key, shape: *shape, value: wanted, after });
        }
    }
    let front = if changes.is_empty() {
        split.front_matter.to_string()
    } else {
        write::rewrite(split.front_matter, &changes).ok_or_else(|| {
            let keys: Vec<&str> = changes.iter().map(|c| c.key).collect();
            format!("a value of {} does not fit its field", keys.join(", "))
        })?
    };
    let front_end = split.front_matter_offset + split.front_matter.len();
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..split.front_matter_offset]);
    out.push_str(&front);
    out.push_str(&text[front_end..split.body_offset]);
    out.push_str(if draft.body == split.body { split.body } else { &draft.body });
    Ok(encode_like(bytes, &out))
}

/// `text` (LF line ends) with the line ends and byte-order mark `original` had.
pub(crate) fn encode_like(original: &[u8], text: &str) -> Vec<u8> {
    #[allow(clippy::naive_bytecount)] // one file, once per save; not worth a dependency
    let lf = original.iter().filter(|&&b| b == b'\n').count();
    let crlf = original.windows(2).filter(|w| w == b"\r\n").count();
    let mut out = Vec::with_capacity(text.len() + 64);
    if original.starts_with(&[0xEF, 0xBB, 0xBF]) {
        out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    // A file with CRLF line ends keeps them; a file that mixes both is written with LF.
    if crlf > 0 && crlf == lf {
        out.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    } else {
        out.extend_from_slice(text.as_bytes());
    }
    out
}

fn is_empty(value: &Json) -> bool {
    match value {
        Json::Null => true,
        Json::String(s) => s.trim().is_empty(),
        Json::Array(items) => items.is_empty(),
        Json::Object(map) => map.get("src").and_then(Json::as_str).is_none_or(|s| s.trim().is_empty()),
        _ => false,
    }
}

fn shape(kind: &FieldType) -> Shape {
    match kind {
        FieldType::Text => Shape::Text,
        FieldType::List { markdown, .. } => Shape::TextList { block: *markdown },
        FieldType::Words { .. } => Shape::IdList,
        FieldType::Integer { .. } | FieldType::Choice { .. } | FieldType::Date | FieldType::Bool => Shape::Word,
        FieldType::Image => Shape::Image,
        FieldType::Video => Shape::Video,
    }
}

/// A problem as the form shows it (docs/editor-api.md, "Problem").
#[derive(Debug, Serialize)]
pub(crate) struct FormProblem {
    pub field: Option<String>,
    pub item: Option<usize>,
    pub line: Option<usize>,
    pub column: usize,
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
}

/// Places each problem of the draft's file at its field (the field it names, else the top-level key whose key
/// or value holds it), its list item, or the body (lines counted from the body's first); problems elsewhere
/// have no field. `labels` (field name -> label) turn the file's words into the form's: "`hold_seconds`"
/// becomes "Hold (seconds)", and help that shows how to write the line in the file is left out.
pub(crate) fn place_problems(
    file: &Path,
    text: &str,
    problems: &[Diagnostic],
    labels: &[(String, String)],
) -> Vec<FormProblem> {
    let split = crate::source::split(file, text).ok();
    let spans = split.as_ref().and_then(|s| crate::fields::yaml::spans::read(s.front_matter));
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    // Columns count characters from 1.
    let offset_of = |line: usize, column: usize| {
        let start = *line_starts.get(line.saturating_sub(1))?;
        let rest = &text[start..];
        Some(start + rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i))
    };
    let body_line = split.as_ref().map(|s| text[..s.body_offset].matches('\n').count() + 1);
    let front_offset = split.as_ref().map_or(0, |s| s.front_matter_offset);
    problems
        .iter()
        .map(|problem| {
            let location = problem.location.as_ref().filter(|l| l.file == file);
            let line = location.and_then(|l| l.line);
            let (mut field, mut item, mut shown_line) = (None, None, line);
            // A lint about the whole entry points at its first line: it belongs to no one field.
            let whole_file = problem.kind == crate::diag::Kind::Lint && location.is_none_or(|l| l.column <= 1);
            if let Some(line) = line.filter(|_| !whole_file) {
                if let Some(body) = body_line.filter(|b| line >= *b) {
                    field = Some("body".to_string());
                    shown_line = Some(line - body + 1);
                } else if let (Some(root), Some(at)) =
                    (&spans, offset_of(line, location.map_or(1, |l| l.column.max(1))))
                {
                    let at = at.saturating_sub(front_offset);
                    // The field whose key starts last at or before the problem: its key, value and items.
                    if let Some((key, _, value)) = root.entries.iter().rev().find(|(_, key, _)| key.start <= at) {
                        field = Some(key.clone());
                        item = value.items.iter().position(|i| i.span.contains(&at));
                    }
                }
            }
            // "missing `title`" is about the title, wherever the parser stood when it noticed.
            // ... and a lint about the whole entry whose help says "add `cautions:` ..." is about the cautions.
            let help = problem.help.as_deref().filter(|_| whole_file).unwrap_or_default();
            let named = labels.iter().find(|(name, _)| {
                problem.message.contains(&format!("`{name}`")) || help.contains(&format!("`{name}:"))
            });
            if let Some((name, _)) = named.filter(|_| field.as_deref() != Some("body")) {
                if field.as_deref() != Some(name.as_str()) {
                    item = None;
                }
                field = Some(name.clone());
            }
            let mut message = problem.message.clone();
            for (name, label) in labels {
                message = message.replace(&format!("`{name}`"), &format!("“{label}”"));
            }
            // "add `cautions:` saying who..." reads "add “Take care” saying who..."; help that shows a line of
            // the file to write ("`hold_seconds: 30`") has no meaning in a form and is left out.
            let mut help = problem.help.clone();
            if let Some(text) = &mut help {
                for (name, label) in labels {
                    *text = text.replace(&format!("`{name}:`"), &format!("“{label}”"));
                }
            }
            let writes_yaml = |help: &String| labels.iter().any(|(name, _)| help.contains(&format!("`{name}:")));
            FormProblem {
                field,
                item,
                line: shown_line,
                column: location.map_or(0, |l| l.column),
                severity: if problem.is_error() { "error" } else { "warning" },
                code: problem.kind.as_str(),
                message,
                help: help.filter(|h| !writes_yaml(h)),
            }
        })
        .collect()
}
