// The handout builder against the real server, end to end, as a therapist uses it after a session: open the
// address `sinew serve` printed (the token), go to /__sinew/handout, find and add three stretches, reorder them
// with the keyboard (Move up) and by dragging, change one's hold and give it a note, type the client's name and
// a note, then download the sheet as HTML and as PDF and read what arrived; a refused request shows its
// problems; the preview; nothing under the site's folder changed and the server never logged the client's
// name; axe-core, accessible names and the Tab order; screenshots at 1400x900 and 390x844.
//
//   node tools/browser/handout-check.mjs SINEW_BINARY SITE_DIR [--from-source]
//
// SITE_DIR is a copy of the sample site (this script writes nothing there, and checks that nobody does).
// --from-source serves the builder's script and the stylesheet from src/serve/editor/ instead of the copies
// built into SINEW_BINARY: for working on them without rebuilding sinew. Screenshots go to /tmp/handout-*.png.
// Prints one line per check and `handout: N passed, M failed`; exits 1 if any failed.

import { axeViolations, startServe, tally, until } from './checks.mjs';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const args = process.argv.slice(2);
const fromSource = args.includes('--from-source');
const [binary, site] = args.filter((a) => a !== '--from-source');
if (!binary || !site) {
  console.error('usage: node handout-check.mjs SINEW_BINARY SITE_DIR [--from-source]');
  process.exit(2);
}
const executablePath = findChromium('handout-check');
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const editorDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/serve/editor');
const SHOTS = '/tmp';
// The client's details: the name must reach the sheet, never the server's log or the site's folder.
const CLIENT = 'Zoë Marchetti';
const CLIENT_NOTE = 'Go gently this week, and stop if it pinches.';
const STRETCH_NOTE = 'After your evening walk';

const { check, summary } = tally();

/** Every file under `dir`, relative path -> sha256. */
function hashTree(dir, out = new Map(), base = dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(full, out, base);
    else out.set(path.relative(base, full), crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
  }
  return out;
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the builder; the preview frame holds the sheet, checked elsewhere. */
async function axe(page, state) {
  const violations = await axeViolations(page, axeSource);
  check(`axe: no violations on the builder (${state})`, violations.length === 0, violations.join('; '));
}

/** The sheet rows' titles, in order. */
const sheetTitles = (page) => page.locator('.ho-sheet .ho-item-title').evaluateAll((hs) =>
  hs.map((h) => h.textContent.replace(/^\d+\.\s*/, '')));

const before = hashTree(site);
const { server, tokenAddress, origin, log } = await startServe(binary, site, 'handout-check');

const pageErrors = [];
const handoutRequests = [];
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinew-handout-check-'));
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The browser logs the 422 this check provokes as a failed load.
  page.on('console', (m) => m.type() === 'error' && !/status of 422\b/.test(m.text()) && pageErrors.push(`${m.text()} [${m.location().url}]`));
  page.on('request', (r) => r.url().endsWith('/__sinew/api/handout') && handoutRequests.push(r));
  if (fromSource) {
    for (const [file, type] of [['handout.js', 'text/javascript'], ['editor.css', 'text/css']])
      await page.route(`${origin}/__sinew/${file}`, (route) =>
        route.fulfill({ contentType: `${type}; charset=utf-8`, body: fs.readFileSync(path.join(editorDir, file), 'utf8') }));
  }

  // ---- 1. The printed address, the builder's page ------------------------------------------------------------
  await page.goto(tokenAddress, { waitUntil: 'load' });
  const token = new URL(tokenAddress).searchParams.get('token');
  check('the printed address sets the token cookie',
    (await context.cookies(origin)).some((c) => c.name === 'sinew_token' && c.value === token));
  await page.goto(`${origin}/__sinew/handout`, { waitUntil: 'load' });
  const built = await page.waitForSelector('#ho-search', { timeout: 10000 }).then(() => true, () => false);
  check('/__sinew/handout builds the page (heading, search box)', built &&
    (await page.textContent('#sinew-handout-builder h1')) === 'Make a client handout',
    built ? '' : 'no search box: is the handout.js built into this sinew the placeholder? Rebuild, or pass --from-source');
  if (!built) throw new Error('the builder did not start');
  const data = JSON.parse(await page.textContent('#sinew-handout'));
  check('the page says the client\'s details stay on this computer',
    /stay on this computer/.test(await page.textContent('.ho-private')));
  check('a link back to the site\'s home, and no other link', (await page.locator('#sinew-handout-builder a').evaluateAll((as) =>
    as.map((a) => a.getAttribute('href')).join(' '))) === '/');
  check(`every stretch is listed before searching (${data.stretches.length})`,
    (await page.locator('.ho-result').count()) === data.stretches.length && data.stretches.length > 3);
  const [pdfButton, htmlButton] = [page.locator('#ho-pdf'), page.locator('#ho-html')];
  check('with no stretch chosen both downloads are disabled, and the reason is shown',
    (await pdfButton.getAttribute('aria-disabled')) === 'true' && (await htmlButton.getAttribute('aria-disabled')) === 'true' &&
      /at least one stretch/.test(await page.textContent('#ho-reason')));
  check('the paper and the title start from the site\'s', (await page.inputValue('#ho-paper')) === data.paper &&
    (await page.inputValue('#ho-title')) === data.title);
  check('the date starts at today', (await page.inputValue('#ho-date')) ===
    await page.evaluate(() => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10)));
  await axe(page, 'empty');
  await page.screenshot({ path: path.join(SHOTS, 'handout-empty-1400.png') });

  // ---- 2. Find and add three stretches ------------------------------------------------------------------------
  const titleOf = (id) => data.stretches.find((s) => s.id === id).title;
  const [FIGURE, BRIDGE, CHILD] = ['figure-four', 'glute-bridge', 'childs-pose'].map(titleOf);
  await page.fill('#ho-search', 'figure');
  const firstResult = () => page.locator('.ho-result .ho-result-title').first().textContent();
  check('"figure" finds Figure four first', (await firstResult()) === FIGURE, await firstResult());
  await page.fill('#ho-search', 'FÍGURE  Four');
  check('accents, case and extra spaces are ignored ("FÍGURE  Four" finds it first)', (await firstResult()) === FIGURE);
  await page.fill('#ho-search', 'zzzqx');
  check('a search with no match says so', (await page.locator('.ho-result').count()) === 0 &&
    /No stretch matches/.test(await page.textContent('.ho-matches')));
  await page.fill('#ho-search', 'figure');
  await page.getByRole('button', { name: `Add ${FIGURE}`, exact: true }).click();
  check('Add puts Figure four on the sheet and the button says Added', (await sheetTitles(page)).join('|') === FIGURE &&
    (await page.getByRole('button', { name: `Added ${FIGURE}`, exact: true }).getAttribute('aria-disabled')) === 'true');
  check('the hold box starts at the stretch\'s own dose', (await page.locator('.ho-item input[id$="-hold_seconds"]').first()
    .inputValue()) === String(data.stretches.find((s) => s.id === 'figure-four').hold_seconds));
  // The next two by keyboard: type, Tab to the Add button, Enter.
  await page.fill('#ho-search', 'bridge');
  await page.getByRole('button', { name: `Add ${BRIDGE}`, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.fill('#ho-search', 'child');
  await page.getByRole('button', { name: `Add ${CHILD}`, exact: true }).focus();
  await page.keyboard.press('Space');
  check('the keyboard adds the next two, in the order chosen', (await sheetTitles(page)).join('|') === [FIGURE, BRIDGE, CHILD].join('|'),
    (await sheetTitles(page)).join('|'));
  check('the focus stays on the pressed button', await page.evaluate(() => document.activeElement.getAttribute('aria-label')) === `Added ${CHILD}`);
  check('with stretches chosen the downloads are enabled', (await htmlButton.getAttribute('aria-disabled')) === null &&
    (await page.textContent('#ho-reason')) === '');

  // ---- 3. Reorder: Move up by keyboard, then drag and drop ---------------------------------------------------
  await page.getByRole('button', { name: `Move up ${CHILD}`, exact: true }).focus();
  await page.keyboard.press('Enter');
  check('Move up (keyboard) moves Child\'s pose above the glute bridge', (await sheetTitles(page)).join('|') === [FIGURE, CHILD, BRIDGE].join('|'),
    (await sheetTitles(page)).join('|'));
  check('the focus follows the moved stretch', await page.evaluate(() => document.activeElement.getAttribute('aria-label')) === `Move up ${CHILD}`);
  await page.keyboard.press('Enter');
  check('Move up again takes it to the top, and the focus to its Move down', (await sheetTitles(page)).join('|') === [CHILD, FIGURE, BRIDGE].join('|') &&
    await page.evaluate(() => document.activeElement.getAttribute('aria-label')) === `Move down ${CHILD}`);
  // Drag Figure four by its handle onto the lower half of the last row: it goes to the bottom. The sheet is
  // scrolled into view first: Playwright's drag does not survive the page scrolling under it.
  await page.evaluate(() => document.querySelector('.ho-sheet').scrollIntoView({ block: 'start' }));
  const rowOf = (title) => page.locator('.ho-item', { has: page.locator('.ho-item-title', { hasText: title }) });
  const lastBox = await rowOf(BRIDGE).boundingBox();
  await rowOf(FIGURE).locator('.ho-handle').dragTo(rowOf(BRIDGE), { targetPosition: { x: 40, y: lastBox.height - 8 } });
  check('dragging Figure four\'s handle below the glute bridge moves it to the end',
    (await sheetTitles(page)).join('|') === [CHILD, BRIDGE, FIGURE].join('|'), (await sheetTitles(page)).join('|'));
  await rowOf(BRIDGE).locator('.ho-handle').dragTo(rowOf(CHILD), { targetPosition: { x: 40, y: 6 } });
  check('dragging the glute bridge onto the top of the first row moves it to the top',
    (await sheetTitles(page)).join('|') === [BRIDGE, CHILD, FIGURE].join('|'), (await sheetTitles(page)).join('|'));
  const ORDER = [BRIDGE, CHILD, FIGURE];

  // ---- 4. The dose, the notes, the client ---------------------------------------------------------------------
  const figureHold = rowOf(FIGURE).getByLabel(`Hold (seconds) for ${FIGURE}`);
  await figureHold.fill('45');
  check('the changed hold says what it was', (await rowOf(FIGURE).locator('.ho-was:visible').allTextContents()).join('|') ===
    `changed from ${data.stretches.find((s) => s.id === 'figure-four').hold_seconds}`);
  await rowOf(FIGURE).getByLabel(`Note for this stretch ${FIGURE}`).fill(STRETCH_NOTE);
  // A number that cannot go on a sheet blocks the downloads, with the reason at the box.
  const bridgeSets = rowOf(BRIDGE).getByLabel(`Sets for ${BRIDGE}`);
  const bridgeSetsWas = await bridgeSets.inputValue();
  await bridgeSets.fill('0');
  check('0 sets: the box is marked, the reason is under it, the downloads are blocked',
    (await bridgeSets.getAttribute('aria-invalid')) === 'true' && /Sets: a whole number from 1 to 100/.test(await rowOf(BRIDGE).locator('.ho-problem').textContent()) &&
      (await htmlButton.getAttribute('aria-disabled')) === 'true' && /Fix the number/.test(await page.textContent('#ho-reason')));
  const sentBefore = handoutRequests.length;
  await htmlButton.click({ force: true }); // aria-disabled: Playwright would wait, a person can press it
  check('pressing the blocked Download sends nothing and takes the caret to the box',
    handoutRequests.length === sentBefore && await page.evaluate(() => document.activeElement.id.endsWith('-sets')));
  await axe(page, 'with a number marked wrong');
  await bridgeSets.fill('');
  check('an emptied box is fine (the stretch\'s own)', (await bridgeSets.getAttribute('aria-invalid')) === null &&
    (await htmlButton.getAttribute('aria-disabled')) === null);
  await bridgeSets.fill(bridgeSetsWas);
  await page.fill('#ho-client', CLIENT);
  await page.fill('#ho-client-note', CLIENT_NOTE);

  // ---- 5. Download HTML: "Making the sheet…" while waiting, then the file -------------------------------------
  // Hold the request back a little, so the waiting message can be seen.
  await page.route(`${origin}/__sinew/api/handout`, async (route) => {
    await new Promise((r) => setTimeout(r, 600));
    await route.continue();
  });
  const htmlDownload = page.waitForEvent('download', { timeout: 15000 });
  await htmlButton.click();
  check('"Making the sheet…" shows in a status region while waiting',
    await until(async () => (await page.textContent('[role=status]#ho-status')) === 'Making the sheet…', 2000));
  const html = await htmlDownload;
  const htmlText = fs.readFileSync(await html.path(), 'utf8');
  check('the HTML download is named after the client', html.suggestedFilename() === 'handout-zoe-marchetti.html', html.suggestedFilename());
  const sent = JSON.parse(handoutRequests.at(-1).postData());
  const figureOwn = data.stretches.find((s) => s.id === 'figure-four');
  check('the request follows the contract (ids in order, only the changed dose, the note, the client, format)',
    sent.stretches.map((s) => s.id).join(',') === 'glute-bridge,childs-pose,figure-four' &&
      JSON.stringify(sent.stretches[2]) === JSON.stringify({ id: 'figure-four', hold_seconds: 45, note: STRETCH_NOTE }) &&
      JSON.stringify(sent.stretches[0]) === '{"id":"glute-bridge"}' && sent.client === CLIENT && sent.note === CLIENT_NOTE &&
      sent.paper === data.paper && /^\d{4}-\d{2}-\d{2}$/.test(sent.date) && sent.format === 'html' && figureOwn.hold_seconds !== 45,
    JSON.stringify(sent));
  const headings = [...htmlText.matchAll(/<h2 id="sheet-stretch-\d+">\d+\.\s*([^<]*)<\/h2>/g)]
    .map((m) => m[1].replace(/&#39;|&#x27;|&apos;|’/g, "'").replace(/&amp;/g, '&'));
  check('the sheet has the three stretches in the chosen order', headings.join('|') === ORDER.join('|'), headings.join('|'));
  check('the sheet has the client\'s name and note', htmlText.includes(CLIENT) && htmlText.includes(CLIENT_NOTE.replace(/,/g, ',')));
  const figureSection = htmlText.slice(htmlText.indexOf(`. ${FIGURE}</h2>`));
  check('Figure four says 45 seconds and carries its note', /45 seconds/.test(figureSection.slice(0, 3000)) && figureSection.includes(STRETCH_NOTE));
  check('after the download the status says where it went',
    await until(async () => /^Downloaded handout-zoe-marchetti\.html/.test(await page.textContent('#ho-status'))));
  await page.unroute(`${origin}/__sinew/api/handout`);

  // Large print and the week grid, ticked: the request says so and the sheet is the large one with the grid.
  await page.check('#ho-large');
  await page.check('#ho-week');
  const largeDownload = page.waitForEvent('download', { timeout: 15000 });
  await htmlButton.click();
  const largeText = fs.readFileSync(await (await largeDownload).path(), 'utf8');
  const sentLarge = JSON.parse(handoutRequests.at(-1).postData());
  check('"Large print" and "A week of tick boxes" reach the sheet',
    sentLarge.large === true && sentLarge.week_grid === true && largeText.includes('class="sheet sheet-large"') &&
      (largeText.match(/<span class="sheet-tick"><\/span>/g) || []).length === 3 * 7,
    JSON.stringify({ large: sentLarge.large, week_grid: sentLarge.week_grid }));
  await page.uncheck('#ho-large');
  await page.uncheck('#ho-week');

  // ---- 6. Download PDF -------------------------------------------------------------------------------------
  if (data.pdf) {
    const pdfDownload = page.waitForEvent('download', { timeout: 30000 });
    await pdfButton.click();
    const pdf = await pdfDownload;
    const bytes = fs.readFileSync(await pdf.path());
    check('the PDF download starts with %PDF- and is named after the client',
      bytes.subarray(0, 5).toString('latin1') === '%PDF-' && pdf.suggestedFilename() === 'handout-zoe-marchetti.pdf',
      `${pdf.suggestedFilename()}, ${JSON.stringify(bytes.subarray(0, 8).toString('latin1'))}`);
  } else {
    check('without PDF support the PDF button is hidden', !(await pdfButton.isVisible()));
  }

  // ---- 7. A refused request shows its problems -----------------------------------------------------------------
  // The page only offers real stretches, so the request is changed on its way: an id the site does not have.
  await page.route(`${origin}/__sinew/api/handout`, (route) => {
    const body = JSON.parse(route.request().postData());
    body.stretches[0].id = 'figure-for';
    return route.continue({ postData: JSON.stringify(body) });
  });
  await htmlButton.click();
  const alertText = await until(async () => (await page.textContent('[role=alert]#ho-problems')) || null);
  check('a 422 shows the server\'s problems in an alert (with the did-you-mean)',
    /not made/.test(alertText || '') && /figure-for/.test(alertText || '') && /figure-four/.test(alertText || ''), alertText);
  await page.unroute(`${origin}/__sinew/api/handout`);
  await page.screenshot({ path: path.join(SHOTS, 'handout-problem-1400.png'), fullPage: true });

  // ---- 8. Preview ---------------------------------------------------------------------------------------------
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const frame = page.frameLocator('iframe[title="Preview of the sheet"]');
  check('Preview shows the sheet with the client\'s name', !!(await until(async () =>
    (await frame.locator('.sheet-for').textContent({ timeout: 2000 })).includes(CLIENT))));
  check('a sheet made after a refusal clears the alert', (await page.textContent('#ho-problems')) === '');
  await page.waitForTimeout(800); // the page scrolls to the preview
  await page.screenshot({ path: path.join(SHOTS, 'handout-preview-1400.png') });
  check('the preview frame is sandboxed', (await page.getAttribute('iframe[title="Preview of the sheet"]', 'sandbox')) === '');

  // ---- 9. Screenshots, axe, names, Tab -------------------------------------------------------------------------
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'handout-1400.png') });
  await page.screenshot({ path: path.join(SHOTS, 'handout-1400-full.png'), fullPage: true });
  await axe(page, '1400x900, three stretches');
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const CONTROL_ROLES = ['textbox', 'combobox', 'checkbox', 'spinbutton', 'button', 'link', 'searchbox', 'radio', 'slider'];
  const controls = nodes.filter((n) => !n.ignored && CONTROL_ROLES.includes(n.role?.value));
  const unnamed = controls.filter((n) => !(n.name?.value || '').trim());
  check(`every control has an accessible name (${controls.length} controls)`, unnamed.length === 0 && controls.length > 30,
    unnamed.map((n) => `${n.role.value} #${n.backendDOMNodeId}`).join(', '));
  const present = await page.evaluate(() => {
    const all = [...document.querySelectorAll('#sinew-handout-builder :is(a[href], button, input, select, textarea)')]
      .filter((c) => !c.disabled && c.checkVisibility());
    all.forEach((c, i) => (c.dataset.hc = String(i)));
    document.activeElement.blur();
    window.scrollTo(0, 0);
    return all.length;
  });
  const reached = new Set();
  let presses = 0;
  for (; presses < 400 && reached.size < present; presses++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => document.activeElement?.dataset?.hc ?? null);
    if (at != null) reached.add(at);
  }
  check(`Tab reaches every control (${reached.size} of ${present})`, reached.size === present);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(SHOTS, 'handout-390.png') });
  await page.screenshot({ path: path.join(SHOTS, 'handout-390-full.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check('nothing sticks out sideways at 390px', overflow <= 0, `${overflow}px too wide`);
  await axe(page, '390x844');

  // ---- 10. Remove ---------------------------------------------------------------------------------------------
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole('button', { name: `Remove ${CHILD}`, exact: true }).click();
  check('Remove takes the stretch off and offers it again', (await sheetTitles(page)).join('|') === [BRIDGE, FIGURE].join('|') &&
    (await page.getByRole('button', { name: `Add ${CHILD}`, exact: true }).count()) === 1);
  check('after Remove the focus is on the next row\'s Remove',
    await page.evaluate(() => document.activeElement.getAttribute('aria-label')) === `Remove ${FIGURE}`);

  check('no script errors', pageErrors.length === 0, pageErrors.join('; '));
} catch (e) {
  check('the check ran to the end', false, e.stack || String(e));
} finally {
  await browser.close();
  server.kill('SIGINT');
  await new Promise((r) => (server.exitCode != null ? r() : server.on('exit', r)));
  fs.rmSync(outDir, { recursive: true, force: true });
}

// ---- After the server stopped: the site's folder and the log --------------------------------------------------
const after = hashTree(site);
const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
check(`no file under the site's folder changed (${before.size} files)`, changed.length === 0, changed.slice(0, 10).join(', '));
const leaks = [CLIENT, 'Marchetti', CLIENT_NOTE, STRETCH_NOTE].filter((s) => log().includes(s));
check('the server\'s log never mentions the client\'s name or notes', leaks.length === 0, leaks.join(', '));
console.log(`screenshots in ${SHOTS}/handout-*.png`);
const allPassed = summary('handout');
process.exit(allPassed ? 0 : 1);
