import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { categoricalColumn, createTable, numericColumn } from '../../src/data/index.js';
import { trainModel } from '../../src/models/index.js';
import { MIGRATION_NAMES, openStore } from '../../src/store/index.js';

const run = promisify(execFile);
const child = join(import.meta.dirname, '..', 'helpers', 'store-child.ts');
let dir: string | undefined;
afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

it('processes sharing one new SQLite database migrate it once and get distinct version numbers and one job', async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-processes-'));
  const t = createTable([numericColumn('x', Array.from({ length: 40 }, (_, i) => i)), categoricalColumn('y', Array.from({ length: 40 }, (_, i) => (i < 20 ? 'a' : 'b')))]);
  const { model } = await trainModel(t, { label: 'y', algo: 'logreg', seed: 1 });
  const modelFile = join(dir, 'model.json');
  await writeFile(modelFile, JSON.stringify(model.toFile()));
  const home = join(dir, 'home');
  const outputs = await Promise.all([0, 1, 2].map(() => run(process.execPath, ['--import', 'tsx', child, home, modelFile, '3'], { cwd: join(import.meta.dirname, '..', '..') })));
  const results = outputs.map((o) => JSON.parse(o.stdout) as { versions: number[]; jobId: number; created: boolean });
  expect(results.flatMap((r) => r.versions).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  for (const r of results) expect(r.versions).toEqual([...r.versions].sort((a, b) => a - b));
  expect(results.filter((r) => r.created)).toHaveLength(1);
  expect(new Set(results.map((r) => r.jobId)).size).toBe(1);
  const store = await openStore({ home });
  try {
    expect(await store.appliedMigrations()).toEqual(MIGRATION_NAMES);
    expect((await store.models.listVersions('churn')).map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  } finally {
    await store.close();
  }
});
