// The browser's own floor for a cold search page, to read search-bench.mjs's figures against: the built
// site's /search/ page with search.js swapped for a trivial async module that fetches the manifest (one
// small JSON file) and appends one `li`. Prints, per cold load (a new browser context each), ms after
// navigation start when the module started and when the `li` was in the page.
//
//   node tools/browser/floor-bench.mjs public [--runs 6]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const args = process.argv.slice(2);
const root = args[0];
const runs = Number(args[args.indexOf('--runs') + 1]) || 6;
if (!root || !fs.existsSync(path.join(root, 'search/index.html'))) {
  console.error('usage: node floor-bench.mjs <public-dir with search/index.html> [--runs N]');
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinew-floor-'));
fs.mkdirSync(path.join(dir, 'search'));
for (const f of ['style.css', 'favicon.svg']) if (fs.existsSync(path.join(root, f))) fs.copyFileSync(path.join(root, f), path.join(dir, f));
fs.copyFileSync(path.join(root, 'search/index/manifest.json'), path.join(dir, 'm.json'));
const html = fs.readFileSync(path.join(root, 'search/index.html'), 'utf8').replace(/<script type="module"[^>]*><\/script>/, '<script type="module" async src="/floor.js"></script>');
fs.writeFileSync(path.join(dir, 'search/index.html'), html);
fs.writeFileSync(
  path.join(dir, 'floor.js'),
  `const t = (window.__floor = { started: performance.now(), shown: null });
const m = await (await fetch('/m.json')).json();
const show = () => {
  const li = document.createElement('li');
  li.textContent = String(m.docs);
  document.querySelector('[data-search-results]').append(li);
  t.shown = performance.now();
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show); else show();
`,
);
const server = await serve(dir);
const browser = await chromium.launch({ executablePath: findChromium('floor-bench'), args: CHROMIUM_ARGS });
const rows = [];
for (let r = 0; r <= runs; r++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.url + 'search/?q=x');
  await page.waitForFunction(() => window.__floor && window.__floor.shown);
  const t = await page.evaluate(() => window.__floor);
  if (r > 0) rows.push(t); // the first load warms the browser up
  await ctx.close();
}
await browser.close();
await server.close();
fs.rmSync(dir, { recursive: true });
const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const t of rows) console.log(`started ${Math.round(t.started)} ms, shown ${Math.round(t.shown)} ms after navigation start`);
console.log(`floor: median shown ${Math.round(med(rows.map((t) => t.shown)))} ms after navigation start, ${Math.round(med(rows.map((t) => t.shown - t.started)))} ms after the module started (${rows.length} cold loads, load average ${os.loadavg()[0].toFixed(2)})`);
