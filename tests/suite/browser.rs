//! The site in a real browser. Search: the sample site is built into a temporary folder and
//! `tools/browser/search-check.mjs` drives headless Chromium through its search page (queries, typos,
//! filters, the address, the header box, keyboard, axe, no JavaScript). Live preview: `live-check.mjs` keeps
//! a page open on `sinew serve` while it edits the site. Editor: `editor-check.mjs` edits an entry through the
//! preview's editor page and reads the file it saved. Handouts: `handout-check.mjs` makes a client's sheet
//! in the preview's handout builder and reads the downloads. Needs Chromium and
//! `npm ci --ignore-scripts` in tools/browser, so these tests are ignored by a plain `cargo test`.

use crate::fixture::sinew_in;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs search-check.mjs on a built site; panics with its whole output unless every check passed.
fn search_check(public: &Path, base_url: Option<&str>) {
    let mut command = Command::new(std::env::var("NODE").unwrap_or_else(|_| "node".into()));
    command.arg(repo().join("tools/browser/search-check.mjs")).arg(public);
    if let Some(url) = base_url {
        command.args(["--base-url", url]);
    }
    let output = command.current_dir(repo()).output().expect("node runs (install Node.js 20 or later)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.lines().any(|l| l.starts_with("search: ") && l.ends_with(" 0 failed")),
        "search-check.mjs failed (exit {:?}):\n{stdout}\n{stderr}",
        output.status.code()
    );
    // The figures are worth seeing in the test log.
    for line in stdout.lines().filter(|l| l.starts_with("perf ") || l.starts_with("search: ")) {
        println!("{line}");
    }
}

/// Copies the sample site's sources (`site.yaml` with another `base_url`, `content/`) into `dir`.
fn copy_sample(dir: &Path, base_url: &str) {
    let yaml = std::fs::read_to_string(repo().join("site.yaml")).unwrap();
    let yaml: String = yaml
        .lines()
        .map(|line| if line.starts_with("base_url:") { format!("base_url: {base_url}") } else { line.to_string() })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("site.yaml"), yaml + "\n").unwrap();
    copy_dir(&repo().join("content"), &dir.join("content"));
    if repo().join("static").is_dir() {
        copy_dir(&repo().join("static"), &dir.join("static"));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
#[ignore = "needs Chromium and tools/browser/node_modules: bash .ci/run runs it with --ignored"]
fn search_finds_filters_and_passes_axe_on_the_sample_site() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    sinew_in(repo(), &["build", "--out", public.to_str().unwrap()]).assert_ok();
    search_check(&public, None);
}

#[test]
#[ignore = "needs Chromium and tools/browser/node_modules: bash .ci/run runs it with --ignored"]
fn search_works_under_a_sub_path() {
    let site = tempfile::tempdir().unwrap();
    copy_sample(site.path(), "https://test-clinic.example/clinic/");
    let public = site.path().join("public");
    sinew_in(site.path(), &["build", "--out", public.to_str().unwrap()]).assert_ok();
    let html = std::fs::read_to_string(public.join("search/index.html")).unwrap();
    assert!(
        html.contains("data-index=\"/clinic/search/index/\""),
        "the search page points at the index under /clinic/"
    );
    search_check(&public, Some("https://test-clinic.example/clinic/"));
}

/// The index of a site with many words under one short prefix, read by the site's own search.js in Node
/// (tools/browser/index-check.mjs): its merged prefix lists agree with its term shards.
#[test]
#[ignore = "needs Node.js: bash .ci/run runs it with --ignored"]
fn search_js_reads_merged_prefix_lists_as_it_reads_the_shards() {
    let site = crate::search_index::many_st_words();
    site.build().assert_ok();
    let output = Command::new(std::env::var("NODE").unwrap_or_else(|_| "node".into()))
        .arg(repo().join("tools/browser/index-check.mjs"))
        .arg(site.path("public"))
        .output()
        .expect("node runs (install Node.js 20 or later)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success()
            && stdout.contains(" merged prefix lists")
            && !stdout.contains(" 0 merged prefix lists")
            && stdout.ends_with("index: 2 passed, 0 failed\n"),
        "index-check.mjs failed (exit {:?}):\n{stdout}\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `sinew serve` with a page open in Chromium: a save reloads it, a stylesheet change swaps styles in place,
/// a broken file shows an overlay that fixing it clears (tools/browser/live-check.mjs edits a copy).
#[test]
#[ignore = "needs Chromium and tools/browser/node_modules: bash .ci/run runs it with --ignored"]
fn an_open_page_reloads_after_a_save() {
    serve_check("live-check.mjs", "live");
}

/// The entry editor on `sinew serve`, end to end in Chromium (tools/browser/editor-check.mjs edits a copy):
/// the printed address, "Edit this page", a new title, a step with a colon and a muscle saved, only those lines
/// of the file changed and the site still builds, the preview showing them; a bad value blocking Save; a change
/// on disk behind the form meeting the conflict panel; axe, accessible names and Tab on the editor.
#[test]
#[ignore = "needs Chromium and tools/browser/node_modules: bash .ci/run runs it with --ignored"]
fn the_editor_changes_a_stretch_end_to_end() {
    serve_check("editor-check.mjs", "editor");
}

/// The handout builder on `sinew serve`, end to end in Chromium (tools/browser/handout-check.mjs): the printed
/// address, /__sinew/handout, three stretches found and added, reordered with Move up and by dragging, a hold and
/// a note changed, the client's name and note typed; the HTML and PDF downloads read back (the stretches in that
/// order, 45 seconds, the notes); a refused request's problems shown; no file of the site changed and the
/// client's name never in the server's log; axe, accessible names and Tab on the builder.
#[test]
#[ignore = "needs Chromium and tools/browser/node_modules: bash .ci/run runs it with --ignored"]
fn the_handout_builder_makes_a_sheet_in_the_browser() {
    serve_check("handout-check.mjs", "handout");
}

/// Pictures, regions and video through the editor (tools/browser/editor-media-check.mjs): a stretch whose steps
/// carry pictures, saved after a title edit, keeps them byte for byte; a region ticked on a muscle is written;
/// a video's title changed keeps its address; a step's picture removed leaves the others; axe on each form.
#[test]
#[ignore = "needs Chromium and tools/browser/node_modules: bash .ci/run runs it with --ignored"]
fn the_editor_keeps_step_pictures_regions_and_video() {
    serve_check("editor-media-check.mjs", "editor-media");
}

/// A YouTube video makes no request to any other host until the reader presses play, then plays from
/// youtube-nocookie.com (tools/browser/video-check.mjs, with Chromium's requests intercepted); a video file
/// has its controls, poster and captions and never plays on its own.
#[test]
#[ignore = "needs Chromium and tools/browser/node_modules: bash .ci/run runs it with --ignored"]
fn a_youtube_video_requests_nothing_from_youtube_before_the_click() {
    serve_check("video-check.mjs", "video");
}

/// On a listing split into pages (the sample's stretches with `page_size: 6`), a filter on page 2 shows every
/// matching stretch from every page, in order, with the pager hidden; "Show all" brings page 2 back; without
/// JavaScript the pager leads through the pages (tools/browser/pagination-check.mjs).
#[test]
#[ignore = "needs Chromium and tools/browser/node_modules: bash .ci/run runs it with --ignored"]
fn a_filter_on_page_two_of_a_listing_finds_matches_on_every_page() {
    serve_check("pagination-check.mjs", "pagination");
}

/// Printed from the browser, a handout's page matches its PDF: as many pages, in the same typeface, for every
/// handout of the sample site in every language; and so does a large-print sheet from `sinew handout`.
/// tools/browser/print-check.mjs prints them in headless Chromium as "Save as PDF" does (the page's own @page).
#[test]
#[ignore = "needs Chromium and tools/browser/node_modules: bash .ci/run runs it with --ignored"]
#[cfg(feature = "pdf")]
fn a_printed_handout_page_has_the_pages_and_fonts_of_its_pdf() {
    use crate::pdf::PdfFile;
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    sinew_in(repo(), &["build", "--out", public.to_str().unwrap()]).assert_ok();
    // Each handout page, and the PDF it links to.
    let mut pairs: Vec<(String, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(&public).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        let page = path.strip_prefix(&public).unwrap().to_string_lossy().replace('\\', "/");
        let Some(folder) = page.strip_suffix("index.html") else { continue };
        if folder.trim_end_matches('/').rsplit('/').nth(1).is_none_or(|parent| parent != "handouts") {
            continue;
        }
        let html = std::fs::read_to_string(&path).unwrap();
        let end = html.find(".pdf\"").unwrap_or_else(|| panic!("{page} links no PDF"));
        let href = &html[html[..end].rfind("href=\"").unwrap() + 6..end + 4];
        let pdf = href.strip_prefix("https://test-clinic.example/").unwrap_or(href.trim_start_matches('/'));
        pairs.push((folder.to_string(), public.join(pdf)));
    }
    assert!(pairs.len() >= 4, "the sample site's handouts, in English and Spanish: {pairs:?}");
    let five = "figure-four,childs-pose,glute-bridge,kneeling-hip-flexor-stretch,cat-cow";
    std::fs::create_dir_all(public.join("large-sheet")).unwrap();
    for file in ["large-sheet/index.html", "large-sheet.pdf"] {
        let args = ["handout", "--stretches", five, "--large", "--week-grid", "-o", file];
        sinew_in(&public, &[&args[..], &["--root", repo().to_str().unwrap()]].concat()).assert_ok();
    }
    pairs.push(("large-sheet/".into(), public.join("large-sheet.pdf")));

    let printed = out.path().join("printed");
    let output = Command::new(std::env::var("NODE").unwrap_or_else(|_| "node".into()))
        .arg(repo().join("tools/browser/print-check.mjs"))
        .arg(&public)
        .arg(&printed)
        .args(pairs.iter().map(|(page, _)| page))
        .current_dir(repo())
        .output()
        .expect("node runs (install Node.js 20 or later)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "print-check.mjs failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    for (n, (page, pdf)) in pairs.iter().enumerate() {
        let (printed, made) = (PdfFile::open(&printed.join(format!("{}.pdf", n + 1))), PdfFile::open(pdf));
        println!("{page}: printed {} pages, PDF {} pages", printed.page_count(), made.page_count());
        assert_eq!(printed.page_count(), made.page_count(), "{page}: the browser's printout and {}", pdf.display());
        assert_eq!(printed.font_names(), made.font_names(), "{page}: the same typeface, weights and styles");
        // Chromium sizes the page in whole CSS pixels: A4 comes out a third of a point narrower.
        let ((w1, h1), (w2, h2)) = (printed.page_sizes()[0], made.page_sizes()[0]);
        assert!((w1 - w2).abs() < 1.0 && (h1 - h2).abs() < 1.0, "{page}: the same paper, {w1}x{h1} and {w2}x{h2}");
    }
}

/// Runs a check of tools/browser that drives `sinew serve` (this build's binary) on a throwaway copy of the
/// sample site; panics with its whole output unless its last line, `<label>: N passed, 0 failed`, says so.
fn serve_check(script: &str, label: &str) {
    let site = tempfile::tempdir().unwrap();
    copy_sample(site.path(), "https://test-clinic.example/");
    let output = Command::new(std::env::var("NODE").unwrap_or_else(|_| "node".into()))
        .arg(repo().join("tools/browser").join(script))
        .arg(env!("CARGO_BIN_EXE_sinew"))
        .arg(site.path())
        .current_dir(repo())
        .output()
        .expect("node runs (install Node.js 20 or later)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success()
            && stdout.lines().any(|l| l.starts_with(&format!("{label}: ")) && l.ends_with(" 0 failed")),
        "{script} failed (exit {:?}):\n{stdout}\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
}
