// The relevance of a built site's search, measured without a browser: the site's own search.js answers each
// query of a query set (tests/search-relevance.json) from the index files on disk, as the search page would.
// For each query: the pages that must be among the first three results are (`top3`; at least one of `any3`),
// and there are no more results than its bound (`max`). Prints precision at 3 (of the first three results, the share that are relevant, out of
// at most as many as the query has relevant pages) and the median result count.
//
//   node tools/browser/search-relevance.mjs public [queries.json] [--verbose]
//
// Prints one line per failed query, then `relevance: N passed, M failed`; exits 1 if a query failed.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** The search engine (search-core.js) and the stemmer a language's search page loads: file paths (stemmer or null). */
function pageScripts(root, lang) {
  const page = fs.readFileSync(path.join(root, lang === 'en' ? '' : lang, 'search', 'index.html'), 'utf8');
  // The engine the page names (data-core); a build from before search.js was split has it all in search.js.
  const src =
    /<script[^>]*\sdata-core="([^"]*search-core(?:\.[0-9a-f]+)?\.js)"/.exec(page) ||
    /<script[^>]*\ssrc="([^"]*search(?:\.[0-9a-f]+)?\.js)"/.exec(page);
  if (!src) throw new Error(`${lang}/search/index.html loads no search script`);
  const stemmer = /data-stemmer="([^"]+)"/.exec(page);
  const file = (url) => path.join(root, new URL(url, 'https://x/').pathname);
  return { script: file(src[1]), stemmer: stemmer ? file(stemmer[1]) : null };
}

/** A language's index, read from disk by the site's own search.js. */
async function openIndex(root, lang, search, stemmerFile) {
  const dir = path.join(root, lang === 'en' ? '' : lang, 'search', 'index');
  const index = new search.SearchIndex('file:///', stemmerFile ? pathToFileURL(stemmerFile) : null);
  index.fetchJSON = async (rel) => JSON.parse(fs.readFileSync(path.join(dir, decodeURIComponent(rel)), 'utf8'));
  await index.load();
  return index;
}

/** The query's results as the page would list them: [{url}], and whether they match only some words. */
async function answer(search, index, q) {
  let docs;
  let partial = false;
  if (search.runQuery) {
    const found = await search.runQuery(index, q, null);
    docs = found.docs;
    partial = !!found.partial;
  } else {
    const parsed = search.parseQuery(index, q);
    await search.fetchNeeded(index, parsed);
    docs = parsed.tokens.length ? search.score(index, parsed, null).docs : [];
  }
  await index.loadDocs(docs.slice(0, 3));
  return { urls: docs.slice(0, 3).map((d) => index.doc(d)[1]), count: docs.length, partial };
}

/** A page's id in the query set: its address without the language and slashes ("stretches/figure-four"). */
function pageId(url, lang) {
  let p = new URL(url, 'https://x/').pathname.replace(/^\/+|\/+$/g, '');
  if (lang !== 'en' && p.startsWith(lang + '/')) p = p.slice(lang.length + 1);
  return p;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main() {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const [rootArg, setArg] = args.filter((a) => !a.startsWith('--'));
  const root = path.resolve(rootArg || '');
  if (!fs.existsSync(path.join(root, 'search', 'index', 'manifest.json'))) {
    console.error('usage: node search-relevance.mjs <public-dir> [queries.json] [--verbose]');
    process.exit(2);
  }
  const set = JSON.parse(fs.readFileSync(setArg || path.join(ROOT, 'tests', 'search-relevance.json'), 'utf8'));
  const opened = new Map();
  let failed = 0;
  const precisions = [];
  const counts = [];
  for (const query of set.queries) {
    const lang = query.lang || 'en';
    if (!opened.has(lang)) {
      const { script, stemmer } = pageScripts(root, lang);
      const search = await import(pathToFileURL(script).href);
      opened.set(lang, { search, index: await openIndex(root, lang, search, stemmer) });
    }
    const { search, index } = opened.get(lang);
    const { urls, count, partial } = await answer(search, index, query.q);
    const top = urls.map((u) => pageId(u, lang));
    const relevant = new Set([...query.top3, ...(query.any3 || []), ...(query.ok || [])]);
    const hits = top.filter((id) => relevant.has(id)).length;
    precisions.push(hits / Math.min(3, relevant.size));
    counts.push(count);
    const missing = query.top3.filter((id) => !top.includes(id));
    const problems = [];
    if (missing.length) problems.push(`lacks ${missing.join(', ')} in its first three`);
    if (query.any3 && !query.any3.some((id) => top.includes(id))) problems.push(`has none of ${query.any3.join(', ')} in its first three`);
    if (count > query.max) problems.push(`${count} results, more than ${query.max}`);
    if (problems.length) failed++;
    if (problems.length || verbose) {
      const flag = problems.length ? 'FAIL' : 'ok  ';
      console.log(`${flag} [${lang}] “${query.q}”: ${count}${partial ? ' partial' : ''} results, first ${top.join(' | ')}${problems.length ? ' — ' + problems.join('; ') : ''}`);
    }
  }
  const p3 = precisions.reduce((a, b) => a + b, 0) / precisions.length;
  console.log(`precision@3 ${p3.toFixed(3)}, median results ${median(counts)}, over ${set.queries.length} queries`);
  console.log(`relevance: ${set.queries.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
