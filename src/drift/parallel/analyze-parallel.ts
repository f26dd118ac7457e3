/**
 * analyzeDrift with the columns analysed on worker threads. Columns are independent once planned, so the
 * plan and the report are made here exactly as analyzeDrift makes them and only the per-column work moves:
 * the same analyses in the same plan order give the same report, object for object.
 *
 * Memory: a worker gets one column pair at a time (its two arrays lent when on SharedArrayBuffer, else
 * copied into pooled buffers: buffer-pool.ts), never a whole table, and sends back the outcome without the
 * column data. Scheduling: longest first (numeric
 * columns by rows x log rows, categorical ones far cheaper), which keeps the workers finishing together.
 * The calling thread analyses columns too, between handing them out (each worker holds two, so it does not
 * wait while this thread is busy): on two cores, one worker and this thread.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { DriftwatchError } from '../../core/index.js';
import { IdleWorkers, siblingModuleUrl, startModuleWorker } from '../../kernels/index.js';
import { columnLength, type Table } from '../../data/table/index.js';
import { analyzeColumn, type ColumnAnalysis } from '../analyze-column.js';
import { assembleReport, planDrift, type DriftPlan } from '../analyze.js';
import type { AnalyzeOptions } from '../options.js';
import type { PlannedColumn } from '../plan-columns.js';
import type { DriftReport } from '../types.js';
import { BufferPool } from './buffer-pool.js';
import { rethrow, shipError, type ColumnTask, type ShippedError, type WorkerInit, type WorkerReply, type WorkerStart } from './messages.js';

export interface ParallelOptions {
  /**
   * Threads analysing columns, the calling thread included (default os.availableParallelism()): n starts
   * n - 1 workers; 1 analyses on the calling thread only.
   */
  readonly workers?: number;
  /**
   * Below this many values over all compared columns (reference + current) the analysis runs on the
   * calling thread: starting a worker costs tens of milliseconds, more than a small analysis (default 50,000,
   * and at least 256 values a column on average, since each column handed over costs two messages).
   */
  readonly minValues?: number;
  /** Workers started ahead (prestartAnalysisWorkers), used before any new one is started. */
  readonly warm?: WarmWorkers;
}

/**
 * Analysis workers started ahead, while the caller still reads its inputs. Starting a worker (a fresh
 * isolate, then loading the drift modules) takes tens of milliseconds of a core: started after the read,
 * at mid sizes (200,000 rows) it was ready about when the calling thread had finished alone. Idle workers
 * do not keep the process alive; the caller closes the ones never used.
 */
export class WarmWorkers extends IdleWorkers {
  constructor(count: number) {
    super(WORKER_URL, count);
  }
}

/** Starts the workers an analysis on `workers` threads (the calling one included) would start. */
export function prestartAnalysisWorkers(workers: number = availableParallelism()): WarmWorkers {
  return new WarmWorkers(Math.max(0, workers - 1));
}

const DEFAULT_MIN_VALUES = 50_000;
/** Below this many values a column on average (reference + current), the columns are analysed here. */
const MIN_VALUES_PER_COLUMN = 256;
const WORKER_URL = siblingModuleUrl(import.meta.url, 'analyze-worker');

/**
 * Compares two tables like analyzeDrift — same report, same errors — with the columns analysed on worker
 * threads. Where no worker can start (say, running from sources without tsx), the columns are analysed on
 * this thread instead.
 */
export async function analyzeDriftParallel(reference: Table, current: Table, options: AnalyzeOptions = {}, parallel: ParallelOptions = {}): Promise<DriftReport> {
  const workers = parallel.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw new DriftwatchError('INVALID_ARGUMENT', `workers must be a positive integer, got ${workers}`);
  const d = planDrift(reference, current, options);
  const values = d.plan.columns.reduce((s, c) => s + columnLength(c.ref) + columnLength(c.cur), 0);
  // Many tiny columns (a file 100,000 columns wide and 3 rows long) stay here too: each column handed to a
  // worker costs a message both ways, more than analysing a few hundred values.
  const tiny = parallel.minValues === undefined && values < d.plan.columns.length * MIN_VALUES_PER_COLUMN;
  if (workers === 1 || d.plan.columns.length < 2 || tiny || values < (parallel.minValues ?? DEFAULT_MIN_VALUES)) {
    return assembleReport(d, d.plan.columns.map((c) => analyzeColumn(c, d.options)));
  }
  // A clock is a function: it cannot cross to a worker, and only this thread stamps the report. Kept
  // reference samples live on this thread; workers prepare their columns afresh.
  const { clock: _clock, referencePreparation: _prepared, ...shippable } = options;
  void _clock;
  void _prepared;
  const init: WorkerInit = { options: shippable, referenceNames: reference.names, currentNames: current.names };
  const outcomes = await runColumns(d, init, Math.min(workers, d.plan.columns.length), parallel.warm);
  return assembleReport(d, outcomes);
}

/** Relative cost of a column: sorting dominates numeric columns; categorical ones are one counting pass. */
function cost(c: PlannedColumn): number {
  const n = columnLength(c.ref) + columnLength(c.cur);
  return c.analysis === 'numeric' ? n * Math.log2(n + 2) : n;
}

type Slot = { readonly ok: true; readonly analysis: ColumnAnalysis } | { readonly ok: false; readonly error: ShippedError };

/** Columns handed to a worker ahead: one to work on and one waiting, so it never idles on this thread. */
const WINDOW = 2;

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Analyses the planned columns on `threads` threads: this one and threads - 1 workers. This thread takes
 * a column whenever the workers have their window full, and between columns it answers them.
 */
function runColumns(d: DriftPlan, init: WorkerInit, threads: number, warm: WarmWorkers | undefined): Promise<ColumnAnalysis[]> {
  const columns = d.plan.columns;
  // Longest first; ties keep plan order so a run is reproducible. The next column is at the end: pop()
  // is O(1) where shift() on a long array moves every element.
  const queue = columns.map((_, i) => i).sort((a, b) => cost(columns[b]!) - cost(columns[a]!) || a - b).reverse();
  const slots = new Array<Slot | undefined>(columns.length);
  const live = new Map<Worker, Set<number>>();
  let done = 0;
  let finished = false;
  let pumping = false;
  const pool = new BufferPool();

  return new Promise<ColumnAnalysis[]>((resolve, reject) => {
    const finish = (): void => {
      finished = true;
      for (const w of live.keys()) void w.terminate();
      live.clear();
      try {
        // The first failing column in plan order is the error analyzeDrift would have thrown.
        resolve(slots.map((s) => (s!.ok ? s!.analysis : rethrow(s!.error))));
      } catch (e) {
        reject(e);
      }
    };

    const store = (index: number, slot: Slot): void => {
      slots[index] = slot;
      done++;
      if (done === columns.length) finish();
    };

    const refill = (): void => {
      for (const [w, held] of live) {
        while (held.size < WINDOW && queue.length > 0) {
          const index = queue.pop()!;
          held.add(index);
          const packed = pool.pack(columns[index]!);
          w.postMessage({ index, planned: packed.planned } satisfies ColumnTask, packed.transfer);
        }
      }
    };

    const pump = async (): Promise<void> => {
      if (pumping) return;
      pumping = true;
      try {
        for (;;) {
          refill();
          const index = queue.pop();
          if (index === undefined || finished) break;
          try {
            store(index, { ok: true, analysis: analyzeColumn(columns[index]!, d.options) });
          } catch (e) {
            store(index, { ok: false, error: shipError(e) });
          }
          await nextTurn();
        }
      } finally {
        pumping = false;
      }
    };

    // A worker that cannot start or dies gives its columns back; this thread then takes them.
    const lost = (w: Worker, cause: unknown): void => {
      const held = live.get(w);
      if (finished || held === undefined) return;
      live.delete(w);
      queue.push(...[...held].reverse());
      void w.terminate();
      if (process.env.DRIFTWATCH_DEBUG === '1') console.error(`analyzeDriftParallel: a worker stopped (${String(cause)}); its columns go to the others`);
      void pump();
    };

    for (let k = 1; k < threads; k++) {
      let w: Worker;
      const started = warm?.take();
      if (started !== undefined) {
        w = started;
        w.postMessage({ init } satisfies WorkerStart);
      } else {
        try {
          w = startModuleWorker(WORKER_URL, init);
        } catch {
          continue;
        }
      }
      const held = new Set<number>();
      live.set(w, held);
      w.on('message', (m: WorkerReply) => {
        if (m.type === 'ready' || finished) return;
        held.delete(m.index);
        pool.give(m.buffers);
        if (m.type === 'result') {
          const a = m.analysis;
          store(m.index, { ok: true, analysis: a.ok ? { ok: true, outcome: { planned: columns[m.index]!, ...a.outcome } } : a });
        } else store(m.index, { ok: false, error: m.error });
        if (!finished) refill();
      });
      w.on('error', (e) => lost(w, e));
      w.on('exit', (code) => lost(w, `exit code ${code}`));
    }
    void pump();
  });
}
