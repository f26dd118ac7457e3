/** The group commit of prediction logging: concurrent appends share commits, each resolves only once committed. */
import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createPredictionLog } from '../../src/runtime/index.js';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';

describeEachBackend('prediction log', (backend: TestBackend) => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  it('commits concurrent appends in a few groups, and every append resolves after its rows are readable', async () => {
    const opened = await backend.open();
    const log = createPredictionLog((model, rows) => opened.store.predictions.insertBatch(model, null, rows).then(() => undefined), { windowMs: 5, maxInFlight: backend.name === 'postgres' ? 4 : 1 });
    const appends = Array.from({ length: 200 }, (_, i) =>
      log.append('m', [{ predictionId: `p${i}`, modelVersion: 1, features: { x: i }, prediction: 'a', probability: 0.5 }]).then(async () => {
        // Resolved means committed: a fresh read sees the row.
        const w = await opened.store.predictions.readWindow('m', {});
        return w.predictionIds.includes(`p${i}`);
      }),
    );
    expect((await Promise.all(appends)).every(Boolean)).toBe(true);
    await log.flush();
    expect(log.pendingRows).toBe(0);
    const w = await opened.store.predictions.readWindow('m', {});
    expect(new Set(w.predictionIds).size).toBe(200);
    if (backend.name === 'sqlite') {
      const db = new Database(join(opened.home, 'driftwatch.db'), { readonly: true });
      closers.push(async () => {
        db.close();
      });
      const batches = (db.prepare('select count(*) as n from prediction_batches').get() as { n: number }).n;
      // 200 appends in one tick: a handful of commits, not 200.
      expect(batches).toBeLessThanOrEqual(5);
    }
  });

  it('fails the appends of a group whose commit fails, and only those', async () => {
    const opened = await backend.open();
    const log = createPredictionLog((model, rows) => opened.store.predictions.insertBatch(model, null, rows).then(() => undefined), { windowMs: 1 });
    await log.append('m', [{ predictionId: 'dup', features: {} }]);
    // A repeated prediction id makes the store refuse the whole batch.
    const failed = log.append('m', [{ predictionId: 'dup', features: {} }]);
    await expect(failed).rejects.toThrow(/prediction/);
    await log.append('m', [{ predictionId: 'fresh', features: {} }]);
    expect((await opened.store.predictions.readWindow('m', {})).predictionIds).toEqual(['dup', 'fresh']);
  });
});
