//! The index files as the browser reads them (docs/search.md): term shards, document chunks, facet data and
//! the manifest. Postings arrive already encoded; this module only lays them out.

use super::postings::MAX_POSTINGS;
use super::snippets;
use super::{FacetInfo, SearchDoc};
use crate::config::SiteConfig;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde_json::json;
use std::borrow::Borrow;

/// Documents per chunk: a result list fetches the chunks of its first results only, so chunks stay small.
pub(super) const CHUNK_SIZE: usize = 8;
/// A shard bigger than this (bytes of JSON) is split by a longer prefix.
const SHARD_BYTES: usize = 24 * 1024;
/// Prefixes this long are not split further, however big their shard.
const LONGEST_KEY: usize = 4;
/// Prefixes this short whose terms fill more than a shard get a merged list of their own (`p/<prefix>.json`):
/// a two-letter word being typed would otherwise fetch every shard under it (over 300 KB for "st" or "re" on
/// a 10,000-page site), when it only needs each page's best match.
const MERGED_PREFIX_LENGTHS: [usize; 2] = [2, 3];

/// A term and its encoded postings (`doc-delta,score,...`).
pub(super) type Encoded<'a> = (&'a str, &'a [u8]);

/// The term files: the shards, and the merged prefix lists.
pub(super) struct TermFiles {
    /// (key, JSON), in key order.
    pub shards: Vec<(String, Vec<u8>)>,
    /// (prefix, JSON), in prefix order.
    pub prefixes: Vec<(String, Vec<u8>)>,
}

/// The term shards and merged prefix lists of `terms`, sorted by term; `groups`: the synonym groups, each a
/// list of member phrases of terms, whose synonym terms (`~n`) are among `terms`.
pub(super) fn term_files(terms: &[Encoded<'_>], groups: &[Vec<Vec<String>>]) -> TermFiles {
    let (shards, prefixes) = rayon::join(|| term_shards(terms, groups), || merged_prefixes(terms));
    TermFiles { shards, prefixes }
}

/// The term shards as (key, JSON), in key order. `terms` must be sorted by term, so the terms under one
/// prefix are a run: a term lives in the shard whose key is the longest prefix of it, and a shard is split by
/// a longer prefix while it is too big. Synonym terms (`~n`) share the `~` shard the same way, and are copied
/// into the shard of each word of their group's members (`group_copies`).
fn term_shards(terms: &[Encoded<'_>], groups: &[Vec<Vec<String>>]) -> Vec<(String, Vec<u8>)> {
    let mut keys = Vec::new();
    for run in terms.chunk_by(|a, b| a.0.as_bytes()[0] == b.0.as_bytes()[0]) {
        split(run, &run[0].0[..1], &mut keys);
    }
    let copies = group_copies(terms, groups, &keys);
    keys.into_par_iter()
        .zip(copies.par_iter())
        .map(|((key, run), copies)| {
            let run: Vec<&Encoded<'_>> = run.iter().chain(copies.iter()).collect();
            let size = run.iter().map(|(term, list)| term.len() + list.len() + 6).sum::<usize>() + 2;
            let mut json = Vec::with_capacity(size);
            json.push(b'{');
            for (i, (term, list)) in run.iter().enumerate() {
                if i > 0 {
                    json.push(b',');
                }
                json.push(b'"');
                json.extend_from_slice(term.as_bytes());
                json.extend_from_slice(b"\":[");
                json.extend_from_slice(list);
                json.push(b']');
            }
            json.push(b'}');
            (key.to_string(), json)
        })
        .collect()
}

/// For each shard of `keys`, the synonym terms (`~n`, with their postings) copied into it: those of the groups
/// one of whose members has a word that lives in it. A query word that is a member of a group finds the
/// group's pages in its own shard (search-core.js reads them there), one file rather than two. A word no
/// shard's key is a prefix of (no page has a term starting like it) has its groups looked up in the `~` shards.
fn group_copies<'k>(
    terms: &[Encoded<'k>],
    groups: &[Vec<Vec<String>>],
    keys: &[(&str, &[Encoded<'_>])],
) -> Vec<Vec<Encoded<'k>>> {
    let at: HashMap<&str, usize> = keys.iter().enumerate().map(|(i, (key, _))| (*key, i)).collect();
    let longest = keys.iter().map(|(key, _)| key.len()).max().unwrap_or(0);
    let mut copies: Vec<Vec<Encoded<'k>>> = vec![Vec::new(); keys.len()];
    for (g, group) in groups.iter().enumerate() {
        let synonym = format!("~{g}");
        let Ok(found) = terms.binary_search_by(|(term, _)| (*term).cmp(synonym.as_str())) else { continue };
        for word in group.iter().flatten() {
            // The longest key that is a prefix of the word, as search-core.js's `shardKey` finds it.
            let shard = (1..=word.len().min(longest)).rev().find_map(|n| word.get(..n).and_then(|k| at.get(k)));
            if let Some(&shard) = shard
                && !copies[shard].iter().any(|(term, _)| *term == terms[found].0)
            {
                copies[shard].push(terms[found]);
            }
        }
    }
    copies
}

/// Adds `key`'s shard, or, when it is too big, the term equal to `key` under `key` and the others under
/// longer keys; in key order, since the runs are sorted and a key comes before the keys it prefixes.
fn split<'k, 'a>(run: &'a [Encoded<'k>], key: &'k str, keys: &mut Vec<(&'k str, &'a [Encoded<'k>])>) {
    let size: usize = run.iter().map(|(term, list)| term.len() + list.len() + 4).sum();
    if size <= SHARD_BYTES || key.len() >= LONGEST_KEY {
        keys.push((key, run));
        return;
    }
    // Every term here starts with `key`, so only `key` itself is not longer; it sorts first.
    let stay = usize::from(run[0].0.len() == key.len());
    if stay > 0 {
        keys.push((key, &run[..stay]));
    }
    let longer = key.len() + 1;
    for sub in run[stay..].chunk_by(|a, b| a.0.as_bytes()[..longer] == b.0.as_bytes()[..longer]) {
        split(sub, &sub[0].0[..longer], keys);
    }
}

/// For each prefix of `MERGED_PREFIX_LENGTHS` letters whose longer terms fill more than a shard, (prefix, its
/// merged list): each page that has a term starting with the prefix (other than the prefix itself), with the
/// score search-core.js would give its best such term, `score * prefix length / term length`, in the form of a
/// term's postings; only the `MAX_POSTINGS` best pages, as for a term. `terms` must be sorted by term.
fn merged_prefixes(terms: &[Encoded<'_>]) -> Vec<(String, Vec<u8>)> {
    let mut runs = Vec::new();
    for length in MERGED_PREFIX_LENGTHS {
        // Words are ASCII letters and digits; synonym terms (`~n`) are left out.
        let long: Vec<&Encoded<'_>> =
            terms.iter().filter(|(term, _)| term.len() > length && !term.starts_with('~')).collect();
        for run in long.chunk_by(|a, b| a.0.as_bytes()[..length] == b.0.as_bytes()[..length]) {
            let size: usize = run.iter().map(|(term, list)| term.len() + list.len() + 4).sum();
            if size > SHARD_BYTES {
                runs.push((&run[0].0[..length], run.to_vec()));
            }
        }
    }
    let mut merged: Vec<(String, Vec<u8>)> = runs
        .into_par_iter()
        .map_init(Vec::new, |best, (prefix, run)| (prefix.to_string(), merge(prefix.len(), &run, best)))
        .collect();
    merged.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    merged
}

/// The merged list of `run`'s terms for a prefix of `length` letters, as JSON. `best` is scratch space, by
/// page: the best score so far (0 for none).
fn merge(length: usize, run: &[&Encoded<'_>], best: &mut Vec<u32>) -> Vec<u8> {
    best.clear();
    for (term, list) in run {
        let mut numbers = decode(list);
        let mut doc = 0;
        while let (Some(delta), Some(score)) = (numbers.next(), numbers.next()) {
            doc += delta;
            #[allow(clippy::cast_possible_truncation)] // a score times a ratio below 1
            let score = ((u64::from(score) * length as u64 + term.len() as u64 / 2) / term.len() as u64) as u32;
            let at = doc as usize;
            if best.len() <= at {
                best.resize(at + 1, 0);
            }
            best[at] = best[at].max(score.max(1));
        }
    }
    let mut pages: Vec<(u32, u32)> = (0u32..).zip(best.iter().copied()).filter(|&(_, score)| score > 0).collect();
    if pages.len() > MAX_POSTINGS {
        pages.select_nth_unstable_by(MAX_POSTINGS - 1, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        pages.truncate(MAX_POSTINGS);
        pages.sort_unstable();
    }
    let mut json = Vec::with_capacity(pages.len() * 8 + 2);
    json.push(b'[');
    let mut numbers = itoa::Buffer::new();
    let mut previous = 0;
    for (i, (doc, score)) in pages.into_iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        json.extend_from_slice(numbers.format(doc - previous).as_bytes());
        json.push(b',');
        json.extend_from_slice(numbers.format(score).as_bytes());
        previous = doc;
    }
    json.push(b']');
    json
}

/// The numbers of an encoded list (`doc-delta,score,...`).
fn decode(list: &[u8]) -> impl Iterator<Item = u32> + '_ {
    list.split(|&b| b == b',').map(|n| n.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0')))
}

/// What becomes of an index file once it is made: given its path in the output and its bytes, what the
/// caller keeps of it (the bytes themselves, or only what a publish needs once it is written to disk).
pub(crate) type Keep<'a, K> = dyn Fn(&str, Vec<u8>) -> K + Sync + 'a;

/// A chunk's files: what its results show (`d/<n>.json`) and, a file per document, each document's passages
/// (`s/<document>.json`) as `keep` kept them.
pub(super) type ChunkFiles<K> = (Vec<u8>, Vec<K>);

/// The document chunks' JSON (`d/<n>.json` and their documents' `s/<document>.json`), chunk by chunk. Each
/// passage file is given to `keep` as soon as it is made: together they are as large as the bodies.
pub(super) fn doc_chunks<D: Borrow<SearchDoc> + Sync, K: Send>(docs: &[D], keep: &Keep<K>) -> Vec<ChunkFiles<K>> {
    docs.par_chunks(CHUNK_SIZE).enumerate().map(|(n, chunk)| doc_chunk(chunk, n * CHUNK_SIZE, keep)).collect()
}

/// The path of document `d`'s passages.
fn passages_path(d: usize) -> String {
    format!("search/index/s/{d}.json")
}

/// A document chunk's JSON (docs/search.md): per document `[title, url, collection or -1, excerpt, picture or
/// null, aliases, cautions]`, what a result shows first; and apart, each document's passages (the sentences of
/// its whole body), which a result may show instead once they are in. They are a file per document because a
/// result list fetches them for the results it shows (a first query does not wait for them), and a body is
/// most of a document's bytes: in a chunk, a result would download its neighbours' bodies too.
/// `first`: the number of the chunk's first document.
pub(super) fn doc_chunk<D: Borrow<SearchDoc>, K>(docs: &[D], first: usize, keep: &Keep<K>) -> ChunkFiles<K> {
    let rows: Vec<_> = docs
        .iter()
        .map(|d| {
            let d = d.borrow();
            let collection = d.collection.map_or(-1, |c| i64::try_from(c).unwrap_or(-1));
            let excerpt = snippets::excerpt(&d.summary, &d.body);
            (&d.title, &d.url, collection, excerpt, &d.thumbnail, &d.aliases, &d.cautions)
        })
        .collect();
    let passages = docs.iter().enumerate().map(|(i, d)| {
        let d = d.borrow();
        keep(
            &passages_path(first + i),
            serde_json::to_vec(&snippets::passages(&d.body, &d.details)).unwrap_or_default(),
        )
    });
    (serde_json::to_vec(&rows).unwrap_or_default(), passages.collect())
}

/// One file per facet (`f/<name>.json`), and the facets that have at least one value (in the given order).
pub(super) fn facet_data<'f, D: Borrow<SearchDoc>>(
    docs: &[D],
    facets: &'f [FacetInfo],
) -> (Vec<(String, Vec<u8>)>, Vec<&'f FacetInfo>) {
    let mut values: HashMap<&str, HashMap<&str, Vec<u32>>> = HashMap::default();
    for (number, doc) in docs.iter().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        for (facet, value) in &doc.borrow().facets {
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
        let mut entries: Vec<_> = entries.iter().collect();
        entries.sort_unstable_by_key(|(label, _)| **label);
        // {"label": ..., "values": [[label, [doc-delta, ...]], ...]}
        let mut json = b"{\"label\":".to_vec();
        push_json_string(&mut json, &facet.label);
        json.extend_from_slice(b",\"values\":[");
        let mut numbers = itoa::Buffer::new();
        for (i, (label, docs)) in entries.into_iter().enumerate() {
            json.extend_from_slice(if i == 0 { b"[" } else { b",[" });
            push_json_string(&mut json, label);
            json.extend_from_slice(b",[");
            let mut previous = 0;
            for (j, &doc) in docs.iter().enumerate() {
                if j > 0 {
                    json.push(b',');
                }
                json.extend_from_slice(numbers.format(doc - previous).as_bytes());
                previous = doc;
            }
            json.extend_from_slice(b"]]");
        }
        json.extend_from_slice(b"]}");
        out.push((format!("search/index/f/{}.json", facet.name), json));
        present.push(facet);
    }
    (out, present)
}

fn push_json_string(out: &mut Vec<u8>, text: &str) {
    serde_json::to_writer(out, text).expect("a string always serialises");
}

/// All the index files, as (path inside the output, what `keep` kept), from the term files, the document
/// chunks' JSON, and the facet files with the facets that have them; for `docs` documents.
pub(super) fn assemble<K>(
    TermFiles { shards, prefixes }: TermFiles,
    chunks: Vec<ChunkFiles<K>>,
    (facet_files, present): (Vec<(String, Vec<u8>)>, Vec<&FacetInfo>),
    docs: usize,
    groups: &[Vec<Vec<String>>],
    config: &SiteConfig,
    keep: &Keep<K>,
) -> Vec<(String, K)> {
    let keys: Vec<&str> = shards.iter().map(|(key, _)| key.as_str()).collect();
    let rules = super::words::rules(&config.language);
    let manifest = json!({
        "version": 1,
        "docs": docs,
        "chunk_size": CHUNK_SIZE,
        "shards": keys,
        "prefixes": prefixes.iter().map(|(prefix, _)| prefix).collect::<Vec<_>>(),
        "language": config.language,
        "stopwords": rules.stop_words,
        "stemming": rules.stemming_name(),
        "synonym_groups": groups,
        "collections": config.collections.iter().map(|c| json!({"name": c.name, "title": c.title, "singular": c.singular})).collect::<Vec<_>>(),
        "facets": present.iter().map(|f| json!({"name": f.name, "label": f.label})).collect::<Vec<_>>(),
        "max_postings": MAX_POSTINGS,
    });
    let mut out: Vec<(String, K)> = Vec::new();
    let mut add = |path: String, bytes: Vec<u8>| {
        let kept = keep(&path, bytes);
        out.push((path, kept));
    };
    for (key, json) in shards {
        add(format!("search/index/t/{key}.json"), json);
    }
    for (prefix, json) in prefixes {
        add(format!("search/index/p/{prefix}.json"), json);
    }
    let mut passages = Vec::new();
    for (n, (rows, kept)) in chunks.into_iter().enumerate() {
        add(format!("search/index/d/{n}.json"), rows);
        let first = n * CHUNK_SIZE;
        passages.extend(kept.into_iter().enumerate().map(|(i, kept)| (passages_path(first + i), kept)));
    }
    for (path, json) in facet_files {
        add(path, json);
    }
    add("search/index/manifest.json".into(), serde_json::to_vec(&manifest).unwrap_or_default());
    out.extend(passages);
    out
}
