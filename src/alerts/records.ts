/** Stored rows as the alerts module's records: string ids, narrowed kinds and severities, report links. */
import type { StoredAlert, StoredDelivery, StoredMute } from '../store/index.js';
import type { Alert, AlertDelivery, AlertEvent, AlertMute, Severity, SignalKind } from './types.js';

/** The report's link under the server's public URL (the HTML rendering people open from a message). */
export function reportUrlOf(publicUrl: string | null, reportId: string | null): string | null {
  return reportId !== null && publicUrl !== null ? `${publicUrl}/v1/reports/${encodeURIComponent(reportId)}?format=html` : null;
}

export function alertOf(s: StoredAlert, publicUrl: string | null): Alert {
  const { id, modelName, kind, severity, ...rest } = s;
  return { ...rest, id: String(id), model: modelName, kind: kind as SignalKind, severity: severity as Severity, reportUrl: reportUrlOf(publicUrl, s.reportId) };
}

export function deliveryOf(d: StoredDelivery): AlertDelivery {
  return {
    id: String(d.id),
    alertId: String(d.alertId),
    channel: d.channel,
    event: d.event as AlertEvent,
    attempt: d.attempt,
    outcome: d.outcome,
    httpStatus: d.httpStatus,
    error: d.error,
    durationMs: d.durationMs,
    at: d.at,
  };
}

export function muteOf(m: StoredMute): AlertMute {
  return { model: m.modelName, column: m.column, createdAt: m.createdAt, createdBy: m.createdBy };
}
