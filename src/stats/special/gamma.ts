/** log|Gamma(x)|. */
export function logGamma(_x: number): number { throw new Error('not implemented'); }
/** Regularized lower incomplete gamma P(a, x). */
export function gammaP(_a: number, _x: number): number { throw new Error('not implemented'); }
/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate when small. */
export function gammaQ(_a: number, _x: number): number { throw new Error('not implemented'); }
