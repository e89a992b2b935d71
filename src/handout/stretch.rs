//! One stretch on a sheet: its dosage (the handout's values over the entry's), its lines with `{hold}` filled
//! in, its picture, QR codes, note and "when it feels easy" lines.

use super::{Assets, DosageLine, Item, SheetImage, SheetStretch, SheetVideo, bare_url, inline, qr};
use crate::diag::{Diagnostic, Kind};
use crate::fields::schema::Sides;
use crate::graph::LinkedSite;
use crate::links::SiteLinks;
use crate::model::handout::Overrides;
use crate::model::{Entry, placeholders};
use crate::strings::Strings;

pub(super) fn stretch(
    site: &LinkedSite,
    links: &SiteLinks<'_>,
    assets: &Assets,
    entry: &Entry,
    item: &Item,
    number: usize,
    problems: &mut Vec<Diagnostic>,
) -> SheetStretch {
    let config = &site.config;
    let collection = &config.collections[entry.collection];
    let url = config.permalink(&entry.path(config));
    // A handout may list any entry; one without exercise fields simply has no steps or dosage.
    let exercise = crate::model::entry::Exercise::of(&entry.fields.values);
    // `{hold}` in a line says the sheet's hold: the handout's where it changes it, else the entry's.
    let count = |field: &str| item.overrides.count(field).or_else(|| entry.fields.values.integer(field));
    let words = |field: &str| count(field).map(|n| site.strings.dosage_value(field, n));
    let inline = |markdown: &str| inline(links, &placeholders::fill(markdown, &words).0, collection.name.as_str());
    let image = entry.fields.image().and_then(|image| {
        let path = image.src.trim_start_matches('/');
        if assets.exists(path) {
            Some(SheetImage { src: config.url(path), file: format!("/static/{path}"), alt: image.alt.clone() })
        } else {
            problems.push(
                Diagnostic::warning(Kind::Handout, format!("the image `{path}` of `{}` is not in static/", entry.id))
                    .in_file(&entry.source.path)
                    .help("the handout is made without the picture; add the file under static/ to include it"),
            );
            None
        }
    });
    // The video's page on its site, or the file on the published site.
    let video = entry.fields.values.video("video").map(|video| {
        let url = video.host_page().unwrap_or_else(|| config.permalink(video.src.trim_start_matches('/')));
        SheetVideo { qr_svg: qr::svg(&url).unwrap_or_default(), url }
    });
    SheetStretch {
        video,
        number,
        id: entry.id.to_string(),
        title: entry.fields.title().to_string(),
        summary: entry.fields.summary().map(str::to_string),
        url_text: bare_url(&url),
        qr_svg: qr::svg(&url).unwrap_or_default(),
        url,
        image,
        dosage: dosage(exercise, &item.overrides, &site.strings),
        steps: exercise.steps().iter().map(|s| inline(s)).collect(),
        cautions: exercise.cautions().iter().map(|s| inline(s)).collect(),
        note: item.note.as_deref().map(inline),
        progress: progress(exercise.modifications(), &site.strings).map(|p| inline(&capitalize(p))).collect(),
    }
}

/// The dosage lines: the handout's value where it gives one, else the entry's, in the sheet's language.
pub(super) fn dosage(
    exercise: crate::model::entry::Exercise,
    overrides: &Overrides,
    strings: &Strings,
) -> Vec<DosageLine> {
    fn pick<T: Clone + PartialEq>(own: Option<&T>, changed: Option<&T>) -> Option<(T, bool)> {
        match (changed, own) {
            (Some(changed), own) => Some((changed.clone(), own != Some(changed))),
            (None, Some(own)) => Some((own.clone(), false)),
            (None, None) => None,
        }
    }
    let mut lines = Vec::new();
    let mut line = |label: &str, value: Option<(String, bool)>| {
        if let Some((value, adjusted)) = value {
            lines.push(DosageLine { label: strings.get(label), value, adjusted });
        }
    };
    line(
        "handout.hold",
        pick(exercise.hold_seconds().as_ref(), overrides.hold_seconds.as_ref())
            .map(|(n, a)| (strings.dosage_value("hold_seconds", n), a)),
    );
    line(
        "handout.repeat",
        pick(exercise.reps().as_ref(), overrides.reps.as_ref()).map(|(n, a)| (strings.dosage_value("reps", n), a)),
    );
    line("handout.sets", pick(exercise.sets().as_ref(), overrides.sets.as_ref()).map(|(n, a)| (n.to_string(), a)));
    line(
        "handout.sides",
        pick(exercise.sides().as_ref(), overrides.sides.as_ref()).map(|(sides, a)| {
            let key = match sides {
                Sides::Each => "handout.each_side",
                Sides::Both => "handout.both_sides",
            };
            (strings.get(key), a)
        }),
    );
    line(
        "handout.how_often",
        pick(exercise.frequency().map(str::to_string).as_ref(), overrides.frequency.as_ref())
            .map(|(f, a)| (capitalize(&f), a)),
    );
    lines
}

/// The modifications that make an exercise harder, the theme's "Harder:" taken off: on a sheet, what to do when
/// it feels easy.
fn progress<'a>(modifications: &'a [String], strings: &Strings) -> impl Iterator<Item = &'a str> {
    let marker = strings.get("handout.harder_marker").to_lowercase();
    modifications.iter().filter_map(move |m| {
        let head = m.get(..marker.len())?;
        (head.to_lowercase() == marker).then(|| m[marker.len()..].trim_start())
    })
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}
