/**
 * The names the drift engine accepts, in the order options and messages list them. The config schema and
 * the command line take them from here; the types in ../types.ts are derived from these lists. A light
 * module on purpose: parsing a command line must not load the engine.
 */
export const PRESET_NAMES = ['default', 'evidently', 'classic'] as const;

export const CORRECTION_NAMES = ['none', 'bonferroni', 'benjamini-hochberg'] as const;

/** Registry names of drift methods (--stattest, `stattest:`, `method:`); the registry implements each. */
export const METHOD_CHOICES = [
  'ks',
  'wasserstein',
  'wasserstein_raw',
  'psi',
  'jensenshannon',
  'hellinger',
  'tvd',
  'kl',
  'anderson',
  'cvm',
  'energy',
  'mannwhitney',
  'ttest',
  'chi2',
  'chisquare_gof',
  'ztest',
  'fisher',
] as const;
