//! A one-off handout for one client (`sinew handout`, and the preview's handout builder): the site loaded and
//! linked as `sinew build` publishes it (no drafts), the stretches resolved, the sheet composed and rendered
//! as PDF, standalone HTML or the sheet's data. Nothing is written here: the caller decides where the bytes
//! go (a file named by -o; a download in the browser), so a client's name never enters the site.

use crate::diag::{Diagnostic, Diagnostics, Kind};
use crate::fields::schema::Paper;
use crate::handout::{Assets, SheetText};
use crate::model::Date;
use crate::model::handout::HandoutItem;
use std::path::Path;

/// What one sheet is made of.
pub(crate) struct OneOff {
    pub items: Vec<HandoutItem>,
    /// The heading; `None` for the language's "Your home exercises".
    pub title: Option<String>,
    /// One of the site's languages (`es`); `None` for the default.
    pub language: Option<String>,
    /// Print a stretch with no translation in the default language, with a note, rather than refuse.
    pub fallback: bool,
    pub client: Option<String>,
    /// A note for the client, Markdown.
    pub note: Option<String>,
    /// Exercises not on the site, one line of Markdown each (`--extra`).
    pub extras: Vec<String>,
    pub date: Option<Date>,
    /// When the client is to come back, printed after the exercises (`--review-in`).
    pub review: Option<Date>,
    pub paper: Option<Paper>,
    /// Large print (`--large`).
    pub large: bool,
    /// A week of tick boxes after the exercises (`--week-grid`).
    pub week_grid: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SheetFormat {
    Pdf,
    Html,
    Json,
}

pub(crate) struct Sheet {
    pub bytes: Vec<u8>,
    /// The PDF's pages.
    pub pages: Option<usize>,
    pub stretches: usize,
    /// Problems that did not stop the sheet (a missing picture).
    pub warnings: Diagnostics,
}

/// Today in the user's time zone: the date a client receives the sheet.
pub(crate) fn local_today() -> Option<Date> {
    Date::parse(&chrono::Local::now().date_naive().format("%Y-%m-%d").to_string())
}

/// The sheet for `request`, from the site at `root`; `Err` with every problem when it cannot be made.
pub(crate) fn one_off_handout(root: &Path, request: &OneOff, format: SheetFormat) -> Result<Sheet, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let Some((site, sources)) = super::load_site(root, false, &mut diagnostics) else {
        return Err(diagnostics);
    };
    if diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::error(Kind::Handout, "the site has errors, so no handout was made")
                .help("fix the problems above (`sinew check` lists them all), then try again"),
        );
        return Err(diagnostics);
    }
    let site = match request.language.as_deref().map(|code| crate::languages::view(&site, code, Kind::Handout)) {
        None => &site,
        Some(Ok(view)) => view,
        Some(Err(error)) => {
            diagnostics.push(error);
            return Err(diagnostics);
        }
    };
    let mut problems = Vec::new();
    let mut resolved = crate::handout::resolve(site, &request.items, &mut problems);
    problems.extend(crate::handout::untranslated(site, &resolved, request.fallback, Path::new("the command line")));
    // A stretch printed untranslated says so, in the sheet's language, above its steps.
    for item in &mut resolved {
        let entry = &site.entries[item.entry];
        if request.fallback
            && entry.language.as_deref() != Some(site.config.language.as_str())
            && !site.config.lang_prefix.is_empty()
        {
            let language = site.strings.get(&format!("language_names.{}", site.config.default_language()));
            let said = format!("*{}*", site.strings.fill("handout.untranslated", "language", &language));
            item.note = Some(item.note.as_ref().map_or_else(|| said.clone(), |note| format!("{said} {note}")));
        }
    }
    // What the sheet prints: the practice's details and each stretch's fields (its article is not printed).
    let mut placeholders = Diagnostics::default();
    crate::lint::placeholders::in_settings(root, &mut placeholders);
    for item in &resolved {
        let source = &site.entries[item.entry].source;
        let front_matter = &source.text[..site.entries[item.entry].body_offset];
        crate::lint::placeholders::in_file(&source.path, front_matter, front_matter.len(), &mut placeholders);
    }
    problems.extend(placeholders.into_sorted().into_iter().map(Diagnostic::into_error));
    let notes = request.note.as_deref().and_then(|note| crate::handout::command_line_prose(site, note, &mut problems));
    if problems.iter().any(Diagnostic::is_error) {
        diagnostics.extend(problems);
        return Err(diagnostics);
    }
    let assets = Assets::new(&sources);
    let text = SheetText {
        title: request.title.clone().unwrap_or_else(|| site.strings.get("generated.handout_title")),
        client: request.client.clone().filter(|c| !c.trim().is_empty()),
        date: request.date,
        paper: request.paper,
        notes,
        extras: request.extras.clone(),
        review: request.review,
        large: request.large,
        week_grid: request.week_grid,
        ..SheetText::default()
    };
    let mut sheet = crate::handout::sheet(site, &assets, &resolved, text, &mut problems);
    diagnostics.extend(problems);
    let stretches = sheet.stretches.len();
    let (bytes, pages) = match format {
        SheetFormat::Json => (serde_json::to_vec_pretty(&sheet).expect("a sheet serializes"), None),
        SheetFormat::Html => {
            for stretch in &mut sheet.stretches {
                if let Some(image) = &mut stretch.image {
                    let path = image.file.trim_start_matches("/static/");
                    if let Some(bytes) = assets.read(path) {
                        image.src = crate::handout::assets::data_url(path, &bytes);
                    }
                }
            }
            let css = assets.read("handout.css").map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            let css = crate::handout::assets::inline_urls(&css, &assets);
            match crate::render::standalone_handout(site, &sources, &sheet, &css) {
                Ok(html) => (html.into_bytes(), None),
                Err(errors) => {
                    diagnostics.extend(errors);
                    return Err(diagnostics);
                }
            }
        }
        SheetFormat::Pdf => match pdf(&sources, &sheet, &assets) {
            Ok((bytes, pages, warnings)) => {
                diagnostics.extend(warnings);
                (bytes, pages)
            }
            Err(errors) => {
                diagnostics.extend(errors);
                return Err(diagnostics);
            }
        },
    };
    Ok(Sheet { bytes, pages, stretches, warnings: diagnostics })
}

/// A PDF's bytes, its pages, and the problems that did not stop it.
type PdfMade = (Vec<u8>, Option<usize>, Vec<Diagnostic>);

#[cfg(feature = "pdf")]
fn pdf(
    sources: &crate::source::Sources,
    sheet: &crate::handout::Sheet,
    assets: &Assets,
) -> Result<PdfMade, Vec<Diagnostic>> {
    let engine = crate::handout::pdf::PdfEngine::new(sources).map_err(|e| vec![e])?;
    let pdf = engine.render(sheet, assets)?;
    Ok((pdf.bytes, Some(pdf.pages), pdf.warnings))
}

#[cfg(not(feature = "pdf"))]
fn pdf(_: &crate::source::Sources, _: &crate::handout::Sheet, _: &Assets) -> Result<PdfMade, Vec<Diagnostic>> {
    Err(vec![no_pdf_support()])
}

#[cfg(not(feature = "pdf"))]
fn no_pdf_support() -> Diagnostic {
    Diagnostic::error(Kind::Handout, "this sinew was built without PDF support").help(
        "use --format html and print the page from a browser, or get PDFs from a sinew built with its default \
         features: `cargo install --path .` or `cargo build --release` (without --no-default-features)",
    )
}
