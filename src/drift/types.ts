/**
 * The shape of a drift report: the contract between the drift engine, every renderer (terminal, JSON,
 * CSV, HTML, PNG), the CLI and, later, the server and dashboard. Keys are snake_case because this object
 * IS the JSON document (schema documented in docs/report-schema.md); renderers must not rename them.
 * Changing a key or its meaning means bumping REPORT_SCHEMA_VERSION.
 */
import type { ColumnKind } from '../data/table/index.js';
import type { ModelSection } from './model-section-types.js';

export type * from './model-section-types.js';
import type { CORRECTION_NAMES, METHOD_CHOICES, PRESET_NAMES } from './names/index.js';

export const REPORT_SCHEMA_VERSION = '1.3';

export type PresetName = (typeof PRESET_NAMES)[number];
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH';
export type ColumnRole = 'feature' | 'target' | 'prediction';
export type CorrectionName = (typeof CORRECTION_NAMES)[number];

/** Registry names of drift methods, as used by --stattest, the config file and the JSON report. */
export type MethodName = (typeof METHOD_CHOICES)[number];

/** A secondary, material-effect criterion beside the test (the `default` preset's effect size). */
export interface EffectSize {
  readonly method: MethodName;
  readonly value: number;
  readonly threshold: number;
  /** Whether the effect alone passes its threshold. */
  readonly exceeded: boolean;
  /**
   * How it combines with the test: 'and' (default preset: both must flag, the score is the smaller of the
   * two) or 'or' (classic preset's PSI: either flags, the score is the larger). Absent means 'and'.
   */
  readonly combine?: 'and' | 'or';
}

export interface Quantiles {
  readonly p05: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

export interface NumericSummary {
  readonly type: 'numeric';
  /** Non-missing values. */
  readonly count: number;
  readonly missing: number;
  readonly missing_share: number;
  readonly mean: number | null;
  /** Sample standard deviation (ddof 1); null below 2 values. */
  readonly std: number | null;
  readonly min: number | null;
  readonly quantiles: Quantiles | null;
  readonly max: number | null;
}

export interface CategoryShare {
  readonly value: string;
  readonly count: number;
  readonly share: number;
}

export interface CategoricalSummary {
  readonly type: 'categorical';
  readonly count: number;
  readonly missing: number;
  readonly missing_share: number;
  readonly unique: number;
  /** The most frequent categories (at most 10), most frequent first. */
  readonly top: readonly CategoryShare[];
}

export type SampleSummary = NumericSummary | CategoricalSummary;

/** Data for a distribution overlay plot: shares (each side sums to 1 over non-missing values). */
export type HistogramData =
  | {
      readonly type: 'numeric';
      /** Bin edges, length bins + 1. */
      readonly edges: readonly number[];
      readonly reference: readonly number[];
      readonly current: readonly number[];
      /**
       * The distinct values, one bin each, when the column has at most 12 (0/1 flags, ratings); null for
       * ranged bins. Optional for reports before schema 1.2 (absent reads as null).
       */
      readonly values?: readonly number[] | null;
    }
  | {
      readonly type: 'categorical';
      /** Categories shown (the most frequent over both samples, at most 20; the rest summed into "(other)"). */
      readonly categories: readonly string[];
      readonly reference: readonly number[];
      readonly current: readonly number[];
    };

export interface ColumnDrift {
  readonly name: string;
  /** The kind the column was analysed as. */
  readonly kind: ColumnKind;
  readonly role: ColumnRole;
  readonly method: MethodName;
  /** The method's statistic (may be +Infinity, e.g. goodness of fit with a category new in current). */
  readonly statistic: number;
  /** p-value for test methods (after multiple-testing correction when one is set), null for distances. */
  readonly p_value: number | null;
  /** The p-value before correction; equals p_value when no correction is applied; null for distances. */
  readonly p_value_raw: number | null;
  /** The preset's material-effect criterion, when it uses one. */
  readonly effect_size: EffectSize | null;
  /**
   * Drift score in [0, 1], comparable across methods: every method's threshold maps to 0.5. For p-value
   * methods ln(p) / (ln(p) + ln(threshold)) (p = 1 gives 0, p -> 0 gives 1); for distances
   * value / (value + threshold). When an effect size is used: with combine 'and' (both must pass for drift)
   * the smaller of the two scores, with 'or' (either flags; classic preset's PSI) the larger.
   * See docs/drift-score.md.
   */
  readonly score: number;
  readonly threshold: number;
  /**
   * 'p_value' (drift when p < threshold, or <= for the evidently KS) or 'distance' (drift when the statistic
   * >= threshold, or > for the classic preset, whose KS reads its statistic as a distance).
   */
  readonly score_kind: 'p_value' | 'distance';
  readonly drifted: boolean;
  /** Sample sizes after dropping missing values. */
  readonly n_reference: number;
  readonly n_current: number;
  readonly summary: {
    readonly reference: SampleSummary;
    readonly current: SampleSummary;
  };
  /** Categories only in current / only in reference (categorical columns; empty otherwise). */
  readonly new_categories: readonly string[];
  readonly vanished_categories: readonly string[];
  readonly histogram: HistogramData;
  /** Why this method was chosen (for people reading the report). */
  readonly reason: string;
  /**
   * One plain line of what changed ("mean 64.8 → 80.7, +0.53 sd", "Month-to-month 54.5% → 72.2%"), null when
   * nothing can be compared. Optional for reports before schema 1.2; analyzeDrift always writes it.
   */
  readonly change?: string | null;
}

export interface DatasetDrift {
  readonly columns_analyzed: number;
  readonly drifted_columns: number;
  readonly drifted_share: number;
  readonly drift_share_threshold: number;
  readonly dataset_drift: boolean;
  /**
   * From the drifted share's cut-offs, then raised: to HIGH when the target drifted, to at least MEDIUM when
   * a prediction column drifted (docs/report-schema.md, "The headline rule").
   */
  readonly severity: Severity;
  /**
   * The headline: dataset drift, or target drift, or drift of any prediction column. Optional for reports
   * before schema 1.2 (absent reads as dataset_drift); analyzeDrift always writes it.
   */
  readonly alert?: boolean;
}

export interface ColumnQuality {
  readonly name: string;
  readonly missing_share_reference: number;
  readonly missing_share_current: number;
  readonly missing_share_change: number;
  /** Share of current non-missing values outside [min, max] of the reference (numeric), else null. */
  readonly out_of_range_share: number | null;
  readonly new_categories: readonly string[];
  readonly constant_reference: boolean;
  readonly constant_current: boolean;
  /** Values of a numeric column that are not numbers (left out of the comparison), per side; null: none. */
  readonly non_numeric_reference: NonNumericReport | null;
  readonly non_numeric_current: NonNumericReport | null;
}

/** Values that are not numbers in a numeric column: how many, and the first one and where. */
export interface NonNumericReport {
  readonly count: number;
  readonly first_value: string;
  /** 1-based line in the file (CSV, JSON Lines); null where lines are not known (Parquet, in-memory tables). */
  readonly first_line: number | null;
  /** 1-based data row (the header not counted). */
  readonly first_row: number;
}

export interface QualityIssue {
  readonly column: string;
  readonly kind: 'missing_increase' | 'new_categories' | 'out_of_range' | 'constant' | 'all_missing' | 'non_numeric';
  readonly message: string;
}

export interface DataQuality {
  readonly columns: readonly ColumnQuality[];
  readonly issues: readonly QualityIssue[];
}

export interface ExcludedColumn {
  readonly name: string;
  readonly reason: string;
}

export interface SchemaChanges {
  /** In the reference, not in current. */
  readonly missing_in_current: readonly string[];
  /** In current, not in the reference. */
  readonly extra_in_current: readonly string[];
  readonly type_changes: readonly { readonly name: string; readonly reference: ColumnKind; readonly current: ColumnKind }[];
}

export interface DatasetSource {
  /** The file it was read from, or null for an in-memory table. */
  readonly path: string | null;
  readonly rows: number;
}

export interface DriftReport {
  readonly schema_version: string;
  readonly driftwatch_version: string;
  /** ISO 8601 time the report was made. */
  readonly generated_at: string;
  readonly preset: PresetName;
  /** The multiple-testing correction applied across feature p-values. */
  readonly correction: CorrectionName;
  readonly reference: DatasetSource;
  readonly current: DatasetSource;
  readonly dataset: DatasetDrift;
  /** Feature columns, in table order (renderers sort by score themselves). */
  readonly columns: readonly ColumnDrift[];
  readonly target_drift: ColumnDrift | null;
  /** The first prediction column's drift (see prediction_columns for all of them). */
  readonly prediction_drift: ColumnDrift | null;
  /**
   * Every prediction column's drift, in table order (several when probabilities per class are given).
   * Optional for older reports; analyzeDrift always writes it.
   */
  readonly prediction_columns?: readonly ColumnDrift[];
  readonly quality: DataQuality;
  readonly schema: SchemaChanges;
  readonly excluded: readonly ExcludedColumn[];
  /** Notes for people: preset caveats, columns treated specially, etc. */
  readonly notes: readonly string[];
  /**
   * Settings that could not apply as given, each said once (a count test on continuous columns, a
   * correction with no p-value to correct). The CLI prints them on stderr. Optional for older reports.
   */
  readonly warnings?: readonly string[];
  /**
   * What a model made of both inputs (`analyze --model`): prediction drift, confidence, realised
   * performance. Absent or null when no model was given; the drift engine never sets it.
   */
  readonly model?: ModelSection | null;
}
