//! Pictures, video and the body map: thumbnails wherever entries are listed, WebP beside the original format,
//! metadata gone from every published image, copies never larger than their source, the cache pruned, step
//! pictures, the `video:` field (a file, YouTube) and its errors, and the body map's pages.

use crate::fixture::Site;
use std::io::Cursor;
use std::path::Path;

/// A photo drawn here (a gradient) as JPEG bytes, with an EXIF block holding a GPS note and a comment, the
/// way a phone leaves them.
fn jpeg_with_metadata(width: u32, height: u32, quality: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            u8::try_from(x % 256).unwrap(),
            u8::try_from(y % 256).unwrap(),
            u8::try_from((x + y) % 256).unwrap(),
        ])
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut Cursor::new(&mut plain), quality)
        .encode_image(&image)
        .unwrap();
    let segment = |marker: u8, payload: &[u8]| {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        s.extend_from_slice(payload);
        s
    };
    // A valid, empty EXIF directory, then the position as a phone might leave it in its maker notes.
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(b"GPS 51.5074 N 0.1278 W");
    let mut out = plain[..2].to_vec();
    out.extend(segment(0xE1, &exif));
    out.extend(segment(0xFE, b"Taken in treatment room 3"));
    out.extend_from_slice(&plain[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The published files of `static/images/<stem>.*`: the original and its copies.
fn published(site: &Site, stem: &str) -> Vec<std::path::PathBuf> {
    let dir = site.path("public/images");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{stem}.")))
        .collect();
    files.sort();
    files
}

fn with_photo(site: &Site, bytes: &[u8]) {
    std::fs::create_dir_all(site.path("static/images")).unwrap();
    std::fs::write(site.path("static/images/photo.jpg"), bytes).unwrap();
    let stretch = site.read("content/stretches/figure-four.md").replacen(
        "kind: stretch",
        "kind: stretch\nimage: {src: images/photo.jpg, alt: Lying on the back with one ankle on the other knee}",
        1,
    );
    site.write("content/stretches/figure-four.md", stretch);
}

#[test]
fn published_images_carry_no_metadata_and_no_copy_outweighs_its_source() {
    let site = Site::new();
    // A heavily compressed original: re-encoding it at full width would make a heavier file.
    let source = jpeg_with_metadata(1200, 800, 40);
    assert!(contains(&source, b"GPS 51.5074") && contains(&source, b"treatment room"));
    with_photo(&site, &source);
    // An image no page shows is published without its metadata too, a drawing as well as a photo.
    std::fs::write(site.path("static/images/unused.jpg"), jpeg_with_metadata(64, 64, 90)).unwrap();
    site.write(
        "static/images/drawing.svg",
        "<!-- Created by Dana Okafor -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><metadata>GPS 51.5074</metadata><path d=\"M0 0h9\"/></svg>",
    );
    site.build().assert_ok();
    let files = published(&site, "photo");
    assert!(files.len() >= 4, "the original, JPEG copies and WebP copies: {files:?}");
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!contains(&bytes, b"GPS 51.5074"), "{name} keeps the GPS note");
        assert!(!contains(&bytes, b"treatment room"), "{name} keeps the comment");
        assert!(bytes.len() <= source.len(), "{name} ({} bytes) outweighs its source ({})", bytes.len(), source.len());
        let decoded = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(decoded.width() <= 1200, "{name} is wider than its source");
    }
    assert!(files.iter().any(|f| f.extension().unwrap() == "webp"), "{files:?}");
    let unused = std::fs::read(site.path("public/images/unused.jpg")).unwrap();
    assert!(!contains(&unused, b"GPS 51.5074") && !contains(&unused, b"treatment room"));
    assert!(image::load_from_memory(&unused).is_ok());
    let drawing = site.read("public/images/drawing.svg");
    assert_eq!(drawing, "\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><path d=\"M0 0h9\"/></svg>");
    // The page offers WebP first, through <picture>, with the same widths.
    let page = site.read("public/stretches/figure-four/index.html");
    let at = page.find("<picture><source type=\"image/webp\" srcset=\"").expect("a WebP source");
    let picture = &page[at..at + page[at..].find("</picture>").unwrap()];
    assert!(picture.contains(".webp 480w") && picture.contains("fetchpriority=\"high\""), "{picture}");
}

#[test]
fn the_image_cache_keeps_only_what_the_last_build_used() {
    let site = Site::new();
    with_photo(&site, &jpeg_with_metadata(800, 400, 85));
    site.build().assert_ok();
    let keys = |site: &Site| -> std::collections::BTreeSet<String> {
        std::fs::read_dir(site.path(".sinew-cache/images"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().split(['-', '.']).take(2).collect::<Vec<_>>().join("-"))
            .collect()
    };
    let first = keys(&site);
    assert_eq!(first.len(), 1, "{first:?}");
    // A new photo in its place: the old one's copies go.
    std::fs::write(site.path("static/images/photo.jpg"), jpeg_with_metadata(900, 300, 85)).unwrap();
    let run = site.build();
    run.assert_ok();
    let second = keys(&site);
    assert_eq!(second.len(), 1, "{second:?}");
    assert!(first.is_disjoint(&second), "the old copies are still cached: {first:?} {second:?}");
    assert!(run.stderr.contains("1 resized") || run.stdout.contains("1 resized"), "{}{}", run.stdout, run.stderr);
}

#[test]
fn thumbnails_show_on_cards_related_lists_search_results_and_handouts() {
    let site = Site::new();
    site.write("static/images/figure-four.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400" viewBox="0 0 800 400"><path d="M0 0h800v400z"/></svg>"#);
    let stretch = site.read("content/stretches/figure-four.md").replacen(
        "kind: stretch",
        "kind: stretch\nimage: {src: images/figure-four.svg, alt: Lying on the back with one ankle on the other knee}",
        1,
    );
    site.write("content/stretches/figure-four.md", stretch);
    site.write("content/handouts/hips.md", "---\ntitle: Hips\nstretches: [figure-four]\n---\nGently.\n");
    site.build().assert_ok();
    let thumbnail =
        r#"<span class="thumb"><img src="/images/figure-four.svg" alt="" width="800" height="400" loading="lazy""#;
    for page in
        ["stretches/index.html", "muscles/piriformis/index.html", "causes/prolonged-sitting/index.html", "index.html"]
    {
        let html = site.read(&format!("public/{page}"));
        assert!(html.contains(thumbnail), "{page} has no thumbnail:\n{html}");
    }
    // The glute bridge has no picture: its card has none.
    let listing = site.read("public/stretches/index.html");
    let bridge = &listing[listing.find("Glute bridge").unwrap() - 300..listing.find("Glute bridge").unwrap()];
    assert!(!bridge.contains("thumb"), "{bridge}");
    // Search results: the document chunk carries the picture's address.
    let docs: String = std::fs::read_dir(site.path("public/search/index/d"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(
        docs.contains(r#""/stretches/figure-four/",0,"#) && docs.contains(r#""/images/figure-four.svg",[]"#),
        "{docs}"
    );
    // The handout page shows the picture beside the stretch.
    let handout = site.read("public/handouts/hips/index.html");
    assert!(
        handout.contains(r#"<img class="sheet-image" src="/images/figure-four.svg" alt="Lying on the back"#),
        "{handout}"
    );
}

#[test]
fn a_step_may_carry_its_own_picture() {
    let site = Site::new();
    site.write("static/images/step.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"></svg>"#);
    let stretch = site.read("content/stretches/figure-four.md").replacen(
        "kind: stretch",
        "kind: stretch\nsteps:\n  - Lie down.\n  - text: Cross the ankle over the knee.\n    image: { src: images/step.svg, alt: The ankle resting on the other knee }",
        1,
    );
    site.write("content/stretches/figure-four.md", &stretch);
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    assert!(page.contains("<li>Lie down.</li>"), "{page}");
    assert!(page.contains(r#"<figure class="step-image"><img src="/images/step.svg" width="400" height="400" alt="The ankle resting on the other knee" loading="lazy""#), "{page}");
    // A missing file is an error at the step's line; a step with a picture and no text is one too.
    site.write("content/stretches/figure-four.md", stretch.replace("images/step.svg", "images/stpe.svg"));
    site.build()
        .assert_failed()
        .assert_reports("content/stretches/figure-four.md:7", &["no image at static/images/stpe.svg", "did you mean"]);
    site.write(
        "content/stretches/figure-four.md",
        stretch.replace("  - text: Cross the ankle over the knee.\n    image:", "  - image:"),
    );
    site.build()
        .assert_failed()
        .assert_reports("content/stretches/figure-four.md:7", &["this steps item has no `text`"]);
    // A broken link in a pictured step's text is reported where it is written.
    site.write(
        "content/stretches/figure-four.md",
        stretch.replace("Cross the ankle over the knee.", "Cross the ankle over [[nowhere]]."),
    );
    site.build().assert_failed().assert_reports("content/stretches/figure-four.md:7:32", &["nowhere"]);
}

fn with_video(site: &Site, video: &str) -> String {
    let stretch = site.read("content/stretches/figure-four.md");
    let stretch = stretch.replacen("kind: stretch", &format!("kind: stretch\nvideo: {video}"), 1);
    site.write("content/stretches/figure-four.md", &stretch);
    stretch
}

#[test]
fn a_youtube_video_is_a_link_until_the_reader_asks_for_the_player() {
    let site = Site::new();
    with_video(&site, "{ src: \"https://youtu.be/dQw4w9WgXcQ\", title: \"The figure four, slowly\" }");
    site.write("content/handouts/hips.md", "---\ntitle: Hips\nstretches: [figure-four]\n---\nGently.\n");
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    assert!(page.contains(r#"<div class="video-embed" data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;rel=0" data-title="The figure four, slowly">"#), "{page}");
    assert!(page.contains(r#"<a class="video-play" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">"#), "{page}");
    assert!(page.contains("Nothing is loaded from YouTube until you press play"), "{page}");
    // Nothing on the page loads from a video site by itself: no frame, no picture, no script from there.
    for tag in ["<iframe", "src=\"https://www.youtube", "src=\"https://i.ytimg", "src=\"//"] {
        assert!(!page.contains(tag), "{tag} on the page");
    }
    assert!(
        site.exists("public/video.js")
            || std::fs::read_dir(site.path("public"))
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("video."))
    );
    // The handout prints a second QR code, to the video.
    let handout = site.read("public/handouts/hips/index.html");
    assert!(handout.contains(r#"<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Watch the video"#), "{handout}");
}

#[test]
fn a_video_file_plays_with_its_controls_poster_and_captions() {
    let site = Site::new();
    site.write("static/videos/figure-four.mp4", b"\0\0\0\x18ftypmp42");
    site.write("static/videos/figure-four.vtt", "WEBVTT\n\n00:00.000 --> 00:03.000\nLie on your back.\n");
    site.write("static/images/still.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"></svg>"#);
    let written = with_video(
        &site,
        "{ src: videos/figure-four.mp4, poster: images/still.svg, captions: videos/figure-four.vtt }",
    );
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    let at = page.find("<video").expect("a video element");
    let video = &page[at..at + page[at..].find("</video>").unwrap()];
    assert!(
        video.starts_with(
            r#"<video controls preload="none" playsinline poster="/images/still.svg" width="640" height="360">"#
        ),
        "{video}"
    );
    assert!(video.contains(r#"<source src="/videos/figure-four.mp4" type="video/mp4">"#), "{video}");
    assert!(
        video
            .contains(r#"<track kind="captions" src="/videos/figure-four.vtt" srclang="en" label="Captions" default>"#),
        "{video}"
    );
    assert!(!video.contains("autoplay"), "{video}");

    // Each problem at the `video:` line (line 5: after the title, summary, kind lines).
    let cases: [(&str, &[&str]); 4] = [
        ("videos/figure-four.mp4, poster: images/still.svg }", &["no video at static/videos/missing.mp4"]),
        ("videos/figure-four.mp4 }", &["a video file needs a poster"]),
        (
            "videos/figure-four.mp4, poster: images/still.svg, captions: videos/figure-four.srt }",
            &["captions must be a WebVTT file (.vtt)"],
        ),
        (
            "videos/figure-four.mp4, poster: images/still.svg, captions: videos/bad.vtt }",
            &["static/videos/bad.vtt is not a WebVTT file"],
        ),
    ];
    site.write("static/videos/bad.vtt", "1\n00:00:00,000 --> 00:00:03,000\nSubRip, renamed\n");
    let line = written.lines().position(|l| l.starts_with("video:")).unwrap() + 1;
    for (i, (value, expected)) in cases.iter().enumerate() {
        let src = if i == 0 { value.replace("figure-four.mp4", "missing.mp4") } else { (*value).to_string() };
        let text = written
            .replace("videos/figure-four.mp4, poster: images/still.svg, captions: videos/figure-four.vtt }", &src);
        site.write("content/stretches/figure-four.md", text);
        site.build().assert_failed().assert_reports(&format!("content/stretches/figure-four.md:{line}"), expected);
    }
    site.write(
        "content/stretches/figure-four.md",
        written.replace(
            "{ src: videos/figure-four.mp4, poster: images/still.svg, captions: videos/figure-four.vtt }",
            "https://example.com/a.mp4",
        ),
    );
    site.build()
        .assert_failed()
        .assert_reports(&format!("content/stretches/figure-four.md:{line}"), &["YouTube or Vimeo"]);
}

fn build_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::fixture::sinew_in(repo, &["build", "--out", public.to_str().unwrap()]).assert_ok();
    (out, public)
}

#[test]
fn the_body_map_links_each_region_to_its_muscles_and_what_goes_with_them() {
    let (_keep, public) = build_sample();
    let map = std::fs::read_to_string(public.join("body-map/index.html")).unwrap();
    let regions = [
        "neck",
        "upper-back",
        "lower-back",
        "abdomen",
        "buttock",
        "side-of-hip",
        "front-of-hip",
        "groin",
        "back-of-thigh",
        "front-of-thigh",
    ];
    for region in regions {
        let href = format!("href=\"/body-map/{region}/\"");
        // Drawn (a link in the SVG, with its name) and listed in words.
        assert!(map.matches(&href).count() >= 2, "{region} is not both drawn and listed");
        assert!(public.join(format!("body-map/{region}/index.html")).is_file(), "{region} has no page");
    }
    assert!(map.contains(r#"aria-label="Buttock""#), "regions have names");
    let buttock = std::fs::read_to_string(public.join("body-map/buttock/index.html")).unwrap();
    let muscles = buttock.find(">Muscles</h2>").expect("muscles first");
    let stretches = buttock.find(">Stretches</h2>").expect("then stretches");
    assert!(muscles < stretches);
    for linked in
        ["/muscles/piriformis/", "/muscles/gluteus-maximus/", "/stretches/figure-four/", "/causes/piriformis-syndrome/"]
    {
        assert!(buttock.contains(&format!("href=\"{linked}\"")), "{linked} is not on the buttock page");
    }
    assert!(!buttock.contains("href=\"/muscles/hamstrings/\""), "the hamstrings are not in the buttock");
    // A muscle's page shows a small map with its regions highlighted, and links them in words.
    let piriformis = std::fs::read_to_string(public.join("muscles/piriformis/index.html")).unwrap();
    assert!(piriformis.contains("body-map-small") && piriformis.contains("is-highlighted"), "no small map");
    assert!(piriformis.contains(r#"<li><a href="/body-map/buttock/">Buttock</a></li>"#));
    // The home page has the map, the navigation a link to it, the sitemap its pages.
    assert!(std::fs::read_to_string(public.join("index.html")).unwrap().contains("Where does it hurt?"));
    assert!(std::fs::read_to_string(public.join("sitemap.xml")).unwrap().contains("/body-map/buttock/</loc>"));
}

#[test]
fn a_region_the_theme_does_not_have_is_an_error_at_its_place() {
    let site = Site::new();
    site.write(
        "content/muscles/piriformis.md",
        "---\ntitle: Piriformis\nregions: [buttock, buttocks]\n---\nA small muscle.\n",
    );
    site.build().assert_failed().assert_reports(
        "content/muscles/piriformis.md:3:20",
        &["`buttocks` is not a valid `regions`", "did you mean `buttock`?"],
    );
    // Without any region named, a site has no body map.
    let site = Site::new();
    site.build().assert_ok();
    assert!(!site.exists("public/body-map/index.html"));
    assert!(!site.read("public/index.html").contains("Body map"));
}

#[test]
fn a_theme_brings_its_own_regions() {
    let site = Site::new();
    site.write("site.yaml", site.read("site.yaml").replacen("title:", "theme: neck-clinic\ntitle:", 1));
    site.write(
        "themes/neck-clinic/body-map.yaml",
        "regions:\n  - { id: neck, name: Neck }\n  - { id: shoulder, name: Shoulder blade }\n",
    );
    site.write(
        "content/muscles/piriformis.md",
        "---\ntitle: Levator scapulae\nregions: [shoulder]\n---\nA neck muscle.\n",
    );
    site.build().assert_ok();
    let region = site.read("public/body-map/shoulder/index.html");
    assert!(region.contains("<h1>Shoulder blade</h1>") && region.contains("href=\"/muscles/piriformis/\""), "{region}");
    assert!(!site.exists("public/body-map/lower-back/index.html"), "the built-in regions are not this theme's");
    // The built-in theme's words are not this theme's; a region listed twice is an error in the theme's file.
    site.write(
        "content/muscles/piriformis.md",
        "---\ntitle: Levator scapulae\nregions: [lower-back]\n---\nA neck muscle.\n",
    );
    site.build().assert_failed().assert_reports(
        "content/muscles/piriformis.md:3",
        &["`lower-back` is not a valid `regions`", "neck, shoulder"],
    );
    site.write(
        "themes/neck-clinic/body-map.yaml",
        "regions:\n  - { id: neck, name: Neck }\n  - { id: neck, name: Neck again }\n",
    );
    site.build()
        .assert_failed()
        .assert_reports("themes/neck-clinic/body-map.yaml:3", &["the region `neck` is listed twice"]);
}
