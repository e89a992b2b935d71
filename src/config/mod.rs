//! site.yaml -> a typed `SiteConfig`: the site's settings, its collections and the relations between them.
//! Unknown keys are rejected with a "did you mean".

pub mod body_map;
mod collections;
pub mod languages;
mod own_fields;
mod people;
mod publishing;
mod urls;

pub use languages::Language;
pub use urls::file_of;

use crate::diag::{Diagnostic, Diagnostics, SourceMap};
use crate::fields::Fields;
use crate::fields::id::Id;
use crate::fields::schema::{FieldSpec, HtmlPolicy, Paper, Schema};
use serde::Serialize;
use std::path::Path;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    /// The path part of `base_url`, `/` or `/clinic/`: every URL of the site starts with it.
    pub base_path: String,
    /// Where site.yaml writes `base_url`, for what `sinew check` says about it (`publishing`).
    #[serde(skip)]
    pub base_url_location: Option<crate::diag::Location>,
    /// The language of the pages being made: the default language's code, or another's in its own view
    /// (`for_language`).
    pub language: String,
    /// `ltr` or `rtl`: how `language` is written.
    pub dir: &'static str,
    /// Every language of the site, the default first (one, on a site in one language). Templates see them as
    /// `site.languages`, with their names and home pages (render/context.rs).
    #[serde(skip)]
    pub languages: Vec<Language>,
    /// Where `language`'s pages are, from the site's root: empty for the default language, `es/` for another.
    pub lang_prefix: String,
    pub description: Option<String>,
    pub theme: String,
    /// Where site.yaml names the theme (`None` when it does not: the built-in one).
    #[serde(skip)]
    pub theme_location: Option<crate::diag::Location>,
    pub review_interval_days: u32,
    pub paper: &'static str,
    /// What raw HTML in Markdown bodies becomes.
    pub html: HtmlPolicy,
    pub practitioner: Practitioner,
    pub disclaimer: String,
    pub red_flags: Vec<String>,
    pub synonyms: Vec<Vec<String>>,
    /// The theme's word forms for search (`search-words/<code>.txt`), by language's primary code, each a list
    /// of groups of members as written (`set_word_forms`).
    #[serde(skip)]
    pub word_forms: Vec<(String, Vec<Vec<String>>)>,
    pub collections: Vec<Collection>,
    #[serde(skip)]
    pub relations: Vec<Relation>,
    /// The theme's body map regions (`body_map`), once the theme is loaded.
    #[serde(skip)]
    pub regions: Vec<body_map::Region>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Practitioner {
    pub name: Option<String>,
    pub credentials: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub booking_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Collection {
    pub name: Id,
    pub title: String,
    pub singular: String,
    pub schema: Schema,
    /// The schema.org type its entries are about, when not the schema's own (`Bone` for an anatomy
    /// collection of bones); `None` keeps the default (render/structured.rs).
    pub structured_data: Option<String>,
    /// How many entries a page of its listing shows (`page_size:`); `None` lists them all on one page.
    pub page_size: Option<usize>,
    /// Every field its entries may have, in order: the common ones, its schema's, then the site's own
    /// (`fields:` in site.yaml), with any words the site added to a choice.
    pub fields: Vec<FieldSpec>,
    /// Where site.yaml declares it, for problems found later (its folder is missing).
    #[serde(skip)]
    pub location: Option<crate::diag::Location>,
}

/// The schema.org types an entry of this schema may be about, the default first.
fn structured_data_types(schema: Schema) -> &'static [&'static str] {
    STRUCTURED_DATA_TYPES.iter().find(|(name, _)| *name == schema.as_str()).map_or(&[], |(_, types)| *types)
}

impl Collection {
    /// The schema.org type its entries are about: the one site.yaml names, or the schema's default; `None`
    /// for plain articles.
    pub fn structured_data_type(&self) -> Option<&str> {
        self.structured_data.as_deref().or_else(|| structured_data_types(self.schema).first().copied())
    }

    /// The field of its table named `name`.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// A collection with only its name given: an article collection titled after it.
    fn named(id: Id, name: &str) -> Self {
        Collection {
            name: id,
            title: crate::fields::schema::word_label(name),
            singular: name.to_string(),
            schema: Schema::Article,
            structured_data: None,
            page_size: None,
            fields: crate::fields::schema::common_fields().to_vec(),
            location: None,
        }
    }
}

/// A relation declared in site.yaml: entries of `source` list ids of `target` under `key`.
#[derive(Debug, Clone)]
pub struct Relation {
    pub key: String,
    pub source: usize,
    pub target: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// Written on the source entry (a stretch's `muscles`).
    Forward,
    /// Written on the target entry (a muscle's `stretches`).
    Inverse,
}

const TOP_FIELDS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "languages",
    "description",
    "theme",
    "html",
    "review_interval_days",
    "paper",
    "practitioner",
    "disclaimer",
    "red_flags",
    "synonyms",
    "collections",
];
const PRACTITIONER_FIELDS: &[&str] = &["name", "credentials", "email", "phone", "address", "booking_url"];
const COLLECTION_FIELDS: &[&str] =
    &["title", "singular", "schema", "structured_data", "relations", "fields", "page_size"];

/// The schema.org types a collection may say its entries are about, by schema: the ones whose properties
/// sinew fills in (render/structured.rs). The first is the schema's default.
const STRUCTURED_DATA_TYPES: &[(&str, &[&str])] = &[
    ("exercise", &["ExercisePlan", "PhysicalActivity"]),
    ("condition", &["MedicalCondition", "MedicalSignOrSymptom", "InfectiousDisease"]),
    ("anatomy", &["Muscle", "Bone", "Joint", "Ligament", "Nerve", "Vessel", "AnatomicalStructure", "AnatomicalSystem"]),
    ("article", &[]),
];

impl SiteConfig {
    /// The theme's word-form groups for search in this view's language (by its primary code), if it has any.
    pub fn word_forms(&self) -> &[Vec<String>] {
        let code = languages::primary(&self.language);
        self.word_forms.iter().find(|(c, _)| c == code).map_or(&[], |(_, groups)| groups)
    }

    pub fn collection_index(&self, name: &str) -> Option<usize> {
        self.collections.iter().position(|c| c.name.as_str() == name)
    }

    /// The relation keys an entry of collection `c` may use, with the relation each names and from which side.
    pub fn relation_keys(&self, c: usize) -> impl Iterator<Item = (&str, usize, Direction)> {
        self.relations.iter().enumerate().flat_map(move |(r, relation)| {
            let forward = (relation.source == c).then_some((relation.key.as_str(), r, Direction::Forward));
            let inverse = (relation.target == c)
                .then(|| (self.collections[relation.source].name.as_str(), r, Direction::Inverse));
            forward.into_iter().chain(inverse)
        })
    }
}

/// Parses site.yaml's text. Every problem found is in the returned diagnostics.
pub fn parse(file: &Path, text: &str) -> (Option<SiteConfig>, Diagnostics) {
    let map = SourceMap::new(text);
    let mut fields = Fields::parse(file, &map, text, 0);
    if fields.has_errors() {
        return (None, fields.diagnostics);
    }
    let title = fields.required_text("title", "My Practice");
    let base_url = fields.required_text("base_url", "https://example.org/");
    let base_url_location = base_url.as_ref().map(|url| fields.value_location("base_url", url));
    let language = fields.text("language");
    let languages = languages::languages(&mut fields, language);
    let language = languages[0].code.clone();
    let description = fields.text("description");
    let theme_location = fields.has("theme").then(|| fields.key_location("theme"));
    let theme = fields.text("theme").unwrap_or_else(|| "default".into());
    let review_interval_days = fields.int("review_interval_days").unwrap_or(365);
    let paper = fields.choice::<Paper>("paper").unwrap_or(Paper::A4).as_str();
    let html = fields.choice::<HtmlPolicy>("html").unwrap_or(HtmlPolicy::Allow);
    let disclaimer = fields.text("disclaimer").unwrap_or_else(|| DEFAULT_DISCLAIMER.into());
    let red_flags = fields.text_list("red_flags");
    let practitioner = people::practitioner(&mut fields);
    let synonyms = people::synonyms(&mut fields);
    let (collections, relations) = collections::collections(&mut fields);
    fields.reject_unknown(TOP_FIELDS, "site.yaml");

    let base_url = base_url.and_then(|url| {
        if let Some(normalized) = normalize_base_url(&url) {
            Some(normalized)
        } else {
            let location = fields.value_location("base_url", &url);
            fields.diagnostics.push(
                Diagnostic::error(crate::diag::Kind::Settings, format!("`{url}` is not a web address"))
                    .at(location)
                    .help("write the full address the site is published at, e.g. https://example.org/clinic/"),
            );
            None
        }
    });
    let mut diagnostics = fields.diagnostics;
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let (Some(title), Some(base_url)) = (title, base_url) else {
        return (None, diagnostics);
    };
    let base_path = base_path(&base_url);
    let config = SiteConfig {
        title,
        base_url,
        base_path,
        base_url_location,
        language,
        dir: languages[0].dir,
        languages,
        lang_prefix: String::new(),
        description,
        theme,
        theme_location,
        review_interval_days,
        paper,
        html,
        practitioner,
        disclaimer,
        red_flags,
        synonyms,
        word_forms: Vec::new(),
        collections,
        relations,
        regions: Vec::new(),
    };
    collections::check_relation_keys(&config, file, &mut diagnostics);
    (Some(config), diagnostics)
}

pub const DEFAULT_DISCLAIMER: &str = "The information on this site is for general education only. It is not \
     medical advice and does not replace an assessment by a qualified health professional.";

fn normalize_base_url(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next()?;
    if host.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
}

fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(slash) => after_scheme[slash..].to_string(),
        None => "/".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_sub_path_becomes_the_base_path() {
        assert_eq!(base_path("https://example.org/clinic/"), "/clinic/");
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(normalize_base_url("https://example.org/clinic").unwrap(), "https://example.org/clinic/");
        assert!(normalize_base_url("example.org").is_none());
    }

    #[test]
    fn relations_are_usable_from_both_sides() {
        let text = "title: T\nbase_url: https://e.org/\ncollections:\n  stretches:\n    relations:\n      muscles: muscles\n  muscles: {}\n";
        let (config, diagnostics) = parse(Path::new("site.yaml"), text);
        assert!(!diagnostics.has_errors(), "{diagnostics:?}");
        let config = config.unwrap();
        let keys: Vec<_> = config.relation_keys(1).map(|(k, _, d)| (k.to_string(), d)).collect();
        assert_eq!(keys, vec![("stretches".to_string(), Direction::Inverse)]);
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_a_line() {
        let text = "title: T\nbase_url: https://e.org/\ndisclaimr: x\n";
        let (_, diagnostics) = parse(Path::new("site.yaml"), text);
        let error = diagnostics.iter().next().unwrap();
        assert_eq!(error.location.as_ref().unwrap().line, Some(3));
        assert_eq!(error.help.as_deref(), Some("did you mean `disclaimer`?"));
    }
}
