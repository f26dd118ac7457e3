/**
 * `npm run bench:serve` (node --import tsx bench/serve-bench.ts) — the serving benchmark of issue 11 §9.
 *
 * A GBDT trained on the bundled churn data (examples/data/telco_churn.csv, train's defaults) is registered and
 * promoted in a temporary home; `driftwatch serve` then runs in its own process on 127.0.0.1 (keyless, embedded
 * SQLite store, prediction logging on) and autocannon drives it for a bounded time:
 *   - single-row `POST /v1/models/churn/predict` at 8 and 64 connections: requests/s, p50, p99, errors;
 *   - `POST /v1/models/churn/ingest` with 1,000-row batches (each with a new batch_id, rows carrying their
 *     prediction): rows/s;
 *   - then, the server stopped, the monitor's window of the last 100,000 logged rows read back as a Table.
 * Every answered prediction was committed first (group commit). When Debian's Python stack is present,
 * ../shared/baselines/serve_sklearn.py (FastAPI + uvicorn + a scikit-learn random forest) is started and driven
 * the same way in the same run, and the ratio is printed. Figures are printed, never asserted.
 *
 * Environment: DRIFTWATCH_BENCH_SECONDS (default 10 per run), DRIFTWATCH_BENCH_SKIP_BASELINE=1,
 * DATABASE_URL (serve on Postgres instead of the embedded store).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { readTable } from '../src/data/index.js';
import { saveNativeModel, trainModel } from '../src/models/index.js';
import { createRegistry } from '../src/registry/index.js';
import { createRuntime } from '../src/runtime/index.js';
import { openStore } from '../src/store/index.js';
import { median, PYTHON, pythonBaseline, repoRoot } from './bench-env.js';

const SECONDS = Number(process.env.DRIFTWATCH_BENCH_SECONDS ?? 10);
const CHURN = join(repoRoot, 'examples', 'data', 'telco_churn.csv');

interface Run {
  readonly label: string;
  /** Server CPU time per request, µs (user + system, from /proc): robust to the load generator sharing the cores. */
  readonly cpuUs?: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

/** CPU seconds (user + system) a process has used so far, or NaN where /proc is not there. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function drive(label: string, url: string, body: string, connections: number, seconds = SECONDS, pid?: number): Promise<Run> {
  const cpu0 = cpuSeconds(pid);
  const r = await autocannon({ url, method: 'POST', connections, duration: seconds, headers: { 'content-type': 'application/json' }, body });
  const cpuUs = ((cpuSeconds(pid) - cpu0) / Math.max(1, r.requests.total)) * 1e6;
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, ...(Number.isFinite(cpuUs) ? { cpuUs } : {}) };
}

function print(r: Run, extra = ''): void {
  const cpu = r.cpuUs !== undefined ? `   server CPU ${Math.round(r.cpuUs).toLocaleString('en-US')} µs/req` : '';
  console.log(`${r.label.padEnd(44)} ${Math.round(r.rps).toLocaleString('en-US').padStart(9)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}${cpu}${extra}`);
}

/** Waits for a line on the child's stderr matching `pattern`; rejects if the child exits first. */
function waitFor(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = pattern.exec(seen);
      if (m !== null) {
        child.stderr?.off('data', onData);
        resolvePromise(m);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${seen}`)));
  });
}

async function prepareHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'driftwatch-bench-serve-'));
  const table = await readTable(CHURN);
  const { model } = await trainModel(table, { label: 'churn', algo: 'gbdt', seed: 42 });
  const file = join(home, 'churn.json');
  await saveNativeModel(model, file);
  const store = await openStore({ home, ...(process.env.DATABASE_URL !== undefined ? { url: process.env.DATABASE_URL } : {}) });
  try {
    await createRegistry(store).registerModel({ name: 'churn', modelFile: file, reference: { table }, alias: 'production', actor: 'bench' });
  } finally {
    await store.close();
  }
  return home;
}

async function churnRows(n: number): Promise<Record<string, number | string | null>[]> {
  const t = await readTable(CHURN);
  return Array.from({ length: n }, (_, i) => {
    const r: Record<string, number | string | null> = {};
    for (const c of t.columns) {
      if (c.name === 'churn') continue;
      r[c.name] = c.storage === 'numeric' ? (Number.isNaN(c.values[i]!) ? null : c.values[i]!) : c.codes[i]! < 0 ? null : c.dictionary[c.codes[i]!]!;
    }
    return r;
  });
}

async function benchDriftwatch(): Promise<Run[]> {
  const home = await prepareHome();
  const server = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'entry.ts'), 'serve', '--home', home, '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, DRIFTWATCH_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const [, base] = await waitFor(server, /serving on (http:\/\/\S+)/, 'driftwatch serve');
    const rows = await churnRows(1000);
    const predictUrl = `${base!}/v1/models/churn/predict`;
    const one = JSON.stringify({ rows: [rows[0]] });
    await drive('warm-up', predictUrl, one, 8, 2);
    const runs: Run[] = [];
    for (const c of [8, 64]) {
      const r = await drive(`driftwatch predict, 1 row, ${c} connections`, predictUrl, one, c, SECONDS, server.pid);
      print(r);
      runs.push(r);
    }
    // Ingest: every request a new batch id (a repeated one would be a cheap duplicate).
    const withPredictions = rows.map((r, i) => ({ ...r, prediction: i % 3 === 0 ? 'Yes' : 'No', probability: (i % 100) / 100 }));
    const rowsJson = JSON.stringify(withPredictions);
    let n = 0;
    const cpu0 = cpuSeconds(server.pid);
    const ingest = await autocannon({
      url: `${base!}/v1/models/churn/ingest`,
      connections: 4,
      duration: SECONDS,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: `{"batch_id":"bench-${process.pid}-${n++}","rows":${rowsJson}}` }) }],
    });
    const ingestCpuUs = ((cpuSeconds(server.pid) - cpu0) / Math.max(1, ingest.requests.total)) * 1e6;
    const ingestRun: Run = {
      label: 'driftwatch ingest, 1,000-row batches, 4 conns', rps: ingest.requests.average, p50: ingest.latency.p50, p99: ingest.latency.p99, errors: ingest.errors + ingest.timeouts, non2xx: ingest.non2xx,
      ...(Number.isFinite(ingestCpuUs) ? { cpuUs: ingestCpuUs } : {}),
    };
    print(ingestRun, `   => ${Math.round(ingest.requests.average * 1000).toLocaleString('en-US')} rows/s`);
    runs.push(ingestRun);
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await timeWindow(home);
    return runs;
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * A drift check's window as a Table: the last 100,000 logged rows (of those the ingest run left), read from the
 * store the server wrote — issue 10's "well under a second". Best and median of five, in this process.
 */
async function timeWindow(home: string): Promise<void> {
  const runtime = await createRuntime({ home, env: process.env, processMetrics: false });
  try {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      rows = (await runtime.monitor.window('churn', { last: 100_000 })).rowCount;
      times.push(performance.now() - t0);
    }
    console.log(`${`monitor window, last ${rows.toLocaleString('en-US')} rows as a Table`.padEnd(44)}   best ${Math.round(Math.min(...times))} ms, median ${Math.round(median(times))} ms (target well under 1 s)`);
  } finally {
    await runtime.close();
  }
}

async function benchBaseline(ours: readonly Run[]): Promise<void> {
  // ../shared/baselines, found from a clone or a worktree (bench-env); null (and why, printed) when it cannot run.
  const script = pythonBaseline('serve_sklearn.py', ['fastapi', 'uvicorn', 'sklearn']);
  if (script === null) return;
  const port = 18_000 + (process.pid % 1000);
  const py = spawn(PYTHON, ['-m', 'uvicorn', 'serve_sklearn:app', '--app-dir', resolve(script, '..'), '--host', '127.0.0.1', '--port', String(port)], {
    env: { ...process.env, BASELINE_TRAIN_CSV: CHURN, BASELINE_LABEL: 'churn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    await waitFor(py, /Uvicorn running on/, 'uvicorn');
    const t = await readTable(CHURN);
    const numeric = t.columns.filter((c) => c.name !== 'churn' && c.storage === 'numeric');
    const body = JSON.stringify({ features: [numeric.map((c) => (c.storage === 'numeric' ? c.values[0]! : 0))] });
    const url = `http://127.0.0.1:${port}/predict`;
    await drive('warm-up', url, body, 8, 2);
    for (const [i, c] of [8, 64].entries()) {
      const r = await drive(`baseline (FastAPI + sklearn RF), ${c} connections`, url, body, c);
      const ratio = r.rps > 0 ? ` (driftwatch ${(ours[i]!.rps / r.rps).toFixed(1)}x)` : '';
      print(r, ratio);
    }
  } finally {
    py.kill('SIGTERM');
    await new Promise((r) => py.once('exit', r));
  }
}

console.log(`bench:serve — ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}, ${SECONDS} s a run, store ${process.env.DATABASE_URL !== undefined ? 'postgres' : 'sqlite'}`);
const ours = await benchDriftwatch();
await benchBaseline(ours);
