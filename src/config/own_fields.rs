//! A collection's own fields, declared in site.yaml in the terms of the built-in schema tables:
//!
//! ```yaml
//! fields:
//!   tempo: { type: text, label: Tempo }
//!   load_kg: { type: integer, min: 0, max: 200, label: "Load (kg)" }
//!   region: { type: choice, of: [neck, shoulder, back], facet: true }
//!   position: { add: [sitting] }      # more words for a built-in choice
//! ```
//!
//! The result is the collection's whole table: the common fields, its schema's (with any added words), then
//! its own. Every problem is reported at the key or value it is about.

use crate::diag::{Diagnostic, Kind, did_you_mean};
use crate::fields::Fields;
use crate::fields::schema::{FieldSpec, FieldType, InTranslation, Schema, common_fields, is_reserved_field};
use crate::fields::yaml::Yaml;
use std::borrow::Cow;

const TYPES: &[&str] = &["text", "list", "integer", "choice", "date", "bool", "image"];
const SETTINGS: &[&str] = &["type", "label", "facet", "required", "min", "max", "of", "markdown", "add", "schema_org"];

/// The table of collection `name` (declared with `schema`), with the fields site.yaml declares (`declared`,
/// the value of its `fields:` key, if any).
pub(super) fn table(fields: &mut Fields<'_>, name: &str, schema: Schema, declared: Option<Yaml>) -> Vec<FieldSpec> {
    let mut table: Vec<FieldSpec> = common_fields().iter().chain(schema.fields()).cloned().collect();
    let Some(declared) = declared else { return table };
    let pairs = match declared {
        Yaml::Map(pairs) => pairs,
        Yaml::Null => return table,
        other => {
            let location = fields.path_location(&["collections", name, "fields"], true);
            fields.diagnostics.push(
                Diagnostic::error(
                    Kind::Settings,
                    format!("`fields` must map each field's name to its settings, found {}", other.describe()),
                )
                .at(location)
                .help("e.g. `fields: { tempo: { type: text } }`"),
            );
            return table;
        }
    };
    for (field, settings) in pairs {
        let mut reader = Settings { fields, name, field: &field, ok: true };
        let Yaml::Map(settings) = settings else {
            let help = format!("e.g. `{field}: {{ type: text }}`");
            reader.error(None, format!("field `{field}` must be a mapping of its settings"), help);
            continue;
        };
        if let Some(index) = table.iter().position(|spec| spec.name == field) {
            reader.add_words(&mut table[index], settings);
        } else if is_reserved_field(&field) {
            let message = format!("`{field}` is a field of another schema, so a collection cannot declare it");
            reader.error(None, message, "choose another name for this field".into());
        } else if let Some(spec) = reader.custom(settings) {
            table.push(spec);
        }
    }
    table
}

/// Reads one field's settings, reporting problems at their place in site.yaml.
struct Settings<'f, 'a, 'n> {
    fields: &'f mut Fields<'a>,
    /// The collection's name and the field's.
    name: &'n str,
    field: &'n str,
    ok: bool,
}

impl Settings<'_, '_, '_> {
    fn error(&mut self, setting: Option<&str>, message: String, help: String) {
        let mut path = vec!["collections", self.name, "fields", self.field];
        path.extend(setting);
        let location = self.fields.path_location(&path, setting.is_none());
        self.fields.diagnostics.push(Diagnostic::error(Kind::Settings, message).at(location).help(help));
        self.ok = false;
    }

    /// `position: { add: [sitting] }`: more words for a built-in choice that allows them.
    fn add_words(&mut self, spec: &mut FieldSpec, settings: Vec<(String, Yaml)>) {
        let field = self.field;
        for (key, value) in settings {
            if key != "add" {
                let help = format!(
                    "a built-in field takes only `add: [more, words]` (for a choice), e.g. `{field}: {{ add: [sitting] }}`"
                );
                self.error(Some(&key), format!("`{field}` is built in: its `{key}` cannot be changed"), help);
                continue;
            }
            let FieldType::Choice { words, open } = &mut spec.kind else {
                self.error(
                    Some("add"),
                    format!("`{field}` is not a choice, so it has no words to add to"),
                    "remove `add`".into(),
                );
                continue;
            };
            if !*open {
                let help = format!("use one of: {}", words.join(", "));
                self.error(
                    Some("add"),
                    format!("the words of `{field}` are fixed: sinew's wording depends on them"),
                    help,
                );
                continue;
            }
            for word in self.words("add", value) {
                if !words.iter().any(|w| *w == word) {
                    words.push(Cow::Owned(word));
                }
            }
        }
    }

    /// A field of the site's own.
    fn custom(&mut self, settings: Vec<(String, Yaml)>) -> Option<FieldSpec> {
        let field = self.field;
        if crate::fields::id::Id::parse(&field.replace('_', "-")).is_err() {
            self.error(
                None,
                format!("`{field}` is not a usable field name"),
                "use lowercase words joined by `_`, e.g. `load_kg`".into(),
            );
        }
        let mut kind_name = None;
        let (mut label, mut facet, mut required, mut markdown) = (None, false, false, false);
        let (mut min, mut max, mut words, mut json_ld) = (None, None, None, None);
        for (key, value) in settings {
            match key.as_str() {
                "type" => kind_name = self.text("type", value),
                "label" => label = self.text("label", value),
                "facet" => facet = self.flag("facet", value),
                "required" => required = self.flag("required", value),
                "markdown" => markdown = self.flag("markdown", value),
                "min" => min = self.number("min", &value),
                "max" => max = self.number("max", &value),
                "of" => words = Some(self.words("of", value)),
                "schema_org" => json_ld = self.text("schema_org", value),
                "add" => self.error(
                    Some("add"),
                    format!("`add` is for built-in choices; `{field}` is the site's own"),
                    "list its words with `of: [...]`".into(),
                ),
                other => {
                    let help = did_you_mean(other, SETTINGS.iter().copied())
                        .unwrap_or_else(|| format!("a field may have: {}", SETTINGS.join(", ")));
                    self.error(Some(other), format!("unknown setting `{other}` for field `{field}`"), help);
                }
            }
        }
        let Some(kind_name) = kind_name else {
            self.error(
                None,
                format!("field `{field}` has no `type`"),
                format!("add `type:` with one of: {}", TYPES.join(", ")),
            );
            return None;
        };
        let kind = match kind_name.as_str() {
            "text" => FieldType::Text,
            "list" => FieldType::List { markdown, pictures: false },
            "integer" => {
                let (min, max) = (min.unwrap_or(0), max.unwrap_or(1_000_000));
                if min > max {
                    self.error(Some("max"), format!("`max` ({max}) is below `min` ({min})"), "swap them".into());
                }
                FieldType::Integer { min, max }
            }
            "choice" => match words {
                Some(words) if !words.is_empty() => {
                    FieldType::Choice { words: words.into_iter().map(Cow::Owned).collect(), open: false }
                }
                _ => {
                    self.error(
                        None,
                        format!("choice field `{field}` lists no words"),
                        "add `of: [one, two, three]`".into(),
                    );
                    return None;
                }
            },
            "date" => FieldType::Date,
            "bool" => FieldType::Bool,
            "image" => FieldType::Image,
            other => {
                let help = did_you_mean(other, TYPES.iter().copied())
                    .unwrap_or_else(|| format!("use one of: {}", TYPES.join(", ")));
                self.error(Some("type"), format!("unknown field type `{other}`"), help);
                return None;
            }
        };
        // `load_kg` -> `Load kg`.
        let label = label.unwrap_or_else(|| crate::fields::schema::word_label(&field.replace('_', "-")));
        let scaffold = match &kind {
            FieldType::List { .. } => Some(Cow::Borrowed("[]")),
            FieldType::Bool => Some(Cow::Borrowed("false")),
            FieldType::Choice { words, .. } => words.first().cloned(),
            FieldType::Integer { min, .. } => Some(Cow::Owned(min.to_string())),
            FieldType::Text | FieldType::Date | FieldType::Image | FieldType::Video | FieldType::Words { .. } => None,
        };
        // A site's own text is written in each language; numbers, choices and dates are the same in all.
        let in_translation = InTranslation::of_type(&kind);
        self.ok.then(|| FieldSpec {
            name: Cow::Owned(field.to_string()),
            label: Cow::Owned(label),
            in_translation,
            kind,
            facet,
            required,
            scaffold,
            placeholder: None,
            json_ld: json_ld.map(Cow::Owned),
            custom: true,
        })
    }

    fn text(&mut self, setting: &str, value: Yaml) -> Option<String> {
        match value {
            Yaml::String(text) if !text.trim().is_empty() => Some(text),
            other => {
                self.error(
                    Some(setting),
                    format!("`{setting}` must be text, found {}", other.describe()),
                    "put it in quotes".into(),
                );
                None
            }
        }
    }

    fn flag(&mut self, setting: &str, value: Yaml) -> bool {
        match value {
            Yaml::Bool(b) => b,
            other => {
                self.error(
                    Some(setting),
                    format!("`{setting}` must be true or false, found {}", other.describe()),
                    format!("write `{setting}: true`"),
                );
                false
            }
        }
    }

    fn number(&mut self, setting: &str, value: &Yaml) -> Option<u32> {
        match value {
            Yaml::Number(n) if n.parse::<u32>().is_ok() => n.parse().ok(),
            other => {
                let help = format!("a whole number from 0 to {}", u32::MAX);
                self.error(
                    Some(setting),
                    format!("`{setting}` must be a whole number, found {}", other.describe()),
                    help,
                );
                None
            }
        }
    }

    fn words(&mut self, setting: &str, value: Yaml) -> Vec<String> {
        let items = match value {
            Yaml::Seq(items) => items,
            Yaml::String(word) => vec![Yaml::String(word)],
            other => {
                self.error(
                    Some(setting),
                    format!("`{setting}` must be a list of words, found {}", other.describe()),
                    format!("write `{setting}: [one, two]`"),
                );
                return Vec::new();
            }
        };
        let mut words = Vec::new();
        for item in items {
            match item {
                Yaml::String(word) if crate::fields::id::Id::parse(&word).is_ok() => words.push(word),
                Yaml::String(word) => {
                    let help =
                        format!("words are lowercase, joined by hyphens, e.g. `{}`", crate::fields::id::slugify(&word));
                    self.error(Some(setting), format!("`{word}` cannot be a choice word"), help);
                }
                other => {
                    self.error(
                        Some(setting),
                        format!("a word in `{setting}` must be text, found {}", other.describe()),
                        "put it in quotes".into(),
                    );
                }
            }
        }
        words
    }
}
