// sinew site search's engine: text processing, the index (read a file at a time), the query and what a
// result shows. A dependency-free ES module with no page of its own: search.js runs the search page with it,
// and tools/browser reads a built index with it in Node (index-check.mjs, search-relevance.mjs).
//
// Words are processed exactly as the Rust side does (fold, tokens, stop words, the language's stemming), so
// a query's words meet the index's; the query is docs/search.md's algorithm. Highlighting builds DOM nodes
// (textContent and createElement, never HTML), so it runs in a page only.

// Letters that NFKD does not take apart, folded as the Rust side (deunicode) does; without this they
// would split words.
const EXTRA_FOLDS = {
  'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ł': 'l', 'ı': 'i', 'ħ': 'h',
};
const EXTRA_RE = /[ßæœøđðþłıħ]/g;
const ALNUM_RE = /[a-z0-9]/;

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

/** English plural stemming, in the order docs/search.md gives (manifest `stemming`: `english-plurals`). */
export function pluralStem(word) {
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

/** A language without stemming is folded only (manifest `stemming`: `none`), as the Rust side does. */
export function noStem(word) {
  return word;
}

/** Whether a folded word is a term: not a stop word, and not one letter (one digit is fine). */
function keep(word, stopwords) {
  return (word.length > 1 || (word >= '0' && word <= '9')) && !stopwords.has(word);
}

/**
 * A text's terms: [{start, end, word, term}] (term = the stemmed word), stop words and lone letters gone.
 * `stemWord` is the index language's stemmer (none unless the manifest says there is one).
 */
export function termSpans(text, stopwords, stemWord = noStem) {
  const out = [];
  for (const s of wordSpans(text)) {
    if (keep(s.word, stopwords)) {
      s.term = stemWord(s.word);
      // A word whose stem is a stop word ("getting") is one too, as in Rust (text.rs, `term`).
      if (!stopwords.has(s.term)) out.push(s);
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
  /**
   * `base`: the index's address; `stemmerUrl`: the stemmer of its language (stemmers/<code>.js), which the
   * page names and preloads, or null.
   */
  constructor(base, stemmerUrl = null) {
    this.base = base;
    this.stemmerUrl = stemmerUrl;
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
    this.passageFiles = new Map(); // d -> Promise<array>, s/<d>.json
    this.loadedPassages = new Map(); // d -> array
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
    // The stemmer is imported while the manifest is fetched rather than after it: a cold first query waits
    // for both.
    const stemmer = this.stemmerUrl ? import(String(this.stemmerUrl)) : null;
    stemmer?.catch(() => {}); // awaited below if the index needs it; this only keeps an unneeded failure quiet
    const m = await this.fetchJSON('manifest.json');
    if (m.version !== 1) console.warn(`search: index version ${m.version}; this script reads version 1`);
    this.manifest = m;
    this.keys = new Set(m.shards);
    for (const k of m.shards) this.maxKeyLength = Math.max(this.maxKeyLength, k.length);
    this.stopwords = new Set(m.stopwords);
    // The index's words were stemmed as its manifest says; a Snowball language's algorithm is the script the
    // page names.
    this.stem = m.stemming === 'english-plurals' ? pluralStem : noStem;
    if (m.stemming === 'snowball') {
      if (stemmer) this.stem = (await stemmer).stem;
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

  /** [title, url, collection, excerpt, ...] of document d, once its chunk is loaded. */
  doc(d) {
    const size = this.manifest.chunk_size;
    const c = this.loadedChunks.get(Math.floor(d / size));
    return c ? c[d % size] : undefined;
  }

  /** Fetches each chunk holding one of `docs`, once. */
  loadDocs(docs) {
    const size = this.manifest.chunk_size;
    return Promise.all([...new Set(docs.map((d) => Math.floor(d / size)))].map((n) => this.chunk(n)));
  }

  /** The passages of document d (its whole body's sentences), once they are loaded; else undefined. */
  passagesOf(d) {
    return this.loadedPassages.get(d);
  }

  /** Fetches the passages (s/<d>.json, a file per document) of `docs`: a result shows its excerpt until then. */
  loadPassages(docs) {
    return Promise.all([...new Set(docs)].map((d) => this.once(this.passageFiles, this.loadedPassages, d, `s/${d}.json`)));
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
// rise by this much, those where one holds some of the words (two or more) by that share of it: as many as
// the page shows first (search.js's FIRST_BATCH), whose chunks it fetches
// before it shows them anyway.
const WHOLE_QUERY_CHECKS = 5;
const WHOLE_QUERY_BONUS = 1.5;

/**
 * The query's terms, and for each the synonym groups one of whose members covers it (`inPhrase`: a member of
 * several words, a lay phrase, covers it); `phrases`: the [first, end) token ranges of its quoted phrases; `typing`: whether the last word may be unfinished (the
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
  // Whether a token is part of a lay phrase of a synonym group ("pulled muscle", "down my leg"): such a
  // phrase is matched as a whole, not word by word ("pull" alone is every "pull your knee").
  const inPhrase = tokens.map(() => false);
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
          if (member.length > 1) inPhrase[i + j] = true;
        }
      }
    }
  });
  const typing = q.length > 0 && !/[\s"]$/.test(q);
  return { tokens, synonyms, inPhrase, usedGroups, phrases, typing };
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
    // A word's own shard holds the synonym terms of its groups; a word without a shard finds them in `~`'s.
    if (!own) {
      for (const g of parsed.synonyms[i]) {
        const k = index.shardKey('~' + g);
        if (k) shards.add(k);
      }
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
    const mine = perToken[i];
    let synonym = false;
    for (const g of parsed.synonyms[i]) {
      const term = '~' + g;
      const k = ownKey || index.shardKey(term);
      const shard = k ? index.loadedShards.get(k) : undefined;
      if (shard && Object.hasOwn(shard, term)) {
        add(shard[term], WEIGHT_SYNONYM, 1);
        synonym = true;
        mine.groups.push(g);
      }
    }
    // A word of a lay phrase the index has pages for counts only through the phrase's group.
    const exact = !!own && Object.hasOwn(own, t) && !(synonym && parsed.inPhrase[i]);
    if (exact) {
      add(own[t], WEIGHT_EXACT, 0);
      terms.add(t);
      mine.terms.add(t);
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

/** How many words of the query one text (a title, an alias) holds, each as `score` matched it. */
function wordsHeld(index, found, text) {
  const terms = termSpans(text || '', index.stopwords, index.stem).map((s) => s.term);
  return found.perToken.filter(
    (word) =>
      terms.some((t) => word.terms.has(t) || (word.prefix && t.length > word.prefix.length && t.startsWith(word.prefix))) ||
      word.groups.some((g) => index.groups[g].some((member) => member.length && holdsRun(terms, member))),
  ).length;
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
      const held = Math.max(...[title, ...(aliases || [])].map((text) => wordsHeld(index, found, text)));
      // Two words or more together in a name ("pain in the butt" for "pain in my butt when sitting") say more
      // than the same words apart; every word, the most.
      if (held >= 2) {
        const share = held / found.perToken.length;
        found.scores.set(d, found.scores.get(d) * (1 + (WHOLE_QUERY_BONUS - 1) * share));
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
export function allowedDocs(index, filters) {
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
export function matcher(index, parsed, terms, prefixes) {
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
export function highlighter(match) {
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
