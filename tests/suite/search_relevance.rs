//! Search relevance on the sample site: the lay queries of `tests/search-relevance.json` (misspellings,
//! symptoms, everyday body words, two-word and question-like queries, Spanish ones) answered by the site's
//! own search.js from the built index, in Node (`tools/browser/search-relevance.mjs`): the pages each must
//! rank in its first three do, and no query returns more results than its bound. Needs Node.js, so the test
//! is ignored by a plain `cargo test`; `bash .ci/run` runs it with --ignored.

use crate::fixture::sinew_in;
use std::path::Path;
use std::process::Command;

/// Before issue 21, "butt" found 48 of the site's 50 pages, "pain down my leg" 50, "hip replacement" 45 led
/// by hip flexor pages, and "pregnant" missed the pages that say "pregnancy".
#[test]
#[ignore = "needs Node.js: bash .ci/run runs it with --ignored"]
fn lay_queries_find_their_pages_in_the_first_three() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    sinew_in(repo, &["build", "--out", public.to_str().unwrap()]).assert_ok();
    let output = Command::new(std::env::var("NODE").unwrap_or_else(|_| "node".into()))
        .arg(repo.join("tools/browser/search-relevance.mjs"))
        .arg(&public)
        .arg(repo.join("tests/search-relevance.json"))
        .output()
        .expect("node runs (install Node.js 20 or later)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.lines().any(|l| l.starts_with("relevance: ") && l.ends_with(" 0 failed")),
        "search-relevance.mjs failed (exit {:?}):\n{stdout}\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    // Precision at 3 and the median result count are worth seeing in the test log.
    for line in stdout.lines().filter(|l| l.starts_with("precision@3 ")) {
        println!("{line}");
    }
}
