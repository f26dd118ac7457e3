/** One column compared: prepared once, judged by the selected method(s), summarised for the report. */
import { DriftwatchError } from '../core/index.js';
import { getMethod } from './methods/registry.js';
import type { MethodResult } from './methods/types.js';
import type { NormalizedOptions } from './normalize-options.js';
import type { PlannedColumn } from './plan-columns.js';
import type { ColumnPair } from './prepare/column-pair.js';
import { prepareCategorical, prepareNumeric } from './prepare/extract.js';
import type { ColumnFacts, MethodSpec, PresetChoice } from './presets/types.js';
import { driftScore, flags, specValue } from './score.js';
import { selectMethod } from './select-method.js';
import { categoricalSummary } from './summary/categorical-summary.js';
import { describeChange } from './summary/change-summary.js';
import { categoricalHistogram, numericHistogram } from './summary/histogram.js';
import { numericSummary } from './summary/numeric-summary.js';
import type { NonNumericValues } from '../data/index.js';
import type { ColumnDrift, ColumnQuality, EffectSize, HistogramData, NonNumericReport, SampleSummary } from './types.js';

/** A compared column before the multiple-testing correction settles its verdict. */
export interface ColumnOutcome {
  readonly planned: PlannedColumn;
  readonly choice: PresetChoice;
  readonly test: MethodResult;
  readonly effect: MethodResult | null;
  readonly facts: ColumnFacts;
  readonly summary: { readonly reference: SampleSummary; readonly current: SampleSummary };
  readonly histogram: HistogramData;
  readonly newCategories: readonly string[];
  readonly vanishedCategories: readonly string[];
  readonly quality: ColumnQuality;
  /** Rows with +-Infinity dropped (reference + current), for the notes. */
  readonly infinite: number;
}

export type ColumnAnalysis = { readonly ok: true; readonly outcome: ColumnOutcome } | { readonly ok: false; readonly reason: string; readonly allMissing: boolean };

/** Every reference value distinct over at least this many rows makes a categorical column identifier-like. */
const ID_LIKE_MIN_ROWS = 20;

export function analyzeColumn(p: PlannedColumn, o: NormalizedOptions): ColumnAnalysis {
  let pair: ColumnPair;
  let summary: ColumnOutcome['summary'];
  let histogram: HistogramData;
  let newCategories: string[] = [];
  let vanishedCategories: string[] = [];
  let outOfRange: number | null = null;
  let infinite = 0;
  if (p.analysis === 'numeric') {
    if (p.ref.storage !== 'numeric' || p.cur.storage !== 'numeric') throw new DriftwatchError('INTERNAL', `column "${p.name}" was planned as numeric without numeric storage`);
    // The sorted samples are pooled: nothing derived from them below keeps a reference to them.
    const prep = prepareNumeric(p.ref, p.cur, { reuse: true, reference: o.referencePreparation });
    pair = prep.pair;
    const empty = emptySide(pair.ref.length, pair.cur.length);
    if (empty !== null) return { ok: false, reason: empty, allMissing: true };
    infinite = prep.ref.infinite + prep.cur.infinite;
    // Values that are not numbers were stored as NaN; they are counted apart from the missing ones.
    const otherRef = p.nonNumeric?.reference?.count ?? 0;
    const otherCur = p.nonNumeric?.current?.count ?? 0;
    summary = {
      reference: numericSummary(pair.ref, prep.ref.missing - otherRef + prep.ref.infinite, pair.refMoments(), otherRef),
      current: numericSummary(pair.cur, prep.cur.missing - otherCur + prep.cur.infinite, undefined, otherCur),
    };
    histogram = numericHistogram(pair.ref, pair.cur, pair.nUniqueBoth);
    outOfRange = outOfRangeShare(pair.ref, pair.cur);
  } else {
    if (p.ref.storage !== 'categorical' || p.cur.storage !== 'categorical') throw new DriftwatchError('INTERNAL', `column "${p.name}" was planned as categorical without categorical storage`);
    const prep = prepareCategorical(p.ref, p.cur, o.referencePreparation);
    const cp = prep.pair;
    pair = cp;
    const c = cp.counts();
    const empty = emptySide(c.nRef, c.nCur);
    if (empty !== null) return { ok: false, reason: empty, allMissing: true };
    if (p.role === 'feature' && p.reportKind !== 'boolean' && c.nRef >= ID_LIKE_MIN_ROWS && cp.nUniqueRef === c.nRef) {
      return { ok: false, reason: 'identifier-like: every reference value is distinct', allMissing: false };
    }
    summary = { reference: categoricalSummary(cp.labels, c.ref, prep.missingRef), current: categoricalSummary(cp.labels, c.cur, prep.missingCur) };
    histogram = categoricalHistogram(cp.labels, c.ref, c.cur, c.nRef, c.nCur);
    newCategories = cp.labels.filter((_, i) => c.ref[i] === 0);
    vanishedCategories = cp.labels.filter((_, i) => c.cur[i] === 0);
  }
  const counts = pair.kind === 'numeric' ? { nRef: pair.ref.length, nCur: pair.cur.length } : pair.counts();
  const facts: ColumnFacts = {
    name: p.name,
    role: p.role,
    kind: p.analysis,
    nReference: counts.nRef,
    nCurrent: counts.nCur,
    nUnique: pair.nUniqueBoth,
    nUniqueReference: pair.nUniqueRef,
  };
  const choice = selectMethod(facts, o);
  const test = run(choice.test, pair, o);
  const effect = choice.effect === undefined ? null : run(choice.effect, pair, o);
  const quality: ColumnQuality = {
    name: p.name,
    missing_share_reference: summary.reference.missing_share,
    missing_share_current: summary.current.missing_share,
    missing_share_change: summary.current.missing_share - summary.reference.missing_share,
    out_of_range_share: outOfRange,
    new_categories: newCategories,
    constant_reference: pair.nUniqueRef <= 1,
    constant_current: constantCurrent(pair),
    non_numeric_reference: nonNumericReport(p.nonNumeric?.reference ?? null),
    non_numeric_current: nonNumericReport(p.nonNumeric?.current ?? null),
  };
  return { ok: true, outcome: { planned: p, choice, test, effect, facts, summary, histogram, newCategories, vanishedCategories, quality, infinite } };
}

function nonNumericReport(n: NonNumericValues | null): NonNumericReport | null {
  return n === null ? null : { count: n.count, first_value: n.first, first_line: n.line, first_row: n.row };
}

function run(spec: MethodSpec, pair: ColumnPair, o: NormalizedOptions): MethodResult {
  return getMethod(spec.method).compute(pair, { psiBins: o.psiBins, ...spec.params });
}

function emptySide(nRef: number, nCur: number): string | null {
  if (nRef === 0 && nCur === 0) return 'all values missing in both samples';
  if (nRef === 0) return 'all values missing in the reference';
  if (nCur === 0) return 'all values missing in current';
  return null;
}

/** One value at most in current: on a sorted sample, its first equals its last (-0 and 0 are one value). */
function constantCurrent(pair: ColumnPair): boolean {
  if (pair.kind === 'numeric') return pair.cur.length === 0 || pair.cur[0] === pair.cur[pair.cur.length - 1];
  const c = pair.counts();
  let n = 0;
  for (let i = 0; i < c.cur.length; i++) if (c.cur[i] > 0) n++;
  return n <= 1;
}

/** Share of current values outside [min, max] of the reference: on sorted samples, two walks in from the ends. */
function outOfRangeShare(ref: Float64Array, cur: Float64Array): number {
  const lo = ref[0];
  const hi = ref[ref.length - 1];
  let below = 0;
  while (below < cur.length && cur[below] < lo) below++;
  let above = 0;
  while (above < cur.length - below && cur[cur.length - 1 - above] > hi) above++;
  return (below + above) / cur.length;
}

/** The final column result, given the p-value after correction (equal to the raw one without correction). */
export function finalizeColumn(c: ColumnOutcome, pValue: number | null): ColumnDrift {
  const { choice, test } = c;
  const testValue = specValue(choice.test, test.statistic, pValue);
  const testFlags = flags(choice.test, testValue);
  let score = driftScore(choice.test, testValue);
  let drifted = testFlags;
  let effectSize: EffectSize | null = null;
  if (choice.effect !== undefined && c.effect !== null) {
    const combine = choice.combine ?? 'and';
    const value = specValue(choice.effect, c.effect.statistic, c.effect.p_value);
    const exceeded = flags(choice.effect, value);
    const effectScore = driftScore(choice.effect, value);
    effectSize = { method: choice.effect.method, value, threshold: choice.effect.threshold, exceeded, combine };
    drifted = combine === 'and' ? testFlags && exceeded : testFlags || exceeded;
    score = combine === 'and' ? Math.min(score, effectScore) : Math.max(score, effectScore);
  }
  return {
    name: c.planned.name,
    kind: c.planned.reportKind,
    role: c.planned.role,
    method: choice.test.method,
    statistic: test.statistic,
    p_value: pValue,
    p_value_raw: test.p_value,
    effect_size: effectSize,
    score,
    threshold: choice.test.threshold,
    score_kind: choice.test.scoreKind,
    drifted,
    n_reference: c.facts.nReference,
    n_current: c.facts.nCurrent,
    summary: c.summary,
    new_categories: c.newCategories,
    vanished_categories: c.vanishedCategories,
    histogram: c.histogram,
    reason: choice.reason,
    change: describeChange(c.summary, c.histogram),
  };
}
