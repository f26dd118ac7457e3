/** The audit log: every change to models, aliases, baselines, approvals and jobs, with who and when. */
import { sql, type Selectable } from 'kysely';
import { DriftwatchError } from '../../core/index.js';
import { isoOf, nowValue, type StoreContext } from '../context.js';
import type { AuditEventsTable } from '../schema.js';

export interface AuditEvent {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  /** Dotted verb, e.g. 'model.registered', 'alias.moved', 'model.rolled_back', 'approval.decided'. */
  readonly action: string;
  /** What kind of thing it is about: 'model', 'dataset', 'approval', 'job', 'api_key'. */
  readonly subjectKind: string;
  /** Its name or id, e.g. 'churn', 'churn:3', '12'. */
  readonly subject: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface NewAuditEvent {
  readonly actor: string;
  readonly action: string;
  readonly subjectKind: string;
  readonly subject: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditFilter {
  readonly subjectKind?: string;
  readonly subject?: string;
  /** Subjects starting with this, e.g. 'churn' matches 'churn' and 'churn:3'. */
  readonly subjectPrefix?: string;
  /**
   * Events about this model: its own subjects ('churn', 'churn:3') and every event whose details name it
   * (approval decisions, retraining jobs, analysed reports).
   */
  readonly model?: string;
  readonly action?: string;
  /** Who made the change (an API key's name, a user, "pipeline"). */
  readonly actor?: string;
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly limit?: number;
  /** 'asc' (default): oldest first; 'desc': the newest `limit` events, newest first. */
  readonly order?: 'asc' | 'desc';
}

export interface AuditRepository {
  record(event: NewAuditEvent): Promise<AuditEvent>;
  /** Oldest first, unless `order: 'desc'`. */
  list(filter?: AuditFilter): Promise<AuditEvent[]>;
}

export function auditRepository(ctx: StoreContext): AuditRepository {
  const { db, dialect } = ctx;
  const toEvent = (r: Selectable<AuditEventsTable>): AuditEvent => ({
    id: r.id,
    at: isoOf(ctx, r.at),
    actor: r.actor,
    action: r.action,
    subjectKind: r.subject_kind,
    subject: r.subject,
    details: dialect.readJson(r.details) as Record<string, unknown>,
  });
  return {
    async record(event) {
      const insert = db.insertInto('audit_events').values({
        at: nowValue(ctx),
        actor: event.actor,
        action: event.action,
        subject_kind: event.subjectKind,
        subject: event.subject,
        details: dialect.writeJson(event.details ?? {}),
      }).returningAll();
      // Audited requests come in bursts (ingest): off the event loop, they share commits with the prediction log.
      if (ctx.writeThread !== undefined) {
        const q = insert.compile();
        const r = await ctx.writeThread.submit({ kind: 'sql', sql: q.sql, params: q.parameters });
        if (r.kind !== 'rows' || r.rows[0] === undefined) throw new DriftwatchError('INTERNAL', 'the audit row was not returned by its insert');
        return toEvent(r.rows[0] as Selectable<AuditEventsTable>);
      }
      return toEvent(await insert.executeTakeFirstOrThrow());
    },
    async list(filter = {}) {
      let q = db.selectFrom('audit_events').selectAll();
      if (filter.subjectKind !== undefined) q = q.where('subject_kind', '=', filter.subjectKind);
      if (filter.subject !== undefined) q = q.where('subject', '=', filter.subject);
      if (filter.subjectPrefix !== undefined) {
        const p = filter.subjectPrefix;
        q = q.where((eb) => eb.or([eb('subject', '=', p), sql<boolean>`subject like ${`${p.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`} escape '\\'`]));
      }
      if (filter.model !== undefined) {
        const m = filter.model;
        q = q.where((eb) => eb.or([
          eb.and([eb('subject_kind', '=', 'model'), eb.or([eb('subject', '=', m), sql<boolean>`subject like ${`${m.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`} escape '\\'`])]),
          eb(dialect.jsonText('details', 'model'), '=', m),
        ]));
      }
      if (filter.action !== undefined) q = q.where('action', '=', filter.action);
      if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
      if (filter.sinceMs !== undefined) q = q.where('at', '>=', dialect.writeTime(filter.sinceMs));
      if (filter.untilMs !== undefined) q = q.where('at', '<=', dialect.writeTime(filter.untilMs));
      const dir = filter.order ?? 'asc';
      const rows = await q.orderBy('at', dir).orderBy('id', dir).limit(filter.limit ?? 10_000).execute();
      return rows.map(toEvent);
    },
  };
}
