//! A collection's listing, split into pages of `page_size` entries when site.yaml asks for it: page 1 at the
//! listing's own address (`stretches/`), page N at `stretches/page/N/`, each with its pager and `rel=prev/next`.
//! Without `page_size`, one page lists every entry, as before pagination existed.

use super::context::{CollectionContext, EntrySummary};
use super::{Failed, JobOutput, JobState, Renderer};
use crate::graph::LinkedSite;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::Context;

/// How many pages collection `c`'s listing has: 1 unless it has a `page_size` and more entries than that.
pub(super) fn page_count(site: &LinkedSite, c: usize) -> usize {
    let entries = site.collection_entries(c).len();
    site.config.collections[c].page_size.map_or(1, |size| entries.div_ceil(size).max(1))
}

/// The pager of a listing that has more than one page; `null` in the template otherwise.
#[derive(Serialize)]
struct Pager {
    number: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    /// The page numbers the pager links to: all of them up to [`ALL_NUMBERS`] pages; beyond, the first, the
    /// last and the current one's neighbours, with a `null` where numbers are left out.
    links: Vec<Option<PageLink>>,
    /// Every page's address, in order: `list-filter.js` reads the other pages' cards from them, so a filter
    /// covers every entry with the very cards the server made.
    urls: Vec<String>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

/// Up to this many pages, the pager shows every page's number.
const ALL_NUMBERS: usize = 7;

impl Pager {
    fn new(urls: Vec<String>, number: usize) -> Self {
        let total = urls.len();
        let link = |n: usize| PageLink { number: n, url: urls[n - 1].clone(), current: n == number };
        let mut links = Vec::new();
        for n in 1..=total {
            let shown = total <= ALL_NUMBERS || n == 1 || n == total || n.abs_diff(number) <= 1;
            if shown {
                links.push(Some(link(n)));
            } else if links.last().is_some_and(Option::is_some) {
                links.push(None);
            }
        }
        Pager {
            number,
            total,
            prev: (number > 1).then(|| urls[number - 2].clone()),
            next: urls.get(number).cloned(),
            links,
            urls,
        }
    }
}

/// Every value of the listing's filter facets among all its entries (not only the page's), with the words a
/// reader sees, so the filters on page 2 offer what page 5 has. By facet: `[[value, label], ...]`.
fn filter_values<'e>(
    site: &LinkedSite,
    entries: impl Iterator<Item = &'e EntrySummary<'e>>,
) -> BTreeMap<&'static str, Vec<(String, String)>> {
    let label = |word: &str| {
        site.strings
            .lookup_str(&format!("words.{word}"))
            .map_or_else(|| crate::fields::schema::word_label(word), str::to_string)
    };
    let mut values: BTreeMap<&'static str, Vec<(String, String)>> = BTreeMap::new();
    for e in entries {
        for (facet, value) in [("difficulty", e.difficulty), ("kind", e.kind), ("position", e.position)] {
            let list = values.entry(facet).or_default();
            if let Some(value) = value
                && !list.iter().any(|(v, _)| v == value)
            {
                list.push((value.to_string(), label(value)));
            }
        }
    }
    values
}

impl Renderer<'_> {
    /// Page `number` (from 1) of collection `c`'s listing.
    pub(super) fn list(&self, c: usize, number: usize) -> Result<JobOutput, Failed> {
        let config = &self.site.config;
        let collection = &config.collections[c];
        let mut job = JobState::default();
        let intro = self.collection_intros.get(&c).copied();
        let body = intro.map(|p| self.markdown(&p.source, p.body_offset, &mut job));
        let path = config.collection_page_path(c, number);
        let mut page = self.page_context("list", intro.map(|p| &p.fields), config.url(&path), body);
        if intro.is_none() {
            page.title.clone_from(&collection.title);
        }
        if number > 1 {
            // Page 2's breadcrumbs lead back to page 1, the listing itself.
            page.breadcrumbs
                .push(super::context::LinkContext::new(page.title.clone(), config.url(&config.collection_path(c))));
            page.title = self
                .site
                .strings
                .get("pages.listing_page")
                .replace("{title}", &page.title)
                .replace("{n}", &number.to_string());
        }
        let path_in = |prefix: &str| {
            let page = if number > 1 { format!("page/{number}/") } else { String::new() };
            format!("{prefix}{}/{page}", collection.name)
        };
        page.alternates = self.alternates_everywhere(&path_in);
        self.add_structured_data(&mut page);
        let mut order: Vec<usize> = self.site.collection_ranges[c].clone().collect();
        // Entries are sorted by their default-language titles; another language lists them by its own.
        if !config.lang_prefix.is_empty() {
            order.sort_by_cached_key(|&i| super::az::title_sort_key(self.site.entries[i].fields.title()));
        }
        let total = page_count(self.site, c);
        let pager = (total > 1).then(|| {
            let urls = (1..=total).map(|n| config.url(&config.collection_page_path(c, n))).collect();
            Pager::new(urls, number)
        });
        let filter_values = pager.as_ref().map(|_| {
            let all: Vec<EntrySummary<'_>> =
                order.iter().map(|&i| EntrySummary::new(&self.site.entries[i], config)).collect();
            filter_values(self.site, all.iter())
        });
        let count = order.len();
        let shown = match collection.page_size {
            Some(size) => (number - 1) * size..number * size,
            None => 0..count,
        };
        // The page's own entries, with their cards (and pictures); the others gave only their filter values.
        let entries: Vec<tera::Value> =
            order.iter().skip(shown.start).take(shown.len()).map(|&i| self.listed_value(i)).collect();
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("collection", &CollectionContext::new(c, config, count));
        context.insert_value("entries", tera::Value::from(entries));
        context.insert("pager", &pager);
        context.insert("filter_values", &filter_values);
        let template = self.pick(collection.name.as_str(), "list.html");
        let origin = if number > 1 {
            format!("page {number} of the {} listing", collection.name)
        } else {
            format!("the {} listing", collection.name)
        };
        self.finish(&template, &context, crate::config::file_of(&path), origin, job)
    }
}
