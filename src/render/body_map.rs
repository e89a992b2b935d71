//! The body map: `/body-map/`, a page per region (`/body-map/<region>/`) listing the entries that name it in
//! `regions:` and, through the relations, the entries linked to those (a muscle's stretches and causes), and
//! the small map on each page of an entry that names regions. The regions and the drawing are the theme's
//! (`config::body_map`, `partials/body_map.html`); a site whose entries name no region has no body map.

use super::context::{EntrySummary, LinkContext};
use super::{Failed, JobOutput, JobState, Renderer};
use crate::fields::schema::REGIONS;
use crate::graph::LinkedSite;
use crate::model::Entry;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::Context;

/// Where the body map is, under the site's base path.
pub(super) const PATH: &str = "body-map/";

/// Whether the site has a body map: its theme declares regions and some entry names one.
pub(super) fn in_use(site: &LinkedSite) -> bool {
    region_counts(site).is_some()
}

/// How many entries name each of the theme's regions, in its order; `None` when the site has no body map.
/// Counted once per render: the pages ask for it thousands of times.
pub(super) fn region_counts(site: &LinkedSite) -> Option<Vec<usize>> {
    let regions = &site.config.regions;
    if regions.is_empty() {
        return None;
    }
    let mut counts = vec![0; regions.len()];
    for entry in &site.entries {
        for named in entry.fields.values.list(REGIONS) {
            if let Some(r) = regions.iter().position(|region| region.id.as_str() == named) {
                counts[r] += 1;
            }
        }
    }
    counts.iter().any(|&n| n > 0).then_some(counts)
}

/// The address of region `id`'s page.
pub(super) fn region_path(id: &str) -> String {
    format!("{PATH}{id}/")
}

/// What `partials/body_map.html` draws from.
#[derive(Serialize)]
pub(super) struct BodyMapContext<'a> {
    /// A small map beside an entry (no links, no labels).
    pub small: bool,
    /// The regions shown highlighted.
    pub highlight: Vec<&'a str>,
    /// Every region the theme declares, by id, for the drawing.
    pub regions: BTreeMap<&'a str, RegionContext<'a>>,
    /// The same in the theme's order, for a list in words beside the drawing.
    pub list: Vec<RegionContext<'a>>,
    /// The map's accessible name.
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub(super) struct RegionContext<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    /// How many entries name it.
    pub count: usize,
}

/// One group of entries on a region's page: those of one collection.
#[derive(Serialize)]
struct RegionGroup<'a> {
    collection: &'a str,
    title: &'a str,
    entries: Vec<EntrySummary<'a>>,
}

/// The body map's context (`counts` from [`region_counts`]), with `highlight` shown highlighted.
pub(super) fn map_context<'a>(
    site: &'a LinkedSite,
    counts: &[usize],
    highlight: Vec<&'a str>,
    small: bool,
) -> BodyMapContext<'a> {
    let config = &site.config;
    let list: Vec<RegionContext<'a>> = config
        .regions
        .iter()
        .zip(counts)
        .map(|(region, &count)| RegionContext {
            id: region.id.as_str(),
            name: &region.name,
            url: config.url(&config.lang_path(&region_path(region.id.as_str()))),
            count,
        })
        .collect();
    BodyMapContext {
        small,
        highlight,
        regions: list.iter().map(|r| (r.id, r.clone())).collect(),
        list,
        title: site.strings.get("pages.body_map_title"),
        url: config.url(&config.lang_path(PATH)),
    }
}

/// Whether `entry` names region `id`.
fn names(entry: &Entry, id: &str) -> bool {
    entry.fields.values.list(REGIONS).iter().any(|r| r == id)
}

impl Renderer<'_> {
    /// `/body-map/`: the map, with the regions in words beside it.
    pub(super) fn body_map_page(&self) -> Result<JobOutput, Failed> {
        let config = &self.site.config;
        let mut page = self.generated_page("body-map", PATH, self.site.strings.get("pages.body_map_title"));
        page.description = self.site.strings.get("pages.body_map_intro");
        self.add_structured_data(&mut page);
        let mut context = Context::new();
        context.insert("page", &page);
        let counts = self.region_counts.as_deref().unwrap_or_default();
        context.insert("body_map", &map_context(self.site, counts, Vec::new(), false));
        let path = config.lang_path(&format!("{PATH}index.html"));
        self.finish("body-map.html", &context, path, "the body map".into(), JobState::default())
    }

    /// A region's page: the entries that name it, then the entries linked to those, by collection.
    pub(super) fn region_page(&self, r: usize) -> Result<JobOutput, Failed> {
        let site = self.site;
        let config = &site.config;
        let region = &config.regions[r];
        let id = region.id.as_str();
        let mut page = self.generated_page("region", &region_path(id), region.name.clone());
        page.description = site.strings.fill("pages.region_intro", "region", &region.name.to_lowercase());
        page.breadcrumbs
            .push(LinkContext::new(self.site.strings.get("pages.body_map_title"), config.url(&config.lang_path(PATH))));
        self.add_structured_data(&mut page);
        let named: Vec<usize> = (0..site.entries.len()).filter(|&i| names(&site.entries[i], id)).collect();
        let mut linked: Vec<usize> = named
            .iter()
            .flat_map(|&i| site.links[i].iter().map(|link| link.other))
            .filter(|other| !named.contains(other))
            .collect();
        linked.sort_unstable();
        linked.dedup();
        // The entries that name the region first (the muscles there), then those linked to them.
        let groups: Vec<RegionGroup<'_>> = [&named, &linked]
            .into_iter()
            .flat_map(|set| {
                (0..config.collections.len()).map(move |c| {
                    let entries: Vec<EntrySummary<'_>> = set
                        .iter()
                        .filter(|&&i| site.entries[i].collection == c)
                        .map(|&i| self.listed(i, super::cards::CardHeading::None))
                        .collect();
                    (c, entries)
                })
            })
            .filter(|(_, entries)| !entries.is_empty())
            .map(|(c, entries)| RegionGroup {
                collection: config.collections[c].name.as_str(),
                title: &config.collections[c].title,
                entries,
            })
            .collect();
        let mut context = Context::new();
        context.insert("page", &page);
        let counts = self.region_counts.as_deref().unwrap_or_default();
        let map = map_context(site, counts, vec![id], false);
        context.insert("region", &map.list[r]);
        context.insert("groups", &groups);
        context.insert("body_map", &map);
        let path = config.lang_path(&format!("{}index.html", region_path(id)));
        self.finish("region.html", &context, path, format!("the body map's {} page", region.name), JobState::default())
    }
}
