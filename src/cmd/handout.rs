//! `sinew handout`: a one-off sheet for one client, composed from the site's stretches on the command line.
//! Client names stay private: the sheet is written only where -o says (never into the site's folders, so never
//! into the published site, its search index or sitemap), all at once or not at all.

use crate::cli::{HandoutArgs, HandoutFormat, PaperArg};
use crate::diag::print as print_diagnostics;
use crate::diag::{Diagnostic, Diagnostics, Kind, did_you_mean};
use crate::fields::schema::Paper;
use crate::model::Date;
use crate::model::handout::{HandoutItem, Overrides};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub(super) fn run(args: &HandoutArgs) -> bool {
    let started = Instant::now();
    match make(args) {
        Ok(done) => {
            let pages = done.pages.map_or(String::new(), |n| format!(", {n} page{}", if n == 1 { "" } else { "s" }));
            eprintln!(
                "wrote {}: {} stretch{}{pages} ({} ms)",
                done.path.display(),
                done.stretches,
                if done.stretches == 1 { "" } else { "es" },
                started.elapsed().as_millis()
            );
            true
        }
        Err(problems) => {
            print_diagnostics(problems);
            eprintln!("no handout written");
            false
        }
    }
}

struct Written {
    path: PathBuf,
    stretches: usize,
    pages: Option<usize>,
}

fn make(args: &HandoutArgs) -> Result<Written, Diagnostics> {
    let fail = |diagnostic: Diagnostic| {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(diagnostic);
        diagnostics
    };
    let format = format(args);
    let output = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(match format {
            HandoutFormat::Pdf => "handout.pdf",
            HandoutFormat::Html => "handout.html",
            HandoutFormat::Json => "handout.json",
        })
    });
    let mut items = items(args).map_err(fail)?;
    let note = notes(&args.note, &mut items).map_err(fail)?;
    let date = match &args.date {
        Some(text) => Some(Date::parse(text).ok_or_else(|| {
            fail(
                Diagnostic::error(Kind::Handout, format!("`{text}` is not a date"))
                    .help("write the date as year-month-day, e.g. --date 2026-09-14"),
            )
        })?),
        None => crate::build::local_today(),
    };

    let review = match &args.review_in {
        Some(text) => {
            let days = review_days(text).map_err(fail)?;
            let from = date.ok_or_else(|| {
                fail(
                    Diagnostic::error(Kind::Handout, "--review-in needs the sheet's date")
                        .help("give the date: --date 2026-09-14"),
                )
            })?;
            Some(from.plus_days(days))
        }
        None => None,
    };
    check_private(&args.root, &output).map_err(fail)?;
    let request = crate::build::OneOff {
        items,
        title: args.title.clone(),
        language: args.lang.clone(),
        fallback: args.fallback,
        client: args.client.clone(),
        note,
        extras: args.extra.iter().map(|e| e.trim().to_string()).filter(|e| !e.is_empty()).collect(),
        date,
        review,
        paper: args.paper.map(|p| match p {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        }),
        large: args.large,
        week_grid: args.week_grid,
    };
    let format = match format {
        HandoutFormat::Pdf => crate::build::SheetFormat::Pdf,
        HandoutFormat::Html => crate::build::SheetFormat::Html,
        HandoutFormat::Json => crate::build::SheetFormat::Json,
    };
    let made = crate::build::one_off_handout(&args.root, &request, format)?;
    let (bytes, pages, stretches, mut diagnostics) = (made.bytes, made.pages, made.stretches, made.warnings);
    if let Err(error) = write_whole(&output, &bytes) {
        diagnostics.push(error);
        return Err(diagnostics);
    }
    // Warnings (a missing image) are worth seeing even when the sheet was written.
    print_diagnostics(diagnostics);
    Ok(Written { path: output, stretches, pages })
}

/// The format asked for, or the one -o's extension names, or PDF (HTML when there is no PDF support).
fn format(args: &HandoutArgs) -> HandoutFormat {
    let from_extension = args.output.as_ref().and_then(|o| o.extension()).and_then(|e| {
        match e.to_string_lossy().to_ascii_lowercase().as_str() {
            "pdf" => Some(HandoutFormat::Pdf),
            "html" | "htm" => Some(HandoutFormat::Html),
            "json" => Some(HandoutFormat::Json),
            _ => None,
        }
    });
    match args.format.or(from_extension) {
        Some(format) => format,
        None if cfg!(feature = "pdf") => HandoutFormat::Pdf,
        None => {
            eprintln!(
                "note: writing HTML: this sinew was built without PDF support. Open the file in a browser and \
                 print it, or use a sinew built with its default features (`cargo build --release`) for PDFs."
            );
            HandoutFormat::Html
        }
    }
}

/// The stretches asked for, in order, with the overrides of --hold, --reps and --sets.
fn items(args: &HandoutArgs) -> Result<Vec<HandoutItem>, Diagnostic> {
    let ids: Vec<&str> = args.stretches.split(',').map(str::trim).filter(|id| !id.is_empty()).collect();
    if ids.is_empty() {
        return Err(Diagnostic::error(Kind::Handout, "no stretches given")
            .help("list stretch ids in order, separated by commas: --stretches figure-four,childs-pose"));
    }
    let mut items: Vec<HandoutItem> = ids
        .iter()
        .map(|id| HandoutItem { id: (*id).to_string(), location: None, overrides: Overrides::default(), note: None })
        .collect();
    for (flag, values) in [("hold", &args.hold), ("reps", &args.reps), ("sets", &args.sets)] {
        for value in values {
            let parsed = value.split_once('=').and_then(|(id, n)| Some((id.trim(), n.trim().parse::<u32>().ok()?)));
            let Some((id, n)) = parsed.filter(|(_, n)| *n > 0) else {
                return Err(Diagnostic::error(Kind::Handout, format!("--{flag} `{value}` is not ID=NUMBER"))
                    .help(format!("for example --{flag} {}={}", ids[0], if flag == "hold" { 45 } else { 2 })));
            };
            if !ids.contains(&id) {
                let help = did_you_mean(id, ids.iter().copied()).unwrap_or_else(|| {
                    format!("it changes one of the stretches listed in --stretches: {}", ids.join(", "))
                });
                return Err(Diagnostic::error(
                    Kind::Handout,
                    format!("--{flag} names `{id}`, which is not in --stretches"),
                )
                .help(help));
            }
            for item in items.iter_mut().filter(|i| i.id == id) {
                let slot = match flag {
                    "hold" => &mut item.overrides.hold_seconds,
                    "reps" => &mut item.overrides.reps,
                    _ => &mut item.overrides.sets,
                };
                *slot = Some(n);
            }
        }
    }
    Ok(items)
}

/// Each `--note`: `ID=TEXT` for a stretch on the sheet goes with that stretch; anything else is the sheet's
/// own note (one at most). A word before `=` that looks like an id but names no stretch here is refused, so a
/// misspelt id never turns a stretch's note into the sheet's.
fn notes(notes: &[String], items: &mut [HandoutItem]) -> Result<Option<String>, Diagnostic> {
    let ids: Vec<String> = items.iter().map(|item| item.id.clone()).collect();
    let mut sheet_note = None;
    for note in notes {
        let by_stretch = note.split_once('=').map(|(id, text)| (id.trim(), text.trim()));
        let looks_like_id =
            |id: &str| !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        match by_stretch {
            Some((id, text)) if ids.iter().any(|i| i == id) => {
                for item in items.iter_mut().filter(|item| item.id == id) {
                    item.note = Some(text.to_string());
                }
            }
            Some((id, _)) if looks_like_id(id) => {
                let help = did_you_mean(id, ids.iter().map(String::as_str))
                    .unwrap_or_else(|| format!("a stretch's note names one of --stretches: {}", ids.join(", ")));
                return Err(Diagnostic::error(
                    Kind::Handout,
                    format!("--note names `{id}`, which is not in --stretches"),
                )
                .help(help));
            }
            _ if sheet_note.is_some() => {
                return Err(Diagnostic::error(Kind::Handout, "more than one note for the whole sheet").help(
                    "give the sheet one --note; a note for one stretch is --note ID=TEXT, e.g. --note figure-four=\"left side only\"",
                ));
            }
            _ => sheet_note = Some(note.clone()),
        }
    }
    Ok(sheet_note)
}

/// `2w` -> 14, `10d` -> 10: how long until the client comes back.
fn review_days(text: &str) -> Result<u32, Diagnostic> {
    let text = text.trim();
    // The last character is the unit (whatever its length in bytes: `2ñ` is refused, not a crash).
    let (number, unit) = text.split_at(text.char_indices().last().map_or(0, |(at, _)| at));
    let per = match unit {
        "d" | "D" => Some(1),
        "w" | "W" => Some(7),
        _ => None,
    };
    match (number.parse::<u32>().ok(), per) {
        (Some(n), Some(per)) if (1..=730).contains(&(n.saturating_mul(per))) => Ok(n * per),
        _ => Err(Diagnostic::error(Kind::Handout, format!("--review-in `{text}` is not a number of weeks or days"))
            .help("for example --review-in 2w (two weeks) or --review-in 10d (ten days)")),
    }
}

/// Refuses to write into the site's own folders: a client's name must never be published.
fn check_private(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(parent) = parent.canonicalize() else {
        return Err(Diagnostic::error(
            Kind::Handout,
            format!("cannot write {}: the folder {} does not exist", output.display(), parent.display()),
        )
        .help("create the folder first, or choose another place with -o"));
    };
    let Ok(root) = root.canonicalize() else { return Ok(()) };
    for folder in ["public", "content", "static", "templates", "themes"] {
        if parent.starts_with(root.join(folder)) {
            return Err(Diagnostic::error(
                Kind::Handout,
                format!("not writing a client's handout into the site's {folder}/ folder: client names stay private"),
            )
            .help("write it somewhere else with -o, e.g. -o ~/handouts/client.pdf"));
        }
    }
    Ok(())
}

/// Writes the file whole or not at all: into a temporary file beside it, then renamed over it.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let cannot = |e: &std::io::Error| {
        Diagnostic::error(Kind::Handout, format!("cannot write {}: {e}", path.display()))
            .help("choose another place with -o")
    };
    if path.is_dir() {
        return Err(Diagnostic::error(Kind::Handout, format!("cannot write {}: it is a folder", path.display()))
            .help("give a file name, e.g. -o jane.pdf"));
    }
    let name = path.file_name().map_or_else(|| "handout".into(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.{}.sinew-tmp", std::process::id()));
    let result = std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        cannot(&e)
    })
}
