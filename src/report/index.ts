/** Renderers of a DriftReport: terminal, JSON, CSV, self-contained HTML, PNG, and the writer of report files. */
export { OUTPUT_FORMATS, REPORT_FILE_NAMES, type OutputFormat, type TerminalOptions } from './types.js';
export { renderTerminal } from './terminal.js';
export { METRIC_LABELS, performanceVerdict } from './model-text.js';
export { alertClauses, alertHeadline, alertLine, alertReasons } from './alert-line.js';
export { renderJson, renderJsonBytes, reviveReport, jsonNumber, type JsonValue } from './json.js';
export { renderCsv, CSV_COLUMNS } from './csv.js';
export { renderHtml } from './html.js';
export { renderPng } from './png.js';
export { preloadRenderers, writeReports } from './write-reports.js';
