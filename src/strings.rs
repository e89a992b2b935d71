//! The words the theme prints around the content ("Take care", "How often", month names), per language:
//! the theme's `i18n/<code>.yaml` (the site theme's, else the built-in theme's), with the site's own
//! `i18n/<code>.yaml` replacing single strings. Templates read them as `t`; the handout and the pages sinew
//! titles itself read them here. Every language the site declares must give every string the default
//! language's theme file gives: a missing one is an error naming the key and the file.

use crate::diag::{Diagnostic, Diagnostics, Kind};
use crate::fields::yaml::{Yaml, parse_mapping};
use crate::model::Date;
use crate::source::{SourceFile, StringFiles};
use serde_json::{Map, Value};

/// One language's interface strings.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    pub language: String,
    /// The strings as a tree of maps, as templates see `t`.
    pub values: Value,
}

/// The plural forms of Unicode's CLDR, which a plural string's map is keyed by.
const PLURAL_FORMS: &[&str] = &["zero", "one", "two", "few", "many", "other"];

impl Strings {
    /// The string at `key` (`pages.search_title`); the key itself when it is missing (reported at loading).
    pub fn get(&self, key: &str) -> String {
        match self.lookup(key) {
            Some(Value::String(text)) => text.clone(),
            _ => key.to_string(),
        }
    }

    /// The string at `key`, borrowed; `None` when it is missing.
    pub fn lookup_str(&self, key: &str) -> Option<&str> {
        self.lookup(key).and_then(Value::as_str)
    }

    /// The list of strings at `key` (`handout.days`); empty when it is missing.
    pub fn list(&self, key: &str) -> Vec<String> {
        let items = self.lookup(key).and_then(Value::as_array);
        items.map_or_else(Vec::new, |items| items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect())
    }

    /// The string at `key` with `{name}` replaced by `value`.
    pub fn fill(&self, key: &str, name: &str, value: &str) -> String {
        self.get(key).replace(&format!("{{{name}}}"), value)
    }

    /// The plural string at `key` for `n`, with the number in place of `{n}`.
    pub fn plural(&self, key: &str, n: u64) -> String {
        match self.lookup(key) {
            Some(forms) => pick_plural(forms, &self.language, n),
            None => format!("{n} {key}"),
        }
    }

    /// A dosage field's value as a line of an exercise says it: `hold_seconds` 30 is "30 seconds", `reps` 10 is
    /// "10 times", `sets` 3 is "3"; what a `{hold}` placeholder becomes.
    pub fn dosage_value(&self, field: &str, n: u32) -> String {
        match field {
            "hold_seconds" => self.plural("units.seconds", n.into()),
            "reps" => self.plural("units.times", n.into()),
            _ => n.to_string(),
        }
    }

    /// `2026-09-14` as this language writes a date in full (`14 de septiembre de 2026`).
    pub fn long_date(&self, date: Date) -> String {
        let (year, month, day) = date.civil();
        let months = self.lookup("dates.months").and_then(Value::as_array);
        let month_name = months.and_then(|m| m.get(month as usize - 1)).and_then(Value::as_str);
        let Some(month_name) = month_name else { return date.to_string() };
        let pattern = match self.lookup("dates.long") {
            Some(Value::String(pattern)) => pattern.as_str(),
            _ => "{day} {month} {year}",
        };
        pattern.replace("{day}", &day.to_string()).replace("{month}", month_name).replace("{year}", &year.to_string())
    }

    fn lookup(&self, key: &str) -> Option<&Value> {
        key.split('.').try_fold(&self.values, |value, part| value.get(part))
    }
}

/// The form of a plural string's map for `n` in `language`, with `{n}` filled in; `other` where the language's
/// form is missing.
pub fn pick_plural(forms: &Value, language: &str, n: u64) -> String {
    let form = plural_form(language, n);
    let text = forms.get(form).or_else(|| forms.get("other")).and_then(Value::as_str).unwrap_or_default();
    text.replace("{n}", &n.to_string())
}

/// CLDR's plural form of a whole number `n`, for the languages whose rules differ from English's.
pub fn plural_form(language: &str, n: u64) -> &'static str {
    match crate::config::languages::primary(language) {
        // French and Portuguese count 0 with 1.
        "fr" | "pt" => {
            if n <= 1 {
                "one"
            } else {
                "other"
            }
        }
        "ar" => match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        "zh" | "ja" | "ko" | "vi" | "th" | "id" | "ms" | "tr" | "fa" => "other",
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// Reads each language's strings (in the order of `files`, the site's languages) and checks them against the
/// default language's theme file. Every problem is reported; a language whose file cannot be read has no
/// strings (its pages fail to render, and the build with them, on the reported error).
pub fn load(files: &[StringFiles], diagnostics: &mut Diagnostics) -> Vec<Strings> {
    let mut loaded: Vec<Strings> = Vec::new();
    let mut reference: Option<(Vec<String>, String)> = None;
    for (index, file) in files.iter().enumerate() {
        let mut values = Value::Object(Map::new());
        match &file.theme {
            Some(theme) => values = read(theme, diagnostics),
            None if file.site.is_none() => diagnostics.push(
                Diagnostic::error(
                    Kind::Settings,
                    format!("the theme has no interface strings for `{}`", file.language),
                )
                .in_file(std::path::Path::new(crate::config::CONFIG_FILE))
                .help(format!(
                    "create i18n/{}.yaml in the site's folder with every string of the theme's English file \
                         (the built-in theme has en, es and fr), or remove `{}` from `languages:`",
                    file.language, file.language
                )),
            ),
            None => {}
        }
        if index == 0 {
            reference = file.theme.as_ref().map(|theme| (keys(&values), theme.path.display().to_string()));
        }
        if let Some(site) = &file.site {
            overlay(&mut values, read(site, diagnostics));
        }
        if let Some((expected, reference_file)) = &reference {
            let given = keys(&values);
            let missing: Vec<&String> = expected.iter().filter(|k| !given.contains(k)).collect();
            let file_named = file.site.as_ref().or(file.theme.as_ref());
            match (file_named, missing.len()) {
                (None, _) | (_, 0) => {}
                // A few missing: each named. Many: a file begun, or the wrong one; named together.
                (Some(named), 1..=8) => {
                    for key in missing {
                        diagnostics.push(
                            Diagnostic::error(
                                Kind::Settings,
                                format!("the interface string `{key}` is missing for `{}`", file.language),
                            )
                            .in_file(&named.path)
                            .help(format!("add `{key}` as {reference_file} has it, in this language")),
                        );
                    }
                }
                (Some(named), count) => {
                    let first: Vec<&str> = missing.iter().take(8).map(|k| k.as_str()).collect();
                    diagnostics.push(
                        Diagnostic::error(
                            Kind::Settings,
                            format!(
                                "{count} interface strings are missing for `{}`, among them `{}`",
                                file.language,
                                first.join("`, `")
                            ),
                        )
                        .in_file(&named.path)
                        .help(format!("start from a copy of {reference_file} and translate every string")),
                    );
                }
            }
        }
        loaded.push(Strings { language: file.language.clone(), values });
    }
    loaded
}

fn read(file: &SourceFile, diagnostics: &mut Diagnostics) -> Value {
    match parse_mapping(&file.text) {
        Ok(pairs) => Value::Object(pairs.into_iter().map(|(k, v)| (k, to_json(v))).collect()),
        Err(error) => {
            let mut diagnostic = Diagnostic::error(Kind::Yaml, format!("this YAML cannot be read: {}", error.message))
                .in_file(&file.path);
            if let Some(line) = error.line {
                let map = crate::diag::SourceMap::new(&file.text);
                diagnostic = diagnostic.at(crate::diag::Location::line(&file.path, &map, line));
            }
            diagnostics.push(diagnostic.help("check indentation, colons and quotes"));
            Value::Object(Map::new())
        }
    }
}

fn to_json(yaml: Yaml) -> Value {
    match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => Value::String(n),
        Yaml::String(s) => Value::String(s),
        Yaml::Seq(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Yaml::Map(pairs) => Value::Object(pairs.into_iter().map(|(k, v)| (k, to_json(v))).collect()),
    }
}

/// Replaces single strings of `base` by those of `over`, keeping the rest.
fn overlay(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(&key) {
                    Some(slot) if slot.is_object() && value.is_object() && !is_plural(&value) => overlay(slot, value),
                    _ => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, over) => *base = over,
    }
}

/// A plural string: a map of CLDR forms, `other` among them.
fn is_plural(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|map| map.contains_key("other") && map.keys().all(|k| PLURAL_FORMS.contains(&k.as_str())))
}

/// Every string's dotted key; a plural string counts once (languages have different forms).
fn keys(value: &Value) -> Vec<String> {
    fn walk(value: &Value, prefix: &str, out: &mut Vec<String>) {
        match value.as_object() {
            Some(map) if !is_plural(value) => {
                for (key, value) in map {
                    let key = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    walk(value, &key, out);
                }
            }
            _ => out.push(prefix.to_string()),
        }
    }
    let mut out = Vec::new();
    walk(value, "", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_follow_each_language() {
        let forms = serde_json::json!({ "one": "{n} vez", "other": "{n} veces" });
        assert_eq!(pick_plural(&forms, "es", 1), "1 vez");
        assert_eq!(pick_plural(&forms, "es", 0), "0 veces");
        let forms = serde_json::json!({ "one": "{n} fois", "other": "{n} fois!" });
        assert_eq!(pick_plural(&forms, "fr", 0), "0 fois");
        assert_eq!(plural_form("ar", 2), "two");
        assert_eq!(plural_form("ar", 105), "few");
    }

    #[test]
    fn a_missing_string_names_its_key_and_file() {
        let en = SourceFile::new("themes/x/i18n/en.yaml".into(), "nav: { home: Home, search: Search }\n".into());
        let es = SourceFile::new("themes/x/i18n/es.yaml".into(), "nav: { home: Inicio }\n".into());
        let files = [
            StringFiles { language: "en".into(), theme: Some(en), site: None },
            StringFiles { language: "es".into(), theme: Some(es), site: None },
        ];
        let mut diagnostics = Diagnostics::default();
        let strings = load(&files, &mut diagnostics);
        let error = diagnostics.iter().next().expect("an error");
        assert!(error.message.contains("`nav.search`") && error.message.contains("`es`"), "{error:?}");
        assert!(error.location.as_ref().unwrap().file.ends_with("es.yaml"));
        assert_eq!(strings[1].get("nav.home"), "Inicio");
    }

    #[test]
    fn dates_are_written_the_languages_way() {
        let strings = Strings {
            language: "es".into(),
            values: serde_json::json!({ "dates": { "long": "{day} de {month} de {year}",
                "months": ["enero","febrero","marzo","abril","mayo","junio","julio","agosto","septiembre","octubre","noviembre","diciembre"] } }),
        };
        assert_eq!(strings.long_date(Date::parse("2026-09-14").unwrap()), "14 de septiembre de 2026");
    }
}
