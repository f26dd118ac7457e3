import { expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { cellsOf, type FeatureValue, type PredictionRowInput } from '../../src/store/index.js';
import { describeEachBackend } from '../helpers/store-backends.js';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const PLANS = ['basic', 'pro', 'team', null] as const;

/** Rows like the demo's: numbers, a category, a boolean, a mixed column, some missing values. */
function makeRows(n: number, offset = 0): PredictionRowInput[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const features: Record<string, FeatureValue> = {
      tenure: i % 97,
      charges: i % 13 === 0 ? null : Math.round(((i * 7919) % 10_000) * 1.37) / 100,
      plan: PLANS[i % 4]!,
      senior: i % 5 === 0,
      code: i % 3 === 0 ? 'A1' : i % 3 === 1 ? 42 : null,
    };
    return {
      modelVersion: 1 + (i % 2),
      tsMs: T0 + i * 10,
      features,
      prediction: i % 3 === 0 ? 'Yes' : 'No',
      probability: i % 11 === 0 ? null : (i % 1000) / 1000,
      label: i % 17 === 0 ? 'Yes' : null,
    };
  });
}

describeEachBackend('prediction log', (backend) => {
  it('100,000 rows go in in one batch and come back identical', { timeout: 60_000 }, async () => {
    const { store } = await backend.open(manualClock(T0));
    const rows = makeRows(100_000);
    const started = performance.now();
    const res = await store.predictions.insertBatch('churn', 'big', rows);
    const insertMs = performance.now() - started;
    expect(res.status).toBe('stored');
    expect(res.predictionIds).toHaveLength(100_000);
    const readStarted = performance.now();
    const w = await store.predictions.readWindow('churn', { fromMs: T0, toMs: T0 + 1_000_000_000 });
    const readMs = performance.now() - readStarted;
    console.log(`[${backend.name}] insert 100,000 rows: ${insertMs.toFixed(0)} ms (${Math.round(100_000 / (insertMs / 1000)).toLocaleString('en')} rows/s); window read: ${readMs.toFixed(0)} ms`);
    // Ingest's shape: 1,000-row batches, 8 callers at a time (each waits for its commit).
    const small = makeRows(1000);
    const t1 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < 100) await store.predictions.insertBatch('churn', `small-${next++}`, small);
    }));
    const smallMs = performance.now() - t1;
    console.log(`[${backend.name}] 100 batches of 1,000 rows, 8 concurrent callers: ${Math.round(100_000 / (smallMs / 1000)).toLocaleString('en')} rows/s`);
    expect(w.rowCount).toBe(100_000);
    expect(w.predictionIds).toEqual(res.predictionIds);
    for (const name of ['tenure', 'charges', 'plan', 'senior', 'code']) {
      expect(cellsOf(w.features.get(name)!), name).toEqual(rows.map((r) => r.features[name] ?? null));
    }
    expect([...w.tsMs]).toEqual(rows.map((r) => r.tsMs));
    expect(w.modelVersion).toEqual(rows.map((r) => r.modelVersion));
    expect([...w.probability].map((p) => (Number.isNaN(p) ? null : p))).toEqual(rows.map((r) => r.probability));
    expect(w.prediction).toEqual(rows.map((r) => r.prediction));
    expect(w.label).toEqual(rows.map((r) => r.label));
    // Numeric features come back as typed arrays, not one value object per row.
    expect(w.features.get('tenure')!.kind).toBe('f64');
    expect(w.features.get('plan')!.kind).toBe('dict');
  });

  it('derives prediction ids from the batch; feedback finds them, reports unknown ones and a later label wins', async () => {
    const clock = manualClock(T0);
    const { store } = await backend.open(clock);
    const a = await store.predictions.insertBatch('churn', null, makeRows(5));
    const b = await store.predictions.insertColumns('churn', 'cols-1', { rowCount: 3, features: { tenure: [1, 2, 3], plan: ['pro', null, 'basic'] }, tsMs: T0 + 1000, modelVersion: 2, prediction: ['Yes', 'No', 'No'], probability: [0.9, null, 0.2] });
    const other = await store.predictions.insertBatch('fraud', null, makeRows(2));
    expect(new Set([...a.predictionIds, ...b.predictionIds]).size).toBe(8);
    const fb = await store.predictions.setLabels('churn', [
      { predictionId: a.predictionIds[1]!, label: 'No' },
      { predictionId: b.predictionIds[2]!, label: 'Yes' },
      { predictionId: b.predictionIds[2]!, label: 'No' },
      { predictionId: 'nope', label: 'x' },
      { predictionId: `${a.predictionIds[0]!.split('-')[0]}-99`, label: 'x' },
      // Another model's row is unknown to this one.
      { predictionId: other.predictionIds[0]!, label: 'x' },
    ]);
    expect(fb.updated).toBe(3);
    expect(fb.unknown).toEqual(['nope', `${a.predictionIds[0]!.split('-')[0]}-99`, other.predictionIds[0]]);
    const labelled = await store.predictions.readWindow('churn', { labelledOnly: true });
    // Row 0 of the first batch was logged with its label (0 % 17 === 0); row 1 got one late; the column batch's last row too.
    expect(labelled.predictionIds).toEqual([a.predictionIds[0], a.predictionIds[1], b.predictionIds[2]]);
    expect(labelled.label).toEqual(['Yes', 'No', 'No']);
    const w = await store.predictions.readWindow('churn', { last: 3 });
    expect(cellsOf(w.features.get('plan')!)).toEqual(['pro', null, 'basic']);
    expect(w.modelVersion).toEqual([2, 2, 2]);
    // A batch that had no `code` column reads as missing there.
    const all = await store.predictions.readWindow('churn', { last: 8 });
    expect(cellsOf(all.features.get('code')!)).toEqual(['A1', 42, null, 'A1', 42, null, null, null]);
  });

  it('concurrent batches commit in groups; a bad batch in a group fails alone; a batch id sent twice at once is stored once', { timeout: 60_000 }, async () => {
    const { store } = await backend.open(manualClock(T0));
    await store.predictions.insertBatch('churn', 'ids', makeRows(2).map((r, i) => ({ ...r, predictionId: `taken-${i}` })));
    const calls = Array.from({ length: 40 }, (_, b) => {
      if (b === 7) return store.predictions.insertBatch('churn', 'bad', makeRows(2).map((r, i) => ({ ...r, predictionId: `taken-${i}` })));
      return store.predictions.insertBatch('churn', b === 9 ? 'b8' : `b${b}`, makeRows(1000, b * 1000));
    });
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect((results[7] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(ok.filter((r) => r.status === 'duplicate')).toHaveLength(1);
    expect((results[9] as PromiseFulfilledResult<{ predictionIds: readonly string[] }>).value.predictionIds).toEqual((results[8] as PromiseFulfilledResult<{ predictionIds: readonly string[] }>).value.predictionIds);
    expect(await store.predictions.count('churn')).toBe(2 + 38 * 1000);
    const w = await store.predictions.readWindow('churn', { last: 38_000 });
    expect(new Set(w.predictionIds).size).toBe(38_000);
  });

  it('caller-chosen ids are kept, and a repeated one refuses the whole batch', async () => {
    const { store } = await backend.open(manualClock(T0));
    const rows = makeRows(3).map((r, i) => ({ ...r, predictionId: `req-${i}` }));
    expect((await store.predictions.insertBatch('churn', 'b1', rows)).predictionIds).toEqual(['req-0', 'req-1', 'req-2']);
    await expect(store.predictions.insertBatch('churn', 'b2', [{ ...rows[0]!, predictionId: 'new' }, rows[1]!])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.predictions.count('churn')).toBe(3);
    expect(await store.predictions.setLabels('churn', [{ predictionId: 'req-2', label: 'Yes' }])).toEqual({ updated: 1, unknown: [] });
    expect((await store.predictions.readWindow('churn', { labelledOnly: true })).predictionIds).toEqual(['req-0', 'req-2']);
  });

  it('time windows are in time order across batches that arrive out of order', async () => {
    const { store } = await backend.open(manualClock(T0));
    await store.predictions.insertColumns('m', null, { rowCount: 3, features: { x: [3, 4, 5] }, tsMs: [T0 + 3000, T0 + 4000, T0 + 5000] });
    await store.predictions.insertColumns('m', null, { rowCount: 3, features: { x: [0, 1, 2] }, tsMs: [T0, T0 + 1000, T0 + 2000] });
    const w = await store.predictions.readWindow('m', { fromMs: T0 + 1000, toMs: T0 + 5000 });
    expect(cellsOf(w.features.get('x')!)).toEqual([1, 2, 3, 4]);
    expect([...w.tsMs]).toEqual([1000, 2000, 3000, 4000].map((d) => T0 + d));
    // The last N are in log order.
    expect(cellsOf((await store.predictions.readWindow('m', { last: 4 })).features.get('x')!)).toEqual([5, 0, 1, 2]);
  });

  it('prunes by age row by row and by count batch by batch; a pruned batch id stays a duplicate', async () => {
    const { store } = await backend.open(manualClock(T0));
    for (let b = 0; b < 4; b++) await store.predictions.insertBatch('churn', `b${b}`, makeRows(100, b * 100));
    expect(await store.predictions.count('churn')).toBe(400);
    // Rows are 10 ms apart: before T0 + 1,505 ms are rows 0..150.
    expect(await store.predictions.prune('churn', T0 + 1505)).toBe(151);
    expect(await store.predictions.count('churn')).toBe(249);
    const w = await store.predictions.readWindow('churn', { last: 1000 });
    expect(w.rowCount).toBe(249);
    expect(w.tsMs[0]).toBe(T0 + 1510);
    expect(await store.predictions.pruneToCount('churn', 150)).toBe(49);
    expect(await store.predictions.count('churn')).toBe(200);
    expect((await store.predictions.insertBatch('churn', 'b0', makeRows(1))).status).toBe('duplicate');
    expect(await store.predictions.modelNames()).toEqual(['churn']);
  });
});

describeEachBackend('events', (backend) => {
  it('appends events and lists them by model, kinds, time and limit', async () => {
    const clock = manualClock(T0);
    const { store } = await backend.open(clock);
    const a = await store.events.append({ model: 'churn', kind: 'drift_started', severity: 'HIGH', summary: 'dataset drift', data: { drift_share: 0.6 } });
    clock.advance(60_000);
    await store.events.append({ model: 'churn', kind: 'check_completed', summary: 'ok' });
    clock.advance(60_000);
    const c = await store.events.append({ model: 'fraud', kind: 'drift_started', summary: 'x' });
    await store.events.append({ model: 'churn', kind: 'drift_ended', summary: 'back to normal', atMs: T0 + 180_000 });
    expect(a).toMatchObject({ model: 'churn', kind: 'drift_started', severity: 'HIGH', at: '2026-12-01T00:00:00.000Z', data: { drift_share: 0.6 } });
    expect((await store.events.list({ model: 'churn' })).map((e) => e.kind)).toEqual(['drift_ended', 'check_completed', 'drift_started']);
    expect((await store.events.list({ kinds: ['drift_started'] })).map((e) => e.model)).toEqual(['fraud', 'churn']);
    expect((await store.events.list({ sinceMs: T0 + 60_000, order: 'asc' })).map((e) => e.kind)).toEqual(['check_completed', 'drift_started', 'drift_ended']);
    expect(await store.events.list({ limit: 1 })).toHaveLength(1);
    expect((await store.events.list({ afterId: c.id, order: 'asc' })).map((e) => e.kind)).toEqual(['drift_ended']);
    expect(await store.events.list({ kinds: [] })).toEqual([]);
  });
});
