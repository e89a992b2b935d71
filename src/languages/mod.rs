//! LINK, for a site in several languages: each translation (`figure-four.es.md`) read against its original,
//! and the linked site seen in each other language: the same graph, with translated entries and pages where
//! they exist and the originals (at their default-language addresses) where they do not. `Alternates` says
//! where every page is in every language, for hreflang links, the sitemap and the language switcher.

pub mod report;

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics, Kind, did_you_mean};
pub use crate::graph::{Alternate, Alternates};
use crate::graph::{LinkedSite, Lookup};
use crate::model::translation::{translate_entry, translate_page};
use crate::model::{Entry, Page};
use crate::source::{ContentFile, ContentKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The last read of each translation, kept by the preview between rebuilds: reused while the translation's
/// text, its original's and site.yaml are unchanged, so an edit elsewhere reads no translation again.
#[derive(Default)]
pub struct TranslationCache {
    read: HashMap<PathBuf, (u64, Option<Translated>, Vec<Diagnostic>)>,
}

/// One translation read: its language's index, and what it became.
#[derive(Clone)]
enum Translated {
    Entry(usize, Arc<Entry>),
    /// A page, with its original's file.
    Page(usize, PathBuf, Arc<Page>),
}

/// Reads the translations against `site` (the default language's) and gives `site` its views in the other
/// languages. Translations of held-back entries, and translations held back themselves (`draft`, `publish`), count
/// only as `release` says.
/// `originals` are the files of every original read (drafts too), so a draft page's translation is not
/// taken for one of a page that does not exist.
pub fn add_translations(
    site: &mut LinkedSite,
    files: Vec<ContentFile>,
    originals: &std::collections::HashSet<PathBuf, impl std::hash::BuildHasher + Sync>,
    strings: Vec<crate::strings::Strings>,
    release: crate::model::Release,
    cache: Option<(&mut TranslationCache, u64)>,
    diagnostics: &mut Diagnostics,
) {
    let mut strings: Vec<Arc<crate::strings::Strings>> = strings.into_iter().map(Arc::new).collect();
    if let Some(own) = strings.first() {
        site.strings = own.clone();
    }
    if !site.config.is_multilingual() {
        return;
    }
    let config = &site.config;
    let read = read_all(site, files, originals, cache);
    let languages = config.languages.len();
    let mut entries: Vec<Vec<Arc<Entry>>> = vec![site.entries.clone(); languages];
    let mut pages: Vec<Vec<Arc<Page>>> = vec![Vec::new(); languages];
    let mut translated_pages: Vec<HashMap<PathBuf, Arc<Page>>> = vec![HashMap::new(); languages];
    for (translated, problems) in read {
        diagnostics.extend(problems);
        match translated {
            Some(Translated::Entry(language, entry)) if release.publishes(&entry.fields) => {
                if let Lookup::Found(index) = site.lookup(entry.id.as_str(), Some(entry.collection)) {
                    entries[language][index] = entry;
                }
            }
            Some(Translated::Page(language, original, page)) if release.publishes(&page.fields) => {
                translated_pages[language].insert(original, page);
            }
            _ => {}
        }
    }
    let mut alternates = Alternates {
        entries: (0..site.entries.len())
            .map(|i| vec![Alternate { language: 0, path: site.entries[i].path(config) }])
            .collect(),
        pages: HashMap::new(),
        names: strings.iter().map(|s| s.get("language_name")).collect(),
    };
    let mut translation_files: Vec<(PathBuf, PathBuf)> = Vec::new();
    for page in &site.pages {
        let path = page_path(config, page);
        alternates.pages.insert(page.source.path.clone(), vec![Alternate { language: 0, path }]);
    }
    let mut view_configs: Vec<SiteConfig> = (1..languages).map(|language| config.for_language(language)).collect();
    for (language, view_config) in (1..languages).zip(&view_configs) {
        for (index, entry) in entries[language].iter().enumerate() {
            if entry.language.is_some() {
                alternates.entries[index].push(Alternate { language, path: entry.path(view_config) });
            }
        }
        // The view's pages: each original in its translation where there is one; untranslated plain pages
        // stay listed (at their default-language address) so the footer still offers them.
        for original in &site.pages {
            match translated_pages[language].remove(&original.source.path) {
                Some(page) => {
                    let path = page_path(view_config, &page);
                    alternates
                        .pages
                        .entry(original.source.path.clone())
                        .or_default()
                        .push(Alternate { language, path });
                    translation_files.push((page.source.path.clone(), original.source.path.clone()));
                    pages[language].push(page);
                }
                None => pages[language].push(original.clone()),
            }
        }
    }
    for (translation, original) in translation_files {
        let found = alternates.pages[&original].clone();
        alternates.pages.insert(translation, found);
    }
    let alternates = Arc::new(alternates);
    site.alternates = alternates.clone();
    let views: Vec<Arc<LinkedSite>> = (1..languages)
        .zip(view_configs.drain(..))
        .map(|(language, mut view_config)| {
            let entries = std::mem::take(&mut entries[language]);
            let pages = std::mem::take(&mut pages[language]);
            let own = strings.get_mut(language).map(std::mem::take).unwrap_or_default();
            // A site that gives no disclaimer has the theme's, in each language.
            if view_config.disclaimer == crate::config::DEFAULT_DISCLAIMER {
                view_config.disclaimer = own.get("generated.disclaimer");
            }
            // The body map's regions by their names in this language, where its strings give them.
            for region in &mut view_config.regions {
                if let Some(name) = own.lookup_str(&format!("generated.regions.{}", region.id.as_str())) {
                    region.name = name.to_string();
                }
            }
            Arc::new(site.in_language(view_config, own, entries, pages))
        })
        .collect();
    site.translations = views;
}

/// Reads every translation, in parallel, taking from `cache` (with site.yaml's hash) those whose text and
/// original's are unchanged, and leaving in it this build's reads.
fn read_all(
    site: &LinkedSite,
    files: Vec<ContentFile>,
    originals: &std::collections::HashSet<PathBuf, impl std::hash::BuildHasher + Sync>,
    cache: Option<(&mut TranslationCache, u64)>,
) -> Vec<(Option<Translated>, Vec<Diagnostic>)> {
    let (cache, config_hash) = cache.map_or((None, 0), |(cache, hash)| (Some(cache), hash));
    let kept = cache.as_deref();
    let read: Vec<(PathBuf, u64, Option<Translated>, Vec<Diagnostic>)> = files
        .into_par_iter()
        .map(|file| {
            let (path, key) = (file.file.path.clone(), translation_key(site, &file, config_hash));
            if let Some((_, translated, problems)) = kept.and_then(|c| c.read.get(&path)).filter(|(k, _, _)| *k == key)
            {
                return (path, key, translated.clone(), problems.clone());
            }
            let (translated, problems) = read_translation(site, &site.config, originals, file);
            (path, key, translated, problems.into_sorted())
        })
        .collect();
    if let Some(cache) = cache {
        cache.read = read.iter().map(|(path, key, t, p)| (path.clone(), (*key, t.clone(), p.clone()))).collect();
    }
    read.into_iter().map(|(_, _, translated, problems)| (translated, problems)).collect()
}

/// What a translation's reading depends on: its text, its original's, and site.yaml (`config_hash`).
fn translation_key(site: &LinkedSite, file: &ContentFile, config_hash: u64) -> u64 {
    let original = match &file.kind {
        ContentKind::Entry { collection, id } => match site.lookup(id.as_str(), Some(*collection)) {
            Lookup::Found(index) => site.entries[index].source.hash,
            _ => 0,
        },
        kind => site.pages.iter().find(|p| p.kind == *kind).map_or(0, |p| p.source.hash),
    };
    xxhash_rust::xxh3::xxh3_64(&[file.file.hash, original, config_hash].map(u64::to_le_bytes).concat())
}

/// The site in language `code` (one of site.yaml's `languages:`), or an error of `kind` naming the ones it has.
pub(crate) fn view<'a>(site: &'a LinkedSite, code: &str, kind: Kind) -> Result<&'a LinkedSite, Diagnostic> {
    site.language(code).ok_or_else(|| {
        let codes: Vec<&str> = site.config.languages.iter().map(|l| l.code.as_str()).collect();
        Diagnostic::error(kind, format!("`{code}` is not one of the site's languages"))
            .help(format!("use one of: {} (site.yaml's `languages:`)", codes.join(", ")))
    })
}

/// A page's site path in `config`'s language.
pub fn page_path(config: &SiteConfig, page: &Page) -> String {
    match &page.kind {
        ContentKind::Home => config.lang_path(""),
        ContentKind::CollectionIndex { collection } => config.collection_path(*collection),
        ContentKind::Page { url_path } => url_path.clone(),
        ContentKind::Entry { .. } => String::new(),
    }
}

fn read_translation(
    site: &LinkedSite,
    config: &SiteConfig,
    originals: &std::collections::HashSet<PathBuf, impl std::hash::BuildHasher>,
    file: ContentFile,
) -> (Option<Translated>, Diagnostics) {
    let Some(code) = file.language.clone() else { return (None, Diagnostics::default()) };
    let language = config.language_index(&code).unwrap_or(0);
    match &file.kind {
        ContentKind::Entry { collection, id } => match site.lookup(id.as_str(), Some(*collection)) {
            Lookup::Found(index) => {
                let (entry, problems) = translate_entry(file.file, code, &site.entries[index], config);
                (entry.map(|e| Translated::Entry(language, Arc::new(e))), problems)
            }
            // A draft's translation goes with its draft; an unreadable original is reported at its file.
            Lookup::Held(_) | Lookup::Unreadable { .. } => (None, Diagnostics::default()),
            Lookup::Missing { .. } => {
                let candidates = site.collection_entries(*collection).iter().map(|e| e.id.as_str());
                (None, one(no_original(&file, did_you_mean(id.as_str(), candidates))))
            }
        },
        kind => match site.pages.iter().find(|p| p.kind == *kind) {
            Some(original) => {
                let (page, problems) = translate_page(file.file, &code, original);
                let path = original.source.path.clone();
                (page.map(|p| Translated::Page(language, path, Arc::new(p))), problems)
            }
            // The original is a draft left out of this build.
            None if originals.contains(&original_path(&file)) => (None, Diagnostics::default()),
            None => (None, one(no_original(&file, None))),
        },
    }
}

/// `content/about.es.md` -> `content/about.md`.
fn original_path(file: &ContentFile) -> PathBuf {
    let code = file.language.as_deref().unwrap_or_default();
    let name = file.file.path.file_name().map(|n| n.to_string_lossy().replace(&format!(".{code}."), "."));
    file.file.path.with_file_name(name.unwrap_or_default())
}

fn no_original(file: &ContentFile, suggestion: Option<String>) -> Diagnostic {
    let code = file.language.as_deref().unwrap_or_default();
    let original = original_path(file).display().to_string();
    Diagnostic::error(Kind::Content, format!("this translates {original}, which does not exist"))
        .in_file(&file.file.path)
        .help(
            suggestion.unwrap_or_else(|| format!("name it after the page it translates, with `.{code}` before `.md`")),
        )
}

fn one(diagnostic: Diagnostic) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    diagnostics.push(diagnostic);
    diagnostics
}
