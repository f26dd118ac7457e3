/** Chi-square survival function (upper tail) with df degrees of freedom. */
export function chi2Sf(_x: number, _df: number): number { throw new Error('not implemented'); }
export function chi2Cdf(_x: number, _df: number): number { throw new Error('not implemented'); }
