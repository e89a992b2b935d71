//! The expensive part of indexing, one document at a time: its words counted per field, synonym phrases
//! recognised, and each term's impact on the document's score. It depends only on the document's text and
//! the synonym groups, so an `Indexer` keeps it for documents that have not changed.

use super::SearchDoc;
use super::text::{Word, WordBuffers, for_each_word, term};
use super::words::Rules;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use xxhash_rust::xxh3::Xxh3;

/// Fields, in this order: title, aliases, summary, related entries' titles, body, cautions, details. Related
/// entries' summaries are not among them: every word must match, and a word in the summary of a cause a
/// stretch is linked to is not the stretch's ("butt" found 48 of the sample site's 50 pages through them).
const FIELDS: usize = 7;
/// A word in the title or an alias counts far more than one in the body; a caution (a stretch that warns
/// about a hip replacement) or a detail (a symptom, "worse when sitting") a little more: each is a
/// short statement about the entry itself.
const WEIGHTS: [f32; FIELDS] = [10.0, 8.0, 3.0, 4.0, 1.0, 2.0, 2.0];
/// Which fields are the document's own text (related entries' titles are not).
const OWN: [bool; FIELDS] = [true, true, true, false, true, true, true];
const BODY: usize = 4;
const K1: f32 = 1.2;
/// Body length (in terms) at which the body's saturation is neither eased nor tightened.
const TYPICAL_BODY: f32 = 400.0;
/// A word that is not a term (a stop word, a lone letter), in `Analyser::words`.
const NO_TERM: u32 = u32::MAX;
/// A term not yet counted in the current document, in `Counts::slots`.
const UNCOUNTED: u32 = u32::MAX;

/// A document's terms with their impact on its score, before the term's rarity is known. Terms are numbered
/// by a `TermTable`. The first `own` terms occur in the document's own text (title, aliases, summary, body);
/// the rest only in its related entries', which must not make a term look common.
pub(super) struct Analysed {
    /// Hash of the text it was made from (`content_hash`), for an `Indexer` to tell whether it still holds.
    pub(super) hash: u64,
    pub(super) terms: Box<[(u32, f32)]>,
    pub(super) own: usize,
}

/// The text of a document's fields, each field a list of pieces (an entry has several aliases): what
/// `Analysed` depends on besides the synonym groups.
fn fields(doc: &SearchDoc) -> [&[String]; FIELDS] {
    use std::slice::from_ref;
    [
        from_ref(&doc.title),
        &doc.aliases,
        from_ref(&doc.summary),
        &doc.related,
        from_ref(&doc.body),
        &doc.cautions,
        &doc.details,
    ]
}

/// Hash of everything `Analysed` is made from, so an unchanged document is recognised without re-reading it.
pub(super) fn content_hash(doc: &SearchDoc) -> u64 {
    let mut hasher = Xxh3::new();
    for field in fields(doc) {
        // Lengths first, so moving a word between fields or pieces changes the hash.
        hasher.update(&(field.len() as u64).to_le_bytes());
        for piece in field {
            hasher.update(&(piece.len() as u64).to_le_bytes());
            hasher.update(piece.as_bytes());
        }
    }
    hasher.digest()
}

/// Terms numbered in the order they are first seen.
#[derive(Default)]
pub(super) struct TermTable {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl TermTable {
    pub(super) fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).expect("fewer than 4 billion terms");
        self.ids.insert(name.into(), id);
        self.names.push(name.into());
        id
    }

    pub(super) fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    pub(super) fn len(&self) -> usize {
        self.names.len()
    }

    /// Numbers `other`'s terms in this table: the result maps each of `other`'s numbers to this table's.
    pub(super) fn absorb(&mut self, other: &TermTable) -> Vec<u32> {
        other.names.iter().map(|name| self.intern(name)).collect()
    }
}

/// Analyses documents, numbering terms in a table of its own: each thread has one, and their tables are
/// merged afterwards (`TermTable::absorb`), which costs a lookup per distinct term rather than per word.
pub(super) struct Analyser {
    terms: TermTable,
    /// Folded word -> its term, or `NO_TERM`: one lookup per word does the stop-word check, the stemming and
    /// the numbering.
    words: Words,
    /// For each term that ends a synonym phrase, (the group's synonym term `~n`, the phrase's terms). Phrase
    /// words are numbered first, so every other term is past the end of this list.
    phrase_ends: Vec<Vec<(u32, Box<[u32]>)>>,
    /// Terms in the longest phrase: how many recent terms to remember.
    longest: usize,
    counts: Counts,
    buffers: WordBuffers,
    /// The language's stop words and stemming.
    rules: &'static Rules,
}

impl Analyser {
    /// `groups`: each synonym group's member phrases, each phrase a list of terms.
    pub(super) fn new(groups: &[Vec<Vec<String>>], rules: &'static Rules) -> Analyser {
        let mut terms = TermTable::default();
        let numbered: Vec<Vec<Vec<u32>>> = groups
            .iter()
            .map(|group| group.iter().map(|phrase| phrase.iter().map(|word| terms.intern(word)).collect()).collect())
            .collect();
        let mut phrase_ends: Vec<Vec<(u32, Box<[u32]>)>> = vec![Vec::new(); terms.len()];
        for (g, group) in numbered.into_iter().enumerate() {
            let synonym = terms.intern(&format!("~{g}"));
            for phrase in group {
                let last = *phrase.last().expect("empty phrases are dropped");
                phrase_ends[last as usize].push((synonym, phrase.into_boxed_slice()));
            }
        }
        let longest = phrase_ends.iter().flatten().map(|(_, phrase)| phrase.len()).max().unwrap_or(1);
        Analyser {
            terms,
            words: Words::default(),
            phrase_ends,
            longest,
            counts: Counts::default(),
            buffers: WordBuffers::default(),
            rules,
        }
    }

    /// How many terms the analyser has numbered.
    pub(super) fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// A document's terms with their impact: per field, saturated term frequency times the field's weight.
    pub(super) fn analyse(&mut self, doc: &SearchDoc, hash: u64) -> Analysed {
        let Analyser { terms, words, phrase_ends, longest, counts, buffers, rules } = self;
        // The last few terms, to recognise synonym phrases ("sciatic nerve") as they end. Room for many more than
        // a phrase, so the oldest are let go in batches.
        let room = *longest * 16;
        let mut recent: Vec<u32> = Vec::with_capacity(room);
        let mut body_length = 0;
        for (f, pieces) in fields(doc).into_iter().enumerate() {
            recent.clear();
            let mut length = 0;
            // A field's pieces read as one text: a phrase may span two aliases, as it did when they were joined.
            for piece in pieces {
                for_each_word(piece, buffers, |word| {
                    let Some(id) = term_of(word, words, terms, rules) else { return };
                    length += 1;
                    counts.add(id, f);
                    if recent.len() == room {
                        recent.drain(..=room - *longest);
                    }
                    recent.push(id);
                    for (synonym, phrase) in phrase_ends.get(id as usize).map_or(&[][..], Vec::as_slice) {
                        if recent.ends_with(phrase) {
                            counts.add(*synonym, f);
                        }
                    }
                });
            }
            if f == BODY {
                body_length = length;
            }
        }
        counts.impacts(hash, body_length)
    }
}

/// Analyses `count` runs of documents in parallel, `analyse_run(analyser, r)` doing run r: one analyser per
/// thread takes the next run until none is left, so a thread meets each word for the first time once, and one
/// that finishes early takes more. Returns the analysers' term tables and, in run order, each run's result
/// with the number of the table its terms are numbered by.
pub(super) fn in_runs<R: Send>(
    groups: &[Vec<Vec<String>>],
    rules: &'static Rules,
    count: usize,
    analyse_run: impl Fn(&mut Analyser, usize) -> R + Sync,
) -> (Vec<TermTable>, Vec<(usize, R)>) {
    let next = AtomicUsize::new(0);
    let threads: Vec<(TermTable, Vec<(usize, R)>)> = (0..rayon::current_num_threads().min(count))
        .into_par_iter()
        .map(|_| {
            let mut analyser = Analyser::new(groups, rules);
            let mut done = Vec::new();
            loop {
                let run = next.fetch_add(1, Ordering::Relaxed);
                if run >= count {
                    break;
                }
                done.push((run, analyse_run(&mut analyser, run)));
            }
            (analyser.terms, done)
        })
        .collect();
    let mut tables = Vec::with_capacity(threads.len());
    let mut results: Vec<Option<(usize, R)>> = (0..count).map(|_| None).collect();
    for (table, (terms, done)) in threads.into_iter().enumerate() {
        tables.push(terms);
        for (run, result) in done {
            results[run] = Some((table, result));
        }
    }
    (tables, results.into_iter().map(|result| result.expect("every run is taken")).collect())
}

/// The term a folded word stands for, numbered; `None` for a word that is no term.
#[inline]
fn term_of(word: Word<'_>, words: &mut Words, terms: &mut TermTable, rules: &Rules) -> Option<u32> {
    let known = match word {
        Word::Packed(packed) => words.packed.get(&packed),
        Word::Long(text) => words.long.get(text),
    };
    let id = if let Some(&id) = known {
        id
    } else {
        let id = term(word.text(&mut [0; 16]), rules).map_or(NO_TERM, |term| terms.intern(&term));
        match word {
            Word::Packed(packed) => words.packed.insert(packed, id),
            Word::Long(text) => words.long.insert(text.into(), id),
        };
        id
    };
    (id != NO_TERM).then_some(id)
}

/// Words already seen, and the term each stands for (or `NO_TERM`).
#[derive(Default)]
struct Words {
    packed: HashMap<u128, u32>,
    long: HashMap<Box<str>, u32>,
}

/// A document's term counts per field, as it is read: scratch reused from one document to the next.
#[derive(Default)]
struct Counts {
    /// Term -> its place in `counts`, or `UNCOUNTED`.
    slots: Vec<u32>,
    /// (term, occurrences per field) in the order the terms were first seen.
    counts: Vec<(u32, [u32; FIELDS])>,
}

impl Counts {
    // Called for every word; left to itself the compiler calls it, which showed in profiles (3% of the index).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn add(&mut self, id: u32, field: usize) {
        let index = id as usize;
        if index >= self.slots.len() {
            self.slots.resize(index + 1, UNCOUNTED);
        }
        let mut slot = self.slots[index];
        if slot == UNCOUNTED {
            slot = u32::try_from(self.counts.len()).expect("fewer than 4 billion terms");
            self.slots[index] = slot;
            self.counts.push((id, [0; FIELDS]));
        }
        self.counts[slot as usize].1[field] += 1;
    }

    /// Turns the counts into impacts, own terms first, and clears them for the next document.
    fn impacts(&mut self, hash: u64, body_length: u32) -> Analysed {
        let body_norm = 0.25 + 0.75 * (body_length as f32 / TYPICAL_BODY);
        let mut terms = Vec::with_capacity(self.counts.len());
        let mut related_only = Vec::new();
        for (id, tf) in self.counts.drain(..) {
            self.slots[id as usize] = UNCOUNTED;
            let impact = (0..FIELDS)
                .filter(|&f| tf[f] > 0)
                .map(|f| {
                    let tf = tf[f] as f32;
                    let norm = if f == BODY { body_norm } else { 1.0 };
                    WEIGHTS[f] * tf * (K1 + 1.0) / (tf + K1 * norm)
                })
                .sum();
            let own = tf.iter().zip(OWN).any(|(&n, own)| own && n > 0);
            if own { &mut terms } else { &mut related_only }.push((id, impact));
        }
        let own = terms.len();
        terms.extend(related_only);
        Analysed { hash, terms: terms.into_boxed_slice(), own }
    }
}
