/**
 * Calibration of the `default` preset. With both samples drawn from one distribution, each column's
 * false-alarm rate must be at most 5%; with a 0.5-standard-deviation mean shift at 1,000 rows it must
 * detect at least 95% of the time.
 *
 * Tolerance: a rate observed over `reps` repetitions passes when it is at most
 * 0.05 + 2.33 * sqrt(0.05 * 0.95 / reps), the one-sided 99% bound of a binomial rate whose true value is
 * 5% — so a correctly calibrated preset fails this test about once in a hundred runs per check at worst
 * (much less in practice: the effect-size criterion pushes the true rate well below 5%). The seeds are
 * fixed, so the outcome is the same on every run; figures are printed for the record.
 */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createRng, type Rng } from '../../src/core/rng.js';
import { analyzeDrift } from '../../src/drift/analyze.js';
import { createTable, numericColumn, type CategoricalColumn, type Table } from '../../src/data/table/index.js';

const CATEGORIES = ['a', 'b', 'c', 'd'];
const PROBS = [0.4, 0.3, 0.2, 0.1];
const COLUMNS = ['normal', 'skewed', 'categorical'] as const;

function sampleTable(rng: Rng, n: number, shift: number): Table {
  const normal = new Float64Array(n);
  const skewed = new Float64Array(n);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    normal[i] = rng.normal() + shift;
    skewed[i] = Math.exp(0.8 * rng.normal());
    const u = rng.next();
    let k = 0;
    let acc = PROBS[0]!;
    while (u >= acc && k < PROBS.length - 1) acc += PROBS[++k]!;
    codes[i] = k;
  }
  const categorical: CategoricalColumn = { storage: 'categorical', name: 'categorical', kind: 'categorical', codes, dictionary: CATEGORIES };
  return createTable([numericColumn('normal', normal), numericColumn('skewed', skewed), categorical]);
}

const bound = (reps: number): number => 0.05 + 2.33 * Math.sqrt((0.05 * 0.95) / reps);

/** Drift rate per column over `reps` pairs of samples of n rows; current's normal column shifted by `shift`. */
function rates(n: number, reps: number, shift: number, seed: number): Record<(typeof COLUMNS)[number], number> {
  const rng = createRng(seed);
  const hits = { normal: 0, skewed: 0, categorical: 0 };
  for (let r = 0; r < reps; r++) {
    const report = analyzeDrift(sampleTable(rng, n, 0), sampleTable(rng, n, shift), { clock: manualClock(0) });
    for (const c of report.columns) if (c.drifted) hits[c.name as (typeof COLUMNS)[number]]++;
  }
  return { normal: hits.normal / reps, skewed: hits.skewed / reps, categorical: hits.categorical / reps };
}

describe('default preset calibration', () => {
  const plan: [n: number, reps: number][] = [
    [50, 400],
    [200, 400],
    [1000, 400],
    [10_000, 200],
    [100_000, 40],
  ];
  it.each(plan)('false alarms at n = %i over %i repetitions are at most 5 percent', (n, reps) => {
    const r = rates(n, reps, 0, 1000 + n);
    console.log(`calibration n=${n} reps=${reps} false-alarm rate: normal ${r.normal}, skewed ${r.skewed}, categorical ${r.categorical} (bound ${bound(reps).toFixed(4)})`);
    for (const c of COLUMNS) expect(r[c], `${c} at n=${n}`).toBeLessThanOrEqual(bound(reps));
  });

  it('for contrast, the evidently preset mis-fires on categorical columns (goodness of fit against exact reference counts)', () => {
    const reps = 200;
    const rng = createRng(4242);
    let hits = 0;
    for (let r = 0; r < reps; r++) {
      const report = analyzeDrift(sampleTable(rng, 500, 0), sampleTable(rng, 500, 0), { preset: 'evidently', clock: manualClock(0) });
      if (report.columns.find((c) => c.name === 'categorical')!.drifted) hits++;
    }
    console.log(`evidently preset, categorical, n=500, no drift: false-alarm rate ${hits / reps}`);
    // With equal sizes the statistic is about twice a chi-square(3): P(2X > 7.81) is about 0.25.
    expect(hits / reps).toBeGreaterThan(0.15);
  });

  it('detects a 0.5 standard deviation mean shift at 1,000 rows at least 95% of the time', () => {
    const reps = 200;
    const r = rates(1000, reps, 0.5, 77);
    console.log(`power n=1000 shift=0.5 sd: ${r.normal}`);
    expect(r.normal).toBeGreaterThanOrEqual(0.95);
  });
});
