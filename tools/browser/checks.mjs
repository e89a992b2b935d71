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
