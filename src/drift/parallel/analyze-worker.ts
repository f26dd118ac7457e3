/**
 * Worker entry of analyzeDriftParallel: normalises the caller's options once, then analyses the columns it
 * is sent, one message each, and answers with the outcome minus the column data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeColumn, type ColumnAnalysis } from '../analyze-column.js';
import { normalizeOptions } from '../normalize-options.js';
import { columnBuffers } from './buffer-pool.js';
import { shipError, type ColumnTask, type ShippedAnalysis, type WorkerInit, type WorkerReply } from './messages.js';

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
