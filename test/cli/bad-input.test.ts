/** Bad input files and column names: exit 2, one line naming the file/line/column, never a stack. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

beforeAll(() => {
  const files: Record<string, string | Buffer> = {
    'ok.csv': 'age,plan,churn\n31,basic,No\n45,plus,Yes\n28,basic,No\n52,plus,No\n',
    'empty.csv': '',
    'header.csv': 'age,plan,churn\n',
    'ragged.csv': 'age,plan,churn\n31,basic,No\n45,plus\n28,basic,No\n',
    'latin1.csv': Buffer.concat([Buffer.from('age,plan,churn\n31,basic,No\n45,'), Buffer.from([0x66, 0xfc, 0x72]), Buffer.from(',Yes\n')]),
    'other.csv': 'x,y\n1,2\n3,4\n',
    'no-label.csv': 'age,plan,churn\n31,basic,\n45,plus,\n28,basic,\n',
    'no-plan.csv': 'age,plan,churn\n31,,No\n45,,Yes\n28,,No\n',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
});

async function analyze(current: string, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['analyze', '-r', 'ok.csv', '-c', current, '-f', 'json', '-o', 'out', ...extra], { cwd: dir });
}

function expectOneLine(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^driftwatch: /);
  expect(stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  expect(stderr).not.toContain('internal error');
}

describe('bad input files', () => {
  it('missing file', async () => {
    const r = await analyze('nope.csv');
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/^driftwatch: nope\.csv.*(does not exist|not found)/);
    expect(r.stderr).not.toContain(dir); // named as typed, not as an absolute path
  });

  it('empty file', async () => {
    const r = await analyze('empty.csv');
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/^driftwatch: empty\.csv.*empty/);
  });

  it('header only', async () => {
    const r = await analyze('header.csv');
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/^driftwatch: header\.csv.*no data rows/);
  });

  it('a bad current file is reported while a large reference is still being read, the reference unnamed', async () => {
    writeFileSync(join(dir, 'large.csv'), 'age,plan,churn\n' + '31,basic,No\n45,plus,Yes\n'.repeat(300_000));
    const r = await runCli(['analyze', '-r', 'large.csv', '-c', 'ragged.csv', '-f', 'json', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/^driftwatch: ragged\.csv:3: /);
    expect(r.stderr).not.toContain('large.csv');
  });

  it('ragged row: names the line', async () => {
    const r = await analyze('ragged.csv');
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/^driftwatch: ragged\.csv:3: /);
  });

  it('not UTF-8: names the line', async () => {
    const r = await analyze('latin1.csv');
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/^driftwatch: latin1\.csv:3: .*UTF-8/);
  });

  it('an output folder that is a file', async () => {
    const r = await runCli(['analyze', '-r', 'ok.csv', '-c', 'ok.csv', '-f', 'json', '-o', 'ok.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/^driftwatch: ok\.csv cannot be created as a folder \(a file is in the way\)/);
    expect(r.stderr).not.toContain(dir);
  });

  it('a folder instead of a file', async () => {
    const r = await runCli(['analyze', '-r', '.', '-c', 'ok.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
  });
});

describe('bad column names', () => {
  it('unknown --label suggests the closest column', async () => {
    const r = await analyze('ok.csv', '--label', 'chrn');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: --label: column "chrn" not found in ok.csv; did you mean "churn"?\n');
  });

  it('unknown --label with nothing close lists the columns', async () => {
    const r = await analyze('ok.csv', '--label', 'target');
    expect(r.stderr).toBe('driftwatch: --label: column "target" not found in ok.csv; available columns: "age", "plan", "churn"\n');
  });

  it('unknown --drop / --categorical / --prediction name the flag', async () => {
    for (const flag of ['--drop', '--categorical', '--numerical', '--prediction', '--id', '--timestamp']) {
      const r = await analyze('ok.csv', flag, 'plna');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`driftwatch: ${flag}: column "plna" not found in ok.csv; did you mean "plan"?\n`);
    }
  });

  it('a label with no values at all', async () => {
    const r = await analyze('no-label.csv', '--label', 'churn');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: no-label.csv: --label: column "churn" has no values (every row is missing)\n');
  });

  it('a feature with no values is a quality issue in the report, not a failure', async () => {
    const r = await runCli(['analyze', '-r', 'ok.csv', '-c', 'no-plan.csv', '--json', '-f', 'terminal'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.quality.issues).toContainEqual(expect.objectContaining({ column: 'plan', kind: 'all_missing' }));
    expect(report.columns.map((c: { name: string }) => c.name)).not.toContain('plan');
  });

  it('no common columns', async () => {
    const r = await analyze('other.csv');
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/^driftwatch: .*no column can be compared|no common columns/i);
  });

  it('a config file naming an unknown column points at the key', async () => {
    writeFileSync(join(dir, 'cfg.yaml'), 'reference: ok.csv\ncurrent: ok.csv\nlabel: chrun\n');
    const r = await runCli(['analyze', '--config', 'cfg.yaml', '-f', 'json', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: label (cfg.yaml:3): column "chrun" not found in ok.csv; did you mean "churn"?\n');
  });
});
