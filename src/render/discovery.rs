//! What search engines and feed readers look for at a site's root: `sitemap.xml`, `robots.txt` and an Atom
//! feed (`feed.xml`) of the entries most recently added or reviewed. Drafts never appear in any of them.
//!
//! Every date comes from front matter (`reviewed`, `updated`), never from the clock, so two builds of the
//! same sources give the same bytes. All addresses are full ones under `base_url`, sub-path included.

use super::structured::{entry_permalink, last_modified};
use crate::graph::LinkedSite;
use crate::markdown::escape_html;
use crate::model::Date;
use crate::source::ContentKind;
use std::fmt::Write as _;

/// How many entries the feed carries: enough for a reader who checks monthly.
const FEED_ENTRIES: usize = 20;

/// `sitemap.xml`: the home page, the listings, every entry and plain page, each with the date its content
/// last changed where one is known (a listing's is its newest entry's), and the handouts' pages and their
/// index. Search, A–Z and the 404 page are left out: they repeat what the listed pages say. On a site in
/// several languages, every language's pages, each with its `hreflang` alternates (itself included, as Google
/// asks).
pub(super) fn sitemap(site: &LinkedSite, handouts: &[crate::handout::BuiltHandout]) -> String {
    let config = &site.config;
    let views: Vec<&LinkedSite> = std::iter::once(site).chain(site.translations.iter().map(|t| &**t)).collect();
    let published = |fields: &crate::model::entry::EntryFields| !fields.draft();
    let newest = |range: std::ops::Range<usize>| {
        site.entries[range].iter().filter(|e| published(&e.fields)).filter_map(|e| last_modified(&e.fields)).max()
    };
    let mut urls: Vec<SitemapUrl> = Vec::new();
    // Pages every language has at its own address: the home page, the listings, the body map.
    in_every_language(&mut urls, &views, &|c| c.lang_path(""), newest(0..site.entries.len()));
    for c in 0..config.collections.len() {
        let lastmod = newest(site.collection_ranges[c].clone());
        in_every_language(&mut urls, &views, &|config| config.collection_path(c), lastmod);
    }
    for (index, entry) in site.entries.iter().enumerate() {
        let found = site.alternates.of_entry(index);
        let language_of = |alternate: &crate::languages::Alternate| views[alternate.language].config.language.as_str();
        let links = alternates(found.iter().map(|a| (language_of(a), config.permalink(&a.path))));
        if found.is_empty() && published(&entry.fields) {
            urls.push(SitemapUrl {
                loc: entry_permalink(config, entry),
                lastmod: last_modified(&entry.fields),
                alternates: Vec::new(),
            });
        }
        for alternate in found {
            let shown = &views[alternate.language].entries[index];
            if published(&shown.fields) {
                let loc = config.permalink(&alternate.path);
                urls.push(SitemapUrl { loc, lastmod: last_modified(&shown.fields), alternates: links.clone() });
            }
        }
    }
    for page in site.pages.iter().filter(|p| matches!(p.kind, ContentKind::Page { .. })) {
        let found = site.alternates.pages.get(&page.source.path).map_or(&[][..], Vec::as_slice);
        let language_of = |alternate: &crate::languages::Alternate| views[alternate.language].config.language.as_str();
        let links = alternates(found.iter().map(|a| (language_of(a), config.permalink(&a.path))));
        if let (ContentKind::Page { url_path }, true) = (&page.kind, found.is_empty() && published(&page.fields)) {
            urls.push(SitemapUrl {
                loc: config.permalink(url_path),
                lastmod: last_modified(&page.fields),
                alternates: Vec::new(),
            });
        }
        for alternate in found {
            let shown = views[alternate.language]
                .pages
                .iter()
                .find(|p| crate::languages::page_path(&views[alternate.language].config, p) == alternate.path);
            if let Some(shown) = shown.filter(|p| published(&p.fields)) {
                let loc = config.permalink(&alternate.path);
                urls.push(SitemapUrl { loc, lastmod: last_modified(&shown.fields), alternates: links.clone() });
            }
        }
    }
    if super::body_map::in_use(site) {
        in_every_language(&mut urls, &views, &|c| c.lang_path(super::body_map::PATH), None);
        for region in &config.regions {
            let path = super::body_map::region_path(region.id.as_str());
            in_every_language(&mut urls, &views, &|c| c.lang_path(&path), None);
        }
    }
    // The handouts' index of each language that has handouts, then each handout in each of its languages.
    let with_handouts: Vec<&LinkedSite> =
        views.iter().copied().filter(|v| handouts.iter().any(|h| h.prefix == v.config.lang_prefix)).collect();
    in_every_language(&mut urls, &with_handouts, &|c| c.lang_path(super::handout::INDEX_PATH), None);
    for handout in handouts {
        let links = alternates(
            handout
                .alternates
                .iter()
                .map(|(language, path)| (views[*language].config.language.as_str(), config.permalink(path))),
        );
        let lastmod = handout.sheet.date_parts.and_then(|d| Date::from_civil(d.year, d.month, d.day));
        urls.push(SitemapUrl { loc: config.permalink(&handout.site_path()), lastmod, alternates: links });
    }
    let namespace = if views.len() > 1 { " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"" } else { "" };
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{namespace}>\n",
    );
    for url in urls {
        let _ = write!(xml, "  <url><loc>{}</loc>", escape(&url.loc));
        if let Some(date) = url.lastmod {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        for (language, href) in &url.alternates {
            let _ = write!(
                xml,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(language),
                escape(href)
            );
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// A page every language has at its own address (the home page, a listing, the body map).
fn in_every_language(
    urls: &mut Vec<SitemapUrl>,
    views: &[&LinkedSite],
    path: &dyn Fn(&crate::config::SiteConfig) -> String,
    lastmod: Option<Date>,
) {
    let links = alternates(views.iter().map(|v| (v.config.language.as_str(), v.config.permalink(&path(&v.config)))));
    for view in views {
        let loc = view.config.permalink(&path(&view.config));
        urls.push(SitemapUrl { loc, lastmod, alternates: links.clone() });
    }
}

struct SitemapUrl {
    loc: String,
    lastmod: Option<Date>,
    alternates: Vec<(String, String)>,
}

/// A page's `hreflang` alternates: none when it is in one language only.
fn alternates<'a>(found: impl Iterator<Item = (&'a str, String)>) -> Vec<(String, String)> {
    let found: Vec<(String, String)> = found.map(|(language, href)| (language.to_string(), href)).collect();
    if found.len() > 1 { found } else { Vec::new() }
}

/// `robots.txt`: everything may be crawled; the sitemap is named. Made for a site at its host's root only,
/// the one place crawlers read it (`SiteConfig::serves_robots_txt`).
pub(super) fn robots(site: &LinkedSite) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.config.permalink("sitemap.xml"))
}

/// `feed.xml`: an Atom feed of the entries most recently reviewed or updated (newest first, at most
/// [`FEED_ENTRIES`]). Entries with neither date are not in it. The feed's own date is its newest entry's.
pub(super) fn feed(site: &LinkedSite) -> String {
    feed_of(site, None)
}

/// A collection's feed (`stretches/feed.xml`): its newest and newly reviewed entries only, for a reader who
/// follows the stretches and not the rest.
pub(super) fn collection_feed(site: &LinkedSite, collection: usize) -> String {
    feed_of(site, Some(collection))
}

/// The address of a collection's feed inside the site: `stretches/feed.xml`, `es/stretches/feed.xml`.
pub(crate) fn collection_feed_path(config: &crate::config::SiteConfig, collection: usize) -> String {
    format!("{}feed.xml", config.collection_path(collection))
}

fn feed_of(site: &LinkedSite, only: Option<usize>) -> String {
    let config = &site.config;
    let mut dated: Vec<(Date, &crate::model::Entry)> = site
        .entries
        .iter()
        .filter(|e| only.is_none_or(|c| e.collection == c))
        .filter(|e| !e.fields.draft() && e.language.as_deref().unwrap_or(config.default_language()) == config.language)
        .filter_map(|e| last_modified(&e.fields).map(|d| (d, &**e)))
        .collect();
    // Newest first; on the same day, by collection and title, so the order never depends on the build.
    dated.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.collection.cmp(&b.1.collection))
            .then_with(|| a.1.fields.title().cmp(b.1.fields.title()))
    });
    dated.truncate(FEED_ENTRIES);
    let author = config.practitioner.name.as_deref().unwrap_or(&config.title);
    // A feed with nothing dated still needs a date: the earliest Atom can say, rather than the clock.
    let updated = dated.first().map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |(d, _)| timestamp(*d));
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    let _ = writeln!(xml, " xml:lang=\"{}\">", escape(&config.language));
    let (title, home, path) = match only {
        None => (config.title.clone(), config.lang_path(""), config.lang_path("feed.xml")),
        Some(c) => (
            format!("{}: {}", config.title, config.collections[c].title),
            config.collection_path(c),
            collection_feed_path(config, c),
        ),
    };
    let _ = writeln!(xml, "  <title>{}</title>", escape(&title));
    if let Some(description) = config.description.as_ref().filter(|_| only.is_none()) {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", escape(description));
    }
    let home = config.permalink(&home);
    let _ = writeln!(xml, "  <id>{}</id>", escape(&home));
    let _ = writeln!(xml, "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", escape(&home));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&config.permalink(&path))
    );
    let _ = writeln!(xml, "  <updated>{updated}</updated>");
    let _ = writeln!(xml, "  <author><name>{}</name></author>", escape(author));
    let _ = writeln!(xml, "  <generator>sinew</generator>");
    for (date, entry) in dated {
        let url = entry_permalink(config, entry);
        let collection = &config.collections[entry.collection];
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", escape(entry.fields.title()));
        let _ = writeln!(xml, "    <id>{}</id>", escape(&url));
        let _ = writeln!(xml, "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", escape(&url));
        let _ = writeln!(xml, "    <updated>{}</updated>", timestamp(date));
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"{}\"/>",
            escape(collection.name.as_str()),
            escape(&collection.singular)
        );
        if let Some(summary) = entry.fields.summary() {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(summary));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// Text for XML content and attribute values: HTML's escapes, `'` too, and control characters other than
/// tab and newlines dropped (XML 1.0 allows them nowhere).
fn escape(text: &str) -> String {
    let allowed: String = text.chars().filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')).collect();
    escape_html(&allowed).replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn xml_text_is_escaped_and_control_characters_dropped() {
        assert_eq!(escape("Hips & <knees> \"a\" 'b'\u{1}"), "Hips &amp; &lt;knees&gt; &quot;a&quot; &apos;b&apos;");
    }
}
