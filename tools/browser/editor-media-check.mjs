// The entry editor with the fields that are not plain text, against the real server, end to end: steps with
// their own pictures (`pictures: true` lists), words from a fixed set (a muscle's body regions, `type: words`)
// and a video (`type: video`). The form must give back what it was given: a save that changes one field leaves
// every other one, pictures and all, byte for byte as it was.
//
//   node tools/browser/editor-media-check.mjs SINEW_BINARY SITE_DIR [--editor-from-source]
//
// SITE_DIR is a throwaway copy of the sample site (content/, static/, site.yaml): this script edits its files.
// It gives the copy what it needs first: cat-cow's second and third steps each with its drawing
// (images/stretches/cat-cow-1.svg and -2.svg; the sample has them already) and a YouTube video on the figure
// four stretch. Then, in headless Chromium:
//   1. cat-cow: the two pictures shown at their steps with their alt text; only the title changed and saved: the
//      steps block is byte-identical, every other line too;
//   2. piriformis (`regions: [buttock]`): a box per region in the table's order, "Lower back" ticked and saved:
//      `regions: [buttock, lower-back]` and nothing else changed; a word the list does not have is shown
//      ticked, "(not in the list)";
//   3. figure four: the video's four boxes filled from the file; its title changed and saved: the same address
//      and the new title; a video with no address is an error at the field that blocks Save;
//   4. cat-cow again: the cow's picture removed and saved (that step is plain text again, the cat keeps its
//      picture); a picture uploaded for another step, its missing alt text an error at that row even with a
//      blank row above it (left out of the draft), described, moved up with its row, saved; `sinew build` passes;
// axe-core (WCAG 2.0/2.1 A and AA) and accessible names on each form; screenshots in /tmp/media-*.png.
//
// --editor-from-source: editor.js and editor.css are read from src/serve/editor/ instead of the binary (to try a
// change to them before sinew is rebuilt). Prints one line per check and `editor-media: N passed, M failed`;
// exits 1 if any failed.

import { axeViolations, block, editorFromSource, keyedLines, startServe, tally, until } from './checks.mjs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const [binary, site] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!binary || !site) {
  console.error('usage: node editor-media-check.mjs SINEW_BINARY SITE_DIR [--editor-from-source]');
  process.exit(2);
}
const executablePath = findChromium('editor-media-check');
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = '/tmp';
const { check, summary } = tally();

const file = (rel) => path.join(site, rel);
const read = (rel) => fs.readFileSync(file(rel), 'utf8');
const CAT_COW = 'content/stretches/cat-cow.md';
const FIGURE_FOUR = 'content/stretches/figure-four.md';
const PIRIFORMIS = 'content/muscles/piriformis.md';
const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

// ---- The copy: pictured steps on cat-cow, a video on figure four ---------------------------------------------

/** Writes `{ text, image }` items for cat-cow's steps 2 and 3 (0-based 1 and 2) if the copy has plain ones. */
function givePicturesToCatCow() {
  const text = read(CAT_COW);
  if (text.includes('cat-cow-1.svg') && text.includes('cat-cow-2.svg')) return;
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l === 'steps:') + 1;
  const pictures = [
    ['cat-cow-1.svg', 'On hands and knees with the back rounded up and the head dropped: the cat.'],
    ['cat-cow-2.svg', 'On hands and knees with the back gently dipped and the head lifted: the cow.'],
  ];
  pictures.forEach(([svg, alt], k) => {
    const at = first + 1 + k;
    const step = lines[at].replace(/^ {2}- /, '');
    lines[at] = `  - text: ${step}\n    image: { src: images/stretches/${svg}, alt: ${JSON.stringify(alt)} }`;
    const img = file(`static/images/stretches/${svg}`);
    if (!fs.existsSync(img)) {
      fs.mkdirSync(path.dirname(img), { recursive: true });
      fs.writeFileSync(img, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30" width="400" height="300"><rect width="40" height="30" fill="#cde"/></svg>\n');
    }
  });
  fs.writeFileSync(file(CAT_COW), lines.join('\n'));
}

/** Gives the figure four stretch a YouTube video (after its picture, where the table puts it). */
function giveVideoToFigureFour() {
  const text = read(FIGURE_FOUR);
  if (/^video:/m.test(text)) return;
  const line = `video: { src: "${YOUTUBE}", title: "How to do the figure four" }`;
  const after = /^image:.*$/m.test(text) ? /^image:.*$/m : /^summary:.*$/m;
  fs.writeFileSync(file(FIGURE_FOUR), text.replace(after, (m) => `${m}\n${line}`));
}

givePicturesToCatCow();
giveVideoToFigureFour();

// ---- Helpers -------------------------------------------------------------------------------------------------

/** JSON with every object's keys sorted: two values alike whatever order their keys came in. */
const canonical = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x)
  ? Object.fromEntries(Object.keys(x).sort().map((key) => [key, x[key]])) : x));

/** The lines of the file outside the keys `keys`, to show nothing else moved. */
const others = (text, keys) => keyedLines(text).filter((l) => !keys.includes(l.key)).map((l) => l.line);
function sameExcept(before, after, keys) {
  const [was, now] = [others(before, keys), others(after, keys)];
  const at = was.findIndex((l, i) => l !== now[i]);
  return { ok: was.length === now.length && at < 0, detail: `first difference: ${JSON.stringify(was[at])} -> ${JSON.stringify(now[at])}` };
}

async function axe(page, state) {
  const violations = await axeViolations(page, axeSource);
  check(`axe: no violations (${state})`, violations.length === 0, violations.join('; '));
}

/** Every control in the accessibility tree has a name, and no two controls share one. */
async function names(page, context, state) {
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const ROLES = ['textbox', 'combobox', 'checkbox', 'spinbutton', 'button', 'link', 'searchbox', 'radio'];
  const controls = nodes.filter((n) => !n.ignored && ROLES.includes(n.role?.value));
  const unnamed = controls.filter((n) => !(n.name?.value || '').trim());
  check(`every control has an accessible name (${state}, ${controls.length} controls)`, unnamed.length === 0,
    unnamed.map((n) => `${n.role.value} #${n.backendDOMNodeId}`).join(', '));
  await cdp.detach();
}

const { server, tokenAddress, origin } = await startServe(binary, site, 'editor-media-check');
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinew-media-check-'));
const pageErrors = [];
const saves = []; // the drafts sent to /__sinew/api/save, in order
const checks = []; // and to /__sinew/api/check
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  await editorFromSource(context);
  context.setDefaultTimeout(8000); // a local server: a control that is not there within 8 s is not coming
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Not counted: the 409 and 422 answers this check provokes; the favicon the editor's page does not name; the
  // preview frame refusing the video page's script (it is sandboxed: scripts never run there); the uploaded
  // picture's first load, before the preview has rebuilt the site with it (the editor asks again).
  page.on('console', (m) => m.type() === 'error' && !/status of (409|422)\b/.test(m.text()) &&
    !/\/favicon\.ico$|^about:srcdoc$|\/images\/cat-cow-rocking\.png(\?try=\d+)?$/.test(m.location().url || '') &&
    pageErrors.push(`${m.text()} [${m.location().url}]`));
  page.on('request', (r) => {
    if (r.url().endsWith('/__sinew/api/save')) saves.push(JSON.parse(r.postData() || '{}'));
    if (r.url().endsWith('/__sinew/api/check')) checks.push(JSON.parse(r.postData() || '{}'));
  });
  page.on('dialog', (d) => (d.type() === 'beforeunload' ? d.accept() : d.dismiss()));
  await page.goto(tokenAddress, { waitUntil: 'load' });

  /** Runs one part of the check; one that stops short fails as such and the next part still runs. */
  const part = async (name, fn) => {
    try {
      await fn();
    } catch (e) {
      check(`${name}: the part ran to the end`, false, String(e.message || e).split('\n')[0]);
    }
  };
  /** A box's value, or null when there is no such box (a check fails instead of the script stopping). */
  const value = (selector) => page.inputValue(selector, { timeout: 2000 }).catch(() => null);
  /** Clicks what `locator` finds, if it does within 3 s; says whether it did. */
  const press = (locator) => locator.click({ timeout: 3000 }).then(() => true, () => false);
  const open = async (collection, id) => {
    await page.goto(`${origin}/__sinew/edit/${collection}/${id}`, { waitUntil: 'load' });
    await page.waitForSelector('#f-title', { timeout: 10000 });
    // The first check has answered once the preview shows the page.
    await until(() => page.frameLocator('iframe[title="Preview of the page"]').locator('h1').first().textContent({ timeout: 2000 }));
  };
  const noErrors = () => until(async () => (await page.getAttribute('#sinew-save', 'aria-disabled')) === null &&
    (await page.locator('.problem.error').count()) === 0, 5000);
  /** Presses Save and waits for "Saved"; returns the status line's words. */
  const save = async () => {
    await noErrors();
    const before = saves.length;
    await page.click('#sinew-save');
    await until(async () => saves.length > before && (await page.textContent('[role=status].status')).startsWith('Saved'), 10000);
    return page.textContent('[role=status].status');
  };

  const boxes = page.locator('fieldset.field-words input[type=checkbox]'); // a words field's boxes

  // What the first part learns about cat-cow, for the last: its form, its pictured steps and their rows.
  let form = { values: { steps: [] } };
  let pictured = [];
  let [catRow, cowRow] = [1, 2];

  // ---- 1. cat-cow: the pictures shown; only the title changed --------------------------------------------------
  await part('cat-cow, title only', async () => {
    const catBefore = read(CAT_COW);
    await open('stretches', 'cat-cow');
    form = JSON.parse(await page.textContent('#sinew-form'));
    const stepsField = form.fields.find((f) => f.name === 'steps');
    check('the form says the steps may have pictures', stepsField?.pictures === true && stepsField.type === 'list');
    pictured = (form.values.steps || []).map((s, i) => [i, s]).filter(([, s]) => typeof s === 'object');
    check('the form gives the two pictured steps as {text, image}', pictured.length === 2 &&
      pictured[0][1].image.src === 'images/stretches/cat-cow-1.svg' && pictured[1][1].image.src === 'images/stretches/cat-cow-2.svg',
      JSON.stringify(pictured));
    [catRow, cowRow] = pictured.map(([i]) => i);
    const thumbs = await page.$$eval('#sinew-editor .row-picture img', (imgs) => imgs.map((i) => ({ src: i.getAttribute('src'), w: i.naturalWidth })));
    check('each pictured step shows its picture, loaded from the preview', thumbs.length === 2 &&
      thumbs[0].src === '/images/stretches/cat-cow-1.svg' && thumbs[1].src === '/images/stretches/cat-cow-2.svg' &&
      (await until(() => page.$$eval('#sinew-editor .row-picture img', (imgs) => imgs.every((i) => i.complete && i.naturalWidth > 0)))),
      JSON.stringify(thumbs));
    check('each picture\'s alt text is in its "Alt text" box', (await value(`#f-steps-${catRow}-picture-alt`)) === pictured[0][1].image.alt &&
      (await value(`#f-steps-${cowRow}-picture-alt`)) === pictured[1][1].image.alt);
    check('the step\'s text box holds its words, not the object', (await value(`#f-steps-${catRow}`)) === pictured[0][1].text);
    check('the alt text box is named for its step', (await page.getByRole('textbox', { name: `Alt text for the picture of step ${catRow + 1}` }).count()) === 1);
    const addButtons = await page.getByRole('button', { name: /^Add picture to step \d+$/ }).count();
    check('every step without a picture has "Add picture"', addButtons === form.values.steps.length - 2, String(addButtons));
    check('"Remove picture" is offered at each picture', (await page.getByRole('button', { name: /^Remove picture from step \d+$/ }).count()) === 2);
    await page.locator(`#f-steps-${catRow}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'media-steps-1400.png') });
    await axe(page, 'cat-cow, steps with pictures');
    await names(page, context, 'cat-cow');

    await page.fill('#f-title', 'Cat-cow, slowly');
    const status1 = await save();
    check('cat-cow: Save says "Saved"', status1.startsWith('Saved'), status1);
    const sent1 = saves.at(-1)?.values?.steps || [];
    check('the draft sends the pictured steps back as {text, image}', canonical(sent1) === canonical(form.values.steps),
      JSON.stringify(sent1).slice(0, 300));
    const catAfter = read(CAT_COW);
    check('the steps block is byte-identical, both pictures kept', block(catAfter, 'steps').join('\n') === block(catBefore, 'steps').join('\n') &&
      catAfter.includes('images/stretches/cat-cow-1.svg') && catAfter.includes('images/stretches/cat-cow-2.svg'));
    check('the title line holds the new title', block(catAfter, 'title')[0] === 'title: "Cat-cow, slowly"', block(catAfter, 'title')[0]);
    const same1 = sameExcept(catBefore, catAfter, ['title']);
    check('cat-cow: every other line is unchanged', same1.ok, same1.detail);
  });

  // ---- 2. piriformis: a box per region, "Lower back" ticked -----------------------------------------------------
  await part('piriformis, regions', async () => {
    const pirBefore = read(PIRIFORMIS);
    await open('muscles', 'piriformis');
    const pirForm = JSON.parse(await page.textContent('#sinew-form'));
    const regions = pirForm.fields.find((f) => f.name === 'regions');
    const shown = await boxes.evaluateAll((cs) => cs.map((c) => ({ word: c.value, label: c.labels[0]?.textContent, checked: c.checked })));
    check('a box per allowed word, in the table\'s order', regions?.type === 'words' &&
      JSON.stringify(shown.map((s) => s.word)) === JSON.stringify(regions.words), JSON.stringify(shown.map((s) => s.word)));
    check('the boxes read as words (lower-back is "Lower back")', shown.find((s) => s.word === 'lower-back')?.label === 'Lower back' &&
      shown.find((s) => s.word === 'side-of-hip')?.label === 'Side of hip');
    check('only the file\'s region is ticked', JSON.stringify(shown.filter((s) => s.checked).map((s) => s.word)) === '["buttock"]');
    check('the boxes are a group named by the field\'s label', (await page.getByRole('group', { name: 'Body regions' }).count()) === 1);
    await page.locator('fieldset.field-words').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'media-regions-1400.png') });
    await axe(page, 'piriformis, regions');
    await names(page, context, 'piriformis');
    await page.getByRole('checkbox', { name: 'Lower back', exact: true }).check();
    check('the draft adds the ticked word at the end', await until(async () => {
      await save();
      return JSON.stringify(saves.at(-1).values.regions) === '["buttock","lower-back"]';
    }, 12000), JSON.stringify(saves.at(-1)?.values?.regions));
    const pirAfter = read(PIRIFORMIS);
    check('the file says regions: [buttock, lower-back]', block(pirAfter, 'regions').join('\n') === 'regions: [buttock, lower-back]',
      JSON.stringify(block(pirAfter, 'regions')));
    const same2 = sameExcept(pirBefore, pirAfter, ['regions']);
    check('piriformis: every other line is unchanged', same2.ok, same2.detail);
  });

  // A word the table does not have (the server reports it and leaves it out of the form's values, so it is put
  // into the form here, as a site whose theme dropped a region would have it): shown ticked, not lost.
  await part('a word not in the list', async () => {
    await page.route('**/__sinew/edit/muscles/hamstrings', async (route) => {
      const resp = await route.fetch();
      const html = (await resp.text()).replace(/(<script type="application\/json" id="sinew-form">)([\s\S]*?)(<\/script>)/, (m, a, json, b) => {
        const f = JSON.parse(json);
        f.values.regions = [...(f.values.regions || []), 'knee'];
        return a + JSON.stringify(f).replace(/</g, '\\u003c') + b;
      });
      await route.fulfill({ response: resp, body: html });
    });
    await open('muscles', 'hamstrings');
    const knee = page.getByRole('checkbox', { name: 'Knee (not in the list)', exact: true });
    check('a word not in the list is shown ticked, "(not in the list)", after the allowed ones',
      (await knee.count()) === 1 && (await knee.isChecked()) &&
        (await boxes.evaluateAll((cs) => cs.at(-1).value)) === 'knee');
    check('... and sent back as it came', (checks.at(-1)?.values?.regions || []).includes('knee'), JSON.stringify(checks.at(-1)?.values?.regions));
    const checksBefore = checks.length;
    await knee.uncheck();
    const unticked = await until(() => checks.length > checksBefore && checks.at(-1).values.regions);
    check('unticking it leaves it out of the draft', !!unticked && !unticked.includes('knee') && unticked.length > 0, JSON.stringify(unticked));
    await page.unroute('**/__sinew/edit/muscles/hamstrings');
  });

  // ---- 3. figure four: the video ---------------------------------------------------------------------------------
  await part('figure four, video', async () => {
    const ffBefore = read(FIGURE_FOUR);
    await open('stretches', 'figure-four');
    check('the video\'s address and title fill their boxes', (await value('#f-video-src')) === YOUTUBE &&
      (await value('#f-video-title')) === 'How to do the figure four' &&
      (await value('#f-video-poster')) === '' && (await value('#f-video-captions')) === '');
    const videoLabels = await page.$$eval('fieldset.field-video label', (ls) => ls.map((l) => l.textContent));
    check('the video has four labelled boxes', JSON.stringify(videoLabels) === JSON.stringify(['Address or file', 'Poster picture', 'Captions (.vtt)', 'Title']),
      JSON.stringify(videoLabels));
    check('each video box has its help line', await page.$$eval('fieldset.field-video input', (cs) => cs.every((c) =>
      (c.getAttribute('aria-describedby') || '').split(' ').some((id) => document.getElementById(id)?.classList.contains('help')))));
    await page.locator('fieldset.field-video').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'media-video-1400.png') });
    await axe(page, 'figure four, video');
    await names(page, context, 'figure four');
    // No address but a title: an error at the field, and Save blocked.
    await page.fill('#f-video-src', '');
    const noSrc = await until(async () => (await page.locator('fieldset.field-video .problem.error').count()) > 0 &&
      (await page.getAttribute('#f-video-src', 'aria-invalid')) === 'true');
    check('a video with a title and no address is an error at its address', !!noSrc);
    check('... and Save is blocked', (await page.getAttribute('#sinew-save', 'aria-disabled')) === 'true');
    await page.fill('#f-video-src', YOUTUBE);
    await page.fill('#f-video-title', 'Figure four, step by step');
    await save();
    check('the draft sends the video as {src, title}', canonical(saves.at(-1).values.video) ===
      canonical({ src: YOUTUBE, title: 'Figure four, step by step' }), JSON.stringify(saves.at(-1).values.video));
    const ffAfter = read(FIGURE_FOUR);
    const videoLine = block(ffAfter, 'video').join('\n');
    check('the file has the same address and the new title', videoLine.includes(YOUTUBE) && videoLine.includes('title: "Figure four, step by step"') &&
      !videoLine.includes('How to do the figure four'), videoLine);
    const same3 = sameExcept(ffBefore, ffAfter, ['video']);
    check('figure four: every other line is unchanged', same3.ok, same3.detail);
  });

  // ---- 4. cat-cow: a picture removed, one added, a row moved ------------------------------------------------------
  await part('cat-cow, pictures changed', async () => {
    await open('stretches', 'cat-cow');
    const cowText = await value(`#f-steps-${cowRow}`);
    await page.getByRole('button', { name: `Remove picture from step ${cowRow + 1}`, exact: true }).click();
    check('"Remove picture" leaves the words and offers "Add picture", which has the focus',
      (await value(`#f-steps-${cowRow}`)) === cowText && (await page.locator(`#f-steps-${cowRow}-picture-alt`).count()) === 0 &&
        (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === `Add picture to step ${cowRow + 1}`);
    const catBefore4 = read(CAT_COW);
    await save();
    const catAfter4 = read(CAT_COW);
    const steps4 = block(catAfter4, 'steps');
    check('the cow step is a plain string again', steps4.includes(`  - ${JSON.stringify(cowText)}`) && !catAfter4.includes('cat-cow-2.svg'),
      steps4.join('\n'));
    check('the cat step keeps its picture and alt text', steps4.some((l) => l.includes('images/stretches/cat-cow-1.svg') &&
      l.includes(JSON.stringify(pictured[0][1].image.alt))), steps4.join('\n'));
    const same4 = sameExcept(catBefore4, catAfter4, ['steps']);
    check('cat-cow: only the steps changed', same4.ok, same4.detail);

    // A picture for another step, from the computer, through the same upload as the entry's picture.
    const plain = form.values.steps.findIndex((s, i) => typeof s === 'string' && i > cowRow); // "Move back and forth..."
    const plainText = form.values.steps[plain];
    await page.getByRole('button', { name: `Add picture to step ${plain + 1}`, exact: true }).click();
    check('"Add picture" opens the picture box and puts focus on "Choose a picture"', await page.evaluate(() =>
      document.activeElement?.textContent.startsWith('Choose a picture from this computer')));
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    await page.setInputFiles(`#f-steps-${plain}-picture-file`, { name: 'Cat Cow Rocking.png', mimeType: 'image/png', buffer: png });
    const uploaded = await until(async () => (await value(`#f-steps-${plain}-picture-src`)) || null);
    check('the upload fills in the step\'s picture file', uploaded === '/images/cat-cow-rocking.png', String(uploaded));
    check('the picture is saved in static/images/', fs.existsSync(file('static/images/cat-cow-rocking.png')));
    check('focus moves to the step\'s alt text, now required', await page.evaluate((id) =>
      document.activeElement?.id === id && document.activeElement.required, `f-steps-${plain}-picture-alt`));
    check('the step shows the new picture', await until(() => page.$eval(`li:has(#f-steps-${plain}) .row-picture img`,
      (i) => i.getAttribute('src').startsWith('/images/cat-cow-rocking.png') && i.complete && i.naturalWidth > 0)));
    // A blank row above it: left out of the draft, so the server's item numbers skip it; the problem still lands here.
    await page.click('#f-steps-0');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    const row = plain + 1; // moved down by the blank row
    const altProblem = await until(async () => (await page.getAttribute(`#f-steps-${row}-picture-alt`, 'aria-invalid')) === 'true' &&
      (await page.locator(`li:has(#f-steps-${row}) .problem.error`).count()) > 0);
    check('the missing alt text is an error at that step\'s alt box (with a blank row above)', !!altProblem,
      await page.locator('.problem').allTextContents().then((t) => t.join(' | ')));
    const rowsShown = await page.locator('#sinew-editor fieldset.field-list:has(#f-steps-0) .rows > li').count();
    const sentSteps = checks.at(-1).values.steps;
    check('the draft leaves the blank row out', rowsShown === form.values.steps.length + 1 && sentSteps.length === form.values.steps.length &&
      !sentSteps.some((s) => typeof s === 'string' && !s.trim()), `${rowsShown} rows, ${sentSteps.length} sent`);
    check('Save is blocked while the picture has no alt text', (await page.getAttribute('#sinew-save', 'aria-disabled')) === 'true');
    await page.screenshot({ path: path.join(SHOTS, 'media-steps-error.png') });
    await axe(page, 'cat-cow, a step\'s picture without alt text');
    await page.fill(`#f-steps-${row}-picture-alt`, 'Rocking gently between the two positions on hands and knees.');
    check('the error goes once described', await until(async () => (await page.locator(`li:has(#f-steps-${row}) .problem.error`).count()) === 0));
    // Moved up, the picture goes with its row.
    await page.getByRole('button', { name: `Move up step ${row + 1}`, exact: true }).click();
    check('moving the row up carries its picture and alt text', (await value(`#f-steps-${row - 1}`)) === plainText &&
      (await value(`#f-steps-${row - 1}-picture-src`)) === '/images/cat-cow-rocking.png' &&
      (await value(`#f-steps-${row - 1}-picture-alt`)).startsWith('Rocking gently') &&
      (await value(`#f-steps-${row}`)) === cowText && (await page.locator(`#f-steps-${row}-picture-src`).count()) === 0);
    await save();
    const sent4 = saves.at(-1).values.steps;
    const expected = [form.values.steps[0], form.values.steps[catRow],
      { text: plainText, image: { src: '/images/cat-cow-rocking.png', alt: 'Rocking gently between the two positions on hands and knees.' } },
      cowText, ...form.values.steps.slice(plain + 1)];
    check('the draft sends the steps in their new order, pictures with their rows, the blank row left out',
      canonical(sent4) === canonical(expected), JSON.stringify(sent4).slice(0, 400));
    const catAfter5 = read(CAT_COW);
    const steps5 = block(catAfter5, 'steps');
    check('the file has the uploaded picture on the moved step', steps5.some((l) => l.includes(JSON.stringify(plainText)) &&
      l.includes('/images/cat-cow-rocking.png') && l.includes('Rocking gently')), steps5.join('\n'));
    const built = spawnSync(binary, ['build', '--root', site, '--out', path.join(outDir, 'public')], { encoding: 'utf8' });
    check('sinew build passes on the saved site', built.status === 0, `exit ${built.status}: ${(built.stderr || '').slice(-600)}`);
    const catPage = fs.readFileSync(path.join(outDir, 'public/stretches/cat-cow/index.html'), 'utf8');
    check('the built page shows the step pictures', catPage.includes('cat-cow-1') && catPage.includes('cat-cow-rocking'));

    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator(`#f-steps-${catRow}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'media-steps-390.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check('nothing sticks out sideways at 390px', overflow <= 0, `${overflow}px too wide`);
    await axe(page, 'cat-cow at 390px');
  });

  check('no script errors', pageErrors.length === 0, pageErrors.join('; '));
} catch (e) {
  check('the check ran to the end', false, e.stack || String(e));
} finally {
  await browser.close();
  server.kill('SIGINT');
  fs.rmSync(outDir, { recursive: true, force: true });
}
console.log(`screenshots in ${SHOTS}/media-*.png`);
process.exit(summary('editor-media') ? 0 : 1);
