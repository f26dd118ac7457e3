/**
 * The `evidently` preset: Evidently 0.4's DataDriftPreset rule by rule (see /work/shared/evidently-preset.md
 * and docs/presets.md), quirks included, so teams can compare verdicts or migrate.
 */
import { methodSpec, type ColumnFacts, type Preset, type PresetChoice } from './types.js';

const LARGE_REFERENCE = 1000;

function choose(f: ColumnFacts): PresetChoice {
  const small = f.nReference <= LARGE_REFERENCE;
  const size = small ? `reference has ${f.nReference} <= ${LARGE_REFERENCE} values` : `reference has ${f.nReference} > ${LARGE_REFERENCE} values`;
  const js = methodSpec('jensenshannon', { threshold: 0.1, params: { base: Math.E } });
  const jsReason = `${size}: Jensen-Shannon distance (natural log) >= 0.1`;
  if (f.kind === 'numeric' && f.nUnique > 5) {
    return small
      ? { test: methodSpec('ks', { threshold: 0.05, inclusive: true }), reason: `numeric with ${f.nUnique} distinct values, ${size}: KS p <= 0.05` }
      : { test: methodSpec('wasserstein', { threshold: 0.1 }), reason: `numeric with ${f.nUnique} distinct values, ${size}: normed Wasserstein >= 0.1` };
  }
  const what = f.kind === 'numeric' ? `numeric with ${f.nUnique} distinct values` : `categorical with ${f.nUnique} categories`;
  if (!small) return { test: js, reason: `${what}, ${jsReason}` };
  return f.nUnique <= 2
    ? { test: methodSpec('ztest', { threshold: 0.05 }), reason: `${what}, ${size}: Z-test p < 0.05` }
    : { test: methodSpec('chisquare_gof', { threshold: 0.05 }), reason: `${what}, ${size}: chi-square goodness of fit p < 0.05` };
}

export const evidentlyPreset: Preset = {
  name: 'evidently',
  choose,
  driftShare: 0.5,
  driftShareStrict: false,
  targetInShare: true,
  notes: [
    'Preset evidently reproduces Evidently 0.4 DataDriftPreset verdicts, quirks included.',
    'Preset evidently: the target and prediction columns count in the dataset drift share, as in Evidently.',
    'Preset evidently: its chi-square goodness of fit (references of up to 1000 rows with 3+ categories) treats reference counts as exact and flags far more than 5% of columns when nothing drifted (about 31% at equal sizes, more when current is larger); a category new in current always flags. Use preset default for calibrated verdicts.',
    'Preset evidently: with more than 1000 reference rows it uses distances with fixed thresholds and no test, so tiny but real shifts can pass unnoticed and verdicts do not depend on sample size.',
  ],
};
