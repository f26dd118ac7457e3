/**
 * The trigger policy: one pure function from what was observed (drift, performance, alerts, the schedule)
 * and the configured policies to a decision, with every reason that fired. No I/O and no clock reading:
 * the caller passes "now" and the cron schedule's due state, so the decision is reproducible.
 */
import type { PipelineSettings } from './pipeline-config.js';

export type TriggerReason = 'manual' | 'bootstrap' | 'dataset_drift' | 'severity' | 'target_drift' | 'performance_drop' | 'drift_alerts' | 'schedule';

export interface TriggerObservation {
  /** `--force`. */
  readonly manual: boolean;
  /** No registered model yet: the first version is trained on the reference. */
  readonly noModel: boolean;
  readonly datasetDrift: boolean;
  readonly driftShare: number | null;
  readonly severity: 'LOW' | 'MEDIUM' | 'HIGH' | null;
  readonly targetDrift: boolean;
  /** The champion's recorded metric and the same metric on the current labelled rows; null when unknown. */
  readonly performance: { readonly metric: string; readonly recorded: number; readonly current: number } | null;
  /** Drift alerts (dataset drift checks) since the last retraining. */
  readonly driftAlerts: number;
  /** Whether a cron occurrence fell between the last run and now. */
  readonly scheduleDue: boolean;
}

export interface TriggerDecision {
  readonly retrain: boolean;
  readonly reasons: readonly TriggerReason[];
  /** One sentence per reason that fired (or why nothing did). */
  readonly explanation: readonly string[];
}

const SEVERITY_RANK = { LOW: 1, MEDIUM: 2, HIGH: 3 } as const;

export function decideTrigger(obs: TriggerObservation, policy: PipelineSettings['triggers']): TriggerDecision {
  const reasons: TriggerReason[] = [];
  const why: string[] = [];
  if (obs.noModel) {
    reasons.push('bootstrap');
    why.push('no registered model yet: version 1 is trained on the reference');
  }
  if (obs.manual) {
    reasons.push('manual');
    why.push('retraining was asked for (--force)');
  }
  if (policy.datasetDrift && obs.datasetDrift) {
    reasons.push('dataset_drift');
    why.push(`dataset drift (drift share ${fmt(obs.driftShare)})`);
  }
  if (policy.minSeverity !== null && obs.severity !== null && SEVERITY_RANK[obs.severity] >= SEVERITY_RANK[policy.minSeverity]) {
    reasons.push('severity');
    why.push(`severity ${obs.severity} is at or above ${policy.minSeverity}`);
  }
  if (policy.targetDrift && obs.targetDrift) {
    reasons.push('target_drift');
    why.push('the target (label) drifted');
  }
  if (policy.performance !== null && obs.performance !== null && obs.performance.metric === policy.performance.metric) {
    const drop = obs.performance.recorded - obs.performance.current;
    if (drop > policy.performance.maxDrop) {
      reasons.push('performance_drop');
      why.push(`${obs.performance.metric} dropped by ${fmt(drop)} (from ${fmt(obs.performance.recorded)} to ${fmt(obs.performance.current)}; allowed ${policy.performance.maxDrop})`);
    }
  }
  if (policy.afterAlerts !== null && obs.driftAlerts >= policy.afterAlerts) {
    reasons.push('drift_alerts');
    why.push(`${obs.driftAlerts} drift alerts since the last retraining (policy: ${policy.afterAlerts})`);
  }
  if (policy.schedule !== null && obs.scheduleDue) {
    reasons.push('schedule');
    why.push(`the schedule "${policy.schedule}" is due`);
  }
  if (reasons.length === 0) why.push('no trigger policy fired: the model stays as it is');
  return { retrain: reasons.length > 0, reasons, explanation: why };
}

function fmt(v: number | null): string {
  return v === null ? 'n/a' : String(Math.round(v * 1000) / 1000);
}
