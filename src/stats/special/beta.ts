/** log Beta(a, b). */
export function logBeta(_a: number, _b: number): number { throw new Error('not implemented'); }
/** Regularized incomplete beta I_x(a, b). */
export function betaInc(_x: number, _a: number, _b: number): number { throw new Error('not implemented'); }
