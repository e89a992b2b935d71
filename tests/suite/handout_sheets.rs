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
