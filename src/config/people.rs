//! site.yaml's `practitioner:` (who the site is from) and `synonyms:` (the client's words search knows).

use super::{PRACTITIONER_FIELDS, Practitioner};
use crate::diag::{Diagnostic, Kind};
use crate::fields::Fields;
use crate::fields::yaml::Yaml;

pub(super) fn practitioner(fields: &mut Fields<'_>) -> Practitioner {
    let mut practitioner = Practitioner::default();
    let Some(value) = fields.take("practitioner") else {
        return practitioner;
    };
    let Yaml::Map(pairs) = value else {
        let location = fields.key_location("practitioner");
        fields.diagnostics.push(
            Diagnostic::error(Kind::Settings, "`practitioner` must be a mapping of name, credentials, email, ...")
                .at(location),
        );
        return practitioner;
    };
    for (key, value) in pairs {
        let slot = match key.as_str() {
            "name" => &mut practitioner.name,
            "credentials" => &mut practitioner.credentials,
            "email" => &mut practitioner.email,
            "phone" => &mut practitioner.phone,
            "address" => &mut practitioner.address,
            "booking_url" => &mut practitioner.booking_url,
            _ => {
                let location = fields.value_location("practitioner", &key);
                let help = crate::diag::did_you_mean(&key, PRACTITIONER_FIELDS.iter().copied())
                    .unwrap_or_else(|| format!("practitioner may have: {}", PRACTITIONER_FIELDS.join(", ")));
                fields.diagnostics.push(
                    Diagnostic::error(Kind::Settings, format!("unknown field `practitioner.{key}`"))
                        .at(location)
                        .help(help),
                );
                continue;
            }
        };
        match value {
            Yaml::String(s) => *slot = Some(s),
            other => {
                let location = fields.value_location("practitioner", &key);
                fields.diagnostics.push(
                    Diagnostic::error(
                        Kind::Settings,
                        format!("`practitioner.{key}` must be text, found {}", other.describe()),
                    )
                    .at(location)
                    .help("put the value in quotes"),
                );
            }
        }
    }
    practitioner
}

pub(super) fn synonyms(fields: &mut Fields<'_>) -> Vec<Vec<String>> {
    let Some(value) = fields.take("synonyms") else {
        return Vec::new();
    };
    let groups = match value {
        Yaml::Seq(groups) => groups,
        other => {
            let location = fields.key_location("synonyms");
            fields.diagnostics.push(
                Diagnostic::error(
                    Kind::Settings,
                    format!("`synonyms` must be a list of lists, found {}", other.describe()),
                )
                .at(location)
                .help("write each group on its own line: `- [butt, glutes, buttocks]`"),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for group in groups {
        let words: Option<Vec<String>> = match group {
            Yaml::Seq(words) => words
                .into_iter()
                .map(|w| match w {
                    Yaml::String(s) => Some(s),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        match words {
            Some(words) if words.len() >= 2 => out.push(words),
            _ => {
                let location = fields.key_location("synonyms");
                fields.diagnostics.push(
                    Diagnostic::error(Kind::Settings, "each synonym group must be a list of two or more words")
                        .at(location)
                        .help("e.g. `- [sciatica, sciatic nerve]`; quote words such as \"no\" or numbers"),
                );
            }
        }
    }
    out
}
