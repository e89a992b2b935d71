//! Postings: each term's (document, impact) list, gathered from the documents' analyses, then encoded with
//! the term's rarity as a term shard holds it.

use super::analyse::Analysed;
use rayon::prelude::*;
use std::borrow::Borrow;

/// Postings kept per term (the highest-scoring pages).
pub(super) const MAX_POSTINGS: usize = 1000;

/// Every term's (document, impact) list in document order, with how many documents have the term in their
/// own text: words that appear only through related entries must not make a term look common (that would
/// drown "sitting" once every stretch for prolonged sitting carries the word). Gathered in parallel, one part
/// per run of documents; a term's list is its lists in the parts, one after the other.
pub(super) struct Postings {
    parts: Vec<Part>,
}

/// The postings of a run of documents.
pub(super) struct Part {
    /// By term: where its list is in `entries`.
    ranges: Vec<(u32, u32)>,
    entries: Vec<(u32, f32)>,
    /// By term: how many of the run's documents have it in their own text.
    own: Vec<u32>,
}

impl Postings {
    /// The postings of `analyses` (documents 0, 1, ...), whose terms are numbered below `terms`; of the terms
    /// marked in `wanted` only, if given.
    pub(super) fn gather(analyses: &[&Analysed], terms: usize, wanted: Option<&[bool]>) -> Postings {
        let per_part = analyses.len().div_ceil(rayon::current_num_threads()).max(1);
        let parts = analyses
            .par_chunks(per_part)
            .enumerate()
            .map(|(n, run)| Part::gather(run, n * per_part, terms, wanted))
            .collect();
        Postings { parts }
    }

    /// Postings made of parts gathered one run of documents at a time, in document order.
    pub(super) fn from_parts(parts: Vec<Part>) -> Postings {
        Postings { parts }
    }

    /// A term's list, in its parts.
    fn list(&self, term: usize) -> impl Iterator<Item = &[(u32, f32)]> {
        self.parts.iter().map(move |part| part.list(term))
    }

    fn len(&self, term: usize) -> usize {
        self.list(term).map(<[_]>::len).sum()
    }

    fn own(&self, term: usize) -> u32 {
        self.parts.iter().map(|part| part.own[term]).sum()
    }

    /// A term's postings as a term shard holds them: `doc-delta,score,...`, the score being the term's impact
    /// on the document times its rarity among the `docs` documents, as a positive integer. Empty when no
    /// document has the term. `best` is scratch space.
    pub(super) fn encode(&self, term: usize, docs: usize, best: &mut Vec<(u32, f32)>) -> Box<[u8]> {
        let total = docs as f32;
        let df = self.own(term).max(1) as f32;
        let idf = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
        let mut out = Vec::new();
        // A word on thousands of pages says little about any one of them: keep the pages where it weighs most,
        // so a query for a common word downloads a bounded list.
        if self.len(term) > MAX_POSTINGS {
            best.clear();
            best.extend(self.list(term).flatten());
            best.select_nth_unstable_by(MAX_POSTINGS - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            best.truncate(MAX_POSTINGS);
            best.sort_unstable_by_key(|&(doc, _)| doc);
            encode_list(best.iter(), idf, &mut out);
        } else {
            encode_list(self.list(term).flatten(), idf, &mut out);
        }
        out.into_boxed_slice()
    }
}

/// `doc-delta,score,...` with scores as positive integers.
fn encode_list<'a>(list: impl Iterator<Item = &'a (u32, f32)>, idf: f32, out: &mut Vec<u8>) {
    let mut numbers = itoa::Buffer::new();
    let mut previous = 0;
    for (i, (doc, impact)) in list.enumerate() {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // bounded, positive scores
        let score = ((impact * idf * 10.0).round() as u32).max(1);
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(numbers.format(doc - previous).as_bytes());
        out.push(b',');
        out.extend_from_slice(numbers.format(score).as_bytes());
        previous = *doc;
    }
}

impl Part {
    /// The postings of `analyses`, documents `first`, `first + 1`, ..., whose terms are numbered below `terms`;
    /// of the terms marked in `wanted` only, if given. One pass counts each term's postings, a second puts each
    /// in its place: no list grows or is sorted.
    pub(super) fn gather<A: Borrow<Analysed>>(
        analyses: &[A],
        first: usize,
        terms: usize,
        wanted: Option<&[bool]>,
    ) -> Part {
        let wanted = |term: u32| wanted.is_none_or(|wanted| wanted[term as usize]);
        let mut counts = vec![0; terms];
        let mut own = vec![0; terms];
        for doc in analyses.iter().map(Borrow::borrow) {
            for (i, &(term, _)) in doc.terms.iter().enumerate() {
                if wanted(term) {
                    counts[term as usize] += 1;
                    own[term as usize] += u32::from(i < doc.own);
                }
            }
        }
        let mut ranges = Vec::with_capacity(terms);
        let mut end = 0;
        for count in counts {
            ranges.push((end, end + count));
            end += count;
        }
        let mut next: Vec<u32> = ranges.iter().map(|&(start, _)| start).collect();
        let mut entries = vec![(0, 0.0); end as usize];
        for (number, analysed) in (first..).zip(analyses) {
            let number = u32::try_from(number).expect("fewer than 4 billion pages");
            for &(term, impact) in &analysed.borrow().terms {
                if wanted(term) {
                    entries[next[term as usize] as usize] = (number, impact);
                    next[term as usize] += 1;
                }
            }
        }
        Part { ranges, entries, own }
    }

    /// The part with its terms numbered anew: `numbers` maps each of its numbers to one below `terms`.
    pub(super) fn renumber(self, numbers: &[u32], terms: usize) -> Part {
        let mut ranges = vec![(0, 0); terms];
        let mut own = vec![0; terms];
        for ((&range, &count), &number) in self.ranges.iter().zip(&self.own).zip(numbers) {
            ranges[number as usize] = range;
            own[number as usize] = count;
        }
        Part { ranges, entries: self.entries, own }
    }

    fn list(&self, term: usize) -> &[(u32, f32)] {
        let (start, end) = self.ranges[term];
        &self.entries[start as usize..end as usize]
    }
}
