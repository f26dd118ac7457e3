/** Student t survival function (upper tail), df may be fractional (Welch). */
export function studentTSf(_t: number, _df: number): number { throw new Error('not implemented'); }
export function studentTCdf(_t: number, _df: number): number { throw new Error('not implemented'); }
