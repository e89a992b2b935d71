//! The theme's body map regions (`themes/<theme>/body-map.yaml`): the words an anatomy entry's `regions:` may
//! use, and the pages the body map links to. The drawing is the theme's too (`partials/body_map.html`), so a
//! neck clinic's theme brings its own regions and its own picture; sinew only knows them as a list.
//!
//! ```yaml
//! regions:
//!   - id: lower-back
//!     name: Lower back
//! ```

use super::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics, Kind, SourceMap};
use crate::fields::Fields;
use crate::fields::id::Id;
use crate::fields::schema::{FieldType, REGIONS};
use crate::fields::yaml::Yaml;
use serde::Serialize;
use std::borrow::Cow;

/// The file's name inside a theme folder.
pub const FILE: &str = "body-map.yaml";

/// One region of the body map.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Region {
    pub id: Id,
    pub name: String,
}

/// Reads the regions from `text` (the file at `path`); problems are reported at their line, and a region
/// with one is left out.
pub fn parse(path: &std::path::Path, text: &str, diagnostics: &mut Diagnostics) -> Vec<Region> {
    let map = SourceMap::new(text);
    let mut fields = Fields::parse(path, &map, text, 0);
    let mut regions: Vec<Region> = Vec::new();
    let items = match fields.take("regions") {
        Some(Yaml::Seq(items)) => items,
        Some(other) => {
            let location = fields.key_location("regions");
            fields.diagnostics.push(
                Diagnostic::error(Kind::Settings, format!("`regions` must be a list, found {}", other.describe()))
                    .at(location)
                    .help("write each region as `- { id: lower-back, name: Lower back }`"),
            );
            Vec::new()
        }
        None => Vec::new(),
    };
    for (index, item) in items.into_iter().enumerate() {
        let location = fields.item_location("regions", index);
        let (mut id, mut name) = (None, None);
        if let Yaml::Map(pairs) = item {
            for (key, value) in pairs {
                match (key.as_str(), value) {
                    ("id", Yaml::String(text)) => id = Some(text),
                    ("name", Yaml::String(text)) if !text.trim().is_empty() => name = Some(text),
                    _ => {}
                }
            }
        }
        let problem = match (id.as_deref().map(Id::parse), name) {
            (Some(Ok(id)), Some(_)) if regions.iter().any(|r| r.id == id) => {
                format!("the region `{id}` is listed twice")
            }
            (Some(Ok(id)), Some(name)) => {
                regions.push(Region { id, name });
                continue;
            }
            (Some(Err(_)), _) => format!("`{}` is not a region id", id.unwrap_or_default()),
            _ => "a region needs an `id` and a `name`".to_string(),
        };
        fields.diagnostics.push(
            Diagnostic::error(Kind::Settings, problem)
                .at(location)
                .help("write it as `- { id: lower-back, name: Lower back }`: the id lowercase, joined by hyphens"),
        );
    }
    fields.reject_unknown(&["regions"], "body-map.yaml");
    diagnostics.extend(fields.diagnostics.into_sorted());
    regions
}

impl SiteConfig {
    /// Takes the theme's regions: the words `regions:` accepts in every collection that has the field.
    pub fn set_regions(&mut self, regions: Vec<Region>) {
        let words: Vec<Cow<'static, str>> = regions.iter().map(|r| Cow::Owned(r.id.to_string())).collect();
        for collection in &mut self.collections {
            for spec in &mut collection.fields {
                if spec.name == REGIONS
                    && let FieldType::Words { words: allowed } = &mut spec.kind
                {
                    allowed.clone_from(&words);
                }
            }
        }
        self.regions = regions;
    }
}
