// sinew site search, in the browser. A dependency-free ES module, no build step. It runs on the search
// page only (the element marked `data-search-results`); anywhere else it does nothing.
//
// The index is static (docs/search.md is the contract): a small manifest, then only the term shards and
// document chunks a query needs, and a facet's file (f/<name>.json) only when that filter is opened or
// the address has a parameter for it. The script element says
// where the index is (`data-index`), so a site published under a sub-path works:
//
//   <script type="module" src="/search.js" data-index="/search/index/"></script>
//
// The engine (text processing, the index, the query, what a result shows) is search-core.js, which the
// page names on this script (`data-core`) and preloads beside it: the files are fingerprinted
// (search.<hash>.js), so one cannot import the other by a fixed name. Index data is only ever put in the
// page with textContent and createElement, never as HTML.
//
// Its words are the page's: a `<script type="application/json" id="sinew-strings">` before this one holds
// the theme's `scripts:` strings in the page's language (i18n/<lang>.yaml), read once when first needed;
// plural forms are picked with Intl.PluralRules for the page's language (`<html lang>`).
//
// For tests and measurements, `window.__sinewSearchTiming` holds: `started` (ms after navigation start when
// this module began to run), `ready` (when the manifest was loaded), `firstResults` (ms after navigation start when the first results were shown),
// `searches` ([{q, ms, wait, fetched, results}] for every search: ms from the start of the search to the
// results being in the page, of which `wait` ms waiting for index files, `fetched` files it requested)
// and `last` (the last search shown: {q, filters, results}).

const PAGE_SIZE = 20;
// Results shown before the rest of the first page has arrived.
const FIRST_BATCH = 5;
// Facets with more values than this get a text box to narrow their list of checkboxes, and show at
// most SHOW_AT_MOST of them at a time (a relation facet of a big site has thousands).
const NARROW_AT = 12;
const SHOW_AT_MOST = 60;

const timing = { started: performance.now(), ready: null, firstResults: null, searches: [], last: null };
if (typeof window !== 'undefined') window.__sinewSearchTiming = timing;

// The engine, once: the page's script element names it. Elsewhere (a page without search) nothing is loaded.
const coreScript = typeof document !== 'undefined' ? document.querySelector('script[data-core]') : null;
const { fold, SearchIndex, parseQuery, fetchNeeded, runQuery, allowedDocs, matcher, highlighter, snippet } = coreScript
  ? await import(new URL(coreScript.getAttribute('data-core'), document.baseURI).href)
  : {};

// ---------------------------------------------------------------------------------------------------
// The page

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'className') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k === 'htmlFor') e.htmlFor = v;
      else e.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/**
 * A count as people read it: digits grouped in threes by a narrow no-break space from 10 000 up (the SI
 * and ISO style, right in every language). Not Intl.NumberFormat: building the first one loads locale
 * data and took 80 ms of a cold search page's first query.
 */
export function num(n) {
  const digits = String(n);
  if (!/^\d{5,}$/.test(digits)) return digits;
  return digits.replace(/\B(?=(\d{3})+$)/g, '\u202f');
}

// ---------------------------------------------------------------------------------------------------
// Words (the theme's i18n/<lang>.yaml, `scripts.search`, in the page)

let strings = null;
let pluralRules = null;

/** The page's strings for this script, read from the page once. */
function uiStrings() {
  if (!strings) {
    const el = typeof document !== 'undefined' ? document.getElementById('sinew-strings') : null;
    try {
      strings = (el && JSON.parse(el.textContent).search) || {};
    } catch (e) {
      console.warn('search: the page\'s strings (#sinew-strings) cannot be read:', e);
      strings = {};
    }
  }
  return strings;
}

/** The plural category of n in the page's language ("one", "other", ...). */
function pluralCategory(n) {
  if (!pluralRules) {
    try {
      pluralRules = new Intl.PluralRules(document.documentElement.lang || undefined);
    } catch {
      pluralRules = new Intl.PluralRules('en');
    }
  }
  return pluralRules.select(n);
}

/**
 * The string `key` with its placeholders filled: `{n}` by the count `n` (also picking the plural form when
 * the string has several), every other `{name}` by `values.name`. A missing string shows as its key.
 */
function tr(key, n, values) {
  let text = uiStrings()[key];
  if (text === undefined) {
    console.warn(`search: no string "${key}" in the page's strings`);
    return key;
  }
  if (typeof text === 'object' && text !== null) {
    text = text[pluralCategory(n)] ?? text.other ?? '';
  }
  const all = { ...values, n: n === undefined ? undefined : num(n) };
  return text.replace(/\{(\w+)\}/g, (m, name) => (all[name] === undefined ? m : String(all[name])));
}

function capitalise(s) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** A facet value as readers see it: ids such as "lying-on-back" read "Lying on back" (the address keeps the id). */
function displayLabel(label) {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(label) ? capitalise(label.replace(/-/g, ' ')) : label;
}

/** The address the page names in a `data-<name>` attribute of its script (`index`, `stemmer`), or null. */
function namedUrl(name) {
  const script = document.querySelector(`script[data-${name}]`);
  const attr = script && script.getAttribute(`data-${name}`);
  return attr ? new URL(attr, document.baseURI) : null;
}

function indexBase() {
  return namedUrl('index') || new URL('search/index/', import.meta.url);
}

/**
 * Fetches what the address's query will need (the manifest, then its term shards and filter files) while
 * the page is still being parsed. The script is loaded `async` in the page's head for this: a deferred
 * script would start only once the whole page is parsed.
 */
function prefetch(index) {
  const params = new URLSearchParams(window.location.search);
  const q = params.get('q') || '';
  return index.load().then((m) => {
    fetchNeeded(index, parseQuery(index, q)).catch(() => {});
    for (const f of m.facets) if (params.get(f.name)) index.loadFacet(f.name).catch(() => {});
    return m;
  });
}

function start(index, loaded) {
  const results = document.querySelector('[data-search-results]');
  if (!results) return;
  const form = document.querySelector('[data-search-form]') || results.ownerDocument.forms[0];
  const input = form && form.querySelector('input[name="q"]');
  const statusEl = document.querySelector('[data-search-status]');
  const filtersEl = document.querySelector('[data-search-filters]');
  // Collection links for an empty box (the full A–Z list is for readers without JavaScript).
  const browse = document.querySelector('[data-search-browse]');
  if (!input) return;
  const baseTitle = document.title;
  // The page's words and its language's plural rules, ready before the first results (the index files are
  // on their way meanwhile).
  uiStrings();
  pluralCategory(1);

  const params = new URLSearchParams(window.location.search);
  const state = {
    q: params.get('q') || '',
    filters: new Map(), // facet name -> Set of value labels
    shown: PAGE_SIZE,
    result: null, // {docs, highlight, q}
  };
  input.value = state.q;
  // an empty box offers the listings; a query in the address has results on their way
  showBrowse(!state.q.trim());
  let generation = 0;
  let frame = 0;
  let facetUI = null;

  function setStatus(text) {
    if (statusEl && statusEl.textContent !== text) statusEl.textContent = text;
  }

  function activeFilterCount() {
    let n = 0;
    for (const labels of state.filters.values()) n += labels.size;
    return n;
  }

  function syncAddress() {
    const p = new URLSearchParams();
    const q = state.q.trim();
    if (q) p.set('q', q);
    for (const f of index.manifest ? index.manifest.facets : []) {
      for (const label of state.filters.get(f.name) || []) p.append(f.name, label);
    }
    const search = p.toString();
    const next = window.location.pathname + (search ? '?' + search : '') + window.location.hash;
    if (next !== window.location.pathname + window.location.search + window.location.hash) {
      try {
        window.history.replaceState(window.history.state, '', next);
      } catch {
        // replaceState can be throttled; the address is a convenience
      }
    }
    document.title = q ? `${q} – ${baseTitle}` : baseTitle;
  }

  function showBrowse(show) {
    if (browse) browse.hidden = !show;
  }

  function clearResults() {
    results.replaceChildren();
    state.result = null;
  }

  function resultItem(d, highlight, match) {
    const doc = index.doc(d);
    if (!doc) return null;
    const [title, url, collection, , thumbnail] = doc;
    const excerpt = snippetElement(d, match);
    const c = collection >= 0 ? index.collections[collection] : null;
    const kind = c ? c.singular || c.name : tr('page_kind');
    const link = el('a', { href: url }, highlight(title));
    // The entry's picture, small: the title beside it says what it shows, so its alt text is empty.
    const picture = thumbnail
      ? el('img', { className: 'search-result-thumb', src: thumbnail, alt: '', loading: 'lazy', decoding: 'async' })
      : null;
    return el(
      'li',
      { className: 'search-result' + (picture ? ' has-thumb' : ''), 'data-doc': String(d) },
      picture,
      el('h2', { className: 'search-result-title' }, link),
      el('p', { className: 'search-result-kind' }, el('span', { className: 'badge', text: capitalise(kind) })),
      excerpt,
    );
  }

  /** The snippet paragraph of result d, or null: a caution is labelled as one ("hip replacement"). */
  function snippetElement(d, match) {
    const shown = snippet(index.doc(d), match, index.passagesOf(d));
    if (!shown.text) return null;
    const label = shown.caution ? el('strong', { className: 'search-result-caution', text: tr('caution_label') + ' ' }) : null;
    const p = el('p', { className: 'search-result-excerpt' }, label, state.result.highlight(shown.text));
    p.dataset.shown = shown.text;
    return p;
  }

  /**
   * Once the passages of the listed results are in, shows the sentence that matched where one holds more of
   * the query's words than the excerpt. After the first results, so a first query never waits for them.
   */
  async function showPassages(list, g) {
    const items = [...list.querySelectorAll('li[data-doc]')];
    try {
      await index.loadPassages(items.map((li) => Number(li.dataset.doc)));
    } catch (e) {
      console.warn('search:', e);
      return;
    }
    if (g !== generation) return;
    for (const li of items) {
      const d = Number(li.dataset.doc);
      const old = li.querySelector('.search-result-excerpt');
      const next = snippetElement(d, state.result.match);
      if (next && (!old || old.dataset.shown !== next.dataset.shown)) {
        if (old) old.replaceWith(next);
        else li.append(next);
      }
    }
  }

  function renderMore(list, from, to) {
    const { docs, highlight, match } = state.result;
    let first = null;
    for (let i = from; i < Math.min(to, docs.length); i++) {
      const item = resultItem(docs[i], highlight, match);
      if (item) {
        list.append(item);
        first = first || item;
      }
    }
    return first;
  }

  function renderFooter() {
    const { docs } = state.result;
    let footer = results.querySelector('.search-more');
    if (docs.length <= state.shown) {
      if (footer) footer.remove();
      return;
    }
    if (!footer) {
      const button = el('button', { type: 'button', className: 'search-more-button', text: tr('more_button') });
      button.addEventListener('click', showMore);
      footer = el('div', { className: 'search-more' }, el('p', { className: 'search-more-count' }), button);
      results.append(footer);
    }
    footer.querySelector('.search-more-count').textContent = tr('more_count', docs.length, { shown: num(state.shown) });
  }

  let loadingMore = false;
  async function showMore() {
    if (!state.result || loadingMore) return;
    const { docs } = state.result;
    const from = state.shown;
    const g = generation;
    loadingMore = true;
    try {
      await index.loadDocs(docs.slice(from, from + PAGE_SIZE));
    } catch (e) {
      return failed(e);
    } finally {
      loadingMore = false;
    }
    if (g !== generation) return;
    state.shown = from + PAGE_SIZE;
    const list = results.querySelector('ol');
    const first = renderMore(list, from, state.shown);
    renderFooter();
    showPassages(list, g);
    setStatus(tr('showing', docs.length, { shown: num(Math.min(state.shown, docs.length)) }));
    if (first) first.querySelector('a').focus();
  }

  function failed(e) {
    console.warn('search:', e);
    clearResults();
    setStatus(tr('unavailable'));
    showBrowse(true);
  }

  async function run() {
    const g = ++generation;
    const t0 = performance.now();
    let wait = 0; // ms spent waiting for index files
    const fetches0 = index.fetches;
    const q = state.q;
    if (!index.manifest) return; // the search runs once the manifest is in
    const parsed = parseQuery(index, q);
    const nFilters = activeFilterCount();
    if (!q.trim() && !nFilters) {
      clearResults();
      setStatus('');
      showBrowse(true);
      record(g, q, t0, 0, 0, 0);
      return;
    }
    let found;
    try {
      const waits = [fetchNeeded(index, parsed)];
      for (const [name, labels] of state.filters) if (labels.size) waits.push(index.loadFacet(name));
      const w0 = performance.now();
      await Promise.all(waits);
      wait += performance.now() - w0;
      if (g !== generation) return;
      const allowed = nFilters ? allowedDocs(index, state.filters) : null;
      if (parsed.tokens.length) {
        // The files are in; a quoted phrase may still fetch the chunks of the pages it is checked on.
        const w2 = performance.now();
        found = await runQuery(index, q, allowed);
        wait += performance.now() - w2;
        if (g !== generation) return;
      } else if (allowed) {
        // filters and no words: everything the filters allow, in index order
        const docs = [];
        for (let d = 0; d < allowed.length; d++) if (allowed[d]) docs.push(d);
        found = { docs, terms: new Set(), prefixes: [] };
      } else {
        found = { docs: [], terms: new Set(), prefixes: [] }; // only stop words
      }
      // The first few results are shown as soon as their chunks are in, and only then are the rest of the
      // page's chunks requested: on a cold page each request costs the main thread a few milliseconds,
      // and a browser opens at most six connections to a host over HTTP/1.1.
      state.shown = FIRST_BATCH;
      const w1 = performance.now();
      await index.loadDocs(found.docs.slice(0, FIRST_BATCH));
      wait += performance.now() - w1;
      if (g !== generation) return;
    } catch (e) {
      if (g === generation) failed(e);
      return;
    }
    const match = matcher(index, parsed, found.terms, found.prefixes);
    state.result = { docs: found.docs, highlight: highlighter(match), match, q };
    const list = el('ol', { className: 'search-results-list', 'aria-label': tr('results_label') });
    results.replaceChildren(list);
    renderMore(list, 0, state.shown);
    const shownQ = q.trim();
    const filtered = nFilters ? tr('filters_on', nFilters) : '';
    const n = found.docs.length;
    if (n === 0) {
      if (shownQ && !parsed.tokens.length) {
        setStatus(tr('no_results_stopwords', undefined, { q: shownQ }));
      } else {
        setStatus(
          (shownQ ? tr('no_results', undefined, { q: shownQ, filters: filtered }) : tr('nothing_matches')) +
            ' ' +
            tr('no_results_help'),
        );
      }
      showBrowse(true);
    } else {
      setStatus(
        found.partial
          ? tr(found.capped ? 'partial_results_at_least' : 'partial_results', n, { q: shownQ, filters: filtered })
          : shownQ
          ? tr(found.capped ? 'results_for_at_least' : 'results_for', n, { q: shownQ, filters: filtered })
          : tr(pluralCategory(nFilters) === 'one' ? 'pages_match_filter' : 'pages_match_filters', n),
      );
      showBrowse(false);
    }
    record(g, q, t0, n, wait, index.fetches - fetches0);
    if (n <= FIRST_BATCH) {
      renderFooter();
      showPassages(list, g);
      return;
    }
    try {
      await index.loadDocs(found.docs.slice(FIRST_BATCH, PAGE_SIZE));
    } catch (e) {
      if (g === generation) failed(e);
      return;
    }
    if (g !== generation || state.shown !== FIRST_BATCH) return;
    state.shown = PAGE_SIZE;
    renderMore(list, FIRST_BATCH, PAGE_SIZE);
    renderFooter();
    showPassages(list, g);
  }

  function record(g, q, t0, n, wait, fetched) {
    const ms = performance.now() - t0;
    const round = (x) => Math.round(x * 100) / 100;
    timing.searches.push({ q, ms: round(ms), wait: round(wait), fetched, results: n });
    if (timing.searches.length > 500) timing.searches.splice(0, 100);
    const filters = {};
    for (const [k, v] of state.filters) if (v.size) filters[k] = [...v];
    timing.last = { q, filters, results: n, generation: g };
    if (timing.firstResults === null && n > 0) timing.firstResults = performance.now();
    // After the results: the first replaceState and title change of a page cost tens of milliseconds.
    syncAddress();
  }

  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      run();
    });
  }

  // --- filters -------------------------------------------------------------------------------------

  function buildFilters() {
    if (!filtersEl || !index.manifest.facets.length) return;
    const groups = new Map();
    const clear = el('button', { type: 'button', className: 'search-filters-clear', text: tr('clear_filters') });
    clear.hidden = true;
    const wrap = el('div', { className: 'search-facets' });
    index.manifest.facets.forEach((f, n) => {
      const count = el('span', { className: 'search-facet-count' });
      const loading = el('p', { className: 'search-facet-loading', text: tr('loading') });
      const body = el('div', { className: 'search-facet-body' }, loading);
      const details = el(
        'details',
        { className: 'search-facet', 'data-facet': f.name },
        el('summary', null, f.label, count),
        body,
      );
      details.addEventListener('toggle', () => {
        if (details.open) fillFacet(f.name);
      });
      groups.set(f.name, { details, body, count, label: f.label, n, filled: false });
      wrap.append(details);
    });
    clear.addEventListener('click', () => {
      state.filters.clear();
      for (const box of filtersEl.querySelectorAll('input[type="checkbox"]')) box.checked = false;
      updateFilterCounts();
      schedule();
    });
    const total = el('span', { className: 'search-facet-count' });
    const panel = el(
      'details',
      { className: 'search-filters-panel' },
      el('summary', null, tr('filters'), total),
      el('p', { className: 'search-filters-help', text: tr('filters_help') }),
      wrap,
      clear,
    );
    filtersEl.replaceChildren(panel);
    filtersEl.hidden = false;
    facetUI = { groups, clear, panel, total };
    updateFilterCounts();
  }

  function updateFilterCounts() {
    if (!facetUI) return;
    for (const [name, g] of facetUI.groups) {
      const n = (state.filters.get(name) || new Set()).size;
      g.count.textContent = n ? ' ' + tr('chosen', n) : '';
    }
    const all = activeFilterCount();
    facetUI.total.textContent = all ? ' ' + tr('chosen', all) : '';
    facetUI.clear.hidden = all === 0;
  }

  /** Puts a facet's checkboxes in its group, loading the facet's file the first time. */
  async function fillFacet(name) {
    const g = facetUI && facetUI.groups.get(name);
    if (!g || g.filled) return;
    let facet;
    try {
      facet = await index.loadFacet(name);
    } catch (e) {
      console.warn('search:', e);
      g.body.replaceChildren(el('p', { text: tr('facet_failed') }));
      return;
    }
    if (g.filled) return;
    g.filled = true;
    const legend = el('legend', { className: 'visually-hidden', text: g.label });
    const list = el('ul', { className: 'search-facet-values' });
    const rows = new Map(); // value index -> <li>, made when first shown (a facet can have thousands)
    const row = (v, i) => {
      let li = rows.get(i);
      if (li) return li;
      const id = `facet-${g.n}-${i}`;
      const box = el('input', { type: 'checkbox', id, name, value: v.label });
      box.checked = (state.filters.get(name) || new Set()).has(v.label);
      box.addEventListener('change', () => {
        let set = state.filters.get(name);
        if (!set) state.filters.set(name, (set = new Set()));
        if (box.checked) set.add(v.label);
        else set.delete(v.label);
        updateFilterCounts();
        schedule();
      });
      const count = el('span', { className: 'search-facet-n', text: ` (${num(v.docs.length)})` });
      li = el('li', null, box, el('label', { htmlFor: id }, displayLabel(v.label), count));
      rows.set(i, li);
      return li;
    };
    const fieldset = el('fieldset', null, legend);
    const values = facet.values;
    if (values.length <= NARROW_AT) {
      values.forEach((v, i) => list.append(row(v, i)));
      fieldset.append(list);
    } else {
      // a text box narrows the list; a big facet shows at most SHOW_AT_MOST values (the chosen ones always)
      const folded = values.map((v) => fold(displayLabel(v.label)));
      const nid = `facet-${g.n}-narrow`;
      const narrow = el('input', { type: 'search', id: nid, className: 'search-facet-narrow', autocomplete: 'off' });
      const note = el('p', { className: 'search-facet-note' });
      const show = () => {
        const want = fold(narrow.value.trim());
        const chosen = state.filters.get(name) || new Set();
        const shown = [];
        let matches = 0;
        values.forEach((v, i) => {
          const match = want === '' || folded[i].includes(want);
          if (match) matches++;
          if (chosen.has(v.label) || (match && matches <= SHOW_AT_MOST)) {
            const li = row(v, i);
            li.querySelector('input').checked = chosen.has(v.label); // "Clear filters" may have run meanwhile
            shown.push(li);
          }
        });
        list.replaceChildren(...shown);
        note.textContent =
          matches > SHOW_AT_MOST
            ? tr('narrow_capped', matches, { shown: num(SHOW_AT_MOST) })
            : matches === 0
              ? tr('narrow_none', undefined, { label: g.label.toLowerCase(), text: narrow.value.trim() })
              : '';
        note.hidden = note.textContent === '';
      };
      narrow.addEventListener('input', show);
      // Enter in the narrowing box must not submit the search form
      narrow.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') e.preventDefault();
      });
      const label = el('label', { htmlFor: nid, text: tr('narrow_label', undefined, { label: g.label.toLowerCase() }) });
      fieldset.append(el('p', { className: 'search-facet-narrow-row' }, label, narrow), list, note);
      show();
    }
    g.body.replaceChildren(fieldset);
  }

  // --- keyboard: arrow keys from the box into the results and back ------------------------------------

  function resultLinks() {
    return [...results.querySelectorAll('.search-result-title a')];
  }

  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && !e.altKey) {
      const links = resultLinks();
      if (links.length) {
        e.preventDefault();
        links[0].focus();
      }
    }
  });
  results.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = resultLinks();
    const i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown') {
      if (i + 1 < links.length) links[i + 1].focus();
    } else if (i > 0) links[i - 1].focus();
    else input.focus();
  });

  // --- wiring --------------------------------------------------------------------------------------

  input.addEventListener('input', () => {
    state.q = input.value;
    schedule();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    state.q = input.value;
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    run();
  });
  // The header's search box, on this page: search here instead of reloading the page.
  for (const other of document.querySelectorAll('form[role="search"]')) {
    if (other === form) continue;
    const box = other.querySelector('input[name="q"]');
    if (!box) continue;
    other.addEventListener('submit', (e) => {
      e.preventDefault();
      input.value = box.value;
      box.value = '';
      state.q = input.value;
      run();
      input.focus();
    });
  }

  loaded
    .then(async (m) => {
      timing.ready = performance.now();
      for (const f of m.facets) {
        const labels = params.getAll(f.name).filter(Boolean);
        if (labels.length) state.filters.set(f.name, new Set(labels));
      }
      buildFilters();
      if (activeFilterCount()) {
        // filter parameters in the address: those facets first, and their groups open
        try {
          await Promise.all([...state.filters.keys()].map((name) => index.loadFacet(name)));
        } catch (e) {
          return failed(e);
        }
        for (const [name, labels] of state.filters) {
          const facet = index.facets.get(name);
          for (const label of [...labels]) if (!facet.byLabel.has(label)) labels.delete(label);
        }
        if (facetUI) {
          for (const [name, labels] of state.filters) {
            const g = facetUI.groups.get(name);
            if (g && labels.size) {
              facetUI.panel.open = true;
              g.details.open = true;
              await fillFacet(name);
            }
          }
        }
        updateFilterCounts();
      }
      state.q = input.value; // whatever was typed while the manifest loaded
      run();
    })
    .catch(failed);
}

if (typeof document !== 'undefined' && document.querySelector('[data-search-results], script[data-index]')) {
  // The stemmer of the index's language (stemmers/<code>.js), for a language with a Snowball algorithm.
  const index = new SearchIndex(indexBase(), namedUrl('stemmer'));
  const loaded = prefetch(index);
  loaded.catch(() => {}); // reported by start()
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => start(index, loaded), { once: true });
  } else {
    start(index, loaded);
  }
}
