/**
 * Monitoring events: what happened to a model over time (drift started or ended, performance dropped or
 * recovered, a check completed, retraining was requested). Appended by the monitor, listed by
 * `GET /v1/events` and replayed to the live stream.
 */
import type { Selectable } from 'kysely';
import { DriftwatchError } from '../../core/index.js';
import { isoOf, nowValue, type StoreContext } from '../context.js';
import type { EventsTable } from '../schema.js';

/** The kinds the monitor records; other kinds may be appended (e.g. by alerts or the pipeline). */
export const EVENT_KINDS = ['drift_started', 'drift_ended', 'performance_drop', 'performance_recovered', 'check_completed', 'retraining_requested'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export type EventSeverity = 'LOW' | 'MEDIUM' | 'HIGH';

export interface StoredEvent {
  readonly id: number;
  readonly model: string;
  readonly kind: string;
  readonly severity: EventSeverity | null;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly summary: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface NewEvent {
  readonly model: string;
  readonly kind: string;
  readonly severity?: EventSeverity | null;
  /** Epoch ms (default: the store clock's now). */
  readonly atMs?: number;
  readonly summary: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface EventFilter {
  readonly model?: string;
  readonly kinds?: readonly string[];
  /** Events at or after this time (epoch ms). */
  readonly sinceMs?: number;
  /** Events with a larger id (for a stream resuming after the last event it sent). */
  readonly afterId?: number;
  /** Default 100, at most 10,000. */
  readonly limit?: number;
  /** Default 'desc' (newest first). */
  readonly order?: 'asc' | 'desc';
}

export interface EventRepository {
  append(event: NewEvent): Promise<StoredEvent>;
  list(filter?: EventFilter): Promise<StoredEvent[]>;
}

const SEVERITIES = new Set(['LOW', 'MEDIUM', 'HIGH']);

export function eventRepository(ctx: StoreContext): EventRepository {
  const { db, dialect } = ctx;
  const toEvent = (r: Selectable<EventsTable>): StoredEvent => ({
    id: r.id,
    model: r.model_name,
    kind: r.kind,
    severity: r.severity !== null && SEVERITIES.has(r.severity) ? (r.severity as EventSeverity) : null,
    at: isoOf(ctx, r.at),
    summary: r.summary,
    data: dialect.readJson(r.data) as Record<string, unknown>,
  });
  return {
    async append(event) {
      if (event.kind.trim() === '') throw new DriftwatchError('INVALID_ARGUMENT', 'an event needs a kind', { field: 'kind' });
      const r = await db.insertInto('events').values({
        model_name: event.model,
        kind: event.kind,
        severity: event.severity ?? null,
        at: event.atMs === undefined ? nowValue(ctx) : dialect.writeTime(event.atMs),
        summary: event.summary,
        data: dialect.writeJson(event.data ?? {}),
      }).returningAll().executeTakeFirstOrThrow();
      return toEvent(r);
    },
    async list(filter = {}) {
      let q = db.selectFrom('events').selectAll();
      if (filter.model !== undefined) q = q.where('model_name', '=', filter.model);
      if (filter.kinds !== undefined) {
        if (filter.kinds.length === 0) return [];
        q = q.where('kind', 'in', [...filter.kinds]);
      }
      if (filter.sinceMs !== undefined) q = q.where('at', '>=', dialect.writeTime(filter.sinceMs));
      if (filter.afterId !== undefined) q = q.where('id', '>', filter.afterId);
      const desc = (filter.order ?? 'desc') === 'desc';
      const limit = Math.max(1, Math.min(10_000, Math.floor(filter.limit ?? 100)));
      const rows = await q.orderBy('at', desc ? 'desc' : 'asc').orderBy('id', desc ? 'desc' : 'asc').limit(limit).execute();
      return rows.map(toEvent);
    },
  };
}
