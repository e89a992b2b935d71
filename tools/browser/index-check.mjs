// The search index of a built site, checked against docs/search.md without a browser: the files' shapes, the
// merged prefix lists against the term shards, and the site's own search.js reading them (its text processing
// finds every title and excerpt word; a prefix query ranks alike through a merged list and through the
// shards). search-check.mjs runs these checks too, before its browser checks.
//
//   node tools/browser/index-check.mjs public
//
// Prints notes, one line per problem, and last `index: N passed, M failed`; exits 1 if a check failed.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The published search scripts: {page, core, stemmer}, `search.<hash>.js`, `search-core.<hash>.js` and the
 * stemmer the page names (`data-stemmer`: stemmers/<code>.js, or null) in a `sinew build`.
 */
export function searchScripts(root) {
  const page = fs.readFileSync(path.join(root, 'search', 'index.html'), 'utf8');
  const src = /<script[^>]*\ssrc="([^"]*search(?:\.[0-9a-f]+)?\.js)"/.exec(page);
  const core = /<script[^>]*\sdata-core="([^"]*search-core(?:\.[0-9a-f]+)?\.js)"/.exec(page);
  if (!src || !core) throw new Error('search/index.html loads no search script, or names no search-core');
  const stemmer = /\sdata-stemmer="([^"]+)"/.exec(page);
  return {
    page: path.join(root, src[1].split('/').pop()),
    core: path.join(root, core[1].split('/').pop()),
    stemmer: stemmer ? path.join(root, 'stemmers', stemmer[1].split('/').pop()) : null,
  };
}

/** The search engine a tool reads an index with (search-core.js: fold, termSpans, SearchIndex, ...). */
export function searchScript(root) {
  return searchScripts(root).core;
}

/** The file URL of the stemmer the search page names, or null. */
export function pageStemmerUrl(root) {
  const { stemmer } = searchScripts(root);
  return stemmer ? pathToFileURL(stemmer) : null;
}

/** The stemmer the search page names, as a function; none: null. */
export async function pageStemmer(root) {
  const url = pageStemmerUrl(root);
  return url ? (await import(url.href)).stem : null;
}

/**
 * The index files against docs/search.md, read from disk: [problem, ...] (empty = conforms), and notes.
 * `text` is the site's own search.js module (fold/termSpans) and `stem` the page's stemmer (null: none), so
 * this also checks that the browser turns every title and excerpt into the terms the Rust side indexed them
 * under.
 */
export function validateIndex(root, text, stem) {
  const problems = [];
  const notes = [];
  const dir = path.join(root, 'search', 'index');
  const read = (rel) => JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8'));
  const m = read('manifest.json');
  const stemWord = stem || (m.stemming === 'english-plurals' ? text.pluralStem : text.noStem);
  const isInt = (x) => Number.isInteger(x);
  if (m.version !== 1) problems.push(`manifest.version is ${m.version}, not 1`);
  for (const k of ['docs', 'chunk_size']) if (!isInt(m[k]) || m[k] < 0) problems.push(`manifest.${k} is not a count`);
  for (const k of ['shards', 'stopwords', 'synonym_groups', 'collections', 'facets']) {
    if (!Array.isArray(m[k])) problems.push(`manifest.${k} is not a list`);
  }
  if (problems.length) return { problems, notes };
  const known = new Set(['version', 'docs', 'chunk_size', 'max_postings', 'shards', 'prefixes', 'language', 'stopwords', 'stemming', 'synonym_groups', 'collections', 'facets']);
  for (const k of Object.keys(m)) if (!known.has(k)) notes.push(`manifest has a field docs/search.md does not describe: ${k}`);
  const stop = new Set(m.stopwords);
  const keys = new Set(m.shards);
  if (keys.size !== m.shards.length) problems.push('manifest.shards has duplicates');
  const maxKey = Math.max(...m.shards.map((k) => k.length));
  const shardOf = (term) => {
    for (let n = Math.min(term.length, maxKey); n > 0; n--) if (keys.has(term.slice(0, n))) return term.slice(0, n);
    return null;
  };
  const isTerm = (w) => /^[a-z0-9]+$/.test(w) && (w.length > 1 || /^[0-9]$/.test(w)) && !stop.has(w);
  m.synonym_groups.forEach((g, i) => {
    for (const member of g) for (const t of member) if (!isTerm(t)) problems.push(`synonym group ${i}: “${t}” is not a processed term`);
  });
  for (const c of m.collections) if (!c.name || !c.title || !c.singular) problems.push(`collection ${JSON.stringify(c)} lacks name, title or singular`);
  // term shards
  const postings = new Map(); // term -> Set of docs
  const memberShards = (g) => new Set((m.synonym_groups[g] || []).flat().map(shardOf).filter((k) => k !== null));
  const copies = []; // {term, key, list}: a synonym term copied into a member word's shard
  let nTerms = 0;
  let oddTerms = [];
  for (const key of m.shards) {
    let shard;
    try {
      shard = read(`t/${key}.json`);
    } catch (e) {
      problems.push(`t/${key}.json: ${e.message}`);
      continue;
    }
    if (Object.keys(shard).length === 0) notes.push(`t/${key}.json is empty`);
    for (const [term, list] of Object.entries(shard)) {
      const syn = /^~(\d+)$/.exec(term);
      // A group's synonym term is also copied into the shard of each word of its members.
      if (syn && shardOf(term) !== key && memberShards(Number(syn[1])).has(key)) {
        copies.push({ term, key, list });
        continue;
      }
      nTerms++;
      if (shardOf(term) !== key) problems.push(`“${term}” is in t/${key}.json, but its shard is “${shardOf(term)}”`);
      if (syn ? Number(syn[1]) >= m.synonym_groups.length : !/^[a-z0-9]+$/.test(term)) problems.push(`“${term}” is not a term`);
      else if (!syn && !isTerm(term)) oddTerms.push(term);
      if (!Array.isArray(list) || list.length === 0 || list.length % 2) {
        problems.push(`“${term}”: postings are not a list of pairs`);
        continue;
      }
      if (isInt(m.max_postings) && list.length / 2 > m.max_postings) problems.push(`“${term}”: more than max_postings pages`);
      const docs = new Set();
      let d = 0;
      for (let i = 0; i < list.length; i += 2) {
        if (!isInt(list[i]) || list[i] < 0 || (i > 0 && list[i] === 0)) {
          problems.push(`“${term}”: document deltas are not ascending (${list.slice(0, 8).join(',')}...)`);
          break;
        }
        d += list[i];
        if (d >= m.docs) problems.push(`“${term}”: document ${d} is past the ${m.docs} documents`);
        if (!isInt(list[i + 1]) || list[i + 1] < 1) problems.push(`“${term}”: score ${list[i + 1]} is not a positive integer`);
        docs.add(d);
      }
      postings.set(term, { docs, list, full: isInt(m.max_postings) && docs.size >= m.max_postings });
    }
  }
  for (const { term, key, list } of copies) {
    const own = postings.get(term);
    if (!own || JSON.stringify(own.list) !== JSON.stringify(list)) problems.push(`“${term}” in t/${key}.json differs from its own shard's`);
  }
  m.synonym_groups.forEach((_, g) => {
    if (!postings.has(`~${g}`)) return;
    for (const key of memberShards(g)) {
      if (!copies.some((c) => c.term === `~${g}` && c.key === key)) problems.push(`“~${g}” is not in t/${key}.json, the shard of one of its group's words`);
    }
  });
  if (oddTerms.length) {
    problems.push(`${oddTerms.length} term(s) a query can never produce (stop words, one letter): ${oddTerms.slice(0, 8).join(' ')}`);
  }
  // merged prefix lists
  for (const prefix of m.prefixes || []) problems.push(...checkMerged(prefix, read, postings, m));
  // document chunks
  const docs = [];
  const nChunks = Math.ceil(m.docs / m.chunk_size);
  for (let n = 0; n < nChunks; n++) {
    let chunk;
    try {
      chunk = read(`d/${n}.json`);
    } catch (e) {
      problems.push(`d/${n}.json: ${e.message}`);
      continue;
    }
    const want = n < nChunks - 1 ? m.chunk_size : m.docs - n * m.chunk_size;
    if (chunk.length !== want) problems.push(`d/${n}.json holds ${chunk.length} documents, not ${want}`);
    for (let i = 0; i < want; i++) {
      const d = n * m.chunk_size + i;
      let passages = null;
      try {
        passages = read(`s/${d}.json`);
      } catch (e) {
        problems.push(`s/${d}.json: ${e.message}`);
      }
      if (passages && !(Array.isArray(passages) && passages.every((x) => typeof x === 'string'))) {
        problems.push(`s/${d}.json is not a list of passages`);
      }
    }
    chunk.forEach((row, i) => {
      const [title, url, c, excerpt, thumbnail, ...lists] = row;
      const strings = (x) => Array.isArray(x) && x.every((s) => typeof s === 'string');
      const shape = row.length === 7 && (thumbnail === null || typeof thumbnail === 'string') && lists.every(strings)
        && typeof title === 'string' && typeof url === 'string' && isInt(c) && typeof excerpt === 'string';
      if (!shape) {
        problems.push(`d/${n}.json row ${i} is not [title, url, collection, excerpt, picture or null, aliases, cautions]`);
      } else if (c < -1 || c >= m.collections.length) problems.push(`d/${n}.json row ${i}: collection ${c} out of range`);
      docs[n * m.chunk_size + i] = row;
    });
  }
  if (fs.existsSync(path.join(dir, 'd', `${nChunks}.json`))) problems.push(`d/${nChunks}.json exists past the last chunk`);
  // facets
  for (const f of m.facets) {
    let facet;
    try {
      facet = read(`f/${f.name}.json`);
    } catch (e) {
      problems.push(`f/${f.name}.json: ${e.message}`);
      continue;
    }
    if (facet.label !== f.label) problems.push(`f/${f.name}.json label “${facet.label}” is not the manifest's “${f.label}”`);
    if (!Array.isArray(facet.values) || facet.values.length === 0) problems.push(`f/${f.name}.json has no values`);
    let previous = null;
    for (const [label, deltas] of facet.values || []) {
      if (previous !== null && !(previous < label)) problems.push(`f/${f.name}.json: values not sorted by label (“${previous}”, “${label}”)`);
      previous = label;
      let d = 0;
      deltas.forEach((x, i) => {
        if (!isInt(x) || x < 0 || (i > 0 && x === 0)) problems.push(`f/${f.name}.json “${label}”: documents not ascending`);
        d += x;
      });
      if (d >= m.docs) problems.push(`f/${f.name}.json “${label}”: document ${d} out of range`);
    }
  }
  // the browser's text processing meets the index's: every word of a title and excerpt is found
  let missing = [];
  docs.forEach((row, d) => {
    if (!row) return;
    const excerpt = row[3].replace(/\S*…$/, ''); // the cut word may be partial
    for (const s of [...text.termSpans(row[0], stop, stemWord), ...text.termSpans(excerpt, stop, stemWord)]) {
      const p = postings.get(s.term);
      if (!p || (!p.docs.has(d) && !p.full)) missing.push(`“${s.term}” (from “${s.word}”) of ${row[1]}`);
    }
  });
  missing = [...new Set(missing)];
  if (missing.length) problems.push(`${missing.length} word(s) of titles and excerpts not indexed under the term search.js makes of them: ${missing.slice(0, 6).join('; ')}`);
  notes.push(`${m.docs} documents, ${m.shards.length} shards, ${nTerms} terms, ${(m.prefixes || []).length} merged prefix lists, ${nChunks} chunks, ${m.facets.length} facets`);
  return { problems, notes };
}


/** A merged prefix list against what the shards give: each page's best term longer than the prefix and
 * starting with it, its score times prefix length / term length (rounded half up); the best `max_postings`. */
function checkMerged(prefix, read, postings, m) {
  const problems = [];
  let list;
  try {
    list = read(`p/${prefix}.json`);
  } catch (e) {
    return [`p/${prefix}.json: ${e.message}`];
  }
  const expected = new Map();
  for (const [term, p] of postings) {
    if (term.length <= prefix.length || !term.startsWith(prefix)) continue;
    let d = 0;
    for (let i = 0; i < p.list.length; i += 2) {
      d += p.list[i];
      const weighed = Math.max(1, Math.floor((p.list[i + 1] * prefix.length + Math.floor(term.length / 2)) / term.length));
      expected.set(d, Math.max(expected.get(d) || 0, weighed));
    }
  }
  const got = new Map();
  let d = 0;
  for (let i = 0; i < list.length; i += 2) {
    if (i > 0 && list[i] === 0) problems.push(`p/${prefix}.json: documents not ascending`);
    d += list[i];
    got.set(d, list[i + 1]);
  }
  for (const [doc, value] of got) {
    if (expected.get(doc) !== value) problems.push(`p/${prefix}.json: document ${doc} has ${value}, the shards give ${expected.get(doc)}`);
  }
  const capped = got.size === m.max_postings;
  const lowest = Math.min(...got.values());
  for (const [doc, value] of expected) {
    if (got.has(doc)) continue;
    if (!capped) problems.push(`p/${prefix}.json lacks document ${doc}`);
    else if (value > lowest) problems.push(`p/${prefix}.json leaves out document ${doc} (${value}) but keeps one with ${lowest}`);
  }
  return problems.slice(0, 5);
}

/**
 * For each merged prefix, the site's search.js scores the prefix as a query twice, through the merged list
 * and through the shards: the scores at each of the first 20 places may differ only by the rounding of the
 * merged list (half a point times the prefix weight). Returns [problem, ...].
 */
export async function checkMergedRanking(root, search) {
  const dir = path.join(root, 'search', 'index');
  const open = async (useMerged) => {
    const index = new search.SearchIndex('file:///', pageStemmerUrl(root));
    index.fetchJSON = async (rel) => JSON.parse(fs.readFileSync(path.join(dir, decodeURIComponent(rel)), 'utf8'));
    await index.load();
    if (!useMerged) index.prefixes = new Set();
    return index;
  };
  const merged = await open(true);
  const shards = await open(false);
  const problems = [];
  for (const prefix of merged.prefixes) {
    const scores = [];
    for (const index of [merged, shards]) {
      const parsed = search.parseQuery(index, prefix);
      await search.fetchNeeded(index, parsed);
      const found = search.score(index, parsed, null);
      scores.push(found.docs.slice(0, 20).map((d) => found.scores.get(d)));
    }
    const [a, b] = scores;
    if (a.length !== b.length || a.some((x, i) => Math.abs(x - b[i]) > 0.31)) {
      problems.push(`“${prefix}” scores ${a.slice(0, 5).map((x) => x.toFixed(1))} through its merged list, ${b.slice(0, 5).map((x) => x.toFixed(1))} through the shards`);
    }
  }
  return problems;
}

async function main() {
  const root = path.resolve(process.argv[2] || '');
  if (process.argv.length !== 3 || !fs.existsSync(path.join(root, 'search', 'index', 'manifest.json'))) {
    console.error('usage: node index-check.mjs <public-dir>   (a folder sinew built, with search/index/)');
    process.exit(2);
  }
  const search = await import(pathToFileURL(searchScript(root)).href);
  const { problems, notes } = validateIndex(root, search, await pageStemmer(root));
  for (const n of notes) console.log(`note ${n}`);
  const ranking = await checkMergedRanking(root, search);
  const checks = [
    ['the index files follow docs/search.md, and search.js finds every title and excerpt word in them', problems],
    ['a prefix ranks alike through its merged list and through the shards', ranking],
  ];
  let failed = 0;
  for (const [what, found] of checks) {
    console.log(`${found.length ? 'FAIL' : 'ok  '} ${what}${found.length ? ': ' + found.slice(0, 10).join(' | ') : ''}`);
    if (found.length) failed++;
  }
  console.log(`index: ${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) main();
