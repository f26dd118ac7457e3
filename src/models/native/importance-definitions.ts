/**
 * What each kind of feature importance on a model card measures, said on the card itself: permutation
 * importance is a drop in a score (not a share; it can be negative), the others are shares that sum to 1.
 */

/** The score permutation importance watches, by task: see `scoreOf` in train-model.ts. */
export function permutationScore(classes: readonly string[] | null): string {
  if (classes === null) return 'R²';
  return classes.length === 2 ? 'ROC AUC' : 'accuracy';
}

export function importanceDefinitions(kinds: readonly string[], classes: readonly string[] | null): Record<string, string> {
  const all: Record<string, string> = {
    permutation: `permutation importance: the drop in validation ${permutationScore(classes)} when the column's values are shuffled (mean of 2 shuffles); a drop in score, not a share: it does not sum to 1 and can be below 0`,
    gain: 'gain: the share of the total split gain (loss reduction) from splits on the column; shares sum to 1',
    split: 'split count: the share of all splits made on the column; shares sum to 1',
    coefficient: 'coefficient: the share of the summed |coefficient| on standardised inputs; shares sum to 1',
  };
  return Object.fromEntries(kinds.filter((k) => all[k] !== undefined).map((k) => [k, all[k]!]));
}
