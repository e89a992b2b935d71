// sinew serve in a real browser: an open page reloads by itself after a save, a stylesheet change is applied
// without a reload (the scroll position stays), and a broken file shows its problem over the last good page
// until it is fixed.
//
//   node tools/browser/live-check.mjs SINEW_BINARY SITE_DIR
//
// SITE_DIR is a throwaway copy of a site: this script edits its files. Prints one line per check and
// `live: N passed, M failed`; exits 1 if any failed.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const [binary, site] = process.argv.slice(2);
if (!binary || !site) {
  console.error('usage: node live-check.mjs SINEW_BINARY SITE_DIR');
  process.exit(2);
}
const executablePath = findChromium('live-check');
let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

/** Polls `fn` until it returns a truthy value or `ms` pass. */
async function until(fn, ms = 15000) {
  const start = Date.now();
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() - start > ms) return null;
    await new Promise((r) => setTimeout(r, 25));
  }
}

const server = spawn(binary, ['serve', '--port', '0', '--root', site], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
server.stderr.on('data', (d) => (log += d));
const address = await until(() => (log.match(/ at (http:\/\/127\.0\.0\.1:\d+\/\S*)/) || [])[1], 60000);
if (!address) {
  console.error(`live-check: the server did not start\n${log}`);
  server.kill();
  process.exit(1);
}

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  const entryFile = path.join(site, 'content/stretches/figure-four.md');
  const original = fs.readFileSync(entryFile, 'utf8');
  await page.goto(`${address}stretches/figure-four/`, { waitUntil: 'load' });
  await page.evaluate(() => (window.__sinewMarker = 'still the same page'));

  // 1. A save reloads the open page.
  fs.writeFileSync(entryFile, original.replace(/^title: .*$/m, 'title: Figure four, edited live'));
  const reloaded = await until(async () => {
    try {
      const heading = await page.textContent('h1');
      const marker = await page.evaluate(() => window.__sinewMarker);
      return heading.includes('edited live') && marker === undefined;
    } catch {
      return false; // the page is navigating
    }
  });
  check('the open page reloads by itself after a save', reloaded, `log: ${log.trim().split('\n').pop()}`);

  // 2. A stylesheet change is applied without a reload, keeping the scroll position.
  fs.mkdirSync(path.join(site, 'static'), { recursive: true });
  const cssFile = path.join(site, 'static', 'live-check.css');
  fs.writeFileSync(cssFile, 'body { outline: 0px solid red; }\n');
  await until(async () => (await page.evaluate(() => document.title)) && true);
  await page.waitForTimeout(300);
  await page.goto(`${address}stretches/figure-four/`, { waitUntil: 'load' });
  await page.evaluate(() => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/live-check.css';
    document.head.append(link);
    document.body.style.minHeight = '5000px';
    window.scrollTo({ top: 1200, behavior: 'instant' });
    window.__sinewMarker = 'styles only';
  });
  const scrolled = await page.evaluate(() => window.scrollY);
  await until(async () => page.evaluate(() => [...document.styleSheets].some((s) => (s.href || '').includes('live-check.css'))));
  fs.writeFileSync(cssFile, 'body { outline: 3px solid rgb(0, 128, 0); }\n');
  const swapped = await until(() =>
    page.evaluate(() => getComputedStyle(document.body).outlineColor === 'rgb(0, 128, 0)'),
  );
  const state = await page.evaluate(() => ({ marker: window.__sinewMarker, scroll: window.scrollY }));
  check(
    'a stylesheet change applies without a reload and keeps the scroll position',
    swapped && state.marker === 'styles only' && state.scroll === scrolled && scrolled > 0,
    `${JSON.stringify(state)}, scrolled to ${scrolled} before`,
  );

  // 3. A broken save shows the problem over the last good page; fixing it clears it.
  fs.writeFileSync(entryFile, original.replace(/^title: .*$/m, 'title: [Figure four'));
  const overlay = await until(async () => {
    try {
      const text = await page.textContent('#sinew-problems');
      return text && text.includes('content/stretches/figure-four.md') ? text : null;
    } catch {
      return null;
    }
  });
  const stillThere = await page.evaluate(() => document.querySelector('h1')?.textContent || '');
  check('a broken save shows its file and line over the last good page', !!overlay && stillThere.includes('Figure four'), stillThere);
  fs.writeFileSync(entryFile, original);
  const cleared = await until(async () => {
    try {
      return (await page.$('#sinew-problems')) === null && (await page.textContent('h1')).includes('Figure four');
    } catch {
      return false;
    }
  });
  check('fixing the file clears the problem and shows the page', !!cleared);
} finally {
  await browser.close();
  server.kill('SIGINT');
}
console.log(`live: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
