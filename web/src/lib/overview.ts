/** The overview's view logic: what the alert banner says and how the cards read, from GET …/summary. */
import type { ModelSummary } from '../api/types.ts';
import { fmtNumber, fmtPercent, metricLabel } from './format.ts';

const KIND_TEXT: Readonly<Record<string, string>> = {
  dataset_drift: 'Dataset drift',
  target_drift: 'Target drift',
  performance_drop: 'Performance drop',
  prediction_drift: 'Prediction drift',
};

export function kindText(kind: string): string {
  return KIND_TEXT[kind] ?? kind.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export interface Banner {
  readonly title: string;
  readonly lines: readonly string[];
}

/**
 * The banner while drift, target drift or a performance drop is active: the server's active alerts, or,
 * before any alert has fired (alerts wait for consecutive windows), the latest check's own dataset drift.
 */
export function alertBanner(s: ModelSummary): Banner | null {
  const lines = s.active_alerts.map((a) => `${kindText(a.kind)}${a.severity !== undefined ? ` (${a.severity})` : ''}${a.summary !== undefined && a.summary !== '' ? `: ${a.summary}` : ''}`);
  if (lines.length > 0) return { title: lines.length === 1 ? 'Alert active' : `${lines.length} alerts active`, lines };
  if (s.drift_share !== null && s.drift_share >= s.threshold && s.total_columns > 0) {
    return { title: 'Drift detected', lines: [`${s.drifted_columns} of ${s.total_columns} columns drifted (${fmtPercent(s.drift_share)}, threshold ${fmtPercent(s.threshold)})`] };
  }
  return null;
}

export interface CardText {
  readonly title: string;
  readonly value: string;
  readonly note?: string;
  readonly tone?: 'bad' | 'good';
}

export function summaryCards(s: ModelSummary): CardText[] {
  const over = s.drift_share !== null && s.drift_share >= s.threshold;
  return [
    { title: 'Total predictions', value: fmtNumber(s.total_predictions) },
    { title: 'Drift events', value: fmtNumber(s.drift_events) },
    { title: 'Retraining runs', value: fmtNumber(s.retraining_count) },
    s.current_metric === null
      ? { title: 'Current accuracy', value: 'no labels yet', note: 'realised metrics appear when labels arrive' }
      : { title: `Current ${metricLabel(s.current_metric.name)}`, value: fmtNumber(s.current_metric.value, 3) },
    { title: 'Drifted columns', value: `${s.drifted_columns} / ${s.total_columns}`, ...(s.drifted_columns > 0 ? { tone: 'bad' as const } : {}) },
    {
      title: 'Drift share', value: fmtPercent(s.drift_share), note: `threshold ${fmtPercent(s.threshold)} — ${s.drift_share === null ? 'no check yet' : over ? 'above' : 'below'}`,
      tone: over ? 'bad' : 'good',
    },
    s.top_feature === null
      ? { title: 'Highest drift score', value: '—' }
      : { title: 'Highest drift score', value: fmtNumber(s.top_feature.score, 3), note: s.top_feature.column, ...(s.top_feature.score >= 0.5 ? { tone: 'bad' as const } : {}) },
  ];
}

/** Event kinds after which the overview refetches its summary (anything the monitor or pipeline records). */
export function eventChangesSummary(kind: string): boolean {
  return kind !== 'heartbeat' && kind !== 'ping';
}
