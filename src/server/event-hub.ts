/**
 * The live feed behind `GET /v1/events/stream`: the monitor's in-process events as they happen, plus one poll
 * of the events table for every stream together (so events recorded by another process — a worker, another
 * API — arrive too). Each event reaches each subscriber once: ids already delivered are remembered for a while.
 */
import type { EventRecord } from '../monitor/index.js';
import type { Store, StoredEvent } from '../store/index.js';

export interface EventHub {
  /** Calls `listener` with every new event from now on; returns the unsubscribe function. */
  subscribe(listener: (e: EventRecord) => void): () => void;
  /** Events after `afterId` from the table, oldest first (a stream resuming with Last-Event-ID). */
  replay(afterId: number): Promise<EventRecord[]>;
  close(): void;
}

export function eventRecordOf(e: StoredEvent): EventRecord {
  return { id: String(e.id), model: e.model, kind: e.kind, ...(e.severity !== null ? { severity: e.severity } : {}), at: e.at, summary: e.summary, data: { ...e.data } };
}

const REMEMBERED = 5000;

export function createEventHub(deps: { store: Store; onEvent: (listener: (e: EventRecord) => void) => () => void; pollMs: number; onError: (e: unknown) => void }): EventHub {
  const listeners = new Set<(e: EventRecord) => void>();
  const seen = new Set<string>();
  let mark: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let unhook: (() => void) | undefined;

  const deliver = (e: EventRecord): void => {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    // Sets iterate in insertion order: drop the oldest ids.
    if (seen.size > REMEMBERED) for (const id of seen) { seen.delete(id); if (seen.size <= REMEMBERED / 2) break; }
    for (const l of listeners) l(e);
  };

  const poll = async (): Promise<void> => {
    if (polling) return;
    polling = true;
    try {
      if (mark === undefined) {
        mark = (await deps.store.events.list({ limit: 1, order: 'desc' }))[0]?.id ?? 0;
        return;
      }
      const rows = await deps.store.events.list({ afterId: mark, order: 'asc', limit: 500 });
      for (const r of rows) {
        mark = Math.max(mark, r.id);
        deliver(eventRecordOf(r));
      }
    } catch (e) {
      deps.onError(e);
    } finally {
      polling = false;
    }
  };

  const start = (): void => {
    unhook = deps.onEvent(deliver);
    void poll();
    timer = setInterval(() => void poll(), deps.pollMs);
    timer.unref();
  };
  const stop = (): void => {
    unhook?.();
    unhook = undefined;
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    mark = undefined;
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    async replay(afterId) {
      const rows = await deps.store.events.list({ afterId, order: 'asc', limit: 1000 });
      return rows.map(eventRecordOf);
    },
    close() {
      listeners.clear();
      stop();
    },
  };
}
