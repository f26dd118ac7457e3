/** The audit log: every change (models, aliases, approvals, keys, alerts, jobs), who made it and when. */
import { z } from 'zod';

export const auditQuerySchema = z.strictObject({
  actor: z.string().min(1).max(200).optional(),
  /** A dotted verb, e.g. `model.promoted`, `approval.approved`. */
  action: z.string().min(1).max(200).optional(),
  /** Events about this model: its versions and aliases, and the approvals, jobs and reports that name it. */
  model: z.string().min(1).max(200).optional(),
  /** ISO 8601 time or epoch milliseconds: events at or after it. */
  since: z.string().min(1).max(40).optional(),
  /** The newest N (default 200). */
  limit: z.number().int().min(1).max(10_000).optional(),
});

export const auditEventSchema = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject_kind: z.string(),
  subject: z.string(),
  /** The model the event is about, when it is about one. */
  model: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const auditResponseSchema = z.strictObject({ events: z.array(auditEventSchema) });

export type AuditQuery = z.infer<typeof auditQuerySchema>;
export type AuditEventInfo = z.infer<typeof auditEventSchema>;
