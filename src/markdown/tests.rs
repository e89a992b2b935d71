use super::*;

struct Fixed;
impl Resolver for Fixed {
    fn resolve(&self, link: InternalLink<'_>) -> Result<Resolved, Unresolved> {
        match link {
            InternalLink::Id { id: "piriformis", .. } | InternalLink::Path { path: "muscles/piriformis.md" } => {
                Ok(Resolved { url: "/muscles/piriformis/".into(), title: "Piriformis".into() })
            }
            _ => Err(Unresolved { message: "no such entry".into(), help: None, is_warning: false }),
        }
    }
}

#[test]
fn resolves_wikilinks_and_at_links_with_anchors() {
    let out =
        render("See [[piriformis]], [[piriformis|this muscle]] and [it](@/muscles/piriformis.md#where).", "", &Fixed);
    assert!(out.html.contains(r#"<a href="/muscles/piriformis/">Piriformis</a>"#), "{}", out.html);
    assert!(out.html.contains(r#"<a href="/muscles/piriformis/">this muscle</a>"#), "{}", out.html);
    assert!(out.html.contains(r#"<a href="/muscles/piriformis/#where">it</a>"#), "{}", out.html);
    assert!(out.problems.is_empty());
}

#[test]
fn unknown_targets_are_reported_at_their_offset_and_kept_as_text() {
    let markdown = "Intro.\n\nSee [[piriformus]] now.";
    let out = render(markdown, "", &Fixed);
    assert_eq!(out.problems.len(), 1);
    assert_eq!(&markdown[out.problems[0].range.clone()], "[[piriformus]]");
    assert!(out.html.contains("See piriformus now"), "{}", out.html);
}

#[test]
fn headings_get_unique_ids_and_a_toc() {
    let out = render("## Steps\n\n## Steps\n\n### Why it helps", "", &Fixed);
    let ids: Vec<_> = out.toc.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["steps", "steps-1", "why-it-helps"]);
    assert!(out.html.contains(r#"<h2 id="steps">Steps</h2>"#));
}

#[test]
fn relative_markdown_paths_resolve_from_the_file_s_folder() {
    let markdown = "[a](../muscles/piriformis.md#where) [b](piriformis.md) [c](/muscles/piriformis.md) \
                    [d](../../x.md) [e](/handouts/desk.pdf) ![f](pic.svg) [g](https://example.org/x.md)";
    let out = render(markdown, "muscles", &Fixed);
    assert!(out.html.contains(r#"<a href="/muscles/piriformis/#where">a</a>"#), "{}", out.html);
    assert!(out.html.contains(r#"<a href="/muscles/piriformis/">b</a>"#), "{}", out.html);
    assert!(out.html.contains(r#"<a href="/muscles/piriformis/">c</a>"#), "{}", out.html);
    assert_eq!(out.problems.len(), 1, "only `../../x.md` climbs out of content/");
    assert_eq!(&markdown[out.problems[0].range.clone()], "[d](../../x.md)");
    assert!(out.html.contains(r#"<a href="https://example.org/x.md">g</a>"#), "{}", out.html);
    let urls: Vec<_> = out.site_links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        ["/muscles/piriformis/#where", "/muscles/piriformis/", "/muscles/piriformis/", "/handouts/desk.pdf", "pic.svg"]
    );
}

#[test]
fn external_means_a_scheme_or_a_host() {
    for url in ["https://a.org/", "mailto:x@y.z", "tel:+1555", "data:image/png;base64,x", "//cdn.org/x.js"] {
        assert!(is_external(url), "{url}");
    }
    for url in ["/x/", "x.md", "#steps", "../a:b/", "", "?q=1"] {
        assert!(!is_external(url), "{url}");
    }
}

#[test]
fn inline_fields_show_raw_html_as_text() {
    struct NoLinks;
    impl Resolver for NoLinks {
        fn resolve(&self, _: InternalLink<'_>) -> Result<Resolved, Unresolved> {
            Err(Unresolved { message: "unknown".into(), help: None, is_warning: false })
        }
    }
    assert_eq!(
        render_line("Keep *slow* <img src=x onerror=alert(1)>", "", &NoLinks).html,
        "Keep <em>slow</em> &lt;img src=x onerror=alert(1)&gt;"
    );
    assert_eq!(render_line("Go [there](javascript:alert(1)) now", "", &NoLinks).html, "Go there now");
}

#[test]
fn raw_html_pictures_need_alt_text_like_markdown_ones() {
    let markdown = "<img src=\"a.png\">\n\nText <img src=b.png alt=\"  \"> and <img src=c.png alt=ok> and \
                    <IMG SRC='e.png' ALT='Lying down'> and <imgage> and <img src=f.png\nalt=\"on the next line\">\n";
    let out = render(markdown, "", &Fixed);
    let flagged: Vec<&str> = out.problems.iter().map(|p| &markdown[p.range.clone()]).collect();
    assert_eq!(flagged, ["<img src=\"a.png\">\n", "<img src=b.png alt=\"  \">"]);
    assert!(out.html.contains("<img src=\"a.png\">"), "the HTML is kept as written");
}
