/**
 * Background delivery: each notification goes to each of its channels in its own task, tried up to
 * `attempts` times with exponential backoff (1 s, 4 s, 16 s by default), each attempt bounded by a timeout and
 * recorded in the store. One alert's notifications reach a channel in the order they were scheduled (its
 * "resolved" never overtakes its "fired", even while "fired" is retried): they queue per alert and channel;
 * other alerts and channels do not wait. Nothing here throws to the caller: a channel that fails or hangs
 * costs its own tasks and never the monitoring that scheduled them.
 */
import type { Store } from '../store/index.js';
import { DeliveryFailure, type Channel } from './channels/channel.js';
import type { Notification } from './message.js';
import type { DeliverySettings } from './settings.js';
import type { AlertDelivery } from './types.js';

/** pino-compatible: `logger.warn({ fields }, 'message')`. */
export interface AlertLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: AlertLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface DeliveryTask {
  readonly alertId: number;
  readonly channel: Channel;
  readonly notification: Notification;
}

export interface Deliverer {
  schedule(task: DeliveryTask): void;
  /** Resolves when no delivery is running or waiting. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface DelivererDeps {
  readonly store: Store;
  readonly settings: DeliverySettings;
  readonly timeoutMs: (channel: Channel) => number;
  readonly logger: AlertLogger;
  readonly toDelivery: (stored: Awaited<ReturnType<Store['alerts']['recordDelivery']>>) => AlertDelivery;
  readonly onDelivery?: ((d: AlertDelivery) => void) | undefined;
}

/** Replaces every secret value in a text (an error message may quote a URL or a header). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}

function describeError(e: unknown, timeoutMs: number): { message: string; status: number | null; retryable: boolean } {
  if (e instanceof DeliveryFailure) return { message: e.message, status: e.httpStatus, retryable: e.retryable };
  const err = e as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (err.name === 'TimeoutError') return { message: `no answer within ${timeoutMs} ms`, status: null, retryable: true };
  if (err.name === 'AbortError') return { message: 'cancelled: the alerter is closing', status: null, retryable: false };
  const cause = err.cause !== undefined && typeof err.cause.message === 'string' ? ` (${err.cause.message})` : '';
  return { message: `${typeof err.message === 'string' ? err.message : String(e)}${cause}`, status: null, retryable: true };
}

export function createDeliverer(deps: DelivererDeps): Deliverer {
  const { settings, logger } = deps;
  const running = new Set<Promise<void>>();
  /** The last task scheduled for each alert and channel: the next one starts after it. */
  const tails = new Map<string, Promise<void>>();
  const closing = new AbortController();
  const wakers = new Set<() => void>();
  /** Set by close(): no new task starts and no failed attempt is retried. */
  let closingStarted = false;

  /** A backoff wait that ends early when the alerter closes. */
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });

  const record = async (task: DeliveryTask, attempt: number, outcome: 'ok' | 'failed', status: number | null, error: string | null, durationMs: number): Promise<void> => {
    try {
      const stored = await deps.store.alerts.recordDelivery({ alertId: task.alertId, channel: task.channel.name, event: task.notification.event, attempt, outcome, httpStatus: status, error, durationMs });
      deps.onDelivery?.(deps.toDelivery(stored));
    } catch (e) {
      logger.error({ alert_id: task.alertId, channel: task.channel.name, attempt, err: scrub(String(e), task.channel.secrets) }, 'could not record an alert delivery attempt');
    }
  };

  const run = async (task: DeliveryTask): Promise<void> => {
    const { channel } = task;
    const timeoutMs = deps.timeoutMs(channel);
    for (let attempt = 1; attempt <= settings.attempts; attempt++) {
      // Durations of real network calls, not points in time: measured on the monotonic clock, not the Clock.
      const t0 = performance.now();
      try {
        const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), closing.signal]);
        const result = await channel.send(task.notification, signal);
        await record(task, attempt, 'ok', result.httpStatus, null, performance.now() - t0);
        logger.info({ alert_id: task.alertId, channel: channel.name, event: task.notification.event, attempt }, 'alert delivered');
        return;
      } catch (e) {
        const d = describeError(e, timeoutMs);
        const message = scrub(d.message, channel.secrets);
        await record(task, attempt, 'failed', d.status, message, performance.now() - t0);
        const fields = { alert_id: task.alertId, channel: channel.name, event: task.notification.event, attempt, http_status: d.status, error: message };
        if (attempt === settings.attempts || !d.retryable) {
          logger.error(fields, 'alert delivery failed for good');
          return;
        }
        if (closingStarted) {
          logger.error(fields, 'alert delivery abandoned: the alerter is closing');
          return;
        }
        logger.warn(fields, 'alert delivery failed; retrying');
        await sleep(settings.backoffMs * settings.backoffFactor ** (attempt - 1));
        if (closingStarted) {
          logger.error(fields, 'alert delivery abandoned: the alerter is closing');
          return;
        }
      }
    }
  };

  const settleAll = (): Promise<void> => Promise.allSettled([...running]).then(() => undefined);

  return {
    schedule(task) {
      if (closingStarted) {
        logger.error({ alert_id: task.alertId, channel: task.channel.name }, 'alert not delivered: the alerter is closed');
        return;
      }
      const key = `${task.alertId}\u0000${task.channel.name}`;
      const before = tails.get(key) ?? Promise.resolve();
      // `run` never rejects past this catch, so a chain is never broken by the task before.
      const p = before.then(() => run(task)).catch((e: unknown) => logger.error({ alert_id: task.alertId, err: scrub(String(e), task.channel.secrets) }, 'alert delivery crashed'));
      tails.set(key, p);
      running.add(p);
      void p.finally(() => {
        running.delete(p);
        if (tails.get(key) === p) tails.delete(key);
      });
    },
    async idle() {
      while (running.size > 0) await settleAll();
    },
    async close() {
      closingStarted = true;
      for (const wake of [...wakers]) wake();
      let timer: NodeJS.Timeout | undefined;
      const bounded = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, settings.closeTimeoutMs);
      });
      await Promise.race([settleAll(), bounded]);
      clearTimeout(timer);
      if (running.size > 0) {
        closing.abort();
        await settleAll();
      }
    },
  };
}
