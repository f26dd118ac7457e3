/**
 * Worker entry of analyzeDriftParallel: normalises the caller's options once, then analyses the columns it
 * is sent, one message each, and answers with the outcome minus the column data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeColumn, type ColumnAnalysis } from '../analyze-column.js';
import { normalizeOptions } from '../normalize-options.js';
import { columnBuffers } from './buffer-pool.js';
import { shipError, type ColumnTask, type ShippedAnalysis, type WorkerInit, type WorkerReply, type WorkerStart } from './messages.js';

const port = parentPort;
if (port === null) throw new Error('analyze-worker.ts runs as a worker thread only');
// A worker started ahead (WarmWorkers) gets its init as the first message instead of as workerData.
const normalize = (init: WorkerInit): ReturnType<typeof normalizeOptions> =>
  normalizeOptions(init.options, { names: init.referenceNames }, { names: init.currentNames });
let options = workerData === null ? null : normalize(workerData as WorkerInit);

function ship(a: ColumnAnalysis): ShippedAnalysis {
  if (!a.ok) return a;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { planned, ...outcome } = a.outcome;
  return { ok: true, outcome };
}

port.on('message', (message: ColumnTask | WorkerStart) => {
  if ('init' in message) {
    options = normalize(message.init);
    return;
  }
  const task = message;
  const buffers = columnBuffers(task.planned);
  let reply: WorkerReply;
  try {
    reply = { type: 'result', index: task.index, analysis: ship(analyzeColumn(task.planned, options!)), buffers };
  } catch (e) {
    reply = { type: 'error', index: task.index, error: shipError(e), buffers };
  }
  port.postMessage(reply, [...new Set(buffers)]);
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
