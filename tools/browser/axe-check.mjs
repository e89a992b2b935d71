// Accessibility check of a built site: serves the folder on 127.0.0.1, opens every .html page in
// headless Chromium (Debian's, through playwright-core), runs axe-core with the WCAG 2.0 / 2.1
// A and AA rules, prints each page's violations and exits 1 if any page has one. Each page is
// loaded and checked once as a reader with a light screen sees it and once in dark mode
// (prefers-color-scheme: dark), so both palettes are held to the contrast rules.
//
//   node tools/browser/axe-check.mjs public [--base-url https://example.org/clinic/] [--jobs 3]
//        [--color-scheme both] [--verbose]
//
// --base-url   the site's base_url (also AXE_BASE_URL). The folder is served at its path
//              (/clinic/), and requests the pages make to absolute URLs under it
//              (https://example.org/clinic/style.css) are answered from the folder too.
// --prefix     URL path the folder is mounted at, if not the base_url's (also AXE_PREFIX).
//              Default '/'.
// --jobs       pages checked at once (also AXE_JOBS). Default 3.
// --color-scheme  light, dark or both (also AXE_COLOR_SCHEME): the modes each page is checked
//              in, through Playwright's emulated prefers-color-scheme. Default both.
// --timeout    per-page load timeout in ms (default 30000).
// --verbose    also list every page that passed.
// CHROMIUM=/path/to/chromium overrides /usr/bin/chromium.
//
// The last line is always `axe: N passed, M failed` (pages). A page fails if it fails in any
// mode; each FAIL line names the mode. A page that does not load (HTTP status other than 200,
// navigation error, axe error) counts as failed. Requests to anything but
// the local server are blocked, so a page that needs the network is seen as it would be offline.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve, listHtmlPages } from './serve.mjs';
import { CHROMIUM_ARGS, findChromium, parseBaseUrl } from './chromium.mjs';

const require = createRequire(import.meta.url);

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_NODES_SHOWN = 10;
const SCHEMES = { light: ['light'], dark: ['dark'], both: ['light', 'dark'] };

function usage(msg) {
  if (msg) console.error(`axe-check: ${msg}`);
  console.error(
    'usage: node axe-check.mjs <folder> [--base-url URL] [--prefix /sub/path/] [--jobs N] [--timeout MS]\n' +
      '       [--color-scheme light|dark|both] [--verbose]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const o = {
    root: null,
    prefix: process.env.AXE_PREFIX || null,
    baseUrl: process.env.AXE_BASE_URL || null,
    jobs: Number(process.env.AXE_JOBS || 3),
    colorScheme: process.env.AXE_COLOR_SCHEME || 'both',
    timeout: 30000,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--prefix') o.prefix = val();
    else if (a === '--base-url') o.baseUrl = val();
    else if (a === '--jobs') o.jobs = Number(val());
    else if (a === '--timeout') o.timeout = Number(val());
    else if (a === '--color-scheme') o.colorScheme = val();
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (o.root === null) o.root = a;
    else usage(`unexpected argument ${a}`);
  }
  if (o.root === null) usage('no folder given');
  if (o.baseUrl) {
    const base = parseBaseUrl(o.baseUrl);
    if (!base) usage(`--base-url ${o.baseUrl} is not a URL`);
    o.baseUrl = base.baseUrl;
    if (o.prefix === null) o.prefix = base.prefix;
  }
  if (o.prefix === null) o.prefix = '/';
  if (!Number.isInteger(o.jobs) || o.jobs < 1) usage('--jobs must be a positive integer');
  if (!SCHEMES[o.colorScheme]) usage(`--color-scheme must be light, dark or both, not ${o.colorScheme}`);
  o.schemes = SCHEMES[o.colorScheme];
  return o;
}

async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch (e) {
    console.error(`axe-check: cannot load playwright-core (run npm ci in ${path.dirname(new URL(import.meta.url).pathname)}): ${e.message}`);
    process.exit(2);
  }
}

/** One page in one colour scheme: a fresh load with prefers-color-scheme set before it, so the
 *  page's styles and scripts see the mode from the start, as a reader's browser would show it. */
async function checkPage(context, baseUrl, rel, scheme, axeSource, timeout) {
  const url = baseUrl + rel;
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(`uncaught script error: ${e.message || e}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') {
      pageErrors.push(`HTTP ${r.status()} for ${r.url()}`);
    }
  });
  // A page that sends the reader on at once (an old address: redirect_from) is checked as a reader sees it
  // before it goes: without its meta refresh, which would take the browser to the next page before axe ran.
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/i, '');
    return route.fulfill({ response, body });
  });
  try {
    const resp = await page.goto(url, { waitUntil: 'load', timeout });
    if (!resp) return { rel, scheme, error: 'no response' };
    if (resp.status() !== 200) return { rel, scheme, error: `HTTP ${resp.status()}` };
    await page.evaluate(axeSource);
    const result = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return {
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({
            target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
            summary: n.failureSummary,
          })),
        })),
        passes: r.passes.length,
      };
    }, TAGS);
    return { rel, scheme, violations: result.violations, pageErrors };
  } catch (e) {
    return { rel, scheme, error: String(e.message || e).split('\n')[0] };
  } finally {
    await page.close().catch(() => {});
  }
}

/** Prints a page's results (one per colour scheme) and says whether it passed in every one. */
function report(results, verbose) {
  const name = '/' + decodeURIComponent(results[0].rel);
  const warned = new Set();
  let ok = true;
  for (const res of results) {
    for (const e of res.pageErrors ?? []) {
      if (!warned.has(e)) console.log(`warn ${name} (${res.scheme}): ${e}`);
      warned.add(e);
    }
    if (!reportScheme(name, res)) ok = false;
  }
  if (ok && verbose) console.log(`ok   ${name} (${results.map((r) => r.scheme).join(', ')})`);
  return ok;
}

function reportScheme(name, res) {
  const where = `${name} (${res.scheme})`;
  if (res.error) {
    console.log(`FAIL ${where}: could not check: ${res.error}`);
    return false;
  }
  if (res.violations.length === 0) return true;
  const n = res.violations.reduce((a, v) => a + v.nodes.length, 0);
  console.log(`FAIL ${where}: ${res.violations.length} rule(s) violated, ${n} element(s)`);
  for (const v of res.violations) {
    console.log(`  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help}`);
    console.log(`      ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, MAX_NODES_SHOWN)) console.log(`      at ${node.target}`);
    if (v.nodes.length > MAX_NODES_SHOWN) console.log(`      ... and ${v.nodes.length - MAX_NODES_SHOWN} more`);
  }
  return false;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opts.root) || !fs.statSync(opts.root).isDirectory()) usage(`${opts.root} is not a folder`);
  const pages = await listHtmlPages(opts.root);
  if (pages.length === 0) {
    console.log(`axe-check: no .html pages under ${opts.root}`);
    console.log('axe: 0 passed, 1 failed');
    process.exit(1);
  }
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const axeVersion = require('axe-core/package.json').version;
  const { chromium } = await loadPlaywright();
  const executablePath = findChromium('axe-check');

  const server = await serve(opts.root, { prefix: opts.prefix });
  const userDataDir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'axe-chromium-'));
  let context;
  let passed = 0;
  let failed = 0;
  const t0 = Date.now();
  try {
    // A persistent context is the only way to give Chromium a fresh --user-data-dir of our own.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
    });
    const local = `http://127.0.0.1:${server.port}/`;
    const blocked = new Set();
    await context.route('**/*', async (route) => {
      const u = route.request().url();
      if (u.startsWith(local) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
      if (opts.baseUrl && u.startsWith(opts.baseUrl)) {
        // an absolute link to the published site: answer it from the folder
        const resp = await route.fetch({ url: server.url + u.slice(opts.baseUrl.length), maxRedirects: 0 });
        return route.fulfill({ response: resp });
      }
      if (!blocked.has(u)) {
        blocked.add(u);
        console.log(`note: blocked a request to ${u} (only the local site is reachable)`);
      }
      return route.abort('blockedbyclient');
    });
    console.log(
      `axe-check: axe-core ${axeVersion}, ${TAGS.join(' ')}; ${pages.length} page(s) from ${opts.root} at ${server.url}, ` +
        `in ${opts.schemes.join(' and ')} mode`,
    );

    // Check pages `jobs` at a time, reporting in page order.
    const results = new Array(pages.length);
    let next = 0;
    let reported = 0;
    const flush = () => {
      while (reported < pages.length && results[reported]) {
        if (report(results[reported], opts.verbose)) passed++;
        else failed++;
        results[reported] = true; // free memory
        reported++;
      }
    };
    const worker = async () => {
      while (next < pages.length) {
        const i = next++;
        const done = [];
        for (const scheme of opts.schemes) {
          done.push(await checkPage(context, server.url, pages[i], scheme, axeSource, opts.timeout));
        }
        results[i] = done;
        flush();
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.jobs, pages.length) }, worker));
    flush();
  } catch (e) {
    console.log(`axe-check: ${e.stack || e}`);
    failed = Math.max(1, pages.length - passed);
  } finally {
    if (context) await context.close().catch(() => {});
    await server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  console.log(`axe-check: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`axe: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
