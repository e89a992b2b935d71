// Filters for exercise listings, added only when JavaScript runs: without it the full list, with its
// badges, is the page. Each list marked `data-filterable` gets a select per facet (difficulty, type,
// position) built from the items' data-* attributes; items that do not match are hidden. The choice is
// kept in the address (?difficulty=beginner) so a filtered list can be bookmarked or shared. Its words are
// the page's (`<script type="application/json" id="sinew-strings">`, the theme's i18n/<lang>.yaml
// `scripts.filter`), its plurals picked by Intl.PluralRules for the page's language.
//
// A listing split into pages (a collection's `page_size:`) carries its pages' addresses and every filter
// value of the whole listing (`<script type="application/json" id="sinew-listing">`). Its selects offer every
// value, and the first time a filter is chosen the other pages are fetched and their cards put in order
// around this page's: a filter covers every entry, shown with the very cards the server made (the search
// index's documents carry an excerpt, not the card's summary, badges or picture sizes). With no filter, the
// page shows its own cards and its pager, as it does without JavaScript.
(function () {
  'use strict';
  var S = strings();
  var LISTING = listing();
  var rules = null;

  function listing() {
    var el = document.getElementById('sinew-listing');
    try {
      return el ? JSON.parse(el.textContent) : null;
    } catch (e) {
      return null;
    }
  }

  function strings() {
    var el = document.getElementById('sinew-strings');
    try {
      return (el && JSON.parse(el.textContent).filter) || {};
    } catch (e) {
      return {};
    }
  }

  // The string `key`, its plural form picked for n (when it has forms), its placeholders filled from `values`.
  function tr(key, n, values) {
    var text = S[key];
    if (text === undefined) return key;
    if (text && typeof text === 'object') {
      if (!rules) {
        try {
          rules = new Intl.PluralRules(document.documentElement.lang || undefined);
        } catch (e) {
          rules = new Intl.PluralRules('en');
        }
      }
      var form = text[rules.select(n)];
      text = form === undefined ? text.other : form;
    }
    return String(text).replace(/\{(\w+)\}/g, function (m, name) {
      if (name === 'n' && n !== undefined) return String(n);
      return values && values[name] !== undefined ? String(values[name]) : m;
    });
  }

  var FACETS = [
    { key: 'difficulty', label: tr('difficulty'), order: ['beginner', 'intermediate', 'advanced'] },
    { key: 'kind', label: tr('kind'), order: ['stretch', 'strengthen', 'release'] },
    { key: 'position', label: tr('position'), order: [] },
  ];

  function rank(facet, value) {
    var i = facet.order.indexOf(value);
    return i < 0 ? facet.order.length : i;
  }

  // The cards of every page of `list`'s listing, in order, this page's own where they are. Other pages' cards
  // are added to the list, hidden. Fetched once; a failed fetch is forgotten, so the next choice tries again.
  function everyPage(list, own) {
    // A folder's address, whether the page was opened as `page/2/` or `page/2/index.html`.
    var folder = function (path) { return path.replace(/index\.html$/, ''); };
    var here = folder(window.location.pathname);
    return Promise.all(LISTING.pages.map(function (url) {
      if (folder(new URL(url, document.baseURI).pathname) === here) return own;
      return fetch(url, { credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + url);
          return response.text();
        })
        .then(function (html) {
          var other = new DOMParser().parseFromString(html, 'text/html').getElementById(list.id);
          if (!other) throw new Error('no #' + list.id + ' in ' + url);
          return cards(other).map(function (item) {
            var copy = document.importNode(item, true);
            copy.hidden = true;
            return copy;
          });
        });
    })).then(function (pages) {
      var all = [].concat.apply([], pages);
      all.forEach(function (item) { list.appendChild(item); });
      return all;
    });
  }

  function cards(list) {
    return Array.prototype.filter.call(list.children, function (el) { return el.tagName === 'LI'; });
  }

  function setup(list, n) {
    var items = cards(list);
    var own = items.slice();
    // Only the list the pager belongs to spans pages.
    var pager = document.querySelector('[data-pager-for="' + list.id + '"]');
    var paged = LISTING && pager ? LISTING : null;
    var loading = null;
    var loaded = false;
    var failed = false;
    var noun = list.getAttribute('data-noun') || tr('noun');
    var params = new URLSearchParams(window.location.search);
    var form = document.createElement('form');
    form.className = 'list-filter';
    var fieldset = document.createElement('fieldset');
    var legend = document.createElement('legend');
    legend.textContent = tr('legend');
    fieldset.appendChild(legend);
    var selects = [];

    FACETS.forEach(function (facet) {
      var labels = {};
      if (paged && paged.values && paged.values[facet.key]) {
        paged.values[facet.key].forEach(function (pair) { labels[pair[0]] = pair[1]; });
      }
      items.forEach(function (item) {
        var value = item.getAttribute('data-' + facet.key);
        if (!value || labels[value]) return;
        var badge = item.querySelector('[data-facet="' + facet.key + '"]');
        var text = badge ? badge.lastChild.textContent.trim() : value.replace(/-/g, ' ');
        labels[value] = text;
      });
      var values = Object.keys(labels).sort(function (a, b) {
        return rank(facet, a) - rank(facet, b) || labels[a].localeCompare(labels[b]);
      });
      if (values.length < 2) return;
      var id = 'filter-' + n + '-' + facet.key;
      var wrap = document.createElement('div');
      var label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = facet.label;
      var select = document.createElement('select');
      select.id = id;
      select.name = facet.key;
      select.add(new Option(tr('any'), ''));
      values.forEach(function (value) { select.add(new Option(labels[value], value)); });
      if (values.indexOf(params.get(facet.key)) >= 0) select.value = params.get(facet.key);
      select.facet = facet.key;
      selects.push(select);
      wrap.appendChild(label);
      wrap.appendChild(select);
      fieldset.appendChild(wrap);
    });
    if (!selects.length) return;

    var reset = document.createElement('button');
    reset.type = 'reset';
    reset.textContent = tr('show_all');
    fieldset.appendChild(reset);
    var status = document.createElement('p');
    status.className = 'list-filter-status';
    status.setAttribute('role', 'status');
    form.appendChild(fieldset);
    form.appendChild(status);

    function update(remember) {
      var active = selects.some(function (s) { return s.value; });
      if (paged && active && !loaded && !loading) {
        loading = everyPage(list, own).then(
          function (all) {
            items = all;
            loaded = true;
            update(false);
          },
          function (error) {
            loading = null;
            failed = true;
            if (window.console) console.warn('list-filter: ' + error.message);
            update(false);
          }
        );
      }
      var shown = 0;
      items.forEach(function (item) {
        var match = selects.every(function (s) {
          return !s.value || item.getAttribute('data-' + s.facet) === s.value;
        });
        // With no filter, a paged listing shows its own page's cards only.
        item.hidden = paged && !active ? own.indexOf(item) < 0 : !match;
        if (match) shown += 1;
      });
      reset.hidden = !active;
      if (pager) pager.hidden = active && loaded;
      if (paged && !active) {
        failed = false;
        status.textContent = '';
      } else if (paged && !loaded) {
        status.textContent = failed ? tr('load_failed') : tr('loading');
      } else {
        status.textContent = shown === items.length
          ? tr('showing_all', items.length, { noun: noun })
          : shown === 0
            ? tr('no_match', undefined, { noun: noun })
            : tr('showing_some', items.length, { noun: noun, shown: shown });
      }
      if (remember && window.history.replaceState) {
        var query = new URLSearchParams(window.location.search);
        selects.forEach(function (s) { if (s.value) query.set(s.facet, s.value); else query.delete(s.facet); });
        var search = query.toString();
        window.history.replaceState(null, '', window.location.pathname + (search ? '?' + search : '') + window.location.hash);
      }
    }

    form.addEventListener('change', function () { update(true); });
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.addEventListener('reset', function () { window.setTimeout(function () { update(true); }, 0); });
    update(false);
    list.parentNode.insertBefore(form, list);
  }

  Array.prototype.forEach.call(document.querySelectorAll('ul[data-filterable], ol[data-filterable]'), setup);
})();
