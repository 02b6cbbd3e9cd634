// The report's only stylesheet and only script, both inline, both allowed by their SHA-256 hash in
// the page's Content-Security-Policy: any other script (or style) the page might come to hold,
// say from annex text that escaped escaping, would not run. Fonts are the reader's own: nothing
// is fetched.
import { createHash } from 'node:crypto';

export const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; color: #111; background: #fff; margin: 0 auto; max-width: 1180px; padding: 16px 24px 48px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 28px 0 8px; border-bottom: 2px solid #111; padding-bottom: 2px; }
h3 { font-size: 1.05em; margin: 18px 0 6px; }
p, dl { margin: 6px 0; }
a { color: #0b4f8a; }
.meta { color: #333; }
nav ol { columns: 2; margin: 4px 0; padding-left: 22px; }
table { border-collapse: collapse; margin: 6px 0 10px; width: 100%; }
th, td { border: 1px solid #999; padding: 3px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #eee; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; overflow-wrap: normal; }
th.num { white-space: normal; }
td.id { white-space: nowrap; overflow-wrap: normal; }
.wide { min-width: 12em; }
.mid { min-width: 8em; }
.scroll { overflow-x: auto; }
#overview-table { font-size: 13px; }
td, th, dd, li, blockquote, figcaption, .t { unicode-bidi: isolate; }
tfoot td { font-weight: 600; background: #f4f4f4; }
th button { all: unset; cursor: pointer; display: block; width: 100%; }
th button:focus-visible { outline: 2px solid #0b4f8a; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
.over { font-weight: 700; }
.over::after { content: " \\2716"; }
figure { margin: 10px 0; }
figcaption { font-size: 0.9em; color: #333; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; fill: #111; }
svg.chart text.small { font-size: 11px; }
svg.chart text.strong { font-weight: 700; }
svg.chart text.seg-label, svg.chart text.pt-label { font-weight: 700; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg.chart text.group-title { font-weight: 700; }
svg.chart line.grid { stroke: #ddd; stroke-width: 1; }
svg.defs { position: absolute; width: 0; height: 0; overflow: hidden; }
svg.swatch { vertical-align: -2px; margin-right: 4px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 2px 0 8px; padding: 0; list-style: none; font-size: 0.9em; }
.project { border-top: 1px solid #bbb; margin-top: 32px; }
.project h2 { border: none; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.sev { font-weight: 700; }
.sev-error { text-decoration: underline; text-decoration-thickness: 2px; }
.findings { list-style: none; padding: 0; }
.findings > li { border-left: 4px solid #111; padding: 4px 10px; margin: 8px 0; }
.findings > li.warning { border-left-style: dashed; }
.findings > li.info { border-left-style: dotted; }
.rule { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
blockquote { margin: 4px 0 4px 8px; padding: 3px 8px; border-left: 3px double #666; background: #f7f7f7; }
blockquote .where { display: block; font-size: 0.85em; color: #333; }
blockquote .cell + .cell::before { content: " \\2502 "; color: #777; }
.ints { list-style: none; padding: 0; }
.ints li::before { content: "\\2610  "; }
.ints li.on::before { content: "\\2611  "; }
.ints li.on { font-weight: 600; }
.top { font-size: 0.9em; }
.note { font-size: 0.9em; color: #333; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .top, .hint { display: none; }
  .project { break-before: page; border: none; margin-top: 0; }
  table, figure, blockquote, .findings > li { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
  a { color: inherit; text-decoration: none; }
  svg.chart { width: 100%; }
  #overview table { font-size: 8pt; }
  .scroll { overflow: visible; }
}
`;

/**
 * Sorts every table.sortable by the column whose heading is clicked (again: the other way).
 * A cell's data-v holds its sort key (a plain number for numeric columns); empty keys go last.
 * Plain DOM, no eval, no inline handlers, nothing written but row order and aria-sort.
 */
export const SCRIPT = `
(function () {
  "use strict";
  var lang = document.documentElement.lang || "it";
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    Array.prototype.forEach.call(body.rows, function (row, i) { row.setAttribute("data-i", String(i)); });
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var numeric = th.getAttribute("data-type") === "num";
        var sign = dir === "ascending" ? 1 : -1;
        var key = function (row) {
          var cell = row.cells[col];
          var v = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent.trim();
          return v === "" ? null : numeric ? Number(v) : v;
        };
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null || y === null) {
            if (x !== y) return x === null ? 1 : -1;
          } else {
            var c = numeric ? x - y : collator.compare(x, y);
            if (c !== 0) return sign * c;
          }
          return Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i"));
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Nothing may load (default-src 'none'); the one script and the one stylesheet run because their
 * hashes are listed; no <base>, no form. (frame-ancestors and sandbox are not allowed in a
 * <meta> policy, and would only log an error.)
 */
export const CSP = `default-src 'none'; script-src ${sha256(SCRIPT)}; style-src ${sha256(STYLE)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
