/**
 * A second process on the same data directory, for tests of processes sharing one SQLite file:
 * `node --import tsx test/helpers/store-child.ts HOME MODEL_FILE N` opens the store (migrating a new
 * database), registers N versions of "churn", triggers one retraining job, and prints what it got as JSON.
 */
import { openStore } from '../../src/store/index.js';
import { createRegistry } from '../../src/registry/index.js';

const [home, modelFile, n] = process.argv.slice(2);
const store = await openStore({ home: home! });
try {
  const registry = createRegistry(store);
  const versions: number[] = [];
  for (let i = 0; i < Number(n); i++) versions.push((await registry.registerModel({ name: 'churn', modelFile: modelFile!, actor: `pid ${process.pid}` })).version);
  const job = await store.jobs.enqueue({ kind: 'retrain', modelName: 'churn', dedupeKey: 'retrain:churn', createdBy: `pid ${process.pid}` });
  process.stdout.write(JSON.stringify({ versions, jobId: job.job.id, created: job.created }) + '\n');
} finally {
  await store.close();
}
