/** What the analysis workers and the thread that feeds them say to each other (all structured-clonable). */
import type { ErrorCode } from '../../core/errors.js';
import type { ColumnOutcome } from '../analyze-column.js';
import type { AnalyzeOptions } from '../options.js';
import type { PlannedColumn } from '../plan-columns.js';

/** workerData: enough to normalise the very options of the calling thread (the clock stays there). */
export interface WorkerInit {
  readonly options: Omit<AnalyzeOptions, 'now'>;
  readonly referenceNames: readonly string[];
  readonly currentNames: readonly string[];
}

/** One column to analyse (its arrays in transferred buffers); `index` is its place in the plan. */
export interface ColumnTask {
  readonly index: number;
  readonly planned: PlannedColumn;
}

/** The outcome without its planned column: the column's arrays never travel back. */
export type ShippedAnalysis =
  | { readonly ok: true; readonly outcome: Omit<ColumnOutcome, 'planned'> }
  | { readonly ok: false; readonly reason: string; readonly allMissing: boolean };

export type ShippedError =
  | { readonly kind: 'driftwatch'; readonly code: ErrorCode; readonly message: string; readonly file?: string; readonly line?: number; readonly field?: string }
  /** Any other error, cloned as such (Error, TypeError, RangeError ... keep their name and message). */
  | { readonly kind: 'other'; readonly error: unknown };

/** Answers to a task give back the buffers the column came in (transferred, for the next column). */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly index: number; readonly analysis: ShippedAnalysis; readonly buffers: readonly ArrayBuffer[] }
  | { readonly type: 'error'; readonly index: number; readonly error: ShippedError; readonly buffers: readonly ArrayBuffer[] };
