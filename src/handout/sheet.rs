//! What a handout sheet shows, as plain data: the one value both the HTML templates and the Typst PDF
//! template read (as `sheet` and as `handout.json`).

use crate::fields::schema::Paper;
use crate::markdown::rich::{Block, Run};
use crate::model::Date;
use crate::model::handout::Overrides;
use serde::Serialize;

/// Everything a handout sheet shows, in the order it shows it. Serialized as the PDF template's
/// `handout.json` and as the HTML templates' `sheet`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Sheet {
    /// The handout's id for a content handout; `null` on the spot.
    pub id: Option<String>,
    /// The sheet's language (`es`), how it is written (`ltr` or `rtl`), and its words (the theme's strings).
    pub lang: String,
    pub dir: &'static str,
    pub t: serde_json::Value,
    pub title: String,
    pub summary: Option<String>,
    /// `a4` or `letter`.
    pub paper: &'static str,
    /// Large print: at least 14 pt, with more space (`sinew handout --large`).
    pub large: bool,
    pub practice: Practice,
    /// The client's name: on-the-spot handouts only (a published handout has a blank to fill in).
    pub client: Option<String>,
    /// The date printed on the sheet, `14 September 2026`, and its parts for the PDF's metadata.
    pub date: Option<String>,
    pub date_parts: Option<DateParts>,
    pub intro: Option<Prose>,
    /// The practitioner's notes.
    pub notes: Option<Prose>,
    pub stretches: Vec<SheetStretch>,
    /// Exercises not on the site, one line each (`sinew handout --extra`), after the stretches.
    pub extras: Vec<Inline>,
    /// "Check back with me on 28 September 2026." (`sinew handout --review-in`).
    pub review: Option<String>,
    /// A week of tick boxes, one row per exercise (`--week-grid`, `week_grid: true`).
    pub week: Option<Week>,
    /// "Stop and seek care if ...": the site's red flags and those of the handout's stretches.
    pub red_flags: Vec<String>,
    pub disclaimer: String,
    /// The handout's web page and its PDF, for a content handout.
    pub page_url: Option<String>,
    pub pdf_url: Option<String>,
    pub generator: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Practice {
    /// The site's title: the practice's name.
    pub name: String,
    pub practitioner: Option<String>,
    pub credentials: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub booking_url: Option<String>,
    /// The published site's address, without `https://`.
    pub website: String,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct DateParts {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

/// Markdown text: as HTML for the web page, as blocks for the PDF.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Prose {
    pub html: String,
    pub blocks: Vec<Block>,
}

/// One line of inline Markdown (a step, a caution, a note): as HTML and as styled runs.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Inline {
    pub html: String,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SheetStretch {
    /// 1, 2, 3 ... in the handout's order.
    pub number: usize,
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    /// The stretch's page on the published site (what the QR code holds).
    pub url: String,
    /// The same address without `https://`, to print under the code.
    pub url_text: String,
    pub image: Option<SheetImage>,
    pub dosage: Vec<DosageLine>,
    pub steps: Vec<Inline>,
    pub cautions: Vec<Inline>,
    /// The handout's note for this stretch.
    pub note: Option<Inline>,
    /// When it feels easy: the entry's modifications that start with the theme's "Harder:", without it.
    pub progress: Vec<Inline>,
    /// The QR code, an SVG document sized by its viewBox.
    pub qr_svg: String,
    /// The entry's video, as a second QR code.
    pub video: Option<SheetVideo>,
}

/// A week of tick boxes: the days across (from the sheet's date, else Monday), the exercises down.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Week {
    pub days: Vec<String>,
    pub rows: Vec<String>,
}

/// A stretch's video on the sheet: where to watch it, as a QR code.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SheetVideo {
    pub url: String,
    pub qr_svg: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SheetImage {
    /// For the HTML page: a site URL, or a `data:` URL in a self-contained file.
    pub src: String,
    /// For the PDF template: the file's path in its world, `/static/images/a.svg`.
    pub file: String,
    pub alt: String,
}

/// One line of the dosage box: `Hold` / `45 seconds`. `adjusted` when the handout changed the entry's value.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DosageLine {
    pub label: String,
    pub value: String,
    pub adjusted: bool,
}

/// A stretch of a handout, resolved: an index into `LinkedSite::entries`, with the handout's changes.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub entry: usize,
    pub overrides: Overrides,
    pub note: Option<String>,
}

/// What a sheet is made from, besides its stretches.
#[derive(Debug, Clone, Default)]
pub(crate) struct SheetText {
    pub id: Option<String>,
    pub title: String,
    pub summary: Option<String>,
    pub client: Option<String>,
    pub date: Option<Date>,
    pub paper: Option<Paper>,
    /// Markdown, already split into HTML and blocks by the caller (it knows where link problems belong).
    pub intro: Option<Prose>,
    pub notes: Option<Prose>,
    /// Exercises not on the site, one line of Markdown each.
    pub extras: Vec<String>,
    /// When the client is to come back.
    pub review: Option<Date>,
    pub large: bool,
    pub week_grid: bool,
    pub page_url: Option<String>,
    pub pdf_url: Option<String>,
}
