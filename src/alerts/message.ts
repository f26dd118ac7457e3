/** What a notification says: one text for people (Slack, email) and one JSON body for machines (webhook). */
import type { Alert, AlertEvent } from './types.js';

export interface Notification {
  readonly event: AlertEvent;
  readonly alert: Alert;
  /** ISO time the notification was made. */
  readonly sentAt: string;
}

const KIND_TEXT: Readonly<Record<string, string>> = {
  dataset_drift: 'dataset drift',
  target_drift: 'target drift',
  prediction_drift: 'prediction drift',
  performance_drop: 'performance drop',
};

export function kindText(kind: string): string {
  return KIND_TEXT[kind] ?? kind.replaceAll('_', ' ');
}

/** "[HIGH] churn: dataset drift" and the like. */
export function subjectLine(n: Notification): string {
  const { alert } = n;
  const what = `${alert.model}: ${kindText(alert.kind)}`;
  if (n.event === 'resolved') return `Resolved: ${what}`;
  if (n.event === 'escalated') return `[${alert.severity}] ${what} (severity raised)`;
  return `[${alert.severity}] ${what}`;
}

/** The message text: model, kind, severity, summary and the report link when there is one. */
export function messageText(n: Notification): string {
  const { alert } = n;
  const lines = [subjectLine(n)];
  if (n.event === 'resolved') lines.push(`Ended at ${alert.resolvedAt ?? n.sentAt} after opening at ${alert.openedAt}. Last finding: ${alert.summary}`);
  else lines.push(`Model ${alert.model}, ${kindText(alert.kind)}, severity ${alert.severity}: ${alert.summary}`);
  if (alert.columns.length > 0 && n.event !== 'resolved') lines.push(`Columns: ${alert.columns.slice(0, 10).join(', ')}${alert.columns.length > 10 ? ', …' : ''}`);
  if (alert.reportUrl !== null) lines.push(`Report: ${alert.reportUrl}`);
  lines.push(`Alert ${alert.id}`);
  return lines.join('\n');
}

/** The webhook's JSON body (snake_case like the HTTP API). */
export function webhookBody(n: Notification): Record<string, unknown> {
  const a = n.alert;
  return {
    event: n.event,
    sent_at: n.sentAt,
    text: messageText(n),
    alert: {
      id: a.id,
      model: a.model,
      kind: a.kind,
      state: a.state,
      severity: a.severity,
      summary: a.summary,
      report_id: a.reportId,
      report_url: a.reportUrl,
      columns: a.columns,
      details: a.details,
      opened_at: a.openedAt,
      resolved_at: a.resolvedAt,
      acknowledged_by: a.acknowledgedBy,
    },
  };
}
