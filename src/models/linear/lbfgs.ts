/**
 * Limited-memory BFGS for smooth unconstrained minimisation, generic over the objective.
 * Stopping rules follow SciPy's L-BFGS-B (what scikit-learn's lbfgs solver calls) so that `gtol` and `ftol`
 * mean the same thing: stop when max |gradient_i| <= gtol, or when the relative decrease of f in one
 * iteration, (f_old - f) / max(|f_old|, |f|, 1), is <= ftol.
 */

/**
 * Writes the gradient at `x` into `grad` and returns the objective value. It must not keep references to
 * `x` or `grad` (the optimiser reuses both buffers).
 */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Maximum number of iterations (SciPy `maxiter`). Default 100. */
  maxIter?: number;
  /** Stop when the largest absolute gradient component is at most this (SciPy `gtol`). Default 1e-5. */
  gtol?: number;
  /** Stop on a relative decrease of f at most this (SciPy `ftol`, default 2.22e-9 = 1e7 x machine eps); 0 disables it. */
  ftol?: number;
  /** Number of correction pairs kept (SciPy `maxcor`). Default 10. */
  memory?: number;
  /** Maximum objective evaluations per line search (SciPy `maxls`). Default 20. */
  maxLineSearch?: number;
}

export type LbfgsStopReason = 'gtol' | 'ftol' | 'max_iter' | 'line_search';

export interface LbfgsResult {
  /** The minimiser found. */
  x: Float64Array;
  /** Objective value at `x`. */
  f: number;
  /** Largest absolute gradient component at `x`. */
  gradMax: number;
  iterations: number;
  evaluations: number;
  /** True when stopped by `gtol` or `ftol`. */
  converged: boolean;
  reason: LbfgsStopReason;
}

// Wolfe constants of SciPy's L-BFGS-B line search (dcsrch): sufficient decrease and curvature.
const C1 = 1e-3;
const C2 = 0.9;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > m) m = v;
  }
  return m;
}

// Minimiser of the cubic interpolating f and f' at a and b, kept inside [a, b] away from the ends.
function cubicStep(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  let t = NaN;
  if (disc >= 0) {
    const d2 = Math.sign(b - a) * Math.sqrt(disc);
    t = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
  }
  const margin = 0.1 * (hi - lo);
  if (!Number.isFinite(t) || t < lo + margin || t > hi - margin) t = (lo + hi) / 2;
  return t;
}

/** Minimises `objective` from `x0` (not modified) with L-BFGS and a strong-Wolfe line search. */
export function minimizeLbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const maxIter = options.maxIter ?? 100;
  const gtol = options.gtol ?? 1e-5;
  const ftol = options.ftol ?? 1e7 * Number.EPSILON;
  const m = options.memory ?? 10;
  const maxLs = options.maxLineSearch ?? 20;
  const n = x0.length;

  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let xTrial = new Float64Array(n);
  let gTrial = new Float64Array(n);
  const dir = new Float64Array(n);
  const sHist = Array.from({ length: m }, () => new Float64Array(n));
  const yHist = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alphaBuf = new Float64Array(m);
  let stored = 0;
  let head = 0; // index of the next slot to write
  let evaluations = 1;
  let f = objective(x, g);
  let iterations = 0;

  const result = (reason: LbfgsStopReason): LbfgsResult => ({
    x,
    f,
    gradMax: maxAbs(g),
    iterations,
    evaluations,
    converged: reason === 'gtol' || reason === 'ftol',
    reason,
  });

  if (maxAbs(g) <= gtol) return result('gtol');

  // Evaluates f and f' along `dir` at step `t`, leaving x + t*dir and its gradient in xTrial / gTrial.
  const phi = (t: number): { f: number; d: number } => {
    for (let i = 0; i < n; i++) xTrial[i] = x[i]! + t * dir[i]!;
    evaluations++;
    const ft = objective(xTrial, gTrial);
    return { f: ft, d: dot(gTrial, dir) };
  };

  while (iterations < maxIter) {
    // Two-loop recursion: dir = -H g, with H0 = (s'y / y'y) I from the newest pair.
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    for (let j = 0; j < stored; j++) {
      const k = (head - 1 - j + m) % m;
      const a = rho[k]! * dot(sHist[k]!, dir);
      alphaBuf[k] = a;
      const yk = yHist[k]!;
      for (let i = 0; i < n; i++) dir[i]! -= a * yk[i]!;
    }
    if (stored > 0) {
      const k = (head - 1 + m) % m;
      const gamma = dot(sHist[k]!, yHist[k]!) / dot(yHist[k]!, yHist[k]!);
      for (let i = 0; i < n; i++) dir[i]! *= gamma;
    }
    for (let j = stored - 1; j >= 0; j--) {
      const k = (head - 1 - j + m) % m;
      const b = rho[k]! * dot(yHist[k]!, dir);
      const sk = sHist[k]!;
      const coeff = alphaBuf[k]! - b;
      for (let i = 0; i < n; i++) dir[i]! += coeff * sk[i]!;
    }
    let d0 = dot(g, dir);
    if (!(d0 < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i]!;
      d0 = dot(g, dir);
    }
    // Like L-BFGS-B, the very first step is scaled to unit length; later steps try the quasi-Newton step 1.
    const t0 = iterations === 0 && stored === 0 ? Math.min(1 / Math.sqrt(dot(dir, dir)), 1e10) : 1;

    const step = strongWolfe(phi, f, d0, t0, maxLs);
    if (step === null) return result('line_search');

    // Accept: s = t*dir, y = g_new - g.
    const fOld = f;
    const sNew = sHist[head]!;
    const yNew = yHist[head]!;
    for (let i = 0; i < n; i++) {
      sNew[i] = xTrial[i]! - x[i]!;
      yNew[i] = gTrial[i]! - g[i]!;
    }
    [x, xTrial] = [xTrial, x];
    [g, gTrial] = [gTrial, g];
    f = step.f;
    iterations++;
    const sy = dot(sNew, yNew);
    // Skip a pair that would make H indefinite (same guard as L-BFGS-B: s'y > eps * y'y).
    if (sy > Number.EPSILON * dot(yNew, yNew)) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }

    if (maxAbs(g) <= gtol) return result('gtol');
    if (ftol > 0 && fOld - f <= ftol * Math.max(Math.abs(fOld), Math.abs(f), 1)) return result('ftol');
  }
  return result('max_iter');
}

/**
 * Strong-Wolfe line search (Nocedal & Wright, algorithms 3.5 and 3.6, cubic interpolation). Returns the
 * accepted step with its f, its point and gradient left in the trial buffers by the last `phi` call, or
 * null when no acceptable step was found within `maxEvals` evaluations.
 */
function strongWolfe(
  phi: (t: number) => { f: number; d: number },
  f0: number,
  d0: number,
  t0: number,
  maxEvals: number,
): { t: number; f: number } | null {
  let tPrev = 0;
  let fPrev = f0;
  let dPrev = d0;
  let t = t0;
  let evals = 0;
  let best: { t: number; f: number } | null = null;
  // Near the optimum f stops changing in floating point, and the Armijo test compares rounding noise.
  // Hager & Zhang's approximate Wolfe conditions then judge the step by the slope instead: f no higher
  // than f0 up to noise, and (2 c1 - 1) d0 >= d >= c2 d0.
  const noise = 1e-12 * Math.max(1, Math.abs(f0));
  const sufficient = (t: number, f: number, d: number): boolean =>
    f <= f0 + C1 * t * d0 || (f <= f0 + noise && d <= (2 * C1 - 1) * d0 && d >= C2 * d0);

  const zoom = (tLo: number, fLo: number, dLo: number, tHi: number, fHi: number, dHi: number): { t: number; f: number } | null => {
    while (evals < maxEvals) {
      const tj = cubicStep(tLo, fLo, dLo, tHi, fHi, dHi);
      const p = phi(tj);
      evals++;
      if (!Number.isFinite(p.f) || !sufficient(tj, p.f, p.d) || p.f > fLo) {
        tHi = tj;
        fHi = p.f;
        dHi = p.d;
      } else {
        if (Math.abs(p.d) <= -C2 * d0) return { t: tj, f: p.f };
        best = { t: tj, f: p.f };
        if (p.d * (tHi - tLo) >= 0) {
          tHi = tLo;
          fHi = fLo;
          dHi = dLo;
        }
        tLo = tj;
        fLo = p.f;
        dLo = p.d;
      }
      if (Math.abs(tHi - tLo) <= 1e-16 * Math.max(1, tLo)) break;
    }
    return null;
  };

  let found: { t: number; f: number } | null = null;
  while (evals < maxEvals) {
    const p = phi(t);
    evals++;
    if (!Number.isFinite(p.f) || !sufficient(t, p.f, p.d) || (evals > 1 && p.f > fPrev)) {
      found = zoom(tPrev, fPrev, dPrev, t, p.f, p.d);
      break;
    }
    if (Math.abs(p.d) <= -C2 * d0) return { t, f: p.f };
    best = { t, f: p.f };
    if (p.d >= 0) {
      found = zoom(t, p.f, p.d, tPrev, fPrev, dPrev);
      break;
    }
    tPrev = t;
    fPrev = p.f;
    dPrev = p.d;
    t *= 2;
  }
  if (found) return found;
  // No step met the curvature condition; settle for the best one with sufficient decrease, as L-BFGS-B does
  // when its line search runs out of evaluations, but only if it still lowers f. Re-evaluate it so that the
  // trial buffers hold that point.
  const fallback = best as { t: number; f: number } | null;
  if (fallback !== null && fallback.f < f0) {
    const p = phi(fallback.t);
    return { t: fallback.t, f: p.f };
  }
  return null;
}
