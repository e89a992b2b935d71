// Search latency and bytes, measured in headless Chromium (issue #3's targets: a first query from a
// cold page load answers in under 200 ms and downloads under 300 KB of scripts and index files; later
// keystrokes answer in under 30 ms). Serves a built site on 127.0.0.1 and, for every query, loads
// /search/?q=<query> cold several times, then types more characters after it. Prints medians as
// Markdown tables.
//
//   node tools/browser/search-bench.mjs public [--runs 5] [--query Q]... [--type TEXT] [--base-url URL]
//                                       [--cache-disabled] [--verbose]
//
// --runs N          cold loads per query (default 5), after one uncounted warm-up load
// --query Q         a query to measure (repeatable; default: the list in DEFAULT_QUERIES)
// --type TEXT       characters typed one by one after each cold load (default " tight hips")
// --base-url URL    the site's base_url: the folder is served at its path (/clinic/)
// --cache-disabled  also switch the HTTP cache off through DevTools (each load is cold anyway: see below)
// --verbose         print every run, and the order index files were fetched in
// CHROMIUM=/path/to/chromium overrides /usr/bin/chromium.
//
// What is measured, per cold load (each in a new browser context, so its HTTP cache, storage and
// renderer process are new, as in a fresh profile):
// - "results": a MutationObserver (installed before any page script runs, on `[data-search-results]`
//   once parsing is done) notes performance.now() when the first result `li` is in the DOM. That clock
//   starts at navigation start, so this is navigation start -> results in the DOM; "after search.js
//   started" subtracts `__sinewSearchTiming.started` (when the module began to run: it is loaded async, so
//   this is the search's own share: manifest, shards, chunks, scoring, rendering, on a renderer that is
//   still busy with the page). "frame" is the next animation frame.
// - "mark": search.js's own `__sinewSearchTiming.firstResults`, as a cross-check.
// - bytes: DevTools Network events (encodedDataLength: bytes on the wire, headers included) of every
//   request finished when the results appeared, summed for scripts (.js/.mjs) and index files
//   (search/index/); the page's HTML is shown apart, since the target is about scripts and the index.
// Per keystroke after that (the box's value grows one character at a time; the next key waits until the
// previous search is shown, plus 50 ms):
// - "search": search.js's `searches[].ms`, from the start of its search call to the results in the DOM,
//   waiting for any index file the new word needs included.
// - "input": from the `input` event to the first change under `[data-search-results]` (search.js waits
//   for the next animation frame before it searches, so this is at most a frame longer).
//
// The files come from 127.0.0.1, so network time is close to zero: these are the browser's own costs
// (parsing, scripts, JSON, layout) plus one local round trip per file, not what a reader on a phone sees.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium, parseBaseUrl } from './chromium.mjs';

// The sample site's own examples (a phrase with synonyms, a typo, an abbreviation, a half-typed word),
// and words common in the generated 10,000-entry corpus's titles.
const DEFAULT_QUERIES = ['butt pain sitting', 'piriformus', 'QL', 'stretc', 'hip flexor stretch', 'lower back', 'neck', 'morning desk'];
const DEFAULT_TYPED = ' tight hips';
const TIMEOUT = 20000;
const RESULTS = '[data-search-results]';
const SEARCH_INPUT = '[data-search-form] input[name="q"]';
const PAUSE_BETWEEN_KEYS_MS = 50;
const RESULTS_SHOWN = 'search-bench: results shown';

function usage(msg) {
  if (msg) console.error(`search-bench: ${msg}`);
  console.error('usage: node search-bench.mjs <public-dir> [--runs N] [--query Q]... [--type TEXT] [--base-url URL] [--cache-disabled] [--verbose]');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { root: null, runs: 5, queries: [], typed: DEFAULT_TYPED, prefix: '/', cacheDisabled: false, verbose: false };
  const value = (i, name) => {
    if (i + 1 >= argv.length) usage(`${name} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') {
      o.runs = Number(value(i++, a));
      if (!Number.isInteger(o.runs) || o.runs < 1) usage('--runs needs a whole number above 0');
    } else if (a === '--query') o.queries.push(value(i++, a));
    else if (a === '--type') o.typed = value(i++, a);
    else if (a === '--base-url') {
      const base = parseBaseUrl(value(i++, a));
      if (!base) usage(`--base-url ${argv[i]} is not a URL`);
      o.prefix = base.prefix;
    } else if (a === '--cache-disabled') o.cacheDisabled = true;
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (o.root === null) o.root = a;
    else usage(`unexpected argument ${a}`);
  }
  if (o.root === null) usage('no folder given');
  if (!fs.existsSync(path.join(o.root, 'search', 'index.html'))) usage(`${o.root}/search/index.html does not exist`);
  if (!o.queries.length) o.queries = DEFAULT_QUERIES;
  return o;
}

function quantile(xs, q) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
const median = (xs) => quantile(xs, 0.5);
const ms = (x) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : '–');
const kb = (x) => (Number.isFinite(x) ? (x / 1000).toFixed(1) : '–');

// Runs in every page before its own scripts: notes when results reach the DOM, and each keystroke's
// input event and the first DOM change after it.
function pageProbe({ resultsSelector, inputSelector, shownMessage }) {
  const bench = { resultsAt: null, frameAt: null, keys: [] };
  window.__searchBench = bench;
  let pending = null;
  // Observing only the results element (not the whole document while 10,000 A–Z links are parsed) keeps
  // the probe from costing the page anything measurable. 'interactive' comes before module scripts run.
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    const results = document.querySelector(resultsSelector);
    if (!results) return;
    new MutationObserver(() => {
      const now = performance.now();
      if (bench.resultsAt === null && results.querySelector('li')) {
        bench.resultsAt = now;
        requestAnimationFrame(() => {
          bench.frameAt = performance.now();
          // Told through the console, which DevTools reports without running anything in the page: a
          // waitForFunction here would poll every frame and inject Playwright's own script (10-20 ms of
          // the renderer's main thread) in the very window measured.
          console.debug(shownMessage);
        });
      }
      if (pending) {
        pending.dom = now;
        pending = null;
      }
    }).observe(results, { childList: true, subtree: true, characterData: true });
  });
  document.addEventListener(
    'input',
    (e) => {
      if (e.target instanceof Element && e.target.matches(inputSelector)) {
        pending = { value: e.target.value, input: performance.now(), dom: null };
        bench.keys.push(pending);
      }
    },
    true,
  );
}

/** serve.mjs in a child process: {url, close()}. */
async function serveApart(root, prefix) {
  const script = fileURLToPath(new URL('./serve.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, root, '0', prefix], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      const m = / at (http:\/\/\S+) /.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}) before serving: ${out.trim()}`)));
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** One cold load of /search/?q=query, then `typed` one key at a time. */
async function coldRun(browser, base, query, opts) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  try {
    await context.addInitScript(pageProbe, { resultsSelector: RESULTS, inputSelector: SEARCH_INPUT, shownMessage: RESULTS_SHOWN });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e.message || e)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (opts.cacheDisabled) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const requests = new Map(); // requestId -> {url, bytes, done}
    cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, bytes: 0, done: false }));
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
    });

    const kind = (url) => {
      const p = new URL(url).pathname;
      if (p.includes('/search/index/')) return 'index';
      if (/\.m?js$/.test(p)) return 'script';
      if (p.startsWith(opts.prefix + 'search/')) return 'html';
      return 'other';
    };
    const address = `${base}search/?q=${encodeURIComponent(query).replace(/%20/g, '+')}`;
    const shown = page.waitForEvent('console', { predicate: (m) => m.text() === RESULTS_SHOWN, timeout: TIMEOUT });
    await page.goto(address, { waitUntil: 'domcontentloaded' });
    await shown;
    // The page had every file it asked for before it showed results, but DevTools' events about them
    // can arrive here a little later.
    const counted = () => [...requests.values()].filter((r) => kind(r.url) === 'script' || kind(r.url) === 'index');
    for (let waited = 0; counted().some((r) => !r.done) && waited < 2000; waited += 20) await page.waitForTimeout(20);
    const finished = [...requests.values()].filter((r) => r.done);
    const cold = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const t = window.__sinewSearchTiming || {};
      const b = window.__searchBench;
      const first = (t.searches || []).find((s) => s.results > 0) || {};
      const fetches = performance
        .getEntriesByType('resource')
        .filter((r) => /\/search\/index\/|\.m?js$/.test(new URL(r.name).pathname))
        .map((r) => ({ path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd }));
      return {
        results: document.querySelectorAll('[data-search-results] li').length,
        resultsAt: b.resultsAt,
        frameAt: b.frameAt,
        dcl: nav.domContentLoadedEventStart,
        mark: t.firstResults,
        started: t.started,
        ready: t.ready,
        searchMs: first.ms,
        searchWait: first.wait,
        fetches,
      };
    });
    const sum = (k) => finished.filter((r) => kind(r.url) === k).reduce((a, r) => a + r.bytes, 0);
    const count = (k) => finished.filter((r) => kind(r.url) === k).length;
    Object.assign(cold, {
      scriptBytes: sum('script'),
      indexBytes: sum('index'),
      htmlBytes: sum('html'),
      files: count('script') + count('index'),
      manifestRequests: finished.filter((r) => r.url.endsWith('/manifest.json')).length,
    });

    // later keystrokes
    const before = await page.evaluate(() => (window.__sinewSearchTiming ? window.__sinewSearchTiming.searches.length : 0));
    await page.focus(SEARCH_INPUT);
    await page.keyboard.press('End');
    let value = await page.inputValue(SEARCH_INPUT);
    for (const c of opts.typed) {
      value += c;
      await page.keyboard.type(c);
      await page.waitForFunction((v) => {
        const t = window.__sinewSearchTiming;
        return t && t.last && t.last.q === v;
      }, value);
      await page.waitForTimeout(PAUSE_BETWEEN_KEYS_MS);
    }
    const keys = await page.evaluate((n) => {
      const searches = window.__sinewSearchTiming.searches.slice(n);
      const inputs = window.__searchBench.keys.map((k) => ({ value: k.value, ms: k.dom === null ? null : k.dom - k.input }));
      return { searches, inputs };
    }, before);
    if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`);
    return { ...cold, keys };
  } finally {
    await context.close();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch (e) {
    console.error(`search-bench: cannot load playwright-core (npm ci in tools/browser): ${e.message}`);
    process.exit(2);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(opts.root, 'search/index/manifest.json'), 'utf8'));
  // No request interception (context.route): it sends every request through the driver and back,
  // which would add to the very times measured here. For the same reason the server runs in its own
  // process, out of the way of this one's traffic with the browser.
  const server = await serveApart(opts.root, opts.prefix);
  const runs = new Map(opts.queries.map((q) => [q, []]));
  const loadBefore = os.loadavg();
  const started = Date.now();
  let browser = null;
  let browserVersion = '';
  try {
    browser = await playwright.chromium.launch({ executablePath: findChromium('search-bench'), headless: true, args: CHROMIUM_ARGS });
    browserVersion = `Chromium ${browser.version()}`;
    await coldRun(browser, server.url, opts.queries[0], opts); // warm-up: browser processes, the server's file cache
    // Query after query within a run, so a noisy moment of the machine spreads over all of them.
    for (let r = 0; r < opts.runs; r++) {
      for (const q of opts.queries) {
        const run = await coldRun(browser, server.url, q, opts);
        runs.get(q).push(run);
        if (opts.verbose) {
          const order = run.fetches.map((f) => `${f.path.replace(/.*\/search\/index\//, '')}@${ms(f.start)}-${ms(f.end)}`).join(' ');
          console.log(
            `run ${r + 1} “${q}”: results ${ms(run.resultsAt)} ms (DCL ${ms(run.dcl)}, manifest ${ms(run.ready)}, search ${ms(run.searchMs)} of which waiting ${ms(run.searchWait)}), ` +
              `${run.files} files ${kb(run.scriptBytes + run.indexBytes)} KB, manifest requested ${run.manifestRequests}x; fetched ${order}`,
          );
        }
      }
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.close();
  }

  const med = (rs, f) => median(rs.map(f));
  const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
  const version = (await import('playwright-core/package.json', { with: { type: 'json' } }).catch(() => null))?.default?.version;
  console.log(`\n${opts.root}: ${manifest.docs} documents, ${manifest.shards.length} shards; ${opts.runs} cold loads per query, medians`);
  console.log(
    `machine: ${os.cpus().length} CPUs, load average ${load(loadBefore)} before and ${load(os.loadavg())} after; ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s; ${browserVersion}${version ? `, playwright-core ${version}` : ''}\n`,
  );
  console.log('| query | results shown | results in DOM after navigation start (ms) | results after DCL (ms) | results after search.js started (ms) | next frame (ms) | search.js mark (ms) | DCL (ms) | files | scripts KB | index KB | scripts + index KB | page HTML KB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [q, rs] of runs) {
    console.log(
      `| ${q} | ${med(rs, (r) => r.results)} | ${ms(med(rs, (r) => r.resultsAt))} | ${ms(med(rs, (r) => r.resultsAt - r.dcl))} | ${ms(med(rs, (r) => r.resultsAt - r.started))} | ${ms(med(rs, (r) => r.frameAt))} | ` +
        `${ms(med(rs, (r) => r.mark))} | ${ms(med(rs, (r) => r.dcl))} | ${med(rs, (r) => r.files)} | ${kb(med(rs, (r) => r.scriptBytes))} | ` +
        `${kb(med(rs, (r) => r.indexBytes))} | ${kb(med(rs, (r) => r.scriptBytes + r.indexBytes))} | ${kb(med(rs, (r) => r.htmlBytes))} |`,
    );
  }
  console.log(`\nLater keystrokes: typing “${opts.typed}” after each cold load (${opts.typed.length} keys x ${opts.runs} loads per query)\n`);
  console.log('| query | search call -> DOM, median (ms) | p90 (ms) | max (ms) | keys that fetched files | median without them (ms) | input event -> DOM, median (ms) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [q, rs] of runs) {
    const searches = rs.flatMap((r) => r.keys.searches);
    const times = searches.map((s) => s.ms);
    const noFetch = searches.filter((s) => s.fetched === 0).map((s) => s.ms);
    const inputs = rs.flatMap((r) => r.keys.inputs.map((k) => k.ms));
    console.log(
      `| ${q} | ${ms(median(times))} | ${ms(quantile(times, 0.9))} | ${ms(Math.max(...times))} | ${times.length - noFetch.length} of ${times.length} | ${ms(median(noFetch))} | ${ms(median(inputs))} |`,
    );
  }
}

main().catch((e) => {
  console.error(`search-bench: ${e.stack || e}`);
  process.exit(2);
});
