// A long listing split into pages, in headless Chromium: the filters cover every entry, not only the page's.
//
//   node tools/browser/pagination-check.mjs SINEW_BINARY SITE_DIR
//
// SITE_DIR is a throwaway copy of the sample site (content/, static/, site.yaml): this script gives its
// stretches `page_size: 6`, builds it with `sinew build --root SITE_DIR` and serves SITE_DIR/public on
// 127.0.0.1. On page 2, a difficulty filter must show every stretch of that difficulty from every page, in
// the listing's order, with the pager hidden; "Show all" brings back page 2 and its pager; a filter in the
// address works on page 3 too; without JavaScript, the pages and the pager are the listing. Prints one line
// per check and `pagination: N passed, M failed`; exits 1 if any failed.

import { tally, until } from './checks.mjs';
import { serve } from './serve.mjs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, parseBaseUrl } from './chromium.mjs';

const [binary, site] = process.argv.slice(2);
if (!binary || !site) {
  console.error('usage: node pagination-check.mjs SINEW_BINARY SITE_DIR');
  process.exit(2);
}
const executablePath = findChromium('pagination-check');
const { check, summary } = tally();
const PAGE_SIZE = 6;

const yamlPath = path.join(site, 'site.yaml');
let yaml = fs.readFileSync(yamlPath, 'utf8');
if (!/page_size:/.test(yaml)) {
  yaml = yaml.replace(/^(  stretches:\n(?:    .*\n)*?    schema: exercise\n)/m, `$1    page_size: ${PAGE_SIZE}\n`);
  fs.writeFileSync(yamlPath, yaml);
}
check('the copy\'s stretches have a page_size', /page_size: 6/.test(yaml));
const built = spawnSync(binary, ['build', '--root', site], { encoding: 'utf8' });
check('sinew build passes', built.status === 0, `exit ${built.status}: ${(built.stderr || '').slice(-600)}`);
if (built.status !== 0) process.exit(summary('pagination') ? 0 : 1);

/** Each listing page's cards as the server wrote them: [{title, difficulty}], page by page. */
function serverPages() {
  const pages = [];
  for (let n = 1; ; n++) {
    const file = path.join(site, 'public/stretches', n === 1 ? '' : `page/${n}/`, 'index.html');
    if (!fs.existsSync(file)) return pages;
    const html = fs.readFileSync(file, 'utf8');
    const cards = [...html.matchAll(/<li class="card[^"]*"[^>]*data-difficulty="([^"]*)"[^>]*>[\s\S]*?class="card-title"><a [^>]*>([^<]*)</g)];
    pages.push(cards.map((m) => ({ difficulty: m[1], title: m[2] })));
  }
}
const pages = serverPages();
const every = pages.flat();
check('the sample\'s stretches fill three pages or more', pages.length >= 3, `${pages.length} pages`);
// A difficulty on another page than 2, so the filter must reach beyond the page to find all of it.
const wanted = ['intermediate', 'advanced', 'beginner'].find((d) =>
  every.some((c) => c.difficulty === d) && pages.some((p, i) => i !== 1 && p.some((c) => c.difficulty === d)));
const expected = every.filter((c) => c.difficulty === wanted).map((c) => c.title);
check(`stretches of difficulty ${wanted} are on a page other than 2`, !!wanted && expected.length > 0);

const prefix = parseBaseUrl((yaml.match(/^base_url:\s*(\S+)/m) || [])[1] || '')?.prefix || '/';
const server = await serve(path.join(site, 'public'), { prefix });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const pageErrors = [];
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const visible = () => page.$$eval('#entries-stretches > li.card', (items) =>
    items.filter((li) => !li.hidden).map((li) => li.querySelector('.card-title a').textContent.trim()));
  const pagerShown = () => page.$eval('nav.pager', (nav) => !nav.hidden && nav.offsetParent !== null);
  const status = () => page.$eval('.list-filter-status', (p) => p.textContent.trim());

  await page.goto(`${server.url}stretches/page/2/`, { waitUntil: 'load' });
  await page.waitForSelector('.list-filter select[name="difficulty"]');
  check('page 2 shows its own cards', JSON.stringify(await visible()) === JSON.stringify(pages[1].map((c) => c.title)),
    JSON.stringify(await visible()));
  check('... and its pager', await pagerShown());
  const options = await page.$$eval('.list-filter select[name="difficulty"] option', (os) => os.map((o) => o.value));
  const all = [...new Set(every.map((c) => c.difficulty))];
  check('the difficulty filter offers every difficulty of the whole listing', all.every((d) => options.includes(d)),
    `${options} vs ${all}`);

  await page.selectOption('.list-filter select[name="difficulty"]', wanted);
  const shown = await until(async () => {
    const titles = await visible();
    return titles.length === expected.length && !(await pagerShown()) ? titles : null;
  }, 8000);
  check(`choosing ${wanted} shows every ${wanted} stretch from every page, in the listing's order`,
    JSON.stringify(shown) === JSON.stringify(expected), `${JSON.stringify(await visible())} vs ${JSON.stringify(expected)}`);
  check('... with the pager hidden', !(await pagerShown()));
  check('... counted out of the whole listing', (await status()).includes(`of ${every.length}`), await status());
  check('... and kept in the address', new URL(page.url()).searchParams.get('difficulty') === wanted, page.url());
  const same = await page.$eval('#entries-stretches', (list) => {
    const cards = [...list.children];
    return cards.every((li) => li.matches('li.card') && li.querySelector('h2.card-title a[href]') && li.querySelector('.badges'));
  });
  check('the other pages\' cards are the server\'s cards (heading, link, badges)', same);

  await page.click('.list-filter button[type="reset"]');
  const back = await until(async () => ((await pagerShown()) ? await visible() : null), 5000);
  check('"Show all" brings back page 2\'s own cards and its pager',
    JSON.stringify(back) === JSON.stringify(pages[1].map((c) => c.title)), JSON.stringify(back));

  await page.goto(`${server.url}stretches/page/3/?difficulty=${wanted}`, { waitUntil: 'load' });
  const direct = await until(async () => {
    const titles = await visible();
    return titles.length === expected.length ? titles : null;
  }, 8000);
  check('a filter in the address of page 3 shows every match too', JSON.stringify(direct) === JSON.stringify(expected),
    JSON.stringify(await visible()));
  check('no script errors', pageErrors.length === 0, pageErrors.join('; '));

  const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
  const noJs = await plain.newPage();
  await noJs.goto(`${server.url}stretches/`, { waitUntil: 'load' });
  await noJs.click('nav.pager a[rel="next"]');
  await noJs.waitForURL(/\/stretches\/page\/2\/$/);
  const titles = await noJs.$$eval('#entries-stretches > li.card .card-title a', (as) => as.map((a) => a.textContent.trim()));
  check('without JavaScript, the pager\'s next link leads to page 2 and its cards',
    JSON.stringify(titles) === JSON.stringify(pages[1].map((c) => c.title)), JSON.stringify(titles));
  check('... which marks itself as the current page',
    (await noJs.$eval('nav.pager a[aria-current="page"]', (a) => a.textContent.trim())) === '2');
} catch (e) {
  check('the check ran to the end', false, e.stack || String(e));
} finally {
  await browser.close();
  await server.close();
}
process.exit(summary('pagination') ? 0 : 1);
