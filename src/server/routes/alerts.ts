/**
 * Alerts over HTTP: the episodes (firing and resolved), every delivery attempt and its outcome, acknowledge,
 * snooze, and muting a model's column. The alerter writes the audit record of each change itself, in the
 * same transaction, with the key's name as the actor.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  ackBodySchema,
  alertIdParamsSchema,
  alertSchema,
  alertsQuerySchema,
  deliveriesQuerySchema,
  listAlertsResponseSchema,
  listDeliveriesResponseSchema,
  modelNameParamsSchema,
  muteBodySchema,
  muteParamsSchema,
  mutesResponseSchema,
  snoozeBodySchema,
  type AckBody,
  type AlertInfo,
  type AlertsQuery,
  type DeliveriesQuery,
  type DeliveryInfo,
  type MuteBody,
  type SnoozeBody,
} from '../../contracts/index.js';
import type { Alert, AlertDelivery } from '../../alerts/index.js';
import { DriftwatchError } from '../../core/index.js';
import type { RouteContext } from '../build-app.js';
import { optionalBody } from '../optional-body.js';
import { routeSchema } from '../route-schema.js';
import { parseTime } from '../query-time.js';
import { requireModel } from '../serving.js';

export function alertInfo(a: Alert): AlertInfo {
  return {
    id: a.id,
    model: a.model,
    kind: a.kind,
    state: a.state,
    severity: a.severity,
    summary: a.summary,
    report_id: a.reportId,
    report_url: a.reportUrl,
    columns: [...a.columns],
    details: { ...a.details },
    fired_at: a.openedAt,
    resolved_at: a.resolvedAt,
    last_signal_at: a.lastSignalAt,
    notified_at: a.notifiedAt,
    acknowledged_by: a.acknowledgedBy,
    acknowledged_at: a.acknowledgedAt,
    ack_comment: a.ackComment,
    snoozed_until: a.snoozedUntil,
    snoozed_by: a.snoozedBy,
  };
}

function deliveryInfo(d: AlertDelivery): DeliveryInfo {
  return { id: d.id, alert_id: d.alertId, channel: d.channel, event: d.event, attempt: d.attempt, outcome: d.outcome, status_code: d.httpStatus, error: d.error, duration_ms: d.durationMs, at: d.at };
}

export const alertRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  const { alerter, clock } = runtime;

  app.get<{ Querystring: AlertsQuery }>('/v1/alerts', {
    schema: routeSchema({ tags: ['alerts'], summary: 'Alerts, newest first', query: alertsQuerySchema, response: { 200: listAlertsResponseSchema } }),
  }, async (req) => {
    const q = req.query;
    const list = await alerter.list({ ...(q.model !== undefined ? { model: q.model } : {}), ...(q.state !== undefined ? { state: q.state } : {}), limit: q.limit ?? 100 });
    return { alerts: list.map(alertInfo) };
  });

  app.get<{ Querystring: DeliveriesQuery }>('/v1/alerts/deliveries', {
    schema: routeSchema({ tags: ['alerts'], summary: 'Delivery attempts and their outcomes, newest first', query: deliveriesQuerySchema, response: { 200: listDeliveriesResponseSchema } }),
  }, async (req) => {
    const list = await alerter.deliveries({ ...(req.query.alert_id !== undefined ? { alertId: req.query.alert_id } : {}), limit: req.query.limit ?? 100 });
    return { deliveries: list.map(deliveryInfo) };
  });

  app.post<{ Params: { id: string }; Body: AckBody }>('/v1/alerts/:id/ack', {
    preValidation: optionalBody,
    config: { audit: false },
    schema: routeSchema({ tags: ['alerts'], summary: 'Acknowledge: no further firing or escalation notifications', params: alertIdParamsSchema, body: ackBodySchema, response: { 200: alertSchema } }),
  }, async (req) => alertInfo(await alerter.acknowledge(req.params.id, req.principal.name, req.body?.comment)));

  app.post<{ Params: { id: string }; Body: SnoozeBody }>('/v1/alerts/:id/snooze', {
    config: { audit: false },
    schema: routeSchema({
      tags: ['alerts'],
      summary: "Snooze the alert's model and kind until a time",
      description: '`{"until": "2026-12-07T09:00Z"}` (or epoch ms), or `{"minutes": 60}`.',
      params: alertIdParamsSchema,
      body: snoozeBodySchema,
      response: { 200: alertSchema },
    }),
  }, async (req) => {
    const b = req.body ?? {};
    if ((b.until === undefined) === (b.minutes === undefined)) throw new DriftwatchError('INVALID_ARGUMENT', 'give either "until" (a time) or "minutes"', { field: 'until' });
    const untilMs = b.minutes !== undefined ? clock.now() + b.minutes * 60_000 : typeof b.until === 'number' ? b.until : parseTime(b.until!, 'until');
    return alertInfo(await alerter.snooze(req.params.id, untilMs, req.principal.name));
  });

  app.get<{ Params: { name: string } }>('/v1/models/:name/mutes', {
    schema: routeSchema({ tags: ['alerts'], summary: "The model's muted columns", params: modelNameParamsSchema, response: { 200: mutesResponseSchema } }),
  }, async (req) => ({ mutes: (await alerter.mutes(req.params.name)).map((m) => ({ model: m.model, column: m.column, created_at: m.createdAt, created_by: m.createdBy })) }));

  app.post<{ Params: { name: string }; Body: MuteBody }>('/v1/models/:name/mutes', {
    config: { audit: false },
    schema: routeSchema({ tags: ['alerts'], summary: "Mute a column: its drift no longer counts towards the model's alerts", params: modelNameParamsSchema, body: muteBodySchema, response: { 201: mutesResponseSchema } }),
  }, async (req, reply) => {
    await requireModel(runtime, req.params.name);
    await alerter.mute(req.params.name, req.body.column, req.principal.name);
    void reply.code(201);
    return { mutes: (await alerter.mutes(req.params.name)).map((m) => ({ model: m.model, column: m.column, created_at: m.createdAt, created_by: m.createdBy })) };
  });

  app.delete<{ Params: { name: string; column: string } }>('/v1/models/:name/mutes/:column', {
    config: { audit: false },
    schema: routeSchema({ tags: ['alerts'], summary: 'Unmute a column', params: muteParamsSchema, response: { 200: mutesResponseSchema } }),
  }, async (req) => {
    await alerter.unmute(req.params.name, req.params.column, req.principal.name);
    return { mutes: (await alerter.mutes(req.params.name)).map((m) => ({ model: m.model, column: m.column, created_at: m.createdAt, created_by: m.createdBy })) };
  });
};
