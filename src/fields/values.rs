//! Front matter read through a schema's table: each field's value checked against its type (`schema.rs`),
//! every problem reported at the line and column the parser gives it. What is read is a `FieldValues`, a
//! name -> value map in the table's order, which templates see as it is and which typed views are made from.

use super::Fields;
use super::date::Date;
use super::schema::{FieldSpec, FieldType};
use super::yaml::Yaml;
use crate::diag::{Diagnostic, Kind, Location, did_you_mean};
use serde::Serialize;
use serde::ser::SerializeMap;
use std::borrow::Cow;

/// A picture: where it is and what it shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
    /// Where `image:` is written, for a problem with the file it names.
    #[serde(skip)]
    pub location: Location,
}

/// A video: a file among the static files, or a page on a video site played from its privacy-enhanced host.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Video {
    /// As written: `videos/figure-four.mp4` or `https://www.youtube.com/watch?v=...`.
    pub src: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poster: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captions: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip)]
    pub host: VideoHost,
    /// Where `video:` is written.
    #[serde(skip)]
    pub location: Location,
}

/// Where a video plays from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum VideoHost {
    /// A file among the site's static files, at `src`.
    #[default]
    File,
    /// A YouTube video, by its id.
    YouTube(String),
    /// A Vimeo video, by its number.
    Vimeo(String),
}

/// One field's value. A choice is its word.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    List(Vec<String>),
    Integer(u32),
    Date(Date),
    Bool(bool),
    Image(Image),
    Video(Video),
}

impl Value {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_list(&self) -> &[String] {
        match self {
            Value::List(items) => items,
            _ => &[],
        }
    }

    /// The words a reader sees for it, one per item for a list (for search filters and plain listings).
    pub fn words(&self) -> Vec<String> {
        match self {
            Value::Text(text) => vec![text.clone()],
            Value::List(items) => items.clone(),
            Value::Integer(n) => vec![n.to_string()],
            Value::Date(date) => vec![date.to_string()],
            Value::Bool(b) => vec![if *b { "yes" } else { "no" }.to_string()],
            Value::Image(image) => vec![image.alt.clone()],
            Value::Video(video) => video.title.iter().cloned().collect(),
        }
    }
}

/// The fields an entry gives, by name, in its schema's order; fields it leaves out are absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldValues {
    /// Names borrowed from the built-in tables (a site's own field names are copied): 10,000 entries hold no
    /// copies of `title`.
    values: Vec<(Cow<'static, str>, Value)>,
    /// For each list of inline Markdown (steps, cautions), where each item's text starts in the file (a byte
    /// offset), so a broken link inside an item is reported at its line and column.
    item_offsets: Vec<(Cow<'static, str>, Vec<Option<usize>>)>,
    /// For each list whose items may carry a picture (steps), each item's picture, if it has one.
    item_images: Vec<(Cow<'static, str>, Vec<Option<Image>>)>,
}

impl FieldValues {
    /// Takes every value `other` gives (a translation's words) in place of this one's, with the places of
    /// its items and its items' pictures; the values `other` leaves out stay as they are.
    pub fn overlay(&mut self, other: FieldValues) {
        fn put<T>(slots: &mut Vec<(Cow<'static, str>, T)>, name: Cow<'static, str>, value: T) {
            match slots.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = value,
                None => slots.push((name, value)),
            }
        }
        for (name, value) in other.values {
            // A list given again has its own item places (in the translation's file), and loses the old ones.
            self.item_offsets.retain(|(n, _)| *n != name);
            put(&mut self.values, name, value);
        }
        for (name, offsets) in other.item_offsets {
            put(&mut self.item_offsets, name, offsets);
        }
        for (name, images) in other.item_images {
            put(&mut self.item_images, name, images);
        }
    }

    /// Leaves the field out.
    pub fn remove(&mut self, name: &str) {
        self.values.retain(|(n, _)| n != name);
        self.item_offsets.retain(|(n, _)| n != name);
        self.item_images.retain(|(n, _)| n != name);
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Where the items of the Markdown list `name` start in the file (see `item_offsets`).
    pub fn item_offsets(&self, name: &str) -> &[Option<usize>] {
        self.item_offsets.iter().find(|(n, _)| n == name).map_or(&[], |(_, offsets)| offsets)
    }

    /// The pictures of the items of the list `name`, one per item (`None` for an item without one); empty
    /// when no item has a picture.
    pub fn item_images(&self, name: &str) -> &[Option<Image>] {
        self.item_images.iter().find(|(n, _)| n == name).map_or(&[], |(_, images)| images)
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_text)
    }

    pub fn list(&self, name: &str) -> &[String] {
        self.get(name).map_or(&[], Value::as_list)
    }

    pub fn integer(&self, name: &str) -> Option<u32> {
        match self.get(name) {
            Some(Value::Integer(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn date(&self, name: &str) -> Option<Date> {
        match self.get(name) {
            Some(Value::Date(date)) => Some(*date),
            _ => None,
        }
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    pub fn image(&self, name: &str) -> Option<&Image> {
        match self.get(name) {
            Some(Value::Image(image)) => Some(image),
            _ => None,
        }
    }

    pub fn video(&self, name: &str) -> Option<&Video> {
        match self.get(name) {
            Some(Value::Video(video)) => Some(video),
            _ => None,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.values.iter().map(|(n, v)| (&**n, v))
    }
}

/// A list item as front matter writes it: its text, or `{ text, image }` when it has a picture.
#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Text(&'a String),
    Pictured { text: &'a String, image: &'a Image },
}

impl Serialize for FieldValues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.values.len()))?;
        for (name, value) in &self.values {
            let images = self.item_images(name);
            match value {
                Value::List(items) if !images.is_empty() => {
                    let items: Vec<Item<'_>> = items
                        .iter()
                        .zip(images)
                        .map(|(text, image)| match image {
                            Some(image) => Item::Pictured { text, image },
                            None => Item::Text(text),
                        })
                        .collect();
                    map.serialize_entry(name, &items)?;
                }
                _ => map.serialize_entry(name, value)?,
            }
        }
        map.end()
    }
}

impl Fields<'_> {
    /// Reads every field of `specs` that the mapping gives, reporting each one that does not fit its type
    /// (and each required one that is missing). Keys not in `specs` are left for the caller.
    pub fn read_values<'s>(&mut self, specs: impl IntoIterator<Item = &'s FieldSpec>) -> FieldValues {
        let mut values = Vec::new();
        let mut item_offsets = Vec::new();
        let mut item_images = Vec::new();
        for spec in specs {
            if matches!(spec.kind, FieldType::List { markdown: true, .. }) && self.has(&spec.name) {
                let count = match self.peek(&spec.name) {
                    Some(Yaml::Seq(items)) => items.len(),
                    _ => 1,
                };
                let offsets = (0..count).map(|i| self.item_offset(&spec.name, i)).collect();
                item_offsets.push((spec.name.clone(), offsets));
            }
            let value = if matches!(spec.kind, FieldType::List { pictures: true, .. }) && self.has(&spec.name) {
                let (items, images) = self.pictured_list(&spec.name);
                if images.iter().any(Option::is_some) {
                    item_images.push((spec.name.clone(), images));
                }
                Some(Value::List(items))
            } else {
                self.value(spec)
            };
            if value.is_none() && spec.required && !self.has_errors() {
                self.missing(&spec.name, &spec.label);
            }
            if let Some(value) = value {
                values.push((spec.name.clone(), value));
            }
        }
        FieldValues { values, item_offsets, item_images }
    }

    fn value(&mut self, spec: &FieldSpec) -> Option<Value> {
        let key = &*spec.name;
        match &spec.kind {
            FieldType::Text => self.text(key).map(Value::Text),
            FieldType::List { .. } => {
                // An absent list is absent, not empty: `draft`-like checks and templates tell them apart.
                self.has(key).then(|| Value::List(self.text_list(key)))
            }
            FieldType::Integer { min, max } => {
                let n = self.int(key)?;
                if (*min..=*max).contains(&n) {
                    return Some(Value::Integer(n));
                }
                let location = self.value_location(key, &n.to_string());
                let message = format!("`{key}` must be from {min} to {max}, found {n}");
                self.diagnostics.push(
                    Diagnostic::error(Kind::Field, message).at(location).help(format!("for example `{key}: {min}`")),
                );
                None
            }
            FieldType::Choice { words, .. } => self.word(key, words).map(Value::Text),
            FieldType::Date => self.date(key).map(Value::Date),
            FieldType::Bool => self.bool(key).map(Value::Bool),
            FieldType::Words { words } => self.has(key).then(|| Value::List(self.words(key, words))),
            FieldType::Image => {
                let value = self.take(key)?;
                let location = self.key_location(key);
                self.image(key, value, location).map(Value::Image)
            }
            FieldType::Video => self.video(key).map(Value::Video),
        }
    }

    fn missing(&mut self, key: &str, label: &str) {
        let location = self.key_location(key);
        let help = format!("add a line `{key}: ...` with the {}", label.to_lowercase());
        self.diagnostics.push(Diagnostic::error(Kind::Field, format!("missing `{key}`")).at(location).help(help));
    }

    /// One of `words`, else an error at the value with the closest word suggested.
    pub fn word(&mut self, key: &str, words: &[std::borrow::Cow<'static, str>]) -> Option<String> {
        let value = self.take(key)?;
        let text = match &value {
            Yaml::String(s) => s.clone(),
            other => super::other_text(other),
        };
        if words.iter().any(|w| *w == text) {
            return Some(text);
        }
        let suggestion = did_you_mean(&text, words.iter().map(|w| &**w));
        let location = self.value_location(key, &text);
        let names: Vec<&str> = words.iter().map(|w| &**w).collect();
        self.diagnostics.push(
            Diagnostic::error(Kind::Field, format!("`{text}` is not a valid `{key}`")).at(location).help(format!(
                "{}use one of: {}",
                suggestion.map_or(String::new(), |s| s + " "),
                names.join(", ")
            )),
        );
        None
    }

    /// Some of `words`, as a list; each other word is an error at its place, with the closest word suggested.
    fn words(&mut self, key: &str, words: &[Cow<'static, str>]) -> Vec<String> {
        let written = self.text_list(key);
        let mut chosen = Vec::new();
        for (index, word) in written.into_iter().enumerate() {
            if words.iter().any(|w| *w == word) {
                if !chosen.contains(&word) {
                    chosen.push(word);
                }
                continue;
            }
            let names: Vec<&str> = words.iter().map(|w| &**w).collect();
            let help = match did_you_mean(&word, names.iter().copied()) {
                Some(suggestion) => format!("{suggestion} (the words are: {})", names.join(", ")),
                None if names.is_empty() => "this theme declares no words for it".to_string(),
                None => format!("use some of: {}", names.join(", ")),
            };
            let location = self.item_location(key, index);
            self.diagnostics.push(
                Diagnostic::error(Kind::Field, format!("`{word}` is not a valid `{key}`")).at(location).help(help),
            );
        }
        chosen
    }

    /// A list whose items are text or `{ text, image }`: the texts, and each item's picture.
    fn pictured_list(&mut self, key: &str) -> (Vec<String>, Vec<Option<Image>>) {
        let Some(Yaml::Seq(items)) = self.peek(key) else { return (self.text_list(key), Vec::new()) };
        let items = items.clone();
        self.take(key);
        let (mut texts, mut images) = (Vec::new(), Vec::new());
        for (index, item) in items.into_iter().enumerate() {
            // `- Cross your ankle: it makes a 4` is a line with a colon, not a pictured item: `as_text` says so.
            let pairs = match item {
                Yaml::Map(pairs) if pairs.iter().any(|(k, _)| k == "text" || k == "image") => pairs,
                other => {
                    if let Some(text) = self.as_text(key, other, Some(index)) {
                        texts.push(text);
                        images.push(None);
                    }
                    continue;
                }
            };
            let has_text = pairs.iter().any(|(k, _)| k == "text");
            let location = self.item_location(key, index);
            let (mut text, mut image) = (None, None);
            let mut other = None;
            for (name, value) in pairs {
                match name.as_str() {
                    "text" => text = self.as_text(key, value, Some(index)),
                    "image" => image = self.image(key, value, location.clone()),
                    _ => other = Some(name),
                }
            }
            if let Some(name) = other {
                self.diagnostics.push(
                    Diagnostic::error(Kind::Field, format!("a {key} item has `text` and `image`, not `{name}`"))
                        .at(location.clone())
                        .help("write it as `- { text: \"...\", image: { src: images/a.svg, alt: \"...\" } }`"),
                );
            }
            match text {
                Some(text) => {
                    texts.push(text);
                    images.push(image);
                }
                // A `text` that is not text was reported by `as_text`.
                None if has_text => {}
                None => self.diagnostics.push(
                    Diagnostic::error(Kind::Field, format!("this {key} item has no `text`"))
                        .at(location)
                        .help("add `text: \"...\"` with what to do, beside the picture".to_string()),
                ),
            }
        }
        (texts, images)
    }

    fn image(&mut self, key: &str, value: Yaml, location: Location) -> Option<Image> {
        let (mut src, mut alt) = (None, None);
        if let Yaml::Map(pairs) = value {
            for (name, value) in pairs {
                match (name.as_str(), value) {
                    ("src", Yaml::String(s)) => src = Some(s),
                    ("alt", Yaml::String(s)) if !s.trim().is_empty() => alt = Some(s),
                    _ => {}
                }
            }
        }
        match (src, alt) {
            (Some(src), Some(alt)) => Some(Image { src, alt, location }),
            (Some(_), None) => {
                self.diagnostics.push(
                    Diagnostic::error(Kind::Image, "the image has no alt text")
                        .at(location)
                        .help("add `alt:` describing what the picture shows, for readers who cannot see it"),
                );
                None
            }
            _ => {
                self.diagnostics.push(
                    Diagnostic::error(Kind::Image, format!("`{key}` needs `src` and `alt`")).at(location).help(
                        format!(
                            "write it as `{key}: {{ src: images/figure-four.svg, alt: \"Lying on the back, ...\" }}`"
                        ),
                    ),
                );
                None
            }
        }
    }
}
