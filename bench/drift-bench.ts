/**
 * `npm run bench:drift` — the headline benchmark of issue 2.
 *
 * Generates (once, cached outside the repository) a reference and a current CSV of 1,000,000 rows x
 * (30 numeric + 5 categorical) columns, then runs the built `driftwatch analyze` CLI on them — reading both
 * files and writing the JSON and CSV reports included — with the `default` preset and with KS forced, each
 * in a fresh process so that peak RSS is that run's own. When Debian's Python stack is present (../shared/baselines/install.sh) it runs the
 * pandas + SciPy baseline (../shared/baselines/drift_table.py) on the same files in the same run and prints
 * the ratio. Figures are printed, never asserted: timings on shared machines are not test material.
 *
 * Environment: DRIFTWATCH_BENCH_ROWS (default 1000000), DRIFTWATCH_BENCH_DIR (default
 * $TMPDIR/driftwatch-bench), DRIFTWATCH_BENCH_SKIP_BASELINE=1 to skip Python, DRIFTWATCH_BENCH_MID_ONLY=1 to
 * run only the mid-size pair (200,000 rows x 25 columns, whole process; see midSize), DRIFTWATCH_BENCH_WIDE_ONLY=1
 * to run only the wide pair (100,000 columns x 3 rows; see wideFile).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRng, type Rng } from '../src/core/rng.js';
import { benchDir as cacheDir, benchRows, PYTHON, pythonBaseline, repoRoot } from './bench-env.js';

const rows = benchRows(1_000_000);
const NUMERIC = 30;
const CATEGORICAL = 5;

interface RunResult {
  readonly scenario: string;
  readonly readSeconds: number;
  readonly analyseSeconds: number;
  readonly renderSeconds: number;
  readonly totalSeconds: number;
  /** Whole process minus read, analyse and render: node's start-up, module loading, argument parsing, exit. */
  readonly startupSeconds: number;
  /** User + system CPU seconds of the whole process (GNU time), when installed: steadier than wall time on a busy machine. */
  readonly cpuSeconds: number | null;
  readonly peakRssMb: number;
  readonly columns: number;
  readonly drifted: number;
}

const CATEGORIES = [
  ['north', 'south', 'east', 'west'],
  ['basic', 'plus', 'premium'],
  ['web', 'ios', 'android', 'store', 'phone', 'partner'],
  ['yes', 'no'],
  ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'],
];

/**
 * One synthetic value generator per numeric column: a mix of shapes real features have, written the way
 * pandas' `to_csv` writes doubles (shortest round-trip text, often 16-17 significant digits), which is what
 * makes the baseline's files about 574 MB each.
 */
function numericValue(rng: Rng, col: number, drifted: boolean): string {
  const shift = drifted && col % 3 === 0 ? 0.4 : 0; // a third of the columns drift in current
  switch (col % 5) {
    case 0:
      return String(rng.normal() + shift);
    case 1:
      return String(Math.exp(0.5 * rng.normal() + shift));
    case 2:
      return String(100 * rng.next() + 30 * shift);
    case 3:
      return String(50 + 10 * (rng.normal() + shift));
    default:
      return String(1000 * (rng.normal() * 0.2 + 1 + shift));
  }
}

/**
 * Writes a pair file once. `digits` rounds the numbers to that many significant digits (the mid-size pair:
 * ~40 MB a file, as measurement data is usually written); without it they are pandas' full round-trip text.
 */
async function generate(path: string, seed: number, drifted: boolean, rows: number, numeric: number, digits?: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.partial`;
  const out = createWriteStream(tmp, { highWaterMark: 1 << 22 });
  const rng = createRng(seed);
  const header = [
    ...Array.from({ length: numeric }, (_, i) => `num_${i}`),
    ...Array.from({ length: CATEGORICAL }, (_, i) => `cat_${i}`),
  ];
  let chunk = header.join(',') + '\n';
  for (let r = 0; r < rows; r++) {
    const fields: string[] = [];
    for (let c = 0; c < numeric; c++) {
      const v = numericValue(rng, c, drifted);
      fields.push(digits === undefined ? v : String(Number(Number(v).toPrecision(digits))));
    }
    for (let c = 0; c < CATEGORICAL; c++) {
      const cats = CATEGORIES[c]!;
      // Current skews toward the first category of every other categorical column.
      const k = drifted && c % 2 === 0 && rng.next() < 0.15 ? 0 : rng.int(cats.length);
      fields.push(cats[k]!);
    }
    chunk += fields.join(',') + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
  renameSync(tmp, path);
}

/**
 * Runs one scenario as a user runs it: the built `driftwatch analyze` CLI in a fresh process (JSON and CSV
 * reports written to a temporary folder, so the figures include writing them). Wall time is measured here
 * around the whole process, start-up and module loading included; the read / analyse / render split and the
 * process's peak RSS come from the CLI's own --verbose timings line.
 */
function runChild(scenario: string, refPath: string, curPath: string, env: Readonly<Record<string, string>> = {}): RunResult {
  const args = [join(repoRoot, 'bin/driftwatch.js'), 'analyze', '--reference', refPath, '--current', curPath, '--format', 'json,csv', '--verbose', '--no-color'];
  if (scenario === 'ks') args.push('--stattest', 'ks');
  return runCli(scenario, args, env);
}

/** The run with the median whole-process time of `runs` runs (one run is at the mercy of a shared machine). */
function medianRun(runs: number, run: () => RunResult): RunResult {
  const all = Array.from({ length: runs }, run).sort((a, b) => a.totalSeconds - b.totalSeconds);
  return all[Math.floor(runs / 2)]!;
}

function runCli(scenario: string, cliArgs: readonly string[], env: Readonly<Record<string, string>> = {}): RunResult {
  const outDir = mkdtempSync(join(tmpdir(), 'driftwatch-bench-out-'));
  const args = [...cliArgs, '--out', outDir];
  // GNU time, when installed, measures the peak RSS of the whole process, exit included.
  const gnuTime = existsSync('/usr/bin/time');
  const started = performance.now();
  const child = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'max-rss-kb %M cpu-s %U %S', process.execPath, ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, ...env } })
    : spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, ...env } });
  const totalSeconds = (performance.now() - started) / 1000;
  try {
    if (child.status !== 0) throw new Error(`scenario ${scenario} failed (exit ${child.status}):\n${child.stderr}`);
    const m = /timings: read ([\d.]+) s, analyse ([\d.]+) s, render ([\d.]+) s, total [\d.]+ s, peak RSS (\d+) MB/.exec(child.stderr);
    if (m === null) throw new Error(`scenario ${scenario}: no timings line in the CLI's output:\n${child.stderr}`);
    const wholeProcessKb = /max-rss-kb (\d+)/.exec(child.stderr)?.[1];
    const cpu = /cpu-s ([\d.]+) ([\d.]+)/.exec(child.stderr);
    const report = JSON.parse(readFileSync(join(outDir, 'drift_report.json'), 'utf8')) as { dataset: { columns_analyzed: number; drifted_columns: number } };
    return {
      scenario,
      readSeconds: Number(m[1]),
      analyseSeconds: Number(m[2]),
      renderSeconds: Number(m[3]),
      totalSeconds,
      startupSeconds: totalSeconds - Number(m[1]) - Number(m[2]) - Number(m[3]),
      cpuSeconds: cpu === null ? null : Number(cpu[1]) + Number(cpu[2]),
      peakRssMb: wholeProcessKb !== undefined ? Number(wholeProcessKb) / 1024 : Number(m[4]),
      columns: report.dataset.columns_analyzed,
      drifted: report.dataset.drifted_columns,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function baseline(refPath: string, curPath: string): { total_s: number; read_s: number; tests_s: number; columns: number; drifted: number } | null {
  const script = pythonBaseline('drift_table.py', ['pandas', 'scipy']);
  if (script === null) return null;
  const child = spawnSync(PYTHON, [script, refPath, curPath], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) {
    console.log(`baseline: failed: ${child.stderr.trim().split('\n').pop()}`);
    return null;
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

function fmt(s: number): string {
  return `${s.toFixed(2)} s`;
}

async function main(): Promise<void> {
  if (process.env.DRIFTWATCH_BENCH_MID_ONLY === '1') return midSize();
  if (process.env.DRIFTWATCH_BENCH_WIDE_ONLY === '1') return wideFile();
  const refPath = join(cacheDir, `reference-v3-${rows}.csv`);
  const curPath = join(cacheDir, `current-v3-${rows}.csv`);
  const g0 = performance.now();
  await generate(refPath, 1, false, rows, NUMERIC);
  await generate(curPath, 2, true, rows, NUMERIC);
  const genSeconds = (performance.now() - g0) / 1000;
  const sizeMb = (statSync(refPath).size + statSync(curPath).size) / 1e6;
  const numericMb = (2 * rows * NUMERIC * 8) / 1e6;
  console.log(`driftwatch bench:drift — ${rows.toLocaleString('en-US')} rows x ${NUMERIC} numeric + ${CATEGORICAL} categorical columns`);
  console.log(`files: ${cacheDir} (${sizeMb.toFixed(0)} MB for both${genSeconds > 1 ? `, generated in ${fmt(genSeconds)}` : ', cached'})`);
  console.log(`numeric data in memory: ${numericMb.toFixed(0)} MB (target peak RSS < 1.5x = ${(1.5 * numericMb).toFixed(0)} MB)`);
  console.log('');
  console.log(`median of ${BIG_RUNS} runs each`);
  const results = ['default', 'ks'].map((s) => medianRun(BIG_RUNS, () => runChild(s, refPath, curPath)));
  // Inputs this large run with huge pages for their column memory (src/cli/huge-pages.ts); the same run
  // without them, for comparison on machines where the page faults cost less or more.
  const plainPages = process.platform === 'linux' ? medianRun(BIG_RUNS, () => ({ ...runChild('default', refPath, curPath, { DRIFTWATCH_HUGE_PAGES: '0' }), scenario: 'default, DRIFTWATCH_HUGE_PAGES=0' })) : null;
  for (const r of [...results, ...(plainPages === null ? [] : [plainPages])]) {
    console.log(
      `driftwatch analyze [${r.scenario.padEnd(7)}] total ${fmt(r.totalSeconds)} (read ${fmt(r.readSeconds)}, analyse ${fmt(r.analyseSeconds)}, render ${fmt(r.renderSeconds)}), ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB (${(r.peakRssMb / numericMb).toFixed(2)}x numeric data), ${r.drifted}/${r.columns} columns drifted`,
    );
  }
  const base = baseline(refPath, curPath);
  if (base) {
    console.log(
      `pandas + SciPy baseline           total ${fmt(base.total_s)} (read ${fmt(base.read_s)}, KS + Wasserstein ${fmt(base.tests_s)}), ${base.drifted}/${base.columns} numeric columns drifted`,
    );
    for (const r of results) {
      console.log(`speed-up [${r.scenario}]: ${(base.total_s / r.totalSeconds).toFixed(1)}x (target >= 5x, goal 10x)`);
    }
    if (plainPages !== null) console.log(`without huge pages (DRIFTWATCH_HUGE_PAGES=0): ${(base.total_s / plainPages.totalSeconds).toFixed(1)}x`);
  }
  await midSize();
  await wideFile();
}

/** Runs of each 1,000,000-row scenario; the median is printed. */
const BIG_RUNS = 3;
const MID_ROWS = 200_000;
const MID_NUMERIC = 20;
const MID_RUNS = 3;
const MID_DIGITS = 7;

/**
 * The mid-size pair of issue 8 (200,000 rows x 20 numeric + 5 categorical, ~40 MB a file): at this size
 * start-up, module loading and the hand-off to worker threads weigh as much as reading and analysing, so
 * the whole process is the figure (goal: under 0.75 s). Median of MID_RUNS runs, each a fresh process.
 */
async function midSize(): Promise<void> {
  const refPath = join(cacheDir, `reference-v3-${MID_ROWS}x${MID_NUMERIC}-p${MID_DIGITS}.csv`);
  const curPath = join(cacheDir, `current-v3-${MID_ROWS}x${MID_NUMERIC}-p${MID_DIGITS}.csv`);
  await generate(refPath, 3, false, MID_ROWS, MID_NUMERIC, MID_DIGITS);
  await generate(curPath, 4, true, MID_ROWS, MID_NUMERIC, MID_DIGITS);
  console.log('');
  console.log(`mid-size pair — ${MID_ROWS.toLocaleString('en-US')} rows x ${MID_NUMERIC} numeric + ${CATEGORICAL} categorical columns (${MID_DIGITS} significant digits, ${((statSync(refPath).size + statSync(curPath).size) / 2e6).toFixed(0)} MB a file; median of ${MID_RUNS} runs)`);
  const args = [join(repoRoot, 'bin/driftwatch.js'), 'analyze', '--reference', refPath, '--current', curPath, '--format', 'json,csv', '--verbose', '--no-color'];
  const runs = Array.from({ length: MID_RUNS }, () => runCli('mid', args));
  const median = (f: (r: RunResult) => number): number => runs.map(f).sort((a, b) => a - b)[Math.floor(MID_RUNS / 2)]!;
  const total = median((r) => r.totalSeconds);
  const cpu = runs[0]!.cpuSeconds === null ? '' : `, CPU ${fmt(median((r) => r.cpuSeconds!))}`;
  console.log(
    `driftwatch analyze [default] whole process ${fmt(total)}${cpu} (start-up ${fmt(median((r) => r.startupSeconds))}, read ${fmt(median((r) => r.readSeconds))}, ` +
      `analyse ${fmt(median((r) => r.analyseSeconds))}, render ${fmt(median((r) => r.renderSeconds))}), peak RSS ${median((r) => r.peakRssMb).toFixed(0)} MB (goal < 0.75 s)`,
  );
  const base = baseline(refPath, curPath);
  if (base) {
    console.log(`pandas + SciPy baseline      total ${fmt(base.total_s)} (read ${fmt(base.read_s)}, KS + Wasserstein ${fmt(base.tests_s)})`);
    console.log(`speed-up [mid-size]: ${(base.total_s / total).toFixed(1)}x`);
  }
}

const WIDE_COLUMNS = 100_000;
const WIDE_ROWS = 3;

/** The wide pair of issue 8: `columns` columns x 3 rows, normal values with 3 decimals (current shifted by 0.5). */
async function generateWide(path: string, columns: number, seed: number, shift: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const rng = createRng(seed);
  const lines = [Array.from({ length: columns }, (_, k) => `c${k}`).join(',')];
  for (let r = 0; r < WIDE_ROWS; r++) lines.push(Array.from({ length: columns }, () => (rng.normal() + shift).toFixed(3)).join(','));
  const tmp = `${path}.partial`;
  const out = createWriteStream(tmp);
  await new Promise<void>((res, rej) => out.end(`${lines.join('\n')}\n`, (err?: Error | null) => (err ? rej(err) : res())));
  renameSync(tmp, path);
}

/** The wide pair's two files at `columns` columns, generated once. */
async function widePair(columns: number): Promise<{ readonly refPath: string; readonly curPath: string }> {
  const refPath = join(cacheDir, `wide-reference-v1-${columns}x${WIDE_ROWS}.csv`);
  const curPath = join(cacheDir, `wide-current-v1-${columns}x${WIDE_ROWS}.csv`);
  await generateWide(refPath, columns, 5, 0);
  await generateWide(curPath, columns, 6, 0.5);
  return { refPath, curPath };
}

/**
 * The wide pair (issue 8: "reading and analysis must be linear in cells (target: under 2 s)"): a file of
 * 100,000 short columns, where per-column costs dominate. Whole process, with the JSON and CSV reports and
 * with every default output (terminal, JSON, CSV, HTML, PNG); the same at half the width shows the cost
 * per cell holding.
 */
async function wideFile(): Promise<void> {
  const { refPath, curPath } = await widePair(WIDE_COLUMNS);
  console.log('');
  console.log(`wide pair — ${WIDE_COLUMNS.toLocaleString('en-US')} columns x ${WIDE_ROWS} rows (${((statSync(refPath).size + statSync(curPath).size) / 2e6).toFixed(1)} MB a file; median of ${MID_RUNS} runs)`);
  const command = (ref: string, cur: string): string[] => [join(repoRoot, 'bin/driftwatch.js'), 'analyze', '--reference', ref, '--current', cur, '--verbose', '--no-color'];
  const half = await widePair(WIDE_COLUMNS / 2);
  const runs = [
    ['json,csv', command(refPath, curPath), ['--format', 'json,csv']],
    ['all outputs', command(refPath, curPath), []],
    [`all outputs, ${(WIDE_COLUMNS / 2).toLocaleString('en-US')} columns`, command(half.refPath, half.curPath), []],
  ] as const;
  for (const [label, base, formats] of runs) {
    const r = medianRun(MID_RUNS, () => runCli('wide', [...base, ...formats]));
    console.log(
      `driftwatch analyze [${label}] read + analyse ${fmt(r.readSeconds + r.analyseSeconds)} (target < 2 s); whole process ${fmt(r.totalSeconds)} (start-up ${fmt(r.startupSeconds)}, ` +
        `read ${fmt(r.readSeconds)}, analyse ${fmt(r.analyseSeconds)}, render ${fmt(r.renderSeconds)}), peak RSS ${r.peakRssMb.toFixed(0)} MB`,
    );
  }
  const b = baseline(refPath, curPath);
  if (b) console.log(`pandas + SciPy baseline      total ${fmt(b.total_s)} (read ${fmt(b.read_s)}, KS + Wasserstein ${fmt(b.tests_s)})`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
