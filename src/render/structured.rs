//! schema.org structured data (JSON-LD) for each page: what search engines and health-content checkers read.
//!
//! Every entry page is a `MedicalWebPage` written for patients, whose `mainEntity` is what the entry is about,
//! chosen by its collection's schema in site.yaml (or the collection's `structured_data` type): an
//! `ExercisePlan` for an exercise, a `MedicalCondition` for a condition, a `Muscle` (or another anatomical
//! type) for anatomy. Related entries appear as the properties schema.org has for them (a condition's
//! `possibleTreatment` are its stretches, a muscle's `relatedCondition` its causes). The practice is the
//! publisher, described in full once per page and referred to by `@id` everywhere else.
//!
//! The page gets the JSON as text ([`script`]), with `<`, `>` and `&` escaped so that no front matter value can
//! close the `<script>` element, and its keys in a fixed order so two builds give the same bytes.

use crate::config::SiteConfig;
use crate::fields::schema::{Schema, Sides};
use crate::graph::LinkedSite;
use crate::model::Date;
use crate::model::entry::{Entry, EntryFields, Exercise};
use serde_json::{Map, Value, json};
use std::fmt::Write as _;

/// JSON-LD as the text of a `<script type="application/ld+json">` element.
pub(super) fn script(data: &Value) -> String {
    super::theme::script_json(&data.to_string())
}

/// The practice's node id, and the site's: the same on every page, so the graph joins up.
fn practice_id(config: &SiteConfig) -> String {
    format!("{}#practice", config.base_url)
}

fn website_id(config: &SiteConfig) -> String {
    format!("{}#website", config.base_url)
}

/// The practice, as the publisher: the site's title, the practitioner and how to reach them.
fn practice(config: &SiteConfig) -> Value {
    let p = &config.practitioner;
    let mut node = Map::new();
    node.insert("@type".into(), json!("LocalBusiness"));
    node.insert("@id".into(), json!(practice_id(config)));
    node.insert("name".into(), json!(config.title));
    node.insert("url".into(), json!(config.base_url));
    if let Some(description) = &config.description {
        node.insert("description".into(), json!(description));
    }
    if let Some(email) = &p.email {
        node.insert("email".into(), json!(email));
    }
    if let Some(phone) = &p.phone {
        node.insert("telephone".into(), json!(phone));
    }
    if let Some(address) = &p.address {
        node.insert("address".into(), json!({ "@type": "PostalAddress", "streetAddress": address }));
    }
    if let Some(name) = &p.name {
        node.insert("employee".into(), person(name, p.credentials.as_deref()));
    }
    Value::Object(node)
}

fn person(name: &str, credentials: Option<&str>) -> Value {
    match credentials {
        Some(credentials) => json!({ "@type": "Person", "name": name, "honorificSuffix": credentials }),
        None => json!({ "@type": "Person", "name": name }),
    }
}

fn website(config: &SiteConfig) -> Value {
    json!({
        "@type": "WebSite",
        "@id": website_id(config),
        "name": config.title,
        "url": config.base_url,
        "inLanguage": config.language,
        "publisher": { "@id": practice_id(config) },
    })
}

/// The home page: the site and the practice that publishes it.
pub(super) fn home(config: &SiteConfig) -> Value {
    json!({ "@context": "https://schema.org", "@graph": [website(config), practice(config)] })
}

/// A page that is not an entry (a listing, a plain page, search): a `WebPage` of the site.
pub(super) fn web_page(config: &SiteConfig, kind: &str, title: &str, description: &str, permalink: &str) -> Value {
    let page_type = match kind {
        "list" => "CollectionPage",
        "search" => "SearchResultsPage",
        _ if permalink.ends_with("/about/") => "AboutPage",
        _ => "WebPage",
    };
    json!({
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": page_type,
                "@id": permalink,
                "url": permalink,
                "name": title,
                "description": description,
                "inLanguage": config.language,
                "isPartOf": { "@id": website_id(config) },
                "publisher": { "@id": practice_id(config) },
            },
            website(config),
            practice(config),
        ]
    })
}

/// An entry page: a `MedicalWebPage` for patients about the entry.
/// The site's and the practice's nodes, the same in every entry's graph: serialized once per render
/// (`Renderer::shared_nodes`) and spliced into each entry's script by `entry_script`.
pub(super) fn shared_nodes(config: &SiteConfig) -> String {
    format!("{},{}", website(config), practice(config))
}

/// An entry page's JSON-LD script text: its `MedicalWebPage`, then `shared` (from `shared_nodes`). The same
/// bytes as `script(&json!({"@context": ..., "@graph": [page, website, practice]}))`, without building and
/// serializing the shared nodes again for every entry.
pub(super) fn entry_script(site: &LinkedSite, index: usize, description: &str, shared: &str) -> String {
    let page = entry(site, index, description);
    super::theme::script_json(&format!(r#"{{"@context":"https://schema.org","@graph":[{page},{shared}]}}"#))
}

fn entry(site: &LinkedSite, index: usize, description: &str) -> Value {
    let config = &site.config;
    let entry = &site.entries[index];
    let collection = &config.collections[entry.collection];
    let fields = &entry.fields;
    let permalink = entry_permalink(config, entry);
    let about = collection.structured_data_type();

    let mut page = Map::new();
    page.insert("@type".into(), json!("MedicalWebPage"));
    page.insert("@id".into(), json!(permalink));
    page.insert("url".into(), json!(permalink));
    page.insert("name".into(), json!(fields.title()));
    page.insert("headline".into(), json!(fields.title()));
    page.insert("description".into(), json!(description));
    page.insert("inLanguage".into(), json!(config.language));
    page.insert("isPartOf".into(), json!({ "@id": website_id(config) }));
    page.insert("publisher".into(), json!({ "@id": practice_id(config) }));
    page.insert("medicalAudience".into(), json!({ "@type": "Patient" }));
    page.insert("aspect".into(), json!(aspect(collection.schema)));
    if let Some(reviewed) = fields.reviewed() {
        page.insert("lastReviewed".into(), json!(reviewed.to_string()));
        // Who reviewed it: the entry says, or it is the practitioner's own site.
        let reviewer = fields.reviewed_by().or(config.practitioner.name.as_deref());
        if let Some(name) = reviewer {
            let credentials =
                if fields.reviewed_by().is_none() { config.practitioner.credentials.as_deref() } else { None };
            page.insert("reviewedBy".into(), person(name, credentials));
        }
    }
    if let Some(modified) = last_modified(fields) {
        page.insert("dateModified".into(), json!(modified.to_string()));
    }
    if let Some(image) = fields.image() {
        page.insert("image".into(), json!(config.permalink(&image.src)));
    }
    page.insert("breadcrumb".into(), breadcrumbs(site, entry.collection, fields.title(), &permalink));
    if let Some(about) = about {
        page.insert("mainEntity".into(), main_entity(site, index, about, description));
    }
    Value::Object(page)
}

/// The latest of an entry's (or page's) review and update dates: when its content last changed as far as
/// readers know.
pub(crate) fn last_modified(fields: &EntryFields) -> Option<Date> {
    // `None` orders below every date, so the latest given. A scheduled entry is new on the day it appears.
    fields.reviewed().max(fields.updated()).max(fields.publish())
}

pub(crate) fn entry_permalink(config: &SiteConfig, entry: &Entry) -> String {
    config.permalink(&entry.path(config))
}

fn aspect(schema: Schema) -> Vec<&'static str> {
    match schema {
        Schema::Exercise => vec!["Treatment", "Self-care"],
        Schema::Condition => vec!["Causes", "Symptoms", "Treatment"],
        Schema::Anatomy => vec!["Anatomy"],
        Schema::Article => vec!["Overview"],
    }
}

fn breadcrumbs(site: &LinkedSite, collection: usize, title: &str, permalink: &str) -> Value {
    let config = &site.config;
    let (home, listing) =
        (config.permalink(&config.lang_path("")), config.permalink(&config.collection_path(collection)));
    json!({
        "@type": "BreadcrumbList",
        "itemListElement": [
            { "@type": "ListItem", "position": 1, "name": site.strings.get("nav.home"), "item": home },
            { "@type": "ListItem", "position": 2, "name": config.collections[collection].title, "item": listing },
            { "@type": "ListItem", "position": 3, "name": title, "item": permalink },
        ]
    })
}

/// What the entry is about, with its related entries as the properties schema.org has for them.
fn main_entity(site: &LinkedSite, index: usize, about: &str, description: &str) -> Value {
    let config = &site.config;
    let entry = &site.entries[index];
    let fields = &entry.fields;
    let mut node = Map::new();
    node.insert("@type".into(), json!(about));
    node.insert("@id".into(), json!(format!("{}#about", entry_permalink(config, entry))));
    node.insert("name".into(), json!(fields.title()));
    node.insert("description".into(), json!(description));
    node.insert("url".into(), json!(entry_permalink(config, entry)));
    if !fields.aliases().is_empty() {
        node.insert("alternateName".into(), json!(fields.aliases()));
    }

    // Related entries, by what the other entry's collection is.
    let (mut exercises, mut conditions, mut anatomy) = (Vec::new(), Vec::new(), Vec::new());
    let mut seen = std::collections::HashSet::new();
    for link in &site.links[index] {
        if !seen.insert(link.other) {
            continue;
        }
        let other = &site.entries[link.other];
        let collection = &config.collections[other.collection];
        let reference = |default_type: &str| {
            let kind = collection.structured_data_type().unwrap_or(default_type);
            json!({ "@type": kind, "name": other.fields.title(), "url": entry_permalink(config, other) })
        };
        match collection.schema {
            // A stretch as a condition's treatment: schema.org's treatments are therapies.
            Schema::Exercise => exercises.push(json!({
                "@type": "PhysicalTherapy",
                "name": other.fields.title(),
                "url": entry_permalink(config, other),
            })),
            Schema::Condition => conditions.push(reference("MedicalCondition")),
            Schema::Anatomy => anatomy.push(reference("AnatomicalStructure")),
            Schema::Article => {}
        }
    }

    // The fields the collection's table maps to a schema.org property, as the entry gives them.
    for spec in &config.collections[entry.collection].fields {
        let value = fields
            .values
            .get(&spec.name)
            .filter(|v| !matches!(v, crate::fields::values::Value::List(l) if l.is_empty()));
        if let (Some(property), Some(value)) = (&spec.json_ld, value) {
            node.entry(property.to_string()).or_insert_with(|| json!(value));
        }
    }
    let schema = config.collections[entry.collection].schema;
    match schema {
        Schema::Exercise => {
            if let Some(exercise) = fields.exercise() {
                exercise_plan(&mut node, exercise, &site.strings);
            }
            if !anatomy.is_empty() {
                node.insert("associatedAnatomy".into(), json!(anatomy));
            }
        }
        Schema::Condition => {
            if !anatomy.is_empty() {
                node.insert("associatedAnatomy".into(), json!(anatomy));
            }
            if !exercises.is_empty() {
                node.insert("possibleTreatment".into(), json!(exercises));
            }
            if !fields.symptoms().is_empty() {
                let symptoms: Vec<Value> =
                    fields.symptoms().iter().map(|s| json!({ "@type": "MedicalSignOrSymptom", "name": s })).collect();
                node.insert("signOrSymptom".into(), json!(symptoms));
            }
        }
        Schema::Anatomy => {
            if !conditions.is_empty() {
                node.insert("relatedCondition".into(), json!(conditions));
            }
            if !exercises.is_empty() {
                node.insert("relatedTherapy".into(), json!(exercises));
            }
        }
        Schema::Article => {}
    }
    Value::Object(node)
}

/// An exercise's dose as schema.org says it: the kind of exercise, repetitions per set, how long one full
/// session takes (hold x reps x sets, both sides when done on each side) and how often.
fn exercise_plan(node: &mut Map<String, Value>, exercise: Exercise, strings: &crate::strings::Strings) {
    if let Some(kind) = exercise.kind() {
        // sinew's own words in the page's language (the theme's `generated.exercise_types`); a word the site
        // added is given as it is.
        let label = strings.lookup_str(&format!("generated.exercise_types.{kind}")).unwrap_or(kind);
        node.insert("exerciseType".into(), json!(label));
    }
    if let Some(hold) = exercise.hold_seconds() {
        let sides = if exercise.sides() == Some(Sides::Each) { 2 } else { 1 };
        let total =
            u64::from(hold) * u64::from(exercise.reps().unwrap_or(1)) * u64::from(exercise.sets().unwrap_or(1)) * sides;
        node.insert("activityDuration".into(), json!(iso_duration(total)));
    }
}

/// Seconds as an ISO 8601 duration: `PT45S`, `PT2M30S`, `PT1H`.
fn iso_duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::from("PT");
    if h > 0 {
        let _ = write!(out, "{h}H");
    }
    if m > 0 {
        let _ = write!(out, "{m}M");
    }
    if s > 0 || seconds == 0 {
        let _ = write!(out, "{s}S");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::iso_duration;

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(45), "PT45S");
        assert_eq!(iso_duration(150), "PT2M30S");
        assert_eq!(iso_duration(3600), "PT1H");
        assert_eq!(iso_duration(0), "PT0S");
    }
}
