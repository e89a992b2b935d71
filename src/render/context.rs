//! What templates see: plain serializable structs, built from the linked site. Every field is always present
//! (Tera 2 treats a missing field as an error), with `null` or an empty list where there is nothing.

use crate::config::{Collection, SiteConfig};
use crate::markdown::Heading;
use crate::model::entry::{EntryFields, Image};
use crate::model::{Date, Entry};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct SiteContext<'a> {
    #[serde(flatten)]
    pub config: &'a SiteConfig,
    pub collections: Vec<CollectionContext<'a>>,
    /// Plain pages (about, disclaimer, ...), for the footer navigation.
    pub pages: Vec<PageLinkContext>,
    pub home_url: String,
    pub generator: &'static str,
    /// The body map's address, when the site has one (its entries name regions of the theme's map).
    pub body_map_url: Option<String>,
    /// The handouts' index (`handouts/`), when the page's language has published handouts.
    pub handouts_url: Option<String>,
    /// Every language of the site, the default first (one, on a site in one language).
    pub languages: Vec<LanguageContext>,
    /// The search page's stemmer script for the page's language (`stemmers/es.js`), if it needs one.
    pub search_stemmer: Option<String>,
}

#[derive(Serialize, Clone)]
pub(super) struct CollectionContext<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub singular: &'a str,
    pub schema: &'a str,
    pub url: String,
    /// Its own Atom feed (`stretches/feed.xml`).
    pub feed_url: String,
    pub count: usize,
}

impl<'a> CollectionContext<'a> {
    pub(super) fn new(c: usize, config: &'a SiteConfig, count: usize) -> Self {
        let collection = &config.collections[c];
        CollectionContext {
            name: collection.name.as_str(),
            title: &collection.title,
            singular: &collection.singular,
            schema: collection.schema.as_str(),
            url: config.url(&config.collection_path(c)),
            feed_url: config.url(&super::discovery::collection_feed_path(config, c)),
            count,
        }
    }
}

#[derive(Serialize, Clone)]
pub(super) struct LinkContext {
    pub title: String,
    pub url: String,
    /// The language of the page it leads to, when not the page's own (an untranslated page, in the default
    /// language); `null` otherwise.
    pub lang: Option<String>,
}

impl LinkContext {
    pub(super) fn new(title: impl Into<String>, url: String) -> Self {
        LinkContext { title: title.into(), url, lang: None }
    }
}

/// A plain page in the site's lists: its title and address in the page's language where it is translated,
/// and `name`, its address in the default language (`when-to-see-a-doctor`), by which a theme finds a page
/// whatever its translated address.
#[derive(Serialize, Clone)]
pub(super) struct PageLinkContext {
    pub title: String,
    pub url: String,
    /// Its language, when not the page's (an untranslated page); `null` otherwise.
    pub lang: Option<String>,
    pub name: String,
}

/// A language of the site, for the language switcher: its code, its name in itself, its home page.
#[derive(Serialize, Clone)]
pub(super) struct LanguageContext {
    pub code: String,
    pub name: String,
    pub home_url: String,
}

/// The page in one language, for hreflang links and the switcher.
#[derive(Serialize, Clone)]
pub(super) struct AlternateContext {
    pub lang: String,
    pub name: String,
    pub url: String,
    pub permalink: String,
    pub current: bool,
}

/// The language of `entry` when it is not `config`'s (an entry shown untranslated).
pub(super) fn other_language<'a>(language: Option<&'a str>, config: &'a SiteConfig) -> Option<&'a str> {
    let language = language.unwrap_or(config.default_language());
    (language != config.language).then_some(language)
}

/// The page being rendered, whatever its kind.
#[derive(Serialize)]
pub(super) struct PageContext {
    /// home | list | entry | page | 404
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub url: String,
    pub permalink: String,
    pub breadcrumbs: Vec<LinkContext>,
    pub content: String,
    pub toc: Vec<Heading>,
    pub draft: bool,
    pub reviewed: Option<Date>,
    pub reviewed_by: Option<String>,
    pub next_review: Option<Date>,
    pub updated: Option<Date>,
    /// schema.org JSON-LD for the page (render/structured.rs), escaped for a `<script>` element (print it with
    /// `safe`), or empty. A string, not an object: Tera's maps would not keep the keys in a fixed order, and
    /// two builds must give the same bytes.
    pub structured_data: String,
    /// The page's image for link previews (Open Graph), as a full address.
    pub image: Option<ShareImage>,
    /// The page in every language it exists in (empty on a site in one language).
    pub alternates: Vec<AlternateContext>,
}

#[derive(Serialize)]
pub(super) struct ShareImage {
    pub permalink: String,
    pub alt: String,
}

/// An entry as shown in a list: listings, related entries, the home page.
#[derive(Serialize, Clone)]
pub(super) struct EntrySummary<'a> {
    pub id: &'a str,
    pub collection: &'a str,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub url: String,
    /// The entry's language when it is not the page's (shown untranslated), else `null`.
    pub lang: Option<&'a str>,
    pub draft: bool,
    pub kind: Option<&'a str>,
    pub difficulty: Option<&'a str>,
    pub position: Option<&'a str>,
    pub equipment: &'a [String],
    /// Its picture, small (`Renderer::summary` adds it: it needs the build's images).
    pub thumbnail: Option<super::images::Thumbnail>,
    /// Its card for the list it is in, rendered once per build (`cards.rs`); `null` where a list has none.
    pub card: Option<std::borrow::Cow<'a, str>>,
}

impl<'a> EntrySummary<'a> {
    pub(super) fn new(entry: &'a Entry, config: &'a SiteConfig) -> Self {
        let collection = config.collections[entry.collection].name.as_str();
        let exercise = entry.fields.exercise();
        EntrySummary {
            id: entry.id.as_str(),
            collection,
            title: entry.fields.title(),
            summary: entry.fields.summary(),
            url: config.url(&entry.path(config)),
            lang: other_language(entry.language.as_deref(), config),
            draft: entry.fields.draft(),
            kind: exercise.and_then(|e| e.kind()),
            difficulty: exercise.and_then(|e| e.difficulty()),
            position: exercise.and_then(|e| e.position()),
            equipment: exercise.map_or(&[], |e| e.equipment()),
            card: None,
            thumbnail: None,
        }
    }
}

/// A group of related entries on an entry page: all the entries of one other collection linked to this one,
/// whichever side declared the link.
#[derive(Serialize)]
pub(super) struct RelatedGroup<'a> {
    pub collection: &'a str,
    pub title: &'a str,
    pub singular: &'a str,
    pub entries: Vec<EntrySummary<'a>>,
}

#[derive(Serialize)]
pub(super) struct Dosage {
    pub hold_seconds: Option<u32>,
    pub reps: Option<u32>,
    pub sets: Option<u32>,
    pub sides: Option<&'static str>,
    pub frequency: Option<String>,
}

#[derive(Serialize)]
pub(super) struct EntryContext<'a> {
    pub id: &'a str,
    pub collection: &'a str,
    pub collection_title: &'a str,
    pub singular: &'a str,
    pub schema: &'static str,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub aliases: &'a [String],
    pub image: Option<ImageContext>,
    pub kind: Option<&'a str>,
    pub difficulty: Option<&'a str>,
    pub position: Option<&'a str>,
    pub equipment: &'a [String],
    /// Null unless the entry gives a hold, reps, sets, sides or frequency.
    pub dosage: Option<Dosage>,
    /// Steps, modifications and cautions as HTML rendered from inline Markdown (raw HTML shown as text).
    pub steps: Vec<String>,
    /// Each step's picture (`null` for a step without one), beside `steps`; empty when no step has one.
    pub step_images: Vec<Option<ImageContext>>,
    pub video: Option<super::video::VideoContext>,
    pub modifications: Vec<String>,
    pub cautions: Vec<String>,
    pub symptoms: &'a [String],
    pub location: Option<&'a str>,
    pub actions: &'a [String],
    /// The body map regions the entry names (`regions:`), as links to their pages, and a small map with them
    /// highlighted; empty and null on a site without a body map.
    pub regions: Vec<LinkContext>,
    pub body_map: Option<super::body_map::BodyMapContext<'a>>,
    /// The site's red flags and the entry's own; empty for schemas that do not show the box.
    pub red_flags: Vec<&'a str>,
    /// The site's handouts that list this entry, as links to their pages.
    pub handouts: Vec<LinkContext>,
    pub related: Vec<RelatedGroup<'a>>,
    /// Every field the entry gives, built-in and the site's own, by name (`entry.fields.tempo`).
    pub fields: &'a crate::fields::values::FieldValues,
    /// The site's own fields (declared in site.yaml) that the entry gives, in the table's order, for a theme
    /// to list without knowing them.
    pub own_fields: Vec<OwnField<'a>>,
}

/// One of the site's own fields on an entry page: its label and its value, in words.
#[derive(Serialize)]
pub(super) struct OwnField<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub value: &'a crate::fields::values::Value,
    /// The value as text a reader sees: a list joined with commas, a choice's word made readable.
    pub text: String,
}

impl<'a> OwnField<'a> {
    /// The site's own fields that `entry` gives, as its collection's table orders them.
    pub(super) fn list(entry: &'a Entry, collection: &'a Collection) -> Vec<OwnField<'a>> {
        let values = &entry.fields.values;
        collection
            .fields
            .iter()
            .filter(|spec| spec.custom)
            .filter_map(|spec| {
                let value = values.get(&spec.name)?;
                let choice = matches!(spec.kind, crate::fields::schema::FieldType::Choice { .. });
                let words: Vec<String> = value
                    .words()
                    .iter()
                    .map(|w| if choice { crate::fields::schema::word_label(w) } else { w.clone() })
                    .collect();
                Some(OwnField { name: &spec.name, label: &spec.label, value, text: words.join(", ") })
            })
            .collect()
    }
}

/// An entry's picture: `src`, and `srcset` and `sizes` (empty strings when the image is published as it is),
/// `width` and `height` (null when unknown), and `alt`.
#[derive(Serialize)]
pub(super) struct ImageContext {
    #[serde(flatten)]
    pub attributes: super::images::ImageAttributes,
    pub alt: String,
}

impl ImageContext {
    pub(super) fn new(image: &Image, picture: Option<&crate::asset::Picture>, config: &SiteConfig) -> Self {
        let attributes = match picture {
            Some(picture) => super::images::ImageAttributes::new(picture, config),
            // An address outside the site, as written.
            None => super::images::ImageAttributes {
                src: image.src.clone(),
                srcset: String::new(),
                webp_srcset: String::new(),
                sizes: "",
                width: None,
                height: None,
            },
        };
        ImageContext { attributes, alt: image.alt.clone() }
    }
}

pub(super) fn dosage(fields: &EntryFields) -> Option<Dosage> {
    let exercise = fields.exercise()?;
    let any = exercise.hold_seconds().is_some()
        || exercise.reps().is_some()
        || exercise.sets().is_some()
        || exercise.sides().is_some()
        || exercise.frequency().is_some();
    any.then(|| Dosage {
        hold_seconds: exercise.hold_seconds(),
        reps: exercise.reps(),
        sets: exercise.sets(),
        sides: exercise.sides().map(crate::fields::schema::Sides::as_str),
        frequency: exercise.frequency().map(str::to_string),
    })
}

/// One line of the search page's A–Z list.
#[derive(Serialize)]
pub(super) struct AzItem<'a> {
    pub title: &'a str,
    pub url: std::sync::Arc<str>,
    pub singular: &'a str,
    /// Where the title sorts (render/az.rs).
    #[serde(skip)]
    pub sort_key: std::sync::Arc<str>,
}

#[derive(Serialize)]
pub(super) struct AzGroup<'a> {
    pub letter: char,
    /// 1 for the first letter: its heading's anchor (`#az-1`).
    pub number: usize,
    pub entries: Vec<AzItem<'a>>,
    /// The letter's part as partials/az-group.html renders it, made once (render/az.rs), on the A–Z page.
    pub html: Option<std::sync::Arc<str>>,
}
