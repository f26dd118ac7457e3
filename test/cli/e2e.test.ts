/**
 * The real thing: builds the package (tsc -p tsconfig.build.json) into a temporary package folder laid out
 * like an installed one (bin/, dist/, examples/, node_modules/), then spawns `node bin/driftwatch.js` from
 * another folder. Slow (a full build), so it is the only test that does this.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIFTWATCH_VERSION } from '../../src/core/version.js';
import { repoRoot, tempDir } from './helpers/run-cli.js';

const { dir, cleanup } = tempDir('driftwatch-e2e-');
afterAll(cleanup);
const pkg = join(dir, 'pkg');
const work = join(dir, 'work');

beforeAll(() => {
  mkdirSync(pkg);
  mkdirSync(work);
  // Type errors elsewhere in a half-built tree must not stop the CLI test: tsc emits anyway; check the output.
  spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repoRoot, 'tsconfig.build.json'), '--outDir', join(pkg, 'dist')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (!existsSync(join(pkg, 'dist', 'cli', 'main.js'))) throw new Error('the build produced no dist/cli/main.js');
  cpSync(join(repoRoot, 'bin'), join(pkg, 'bin'), { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(repoRoot, 'examples'), join(pkg, 'examples'));
  symlinkSync(join(repoRoot, 'node_modules'), join(pkg, 'node_modules'));
}, 600_000); // a full tsc build: minutes on a loaded 2-core machine

function driftwatch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(pkg, 'bin', 'driftwatch.js'), ...args], {
    cwd: work,
    encoding: 'utf8',
    // A hang (an output path the file system refuses used to spin forever) fails the test instead.
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1', DRIFTWATCH_DEBUG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('node bin/driftwatch.js', () => {
  it('--version', () => {
    expect(driftwatch('--version')).toEqual({ status: 0, stdout: `${DRIFTWATCH_VERSION}\n`, stderr: '' });
  });

  it('demo runs from any folder and writes every report', () => {
    const r = driftwatch('demo');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Driftwatch demo');
    expect(r.stdout).toContain('Reports written to demo/reports/:');
    for (const f of ['drift_report.json', 'feature_scores.csv', 'drift_report.html', 'drift_summary.png']) {
      expect(existsSync(join(work, 'demo', 'reports', f))).toBe(true);
    }
    const png = readFileSync(join(work, 'demo', 'reports', 'drift_summary.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('analyze with --fail-on-drift exits 1 on the demo pair, and --json output parses', () => {
    const r = driftwatch('analyze', '-r', 'demo/reference.csv', '-c', 'demo/current.csv', '--label', 'churn', '--drift-share', '0.2', '--fail-on-drift', '--json', '-f', 'terminal');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).dataset.dataset_drift).toBe(true);
  });

  it('a big analysis runs again with huge pages: same report, same exit code, output and errors passed through', () => {
    // DRIFTWATCH_HUGE_PAGES_FROM lowers the size from which it does so, so that the demo pair counts as big.
    const run = (env: Record<string, string>, ...args: string[]) => {
      const r = spawnSync(process.execPath, [join(pkg, 'bin', 'driftwatch.js'), ...args], { cwd: work, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', ...env } });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    driftwatch('demo');
    const args = ['analyze', '-r', 'demo/reference.csv', '-c', 'demo/current.csv', '--label', 'churn', '--drift-share', '0.2', '--fail-on-drift', '--json', '-f', 'terminal', '--verbose'];
    const huge = run({ DRIFTWATCH_HUGE_PAGES_FROM: '1' }, ...args);
    const plain = run({ DRIFTWATCH_HUGE_PAGES: '0' }, ...args);
    if (process.platform === 'linux') expect(huge.stderr).toMatch(/timings: .* MB \(huge pages\)/);
    expect(plain.stderr).not.toMatch(/huge pages/);
    expect(huge.status).toBe(1);
    expect(plain.status).toBe(1);
    const strip = (o: string) => ({ ...JSON.parse(o), generated_at: null });
    expect(strip(huge.stdout)).toEqual(strip(plain.stdout));
    const missing = run({ DRIFTWATCH_HUGE_PAGES_FROM: '1' }, 'analyze', '-r', 'demo/reference.csv', '-c', 'nope.csv');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^driftwatch: nope\.csv does not exist/);
  });

  it('a pair read on two threads (the reader started before the command line loads) reports as one read on one thread', () => {
    // Past 4 MiB together with few columns, the current file is read on the worker bin/driftwatch.js starts first.
    const rows = (shift: number): string => {
      const lines = ['a,b,c,d,e,f'];
      for (let i = 0; i < 90_000; i++) lines.push(`${(i % 997) / 7 + shift},${(i * 31) % 1009},${i % 5 === 0 ? 'x' : 'y'},${((i * 7) % 101) / 3},${i % 13},${(i % 89) * 1.5 + shift}`);
      return `${lines.join('\n')}\n`;
    };
    writeFileSync(join(work, 'big-ref.csv'), rows(0));
    writeFileSync(join(work, 'big-cur.csv'), rows(30));
    const args = ['analyze', '-r', 'big-ref.csv', '-c', 'big-cur.csv', '--json', '-f', 'terminal'];
    const two = driftwatch(...args);
    // A pipe for current has no size, so both are read on this thread; the prestarted worker is never used
    // and must not keep the process alive.
    const one = spawnSync('sh', ['-c', `${process.execPath} ${join(pkg, 'bin', 'driftwatch.js')} analyze -r big-ref.csv -c - --json -f terminal < big-cur.csv`], { cwd: work, encoding: 'utf8', timeout: 120_000 });
    expect(two.status).toBe(0);
    expect(one.status).toBe(0);
    const strip = (o: string) => ({ ...JSON.parse(o), generated_at: null, current: null });
    expect(strip(two.stdout)).toEqual(strip(one.stdout));
    expect(JSON.parse(two.stdout).dataset.drifted_columns).toBeGreaterThan(0);
    // Refused before anything is read: the worker started for nothing, and the process still ends at once.
    const refused = driftwatch('analyze', '-r', 'big-ref.csv', '-c', 'big-cur.csv', '--preset', 'nonsense');
    expect(refused.status).toBe(2);
  });

  it('bad input: exit 2, one line, no stack', () => {
    writeFileSync(join(work, 'ragged.csv'), 'a,b\n1,2\n3\n');
    const r = driftwatch('analyze', '-r', 'ragged.csv', '-c', 'ragged.csv');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^driftwatch: ragged\.csv:3: [^\n]+\n$/);
  });

  it('a closed pipe is not a crash', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${join(pkg, 'bin', 'driftwatch.js')}" analyze --help | head -c 5`], { cwd: work, encoding: 'utf8' });
    expect(r.stdout).toBe('Usage');
    expect(r.stderr).toBe('');
  });

  it('stdout that cannot be written: exit 74 and one line on stderr saying why', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${join(pkg, 'bin', 'driftwatch.js')}" analyze --help > /dev/full`], { cwd: work, encoding: 'utf8' });
    expect(r.status).toBe(74);
    expect(r.stderr).toBe('driftwatch: cannot write to stdout (ENOSPC: no space left on the device); the output is incomplete\n');
  });

  it('reads data piped to stdin (-) and from process substitution', () => {
    writeFileSync(join(work, 'piped.csv'), 'a,b\n1,x\n2,y\n3,x\n');
    const bin = `"${process.execPath}" "${join(pkg, 'bin', 'driftwatch.js')}"`;
    const stdin = spawnSync('sh', ['-c', `cat piped.csv | ${bin} analyze -r piped.csv -c - --json -f terminal`], { cwd: work, encoding: 'utf8' });
    expect(stdin.status).toBe(0);
    expect(JSON.parse(stdin.stdout).current).toEqual({ path: 'stdin', rows: 3 });
    const substituted = spawnSync('bash', ['-c', `${bin} analyze -r piped.csv -c <(cat piped.csv) --json -f terminal`], { cwd: work, encoding: 'utf8' });
    expect(substituted.status).toBe(0);
    expect(JSON.parse(substituted.stdout).current.rows).toBe(3);
    const simulated = spawnSync('sh', ['-c', `${bin} simulate-drift -i - -o out.csv --missing b=0 --quiet < piped.csv`], { cwd: work, encoding: 'utf8' });
    expect(simulated.status).toBe(0);
    expect(readFileSync(join(work, 'out.csv'), 'utf8')).toBe('a,b\n1,x\n2,y\n3,x\n');
  });

  it('an output folder the file system refuses fails at once with exit 2', () => {
    const r = driftwatch('simulate-drift', '-i', 'piped.csv', '-o', '/proc/driftwatch-nope/x.csv', '--missing', 'b=0');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^driftwatch: \/proc\/driftwatch-nope cannot be created as a folder/);
  });

  it('unknown option: exit 2, message and hint', () => {
    const r = driftwatch('analyze', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("driftwatch: unknown option '--bogus'\nRun 'driftwatch analyze --help' for usage.\n");
  });
});
