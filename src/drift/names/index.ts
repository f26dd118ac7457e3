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

/**
 * Metrics the model section's performance alert can watch (`performance.metric`, `--performance-metric`):
 * classifiers' accuracy, balanced accuracy, F1, ROC AUC; regressors' MAE, RMSE, R².
 */
export const PERFORMANCE_METRICS = ['accuracy', 'balanced_accuracy', 'f1', 'roc_auc', 'mae', 'rmse', 'r2'] as const;
