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
    // prolonged sitting carries the word).
    let postings: HashMap<String, (Vec<(u32, f32)>, u32)> = docs
        .par_iter()
        .enumerate()
        .fold(HashMap::default, |mut postings: HashMap<String, (Vec<(u32, f32)>, u32)>, (number, doc)| {
            let number = u32::try_from(number).expect("fewer than 4 billion pages");
            for (term, impact, own) in doc_terms(doc, &phrases) {
                let entry = postings.entry(term).or_default();
                entry.0.push((number, impact));
                entry.1 += u32::from(own);
            }
            postings
        })
        .reduce(HashMap::default, |mut a, b| {
            let (mut a, b) = if a.len() >= b.len() { (a, b) } else { (b, std::mem::take(&mut a)) };
            for (term, (list, own)) in b {
                let entry = a.entry(term).or_default();
                entry.0.extend(list);
                entry.1 += own;
            }
            a
        });
    let total = docs.len() as f32;
    let mut encoded: Vec<(String, String)> = postings
        .into_par_iter()
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
            (term, encode_postings(&list, idf))
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

/// A document's terms with their impact (per field, saturated term frequency times the field's weight), and
/// whether the term is in the document's own text rather than only in its related entries'.
fn doc_terms(doc: &SearchDoc, phrases: &HashMap<&str, Vec<(usize, &[String])>>) -> Vec<(String, f32, bool)> {
    let aliases = doc.aliases.join(" . ");
    let related = doc.related.join(" . ");
    let related_summaries = doc.related_summaries.join(" . ");
    let fields: [&str; 6] = [&doc.title, &aliases, &doc.summary, &related, &doc.body, &related_summaries];
    let mut counts: HashMap<String, [u32; 6]> = HashMap::default();
    let mut body_length = 0;
    // The last few terms, to recognise synonym phrases ("sciatic nerve") as they end.
    let longest = phrases.values().flatten().map(|(_, p)| p.len()).max().unwrap_or(1);
    let mut recent: Vec<String> = Vec::with_capacity(longest);
    for (f, text) in fields.iter().enumerate() {
        recent.clear();
        let mut length = 0;
        for_each_term(text, |term| {
            length += 1;
            // Look up before inserting, so a word seen before costs no new string.
            if let Some(tf) = counts.get_mut(term) {
                tf[f] += 1;
            } else {
                let mut tf = [0; 6];
                tf[f] = 1;
                counts.insert(term.to_string(), tf);
            }
            // Reuse the oldest slot's buffer: no allocation per word once the window is full.
            let mut slot = if recent.len() == longest { recent.remove(0) } else { String::new() };
            slot.clear();
            slot.push_str(term);
            recent.push(slot);
            if let Some(candidates) = phrases.get(term) {
                for (group, phrase) in candidates {
                    if recent.len() >= phrase.len() && recent[recent.len() - phrase.len()..] == **phrase {
                        counts.entry(format!("~{group}")).or_default()[f] += 1;
                    }
                }
            }
        });
        if f == BODY {
            body_length = length;
        }
    }
    let body_norm = 0.25 + 0.75 * (body_length as f32 / TYPICAL_BODY);
    counts
        .into_iter()
        .map(|(term, tf)| {
            let impact = (0..fields.len())
                .filter(|&f| tf[f] > 0)
                .map(|f| {
                    let tf = tf[f] as f32;
                    let norm = if f == BODY { body_norm } else { 1.0 };
                    WEIGHTS[f] * tf * (K1 + 1.0) / (tf + K1 * norm)
                })
                .sum();
            let own = tf[..RELATED].iter().chain(&tf[BODY..=BODY]).any(|&n| n > 0);
            (term, impact, own)
        })
        .collect()
}

/// `doc-delta,score,...` with scores as positive integers.
fn encode_postings(list: &[(u32, f32)], idf: f32) -> String {
    let mut out = String::with_capacity(list.len() * 6);
    let mut previous = 0;
    for (i, (doc, impact)) in list.iter().enumerate() {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // bounded, positive scores
        let score = ((impact * idf * 10.0).round() as u32).max(1);
        let _ = write!(out, "{}{},{score}", if i == 0 { "" } else { "," }, doc - previous);
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
