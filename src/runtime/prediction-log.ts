/**
 * Group commit for prediction logging. Single-row predictions arrive thousands a second; one transaction
 * each would cap throughput at the database's commit rate. Rows wait here for a few milliseconds (or until
 * a commit in progress finishes), then go to the store as one batch per model in one commit; every request
 * whose rows were in it is answered only after that commit, so an acknowledged prediction is durable.
 */
import type { PredictionRowInput } from '../store/index.js';

/**
 * Stores one model's rows in one commit (the monitor's `logRows`: redaction, then the store) and returns
 * the ids the store gave them, in row order (nothing when the rows carried their own).
 */
export type RowWriter = (model: string, rows: readonly PredictionRowInput[]) => Promise<{ readonly predictionIds: readonly string[] } | undefined>;

export interface PredictionLog {
  /**
   * Resolves with the rows' prediction ids once they are committed; rejects when their commit failed
   * (nothing of them stored). Rows without `predictionId` get the ids the store derives from their group's
   * batch (the fast path: no per-row id table); rows with one keep it.
   */
  append(model: string, rows: readonly PredictionRowInput[]): Promise<string[]>;
  /** Commits what is waiting and waits for commits in progress. */
  flush(): Promise<void>;
  /** Rows waiting or being committed now. */
  readonly pendingRows: number;
}

interface Waiter {
  readonly model: string;
  readonly rows: readonly PredictionRowInput[];
  resolve(ids: string[]): void;
  reject(e: unknown): void;
}

export interface PredictionLogOptions {
  /** How long the first row of a group waits for others (default 2 ms). */
  readonly windowMs?: number;
  /** A group is committed at once when it reaches this many rows (default 5,000). */
  readonly maxRows?: number;
  /**
   * Commits in flight at once (default 1). SQLite writes one at a time and its driver is synchronous, so 1;
   * Postgres commits on other connections of the pool while the next group gathers.
   */
  readonly maxInFlight?: number;
}

export function createPredictionLog(write: RowWriter, options: PredictionLogOptions = {}): PredictionLog {
  const windowMs = options.windowMs ?? 2;
  const maxRows = options.maxRows ?? 5000;
  const maxInFlight = Math.max(1, options.maxInFlight ?? 1);
  let waiting: Waiter[] = [];
  let waitingRows = 0;
  let committingRows = 0;
  let timer: NodeJS.Timeout | undefined;
  const committing = new Set<Promise<void>>();

  const commit = async (group: Waiter[]): Promise<void> => {
    const byModel = new Map<string, Waiter[]>();
    for (const w of group) {
      const list = byModel.get(w.model);
      if (list === undefined) byModel.set(w.model, [w]);
      else list.push(w);
    }
    for (const [model, waiters] of byModel) {
      const rows = waiters.length === 1 ? waiters[0]!.rows : waiters.flatMap((w) => w.rows);
      try {
        const stored = await write(model, rows);
        // Each waiter's rows are a contiguous slice of the group's, in append order.
        let at = 0;
        for (const w of waiters) {
          const n = w.rows.length;
          w.resolve(stored !== undefined ? stored.predictionIds.slice(at, at + n) : w.rows.map((r) => r.predictionId ?? ''));
          at += n;
        }
      } catch (e) {
        for (const w of waiters) w.reject(e);
      }
    }
  };

  const start = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (committing.size >= maxInFlight || waiting.length === 0) return;
    const group = waiting;
    const rows = waitingRows;
    committingRows += rows;
    waiting = [];
    waitingRows = 0;
    const done: Promise<void> = commit(group).finally(() => {
      committing.delete(done);
      committingRows -= rows;
      // What arrived during the commit waited at least as long as the window: commit it now.
      if (waiting.length > 0) start();
    });
    committing.add(done);
  };

  return {
    append(model, rows) {
      return new Promise<string[]>((resolve, reject) => {
        waiting.push({ model, rows, resolve, reject });
        waitingRows += rows.length;
        if (committing.size >= maxInFlight) return;
        if (waitingRows >= maxRows) start();
        else timer ??= setTimeout(start, windowMs);
      });
    },
    async flush() {
      while (waiting.length > 0 || committing.size > 0) {
        start();
        await Promise.all([...committing]);
      }
    },
    get pendingRows() {
      return waitingRows + committingRows;
    },
  };
}
