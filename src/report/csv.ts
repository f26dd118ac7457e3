/**
 * feature_scores.csv: one row per feature column in report order, then the target and prediction rows (every prediction column)
 * (the `role` column tells them apart). RFC 4180: CRLF line ends, fields quoted when they hold a comma,
 * quote, CR or LF, quotes doubled. Numbers keep full precision; non-finite ones are written "Infinity",
 * "-Infinity", "NaN" as in the JSON report (pandas and most tools read them as floats); null is an empty field.
 */
import { csvField as quoteCsvField } from '../data/index.js';
import type { ColumnDrift, DriftReport } from '../drift/index.js';
import { roleColumns } from './report-columns.js';

export const CSV_COLUMNS = [
  'name', 'role', 'kind', 'method', 'statistic', 'p_value', 'effect_method', 'effect_value', 'effect_threshold',
  'threshold', 'score', 'drifted',
] as const;

type CsvField = string | number | boolean | null;

/** One field, quoted only when RFC 4180 requires it. String() already spells non-finite numbers as the JSON report does. */
export function csvField(value: CsvField): string {
  return value === null ? '' : quoteCsvField(String(value));
}

function row(c: ColumnDrift): CsvField[] {
  const e = c.effect_size;
  return [
    c.name, c.role, c.kind, c.method, c.statistic, c.p_value,
    e?.method ?? null, e?.value ?? null, e?.threshold ?? null,
    c.threshold, c.score, c.drifted,
  ];
}

/** feature_scores.csv content. */
export function renderCsv(report: DriftReport): string {
  const columns = [...report.columns, ...roleColumns(report)];
  const lines = [CSV_COLUMNS.join(','), ...columns.map((c) => row(c).map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
