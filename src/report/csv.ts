/**
 * feature_scores.csv: one row per feature column in report order, then the target and prediction rows (every prediction column)
 * (the `role` column tells them apart). A report with a model section (analyze --model) adds its rows — the
 * model's predictions and confidence as the drift engine judged them (`model_prediction`, `model_confidence`),
 * the confidence's mean and low-confidence share, and every performance metric (`model_performance`) — and three
 * columns for them, `reference_value`, `current_value` and `change`; a report without one keeps the twelve. RFC 4180: CRLF line ends, fields quoted when they hold a comma,
 * quote, CR or LF, quotes doubled. Numbers keep full precision; non-finite ones are written "Infinity",
 * "-Infinity", "NaN" as in the JSON report (pandas and most tools read them as floats); null is an empty field.
 */
import { csvField as quoteCsvField } from '../data/index.js';
import type { ColumnDrift, DriftReport, ModelSection, PerformanceMetric } from '../drift/index.js';
import { roleColumns } from './report-columns.js';

export const CSV_COLUMNS = [
  'name', 'role', 'kind', 'method', 'statistic', 'p_value', 'effect_method', 'effect_value', 'effect_threshold',
  'threshold', 'score', 'drifted',
] as const;

/** Appended when the report has a model section. */
export const CSV_MODEL_COLUMNS = ['reference_value', 'current_value', 'change'] as const;

type CsvField = string | number | boolean | null;

/**
 * One field, quoted only when RFC 4180 requires it. String() already spells non-finite numbers as the JSON
 * report does; a number or a boolean never needs quotes, so only text is looked at (a 100,000-column report
 * has 1.2 million fields).
 */
export function csvField(value: CsvField): string {
  if (value === null) return '';
  return typeof value === 'string' ? quoteCsvField(value) : String(value);
}

function row(c: ColumnDrift, role: string = c.role): CsvField[] {
  const e = c.effect_size;
  return [
    c.name, role, c.kind, c.method, c.statistic, c.p_value,
    e?.method ?? null, e?.value ?? null, e?.threshold ?? null,
    c.threshold, c.score, c.drifted,
  ];
}

/** feature_scores.csv content. */
export function renderCsv(report: DriftReport): string {
  const columns = [...report.columns, ...roleColumns(report)];
  const model = report.model ?? null;
  const header = model === null ? [...CSV_COLUMNS] : [...CSV_COLUMNS, ...CSV_MODEL_COLUMNS];
  // The data's rows leave the model's three columns empty.
  const pad = model === null ? '' : ',,,';
  const lines = [header.join(',')];
  for (const c of columns) lines.push(`${row(c).map(csvField).join(',')}${pad}`);
  if (model !== null) for (const r of modelRows(model)) lines.push(r.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A row of the model section that is not a drift result: a value on each side and its change. */
function valueRow(name: string, role: string, reference: number | null, current: number | null, change: number | null, verdict?: { threshold: number; score: number | null; alert: boolean | null }): CsvField[] {
  return [name, role, null, null, null, null, null, null, null, verdict?.threshold ?? null, verdict?.score ?? null, verdict?.alert ?? null, reference, current, change];
}

function modelRows(m: ModelSection): CsvField[][] {
  const rows: CsvField[][] = [[...row(m.prediction_drift, 'model_prediction'), null, null, null]];
  const c = m.confidence;
  if (c !== null) {
    rows.push(
      [...row(c.drift, 'model_confidence'), c.reference.mean, c.current.mean, c.mean_change],
      // Its threshold is the probability below which a row counts as low confidence; it raises no alert.
      valueRow('low_confidence_share', 'model_confidence', c.reference.low_confidence_share, c.current.low_confidence_share, c.low_confidence_share_change, {
        threshold: c.low_confidence_threshold,
        score: null,
        alert: null,
      }),
    );
  }
  const p = m.performance;
  if (p !== null) {
    for (const metric of Object.keys(p.reference.metrics) as PerformanceMetric[]) {
      const watched = metric === p.metric;
      rows.push(
        valueRow(metric, 'model_performance', p.reference.metrics[metric] ?? null, p.current.metrics[metric] ?? null, p.change[metric] ?? null,
          // The watched metric: threshold = the largest drop allowed, score = the drop, drifted = the alert.
          watched ? { threshold: p.max_drop, score: p.drop, alert: p.alert } : undefined),
      );
    }
  }
  return rows;
}
