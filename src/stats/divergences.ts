/**
 * Divergences between two discrete distributions given as share (or count) vectors over the same bins.
 * Sums follow NumPy's order so results agree with SciPy to the last bits.
 */
import { DriftwatchError } from '../core/index.js';
import { numpySum } from './internal/numpy-sum.js';
import { requireCounts, requireSameNonEmptyLength } from './internal/validate-counts.js';

export interface PsiOptions {
  /** Share floor for empty bins (default 1e-4). */
  readonly floor?: number;
}

function checkPair(p: ArrayLike<number>, q: ArrayLike<number>, what: string): void {
  requireSameNonEmptyLength(p, q, what);
  requireCounts(p, what);
  requireCounts(q, what);
}

/** `v / sum(v)`, like SciPy's normalisation of its inputs; a zero total is misuse. */
function normalise(v: ArrayLike<number>, what: string): Float64Array {
  const total = numpySum(v);
  if (!(total > 0)) throw new DriftwatchError('INVALID_ARGUMENT', `${what} needs a vector with a positive total`, { field: what });
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / total;
  return out;
}

function checkFloor(floor: number, what: string): void {
  if (!(floor > 0 && floor < 1)) throw new DriftwatchError('INVALID_ARGUMENT', `${what}: floor must be in (0, 1), got ${floor}`, { field: 'floor' });
}

/** scipy.special.rel_entr: x ln(x/y), 0 when x = 0, +Infinity when x > 0 and y = 0. */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * Population Stability Index on two share vectors of the same bins:
 * PSI = sum((c - r) * ln(c / r)).
 *
 * Our documented rule: every share below `floor` (default 1e-4) is replaced by `floor` in both vectors
 * first, so empty bins give a large but finite term; the vectors are NOT renormalised afterwards (the
 * common practice; renormalising would move every other bin by a floor-sized amount). Evidently's variant
 * replaces only exact zeros by 1e-4 (`np.where(share == 0, 0.0001, share)`), which equals ours whenever no
 * share lies strictly between 0 and the floor.
 */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>, options: PsiOptions = {}): number {
  checkPair(reference, current, 'psi');
  const floor = options.floor ?? 1e-4;
  checkFloor(floor, 'psi');
  const terms = new Float64Array(reference.length);
  for (let i = 0; i < terms.length; i++) {
    const r = Math.max(reference[i]!, floor);
    const c = Math.max(current[i]!, floor);
    terms[i] = (c - r) * Math.log(c / r);
  }
  return numpySum(terms);
}

/**
 * Jensen-Shannon distance, exactly scipy.spatial.distance.jensenshannon(p, q, base): p and q are first
 * normalised to sum 1; the result is sqrt(JS divergence) in the given base (2 by default, so it lies in
 * [0, 1]; pass Math.E for nats).
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>, base: number = 2): number {
  checkPair(p, q, 'jensenShannon');
  if (!(base > 0) || base === 1 || !Number.isFinite(base)) {
    throw new DriftwatchError('INVALID_ARGUMENT', `jensenShannon: base must be positive, finite and not 1, got ${base}`, { field: 'base' });
  }
  const pn = normalise(p, 'jensenShannon');
  const qn = normalise(q, 'jensenShannon');
  const left = new Float64Array(pn.length);
  const right = new Float64Array(pn.length);
  for (let i = 0; i < pn.length; i++) {
    const m = (pn[i]! + qn[i]!) / 2;
    left[i] = relEntr(pn[i]!, m);
    right[i] = relEntr(qn[i]!, m);
  }
  let js = numpySum(left) + numpySum(right);
  js /= Math.log(base);
  // Rounding can leave a divergence of -1e-17 for identical inputs; SciPy would return NaN there.
  return Math.sqrt(Math.max(js / 2, 0));
}

/**
 * Hellinger distance in [0, 1] between p and q (both normalised to sum 1):
 * H = sqrt(1 - sum sqrt(p_i q_i)), evaluated as (1/sqrt 2) * ||sqrt p - sqrt q||_2, which is the same
 * quantity without the cancellation of 1 - sum when the distributions are close.
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkPair(p, q, 'hellinger');
  const pn = normalise(p, 'hellinger');
  const qn = normalise(q, 'hellinger');
  const sq = new Float64Array(pn.length);
  for (let i = 0; i < pn.length; i++) {
    const d = Math.sqrt(pn[i]!) - Math.sqrt(qn[i]!);
    sq[i] = d * d;
  }
  return Math.min(1, Math.sqrt(numpySum(sq)) / Math.SQRT2);
}

/** Total variation distance 0.5 * sum |p - q| in [0, 1], p and q normalised to sum 1. */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkPair(p, q, 'totalVariation');
  const pn = normalise(p, 'totalVariation');
  const qn = normalise(q, 'totalVariation');
  const d = new Float64Array(pn.length);
  for (let i = 0; i < pn.length; i++) d[i] = Math.abs(pn[i]! - qn[i]!);
  return 0.5 * numpySum(d);
}

export interface KlOptions {
  /**
   * Optional share floor: after normalising, shares of p and q below `floor` are raised to it and both
   * vectors are normalised again (as scipy.stats.entropy does with its inputs). Without it a bin with
   * q_i = 0 < p_i makes the divergence +Infinity, as in SciPy.
   */
  readonly floor?: number;
}

/** Kullback-Leibler divergence KL(p || q) in nats, exactly scipy.stats.entropy(p, q) (inputs normalised). */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>, options: KlOptions = {}): number {
  checkPair(p, q, 'klDivergence');
  let pn = normalise(p, 'klDivergence');
  let qn = normalise(q, 'klDivergence');
  if (options.floor !== undefined) {
    const floor = options.floor;
    checkFloor(floor, 'klDivergence');
    pn = normalise(pn.map((x) => Math.max(x, floor)), 'klDivergence');
    qn = normalise(qn.map((x) => Math.max(x, floor)), 'klDivergence');
  }
  const terms = new Float64Array(pn.length);
  for (let i = 0; i < pn.length; i++) terms[i] = relEntr(pn[i]!, qn[i]!);
  return numpySum(terms);
}
