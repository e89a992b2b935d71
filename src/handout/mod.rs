//! Client handouts: a list of stretches resolved against the linked site into a `Sheet`, the one value that
//! both the HTML templates (through `render`) and the Typst PDF template (`pdf`, behind the `pdf` feature)
//! read, so the web page, the printed page and the PDF never disagree. A handout comes from a content file
//! (`content/handouts/<id>.md`, built with the site) or from the command line (`sinew handout`, written only
//! where the user says). No file writing here; `assets` reads the images a sheet shows.

pub(crate) mod assets;
mod content;
#[cfg(feature = "pdf")]
pub(crate) mod pdf;
mod qr;
mod sheet;
mod stretch;

pub(crate) use assets::Assets;
pub(crate) use content::{load, untranslated};
pub(crate) use sheet::{
    DateParts, DosageLine, Inline, Item, Practice, Prose, Sheet, SheetImage, SheetStretch, SheetText, SheetVideo, Week,
};

use crate::diag::{Diagnostic, Kind, Location, did_you_mean};
use crate::fields::schema::{Paper, Schema};
use crate::graph::{LinkedSite, Lookup};
use crate::links::SiteLinks;
use crate::markdown::rich;
use crate::model::handout::HandoutItem;
use crate::model::{Date, Held, Id};
use crate::source::Sources;
use rayon::prelude::*;
use std::path::PathBuf;

/// A built handout's PDF bytes, and the warnings made while making it.
pub(crate) type PdfFile = (Vec<u8>, Vec<Diagnostic>);

/// A content handout, ready to render: where it came from and its sheet.
#[derive(Debug, Clone)]
pub(crate) struct BuiltHandout {
    pub id: Id,
    pub source: PathBuf,
    pub sheet: Sheet,
    /// Where its language's pages are (`es/`; empty for the default language), and its translated address.
    pub prefix: String,
    pub slug: Option<String>,
    /// The same handout in each language it is published in (the language's index, its page's site path),
    /// for the page's hreflang links and language switcher.
    pub alternates: Vec<(usize, String)>,
}

impl BuiltHandout {
    /// Its web page's address inside the site: `handouts/desk-worker-reset/`, `es/handouts/pausa-activa/`.
    pub(crate) fn site_path(&self) -> String {
        format!("{}handouts/{}/", self.prefix, self.slug.as_deref().unwrap_or(self.id.as_str()))
    }

    /// Its web page inside the output folder.
    pub(crate) fn page_path(&self) -> String {
        crate::config::file_of(&self.site_path())
    }

    pub(crate) fn pdf_path(&self) -> String {
        format!("{}handouts/{}.pdf", self.prefix, self.id)
    }
}

/// The PDFs of a build's handouts (bytes, and the template's warnings), in parallel, in the order of
/// `handouts`. Empty without the `pdf` feature (the handout pages then have no PDF link).
pub(crate) fn render_pdfs(handouts: &[BuiltHandout], sources: &Sources) -> Vec<Result<PdfFile, Vec<Diagnostic>>> {
    #[cfg(feature = "pdf")]
    {
        if handouts.is_empty() {
            return Vec::new();
        }
        let engine = match pdf::PdfEngine::new(sources) {
            Ok(engine) => engine,
            Err(error) => return vec![Err(vec![error])],
        };
        let assets = Assets::new(sources);
        let pdfs = handouts
            .par_iter()
            .map(|h| engine.render(&h.sheet, &assets).map(|pdf| (pdf.bytes, pdf.warnings)))
            .collect();
        pdf::forget_old_work();
        pdfs
    }
    #[cfg(not(feature = "pdf"))]
    {
        let _ = (handouts, sources);
        Vec::new()
    }
}

/// Markdown as prose. Link problems are reported where `locate` says (it gets their byte range in `markdown`).
fn prose(
    links: &SiteLinks<'_>,
    markdown: &str,
    folder: &str,
    locate: &dyn Fn(std::ops::Range<usize>) -> Option<Location>,
    problems: &mut Vec<Diagnostic>,
    render: fn(&str, &str, &dyn crate::markdown::Resolver) -> crate::markdown::Rendered,
) -> Option<Prose> {
    if markdown.trim().is_empty() {
        return None;
    }
    let rendered = render(markdown, folder, links);
    for problem in rendered.problems {
        let diagnostic = if problem.problem.is_warning {
            Diagnostic::warning(Kind::Handout, problem.problem.message)
        } else {
            Diagnostic::error(Kind::Handout, problem.problem.message)
        };
        let diagnostic = diagnostic.help_opt(problem.problem.help);
        problems.push(match locate(problem.range) {
            Some(location) => diagnostic.at(location),
            None => diagnostic,
        });
    }
    Some(Prose { html: rendered.html, blocks: rich::blocks(markdown, &|id| links.title(id)) })
}

/// Markdown written on the command line (a note), as prose, with its link problems.
pub(crate) fn command_line_prose(site: &LinkedSite, markdown: &str, problems: &mut Vec<Diagnostic>) -> Option<Prose> {
    let links = SiteLinks::new(site, true);
    prose(&links, markdown, "", &|_: std::ops::Range<usize>| None, problems, crate::markdown::render_value)
}

/// Resolves the stretch ids of a handout to entries. Each id must name a published entry of a collection with
/// `schema: exercise`; problems are reported where the id is written, with a "did you mean".
pub(crate) fn resolve(site: &LinkedSite, items: &[HandoutItem], problems: &mut Vec<Diagnostic>) -> Vec<Item> {
    let config = &site.config;
    let exercise_collections: Vec<usize> =
        (0..config.collections.len()).filter(|&c| config.collections[c].schema == Schema::Exercise).collect();
    let singular = match exercise_collections.as_slice() {
        [one] => config.collections[*one].singular.as_str(),
        _ => "exercise",
    };
    if exercise_collections.is_empty() {
        let mut diagnostic =
            Diagnostic::error(Kind::Handout, "handouts list exercises, but this site has no exercise collection")
                .help("give a collection `schema: exercise` in site.yaml");
        if let Some(location) = items.first().and_then(|i| i.location.clone()) {
            diagnostic = diagnostic.at(location);
        }
        problems.push(diagnostic);
        return Vec::new();
    }
    let mut resolved = Vec::new();
    for item in items {
        let id = item.id.as_str();
        let problem = match site.lookup(id, None) {
            Lookup::Found(index) if exercise_collections.contains(&site.entries[index].collection) => {
                resolved.push(Item { entry: index, overrides: item.overrides.clone(), note: item.note.clone() });
                continue;
            }
            Lookup::Found(index) => {
                let other = &config.collections[site.entries[index].collection].singular;
                Diagnostic::error(Kind::Handout, format!("`{id}` is a {other}, not a {singular}"))
                    .help(format!("a handout lists {singular} ids, from content/{}/", plural_folder(site)))
            }
            // Reported at its own file, which cannot be read or parsed.
            Lookup::Unreadable { .. } => continue,
            Lookup::Held(Held::Draft) => Diagnostic::error(Kind::Handout, format!("the {singular} `{id}` is a draft"))
                .help("publish it (remove `draft: true`) or build with --drafts"),
            Lookup::Held(Held::Until(day)) => {
                Diagnostic::error(Kind::Handout, format!("the {singular} `{id}` is not published until {day}"))
                    .help("print it from that day, or publish it now (change or remove its `publish:` date)")
            }
            Lookup::Missing { .. } => {
                let candidates =
                    site.entries.iter().filter(|e| exercise_collections.contains(&e.collection)).map(|e| e.id.as_str());
                Diagnostic::error(Kind::Handout, format!("no {singular} with id `{id}`"))
                    .help_opt(did_you_mean(id, candidates))
            }
        };
        problems.push(match &item.location {
            Some(location) => problem.at(location.clone()),
            None => problem,
        });
    }
    resolved
}

fn plural_folder(site: &LinkedSite) -> String {
    site.config
        .collections
        .iter()
        .find(|c| c.schema == Schema::Exercise)
        .map_or_else(|| "stretches".into(), |c| c.name.to_string())
}

/// Builds the sheet of resolved stretches. A missing image is a warning (the sheet prints without it).
pub(crate) fn sheet(
    site: &LinkedSite,
    assets: &Assets,
    items: &[Item],
    text: SheetText,
    problems: &mut Vec<Diagnostic>,
) -> Sheet {
    let config = &site.config;
    let practitioner = &config.practitioner;
    let links = SiteLinks::new(site, true);
    let stretches: Vec<SheetStretch> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let entry = &site.entries[item.entry];
            stretch::stretch(site, &links, assets, entry, item, i + 1, problems)
        })
        .collect();
    // The site's red flags, then each stretch's own that the sheet does not already say.
    let own: Vec<String> = items.iter().flat_map(|item| site.entries[item.entry].fields.red_flags()).cloned().collect();
    let red_flags = crate::model::red_flags::merged(&config.red_flags, &own).into_iter().map(String::from).collect();
    let extras: Vec<Inline> = text.extras.iter().map(|markdown| inline(&links, markdown, "handouts")).collect();
    let week = text.week_grid.then(|| week(site, text.date, &stretches, &text.extras));
    Sheet {
        id: text.id,
        lang: config.language.clone(),
        dir: config.dir,
        t: site.strings.values.clone(),
        title: text.title,
        summary: text.summary,
        paper: text.paper.unwrap_or_else(|| site_paper(config.paper)).as_str(),
        large: text.large,
        practice: Practice {
            name: config.title.clone(),
            practitioner: practitioner.name.clone(),
            credentials: practitioner.credentials.clone(),
            email: practitioner.email.clone(),
            phone: practitioner.phone.clone(),
            address: practitioner.address.clone(),
            booking_url: practitioner.booking_url.clone(),
            website: bare_url(&config.base_url),
        },
        client: text.client,
        date: text.date.map(|d| site.strings.long_date(d)),
        date_parts: text.date.map(date_parts),
        intro: text.intro,
        notes: text.notes,
        stretches,
        extras,
        review: text.review.map(|d| site.strings.fill("handout.review", "date", &site.strings.long_date(d))),
        week,
        red_flags,
        disclaimer: config.disclaimer.clone(),
        page_url: text.page_url,
        pdf_url: text.pdf_url,
        generator: concat!("sinew ", env!("CARGO_PKG_VERSION")),
    }
}

/// The week grid: seven days from the sheet's date (Monday on a sheet without one), one row per exercise, the
/// stretches by number and title, then the extras as written (without their Markdown marks).
fn week(site: &LinkedSite, date: Option<Date>, stretches: &[SheetStretch], extras: &[String]) -> Week {
    let mut names = site.strings.list("handout.days");
    names.resize(7, String::new());
    let first = date.map_or(0, Date::weekday);
    let mut rows: Vec<String> = stretches.iter().map(|s| format!("{}. {}", s.number, s.title)).collect();
    rows.extend(extras.iter().map(|e| rich::inline(e, &|_| None).into_iter().map(|run| run.text).collect()));
    Week { days: (0..7).map(|i| names[(first + i) % 7].clone()).collect(), rows }
}

fn site_paper(name: &str) -> Paper {
    if name == Paper::Letter.as_str() { Paper::Letter } else { Paper::A4 }
}

/// One line of Markdown on a sheet, its links resolved as on the pages of `collection` (to full addresses);
/// their problems are reported at those pages.
fn inline(links: &SiteLinks<'_>, markdown: &str, collection: &str) -> Inline {
    Inline {
        html: crate::markdown::render_line(markdown, collection, links).html,
        runs: rich::inline(markdown, &|id: &str| links.title(id)),
    }
}

/// `https://example.org/clinic/` as `example.org/clinic`.
fn bare_url(url: &str) -> String {
    let url = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or(url);
    url.trim_end_matches('/').to_string()
}

fn date_parts(date: Date) -> DateParts {
    let (year, month, day) = date.civil();
    DateParts { year, month, day }
}

#[cfg(test)]
mod tests;
