import type { TestResult } from './types.js';
export interface Chi2Result extends TestResult { readonly dof: number; }
/** Chi-square test of homogeneity on the 2 x K table of reference and current category counts (no Yates correction). */
export function chi2Homogeneity(_reference: ArrayLike<number>, _current: ArrayLike<number>): Chi2Result { throw new Error('not implemented'); }
