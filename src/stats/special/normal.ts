/** Standard normal distribution, accurate in the far tails. */
export function normalCdf(_x: number): number { throw new Error('not implemented'); }
/** Survival function 1 - cdf, computed without cancellation. */
export function normalSf(_x: number): number { throw new Error('not implemented'); }
/** Inverse of normalCdf. */
export function normalPpf(_p: number): number { throw new Error('not implemented'); }
