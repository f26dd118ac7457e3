/** What the benchmarks share: where the repository and the cached data files are, and the Python baselines. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Generated data files live here between runs (DRIFTWATCH_BENCH_DIR), outside the repository. */
export const benchDir = process.env.DRIFTWATCH_BENCH_DIR ?? join(tmpdir(), 'driftwatch-bench');

/** The middle of `xs` (the upper middle of an even count): the figure a benchmark quotes from its runs. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** DRIFTWATCH_BENCH_ROWS, or the benchmark's own size. */
export function benchRows(fallback: number): number {
  return Number(process.env.DRIFTWATCH_BENCH_ROWS ?? fallback);
}

export const PYTHON = '/usr/bin/python3';

/** The main checkout's folder when the repository is a git worktree (its common git directory's parent). */
function mainCheckout(): string[] {
  const r = spawnSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repoRoot, encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '' ? [dirname(r.stdout.trim())] : [];
}

/**
 * The path of the baseline script `name` in ../shared/baselines (or ../../shared/baselines) when it can run here (Debian's python3 with
 * `modules`); otherwise null, after printing why (DRIFTWATCH_BENCH_SKIP_BASELINE=1 skips it on purpose).
 */
export function pythonBaseline(name: string, modules: readonly string[]): string | null {
  if (process.env.DRIFTWATCH_BENCH_SKIP_BASELINE === '1') {
    console.log('baseline: skipped (DRIFTWATCH_BENCH_SKIP_BASELINE=1)');
    return null;
  }
  // ../shared from a clone; from a git worktree (e.g. /work/wt/<branch>), ../shared of the main checkout (found
  // through the common git directory), else the nearest ancestor's.
  const candidates = [resolve(repoRoot, '../shared/baselines', name), ...mainCheckout().map((root) => resolve(root, '../shared/baselines', name)), resolve(repoRoot, '../../shared/baselines', name)];
  const script = candidates.find((c) => existsSync(c)) ?? candidates[0];
  const ok = existsSync(PYTHON) && existsSync(script) && spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' }).status === 0;
  if (!ok) console.log(`baseline: skipped (needs ${PYTHON} with ${modules.join(', ')} and ${script}; see ../shared/baselines/install.sh)`);
  return ok ? script : null;
}
