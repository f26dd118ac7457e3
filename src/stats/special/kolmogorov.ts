/** Survival function of the limiting Kolmogorov distribution (scipy.special.kolmogorov). */
export function kolmogorovSf(_x: number): number { throw new Error('not implemented'); }
