/**
 * Alerts: one row per episode (opened when the policy fires, closed when it resolves), the policy's durable
 * streak state per (model, kind), every delivery attempt, and muted columns. The policy itself lives in
 * src/alerts; this repository only stores what it decides, so several processes share one state.
 */
import type { Selectable, Updateable } from 'kysely';
import { DriftwatchError } from '../../core/index.js';
import { isoOf, isoOrNull, nowValue, type StoreContext } from '../context.js';
import type { AlertDeliveriesTable, AlertMutesTable, AlertsTable, AlertStreaksTable } from '../schema.js';

export type StoredAlertState = 'firing' | 'resolved';

export interface StoredAlert {
  readonly id: number;
  readonly modelName: string;
  readonly kind: string;
  readonly state: StoredAlertState;
  readonly severity: string;
  readonly summary: string;
  readonly reportId: string | null;
  readonly columns: readonly string[];
  readonly details: Readonly<Record<string, unknown>>;
  readonly openedAt: string;
  readonly resolvedAt: string | null;
  readonly lastSignalAt: string;
  /** When the firing notification was sent; null while a snooze holds it back. */
  readonly notifiedAt: string | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: string | null;
  readonly ackComment: string | null;
  readonly snoozedUntil: string | null;
  readonly snoozedBy: string | null;
}

export interface NewStoredAlert {
  readonly modelName: string;
  readonly kind: string;
  readonly severity: string;
  readonly summary: string;
  readonly reportId?: string | null;
  readonly columns?: readonly string[];
  readonly details?: Readonly<Record<string, unknown>>;
  /** Epoch ms of the signal that opened the episode. */
  readonly atMs: number;
  /** Epoch ms when the firing notification was handed to delivery; null while a snooze holds it back. */
  readonly notifiedAtMs: number | null;
  readonly snoozedUntilMs?: number | null;
}

export interface StoredAlertUpdate {
  readonly state?: StoredAlertState;
  readonly severity?: string;
  readonly summary?: string;
  readonly reportId?: string | null;
  readonly resolvedAtMs?: number;
  readonly lastSignalAtMs?: number;
  readonly notifiedAtMs?: number;
}

/** The policy's durable state of one (model, kind); times are epoch ms. */
export interface StoredStreak {
  readonly modelName: string;
  readonly kind: string;
  readonly activeStreak: number;
  readonly quietStreak: number;
  readonly openAlertId: number | null;
  readonly lastFiredAtMs: number | null;
  readonly snoozedUntilMs: number | null;
  readonly lastSignalAtMs: number | null;
  /** 0 for a state never written. */
  readonly version: number;
}

export type DeliveryOutcome = 'ok' | 'failed';

export interface StoredDelivery {
  readonly id: number;
  readonly alertId: number;
  readonly channel: string;
  readonly event: string;
  readonly attempt: number;
  readonly outcome: DeliveryOutcome;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly at: string;
}

export interface NewStoredDelivery {
  readonly alertId: number;
  readonly channel: string;
  readonly event: string;
  readonly attempt: number;
  readonly outcome: DeliveryOutcome;
  readonly httpStatus?: number | null;
  readonly error?: string | null;
  readonly durationMs: number;
}

export interface StoredMute {
  readonly modelName: string;
  readonly column: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface AlertRepository {
  create(input: NewStoredAlert): Promise<StoredAlert>;
  get(id: number): Promise<StoredAlert | undefined>;
  /** NOT_FOUND when there is no such alert. */
  require(id: number): Promise<StoredAlert>;
  /** Newest first. */
  list(filter?: { modelName?: string; kind?: string; state?: StoredAlertState; limit?: number }): Promise<StoredAlert[]>;
  update(id: number, patch: StoredAlertUpdate): Promise<StoredAlert>;
  acknowledge(id: number, actor: string, comment?: string | null): Promise<StoredAlert>;
  snooze(id: number, untilMs: number, actor: string): Promise<StoredAlert>;

  /** The streak state of (model, kind); a zero state (version 0) when none was written yet. */
  streak(modelName: string, kind: string): Promise<StoredStreak>;
  /**
   * Writes the state if nobody wrote it since it was read at `expectedVersion` (0: never written); false when
   * somebody did, so the caller re-reads and decides again.
   */
  saveStreak(next: Omit<StoredStreak, 'version'>, expectedVersion: number): Promise<boolean>;

  recordDelivery(input: NewStoredDelivery): Promise<StoredDelivery>;
  /** Newest first. */
  deliveries(filter?: { alertId?: number; limit?: number }): Promise<StoredDelivery[]>;

  /** Mutes a column of a model; muting it again changes nothing. */
  mute(modelName: string, column: string, actor: string): Promise<StoredMute>;
  /** False when the column was not muted. */
  unmute(modelName: string, column: string): Promise<boolean>;
  mutes(modelName?: string): Promise<StoredMute[]>;
}

export function alertRepository(ctx: StoreContext): AlertRepository {
  const { db, dialect } = ctx;
  const msOrNull = (v: AlertStreaksTable['last_fired_at']): number | null => (v === null ? null : dialect.readTime(v));
  const timeOrNull = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : dialect.writeTime(ms));

  const toAlert = (r: Selectable<AlertsTable>): StoredAlert => ({
    id: r.id,
    modelName: r.model_name,
    kind: r.kind,
    state: r.state as StoredAlertState,
    severity: r.severity,
    summary: r.summary,
    reportId: r.report_id,
    columns: dialect.readJson(r.columns) as string[],
    details: dialect.readJson(r.details) as Record<string, unknown>,
    openedAt: isoOf(ctx, r.opened_at),
    resolvedAt: isoOrNull(ctx, r.resolved_at),
    lastSignalAt: isoOf(ctx, r.last_signal_at),
    notifiedAt: isoOrNull(ctx, r.notified_at),
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: isoOrNull(ctx, r.acknowledged_at),
    ackComment: r.ack_comment,
    snoozedUntil: isoOrNull(ctx, r.snoozed_until),
    snoozedBy: r.snoozed_by,
  });
  const toStreak = (r: Selectable<AlertStreaksTable>): StoredStreak => ({
    modelName: r.model_name,
    kind: r.kind,
    activeStreak: r.active_streak,
    quietStreak: r.quiet_streak,
    openAlertId: r.open_alert_id,
    lastFiredAtMs: msOrNull(r.last_fired_at),
    snoozedUntilMs: msOrNull(r.snoozed_until),
    lastSignalAtMs: msOrNull(r.last_signal_at),
    version: r.version,
  });
  const toDelivery = (r: Selectable<AlertDeliveriesTable>): StoredDelivery => ({
    id: r.id,
    alertId: r.alert_id,
    channel: r.channel,
    event: r.event,
    attempt: r.attempt,
    outcome: r.outcome as DeliveryOutcome,
    httpStatus: r.http_status,
    error: r.error,
    durationMs: r.duration_ms,
    at: isoOf(ctx, r.at),
  });
  const toMute = (r: Selectable<AlertMutesTable>): StoredMute => ({
    modelName: r.model_name,
    column: r.column_name,
    createdAt: isoOf(ctx, r.created_at),
    createdBy: r.created_by,
  });

  const repo: AlertRepository = {
    async create(input) {
      const at = dialect.writeTime(input.atMs);
      const r = await db.insertInto('alerts').values({
        model_name: input.modelName,
        kind: input.kind,
        state: 'firing',
        severity: input.severity,
        summary: input.summary,
        report_id: input.reportId ?? null,
        columns: dialect.writeJson(input.columns ?? []),
        details: dialect.writeJson(input.details ?? {}),
        opened_at: at,
        resolved_at: null,
        last_signal_at: at,
        notified_at: timeOrNull(input.notifiedAtMs),
        acknowledged_by: null,
        acknowledged_at: null,
        ack_comment: null,
        snoozed_until: timeOrNull(input.snoozedUntilMs),
        snoozed_by: null,
      }).returningAll().executeTakeFirstOrThrow();
      return toAlert(r);
    },
    async get(id) {
      const r = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : toAlert(r);
    },
    async require(id) {
      const a = await repo.get(id);
      if (a === undefined) throw new DriftwatchError('NOT_FOUND', `there is no alert ${id}; GET /v1/alerts lists them`, { field: 'alert' });
      return a;
    },
    async list(filter = {}) {
      let q = db.selectFrom('alerts').selectAll();
      if (filter.modelName !== undefined) q = q.where('model_name', '=', filter.modelName);
      if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
      if (filter.state !== undefined) q = q.where('state', '=', filter.state);
      const rows = await q.orderBy('id', 'desc').limit(filter.limit ?? 1000).execute();
      return rows.map(toAlert);
    },
    async update(id, patch) {
      const set: Updateable<AlertsTable> = {};
      if (patch.state !== undefined) set.state = patch.state;
      if (patch.severity !== undefined) set.severity = patch.severity;
      if (patch.summary !== undefined) set.summary = patch.summary;
      if (patch.reportId !== undefined) set.report_id = patch.reportId;
      if (patch.resolvedAtMs !== undefined) set.resolved_at = dialect.writeTime(patch.resolvedAtMs);
      if (patch.lastSignalAtMs !== undefined) set.last_signal_at = dialect.writeTime(patch.lastSignalAtMs);
      if (patch.notifiedAtMs !== undefined) set.notified_at = dialect.writeTime(patch.notifiedAtMs);
      if (Object.keys(set).length === 0) return repo.require(id);
      const r = await db.updateTable('alerts').set(set).where('id', '=', id).returningAll().executeTakeFirst();
      if (r === undefined) return repo.require(id);
      return toAlert(r);
    },
    async acknowledge(id, actor, comment = null) {
      const r = await db.updateTable('alerts').set({ acknowledged_by: actor, acknowledged_at: nowValue(ctx), ack_comment: comment })
        .where('id', '=', id).returningAll().executeTakeFirst();
      if (r === undefined) return repo.require(id);
      return toAlert(r);
    },
    async snooze(id, untilMs, actor) {
      const r = await db.updateTable('alerts').set({ snoozed_until: dialect.writeTime(untilMs), snoozed_by: actor })
        .where('id', '=', id).returningAll().executeTakeFirst();
      if (r === undefined) return repo.require(id);
      return toAlert(r);
    },

    async streak(modelName, kind) {
      const r = await db.selectFrom('alert_streaks').selectAll().where('model_name', '=', modelName).where('kind', '=', kind).executeTakeFirst();
      if (r !== undefined) return toStreak(r);
      return { modelName, kind, activeStreak: 0, quietStreak: 0, openAlertId: null, lastFiredAtMs: null, snoozedUntilMs: null, lastSignalAtMs: null, version: 0 };
    },
    async saveStreak(next, expectedVersion) {
      const values = {
        active_streak: next.activeStreak,
        quiet_streak: next.quietStreak,
        open_alert_id: next.openAlertId,
        last_fired_at: timeOrNull(next.lastFiredAtMs),
        snoozed_until: timeOrNull(next.snoozedUntilMs),
        last_signal_at: timeOrNull(next.lastSignalAtMs),
        version: expectedVersion + 1,
        updated_at: nowValue(ctx),
      };
      if (expectedVersion === 0) {
        const inserted = await db.insertInto('alert_streaks').values({ model_name: next.modelName, kind: next.kind, ...values })
          .onConflict((oc) => oc.columns(['model_name', 'kind']).doNothing()).returning('version').executeTakeFirst();
        return inserted !== undefined;
      }
      const updated = await db.updateTable('alert_streaks').set(values)
        .where('model_name', '=', next.modelName).where('kind', '=', next.kind).where('version', '=', expectedVersion)
        .returning('version').executeTakeFirst();
      return updated !== undefined;
    },

    async recordDelivery(input) {
      const r = await db.insertInto('alert_deliveries').values({
        alert_id: input.alertId,
        channel: input.channel,
        event: input.event,
        attempt: input.attempt,
        outcome: input.outcome,
        http_status: input.httpStatus ?? null,
        error: input.error ?? null,
        duration_ms: Math.max(0, Math.round(input.durationMs)),
        at: nowValue(ctx),
      }).returningAll().executeTakeFirstOrThrow();
      return toDelivery(r);
    },
    async deliveries(filter = {}) {
      let q = db.selectFrom('alert_deliveries').selectAll();
      if (filter.alertId !== undefined) q = q.where('alert_id', '=', filter.alertId);
      const rows = await q.orderBy('id', 'desc').limit(filter.limit ?? 1000).execute();
      return rows.map(toDelivery);
    },

    async mute(modelName, column, actor) {
      await db.insertInto('alert_mutes').values({ model_name: modelName, column_name: column, created_at: nowValue(ctx), created_by: actor })
        .onConflict((oc) => oc.columns(['model_name', 'column_name']).doNothing()).execute();
      const r = await db.selectFrom('alert_mutes').selectAll().where('model_name', '=', modelName).where('column_name', '=', column).executeTakeFirstOrThrow();
      return toMute(r);
    },
    async unmute(modelName, column) {
      const r = await db.deleteFrom('alert_mutes').where('model_name', '=', modelName).where('column_name', '=', column).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async mutes(modelName) {
      let q = db.selectFrom('alert_mutes').selectAll();
      if (modelName !== undefined) q = q.where('model_name', '=', modelName);
      const rows = await q.orderBy('model_name').orderBy('column_name').execute();
      return rows.map(toMute);
    },
  };
  return repo;
}
