/** Alerts (one per episode of a model's problem), their delivery attempts, acknowledge, snooze, column mutes. */
import { z } from 'zod';

export const ALERT_STATES = ['firing', 'resolved'] as const;

export const alertSchema = z.strictObject({
  id: z.string(),
  model: z.string(),
  /** dataset_drift, target_drift, performance_drop, prediction_drift. */
  kind: z.string(),
  state: z.enum(ALERT_STATES),
  /** The highest severity of the episode. */
  severity: z.enum(['LOW', 'MEDIUM', 'HIGH']),
  summary: z.string(),
  report_id: z.string().nullable(),
  report_url: z.string().nullable(),
  columns: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
  fired_at: z.string(),
  resolved_at: z.string().nullable(),
  last_signal_at: z.string(),
  notified_at: z.string().nullable(),
  acknowledged_by: z.string().nullable(),
  acknowledged_at: z.string().nullable(),
  ack_comment: z.string().nullable(),
  snoozed_until: z.string().nullable(),
  snoozed_by: z.string().nullable(),
});

export const alertsQuerySchema = z.strictObject({
  model: z.string().min(1).max(200).optional(),
  state: z.enum(ALERT_STATES).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const listAlertsResponseSchema = z.strictObject({ alerts: z.array(alertSchema) });

export const deliverySchema = z.strictObject({
  id: z.string(),
  alert_id: z.string(),
  channel: z.string(),
  /** fired, escalated, resolved. */
  event: z.string(),
  attempt: z.number().int(),
  /** ok or failed. */
  outcome: z.string(),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number(),
  at: z.string(),
});

export const deliveriesQuerySchema = z.strictObject({
  alert_id: z.string().min(1).max(40).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const listDeliveriesResponseSchema = z.strictObject({ deliveries: z.array(deliverySchema) });

export const alertIdParamsSchema = z.strictObject({ id: z.string().min(1).max(40) });

export const ackBodySchema = z.strictObject({ comment: z.string().max(2000).optional() });

export const snoozeBodySchema = z.strictObject({
  /** ISO 8601 time or epoch milliseconds; a time in the past ends a snooze. Or give `minutes`. */
  until: z.union([z.string().min(1).max(40), z.number()]).optional(),
  minutes: z.number().positive().max(525_600).optional(),
});

export const muteBodySchema = z.strictObject({ column: z.string().min(1).max(500) });

export const muteParamsSchema = z.strictObject({ name: z.string().min(1).max(200), column: z.string().min(1).max(500) });

export const muteSchema = z.strictObject({ model: z.string(), column: z.string(), created_at: z.string(), created_by: z.string() });

export const mutesResponseSchema = z.strictObject({ mutes: z.array(muteSchema) });

export type AlertInfo = z.infer<typeof alertSchema>;
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;
export type DeliveryInfo = z.infer<typeof deliverySchema>;
export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;
export type AckBody = z.infer<typeof ackBodySchema>;
export type SnoozeBody = z.infer<typeof snoozeBodySchema>;
export type MuteBody = z.infer<typeof muteBodySchema>;
export type MuteInfo = z.infer<typeof muteSchema>;
