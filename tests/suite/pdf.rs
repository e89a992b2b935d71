//! Reading handout PDFs back, in Rust, so `cargo test` needs no system programs (poppler, zbar): the text a
//! reader sees, each page's size, and every QR code on the rendered pages. hayro (the PDF interpreter and
//! rasteriser that Typst itself uses) reads the file; rqrr decodes the QR codes from its pixels.

use hayro::hayro_interpret::font::Glyph;
use hayro::hayro_interpret::hayro_cmap::BfString;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache, InterpreterSettings, Paint,
    PathDrawMode, SoftMask, TransformExt, interpret_page,
};
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{RenderCache, RenderSettings, render};
use kurbo::{Affine, BezPath, Point, Rect};
use std::path::Path;

pub(crate) struct PdfFile {
    pdf: Pdf,
    path: String,
}

impl PdfFile {
    pub(crate) fn open(path: &Path) -> PdfFile {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let pdf = Pdf::new(bytes).unwrap_or_else(|e| panic!("{} is not a PDF hayro can read: {e:?}", path.display()));
        PdfFile { pdf, path: path.display().to_string() }
    }

    pub(crate) fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// Each page's width and height in points (1/72 inch), rounded to a hundredth: A4 is 595.28 x 841.89.
    pub(crate) fn page_sizes(&self) -> Vec<(f64, f64)> {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        self.pdf
            .pages()
            .iter()
            .map(|page| {
                let (width, height) = page.render_dimensions();
                (round(f64::from(width)), round(f64::from(height)))
            })
            .collect()
    }

    /// The text of every page in drawing order, a space wherever the pen jumps (a new line or a gap wider
    /// than a fifth of the type size), whitespace runs as one space, and typographic apostrophes as `'`:
    /// what `pdftotext` gives, flattened, for the single-column sheets sinew makes.
    pub(crate) fn text(&self) -> String {
        let text = self.text_where(|_| true);
        assert!(!text.is_empty(), "{} has no text hayro can read", self.path);
        text
    }

    /// The text set in a type size (in points, a hundredth either way) that `wanted` accepts, read as `text`
    /// reads: `text_where(|size| size < 14.0)` is everything in print smaller than 14 pt.
    pub(crate) fn text_where(&self, wanted: impl Fn(f64) -> bool + 'static) -> String {
        let cache = InterpreterCache::new();
        let mut reader = TextReader { wanted: Some(Box::new(wanted)), ..TextReader::default() };
        for page in self.pdf.pages().iter() {
            let mut context = Context::new(
                page.initial_transform(true).to_kurbo(),
                Rect::new(0.0, 0.0, 1e4, 1e4),
                &cache,
                page.xref(),
                InterpreterSettings::default(),
            );
            interpret_page(page, &mut context, &mut reader);
            reader.text.push(' ');
            reader.pen = None;
        }
        reader.text.split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'")
    }

    /// The fonts the file embeds, without their subset tags: `AtkinsonHyperlegible-Regular`.
    pub(crate) fn font_names(&self) -> Vec<String> {
        let bytes = std::fs::read(&self.path).expect("the PDF is still there");
        let text = String::from_utf8_lossy(&bytes);
        let mut names: Vec<String> = text
            .split("/BaseFont")
            .skip(1)
            .filter_map(|rest| {
                let name = rest.trim_start().strip_prefix('/')?;
                let name = name.split(|c: char| c.is_whitespace() || "/<>[]()".contains(c)).next()?;
                Some(name.split_once('+').map_or(name, |(_, n)| n).to_string())
            })
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Every QR code on every page, decoded, in no particular order: each page is read at about 200 and 300
    /// dpi, since rqrr's finder can miss a code at one size that it finds at the other.
    pub(crate) fn qr_codes(&self) -> Vec<String> {
        let cache = RenderCache::new();
        let mut codes = Vec::new();
        for page in self.pdf.pages().iter() {
            // Each content as many times as the size that found it most often found it.
            let mut most: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
            for dpi in [200.0, 300.0] {
                let scale = dpi / 72.0;
                let settings = RenderSettings { x_scale: scale, y_scale: scale, bg_color: WHITE, ..Default::default() };
                let pixmap = render(page, &cache, &InterpreterSettings::default(), &settings);
                let (width, height) = (usize::from(pixmap.width()), usize::from(pixmap.height()));
                let pixels = pixmap.data();
                let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
                    let p = pixels[y * width + x];
                    // Opaque on white, so premultiplied is plain: the usual luma weights, at most 255.
                    u8::try_from((u32::from(p.r) * 299 + u32::from(p.g) * 587 + u32::from(p.b) * 114) / 1000)
                        .unwrap_or(255)
                });
                let mut here: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
                for grid in image.detect_grids() {
                    let (_, content) =
                        grid.decode().unwrap_or_else(|e| panic!("a QR code in {} does not decode: {e:?}", self.path));
                    *here.entry(content).or_default() += 1;
                }
                for (content, n) in here {
                    let kept = most.entry(content).or_default();
                    *kept = (*kept).max(n);
                }
            }
            for (content, n) in most {
                codes.extend(std::iter::repeat_n(content, n));
            }
        }
        codes
    }
}

/// A device that keeps only the glyphs, as text (those in the sizes `wanted` accepts).
#[derive(Default)]
struct TextReader {
    text: String,
    wanted: Option<Box<dyn Fn(f64) -> bool>>,
    /// Where the last glyph ended, on the page, and the type size it was set in.
    pen: Option<(Point, f64)>,
}

impl<'a> Device<'a> for TextReader {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph(
        &mut self,
        glyph: &Glyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        let Some(unicode) = glyph.as_unicode() else { return };
        // Glyph outlines are drawn 1000 units to the em: the glyph's origin on the page, and one em's height.
        let to_page = transform * glyph_transform;
        let origin = to_page * Point::ZERO;
        let size = (to_page * Point::new(0.0, 1000.0) - origin).hypot().max(1e-3);
        if self.wanted.as_ref().is_some_and(|wanted| !wanted((size * 100.0).round() / 100.0)) {
            self.pen = None;
            self.text.push(' ');
            return;
        }
        if let Some((end, last_size)) = self.pen {
            let jump = origin - end;
            let size = size.max(last_size);
            if jump.y.abs() > size * 0.5 || jump.x > size * 0.2 || jump.x < -size * 0.5 {
                self.text.push(' ');
            }
        }
        match unicode {
            BfString::Char(c) => self.text.push(c),
            BfString::String(s) => self.text.push_str(&s),
        }
        let advance = match glyph {
            Glyph::Outline(outline) => f64::from(outline.advance_width().unwrap_or(500.0)),
            Glyph::Type3(_) => 500.0,
        };
        self.pen = Some((to_page * Point::new(advance, 0.0), size));
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}
