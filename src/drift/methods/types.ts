import type { MethodName } from '../types.js';
import type { ColumnPair } from '../prepare/column-pair.js';

/** The kinds of column a method can be applied to (booleans are analysed as categorical). */
export type AnalysisKind = 'numeric' | 'categorical';

/** Whether a method's verdict reads a p-value (drift when small) or a distance (drift when large). */
export type ScoreKind = 'p_value' | 'distance';

/** Tunable parameters some adapters take. */
export interface MethodParams {
  /** Logarithm base for Jensen-Shannon (default 2; the evidently preset uses Math.E). */
  readonly base?: number;
  /** Number of reference-quantile bins for PSI on numeric columns (default 10). */
  readonly psiBins?: number;
}

export interface MethodResult {
  readonly statistic: number;
  /** null for distances. */
  readonly p_value: number | null;
}

/** A registered drift method: metadata plus a pure compute function over a prepared column pair. */
export interface DriftMethod {
  readonly name: MethodName;
  readonly kinds: readonly AnalysisKind[];
  readonly scoreKind: ScoreKind;
  readonly defaultThreshold: number;
  /** True for distances (larger statistic = more drift); false for tests, where a smaller p-value is. */
  readonly largerIsMoreDrift: boolean;
  /** Only for columns with at most two distinct values (two-proportion tests). */
  readonly binaryOnly: boolean;
  /** One line for people: what it measures and the rules it follows. */
  readonly description: string;
  /**
   * Computes the method on a prepared pair. Takes the pair (not two loose samples) so that a numeric
   * column's sorted samples and its value counts are built once and shared by every method that runs on it.
   * The caller guarantees the pair's kind is in `kinds` and both samples are non-empty.
   */
  compute(pair: ColumnPair, params: MethodParams): MethodResult;
}
