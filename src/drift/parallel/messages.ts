/** What the analysis workers and the thread that feeds them say to each other (all structured-clonable), and how an error crosses. */
import { DriftwatchError, type ErrorCode } from '../../core/index.js';
import type { ColumnOutcome } from '../analyze-column.js';
import type { AnalyzeOptions } from '../options.js';
import type { PlannedColumn } from '../plan-columns.js';

/** workerData: enough to normalise the very options of the calling thread (the clock stays there). */
export interface WorkerInit {
  readonly options: Omit<AnalyzeOptions, 'now'>;
  readonly referenceNames: readonly string[];
  readonly currentNames: readonly string[];
}

/** The first message to a worker started ahead (with no workerData): what workerData would have held. */
export interface WorkerStart {
  readonly init: WorkerInit;
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

/** An error thrown by analyzeColumn, as it can cross threads (a DriftwatchError would arrive as a plain Error). */
export function shipError(e: unknown): ShippedError {
  if (!(e instanceof DriftwatchError)) return { kind: 'other', error: e };
  return {
    kind: 'driftwatch',
    code: e.code,
    message: e.message,
    ...(e.file !== undefined ? { file: e.file } : {}),
    ...(e.line !== undefined ? { line: e.line } : {}),
    ...(e.field !== undefined ? { field: e.field } : {}),
  };
}

/** Throws the error shipError shipped, a DriftwatchError again when it was one. */
export function rethrow(e: ShippedError): never {
  if (e.kind === 'driftwatch') throw new DriftwatchError(e.code, e.message, e);
  throw e.error;
}

/** Answers to a task give back the buffers the column came in (transferred, for the next column). */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly index: number; readonly analysis: ShippedAnalysis; readonly buffers: readonly ArrayBuffer[] }
  | { readonly type: 'error'; readonly index: number; readonly error: ShippedError; readonly buffers: readonly ArrayBuffer[] };
