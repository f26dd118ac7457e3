/** Data-quality changes between reference and current, as data and as messages for people. */
import type { ColumnQuality, NonNumericReport, QualityIssue } from './types.js';

/** An absolute rise in the missing share above this is an issue. */
export const MISSING_INCREASE = 0.05;
/**
 * More than this share of current values outside the reference range is an issue. Continuous data puts
 * about 2/(n + 1) of a same-distribution sample outside the range of n reference values, so a small share is
 * expected: a reference of fewer than 79 values raises the bar to twice that (see outOfRangeBar).
 */
export const OUT_OF_RANGE = 0.05;

/**
 * The out-of-range share above which a column of `nReference` reference values has an issue: OUT_OF_RANGE,
 * or twice the share expected with no change at all when that is higher. Three reference values span a
 * range that half of a same-distribution sample falls outside: such a column never had a range to leave.
 */
export function outOfRangeBar(nReference: number): number {
  return Math.max(OUT_OF_RANGE, 4 / (nReference + 1));
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** `referenceSizes[i]`: the non-missing reference values of `columns[i]` (for the out-of-range bar). */
export function qualityIssues(columns: readonly ColumnQuality[], allMissing: readonly { name: string; reason: string }[], referenceSizes: readonly number[]): QualityIssue[] {
  const issues: QualityIssue[] = [];
  for (const [i, q] of columns.entries()) {
    if (q.non_numeric_reference !== null) issues.push({ column: q.name, kind: 'non_numeric', message: nonNumericMessage(q.non_numeric_reference, 'the reference') });
    if (q.non_numeric_current !== null) issues.push({ column: q.name, kind: 'non_numeric', message: nonNumericMessage(q.non_numeric_current, 'current') });
    if (q.missing_share_change > MISSING_INCREASE) {
      issues.push({ column: q.name, kind: 'missing_increase', message: `missing values rose from ${pct(q.missing_share_reference)} to ${pct(q.missing_share_current)}` });
    }
    if (q.new_categories.length > 0) {
      const shown = q.new_categories.slice(0, 5).map((c) => `"${c}"`).join(', ');
      const more = q.new_categories.length > 5 ? ` and ${q.new_categories.length - 5} more` : '';
      issues.push({ column: q.name, kind: 'new_categories', message: `${q.new_categories.length} ${q.new_categories.length === 1 ? 'category' : 'categories'} not seen in the reference: ${shown}${more}` });
    }
    if (q.out_of_range_share !== null && q.out_of_range_share > outOfRangeBar(referenceSizes[i]!)) {
      issues.push({ column: q.name, kind: 'out_of_range', message: `${pct(q.out_of_range_share)} of current values are outside the reference range` });
    }
    if (q.constant_current && !q.constant_reference) {
      issues.push({ column: q.name, kind: 'constant', message: `constant in current (one value) but not in the reference` });
    } else if (q.constant_reference && !q.constant_current) {
      issues.push({ column: q.name, kind: 'constant', message: `constant in the reference (one value) but not in current` });
    }
  }
  for (const c of allMissing) issues.push({ column: c.name, kind: 'all_missing', message: `${c.reason}; not compared` });
  return issues;
}

/** `43 non-numeric values in current, first at line 12: 'oops'; left out like missing values`. */
export function nonNumericMessage(n: NonNumericReport, where: string): string {
  const shown = n.first_value.length > 40 ? `${n.first_value.slice(0, 37)}...` : n.first_value;
  const at = n.first_line !== null ? `line ${n.first_line}` : `row ${n.first_row}`;
  const what = n.count === 1 ? '1 non-numeric value' : `${n.count} non-numeric values`;
  return `${what} in ${where}, ${n.count === 1 ? '' : 'first '}at ${at}: '${shown}'; left out like missing values`;
}
