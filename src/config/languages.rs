//! site.yaml's `languages:`: the languages the site is written in, the default first, and what each says in
//! its own words (title, description, disclaimer, red flags, synonyms, the practitioner's address). Written as
//! a list of codes (`languages: [en, es]`) or a map of code to settings; anything a language leaves out comes
//! from the default language, which is `language:` (or the first one listed).

use super::{Practitioner, SiteConfig};
use crate::diag::{Diagnostic, Kind, did_you_mean};
use crate::fields::Fields;
use crate::fields::yaml::Yaml;
use serde::Serialize;

/// One language of the site, with what it changes from the default language's settings.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Language {
    /// A language code as `lang=""` takes it: `es`, `pt-BR`.
    pub code: String,
    /// `rtl` for languages written right to left, else `ltr`.
    pub dir: &'static str,
    #[serde(skip)]
    pub settings: LanguageSettings,
}

/// What a language may give in its own words; `None` keeps the default language's.
#[derive(Debug, Clone, Default)]
pub struct LanguageSettings {
    pub title: Option<String>,
    pub description: Option<String>,
    pub disclaimer: Option<String>,
    pub red_flags: Option<Vec<String>>,
    pub synonyms: Option<Vec<Vec<String>>>,
    pub practitioner: Vec<(String, String)>,
    /// A collection's `title` and `singular` in this language, by collection name.
    pub collections: Vec<(String, String, String)>,
}

const LANGUAGE_FIELDS: &[&str] =
    &["title", "description", "disclaimer", "red_flags", "synonyms", "practitioner", "collections"];

/// Scripts written right to left: Arabic, Hebrew, Persian, Urdu, Pashto, Sindhi, Kurdish (Sorani), Dhivehi,
/// Yiddish and Uyghur.
const RIGHT_TO_LEFT: &[&str] = &["ar", "he", "fa", "ur", "ps", "sd", "ckb", "dv", "yi", "ug"];

/// A language code's primary language: `es` for `es-MX` or `es_MX`, what per-language rules and files go by.
pub fn primary(code: &str) -> &str {
    code.split(['-', '_']).next().unwrap_or(code)
}

pub fn direction(code: &str) -> &'static str {
    let primary = primary(code).to_ascii_lowercase();
    if RIGHT_TO_LEFT.contains(&primary.as_str()) { "rtl" } else { "ltr" }
}

/// A language code as BCP 47 has them: two or three letters, then optional `-` parts of letters and digits.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Reads `languages:` (after `language:` was read into `default`). The default language comes first.
pub(super) fn languages(fields: &mut Fields<'_>, default: Option<String>) -> Vec<Language> {
    let mut listed: Vec<Language> = Vec::new();
    let value = fields.take("languages");
    let entries: Vec<(String, Yaml)> = match value {
        None => Vec::new(),
        Some(Yaml::Seq(items)) => items
            .into_iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Yaml::String(code) => Some((code, Yaml::Null)),
                other => {
                    let location = fields.item_location("languages", i);
                    fields.diagnostics.push(
                        Diagnostic::error(
                            Kind::Settings,
                            format!("a language must be a code such as `es`, found {}", other.describe()),
                        )
                        .at(location),
                    );
                    None
                }
            })
            .collect(),
        Some(Yaml::Map(pairs)) => pairs,
        Some(other) => {
            let location = fields.key_location("languages");
            fields.diagnostics.push(
                Diagnostic::error(
                    Kind::Settings,
                    format!("`languages` must be a list of codes or a map, found {}", other.describe()),
                )
                .at(location)
                .help("write `languages: [en, es]`, or one line per language with its own title and disclaimer"),
            );
            Vec::new()
        }
    };
    for (code, settings) in entries {
        if !is_language_code(&code) {
            let location = fields.value_location("languages", &code);
            fields.diagnostics.push(
                Diagnostic::error(Kind::Settings, format!("`{code}` is not a language code"))
                    .at(location)
                    .help("use the two-letter code in lowercase, as in `es` for Spanish or `fr` for French"),
            );
            continue;
        }
        let settings = language_settings(fields, &code, settings);
        listed.push(Language { dir: direction(&code), code, settings });
    }
    let default = default.or_else(|| listed.first().map(|l| l.code.clone())).unwrap_or_else(|| "en".into());
    let mut languages = vec![match listed.iter().position(|l| l.code == default) {
        Some(at) => listed.remove(at),
        None => Language { dir: direction(&default), code: default, settings: LanguageSettings::default() },
    }];
    languages.extend(listed);
    languages
}

fn language_settings(fields: &mut Fields<'_>, code: &str, value: Yaml) -> LanguageSettings {
    let mut settings = LanguageSettings::default();
    let pairs = match value {
        Yaml::Null => return settings,
        Yaml::Map(pairs) => pairs,
        other => {
            let location = fields.path_location(&["languages", code], true);
            fields.diagnostics.push(
                Diagnostic::error(
                    Kind::Settings,
                    format!("`languages.{code}` must be a map of settings, found {}", other.describe()),
                )
                .at(location)
                .help("give its `title`, `description`, `disclaimer`, `red_flags` or `synonyms`, or `{}`"),
            );
            return settings;
        }
    };
    for (key, value) in pairs {
        if let Err((message, help)) = read_setting(&mut settings, code, &key, value) {
            let location = fields.path_location(&["languages", code, &key], true);
            fields.diagnostics.push(Diagnostic::error(Kind::Settings, message).at(location).help(help));
        }
    }
    settings
}

/// One setting of a language into `settings`; `Err` with the problem and what to do.
fn read_setting(settings: &mut LanguageSettings, code: &str, key: &str, value: Yaml) -> Result<(), (String, String)> {
    let problem = |message: String, help: &str| Err((message, help.to_string()));
    let described = value.describe();
    match key {
        "title" | "description" | "disclaimer" => match value {
            Yaml::String(text) if !text.trim().is_empty() => {
                let slot = match key {
                    "title" => &mut settings.title,
                    "description" => &mut settings.description,
                    _ => &mut settings.disclaimer,
                };
                *slot = Some(text);
                Ok(())
            }
            _ => problem(format!("`languages.{code}.{key}` must be text, found {described}"), "put it in quotes"),
        },
        "red_flags" => match text_list(value) {
            Some(list) => {
                settings.red_flags = Some(list);
                Ok(())
            }
            None => problem(format!("`languages.{code}.red_flags` must be a list of text"), "one `- \"…\"` line each"),
        },
        "synonyms" => {
            let groups = match value {
                Yaml::Seq(groups) => groups.into_iter().map(|g| text_list(g).filter(|w| w.len() >= 2)).collect(),
                _ => None,
            };
            match groups {
                Some(groups) => {
                    settings.synonyms = Some(groups);
                    Ok(())
                }
                None => problem(
                    format!("`languages.{code}.synonyms` must be a list of groups of two or more words"),
                    "e.g. `- [ciática, nervio ciático]`",
                ),
            }
        }
        "collections" => {
            let Yaml::Map(items) = value else {
                return problem(format!("`languages.{code}.collections` must be a map"), "one line per collection");
            };
            for (name, value) in items {
                let Some((title, singular)) = collection_words(&value) else {
                    return problem(
                        format!("`languages.{code}.collections.{name}` gives a `title` and a `singular`"),
                        "e.g. `stretches: { title: Estiramientos, singular: estiramiento }`",
                    );
                };
                settings.collections.push((name, title, singular));
            }
            Ok(())
        }
        "practitioner" => {
            let Yaml::Map(items) = value else {
                return problem(format!("`languages.{code}.practitioner` must be a map"), "e.g. `address: \"…\"`");
            };
            for (name, value) in items {
                match (super::PRACTITIONER_FIELDS.contains(&name.as_str()), value) {
                    (true, Yaml::String(text)) => settings.practitioner.push((name, text)),
                    _ => {
                        return problem(
                            format!("`languages.{code}.practitioner.{name}` is not a practitioner field given as text"),
                            &format!("it may give: {}", super::PRACTITIONER_FIELDS.join(", ")),
                        );
                    }
                }
            }
            Ok(())
        }
        _ => {
            let help = did_you_mean(key, LANGUAGE_FIELDS.iter().copied())
                .unwrap_or_else(|| format!("a language may give: {}", LANGUAGE_FIELDS.join(", ")));
            problem(format!("unknown field `languages.{code}.{key}`"), &help)
        }
    }
}

/// A collection's `{ title, singular }` in a language (either may be left out, as an empty string).
fn collection_words(value: &Yaml) -> Option<(String, String)> {
    let Yaml::Map(pairs) = value else { return None };
    let text = |key: &str| {
        pairs.iter().find(|(k, _)| k == key).map_or(Some(String::new()), |(_, v)| match v {
            Yaml::String(s) => Some(s.clone()),
            _ => None,
        })
    };
    let unknown = pairs.iter().any(|(k, _)| k != "title" && k != "singular");
    if unknown { None } else { Some((text("title")?, text("singular")?)) }
}

fn text_list(value: Yaml) -> Option<Vec<String>> {
    match value {
        Yaml::Seq(items) => items
            .into_iter()
            .map(|item| match item {
                Yaml::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        Yaml::String(s) => Some(vec![s]),
        _ => None,
    }
}

impl SiteConfig {
    /// The default language's code.
    pub fn default_language(&self) -> &str {
        &self.languages[0].code
    }

    /// Whether the site has more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The index of language `code` among the site's languages.
    pub fn language_index(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l.code == code)
    }

    /// Where language `index`'s pages are: at the root for the default language, under `es/` for another.
    pub fn prefix_of(&self, index: usize) -> String {
        if index == 0 { String::new() } else { format!("{}/", self.languages[index].code) }
    }

    /// The settings as seen in language `index`: its words where it gives them, the default's elsewhere, and
    /// its addresses under `<code>/` (the default language's at the root).
    #[must_use]
    pub fn for_language(&self, index: usize) -> SiteConfig {
        let language = &self.languages[index];
        let mut config = self.clone();
        config.language.clone_from(&language.code);
        config.dir = language.dir;
        config.lang_prefix = self.prefix_of(index);
        let own = &language.settings;
        if let Some(title) = &own.title {
            config.title.clone_from(title);
        }
        if own.description.is_some() {
            config.description.clone_from(&own.description);
        }
        if let Some(disclaimer) = &own.disclaimer {
            config.disclaimer.clone_from(disclaimer);
        }
        if let Some(red_flags) = &own.red_flags {
            config.red_flags.clone_from(red_flags);
        }
        if let Some(synonyms) = &own.synonyms {
            config.synonyms.clone_from(synonyms);
        }
        for (name, text) in &own.practitioner {
            set_practitioner(&mut config.practitioner, name, text.clone());
        }
        for (name, title, singular) in &own.collections {
            if let Some(collection) = config.collections.iter_mut().find(|c| c.name.as_str() == name.as_str()) {
                if !title.is_empty() {
                    collection.title.clone_from(title);
                }
                if !singular.is_empty() {
                    collection.singular.clone_from(singular);
                }
            }
        }
        config
    }
}

fn set_practitioner(practitioner: &mut Practitioner, name: &str, text: String) {
    let slot = match name {
        "name" => &mut practitioner.name,
        "credentials" => &mut practitioner.credentials,
        "email" => &mut practitioner.email,
        "phone" => &mut practitioner.phone,
        "address" => &mut practitioner.address,
        _ => &mut practitioner.booking_url,
    };
    *slot = Some(text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(text: &str) -> (Option<SiteConfig>, crate::diag::Diagnostics) {
        super::super::parse(Path::new("site.yaml"), text)
    }

    #[test]
    fn a_list_of_codes_puts_the_default_first() {
        let (config, diagnostics) =
            parse("title: T\nbase_url: https://e.org/\nlanguage: es\nlanguages: [en, es, ar]\n");
        assert!(!diagnostics.has_errors(), "{diagnostics:?}");
        let config = config.unwrap();
        let codes: Vec<_> = config.languages.iter().map(|l| (l.code.as_str(), l.dir)).collect();
        assert_eq!(codes, [("es", "ltr"), ("en", "ltr"), ("ar", "rtl")]);
        assert_eq!(config.for_language(1).lang_prefix, "en/");
        assert_eq!(config.for_language(0).lang_prefix, "");
    }

    #[test]
    fn a_language_gives_its_own_words_and_keeps_the_rest() {
        let text = "title: Clinic\nbase_url: https://e.org/\ndisclaimer: Careful.\nlanguages:\n  en: {}\n  es:\n    title: Clínica\n    red_flags: [\"Fiebre\"]\n";
        let (config, diagnostics) = parse(text);
        assert!(!diagnostics.has_errors(), "{diagnostics:?}");
        let spanish = config.unwrap().for_language(1);
        assert_eq!((spanish.title.as_str(), spanish.disclaimer.as_str()), ("Clínica", "Careful."));
        assert_eq!(spanish.red_flags, ["Fiebre"]);
        assert_eq!(spanish.language, "es");
    }

    #[test]
    fn an_unknown_setting_is_named_at_its_line() {
        let text = "title: T\nbase_url: https://e.org/\nlanguages:\n  en: {}\n  es:\n    titel: Clínica\n";
        let (_, diagnostics) = parse(text);
        let error = diagnostics.iter().next().unwrap();
        assert_eq!(error.location.as_ref().unwrap().line, Some(6), "{error:?}");
        assert_eq!(error.help.as_deref(), Some("did you mean `title`?"));
    }
}
