/**
 * A worker process for the worker tests: `node --import tsx test/helpers/worker-child.ts HOME PREFIX` runs
 * jobs of kind "slow" (prints `started <id>`, works 700 ms, returns "done") and "stuck" (prints the same and
 * never ends) on the embedded queue of the
 * SQLite store in HOME, and shuts down on SIGTERM/SIGINT as `driftwatch serve` does, logging JSON to stderr.
 */
import { pino } from 'pino';
import { openQueue } from '../../src/queue/index.js';
import { openStore } from '../../src/store/index.js';
import { exitOnShutdownSignals, startWorker } from '../../src/worker/index.js';

const [home, prefix] = process.argv.slice(2);
const logger = pino({ base: null }, process.stderr);
const store = await openStore({ home: home! });
const queue = await openQueue({ store, prefix: prefix!, pollMs: 50 });
const worker = startWorker({
  queue,
  logger,
  handlers: {
    slow: async (job) => {
      process.stdout.write(`started ${job.id}\n`);
      await new Promise((resolve) => setTimeout(resolve, 700));
      return 'done';
    },
    // Ignores its abort signal: only a second signal ends the process.
    stuck: async (job) => {
      process.stdout.write(`started ${job.id}\n`);
      await new Promise(() => undefined);
    },
  },
});
exitOnShutdownSignals({
  logger,
  shutdown: async () => {
    await worker.stop();
    await queue.close();
    await store.close();
  },
});
process.stdout.write('ready\n');
