/** `driftwatch analyze` end to end in-process, on small CSV pairs with and without drift. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng.js';
import { runCli, tempDir } from './helpers/run-cli.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** 400 rows: x ~ N(shift, 1), y ~ N(0, 1), plan a/b with P(b) = pb, label yes/no. */
function csv(seed: number, shift: number, pb: number): string {
  const rng = createRng(seed);
  const lines = ['x,y,plan,label'];
  for (let i = 0; i < 400; i++) {
    lines.push(`${(shift + rng.normal()).toFixed(4)},${rng.normal().toFixed(4)},${rng.next() < pb ? 'b' : 'a'},${rng.next() < 0.3 ? 'yes' : 'no'}`);
  }
  return lines.join('\n') + '\n';
}

beforeAll(() => {
  writeFileSync(join(dir, 'ref.csv'), csv(1, 0, 0.3));
  writeFileSync(join(dir, 'same.csv'), csv(2, 0, 0.3));
  // x and plan drift strongly, y does not: 2 of 3 features = dataset drift at the default 0.5 share.
  writeFileSync(join(dir, 'drifted.csv'), csv(3, 2, 0.8));
});

const run = (...args: string[]): ReturnType<typeof runCli> => runCli(['analyze', '-r', 'ref.csv', ...args], { cwd: dir });

describe('driftwatch analyze', () => {
  it('prints the summary, writes every report and says where', async () => {
    const r = await run('-c', 'same.csv', '-o', 'all', '--label', 'label');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('ref.csv');
    const files = ['drift_report.json', 'feature_scores.csv', 'drift_report.html', 'drift_summary.png'];
    for (const f of files) {
      expect(existsSync(join(dir, 'all', f))).toBe(true);
      expect(r.stdout).toContain(`  all/${f}\n`);
    }
    expect(r.stdout).toContain('Reports written to all/:');
    const report = JSON.parse(readFileSync(join(dir, 'all', 'drift_report.json'), 'utf8'));
    expect(report.target_drift.name).toBe('label');
    expect(report.reference.path).toBe('ref.csv');
    expect(report.dataset.dataset_drift).toBe(false);
  });

  it('finds drift, and exits 1 with --fail-on-drift', async () => {
    const plain = await run('-c', 'drifted.csv', '-f', 'json', '-o', 'd1');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/DRIFT DETECTED: dataset drift: 2 of \d+ columns drifted/);
    const failing = await run('-c', 'drifted.csv', '-f', 'json', '-o', 'd2', '--fail-on-drift');
    expect(failing.code).toBe(1);
    const calm = await run('-c', 'same.csv', '-f', 'json', '-o', 'd3', '--fail-on-drift');
    expect(calm.code).toBe(0);
    expect(calm.stdout).toMatch(/No dataset drift: \d+ of \d+ columns drifted/);
  });

  it('--json prints only the JSON report on stdout', async () => {
    const r = await run('-c', 'drifted.csv', '--json', '-f', 'terminal,json', '-o', 'j');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.schema_version).toBeTypeOf('string');
    expect(report.dataset.dataset_drift).toBe(true);
    const file = JSON.parse(readFileSync(join(dir, 'j', 'drift_report.json'), 'utf8'));
    expect(report).toEqual(file);
    // People-facing lines moved to stderr.
    expect(r.stderr).toContain('drift_report.json');
    expect(r.stderr).toContain('DRIFT DETECTED');
  });

  it('--json on a report of many megabytes prints it in pieces, byte for byte the file', async () => {
    // 3,000 columns: about 8 MB of JSON, several of the megabyte pieces written to stdout.
    const wide = (shift: number): string => {
      const rng = createRng(7 + shift);
      const names = Array.from({ length: 3000 }, (_, k) => `col_${k}`);
      const rows = Array.from({ length: 8 }, () => names.map(() => (rng.normal() + shift).toFixed(3)).join(','));
      return `${names.join(',')}\n${rows.join('\n')}\n`;
    };
    writeFileSync(join(dir, 'wide-ref.csv'), wide(0));
    writeFileSync(join(dir, 'wide-cur.csv'), wide(1));
    const r = await runCli(['analyze', '-r', 'wide-ref.csv', '-c', 'wide-cur.csv', '--json', '-f', 'json', '-o', 'wide'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(4 << 20);
    expect(r.stdout).toBe(readFileSync(join(dir, 'wide', 'drift_report.json'), 'utf8'));
  });

  it('--quiet prints only the alert line, and nothing without drift', async () => {
    const drift = await run('-c', 'drifted.csv', '-q', '-o', 'q1');
    expect(drift.code).toBe(0);
    expect(drift.stdout).toMatch(/^DRIFT DETECTED: [^\n]*\n$/);
    expect(drift.stderr).toBe('');
    expect(existsSync(join(dir, 'q1', 'drift_report.html'))).toBe(true);
    const calm = await run('-c', 'same.csv', '-q', '-o', 'q2');
    expect(calm).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--verbose prints timings on stderr', async () => {
    const r = await run('-c', 'same.csv', '-v', '-f', 'json', '-o', 'v');
    expect(r.stderr).toMatch(/timings: read [\d.]+ s, analyse [\d.]+ s, render [\d.]+ s/);
  });

  it('passes method options to the engine', async () => {
    const r = await run('-c', 'drifted.csv', '--json', '-f', 'terminal', '--stattest', 'psi', '--threshold', '0.2', '--drop', 'y', '--categorical', 'label');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.columns.map((c: { name: string }) => c.name).sort()).toEqual(['label', 'plan', 'x']);
    for (const c of report.columns) {
      expect(c.method).toBe('psi');
      expect(c.threshold).toBe(0.2);
    }
    expect(report.columns.find((c: { name: string }) => c.name === 'label').kind).toBe('categorical');
    expect(existsSync(join(dir, 'reports'))).toBe(false); // terminal only: no files
  });

  it('keeps --categorical codes as written (007 stays 007, not 7)', async () => {
    const codes = ['007', '010', '7', '10.0'];
    const write = (name: string, offset: number): void => {
      const lines = ['zip,x'];
      for (let i = 0; i < 200; i++) lines.push(`${codes[(i + offset) % codes.length]},${i % 7}`);
      writeFileSync(join(dir, name), lines.join('\n') + '\n');
    };
    write('zip-ref.csv', 0);
    write('zip-cur.csv', 1);
    const r = await runCli(['analyze', '-r', 'zip-ref.csv', '-c', 'zip-cur.csv', '--json', '-f', 'terminal', '--categorical', 'zip'], { cwd: dir });
    expect(r.code).toBe(0);
    const zip = JSON.parse(r.stdout).columns.find((c: { name: string }) => c.name === 'zip');
    expect(zip.kind).toBe('categorical');
    const seen = zip.summary.reference.top.map((t: { value: string }) => t.value).sort();
    expect(seen).toEqual(['007', '010', '10.0', '7']);
  });

  it('gives the same report on one thread and on several', async () => {
    const telco = join(import.meta.dirname, '..', '..', 'examples', 'data', 'telco_churn.csv');
    await runCli(['simulate-drift', '-i', telco, '-o', 'telco-drifted.csv', '--shift', 'monthly_charges=+5', '--seed', '2'], { cwd: dir });
    const reports = await Promise.all(
      ['1', '2'].map(async (workers) => {
        const r = await runCli(['analyze', '-r', telco, '-c', 'telco-drifted.csv', '--label', 'churn', '--json', '-f', 'terminal', '--workers', workers], { cwd: dir });
        expect(r.code).toBe(0);
        const { generated_at: _t, ...rest } = JSON.parse(r.stdout);
        return rest;
      }),
    );
    expect(reports[1]).toEqual(reports[0]);
  });

  it('reads settings from a config file; flags win', async () => {
    writeFileSync(
      join(dir, 'dw.yaml'),
      ['reference: ref.csv', 'current: drifted.csv', 'label: label', 'drift_share: 0.9', 'output: { dir: from-config, formats: [json] }'].join('\n'),
    );
    const fromConfig = await runCli(['analyze', '--config', 'dw.yaml', '--json'], { cwd: dir });
    expect(fromConfig.code).toBe(0);
    const report = JSON.parse(fromConfig.stdout);
    expect(report.dataset.drift_share_threshold).toBe(0.9);
    expect(report.target_drift.name).toBe('label');
    expect(existsSync(join(dir, 'from-config', 'drift_report.json'))).toBe(true);

    const overridden = await runCli(['analyze', '--config', 'dw.yaml', '--drift-share', '0.5', '-c', 'same.csv', '-f', 'csv', '-o', 'from-flags', '--json'], {
      cwd: dir,
    });
    const report2 = JSON.parse(overridden.stdout);
    expect(report2.dataset.drift_share_threshold).toBe(0.5);
    expect(report2.current.path).toBe('same.csv');
    expect(existsSync(join(dir, 'from-flags', 'feature_scores.csv'))).toBe(true);
    expect(existsSync(join(dir, 'from-flags', 'drift_report.json'))).toBe(false);
  });
});
