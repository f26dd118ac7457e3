/**
 * Verdicts and the drift score. The score maps every method onto [0, 1] with its threshold at 0.5, so that
 * columns judged by different methods can be ranked together (docs/drift-score.md):
 * p-values: ln(p) / (ln(p) + ln(t)); distances: d / (d + t).
 */
import type { MethodSpec } from './presets/types.js';

/** The number a spec compares with its threshold: the p-value, or the statistic for distances. */
export function specValue(spec: MethodSpec, statistic: number, pValue: number | null): number {
  if (spec.scoreKind === 'distance') return statistic;
  // A p-value spec is only built for methods that return one; a missing p-value is no evidence.
  return pValue ?? 1;
}

export function flags(spec: MethodSpec, value: number): boolean {
  if (spec.scoreKind === 'p_value') return spec.inclusive ? value <= spec.threshold : value < spec.threshold;
  return spec.inclusive ? value >= spec.threshold : value > spec.threshold;
}

export function driftScore(spec: MethodSpec, value: number): number {
  const t = spec.threshold;
  if (spec.scoreKind === 'p_value') {
    if (!(value < 1)) return 0;
    if (value <= 0) return 1;
    const lp = Math.log(value);
    return lp / (lp + Math.log(t));
  }
  if (!(value > 0)) return 0;
  if (value === Infinity) return 1;
  return value / (value + t);
}
