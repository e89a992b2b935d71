//! Published assets: fingerprinted CSS and JS, resized entry images with `srcset` and sizes, the image cache,
//! and output that is the same, byte for byte, from one build to the next.

use crate::fixture::{Site, snapshot};
use std::path::Path;

/// A test picture drawn here (a gradient), so no binary file is committed.
fn write_png(site: &Site, rel: &str, width: u32, height: u32) {
    let path = site.path(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([u8::try_from(x % 256).unwrap(), u8::try_from(y % 256).unwrap(), 128])
    });
    image.save(path).unwrap();
}

/// The figure-four stretch with a front-matter image and a Markdown image in its body.
fn site_with_images() -> Site {
    let site = Site::new();
    write_png(&site, "static/images/figure-four.png", 1000, 500);
    let stretch = site.read("content/stretches/figure-four.md").replacen(
        "kind: stretch",
        "kind: stretch\nimage: {src: images/figure-four.png, alt: Lying on the back with one ankle on the other knee}",
        1,
    );
    site.write(
        "content/stretches/figure-four.md",
        stretch + "\n![The same stretch, seen from the side](/images/figure-four.png)\n",
    );
    site
}

/// Every `attribute="…"` value in `html`.
fn attribute_values<'h>(html: &'h str, attribute: &str) -> Vec<&'h str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

fn html_pages(public: &Path) -> Vec<(String, String)> {
    snapshot(public)
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "html"))
        .map(|(path, bytes)| (path.display().to_string(), String::from_utf8(bytes).unwrap()))
        .collect()
}

/// `style.1a2b3c4d.css` -> true.
fn is_fingerprinted(url: &str) -> bool {
    let name = url.rsplit('/').next().unwrap();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[parts.len() - 2].len() == 8
        && parts[parts.len() - 2].bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn pages_link_only_fingerprinted_css_and_js_that_exist() {
    let site = Site::new();
    site.build().assert_ok();
    let public = site.path("public");
    let mut assets = 0;
    for (page, html) in html_pages(&public) {
        for url in attribute_values(&html, "href").into_iter().chain(attribute_values(&html, "src")) {
            let extension = Path::new(url).extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
            if !matches!(extension.as_deref(), Some("css" | "js")) {
                continue;
            }
            assets += 1;
            assert!(is_fingerprinted(url), "{page} links {url}, not a fingerprinted name");
            assert!(public.join(url.trim_start_matches('/')).is_file(), "{page} links {url}, which is not published");
        }
    }
    assert!(assets > 0, "no page links a stylesheet or script");
    // No unhashed copy lingers for a stale page to pick up.
    assert!(!site.exists("public/style.css"));
    assert!(!site.exists("public/search.js"));
    let search = site.read("public/search/index.html");
    assert!(attribute_values(&search, "src").iter().any(|src| src.starts_with("/search.") && is_fingerprinted(src)));
}

#[test]
fn changing_a_stylesheet_changes_its_name() {
    let site = Site::new();
    site.build().assert_ok();
    let before = attribute_values(&site.read("public/index.html"), "href")
        .into_iter()
        .find(|href| href.starts_with("/style."))
        .unwrap()
        .to_string();
    site.write("static/style.css", "body { color: navy; }\n");
    site.build().assert_ok();
    let home = site.read("public/index.html");
    let after = attribute_values(&home, "href").into_iter().find(|href| href.starts_with("/style.")).unwrap();
    assert_ne!(before, after);
    // Published minified.
    assert_eq!(site.read(&format!("public{after}")), "body{color:navy}");
    assert!(!site.exists(&format!("public{before}")), "the old stylesheet was left behind");
}

#[test]
fn entry_images_are_published_in_several_widths_with_srcset_and_size() {
    let site = site_with_images();
    let run = site.build();
    run.assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    let images: Vec<&str> =
        page.match_indices("<img ").map(|(at, _)| &page[at..at + page[at..].find('>').unwrap()]).collect();
    assert_eq!(images.len(), 2, "{page}");
    for img in &images {
        assert!(img.contains(r#" width="1000" height="500""#), "{img}");
        let srcset = attribute_values(img, "srcset")[0];
        let widths: Vec<&str> = srcset.split(", ").map(|candidate| candidate.rsplit(' ').next().unwrap()).collect();
        assert_eq!(widths, ["480w", "960w", "1000w"], "{img}");
        assert!(attribute_values(img, "sizes")[0].contains("100vw"), "{img}");
        for candidate in srcset.split(", ") {
            let (url, width) = candidate.split_once(' ').unwrap();
            let file = site.path(&format!("public{url}"));
            let decoded = image::open(&file).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(format!("{}w", decoded.width()), width, "{url}");
            assert_eq!(decoded.height() * 2, decoded.width(), "{url} keeps the proportions");
            assert!(url.contains(&format!(".{width}.")), "{url} names its width");
        }
    }
    // The body's image loads lazily; the entry's own image, near the top, does not, and is fetched first.
    assert!(images.iter().any(|img| img.contains("alt=\"The same stretch, seen from the side\" loading=\"lazy\"")));
    let main = images.iter().find(|img| img.contains("alt=\"Lying on the back")).expect("the entry's image");
    assert!(!main.contains("loading") && main.contains("fetchpriority=\"high\""), "{main}");
    assert_eq!(images.iter().filter(|img| img.contains("fetchpriority")).count(), 1, "one image first");
}

#[test]
fn an_image_without_alt_text_fails_at_its_line() {
    let site = site_with_images();
    let stretch = site.read("content/stretches/figure-four.md");
    site.write("content/stretches/figure-four.md", stretch + "\nAnd again: ![](images/figure-four.png)\n");
    let line = site.read("content/stretches/figure-four.md").lines().count();
    site.build().assert_failed().assert_reports(
        &format!("content/stretches/figure-four.md:{line}:12"),
        &["the image has no alt text", "between the brackets"],
    );
}

#[test]
fn a_raw_html_image_without_alt_text_fails_at_its_line() {
    let site = site_with_images();
    let stretch = site.read("content/stretches/figure-four.md");
    let with_alt = "\nAs drawn: <img src=\"/images/figure-four.png\" alt=\"Lying on the back, ankle over knee\">\n";
    site.write("content/stretches/figure-four.md", stretch.clone() + with_alt);
    site.build().assert_ok();
    site.write("content/stretches/figure-four.md", stretch + "\nAs drawn: <img src=\"/images/figure-four.png\">\n");
    let line = site.read("content/stretches/figure-four.md").lines().count();
    site.build().assert_failed().assert_reports(
        &format!("content/stretches/figure-four.md:{line}:11"),
        &["the image has no alt text", "alt=\"Lying on the back"],
    );
}

#[test]
fn a_missing_image_file_fails_at_its_line() {
    let site = site_with_images();
    let stretch =
        site.read("content/stretches/figure-four.md").replace("images/figure-four.png,", "images/figure-fuor.png,");
    site.write("content/stretches/figure-four.md", stretch + "\n![A knee](images/knee.png)\n");
    let text = site.read("content/stretches/figure-four.md");
    let image_line = text.lines().position(|l| l.starts_with("image:")).unwrap() + 1;
    let run = site.build();
    run.assert_failed()
        .assert_reports(
            &format!("content/stretches/figure-four.md:{image_line}:1"),
            &["no image at static/images/figure-fuor.png", "did you mean `images/figure-four.png`?"],
        )
        .assert_reports(
            &format!("content/stretches/figure-four.md:{}:1", text.lines().count()),
            &["no image at static/images/knee.png"],
        );
}

#[test]
fn a_second_build_resizes_nothing() {
    let site = site_with_images();
    let first = site.build();
    first.assert_ok();
    assert!(first.stderr.contains("1 image (1 resized, 0 from the cache)"), "{}", first.stderr);
    let published = snapshot(&site.path("public"));
    let second = site.build();
    second.assert_ok();
    assert!(second.stderr.contains("1 image (0 resized, 1 from the cache)"), "{}", second.stderr);
    assert!(second.stderr.contains("(0 written, 0 removed)"), "{}", second.stderr);
    assert_eq!(published, snapshot(&site.path("public")));
}

#[test]
fn two_builds_of_the_same_sources_are_byte_identical() {
    let site = site_with_images();
    site.sinew(&["build", "--out", "first"]).assert_ok();
    site.sinew(&["build", "--out", "second"]).assert_ok();
    let first = snapshot(&site.path("first"));
    assert!(first.iter().any(|(path, _)| path.to_string_lossy().ends_with(".480w.png") || path.to_string_lossy().contains(".480w.")));
    assert_eq!(first, snapshot(&site.path("second")), "names or bytes differ between two builds");

    // Resized again from scratch, the images come out the same. Only the manifest, which records when the
    // files it copies were last changed, may differ.
    std::fs::remove_dir_all(site.path(".sinew-cache")).unwrap();
    site.sinew(&["build", "--out", "third"]).assert_ok();
    let without_manifest = |files: Vec<(std::path::PathBuf, Vec<u8>)>| {
        files.into_iter().filter(|(p, _)| p != Path::new(".sinew-output")).collect::<Vec<_>>()
    };
    assert_eq!(without_manifest(first), without_manifest(snapshot(&site.path("third"))));
}
