/** Number and label formatting shared by the terminal, HTML and PNG renderers (the JSON and CSV keep full precision). */
import type { ColumnDrift, DatasetDrift, DatasetSource, MethodName } from '../drift/index.js';

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

/** The numbers behind the dataset verdict, worded alike in every report: "1 of 8 columns drifted (12.5% < 50%)". */
export function driftedShareSummary(d: DatasetDrift): string {
  const comparison = shareComparison(d.drifted_share, d.drift_share_threshold, d.dataset_drift);
  return `${d.drifted_columns} of ${d.columns_analyzed} columns drifted (${formatPercent(d.drifted_share, 1)} ${comparison} ${formatPercent(d.drift_share_threshold, 1)})`;
}

/** Where a dataset came from: its path, or a label for a table built in memory. */
export function sourcePath(s: DatasetSource): string {
  return s.path ?? '(in-memory table)';
}

/** Short method names for narrow table cells (the JSON keeps the registry names). */
const SHORT_METHOD: Readonly<Record<MethodName, string>> = {
  ks: 'KS', wasserstein: 'Wass', wasserstein_raw: 'Wass', psi: 'PSI', jensenshannon: 'JS', hellinger: 'Hell', tvd: 'TVD',
  kl: 'KL', anderson: 'AD', cvm: 'CvM', energy: 'Energy', mannwhitney: 'MWU', ttest: 't', chi2: 'chi2',
  chisquare_gof: 'GoF', ztest: 'z', fisher: 'Fisher',
};

export function shortMethod(method: MethodName): string {
  return SHORT_METHOD[method];
}

/** 3 significant digits (effect sizes and thresholds beside each other). */
function formatShort(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e5 || abs < 1e-3) return trimMantissa(x.toExponential(1));
  return trimMantissa(x.toPrecision(3));
}

/** The distance that decided (or could decide) a verdict, against its threshold, or null for a test alone. */
export interface DecidingEffect {
  readonly method: MethodName;
  readonly value: number;
  readonly threshold: number;
  readonly exceeded: boolean;
}

/**
 * The effect size the verdict rests on beside the p-value: the preset's effect size when it has one, else
 * the statistic of a distance method; null for a test with no effect size (the p-value decides alone).
 */
export function decidingEffect(c: ColumnDrift): DecidingEffect | null {
  const e = c.effect_size;
  if (e !== null) return { method: e.method, value: e.value, threshold: e.threshold, exceeded: e.exceeded };
  if (c.score_kind === 'distance') return { method: c.method, value: c.statistic, threshold: c.threshold, exceeded: c.drifted };
  return null;
}

/** "JS 0.0641 < 0.1": the effect method, its value, and which side of the threshold it fell on. */
export function formatEffect(e: DecidingEffect): string {
  return `${shortMethod(e.method)} ${formatShort(e.value)} ${e.exceeded ? '>=' : '<'} ${formatShort(e.threshold)}`;
}
