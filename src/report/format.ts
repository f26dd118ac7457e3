/** Number and label formatting shared by the terminal, HTML and PNG renderers (the JSON and CSV keep full precision). */
import type { ColumnDrift, DatasetDrift, DatasetSource } from '../drift/index.js';

function trimMantissa(s: string): string {
  // "3.20e-12" -> "3.2e-12", "1.000" -> "1"
  const [mantissa, exponent] = s.split('e');
  const m = mantissa!.includes('.') ? mantissa!.replace(/0+$/, '').replace(/\.$/, '') : mantissa!;
  return exponent === undefined ? m : `${m}e${exponent.replace(/^\+/, '')}`;
}

/** Non-finite values the way people read them: "inf", "-inf", "nan". */
function nonFinite(x: number): string {
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** A statistic with 4 significant digits; scientific notation for very large or very small magnitudes. */
export function formatStatistic(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e5 || abs < 1e-3) return trimMantissa(x.toExponential(2));
  return trimMantissa(x.toPrecision(4));
}

/** A measured value (mean, quantile, min/max): grouped digits from 1,000 up, else 4 significant digits. */
export function formatMeasure(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const abs = Math.abs(x);
  if (abs >= 1e3 && abs < 1e12) return `${x < 0 ? '-' : ''}${formatCount(abs)}`;
  return formatStatistic(x);
}

/** A p-value: 4 decimals, scientific notation below 1e-3 (where fixed decimals would all read 0); null as `missing`. */
export function formatPValue(p: number | null, missing = '-'): string {
  if (p === null) return missing;
  if (!Number.isFinite(p)) return nonFinite(p);
  if (p === 0) return '0';
  if (p < 1e-3) return trimMantissa(p.toExponential(1));
  return p.toFixed(4);
}

/** A drift score in [0, 1] with 3 decimals. */
export function formatScore(score: number): string {
  return Number.isFinite(score) ? score.toFixed(3) : nonFinite(score);
}

/** A share in [0, 1] as a percentage ("58%", or "0.6%" with digits 1). */
export function formatPercent(share: number, digits = 0): string {
  if (!Number.isFinite(share)) return nonFinite(share);
  return `${trimMantissa((share * 100).toFixed(digits))}%`;
}

/** An integer with thousands separators ("5,000"); independent of the machine's locale. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return nonFinite(n);
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "ks + wasserstein" when the preset requires the test and an effect size, "ks or psi" when either one
 * flags drift (combine 'or'), else the method alone.
 */
export function methodLabel(column: ColumnDrift): string {
  const e = column.effect_size;
  if (e === null) return column.method;
  return e.combine === 'or' ? `${column.method} or ${e.method}` : `${column.method} + ${e.method}`;
}

/** The comparison the dataset verdict rests on (drift when share >= threshold; the classic preset uses >). */
function shareComparison(share: number, threshold: number, drifted: boolean): string {
  if (drifted) return share > threshold ? '>' : '>=';
  return share < threshold ? '<' : '<=';
}

/** The numbers behind the dataset verdict, worded alike in every report: "4 of 8 columns drifted (50% >= 50%)". */
export function driftedShareSummary(d: DatasetDrift): string {
  const comparison = shareComparison(d.drifted_share, d.drift_share_threshold, d.dataset_drift);
  return `${d.drifted_columns} of ${d.columns_analyzed} columns drifted (${formatPercent(d.drifted_share)} ${comparison} ${formatPercent(d.drift_share_threshold)})`;
}

/** Where a dataset came from: its path, or a label for a table built in memory. */
export function sourcePath(s: DatasetSource): string {
  return s.path ?? '(in-memory table)';
}
