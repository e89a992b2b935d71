//! What a client reads on a handout: dosage placeholders that follow an override into every mention, the
//! large-print sheet, the week grid and "when to progress" lines, the phone sheet's size. PDFs are read back in
//! Rust (`crate::pdf`).

use crate::fixture::{Site, sinew_in};
use crate::pdf::PdfFile;
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `sinew handout` on the repository's sample site, writing into `out`.
fn sample_handout(out: &Path, args: &[&str]) -> crate::fixture::Run {
    let mut all = vec!["handout", "--root", repo().to_str().unwrap()];
    all.extend_from_slice(args);
    sinew_in(out, &all)
}

/// The sample figure four's step 6 says `{hold}`: with `--hold figure-four=45` the dosage box and the step both
/// say 45 seconds, in the PDF and the HTML sheet, and the stretch's own page still says its 30.
#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn an_overridden_hold_changes_every_mention_on_the_sheet() {
    let out = tempfile::tempdir().unwrap();
    for file in ["hold.pdf", "hold.html"] {
        sample_handout(out.path(), &["--stretches", "figure-four", "--hold", "figure-four=45", "-o", file]).assert_ok();
    }
    let text = PdfFile::open(&out.path().join("hold.pdf")).text();
    assert!(text.contains("Hold 45 seconds"), "the dosage box:\n{text}");
    assert!(text.contains("Hold for 45 seconds while breathing slowly"), "step 6:\n{text}");
    assert!(!text.contains("30 seconds") && !text.contains("{hold}"), "no other hold:\n{text}");
    let html = std::fs::read_to_string(out.path().join("hold.html")).unwrap();
    assert!(html.contains("Hold for 45 seconds while breathing slowly") && !html.contains("30 seconds"));

    let sheet = tempfile::tempdir().unwrap();
    sample_handout(sheet.path(), &["--stretches", "figure-four", "--lang", "es", "--hold", "figure-four=60"])
        .assert_ok();
    let spanish = PdfFile::open(&sheet.path().join("handout.pdf")).text();
    assert!(spanish.contains("Quédate así 60 segundos respirando con calma"), "in Spanish too:\n{spanish}");
}

/// `sinew check` points at a step that writes out its own hold, and the build at a placeholder nothing fills.
#[test]
fn check_warns_of_a_written_out_dosage_and_build_of_an_unfilled_placeholder() {
    let site = Site::new();
    site.write(
        "content/stretches/figure-four.md",
        "---\ntitle: Figure four\nsummary: A hip stretch.\nkind: stretch\ndifficulty: beginner\nhold_seconds: 30\n\
         steps: [\"Lie down.\", \"Hold for about 30 seconds.\", \"Repeat {reps}, {hodl}.\", \"Hold {hold}.\"]\n\
         cautions: [Stop if it hurts]\nmuscles: [piriformis]\ncauses: [prolonged-sitting]\nreviewed: 2026-11-01\n---\n\
         ## Why\n\nIt eases the [[piriformis]].\n",
    );
    let check = site.sinew(&["check"]);
    check.assert_reports(
        "content/stretches/figure-four.md:7:38",
        &["step 2 writes out the dosage that `hold_seconds` gives (30 seconds)", "write `{hold}` in place of"],
    );
    assert!(!check.stderr.contains("step 4 writes out"), "a placeholder is not a written-out dosage");
    let build = site.build();
    build.assert_ok();
    build.assert_reports(
        "content/stretches/figure-four.md:7:60",
        &["`{reps}` in item 3 of `steps` stands for `reps`, which this entry does not give"],
    );
    build.assert_reports("content/stretches/figure-four.md:7:68", &["`{hodl}` in item 3 of `steps` is not a dosage"]);
    let page = site.read("public/stretches/figure-four/index.html");
    assert!(
        page.contains("Hold 30 seconds.") && page.contains("Repeat {reps}, {hodl}."),
        "filled, the rest as written"
    );
}

/// The default sheet is set in Atkinson Hyperlegible (a sans-serif drawn for low vision), five stretches on two
/// pages; `--large` sets everything a client reads at 14 pt or more: only the page footer and the captions under
/// the QR codes are smaller.
#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn a_large_print_sheet_sets_what_a_client_reads_at_14_pt_or_more() {
    let out = tempfile::tempdir().unwrap();
    let five = "figure-four,childs-pose,glute-bridge,kneeling-hip-flexor-stretch,cat-cow";
    for (file, large) in [("normal.pdf", false), ("large.pdf", true)] {
        let mut args = vec!["--stretches", five, "--client", "Jane D.", "--extra", "Walk after lunch", "-o", file];
        if large {
            args.push("--large");
        }
        sample_handout(out.path(), &args).assert_ok();
    }
    let normal = PdfFile::open(&out.path().join("normal.pdf"));
    assert_eq!(normal.page_count(), 2, "five stretches on two pages at normal size");
    let large = PdfFile::open(&out.path().join("large.pdf"));
    for pdf in [&normal, &large] {
        let fonts = pdf.font_names();
        assert!(!fonts.is_empty() && fonts.iter().all(|f| f.starts_with("AtkinsonHyperlegible-")), "{fonts:?}");
    }
    assert!(large.page_count() > normal.page_count(), "more room takes more paper");
    let small = large.text_where(|size| size < 14.0);
    let footer = beyond_footers_and_captions(&small);
    assert!(footer.is_empty(), "only the footer and QR captions are under 14 pt, found: {footer:?}");
    let big = large.text_where(|size| size >= 14.0);
    for read in [
        "Hold for 30 seconds while breathing slowly",
        "Take care:",
        "When it feels easy:",
        "Hold 30 seconds",
        "Walk after lunch",
        "Stop and seek care if",
        "Everything on this site is general education",
    ] {
        assert!(big.contains(read), "`{read}` is not at 14 pt or more:\n{big}");
    }
    // The normal sheet keeps its smaller print for the same words.
    assert!(normal.text_where(|size| size < 14.0).contains("Hold for 30 seconds while breathing slowly"));
}

/// What is left of the large sheet's small print once the page footers ("Steady Ground Massage · +1 555 0142 ·
/// steadyground.example", "Page 1 of 4") and the QR captions ("Scan to see it online") are taken out, word by word.
fn beyond_footers_and_captions(small: &str) -> Vec<String> {
    let allowed = [
        "Steady",
        "Ground",
        "Massage",
        "·",
        "+1",
        "555",
        "0142",
        "steadyground.example",
        "Page",
        "of",
        "Scan",
        "to",
        "see",
        "it",
        "online",
    ];
    small
        .split_whitespace()
        .filter(|w| !allowed.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// The self-contained HTML sheet is the one to send to a phone: five stretches with their pictures, the
/// typeface and the QR codes in one file under 300 KB that asks for nothing from anywhere else.
#[test]
fn the_phone_sheet_is_one_file_under_300_kb_with_its_fonts_and_pictures_inside() {
    let out = tempfile::tempdir().unwrap();
    let five = "figure-four,childs-pose,glute-bridge,kneeling-hip-flexor-stretch,cat-cow";
    sample_handout(out.path(), &["--stretches", five, "--week-grid", "-o", "phone.html"]).assert_ok();
    let html = std::fs::read_to_string(out.path().join("phone.html")).unwrap();
    assert!(html.len() < 300 * 1024, "{} bytes", html.len());
    assert_eq!(html.matches("<img class=\"sheet-image\" src=\"data:image/svg+xml;base64,").count(), 5, "five pictures");
    assert!(html.contains("src: url(\"data:font/woff2;base64,"), "the typeface inside");
    for outside in ["url(\"fonts/", "src=\"/", "src=\"http", "href=\"/", "<link"] {
        assert!(!html.contains(outside), "`{outside}` would ask for a file from elsewhere");
    }
    // The week grid: a row per stretch, a box per day.
    assert_eq!(html.matches("<span class=\"sheet-tick\"></span>").count(), 5 * 7);
}

/// `--week-grid` prints a week of tick boxes after the exercises: the days from the sheet's date (5 December 2026
/// is a Saturday), a row per stretch and per extra; and "When it feels easy" lines from the Harder: modifications.
#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn the_week_grid_and_the_lines_for_when_it_feels_easy_are_in_the_pdf() {
    let out = tempfile::tempdir().unwrap();
    let args = ["--stretches", "figure-four,glute-bridge", "--extra", "Walk after lunch", "--date", "2026-12-05"];
    sample_handout(out.path(), &[&args[..], &["--week-grid", "-o", "week.pdf"]].concat()).assert_ok();
    let text = PdfFile::open(&out.path().join("week.pdf")).text();
    let (_, grid) = text.split_once("Your week").expect("the grid's heading");
    assert!(grid.contains("Tick a box each day you do the exercise."), "{grid}");
    assert!(grid.contains("Sat Sun Mon Tue Wed Thu Fri"), "the days from the sheet's date: {grid}");
    for row in ["1. Figure four stretch", "2. Glute bridge", "Walk after lunch"] {
        assert!(grid.contains(row), "`{row}` in the grid: {grid}");
    }
    assert!(
        text.contains("When it feels easy: Draw the thigh a little closer to your chest, or build up to holds of 45 to 60 seconds."),
        "the figure four's Harder: line, capitalized: {text}"
    );
    let spanish = tempfile::tempdir().unwrap();
    let args = ["--stretches", "figure-four", "--lang", "es", "--date", "2026-12-07", "--week-grid", "-o", "s.pdf"];
    sample_handout(spanish.path(), &args).assert_ok();
    let text = PdfFile::open(&spanish.path().join("s.pdf")).text();
    assert!(text.contains("Tu semana") && text.contains("Lun Mar Mié Jue Vie Sáb Dom"), "{text}");
    assert!(text.contains("Cuando te resulte fácil: Acerca el muslo un poco más al pecho"), "{text}");
}

/// Handouts are findable: an index in each language that has them, in the navigation and the sitemap, each
/// handout's page under it; a stretch's page names the handouts it is in.
#[test]
fn handouts_have_an_index_a_place_in_the_sitemap_and_links_from_their_stretches() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    sinew_in(repo(), &["build", "--out", public.to_str().unwrap()]).assert_ok();
    let read = |path: &str| std::fs::read_to_string(public.join(path)).unwrap();
    let index = read("handouts/index.html");
    for (title, page) in [
        ("Desk worker&#39;s reset", "/handouts/desk-worker-reset/"),
        ("Front-of-hip routine", "/handouts/hip-flexor-routine/"),
        ("Easing deep buttock and sciatic-type ache", "/handouts/buttock-and-sciatic-ache/"),
    ] {
        assert!(index.contains(&format!("<a href=\"{page}\">{title}</a>")), "{title} on the index");
    }
    assert!(index.contains("href=\"/handouts/desk-worker-reset.pdf\""), "with its PDF");
    assert!(read("stretches/figure-four/index.html").contains("<a href=\"/handouts/\""), "in the navigation");
    let spanish = read("es/handouts/index.html");
    assert!(
        spanish.contains("<a href=\"/es/handouts/pausa-activa-oficina/\">Pausa activa para el trabajo de oficina</a>")
    );
    assert!(!spanish.contains("Front-of-hip routine"), "only the language's own handouts");

    let sitemap = read("sitemap.xml");
    for page in ["handouts/", "handouts/desk-worker-reset/", "es/handouts/", "es/handouts/pausa-activa-oficina/"] {
        assert!(sitemap.contains(&format!("<loc>https://steadyground.example/{page}</loc>")), "{page} in the sitemap");
    }
    let bridge = read("stretches/glute-bridge/index.html");
    let line = &bridge[bridge.find("In the handouts:").expect("the glute bridge is on three handouts")..];
    let line = &line[..line.find("</p>").unwrap()];
    for page in ["buttock-and-sciatic-ache", "desk-worker-reset", "hip-flexor-routine"] {
        assert!(line.contains(&format!("href=\"/handouts/{page}/\"")), "{page}: {line}");
    }
    assert!(!read("stretches/pigeon-pose/index.html").contains("In the handouts:"), "on no handout");
    let handout = read("handouts/desk-worker-reset/index.html");
    assert!(handout.contains("<a href=\"/handouts/\">Handouts</a>"), "its breadcrumb leads to the index");
}
