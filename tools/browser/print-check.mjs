// Prints pages of a built site to PDF in headless Chromium, as a reader's browser Print command does with
// "Save as PDF": the page's own @page size and margins, backgrounds on. The Rust test that runs it
// (tests/suite/browser.rs) reads the PDFs back and compares them with sinew's own handout PDFs.
//
//   node tools/browser/print-check.mjs PUBLIC OUT page/path/ [page/path/ ...]
//
// Writes OUT/<n>.pdf for the n-th page (from 1) and prints `print: N printed`; exits 1 if a page fails to load
// or print, or a font it asks for does not load.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const [publicDir, outDir, ...pages] = process.argv.slice(2);
if (!publicDir || !outDir || pages.length === 0) {
  console.error('usage: node tools/browser/print-check.mjs PUBLIC OUT page/path/ [page/path/ ...]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const server = await serve(publicDir);
const browser = await chromium.launch({ executablePath: findChromium('print-check'), args: CHROMIUM_ARGS });
let failed = 0;
try {
  const page = await browser.newPage();
  for (const [i, pagePath] of pages.entries()) {
    const response = await page.goto(server.url + pagePath, { waitUntil: 'load' });
    if (!response || !response.ok()) {
      console.log(`${pagePath}: HTTP ${response && response.status()}`);
      failed++;
      continue;
    }
    await page.emulateMedia({ media: 'print' });
    // Every font the printed page asks for, loaded (a face that fails to load would print in another font).
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.style}: ${f.status}`);
    });
    const broken = fonts.filter((f) => f.endsWith(': error'));
    if (broken.length) {
      console.log(`${pagePath}: fonts failed to load: ${broken.join(', ')}`);
      failed++;
    }
    const file = path.join(outDir, `${i + 1}.pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    console.log(`${pagePath} -> ${file}`);
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`print: ${pages.length - failed} printed, ${failed} failed`);
process.exit(failed ? 1 : 0);
