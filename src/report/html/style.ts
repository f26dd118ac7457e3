import { FONT_FAMILY, PALETTE } from '../charts/index.js';

/** The report's stylesheet, inlined in <style>: system fonts, a restrained palette, print-friendly. */
export const HTML_STYLE = `
:root { --drift: ${PALETTE.drifted}; --stable: ${PALETTE.stable}; --text: ${PALETTE.text}; --muted: ${PALETTE.muted};
  --line: ${PALETTE.grid}; --bg: ${PALETTE.page}; --card: #ffffff; --accent: ${PALETTE.current}; --warn: ${PALETTE.warn}; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.5 ${FONT_FAMILY}; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 48px; }
header.top { display: flex; flex-wrap: wrap; align-items: flex-start; justify-content: space-between; gap: 16px; margin-bottom: 20px; }
h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 17px; margin: 0 0 12px; }
h3 { font-size: 14px; margin: 18px 0 8px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; }
.meta { color: var(--muted); font-size: 13px; margin: 0; }
.meta code { font-size: 12px; }
.meta.wide-note { margin-bottom: 8px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace; background: #eef1f5; padding: 1px 4px; border-radius: 4px; word-break: break-all; }
.banner { padding: 10px 16px; border-radius: 8px; font-weight: 600; max-width: 620px; }
.banner strong { display: block; font-size: 15px; }
.banner .clause { display: block; font-weight: 500; font-size: 13px; overflow-wrap: anywhere; }
.files a { font-weight: 600; }
.banner.drift { background: ${PALETTE.driftedTint}; color: ${PALETTE.driftedInk}; border: 1px solid ${PALETTE.driftedEdge}; }
.banner.ok { background: ${PALETTE.stableTint}; color: ${PALETTE.stableInk}; border: 1px solid ${PALETTE.stableEdge}; }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 0 0 18px; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin-bottom: 18px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.kpi .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; }
.kpi .value { font-size: 26px; font-weight: 700; margin-top: 2px; font-variant-numeric: tabular-nums; }
.kpi .value.drift { color: var(--drift); } .kpi .value.stable { color: var(--stable); } .kpi .value.warn { color: var(--warn); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 18px; }
.charts section.card { margin: 0; }
.chart svg { display: block; width: 100%; height: auto; }
.grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; margin-top: 18px; }
@media (max-width: 800px) { .grid-2 { grid-template-columns: 1fr; } }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; white-space: nowrap; background: #fafbfc; }
td.num, th.num { text-align: right; }
td.name { font-weight: 600; word-break: break-word; max-width: 340px; }
tbody tr:hover { background: #f8fafc; }
table.fixed { table-layout: fixed; min-width: 820px; }
table.fixed th { white-space: normal; padding: 7px 6px; }
table.fixed td { padding: 7px 6px; }
td.effect { white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th:hover { color: var(--text); }
table.sortable th::after { content: ' \\2195'; opacity: 0.35; }
table.sortable th[aria-sort='ascending']::after { content: ' \\2191'; opacity: 0.9; }
table.sortable th[aria-sort='descending']::after { content: ' \\2193'; opacity: 0.9; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.pill.drift { background: ${PALETTE.driftedTint}; color: ${PALETTE.driftedInk}; } .pill.stable { background: ${PALETTE.stableTint}; color: ${PALETTE.stableInk}; }
.score { display: inline-flex; align-items: center; gap: 8px; }
.score .bar { width: 48px; height: 6px; background: ${PALETTE.track}; border-radius: 3px; overflow: hidden; }
.score .bar span { display: block; height: 100%; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
details.dist { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; background: #fff; }
details.dist > summary { cursor: pointer; padding: 10px 14px; display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; list-style: none; }
details.dist > summary::-webkit-details-marker { display: none; }
details.dist > summary::before { content: '\\25B8'; color: var(--muted); transition: transform 0.15s; }
details.dist[open] > summary::before { transform: rotate(90deg); }
details.dist > summary .name { font-weight: 600; flex: 1 1 220px; min-width: 0; word-break: break-word; }
details.dist .body { padding: 0 14px 14px; display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; }
@media (max-width: 900px) { details.dist .body { grid-template-columns: 1fr; } }
.toolbar { display: flex; gap: 8px; margin-bottom: 8px; }
button { font: inherit; font-size: 12px; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--text); cursor: pointer; }
button:hover { background: #f1f4f8; }
ul.plain { margin: 0; padding-left: 18px; } ul.plain li { margin: 3px 0; }
.issue-kind { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--warn); font-weight: 700; margin-right: 6px; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.change { display: block; font-weight: 500; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
details.dist > summary .change { flex: 1 1 100%; padding-left: 18px; }
.spark { display: block; }
td.sparkcell { vertical-align: middle; }
.key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 2px; vertical-align: -1px; }
.key.ref { background: ${PALETTE.reference}; } .key.cur { background: ${PALETTE.current}; }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 10px 0 4px; }
.filters input[type=search] { font: inherit; padding: 5px 10px; border: 1px solid var(--line); border-radius: 6px; min-width: 0; flex: 0 1 260px; }
.filters label { font-size: 13px; cursor: pointer; user-select: none; }
[hidden] { display: none !important; }
.chart .variant { position: relative; }
.chart .variant.compact { display: none; }
.hover { position: absolute; display: flex; }
.hover span { flex: 1 1 0; position: relative; }
.hover span:hover { background: rgba(58, 111, 216, 0.08); }
.hover span:hover::after { content: attr(data-tip); position: absolute; bottom: 100%; left: 50%; transform: translateX(-50%); background: ${PALETTE.text}; color: #fff; font-size: 11px; padding: 3px 6px; border-radius: 4px; white-space: nowrap; z-index: 2; pointer-events: none; }
@media (max-width: 640px) {
  main { padding: 16px 12px 32px; }
  h1 { font-size: 20px; }
  .banner { max-width: 100%; width: 100%; }
  .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .kpi { padding: 10px 12px; } .kpi .value { font-size: 20px; }
  .charts { grid-template-columns: minmax(0, 1fr); }
  section.card { padding: 14px 12px; }
  .chart .variant.wide { display: none; }
  .chart .variant.compact { display: block; }
  .hover span:hover::after { white-space: normal; width: 160px; }
  table.cards, table.cards tbody { display: block; min-width: 0; }
  table.cards colgroup, table.cards thead { display: none; }
  table.cards tr { display: grid; grid-template-columns: 1fr 1fr; gap: 2px 12px; border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; margin: 0 0 8px; }
  table.cards td { display: flex; justify-content: space-between; gap: 12px; grid-column: 1 / -1; border: 0; padding: 2px 0; max-width: none; text-align: right; }
  table.cards td::before { color: var(--muted); font-size: 12px; text-align: left; }
  table.cards td.name { display: block; text-align: left; order: -1; font-size: 15px; }
  table.cards td:nth-child(8) { grid-column: 1; order: -2; justify-content: flex-start; }
  table.cards td:nth-child(9) { grid-column: 2; order: -2; justify-content: flex-end; }
  table.fixed.cards td:nth-child(2)::before { content: 'Kind'; } table.fixed.cards td:nth-child(3)::before { content: 'Distribution'; }
  table.fixed.cards td:nth-child(4)::before { content: 'Statistic'; } table.fixed.cards td:nth-child(5)::before { content: 'p-value'; }
  table.fixed.cards td:nth-child(6)::before { content: 'Effect size'; } table.fixed.cards td:nth-child(7)::before { content: 'Threshold'; }
  table.roles td:nth-child(2)::before { content: 'Role'; } table.roles td:nth-child(3)::before { content: 'Kind'; }
  table.roles td:nth-child(4)::before { content: 'Method'; } table.roles td:nth-child(5)::before { content: 'Statistic'; }
  table.roles td:nth-child(6)::before { content: 'p-value'; } table.roles td:nth-child(7)::before { content: 'Effect size'; }
  details.dist > summary { padding: 10px; }
  details.dist .body { padding: 0 10px 12px; }
}
@media print { body { background: #fff; } section.card, .kpi { box-shadow: none; break-inside: avoid; } details.dist { break-inside: avoid; } .toolbar { display: none; } }
`;
