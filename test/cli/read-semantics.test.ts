/**
 * `driftwatch analyze` as a new user runs it on files spelt in the ways real exports spell them: drift is
 * found, odd values are reported with their line in every output, and settings that cannot apply say so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng.js';
import { runCli, tempDir } from './helpers/run-cli.js';

const { dir, cleanup } = tempDir('driftwatch-read-semantics-');
afterAll(cleanup);

const N = 600;
const INSERT_EVERY = 23;

beforeAll(() => {
  const rng = createRng(42);
  const normal = (mean: number): string => (mean + rng.normal()).toFixed(6);
  const ref: string[] = ['x,plan,empty'];
  const cur: string[] = ['x,plan,empty'];
  const spellings = ['nan', 'oops', '0x10', '1_000', 'NULL'];
  for (let i = 0; i < N; i++) {
    ref.push(`${normal(0)},${['basic', 'plus'][i % 2]},`);
    cur.push(`${i % INSERT_EVERY === 11 ? spellings[(i / INSERT_EVERY) % spellings.length | 0] : normal(5)},${['basic', 'plus'][i % 2]},${i % 3}`);
  }
  writeFileSync(join(dir, 'ref.csv'), `${ref.join('\n')}\n`);
  writeFileSync(join(dir, 'cur.csv'), `${cur.join('\n')}\n`);
  const eu = (mean: number): string => ['a;b', ...Array.from({ length: 300 }, (_, i) => `${normal(mean).replace('.', ',')};${i % 2 === 0 ? 'x' : 'y'}`)].join('\n') + '\n';
  writeFileSync(join(dir, 'ref_eu.csv'), eu(0));
  writeFileSync(join(dir, 'cur_eu.csv'), eu(3));
});

/** The junk written into cur.csv: count, first line and first value of the values that are not numbers. */
function expectedJunk(): { count: number; line: number; value: string } {
  const lines = readFileSync(join(dir, 'cur.csv'), 'utf8').split('\n');
  const bad = lines.flatMap((l, i) => (/^(oops|0x10|1_000),/.test(l) ? [{ line: i + 1, value: l.split(',')[0]! }] : []));
  return { count: bad.length, line: bad[0]!.line, value: bad[0]!.value };
}

describe('a numeric column with odd spellings in current', () => {
  it('is still numeric: the +5 sd shift is found (exit 1 with --fail-on-drift)', async () => {
    const r = await runCli(['analyze', '-r', 'ref.csv', '-c', 'cur.csv', '-f', 'terminal', '--fail-on-drift', '--drift-share', '0.5'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^x\s+numeric\s+ks\s+\S+\s+Wass .* DRIFTED$/m);
    const j = expectedJunk();
    expect(r.stdout).toContain(`x: ${j.count} non-numeric values in current, first at line ${j.line}: '${j.value}'`);
  });

  it('reports the values that are not numbers in the JSON and the HTML, with the line', async () => {
    const r = await runCli(['analyze', '-r', 'ref.csv', '-c', 'cur.csv', '-f', 'json,html', '-o', 'out', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'drift_report.json'), 'utf8'));
    const j = expectedJunk();
    expect(report.schema_version).toBe('1.3');
    const q = report.quality.columns.find((c: { name: string }) => c.name === 'x');
    expect(q.non_numeric_current).toEqual({ count: j.count, first_value: j.value, first_line: j.line, first_row: j.line - 1 });
    expect(q.non_numeric_reference).toBeNull();
    expect(report.quality.issues[0]).toEqual({ column: 'x', kind: 'non_numeric', message: `${j.count} non-numeric values in current, first at line ${j.line}: '${j.value}'; left out like missing values` });
    // The all-empty column is all missing, not also a type change.
    expect(report.schema.type_changes).toEqual([]);
    expect(report.quality.issues).toContainEqual({ column: 'empty', kind: 'all_missing', message: 'all values missing in the reference; not compared' });
    const html = readFileSync(join(dir, 'out', 'drift_report.html'), 'utf8');
    expect(html).toContain(`${j.count} non-numeric values in current, first at line ${j.line}: &#39;${j.value}&#39;`);
  });

  it('--missing-values replaces the markers: then "nan" is a value that is not a number', async () => {
    const r = await runCli(['analyze', '-r', 'ref.csv', '-c', 'cur.csv', '-f', 'terminal', '--json', '--missing-values', 'NA'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    const q = report.quality.columns.find((c: { name: string }) => c.name === 'x');
    expect(q.non_numeric_current.count).toBeGreaterThan(expectedJunk().count);
  });
});

describe('decimal commas', () => {
  it('are detected in a ;-separated pair, so the shift is found', async () => {
    const r = await runCli(['analyze', '-r', 'ref_eu.csv', '-c', 'cur_eu.csv', '-f', 'terminal', '--json'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    expect(report.columns[0]).toMatchObject({ name: 'a', kind: 'numeric', drifted: true });
  });

  it('--decimal . keeps them as text; a bad --decimal is a usage error', async () => {
    const r = await runCli(['analyze', '-r', 'ref_eu.csv', '-c', 'cur_eu.csv', '-f', 'terminal', '--json', '--decimal', '.'], { cwd: dir });
    expect(JSON.parse(r.stdout).columns.find((c: { name: string }) => c.name === 'a')?.kind ?? 'excluded').not.toBe('numeric');
    const bad = await runCli(['analyze', '-r', 'ref_eu.csv', '-c', 'cur_eu.csv', '--decimal', ';'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('driftwatch: --decimal must be "auto", "." or "," (got ";")\n');
  });

  it('config key decimal works like the flag', async () => {
    writeFileSync(join(dir, 'dec.yaml'), 'reference: ref_eu.csv\ncurrent: cur_eu.csv\ndecimal: "."\nmissing_values: [NA, "-999"]\n');
    const r = await runCli(['analyze', '--config', 'dec.yaml', '-f', 'terminal', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).columns.find((c: { name: string }) => c.name === 'a')?.kind).not.toBe('numeric');
  });
});

describe('settings that cannot apply say so', () => {
  it('--stattest chi2 on a continuous column warns on stderr; the preset judges it', async () => {
    const r = await runCli(['analyze', '-r', 'ref.csv', '-c', 'cur.csv', '-f', 'terminal', '--json', '--stattest', 'chi2'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: stattest chi2 counts each distinct value as a category, which tests next to nothing on continuous columns: "x" \(\d+ distinct values\); the preset judged it instead\./m);
    const report = JSON.parse(r.stdout);
    expect(report.columns.find((c: { name: string }) => c.name === 'x')).toMatchObject({ method: 'ks', drifted: true });
    expect(report.warnings).toHaveLength(1);
  });

  it('a correction when every method is a distance warns', async () => {
    const r = await runCli(['analyze', '-r', 'ref.csv', '-c', 'cur.csv', '-f', 'terminal', '--json', '--preset', 'evidently', '--stattest', 'wasserstein', '--correction', 'bonferroni', '--drop', 'plan'], { cwd: dir });
    expect(r.stderr).toContain('warning: correction bonferroni has no effect: every feature was judged by a distance (wasserstein)');
  });

  it('--label X --drop X is a usage error naming both flags', async () => {
    const r = await runCli(['analyze', '-r', 'ref.csv', '-c', 'cur.csv', '-f', 'terminal', '--label', 'plan', '--drop', 'plan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: column "plan" is given to --label and to --drop; a column cannot be analysed and left out: remove it from one of them\n');
  });

  it('a wrong --delimiter suggests the detected one', async () => {
    const r = await runCli(['analyze', '-r', 'ref.csv', '-c', 'cur.csv', '-f', 'terminal', '--delimiter', ';'], { cwd: dir });
    expect(r.code).toBe(2);
    // Both files are read at once; whichever fails first is reported.
    expect(r.stderr).toMatch(/^driftwatch: (ref|cur)\.csv:1: the delimiter ";" leaves the header one column, but "," splits it into 3 columns; use --delimiter "," \(config key delimiter\), or leave it out to detect it\n$/);
  });

  it('config errors name the snake_case key with the file and line', async () => {
    writeFileSync(join(dir, 'pc.yaml'), 'reference: ref.csv\ncurrent: cur.csv\nper_column:\n  plan: { method: ks }\n');
    const r = await runCli(['analyze', '--config', 'pc.yaml', '-f', 'terminal', '-q'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: pc.yaml:4: method "ks" (from per_column.plan) does not apply to column "plan", which is categorical; ks supports numeric columns\n');
    writeFileSync(join(dir, 'pk.yaml'), 'reference: ref.csv\ncurrent: cur.csv\nper_kind:\n  numeric: { method: ks, threshold: 2 }\n');
    const k = await runCli(['analyze', '--config', 'pk.yaml', '-f', 'terminal', '-q'], { cwd: dir });
    expect(k.stderr).toBe('driftwatch: pk.yaml:4: invalid per_kind.numeric: 2; a p-value threshold must be between 0 and 1 (exclusive)\n');
  });

  it('the config accepts effect, as docs/presets.md documents it', async () => {
    writeFileSync(join(dir, 'fx.yaml'), 'reference: ref.csv\ncurrent: cur.csv\nstattest: ks\neffect: { method: wasserstein, threshold: 0.1 }\n');
    const r = await runCli(['analyze', '--config', 'fx.yaml', '-f', 'terminal', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).columns.find((c: { name: string }) => c.name === 'x').effect_size).toMatchObject({ method: 'wasserstein', threshold: 0.1 });
  });
});

describe('docs/presets.md and the config agree', () => {
  it('writes the config keys (snake_case) and documents effect', () => {
    const doc = readFileSync(new URL('../../docs/presets.md', import.meta.url), 'utf8');
    const config = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
    for (const camel of ['`perKind', '`perColumn', '`driftShare`', '`psiBins`']) {
      // camelCase appears only where the library's spelling is explained.
      const uses = doc.split(camel).length - 1;
      expect(uses, camel).toBeLessThanOrEqual(1);
    }
    expect(doc).toContain('`per_kind.numeric`');
    expect(doc).toContain('`drift_share`');
    expect(doc).toContain('effect: { method: wasserstein, threshold: 0.1 }');
    expect(config).toContain('| `effect` |');
    expect(config).toContain('| `decimal` |');
    expect(config).toContain('| `missing_values` |');
  });
});
