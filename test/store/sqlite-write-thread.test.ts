/**
 * The SQLite write thread (hot writes committed off the event loop): concurrent writes all land, a failing
 * job fails alone, the event loop runs while a group commits, and the store works the same with it turned off.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';

const homes: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const h of homes.splice(0)) await rm(h, { recursive: true, force: true });
});

async function open(writeThread?: boolean): Promise<{ store: Store; home: string }> {
  const home = await mkdtemp(join(tmpdir(), 'driftwatch-write-thread-'));
  homes.push(home);
  const store = await openStore({ home, ...(writeThread !== undefined ? { writeThread } : {}) });
  stores.push(store);
  return { store, home };
}

function batchCount(home: string): number {
  const db = new Database(join(home, 'driftwatch.db'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from prediction_batches').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

it('commits concurrent batches and audit rows off the event loop; each call resolves once readable', async () => {
  const { store } = await open();
  let ticks = 0;
  // The event loop keeps turning while groups commit on the thread.
  const ticker = setInterval(() => ticks++, 1);
  const calls = Array.from({ length: 100 }, async (_, i) => {
    const r = await store.predictions.insertColumns('m', `b${i}`, { rowCount: 2, features: { x: [i, i + 0.5] }, prediction: ['a', 'b'] });
    expect(r.status).toBe('stored');
    expect(r.predictionIds).toHaveLength(2);
    expect(r.predictionIds[0]).toMatch(/^\d+-0$/);
    const a = await store.audit.record({ actor: 't', action: 'x.done', subjectKind: 'model', subject: 'm', details: { i } });
    expect(a.details).toEqual({ i });
    return (await store.predictions.readWindow('m', {})).predictionIds.includes(r.predictionIds[1]!);
  });
  expect((await Promise.all(calls)).every(Boolean)).toBe(true);
  clearInterval(ticker);
  expect(ticks).toBeGreaterThan(0);
  expect(await store.predictions.count('m')).toBe(200);
  expect(await store.audit.list({ action: 'x.done' })).toHaveLength(100);
  // A batch id sent again is a duplicate with the first send's ids, read back on the main connection.
  const again = await store.predictions.insertColumns('m', 'b7', { rowCount: 2, features: { x: [0, 0] } });
  expect(again.status).toBe('duplicate');
  expect(again.predictionIds).toHaveLength(2);
});

it('fails a batch whose caller ids are taken alone; the others of its group are stored', async () => {
  const { store, home } = await open();
  await store.predictions.insertColumns('m', 'first', { rowCount: 1, features: { x: [1] }, predictionIds: ['p1'] });
  const results = await Promise.allSettled([
    store.predictions.insertColumns('m', 'ok-1', { rowCount: 1, features: { x: [2] } }),
    store.predictions.insertColumns('m', 'taken', { rowCount: 2, features: { x: [3, 4] }, predictionIds: ['p2', 'p1'] }),
    store.predictions.insertColumns('m', 'ok-2', { rowCount: 1, features: { x: [5] }, predictionIds: ['p3'] }),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/prediction ids/);
  expect(batchCount(home)).toBe(3);
  const w = await store.predictions.readWindow('m', {});
  expect(w.predictionIds.filter((id) => id.startsWith('p'))).toEqual(['p1', 'p3']);
  // The taken batch left no id behind: p2 is still free.
  await store.predictions.insertColumns('m', 'later', { rowCount: 1, features: { x: [6] }, predictionIds: ['p2'] });
});

it('stores the same with the write thread turned off', async () => {
  const { store } = await open(false);
  const r = await store.predictions.insertColumns('m', 'b', { rowCount: 3, features: { x: [1, 2, 3] } });
  expect(r.status).toBe('stored');
  expect((await store.predictions.readWindow('m', {})).predictionIds).toEqual(r.predictionIds);
  const a = await store.audit.record({ actor: 't', action: 'y', subjectKind: 'model', subject: 'm' });
  expect(a.actor).toBe('t');
});

it('close finishes in a process with nothing else to do (the idle thread holds the process open while it closes)', async () => {
  const { spawnSync } = await import('node:child_process');
  const home = await mkdtemp(join(tmpdir(), 'driftwatch-write-thread-'));
  homes.push(home);
  // Nothing but the store in this process: before the fix, the process ended while close() waited.
  const script = `
    const { openStore } = await import(${JSON.stringify(new URL('../../src/store/index.ts', import.meta.url).href)});
    const store = await openStore({ home: ${JSON.stringify(home)} });
    await store.audit.record({ actor: 't', action: 'x.done', subjectKind: 'model', subject: 'm', details: {} });
    await store.close();
    process.stdout.write('closed');
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('closed');
}, 90_000);
