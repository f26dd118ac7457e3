/**
 * The `default` preset: a statistical test AND a material effect size must both flag. The test keeps the
 * false-alarm rate at or below its level (5%) for any sample size; the effect size keeps huge samples from
 * flagging changes too small to matter. See docs/presets.md.
 */
import { methodSpec, type ColumnFacts, type Preset, type PresetChoice } from './types.js';

/** Numeric columns with at most this many distinct values (over both samples) are treated as categories. */
export const FEW_VALUES = 5;
export const EFFECT_THRESHOLD = 0.1;

function choose(f: ColumnFacts): PresetChoice {
  if (f.kind === 'numeric' && f.nUnique > FEW_VALUES) {
    return {
      test: methodSpec('ks', { threshold: 0.05 }),
      effect: methodSpec('wasserstein', { threshold: EFFECT_THRESHOLD }),
      combine: 'and',
      reason: `numeric with ${f.nUnique} distinct values: KS p < 0.05 and normed Wasserstein >= ${EFFECT_THRESHOLD}`,
    };
  }
  const what = f.kind === 'numeric' ? `numeric with ${f.nUnique} distinct values (<= ${FEW_VALUES}, treated as categories)` : `categorical with ${f.nUnique} categories`;
  const binary = f.nUnique <= 2;
  return {
    test: methodSpec(binary ? 'ztest' : 'chi2', { threshold: 0.05 }),
    effect: methodSpec('jensenshannon', { threshold: EFFECT_THRESHOLD, params: { base: 2 } }),
    combine: 'and',
    reason: `${what}: ${binary ? 'Z-test' : 'chi-square homogeneity'} p < 0.05 and Jensen-Shannon distance (base 2) >= ${EFFECT_THRESHOLD}`,
  };
}

export const defaultPreset: Preset = {
  name: 'default',
  choose,
  driftShare: 0.5,
  driftShareStrict: false,
  targetInShare: false,
  notes: [],
};
