/**
 * A consumer in another process, for the queue tests: `node --import tsx test/helpers/queue-child.ts CONFIG`
 * where CONFIG is JSON `{ address, mode, expected? }` (address: see QueueAddress in queue-backends.ts).
 * - mode "hang": takes jobs of kind "work", prints `started <id> <attempt>` and never finishes them (the test
 *   kills this process to play a consumer that died).
 * - mode "drain": runs jobs of kind "work" until `expected` jobs of the queue are completed, then prints
 *   `{"handled": [ids…]}`: the ids this process ran, once per run.
 */
import { openQueue } from '../../src/queue/index.js';
import { openStore } from '../../src/store/index.js';
import type { QueueAddress } from './queue-backends.js';

interface ChildConfig {
  readonly address: QueueAddress;
  readonly mode: 'hang' | 'drain';
  readonly expected?: number;
}

const config = JSON.parse(process.argv[2]!) as ChildConfig;
const { address } = config;
const store = await openStore({ home: address.home, url: address.databaseUrl });
const queue = await openQueue({ store, redisUrl: address.redisUrl, prefix: address.prefix, leaseMs: address.leaseMs, pollMs: 50 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (config.mode === 'hang') {
  queue.consume({
    work: async (job) => {
      process.stdout.write(`started ${job.id} ${job.attempt}\n`);
      await new Promise(() => undefined);
    },
  });
} else {
  const handled: string[] = [];
  const consumer = queue.consume(
    {
      work: async (job) => {
        handled.push(job.id);
        // A little work, so the two processes' claims interleave.
        await sleep(1 + (handled.length % 4));
        return { pid: process.pid };
      },
    },
    { concurrency: 2 },
  );
  while ((await queue.counts()).completed < config.expected!) await sleep(50);
  await consumer.stop();
  process.stdout.write(JSON.stringify({ handled }) + '\n');
  await queue.close();
  await store.close();
}
