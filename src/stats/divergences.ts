export interface PsiOptions {
  /** Share floor for empty bins (default 1e-4). */
  readonly floor?: number;
}
/** Population Stability Index on two share vectors of the same bins. */
export function psi(_reference: ArrayLike<number>, _current: ArrayLike<number>, _options: PsiOptions = {}): number { throw new Error('not implemented'); }
/** Jensen-Shannon distance (scipy.spatial.distance.jensenshannon), base 2 by default. */
export function jensenShannon(_p: ArrayLike<number>, _q: ArrayLike<number>, _base: number = 2): number { throw new Error('not implemented'); }
/** Hellinger distance in [0, 1]. */
export function hellinger(_p: ArrayLike<number>, _q: ArrayLike<number>): number { throw new Error('not implemented'); }
/** Total variation distance, 0.5 * sum |p - q|. */
export function totalVariation(_p: ArrayLike<number>, _q: ArrayLike<number>): number { throw new Error('not implemented'); }
export interface KlOptions { readonly floor?: number; }
/** Kullback-Leibler divergence KL(p || q) in nats (scipy.stats.entropy(p, q)). */
export function klDivergence(_p: ArrayLike<number>, _q: ArrayLike<number>, _options: KlOptions = {}): number { throw new Error('not implemented'); }
