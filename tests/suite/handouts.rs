//! Client handouts: content handouts built with the site (a page and a PDF), and on-the-spot handouts from
//! `sinew handout`. PDFs are read back in Rust (`crate::pdf`): their text, page sizes and decoded QR codes.

use crate::fixture::{Run, Site, sinew_in, snapshot};
use crate::pdf::PdfFile;
use std::path::Path;

const FIVE: &str = "figure-four,childs-pose,glute-bridge,kneeling-hip-flexor-stretch,cat-cow";
const FIVE_TITLES: [&str; 5] =
    ["Figure four stretch", "Child's pose", "Glute bridge", "Kneeling hip flexor stretch", "Cat-cow"];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The PDF's text, with all whitespace runs as single spaces so wrapped lines read as one.
fn pdf_text(pdf: &Path) -> String {
    PdfFile::open(pdf).text()
}

/// The first page's size in points, and the number of pages.
fn pdf_info(pdf: &Path) -> ((f64, f64), usize) {
    let file = PdfFile::open(pdf);
    (file.page_sizes()[0], file.page_count())
}

/// `sinew handout` on the repository's sample site, writing into `out` (never into the site).
fn handout(out: &Path, args: &[&str]) -> Run {
    let mut all = vec!["handout", "--root", repo().to_str().unwrap()];
    all.extend_from_slice(args);
    sinew_in(out, &all)
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn a_five_stretch_pdf_reads_back_with_client_titles_in_order_dosage_red_flags_and_disclaimer() {
    let out = tempfile::tempdir().unwrap();
    let run = handout(
        out.path(),
        &["--stretches", FIVE, "--client", "Jane D.", "--hold", "figure-four=45", "--sets", "glute-bridge=4"],
    );
    run.assert_ok();
    let text = pdf_text(&out.path().join("handout.pdf"));
    assert!(text.contains("Jane D."), "client name missing:\n{text}");
    let mut from = 0;
    for title in FIVE_TITLES {
        let at = text[from..].find(title).unwrap_or_else(|| panic!("`{title}` missing or out of order:\n{text}"));
        from += at + title.len();
    }
    // Figure four: 45 s (the override) instead of its own 30; its own 3 sets stay. Glute bridge: 4 sets.
    for dosage in ["Hold 45 seconds", "Sets 3", "Sets 4", "Each side in turn", "How often Daily"] {
        assert!(text.contains(dosage), "dosage `{dosage}` missing:\n{text}");
    }
    let figure_four = &text[text.find("Figure four stretch").unwrap()..text.find("Child's pose").unwrap()];
    assert!(figure_four.contains("Hold 45 seconds") && !figure_four.contains("Hold 30 seconds"), "{figure_four}");
    assert!(text.contains("Stop and seek care if"), "no red-flags box:\n{text}");
    assert!(text.contains("New trouble controlling your bladder or bowels"), "site red flags missing");
    assert!(text.contains("Everything on this site is general education, not medical advice"), "no disclaimer");
    assert!(text.contains("Dana Okafor") && text.contains("RMT, BSc Kinesiology"), "practitioner missing");
    let (size, pages) = pdf_info(&out.path().join("handout.pdf"));
    assert_eq!(size, (595.28, 841.89), "site.yaml says A4");
    assert!(pages <= 2, "five stretches must fit on two pages, got {pages}");
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn qr_codes_decode_to_each_stretch_page_on_the_published_site() {
    let out = tempfile::tempdir().unwrap();
    handout(out.path(), &["--stretches", "figure-four,glute-bridge", "-o", "two.pdf"]).assert_ok();
    let mut codes = PdfFile::open(&out.path().join("two.pdf")).qr_codes();
    codes.sort();
    assert_eq!(
        codes,
        ["https://steadyground.example/stretches/figure-four/", "https://steadyground.example/stretches/glute-bridge/"]
    );
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn paper_size_follows_the_flag() {
    let out = tempfile::tempdir().unwrap();
    handout(out.path(), &["--stretches", "cat-cow", "--paper", "letter", "-o", "letter.pdf"]).assert_ok();
    let (size, pages) = pdf_info(&out.path().join("letter.pdf"));
    assert_eq!(size, (612.0, 792.0), "US Letter expected");
    assert_eq!(pages, 1);
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn the_same_handout_twice_gives_identical_bytes() {
    let out = tempfile::tempdir().unwrap();
    for name in ["a.pdf", "b.pdf"] {
        handout(
            out.path(),
            &["--stretches", "figure-four,cat-cow", "--client", "J", "--date", "2026-09-14", "-o", name],
        )
        .assert_ok();
    }
    let (a, b) = (std::fs::read(out.path().join("a.pdf")).unwrap(), std::fs::read(out.path().join("b.pdf")).unwrap());
    assert!(a == b, "two runs wrote different PDFs");
    let text = pdf_text(&out.path().join("a.pdf"));
    assert!(text.contains("14 September 2026"), "the date given is printed:\n{text}");
}

#[test]
fn bad_input_is_a_clear_error_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["--stretches", "figure-fuor,cat-cow", "-o", "x.pdf"], "did you mean `figure-four`?"),
        (&["--stretches", " , ", "-o", "x.pdf"], "no stretches given"),
        (&["--stretches", "piriformis", "-o", "x.pdf"], "`piriformis` is a muscle, not a stretch"),
        (&["--stretches", "cat-cow", "--hold", "figure-four=45", "-o", "x.pdf"], "not in --stretches"),
        (&["--stretches", "cat-cow", "-o", "no-such-folder/x.pdf"], "does not exist"),
        (&["--stretches", "cat-cow", "-o", "."], "it is a folder"),
    ];
    for (args, message) in cases {
        let run = handout(out.path(), args);
        run.assert_failed();
        assert!(run.stderr.contains(message), "{args:?}: missing `{message}` in:\n{}", run.stderr);
        assert!(run.stderr.contains("no handout written"), "{}", run.stderr);
        let left: Vec<_> = std::fs::read_dir(out.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert!(left.is_empty(), "{args:?} left files behind: {left:?}");
    }
    let run = handout(out.path(), &["--stretches", "figure-fuor", "-o", "x.pdf"]);
    assert!(run.stderr.contains("no stretch with id `figure-fuor`"), "{}", run.stderr);
}

#[test]
fn a_self_contained_html_handout_inlines_its_styles_images_and_qr_codes() {
    let site = Site::new();
    site.write("static/images/fig.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>\n");
    let stretch = site.read("content/stretches/figure-four.md");
    site.write(
        "content/stretches/figure-four.md",
        stretch.replacen("kind: stretch", "kind: stretch\nimage: {src: images/fig.svg, alt: A person lying down}", 1),
    );
    let out = tempfile::tempdir().unwrap();
    let root = site.root().to_str().unwrap();
    let run = sinew_in(
        out.path(),
        &[
            "handout",
            "--root",
            root,
            "--stretches",
            "figure-four,glute-bridge",
            "--client",
            "Sam <b>",
            "--note",
            "Twice a **day**.",
            "--format",
            "html",
            "-o",
            "sam.html",
        ],
    );
    run.assert_ok();
    let html = std::fs::read_to_string(out.path().join("sam.html")).unwrap();
    assert!(html.contains("Sam &lt;b&gt;"), "the client's name, escaped");
    assert!(html.contains("<style>") && html.contains(".sheet-stretch"), "styles inlined");
    assert!(!html.contains("<link") && !html.contains("src=\"/"), "nothing fetched from elsewhere");
    assert!(html.contains("src=\"data:image/svg+xml;base64,"), "image inlined");
    assert!(html.matches("<svg xmlns").count() == 2, "one QR code per stretch");
    assert!(html.contains("Twice a <strong>day</strong>."), "the note, as Markdown");
    assert!(html.contains("Stop and seek care if") && html.contains("Education only."), "red flags and disclaimer");
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn content_handouts_build_a_page_and_a_pdf_linked_from_it() {
    let site = Site::new();
    site.write(
        "content/handouts/hips.md",
        "---\ntitle: Hips at home\nnotes: Go gently.\nstretches:\n  - id: figure-four\n    hold_seconds: 40\n  \
         - glute-bridge\n---\nStart with [[figure-four]].\n",
    );
    site.build().assert_ok();
    let page = site.read("public/handouts/hips/index.html");
    assert!(page.contains("href=\"/handouts/hips.pdf\""), "the page links its PDF:\n{page}");
    assert!(page.contains("40 seconds") && page.contains("Go gently."), "{page}");
    assert!(page.contains("href=\"https://test-clinic.example/stretches/figure-four/\">Figure four</a>"), "{page}");
    let pdf = site.path("public/handouts/hips.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("Hips at home") && text.contains("Hold 40 seconds"), "{text}");
    assert!(text.contains("Start with Figure four."), "the intro, with the link's title:\n{text}");
    let first = std::fs::read(&pdf).unwrap();
    // A rebuild gives the same bytes: nothing in the PDF depends on the time it was made.
    std::fs::remove_dir_all(site.path("public")).unwrap();
    site.build().assert_ok();
    assert!(std::fs::read(&pdf).unwrap() == first, "a rebuild wrote a different PDF");
}

#[test]
fn an_unknown_stretch_in_a_handout_is_a_build_error_at_its_line() {
    let site = Site::new();
    site.write(
        "content/handouts/hips.md",
        "---\ntitle: Hips\nstretches:\n  - glute-bridge\n  - id: figure-fuor\n    hold: 3\n---\n",
    );
    let run = site.build();
    run.assert_failed();
    run.assert_reports(
        "content/handouts/hips.md:5:9",
        &["no stretch with id `figure-fuor`", "did you mean `figure-four`?"],
    );
    run.assert_reports("content/handouts/hips.md:6:5", &["unknown field `hold`", "did you mean `hold_seconds`?"]);
    assert!(!site.exists("public"), "nothing published");
    site.write("content/handouts/hips.md", "---\ntitle: Hips\nstretches: []\n---\n");
    site.build().assert_failed().assert_reports("content/handouts/hips.md:3:1", &["needs at least one stretch"]);
}

#[test]
fn client_names_stay_out_of_the_site() {
    let site = Site::new();
    site.build().assert_ok();
    let before = snapshot(site.root());
    let out = tempfile::tempdir().unwrap();
    let root = site.root().to_str().unwrap();
    let args = ["handout", "--root", root, "--stretches", "figure-four", "--client", "Jane Private", "-o"];
    let mut into_public = args.to_vec();
    let public_file = site.path("public/jane.pdf");
    into_public.push(public_file.to_str().unwrap());
    let refused = sinew_in(out.path(), &into_public);
    refused.assert_failed();
    assert!(refused.stderr.contains("client names stay private"), "{}", refused.stderr);
    let mut elsewhere = args.to_vec();
    let name = if cfg!(feature = "pdf") { "jane.pdf" } else { "jane.html" };
    elsewhere.push(name);
    sinew_in(out.path(), &elsewhere).assert_ok();
    assert!(out.path().join(name).is_file());
    assert_eq!(snapshot(site.root()), before, "an on-the-spot handout changed the site's folder");
    site.build().assert_ok();
    for (path, bytes) in snapshot(&site.path("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Jane Private"),
            "the client's name is in {}",
            path.display()
        );
    }
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn a_site_restyles_the_pdf_with_its_own_template() {
    let site = Site::new();
    site.write(
        "templates/handout.typ",
        "#let data = json(\"handout.json\")\n= Clinic sheet for #data.client\n#for s in data.stretches [- #s.title]\n",
    );
    let out = tempfile::tempdir().unwrap();
    let root = site.root().to_str().unwrap();
    sinew_in(out.path(), &["handout", "--root", root, "--stretches", "glute-bridge", "--client", "Ann", "-o", "a.pdf"])
        .assert_ok();
    let text = pdf_text(&out.path().join("a.pdf"));
    assert!(text.contains("Clinic sheet for Ann") && text.contains("Glute bridge"), "{text}");
    site.write("templates/handout.typ", "#let x = (\n");
    let broken = sinew_in(out.path(), &["handout", "--root", root, "--stretches", "glute-bridge", "-o", "b.pdf"]);
    broken.assert_failed();
    assert!(
        broken.stderr.contains("handout template:") && broken.stderr.contains("templates/handout.typ:1:"),
        "{}",
        broken.stderr
    );
    assert!(!out.path().join("b.pdf").exists());
}

#[test]
#[cfg(not(feature = "pdf"))]
fn without_the_pdf_feature_handouts_are_html_and_say_how_to_get_pdfs() {
    let out = tempfile::tempdir().unwrap();
    let run = handout(out.path(), &["--stretches", "figure-four"]);
    run.assert_ok();
    assert!(run.stderr.contains("without PDF support"), "{}", run.stderr);
    assert!(out.path().join("handout.html").is_file());
    let pdf = handout(out.path(), &["--stretches", "figure-four", "-o", "x.pdf"]);
    pdf.assert_failed();
    assert!(pdf.stderr.contains("cargo build --release"), "{}", pdf.stderr);
    assert!(!out.path().join("x.pdf").exists());
    let site = Site::new();
    site.write("content/handouts/hips.md", "---\ntitle: Hips\nstretches: [figure-four]\n---\n");
    site.build().assert_ok();
    assert!(!site.read("public/handouts/hips/index.html").contains(".pdf\""), "no link to a PDF that is not there");
    assert!(!site.exists("public/handouts/hips.pdf"));
}

#[test]
fn a_note_for_one_stretch_goes_with_it_and_a_misspelt_id_is_refused() {
    let site = Site::new();
    let out = tempfile::tempdir().unwrap();
    let root = site.root().to_str().unwrap();
    let handout = |extra: &[&str]| {
        let mut args = vec!["handout", "--root", root, "--stretches", "figure-four,glute-bridge", "--format", "html"];
        args.extend_from_slice(extra);
        sinew_in(out.path(), &args)
    };
    let run = handout(&["--note", "figure-four=Left side only", "--note", "Twice a day.", "-o", "a.html"]);
    run.assert_ok();
    let html = std::fs::read_to_string(out.path().join("a.html")).unwrap();
    let (four, bridge) = html.split_once("Glute bridge").expect("both stretches");
    assert!(four.contains("Left side only"), "the note is with its stretch");
    assert!(!bridge.contains("Left side only"), "and only with it");
    assert!(html.contains("Twice a day."), "the sheet's own note");

    let misspelt = handout(&["--note", "figure-for=Left side only", "-o", "b.html"]);
    misspelt.assert_failed();
    assert!(misspelt.stderr.contains("`figure-for`") && misspelt.stderr.contains("figure-four"), "{}", misspelt.stderr);
    let two = handout(&["--note", "One.", "--note", "Two.", "-o", "c.html"]);
    two.assert_failed();
    assert!(two.stderr.contains("more than one note for the whole sheet"), "{}", two.stderr);
    assert!(!out.path().join("b.html").exists() && !out.path().join("c.html").exists(), "nothing written");
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn an_exercise_not_on_the_site_is_printed_after_the_stretches_in_the_pdf_and_the_html() {
    let site = Site::new();
    let out = tempfile::tempdir().unwrap();
    let root = site.root().to_str().unwrap();
    for file in ["extra.pdf", "extra.html"] {
        let args = [
            "handout",
            "--root",
            root,
            "--stretches",
            "figure-four",
            "--extra",
            "Walk 10 minutes after lunch",
            "--extra",
            "Stand up every **hour**",
            "-o",
            file,
        ];
        sinew_in(out.path(), &args).assert_ok();
    }
    let text = PdfFile::open(&out.path().join("extra.pdf")).text();
    let (before, after) = text.split_once("Also on your plan").expect("the extras' heading");
    assert!(before.contains("Figure four"), "after the stretches:\n{text}");
    assert!(after.contains("Walk 10 minutes after lunch") && after.contains("Stand up every hour"), "{text}");
    let html = std::fs::read_to_string(out.path().join("extra.html")).unwrap();
    assert!(html.contains("<li>Stand up every <strong>hour</strong></li>"), "Markdown in the HTML sheet");
}

#[test]
fn review_in_prints_when_to_come_back_after_the_sheets_date_and_refuses_other_words() {
    let site = Site::new();
    let out = tempfile::tempdir().unwrap();
    let root = site.root().to_str().unwrap();
    let handout = |when: &str, file: &str| {
        let args = ["handout", "--root", root, "--stretches", "figure-four", "--date", "2026-09-14"];
        sinew_in(out.path(), &[&args[..], &["--review-in", when, "--format", "html", "-o", file]].concat())
    };
    handout("2w", "two-weeks.html").assert_ok();
    let html = std::fs::read_to_string(out.path().join("two-weeks.html")).unwrap();
    assert!(html.contains("Check back with me on 28 September 2026."), "two weeks after the date");
    handout("10d", "ten-days.html").assert_ok();
    let html = std::fs::read_to_string(out.path().join("ten-days.html")).unwrap();
    assert!(html.contains("Check back with me on 24 September 2026."), "ten days after the date");
    for wrong in ["2x", "0w", "soon", "2ñ", ""] {
        let run = handout(wrong, "wrong.html");
        run.assert_failed();
        assert!(run.stderr.contains("is not a number of weeks or days"), "{wrong}: {}", run.stderr);
    }
    assert!(!out.path().join("wrong.html").exists());
}
