//! The A to Z list of every entry and page: on the search page of a small site, and on a page of its own
//! (`search/a-z/`) on a big one. There each letter's part (`partials/az-group.html`) is rendered as a piece, and
//! the preview keeps the pieces for its next build: a title edit then renders again the one or two letters
//! whose lists changed, not 30,000 lines (at 30,000 entries the whole page was a third of a title edit).

use super::context::{AzGroup, AzItem, LinkContext};
use super::{Failed, JobOutput, JobState, Renderer, page_url};
use crate::model::Entry;
use crate::source::ContentKind;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use tera::Context;

const GROUP_TEMPLATE: &str = "partials/az-group.html";

/// The letters' pieces of one render, and each entry's line: those the last build made (the preview's), and
/// those this one made.
#[derive(Default)]
pub(super) struct Groups {
    kept: KeptGroups,
    made: Mutex<KeptGroups>,
}

/// The letters' pieces made by the preview's last build, by a hash of what each shows, and its entries' lines
/// (by the entry's address: an entry the next build did not parse again is the same `Arc`); for one version
/// of the templates, config, strings and pictures.
#[derive(Default)]
pub(crate) struct KeptGroups {
    version: u64,
    groups: FxHashMap<u64, Arc<str>>,
    lines: FxHashMap<usize, Line>,
}

/// What the list shows of an entry apart from its title, and where the title sorts: at 30,000 entries,
/// making them again was most of the page's work in a title edit.
#[derive(Clone)]
struct Line {
    /// Held, so that no other entry takes its address while the line is kept.
    entry: Arc<Entry>,
    sort_key: Arc<str>,
    url: Arc<str>,
}

impl Groups {
    /// The pieces of a render; in the preview (`kept`), those its last build made for `version`.
    pub(super) fn new(kept: Option<(KeptGroups, u64)>) -> Self {
        let kept = kept.filter(|(kept, version)| kept.version == *version).map(|(kept, _)| kept);
        Groups { kept: kept.unwrap_or_default(), made: Mutex::default() }
    }

    /// What this render made or reused, for the next (`version` as given to `new`).
    pub(super) fn keep(self, version: u64) -> KeptGroups {
        let made = self.made.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        KeptGroups { version, ..made }
    }

    fn made(&self) -> std::sync::MutexGuard<'_, KeptGroups> {
        self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Where a title sorts in a list readers see (the A to Z page, a translated listing): accents folded, case
/// ignored.
pub(super) fn title_sort_key(title: &str) -> String {
    deunicode::deunicode(title).to_lowercase()
}

fn address(entry: &Arc<Entry>) -> usize {
    Arc::as_ptr(entry) as usize
}

impl Renderer<'_> {
    /// The A–Z list's own page (`search/a-z/`), on a site with more than `AZ_ON_SEARCH_PAGE` entries.
    pub(super) fn az_page(&self) -> Result<JobOutput, Failed> {
        let config = &self.site.config;
        let mut page = self.generated_page("a-z", "search/a-z/", self.site.strings.get("pages.a_z_title"));
        self.add_structured_data(&mut page);
        page.breadcrumbs.push(LinkContext::new(
            self.site.strings.get("pages.search_title"),
            config.url(&config.lang_path("search/")),
        ));
        let mut az = self.az();
        // A theme whose az.html prints `group.html` gets each letter made once, and not its lines as well
        // (30,000 of them made into the page's context were as costly as the page); one whose az.html lists
        // `group.entries` itself (written before az-group.html) gets those.
        let pieces = self.templates.source("partials/az.html").is_some_and(|az| az.contains("group.html"));
        if pieces && self.templates.has(GROUP_TEMPLATE) {
            for group in &mut az {
                group.html = self.az_group(group);
                if group.html.is_some() {
                    group.entries = Vec::new();
                }
            }
        }
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("az", &az);
        self.finish(
            "a-z.html",
            &context,
            config.lang_path("search/a-z/index.html"),
            "the A to Z page".into(),
            JobState::default(),
        )
    }

    /// One letter's part of the A–Z page, as the last build made it if it shows the same lines. `None` when it
    /// cannot be rendered: az.html then includes az-group.html itself, which reports the problem at the page.
    fn az_group(&self, group: &AzGroup<'_>) -> Option<Arc<str>> {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        (group.letter, group.number).hash(&mut hasher);
        for item in &group.entries {
            (item.title, &item.url, item.singular).hash(&mut hasher);
        }
        let key = hasher.finish();
        let html = if let Some(html) = self.az_groups.kept.groups.get(&key) {
            html.clone()
        } else {
            let mut context = Context::new();
            context.insert("group", group);
            context.insert("az_heading", &false);
            Arc::from(self.templates.tera.render(GROUP_TEMPLATE, &context).ok()?)
        };
        self.az_groups.made().groups.insert(key, html.clone());
        Some(html)
    }

    /// Every entry and plain page by title, grouped by first letter (accents folded; `#` for the rest).
    pub(super) fn az(&self) -> Vec<AzGroup<'_>> {
        let config = &self.site.config;
        let page_kind = self.site.strings.lookup_str("generated.page_kind").unwrap_or("page");
        let kept = &self.az_groups.kept.lines;
        let lines: Vec<Line> = (self.site.entries.iter())
            .map(|e| match kept.get(&address(e)) {
                Some(line) => line.clone(),
                None => Line {
                    entry: e.clone(),
                    sort_key: title_sort_key(e.fields.title()).into(),
                    url: config.url(&e.path(config)).into(),
                },
            })
            .collect();
        let mut items: Vec<AzItem<'_>> = (self.site.entries.iter().zip(&lines))
            .map(|(e, line)| AzItem {
                title: e.fields.title(),
                url: line.url.clone(),
                singular: &config.collections[e.collection].singular,
                sort_key: line.sort_key.clone(),
            })
            .collect();
        self.az_groups.made().lines = lines.into_iter().map(|line| (address(&line.entry), line)).collect();
        items.extend(self.site.pages.iter().filter(|p| matches!(p.kind, ContentKind::Page { .. })).map(|p| AzItem {
            title: p.fields.title(),
            url: page_url(self.site, p).into(),
            singular: page_kind,
            sort_key: title_sort_key(p.fields.title()).into(),
        }));
        // Stable, as the keys were: titles that sort alike keep the entries' order, then the pages'.
        items.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
        let mut az: Vec<AzGroup<'_>> = Vec::new();
        for item in items {
            let letter = item.title.chars().next().map_or('#', |c| {
                let folded = deunicode::deunicode_char(c).and_then(|s| s.chars().next()).unwrap_or(c);
                if folded.is_ascii_alphabetic() { folded.to_ascii_uppercase() } else { '#' }
            });
            match az.last_mut() {
                Some(group) if group.letter == letter => group.entries.push(item),
                _ => az.push(AzGroup { letter, number: az.len() + 1, entries: vec![item], html: None }),
            }
        }
        az
    }
}
