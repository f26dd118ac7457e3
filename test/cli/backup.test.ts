/** `driftwatch backup` and `restore`: a round trip of a store in use, and the refusals. */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createRegistry } from '../../src/registry/index.js';
import { cellsOf, openStore } from '../../src/store/index.js';
import { churnTraffic, registerChurn, rowsOf } from '../monitor/churn-traffic.js';
import { runCli, tempDir } from './helpers/run-cli.js';

const { dir, cleanup } = tempDir('driftwatch-backup-');
afterAll(cleanup);

it('backs up a store in use and restores it identically; refuses to restore over a store without --force', { timeout: 60_000 }, async () => {
  const home = join(dir, 'home');
  const clock = manualClock('2026-12-01T00:00:00Z');
  const store = await openStore({ home, clock });
  const registry = createRegistry(store);
  const traffic = await churnTraffic();
  await registerChurn(registry, traffic);
  const logged = await store.predictions.insertBatch('churn', 'b1', rowsOf(traffic.heldOut, 0, 2000).rows);
  await store.predictions.setLabels('churn', [{ predictionId: logged.predictionIds[3]!, label: 'Yes' }]);
  await store.events.append({ model: 'churn', kind: 'drift_started', severity: 'HIGH', summary: 'drift' });
  const before = await store.predictions.readWindow('churn', { last: 5000 });

  // The store stays open (as a running server's would) while the backup is made.
  const out = join(dir, 'backup-1');
  const b = await runCli(['backup', '--out', out, '--home', home, '--json']);
  expect(b.stderr).toBe('');
  expect(b.code).toBe(0);
  const manifest = JSON.parse(b.stdout) as { format: string; database: { migrations: string[]; sha256: string }; artifacts: { files: number } };
  expect(manifest.format).toBe('driftwatch-backup');
  expect(manifest.database.migrations).toContain('0007_prediction_columns');
  expect(manifest.artifacts.files).toBe(2);
  expect(readdirSync(out).sort()).toEqual(['artifacts', 'driftwatch.db', 'manifest.json']);
  await store.predictions.insertBatch('churn', 'after-backup', rowsOf(traffic.heldOut, 2000, 10).rows);

  // Into a fresh folder.
  const fresh = join(dir, 'restored');
  const r = await runCli(['restore', out, '--home', fresh]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const restored = await openStore({ home: fresh, clock });
  try {
    const after = await restored.predictions.readWindow('churn', { last: 5000 });
    expect(after.predictionIds).toEqual(before.predictionIds);
    expect(after.label).toEqual(before.label);
    expect(cellsOf(after.features.get('contract')!)).toEqual(cellsOf(before.features.get('contract')!));
    expect((await restored.events.list({ model: 'churn' })).map((e) => e.kind)).toEqual(['drift_started']);
    // The artifacts came along: the baseline and the model load from the restored folder.
    const reg = createRegistry(restored);
    expect((await reg.loadReference('churn')).table.rowCount).toBe(traffic.reference.rowCount);
    expect((await reg.loadModel({ name: 'churn' })).version.version).toBe(1);
  } finally {
    await restored.close();
  }

  // Over the live store: refused without --force, done with it.
  const refused = await runCli(['restore', out, '--home', home]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/already holds a Driftwatch store.*--force/);
  await store.close();
  const forced = await runCli(['restore', out, '--home', home, '--force']);
  expect(forced.code).toBe(0);
  const back = await openStore({ home, clock });
  try {
    // The batch logged after the backup is gone: the store is as it was at the backup.
    expect(await back.predictions.count('churn')).toBe(2000);
  } finally {
    await back.close();
  }
});

it('says what is wrong: no --out, an existing backup folder, not a backup, a damaged one, Postgres', { timeout: 30_000 }, async () => {
  const home = join(dir, 'home-2');
  const store = await openStore({ home });
  await store.close();
  expect((await runCli(['backup', '--home', home])).stderr).toMatch(/--out/);
  const out = join(dir, 'backup-2');
  expect((await runCli(['backup', '--out', out, '--home', home])).code).toBe(0);
  const again = await runCli(['backup', '--out', out, '--home', home]);
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/already exists and is not empty/);
  expect((await runCli(['backup', '--out', join(dir, 'x'), '--home', join(dir, 'nothing-here')])).stderr).toMatch(/no Driftwatch store/);

  const notBackup = join(dir, 'not-a-backup');
  mkdirSync(notBackup);
  expect((await runCli(['restore', notBackup, '--home', join(dir, 'r1')])).stderr).toMatch(/not a Driftwatch backup/);
  expect((await runCli(['restore', join(dir, 'missing'), '--home', join(dir, 'r1')])).stderr).toMatch(/does not exist/);
  const manifestFile = join(out, 'manifest.json');
  const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as { database: { sha256: string } };
  writeFileSync(manifestFile, JSON.stringify({ ...m, database: { ...m.database, sha256: '0'.repeat(64) } }));
  expect((await runCli(['restore', out, '--home', join(dir, 'r2')])).stderr).toMatch(/damaged/);

  const pg = await runCli(['backup', '--out', join(dir, 'pg'), '--home', home], { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' } });
  expect(pg.code).toBe(2);
  expect(pg.stderr).toMatch(/pg_dump/);
});
