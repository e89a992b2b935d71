//! Builds the index files: term postings with precomputed scores, split into shards by prefix; document
//! chunks; facet data; the manifest.

use super::text::{STOP_WORDS, for_each_term, terms};
use super::{FacetInfo, SearchDoc};
use crate::config::SiteConfig;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Field weights: title, aliases, summary, related entries' titles, body, related entries' summaries. A word
/// in the title or an alias counts far more than one in the body.
const WEIGHTS: [f32; 6] = [10.0, 8.0, 3.0, 4.0, 1.0, 1.0];
const RELATED: usize = 3;
const BODY: usize = 4;
const K1: f32 = 1.2;
/// Body length (in terms) at which the body's saturation is neither eased nor tightened.
const TYPICAL_BODY: f32 = 400.0;
/// Documents per chunk: a result list fetches the chunks of its first results only, so chunks stay small.
const CHUNK_SIZE: usize = 32;
/// Postings kept per term (the highest-scoring pages).
const MAX_POSTINGS: usize = 1000;
/// A shard bigger than this (bytes of JSON) is split by a longer prefix.
const SHARD_BYTES: usize = 24 * 1024;
const EXCERPT_CHARS: usize = 200;

/// The index files, as (path inside the output, bytes).
pub(crate) fn build(docs: &[SearchDoc], config: &SiteConfig, facets: &[FacetInfo]) -> Vec<(String, Vec<u8>)> {
    let groups = synonym_groups(config);
    let phrases = phrase_table(&groups);
    // Postings, with the number of documents whose own text has the term: words that appear only through
    // related entries must not make a term look common (that would drown "sitting" once every stretch for
    // prolonged sitting carries the word). Each thread interns terms, so a word costs a string only the
    // first time that thread sees it.
    let postings = docs
        .par_iter()
        .enumerate()
        .fold(Postings::default, |mut postings, (number, doc)| {
            let number = u32::try_from(number).expect("fewer than 4 billion pages");
            postings.add_doc(number, doc, &phrases);
            postings
        })
        .reduce(Postings::default, Postings::merge);
    let total = docs.len() as f32;
    let mut encoded: Vec<(String, String)> = postings
        .terms
        .into_par_iter()
        .zip(postings.lists.into_par_iter())
        .map(|(term, (mut list, own))| {
            let df = own.max(1) as f32;
            let idf = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
            // A word on thousands of pages says little about any one of them: keep the pages where it weighs
            // most, so a query for a common word downloads a bounded list.
            if list.len() > MAX_POSTINGS {
                list.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                list.truncate(MAX_POSTINGS);
            }
            list.sort_unstable_by_key(|&(doc, _)| doc);
            (term.into_string(), encode_postings(&list, idf))
        })
        .collect();
    encoded.sort_unstable();

    let mut files = Vec::new();
    let shards = shard(&encoded);
    for (key, terms) in &shards {
        let mut json = String::from("{");
        for (i, (term, list)) in terms.iter().enumerate() {
            let _ = write!(json, "{}\"{term}\":[{list}]", if i == 0 { "" } else { "," });
        }
        json.push('}');
        files.push((format!("search/index/t/{key}.json"), json.into_bytes()));
    }
    for (n, chunk) in docs.chunks(CHUNK_SIZE).enumerate() {
        let rows: Vec<_> = chunk
            .iter()
            .map(|d| json!([d.title, d.url, d.collection.map_or(-1, |c| i64::try_from(c).unwrap_or(-1)), excerpt(d)]))
            .collect();
        files.push((format!("search/index/d/{n}.json"), serde_json::to_vec(&rows).unwrap_or_default()));
    }
    let (facet_files, present) = facet_data(docs, facets);
    files.extend(facet_files);
    let manifest = json!({
        "version": 1,
        "docs": docs.len(),
        "chunk_size": CHUNK_SIZE,
        "shards": shards.keys().collect::<Vec<_>>(),
        "stopwords": STOP_WORDS,
        "synonym_groups": groups,
        "collections": config.collections.iter().map(|c| json!({"name": c.name, "title": c.title, "singular": c.singular})).collect::<Vec<_>>(),
        "facets": present.iter().map(|f| json!({"name": f.name, "label": f.label})).collect::<Vec<_>>(),
        "max_postings": MAX_POSTINGS,
    });
    files.push(("search/index/manifest.json".into(), serde_json::to_vec(&manifest).unwrap_or_default()));
    files
}

/// Each synonym group as lists of member phrases, each phrase a list of terms.
fn synonym_groups(config: &SiteConfig) -> Vec<Vec<Vec<String>>> {
    config
        .synonyms
        .iter()
        .map(|group| group.iter().map(|member| terms(member)).filter(|t| !t.is_empty()).collect::<Vec<_>>())
        .collect()
}

/// Last term of a phrase -> (group, whole phrase): a phrase is recognised when its last word arrives, with
/// one lookup per word.
fn phrase_table(groups: &[Vec<Vec<String>>]) -> HashMap<&str, Vec<(usize, &[String])>> {
    let mut table: HashMap<&str, Vec<(usize, &[String])>> = HashMap::default();
    for (g, group) in groups.iter().enumerate() {
        for phrase in group {
            let last = phrase.last().expect("empty phrases are dropped");
            table.entry(last.as_str()).or_default().push((g, phrase.as_slice()));
        }
    }
    table
}

/// Postings as one thread builds them: terms interned to numbers, and for each term its (document, impact)
/// list and how many documents have it in their own text.
#[derive(Default)]
struct Postings {
    ids: HashMap<Box<str>, u32>,
    terms: Vec<Box<str>>,
    lists: Vec<(Vec<(u32, f32)>, u32)>,
    /// Per-document scratch: term id -> occurrences per field.
    counts: HashMap<u32, [u32; 6]>,
}

impl Postings {
    fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).expect("fewer than 4 billion terms");
        self.ids.insert(term.into(), id);
        self.terms.push(term.into());
        self.lists.push((Vec::new(), 0));
        id
    }

    /// Adds a document's terms with their impact: per field, saturated term frequency times the field's
    /// weight; a term counts as the document's own unless it comes only from related entries.
    fn add_doc(&mut self, number: u32, doc: &SearchDoc, phrases: &HashMap<&str, Vec<(usize, &[String])>>) {
        let aliases = doc.aliases.join(" . ");
        let related = doc.related.join(" . ");
        let related_summaries = doc.related_summaries.join(" . ");
        let fields: [&str; 6] = [&doc.title, &aliases, &doc.summary, &related, &doc.body, &related_summaries];
        let mut counts = std::mem::take(&mut self.counts);
        counts.clear();
        let mut body_length = 0;
        // The last few terms, to recognise synonym phrases ("sciatic nerve") as they end.
        let longest = phrases.values().flatten().map(|(_, p)| p.len()).max().unwrap_or(1);
        let mut recent: Vec<String> = Vec::with_capacity(longest);
        for (f, text) in fields.iter().enumerate() {
            recent.clear();
            let mut length = 0;
            for_each_term(text, |term| {
                length += 1;
                let id = self.intern(term);
                counts.entry(id).or_default()[f] += 1;
                // Reuse the oldest slot's buffer: no allocation per word once the window is full.
                let mut slot = if recent.len() == longest { recent.remove(0) } else { String::new() };
                slot.clear();
                slot.push_str(term);
                recent.push(slot);
                if let Some(candidates) = phrases.get(term) {
                    for (group, phrase) in candidates {
                        if recent.len() >= phrase.len() && recent[recent.len() - phrase.len()..] == **phrase {
                            let id = self.intern(&format!("~{group}"));
                            counts.entry(id).or_default()[f] += 1;
                        }
                    }
                }
            });
            if f == BODY {
                body_length = length;
            }
        }
        let body_norm = 0.25 + 0.75 * (body_length as f32 / TYPICAL_BODY);
        for (&id, tf) in &counts {
            let impact = (0..fields.len())
                .filter(|&f| tf[f] > 0)
                .map(|f| {
                    let tf = tf[f] as f32;
                    let norm = if f == BODY { body_norm } else { 1.0 };
                    WEIGHTS[f] * tf * (K1 + 1.0) / (tf + K1 * norm)
                })
                .sum();
            let own = tf[..RELATED].iter().chain(&tf[BODY..=BODY]).any(|&n| n > 0);
            let entry = &mut self.lists[id as usize];
            entry.0.push((number, impact));
            entry.1 += u32::from(own);
        }
        self.counts = counts;
    }

    /// Folds another thread's postings into these.
    fn merge(mut self, other: Postings) -> Postings {
        for (term, (list, own)) in other.terms.into_iter().zip(other.lists) {
            let id = self.intern(&term) as usize;
            self.lists[id].0.extend(list);
            self.lists[id].1 += own;
        }
        self
    }
}

/// `doc-delta,score,...` with scores as positive integers.
fn encode_postings(list: &[(u32, f32)], idf: f32) -> String {
    let mut out = String::with_capacity(list.len() * 6);
    let mut numbers = itoa::Buffer::new();
    let mut previous = 0;
    for (i, (doc, impact)) in list.iter().enumerate() {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // bounded, positive scores
        let score = ((impact * idf * 10.0).round() as u32).max(1);
        if i > 0 {
            out.push(',');
        }
        out.push_str(numbers.format(doc - previous));
        out.push(',');
        out.push_str(numbers.format(score));
        previous = *doc;
    }
    out
}

/// Groups terms into shards by prefix: one letter, and longer prefixes where a shard would be too big.
/// Synonym terms (`~n`) go to the `~` shard. A term lives in the longest key that prefixes it.
fn shard(encoded: &[(String, String)]) -> BTreeMap<String, Vec<&(String, String)>> {
    let mut shards: BTreeMap<String, Vec<&(String, String)>> = BTreeMap::new();
    let mut pending: Vec<(String, Vec<&(String, String)>)> = Vec::new();
    let mut by_first: BTreeMap<String, Vec<&(String, String)>> = BTreeMap::new();
    for entry in encoded {
        let key = if entry.0.starts_with('~') { "~".to_string() } else { entry.0[..1].to_string() };
        by_first.entry(key).or_default().push(entry);
    }
    pending.extend(by_first);
    while let Some((key, terms)) = pending.pop() {
        let size: usize = terms.iter().map(|(t, l)| t.len() + l.len() + 4).sum();
        if size <= SHARD_BYTES || key.len() >= 4 {
            shards.insert(key, terms);
            continue;
        }
        let mut longer: BTreeMap<String, Vec<&(String, String)>> = BTreeMap::new();
        let mut stay = Vec::new();
        for entry in terms {
            if entry.0.len() > key.len() {
                longer.entry(entry.0[..=key.len()].to_string()).or_default().push(entry);
            } else {
                stay.push(entry);
            }
        }
        if !stay.is_empty() {
            shards.insert(key, stay);
        }
        pending.extend(longer);
    }
    shards
}

fn excerpt(doc: &SearchDoc) -> String {
    let mut text = doc.summary.clone();
    if text.chars().count() < EXCERPT_CHARS {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&doc.body);
    }
    if text.chars().count() <= EXCERPT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    match cut.rfind(' ') {
        Some(space) => format!("{}…", &cut[..space]),
        None => cut,
    }
}

/// One file per facet (`f/<name>.json`), and the facets that have at least one value (in the given order).
fn facet_data<'f>(docs: &[SearchDoc], facets: &'f [FacetInfo]) -> (Vec<(String, Vec<u8>)>, Vec<&'f FacetInfo>) {
    let mut values: HashMap<&str, BTreeMap<&str, Vec<u32>>> = HashMap::default();
    for (number, doc) in docs.iter().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        for (facet, value) in &doc.facets {
            let list = values.entry(facet.as_str()).or_default().entry(value.as_str()).or_default();
            if list.last() != Some(&number) {
                list.push(number);
            }
        }
    }
    let mut out = Vec::new();
    let mut present = Vec::new();
    for facet in facets {
        let Some(entries) = values.get(facet.name.as_str()) else { continue };
        let rows: Vec<_> = entries
            .iter()
            .map(|(label, docs)| {
                let mut previous = 0;
                let deltas: Vec<u32> = docs
                    .iter()
                    .map(|&d| {
                        let delta = d - previous;
                        previous = d;
                        delta
                    })
                    .collect();
                json!([label, deltas])
            })
            .collect();
        let json = serde_json::to_vec(&json!({"label": facet.label, "values": rows})).unwrap_or_default();
        out.push((format!("search/index/f/{}.json", facet.name), json));
        present.push(facet);
    }
    (out, present)
}
