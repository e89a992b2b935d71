// Site search, checked in a real browser: serves a built site on 127.0.0.1, drives headless Chromium
// (Debian's, through playwright-core) through the search page and prints one line per check.
//
//   node tools/browser/search-check.mjs public [--base-url https://example.org/clinic/] [--verbose]
//
// --base-url  the site's base_url. The folder is served at its path (/clinic/), and requests for
//             absolute URLs under it are answered from the folder.
// --verbose   also print each query's first results.
// CHROMIUM=/path/to/chromium overrides /usr/bin/chromium.
//
// The queries and expectations are about the repository's sample site (content/): "butt pain sitting"
// finds a sitting cause and a glute stretch, "QL" the quadratus lumborum, and so on. Performance figures
// are printed (lines starting `perf`) but not asserted. The last line is always
// `search: N passed, M failed`; the exit status is 1 if any check failed, 2 if the tool could not run.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { serve } from './serve.mjs';
import { checkMergedRanking, pageStemmer, searchScript, searchScripts, validateIndex } from './index-check.mjs';
import { CHROMIUM_ARGS, findChromium, parseBaseUrl } from './chromium.mjs';

const require = createRequire(import.meta.url);

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TIMEOUT = 15000;

// Selectors: the contract between search.html/search.js and this check.
const SEARCH_INPUT = '[data-search-form] input[name="q"]';
const HEADER_INPUT = 'header form[role="search"] input[name="q"]';
const RESULT_ITEMS = '[data-search-results] li';
const STATUS = '[data-search-status]';
const AZ = '[data-search-az]';
const BROWSE = '[data-search-browse]';
const MORE_BUTTON = '[data-search-results] .search-more-button';

function usage(msg) {
  if (msg) console.error(`search-check: ${msg}`);
  console.error('usage: node search-check.mjs <public-dir> [--base-url URL] [--verbose]');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { root: null, baseUrl: null, prefix: '/', verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--base-url') {
      if (i + 1 >= argv.length) usage('--base-url needs a value');
      o.baseUrl = argv[++i];
    } else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (o.root === null) o.root = a;
    else usage(`unexpected argument ${a}`);
  }
  if (o.root === null) usage('no folder given');
  if (!fs.existsSync(o.root) || !fs.statSync(o.root).isDirectory()) usage(`${o.root} is not a folder`);
  if (o.baseUrl) {
    const base = parseBaseUrl(o.baseUrl);
    if (!base) usage(`--base-url ${o.baseUrl} is not a URL`);
    o.baseUrl = base.baseUrl;
    o.prefix = base.prefix;
  }
  return o;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = path.resolve(opts.root);
  if (!fs.existsSync(path.join(root, 'search', 'index.html'))) {
    console.log(`FAIL search page: ${opts.root}/search/index.html does not exist`);
    console.log('search: 0 passed, 1 failed');
    process.exit(1);
  }
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch (e) {
    console.error(`search-check: cannot load playwright-core (npm ci in tools/browser): ${e.message}`);
    process.exit(2);
  }
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'search/index/manifest.json'), 'utf8'));

  let passed = 0;
  let failed = 0;
  const check = (name, ok, detail) => {
    if (ok) {
      passed++;
      console.log(`ok   ${name}${detail && opts.verbose ? `: ${detail}` : ''}`);
    } else {
      failed++;
      console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
    }
    return ok;
  };
  // Runs a check body; an exception (a timeout, usually) is a failure of that check, not of the tool.
  const attempt = async (name, body) => {
    try {
      await body();
    } catch (e) {
      check(name, false, String(e.message || e).split('\n')[0]);
    }
  };

  const server = await serve(root, { prefix: opts.prefix });
  const local = `http://127.0.0.1:${server.port}/`;
  const base = server.url; // local URL of the site's root, prefix included
  const { chromium } = playwright;
  const browser = await chromium.launch({ executablePath: findChromium('search-check'), headless: true, args: CHROMIUM_ARGS });
  const consoleErrors = [];
  const outside = new Set();

  async function newContext(extra = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', ...extra });
    await context.route('**/*', async (route) => {
      const u = route.request().url();
      if (u.startsWith(local) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
      if (opts.baseUrl && u.startsWith(opts.baseUrl)) {
        const resp = await route.fetch({ url: base + u.slice(opts.baseUrl.length), maxRedirects: 0 });
        return route.fulfill({ response: resp });
      }
      outside.add(u);
      return route.abort('blockedbyclient');
    });
    return context;
  }
  async function newPage(context) {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: uncaught ${e.message || e}`));
    return page;
  }

  // A result URL as a path inside the site ('/muscles/piriformis/'), whatever the base path.
  const sitePath = (href, pageUrl) => {
    const p = new URL(href, pageUrl).pathname;
    return p.startsWith(opts.prefix) ? '/' + p.slice(opts.prefix.length) : p;
  };
  const builtPage = (p) => {
    const file = path.join(root, decodeURIComponent(p), p.endsWith('/') ? 'index.html' : '');
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  };

  /** Waits for the search for `q` (and exactly these filters) to be in the page; returns the results. */
  async function searched(page, q, filters = {}) {
    await page.waitForFunction(
      ([q, f]) => {
        const t = window.__sinewSearchTiming;
        return t && t.last && t.last.q === q && JSON.stringify(t.last.filters) === f;
      },
      [q, JSON.stringify(filters)],
    );
    return results(page);
  }
  async function results(page) {
    const rows = await page.$$eval(RESULT_ITEMS, (items) =>
      items.map((li) => {
        const a = li.querySelector('a[href]');
        return { href: a ? a.getAttribute('href') : '', title: a ? a.textContent.trim() : '', text: li.textContent };
      }),
    );
    const url = page.url();
    return rows.map((r) => ({ ...r, path: sitePath(r.href, url) }));
  }
  async function type(page, q) {
    await page.fill(SEARCH_INPUT, q);
    return searched(page, q);
  }
  /** Opens a facet's group of checkboxes the way a reader would: the filters panel, then the facet. */
  async function openFacet(page, name) {
    const outer = await page.$(`[data-search-filters] details:not([open]):has(details[data-facet="${name}"]) > summary`);
    if (outer) await outer.click();
    const facet = await page.$(`[data-search-filters] details[data-facet="${name}"]:not([open]) > summary`);
    if (facet) await facet.click();
    await page.waitForSelector(`[data-search-filters] details[data-facet="${name}"] input[type="checkbox"]`);
  }
  const show = (rs, n = 5) => rs.slice(0, n).map((r) => r.path).join(' ');
  const verbose = (q, rs) => {
    if (opts.verbose) console.log(`     “${q}”: ${rs.length} results: ${show(rs, 8)}`);
  };

  const context = await newContext();
  try {
    // --- static: index data never goes in as HTML ----------------------------------------------------
    {
      const { page: pageJs, core: coreJs } = searchScripts(root);
      const js = fs.readFileSync(pageJs, 'utf8') + fs.readFileSync(coreJs, 'utf8');
      const bad = ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'createContextualFragment', 'eval('].filter((w) =>
        js.includes(w),
      );
      check('search.js builds results with DOM APIs only (no innerHTML and the like)', bad.length === 0, bad.join(', '));
    }

    // --- the index files ----------------------------------------------------------------------------
    {
      const text = await import(pathToFileURL(searchScript(root)).href);
      const { problems, notes } = validateIndex(root, text, await pageStemmer(root));
      for (const n of notes) console.log(`note ${n}`);
      check('the index files follow docs/search.md, and search.js finds every title and excerpt word in them', problems.length === 0, problems.slice(0, 10).join(' | '));
      const ranking = await checkMergedRanking(root, text);
      check('a prefix ranks alike through its merged list and through the shards', ranking.length === 0, ranking.slice(0, 10).join(' | '));
    }

    // --- performance: a cold load, then keystrokes ---------------------------------------------------
    {
      const perfContext = await newContext();
      const page = await newPage(perfContext);
      const q = 'butt pain sitting';
      await attempt('cold load of /search/?q=butt+pain+sitting shows results', async () => {
        await page.goto(`${base}search/?q=${encodeURIComponent(q).replace(/%20/g, '+')}`, { waitUntil: 'load' });
        await page.waitForFunction(() => window.__sinewSearchTiming && window.__sinewSearchTiming.firstResults !== null);
        const perf = await page.evaluate(() => {
          const t = window.__sinewSearchTiming;
          const res = performance.getEntriesByType('resource');
          const pick = (re) => res.filter((r) => re.test(new URL(r.name).pathname));
          const sum = (rs) => rs.reduce((a, r) => a + (r.encodedBodySize || r.transferSize || 0), 0);
          const scripts = pick(/\.m?js$/);
          const index = pick(/\/search\/index\//);
          return {
            firstResults: t.firstResults,
            ready: t.ready,
            scripts: sum(scripts),
            nScripts: scripts.length,
            index: sum(index),
            files: index.map((r) => new URL(r.name).pathname.replace(/.*\/search\/index\//, '')),
          };
        });
        check('cold load of /search/?q=butt+pain+sitting shows results', perf.firstResults > 0);
        console.log(
          `perf cold load to first results (“${q}”): ${perf.firstResults.toFixed(0)} ms after navigation start (manifest in at ${perf.ready.toFixed(0)} ms)`,
        );
        console.log(
          `perf bytes for that first query: ${perf.scripts + perf.index} (scripts ${perf.scripts} in ${perf.nScripts} file(s), index ${perf.index} in ${perf.files.length} files: ${perf.files.join(' ')})`,
        );
      });
      await attempt('later keystrokes are timed', async () => {
        await page.fill(SEARCH_INPUT, '');
        await searched(page, '');
        const before = await page.evaluate(() => window.__sinewSearchTiming.searches.length);
        await page.focus(SEARCH_INPUT);
        const typed = 'piriformis stretch for sciatica';
        await page.keyboard.type(typed, { delay: 60 });
        await searched(page, typed);
        const later = await page.evaluate((n) => window.__sinewSearchTiming.searches.slice(n), before);
        const last10 = later.slice(-10);
        const ms = last10.map((s) => s.ms);
        const cpu = last10.map((s) => s.ms - (s.wait || 0));
        const fetching = last10.filter((s) => s.fetched > 0).length;
        console.log(
          `perf keystrokes: median ${median(ms).toFixed(2)} ms, max ${Math.max(...ms).toFixed(2)} ms over the last ${ms.length} keystrokes typing “${typed}” (timed in the page from the search call to the results in the DOM; ${fetching} of them fetched index files; without waiting for files: median ${median(cpu).toFixed(2)} ms, max ${Math.max(...cpu).toFixed(2)} ms)`,
        );
        check('later keystrokes are timed', ms.length === 10 && ms.every((x) => Number.isFinite(x)));
      });
      await page.close();
      await perfContext.close();
    }

    const page = await newPage(context);
    await page.goto(`${base}search/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__sinewSearchTiming && window.__sinewSearchTiming.ready !== null);

    // --- relevance -----------------------------------------------------------------------------------
    await attempt('“butt pain sitting”: a sitting cause and a glute stretch in the top 5', async () => {
      const rs = await type(page, 'butt pain sitting');
      verbose('butt pain sitting', rs);
      const top = rs.slice(0, 5);
      const cause = top.find((r) => r.path.startsWith('/causes/') && /sitting/i.test(r.title));
      const stretch = top.find(
        (r) => r.path.startsWith('/stretches/') && /piriformis|glute|figure-four|figure four|pigeon/i.test(r.title + ' ' + r.path),
      );
      check(
        '“butt pain sitting”: a sitting cause and a glute stretch in the top 5',
        cause && stretch,
        `top 5: ${show(rs)}`,
      );
    });
    await attempt('“QL”: quadratus lumborum first', async () => {
      const rs = await type(page, 'QL');
      verbose('QL', rs);
      check('“QL”: quadratus lumborum first', rs[0]?.path === '/muscles/quadratus-lumborum/', `got ${show(rs, 3)}`);
    });
    await attempt('“figure 4”: /stretches/figure-four/ in the top 3', async () => {
      const rs = await type(page, 'figure 4');
      verbose('figure 4', rs);
      check(
        '“figure 4”: /stretches/figure-four/ in the top 3',
        rs.slice(0, 3).some((r) => r.path === '/stretches/figure-four/'),
        `top 3: ${show(rs, 3)}`,
      );
    });
    await attempt('“piriformus” (typo): /muscles/piriformis/ in the top 3', async () => {
      const rs = await type(page, 'piriformus');
      verbose('piriformus', rs);
      check(
        '“piriformus” (typo): /muscles/piriformis/ in the top 3',
        rs.slice(0, 3).some((r) => r.path === '/muscles/piriformis/'),
        `top 3: ${show(rs, 3)}`,
      );
    });
    await attempt('“hamstrung” (typo): /muscles/hamstrings/ in the top 5', async () => {
      const rs = await type(page, 'hamstrung');
      verbose('hamstrung', rs);
      check(
        '“hamstrung” (typo): /muscles/hamstrings/ in the top 5',
        rs.slice(0, 5).some((r) => r.path === '/muscles/hamstrings/'),
        `top 5: ${show(rs)}`,
      );
    });
    await attempt('“stretc” (prefix): results', async () => {
      const rs = await type(page, 'stretc');
      verbose('stretc', rs);
      check('“stretc” (prefix): results', rs.length > 0, `${rs.length} results`);
    });

    await attempt('“butt”: every result has the word (or a synonym), and “Butterfly” is not marked', async () => {
      const rs = await type(page, 'butt');
      const n = await page.evaluate(() => window.__sinewSearchTiming.last.results);
      const marks = await page.$$eval(`${RESULT_ITEMS} mark`, (ms) => ms.map((m) => m.textContent));
      check(
        '“butt”: every result has the word (or a synonym), and “Butterfly” is not marked',
        n > 0 && n <= 45 && !marks.some((m) => /butterfl/i.test(m)),
        `${n} results (${show(rs, 3)}); marked: ${[...new Set(marks)].join(', ')}`,
      );
    });
    await attempt('“hip replacement”: the stretches that warn about it, the caution shown and labelled', async () => {
      const rs = await type(page, 'hip replacement');
      const cautions = await page.$$eval(`${RESULT_ITEMS} .search-result-caution`, (e) => e.map((x) => x.parentElement.textContent));
      check(
        '“hip replacement”: the stretches that warn about it, the caution shown and labelled',
        rs.length >= 3 && rs.slice(0, 3).every((r) => r.path.startsWith('/stretches/')) && cautions.filter((c) => /hip replacement/i.test(c)).length >= 3,
        `${show(rs, 4)}; cautions: ${cautions.length}`,
      );
    });
    await attempt('words no page has together: the pages with some of them, under a line that says so', async () => {
      const rs = await type(page, 'piriformis xylophone');
      const status = (await page.textContent(STATUS)).trim();
      check(
        'words no page has together: the pages with some of them, under a line that says so',
        rs.length > 0 && /^No page has every word of “piriformis xylophone”/.test(status),
        `${rs.length} results, status “${status}”`,
      );
    });
    await attempt('“"pain in the butt"” (a quoted phrase): only the pages with those words in that order', async () => {
      const rs = await type(page, '"pain in the butt"');
      check(
        '“"pain in the butt"” (a quoted phrase): only the pages with those words in that order',
        rs.length > 0 && rs.length <= 3 && rs[0].path === '/causes/piriformis-syndrome/',
        `${rs.length} results: ${show(rs, 4)}`,
      );
    });
    await attempt('a result\'s snippet keeps headings apart from the text', async () => {
      await type(page, 'glutes');
      const texts = await page.$$eval(`${RESULT_ITEMS} .search-result-excerpt`, (ps) => ps.map((p) => p.textContent));
      const runIn = texts.filter((t) => /\b(What it is|Why it helps|What you should feel|Common mistakes) [A-Z]/.test(t));
      check('a result\'s snippet keeps headings apart from the text', texts.length > 0 && runIn.length === 0, runIn.slice(0, 2).join(' | '));
    });

    // --- the page's behaviour ------------------------------------------------------------------------
    await attempt('results show a title link, the kind of page and an excerpt with <mark>ed words', async () => {
      await type(page, 'piriformis');
      const first = await page.$eval(RESULT_ITEMS, (li) => ({
        link: !!li.querySelector('a[href]'),
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
        text: li.textContent.replace(/\s+/g, ' ').trim(),
      }));
      const kinds = ['page', ...manifest.collections.map((c) => c.singular)];
      const hasKind = kinds.some((k) => new RegExp(`\\b${k}\\b`, 'i').test(first.text));
      check(
        'results show a title link, the kind of page and an excerpt with <mark>ed words',
        first.link && hasKind && first.marks.some((m) => /piriformis/i.test(m)),
        `marks: ${first.marks.join(', ')}; text: ${first.text.slice(0, 80)}`,
      );
    });
    await attempt('the address follows the box (?q=tight+hips) and the status says how many', async () => {
      await type(page, 'tight hips');
      const search = await page.evaluate(() => window.location.search);
      const status = (await page.textContent(STATUS)).trim();
      const live = await page.$eval(STATUS, (e) => e.getAttribute('aria-live') || (e.getAttribute('role') === 'status' ? 'polite' : ''));
      check(
        'the address follows the box (?q=tight+hips) and the status says how many',
        search === '?q=tight+hips' && /^\d+ results? for “tight hips”/.test(status) && live === 'polite',
        `address ${search}, status “${status}”, aria-live ${live}`,
      );
    });
    await attempt('arrow down from the box focuses the first result, arrow up comes back', async () => {
      await page.focus(SEARCH_INPUT);
      await page.keyboard.press('ArrowDown');
      const first = await page.evaluate(() => document.activeElement.closest('[data-search-results] li') !== null);
      await page.keyboard.press('ArrowDown');
      const second = await page.evaluate(
        () => [...document.querySelectorAll('[data-search-results] li')].indexOf(document.activeElement.closest('li')),
      );
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      const back = await page.evaluate(() => document.activeElement.matches('[data-search-form] input[name="q"]'));
      check('arrow down from the box focuses the first result, arrow up comes back', first && second === 1 && back);
    });
    await attempt('the browse links hide while there is a query and come back when the box is emptied', async () => {
      const hiddenWithQuery = await page.$eval(BROWSE, (e) => e.hidden || getComputedStyle(e).display === 'none');
      await type(page, '');
      const shownEmpty = await page.$eval(BROWSE, (e) => !e.hidden && getComputedStyle(e).display !== 'none');
      const address = await page.evaluate(() => window.location.search);
      // With JavaScript the A–Z list stays unparsed inside <noscript>: a big site's list costs no layout.
      const azInDom = (await page.$(AZ)) !== null;
      check(
        'the browse links hide while there is a query and come back when the box is emptied',
        hiddenWithQuery && shownEmpty && address === '' && !azInDom,
        `hidden with query ${hiddenWithQuery}, shown when empty ${shownEmpty}, address “${address}”, A–Z in the DOM ${azInDom}`,
      );
    });
    await attempt('“show more” adds results after the first 20', async () => {
      const rs = await type(page, 'stretch');
      const total = Number(((await page.textContent(STATUS)).match(/^(\d+)/) || [])[1]);
      if (!(total > 20)) {
        check('“show more” adds results after the first 20', true, `only ${total} results: nothing to show more of`);
        return;
      }
      await page.click(MORE_BUTTON);
      await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] li').length > n, rs.length);
      const after = await results(page);
      const focused = await page.evaluate(() => document.activeElement.closest('[data-search-results] li') !== null);
      check(
        '“show more” adds results after the first 20',
        rs.length === 20 && after.length === Math.min(40, total) && focused,
        `${rs.length} then ${after.length} of ${total}; focus on a new result: ${focused}`,
      );
    });

    // --- filters -------------------------------------------------------------------------------------
    const relatedToPiriformis = (p) => {
      if (p === '/muscles/piriformis/') return true;
      const html = builtPage(p);
      return html !== null && html.includes(`href="${opts.prefix}muscles/piriformis/"`);
    };
    async function allResults(page) {
      for (let i = 0; i < 100; i++) {
        const button = await page.$(MORE_BUTTON);
        if (!button) break;
        const n = (await results(page)).length;
        await button.click();
        await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] li').length > n, n);
      }
      return results(page);
    }
    await attempt('filter Muscles: Piriformis, empty query: only entries related to the piriformis', async () => {
      const facetRequests = [];
      const onRequest = (r) => {
        if (/\/search\/index\/f\//.test(r.url())) facetRequests.push(r.url());
      };
      page.on('request', onRequest);
      await type(page, '');
      const before = facetRequests.length;
      await openFacet(page, 'muscles');
      const box = page.locator('[data-search-filters] details[data-facet="muscles"] input[type="checkbox"][value="Piriformis"]');
      await box.check();
      await searched(page, '', { muscles: ['Piriformis'] });
      const rs = await allResults(page);
      page.off('request', onRequest);
      const wrong = rs.filter((r) => !relatedToPiriformis(r.path));
      const self = rs.some((r) => r.path === '/muscles/piriformis/');
      const address = await page.evaluate(() => window.location.search);
      check(
        'filter Muscles: Piriformis, empty query: only entries related to the piriformis',
        rs.length > 1 && self && wrong.length === 0 && address === '?muscles=Piriformis',
        `${rs.length} results${wrong.length ? `, unrelated: ${wrong.map((r) => r.path).join(' ')}` : ''}; piriformis itself ${self}; address ${address}`,
      );
      check(
        'the facet file loads only when its filter is opened',
        before === 0 && facetRequests.length === 1 && /\/f\/muscles\.json$/.test(facetRequests[0]),
        `before opening: ${before}; after: ${facetRequests.map((u) => u.replace(/.*\/search\/index\//, '')).join(' ')}`,
      );
    });
    await attempt('filter Muscles: Piriformis with “stretch”: only related entries', async () => {
      await page.fill(SEARCH_INPUT, 'stretch');
      await searched(page, 'stretch', { muscles: ['Piriformis'] });
      const rs = await allResults(page);
      const wrong = rs.filter((r) => !relatedToPiriformis(r.path));
      const address = await page.evaluate(() => window.location.search);
      verbose('stretch + Piriformis', rs);
      check(
        'filter Muscles: Piriformis with “stretch”: only related entries',
        rs.length > 0 && wrong.length === 0 && address === '?q=stretch&muscles=Piriformis',
        `${rs.length} results${wrong.length ? `, unrelated: ${wrong.map((r) => r.path).join(' ')}` : ''}; address ${address}`,
      );
    });
    await attempt('the address ?q=stretch&muscles=Piriformis restores the query and the filter', async () => {
      const expected = (await results(page)).map((r) => r.path);
      const page2 = await newPage(context);
      await page2.goto(`${base}search/?q=stretch&muscles=Piriformis`, { waitUntil: 'load' });
      const rs = await searched(page2, 'stretch', { muscles: ['Piriformis'] });
      const checked = await page2.isChecked('[data-search-filters] input[type="checkbox"][name="muscles"][value="Piriformis"]');
      await page2.close();
      check(
        'the address ?q=stretch&muscles=Piriformis restores the query and the filter',
        rs.length > 0 && checked && rs.every((r, i) => r.path === expected[i]),
        `${rs.length} results, box checked ${checked}`,
      );
    });
    await attempt('two muscles are OR-ed, a second facet is AND-ed', async () => {
      await page.fill(SEARCH_INPUT, '');
      await searched(page, '', { muscles: ['Piriformis'] });
      const one = (await allResults(page)).map((r) => r.path);
      await page.locator('[data-search-filters] input[name="muscles"][value="Hamstrings"]').check();
      await searched(page, '', { muscles: ['Piriformis', 'Hamstrings'] });
      const two = (await allResults(page)).map((r) => r.path);
      await openFacet(page, 'collection');
      await page.locator('[data-search-filters] input[name="collection"][value="Stretches"]').check();
      await searched(page, '', { muscles: ['Piriformis', 'Hamstrings'], collection: ['Stretches'] });
      const and = (await allResults(page)).map((r) => r.path);
      const ok =
        two.length > one.length &&
        one.every((p) => two.includes(p)) &&
        and.length > 0 &&
        and.length < two.length &&
        and.every((p) => p.startsWith('/stretches/') && two.includes(p));
      check('two muscles are OR-ed, a second facet is AND-ed', ok, `${one.length} → ${two.length} (OR) → ${and.length} (AND)`);
      await page.click('[data-search-filters] .search-filters-clear');
      await searched(page, '', {});
    });

    // --- arriving from elsewhere -----------------------------------------------------------------------
    await attempt('the header search box on the home page lands on /search/?q=... with results', async () => {
      const home = await newPage(context);
      await home.goto(base, { waitUntil: 'load' });
      await home.fill(HEADER_INPUT, 'sciatica');
      await Promise.all([home.waitForURL(/\/search\/\?q=sciatica$/), home.press(HEADER_INPUT, 'Enter')]);
      const rs = await searched(home, 'sciatica');
      const value = await home.inputValue(SEARCH_INPUT);
      check(
        'the header search box on the home page lands on /search/?q=... with results',
        rs.length > 0 && value === 'sciatica' && sitePath(home.url(), home.url()) === '/search/',
        `${home.url()}: ${rs.length} results, box “${value}”`,
      );
      await home.close();
    });
    await attempt('one search box on /search/, on a phone and on a wide screen', async () => {
      const p = await newPage(context);
      const seen = [];
      for (const width of [360, 1280]) {
        await p.setViewportSize({ width, height: 800 });
        await p.goto(`${base}search/?q=sciatica`, { waitUntil: 'load' });
        await searched(p, 'sciatica');
        const boxes = await p.$$eval('input[name="q"]', (inputs) => inputs.filter((i) => i.offsetParent !== null).length);
        seen.push(`${width}px: ${boxes}`);
      }
      check('one search box on /search/, on a phone and on a wide screen', seen.every((s) => s.endsWith(': 1')), seen.join(', '));
      await p.close();
    });
    await attempt('/search/?q=tight+hips shows results on load', async () => {
      const p = await newPage(context);
      await p.goto(`${base}search/?q=tight+hips`, { waitUntil: 'load' });
      const rs = await searched(p, 'tight hips');
      const value = await p.inputValue(SEARCH_INPUT);
      verbose('tight hips', rs);
      check('/search/?q=tight+hips shows results on load', rs.length > 0 && value === 'tight hips', `${rs.length} results, box “${value}”`);
      await p.close();
    });

    // --- another language: the Spanish search page searches the Spanish index, with its stemmer ----------
    if (builtPage('es/search/')) {
      await attempt('/es/search/?q=estiramiento+glúteo finds the Spanish pages', async () => {
        const p = await newPage(context);
        await p.goto(`${base}es/search/?q=${encodeURIComponent('estiramiento glúteo')}`, { waitUntil: 'load' });
        const rs = await searched(p, 'estiramiento glúteo');
        verbose('estiramiento glúteo', rs);
        const spanish = rs.filter((r) => r.path.startsWith('/es/'));
        check(
          '“estiramiento glúteo” on /es/search/: Spanish pages, a glute stretch among the first three',
          rs.length > 0 && spanish.length === rs.length && rs.slice(0, 3).some((r) => /figura-cuatro|piriforme|puente/.test(r.path)),
          `got ${show(rs, 5)}`,
        );
        // A plural and a lay word through the Spanish stemmer and synonyms: "nalgas" meets the glute pages.
        await p.fill(SEARCH_INPUT, 'nalgas');
        const bottoms = await searched(p, 'nalgas');
        check('“nalgas” on /es/search/ finds the glute pages', bottoms.some((r) => /gluteo/.test(r.path)), `got ${show(bottoms, 5)}`);
        const words = await p.$eval(STATUS, (el) => el.textContent);
        check('the Spanish search page speaks Spanish', /resultado/i.test(words), `status “${words}”`);
        await p.evaluate(axeSource);
        const violations = await p.evaluate(async (tags) => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return r.violations.map((v) => `${v.id}: ${v.help}`);
        }, AXE_TAGS);
        check('axe on /es/search/ with results: 0 violations', violations.length === 0, violations.join('; '));
        await p.close();
      });
    }

    // --- accessibility -------------------------------------------------------------------------------
    await attempt('axe on /search/ with results and an open filter: 0 violations', async () => {
      await page.goto(`${base}search/?q=butt`, { waitUntil: 'load' });
      await searched(page, 'butt');
      await openFacet(page, 'muscles');
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }, AXE_TAGS);
      check('axe on /search/ with results and an open filter: 0 violations', violations.length === 0, violations.join('; '));
    });

    // --- without JavaScript ----------------------------------------------------------------------------
    await attempt('without JavaScript the A–Z list links every entry and page', async () => {
      const noJs = await newContext({ javaScriptEnabled: false });
      const p = await newPage(noJs);
      await p.goto(`${base}search/`, { waitUntil: 'load' });
      const links = new Set((await p.$$eval(`${AZ} a[href]`, (as) => as.map((a) => a.getAttribute('href')))).map((h) => sitePath(h, p.url())));
      const visible = await p.isVisible(AZ);
      const missing = [];
      for (const c of manifest.collections) {
        const dir = path.join(root, c.name);
        if (!fs.existsSync(dir)) continue;
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          const file = path.join(dir, e.name, 'index.html');
          // An old address (redirect_from) only sends the reader on; `page/` holds a long listing's pages.
          const entryPage = e.isDirectory() && e.name !== 'page' && fs.existsSync(file) &&
            !fs.readFileSync(file, 'utf8').includes('<meta http-equiv="refresh"');
          if (entryPage) {
            const p2 = `/${c.name}/${e.name}/`;
            if (!links.has(p2)) missing.push(p2);
          }
        }
      }
      check(
        'without JavaScript the A–Z list links every entry and page',
        visible && links.size > 0 && missing.length === 0,
        `${links.size} links, visible ${visible}${missing.length ? `, missing ${missing.join(' ')}` : ''}`,
      );
      await p.close();
      await noJs.close();
    });

    await page.close();
  } catch (e) {
    check('search-check ran to the end', false, e.stack || String(e));
  } finally {
    await context.close().catch(() => {});
    await browser.close().catch(() => {});
    await server.close();
  }

  check('no console errors', consoleErrors.length === 0, consoleErrors.slice(0, 5).join(' | '));
  check('no requests outside 127.0.0.1', outside.size === 0, [...outside].slice(0, 5).join(' '));
  console.log(`search: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(`search-check: ${e.stack || e}`);
  console.log('search: 0 passed, 1 failed');
  process.exit(2);
});
