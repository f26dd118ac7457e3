/**
 * Worker entry of analyzeDriftParallel: normalises the caller's options once, then analyses the columns it
 * is sent, one message each, and answers with the outcome minus the column data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DriftwatchError } from '../../core/errors.js';
import { analyzeColumn, type ColumnAnalysis } from '../analyze-column.js';
import { normalizeOptions } from '../normalize-options.js';
import { columnBuffers } from './buffer-pool.js';
import type { ColumnTask, ShippedAnalysis, ShippedError, WorkerInit, WorkerReply } from './messages.js';

const port = parentPort;
if (port === null) throw new Error('analyze-worker.ts runs as a worker thread only');
const init = workerData as WorkerInit;
const options = normalizeOptions(init.options, { names: init.referenceNames }, { names: init.currentNames });

function ship(a: ColumnAnalysis): ShippedAnalysis {
  if (!a.ok) return a;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { planned, ...outcome } = a.outcome;
  return { ok: true, outcome };
}

function shipError(e: unknown): ShippedError {
  if (e instanceof DriftwatchError) {
    return {
      kind: 'driftwatch',
      code: e.code,
      message: e.message,
      ...(e.file !== undefined ? { file: e.file } : {}),
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.field !== undefined ? { field: e.field } : {}),
    };
  }
  return { kind: 'other', error: e };
}

port.on('message', (task: ColumnTask) => {
  const buffers = columnBuffers(task.planned);
  let reply: WorkerReply;
  try {
    reply = { type: 'result', index: task.index, analysis: ship(analyzeColumn(task.planned, options)), buffers };
  } catch (e) {
    reply = { type: 'error', index: task.index, error: shipError(e), buffers };
  }
  port.postMessage(reply, [...new Set(buffers)]);
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
