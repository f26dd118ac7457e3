/**
 * The drift_summary.png picture as one SVG canvas: a header with the verdict, the KPI strip drawn as SVG
 * text, then the pie and the gauge on the left and the drift-score bars on the right, the charts rendered
 * by ECharts from the same specifications as the HTML report and nested at their places. A report with a model
 * section (analyze --model) gets a model panel under the KPIs: the performance verdict, the predictions' and the
 * confidence's drift, and the watched metric before and after (the full table is in the HTML report).
 */
import type { ColumnDrift, DatasetSource, DriftReport, ModelSection } from '../../drift/index.js';
import { columnsByScore, driftGaugeChart, driftPieChart, driftScoreBarChart, FONT_FAMILY, PALETTE, type ChartSpec } from '../charts/index.js';
import { alertHeadline } from '../alert-line.js';
import { alertOf } from '../report-columns.js';
import { driftedShareSummary, formatCount, formatPercent, formatScore, sourcePath } from '../format.js';
import { METRIC_LABELS, metricValue, modelTitle, performanceVerdict, signedValue } from '../model-text.js';
import { escapeHtml as esc } from '../html/escape.js';
import { renderChartSvg } from '../svg-chart.js';
import { truncate, truncateLeft } from '../text-layout.js';
import { estimateTextWidth } from '../text-metrics.js';

export const SUMMARY_WIDTH = 1200;
export const SUMMARY_HEIGHT = 800;
/** More bars than this would be too thin to read at this size; the PNG shows the highest scores. */
export const MAX_BARS = 20;

const CARD = '#ffffff';
const PAD = 24;

interface Box { readonly x: number; readonly y: number; readonly w: number; readonly h: number }

function card(b: Box): string {
  return `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="10" fill="${CARD}" stroke="${PALETTE.grid}"/>`;
}

function text(x: number, y: number, content: string, attrs: string): string {
  return `<text x="${x}" y="${y}" ${attrs}>${esc(content)}</text>`;
}

/** A chart rendered to SVG and placed in its card under a title. */
function chartCard(b: Box, title: string, spec: ChartSpec, id: string): string {
  const top = 40;
  const svg = renderChartSvg(spec, { width: b.w - 16, height: b.h - top - 8, idPrefix: id }).replace(/^<svg /, `<svg x="${b.x + 8}" y="${b.y + top}" `);
  return card(b) + text(b.x + 18, b.y + 28, title, `font-size="15" font-weight="bold" fill="${PALETTE.text}"`) + svg;
}

function header(report: DriftReport): string {
  const d = report.dataset;
  const verdict = alertHeadline(report);
  const detail = driftedShareSummary(d);
  const path = (s: DatasetSource): string => truncateLeft(sourcePath(s), 70);
  const banner = `${verdict} · ${detail}`;
  const bannerW = Math.ceil(estimateTextWidth(banner, 'bold 13px sans-serif')) + 32;
  const bx = SUMMARY_WIDTH - PAD - bannerW;
  const [fill, stroke, ink] = alertOf(report)
    ? [PALETTE.driftedTint, PALETTE.driftedEdge, PALETTE.driftedInk]
    : [PALETTE.stableTint, PALETTE.stableEdge, PALETTE.stableInk];
  return [
    text(PAD, 44, 'Drift summary', `font-size="26" font-weight="bold" fill="${PALETTE.text}"`),
    text(PAD, 68, `Reference ${path(report.reference)} (${formatCount(report.reference.rows)} rows)  ·  current ${path(report.current)} (${formatCount(report.current.rows)} rows)`, `font-size="12" fill="${PALETTE.muted}"`),
    `<rect x="${bx}" y="22" width="${bannerW}" height="34" rx="8" fill="${fill}" stroke="${stroke}"/>`,
    text(bx + bannerW / 2, 44, banner, `font-size="13" font-weight="bold" fill="${ink}" text-anchor="middle"`),
  ].join('\n');
}

function kpis(report: DriftReport, y: number, h: number): string {
  const d = report.dataset;
  const severity = d.severity === 'HIGH' ? PALETTE.drifted : d.severity === 'MEDIUM' ? PALETTE.warn : PALETTE.stable;
  const items: [string, string, string][] = [
    ['COLUMNS ANALYSED', String(d.columns_analyzed), PALETTE.text],
    ['DRIFTED COLUMNS', String(d.drifted_columns), d.drifted_columns > 0 ? PALETTE.drifted : PALETTE.stable],
    ['DRIFTED SHARE', formatPercent(d.drifted_share), d.dataset_drift ? PALETTE.drifted : PALETTE.stable],
    ['DRIFT THRESHOLD', formatPercent(d.drift_share_threshold), PALETTE.text],
    ['SEVERITY', d.severity, severity],
  ];
  const gap = 12;
  const w = (SUMMARY_WIDTH - 2 * PAD - gap * (items.length - 1)) / items.length;
  return items.map(([label, value, color], i) => {
    const x = PAD + i * (w + gap);
    return card({ x, y, w, h }) + text(x + 16, y + 26, label, `font-size="11" letter-spacing="0.6" fill="${PALETTE.muted}"`)
      + text(x + 16, y + 62, value, `font-size="30" font-weight="bold" fill="${color}"`);
  }).join('\n');
}

/** Height of the model panel. */
const MODEL_PANEL = 124;

/** The model panel: title and verdict, then predictions, confidence and the watched metric side by side. */
function modelPanel(m: ModelSection, y: number): string {
  const b: Box = { x: PAD, y, w: SUMMARY_WIDTH - 2 * PAD, h: MODEL_PANEL };
  const p = m.performance;
  const [verdict, ink] =
    p === null
      ? [m.notes[0] ?? 'No performance: the label is not in both inputs.', PALETTE.muted]
      : [performanceVerdict(p), p.alert ? PALETTE.driftedInk : p.drop === null ? PALETTE.muted : PALETTE.stableInk];
  const drift = (c: ColumnDrift): [string, string] => [`${c.drifted ? 'DRIFTED' : 'stable'} (score ${formatScore(c.score)})`, c.drifted ? PALETTE.drifted : PALETTE.stable];
  const items: [string, string, string][] = [[m.model.task === 'regression' ? 'PREDICTED VALUES' : 'PREDICTED CLASSES', ...drift(m.prediction_drift)]];
  const c = m.confidence;
  if (c !== null) {
    items.push(
      ['MEAN CONFIDENCE', `${metricValue(c.reference.mean)} → ${metricValue(c.current.mean)} (${signedValue(c.mean_change)})`, c.drift.drifted ? PALETTE.drifted : PALETTE.text],
      [`CONFIDENCE BELOW ${c.low_confidence_threshold}`, `${formatPercent(c.reference.low_confidence_share)} → ${formatPercent(c.current.low_confidence_share)} of rows`, PALETTE.text],
    );
  }
  if (p !== null) {
    items.push([
      `${METRIC_LABELS[p.metric].toUpperCase()} (WATCHED)`,
      `${metricValue(p.reference.metrics[p.metric])} → ${metricValue(p.current.metrics[p.metric])} (${signedValue(p.change[p.metric])})`,
      p.alert ? PALETTE.drifted : PALETTE.text,
    ]);
  }
  const colW = (b.w - 36) / items.length;
  return [
    card(b),
    text(b.x + 18, b.y + 28, truncate(`Model ${modelTitle(m)}`, 120), `font-size="15" font-weight="bold" fill="${PALETTE.text}"`),
    text(b.x + 18, b.y + 52, truncate(verdict, 130), `font-size="13" font-weight="bold" fill="${ink}"`),
    ...items.map(([label, value, color], i) => {
      const x = b.x + 18 + i * colW;
      // ~8 px a character at these sizes: each item keeps to its column.
      return (
        text(x, b.y + 82, truncate(label, Math.floor(colW / 7)), `font-size="11" letter-spacing="0.6" fill="${PALETTE.muted}"`) +
        text(x, b.y + 106, truncate(value, Math.floor(colW / 8.5)), `font-size="14" font-weight="bold" fill="${color}"`)
      );
    }),
  ].join('\n');
}

/** The whole summary as an SVG document. */
export function summarySvg(report: DriftReport): string {
  const model = report.model ?? null;
  const top = model === null ? 172 : 172 + MODEL_PANEL + 16;
  const leftW = 380;
  const bottom = SUMMARY_HEIGHT - PAD;
  const half = (bottom - top - 16) / 2;
  const shown = columnsByScore(report.columns).slice(0, MAX_BARS);
  const barsTitle = report.columns.length > MAX_BARS ? `Drift score by feature (top ${MAX_BARS} of ${report.columns.length})` : 'Drift score by feature';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SUMMARY_WIDTH}" height="${SUMMARY_HEIGHT}" viewBox="0 0 ${SUMMARY_WIDTH} ${SUMMARY_HEIGHT}" font-family="${esc(FONT_FAMILY)}">
<rect width="100%" height="100%" fill="${PALETTE.page}"/>
${header(report)}
${kpis(report, 86, 72)}
${model === null ? '' : modelPanel(model, 172)}
${chartCard({ x: PAD, y: top, w: leftW, h: half }, 'Drifted vs stable columns', driftPieChart(report), 'pie')}
${chartCard({ x: PAD, y: top + half + 16, w: leftW, h: half }, 'Drifted share vs threshold', driftGaugeChart(report), 'gauge')}
${chartCard({ x: PAD + leftW + 16, y: top, w: SUMMARY_WIDTH - 2 * PAD - leftW - 16, h: bottom - top }, truncate(barsTitle, 80), driftScoreBarChart({ ...report, columns: shown }), 'scores')}
${text(SUMMARY_WIDTH - PAD, SUMMARY_HEIGHT - 8, `Driftwatch ${report.driftwatch_version} · ${report.generated_at}`, `font-size="10" fill="${PALETTE.muted}" text-anchor="end"`)}
</svg>
`;
}
