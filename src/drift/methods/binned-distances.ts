/** Distances between the reference and current shares over common bins (see shared-bins.ts). */
import { hellinger as hellingerDistance, jensenShannon, klDivergence, psi as psiIndex, totalVariation } from '../../stats/index.js';
import { binnedShares, DEFAULT_PSI_BINS } from './shared-bins.js';
import type { DriftMethod } from './types.js';

/** Share floor for empty bins in PSI and KL (a log of 0 would make them infinite). */
export const SHARE_FLOOR = 1e-4;

const common = { kinds: ['numeric', 'categorical'], scoreKind: 'distance', largerIsMoreDrift: true, binaryOnly: false } as const;
const binsNote = 'Numeric columns with more than 20 distinct reference values use Sturges bins over both samples, others one bin per value';

export const psi: DriftMethod = {
  ...common,
  name: 'psi',
  defaultThreshold: 0.1,
  description: `Population Stability Index, sum (cur - ref) ln(cur / ref) over shares floored at ${SHARE_FLOOR}. Numeric columns with more than 20 distinct reference values use ${DEFAULT_PSI_BINS} reference-quantile bins (option psiBins), others one bin per value; categorical columns their categories. Rule of thumb: < 0.1 stable, 0.1-0.25 moderate, > 0.25 major.`,
  compute(pair, params) {
    const s = binnedShares(pair, 'reference-quantiles', params.psiBins ?? DEFAULT_PSI_BINS);
    return { statistic: psiIndex(s.ref, s.cur, { floor: SHARE_FLOOR }), p_value: null };
  },
};

export const jensenshannon: DriftMethod = {
  ...common,
  name: 'jensenshannon',
  defaultThreshold: 0.1,
  description: `Jensen-Shannon distance (SciPy jensenshannon), base 2 so it lies in [0, 1]; the evidently preset uses the natural log as Evidently does. ${binsNote}.`,
  compute(pair, params) {
    const s = binnedShares(pair, 'sturges');
    return { statistic: jensenShannon(s.ref, s.cur, params.base ?? 2), p_value: null };
  },
};

export const hellinger: DriftMethod = {
  ...common,
  name: 'hellinger',
  defaultThreshold: 0.1,
  description: `Hellinger distance in [0, 1], sqrt(1 - sum sqrt(ref * cur)). ${binsNote}.`,
  compute(pair) {
    const s = binnedShares(pair, 'sturges');
    return { statistic: hellingerDistance(s.ref, s.cur), p_value: null };
  },
};

export const tvd: DriftMethod = {
  ...common,
  name: 'tvd',
  defaultThreshold: 0.1,
  description: `Total variation distance, half the sum of absolute share differences, in [0, 1] (a distance here; Evidently's TVD is a permutation test). ${binsNote}.`,
  compute(pair) {
    const s = binnedShares(pair, 'sturges');
    return { statistic: totalVariation(s.ref, s.cur), p_value: null };
  },
};

export const kl: DriftMethod = {
  ...common,
  name: 'kl',
  defaultThreshold: 0.1,
  description: `Kullback-Leibler divergence KL(reference || current) in nats (SciPy entropy), shares floored at ${SHARE_FLOOR}; not symmetric. ${binsNote}.`,
  compute(pair) {
    const s = binnedShares(pair, 'sturges');
    return { statistic: klDivergence(s.ref, s.cur, { floor: SHARE_FLOOR }), p_value: null };
  },
};

export const BINNED_METHODS: readonly DriftMethod[] = [psi, jensenshannon, hellinger, tvd, kl];
