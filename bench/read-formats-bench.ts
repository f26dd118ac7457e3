/**
 * `npm run bench:read` — issue 8, section 5: the same 200,000 x (20 numeric + 5 categorical) reference and
 * current pair as CSV, JSON Lines and Parquet, each format read in a fresh process on the built library
 * (bench/read-formats-child.mjs: both files at once on two worker threads, as `driftwatch analyze` reads
 * them). Prints read time and CPU time of all threads (medians of runs; CPU time is the steadier figure on a
 * shared machine) and peak RSS beside CSV's, the baseline the other formats are
 * held to (Parquet at or below CSV, JSON Lines within 1.5x). Figures are printed, never asserted.
 *
 * The files are generated once into bench/.cache (gitignored). Environment: DRIFTWATCH_BENCH_ROWS (default
 * 200000), DRIFTWATCH_BENCH_RUNS (default 5).
 * `--throughput` also runs the older single-file CSV throughput benchmark (bench/read-csv-bench.ts).
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { benchRows, median, repoRoot } from './bench-env.js';
import { benchTable, CATEGORICAL, NUMERIC, type BenchFiles } from './read-formats-data.js';

const rows = benchRows(200_000);
const runs = Number(process.env.DRIFTWATCH_BENCH_RUNS ?? 5);
const cacheDir = join(repoRoot, 'bench', '.cache', `read-formats-v1-${rows}`);

interface Measured {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly checksum: number;
  readonly shape: string;
}

function readOnce(reference: string, current: string): Measured {
  const child = spawnSync(process.execPath, [join(repoRoot, 'bench/read-formats-child.mjs'), reference, current], { cwd: repoRoot, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`reading ${reference} failed (exit ${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measured;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const reference = await benchTable(cacheDir, 'reference', rows, 11, false);
  const current = await benchTable(cacheDir, 'current', rows, 12, true);
  const genSeconds = (performance.now() - t0) / 1000;
  console.log(`bench:read — ${rows.toLocaleString('en-US')} rows x (${NUMERIC} numeric + ${CATEGORICAL} categorical), reference + current read at once on two worker threads, each format in a fresh process`);
  console.log(`files: ${cacheDir}${genSeconds > 1 ? ` (generated in ${genSeconds.toFixed(1)} s)` : ' (cached)'}; median of ${runs} runs, peak RSS the largest`);
  const formats: (keyof BenchFiles)[] = ['csv', 'parquet', 'jsonl'];
  const results = new Map<keyof BenchFiles, { seconds: number; cpuSeconds: number; peakRssMb: number; checksum: number; shape: string }>();
  // Interleaved so that a busy spell on a shared machine falls on every format alike.
  const samples = new Map<keyof BenchFiles, Measured[]>(formats.map((f) => [f, []]));
  for (let r = 0; r < runs; r++) for (const f of formats) samples.get(f)!.push(readOnce(reference[f], current[f]));
  for (const f of formats) {
    const s = samples.get(f)!;
    results.set(f, { seconds: median(s.map((m) => m.seconds)), cpuSeconds: median(s.map((m) => m.cpuSeconds)), peakRssMb: Math.max(...s.map((m) => m.peakRssMb)), checksum: s[0]!.checksum, shape: s[0]!.shape });
  }
  const csv = results.get('csv')!;
  const mb = (p: string): string => `${(statSync(p).size / 1e6).toFixed(1)} MB`;
  console.log('');
  console.log('format    file size (each)   read time   vs CSV   CPU time   vs CSV   peak RSS   vs CSV   target');
  for (const f of formats) {
    const m = results.get(f)!;
    const target = f === 'csv' ? 'baseline' : f === 'parquet' ? '<= 1.00x time and RSS' : '<= 1.50x time';
    console.log(
      `${f.padEnd(9)} ${mb(reference[f]).padStart(16)}   ${m.seconds.toFixed(2).padStart(7)} s   ${(m.seconds / csv.seconds).toFixed(2).padStart(5)}x   ${m.cpuSeconds.toFixed(2).padStart(6)} s   ${(m.cpuSeconds / csv.cpuSeconds).toFixed(2).padStart(5)}x   ${m.peakRssMb.toFixed(0).padStart(5)} MB   ${(m.peakRssMb / csv.peakRssMb).toFixed(2).padStart(5)}x   ${target}`,
    );
  }
  const same = formats.every((f) => results.get(f)!.checksum === csv.checksum && results.get(f)!.shape === csv.shape);
  console.log('');
  console.log(same ? `tables: identical checksums across the three formats (${csv.shape})` : `tables DIFFER across formats: ${formats.map((f) => `${f} ${results.get(f)!.shape} ${results.get(f)!.checksum}`).join('; ')}`);
  if (!same) process.exitCode = 1;
  if (process.argv.includes('--throughput')) {
    spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench/read-csv-bench.ts')], { cwd: repoRoot, stdio: 'inherit' });
  }
}

await main();
