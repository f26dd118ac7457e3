/**
 * The compact terminal summary: header, dataset verdict, a table of columns by drift score with the effect
 * size that decided each verdict, what changed in each drifted column, target and prediction drift, the
 * first quality issues, excluded columns, schema changes and the alert line.
 * Colour only when asked (the CLI passes isTTY), so piped output and golden files stay plain text.
 */
import pc from 'picocolors';
import type { ColumnDrift, DatasetSource, DriftReport, Severity } from '../drift/index.js';
import { columnsByScore, columnsDriftedFirst } from './charts/index.js';
import { alertLine } from './alert-line.js';
import { decidingEffect, formatCount, formatEffect, formatPercent, formatPValue, formatScore, formatStatistic, methodLabel, sourcePath } from './format.js';
import { HTML_MAX_FEATURES, HTML_MAX_ISSUES } from './limits.js';
import { METRIC_LABELS, metricValue, modelTitle, performanceVerdict, signedValue } from './model-text.js';
import { alertOf, changeOf, predictionColumns, roleColumns } from './report-columns.js';
import { padEnd, padStart, sanitizeForTerminal, truncate, truncateLeft } from './text-layout.js';
import { REPORT_FILE_NAMES, type OutputFormat, type TerminalOptions } from './types.js';

/** The performance headline, for the CLI's alert line (it loads this module, not the whole report folder). */
export { performanceVerdict } from './model-text.js';

type Colors = ReturnType<typeof pc.createColors>;

const DEFAULT_WIDTH = 100;
const MAX_ISSUES = 3;
const MAX_CHANGES = 10;

/**
 * The column table lists every column up to this many (a screen or two); past it, the first TABLE_TOP_ROWS
 * and a line saying how many more there are. A file 100,000 columns wide printed 100,000 rows (10 MB) that
 * no one reads and that scrolled the rest of the summary away. The gap between the two numbers keeps a
 * table from ending in "... 1 more".
 */
const TABLE_ALL_ROWS_MAX = 60;
const TABLE_TOP_ROWS = 50;

/** Fixed-width table columns; the name column takes what is left of the width. */
const COLS = { kind: 11, method: 13, pValue: 9, effect: 18, score: 5, status: 7 } as const;
const GAP = '  ';
const FIXED = Object.values(COLS).reduce((s, w) => s + w, 0) + GAP.length * Object.keys(COLS).length;

function sourceLine(label: string, s: DatasetSource, width: number): string {
  const rows = ` (${formatCount(s.rows)} rows)`;
  const prefix = `  ${padEnd(label, 10)} `;
  return prefix + truncateLeft(sanitizeForTerminal(sourcePath(s)), Math.max(8, width - prefix.length - rows.length)) + rows;
}

function severityText(severity: Severity, c: Colors): string {
  const paint = severity === 'HIGH' ? c.red : severity === 'MEDIUM' ? c.yellow : c.green;
  return c.bold(paint(severity));
}

function status(drifted: boolean, c: Colors): string {
  return drifted ? c.bold(c.red('DRIFTED')) : c.green('stable');
}

/**
 * The line under a table cut short: how many columns are left out, how many of them drifted, and where they
 * are — the data files written with this summary when the caller says which, the JSON and CSV reports otherwise.
 */
function moreColumnsLine(left: readonly ColumnDrift[], formats: readonly OutputFormat[] | undefined, c: Colors): string {
  const drifted = left.reduce((n, col) => n + (col.drifted ? 1 : 0), 0);
  const more = `  ... ${formatCount(left.length)} more columns (${formatCount(drifted)} drifted)`;
  if (formats === undefined) return c.dim(`${more} in the JSON and CSV reports`);
  const files = (['json', 'csv'] as const).filter((f) => formats.includes(f)).map((f) => REPORT_FILE_NAMES[f]);
  return c.dim(files.length === 0 ? `${more}; the JSON and CSV reports list every column` : `${more} in ${files.join(' and ')}`);
}

function tableLines(columns: readonly ColumnDrift[], width: number, c: Colors, formats: readonly OutputFormat[] | undefined): string[] {
  const nameWidth = Math.max(12, width - FIXED);
  const header = [
    padEnd('column', nameWidth), padEnd('kind', COLS.kind), padEnd('test', COLS.method),
    padStart('p-value', COLS.pValue), padEnd('effect size', COLS.effect), padStart('score', COLS.score), padEnd('status', COLS.status),
  ].join(GAP);
  const rule = [nameWidth, ...Object.values(COLS)].map((w) => '-'.repeat(w)).join(GAP);
  // Cut short, drifted columns come first so that none is hidden behind a stable one with a higher score.
  const cut = columns.length > TABLE_ALL_ROWS_MAX;
  const ordered = cut ? columnsDriftedFirst(columns) : columnsByScore(columns);
  const rows = ordered.slice(0, cut ? TABLE_TOP_ROWS : ordered.length).map((col) => [
    padEnd(truncate(sanitizeForTerminal(col.name), nameWidth), nameWidth),
    padEnd(truncate(col.kind, COLS.kind), COLS.kind),
    padEnd(truncate(col.method, COLS.method), COLS.method),
    padStart(formatPValue(col.p_value), COLS.pValue),
    padEnd(truncate(effectText(col), COLS.effect), COLS.effect),
    padStart(formatScore(col.score), COLS.score),
    status(col.drifted, c),
  ].join(GAP).trimEnd());
  const more = cut ? [moreColumnsLine(ordered.slice(TABLE_TOP_ROWS), formats, c)] : [];
  return [c.dim(header.trimEnd()), c.dim(rule), ...rows, ...more];
}

function effectText(col: ColumnDrift): string {
  const e = decidingEffect(col);
  return e === null ? '-' : formatEffect(e);
}

/** Where a list the summary cuts short is whole: the HTML report lists up to `htmlMax` of its `count` items. */
function listedIn(count: number, htmlMax: number): string {
  return count > htmlMax ? 'the JSON report' : 'the HTML and JSON reports';
}

/** One line per drifted column (target and predictions first) of what changed. */
function changeLines(report: DriftReport, width: number, c: Colors): string[] {
  // Filtered before the sort: a wide report has 100,000 columns and few of them drifted.
  const features = report.columns.filter((col) => col.drifted);
  const drifted = [...roleColumns(report).filter((col) => col.drifted), ...columnsByScore(features)];
  const lines: string[] = [];
  for (const col of drifted.slice(0, MAX_CHANGES)) {
    const change = changeOf(col);
    if (change === null) continue;
    const role = col.role === 'feature' ? '' : ` (${col.role})`;
    lines.push(truncate(sanitizeForTerminal(`  ${col.name}${role}: ${change}`), width));
  }
  if (lines.length === 0) return [];
  // The HTML report lists up to HTML_MAX_FEATURES features (drifted first), and the target and predictions.
  if (drifted.length > MAX_CHANGES) lines.push(c.dim(`  ... ${drifted.length - MAX_CHANGES} more in ${listedIn(features.length, HTML_MAX_FEATURES)}`));
  return ['', c.bold('What changed'), ...lines];
}

function roleLine(label: string, col: ColumnDrift | null, width: number, c: Colors): string | null {
  if (col === null) return null;
  const prefix = `${padEnd(label, 12)}`;
  const e = decidingEffect(col);
  const effect = e === null ? '' : ` effect ${formatEffect(e)}`;
  const detail = ` (${col.kind}): ${col.method} p=${formatPValue(col.p_value)}${effect} score=${formatScore(col.score)} `;
  const budget = Math.max(8, width - prefix.length - detail.length - 'DRIFTED'.length);
  return `${prefix}${truncate(sanitizeForTerminal(col.name), budget)}${detail}${status(col.drifted, c)}`;
}

function listLine(label: string, items: readonly string[], width: number): string | null {
  if (items.length === 0) return null;
  return truncate(`${label} (${items.length}): ${items.map(sanitizeForTerminal).join(', ')}`, width);
}

function schemaLine(report: DriftReport, width: number): string | null {
  const { missing_in_current: missing, extra_in_current: extra, type_changes: changes } = report.schema;
  const parts = [
    missing.length > 0 ? `missing in current: ${missing.join(', ')}` : null,
    extra.length > 0 ? `new in current: ${extra.join(', ')}` : null,
    changes.length > 0 ? `type changed: ${changes.map((t) => `${t.name} (${t.reference} -> ${t.current})`).join(', ')}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : truncate(sanitizeForTerminal(`Schema changes: ${parts.join('; ')}`), width);
}

/** The alert line, wrapped at its "; " clauses to the width (a clause longer than the width is cut). */
function verdictLines(report: DriftReport, width: number, c: Colors): string[] {
  const clauses = sanitizeForTerminal(alertLine(report)).split('; ');
  const lines: string[] = [];
  let line = '';
  for (const clause of clauses) {
    const next = line === '' ? clause : `${line}; ${clause}`;
    if (line !== '' && [...next].length > width) {
      lines.push(`${line};`);
      line = `  ${clause}`;
    } else line = next;
  }
  lines.push(line);
  const paint = alertOf(report) ? (s: string): string => c.bold(c.red(s)) : c.green;
  return lines.map((l) => paint(truncate(l, width)));
}

/** The report's one alert line (alert-line.ts) with control characters neutralised, for a caller that prints it itself. */
export function terminalAlertLine(report: DriftReport): string {
  return sanitizeForTerminal(alertLine(report));
}

/** The model block: prediction and confidence drift, confidence, performance before and after. */
function modelLines(report: DriftReport, width: number, c: Colors): (string | null)[] {
  const m = report.model;
  if (m === undefined || m === null) return [];
  const drift = (label: string, col: ColumnDrift): string =>
    truncate(`  ${padEnd(label, 12)}${methodLabel(col)} stat=${formatStatistic(col.statistic)} p=${formatPValue(col.p_value)} score=${formatScore(col.score)} `, width - 'DRIFTED'.length) +
    status(col.drifted, c);
  const lines: (string | null)[] = ['', c.bold(truncate(sanitizeForTerminal(`Model ${modelTitle(m)}`), width))];
  lines.push(drift(m.model.task === 'regression' ? 'predictions' : 'classes', m.prediction_drift));
  const conf = m.confidence;
  if (conf !== null) {
    lines.push(drift('confidence', conf.drift));
    lines.push(
      truncate(
        `  ${padEnd('', 12)}mean ${metricValue(conf.reference.mean)} -> ${metricValue(conf.current.mean)} (${signedValue(conf.mean_change)}), ` +
          `below ${conf.low_confidence_threshold}: ${formatPercent(conf.reference.low_confidence_share)} -> ${formatPercent(conf.current.low_confidence_share)}`,
        width,
      ),
    );
  }
  const p = m.performance;
  if (p !== null) {
    lines.push(truncate(sanitizeForTerminal(`  performance on "${p.label}" (${formatCount(p.reference.n_samples)} -> ${formatCount(p.current.n_samples)} labelled rows):`), width));
    for (const k of Object.keys(p.reference.metrics) as (keyof typeof METRIC_LABELS)[]) {
      const mark = k === p.metric ? ' (watched)' : '';
      lines.push(`    ${padEnd(METRIC_LABELS[k], 18)}${metricValue(p.reference.metrics[k])} -> ${metricValue(p.current.metrics[k])} (${signedValue(p.change[k])})${mark}`);
    }
  }
  for (const note of m.notes) lines.push(c.dim(truncate(sanitizeForTerminal(`  note: ${note}`), width)));
  return lines;
}

function performanceVerdictLine(report: DriftReport, c: Colors): string | null {
  const p = report.model?.performance;
  if (p === undefined || p === null) return null;
  return p.alert ? c.bold(c.red(performanceVerdict(p))) : c.green(performanceVerdict(p));
}

/** The compact terminal summary (plain text unless options.color). */
export function renderTerminal(report: DriftReport, options: TerminalOptions = {}): string {
  const width = Math.max(60, options.width ?? DEFAULT_WIDTH);
  const c = pc.createColors(options.color ?? false);
  const d = report.dataset;
  const lines: (string | null)[] = [
    c.bold(truncate(`Driftwatch drift report - preset ${report.preset}, correction ${report.correction}, ${report.generated_at}`, width)),
    sourceLine('reference', report.reference, width),
    sourceLine('current', report.current, width),
    '',
    `Dataset: ${formatCount(d.columns_analyzed)} columns analysed, ${formatCount(d.drifted_columns)} drifted, share ${formatPercent(d.drifted_share, 1)} (threshold ${formatPercent(d.drift_share_threshold, 1)}), severity ${severityText(d.severity, c)}`,
    '',
    ...tableLines(report.columns, width, c, options.formats),
    ...changeLines(report, width, c),
    '',
    roleLine('Target', report.target_drift, width, c),
    ...predictionColumns(report).map((col) => roleLine('Prediction', col, width, c)),
    ...modelLines(report, width, c),
  ];
  const issues = report.quality.issues;
  if (issues.length > 0) {
    lines.push('', c.bold(`Quality issues (${formatCount(issues.length)})`));
    for (const i of issues.slice(0, MAX_ISSUES)) lines.push(truncate(sanitizeForTerminal(`  - ${i.column}: ${i.message}`), width));
    if (issues.length > MAX_ISSUES) lines.push(c.dim(`  ... ${issues.length - MAX_ISSUES} more in ${listedIn(issues.length, HTML_MAX_ISSUES)}`));
  }
  lines.push(listLine('Excluded', report.excluded.map((e) => e.name), width), schemaLine(report, width));
  // The CLI prints the alert line itself, last, after the list of files written (one line, not two).
  if (options.alertLine !== false) lines.push('', ...verdictLines(report, width, c));
  const performanceLine = performanceVerdictLine(report, c);
  if (performanceLine !== null) lines.push(performanceLine);
  // Sections that print nothing leave their blank separators behind: one blank line between sections, never two.
  const kept = lines.filter((l): l is string => l !== null).filter((l, i, all) => !(l === '' && i > 0 && all[i - 1] === ''));
  return `${kept.join('\n')}\n`;
}
