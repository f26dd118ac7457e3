/** Bonferroni-adjusted p-values (capped at 1), in input order. */
export function bonferroni(_pValues: readonly number[]): number[] { throw new Error('not implemented'); }
/** Benjamini-Hochberg adjusted p-values (monotone, capped at 1), in input order. */
export function benjaminiHochberg(_pValues: readonly number[]): number[] { throw new Error('not implemented'); }
