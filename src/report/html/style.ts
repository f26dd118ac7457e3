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
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace; background: #eef1f5; padding: 1px 4px; border-radius: 4px; word-break: break-all; }
.banner { padding: 10px 16px; border-radius: 8px; font-weight: 600; white-space: nowrap; }
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
table.fixed { table-layout: fixed; min-width: 760px; }
table.fixed th { overflow: hidden; text-overflow: ellipsis; }
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
@media print { body { background: #fff; } section.card, .kpi { box-shadow: none; break-inside: avoid; } details.dist { break-inside: avoid; } .toolbar { display: none; } }
`;
