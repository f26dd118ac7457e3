/**
 * What a check tells the alerter: the alerts module's signals of the report (dataset, target and prediction
 * drift), the model section's prediction drift when the data had no prediction column, and the realised
 * performance drop when labels made it measurable.
 */
import { signalsFromReport, type Alerter, type CheckSignal } from '../alerts/index.js';
import type { DriftReport } from '../drift/index.js';

export type { CheckSignal, SignalKind, Severity } from '../alerts/index.js';

/** The part of the Alerter a monitor uses. */
export type SignalObserver = Pick<Alerter, 'observe'>;

export interface CheckPerformance {
  readonly metric: string;
  readonly reference: number | null;
  readonly current: number | null;
  readonly drop: number | null;
  readonly alert: boolean;
}

export function checkSignals(report: DriftReport, o: { model: string; at: number; reportId: number; performance: CheckPerformance | null }): CheckSignal[] {
  const base = { model: o.model, at: o.at, reportId: String(o.reportId) };
  const signals = signalsFromReport(report, base);
  const section = report.model?.prediction_drift;
  if (section !== undefined && !signals.some((s) => s.kind === 'prediction_drift')) {
    signals.push({
      ...base,
      kind: 'prediction_drift',
      active: section.drifted,
      severity: section.drifted ? 'MEDIUM' : 'LOW',
      summary: section.drifted ? `the model's ${section.name} drifted (${section.change ?? section.method})` : `the model's ${section.name} is stable`,
      columns: section.drifted ? [section.name] : [],
      details: { column: section.name, method: section.method, score: section.score },
    });
  }
  const p = o.performance;
  if (p !== null && p.drop !== null) {
    signals.push({
      ...base,
      kind: 'performance_drop',
      active: p.alert,
      severity: p.alert ? 'HIGH' : 'LOW',
      summary: `${p.metric} ${fmt(p.reference)} → ${fmt(p.current)} (drop ${fmt(p.drop)})`,
      details: { ...p },
    });
  }
  return signals;
}

function fmt(v: number | null): string {
  return v === null ? 'n/a' : String(Math.round(v * 1000) / 1000);
}
