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
/// last changed where one is known (a listing's is its newest entry's). Search, A–Z, handout sheets and the
/// 404 page are left out: they repeat what the listed pages say.
pub(super) fn sitemap(site: &LinkedSite) -> String {
    let config = &site.config;
    let published = |fields: &crate::model::entry::EntryFields| !fields.draft();
    let newest = |range: std::ops::Range<usize>| {
        site.entries[range].iter().filter(|e| published(&e.fields)).filter_map(|e| last_modified(&e.fields)).max()
    };
    let mut urls: Vec<(String, Option<Date>)> = vec![(config.permalink(""), newest(0..site.entries.len()))];
    for c in 0..config.collections.len() {
        urls.push((config.permalink(&config.collection_path(c)), newest(site.collection_ranges[c].clone())));
    }
    for entry in site.entries.iter().filter(|e| published(&e.fields)) {
        urls.push((entry_permalink(config, entry), last_modified(&entry.fields)));
    }
    for page in &site.pages {
        if let ContentKind::Page { url_path } = &page.kind
            && published(&page.fields)
        {
            urls.push((config.permalink(url_path), last_modified(&page.fields)));
        }
    }
    if super::body_map::in_use(site) {
        urls.push((config.permalink(super::body_map::PATH), None));
        for region in &config.regions {
            urls.push((config.permalink(&super::body_map::region_path(region.id.as_str())), None));
        }
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, lastmod) in urls {
        let _ = write!(xml, "  <url><loc>{}</loc>", escape(&url));
        if let Some(date) = lastmod {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything may be crawled; the sitemap is named. (Crawlers read it only at a host's root,
/// so under a sub-path it is there for whoever publishes the root to copy from.)
pub(super) fn robots(site: &LinkedSite) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.config.permalink("sitemap.xml"))
}

/// `feed.xml`: an Atom feed of the entries most recently reviewed or updated (newest first, at most
/// [`FEED_ENTRIES`]). Entries with neither date are not in it. The feed's own date is its newest entry's.
pub(super) fn feed(site: &LinkedSite) -> String {
    let config = &site.config;
    let mut dated: Vec<(Date, &crate::model::Entry)> = site
        .entries
        .iter()
        .filter(|e| !e.fields.draft())
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
    let _ = writeln!(xml, "  <title>{}</title>", escape(&config.title));
    if let Some(description) = &config.description {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", escape(description));
    }
    let _ = writeln!(xml, "  <id>{}</id>", escape(&config.base_url));
    let _ = writeln!(xml, "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", escape(&config.base_url));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&config.permalink("feed.xml"))
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
