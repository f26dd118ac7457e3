/**
 * The names a config file or a command-line flag may use. Core cannot import from src/drift or src/report
 * (layering), so these lists repeat the unions in src/drift/types.ts and src/report/types.ts; a test in
 * test/cli/ fails when they drift apart.
 */

export const PRESET_NAMES = ['default', 'evidently', 'classic'] as const;
export type ConfigPresetName = (typeof PRESET_NAMES)[number];

export const CORRECTION_NAMES = ['none', 'bonferroni', 'benjamini-hochberg'] as const;
export type ConfigCorrectionName = (typeof CORRECTION_NAMES)[number];

/** Registry names of drift methods (--stattest, `stattest:`, `method:`). */
export const METHOD_NAMES = [
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
export type ConfigMethodName = (typeof METHOD_NAMES)[number];

/** Report outputs: `terminal` prints the summary; the others are files. */
export const OUTPUT_FORMATS = ['terminal', 'json', 'csv', 'html', 'png'] as const;
export type ConfigOutputFormat = (typeof OUTPUT_FORMATS)[number];
