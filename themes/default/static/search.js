// sinew site search, in the browser. A dependency-free ES module, no build step. It runs on the search
// page only (the element marked `data-search-results`); anywhere else it does nothing.
//
// The index is static (docs/search.md is the contract): a small manifest, then only the term shards and
// document chunks a query needs, and a facet's file (f/<name>.json) only when that filter is opened or
// the address has a parameter for it. The script element says
// where the index is (`data-index`), so a site published under a sub-path works:
//
//   <script type="module" src="/search.js" data-index="/search/index/"></script>
//
// Words are processed exactly as the Rust side does (fold, tokens, stop words, plural stemming), so a
// query's words meet the index's; the query is docs/search.md's algorithm (see SCORING). Index data is only ever put in the page with textContent and
// createElement, never as HTML.
//
// Its words are the page's: a `<script type="application/json" id="sinew-strings">` before this one holds
// the theme's `scripts:` strings in the page's language (i18n/<lang>.yaml), read once when first needed;
// plural forms are picked with Intl.PluralRules for the page's language (`<html lang>`).
//
// For tests and measurements, `window.__sinewSearchTiming` holds: `started` (ms after navigation start when
// this module began to run), `ready` (when the manifest was loaded), `firstResults` (ms after navigation start when the first results were shown),
// `searches` ([{q, ms, wait, fetched, results}] for every search: ms from the start of the search to the
// results being in the page, of which `wait` ms waiting for index files, `fetched` files it requested)
// and `last` (the last search shown: {q, filters, results}).

const PAGE_SIZE = 20;
// Results shown before the rest of the first page has arrived.
const FIRST_BATCH = 5;
// Facets with more values than this get a text box to narrow their list of checkboxes, and show at
// most SHOW_AT_MOST of them at a time (a relation facet of a big site has thousands).
const NARROW_AT = 12;
const SHOW_AT_MOST = 60;
// Letters that NFKD does not take apart, folded as the Rust side (deunicode) does; without this they
// would split words.
const EXTRA_FOLDS = {
  'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ł': 'l', 'ı': 'i', 'ħ': 'h',
};
const EXTRA_RE = /[ßæœøđðþłıħ]/g;
const ALNUM_RE = /[a-z0-9]/;

const timing = { started: performance.now(), ready: null, firstResults: null, searches: [], last: null };
if (typeof window !== 'undefined') window.__sinewSearchTiming = timing;

// ---------------------------------------------------------------------------------------------------
// Text processing (docs/search.md, "Text processing")

/** Folds text to lowercase ASCII where it can: NFKD, combining marks dropped, a few extra letters. */
export function fold(text) {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(EXTRA_RE, (c) => EXTRA_FOLDS[c]);
}

/**
 * The words of a text with where they are in it: [{start, end, word}], `word` folded, `start`/`end`
 * offsets into the original text (so a word can be highlighted where it stands).
 */
export function wordSpans(text) {
  const spans = [];
  let cur = null;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i);
    const len = cp > 0xffff ? 2 : 1;
    if (cp < 128) {
      // fast path: ASCII
      const lower = cp >= 65 && cp <= 90 ? cp + 32 : cp;
      if ((lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57)) {
        const c = String.fromCharCode(lower);
        if (cur) {
          cur.word += c;
          cur.end = i + 1;
        } else {
          cur = { start: i, end: i + 1, word: c };
          spans.push(cur);
        }
      } else {
        cur = null;
      }
    } else {
      const folded = fold(text.slice(i, i + len));
      if (folded === '') {
        // a combining mark (or something that folds to nothing) stays with the word it follows
        if (cur) cur.end = i + len;
      }
      for (const c of folded) {
        if (ALNUM_RE.test(c)) {
          if (cur) {
            cur.word += c;
            cur.end = i + len;
          } else {
            cur = { start: i, end: i + len, word: c };
            spans.push(cur);
          }
        } else {
          cur = null;
        }
      }
    }
    i += len;
  }
  return spans;
}

/** Plural stemming only, in the order docs/search.md gives. */
export function stem(word) {
  const n = word.length;
  if (n >= 4 && (word.endsWith('ches') || word.endsWith('shes') || word.endsWith('xes') || word.endsWith('sses'))) {
    return word.slice(0, n - 2);
  }
  if (n >= 5 && word.endsWith('ies')) return word.slice(0, n - 3) + 'y';
  if (n >= 4 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.slice(0, n - 1);
  }
  return word;
}

/** Whether a folded word is a term: not a stop word, and not one letter (one digit is fine). */
function keep(word, stopwords) {
  return (word.length > 1 || (word >= '0' && word <= '9')) && !stopwords.has(word);
}

/**
 * A text's terms: [{start, end, word, term}] (term = the stemmed word), stop words and lone letters gone.
 * `stemWord` is the index language's stemmer (English plurals unless the manifest says otherwise).
 */
export function termSpans(text, stopwords, stemWord = stem) {
  const out = [];
  for (const s of wordSpans(text)) {
    if (keep(s.word, stopwords)) {
      s.term = stemWord(s.word);
      out.push(s);
    }
  }
  return out;
}

/** Levenshtein distance between a and b is at most max (rows stop early once every cell is over it). */
function withinDistance(a, b, max) {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return false;
  let prev = new Array(lb + 1);
  let cur = new Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] <= max;
}

// ---------------------------------------------------------------------------------------------------
// The index: manifest, shards, chunks, facets, each fetched once

export class SearchIndex {
  constructor(base) {
    this.base = base;
    this.manifest = null;
    this.keys = new Set();
    this.maxKeyLength = 0;
    this.stopwords = new Set();
    this.shards = new Map(); // key -> Promise<object>
    this.loadedShards = new Map(); // key -> object
    this.prefixes = new Set(); // the prefixes that have a merged list
    this.merged = new Map(); // prefix -> Promise<array>
    this.loadedMerged = new Map(); // prefix -> array
    this.chunks = new Map(); // n -> Promise<array>
    this.loadedChunks = new Map(); // n -> array
    this.passageChunks = new Map(); // n -> Promise<array>, s/<n>.json
    this.loadedPassages = new Map(); // n -> array
    this.facetPromises = new Map(); // facet name -> Promise
    this.facets = new Map(); // facet name -> {label, values: [{label, docs: Int32Array}], byLabel: Map}
    this.fetches = 0; // files requested so far
  }

  async fetchJSON(rel) {
    this.fetches++;
    const response = await fetch(new URL(rel, this.base), { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`search index: HTTP ${response.status} for ${rel}`);
    return response.json();
  }

  async load() {
    const m = await this.fetchJSON('manifest.json');
    if (m.version !== 1) console.warn(`search: index version ${m.version}; this script reads version 1`);
    this.manifest = m;
    this.keys = new Set(m.shards);
    for (const k of m.shards) this.maxKeyLength = Math.max(this.maxKeyLength, k.length);
    this.stopwords = new Set(m.stopwords);
    // An index in a language with a Snowball stemmer (its manifest says so) is read with the same algorithm,
    // which the page names (`data-stemmer` on the script: stemmers/<lang>.js); English keeps plural stemming.
    this.stem = stem;
    if (m.stemmer) {
      const script = document.querySelector('script[data-stemmer]');
      const url = script && script.getAttribute('data-stemmer');
      if (url) this.stem = (await import(new URL(url, document.baseURI).href)).stem;
      else console.warn(`search: the ${m.language} index needs its stemmer, and the page names none`);
    }
    this.prefixes = new Set(m.prefixes || []);
    this.groups = m.synonym_groups || [];
    this.collections = m.collections || [];
    return m;
  }

  /** The shard that holds `term`: the longest key that is a prefix of it, or null. */
  shardKey(term) {
    for (let n = Math.min(term.length, this.maxKeyLength); n > 0; n--) {
      const k = term.slice(0, n);
      if (this.keys.has(k)) return k;
    }
    return null;
  }

  /** The shards that can hold terms starting with `prefix`: its own, and those with longer keys under it. */
  prefixShardKeys(prefix) {
    const out = [];
    const own = this.shardKey(prefix);
    if (own) out.push(own);
    for (const k of this.keys) {
      if (k.length > prefix.length && k.startsWith(prefix)) out.push(k);
    }
    return out;
  }

  /**
   * Fetches an index file once: its promise is kept in `pending` under `key`, its contents in `loaded` once
   * they are in. A failed fetch is forgotten, so a later search tries again.
   */
  once(pending, loaded, key, rel) {
    let p = pending.get(key);
    if (!p) {
      p = this.fetchJSON(rel).then(
        (value) => {
          loaded.set(key, value);
          return value;
        },
        (e) => {
          pending.delete(key);
          throw e;
        },
      );
      pending.set(key, p);
    }
    return p;
  }

  shard(key) {
    return this.once(this.shards, this.loadedShards, key, `t/${encodeURIComponent(key)}.json`);
  }

  /** The merged list of a prefix in `prefixes`: each page's best term starting with it. */
  mergedList(prefix) {
    return this.once(this.merged, this.loadedMerged, prefix, `p/${encodeURIComponent(prefix)}.json`);
  }

  chunk(n) {
    return this.once(this.chunks, this.loadedChunks, n, `d/${n}.json`);
  }

  /** [title, url, collection, excerpt] of document d, once its chunk is loaded. */
  doc(d) {
    const size = this.manifest.chunk_size;
    const c = this.loadedChunks.get(Math.floor(d / size));
    return c ? c[d % size] : undefined;
  }

  loadDocs(docs) {
    const size = this.manifest.chunk_size;
    const need = new Set(docs.map((d) => Math.floor(d / size)));
    return Promise.all([...need].map((n) => this.chunk(n)));
  }

  /** The passages of document d (its body's sentences), once its passage chunk is loaded; else undefined. */
  passagesOf(d) {
    const size = this.manifest.chunk_size;
    const c = this.loadedPassages.get(Math.floor(d / size));
    return c ? c[d % size] : undefined;
  }

  /** Fetches the passage chunks (s/<n>.json) of `docs`: a result shows its excerpt until they are in. */
  loadPassages(docs) {
    const size = this.manifest.chunk_size;
    const need = new Set(docs.map((d) => Math.floor(d / size)));
    return Promise.all([...need].map((n) => this.once(this.passageChunks, this.loadedPassages, n, `s/${n}.json`)));
  }

  /** One facet's values (f/<name>.json), fetched the first time it is needed. */
  loadFacet(name) {
    let p = this.facetPromises.get(name);
    if (!p) {
      p = this.fetchJSON(`f/${encodeURIComponent(name)}.json`).then(
        (raw) => {
          const values = raw.values.map(([label, deltas]) => {
            const docs = new Int32Array(deltas.length);
            let d = 0;
            for (let i = 0; i < deltas.length; i++) {
              d += deltas[i];
              docs[i] = d;
            }
            return { label, docs };
          });
          const facet = { label: raw.label, values, byLabel: new Map(values.map((v) => [v.label, v])) };
          this.facets.set(name, facet);
          return facet;
        },
        (e) => {
          this.facetPromises.delete(name);
          throw e;
        },
      );
      this.facetPromises.set(name, p);
    }
    return p;
  }
}

// ---------------------------------------------------------------------------------------------------
// The query (docs/search.md, "Query")

const WEIGHT_EXACT = 1;
// Below the word itself: a page that says "buttock" answers "butt" less surely than one that says "butt".
const WEIGHT_SYNONYM = 0.7;
const WEIGHT_PREFIX = 0.6;
const WEIGHT_TYPO = 0.5;
// Pages a quoted phrase is checked on (their chunks are fetched): the best-scoring ones that have its words.
const PHRASE_CHECKS = 48;
// The best pages whose title or one alias holds every word of the query ("pain in the butt" for "butt pain")
// rise by this much: as many as the first results shown, whose chunks are fetched before they are anyway.
const WHOLE_QUERY_CHECKS = FIRST_BATCH;
const WHOLE_QUERY_BONUS = 1.5;

/**
 * The query's terms, and for each the synonym groups one of whose members covers it; `phrases`: the
 * [first, end) token ranges of its quoted phrases; `typing`: whether the last word may be unfinished (the
 * query does not end in a space or a quote).
 */
export function parseQuery(index, q) {
  const tokens = [];
  const phrases = [];
  q.split('"').forEach((part, i) => {
    const first = tokens.length;
    for (const s of termSpans(part, index.stopwords, index.stem)) tokens.push(s.term);
    // Odd parts are inside quotes; a phrase of one word is just that word.
    if (i % 2 === 1 && tokens.length - first > 1) phrases.push([first, tokens.length]);
  });
  const synonyms = tokens.map(() => []);
  const usedGroups = new Set();
  index.groups.forEach((group, g) => {
    for (const member of group) {
      if (!member.length) continue;
      for (let i = 0; i + member.length <= tokens.length; i++) {
        let hit = true;
        for (let j = 0; j < member.length; j++) {
          if (tokens[i + j] !== member[j]) {
            hit = false;
            break;
          }
        }
        if (!hit) continue;
        usedGroups.add(g);
        for (let j = 0; j < member.length; j++) {
          if (!synonyms[i + j].includes(g)) synonyms[i + j].push(g);
        }
      }
    }
  });
  const typing = q.length > 0 && !/[\s"]$/.test(q);
  return { tokens, synonyms, usedGroups, phrases, typing };
}

/** Whether token i may match longer words: only the word being typed, two letters or more. */
function mayBePrefix(parsed, i) {
  return parsed.typing && i === parsed.tokens.length - 1 && parsed.tokens[i].length >= 2;
}

function typoDistance(token) {
  if (token.length >= 8) return 2;
  if (token.length >= 4) return 1;
  return 0;
}

/**
 * What a parsed query needs: {shards, merged}, the keys of the term shards and the prefixes whose merged
 * lists stand in for all the shards under them. The word being typed may need its prefix's files: whether it
 * is a whole word of the index is known only once its own shard is in, so they are fetched with it.
 */
export function needed(index, parsed) {
  const shards = new Set();
  const merged = new Set();
  parsed.tokens.forEach((t, i) => {
    const own = index.shardKey(t);
    if (own) shards.add(own);
    for (const g of parsed.synonyms[i]) {
      const k = index.shardKey('~' + g);
      if (k) shards.add(k);
    }
    if (!mayBePrefix(parsed, i) || parsed.synonyms[i].length) return;
    if (index.prefixes.has(t)) merged.add(t);
    else for (const k of index.prefixShardKeys(t)) shards.add(k);
  });
  return { shards, merged };
}

/** Fetches the files a parsed query needs (see `needed`); resolves once they are all in. */
export function fetchNeeded(index, parsed) {
  const { shards, merged } = needed(index, parsed);
  return Promise.all([...[...shards].map((k) => index.shard(k)), ...[...merged].map((p) => index.mergedList(p))]);
}

/**
 * Scores every document for a parsed query whose files are loaded (`fetchNeeded`). Returns {docs, scores,
 * terms, prefixes, capped, partial}: the documents that match every word (exactly, through a synonym or word
 * form, a typo, or for the word being typed a longer word), best first, filtered by `allowed` if given; when
 * none does, the documents that match the most words, with `partial` set. For highlighting, the index terms
 * that matched and the prefixes whose merged lists matched; `capped`: a list was cut at max_postings, so more
 * pages may match.
 */
export function score(index, parsed, allowed) {
  const n = index.manifest.docs;
  const { tokens } = parsed;
  const total = new Float64Array(n);
  const matched = new Uint16Array(n);
  // per token: the best exact, synonym, prefix and typo candidate of each document
  const slots = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const hit = new Uint8Array(n);
  const seen = [];
  const terms = new Set();
  const prefixes = [];
  const tokenDocs = [];
  // per token: the index terms, synonym groups and merged prefix it matched through
  const perToken = tokens.map(() => ({ terms: new Set(), groups: [], prefix: null }));

  // A list at max_postings may have kept only a word's best pages: the count of results is then a lower bound.
  let capped = false;
  const add = (list, weight, slot) => {
    if (list.length / 2 >= index.manifest.max_postings) capped = true;
    const best = slots[slot];
    let d = 0;
    for (let i = 0; i + 1 < list.length; i += 2) {
      d += list[i];
      const v = weight * list[i + 1];
      if (v > best[d]) best[d] = v;
      if (!hit[d]) {
        hit[d] = 1;
        tokenDocs.push(d);
      }
    }
  };

  tokens.forEach((t, i) => {
    const ownKey = index.shardKey(t);
    const own = ownKey ? index.loadedShards.get(ownKey) : undefined;
    tokenDocs.length = 0;
    const exact = !!own && Object.hasOwn(own, t);
    const mine = perToken[i];
    if (exact) {
      add(own[t], WEIGHT_EXACT, 0);
      terms.add(t);
      mine.terms.add(t);
    }
    let synonym = false;
    for (const g of parsed.synonyms[i]) {
      const term = '~' + g;
      const k = index.shardKey(term);
      const shard = k ? index.loadedShards.get(k) : undefined;
      if (shard && Object.hasOwn(shard, term)) {
        add(shard[term], WEIGHT_SYNONYM, 1);
        synonym = true;
        mine.groups.push(g);
      }
    }
    // A word the index has, as it is or through a synonym, is a finished word: it does not drag in longer
    // words ("butt" and "Butterfly stretch") or near spellings ("pain" and "main").
    if (!exact && !synonym) {
      // prefix: the word being typed only. A candidate weighs less the longer it is than the word; a merged
      // list has each document's best candidate already weighed so.
      if (mayBePrefix(parsed, i)) {
        const merged = index.loadedMerged.get(t);
        if (merged) {
          add(merged, WEIGHT_PREFIX, 2);
          prefixes.push(t);
          mine.prefix = t;
        } else {
          for (const k of index.prefixShardKeys(t)) {
            const shard = index.loadedShards.get(k);
            if (!shard) continue;
            for (const term in shard) {
              if (term.length > t.length && term.startsWith(t)) {
                add(shard[term], (WEIGHT_PREFIX * t.length) / term.length, 2);
                terms.add(term);
                mine.terms.add(term);
              }
            }
          }
        }
      }
      // typos, within the token's own shard
      const maxD = typoDistance(t);
      if (maxD && own) {
        for (const term in own) {
          if (term !== t && term[0] !== '~' && withinDistance(t, term, maxD)) {
            add(own[term], WEIGHT_TYPO, 3);
            terms.add(term);
            mine.terms.add(term);
          }
        }
      }
    }
    const [e, s, p, ty] = slots;
    for (const d of tokenDocs) {
      // exact and synonym add up: "QL" ranks the muscle titled "Quadratus lumborum" (a synonym of "ql")
      // above a stretch with "QL stretch" among its aliases
      let v = e[d] + s[d];
      if (p[d] > v) v = p[d];
      if (ty[d] > v) v = ty[d];
      if (matched[d] === 0) seen.push(d);
      matched[d]++;
      total[d] += v;
      e[d] = s[d] = p[d] = ty[d] = 0;
      hit[d] = 0;
    }
  });

  // Every word must match; failing that, the pages that match the most words, marked partial.
  let most = 0;
  for (const d of seen) if ((!allowed || allowed[d]) && matched[d] > most) most = matched[d];
  const docs = [];
  const scores = new Map();
  for (const d of seen) {
    if ((allowed && !allowed[d]) || matched[d] < most) continue;
    scores.set(d, total[d]);
    docs.push(d);
  }
  docs.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
  const partial = docs.length > 0 && most < tokens.length;
  return { docs, scores, terms, prefixes, capped, partial, perToken };
}

/** Whether `terms` (a text's terms in order) holds `run` (a list of terms) one after the other. */
function holdsRun(terms, run) {
  for (let i = 0; i + run.length <= terms.length; i++) {
    let all = true;
    for (let j = 0; j < run.length && all; j++) all = terms[i + j] === run[j];
    if (all) return true;
  }
  return false;
}

/** Whether one text (a title, an alias) holds every word of the query, each as `score` matched it. */
function holdsEveryWord(index, found, text) {
  const terms = termSpans(text || '', index.stopwords, index.stem).map((s) => s.term);
  return found.perToken.every(
    (word) =>
      terms.some((t) => word.terms.has(t) || (word.prefix && t.length > word.prefix.length && t.startsWith(word.prefix))) ||
      word.groups.some((g) => index.groups[g].some((member) => member.length && holdsRun(terms, member))),
  );
}

/** Whether the terms of one of `texts` hold `phrase` (a list of terms) in order, one after the other. */
function holdsPhrase(index, texts, phrase) {
  return texts.some((text) => text && holdsRun(termSpans(text, index.stopwords, index.stem).map((s) => s.term), phrase));
}

/** The text of a document that a phrase is looked for in: title, aliases, excerpt, cautions, passages. */
function docTexts(doc, passages) {
  const [title, , , excerpt, , aliases, cautions] = doc;
  return [title, ...(aliases || []), excerpt, ...(cautions || []), ...(passages || [])];
}

/**
 * A query from start to finish (the page's search, and the tools' measurements): fetches what it needs,
 * scores, raises the best pages whose title or an alias holds every word, and keeps of the best
 * PHRASE_CHECKS pages those whose text holds each quoted phrase in order. Returns what `score` does.
 */
export async function runQuery(index, q, allowed) {
  const parsed = parseQuery(index, q);
  await fetchNeeded(index, parsed);
  if (!parsed.tokens.length) return { docs: [], scores: new Map(), terms: new Set(), prefixes: [], parsed };
  const found = score(index, parsed, allowed);
  found.parsed = parsed;
  if (found.partial) return found;
  if (parsed.tokens.length > 1) {
    const best = found.docs.slice(0, WHOLE_QUERY_CHECKS);
    await index.loadDocs(best);
    for (const d of best) {
      const [title, , , , , aliases] = index.doc(d);
      if ([title, ...(aliases || [])].some((text) => holdsEveryWord(index, found, text))) {
        found.scores.set(d, found.scores.get(d) * WHOLE_QUERY_BONUS);
      }
    }
    found.docs.sort((a, b) => found.scores.get(b) - found.scores.get(a) || a - b);
  }
  if (!parsed.phrases.length) return found;
  const checked = found.docs.slice(0, PHRASE_CHECKS);
  // Pages past those checked may hold the phrase too: the count is then a lower bound.
  if (found.docs.length > PHRASE_CHECKS) found.capped = true;
  await Promise.all([index.loadDocs(checked), index.loadPassages(checked)]);
  const phrases = parsed.phrases.map(([a, b]) => parsed.tokens.slice(a, b));
  const texts = (d) => docTexts(index.doc(d), index.passagesOf(d));
  found.docs = checked.filter((d) => phrases.every((p) => holdsPhrase(index, texts(d), p)));
  return found;
}

/** Documents allowed by the chosen filters (values OR-ed within a facet, facets AND-ed), or null for all. */
function allowedDocs(index, filters) {
  let mask = null;
  for (const [name, labels] of filters) {
    const facet = index.facets.get(name);
    if (!facet || !labels.size) continue;
    const m = new Uint8Array(index.manifest.docs);
    for (const label of labels) {
      const v = facet.byLabel.get(label);
      if (v) for (const d of v.docs) m[d] = 1;
    }
    if (!mask) mask = m;
    else for (let i = 0; i < mask.length; i++) mask[i] &= m[i];
  }
  return mask;
}

// ---------------------------------------------------------------------------------------------------
// Highlighting: <mark> around the words of a text that the query matched, built with DOM APIs only

/**
 * Which words of a text the query matched: (text) => {spans, marks}, `marks[i]` true for spans[i]. A word
 * is marked when it is a term that matched, starts with a prefix whose merged list matched, or is part of a
 * member of a synonym group the query used.
 */
function matcher(index, parsed, terms, prefixes) {
  const phrases = [];
  for (const g of parsed.usedGroups) {
    for (const member of index.groups[g]) if (member.length) phrases.push(member);
  }
  return (text) => {
    const spans = text ? termSpans(text, index.stopwords, index.stem) : [];
    const marks = [];
    for (let i = 0; i < spans.length; i++) {
      const term = spans[i].term;
      if (terms.has(term) || prefixes.some((p) => term.length > p.length && term.startsWith(p))) marks[i] = true;
      for (const member of phrases) {
        if (i + member.length > spans.length) continue;
        let hit = true;
        for (let j = 0; j < member.length; j++) {
          if (spans[i + j].term !== member[j]) {
            hit = false;
            break;
          }
        }
        if (hit) for (let j = 0; j < member.length; j++) marks[i + j] = true;
      }
    }
    return { spans, marks };
  };
}

/** <mark> around the words `match` marks in a text, as a fragment. */
function highlighter(match) {
  return (text) => {
    const frag = document.createDocumentFragment();
    if (!text) return frag;
    const { spans, marks } = match(text);
    let at = 0;
    for (let i = 0; i < spans.length; i++) {
      if (!marks[i]) continue;
      const start = spans[i].start;
      let end = spans[i].end;
      // marked words next to each other ("figure four") make one mark
      while (i + 1 < spans.length && marks[i + 1] && /^[\s-]*$/.test(text.slice(end, spans[i + 1].start))) {
        i++;
        end = spans[i].end;
      }
      if (start > at) frag.append(document.createTextNode(text.slice(at, start)));
      const mark = document.createElement('mark');
      mark.textContent = text.slice(start, end);
      frag.append(mark);
      at = end;
    }
    if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
    return frag;
  };
}

/**
 * The text a result shows under its title: its excerpt, unless a passage of its page (a sentence of the body,
 * once `passages` are in, or a caution) holds more of the query's matched words. Returns {text, caution}.
 */
export function snippet(doc, match, passages) {
  const [, , , excerpt, , , cautions] = doc;
  const words = (text) => {
    const { spans, marks } = match(text);
    const found = new Set();
    spans.forEach((s, i) => marks[i] && found.add(s.term));
    return found.size;
  };
  let best = { text: excerpt, caution: false };
  let most = words(excerpt);
  for (const [list, caution] of [[passages, false], [cautions, true]]) {
    (list || []).forEach((text, i) => {
      const n = words(text);
      if (n <= most) return;
      most = n;
      // A list item that goes on from the sentence before it ("are pregnant or ...") is shown after it.
      const lead = i > 0 && /^\p{Ll}/u.test(text) ? list[i - 1] + ' ' : '';
      best = { text: lead + text, caution };
    });
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------
// The page

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'className') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k === 'htmlFor') e.htmlFor = v;
      else e.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/**
 * A count as people read it: digits grouped in threes by a narrow no-break space from 10 000 up (the SI
 * and ISO style, right in every language). Not Intl.NumberFormat: building the first one loads locale
 * data and took 80 ms of a cold search page's first query.
 */
export function num(n) {
  const digits = String(n);
  if (!/^\d{5,}$/.test(digits)) return digits;
  return digits.replace(/\B(?=(\d{3})+$)/g, '\u202f');
}

// ---------------------------------------------------------------------------------------------------
// Words (the theme's i18n/<lang>.yaml, `scripts.search`, in the page)

let strings = null;
let pluralRules = null;

/** The page's strings for this script, read from the page once. */
function uiStrings() {
  if (!strings) {
    const el = typeof document !== 'undefined' ? document.getElementById('sinew-strings') : null;
    try {
      strings = (el && JSON.parse(el.textContent).search) || {};
    } catch (e) {
      console.warn('search: the page\'s strings (#sinew-strings) cannot be read:', e);
      strings = {};
    }
  }
  return strings;
}

/** The plural category of n in the page's language ("one", "other", ...). */
function pluralCategory(n) {
  if (!pluralRules) {
    try {
      pluralRules = new Intl.PluralRules(document.documentElement.lang || undefined);
    } catch {
      pluralRules = new Intl.PluralRules('en');
    }
  }
  return pluralRules.select(n);
}

/**
 * The string `key` with its placeholders filled: `{n}` by the count `n` (also picking the plural form when
 * the string has several), every other `{name}` by `values.name`. A missing string shows as its key.
 */
function tr(key, n, values) {
  let text = uiStrings()[key];
  if (text === undefined) {
    console.warn(`search: no string "${key}" in the page's strings`);
    return key;
  }
  if (typeof text === 'object' && text !== null) {
    text = text[pluralCategory(n)] ?? text.other ?? '';
  }
  const all = { ...values, n: n === undefined ? undefined : num(n) };
  return text.replace(/\{(\w+)\}/g, (m, name) => (all[name] === undefined ? m : String(all[name])));
}

function capitalise(s) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** A facet value as readers see it: ids such as "lying-on-back" read "Lying on back" (the address keeps the id). */
function displayLabel(label) {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(label) ? capitalise(label.replace(/-/g, ' ')) : label;
}

function indexBase() {
  const script = document.querySelector('script[data-index]');
  const attr = script && script.getAttribute('data-index');
  return new URL(attr || 'search/index/', attr ? document.baseURI : import.meta.url);
}

/**
 * Fetches what the address's query will need (the manifest, then its term shards and filter files) while
 * the page is still being parsed. The script is loaded `async` in the page's head for this: a deferred
 * script would start only once the whole page is parsed.
 */
function prefetch(index) {
  const params = new URLSearchParams(window.location.search);
  const q = params.get('q') || '';
  return index.load().then((m) => {
    fetchNeeded(index, parseQuery(index, q)).catch(() => {});
    for (const f of m.facets) if (params.get(f.name)) index.loadFacet(f.name).catch(() => {});
    return m;
  });
}

function start(index, loaded) {
  const results = document.querySelector('[data-search-results]');
  if (!results) return;
  const form = document.querySelector('[data-search-form]') || results.ownerDocument.forms[0];
  const input = form && form.querySelector('input[name="q"]');
  const statusEl = document.querySelector('[data-search-status]');
  const filtersEl = document.querySelector('[data-search-filters]');
  // Collection links for an empty box (the full A–Z list is for readers without JavaScript).
  const browse = document.querySelector('[data-search-browse]');
  if (!input) return;
  const baseTitle = document.title;
  // The page's words and its language's plural rules, ready before the first results (the index files are
  // on their way meanwhile).
  uiStrings();
  pluralCategory(1);

  const params = new URLSearchParams(window.location.search);
  const state = {
    q: params.get('q') || '',
    filters: new Map(), // facet name -> Set of value labels
    shown: PAGE_SIZE,
    result: null, // {docs, highlight, q}
  };
  input.value = state.q;
  // an empty box offers the listings; a query in the address has results on their way
  showBrowse(!state.q.trim());
  let generation = 0;
  let frame = 0;
  let facetUI = null;

  function setStatus(text) {
    if (statusEl && statusEl.textContent !== text) statusEl.textContent = text;
  }

  function activeFilterCount() {
    let n = 0;
    for (const labels of state.filters.values()) n += labels.size;
    return n;
  }

  function syncAddress() {
    const p = new URLSearchParams();
    const q = state.q.trim();
    if (q) p.set('q', q);
    for (const f of index.manifest ? index.manifest.facets : []) {
      for (const label of state.filters.get(f.name) || []) p.append(f.name, label);
    }
    const search = p.toString();
    const next = window.location.pathname + (search ? '?' + search : '') + window.location.hash;
    if (next !== window.location.pathname + window.location.search + window.location.hash) {
      try {
        window.history.replaceState(window.history.state, '', next);
      } catch {
        // replaceState can be throttled; the address is a convenience
      }
    }
    document.title = q ? `${q} – ${baseTitle}` : baseTitle;
  }

  function showBrowse(show) {
    if (browse) browse.hidden = !show;
  }

  function clearResults() {
    results.replaceChildren();
    state.result = null;
  }

  function resultItem(d, highlight, match) {
    const doc = index.doc(d);
    if (!doc) return null;
    const [title, url, collection, , thumbnail] = doc;
    const excerpt = snippetElement(d, match);
    const c = collection >= 0 ? index.collections[collection] : null;
    const kind = c ? c.singular || c.name : tr('page_kind');
    const link = el('a', { href: url }, highlight(title));
    // The entry's picture, small: the title beside it says what it shows, so its alt text is empty.
    const picture = thumbnail
      ? el('img', { className: 'search-result-thumb', src: thumbnail, alt: '', loading: 'lazy', decoding: 'async' })
      : null;
    return el(
      'li',
      { className: 'search-result' + (picture ? ' has-thumb' : ''), 'data-doc': String(d) },
      picture,
      el('h2', { className: 'search-result-title' }, link),
      el('p', { className: 'search-result-kind' }, el('span', { className: 'badge', text: capitalise(kind) })),
      excerpt,
    );
  }

  /** The snippet paragraph of result d, or null: a caution is labelled as one ("hip replacement"). */
  function snippetElement(d, match) {
    const shown = snippet(index.doc(d), match, index.passagesOf(d));
    if (!shown.text) return null;
    const label = shown.caution ? el('strong', { className: 'search-result-caution', text: tr('caution_label') + ' ' }) : null;
    const p = el('p', { className: 'search-result-excerpt' }, label, state.result.highlight(shown.text));
    p.dataset.shown = shown.text;
    return p;
  }

  /**
   * Once the passages of the listed results are in, shows the sentence that matched where one holds more of
   * the query's words than the excerpt. After the first results, so a first query never waits for them.
   */
  async function showPassages(list, g) {
    const items = [...list.querySelectorAll('li[data-doc]')];
    try {
      await index.loadPassages(items.map((li) => Number(li.dataset.doc)));
    } catch (e) {
      console.warn('search:', e);
      return;
    }
    if (g !== generation) return;
    for (const li of items) {
      const d = Number(li.dataset.doc);
      const old = li.querySelector('.search-result-excerpt');
      const next = snippetElement(d, state.result.match);
      if (next && (!old || old.dataset.shown !== next.dataset.shown)) {
        if (old) old.replaceWith(next);
        else li.append(next);
      }
    }
  }

  function renderMore(list, from, to) {
    const { docs, highlight, match } = state.result;
    let first = null;
    for (let i = from; i < Math.min(to, docs.length); i++) {
      const item = resultItem(docs[i], highlight, match);
      if (item) {
        list.append(item);
        first = first || item;
      }
    }
    return first;
  }

  function renderFooter() {
    const { docs } = state.result;
    let footer = results.querySelector('.search-more');
    if (docs.length <= state.shown) {
      if (footer) footer.remove();
      return;
    }
    if (!footer) {
      const button = el('button', { type: 'button', className: 'search-more-button', text: tr('more_button') });
      button.addEventListener('click', showMore);
      footer = el('div', { className: 'search-more' }, el('p', { className: 'search-more-count' }), button);
      results.append(footer);
    }
    footer.querySelector('.search-more-count').textContent = tr('more_count', docs.length, { shown: num(state.shown) });
  }

  let loadingMore = false;
  async function showMore() {
    if (!state.result || loadingMore) return;
    const { docs } = state.result;
    const from = state.shown;
    const g = generation;
    loadingMore = true;
    try {
      await index.loadDocs(docs.slice(from, from + PAGE_SIZE));
    } catch (e) {
      return failed(e);
    } finally {
      loadingMore = false;
    }
    if (g !== generation) return;
    state.shown = from + PAGE_SIZE;
    const list = results.querySelector('ol');
    const first = renderMore(list, from, state.shown);
    renderFooter();
    showPassages(list, g);
    setStatus(tr('showing', docs.length, { shown: num(Math.min(state.shown, docs.length)) }));
    if (first) first.querySelector('a').focus();
  }

  function failed(e) {
    console.warn('search:', e);
    clearResults();
    setStatus(tr('unavailable'));
    showBrowse(true);
  }

  async function run() {
    const g = ++generation;
    const t0 = performance.now();
    let wait = 0; // ms spent waiting for index files
    const fetches0 = index.fetches;
    const q = state.q;
    if (!index.manifest) return; // the search runs once the manifest is in
    const parsed = parseQuery(index, q);
    const nFilters = activeFilterCount();
    if (!q.trim() && !nFilters) {
      clearResults();
      setStatus('');
      showBrowse(true);
      record(g, q, t0, 0, 0, 0);
      return;
    }
    let found;
    try {
      const waits = [fetchNeeded(index, parsed)];
      for (const [name, labels] of state.filters) if (labels.size) waits.push(index.loadFacet(name));
      const w0 = performance.now();
      await Promise.all(waits);
      wait += performance.now() - w0;
      if (g !== generation) return;
      const allowed = nFilters ? allowedDocs(index, state.filters) : null;
      if (parsed.tokens.length) {
        // The files are in; a quoted phrase may still fetch the chunks of the pages it is checked on.
        const w2 = performance.now();
        found = await runQuery(index, q, allowed);
        wait += performance.now() - w2;
        if (g !== generation) return;
      } else if (allowed) {
        // filters and no words: everything the filters allow, in index order
        const docs = [];
        for (let d = 0; d < allowed.length; d++) if (allowed[d]) docs.push(d);
        found = { docs, terms: new Set(), prefixes: [] };
      } else {
        found = { docs: [], terms: new Set(), prefixes: [] }; // only stop words
      }
      // The first few results are shown as soon as their chunks are in, and only then are the rest of the
      // page's chunks requested: on a cold page each request costs the main thread a few milliseconds,
      // and a browser opens at most six connections to a host over HTTP/1.1.
      state.shown = FIRST_BATCH;
      const w1 = performance.now();
      await index.loadDocs(found.docs.slice(0, FIRST_BATCH));
      wait += performance.now() - w1;
      if (g !== generation) return;
    } catch (e) {
      if (g === generation) failed(e);
      return;
    }
    const match = matcher(index, parsed, found.terms, found.prefixes);
    state.result = { docs: found.docs, highlight: highlighter(match), match, q };
    const list = el('ol', { className: 'search-results-list', 'aria-label': tr('results_label') });
    results.replaceChildren(list);
    renderMore(list, 0, state.shown);
    const shownQ = q.trim();
    const filtered = nFilters ? tr('filters_on', nFilters) : '';
    const n = found.docs.length;
    if (n === 0) {
      if (shownQ && !parsed.tokens.length) {
        setStatus(tr('no_results_stopwords', undefined, { q: shownQ }));
      } else {
        setStatus(
          (shownQ ? tr('no_results', undefined, { q: shownQ, filters: filtered }) : tr('nothing_matches')) +
            ' ' +
            tr('no_results_help'),
        );
      }
      showBrowse(true);
    } else {
      setStatus(
        found.partial
          ? tr(found.capped ? 'partial_results_at_least' : 'partial_results', n, { q: shownQ, filters: filtered })
          : shownQ
          ? tr(found.capped ? 'results_for_at_least' : 'results_for', n, { q: shownQ, filters: filtered })
          : tr(pluralCategory(nFilters) === 'one' ? 'pages_match_filter' : 'pages_match_filters', n),
      );
      showBrowse(false);
    }
    record(g, q, t0, n, wait, index.fetches - fetches0);
    if (n <= FIRST_BATCH) {
      renderFooter();
      showPassages(list, g);
      return;
    }
    try {
      await index.loadDocs(found.docs.slice(FIRST_BATCH, PAGE_SIZE));
    } catch (e) {
      if (g === generation) failed(e);
      return;
    }
    if (g !== generation || state.shown !== FIRST_BATCH) return;
    state.shown = PAGE_SIZE;
    renderMore(list, FIRST_BATCH, PAGE_SIZE);
    renderFooter();
    showPassages(list, g);
  }

  function record(g, q, t0, n, wait, fetched) {
    const ms = performance.now() - t0;
    const round = (x) => Math.round(x * 100) / 100;
    timing.searches.push({ q, ms: round(ms), wait: round(wait), fetched, results: n });
    if (timing.searches.length > 500) timing.searches.splice(0, 100);
    const filters = {};
    for (const [k, v] of state.filters) if (v.size) filters[k] = [...v];
    timing.last = { q, filters, results: n, generation: g };
    if (timing.firstResults === null && n > 0) timing.firstResults = performance.now();
    // After the results: the first replaceState and title change of a page cost tens of milliseconds.
    syncAddress();
  }

  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      run();
    });
  }

  // --- filters -------------------------------------------------------------------------------------

  function buildFilters() {
    if (!filtersEl || !index.manifest.facets.length) return;
    const groups = new Map();
    const clear = el('button', { type: 'button', className: 'search-filters-clear', text: tr('clear_filters') });
    clear.hidden = true;
    const wrap = el('div', { className: 'search-facets' });
    index.manifest.facets.forEach((f, n) => {
      const count = el('span', { className: 'search-facet-count' });
      const loading = el('p', { className: 'search-facet-loading', text: tr('loading') });
      const body = el('div', { className: 'search-facet-body' }, loading);
      const details = el(
        'details',
        { className: 'search-facet', 'data-facet': f.name },
        el('summary', null, f.label, count),
        body,
      );
      details.addEventListener('toggle', () => {
        if (details.open) fillFacet(f.name);
      });
      groups.set(f.name, { details, body, count, label: f.label, n, filled: false });
      wrap.append(details);
    });
    clear.addEventListener('click', () => {
      state.filters.clear();
      for (const box of filtersEl.querySelectorAll('input[type="checkbox"]')) box.checked = false;
      updateFilterCounts();
      schedule();
    });
    const total = el('span', { className: 'search-facet-count' });
    const panel = el(
      'details',
      { className: 'search-filters-panel' },
      el('summary', null, tr('filters'), total),
      el('p', { className: 'search-filters-help', text: tr('filters_help') }),
      wrap,
      clear,
    );
    filtersEl.replaceChildren(panel);
    filtersEl.hidden = false;
    facetUI = { groups, clear, panel, total };
    updateFilterCounts();
  }

  function updateFilterCounts() {
    if (!facetUI) return;
    for (const [name, g] of facetUI.groups) {
      const n = (state.filters.get(name) || new Set()).size;
      g.count.textContent = n ? ' ' + tr('chosen', n) : '';
    }
    const all = activeFilterCount();
    facetUI.total.textContent = all ? ' ' + tr('chosen', all) : '';
    facetUI.clear.hidden = all === 0;
  }

  /** Puts a facet's checkboxes in its group, loading the facet's file the first time. */
  async function fillFacet(name) {
    const g = facetUI && facetUI.groups.get(name);
    if (!g || g.filled) return;
    let facet;
    try {
      facet = await index.loadFacet(name);
    } catch (e) {
      console.warn('search:', e);
      g.body.replaceChildren(el('p', { text: tr('facet_failed') }));
      return;
    }
    if (g.filled) return;
    g.filled = true;
    const legend = el('legend', { className: 'visually-hidden', text: g.label });
    const list = el('ul', { className: 'search-facet-values' });
    const rows = new Map(); // value index -> <li>, made when first shown (a facet can have thousands)
    const row = (v, i) => {
      let li = rows.get(i);
      if (li) return li;
      const id = `facet-${g.n}-${i}`;
      const box = el('input', { type: 'checkbox', id, name, value: v.label });
      box.checked = (state.filters.get(name) || new Set()).has(v.label);
      box.addEventListener('change', () => {
        let set = state.filters.get(name);
        if (!set) state.filters.set(name, (set = new Set()));
        if (box.checked) set.add(v.label);
        else set.delete(v.label);
        updateFilterCounts();
        schedule();
      });
      const count = el('span', { className: 'search-facet-n', text: ` (${num(v.docs.length)})` });
      li = el('li', null, box, el('label', { htmlFor: id }, displayLabel(v.label), count));
      rows.set(i, li);
      return li;
    };
    const fieldset = el('fieldset', null, legend);
    const values = facet.values;
    if (values.length <= NARROW_AT) {
      values.forEach((v, i) => list.append(row(v, i)));
      fieldset.append(list);
    } else {
      // a text box narrows the list; a big facet shows at most SHOW_AT_MOST values (the chosen ones always)
      const folded = values.map((v) => fold(displayLabel(v.label)));
      const nid = `facet-${g.n}-narrow`;
      const narrow = el('input', { type: 'search', id: nid, className: 'search-facet-narrow', autocomplete: 'off' });
      const note = el('p', { className: 'search-facet-note' });
      const show = () => {
        const want = fold(narrow.value.trim());
        const chosen = state.filters.get(name) || new Set();
        const shown = [];
        let matches = 0;
        values.forEach((v, i) => {
          const match = want === '' || folded[i].includes(want);
          if (match) matches++;
          if (chosen.has(v.label) || (match && matches <= SHOW_AT_MOST)) {
            const li = row(v, i);
            li.querySelector('input').checked = chosen.has(v.label); // "Clear filters" may have run meanwhile
            shown.push(li);
          }
        });
        list.replaceChildren(...shown);
        note.textContent =
          matches > SHOW_AT_MOST
            ? tr('narrow_capped', matches, { shown: num(SHOW_AT_MOST) })
            : matches === 0
              ? tr('narrow_none', undefined, { label: g.label.toLowerCase(), text: narrow.value.trim() })
              : '';
        note.hidden = note.textContent === '';
      };
      narrow.addEventListener('input', show);
      // Enter in the narrowing box must not submit the search form
      narrow.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') e.preventDefault();
      });
      const label = el('label', { htmlFor: nid, text: tr('narrow_label', undefined, { label: g.label.toLowerCase() }) });
      fieldset.append(el('p', { className: 'search-facet-narrow-row' }, label, narrow), list, note);
      show();
    }
    g.body.replaceChildren(fieldset);
  }

  // --- keyboard: arrow keys from the box into the results and back ------------------------------------

  function resultLinks() {
    return [...results.querySelectorAll('.search-result-title a')];
  }

  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && !e.altKey) {
      const links = resultLinks();
      if (links.length) {
        e.preventDefault();
        links[0].focus();
      }
    }
  });
  results.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = resultLinks();
    const i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown') {
      if (i + 1 < links.length) links[i + 1].focus();
    } else if (i > 0) links[i - 1].focus();
    else input.focus();
  });

  // --- wiring --------------------------------------------------------------------------------------

  input.addEventListener('input', () => {
    state.q = input.value;
    schedule();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    state.q = input.value;
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    run();
  });
  // The header's search box, on this page: search here instead of reloading the page.
  for (const other of document.querySelectorAll('form[role="search"]')) {
    if (other === form) continue;
    const box = other.querySelector('input[name="q"]');
    if (!box) continue;
    other.addEventListener('submit', (e) => {
      e.preventDefault();
      input.value = box.value;
      box.value = '';
      state.q = input.value;
      run();
      input.focus();
    });
  }

  loaded
    .then(async (m) => {
      timing.ready = performance.now();
      for (const f of m.facets) {
        const labels = params.getAll(f.name).filter(Boolean);
        if (labels.length) state.filters.set(f.name, new Set(labels));
      }
      buildFilters();
      if (activeFilterCount()) {
        // filter parameters in the address: those facets first, and their groups open
        try {
          await Promise.all([...state.filters.keys()].map((name) => index.loadFacet(name)));
        } catch (e) {
          return failed(e);
        }
        for (const [name, labels] of state.filters) {
          const facet = index.facets.get(name);
          for (const label of [...labels]) if (!facet.byLabel.has(label)) labels.delete(label);
        }
        if (facetUI) {
          for (const [name, labels] of state.filters) {
            const g = facetUI.groups.get(name);
            if (g && labels.size) {
              facetUI.panel.open = true;
              g.details.open = true;
              await fillFacet(name);
            }
          }
        }
        updateFilterCounts();
      }
      state.q = input.value; // whatever was typed while the manifest loaded
      run();
    })
    .catch(failed);
}

if (typeof document !== 'undefined' && document.querySelector('[data-search-results], script[data-index]')) {
  const index = new SearchIndex(indexBase());
  const loaded = prefetch(index);
  loaded.catch(() => {}); // reported by start()
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => start(index, loaded), { once: true });
  } else {
    start(index, loaded);
  }
}
