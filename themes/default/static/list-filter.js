// Filters for exercise listings, added only when JavaScript runs: without it the full list, with its
// badges, is the page. Each list marked `data-filterable` gets a select per facet (difficulty, type,
// position) built from the items' data-* attributes; items that do not match are hidden. The choice is
// kept in the address (?difficulty=beginner) so a filtered list can be bookmarked or shared. Its words are
// the page's (`<script type="application/json" id="sinew-strings">`, the theme's i18n/<lang>.yaml
// `scripts.filter`), its plurals picked by Intl.PluralRules for the page's language.
(function () {
  'use strict';
  var S = strings();
  var rules = null;

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

  function setup(list, n) {
    var items = Array.prototype.filter.call(list.children, function (el) { return el.tagName === 'LI'; });
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
      var shown = 0;
      items.forEach(function (item) {
        var match = selects.every(function (s) {
          return !s.value || item.getAttribute('data-' + s.facet) === s.value;
        });
        item.hidden = !match;
        if (match) shown += 1;
      });
      reset.hidden = selects.every(function (s) { return !s.value; });
      status.textContent = shown === items.length
        ? tr('showing_all', items.length, { noun: noun })
        : shown === 0
          ? tr('no_match', undefined, { noun: noun })
          : tr('showing_some', items.length, { noun: noun, shown: shown });
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
