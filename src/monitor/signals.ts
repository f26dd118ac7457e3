/**
 * What a check tells the alerter: the alerts module's signals of the check's report (dataset drift; target
 * drift when the label was compared; prediction drift and the realised performance drop from the model
 * section). Quiet checks are signals too (`active: false`): the alert policy needs them to resolve.
 */
import { signalsFromReport, type Alerter, type CheckSignal } from '../alerts/index.js';
import type { DriftReport } from '../drift/index.js';

export type { CheckSignal, SignalKind, Severity } from '../alerts/index.js';

/** The part of the Alerter a monitor uses. */
export type SignalObserver = Pick<Alerter, 'observe'>;

export function checkSignals(report: DriftReport, o: { readonly model: string; readonly at: number; readonly reportId: number }): CheckSignal[] {
  return signalsFromReport(report, { model: o.model, at: o.at, reportId: String(o.reportId) });
}
