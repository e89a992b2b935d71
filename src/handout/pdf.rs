//! Handout PDFs with Typst, used as a library (the only module that knows Typst). The theme's handout/
//! folder holds the Typst template (`handout.typ`, and anything it imports); a minimal `World` serves it, the
//! sheet as an in-memory `handout.json`, and the site's static files under `/static/`, so the same template
//! compiles with the plain `typst` command next to a `handout.json` (`sinew handout --format json`).
//!
//! Output is reproducible: the world has no clock (`datetime.today()` is an error), the document date comes
//! from the sheet, and the PDF's identifier from the handout, so two builds write identical bytes.

use super::{Assets, Sheet};
use crate::diag::{Diagnostic, Kind, Location, SourceMap};
use crate::source::Sources;
use std::collections::HashMap;
use std::path::PathBuf;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

/// The template every handout starts from, in the theme's handout/ folder.
const MAIN: &str = "handout.typ";
/// Where the sheet's data appears in the template's world.
const DATA: &str = "handout.json";

/// What every handout of a run shares: Typst's standard library, the fonts (those built into sinew and any
/// in the theme's handout/ folder) and the template files, parsed once.
pub(crate) struct PdfEngine {
    library: LazyHash<Library>,
    fonts: FontStore,
    /// Template files by their id: where they came from (for messages) and their bytes.
    files: HashMap<FileId, (PathBuf, Bytes)>,
    sources: HashMap<FileId, Source>,
    main: FileId,
}

/// A finished PDF, and what Typst warned about while making it (a font the template names but nobody has).
pub(crate) struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
}

fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(format!("/{}", path.trim_start_matches('/'))).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl PdfEngine {
    /// Gathers the template: the default theme's handout/ files, then the site theme's, then the `.typ` files
    /// of the site's templates/, later ones replacing earlier ones of the same name.
    pub(crate) fn new(sources: &Sources) -> Result<PdfEngine, Diagnostic> {
        let mut named: HashMap<String, (PathBuf, Bytes)> = HashMap::new();
        for (path, bytes) in crate::source::theme::EMBEDDED {
            if let Some(name) = path.strip_prefix("handout/") {
                let shown = PathBuf::from(format!("(built-in theme) handout/{name}"));
                named.insert(name.to_string(), (shown, Bytes::new(*bytes)));
            }
        }
        for file in &sources.handout_files {
            let bytes = std::fs::read(&file.source).map_err(|e| {
                Diagnostic::error(Kind::Handout, format!("cannot read this file: {e}")).in_file(&file.path)
            })?;
            named.insert(file.name.clone(), (file.path.clone(), Bytes::new(bytes)));
        }
        let mut fonts = FontStore::new();
        fonts.extend(typst_kit::fonts::embedded());
        let mut files = HashMap::new();
        let mut parsed = HashMap::new();
        for (name, (path, bytes)) in named {
            let Some(id) = file_id(&name) else { continue };
            let extension = std::path::Path::new(&name)
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if ["ttf", "otf", "ttc", "otc"].contains(&extension.as_str()) {
                fonts.extend(Font::iter(bytes.clone()).map(|font| {
                    let info = font.info().clone();
                    (font, info)
                }));
            }
            if extension == "typ" {
                let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| {
                    Diagnostic::error(Kind::Handout, "the handout template is not UTF-8 text").in_file(&path)
                })?;
                parsed.insert(id, Source::new(id, text.to_string()));
            }
            files.insert(id, (path, bytes));
        }
        let main = file_id(MAIN).expect("a valid path");
        if !parsed.contains_key(&main) {
            return Err(Diagnostic::error(Kind::Handout, "the theme has no handout template (handout/handout.typ)")
                .help("add handout/handout.typ to the theme, or remove the theme's handout/ folder"));
        }
        Ok(PdfEngine { library: LazyHash::new(Library::default()), fonts, files, sources: parsed, main })
    }

    /// Compiles one sheet. The PDF's identifier comes from the handout's id, so it is stable between builds.
    pub(crate) fn render(&self, sheet: &Sheet, assets: &Assets) -> Result<Pdf, Vec<Diagnostic>> {
        let json = serde_json::to_vec(sheet).expect("a sheet serializes");
        let world = SheetWorld { engine: self, data: Bytes::new(json), assets };
        let compiled = typst::compile::<PagedDocument>(&world);
        let document =
            compiled.output.map_err(|errors| errors.iter().map(|e| self.diagnostic(&world, e)).collect::<Vec<_>>())?;
        let warnings = compiled.warnings.iter().map(|w| self.diagnostic(&world, w)).collect();
        let ident = sheet.id.clone().unwrap_or_else(|| "handout".into());
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(format!("sinew-handout-{ident}")),
            creator: Smart::Custom(Some(sheet.generator.to_string())),
            timestamp: None,
            ..typst_pdf::PdfOptions::default()
        };
        let bytes = typst_pdf::pdf(&document, &options)
            .map_err(|errors| errors.iter().map(|e| self.diagnostic(&world, e)).collect::<Vec<_>>())?;
        Ok(Pdf { bytes, pages: document.pages().len(), warnings })
    }

    /// A Typst error or warning as ours: at its place in the template when it has one.
    fn diagnostic(&self, world: &SheetWorld<'_>, error: &SourceDiagnostic) -> Diagnostic {
        let message = format!("handout template: {}", error.message);
        let mut diagnostic = match error.severity {
            typst::diag::Severity::Error => Diagnostic::error(Kind::Handout, message),
            typst::diag::Severity::Warning => Diagnostic::warning(Kind::Handout, message),
        };
        let hints: Vec<&str> = error.hints.iter().map(|h| h.v.as_str()).collect();
        if !hints.is_empty() {
            diagnostic = diagnostic.help(hints.join("; "));
        }
        let place = error.span.id().and_then(|id| Some((id, world.range(error.span)?)));
        if let Some((id, range)) = place
            && let (Some(source), Some((path, _))) = (self.sources.get(&id), self.files.get(&id))
        {
            let map = SourceMap::new(source.text());
            diagnostic = diagnostic.at(Location::at(path, &map, range.start, range.len().min(80)));
        } else if let Some((path, _)) = self.files.get(&self.main) {
            diagnostic = diagnostic.in_file(path);
        }
        diagnostic
    }
}

struct SheetWorld<'a> {
    engine: &'a PdfEngine,
    data: Bytes,
    assets: &'a Assets,
}

impl World for SheetWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.engine.fonts.book()
    }

    fn main(&self) -> FileId {
        self.engine.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.engine.sources.get(&id) {
            Some(source) => Ok(source.clone()),
            None if self.engine.files.contains_key(&id) => Err(FileError::NotSource),
            None => Err(FileError::NotFound(id.vpath().get_with_slash().into())),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().get_without_slash();
        if path == DATA {
            return Ok(self.data.clone());
        }
        if let Some((_, bytes)) = self.engine.files.get(&id) {
            return Ok(bytes.clone());
        }
        if let Some(asset) = path.strip_prefix("static/").and_then(|p| self.assets.read(p)) {
            return Ok(Bytes::new(asset.into_owned()));
        }
        Err(FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // No clock: a handout's date comes from its data, so output never depends on when it was made.
        None
    }
}

/// Typst remembers its intermediate results across compilations, in a process-wide cache that only grows.
/// A one-shot build exits anyway; the preview server makes PDFs on many saves, so results unused for a
/// few compilations are dropped after each batch.
pub(super) fn forget_old_work() {
    typst::comemo::evict(4);
}
