/**
 * Monitoring events: `GET /v1/events` (newest first, by model, kind and time) and `GET /v1/events/stream`,
 * server-sent events for live pages — each event as one `data:` line holding its JSON record (with `id:` so
 * a browser reconnecting with Last-Event-ID gets what it missed), a comment line as a heartbeat, and the
 * stream ended when the server shuts down.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import { eventsQuerySchema, eventsResponseSchema, eventStreamQuerySchema, type EventsQuery, type EventStreamQuery } from '../../contracts/index.js';
import type { EventRecord } from '../../monitor/index.js';
import type { RouteContext } from '../build-app.js';
import { createEventHub, eventRecordOf } from '../event-hub.js';
import { parseTime } from '../query-time.js';
import { routeSchema } from '../route-schema.js';

const kindsOf = (text: string | undefined): string[] | undefined => (text === undefined ? undefined : text.split(',').map((k) => k.trim()).filter((k) => k !== ''));

const DEFAULT_HEARTBEAT_S = 15;
/** How often the events table is read for events of other processes, while any stream is open. */
const POLL_MS = 1000;

export const eventRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  const { store, monitor } = runtime;
  const hub = createEventHub({ store, onEvent: (l) => monitor.onEvent(l), pollMs: POLL_MS, onError: (e) => app.log.warn({ err: e }, 'the event stream could not read the events table') });
  const open = new Set<ServerResponse>();
  // Streams never end on their own: end them when the server closes, or close() would wait for them.
  app.addHook('preClose', async () => {
    hub.close();
    for (const res of open) res.end();
    open.clear();
  });

  app.get<{ Querystring: EventsQuery }>('/v1/events', {
    schema: routeSchema({ tags: ['monitoring'], summary: 'Monitoring events, newest first', query: eventsQuerySchema, response: { 200: eventsResponseSchema } }),
  }, async (req) => {
    const q = req.query;
    const kinds = kindsOf(q.kind);
    const rows = await store.events.list({
      ...(q.model !== undefined ? { model: q.model } : {}),
      ...(kinds !== undefined ? { kinds } : {}),
      ...(q.since !== undefined ? { sinceMs: parseTime(q.since, 'since') } : {}),
      limit: q.limit ?? 100,
    });
    return { events: rows.map(eventRecordOf) };
  });

  app.get<{ Querystring: EventStreamQuery }>('/v1/events/stream', {
    schema: routeSchema({
      tags: ['monitoring'],
      summary: 'Live monitoring events (text/event-stream)',
      description: 'Each event is one `data:` line with the JSON record and an `id:`; `: heartbeat` comments keep the connection open. Filters: `model`, `kind` (comma-separated). Send `Last-Event-ID` to get the events after it first.',
      query: eventStreamQuerySchema,
      response: {},
    }),
  }, async (req, reply) => {
    const kinds = kindsOf(req.query.kind);
    const model = req.query.model;
    const wanted = (e: EventRecord): boolean => (model === undefined || e.model === model) && (kinds === undefined || kinds.includes(e.kind));
    const lastHeader = req.headers['last-event-id'];
    const after = typeof lastHeader === 'string' && /^\d+$/.test(lastHeader) ? Number(lastHeader) : undefined;
    const backlog = after === undefined ? [] : await hub.replay(after);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const sent = new Set<string>();
    const send = (e: EventRecord): void => {
      if (!wanted(e) || sent.has(e.id)) return;
      sent.add(e.id);
      res.write(`id: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`);
    };
    // Tells the browser how long to wait before reconnecting, and flushes the headers at once.
    res.write('retry: 3000\n: connected\n\n');
    for (const e of backlog) send(e);
    const unsubscribe = hub.subscribe(send);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), (req.query.heartbeat_s ?? DEFAULT_HEARTBEAT_S) * 1000);
    heartbeat.unref();
    open.add(res);
    const done = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    };
    res.on('close', done);
  });
};
