/**
 * The `classic` preset: the rules of thumb common in industry monitoring. Numeric: the KS statistic used as
 * a distance (> 0.10) or PSI (> 0.20, flag and overall alert) — either flags the column. Categorical:
 * chi-square homogeneity p < 0.05. Dataset drift when more than 30% of the features drift.
 */
import { methodSpec, type ColumnFacts, type Preset, type PresetChoice } from './types.js';

export const KS_STATISTIC_THRESHOLD = 0.1;
export const PSI_THRESHOLD = 0.2;

function choose(f: ColumnFacts): PresetChoice {
  if (f.kind === 'numeric') {
    return {
      test: methodSpec('ks', { threshold: KS_STATISTIC_THRESHOLD, scoreKind: 'distance', inclusive: false }),
      effect: methodSpec('psi', { threshold: PSI_THRESHOLD, inclusive: false }),
      combine: 'or',
      reason: `numeric: KS statistic > ${KS_STATISTIC_THRESHOLD} or PSI > ${PSI_THRESHOLD}`,
    };
  }
  return { test: methodSpec('chi2', { threshold: 0.05 }), reason: 'categorical: chi-square homogeneity p < 0.05' };
}

export const classicPreset: Preset = {
  name: 'classic',
  choose,
  driftShare: 0.3,
  driftShareStrict: true,
  targetInShare: false,
  notes: [
    'Preset classic: numeric columns drift when the KS statistic > 0.10 or PSI > 0.20; neither depends on sample size, so small samples flag often and large ones rarely.',
  ],
};
