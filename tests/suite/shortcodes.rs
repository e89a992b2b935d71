//! Shortcodes in a body: `{{ callout(kind="caution") }}` … `{{ end }}` and `{{ video(...) }}` from the theme's
//! templates/shortcodes/, the site's own there too (winning by name), each mistake at its Markdown line.

use crate::fixture::Site;

/// The figure-four stretch with `body` as its text, from line 11 of the file.
fn stretch(body: &str) -> String {
    format!(
        "---\ntitle: Figure four\nsummary: A hip stretch.\nkind: stretch\ndifficulty: beginner\nhold_seconds: 30\n\
         muscles: [piriformis]\ncauses: [prolonged-sitting]\n---\n\n{body}"
    )
}

fn site_with(body: &str) -> Site {
    let site = Site::new();
    site.write("content/stretches/figure-four.md", stretch(body));
    site
}

#[test]
fn a_callout_holds_markdown_and_resolved_links() {
    let site = site_with(
        "Before.\n\n{{ callout(kind=\"caution\") }}\nStop if it **hurts**; ease the [[piriformis]] first.\n{{ end }}\n\nAfter.\n",
    );
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    let callout = &page[page.find("<div class=\"callout callout-caution\" role=\"note\">").expect(&page)..];
    let callout = &callout[..callout.find("</div>").unwrap()];
    assert!(callout.contains("<p class=\"callout-label\">Caution</p>"), "{callout}");
    assert!(callout.contains("<strong>hurts</strong>"), "{callout}");
    assert!(callout.contains("<a href=\"/muscles/piriformis/\">Piriformis</a>"), "{callout}");
    assert!(page.contains("<p>Before.</p>") && page.contains("<p>After.</p>"), "{page}");
    // The callout's words are searchable; its label is the theme's words, not the page's, and is not.
    let index = site.read("public/search/index/d/0.json");
    assert!(index.contains("Stop if it hurts; ease the Piriformis first."), "{index}");
    assert!(!index.contains("Caution"), "{index}");
}

#[test]
fn a_callout_in_a_translation_has_the_translated_label() {
    let site = Site::new();
    site.write("site.yaml", format!("{}languages: [en, es]\n", crate::fixture::SITE_YAML));
    site.write(
        "content/stretches/figure-four.es.md",
        "---\ntitle: Figura cuatro\n---\n{{ callout(kind=\"tip\") }}\nRespira despacio; ver [[piriformis]].\n{{ end }}\n",
    );
    let run = site.build();
    run.assert_ok();
    let page = site.read("public/es/stretches/figure-four/index.html");
    assert!(page.contains("<p class=\"callout-label\">Consejo</p>"), "{page}");
    assert!(page.contains("Respira despacio"), "{page}");
}

#[test]
fn a_video_stands_in_the_text_as_an_entrys_video_would() {
    let site = site_with(
        "Watch it first:\n{{ video(src=\"https://youtu.be/dQw4w9WgXcQ\", title=\"Figure four, step by step\") }}\n\nThen try.\n",
    );
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    assert!(page.contains("<p>Watch it first:</p>\n<figure class=\"video video-inline\">"), "{page}");
    assert!(page.contains("data-embed=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;rel=0\""));
    assert!(page.contains("<span class=\"video-title\">Figure four, step by step</span>"), "{page}");
    assert!(!page.contains("youtube.com/embed"), "nothing loads from youtube.com before play");
}

#[test]
fn a_video_file_that_is_missing_is_reported_at_its_call() {
    let site =
        site_with("Text.\n\n{{ video(src=\"videos/none.mp4\", poster=\"images/none.jpg\", title=\"Bridge\") }}\n");
    site.build()
        .assert_failed()
        .assert_reports("content/stretches/figure-four.md:13:1", &["no video at static/videos/none.mp4"]);
}

#[test]
fn a_site_shortcode_is_added_and_one_of_the_themes_is_replaced() {
    let site = site_with("{{ price(amount=45, minutes=60) }}\n\n{{ callout() }}\nPlain.\n{{ end }}\n");
    site.write(
        "templates/shortcodes/price.html",
        "{% component price(amount, minutes=30) %}<strong class=\"price\">£{{ amount }} for {{ minutes }} minutes</strong>{% endcomponent price %}",
    );
    site.write(
        "templates/shortcodes/callout.html",
        "{% component callout(kind=\"note\") {\"body\": true} %}<section class=\"mine {{ kind }}\">{{ body }}</section>{% endcomponent callout %}",
    );
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    assert!(page.contains("<p><strong class=\"price\">£45 for 60 minutes</strong></p>"), "{page}");
    assert!(page.contains("<section class=\"mine note\"><p>Plain.</p>\n</section>"), "{page}");
}

#[test]
fn arguments_are_escaped_and_never_run_as_template_code() {
    let site = site_with("{{ callout(kind=\"note\", title=\"<b>{{ site.title }}</b>\") }}\nx\n{{ end }}\n");
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    assert!(
        page.contains("&lt;b&gt;{{ site.title }}&lt;&#x2F;b&gt;")
            || page.contains("&lt;b&gt;{{ site.title }}&lt;/b&gt;"),
        "{page}"
    );
}

#[test]
fn code_and_a_backslash_keep_braces_as_written() {
    let site = site_with("Write `{{ callout() }}` like this, or \\{{ callout() }}.\n\n```\n{{ end }}\n```\n");
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    assert!(page.contains("<code>{{ callout() }}</code> like this, or {{ callout() }}."), "{page}");
    assert!(page.contains("<pre><code>{{ end }}\n</code></pre>"), "{page}");
}

#[test]
fn an_unknown_shortcode_is_reported_at_its_call_with_a_suggestion() {
    let site = site_with("Intro.\n\n  {{ calout(kind=\"tip\") }}\n");
    site.build().assert_failed().assert_reports(
        "content/stretches/figure-four.md:13:3",
        &["no shortcode `calout`; did you mean `callout`?", "the shortcodes are: callout, video"],
    );
}

#[test]
fn bad_arguments_are_reported_where_they_go_wrong() {
    let site = site_with("{{ callout(kind=caution) }}\nx\n{{ end }}\n");
    site.build()
        .assert_failed()
        .assert_reports("content/stretches/figure-four.md:11:17", &["a value is text in quotes"]);
    let site = site_with("A.\n\n{{ callout(knd=\"tip\") }}\nx\n{{ end }}\n");
    site.build().assert_failed().assert_reports(
        "content/stretches/figure-four.md:13:1",
        &["`callout` has no argument `knd`; did you mean `kind`?"],
    );
    let site = site_with("{{ video(src=\"https://youtu.be/dQw4w9WgXcQ\") }}\n");
    site.build().assert_failed().assert_reports("content/stretches/figure-four.md:11:1", &["`video` needs `title`"]);
}

#[test]
fn a_missing_or_stray_end_is_reported() {
    let site = site_with("{{ callout(kind=\"tip\") }}\nNo end here.\n");
    site.build()
        .assert_failed()
        .assert_reports("content/stretches/figure-four.md:11:1", &["`callout` has no `{{ end }}`"]);
    let site = site_with("Text.\n\n{{ end }}\n");
    site.build()
        .assert_failed()
        .assert_reports("content/stretches/figure-four.md:13:1", &["this `{{ end }}` closes no shortcode"]);
}

#[test]
fn a_template_error_names_the_template_and_the_calling_line() {
    let site = site_with("Text.\n\n{{ callout(kind=\"danger\") }}\nx\n{{ end }}\n");
    let run = site.build();
    run.assert_failed().assert_reports(
        "content/stretches/figure-four.md:13:1",
        &["the shortcode's template failed at (built-in theme) templates/shortcodes/callout.html:", "`danger`"],
    );
    let site = site_with("{{ boom() }}\n");
    site.write("templates/shortcodes/boom.html", "{% component boom() %}{{ nope.deeper }}{% endcomponent boom %}");
    site.build()
        .assert_failed()
        .assert_reports("content/stretches/figure-four.md:11:1", &["templates/shortcodes/boom.html:1:"]);
}

#[test]
fn a_page_under_html_escape_keeps_shortcodes_and_escapes_the_body() {
    let site = site_with("{{ callout() }}\n<b>raw</b> text\n{{ end }}\n");
    site.write("site.yaml", format!("{}html: escape\n", crate::fixture::SITE_YAML));
    site.build().assert_ok();
    let page = site.read("public/stretches/figure-four/index.html");
    assert!(page.contains("<div class=\"callout callout-note\" role=\"note\">"), "{page}");
    assert!(page.contains("&lt;b&gt;raw&lt;/b&gt; text"), "{page}");
}

#[test]
fn the_preview_renders_a_page_again_when_its_shortcode_changes() {
    let site = site_with("{{ price(amount=45) }}\n");
    site.write(
        "templates/shortcodes/price.html",
        "{% component price(amount) %}<em>£{{ amount }}</em>{% endcomponent price %}",
    );
    let server = crate::serve::Server::start(&site);
    server.wait_for_page("/stretches/figure-four/", "<em>£45</em>");
    site.write(
        "templates/shortcodes/price.html",
        "{% component price(amount) %}<b>£{{ amount }}</b>{% endcomponent price %}",
    );
    server.wait_for_page("/stretches/figure-four/", "<b>£45</b>");
}
