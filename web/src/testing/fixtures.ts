/** Canned API bodies for the component tests, shaped like PLAN.md's routes. */
import type { Approval, ModelDetail, ModelListItem, ModelSummary } from '../api/types.ts';

export const MODELS: ModelListItem[] = [
  { name: 'churn', production_version: 1, versions: 2, latest_version: 2, created_at: '2026-12-01T10:00:00Z' },
  { name: 'fraud', production_version: null, versions: 0, latest_version: null, created_at: '2026-12-02T10:00:00Z' },
];

export const SUMMARY: ModelSummary = {
  total_predictions: 4200, drift_events: 2, retraining_count: 1, current_metric: { name: 'accuracy', value: 0.8125 },
  drifted_columns: 3, total_columns: 19, drift_share: 0.158, threshold: 0.5, top_feature: { column: 'tenure', score: 0.93 },
  severity: 'MEDIUM', active_alerts: [],
  series: {
    drift_share: [['2026-12-06T10:00:00Z', 0.05], ['2026-12-06T11:00:00Z', 0.158]],
    accuracy: [['2026-12-06T10:00:00Z', 0.84], ['2026-12-06T11:00:00Z', 0.8125]],
    confidence: [['2026-12-06T10:00:00Z', 0.78]],
    class_distribution: { '0': [['2026-12-06T10:00:00Z', 0.7]], '1': [['2026-12-06T10:00:00Z', 0.3]] },
    training_time: [['2026-12-06T09:00:00Z', 12.5]],
  },
};

export const MODEL_DETAIL: ModelDetail = {
  name: 'churn',
  aliases: { production: 1 },
  versions: [
    { version: 1, state: 'production', created_at: '2026-12-01T10:00:00Z', created_by: 'ops', metrics: { accuracy: 0.84, f1: 0.61 }, parent_version: null },
    { version: 2, state: 'candidate', created_at: '2026-12-06T09:00:00Z', created_by: 'pipeline', metrics: { accuracy: 0.86, f1: 0.64 }, parent_version: 1, trained_on_dataset_version_id: 4 },
  ],
};

export const PENDING: Approval = {
  id: 7, kind: 'promotion', model: 'churn', model_version: 2, job_id: 3, state: 'pending', requested_at: '2026-12-06T09:05:00Z', requested_by: 'pipeline',
  evidence: {
    drift: { dataset_drift: true, drift_share: 0.63, severity: 'HIGH', target_drift: false },
    trigger: ['dataset_drift'], metric: 'f1', champion: { version: 1, value: 0.61 }, challenger: { version: 2, value: 0.64 },
    gates: [{ gate: 'vs_champion', passed: true, detail: 'f1 0.64 ≥ champion 0.61' }],
  },
};
