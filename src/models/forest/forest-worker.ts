/** Worker-thread entry of random-forest training: receives tree indices and seeds, answers grown trees. */
import { parentPort, workerData } from 'node:worker_threads';
import { runForestTask, type ForestJob } from './forest-task.js';

const job = workerData as ForestJob;
parentPort!.on('message', (msg: { t: number; seed: number } | null) => {
  if (msg === null) {
    parentPort!.close();
    return;
  }
  const result = runForestTask(job, msg.t, msg.seed);
  parentPort!.postMessage(result, result.oobLeaf.length > 0 ? [result.oobLeaf.buffer as ArrayBuffer] : []);
});
