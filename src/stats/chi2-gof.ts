import type { Chi2Result } from './chi2-homogeneity.js';
/** Pearson goodness of fit of observed counts against expected counts (scipy.stats.chisquare). */
export function chi2GoodnessOfFit(_observed: ArrayLike<number>, _expected: ArrayLike<number>): Chi2Result { throw new Error('not implemented'); }
