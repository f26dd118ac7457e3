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

/** Whether the target and any prediction column drifted: they raise the headline (docs/report-schema.md). */
export interface RoleDrift {
  readonly target: boolean;
  readonly prediction: boolean;
}

const RANK: Readonly<Record<Severity, number>> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

/** The share's severity raised to HIGH by target drift and to at least MEDIUM by prediction drift. */
export function raiseSeverity(severity: Severity, roles: RoleDrift): Severity {
  const floor: Severity = roles.target ? 'HIGH' : roles.prediction ? 'MEDIUM' : 'LOW';
  return RANK[floor] > RANK[severity] ? floor : severity;
}

export function datasetDrift(verdicts: readonly boolean[], rule: DatasetRule, roles: RoleDrift = { target: false, prediction: false }): DatasetDrift {
  const analyzed = verdicts.length;
  const drifted = verdicts.filter((d) => d).length;
  const share = analyzed === 0 ? 0 : drifted / analyzed;
  const datasetDrifted = analyzed > 0 && (rule.strict ? share > rule.driftShare : share >= rule.driftShare);
  return {
    columns_analyzed: analyzed,
    drifted_columns: drifted,
    drifted_share: share,
    drift_share_threshold: rule.driftShare,
    dataset_drift: datasetDrifted,
    severity: raiseSeverity(severityOf(share, rule.severity), roles),
    alert: datasetDrifted || roles.target || roles.prediction,
  };
}
