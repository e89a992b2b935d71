//! The index as a whole: each document analysed (or its analysis kept from the last build), postings gathered
//! per term, each term's postings encoded (or its encoding kept from the last build), then laid out as files.

use super::analyse::{Analysed, TermTable, content_hash, in_runs};
use super::files::{self, CHUNK_SIZE, Keep};
use super::postings::{Part, Postings};
use super::text::terms;
use super::words::Rules;
use super::{FacetInfo, SearchDoc};
use crate::config::SiteConfig;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Borrow;

/// The index files, as (path inside the output, what `keep` kept of its bytes), for a single build (`sinew
/// build`). Nothing is kept for a next build, so each run of documents is turned into postings as soon as it
/// is analysed: the analyses of all documents never exist at once, which keeps the build's peak memory down
/// (issue 2); so does `keep`, given each file as it is made (a build writes it to disk and keeps no bytes).
pub(crate) fn build<D: Borrow<SearchDoc> + Sync, K: Send>(
    docs: &[D],
    config: &SiteConfig,
    facets: &[FacetInfo],
    keep: &Keep<K>,
) -> Vec<(String, K)> {
    let mut indexer = Indexer::default();
    indexer.use_synonyms(config);
    let postings = indexer.analyse_into_postings(docs);
    indexer.encode(&postings, None, docs.len());
    drop(postings);
    let terms = indexer.term_files();
    let groups = std::mem::take(&mut indexer.groups);
    // The shards hold every encoded list now.
    drop(indexer);
    let (chunks, facet_data) = rayon::join(|| files::doc_chunks(docs, keep), || files::facet_data(docs, facets));
    files::assemble(terms, chunks, facet_data, docs.len(), &groups, config, keep)
}

/// Builds the index again and again (the live preview), analysing only the documents that are new or have
/// changed since the last build, and encoding only the terms whose postings may have changed. A document's
/// analysis is kept under its url with a hash of its text, and dropped once the document is gone. Each
/// build's files are exactly those `build` makes from the same documents.
#[derive(Default)]
pub(crate) struct Indexer {
    /// The synonym groups the analyses were made with: phrases are recognised as a document is read.
    groups: Vec<Vec<Vec<String>>>,
    /// The language's word rules the analyses were made with.
    language: String,
    /// Numbers the terms. Terms no document has any more are dropped now and then.
    terms: TermTable,
    /// By url: the last build's analysis of each document.
    analysed: HashMap<Box<str>, Analysed>,
    /// The last build's documents in order, as (url, hash of the text): where the document at a place is the
    /// same as last time, it adds the same postings to the same terms.
    last_docs: Vec<(Box<str>, u64)>,
    /// By term: its postings as the last build encoded them; empty for a term no document has.
    lists: Vec<Box<[u8]>>,
    /// By document chunk: a hash of what its documents show, and its JSON as the last build wrote it.
    chunks: Vec<(u64, files::ChunkFiles<Vec<u8>>)>,
}

impl Indexer {
    /// The index files, as (path inside the output, bytes).
    pub(crate) fn build<D: Borrow<SearchDoc> + Sync>(
        &mut self,
        docs: &[D],
        config: &SiteConfig,
        facets: &[FacetInfo],
    ) -> Vec<(String, Vec<u8>)> {
        self.use_synonyms(config);
        let hashes: Vec<u64> = docs.par_iter().map(|doc| content_hash(doc.borrow())).collect();
        let stale = self.stale_terms(docs, &hashes);
        let uncached = self.refresh(docs, &hashes);
        let analyses: Vec<&Analysed> = docs
            .iter()
            .enumerate()
            .map(|(n, doc)| uncached.get(&n).unwrap_or_else(|| &self.analysed[doc.borrow().url.as_str()]))
            .collect();
        // New terms have no encoding to keep; the documents now at the changed places bring their terms.
        let stale = stale.map(|(mut stale, changed)| {
            stale.resize(self.terms.len(), true);
            for n in changed {
                for &(term, _) in &analyses[n].terms {
                    stale[term as usize] = true;
                }
            }
            stale
        });
        let postings = Postings::gather(&analyses, self.terms.len(), stale.as_deref());
        drop(analyses);
        drop(uncached);
        self.encode(&postings, stale.as_deref(), docs.len());
        drop(postings);
        self.last_docs =
            docs.iter().zip(&hashes).map(|(doc, &hash)| (doc.borrow().url.as_str().into(), hash)).collect();
        let (chunks, facet_data) = rayon::join(|| self.doc_chunks(docs, &hashes), || files::facet_data(docs, facets));
        files::assemble(self.term_files(), chunks, facet_data, docs.len(), &self.groups, config, &|_, bytes| bytes)
    }

    /// Starts afresh when the synonym groups change: phrases are recognised as a document is read, so every
    /// analysis depends on them.
    fn use_synonyms(&mut self, config: &SiteConfig) {
        let groups = synonym_groups(config);
        if groups != self.groups || config.language != self.language {
            *self = Indexer { groups, language: config.language.clone(), ..Indexer::default() };
        }
    }

    fn rules(&self) -> &'static Rules {
        super::words::rules(&self.language)
    }

    /// For a build where as many documents as last time come in, the terms whose postings may have changed:
    /// those the documents at changed places had (their new terms are added once they are analysed), and
    /// those places. `None` when every term's may: a term's rarity depends on the number of documents.
    fn stale_terms<D: Borrow<SearchDoc>>(&self, docs: &[D], hashes: &[u64]) -> Option<(Vec<bool>, Vec<usize>)> {
        if docs.len() != self.last_docs.len() {
            return None;
        }
        let mut stale = vec![false; self.terms.len()];
        let mut changed = Vec::new();
        for (n, ((url, hash), doc)) in self.last_docs.iter().zip(docs).enumerate() {
            if **url == *doc.borrow().url && *hash == hashes[n] {
                continue;
            }
            changed.push(n);
            // An analysis that was not kept (a url collision) leaves its terms unknown.
            let last = self.analysed.get(url).filter(|last| last.hash == *hash)?;
            for &(term, _) in &last.terms {
                stale[term as usize] = true;
            }
        }
        Some((stale, changed))
    }

    /// Analyses the documents that are new or changed (in parallel), keeps the analyses of the others and
    /// drops those of documents that are gone. Returns, by document number, the analyses that cannot be kept
    /// under their url because an earlier document has the same url and other text (a url collision, which
    /// the build reports; it still gets an index).
    fn refresh<D: Borrow<SearchDoc> + Sync>(&mut self, docs: &[D], hashes: &[u64]) -> HashMap<usize, Analysed> {
        let mut previous = std::mem::take(&mut self.analysed);
        self.analysed.reserve(docs.len());
        let mut todo = Vec::new();
        for (n, doc) in docs.iter().enumerate() {
            let url = doc.borrow().url.as_str();
            if let Some(kept) = self.analysed.get(url) {
                if kept.hash != hashes[n] {
                    todo.push(n);
                }
                continue;
            }
            match previous.remove(url) {
                Some(kept) if kept.hash == hashes[n] => {
                    self.analysed.insert(url.into(), kept);
                }
                _ => todo.push(n),
            }
        }
        drop(previous);
        let per_run = runs_of(todo.len());
        let (tables, runs) = in_runs(&self.groups, self.rules(), todo.len().div_ceil(per_run), |analyser, run| {
            let run = &todo[run * per_run..todo.len().min((run + 1) * per_run)];
            run.iter().map(|&n| analyser.analyse(docs[n].borrow(), hashes[n])).collect::<Vec<_>>()
        });
        let numbers: Vec<Vec<u32>> = tables.iter().map(|terms| self.terms.absorb(terms)).collect();
        let fresh: Vec<Analysed> = runs
            .into_par_iter()
            .flat_map_iter(|(table, mut analysed)| {
                for doc in &mut analysed {
                    for (term, _) in &mut doc.terms {
                        *term = numbers[table][*term as usize];
                    }
                }
                analysed
            })
            .collect();
        let mut uncached = HashMap::default();
        for (n, analysed) in todo.into_iter().zip(fresh) {
            let url = docs[n].borrow().url.as_str();
            match self.analysed.get(url) {
                None => {
                    self.analysed.insert(url.into(), analysed);
                }
                Some(kept) if kept.hash == analysed.hash => {}
                Some(_) => {
                    uncached.insert(n, analysed);
                }
            }
        }
        uncached
    }

    /// The postings of all documents, analysed a run at a time (in parallel) and let go once the run's
    /// postings are gathered. Keeps no analysis.
    fn analyse_into_postings<D: Borrow<SearchDoc> + Sync>(&mut self, docs: &[D]) -> Postings {
        let per_run = runs_of(docs.len());
        let (tables, runs) = in_runs(&self.groups, self.rules(), docs.len().div_ceil(per_run), |analyser, run| {
            let first = run * per_run;
            let run = &docs[first..docs.len().min(first + per_run)];
            let analysed: Vec<Analysed> = run.iter().map(|doc| analyser.analyse(doc.borrow(), 0)).collect();
            Part::gather(&analysed, first, analyser.term_count(), None)
        });
        let numbers: Vec<Vec<u32>> = tables.iter().map(|terms| self.terms.absorb(terms)).collect();
        let terms = self.terms.len();
        let parts = runs.into_par_iter().map(|(table, part)| part.renumber(&numbers[table], terms)).collect();
        Postings::from_parts(parts)
    }

    /// Encodes the `stale` terms' postings (all if `None`) among `docs` documents, keeping the others' from the
    /// last build.
    fn encode(&mut self, postings: &Postings, stale: Option<&[bool]>, docs: usize) {
        self.lists.resize(self.terms.len(), Box::default());
        let todo: Vec<usize> = (0..self.terms.len()).filter(|&t| stale.is_none_or(|stale| stale[t])).collect();
        let encoded: Vec<Box<[u8]>> =
            todo.par_iter().map_init(Vec::new, |best, &term| postings.encode(term, docs, best)).collect();
        for (term, list) in todo.into_iter().zip(encoded) {
            self.lists[term] = list;
        }
        self.forget_unused_terms();
    }

    /// The term shards and merged prefix lists of the terms that have postings.
    fn term_files(&self) -> files::TermFiles {
        let mut order: Vec<u32> = (0..self.terms.len())
            .filter(|&t| !self.lists[t].is_empty())
            .map(|t| u32::try_from(t).expect("fewer than 4 billion terms"))
            .collect();
        order.par_sort_unstable_by(|&a, &b| self.terms.name(a).cmp(self.terms.name(b)));
        let sorted: Vec<(&str, &[u8])> =
            order.iter().map(|&t| (self.terms.name(t), &*self.lists[t as usize])).collect();
        files::term_files(&sorted, &self.groups)
    }

    /// The document chunks' JSON, each written again only if what its documents show has changed.
    fn doc_chunks<D: Borrow<SearchDoc> + Sync>(
        &mut self,
        docs: &[D],
        hashes: &[u64],
    ) -> Vec<files::ChunkFiles<Vec<u8>>> {
        let last = std::mem::take(&mut self.chunks);
        self.chunks = docs
            .par_chunks(CHUNK_SIZE)
            .zip(hashes.par_chunks(CHUNK_SIZE))
            .enumerate()
            .map(|(n, (chunk, hashes))| {
                let key = chunk_key(chunk, hashes);
                match last.get(n) {
                    Some((last_key, json)) if *last_key == key => (key, json.clone()),
                    _ => (key, files::doc_chunk(chunk, n * CHUNK_SIZE, &|_, bytes| bytes)),
                }
            })
            .collect();
        self.chunks.iter().map(|(_, json)| json.clone()).collect()
    }

    /// Drops the terms no document has any more once they outnumber the others, numbering the rest anew in
    /// the kept analyses: without it, the table would grow with every word ever typed in a preview session.
    fn forget_unused_terms(&mut self) {
        let used = self.lists.iter().filter(|list| !list.is_empty()).count();
        if self.terms.len() <= 2 * used + 1024 {
            return;
        }
        let mut terms = TermTable::default();
        let mut lists = Vec::with_capacity(used);
        let mut numbers = vec![u32::MAX; self.terms.len()];
        for (t, list) in std::mem::take(&mut self.lists).into_iter().enumerate() {
            if !list.is_empty() {
                numbers[t] = terms.intern(self.terms.name(u32::try_from(t).expect("fewer than 4 billion terms")));
                lists.push(list);
            }
        }
        // Every kept analysis is one of the last build's documents, so all its terms have postings.
        for analysed in self.analysed.values_mut() {
            for (term, _) in &mut analysed.terms {
                *term = numbers[*term as usize];
            }
        }
        self.terms = terms;
        self.lists = lists;
    }
}

/// A hash of what a chunk's documents show: their text (`texts`, hashed), urls and collections.
fn chunk_key<D: Borrow<SearchDoc>>(docs: &[D], texts: &[u64]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (doc, hash) in docs.iter().map(Borrow::borrow).zip(texts) {
        hasher.update(&hash.to_le_bytes());
        hasher.update(&(doc.url.len() as u64).to_le_bytes());
        hasher.update(doc.url.as_bytes());
        hasher.update(&doc.collection.map_or(u64::MAX, |c| c as u64).to_le_bytes());
    }
    hasher.digest()
}

/// Documents per run of analysis: a few runs per thread, so a thread that finishes early takes another. Not
/// more: a single build's postings come in one part per run, each with a slot for every term.
fn runs_of(docs: usize) -> usize {
    docs.div_ceil(rayon::current_num_threads() * 4).max(1)
}

/// Each synonym group as lists of member phrases, each phrase a list of terms: the site's `synonyms:`, then the
/// theme's word forms for the language (`SiteConfig::word_forms`). Members that stem alike (`hurt`, `hurts`) are kept
/// once; a group is kept even if that leaves it one member, so that the groups after it keep their numbers.
fn synonym_groups(config: &SiteConfig) -> Vec<Vec<Vec<String>>> {
    let rules = super::words::rules(&config.language);
    config
        .synonyms
        .iter()
        .cloned()
        .chain(config.word_forms().iter().cloned())
        .map(|group| {
            let mut members: Vec<Vec<String>> = Vec::with_capacity(group.len());
            for member in group.iter().map(|member| terms(member, rules)) {
                if !member.is_empty() && !members.contains(&member) {
                    members.push(member);
                }
            }
            members
        })
        .collect()
}

#[cfg(test)]
mod tests;
