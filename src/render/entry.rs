//! An entry's page: its fields, body, picture, dosage and related entries, and what it gives the search index.

use super::cards::CardHeading;
use super::context::{self, EntryContext, EntrySummary, ImageContext, LinkContext, RelatedGroup};
use super::{Failed, JobOutput, JobState, Renderer, body_map, images, structured};
use crate::diag::{Diagnostic, Kind};
use crate::model::{Entry, placeholders};
use std::sync::Arc;
use tera::Context;

impl Renderer<'_> {
    pub(super) fn entry(&self, index: usize) -> Result<JobOutput, Failed> {
        let site = self.site;
        let config = &site.config;
        let entry: &Entry = &site.entries[index];
        #[cfg(debug_assertions)]
        super::injected_panic(&entry.source.text);
        let collection = &config.collections[entry.collection];
        let mut job = JobState::default();
        let mut body = self.markdown(&entry.source, entry.body_offset, &mut job);
        let body_text = std::mem::take(&mut body.text);
        let path = entry.path(config);
        let url = config.url(&path);
        let fields = &entry.fields;
        let mut page = self.page_context("entry", Some(fields), url, Some(body));
        page.alternates = self.entry_alternates(index);
        page.structured_data = structured::entry_script(site, index, &page.description, &self.shared_nodes);
        page.breadcrumbs
            .push(LinkContext::new(collection.title.clone(), config.url(&config.collection_path(entry.collection))));

        let exercise = fields.exercise();
        let html = |lines: Vec<(String, String)>| lines.into_iter().map(|(html, _)| html).collect::<Vec<_>>();
        let (steps, modifications, cautions) = match exercise {
            Some(e) => (
                html(self.exercise_lines(entry, "steps", e.steps(), &mut job)),
                html(self.exercise_lines(entry, "modifications", e.modifications(), &mut job)),
                self.exercise_lines(entry, "cautions", e.cautions(), &mut job),
            ),
            None => Default::default(),
        };
        // Search reads the cautions as a reader does: links as their titles, `{hold}` filled in. Steps are not
        // searched: "knee to chest" is a step of half the stretches, and a client looks for the one named so.
        let (cautions, caution_text): (Vec<String>, Vec<String>) = cautions.into_iter().unzip();
        let mut search = crate::search::entry_document(site, index, body_text, caution_text);
        search.thumbnail = self.thumbnail(entry).map(|t| t.src);
        // The site's red flags, then the entry's own that do not repeat one of them.
        let red_flags = if collection.schema.shows_red_flags() {
            crate::model::red_flags::merged(&config.red_flags, fields.red_flags())
        } else {
            Vec::new()
        };
        let context_entry = EntryContext {
            id: entry.id.as_str(),
            collection: collection.name.as_str(),
            collection_title: &collection.title,
            singular: &collection.singular,
            schema: collection.schema.as_str(),
            title: fields.title(),
            summary: fields.summary(),
            aliases: fields.aliases(),
            image: fields.image().and_then(|image| self.entry_image(image, &mut job)),
            step_images: fields
                .values
                .item_images("steps")
                .iter()
                .map(|image| image.as_ref().and_then(|image| self.entry_image(image, &mut job)))
                .collect(),
            video: fields
                .values
                .video("video")
                .and_then(|video| self.video(video, fields.title(), &mut job.diagnostics)),
            kind: exercise.and_then(|e| e.kind()),
            difficulty: exercise.and_then(|e| e.difficulty()),
            position: exercise.and_then(|e| e.position()),
            equipment: exercise.map_or(&[], |e| e.equipment()),
            dosage: context::dosage(fields),
            steps,
            modifications,
            cautions,
            symptoms: fields.symptoms(),
            location: fields.location(),
            actions: fields.actions(),
            regions: self.regions_of(entry),
            body_map: Some(fields.values.list(crate::fields::schema::REGIONS))
                .filter(|regions| !regions.is_empty())
                .zip(self.region_counts.as_deref())
                .map(|(regions, counts)| {
                    body_map::map_context(site, counts, regions.iter().map(String::as_str).collect(), true)
                }),
            red_flags,
            handouts: self.handouts_listing(entry.id.as_str()),
            related: self.related(index),
            fields: &fields.values,
            own_fields: context::OwnField::list(entry, collection),
        };
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("entry", &context_entry);
        let template = self.pick(collection.name.as_str(), "entry.html");
        let output = self.finish(
            &template,
            &context,
            crate::config::file_of(&path),
            entry.source.path.display().to_string(),
            job,
        );
        output.map(|output| JobOutput { search: Some(Arc::new(search)), ..output })
    }

    /// The body map regions `entry` names, as links to their pages (none on a site without a body map).
    fn regions_of(&self, entry: &Entry) -> Vec<LinkContext> {
        let site = self.site;
        if self.region_counts.is_none() {
            return Vec::new();
        }
        let named = entry.fields.values.list(crate::fields::schema::REGIONS);
        site.config
            .regions
            .iter()
            .filter(|region| named.iter().any(|n| n == region.id.as_str()))
            .map(|region| {
                let url = site.config.url(&site.config.lang_path(&body_map::region_path(region.id.as_str())));
                LinkContext::new(region.name.clone(), url)
            })
            .collect()
    }

    /// An entry as a list shows it, with its picture small. A picture that cannot be shown is left out here;
    /// the entry's own page reports it.
    pub(super) fn summary<'e>(&'e self, entry: &'e Entry) -> EntrySummary<'e> {
        EntrySummary { thumbnail: self.thumbnail(entry), ..EntrySummary::new(entry, &self.site.config) }
    }

    /// An entry's picture, small (see `summary`).
    fn thumbnail(&self, entry: &Entry) -> Option<images::Thumbnail> {
        let image = entry.fields.image()?;
        if images::is_external(&image.src) {
            return Some(images::Thumbnail::external(&image.src));
        }
        let picture = self.assets.images.get(&image.src).ok()?;
        Some(images::Thumbnail::new(&picture, &self.site.config))
    }

    /// An entry's picture, or a problem at its `image:` line when the file cannot be shown.
    fn entry_image(&self, image: &crate::model::entry::Image, job: &mut JobState) -> Option<ImageContext> {
        let config = &self.site.config;
        if images::is_external(&image.src) {
            return Some(ImageContext::new(image, None, config));
        }
        match self.assets.images.get(&image.src) {
            Ok(picture) => Some(ImageContext::new(image, Some(&picture), config)),
            Err(problem) => {
                job.diagnostics.push(
                    Diagnostic::error(Kind::Image, problem.message).at(image.location.clone()).help(problem.help),
                );
                None
            }
        }
    }

    /// The entries linked to `index`, grouped by the other entry's collection, in site.yaml's order.
    fn related(&self, index: usize) -> Vec<RelatedGroup<'_>> {
        let site = self.site;
        let config = &site.config;
        let mut groups: Vec<RelatedGroup<'_>> = Vec::new();
        for c in 0..config.collections.len() {
            let mut entries: Vec<EntrySummary<'_>> = Vec::new();
            for link in &site.links[index] {
                let other = &site.entries[link.other];
                if other.collection == c && !entries.iter().any(|e| e.id == other.id.as_str()) {
                    entries.push(self.listed(link.other, CardHeading::None));
                }
            }
            if !entries.is_empty() {
                let collection = &config.collections[c];
                groups.push(RelatedGroup {
                    collection: collection.name.as_str(),
                    title: &collection.title,
                    singular: &collection.singular,
                    entries,
                });
            }
        }
        groups
    }
}

impl Renderer<'_> {
    /// An exercise's list (`steps`), each line as HTML and as the text a reader sees, `{hold}` in it the entry's
    /// own hold in the page's words.
    fn exercise_lines(&self, entry: &Entry, name: &str, items: &[String], job: &mut JobState) -> Vec<(String, String)> {
        let values = &entry.fields.values;
        let words = |field: &str| values.integer(field).map(|n| self.site.strings.dosage_value(field, n));
        let offsets = values.item_offsets(name);
        let offset = |i: usize| offsets.get(i).copied().flatten();
        let rendered = items.iter().enumerate().map(|(i, item)| {
            let (text, unfilled) = placeholders::fill(item, &words);
            for placeholder in unfilled {
                job.diagnostics.push(unfilled_placeholder(entry, name, i, offset(i), &placeholder));
            }
            self.inline_markdown(&entry.source, &text, offset(i), job)
        });
        rendered.collect()
    }
}

/// A `{word}` in an entry's list that no dosage fills: a misspelt placeholder, or one for a field the entry
/// does not give. The page shows it as written, so the build says where it is and what to write.
fn unfilled_placeholder(entry: &Entry, list: &str, item: usize, offset: Option<usize>, name: &str) -> Diagnostic {
    let known = placeholders::DOSAGE_PLACEHOLDERS.map(|(name, _)| format!("{{{name}}}")).join(", ");
    let (message, help) = match placeholders::field_of(name) {
        Some(field) => (
            format!(
                "`{{{name}}}` in item {} of `{list}` stands for `{field}`, which this entry does not give",
                item + 1
            ),
            format!("add `{field}:` to the front matter, or write the number in place of `{{{name}}}`"),
        ),
        None => (
            format!("`{{{name}}}` in item {} of `{list}` is not a dosage placeholder", item + 1),
            format!("the placeholders are {known}; anything else in braces is printed as it is written"),
        ),
    };
    let diagnostic = Diagnostic::warning(Kind::Field, message).help(help);
    match offset {
        Some(offset) => {
            let map = crate::diag::SourceMap::new(&entry.source.text);
            let start = entry.source.text[offset..].find(&format!("{{{name}}}")).map_or(offset, |i| offset + i);
            diagnostic.at(crate::diag::Location::at(&entry.source.path, &map, start, name.len() + 2))
        }
        None => diagnostic.in_file(&entry.source.path),
    }
}
