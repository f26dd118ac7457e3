/**
 * `npm run bench:models` (node --import tsx bench/models-bench.ts) — the model benchmark of issue 3.
 *
 * A 200,000 x 30 synthetic binary classification set (bench/synthetic-classification.ts: 10 informative
 * features, like scikit-learn's make_classification), 80/20 split, is written once as train/test CSVs under
 * $TMPDIR/driftwatch-bench/. Each learner then runs in a fresh child process (so peak RSS is its own) and reports
 * training time, batch prediction throughput on the test rows (median of 5 runs after a warm-up), single-row
 * latency p50/p99 over 2,000 in-process calls, test ROC AUC and peak RSS:
 *   gbdt   — 100 trees, depth 6, learning rate 0.3, lambda 1: XGBoost's defaults, for AUC parity with it;
 *   rf     — 100 trees, sqrt features, fully grown, both cores (scikit-learn's defaults);
 *   logreg — L2 logistic regression on standardised columns (src/models/linear, `standardize`: the scaling is fitted
 *            within the fit time and folded into the weights), against StandardScaler + LogisticRegression();
 *   gbdt-train — what `driftwatch train` does by default (trainModel on a Table: 20% validation split, train's
 *            gbdt defaults — learning rate 0.1, 31-leaf leaf-wise trees, 20 rows a leaf — early stopping on the
 *            validation rows, permutation importances, then the refit on every training row), against
 *            scikit-learn's HistGradientBoostingClassifier() defaults. Its fit time is the whole command's work.
 * When Debian's Python stack is present, ../shared/baselines/train_models.py runs on the same CSVs in the same run
 * and the ratios are printed. Figures are printed, never asserted.
 *
 * The in-memory data is regenerated from its seed each run; it is identical to the CSVs, which are written with
 * round-trip precision, so both sides train on the same numbers.
 *
 * Environment: DRIFTWATCH_BENCH_ROWS (default 200000), DRIFTWATCH_BENCH_DIR (default $TMPDIR/driftwatch-bench),
 * DRIFTWATCH_BENCH_SKIP_BASELINE=1 to skip Python, DRIFTWATCH_BENCH_MODELS=gbdt,gbdt-train,rf,logreg to choose learners,
 * DRIFTWATCH_BENCH_BASELINE_CHOSEN=1 to run only the chosen learners' Python counterparts (gbdt: XGBoost and
 * HistGradientBoosting; rf: RandomForest, ~60 s; logreg: LogisticRegression) instead of all four.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rocAuc } from '../src/metrics/roc-auc.js';
import { predictLogistic, trainLogisticRegression } from '../src/models/linear/index.js';
import { trainRandomForest } from '../src/models/forest/index.js';
import { trainGbdt } from '../src/models/gbdt/index.js';
import { compileEnsemble } from '../src/models/trees/index.js';
import { createTable, numericColumn } from '../src/data/table/index.js';
import { trainModel } from '../src/models/native/train-model.js';
import { benchDir, benchRows, PYTHON, pythonBaseline } from './bench-env.js';
import { makeClassification } from './synthetic-classification.js';

const rows = benchRows(200_000);
const FEATURES = 30;
const SEED = 20_240_601;
const dir = join(benchDir, `models-${rows}x${FEATURES}`);
const trainCsv = join(dir, 'train.csv');
const testCsv = join(dir, 'test.csv');

interface ModelFigures {
  model: string;
  fit_s: number;
  /** CPU seconds of all threads during training: a check on fit_s when the machine is shared. */
  fit_cpu_s: number;
  roc_auc: number;
  batch_rows_per_s: number;
  /** Rows per CPU-second of all threads during batch prediction: a check on batch_rows_per_s when the machine is shared. */
  batch_rows_per_cpu_s: number;
  single_row_us_p50: number;
  single_row_us_p99: number;
  peak_rss_mb: number;
  /** gbdt-train: boosting rounds in the saved model (chosen by early stopping). */
  rounds?: number;
}

function dataset() {
  const data = makeClassification({ rows, features: FEATURES, informative: 10, seed: SEED });
  const nTrain = Math.floor(rows * 0.8);
  const d = FEATURES;
  return {
    d,
    train: { x: data.x.slice(0, nTrain * d), y: data.y.slice(0, nTrain), n: nTrain },
    test: { x: data.x.slice(nTrain * d), y: data.y.slice(nTrain), n: rows - nTrain },
  };
}

function writeCsv(path: string, x: Float64Array, y: Float64Array, n: number, d: number): void {
  const header = [...Array.from({ length: d }, (_, f) => `f${f}`), 'label'].join(',');
  const parts: string[] = [header];
  for (let i = 0; i < n; i++) {
    const cells = new Array<string>(d + 1);
    for (let f = 0; f < d; f++) cells[f] = String(x[i * d + f]);
    cells[d] = String(y[i]);
    parts.push(cells.join(','));
  }
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, parts.join('\n') + '\n');
  renameSync(tmp, path);
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Runs one learner in this process and prints its figures as one JSON line. */
async function child(model: string): Promise<void> {
  const { d, train, test } = dataset();
  let predictBatch: (x: Float64Array, n: number) => Float64Array;
  let predictOne: (row: Float64Array) => number;
  // The table `train` would read: built before the clock starts, as reading the file is not training.
  const table =
    model === 'gbdt-train'
      ? createTable([
          ...Array.from({ length: d }, (_, f) => numericColumn(`f${f}`, Float64Array.from({ length: train.n }, (_, i) => train.x[i * d + f]))),
          numericColumn('label', train.y),
        ])
      : null;
  let rounds: number | null = null;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  if (table !== null) {
    const r = await trainModel(table, { label: 'label', algo: 'gbdt' });
    const est = r.model.estimator;
    if (est.type !== 'gbdt') throw new Error('expected a gbdt estimator');
    rounds = r.rounds;
    const p = compileEnsemble(est.ensemble);
    const out = new Float64Array(2);
    predictBatch = (x, n) => p.predictPositive(x, n);
    predictOne = (row) => (p.predictRow(row, out), out[1]);
  } else if (model === 'gbdt') {
    const r = trainGbdt(train.x, train.y, d, { objective: 'binary', nEstimators: 100, maxDepth: 6, learningRate: 0.3, lambda: 1, seed: 0 });
    const p = compileEnsemble(r.ensemble);
    const out = new Float64Array(2);
    predictBatch = (x, n) => p.predictPositive(x, n);
    predictOne = (row) => (p.predictRow(row, out), out[1]);
  } else if (model === 'rf') {
    const r = await trainRandomForest(train.x, train.y, d, { task: 'classification', nEstimators: 100, seed: 0, oobScore: false });
    const p = compileEnsemble(r.ensemble);
    const out = new Float64Array(2);
    predictBatch = (x, n) => p.predictPositive(x, n);
    predictOne = (row) => (p.predictRow(row, out), out[1]);
  } else {
    // StandardScaler + LogisticRegression, as the baseline's pipeline: `standardize` fits on standardised columns
    // (the scaling is part of the fit time) and folds the scaling into the weights, so prediction reads raw rows.
    const fit = trainLogisticRegression(train.x, train.n, d, Int32Array.from(train.y), 2, { C: 1, standardize: true });
    predictBatch = (x, n) => {
      const pr = predictLogistic(fit, x, n, d);
      const p1 = new Float64Array(n);
      for (let i = 0; i < n; i++) p1[i] = pr[2 * i + 1];
      return p1;
    };
    predictOne = (row) => predictLogistic(fit, row, 1, d)[1];
  }
  const fitS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const fitCpuS = (cpu.user + cpu.system) / 1e6;
  const prob = predictBatch(test.x, test.n);
  const auc = rocAuc(Int32Array.from(test.y), prob);
  const batch: number[] = [];
  const batchCpu: number[] = [];
  for (let k = 0; k < 5; k++) {
    const s = performance.now();
    const c = process.cpuUsage();
    predictBatch(test.x, test.n);
    const u = process.cpuUsage(c);
    batch.push((performance.now() - s) / 1000);
    batchCpu.push((u.user + u.system) / 1e6);
  }
  batch.sort((a, b) => a - b);
  batchCpu.sort((a, b) => a - b);
  const lat: number[] = [];
  let sink = 0;
  for (let k = 0; k < 2500; k++) {
    const i = k % test.n;
    const row = test.x.subarray(i * d, (i + 1) * d);
    const s = process.hrtime.bigint();
    sink += predictOne(row);
    const e = process.hrtime.bigint();
    if (k >= 500) lat.push(Number(e - s) / 1000);
  }
  lat.sort((a, b) => a - b);
  const figures: ModelFigures = {
    model,
    fit_s: round(fitS, 3),
    fit_cpu_s: round(fitCpuS, 3),
    roc_auc: round(auc, 5),
    batch_rows_per_s: Math.round(test.n / batch[2]),
    batch_rows_per_cpu_s: Math.round(test.n / Math.max(batchCpu[2], 1e-6)),
    single_row_us_p50: round(percentile(lat, 0.5), 2),
    single_row_us_p99: round(percentile(lat, 0.99), 2),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(rounds !== null ? { rounds } : {}),
  };
  if (Number.isNaN(sink)) console.error('unexpected NaN prediction');
  console.log(JSON.stringify(figures));
}

function round(v: number, digits: number): number {
  const m = 10 ** digits;
  return Math.round(v * m) / m;
}

/** Python counterparts of each learner, by the baseline script's model names. */
const BASELINES: Record<string, string[]> = { gbdt: ['xgboost_hist', 'sklearn_hgb'], 'gbdt-train': ['sklearn_hgb'], rf: ['sklearn_rf'], logreg: ['sklearn_logreg'] };

/**
 * Runs the baseline script (read-only, shared) with its model loop restricted to the names in argv[2]: the loop
 * line is rewritten before the script is executed, and a script without that line is refused rather than run in
 * full.
 */
const ONLY_SOME_BASELINES = `
import sys
script, keep = sys.argv[1], set(sys.argv[2].split(','))
src = open(script).read()
loop = 'for name, m in models.items():'
if src.count(loop) != 1:
    sys.exit('baseline script changed: cannot restrict its models; unset DRIFTWATCH_BENCH_BASELINE_CHOSEN')
src = src.replace(loop, 'for name, m in [(k, v) for k, v in models.items() if k in KEEP]:')
sys.argv = [script] + sys.argv[3:]
exec(compile(src, script, 'exec'), {'__name__': '__main__', 'KEEP': keep})
`;

async function main(): Promise<void> {
  const modelArg = process.argv.indexOf('--child');
  if (modelArg >= 0) return child(process.argv[modelArg + 1]);

  if (!existsSync(trainCsv) || !existsSync(testCsv)) {
    mkdirSync(dir, { recursive: true });
    const { d, train, test } = dataset();
    console.log(`writing ${trainCsv} and ${testCsv} ...`);
    writeCsv(trainCsv, train.x, train.y, train.n, d);
    writeCsv(testCsv, test.x, test.y, test.n, d);
  }
  console.log(`data: ${rows} x ${FEATURES} (10 informative), 80/20 split, in ${dir}`);
  const load = loadavg()[0];
  if (load > availableParallelism()) console.log(`note: load average ${load.toFixed(1)} on ${availableParallelism()} cores: absolute times are inflated; compare ratios`);
  const models = (process.env.DRIFTWATCH_BENCH_MODELS ?? 'gbdt,gbdt-train,rf,logreg').split(',');
  const ours = new Map<string, ModelFigures>();
  for (const m of models) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', m], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) {
      console.log(`${m}: failed\n${r.stderr}`);
      continue;
    }
    const f = JSON.parse(line) as ModelFigures;
    ours.set(m, f);
    console.log(
      `driftwatch ${m.padEnd(6)} fit ${f.fit_s.toFixed(2)} s (cpu ${f.fit_cpu_s.toFixed(2)} s)${f.rounds !== undefined ? `, ${f.rounds} rounds` : ''} | AUC ${f.roc_auc.toFixed(4)} | batch ${Math.round(f.batch_rows_per_s).toLocaleString('en')} rows/s (${Math.round(f.batch_rows_per_cpu_s).toLocaleString('en')} per CPU-s) | ` +
        `single row p50 ${f.single_row_us_p50} µs p99 ${f.single_row_us_p99} µs | peak RSS ${f.peak_rss_mb} MB`,
    );
  }

  const script = pythonBaseline('train_models.py', ['xgboost', 'sklearn']);
  if (script === null) return;
  const chosen = process.env.DRIFTWATCH_BENCH_BASELINE_CHOSEN === '1' ? models.flatMap((m) => BASELINES[m] ?? []) : null;
  console.log(`baseline: ${PYTHON} ${script}${chosen ? ` (${chosen.join(', ')} only)` : ''} (same CSVs, same run) ...`);
  const args = chosen ? ['-c', ONLY_SOME_BASELINES, script, chosen.join(','), trainCsv, testCsv, 'label'] : [script, trainCsv, testCsv, 'label'];
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    console.log(`baseline failed:\n${r.stderr}`);
    return;
  }
  const base = new Map<string, { fit_s: number; roc_auc: number; batch_predict_s: number; rows_test: number; single_row_ms_p50: number; single_row_ms_p99: number }>();
  for (const line of r.stdout.trim().split('\n')) {
    if (!line.startsWith('{')) continue;
    const o = JSON.parse(line);
    base.set(o.model, o);
    console.log(
      `python ${String(o.model).padEnd(15)} fit ${o.fit_s.toFixed(2)} s | AUC ${o.roc_auc.toFixed(4)} | batch ${Math.round(o.rows_test / o.batch_predict_s).toLocaleString('en')} rows/s | ` +
        `single row p50 ${(o.single_row_ms_p50 * 1000).toFixed(0)} µs p99 ${(o.single_row_ms_p99 * 1000).toFixed(0)} µs`,
    );
  }
  const compare = (ourName: string, theirName: string): void => {
    const a = ours.get(ourName);
    const b = base.get(theirName);
    if (!a || !b) return;
    const theirBatch = b.rows_test / b.batch_predict_s;
    console.log(
      `ratio ${ourName} / ${theirName}: fit time ${(a.fit_s / b.fit_s).toFixed(2)}x | AUC ${(a.roc_auc - b.roc_auc >= 0 ? '+' : '') + (a.roc_auc - b.roc_auc).toFixed(4)} | ` +
        `batch speed ${(a.batch_rows_per_s / theirBatch).toFixed(1)}x | single-row p50 ${((b.single_row_ms_p50 * 1000) / a.single_row_us_p50).toFixed(0)}x faster`,
    );
  };
  compare('gbdt', 'xgboost_hist');
  compare('gbdt', 'sklearn_hgb');
  compare('gbdt-train', 'sklearn_hgb');
  compare('gbdt-train', 'xgboost_hist');
  compare('rf', 'sklearn_rf');
  compare('logreg', 'sklearn_logreg');
}

await main();
