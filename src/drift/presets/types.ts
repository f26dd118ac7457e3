import type { ColumnRole, MethodName, PresetName } from '../types.js';
import type { AnalysisKind, MethodParams, ScoreKind } from '../methods/types.js';
import { getMethod } from '../methods/registry.js';

/** What a preset may look at when choosing a method for a column. */
export interface ColumnFacts {
  readonly name: string;
  readonly role: ColumnRole;
  readonly kind: AnalysisKind;
  /** Non-missing (finite, for numeric) values in the reference. */
  readonly nReference: number;
  readonly nCurrent: number;
  /** Distinct non-missing values over reference and current together. */
  readonly nUnique: number;
  readonly nUniqueReference: number;
}

/** A method with the rule that turns its output into a verdict. */
export interface MethodSpec {
  readonly method: MethodName;
  readonly threshold: number;
  /** 'p_value': drift when p < threshold; 'distance': drift when the statistic >= threshold. */
  readonly scoreKind: ScoreKind;
  /**
   * Whether a value exactly at the threshold is drift. False for p-values (p < t) and true for distances
   * (d >= t) unless a preset says otherwise (evidently KS: p <= t; classic: d > t).
   */
  readonly inclusive: boolean;
  readonly params?: MethodParams;
}

export interface PresetChoice {
  readonly test: MethodSpec;
  /** A second criterion: with combine 'and' (default) both must flag, with 'or' either. */
  readonly effect?: MethodSpec;
  readonly combine?: 'and' | 'or';
  /** Why, for the report. */
  readonly reason: string;
  /**
   * A count test (chi2, chisquare_gof) the user chose for a continuous column, where nearly every value is
   * its own category: `replaced` when the preset judged the column instead (stattest), else kept as given.
   */
  readonly unfit?: { readonly method: MethodName; readonly source: string; readonly replaced: boolean };
}

export interface Preset {
  readonly name: PresetName;
  /**
   * One readable function from column facts to the method(s) that judge the column. It may look at the column's kind, nUnique and nReference only: the choice is
   * reused for every column alike in those (select-method.ts).
   */
  choose(facts: ColumnFacts): PresetChoice;
  /** Dataset drift when the drifted share reaches this. */
  readonly driftShare: number;
  /** True: share > driftShare; false: share >= driftShare. */
  readonly driftShareStrict: boolean;
  /** Whether target and prediction columns count in the dataset drift share. */
  readonly targetInShare: boolean;
  /** Caveats written into every report made with this preset. */
  readonly notes: readonly string[];
}

/** A spec with the registry's score kind, default threshold and inclusiveness, and the given overrides. */
export function methodSpec(method: MethodName, overrides: Partial<Omit<MethodSpec, 'method'>> = {}): MethodSpec {
  const m = getMethod(method);
  return {
    method,
    threshold: overrides.threshold ?? m.defaultThreshold,
    scoreKind: overrides.scoreKind ?? m.scoreKind,
    inclusive: overrides.inclusive ?? (overrides.scoreKind ?? m.scoreKind) === 'distance',
    ...(overrides.params !== undefined ? { params: overrides.params } : {}),
  };
}
