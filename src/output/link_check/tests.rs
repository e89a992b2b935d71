use super::*;
use crate::output::{Contents, OutputFile};

fn tree(files: &[(&str, &str)]) -> OutputTree {
    let mut tree = OutputTree::default();
    for (path, html) in files {
        let contents = Contents::Bytes(Cow::Owned(html.as_bytes().to_vec()));
        tree.insert((*path).to_string(), OutputFile { contents, origin: "test".into() }).unwrap();
    }
    tree
}

fn broken(files: &[(&str, &str)], base_path: &str) -> Vec<String> {
    let tree = tree(files);
    let sources = HashMap::new();
    let unrendered = HashMap::new();
    let check = LinkCheck { tree: &tree, base_path, page_sources: &sources, unrendered: &unrendered, templates: &[] };
    check.run().into_iter().map(|d| d.message).collect()
}

#[test]
fn finds_missing_pages_and_anchors_and_accepts_the_rest() {
    let home = r##"<!doctype html><a href="/x/">x</a> <a href='/x/#steps'>s</a> <a href=/x/#nope>n</a>
        <a href="#here" id="here">h</a> <link rel="stylesheet" href="style.css"> <a href="/missing/">m</a>
        <a href="https://example.org/x/">self</a> <a href="https://elsewhere.org/missing/">away</a>
        <a href="mailto:a@b.c">mail</a> <!-- <a href="/commented/"> --> <img src="/a%20b.png">
        <script>if (a <b) { x = "<a href='/in-script/'>"; }</script> <a href="x/?q=1&amp;r=2">q</a>
        <a href="/x">no slash</a> <a href="../up/">up</a>"##;
    let x = r#"<h2 id="steps">Steps</h2><a href="../">home</a><a href="../x/#steps">self</a>"#;
    let files = [("index.html", home), ("x/index.html", x), ("style.css", ""), ("a b.png", "")];
    let mut found = broken(&files, "/");
    found.sort();
    assert_eq!(
        found,
        [
            "broken link `../up/`: it climbs above the site's root on /",
            "broken link `/missing/`: nothing is published at /missing/ on /",
            "broken link `/x/#nope`: /x/ has no heading with id `nope` on /",
        ]
    );
}

#[test]
fn a_sub_path_base_url_confines_absolute_links() {
    let home = r#"<a href="/clinic/x/">in</a><a href="/x/">out</a><a href="/clinic">home</a>"#;
    let files = [("index.html", home), ("x/index.html", "")];
    let found = broken(&files, "/clinic/");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("broken link `/x/`: it is outside the site"), "{found:?}");
}

#[test]
fn a_link_broken_on_every_page_is_one_report() {
    let page = r#"<a href="/nowhere/">n</a>"#;
    let files = [("index.html", page), ("a/index.html", page), ("b/index.html", page)];
    let found = broken(&files, "/");
    assert_eq!(found, ["broken link `/nowhere/`: nothing is published at /nowhere/ on 3 pages, e.g. /a/"]);
}

#[test]
fn attributes_written_as_text_are_not_links() {
    // A page showing HTML as text or code, a title with `<img src=x>` in it (escaped), a quoted `>` in a
    // value, and a page ending inside an unclosed value.
    let page = concat!(
        r#"<p>Write &lt;a href="/nowhere"&gt; or a=b src=c.</p><code>&lt;img src=&quot;/nope.png&quot;&gt;</code>"#,
        r##"<h1 title="a > b" id=top>Evil &lt;img src=x onerror=alert(1)&gt;</h1><a href="#top">t</a>"##,
        r#"<script src="/missing.js">let a = "<a href='/x'>";</script><a href="/gone/">g</a><a href=""#,
    );
    let found = broken(&[("index.html", page)], "/");
    assert_eq!(
        found,
        [
            "broken link `/gone/`: nothing is published at /gone/ on /",
            "broken link `/missing.js`: nothing is published at /missing.js on /",
        ]
    );
}

/// The preview's cache rescans a page whose bytes changed and keeps the scan of the others: its findings are
/// the full check's after every change, including a change back.
#[test]
fn the_scan_cache_follows_every_change() {
    let mut cache = ScanCache::default();
    let (sources, unrendered) = (HashMap::new(), HashMap::new());
    let mut run = |files: &[(&str, &str)]| {
        let tree = tree(files);
        let check =
            LinkCheck { tree: &tree, base_path: "/", page_sources: &sources, unrendered: &unrendered, templates: &[] };
        let cached: Vec<String> = check.run_cached(&mut cache).into_iter().map(|d| d.message).collect();
        let full: Vec<String> = check.run().into_iter().map(|d| d.message).collect();
        assert_eq!(cached, full);
        cached.len()
    };
    let home = r#"<a href="/x/#steps">s</a>"#;
    assert_eq!(run(&[("index.html", home), ("x/index.html", "<h2>Steps</h2>")]), 1);
    assert_eq!(run(&[("index.html", home), ("x/index.html", r#"<h2 id="steps">Steps</h2>"#)]), 0);
    assert_eq!(run(&[("index.html", home), ("x/index.html", "<h2>Steps</h2>")]), 1);
    // A page gone is forgotten; one added is scanned.
    assert_eq!(run(&[("index.html", home)]), 1);
    assert_eq!(run(&[("index.html", r#"<a href="/y/">y</a>"#), ("y/index.html", "")]), 0);
    assert_eq!(cache.scans.len(), 2);
}
