/**
 * `driftwatch pipeline` and the commands around it, in-process, on SQLite and Postgres: a run without a TTY
 * leaves a pending approval and exits 0; approving promotes; models show/history/rollback, jobs, audit export.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/store-backends.js';
import { writeChurnPair } from '../pipeline/churn-fixture.js';
import { runCli } from './helpers/run-cli.js';

describeEachBackend('driftwatch pipeline (CLI)', (backend) => {
  it('pipeline → pending approval (no TTY) → approvals approve → models show/history/rollback → jobs and audit export', async () => {
    const { home, url } = await backend.open();
    const pair = await writeChurnPair(home, { rows: 2400 });
    const config = join(home, 'driftwatch.yaml');
    await writeFile(config, [
      'reference: reference.csv', 'current: current.csv', 'label: churn', 'drift_share: 0.15',
      'pipeline:', '  name: churn', '  trainer: { algo: rf, params: { n_estimators: 30, max_depth: 6 } }', '  gates: { max_drop_vs_champion: 1 }', '',
    ].join('\n'));
    void pair;
    const env = { ...(url !== undefined ? { DATABASE_URL: url } : {}) };
    const cli = (args: string[]) => runCli([...args, '--home', home], { env, cwd: home });

    const run = await cli(['pipeline', '--config', config, '--actor', 'ana']);
    expect(run.stderr).toContain('✓ bootstrap');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/awaiting approval — approval request 1 \(promote version 2\) is pending: approve it with `driftwatch approvals approve 1`/);

    const again = await cli(['pipeline', '--config', config, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ decision: 'approval_pending', approval_id: 1 });

    const list = JSON.parse((await cli(['approvals', 'list', '--json'])).stdout) as { id: number; state: string; kind: string }[];
    expect(list).toMatchObject([{ id: 1, state: 'pending', kind: 'promotion' }]);
    const approved = await cli(['approvals', 'approve', '1', '--actor', 'bo', '--comment', 'better f1']);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/approval 1 approved by bo\njob \d+: promoted — version 2 is now in production/);

    const show = await cli(['models', 'show', 'churn@production', '--json']);
    const v = JSON.parse(show.stdout) as Record<string, unknown>;
    expect(v).toMatchObject({ name: 'churn', version: 2, aliases: ['production'], state: 'production' });
    expect(typeof (v.metrics as Record<string, number>).f1).toBe('number');
    expect(typeof v.created_at).toBe('string');

    const rb = await cli(['models', 'rollback', 'churn', '--actor', 'bo']);
    expect(rb.stdout).toContain('production rolled back to version 1');
    const history = JSON.parse((await cli(['models', 'history', 'churn', '--json'])).stdout) as { kind: string; version: number }[];
    expect(history.map((m) => `${m.kind}:${m.version}`)).toEqual(['promote:1', 'promote:2', 'rollback:1']);

    // Export version 2 (native and ONNX), register the native file again as version 3, replace its baseline.
    expect((await cli(['models', 'export', 'churn:2', '--out', 'v2.json'])).code).toBe(0);
    expect(JSON.parse(await readFile(join(home, 'v2.json'), 'utf8'))).toHaveProperty('format');
    expect((await cli(['models', 'export', 'churn:2', '--out', 'v2.onnx', '--format', 'onnx'])).code).toBe(0);
    expect((await readFile(join(home, 'v2.onnx'))).length).toBeGreaterThan(1000);
    const registered = JSON.parse((await cli(['models', 'register', 'churn', '--model', 'v2.json', '--reference', 'reference.csv', '--json'])).stdout) as { version: number; state: string };
    expect(registered).toMatchObject({ version: 3, state: 'candidate' });
    const baseline = await cli(['baseline', 'set', 'churn', '--reference', 'current.csv', '--actor', 'bo']);
    expect(baseline.stdout).toMatch(/the reference baseline is now dataset version \d+ \(\d+ rows\)/);

    const jobs = JSON.parse((await cli(['jobs', 'list', '--json'])).stdout) as { outcome: string; state: string }[];
    expect(jobs.map((j) => j.outcome)).toEqual(['promoted', 'awaiting_approval']);
    const shown = JSON.parse((await cli(['jobs', 'show', '1', '--json'])).stdout) as { steps: { name: string; duration_ms: number }[] };
    expect(shown.steps.map((s) => s.name)).toEqual(['bootstrap', 'check_drift', 'decide', 'train', 'evaluate', 'gates', 'approval']);

    const exported = await cli(['audit', 'export', '--out', 'retrain_log.csv']);
    expect(exported.code).toBe(0);
    const csv = (await readFile(join(home, 'retrain_log.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('time,model,trigger,drift_share,metric,old_metric,new_metric,decision,who,version,job');
    expect(csv[1]).toMatch(/,churn,dataset_drift,0\.\d+,f1,0\.\d+,0\.\d+,promoted,bo,2,\d+$/);

    expect((await cli(['models', 'show', 'nope@production', '--json'])).code).toBe(2);
    expect((await cli(['pipeline', '--name', 'churn'])).code).toBe(2);
    const badBaseline = await cli(['pipeline', '--name', 'churn', '-r', 'r.csv', '-k', 'c.csv', '-l', 'churn', '--baseline', 'training']);
    expect(badBaseline.code).toBe(2);
    expect(badBaseline.stderr).toMatch(/--baseline.*must be current or training_data, got "training"/);
  }, 180_000);
});

it('driftwatch split writes a seeded reference/current pair', async () => {
  const { tempDir } = await import('./helpers/run-cli.js');
  const { dir, cleanup } = tempDir();
  try {
    const input = join(import.meta.dirname, '..', '..', 'examples', 'data', 'telco_churn.csv');
    const args = ['split', '--input', input, '--out-reference', 'r.csv', '--out-current', 'c.csv', '--seed', '3', '--reference-fraction', '0.25'];
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('wrote 1761 reference rows to r.csv and 5282 current rows to c.csv\n');
    const first = await readFile(join(dir, 'r.csv'), 'utf8');
    await runCli(args, { cwd: dir });
    expect(await readFile(join(dir, 'r.csv'), 'utf8')).toBe(first);
    expect((await runCli(['split', '--input', input, '--out-reference', 'r.csv', '--out-current', 'c.csv', '--by', 'time'], { cwd: dir })).code).toBe(2);
  } finally {
    cleanup();
  }
});

it('the seed tools\' retraining keys: enabled false checks without retraining; save_path gets the production model, log_path the retrain log', async () => {
  const { tempDir } = await import('./helpers/run-cli.js');
  const { dir, cleanup } = tempDir();
  try {
    await writeChurnPair(dir, { rows: 2400 });
    const config = join(dir, 'driftwatch.yaml');
    const write = (enabled: boolean) => writeFile(config, [
      'reference: reference.csv', 'current: current.csv', 'label: churn', 'drift_share: 0.15',
      `retraining: { enabled: ${String(enabled)}, save_path: out/model.json, log_path: out/retrain_log.csv }`,
      'pipeline:', '  name: churn', '  trainer: { algo: rf, params: { n_estimators: 20, max_depth: 5 } }', '  gates: { max_drop_vs_champion: 1 }', '  approval: { mode: auto }', '',
    ].join('\n'));
    const cli = (args: string[]) => runCli([...args, '--home', join(dir, 'home')], { cwd: dir });

    await write(false);
    const off = await cli(['pipeline', '--config', config, '--json']);
    expect(off.code).toBe(0);
    expect(off.stderr).toContain('retraining.enabled is false in the config');
    expect(JSON.parse(off.stdout)).toMatchObject({ decision: 'bootstrapped' });
    const v1 = await readFile(join(dir, 'out', 'model.json'));
    const exported = join(dir, 'v1.json');
    expect((await cli(['models', 'export', 'churn@production', '--out', exported])).code).toBe(0);
    expect(v1.equals(await readFile(exported))).toBe(true);

    await write(true);
    const on = await cli(['pipeline', '--config', config, '--json']);
    expect(JSON.parse(on.stdout)).toMatchObject({ decision: 'promoted' });
    expect(on.stderr).toContain('wrote churn version 2 (production) to');
    expect((await readFile(join(dir, 'out', 'model.json'))).equals(v1)).toBe(false);
    const log = (await readFile(join(dir, 'out', 'retrain_log.csv'), 'utf8')).trim().split('\n');
    expect(log[0]).toBe('time,model,trigger,drift_share,metric,old_metric,new_metric,decision,who,version,job');
    expect(log.slice(1).map((l) => l.split(',')[7])).toEqual(['bootstrapped', 'promoted']);
  } finally {
    cleanup();
  }
}, 120_000);
