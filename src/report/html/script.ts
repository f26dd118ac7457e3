/**
 * The report's only script, inlined: sortable tables (click or Enter on a header; numbers sort by their
 * data-value so "3.2e-12" and "inf" order correctly, empty values last), expand/collapse-all for the
 * distribution panels, links to a column's panel opening it, and the column filter (a name search and
 * "drifted only", applied to the method tables and the distribution panels alike). Plain ES5-era DOM
 * calls, no libraries.
 */
export const HTML_SCRIPT = `
(function () {
  'use strict';
  function key(cell, numeric) {
    var v = cell.getAttribute('data-value');
    if (v === null) v = cell.textContent || '';
    if (!numeric) return v.toLowerCase();
    return v === '' ? NaN : Number(v);
  }
  function compare(a, b, numeric) {
    if (numeric) {
      var an = isNaN(a), bn = isNaN(b);
      if (an || bn) return an === bn ? 0 : an ? 1 : -1;
      return a === b ? 0 : a < b ? -1 : 1;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sortBy(table, th, index) {
    var numeric = th.getAttribute('data-type') === 'num';
    var dir = th.getAttribute('aria-sort') === 'descending' ? 1 : th.getAttribute('aria-sort') === 'ascending' ? -1 : (numeric ? -1 : 1);
    var ths = table.tHead.rows[0].cells;
    for (var i = 0; i < ths.length; i++) ths[i].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, key: key(row.cells[index], numeric), position: position };
    });
    rows.sort(function (x, y) {
      var c = compare(x.key, y.key, numeric);
      if (numeric && (isNaN(x.key) || isNaN(y.key))) return c || x.position - y.position;
      return c * dir || x.position - y.position;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener('click', function () { sortBy(table, th, index); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(table, th, index); }
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-toggle-all]'), function (button) {
    button.addEventListener('click', function () {
      var open = button.getAttribute('data-toggle-all') === 'open';
      Array.prototype.forEach.call(document.querySelectorAll('details.dist'), function (d) { d.open = open; });
    });
  });
  var search = document.getElementById('column-search');
  var only = document.getElementById('drifted-only');
  var count = document.getElementById('filter-count');
  function matches(el, q, driftedOnly) {
    return (!q || (el.getAttribute('data-name') || '').indexOf(q) >= 0) && (!driftedOnly || el.getAttribute('data-drifted') === '1');
  }
  function applyFilter() {
    var q = (search.value || '').trim().toLowerCase();
    var driftedOnly = only.checked;
    var shown = 0, total = 0;
    Array.prototype.forEach.call(document.querySelectorAll('#columns tr[data-name]'), function (tr) {
      var ok = matches(tr, q, driftedOnly);
      tr.hidden = !ok;
      total++;
      if (ok) shown++;
    });
    Array.prototype.forEach.call(document.querySelectorAll('#columns .method-group'), function (g) {
      g.hidden = g.querySelector('tr[data-name]:not([hidden])') === null;
    });
    Array.prototype.forEach.call(document.querySelectorAll('#distributions details.dist[data-name]'), function (d) {
      d.hidden = !matches(d, q, driftedOnly);
    });
    count.textContent = q || driftedOnly ? shown + ' of ' + total + ' columns' : '';
  }
  if (search && only && count) {
    search.addEventListener('input', applyFilter);
    only.addEventListener('change', applyFilter);
  }
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === 'DETAILS') target.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
`;
