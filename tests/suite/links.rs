//! Links that never break: relative Markdown links become page URLs, every site link in the output must lead
//! to a file and an id, and `check --external` visits http(s) links (here, a server on 127.0.0.1).

use crate::fixture::{SITE_YAML, Site, sinew_in};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const FIGURE_FOUR: &str = "content/stretches/figure-four.md";

/// The fixture site with figure-four's body replaced (its front matter ends on line 10).
fn with_body(body: &str) -> Site {
    let site = Site::new();
    let text = site.read(FIGURE_FOUR);
    let front = &text[..text.find("---\n## Why").expect("fixture front matter") + 4];
    site.write(FIGURE_FOUR, format!("{front}{body}"));
    site.write("content/muscles/piriformis.md", "---\ntitle: Piriformis\n---\n## Where it is\n\nDeep in the hip.\n");
    site
}

#[test]
fn a_relative_markdown_link_becomes_the_page_url_with_its_anchor() {
    let site = with_body("See [where](../muscles/piriformis.md#where-it-is) and [home](/_index.md).\n");
    site.build().assert_ok();
    let html = site.read("public/stretches/figure-four/index.html");
    assert!(html.contains(r#"<a href="/muscles/piriformis/#where-it-is">where</a>"#), "{html}");
    assert!(html.contains(r#"<a href="/">home</a>"#), "{html}");
}

#[test]
fn under_a_sub_path_relative_and_root_links_get_the_base_path() {
    let site = with_body("See [where](../muscles/piriformis.md#where-it-is) and [the sheet](/files/sheet.pdf).\n");
    site.write("site.yaml", SITE_YAML.replace("https://test-clinic.example/", "https://test-clinic.example/clinic/"));
    site.write("static/files/sheet.pdf", "%PDF-1.4\n");
    site.build().assert_ok();
    let html = site.read("public/stretches/figure-four/index.html");
    assert!(html.contains(r#"<a href="/clinic/muscles/piriformis/#where-it-is">where</a>"#), "{html}");
    assert!(html.contains(r#"<a href="/clinic/files/sheet.pdf">the sheet</a>"#), "{html}");
}

#[test]
fn a_relative_link_to_a_missing_file_fails_at_its_line() {
    let site = with_body("Intro.\n\nRead [this](../muscles/piriformus.md) first.\n");
    site.build().assert_failed().assert_reports(
        &format!("{FIGURE_FOUR}:13:6"),
        &["no muscle with id `piriformus`", "did you mean `piriformis`?"],
    );
}

#[test]
fn a_link_to_a_missing_heading_fails_at_its_markdown_line() {
    let site =
        with_body("Intro.\n\nSee [[piriformis#where-it-iz]] and [its place](@/muscles/piriformis.md#nowhere).\n");
    site.build()
        .assert_failed()
        .assert_reports(
            &format!("{FIGURE_FOUR}:13:5"),
            &["/muscles/piriformis/ has no heading with id `where-it-iz`", "did you mean `where-it-is`?"],
        )
        .assert_reports(&format!("{FIGURE_FOUR}:13:36"), &["has no heading with id `nowhere`"]);
}

#[test]
fn a_link_to_a_missing_static_file_fails_at_its_markdown_line() {
    // A link, not an image: images are checked when they are resized, with their own message.
    let site = with_body("Intro.\n\n[A diagram](/images/hip.svg)\n");
    site.write("static/images/hips.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.build().assert_failed().assert_reports(
        &format!("{FIGURE_FOUR}:13:1"),
        &["nothing is published at /images/hip.svg", "did you mean `/images/hips.svg`?"],
    );
}

// A link in a template is not in any Markdown: the report names the template (at the line it is written
// on) and a page it broke, once, however many pages use the template.
#[test]
fn a_broken_link_in_a_template_names_the_template_and_a_page() {
    let site = Site::new();
    site.write("content/about.md", "---\ntitle: About\n---\nHello.\n");
    site.write("content/contact.md", "---\ntitle: Contact\n---\nWrite to us.\n");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p><a href=\"/prices/\">Prices</a></p>\n\
         {{ page.content | safe }}\n{% endblock content %}\n",
    );
    let run = site.build();
    run.assert_failed().assert_reports(
        "templates/page.html:3:13",
        &["broken link `/prices/`: nothing is published at /prices/ on 2 pages", "(made with template page.html)"],
    );
    assert_eq!(run.stderr.matches("broken link").count(), 1, "{}", run.stderr);
}

#[test]
fn the_fixture_site_has_no_broken_links() {
    let site = Site::new();
    let run = site.sinew(&["check"]);
    run.assert_ok();
    assert!(!run.stderr.contains("broken link"), "{}", run.stderr);
}

/// An HTTP server on 127.0.0.1: `/ok` is 200, `/hang` never answers, anything else is 404. Stops
/// listening when the returned flag is set.
fn serve() -> (String, Arc<AtomicBool>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = stop.clone();
    std::thread::spawn(move || {
        while !stopping.load(Ordering::Relaxed) {
            let Ok((mut stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            std::thread::spawn(move || {
                stream.set_nonblocking(false).unwrap();
                let mut request = Vec::new();
                let mut buffer = [0; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buffer) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let line = String::from_utf8_lossy(&request).lines().next().unwrap_or_default().to_string();
                let path = line.split(' ').nth(1).unwrap_or_default().to_string();
                let status = match path.as_str() {
                    "/ok" => "200 OK",
                    "/hang" => {
                        std::thread::sleep(Duration::from_secs(30));
                        return;
                    }
                    _ => "404 Not Found",
                };
                let response = format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                let _ = stream.write_all(response.as_bytes());
            });
        }
        // The listener is dropped here: later connections are refused.
    });
    (address, stop)
}

#[test]
fn check_external_reports_only_the_broken_link_and_then_answers_from_its_cache() {
    let (address, stop) = serve();
    let site = with_body(&format!("Intro.\n\nSee [this]({address}/ok).\n\nAnd [that]({address}/missing).\n"));
    let run = site.sinew(&["check", "--external"]);
    run.assert_ok().assert_reports(
        &format!("{FIGURE_FOUR}:15:5"),
        &[&format!("external link `{address}/missing` is broken: HTTP 404"), "2 asked"],
    );
    assert!(!run.stderr.contains(&format!("`{address}/ok` is broken")), "{}", run.stderr);
    assert!(run.stderr.contains("warning: external link"), "a warning, not an error:\n{}", run.stderr);
    assert!(site.exists(".sinew-cache/external-links.json"));

    // The server is gone: only the cache can know.
    stop.store(true, Ordering::Relaxed);
    std::thread::sleep(Duration::from_millis(100));
    let again = site.sinew(&["check", "--external", "--strict"]);
    again.assert_failed().assert_reports(&format!("{FIGURE_FOUR}:15:5"), &["HTTP 404", "from the cache", "0 asked"]);
    assert!(!again.stderr.contains("/ok` is broken"), "{}", again.stderr);
    assert!(again.stderr.contains("error: external link"), "--strict makes it an error:\n{}", again.stderr);
}

#[test]
fn check_external_gives_up_on_a_silent_server_after_the_timeout() {
    let (address, _stop) = serve();
    let site = with_body(&format!("Intro.\n\nSee [this]({address}/hang).\n"));
    let started = Instant::now();
    let run = site.sinew(&["check", "--external", "--timeout", "1"]);
    run.assert_ok().assert_reports(&format!("{FIGURE_FOUR}:13:5"), &["is broken: no answer within 1 s"]);
    assert!(started.elapsed() < Duration::from_secs(15), "took {:?}", started.elapsed());
}

#[test]
fn check_without_external_touches_no_network_and_writes_no_cache() {
    let site = with_body("See [this](http://127.0.0.1:9/never).\n");
    let run = sinew_in(site.root(), &["check"]);
    run.assert_ok();
    assert!(!run.stderr.contains("external link"), "{}", run.stderr);
    assert!(!site.exists(".sinew-cache"));
}

/// Regression: `[[id]]` and `@/` links in steps, modifications and cautions were printed as raw text, or failed
/// as "nothing is published at /stretches/figure-four/@/...". They resolve as the body's do, and a bad one is
/// reported at its line and column in the list.
#[test]
fn links_in_steps_and_cautions_resolve_like_the_body() {
    let site = Site::new();
    let text = site.read(FIGURE_FOUR).replace(
        "cautions: [Stop if it hurts]",
        "steps:\n  - Ease the [[piriformis]] first.\n  - \"Then try the [bridge](@/stretches/glute-bridge.md).\"\n\
         cautions:\n  - \"Stop if it hurts; see [[prolonged-sitting|sitting]]\"",
    );
    site.write(FIGURE_FOUR, &text);
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    for html in [
        "Ease the <a href=\"/muscles/piriformis/\">Piriformis</a> first.",
        "Then try the <a href=\"/stretches/glute-bridge/\">bridge</a>.",
        "see <a href=\"/causes/prolonged-sitting/\">sitting</a>",
    ] {
        assert!(page.contains(html), "missing {html}:\n{page}");
    }
    assert!(!page.contains("[[") && !page.contains("@/"), "{page}");
    let broken = text.replace("Ease the [[piriformis]]", "Ease the [[piriformus]]");
    site.write(FIGURE_FOUR, broken);
    site.build().assert_failed().assert_reports(
        &format!("{FIGURE_FOUR}:8:14"),
        &["no entry with id `piriformus`", "did you mean `piriformis`?"],
    );
}
