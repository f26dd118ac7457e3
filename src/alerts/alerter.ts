/**
 * `createAlerter`: applies the policy to each check's signal against the state stored for its model and kind,
 * records the alert, and hands notifications to background delivery. The decision is stored before `observe`
 * returns; sending is never awaited there.
 */
import { DriftwatchError, isDriftwatchError, type Clock } from '../core/index.js';
import type { StoredAlert, Store } from '../store/index.js';
import { buildChannels, channelTimeoutMs } from './channels/build-channels.js';
import type { AlertsConfig } from './config.js';
import { createDeliverer, silentLogger, type AlertLogger } from './deliver.js';
import type { Notification } from './message.js';
import { decide, sameStreak, type StreakState } from './policy.js';
import { alertOf, deliveryOf as toDelivery, muteOf } from './records.js';
import { resolveAlertSettings } from './settings.js';
import { SEVERITIES, SEVERITY_RANK, SIGNAL_KINDS, type Alert, type AlertDelivery, type AlertEvent, type Alerter, type CheckSignal, type Severity } from './types.js';

export interface AlerterDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly config: AlertsConfig;
  /** Where the channels' secrets are read from (their variable names are in the config). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof fetch;
  readonly logger?: AlertLogger;
  /** Called after each recorded delivery attempt (e.g. to count driftwatch_alerts_total{channel,outcome}). */
  readonly onDelivery?: (d: AlertDelivery) => void;
}

/** Another writer changed the streak between our read and our write: read again and decide again. */
class StaleStreak extends Error {}

const MAX_TRIES = 8;

export function createAlerter(deps: AlerterDeps): Alerter {
  const { store, clock } = deps;
  const logger = deps.logger ?? silentLogger;
  const settings = resolveAlertSettings(deps.config);
  const channels = buildChannels(settings.channels, { env: deps.env, clock, fetch: deps.fetch ?? globalThis.fetch, defaultTimeoutMs: settings.delivery.timeoutMs });

  const toAlert = (a: StoredAlert): Alert => alertOf(a, settings.publicUrl);

  const deliverer = createDeliverer({
    store,
    settings: settings.delivery,
    timeoutMs: (c) => channelTimeoutMs(settings.channels[c.name]!, settings.delivery.timeoutMs),
    logger,
    toDelivery,
    onDelivery: deps.onDelivery,
  });

  const notify = (alert: StoredAlert, event: AlertEvent): void => {
    const n: Notification = { event, alert: toAlert(alert), sentAt: new Date(clock.now()).toISOString() };
    const names = settings.routes[alert.severity as Severity] ?? [];
    logger.info({ alert_id: alert.id, model: alert.modelName, kind: alert.kind, severity: alert.severity, event, channels: names }, `alert ${event}`);
    for (const name of names) deliverer.schedule({ alertId: alert.id, channel: channels.get(name)!, notification: n });
  };

  /** One decision at a time per (model, kind) in this process; other processes are handled by the streak version. */
  const tails = new Map<string, Promise<unknown>>();
  const serialized = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const prev = tails.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };

  const parseId = (alertId: string): number => {
    if (!/^\d{1,15}$/.test(alertId)) throw new DriftwatchError('NOT_FOUND', `there is no alert ${JSON.stringify(alertId)}; GET /v1/alerts lists them`, { field: 'alert' });
    return Number(alertId);
  };
  const requireText = (value: string, field: string): void => {
    if (typeof value !== 'string' || value.trim() === '') throw new DriftwatchError('INVALID_ARGUMENT', `${field} must be a non-empty text`, { field });
  };

  const observeOnce = async (signal: CheckSignal): Promise<{ fired: boolean; resolved: boolean; alertId?: string }> => {
    const muted = new Set((await store.alerts.mutes(signal.model)).map((m) => m.column));
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      let outcome: { alert: StoredAlert | undefined; event: AlertEvent | null; fired: boolean; resolved: boolean };
      try {
        outcome = await store.transaction(async (tx) => {
          const s = await tx.alerts.streak(signal.model, signal.kind);
          const found = s.openAlertId === null ? undefined : await tx.alerts.get(s.openAlertId);
          const open = found?.state === 'firing' ? found : undefined;
          const state: StreakState = {
            activeStreak: s.activeStreak,
            quietStreak: s.quietStreak,
            lastFiredAtMs: s.lastFiredAtMs,
            snoozedUntilMs: s.snoozedUntilMs,
            open: open === undefined ? null : { severity: open.severity as Severity, acknowledged: open.acknowledgedBy !== null, notified: open.notifiedAt !== null },
          };
          const d = decide(state, signal, settings.policy, muted);
          const at = signal.at;
          const latest = { summary: signal.summary, reportId: signal.reportId ?? null, lastSignalAtMs: at };
          let alert = open;
          let event: AlertEvent | null = null;
          switch (d.action.type) {
            case 'none':
              break;
            case 'fire':
              alert = await tx.alerts.create({
                modelName: signal.model,
                kind: signal.kind,
                severity: signal.severity,
                summary: signal.summary,
                reportId: signal.reportId ?? null,
                columns: signal.columns ?? [],
                details: signal.details ?? {},
                atMs: at,
                notifiedAtMs: d.action.notify ? at : null,
              });
              event = d.action.notify ? 'fired' : null;
              break;
            case 'escalate':
              alert = await tx.alerts.update(open!.id, { ...latest, severity: signal.severity });
              event = d.action.notify ? 'escalated' : null;
              break;
            case 'notify_held': {
              const severity = SEVERITY_RANK[signal.severity] > SEVERITY_RANK[open!.severity as Severity] ? signal.severity : open!.severity;
              alert = await tx.alerts.update(open!.id, { ...latest, severity, notifiedAtMs: at });
              event = 'fired';
              break;
            }
            case 'touch':
              // A counting check refreshes the finding; a quiet one only says the episode was seen.
              alert = await tx.alerts.update(open!.id, d.counted ? latest : { lastSignalAtMs: at });
              break;
            case 'resolve':
              alert = await tx.alerts.update(open!.id, { state: 'resolved', resolvedAtMs: at, lastSignalAtMs: at });
              event = d.action.notify ? 'resolved' : null;
              break;
          }
          const openAlertId = d.action.type === 'resolve' ? null : alert?.state === 'firing' ? alert.id : null;
          // A steady state (quiet check after quiet check) is not written again: monitoring stays read-only then.
          const unchanged = d.action.type === 'none' && s.version > 0 && openAlertId === s.openAlertId && sameStreak(d.next, state);
          if (!unchanged) {
            const saved = await tx.alerts.saveStreak({ modelName: signal.model, kind: signal.kind, ...d.next, openAlertId, lastSignalAtMs: at }, s.version);
            if (!saved) throw new StaleStreak();
          }
          return { alert, event, fired: d.action.type === 'fire', resolved: d.action.type === 'resolve' };
        });
      } catch (e) {
        // A concurrent writer: the streak moved, or another process opened the episode first.
        if (e instanceof StaleStreak || (isDriftwatchError(e) && e.code === 'CONFLICT')) continue;
        throw e;
      }
      if (outcome.alert !== undefined && outcome.event !== null) notify(outcome.alert, outcome.event);
      return { fired: outcome.fired, resolved: outcome.resolved, ...(outcome.alert !== undefined ? { alertId: String(outcome.alert.id) } : {}) };
    }
    throw new DriftwatchError('CONFLICT', `the alert state of ${signal.model} (${signal.kind}) kept changing under this check; it was not recorded`, { field: 'alert' });
  };

  const validate = (signal: CheckSignal): void => {
    requireText(signal.model, 'model');
    if (!SIGNAL_KINDS.includes(signal.kind)) throw new DriftwatchError('INVALID_ARGUMENT', `kind must be one of ${SIGNAL_KINDS.join(', ')}, not ${JSON.stringify(signal.kind)}`, { field: 'kind' });
    if (!SEVERITIES.includes(signal.severity)) throw new DriftwatchError('INVALID_ARGUMENT', `severity must be one of ${SEVERITIES.join(', ')}, not ${JSON.stringify(signal.severity)}`, { field: 'severity' });
    if (!Number.isFinite(signal.at)) throw new DriftwatchError('INVALID_ARGUMENT', 'at must be a time in epoch milliseconds', { field: 'at' });
  };

  return {
    async observe(signal) {
      validate(signal);
      return serialized(`${signal.model}\u0000${signal.kind}`, () => observeOnce(signal));
    },
    async list(filter = {}) {
      const rows = await store.alerts.list({ ...(filter.model !== undefined ? { modelName: filter.model } : {}), ...(filter.state !== undefined ? { state: filter.state } : {}), ...(filter.limit !== undefined ? { limit: filter.limit } : {}) });
      return rows.map(toAlert);
    },
    async deliveries(filter = {}) {
      const rows = await store.alerts.deliveries({ ...(filter.alertId !== undefined ? { alertId: parseId(filter.alertId) } : {}), ...(filter.limit !== undefined ? { limit: filter.limit } : {}) });
      return rows.map(toDelivery);
    },
    async acknowledge(alertId, actor, comment) {
      requireText(actor, 'actor');
      const id = parseId(alertId);
      // Like the registry, the change and its audit event commit together.
      const alert = await store.transaction(async (tx) => {
        const a = await tx.alerts.acknowledge(id, actor, comment ?? null);
        await tx.audit.record({ actor, action: 'alert.acknowledged', subjectKind: 'alert', subject: String(id), details: { model: a.modelName, kind: a.kind, ...(comment !== undefined ? { comment } : {}) } });
        return a;
      });
      return toAlert(alert);
    },
    async snooze(alertId, untilMs, actor) {
      requireText(actor, 'actor');
      if (!Number.isFinite(untilMs)) throw new DriftwatchError('INVALID_ARGUMENT', 'until must be a time', { field: 'until' });
      const id = parseId(alertId);
      const existing = await store.alerts.require(id);
      const key = `${existing.modelName}\u0000${existing.kind}`;
      // The snooze holds for the model and kind (an episode opening during it stays quiet too), so it is
      // written to the streak state as well, under the same serialisation as observe.
      return serialized(key, async () => {
        for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
          try {
            const alert = await store.transaction(async (tx) => {
              const a = await tx.alerts.snooze(id, untilMs, actor);
              const s = await tx.alerts.streak(a.modelName, a.kind);
              const { version, ...rest } = s;
              if (!(await tx.alerts.saveStreak({ ...rest, snoozedUntilMs: untilMs }, version))) throw new StaleStreak();
              await tx.audit.record({ actor, action: 'alert.snoozed', subjectKind: 'alert', subject: String(id), details: { model: a.modelName, kind: a.kind, until: new Date(untilMs).toISOString() } });
              return a;
            });
            logger.info({ alert_id: id, until: new Date(untilMs).toISOString(), actor }, 'alert snoozed');
            return toAlert(alert);
          } catch (e) {
            if (e instanceof StaleStreak) continue;
            throw e;
          }
        }
        throw new DriftwatchError('CONFLICT', `alert ${id} kept changing; snooze it again`, { field: 'alert' });
      });
    },
    async mute(model, column, actor) {
      requireText(model, 'model');
      requireText(column, 'column');
      requireText(actor, 'actor');
      await store.transaction(async (tx) => {
        await tx.alerts.mute(model, column, actor);
        await tx.audit.record({ actor, action: 'alert.column_muted', subjectKind: 'model', subject: model, details: { column } });
      });
    },
    async unmute(model, column, actor) {
      requireText(model, 'model');
      requireText(column, 'column');
      requireText(actor, 'actor');
      await store.transaction(async (tx) => {
        if (!(await tx.alerts.unmute(model, column))) {
          throw new DriftwatchError('NOT_FOUND', `column ${JSON.stringify(column)} of model ${JSON.stringify(model)} is not muted`, { field: 'column' });
        }
        await tx.audit.record({ actor, action: 'alert.column_unmuted', subjectKind: 'model', subject: model, details: { column } });
      });
    },
    async mutes(model) {
      return (await store.alerts.mutes(model)).map(muteOf);
    },
    async close() {
      await Promise.allSettled([...tails.values()]);
      await deliverer.close();
    },
  };
}
