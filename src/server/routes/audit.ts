/** `GET /v1/audit`: the audit trail, newest first, filtered by actor, action, model and time. */
import type { FastifyPluginAsync } from 'fastify';
import { auditQuerySchema, auditResponseSchema, type AuditEventInfo, type AuditQuery } from '../../contracts/index.js';
import type { AuditEvent } from '../../store/index.js';
import type { RouteContext } from '../build-app.js';
import { routeSchema } from '../route-schema.js';
import { parseTime } from '../query-time.js';

/** The model an event is about: a model subject (`churn`, `churn:3`), or one named in its details. */
function modelOf(e: AuditEvent): string | null {
  if (e.subjectKind === 'model') return e.subject.split(':')[0] ?? null;
  const m = e.details['model'];
  return typeof m === 'string' ? m : null;
}

export function auditEventInfo(e: AuditEvent): AuditEventInfo {
  return { id: e.id, at: e.at, actor: e.actor, action: e.action, subject_kind: e.subjectKind, subject: e.subject, model: modelOf(e), details: { ...e.details } };
}

export const auditRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  app.get<{ Querystring: AuditQuery }>('/v1/audit', {
    schema: routeSchema({ tags: ['audit'], summary: 'The audit trail, newest first', query: auditQuerySchema, response: { 200: auditResponseSchema } }),
  }, async (req) => {
    const q = req.query;
    const events = await runtime.store.audit.list({
      ...(q.actor !== undefined ? { actor: q.actor } : {}),
      ...(q.action !== undefined ? { action: q.action } : {}),
      ...(q.model !== undefined ? { model: q.model } : {}),
      ...(q.since !== undefined ? { sinceMs: parseTime(q.since, 'since') } : {}),
      limit: q.limit ?? 200,
      order: 'desc',
    });
    return { events: events.map(auditEventInfo) };
  });
};
