/** Methods on the sorted numeric samples: tests on order and distances between empirical distributions. */
import { andersonKSample } from '../../stats/index.js';
import { cramerVonMises } from '../../stats/index.js';
import { energyDistance } from '../../stats/index.js';
import { ksTestFromScan } from '../../stats/index.js';
import { mannWhitneyU } from '../../stats/index.js';
import { welchTTest } from '../../stats/index.js';
import { DriftwatchError } from '../../core/index.js';
import type { ColumnPair, NumericPair } from '../prepare/column-pair.js';
import type { DriftMethod } from './types.js';

/** Floor on the reference standard deviation of the normed Wasserstein distance (Evidently's value). */
export const WASSERSTEIN_STD_FLOOR = 0.001;

function numeric(pair: ColumnPair): NumericPair {
  if (pair.kind !== 'numeric') throw new DriftwatchError('INTERNAL', 'an order-based drift method was given a categorical column');
  return pair;
}

const base = { kinds: ['numeric'], binaryOnly: false } as const;
const test = { ...base, scoreKind: 'p_value', defaultThreshold: 0.05, largerIsMoreDrift: false } as const;
const distance = { ...base, scoreKind: 'distance', defaultThreshold: 0.1, largerIsMoreDrift: true } as const;

export const ks: DriftMethod = {
  ...test,
  name: 'ks',
  description: 'Two-sample Kolmogorov-Smirnov test, two-sided (SciPy ks_2samp, method auto: exact for small samples). Statistic = largest gap between the two empirical CDFs.',
  compute(pair) {
    const p = numeric(pair);
    const r = ksTestFromScan(p.scan());
    return { statistic: r.statistic, p_value: r.pValue };
  },
};

export const wassersteinNormed: DriftMethod = {
  ...distance,
  name: 'wasserstein',
  description: `Wasserstein-1 (earth mover's) distance divided by the reference population standard deviation, floored at ${WASSERSTEIN_STD_FLOOR} (Evidently's normed Wasserstein): about "how many reference standard deviations the mass moved".`,
  compute(pair) {
    const p = numeric(pair);
    const w = p.scan().wasserstein;
    // Population std (ddof 0), from the reference moments the summary computed.
    const std = Math.sqrt(p.refMoments().ss / p.ref.length);
    return { statistic: w / Math.max(std, WASSERSTEIN_STD_FLOOR), p_value: null };
  },
};

export const wassersteinRaw: DriftMethod = {
  ...distance,
  name: 'wasserstein_raw',
  description: "Wasserstein-1 distance in the column's own units (SciPy wasserstein_distance). The default threshold 0.1 is in those units: set one that fits the column.",
  compute(pair) {
    const p = numeric(pair);
    return { statistic: p.scan().wasserstein, p_value: null };
  },
};

export const anderson: DriftMethod = {
  ...test,
  name: 'anderson',
  description: "k-sample Anderson-Darling test (SciPy anderson_ksamp, midrank); the p-value is SciPy's significance level, capped to [0.001, 0.25].",
  compute(pair) {
    const p = numeric(pair);
    // SciPy refuses fewer than 4 values or a single distinct value: too little to test, so no evidence.
    if (p.ref.length + p.cur.length < 4 || p.nUniqueBoth < 2) return { statistic: 0, p_value: 1 };
    const r = andersonKSample([p.ref, p.cur]);
    return { statistic: r.statistic, p_value: r.pValue };
  },
};

export const cvm: DriftMethod = {
  ...test,
  name: 'cvm',
  description: 'Two-sample Cramér-von Mises test (SciPy cramervonmises_2samp, method auto).',
  compute(pair) {
    const p = numeric(pair);
    // SciPy needs two values on each side.
    if (p.ref.length < 2 || p.cur.length < 2) return { statistic: 0, p_value: 1 };
    const r = cramerVonMises(p.ref, p.cur, { sorted: true });
    return { statistic: r.statistic, p_value: r.pValue };
  },
};

export const energy: DriftMethod = {
  ...distance,
  name: 'energy',
  description: "Energy distance (SciPy energy_distance), in the column's units; threshold 0.1 as in Evidently.",
  compute(pair) {
    const p = numeric(pair);
    return { statistic: energyDistance(p.ref, p.cur, { sorted: true }), p_value: null };
  },
};

export const mannwhitney: DriftMethod = {
  ...test,
  name: 'mannwhitney',
  description: 'Mann-Whitney U test, two-sided (SciPy mannwhitneyu defaults; Evidently uses one-sided "less", we do not). Statistic = U of the reference sample.',
  compute(pair) {
    const p = numeric(pair);
    const r = mannWhitneyU(p.ref, p.cur, { sorted: true, alternative: 'two-sided' });
    return { statistic: r.statistic, p_value: r.pValue };
  },
};

export const ttest: DriftMethod = {
  ...test,
  name: 'ttest',
  description: "Welch's unequal-variance t-test on the means, two-sided (SciPy ttest_ind equal_var=False). Sees only a change of mean.",
  compute(pair) {
    const p = numeric(pair);
    if (p.ref.length < 2 || p.cur.length < 2) return { statistic: 0, p_value: 1 };
    const r = welchTTest(p.ref, p.cur);
    // Both samples constant and equal: 0/0. No evidence of a change of mean.
    if (Number.isNaN(r.pValue)) return { statistic: 0, p_value: 1 };
    return { statistic: r.statistic, p_value: r.pValue };
  },
};

export const ORDER_BASED_METHODS: readonly DriftMethod[] = [ks, wassersteinNormed, wassersteinRaw, anderson, cvm, energy, mannwhitney, ttest];
