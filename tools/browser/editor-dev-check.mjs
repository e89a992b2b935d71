// The entry editor's page (src/serve/editor/editor.js, editor.css) in headless Chromium against the mock server
// (editor-dev/mock-server.mjs), the way an author uses it: edit the title, add a step, see an error at its
// row (Save blocked), fix it, pick a muscle and link a page by keyboard, save, meet a conflict; axe-core
// (WCAG 2.0/2.1 A and AA) on the page in several states; screenshots at 1400x900 and 390x844.
//
//   node tools/browser/editor-dev-check.mjs [--shots DIR]      (screenshots go to /tmp/editor-*.png by default)
//
// Prints one line per check and `editor: N passed, M failed`; exits 1 if any failed.

import { axeViolations, tally, until } from './checks.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { startMockServer } from './editor-dev/mock-server.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const shotsArg = process.argv.indexOf('--shots');
const shots = shotsArg > 0 ? process.argv[shotsArg + 1] : '/tmp';

const { check, summary } = tally();

async function axe(page, state) {
  const violations = await axeViolations(page, axeSource);
  check(`axe: no violations (${state})`, violations.length === 0, violations.join('; '));
}

const focusedId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);
const rowProblem = (page, id) => page.locator(`#${id} ~ .problems .problem`);
const lastDraft = (mock, kind) => [...mock.requests].reverse().find((r) => r.path.endsWith(kind))?.draft;

const mock = await startMockServer();
const browser = await chromium.launch({ executablePath: findChromium('editor-dev-check'), args: CHROMIUM_ARGS });
const pageErrors = [];
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The browser logs every 409 and 422 answer as a failed load; those are the conflicts this check makes.
  page.on('console', (m) => m.type() === 'error' && !/status of (409|422)\b/.test(m.text()) && pageErrors.push(m.text()));
  await page.goto(mock.url, { waitUntil: 'load' });
  await page.waitForSelector('#f-title');
  check('the first check runs on load', await until(() => mock.requests.length > 0));
  check('the preview shows the rendered page', await until(async () =>
    (await page.frameLocator('iframe[title="Preview of the page"]').locator('h1').textContent({ timeout: 3000 }).catch(() => '')) === 'Figure four stretch'));
  const form = JSON.parse(await page.textContent('#sinew-form'));
  const controls = await page.evaluate(() => [...document.querySelectorAll('#sinew-editor input, #sinew-editor select, #sinew-editor textarea')]
    // The picture's file input is hidden: its visible control is the "Choose a picture…" button.
    .filter((c) => !c.hidden && (!c.labels || c.labels.length === 0)).map((c) => c.id));
  check('every visible control has a <label for>', controls.length === 0, controls.join(', '));
  check('a choice shows words readably, with the word as value',
    (await page.locator('#f-position option:checked').textContent()) === 'Lying on back' && (await page.inputValue('#f-position')) === 'lying-on-back');
  check('an integer is a number box with min and max',
    (await page.getAttribute('#f-hold_seconds', 'type')) === 'number' && (await page.getAttribute('#f-hold_seconds', 'max')) === '3600');
  await axe(page, 'as opened');
  await page.screenshot({ path: path.join(shots, 'editor-1400.png') });

  // 1. The title: the heading follows it, and the page knows it has unsaved changes.
  await page.fill('#f-title', 'Figure four stretch, gently');
  check('the heading follows the title', (await page.textContent('h1')).includes('gently'));
  check('unsaved changes are shown', (await page.textContent('.dirty-note')) === 'Unsaved changes');

  // 2. A new step: Add step puts the caret in a new row.
  const steps = form.values.steps.length;
  await page.getByRole('button', { name: 'Add step' }).click();
  check('Add step adds a row and focuses it', (await focusedId(page)) === `f-steps-${steps}`);
  await page.keyboard.type('Breathe out slowly as you ease into the stretch.');
  await page.getByRole('button', { name: `Move up step ${steps + 1}` }).click();
  check('Move up moves the row and keeps focus on its button',
    (await page.inputValue(`#f-steps-${steps - 1}`)).startsWith('Breathe out') &&
      (await page.evaluate(() => document.activeElement.getAttribute('aria-label'))) === `Move up step ${steps}`);
  await page.getByRole('button', { name: `Move down step ${steps}` }).click();

  // 3. "BAD" in step 2: the error at that row, Save blocked with the reason beside it; fixed, Save is back.
  await page.click('#f-steps-1');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' BAD');
  const shown = await until(() => rowProblem(page, 'f-steps-1').count());
  check('an error shows at the row it is about', shown && (await rowProblem(page, 'f-steps-1').textContent()).includes('Error'));
  check('the row is marked invalid and described by the message', await page.evaluate(() => {
    const c = document.getElementById('f-steps-1');
    const ids = (c.getAttribute('aria-describedby') || '').split(' ');
    return c.getAttribute('aria-invalid') === 'true' && ids.some((id) => document.getElementById(id)?.classList.contains('problem'));
  }));
  check('Save is disabled while there are errors', (await page.getAttribute('#sinew-save', 'aria-disabled')) === 'true');
  check('the reason is shown next to Save', (await page.textContent('#sinew-save-reason')).includes('Fix 1 error'));
  await page.screenshot({ path: path.join(shots, 'editor-1400-error.png') });
  await axe(page, 'with an error at a row');
  const savesBefore = mock.requests.filter((r) => r.path.endsWith('save')).length;
  await page.click('#sinew-save', { force: true }); // aria-disabled: Playwright would wait, a person can press it
  check('pressing a blocked Save sends nothing and goes to the error',
    (await focusedId(page)) === 'f-steps-1' && mock.requests.filter((r) => r.path.endsWith('save')).length === savesBefore);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  check('the error goes once fixed', await until(async () => (await rowProblem(page, 'f-steps-1').count()) === 0));
  check('Save is enabled again', (await page.getAttribute('#sinew-save', 'aria-disabled')) === null);

  // 4. A muscle, by keyboard, through the combobox; accents are ignored.
  await page.focus('#f-muscles');
  await page.keyboard.type('mínim');
  await until(() => page.isVisible('#f-muscles ~ [role=listbox]'));
  check('the combobox opens with matches', (await page.getAttribute('#f-muscles', 'aria-expanded')) === 'true' &&
    (await page.locator('#f-muscles ~ [role=listbox] [role=option]').count()) === 1);
  await page.keyboard.press('ArrowDown');
  await page.locator('#f-muscles').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'editor-1400-combobox.png') });
  check('ArrowDown marks an option active', Boolean(await page.getAttribute('#f-muscles', 'aria-activedescendant')));
  await page.keyboard.press('Enter');
  check('Enter picks it: a chip, the list closed, the box empty',
    (await page.locator('.chip', { hasText: 'Gluteus minimus' }).count()) === 1 &&
      (await page.getAttribute('#f-muscles', 'aria-expanded')) === 'false' && (await page.inputValue('#f-muscles')) === '');
  await page.keyboard.type('ilio');
  await page.keyboard.press('Escape');
  check('Escape closes the list', (await page.getAttribute('#f-muscles', 'aria-expanded')) === 'false');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Remove Gluteus medius' }).click();
  check('a chip can be removed', (await page.locator('.chip', { hasText: 'Gluteus medius' }).count()) === 0);

  // 5. The page text: [[pir opens the page list; Enter links the chosen page.
  await page.click('#f-body');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nSee also [[pir');
  await until(() => page.isVisible('#f-body ~ [role=listbox]'));
  const options = await page.locator('#f-body ~ [role=listbox] [role=option]').allTextContents();
  check('[[ opens a list of pages that match', options.length > 0 && options[0].startsWith('Piriformis'), options.join(' | '));
  await page.keyboard.press('ArrowDown');
  await page.screenshot({ path: path.join(shots, 'editor-1400-links.png') });
  await page.keyboard.press('Enter');
  const body = await page.inputValue('#f-body');
  check('Enter inserts [[id]]', body.endsWith('See also [[piriformis]]'), JSON.stringify(body.slice(-40)));
  check('the page list closes', !(await page.isVisible('#f-body ~ [role=listbox]')));
  await page.keyboard.type(' then');
  await page.keyboard.down('Shift');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.up('Shift');
  await page.getByRole('button', { name: 'Bold' }).click();
  check('Bold wraps the selection', (await page.inputValue('#f-body')).endsWith('[[piriformis]] **then**'),
    JSON.stringify((await page.inputValue('#f-body')).slice(-30)));
  await page.keyboard.press('Control+z');
  check('Ctrl+Z undoes a toolbar change', (await page.inputValue('#f-body')).endsWith('[[piriformis]] then'),
    JSON.stringify((await page.inputValue('#f-body')).slice(-30)));

  // 6. The draft: every field, relations as ids, the body.
  await until(() => lastDraft(mock, 'check')?.body.endsWith('then'));
  const draft = lastDraft(mock, 'check');
  const missing = form.fields.map((f) => f.name).filter((n) => !(n in draft.values));
  check('the draft sends every field', missing.length === 0, `missing: ${missing.join(', ')}`);
  check('the draft sends relations as ids', JSON.stringify(draft.values.muscles) === '["piriformis","gluteus-maximus","gluteus-minimus"]',
    JSON.stringify(draft.values.muscles));
  check('the draft sends integers as numbers and empty fields empty', draft.values.hold_seconds === 30 && draft.values.reps === null &&
    Array.isArray(draft.values.red_flags) && draft.values.red_flags.length === 0 && draft.values.steps.length === steps + 1);

  // 7. Save (Ctrl+S): "Saved", and the next save carries the new version.
  await page.keyboard.press('Control+s');
  check('Ctrl+S saves: "Saved"', await until(async () => (await page.textContent('[role=status].status')).startsWith('Saved')));
  check('no unsaved changes after saving', (await page.textContent('.dirty-note')) === 'All changes saved');
  check('the save sent the form\'s version', lastDraft(mock, 'save').version === form.version);
  await page.fill('#f-frequency', 'daily, or twice a day');
  await page.click('#sinew-save');
  await until(async () => lastDraft(mock, 'save').values.frequency.includes('twice'));
  check('the next save sends the version the last one returned', lastDraft(mock, 'save').version === 'mock-version-1');

  // 8. A conflict: both versions side by side; Keep editing; then Save my version over it.
  await page.fill('#f-title', 'Figure four stretch CONFLICT');
  await page.click('#sinew-save');
  const conflict = await until(() => page.isVisible('.conflict'));
  check('a conflict shows both versions', conflict && (await page.locator('.conflict h3').allTextContents()).join('|') === 'On disk now|Your version');
  check('focus moves to the conflict panel', await page.evaluate(() => document.activeElement.classList.contains('conflict')));
  check('differing lines are marked', (await page.locator('.conflict .differs').count()) > 0);
  await page.screenshot({ path: path.join(shots, 'editor-1400-conflict.png') });
  await axe(page, 'with the conflict panel');
  await page.getByRole('button', { name: 'Keep editing' }).click();
  check('Keep editing closes the panel', !(await page.isVisible('.conflict')) && (await focusedId(page)) === 'sinew-save');
  await page.click('#sinew-save');
  await until(() => page.isVisible('.conflict'));
  await page.getByRole('button', { name: 'Save my version over it' }).click();
  check('Save my version over it saves', await until(async () => (await page.textContent('[role=status].status')).startsWith('Saved')));

  // 9. Problems elsewhere: a general one at the top, a body one with its line, a warning that does not block.
  await page.fill('#f-title', 'Figure four WARN');
  await page.click('#f-body');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nGENERAL [[nope]]');
  await until(() => page.isVisible('.general'));
  check('a problem with no field is listed at the top', (await page.textContent('.general')).includes('sciatica.md'));
  check('an error in another page does not block Save', (await page.textContent('#sinew-save-reason')) === 'Fix 1 error before saving.',
    await page.textContent('#sinew-save-reason'));
  const lines = (await page.inputValue('#f-body')).split('\n').length;
  check('a body problem names its line', (await page.locator('.body-field .problem').textContent()).includes(`line ${lines}`));
  check('a warning shows as a warning', (await page.locator('.field-text .problem.warning').textContent()).includes('Warning'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, 'editor-1400-problems.png') });
  await axe(page, 'with general, body and warning problems');
  await page.getByRole('button', { name: `Go to line ${lines}` }).click();
  check('Go to line selects that line', await page.evaluate(() => {
    const t = document.getElementById('f-body');
    return document.activeElement === t && t.value.slice(t.selectionStart, t.selectionEnd) === 'GENERAL [[nope]]';
  }));
  await page.keyboard.press('Delete');
  await until(async () => !(await page.isVisible('.general')));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, 'editor-390.png') });
  await page.screenshot({ path: path.join(shots, 'editor-390-full.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check('nothing sticks out sideways at 390px', overflow <= 0, `${overflow}px too wide`);
  await axe(page, 'at 390px');
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: path.join(shots, 'editor-1400-full.png'), fullPage: true });

  // 10. Leaving with unsaved changes asks first.
  let asked = false;
  page.on('dialog', (d) => {
    asked = d.type() === 'beforeunload';
    d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  check('leaving with unsaved changes asks first', await until(() => asked, 3000));
  check('no script errors', pageErrors.length === 0, pageErrors.join('; '));
} catch (e) {
  check(`the check ran to the end`, false, e.stack || String(e));
} finally {
  await browser.close();
  await mock.close();
}
const size = (f) => fs.statSync(new URL(`../../src/serve/editor/${f}`, import.meta.url)).size;
console.log(`editor.js ${size('editor.js')} bytes, editor.css ${size('editor.css')} bytes; screenshots in ${shots}/editor-*.png`);
const allPassed = summary('editor');
process.exit(allPassed ? 0 : 1);
