/**
 * One plain line of what changed in a column, for people: "mean 64.8 → 80.7, +0.53 sd" for a numeric
 * column, "Month-to-month 54.5% → 72.2%" for the category whose share moved most ("value 1: 25% → 75%"
 * for a number of few values),
 * and the missing share when it moved by 5 points or more. Pure and locale-independent, so every report
 * (terminal, JSON, HTML) says the same words.
 */
import type { HistogramData, SampleSummary } from '../types.js';

/** A missing-share move at least this large is worth its own clause. */
const MISSING_CHANGE_SHOWN = 0.05;
const MAX_LABEL = 40;

/** 3 significant digits; grouped integers from 1,000 up; scientific outside [1e-3, 1e12). */
export function formatChangeValue(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e12 || abs < 1e-3) return x.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  if (abs >= 1e3) return `${x < 0 ? '-' : ''}${String(Math.round(abs)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  const s = x.toPrecision(3);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A share as a percentage with one decimal: "54.5%". */
export function formatChangeShare(share: number): string {
  return `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

function label(s: string): string {
  return s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s;
}

/**
 * The bin whose share moved most; ties go to the one rarer in the reference (the "positive" class of a
 * label). Only that bin's label is made (`labelOf`): formatting every bin's cost more than the search.
 */
function biggestMove(count: number, labelOf: (i: number) => string, ref: readonly number[], cur: readonly number[]): string | null {
  let best = -1;
  for (let i = 0; i < count; i++) {
    if (best < 0) { best = i; continue; }
    const d = Math.abs(cur[i]! - ref[i]!);
    const bestD = Math.abs(cur[best]! - ref[best]!);
    if (d > bestD + 1e-12 || (Math.abs(d - bestD) <= 1e-12 && ref[i]! < ref[best]!)) best = i;
  }
  if (best < 0) return null;
  return `${label(labelOf(best))} ${formatChangeShare(ref[best]!)} → ${formatChangeShare(cur[best]!)}`;
}

function meanMove(ref: SampleSummary, cur: SampleSummary): string | null {
  if (ref.type !== 'numeric' || cur.type !== 'numeric' || ref.mean === null || cur.mean === null) return null;
  const base = `mean ${formatChangeValue(ref.mean)} → ${formatChangeValue(cur.mean)}`;
  if (ref.std === null || !(ref.std > 0)) return base;
  const sd = (cur.mean - ref.mean) / ref.std;
  return `${base}, ${sd >= 0 ? '+' : '-'}${Math.abs(sd).toFixed(2)} sd`;
}

/** What changed between the two samples of a column, in one line; null when there is nothing to compare. */
export function describeChange(summary: { readonly reference: SampleSummary; readonly current: SampleSummary }, histogram: HistogramData): string | null {
  const { reference: ref, current: cur } = summary;
  let main: string | null;
  if (histogram.type === 'categorical') {
    const categories = histogram.categories;
    main = biggestMove(categories.length, (i) => categories[i]!, histogram.reference, histogram.current);
  } else if (histogram.values !== undefined && histogram.values !== null) {
    // "value 1: 25% → 75%": a bare number beside a percentage would read as one more figure.
    const values = histogram.values;
    main = biggestMove(values.length, (i) => `value ${formatChangeValue(values[i]!)}:`, histogram.reference, histogram.current);
  }
  else main = meanMove(ref, cur);
  const missing = cur.missing_share - ref.missing_share;
  const missingClause = Math.abs(missing) >= MISSING_CHANGE_SHOWN ? `missing ${formatChangeShare(ref.missing_share)} → ${formatChangeShare(cur.missing_share)}` : null;
  const parts = [main, missingClause].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : parts.join('; ');
}
