// What the browser checks share: a tally of named checks, and polling until something shows.

/** A tally: `check(name, ok, detail)` prints `ok  name` or `FAIL name (detail)`; `summary(label)` prints
 *  `label: N passed, M failed` and says whether all passed. */
export function tally() {
  let passed = 0;
  let failed = 0;
  return {
    check(name, ok, detail = '') {
      if (ok) passed++;
      else failed++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? ` (${detail})` : ''}`);
    },
    summary(label) {
      console.log(`${label}: ${passed} passed, ${failed} failed`);
      return failed === 0;
    },
    get failed() {
      return failed;
    },
  };
}

/** Polls `fn` until it returns a truthy value or `ms` pass (then null); a throw counts as not yet (the page
 *  may be navigating). */
export async function until(fn, ms = 10000) {
  const start = Date.now();
  for (;;) {
    let value;
    try {
      value = await fn();
    } catch {
      value = null;
    }
    if (value) return value;
    if (Date.now() - start > ms) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `binary serve` on `site` and waits for the editing address it prints (with the token); exits the
 *  process, naming `who`, if none comes. `log()` is everything the server has printed so far. */
export async function startServe(binary, site, who) {
  const { spawn } = await import('node:child_process');
  const server = spawn(binary, ['serve', '--port', '0', '--root', site], { stdio: ['ignore', 'ignore', 'pipe'] });
  process.on('exit', () => server.exitCode == null && server.kill('SIGINT')); // also when a check throws
  let log = '';
  server.stderr.on('data', (d) => (log += d));
  const tokenAddress = await until(
    () => (log.match(/to edit pages in the browser, open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/) || [])[1],
    60000,
  );
  if (!tokenAddress) {
    console.error(`${who}: the server did not print the editing address\n${log}`);
    server.kill('SIGINT');
    process.exit(1);
  }
  return { server, tokenAddress, origin: new URL(tokenAddress).origin, log: () => log };
}

/** With `--editor-from-source` among the arguments, has `context` answer /__sinew/editor.js and editor.css from
 *  src/serve/editor/ on disk instead of the copies built into the binary, so a change to them can be tried
 *  against the real server before sinew is rebuilt. Says so on stdout; returns whether it did. */
export async function editorFromSource(context, argv = process.argv) {
  if (!argv.includes('--editor-from-source')) return false;
  const dir = new URL('../../src/serve/editor/', import.meta.url);
  for (const [file, type] of [['editor.js', 'text/javascript; charset=utf-8'], ['editor.css', 'text/css; charset=utf-8']]) {
    await context.route(`**/__sinew/${file}`, (route) => route.fulfill({ path: new URL(file, dir).pathname, contentType: type }));
  }
  console.log('(editor.js and editor.css served from src/serve/editor/, not from the binary)');
  return true;
}

/** The front matter's lines, each with the key whose block it belongs to (list rows belong to their key);
 *  the body's lines belong to `null`. */
export function keyedLines(text) {
  const lines = text.split('\n');
  const out = [];
  let fences = 0;
  let key = null;
  for (const line of lines) {
    if (line === '---' && fences < 2) {
      fences++;
      key = null;
      out.push({ key: `---${fences}`, line });
      continue;
    }
    if (fences === 1) {
      const m = /^([A-Za-z_][\w-]*):/.exec(line);
      if (m) key = m[1];
      out.push({ key, line });
    } else out.push({ key: null, line });
  }
  return out;
}
/** The lines of the front matter key `key` (its list rows with it). */
export const block = (text, key) => keyedLines(text).filter((l) => l.key === key).map((l) => l.line);

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on `page`'s own document, not its frames (the preview frame is the
 *  site's own page, which axe-check.mjs checks on the built site); one line per violation. */
export async function axeViolations(page, axeSource) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
      iframes: false,
    });
    return r.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}
