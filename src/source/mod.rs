//! LOAD: reads the site's files from disk: site.yaml, content/, templates/, static/ and the theme.
//! Decodes text, skips editor temp files, and sorts content files into home page, listings, entries and pages.
//! This stage only reads; nothing here knows about YAML fields, Markdown or templates.

mod classify;
mod decode;
mod read_cache;
mod split;
pub mod theme;

pub use decode::decode;
pub use split::{Split, split};

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics, Kind};
use classify::{Placed, place};
pub use classify::{is_ignored, is_markdown};
use rayon::prelude::*;
pub use read_cache::ReadCache;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

/// A decoded text file. `path` is relative to the site root, as the user knows it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    /// A hash of `text`, made once when the file is read: later stages compare files by it.
    pub hash: u64,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        SourceFile { path, text: text.into(), hash }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentKind {
    /// content/_index.md
    Home,
    /// content/<collection>/_index.md
    CollectionIndex { collection: usize },
    /// content/<collection>/<id>.md
    Entry { collection: usize, id: crate::fields::Id },
    /// any other Markdown file; `url_path` is e.g. `about/` or `help/faq/`
    Page { url_path: String },
}

#[derive(Debug, Clone)]
pub struct ContentFile {
    /// What the file is; for a translation, what its original is (`figure-four.es.md` is the entry `figure-four`).
    pub kind: ContentKind,
    pub file: SourceFile,
    /// The language of a translation (`es` for `figure-four.es.md`); `None` for an original.
    pub language: Option<Arc<str>>,
}

/// A file copied to the output as is: `output_path` inside the output folder, bytes on disk.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub output_path: String,
    pub source: PathBuf,
}

#[derive(Debug, Default)]
pub struct Sources {
    pub content: Vec<ContentFile>,
    /// Entries (collection, id) whose file exists but could not be read (reported where they were found).
    pub unreadable: Vec<(usize, crate::fields::Id)>,
    /// Templates of the site's theme folder and its templates/ folder, in that order (later ones win).
    pub templates: Vec<(String, SourceFile)>,
    /// The theme's static files, then the site's (later ones win).
    pub static_files: Vec<StaticFile>,
    /// Handouts: content/handouts/<id>.md, unless a collection is named `handouts`.
    pub handouts: Vec<(crate::fields::Id, SourceFile)>,
    /// Files of the handout's Typst template by name (`handout.typ`): the site theme's handout/ folder, then
    /// the `.typ` files of the site's templates/ (later ones win). The default theme's are embedded.
    pub handout_files: Vec<HandoutFile>,
    /// The theme's body map regions (`body-map.yaml`): the site theme's, else the built-in theme's.
    pub body_map: Option<SourceFile>,
    /// Translations of handouts (`content/handouts/desk-worker-reset.es.md`): id, language, file.
    pub translated_handouts: Vec<(crate::fields::Id, Arc<str>, SourceFile)>,
    /// The interface strings of each language of the site: the theme's `i18n/<code>.yaml` (the site theme's,
    /// else the built-in one's), then the site's own `i18n/<code>.yaml`, which overrides single strings.
    pub strings: Vec<StringFiles>,
    /// Search's word forms of each language of the site that has them, by its primary code (`es` for
    /// `es-MX`): the theme's `search-words/<code>.txt`, the site theme's else the built-in one's.
    pub search_words: Vec<(String, SourceFile)>,
}

/// The files a language's interface strings are read from.
#[derive(Debug, Clone)]
pub struct StringFiles {
    pub language: String,
    pub theme: Option<SourceFile>,
    pub site: Option<SourceFile>,
}

/// A file of the handout's Typst template: its name in the template's world (`handout.typ`), its path as the
/// user knows it (relative to the site root) and on disk.
#[derive(Debug, Clone)]
pub struct HandoutFile {
    pub name: String,
    pub path: PathBuf,
    pub source: PathBuf,
}

/// A language's file of the theme (`i18n/es.yaml`, `search-words/es.txt`): the site theme's; none when the
/// site theme has the folder but not this file (its files replace the built-in theme's, a language left out
/// included); else the built-in theme's.
fn theme_language_file(root: &Path, theme_dir: &Path, name: &str, diagnostics: &mut Diagnostics) -> Option<SourceFile> {
    let file = theme_dir.join(name);
    let folder = Path::new(name).parent().map(|folder| theme_dir.join(folder));
    if file.is_file() {
        read_text(root, &file).map_err(|d| diagnostics.push(d)).ok()
    } else if folder.is_some_and(|folder| folder.is_dir()) {
        None
    } else {
        theme::file(name)
    }
}

pub fn read_config(root: &Path) -> Result<SourceFile, Diagnostic> {
    let path = root.join(crate::config::CONFIG_FILE);
    let display = PathBuf::from(crate::config::CONFIG_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => decode(&display, &bytes).map(|text| SourceFile::new(display, text)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(Diagnostic::error(
            Kind::Content,
            format!("no site.yaml in {}", if root.as_os_str().is_empty() { Path::new(".") } else { root }.display()),
        )
        .help("run sinew in the site's folder, pass --root DIR, or create a site with `sinew init DIR`")),
        Err(error) => {
            Err(Diagnostic::error(Kind::Content, format!("cannot read site.yaml: {error}")).in_file(&display))
        }
    }
}

/// Reads content/, the theme, templates/ and static/ under `root`. With a `cache`, content files it holds
/// are taken from it rather than read again; it is left holding exactly what this load found.
pub fn load(root: &Path, config: &SiteConfig, diagnostics: &mut Diagnostics, cache: Option<&mut ReadCache>) -> Sources {
    let mut sources = Sources::default();
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(Kind::Content, "no content/ folder")
                .help("create content/ with a home page content/_index.md"),
        );
        return sources;
    }
    let previous = cache.as_deref();
    // A file is read again when it is not cached or was reported changed; `fresh` says which were.
    let read = |path: &Path| match previous.and_then(|c| c.get(path)) {
        Some(file) => Ok((file.clone(), false)),
        None => read_text(root, path).map(|file| (file, true)),
    };
    let mut fresh: Vec<(PathBuf, SourceFile)> = Vec::new();
    let mut found = Vec::new();
    let reused = previous.and_then(ReadCache::listing).cloned();
    let walked = reused.is_none();
    let listing = reused.unwrap_or_else(|| walk_files(root, &content_dir, diagnostics));
    // Each file's place, in parallel: at 10,000 files this is most of a preview rebuild's reading.
    // What decides a file's kind by its place: the collections, languages and content folder.
    let placing = {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let settings = format!("{:?}{:?}{}", config.collections, config.languages, content_dir.display());
        std::hash::Hash::hash(&settings, &mut hasher);
        std::hash::Hasher::finish(&hasher)
    };
    let kept = previous.and_then(|c| c.placed.as_ref()).filter(|(key, _)| !walked && *key == placing);
    let placed = match kept {
        Some((_, placed)) => placed.clone(),
        None => Arc::new(listing.par_iter().map(|path| place(path, &content_dir, config)).collect()),
    };
    for (path, placed) in listing.iter().zip(placed.iter().cloned()) {
        match placed {
            Placed::Problem(diagnostic) => diagnostics.push(diagnostic),
            Placed::Handout(id, language) => {
                match id.and_then(|id| read(path).map(|(file, is_fresh)| (id, file, is_fresh))) {
                    Ok((id, file, is_fresh)) => {
                        if is_fresh {
                            fresh.push((path.clone(), file.clone()));
                        }
                        match language {
                            Some(language) => sources.translated_handouts.push((id, language, file)),
                            None => sources.handouts.push((id, file)),
                        }
                    }
                    Err(diagnostic) => diagnostics.push(diagnostic),
                }
            }
            Placed::Content(kind, language) => found.push((kind, path, language)),
        }
    }
    let read: Vec<_> = found
        .into_par_iter()
        .map(|(kind, path, language)| {
            let result =
                read(path).map(|(file, is_fresh)| (ContentFile { kind: kind.clone(), file, language }, is_fresh));
            ((kind, path), result)
        })
        .collect();
    for ((kind, path), result) in read {
        match result {
            Ok((file, is_fresh)) => {
                if is_fresh && previous.is_some() {
                    fresh.push((path.clone(), file.file.clone()));
                }
                sources.content.push(file);
            }
            Err(diagnostic) => {
                let original = path.file_stem().is_some_and(|stem| !stem.to_string_lossy().contains('.'));
                if let (ContentKind::Entry { collection, id }, true) = (kind, original) {
                    sources.unreadable.push((collection, id));
                }
                diagnostics.push(diagnostic);
            }
        }
    }
    sources.content.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    if let Some(cache) = cache {
        // Updated in place: after an edit, only the edited file changes here.
        if walked {
            let present: HashSet<&PathBuf> = listing.iter().collect();
            cache.files.retain(|path, _| present.contains(path));
        }
        cache.files.extend(fresh);
        cache.changed.clear();
        cache.listing = Some(listing);
        cache.placed = Some((placing, placed));
    }

    check_collection_folders(&content_dir, config, diagnostics);
    load_theme(root, config, &mut sources, diagnostics);
    sources
}

/// The theme's handout files, templates and static files, then the site's own templates and static files.
fn load_theme(root: &Path, config: &SiteConfig, sources: &mut Sources, diagnostics: &mut Diagnostics) {
    let theme_dir = root.join("themes").join(&config.theme);
    if !theme_dir.is_dir() && config.theme != "default" {
        diagnostics.push(unknown_theme(root, config));
    }
    let handout_dir = theme_dir.join("handout");
    for path in walk_files(root, &handout_dir, diagnostics) {
        let name = path.strip_prefix(&handout_dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        sources.handout_files.push(HandoutFile { name, path: shown, source: path });
    }
    for templates in [theme_dir.join("templates"), root.join("templates")] {
        for path in walk_files(root, &templates, diagnostics) {
            let name = path.strip_prefix(&templates).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            // Typst files are the handout's PDF template, not Tera's.
            if Path::new(&name).extension().is_some_and(|e| e.eq_ignore_ascii_case("typ")) {
                let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                sources.handout_files.push(HandoutFile { name, path: shown, source: path });
                continue;
            }
            match read_text(root, &path) {
                Ok(file) => sources.templates.push((name, file)),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
    }
    sources.strings = config
        .languages
        .iter()
        .map(|language| {
            let name = format!("i18n/{}.yaml", language.code);
            let theme = theme_language_file(root, &theme_dir, &name, diagnostics);
            let site_file = root.join(&name);
            let site = site_file.is_file().then(|| read_text(root, &site_file).map_err(|d| diagnostics.push(d)).ok());
            StringFiles { language: language.code.clone(), theme, site: site.flatten() }
        })
        .collect();
    for language in &config.languages {
        let code = crate::config::languages::primary(&language.code);
        let file = theme_language_file(root, &theme_dir, &format!("search-words/{code}.txt"), diagnostics);
        if let Some(file) = file.filter(|_| !sources.search_words.iter().any(|(c, _)| c == code)) {
            sources.search_words.push((code.to_string(), file));
        }
    }
    let body_map = theme_dir.join(crate::config::body_map::FILE);
    sources.body_map = if body_map.is_file() {
        read_text(root, &body_map).map_err(|d| diagnostics.push(d)).ok()
    } else {
        theme::body_map()
    };
    for dir in [theme_dir.join("static"), root.join("static")] {
        for path in walk_files(root, &dir, diagnostics) {
            let output_path = path.strip_prefix(&dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            sources.static_files.push(StaticFile { output_path, source: path });
        }
    }
}

/// `figure-four.es.md` -> (`figure-four.md`, `es`) when `es` is one of the site's languages other than the
/// default. A name ending in what looks like another language's code is an error naming the languages.
fn translation_of(rel: &Path, config: &SiteConfig) -> Result<(PathBuf, Option<Arc<str>>), Diagnostic> {
    let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let Some((original, code)) = stem.rsplit_once('.') else { return Ok((rel.to_path_buf(), None)) };
    let extension = rel.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
    match config.language_index(code) {
        Some(index) if index > 0 => Ok((rel.with_file_name(format!("{original}.{extension}")), Some(Arc::from(code)))),
        Some(_) => Err(Diagnostic::error(
            Kind::Content,
            format!("`{code}` is the site's default language: its pages need no language in their names"),
        )
        .in_file(&Path::new("content").join(rel))
        .help(format!("rename it to `{original}.{extension}`, or make another language the default"))),
        None if code.len() <= 3 && code.bytes().all(|b| b.is_ascii_lowercase()) => Err(Diagnostic::error(
            Kind::Content,
            format!("this looks like a translation into `{code}`, which is not one of the site's languages"),
        )
        .in_file(&Path::new("content").join(rel))
        .help(format!(
            "add `{code}` to `languages:` in site.yaml (now: {}), or rename the file",
            config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
        ))),
        None => Ok((rel.to_path_buf(), None)),
    }
}

fn read_text(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let display = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(Kind::Content, format!("cannot read this file: {e}")).in_file(&display))?;
    let text = decode(&display, &bytes)?;
    Ok(SourceFile::new(display, text))
}

/// Files under `dir` (in the site at `root`), sorted, without editor temp files or hidden folders. Symbolic
/// links are not followed, so nothing outside the site (a home folder, `/etc`) can reach the output through
/// one; each is left out with a warning naming it.
fn walk_files(root: &Path, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
            Ok(entry) if entry.path_is_symlink() => {
                let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
                diagnostics.push(
                    Diagnostic::warning(
                        Kind::Content,
                        "this is a symbolic link, which sinew does not follow: it is left out",
                    )
                    .in_file(shown)
                    .help("copy the file or folder into the site instead of linking to it"),
                );
            }
            Ok(_) => {}
            Err(error) => diagnostics.push(Diagnostic::error(Kind::Content, format!("cannot read a folder: {error}"))),
        }
    }
    files
}

fn not_markdown(rel: &Path) -> Diagnostic {
    Diagnostic::warning(Kind::Content, "this file is not Markdown (`.md`), so it is left out of the site")
        .in_file(&Path::new("content").join(rel))
        .help("pages are `.md` files; put pictures and other files in static/")
}

/// A collection with no folder in content/ has no entries: probably a folder named otherwise, or not yet made.
fn check_collection_folders(content_dir: &Path, config: &SiteConfig, diagnostics: &mut Diagnostics) {
    for collection in &config.collections {
        if !content_dir.join(collection.name.as_str()).is_dir() {
            let warning = Diagnostic::warning(
                Kind::Settings,
                format!(
                    "collection `{}` has no folder content/{}/, so it has no entries",
                    collection.name, collection.name
                ),
            )
            .help(format!("create content/{}/ for its entries, or remove the collection", collection.name));
            diagnostics.push(match &collection.location {
                Some(location) => warning.at(location.clone()),
                None => warning.in_file(Path::new(crate::config::CONFIG_FILE)),
            });
        }
    }
}

/// site.yaml names a theme that is not in themes/: say which themes there are.
fn unknown_theme(root: &Path, config: &SiteConfig) -> Diagnostic {
    let mut themes: Vec<String> = std::fs::read_dir(root.join("themes"))
        .map(|dir| {
            dir.flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| !is_ignored(name))
                .collect()
        })
        .unwrap_or_default();
    themes.sort();
    let known = if themes.is_empty() {
        "there is no themes/ folder with themes in it".to_string()
    } else {
        format!("the themes there are: {}", themes.join(", "))
    };
    let error = Diagnostic::error(Kind::Settings, format!("theme `{}` not found in themes/; {known}", config.theme))
        .help("remove `theme:` to use the default theme built into sinew, or name a folder of themes/");
    match &config.theme_location {
        Some(location) => error.at(location.clone()),
        None => error.in_file(Path::new(crate::config::CONFIG_FILE)),
    }
}
