/**
 * Tests on category counts. They also apply to numeric columns, whose distinct values then act as
 * categories (the presets send numeric columns with few values here).
 */
import { chi2GoodnessOfFit } from '../../stats/index.js';
import { chi2Homogeneity } from '../../stats/index.js';
import { fisherExact } from '../../stats/index.js';
import { zTestProportions } from '../../stats/index.js';
import type { DriftMethod } from './types.js';

const common = { kinds: ['numeric', 'categorical'], scoreKind: 'p_value', defaultThreshold: 0.05, largerIsMoreDrift: false } as const;

/** Nothing to compare when only one category exists over both samples. */
const NO_EVIDENCE = { statistic: 0, p_value: 1 } as const;

export const chi2: DriftMethod = {
  ...common,
  name: 'chi2',
  binaryOnly: false,
  description: 'Chi-square test of homogeneity on the 2 x K table of reference and current counts (SciPy chi2_contingency without Yates correction): both samples are treated as samples.',
  compute(pair) {
    const c = pair.counts();
    if (c.ref.length < 2) return NO_EVIDENCE;
    const r = chi2Homogeneity(c.ref, c.cur);
    return { statistic: r.statistic, p_value: r.pValue };
  },
};

export const chisquareGof: DriftMethod = {
  ...common,
  name: 'chisquare_gof',
  binaryOnly: false,
  description:
    "Chi-square goodness of fit of current counts against reference counts scaled to the current size (Evidently's chi-square; SciPy chisquare). A category new in current makes it infinite (p = 0). It treats the reference as exact, so it flags far more than its nominal rate under no drift: prefer chi2.",
  compute(pair) {
    const c = pair.counts();
    if (c.ref.length < 2) return NO_EVIDENCE;
    const scale = c.nCur / c.nRef;
    const expected = new Float64Array(c.ref.length);
    for (let i = 0; i < expected.length; i++) {
      // Every category is in reference or current, so expected 0 means observed > 0: the statistic is infinite.
      if (c.ref[i] === 0) return { statistic: Infinity, p_value: 0 };
      expected[i] = c.ref[i] * scale;
    }
    const r = chi2GoodnessOfFit(c.cur, expected);
    return { statistic: r.statistic, p_value: r.pValue };
  },
};

export const ztest: DriftMethod = {
  ...common,
  name: 'ztest',
  binaryOnly: true,
  description:
    'Two-proportion pooled Z-test, two-sided, on the share of values that differ from the smallest value (binary columns). Statistic = z, positive when the reference share is larger.',
  compute(pair) {
    const c = pair.counts();
    if (c.ref.length < 2) return NO_EVIDENCE;
    const r = zTestProportions(c.ref[1], c.nRef, c.cur[1], c.nCur);
    return { statistic: r.statistic, p_value: r.pValue };
  },
};

export const fisher: DriftMethod = {
  ...common,
  name: 'fisher',
  binaryOnly: true,
  description: "Fisher's exact test on the 2 x 2 table of reference and current counts, two-sided (SciPy fisher_exact); binary columns only. Statistic = sample odds ratio.",
  compute(pair) {
    const c = pair.counts();
    // One category over both samples: no association to measure; odds ratio 1 by convention.
    if (c.ref.length < 2) return { statistic: 1, p_value: 1 };
    const r = fisherExact(c.ref[0], c.ref[1], c.cur[0], c.cur[1]);
    return { statistic: r.statistic, p_value: r.pValue };
  },
};

export const COUNT_METHODS: readonly DriftMethod[] = [chi2, chisquareGof, ztest, fisher];
