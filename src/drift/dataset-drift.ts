/** Dataset-level verdict and severity from the column verdicts. */
import type { DatasetDrift, Severity } from './types.js';

export interface DatasetRule {
  readonly driftShare: number;
  /** True: share > driftShare (classic); false: share >= driftShare. */
  readonly strict: boolean;
  readonly severity: Readonly<{ medium: number; high: number }>;
}

/** LOW below `medium`, HIGH above `high`, MEDIUM between (both ends included). */
export function severityOf(share: number, cut: Readonly<{ medium: number; high: number }>): Severity {
  if (share < cut.medium) return 'LOW';
  if (share > cut.high) return 'HIGH';
  return 'MEDIUM';
}

export function datasetDrift(verdicts: readonly boolean[], rule: DatasetRule): DatasetDrift {
  const analyzed = verdicts.length;
  const drifted = verdicts.filter((d) => d).length;
  const share = analyzed === 0 ? 0 : drifted / analyzed;
  return {
    columns_analyzed: analyzed,
    drifted_columns: drifted,
    drifted_share: share,
    drift_share_threshold: rule.driftShare,
    dataset_drift: analyzed > 0 && (rule.strict ? share > rule.driftShare : share >= rule.driftShare),
    severity: severityOf(share, rule.severity),
  };
}
