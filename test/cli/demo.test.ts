/** `driftwatch demo` in-process: the injected drift is found, and nothing else is called drifted. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/index.js';
import { runCli, tempDir } from './helpers/run-cli.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

interface ReportColumn {
  readonly name: string;
  readonly drifted: boolean;
}

describe('driftwatch demo', () => {
  it('telco: writes the pair and the reports and finds exactly the injected columns', async () => {
    const r = await runCli(['demo', '-f', 'terminal,json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Driftwatch demo: IBM Telco customer churn');
    expect(r.stdout).toContain('driftwatch analyze -r demo/reference.csv -c demo/current.csv --label churn -o demo/reports');
    expect(r.stdout).toContain('demo/reports/drift_report.json');

    const reference = await readTable(join(dir, 'demo', 'reference.csv'));
    const current = await readTable(join(dir, 'demo', 'current.csv'));
    expect(reference.rowCount + current.rowCount).toBe(7043);
    expect(current.names).toEqual(reference.names);

    const report = JSON.parse(readFileSync(join(dir, 'demo', 'reports', 'drift_report.json'), 'utf8'));
    const drifted = (report.columns as ReportColumn[]).filter((c) => c.drifted).map((c) => c.name).sort();
    expect(drifted).toEqual(['contract', 'monthly_charges', 'tenure', 'total_charges']);
    expect(report.target_drift.name).toBe('churn');
    expect(r.stdout).toContain('Ground truth: drift was injected into 4 columns; the analysis flagged 4 of them and no other column.\n');
  });

  it('is reproducible with the same seed', async () => {
    await runCli(['demo', '-o', 'a', '-f', 'json', '-q'], { cwd: dir });
    await runCli(['demo', '-o', 'b', '-f', 'json', '-q'], { cwd: dir });
    expect(readFileSync(join(dir, 'a', 'current.csv'), 'utf8')).toBe(readFileSync(join(dir, 'b', 'current.csv'), 'utf8'));
  });

  it('breast-cancer: finds the shifted column and the label shift', async () => {
    const r = await runCli(['demo', '--dataset', 'breast-cancer', '-o', 'bc', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'bc', 'reports', 'drift_report.json'), 'utf8'));
    const byName = new Map((report.columns as ReportColumn[]).map((c) => [c.name, c]));
    expect(byName.get('mean radius')?.drifted).toBe(true);
    expect(byName.get('mean texture')?.drifted).toBe(true);
    expect(report.dataset.dataset_drift).toBe(true); // resampling on the label moves the correlated features
    expect(r.stdout).toMatch(/DRIFT DETECTED: /);
    expect(report.target_drift.name).toBe('target');
    expect(existsSync(join(dir, 'bc', 'current.csv'))).toBe(true);
  });

  it('rejects an unknown dataset', async () => {
    const r = await runCli(['demo', '--dataset', 'iris'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: --dataset: must be one of telco, breast-cancer (got "iris")\n');
  });
});
