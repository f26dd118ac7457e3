import type { Clock } from '../core/index.js';
import type { ColumnKind } from '../data/table/index.js';
import type { ReferencePreparation } from './prepare/reference-preparation.js';
import type { CorrectionName, MethodName, PresetName } from './types.js';

/** A method with an optional threshold (the method's default when absent). */
export interface MethodChoice {
  readonly method: MethodName;
  readonly threshold?: number;
}

export interface AnalyzeOptions {
  /** Method-selection preset (default 'default'). */
  readonly preset?: PresetName;
  /** The label column: analysed as target drift, not counted in the feature drift share. */
  readonly target?: string;
  /** Prediction / probability columns: analysed as prediction drift. */
  readonly prediction?: string | readonly string[];
  /** Columns to leave out entirely. */
  readonly drop?: readonly string[];
  /** Columns excluded as identifiers / timestamps (reported in `excluded`). */
  readonly id?: readonly string[];
  readonly timestamp?: string;
  /** Force a column's kind (overrides inference). */
  readonly columnKinds?: Readonly<Record<string, ColumnKind>>;
  /** One method (and threshold) for every column, overriding the preset. */
  readonly stattest?: MethodName;
  /** Threshold for `stattest`, or for the preset's main test when no stattest is given. */
  readonly threshold?: number;
  /**
   * Thresholds of the preset's own methods by name, test and effect alike: e.g. the classic preset's
   * `{ ks: 0.15, psi: 0.25, chi2: 0.01 }` (KS statistic, PSI, chi-square p-value). Methods the preset does
   * not use are ignored; `threshold` (the main test's) wins where both are given.
   */
  readonly presetThresholds?: Readonly<Partial<Record<MethodName, number>>>;
  /** Method per column kind; wins over `stattest`. */
  readonly perKind?: Readonly<{ numeric?: MethodChoice; categorical?: MethodChoice }>;
  /** Method per column; wins over everything else. */
  readonly perColumn?: Readonly<Record<string, MethodChoice>>;
  /**
   * A material-effect criterion for columns whose method is overridden (stattest, perKind, perColumn): drift
   * then needs the method AND this effect (e.g. { method: 'wasserstein', threshold: 0.1 }). Without it an
   * override has no effect size. Skipped, with a word in the column's reason, where it does not apply.
   */
  readonly effect?: MethodChoice;
  /** Dataset drift when drifted share >= this (default 0.5; classic 0.3, strict >). */
  readonly driftShare?: number;
  /** Severity cut-offs on drifted share: MEDIUM from `medium`, HIGH above `high` (default 0.25, 0.5). */
  readonly severity?: Readonly<{ medium: number; high: number }>;
  /** Multiple-testing correction over feature p-values (default 'none'). */
  readonly correction?: CorrectionName;
  /** Number of reference-quantile bins for PSI (default 10). */
  readonly psiBins?: number;
  /** Recorded in the report's reference/current sections. */
  readonly referencePath?: string | null;
  readonly currentPath?: string | null;
  /** Clock for `generated_at` (default: the system clock; tests pin it with `manualClock`). */
  readonly clock?: Clock;
  /**
   * Reference samples (sorted numeric values, category counts) kept across analyses against the same
   * reference Table: create one with `createReferencePreparation()` per baseline and pass it to every
   * analysis of that baseline (the monitor's checks). Same reports as without it.
   */
  readonly referencePreparation?: ReferencePreparation;
}
